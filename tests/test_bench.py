"""The benchmark compares like with like: its synthetic catalog passes the real loader, and both
plain baselines hold exactly its pages; only their navigation differs."""

from __future__ import annotations

import importlib
import importlib.util
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from stackguide.families import ENTRY_FAMILIES
from stackguide.load import load_catalog
from stackguide.model import Comparison

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
    assert [entry.id for entry in catalog.entries if entry.id.startswith("synthetic-")] and len(catalog.entries) == SIZE
    assert {catalog.family(entry) for entry in catalog.entries} == set(ENTRY_FAMILIES), "every entry family is used"


def test_both_baselines_hold_every_page_and_only_the_nav_differs(projects: dict[str, Path]) -> None:
    catalog = load_catalog(projects["ours"])
    expected = {catalog.page_path(item) for item in catalog.pages() if not isinstance(item, Comparison)} | {"index.md"}
    for name in ("flat", "reference"):
        docs = projects[name] / "docs"
        assert {path.relative_to(docs).as_posix() for path in docs.rglob("*.md")} == expected, name
    flat = yaml.safe_load((projects["flat"] / "mkdocs.yml").read_text())
    assert all(isinstance(item, str) for item in flat["nav"]) and "features" not in flat["theme"]
    reference = yaml.safe_load((projects["reference"] / "mkdocs.yml").read_text())
    assert reference["theme"]["features"] == ["navigation.prune"]
    sections = [next(iter(item.values())) for item in reference["nav"] if isinstance(item, dict)]
    pages = len(flat["nav"]) - 1  # all but the home page
    assert [len(section) for section in sections] == [min(SECTION, pages - start) for start in range(0, pages, SECTION)]


@pytest.mark.build  # builds in a subprocess
def test_the_phase_split_times_every_part_of_a_real_build(projects: dict[str, Path]) -> None:
    """The split wraps the plugin's own hooks (some are MkDocs CombinedEvents): it must still build,
    and its parts must add up to the build and include our code's."""
    split = importlib.import_module("phases")  # bench/phases.py, on the path bench.py set
    phases, pages, total, ours_cpu = split.phase_split_in_subprocess(projects["ours"])
    assert abs(sum(phases.values()) - total) < 0.01 * total
    assert all(phases.get(name, 0) > 0 for name in ("data load and checks", "page generation (ours)",
                                                     "rest of our plugin", "Markdown conversion", "theme rendering"))
    assert 0 < ours_cpu < 1 and pages
    share = split.share_of_ours((phases, pages, total, ours_cpu))
    assert share * total == pytest.approx(sum(phases.get(name, 0) for name in split.OURS)) and 0 < share < 1


@pytest.mark.build  # builds in a subprocess
def test_a_new_machine_build_sees_only_its_own_empty_temporary_folder(projects: dict[str, Path],
                                                                     tmp_path: Path) -> None:
    """The build that stands for a CI job compiles the templates into the empty folder it was given
    (so none compiled earlier could be read), and new_machine_share builds a copy of the project
    without its .cache, leaving the project as it was."""
    split = importlib.import_module("phases")
    phases, _, total, _ = split.phase_split_in_subprocess(projects["ours"], temp_dir=tmp_path)
    kept = [path.name for path in tmp_path.glob("_jinja2-cache-*/__stackguide_*")]
    assert sum(name.endswith(".cache") for name in kept) >= 10, kept  # the templates, compiled there
    assert any("catalog.schema.json" in name for name in kept), kept
    assert total > 0 and phases["data load and checks"] > 0
    before = sorted(path.relative_to(projects["ours"]) for path in projects["ours"].rglob("*"))
    share = bench.new_machine_share(projects["ours"])
    assert 0 < share < 1
    assert sorted(path.relative_to(projects["ours"]) for path in projects["ours"].rglob("*")) == before
