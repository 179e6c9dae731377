"""Rendering: templates present typed objects, and nothing from data can inject markup."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, write

from stackguide import render
from stackguide.load import load_catalog
from stackguide.model import Entry


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(ROOT)


def test_markup_in_a_text_field_renders_inert(catalog) -> None:
    entry = catalog.entries[0]
    # Built without validation, as if a value slipped past the loader.
    hostile = Entry.model_construct(**{**dict(entry), "summary": '<script>alert("x")</script>',
                                      "name": "<img src=x onerror=alert(1)>"})
    html = render.render_entry(catalog, hostile) + render.render_cards((hostile,))
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x" in html


def test_strict_undefined_fails_loudly(tmp_path: Path) -> None:
    from jinja2 import UndefinedError

    template = render.environment().from_string("{{ entry.no_such_field }}")
    with pytest.raises(UndefinedError):
        template.render(entry=object())


def test_entry_page_has_every_section(catalog) -> None:
    entry = next(e for e in catalog.entries if e.notes_say)
    markdown = render.render_entry(catalog, entry)
    for heading in ("## What it is", "## What the notes said", "## What is true now", "## Key capabilities",
                    "## How it fits", "## Official links", "## Sources"):
        assert heading in markdown


def test_table_cells_cannot_break_the_table() -> None:
    assert render.table_cell("a | b\nc") == "a \\| b c"


def test_glossary_terms_are_siblings_not_nested(catalog) -> None:
    markdown = render.render_glossary(catalog)
    blocks = [block for block in markdown.split("\n\n") if block.strip()]
    assert len(blocks) == len(catalog.glossary.terms), "each term is its own block, separated by a blank line"
    assert all(block.lstrip().startswith("**") for block in blocks)


def test_a_page_gets_only_the_abbreviations_it_mentions(catalog) -> None:
    abbreviations = render.Abbreviations(catalog)
    definitions = abbreviations.for_page("Query S3 with SQL; MLOps and EMRFS are other words.").splitlines()
    assert [line.split("]")[0] for line in definitions] == ["*[S3", "*[SQL"]
    assert abbreviations.for_page("Nothing from the glossary here.") == ""


def test_every_glossary_term_can_be_found(catalog) -> None:
    abbreviations = render.Abbreviations(catalog)
    for term in catalog.glossary.terms:
        assert f"*[{term.term}]: {term.expansion}" in abbreviations.for_page(f"About {term.term}.")


def test_changes_page_follows_the_data(data_root: Path) -> None:
    # "one" becomes a retired framework from the notes, replaced by "two", which the notes never named.
    text = (data_root / "data/services/one.yaml").read_text()
    text = text.replace("  state: active\n", "  state: retired\n  date: 2023-09-20\n  successor: two\n")
    write(data_root, "data/services/one.yaml", text + "notes_say: It was in the notes.\n")
    write(data_root, "data/services/two.yaml",
          (data_root / "data/services/two.yaml").read_text() + "launched: 2024-05\n")
    catalog = load_catalog(data_root)
    assert [entry.id for entry in catalog.changes()] == ["one"]
    assert [entry.id for entry in catalog.newcomers()] == ["two"]
    assert catalog.unchanged() == ()
    markdown = render.render_changes(catalog)
    assert '<time datetime="2023-09-20">2023-09-20</time> [One](/services/one.md)' in markdown
    assert "Now: [Two](/services/two.md)." in markdown
    newcomer = '<time datetime="2024-05">2024-05</time> [Two](/services/two.md) <span class="sg-kind">Beta</span>'
    assert newcomer in markdown


def test_changes_are_newest_first_and_cover_every_entry(catalog) -> None:
    dates = [entry.status.date for entry in catalog.changes()]
    assert dates == sorted(dates, reverse=True)
    assert all(entry in catalog.changes() for entry in catalog.entries if entry.status.state.value != "active")
    launched = [entry.launched for entry in catalog.newcomers() if entry.launched]
    assert launched == sorted(launched)
    covered = {entry.id for entry in (*catalog.changes(), *catalog.newcomers(), *catalog.unchanged())}
    assert covered == {entry.id for entry in catalog.entries}
