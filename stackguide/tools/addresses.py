"""No published address is lost: the pages the git history removed, against the addresses kept.

People link to the site's pages from elsewhere (docs/stable-links.md). This reads the history of
the branch (its first parents: what was merged, as it was published) for page files that were
deleted or renamed and are not back, and each one's address must still lead somewhere:

- a data file's page, /<folder>/<id>/ for data/<folder>/<id>.yaml, by its id in the `former_ids`
  of a page of the same folder (stackguide.moved);
- a hand-written page of docs_dir, by a page at the same address (docs/a.md and docs/a/index.md
  share /a/) or an entry in the redirect map of mkdocs.yml's `redirects` plugin (mkdocs-redirects).

`make check` runs it.
"""

from __future__ import annotations

import subprocess
from collections.abc import Collection
from pathlib import Path
from typing import Any

from stackguide.catalog import Catalog
from stackguide.errors import Problem
from stackguide.plaintext import ID
from stackguide.tools.project import MKDOCS_YML, mkdocs_config, named_settings

GIT_TIMEOUT = 60  # seconds; the whole history of a folder is read in one call


class HistoryUnavailable(Exception):
    """The project's history cannot be read (no git, not a repository, a shallow clone); one line says why."""


def removed_files(root: Path, folder: str) -> dict[str, str]:
    """Path (relative to `root`) of each file under `folder` the history removed and the tree does
    not hold, with the newest commit that removed it ("<short hash> of <day>")."""
    try:
        shallow = _git(root, "rev-parse", "--is-shallow-repository").strip()
        log = _git(root, "log", "--first-parent", "--no-renames", "--diff-filter=D", "--relative",
                   "--format=@%h of %as", "--name-only", "--", f"{folder}/")
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
        elif line and line not in removed and not (root / line).exists():
            removed[line] = commit  # newest first: the removal that counts
    return removed


def lost_addresses(root: Path, data_dir: str, catalog: Catalog, docs_dir: str = "docs",
                   redirected: Collection[str] = ()) -> list[Problem]:
    """A problem for each page file the history removed whose address nothing keeps. `redirected`:
    the docs_dir-relative paths mkdocs.yml's redirect map sends on."""
    return [*_lost_data_pages(root, data_dir, catalog), *_lost_docs_pages(root, docs_dir, catalog, redirected)]


def project_lost_addresses(root: Path, data_dir: str, catalog: Catalog) -> list[Problem]:
    """lost_addresses for the project in `root`, with its mkdocs.yml's docs_dir and redirect map."""
    config = mkdocs_config(root) if (root / MKDOCS_YML).exists() else {}
    return lost_addresses(root, data_dir, catalog, str(config.get("docs_dir", "docs")), redirect_sources(config))


def redirect_sources(config: dict[str, Any]) -> set[str]:
    """The docs_dir paths the redirect map of mkdocs.yml's `redirects` plugin sends on."""
    for name, settings in named_settings(config.get("plugins")):
        if name == "redirects" and isinstance(settings, dict) and isinstance(settings.get("redirect_maps"), dict):
            return {str(source) for source in settings["redirect_maps"]}
    return set()


def _lost_data_pages(root: Path, data_dir: str, catalog: Catalog) -> list[Problem]:
    families = {family.folder: family for family in catalog.families}
    kept = {(catalog.family(item).folder, old) for item in catalog.pages() for old in item.old_ids()}
    pages = {item.id: catalog.page_url(item) for item in catalog.pages()}
    problems = []
    for path, commit in removed_files(root, data_dir).items():
        parts = path.removeprefix(f"{data_dir}/").split("/")
        if len(parts) != 2 or parts[0] not in families or not parts[1].endswith(".yaml"):
            continue  # not a page's file
        folder, page_id = parts[0], parts[1].removesuffix(".yaml")
        if not ID.fullmatch(page_id) or (folder, page_id) in kept:
            continue
        if page_id in pages:  # the same id in another folder: an address cannot follow it there
            fix = (f"its page is now /{pages[page_id]}, and former_ids keep addresses within a folder only: "
                   f"move the file back to {data_dir}/{folder}/")
        else:
            fix = (f"add `former_ids: [{page_id}]` to the page in {data_dir}/{folder}/ that replaces it, or "
                   "restore the file")
        problems.append(_lost(path, commit, families[folder].page_url(page_id), fix))
    return problems


def _lost_docs_pages(root: Path, docs_dir: str, catalog: Catalog, redirected: Collection[str]) -> list[Problem]:
    docs = root / docs_dir
    served = {_url(path.relative_to(docs).as_posix()) for path in docs.rglob("*.md")}
    served.update(catalog.page_url(item) for item in catalog.pages())
    problems = []
    for path, commit in removed_files(root, docs_dir).items():
        src = path.removeprefix(f"{docs_dir}/")
        if not src.endswith(".md") or src in redirected or (url := _url(src)) in served:
            continue
        problems.append(_lost(path, commit, url, "keep a page at that address, or send it on with the redirects "
                                                 "plugin (mkdocs-redirects): a redirect_maps entry in mkdocs.yml"))
    return problems


def _url(src: str) -> str:
    """The address MkDocs serves a docs_dir Markdown file at, with directory URLs."""
    from mkdocs.structure.files import File

    return File(src, src_dir=None, dest_dir="", use_directory_urls=True).url.removeprefix("./")


def _lost(path: str, commit: str, url: str, fix: str) -> Problem:
    return Problem(path, 1, f"removed by commit {commit}, but its page was published at /{url}, where links to it "
                            f"still point: {fix}")


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True,
                          timeout=GIT_TIMEOUT).stdout
