"""The base of every content type, apart from the types so that any schema module can use it."""

import msgspec

# Source ids are referenced from every panel; keep them short and predictable.
SourceIds = tuple[str, ...]


class Model(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """Base of every content type: immutable and strict about keys."""


def _require_text(value: str, what: str) -> None:
    if not value.strip():
        raise ValueError(f"{what} must not be empty")
