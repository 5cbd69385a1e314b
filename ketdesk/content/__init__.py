"""The content model: typed, frozen, validated data loaded from ``resources/content``.

This package imports no Qt, so it can be checked from the command line, in tests and in CI
without a display.
"""

from ketdesk.content.loader import ContentProblem, LoadResult, check_content, load_content
from ketdesk.content.schema.pack import ContentPack

__all__ = ["ContentPack", "ContentProblem", "LoadResult", "check_content", "load_content"]
