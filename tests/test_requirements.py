"""The pinned requirements work on any machine: a hash for every pin, nothing local to one machine;
and what docs/maintainers.md says is pinned is what is pinned."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

LOCAL = re.compile(r"file:|--find-links|--extra-index-url|--index-url|(^|\s)/[\w.-]+/", re.M)


def portability_problems(text: str) -> list[str]:
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    problems = [f"local to one machine: {line.strip()}" for line in lines if LOCAL.search(line)]
    blocks = re.split(r"\n(?=[A-Za-z0-9_.-]+==)", "\n".join(lines))
    problems += [f"no hash: {block.split()[0]}" for block in blocks if "==" in block and "--hash=sha256:" not in block]
    if not any("==" in block for block in blocks):
        problems.append("pins nothing")
    return problems


@pytest.mark.parametrize("name", ["requirements.txt", "requirements-dev.txt", "requirements-tools.txt"])
def test_requirements_are_portable_and_hashed(name: str) -> None:
    problems = portability_problems((ROOT / name).read_text(encoding="utf-8"))
    assert not problems, f"{name}: {problems[:5]}; regenerate it with `make lock`"


def test_the_check_finds_machine_local_lines_and_missing_hashes() -> None:
    bad = "--find-links /opt/wheels\n--extra-index-url file:///opt/pypi/simple\nclick==8.2.1\n" \
          "six==1.16.0 \\\n    --hash=sha256:abc\n"
    assert portability_problems(bad) == ["local to one machine: --find-links /opt/wheels",
                                         "local to one machine: --extra-index-url file:///opt/pypi/simple",
                                         "no hash: click==8.2.1"]


def pins(text: str) -> dict[str, str]:
    """Package name (normalised as PyPI does) -> the version pinned."""
    return {re.sub(r"[-_.]+", "-", name).lower(): version
            for name, version in re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", text, re.M)}


def table_versions(text: str, known: dict[str, str]) -> dict[str, str]:
    """What the maintainers' table of parts says is pinned: each row's version, by the package it names."""
    table = text.split("| Part | Pinned |", 1)[1].split("\n\n", 1)[0]
    found = {}
    for part, version in re.findall(r"^\| ([^|]+?) \| (\d[^ |]*) \|", table, re.M):
        name = {"material for mkdocs": "mkdocs-material"}.get(part.lower(), part.lower().replace(" ", "-"))
        found[name if name in known else part] = version
    return found


def test_the_maintainers_table_gives_the_pinned_versions() -> None:
    pinned = pins((ROOT / "requirements.txt").read_text(encoding="utf-8"))
    said = table_versions((ROOT / "docs/maintainers.md").read_text(encoding="utf-8"), pinned)
    assert len(said) >= 5, said
    wrong = {name: (version, pinned.get(name)) for name, version in said.items() if pinned.get(name) != version}
    assert not wrong, f"docs/maintainers.md's table against requirements.txt (said, pinned): {wrong}"


def test_the_table_check_reads_each_row() -> None:
    text = ("| Part | Pinned | Its state |\n|---|---|---|\n| MkDocs | 1.6.1 | x |\n"
            "| Material for MkDocs | 9.8.1 | y |\n| pydantic, PyYAML | see `requirements.txt` | z |\n\nafter")
    assert table_versions(text, {"mkdocs": "1.6.1", "mkdocs-material": "9.8.2"}) == {
        "mkdocs": "1.6.1", "mkdocs-material": "9.8.1"}
    assert pins("mkdocs==1.6.1 \\\n    --hash=sha256:a\nMarkdown_It.Py==4.3.0\n") == {
        "mkdocs": "1.6.1", "markdown-it-py": "4.3.0"}
