"""HTML validity gate: the Nu Html Checker (npm vnu-jar, on the machine's Java) finds no error
in any built page, except the allowlisted ones that come from Material's own templates."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, BuiltSite

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ALLOWLIST = yaml.safe_load((Path(__file__).parent / "vnu_allowlist.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def vnu_errors(site: BuiltSite) -> list[dict[str, Any]]:
    if not VNU.is_file() or not shutil.which("java"):
        pytest.fail("vnu.jar or java is missing: run `make test`, which installs them")
    result = subprocess.run(["java", "-jar", str(VNU), "--format", "json", "--errors-only", "--skip-non-html",
                             str(site.path)], capture_output=True, text=True, timeout=600)
    return [m for m in json.loads(result.stderr)["messages"] if m["type"] in ("error", "non-document-error")]


def test_every_page_is_valid_html(vnu_errors: list[dict[str, Any]]) -> None:
    unexplained = [m for m in vnu_errors if not any(entry["message"] in m["message"] for entry in ALLOWLIST)]
    report = "\n".join(f"{m['url']}:{m.get('lastLine')}: {m['message']}" for m in unexplained[:20])
    assert not unexplained, f"{len(unexplained)} HTML errors:\n{report}"


def test_allowlist_has_no_stale_entries(vnu_errors: list[dict[str, Any]]) -> None:
    for entry in ALLOWLIST:
        assert entry["template"] and entry["reason"]
        assert any(entry["message"] in m["message"] for m in vnu_errors), f"no longer needed: {entry['template']}"
