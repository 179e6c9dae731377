"""The plugin's scripts are served minified (stackguide/minify.py): shorter, without comments, still
valid, and with the text they show unchanged; the stylesheet as it is."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from stackguide import minify
from stackguide.plugin import ASSETS

SCRIPTS = sorted(ASSETS.rglob("*.js"))


@pytest.mark.parametrize("asset", SCRIPTS, ids=lambda path: path.name)
def test_a_script_is_served_shorter_and_without_its_comments(asset: Path) -> None:
    source = asset.read_text(encoding="utf-8")
    served = minify.served(asset)
    assert isinstance(served, str) and 0 < len(served) < len(source)
    comments = re.findall(r"/\*.*?\*/|^\s*//.*$", source, re.M | re.S)
    assert comments, f"{asset.name} explains itself in comments"
    assert not [comment for comment in comments if comment.strip() in served]


@pytest.mark.parametrize("asset", SCRIPTS, ids=lambda path: path.name)
def test_a_served_script_is_still_valid_javascript(asset: Path, tmp_path: Path) -> None:
    if shutil.which("node") is None:  # node checks the scripts' syntax
        pytest.fail("node is missing: run `make test`, which installs it")
    served = tmp_path / asset.name
    served.write_text(str(minify.served(asset)), encoding="utf-8")
    result = subprocess.run(["node", "--check", str(served)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_text_in_template_strings_keeps_its_spaces() -> None:
    served = str(minify.served(ASSETS / "catalog.js"))
    assert "`Showing ${shown} of ${rows.length} entries`" in served
    assert '"Filter by name or keyword"' in served


def test_other_files_are_served_as_they_are(tmp_path: Path) -> None:
    assert minify.served(ASSETS / "site.css") == (ASSETS / "site.css").read_bytes()
    image = tmp_path / "logo.svg"
    image.write_bytes(b"<svg>  /* kept */ </svg>")
    assert minify.served(image) == b"<svg>  /* kept */ </svg>"
