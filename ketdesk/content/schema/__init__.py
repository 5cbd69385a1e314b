"""Schema of the content pack: one module per content file, plus the shared building blocks."""
