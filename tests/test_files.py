"""Finding data files: every odd path under data/ is a problem with the run's others, never a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import ENTRY, write

from stackguide.errors import DataError
from stackguide.load import load_catalog


def problems(root: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_catalog(root)
    return [str(problem) for problem in caught.value.problems]


def test_file_system_oddities_are_reported_together(data_root: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    data = data_root / "data"
    outside = tmp_path_factory.mktemp("outside") / "secret.yaml"
    outside.write_text(ENTRY.format(id="secret", name="Secret", layer="alpha"))
    os.symlink(outside, data / "services" / "secret.yaml")  # leaves the repository
    os.symlink(data / "services" / "gone.yaml", data / "services" / "dangling.yaml")
    os.symlink(data / "services" / "loop-b.yaml", data / "services" / "loop-a.yaml")
    os.symlink(data / "services" / "loop-a.yaml", data / "services" / "loop-b.yaml")
    (data / "services" / "folder.yaml").mkdir()
    write(data_root, "data/services/nested/three.yaml", ENTRY.format(id="three", name="Three", layer="alpha"))
    write(data_root, "data/services/four.json", "{}")
    write(data_root, "data/services/five.YAML", "id: five\n")
    write(data_root, "data/services/six.yml", "id: six\n")
    write(data_root, "data/service/seven.yaml", "id: seven\n")
    write(data_root, "data/notes.txt", "hello\n")
    write(data_root, "data/services/.eight.yaml.swp", "editor swap file\n")  # hidden: left alone
    found = problems(data_root)
    assert found == [
        "data/notes.txt:1: unexpected file in data/; it holds only: glossary.yaml, onboarding.yaml, tags.yaml, "
        "vocabulary.yaml, layers/, services/, frameworks/, engines/, instances/, use-cases/, comparisons/",
        "data/service:1: unexpected folder in data/; it holds only: glossary.yaml, onboarding.yaml, tags.yaml, "
        "vocabulary.yaml, layers/, services/, frameworks/, engines/, instances/, use-cases/, comparisons/",
        "data/services/dangling.yaml:1: symbolic links are not allowed in data/; put the file itself here",
        "data/services/five.YAML:1: rename the file to five.yaml (lower-case .yaml is the only suffix read)",
        "data/services/folder.yaml:1: this is a folder; a data file must be a file",
        "data/services/four.json:1: only .yaml files belong in data/services/; move or delete this file",
        "data/services/loop-a.yaml:1: symbolic links are not allowed in data/; put the file itself here",
        "data/services/loop-b.yaml:1: symbolic links are not allowed in data/; put the file itself here",
        "data/services/nested:1: folders inside data/services/ are not read; move its files up into data/services/",
        "data/services/secret.yaml:1: symbolic links are not allowed in data/; put the file itself here",
        "data/services/six.yml:1: rename the file to six.yaml (lower-case .yaml is the only suffix read)",
    ]


def test_missing_files_and_folders(tmp_path: Path) -> None:
    assert problems(tmp_path) == ["data:1: the data/ folder is missing"]
    (tmp_path / "data").mkdir()
    assert problems(tmp_path) == ["data/glossary.yaml:1: this file is missing", "data/onboarding.yaml:1: this file is "
                                  "missing", "data/tags.yaml:1: this file is missing",
                                  "data/vocabulary.yaml:1: this file is missing"]
    (tmp_path / "data" / "tags.yaml").mkdir()
    assert "data/tags.yaml:1: this is a folder; a data file must be a file" in problems(tmp_path)
