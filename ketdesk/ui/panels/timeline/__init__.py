"""The Timeline panel: the efficacy chart, its key and word placement, table, icon arrays.

The view is ``view.TimelinePanel``, imported (with what it uses from here) when the panel is first shown.
"""
