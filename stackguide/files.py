"""Find the data files: every path under data/ is either read or reported, never silently skipped.

Only regular files are read. Symbolic links are refused (one could point outside the repository,
loop, or dangle); folders where files belong, files where folders belong, unexpected names, and
folders or files that cannot be listed or examined (permission denied) are problems like any
other, reported with the run's others.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from stackguide.errors import Problems, os_error_reason
from stackguide.families import DATA_DIR, FAMILIES, SCHEMA_FOLDER, SINGLE_FILES, Family
from stackguide.plaintext import ID, ID_MAX


@dataclass(frozen=True)
class DataFile:
    path: Path  # absolute
    rel: str  # relative to the project root, for messages
    family: Family | None  # None for the single files directly under data/


def find_data_files(root: Path, problems: Problems, folder: str = DATA_DIR) -> list[DataFile]:
    """The data files to read, in a stable order; everything else under the data folder is a problem."""
    data_dir = root / folder
    if data_dir.is_symlink():
        problems.add(folder, 1, f"the {folder}/ folder is a symbolic link; symbolic links are not allowed in the "
                                "data folder; put the folder itself here")
        return []
    if not data_dir.is_dir():
        problems.add(folder, 1, f"{folder} is a file; the data folder must be a folder" if data_dir.exists()
                     else f"the {folder}/ folder is missing")
        return []
    folders = {family.folder: family for family in FAMILIES}
    found: list[DataFile] = []
    for entry in _entries(data_dir, folder, problems):
        rel = f"{folder}/{entry.name}"
        if entry.name in SINGLE_FILES:
            if _is_regular_file(entry, rel, problems):
                found.append(DataFile(Path(entry.path), rel, None))
        elif entry.name in folders and _is_folder(entry, rel, problems):
            found.extend(_family_files(Path(entry.path), rel, folders[entry.name], problems))
        elif entry.name == SCHEMA_FOLDER and _is_folder(entry, rel, problems):
            continue  # generated JSON Schemas for editors; a test keeps them current
        elif entry.name not in folders:
            expected = ", ".join([*SINGLE_FILES, *(f"{name}/" for name in folders)])
            problems.add(rel, 1, f"unexpected {'folder' if _is_dir(entry) else 'file'} in "
                                 f"{folder}/; it holds only: {expected}")
    present = {file.path.name for file in found if file.family is None}
    for name in SINGLE_FILES:
        if name not in present and not os.path.lexists(data_dir / name):
            problems.add(f"{folder}/{name}", 1, "this file is missing")
    return found


def _family_files(folder: Path, rel_folder: str, family: Family, problems: Problems) -> list[DataFile]:
    files = []
    for entry in _entries(folder, rel_folder, problems):
        rel = f"{rel_folder}/{entry.name}"
        stem, dot, suffix = entry.name.rpartition(".")
        if suffix == "yaml" and dot and _is_id(stem):
            if _is_regular_file(entry, rel, problems):
                files.append(DataFile(Path(entry.path), rel, family))
        elif _is_dir(entry):
            problems.add(rel, 1, f"folders inside {rel_folder}/ are not read; move its files up into {rel_folder}/")
        elif suffix.lower() in ("yaml", "yml") and dot and _is_id(stem):
            problems.add(rel, 1, f"rename the file to {stem}.yaml (lower-case .yaml is the only suffix read)")
        elif suffix.lower() in ("yaml", "yml") and dot and _is_id(stem.lower()):
            problems.add(rel, 1, f"rename the file to {stem.lower()}.yaml (its name is the page's id, in lower case)")
        elif suffix.lower() in ("yaml", "yml") and dot:
            problems.add(rel, 1, f"the file's name is the page's id and address (/{family.folder}/<id>/): lower-case "
                                 f"letters and digits in words joined by hyphens, at most {ID_MAX} characters, such as "
                                 "amazon-polly.yaml; rename the file")
        else:
            problems.add(rel, 1, f"only .yaml files belong in {rel_folder}/; move or delete this file")
    return files


def _is_id(name: str) -> bool:
    return len(name) <= ID_MAX and ID.fullmatch(name) is not None


def _entries(folder: Path, rel: str, problems: Problems) -> list[os.DirEntry[str]]:
    """A folder's entries, sorted; hidden files (editor swap files, .DS_Store) are left alone."""
    try:
        with os.scandir(folder) as scan:
            return sorted((entry for entry in scan if not entry.name.startswith(".")), key=lambda entry: entry.name)
    except OSError as err:
        problems.add(rel, 1, f"this folder cannot be read: {os_error_reason(err)}")
        return []


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False  # reported when it is examined as a file


def _is_regular_file(entry: os.DirEntry[str], rel: str, problems: Problems) -> bool:
    return _examine(_why_not_a_file, "file", entry, rel, problems)


def _is_folder(entry: os.DirEntry[str], rel: str, problems: Problems) -> bool:
    return _examine(_why_not_a_folder, "folder", entry, rel, problems)


def _examine(why_not: Callable[[os.DirEntry[str], str], str | None], what: str, entry: os.DirEntry[str], rel: str,
             problems: Problems) -> bool:
    """Whether `entry` is what is wanted; if not, or if it cannot be examined, a problem says so."""
    try:
        problem = why_not(entry, rel)
    except OSError as err:
        problem = f"this {what} cannot be examined: {os_error_reason(err)}"
    if problem is not None:
        problems.add(rel, 1, problem)
    return problem is None


def _why_not_a_file(entry: os.DirEntry[str], rel: str) -> str | None:
    if entry.is_symlink():
        return "symbolic links are not allowed in the data folder; put the file itself here"
    if entry.is_dir(follow_symlinks=False):
        return "this is a folder; a data file must be a file"
    if not entry.is_file(follow_symlinks=False):  # the folder listing's file type: no stat call where it gives one
        return "this is not a regular file"
    return None


def _why_not_a_folder(entry: os.DirEntry[str], rel: str) -> str | None:
    if entry.is_symlink():
        return "symbolic links are not allowed in the data folder; put the folder itself here"
    if not entry.is_dir(follow_symlinks=False):
        return f"this must be a folder ({rel}/), not a file"
    return None
