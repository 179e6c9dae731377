"""Parsed data files kept between builds: the next load parses only what changed, and finds the same."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT, write
from hypothesis import given, settings
from hypothesis import strategies as st

from stackguide import yamlsource
from stackguide.errors import DataError, Problems
from stackguide.load import load_catalog
from stackguide.yamlcache import ParsedFiles
from stackguide.yamlsource import read_document


def kept(folder: Path) -> dict[str, object]:
    (path,) = folder.glob("parsed-*.json")
    found: dict[str, object] = json.loads(path.read_text())
    return found


def test_a_second_load_parses_no_file_and_finds_the_same(data_root: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "cache"
    first = load_catalog(data_root, parsed=ParsedFiles(folder))
    assert len(kept(folder)) == len(list((data_root / "data").rglob("*.yaml")))

    def parse(text: str, found: list[tuple[int, str]]) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(yamlsource, "_read_events", parse)
    (path,) = folder.iterdir()
    written = path.stat().st_ino
    assert load_catalog(data_root, parsed=ParsedFiles(folder)) == first
    assert path.stat().st_ino == written, "nothing changed: the file is not written again"


def test_a_changed_file_is_parsed_again_and_only_the_files_there_now_are_kept(data_root: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    load_catalog(data_root, parsed=ParsedFiles(folder))
    before = kept(folder)
    path = data_root / "data/services/two.yaml"
    write(data_root, "data/services/two.yaml", path.read_text().replace("A service used", "A changed service used"))
    catalog = load_catalog(data_root, parsed=ParsedFiles(folder))
    assert catalog.entry("two").summary == "A changed service used by the tests."
    after = kept(folder)
    assert len(after) == len(before) and len(set(after) - set(before)) == 1


def test_a_file_with_a_problem_is_never_kept_and_is_reported_each_time(data_root: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    path = data_root / "data/services/two.yaml"
    write(data_root, "data/services/two.yaml", path.read_text().replace("name: Two", "name: &n Two"))
    for _ in range(2):
        with pytest.raises(DataError) as refused:
            load_catalog(data_root, parsed=ParsedFiles(folder))
        assert [str(problem) for problem in refused.value.problems] == [
            "data/services/two.yaml:2: YAML anchors (&n) are not allowed; write each value out in full"]
    assert len(kept(folder)) == len(list((data_root / "data").rglob("*.yaml"))) - 1


@pytest.mark.parametrize("written", [b"not json", b"[1, 2]", b'{"x": [1]}', b"\xff\xfe"])
def test_a_cache_that_cannot_be_read_back_only_means_the_files_are_parsed(data_root: Path, tmp_path: Path,
                                                                         written: bytes) -> None:
    folder = tmp_path / "cache"
    expected = load_catalog(data_root)
    folder.mkdir()
    (folder / ParsedFiles(folder).path.name).write_bytes(written)
    assert load_catalog(data_root, parsed=ParsedFiles(folder)) == expected
    assert len(kept(folder)) == len(list((data_root / "data").rglob("*.yaml")))


def test_a_cache_folder_that_cannot_be_made_fails_no_load(data_root: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder\n")
    assert load_catalog(data_root, parsed=ParsedFiles(blocked / "cache")) == load_catalog(data_root)


def test_what_older_code_kept_is_removed(data_root: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / "parsed-0000000000000000.json").write_text("{}")
    (folder / "parsed-by-someone.json").write_text("{}")  # not a name the cache gives: left alone
    load_catalog(data_root, parsed=ParsedFiles(folder))
    assert sorted(path.name for path in folder.iterdir()) == sorted([ParsedFiles(folder).path.name,
                                                                      "parsed-by-someone.json"])


def test_every_real_data_file_reads_back_as_its_pass_made_it(tmp_path: Path) -> None:
    files = sorted((ROOT / "data").rglob("*.yaml"))
    parsed = ParsedFiles(tmp_path)
    first = [read_document(str(path), path.read_bytes(), Problems(), parsed) for path in files]
    parsed.save()
    again = ParsedFiles(tmp_path)
    for path, doc in zip(files, first, strict=True):
        assert doc is not None and again.values(path.read_bytes()) == doc.data, path


# Plain values of every kind the pass builds, written as YAML would spell them.
_SCALARS = st.one_of(st.integers(-10**18, 10**18), st.floats(allow_nan=False), st.booleans(), st.none(),
                     st.text(st.characters(categories=("L", "N", "P", "S")) | st.just(" "), max_size=20))


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text("abcxyz", min_size=1, max_size=5), _SCALARS | st.lists(_SCALARS, max_size=4),
                       max_size=6))
def test_any_values_of_a_file_read_back_as_they_were(values: dict[str, object]) -> None:
    """The JSON keeps each kind as it was: an integer stays one, a float its exact value, text
    outside ASCII its characters."""
    import tempfile

    raw = json.dumps(values, ensure_ascii=False).encode()  # JSON is YAML: the pass reads it
    with tempfile.TemporaryDirectory() as folder:
        parsed = ParsedFiles(Path(folder))
        doc = read_document("data/x.yaml", raw, Problems(), parsed)
        assert doc is not None
        parsed.save()
        assert ParsedFiles(Path(folder)).values(raw) == doc.data
