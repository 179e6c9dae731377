"""The Markdown extensions the generated pages need: added where mkdocs.yml leaves them out,
a contradicting setting refused."""

from __future__ import annotations

from typing import Any

from stackguide.internals import SOURCES_MARKER
from stackguide.mdextensions import REQUIRED, add_required


def test_what_is_missing_is_added_and_what_is_given_is_kept() -> None:
    extensions: list[Any] = ["abbr", "markdown.extensions.tables", "footnotes"]
    settings: dict[str, dict[str, Any]] = {"footnotes": {"BACKLINK_TEXT": "^"}}
    assert add_required(extensions, settings) == []
    assert extensions == ["abbr", "markdown.extensions.tables", "footnotes", *(
        name for name in REQUIRED if name not in ("tables", "footnotes"))]
    assert settings["footnotes"] == {"BACKLINK_TEXT": "^", "PLACE_MARKER": SOURCES_MARKER,
                                     "USE_DEFINITION_ORDER": True}
    again = list(extensions)
    assert add_required(again, settings) == [] and again == extensions  # nothing twice


def test_a_setting_the_pages_cannot_work_with_is_a_conflict() -> None:
    settings: dict[str, dict[str, Any]] = {"footnotes": {"USE_DEFINITION_ORDER": False}}
    assert add_required(["footnotes"], settings) == ["footnotes: USE_DEFINITION_ORDER must be True, not False"]
