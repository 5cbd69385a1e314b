"""The "Your clinic" panel: the clinic's logo, how to reach it, and its protocol (``clinic.toml``)."""
