"""The pinned requirements work on any machine: a hash for every pin, nothing local to one machine."""

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


@pytest.mark.parametrize("name", ["requirements.txt", "requirements-dev.txt"])
def test_requirements_are_portable_and_hashed(name: str) -> None:
    problems = portability_problems((ROOT / name).read_text(encoding="utf-8"))
    assert not problems, f"{name}: {problems[:5]}; regenerate it with `make lock`"


def test_the_check_finds_machine_local_lines_and_missing_hashes() -> None:
    bad = "--find-links /opt/wheels\n--extra-index-url file:///opt/pypi/simple\nclick==8.2.1\n" \
          "six==1.16.0 \\\n    --hash=sha256:abc\n"
    assert portability_problems(bad) == ["local to one machine: --find-links /opt/wheels",
                                         "local to one machine: --extra-index-url file:///opt/pypi/simple",
                                         "no hash: click==8.2.1"]
