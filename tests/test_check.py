"""`make check` (python -m stackguide.tools.check): data/ checked without a build, optionally per file."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ENTRY, write

from stackguide.tools.check import main


def test_valid_data_exits_zero_with_a_summary(data_root: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(data_root)
    assert main([]) == 0
    assert capsys.readouterr().out == "data/ is valid: 2 entries, 2 layers, 0 comparisons\n"


def test_a_source_date_epoch_that_is_not_a_time_is_one_line(data_root: Path, monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(data_root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "2027-01-01")
    assert main([]) == 2
    assert capsys.readouterr().err == ("SOURCE_DATE_EPOCH is '2027-01-01': it must be a whole number of seconds "
                                       "since 1970-01-01 UTC, or not set\n")


def test_problems_are_printed_for_the_files_asked_about(data_root: Path, monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(data_root)
    write(data_root, "data/services/one.yaml", ENTRY.format(id="one", name="One", layer="nope"))
    write(data_root, "data/services/two.yaml", "id: two\nname: [unclosed\n")
    assert main([]) == 1
    both = capsys.readouterr().err
    assert "data/services/one.yaml:3: layer 'nope'" in both and "data/services/two.yaml:" in both
    assert main(["data/services/one.yaml"]) == 1
    assert "two.yaml" not in capsys.readouterr().err
    write(data_root, "data/services/one.yaml", ENTRY.format(id="one", name="One", layer="alpha"))
    assert main(["data/services/one.yaml"]) == 0
    assert capsys.readouterr().out == "no problems in 1 file(s); 1 elsewhere\n"


def test_drafts_pass_only_when_asked(data_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(data_root)
    write(data_root, "data/services/one.yaml", ENTRY.format(id="one", name="TODO name", layer="alpha"))
    assert main([]) == 1
    assert main(["--drafts"]) == 0


def test_a_name_that_is_not_a_data_file_here_is_refused_with_the_others(
        data_root: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(data_root)
    outside = tmp_path_factory.mktemp("other") / "elsewhere.yaml"
    outside.write_text("id: x\n")
    (data_root / "notes.yaml").write_text("id: x\n")
    assert main([str(outside), "data/services/tpyo.yaml", "notes.yaml", "data/services/one.yaml"]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert lines == [f"{outside}: not inside this project ({data_root}); run the check from its folder",
                     "data/services/tpyo.yaml: no such file",
                     "notes.yaml: not a data file; name files under data/ that end in .yaml"]
    assert main([str(data_root / "data/services/one.yaml"), "data/services/../services/one.yaml"]) == 0
    assert capsys.readouterr().out == "data/ is valid: 2 entries, 2 layers, 0 comparisons\n"
