"""Everything that draws: the main window, shared widgets, theme, and one module per panel."""
