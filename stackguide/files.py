"""Find the data files: every path under data/ is either read or reported, never silently skipped.

Only regular files are read. Symbolic links are refused (one could point outside the repository,
loop, or dangle); folders where files belong, files where folders belong, and unexpected names
are problems like any other, reported with the run's others.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from stackguide.errors import Problems
from stackguide.families import FAMILIES, SCHEMA_FOLDER, SINGLE_FILES, Family

DATA_DIR = "data"


@dataclass(frozen=True)
class DataFile:
    path: Path  # absolute
    rel: str  # relative to the project root, for messages
    family: Family | None  # None for the single files directly under data/


def find_data_files(root: Path, problems: Problems, folder: str = DATA_DIR) -> list[DataFile]:
    """The data files to read, in a stable order; everything else under the data folder is a problem."""
    data_dir = root / folder
    if not data_dir.is_dir() or data_dir.is_symlink():
        problems.add(folder, 1, f"the {folder}/ folder is missing")
        return []
    folders = {family.folder: family for family in FAMILIES}
    found: list[DataFile] = []
    for entry in _entries(data_dir):
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
            problems.add(rel, 1, f"unexpected {'folder' if entry.is_dir(follow_symlinks=False) else 'file'} in "
                                 f"data/; it holds only: {expected}")
    present = {file.path.name for file in found if file.family is None}
    for name in SINGLE_FILES:
        if name not in present and not os.path.lexists(data_dir / name):
            problems.add(f"{folder}/{name}", 1, "this file is missing")
    return found


def _family_files(folder: Path, rel_folder: str, family: Family, problems: Problems) -> list[DataFile]:
    files = []
    for entry in _entries(folder):
        rel = f"{rel_folder}/{entry.name}"
        stem, dot, suffix = entry.name.rpartition(".")
        if suffix == "yaml" and dot:
            if _is_regular_file(entry, rel, problems):
                files.append(DataFile(Path(entry.path), rel, family))
        elif entry.is_dir(follow_symlinks=False):
            problems.add(rel, 1, f"folders inside {rel_folder}/ are not read; move its files up into {rel_folder}/")
        elif suffix.lower() in ("yaml", "yml") and dot:
            problems.add(rel, 1, f"rename the file to {stem}.yaml (lower-case .yaml is the only suffix read)")
        else:
            problems.add(rel, 1, f"only .yaml files belong in {rel_folder}/; move or delete this file")
    return files


def _entries(folder: Path) -> list[os.DirEntry[str]]:
    """A folder's entries, sorted; hidden files (editor swap files, .DS_Store) are left alone."""
    with os.scandir(folder) as scan:
        return sorted((entry for entry in scan if not entry.name.startswith(".")), key=lambda entry: entry.name)


def _is_regular_file(entry: os.DirEntry[str], rel: str, problems: Problems) -> bool:
    if entry.is_symlink():
        problems.add(rel, 1, "symbolic links are not allowed in data/; put the file itself here")
        return False
    if entry.is_dir(follow_symlinks=False):
        problems.add(rel, 1, "this is a folder; a data file must be a file")
        return False
    if not stat.S_ISREG(entry.stat(follow_symlinks=False).st_mode):
        problems.add(rel, 1, "this is not a regular file")
        return False
    return True


def _is_folder(entry: os.DirEntry[str], rel: str, problems: Problems) -> bool:
    if entry.is_symlink():
        problems.add(rel, 1, "symbolic links are not allowed in data/; put the folder itself here")
        return False
    if not entry.is_dir(follow_symlinks=False):
        problems.add(rel, 1, f"this must be a folder ({rel}/), not a file")
        return False
    return True
