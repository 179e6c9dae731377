"""No published address is lost: a page file the git history removed must leave its address to a
page's former_ids (stackguide.tools.addresses), and `make check` says so."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ENTRY, ROOT, their_project, tool_env, write

from stackguide.load import load_catalog
from stackguide.tools.addresses import HistoryUnavailable, lost_addresses, project_lost_addresses

WHEN = "2026-11-30T12:00:00+00:00"


def git(root: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_DATE": WHEN, "GIT_COMMITTER_DATE": WHEN}
    return subprocess.run(["git", "-C", str(root), "-c", "user.name=Test", "-c", "user.email=test@example.org",
                           *args], capture_output=True, text=True, check=True, env=env).stdout.strip()


def commit(root: Path, message: str) -> str:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)
    return git(root, "rev-parse", "--short", "HEAD")


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """Another team's project in a git repository of its own, one commit deep."""
    project = their_project(tmp_path / "their-guide")
    git(project, "init", "-q", "-b", "main")
    commit(project, "The tiny guide")
    return project


def lost(project: Path, redirected: set[str] | None = None) -> list[str]:
    return [str(problem) for problem in lost_addresses(project, "data", load_catalog(project), "docs",
                                                       redirected or set())]


def test_a_renamed_page_file_is_reported_until_the_page_keeps_its_old_address(repository: Path) -> None:
    (repository / "data/services/two.yaml").unlink()
    write(repository, "data/services/deux.yaml", ENTRY.format(id="deux", name="Two", layer="beta"))
    removed = commit(repository, "two is now deux")
    assert lost(repository) == [
        f"data/services/two.yaml:1: removed by commit {removed} of 2026-11-30, but its page was published at "
        "/services/two/, where links to it still point: add `former_ids: [two]` to the page in data/services/ that "
        "replaces it, or restore the file"]
    deux = repository / "data/services/deux.yaml"
    deux.write_text(deux.read_text() + "former_ids: [two]\n")
    assert lost(repository) == []  # before it is committed too: the tree is what the build reads


def test_a_file_removed_and_restored_is_not_lost(repository: Path) -> None:
    kept = (repository / "data/services/two.yaml").read_text()
    (repository / "data/services/two.yaml").unlink()
    (repository / "data/glossary.yaml").rename(repository / "data/glossary-old.yaml")  # not a page's file
    commit(repository, "two is gone")
    write(repository, "data/services/two.yaml", kept)
    (repository / "data/glossary-old.yaml").rename(repository / "data/glossary.yaml")
    commit(repository, "two is back")
    assert lost(repository) == []


def test_a_page_added_and_removed_on_a_merged_branch_was_never_published(repository: Path) -> None:
    """What the branch's history holds as merged (its first parents), not each commit of a pull request."""
    git(repository, "switch", "-q", "-c", "draft")
    write(repository, "data/services/three.yaml", ENTRY.format(id="three", name="Three", layer="beta"))
    commit(repository, "A page in the works")
    (repository / "data/services/three.yaml").unlink()
    commit(repository, "Not this one after all")
    git(repository, "switch", "-q", "main")
    git(repository, "merge", "-q", "--no-ff", "-m", "Merge the draft", "draft")
    assert lost(repository) == []
    (repository / "data/services/two.yaml").unlink()
    git(repository, "switch", "-q", "-c", "removal")
    removed = commit(repository, "two is gone")
    git(repository, "switch", "-q", "main")
    git(repository, "merge", "-q", "--no-ff", "-m", "Merge the removal", "removal")
    merge = git(repository, "rev-parse", "--short", "HEAD")
    assert removed != merge
    assert [problem.split(" of ")[0] for problem in lost(repository)] == [
        f"data/services/two.yaml:1: removed by commit {merge}"]


def test_an_address_cannot_follow_a_page_to_another_folder(repository: Path) -> None:
    (repository / "data/frameworks").mkdir()
    (repository / "data/services/two.yaml").rename(repository / "data/frameworks/two.yaml")
    removed = commit(repository, "two is a framework now")
    assert lost(repository) == [
        f"data/services/two.yaml:1: removed by commit {removed} of 2026-11-30, but its page was published at "
        "/services/two/, where links to it still point: its page is now /frameworks/two/, and former_ids keep "
        "addresses within a folder only: move the file back to data/services/"]


def test_a_hand_written_page_keeps_its_address_by_a_page_there_or_a_redirect(repository: Path) -> None:
    write(repository, "docs/about.md", "# About\n")
    write(repository, "docs/team/people.md", "# People\n")
    commit(repository, "Two pages")
    (repository / "docs/about.md").unlink()
    (repository / "docs/team/people.md").unlink()
    (repository / "docs/glossary.md").rename(repository / "docs/terms.md")
    removed = commit(repository, "Fewer pages")
    fix = ("where links to it still point: keep a page at that address, or send it on with the redirects plugin "
           "(mkdocs-redirects): a redirect_maps entry in mkdocs.yml")
    assert lost(repository) == [
        f"docs/about.md:1: removed by commit {removed} of 2026-11-30, but its page was published at /about/, {fix}",
        f"docs/glossary.md:1: removed by commit {removed} of 2026-11-30, but its page was published at /glossary/, "
        f"{fix}",
        f"docs/team/people.md:1: removed by commit {removed} of 2026-11-30, but its page was published at "
        f"/team/people/, {fix}"]
    write(repository, "docs/about/index.md", "# About\n")  # the same address
    assert [problem.split(":")[0] for problem in lost(repository, {"glossary.md"})] == ["docs/team/people.md"]


def test_the_check_command_reports_a_lost_address_and_notes_what_it_cannot_read(repository: Path,
                                                                                   tmp_path: Path) -> None:
    (repository / "data/services/two.yaml").unlink()
    write(repository, "data/services/deux.yaml", ENTRY.format(id="deux", name="Two", layer="beta"))
    commit(repository, "two is now deux")

    def check(project: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "stackguide.tools.check"], cwd=project, env=tool_env(),
                              capture_output=True, text=True, timeout=120)

    result = check(repository)
    assert result.returncode == 1
    assert result.stderr.splitlines()[1].startswith("  data/services/two.yaml:1: removed by commit ")
    (repository / "docs/glossary.md").unlink()
    commit(repository, "No glossary page")
    deux = repository / "data/services/deux.yaml"
    deux.write_text(deux.read_text() + "former_ids: [two]\n")
    result = check(repository)
    assert result.returncode == 1 and "docs/glossary.md:1: removed by commit " in result.stderr
    config = repository / "mkdocs.yml"  # mkdocs-redirects' map, read as mkdocs.yml gives it
    config.write_text(config.read_text().replace("  - search\n", "  - search\n  - redirects:\n      redirect_maps:\n"
                                                                  "        glossary.md: index.md\n"))
    assert check(repository).returncode == 0
    assert subprocess.run([sys.executable, "-m", "stackguide.tools.check", "data/services/one.yaml"],
                          cwd=repository, env=tool_env(), capture_output=True, text=True).returncode == 0
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repository}", str(shallow)], check=True)
    with pytest.raises(HistoryUnavailable, match="shallow clone"):
        lost(shallow)
    result = check(shallow)  # a contributor's shallow clone: the data is checked, the history noted
    assert result.returncode == 0
    assert result.stderr.startswith("note: this clone holds only part of the history (a shallow clone)")
    (repository / ".git").rename(repository / "not-git")
    with pytest.raises(HistoryUnavailable, match="the history cannot be read"):
        lost(repository)


@pytest.mark.content
def test_no_address_this_site_published_is_lost() -> None:
    """This project's own history: a file of data/ removed since must name its page's new home.
    It needs the whole history, which ci.yml's checkout fetches (fetch-depth: 0); a copy without it
    (a shallow clone, an unpacked archive) is skipped with the reason, as `make check` notes it."""
    try:
        lost = project_lost_addresses(ROOT, "data", load_catalog(ROOT))  # as `make check` asks
    except HistoryUnavailable as err:
        pytest.skip(str(err))
    assert lost == []
