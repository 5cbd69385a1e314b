"""The Risks panel: the session chart, dose range bars and their drawing helpers.

The view is ``view.RisksPanel``, imported (with what it uses from here) when the panel is first shown.
"""
