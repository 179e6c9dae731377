"""No published address is lost: the git history's removed data files against the pages' former ids.

A page's address follows its data file, /<folder>/<id>/ for data/<folder>/<id>.yaml, and people
link to it from elsewhere (docs/stable-links.md). This reads the history of the branch (its first
parents: what was merged, as it was published) for page files that were deleted or renamed and
are not back. Each one's id must be listed in the `former_ids` of a page of the same folder, which
keeps the old address working (stackguide.moved); `make check` runs it.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from stackguide.catalog import Catalog
from stackguide.errors import Problem
from stackguide.plaintext import ID

GIT_TIMEOUT = 60  # seconds; the whole history of data/ is read in one call


class HistoryUnavailable(Exception):
    """The project's history cannot be read (no git, not a repository, a shallow clone); one line says why."""


def removed_page_files(root: Path, data_dir: str, folders: set[str]) -> dict[str, str]:
    """Path (relative to `root`) of each page file the history removed and the tree does not hold,
    with the newest commit that removed it ("<short hash> of <day>")."""
    try:
        shallow = _git(root, "rev-parse", "--is-shallow-repository").strip()
        log = _git(root, "log", "--first-parent", "--no-renames", "--diff-filter=D", "--relative",
                   "--format=@%h of %as", "--name-only", "--", f"{data_dir}/")
    except FileNotFoundError:
        raise HistoryUnavailable("git is not installed: published addresses were not checked") from None
    except subprocess.TimeoutExpired:
        raise HistoryUnavailable(f"git log took over {GIT_TIMEOUT} s: published addresses were not checked") from None
    except subprocess.CalledProcessError as err:
        reason = " ".join(err.stderr.split()) or f"git exited with {err.returncode}"
        raise HistoryUnavailable(f"the history cannot be read ({reason}): published addresses were not "
                                 "checked") from None
    if shallow != "false":
        raise HistoryUnavailable("this clone holds only part of the history (a shallow clone): run `git fetch "
                                 "--unshallow` to check that no published address is lost")
    removed: dict[str, str] = {}
    commit = ""
    for line in log.splitlines():
        if line.startswith("@"):
            commit = line[1:]
        elif line and line not in removed and _is_page_file(line, data_dir, folders) and not (root / line).exists():
            removed[line] = commit  # newest first: the removal that counts
    return removed


def lost_addresses(root: Path, data_dir: str, catalog: Catalog) -> list[Problem]:
    """A problem for each page file the history removed whose address no page keeps."""
    folders = {family.folder: family for family in catalog.families}
    kept = {(catalog.family(item).folder, old) for item in catalog.pages() for old in item.old_ids()}
    pages = {item.id: catalog.page_url(item) for item in catalog.pages()}
    problems = []
    for path, commit in removed_page_files(root, data_dir, set(folders)).items():
        folder, name = path.removeprefix(f"{data_dir}/").split("/")
        page_id = name.removesuffix(".yaml")
        if (folder, page_id) in kept:
            continue
        if page_id in pages:  # the same id in another folder: an address cannot follow it there
            fix = (f"its page is now /{pages[page_id]}, and former_ids keep addresses within a folder only: "
                   f"move the file back to {data_dir}/{folder}/")
        else:
            fix = (f"add `former_ids: [{page_id}]` to the page in {data_dir}/{folder}/ that replaces it, or "
                   "restore the file")
        problems.append(Problem(path, 1, f"removed by commit {commit}, but its page was published at "
                                         f"/{folders[folder].page_url(page_id)}, where links to it still point: {fix}"))
    return problems


def _is_page_file(path: str, data_dir: str, folders: set[str]) -> bool:
    parts = path.removeprefix(f"{data_dir}/").split("/")
    return (path.startswith(f"{data_dir}/") and len(parts) == 2 and parts[0] in folders
            and parts[1].endswith(".yaml") and ID.fullmatch(parts[1].removesuffix(".yaml")) is not None)


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True,
                          timeout=GIT_TIMEOUT).stdout
