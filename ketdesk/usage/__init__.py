"""Privacy-safe usage counts for the clinic: how many, per hour, never who (docs/privacy.md)."""
