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
    os.mkfifo(data / "services" / "pipe.yaml")  # nor a named pipe, which would block the read
    write(data_root, "data/services/nested/three.yaml", ENTRY.format(id="three", name="Three", layer="alpha"))
    write(data_root, "data/services/four.json", "{}")
    write(data_root, "data/services/five.YAML", "id: five\n")
    write(data_root, "data/services/six.yml", "id: six\n")
    write(data_root, "data/service/seven.yaml", "id: seven\n")
    write(data_root, "data/notes.txt", "hello\n")
    write(data_root, "data/services/.eight.yaml.swp", "editor swap file\n")  # hidden: left alone
    # a file name that is no id: no page address can be made of it (nor its facts named)
    write(data_root, "data/services/nïne.yaml", ENTRY.format(id="nine", name="Nine", layer="alpha"))
    write(data_root, "data/services/Ten.yaml", ENTRY.format(id="ten", name="Ten", layer="alpha"))
    write(data_root, "data/services/Eleven.YML", "id: eleven\n")
    write(data_root, "data/services/" + "x" * 65 + ".yaml", "id: x\n")
    found = problems(data_root)
    assert found == [
        "data/notes.txt:1: unexpected file in data/; it holds only: glossary.yaml, onboarding.yaml, tags.yaml, "
        "vocabulary.yaml, layers/, services/, frameworks/, engines/, instances/, use-cases/, comparisons/",
        "data/service:1: unexpected folder in data/; it holds only: glossary.yaml, onboarding.yaml, tags.yaml, "
        "vocabulary.yaml, layers/, services/, frameworks/, engines/, instances/, use-cases/, comparisons/",
        "data/services/Eleven.YML:1: rename the file to eleven.yaml (its name is the page's id, in lower case)",
        "data/services/Ten.yaml:1: rename the file to ten.yaml (its name is the page's id, in lower case)",
        "data/services/dangling.yaml:1: symbolic links are not allowed in the data folder; put the file itself here",
        "data/services/five.YAML:1: rename the file to five.yaml (lower-case .yaml is the only suffix read)",
        "data/services/folder.yaml:1: this is a folder; a data file must be a file",
        "data/services/four.json:1: only .yaml files belong in data/services/; move or delete this file",
        "data/services/loop-a.yaml:1: symbolic links are not allowed in the data folder; put the file itself here",
        "data/services/loop-b.yaml:1: symbolic links are not allowed in the data folder; put the file itself here",
        "data/services/nested:1: folders inside data/services/ are not read; move its files up into data/services/",
        not_an_id("nïne.yaml"),
        "data/services/pipe.yaml:1: this is not a regular file",
        "data/services/secret.yaml:1: symbolic links are not allowed in the data folder; put the file itself here",
        "data/services/six.yml:1: rename the file to six.yaml (lower-case .yaml is the only suffix read)",
        not_an_id("x" * 65 + ".yaml"),
    ]


def not_an_id(name: str) -> str:
    return (f"data/services/{name}:1: the file's name is the page's id and address (/services/<id>/): lower-case "
            "letters and digits in words joined by hyphens, at most 64 characters, such as amazon-polly.yaml; rename "
            "the file")


def test_missing_files_and_folders(tmp_path: Path) -> None:
    assert problems(tmp_path) == ["data:1: the data/ folder is missing"]
    (tmp_path / "data").mkdir()
    assert problems(tmp_path) == ["data/glossary.yaml:1: this file is missing", "data/onboarding.yaml:1: this file is "
                                  "missing", "data/tags.yaml:1: this file is missing",
                                  "data/vocabulary.yaml:1: this file is missing"]
    (tmp_path / "data" / "tags.yaml").mkdir()
    assert "data/tags.yaml:1: this is a folder; a data file must be a file" in problems(tmp_path)


# -- folders and files the user may not read (tests run as root, where chmod 000 denies nothing:
# the operating system's refusal is simulated by raising PermissionError where it would come from) --

class _Entry:
    """An os.DirEntry whose stat() is refused, as for a file in a folder without search rights."""

    def __init__(self, entry: os.DirEntry[str]) -> None:
        self.name, self.path, self._entry = entry.name, entry.path, entry

    def is_symlink(self) -> bool:
        return self._entry.is_symlink()

    def is_dir(self, follow_symlinks: bool = True) -> bool:
        raise PermissionError(13, "Permission denied", self.path)

    def stat(self, follow_symlinks: bool = True) -> os.stat_result:
        raise PermissionError(13, "Permission denied", self.path)


def test_folders_and_files_that_cannot_be_read_are_problems_with_the_others(
        data_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = data_root / "data"
    write(data_root, "data/services/three.yaml", ENTRY.format(id="three", name="Three", layer="alpha"))
    write(data_root, "data/services/four.yaml", ENTRY.format(id="four", name="Four", layer="alpha"))
    write(data_root, "data/layers/gamma.yaml", "id: gamma\nname: [unclosed\n")  # an ordinary mistake beside them
    real_scandir, real_open = os.scandir, os.open

    class _Scan:
        def __init__(self, path: Path) -> None:
            self.scan = real_scandir(path)

        def __enter__(self) -> _Scan:
            return self

        def __exit__(self, *exc: object) -> None:
            self.scan.close()

        def __iter__(self) -> object:
            return (_Entry(entry) if entry.name == "three.yaml" else entry for entry in self.scan)

    def scandir(path: Path) -> object:
        if Path(path) == data / "frameworks":
            raise PermissionError(13, "Permission denied", str(path))
        # Only the data folder: the loader also reads the installed theme's templates (for its ids).
        return _Scan(path) if Path(path).is_relative_to(data) else real_scandir(path)

    def opened(path: str | Path, flags: int, *args: int, **kwargs: object) -> int:
        if Path(path).name == "four.yaml":
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    (data / "frameworks").mkdir()
    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "open", opened)
    found = problems(data_root)
    denied = "permission denied (give your user the right to read it"
    assert f"data/frameworks:1: this folder cannot be read: {denied}" in " ".join(found)
    assert any(line.startswith(f"data/services/three.yaml:1: this file cannot be examined: {denied}") for line in found)
    assert any(line.startswith(f"data/services/four.yaml:1: this file cannot be read: {denied}") for line in found)
    assert any(line.startswith("data/layers/gamma.yaml:3: YAML syntax error") for line in found), found


def test_a_huge_sparse_file_is_refused_without_being_read(data_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    huge = data_root / "data/services/huge.yaml"
    with huge.open("wb") as handle:
        handle.truncate(3 * 2**30)  # 3 GiB that take no disk space
    real_open = Path.open

    def opened(self: Path, *args: object, **kwargs: object) -> object:
        assert self.name != "huge.yaml", "the huge file was opened"
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", opened)
    assert problems(data_root) == [
        "data/services/huge.yaml:1: the file is 3,221,225,472 bytes; a data file may hold at most 1,000,000"]


def test_file_names_cannot_drive_the_terminal(data_root: Path) -> None:
    name = "evil\n[INFO] all good\x1b]0;pwned\x07\x1b[2J\u202eyaml.yaml"
    (data_root / "data/services" / name).write_text(ENTRY.format(id="one", name="One", layer="alpha"))
    found = problems(data_root)
    line = next(problem for problem in found if "evil" in problem)
    assert line.startswith("data/services/evil\\n[INFO] all good\\x1b]0;pwned\\x07\\x1b[2J\\u202eyaml.yaml:1: "
                           "the file's name is the page's id")
    for problem in found:
        assert problem.isprintable() and "\x1b" not in problem, problem


def test_a_data_folder_that_is_a_link_or_a_file_is_named_for_what_it_is(data_root: Path, tmp_path: Path) -> None:
    """The data folder itself is held to the rule its files are (no symbolic link out of the
    repository), and the problem says what is there, not that nothing is."""
    moved = tmp_path / "elsewhere"
    (data_root / "data").rename(moved)
    (data_root / "data").symlink_to(moved, target_is_directory=True)
    assert problems(data_root) == ["data:1: the data/ folder is a symbolic link; symbolic links are not allowed in "
                                   "the data folder; put the folder itself here"]
    (data_root / "data").unlink()
    (data_root / "data").write_text("not a folder\n")
    assert problems(data_root) == ["data:1: data is a file; the data folder must be a folder"]
    (data_root / "data").unlink()
    assert problems(data_root) == ["data:1: the data/ folder is missing"]
