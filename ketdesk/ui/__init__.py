"""Everything that draws: the main window, the kit every panel shares (widgets, text, theme,
charts, colour, geometry) and, under ``panels/``, one subpackage per panel."""
