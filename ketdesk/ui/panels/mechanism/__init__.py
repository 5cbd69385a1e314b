"""The How-it-works panel: the stepped synapse diagram, its labels, layers and swipe.

The view is ``view.MechanismPanel``, imported (with what it uses from here) when the panel is first shown.
"""
