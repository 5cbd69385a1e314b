"""The Sources panel: every citation, numbered and grouped by the panel that cites it.

The view is ``view.SourcesPanel``, imported (with what it uses from here) when the panel is first shown.
"""
