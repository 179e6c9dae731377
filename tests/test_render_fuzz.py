"""Templates never meet a shape the loader did not check: every template renders every catalog the
loader accepts. Hypothesis writes small data trees (entries with and without their optional
parts, comparisons of any width with or without a status column, sometimes with a cell missing,
misnamed or a column key twice, glossary terms with and without an entry, onboarding days);
whatever loads must render, page by page and component by component."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml
from conftest import COMPARISON, ENTRY, write_tiny_data
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stackguide import pages, render
from stackguide.catalog import Catalog
from stackguide.errors import DataError
from stackguide.load import load_catalog

IDS = ["one", "two", "three", "four"]
LAYERS = ["alpha", "beta"]
WORD = st.sampled_from(["Fast", "Cheap", "Managed", "Serverless", "Open source", "Retired in 2023", "GPU", "S3"])


@st.composite
def entry(draw: st.DrawFn, entry_id: str, others: list[str]) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(ENTRY.format(id=entry_id, name=entry_id.title(),
                                                       layer=draw(st.sampled_from(LAYERS))))
    data["capabilities"] = [f"{draw(WORD)} [^doc]." for _ in range(draw(st.integers(1, 3)))]
    if draw(st.booleans()):
        data["notes_say"] = draw(WORD) + " *then*."
    if draw(st.booleans()):
        data["stories"] = [{"name": f"Story {n}", "summary": draw(WORD) + ".",
                            "claims": [{"text": f"{draw(WORD)} [^doc].", "verdict": verdict}
                                       for verdict in draw(st.lists(st.sampled_from(
                                           ["verified", "contradicted", "dated"]), min_size=1, max_size=3))]}
                           for n in range(draw(st.integers(1, 2)))]
    other_layers = [layer for layer in LAYERS if layer != data["layer"]]  # its own layer is refused
    data["related"] = draw(st.lists(st.sampled_from([*others, *other_layers]), unique=True, max_size=3))
    data["tags"] = draw(st.lists(st.sampled_from(["speech", "vision"]), unique=True))
    data["keywords"] = draw(st.lists(WORD, unique=True, max_size=2))
    data["questions"] = draw(st.lists(st.sampled_from(["How do I start?", "What does it cost?"]), unique=True))
    data["abbreviations"] = draw(st.lists(st.sampled_from(["AB", "CD"]), unique=True))
    data["previous_names"] = draw(st.lists(st.sampled_from(["Old name", "Older name"]), unique=True))
    if not data["related"]:
        del data["related"]
    data["lifecycle"] = draw(lifecycle(others))
    own = [event for event in data["lifecycle"] if "feature" not in event]
    closing = {"closed-to-new-customers", "maintenance", "retired", "end-of-support", "replaced-by"}
    if any(event["event"] in closing for event in own) and not any(event.get("successor") for event in own):
        data["instead"] = "Nothing replaces it; use " + draw(WORD) + "."
    return data


@st.composite
def lifecycle(draw: st.DrawFn, others: list[str]) -> list[dict[str, Any]]:
    """A launch, then any of the later events, on a part or the whole, dated before or after the
    build's day (only an end of support may lie ahead)."""
    events: list[dict[str, Any]] = [{"event": "launched", "date": "2019", "cite": "doc"}]
    for year, kind in zip(range(2020, 2026), draw(st.lists(st.sampled_from(
            ["generally-available", "closed-to-new-customers", "maintenance", "replaced-by", "retired"]),
            max_size=3, unique=True)), strict=False):
        event: dict[str, Any] = {"event": kind, "date": f"{year}-06-30", "cite": "doc"}
        if kind == "replaced-by" or (others and draw(st.booleans()) and kind != "generally-available"):
            event["successor"] = draw(st.sampled_from(others))
        if draw(st.booleans()) and kind != "replaced-by":
            event["feature"] = "A part"
        events.append(event)
    if draw(st.booleans()):
        # An end ahead that names a successor is listed under "Closing soon" with what to use instead:
        # the successor, or what replaced it since, or nothing when that has closed too.
        end: dict[str, Any] = {"event": "end-of-support", "date": draw(st.sampled_from(["2026-01-31", "2027-04-30"])),
                               "cite": "doc", **({"feature": "Its plugins"} if draw(st.booleans()) else {})}
        if draw(st.booleans()) and others:
            end["successor"] = draw(st.sampled_from(others))
        events.append(end)
    return events


@st.composite
def comparison(draw: st.DrawFn, comparison_id: str, entries: list[str]) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(COMPARISON.format(second=entries[1], second_cell="High [^doc]"))
    data["id"] = comparison_id
    data["title"] = f"Pick {comparison_id}"  # a page's name is its own
    names = st.sampled_from(["cost", "speed", "scale", "ops"])
    keys = draw(st.lists(names, min_size=1, max_size=4, unique=True) | st.lists(names, min_size=2, max_size=3))
    data["columns"] = [{"key": key, "title": key.title()} for key in keys]
    rows = draw(st.lists(st.sampled_from(entries), min_size=2, max_size=4, unique=True))
    # Mostly a cell per column; sometimes one missing, or one under a key no column has.
    cells = st.just(list(dict.fromkeys(keys))) | st.lists(names, min_size=1, max_size=4, unique=True)
    data["rows"] = [{"entry": row, "cells": {key: f"{draw(WORD)} [^doc]" for key in draw(cells)}} for row in rows]
    data["show_status"] = draw(st.booleans())
    return data


@st.composite
def data_tree(draw: st.DrawFn) -> dict[str, Any]:
    ids = IDS[:draw(st.integers(2, len(IDS)))]
    tree: dict[str, Any] = {f"data/services/{i}.yaml": draw(entry(i, [o for o in ids if o != i])) for i in ids}
    tables = [f"pick-{n}" for n in range(draw(st.integers(0, 2)))]
    for table in tables:
        tree[f"data/comparisons/{table}.yaml"] = draw(comparison(table, ids))
    terms = [{"term": term, "expansion": f"The {term}", "definition": f"About *{term}*.",
              **({"entry": draw(st.sampled_from(ids))} if draw(st.booleans()) else {})}
             for term in draw(st.lists(st.sampled_from(["ML", "S3", "GPU", "API"]), min_size=1, unique=True))]
    tree["data/glossary.yaml"] = {"terms": terms}
    pages_ = [*ids, *LAYERS, *tables]
    path = draw(st.lists(st.sampled_from(pages_), min_size=1, max_size=6, unique=True))  # a page is one step
    cut = draw(st.integers(1, len(path)))
    tree["data/onboarding.yaml"] = {"days": [
        {"title": f"Day {n}", "goal": "Learn.", "steps": [{"page": page, "why": "Because."} for page in steps]}
        for n, steps in enumerate([path[:cut], path[cut:]]) if steps]}
    return tree


def render_everything(catalog: Catalog) -> None:
    for item in catalog.pages():
        assert render.render_page(catalog, item).strip()
        assert pages.generated_page(catalog, item).content
    for component in (render.render_stack_diagram, render.render_catalog_table, render.render_changes,
                      render.render_glossary, render.render_onboarding, render.render_review_queue,
                      render.render_url_scheme):
        assert isinstance(component(catalog), str)
    assert pages.catalog_json(catalog, "/") and pages.llms_txt(catalog, "Site", "About.", "/")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tree=data_tree())
def test_every_template_renders_every_catalog_the_loader_accepts(tree: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_tiny_data(root)
        for rel, data in tree.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
        try:
            catalog = load_catalog(root)
        except DataError as err:
            # Refused on purpose: tables whose cells do not match their columns, and successors drawn in a circle.
            assert all((problem.path.startswith("data/comparisons/") and ("cells" in problem.message or "column"
                       in problem.message)) or "successors form a cycle" in problem.message
                       for problem in err.problems), str(err)
            return
        render_everything(catalog)
