"""The Other-conditions panel: condition cards, evidence meters, details sheet, people chart.

The view is ``view.ConditionsPanel``, imported (with what it uses from here) when the panel is first shown.
"""
