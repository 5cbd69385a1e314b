"""The Overview panel: what ketamine infusion is, who it is for, how a visit goes.

The view is ``view.OverviewPanel``, imported (with what it uses from here) when the panel is first shown.
"""
