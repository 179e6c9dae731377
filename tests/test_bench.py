"""The benchmark compares like with like: its synthetic catalog and both plain baselines hold
the same pages, and only the navigation differs between the baselines."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, mkdocs_build

from stackguide.catalog import page_path, page_url
from stackguide.load import load_catalog

SIZE = 12
SECTION = 5

_spec = importlib.util.spec_from_file_location("bench", ROOT / "bench" / "bench.py")
assert _spec and _spec.loader
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)


@pytest.fixture(scope="module")
def projects(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("bench")
    made = {name: root / name for name in ("ours", "flat", "reference")}
    for path in made.values():
        path.mkdir()
    bench.make_data_project(made["ours"], SIZE)
    bench.make_baseline_project(made["flat"], made["ours"])
    bench.make_baseline_project(made["reference"], made["ours"], section_size=SECTION)
    return made


def test_the_synthetic_catalog_passes_the_real_loader(projects: dict[str, Path]) -> None:
    catalog = load_catalog(projects["ours"])
    assert len(catalog.entries) == SIZE
    assert all(entry.id.startswith("synthetic-") for entry in catalog.entries)


def test_both_baselines_hold_every_page_of_the_synthetic_catalog(projects: dict[str, Path]) -> None:
    catalog = load_catalog(projects["ours"])
    expected = {page_path(item) for item in (*catalog.layers, *catalog.entries)} | {"index.md"}
    for name in ("flat", "reference"):
        docs = projects[name] / "docs"
        assert {path.relative_to(docs).as_posix() for path in docs.rglob("*.md")} == expected, name


def test_the_flat_nav_is_one_list_and_the_reference_is_sectioned_and_pruned(projects: dict[str, Path]) -> None:
    flat = yaml.safe_load((projects["flat"] / "mkdocs.yml").read_text())
    assert all(isinstance(item, str) for item in flat["nav"])
    assert "features" not in flat["theme"]
    reference = yaml.safe_load((projects["reference"] / "mkdocs.yml").read_text())
    assert reference["theme"]["features"] == ["navigation.prune"]
    sections = [next(iter(item.values())) for item in reference["nav"] if isinstance(item, dict)]
    pages = len(flat["nav"]) - 1  # all but the home page
    assert [len(section) for section in sections] == [min(SECTION, pages - start) for start in range(0, pages, SECTION)]


def test_ours_and_the_baseline_show_the_same_entry_text(projects: dict[str, Path], tmp_path: Path) -> None:
    entry = load_catalog(projects["ours"]).entries[0]
    sentence = entry.description.split(".")[0]
    for name in ("ours", "flat"):
        site = tmp_path / name
        result = mkdocs_build(projects[name], site_dir=site)
        assert result.returncode == 0, result.stderr
        assert sentence in (site / page_url(entry) / "index.html").read_text(), name


def test_the_floor_measures_start_up_and_markdown(projects: dict[str, Path]) -> None:
    startup, markdown = bench.floor_seconds(projects["reference"], runs=1)
    assert startup > 0 and markdown > 0
