"""The Material templates we keep a changed copy of: when Material's own version changes under the
copy, this test fails and names the file to compare, so a theme upgrade never silently drops what
Material added (overrides/ holds only what cannot be done otherwise; docs/maintainers.md says why)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import material
import pytest
from conftest import ROOT

MATERIAL = Path(material.__file__).parent / "templates"

# Material's text each copy was made from (sha256 of the block or file, whitespace folded), and the
# copy that follows it. Update a digest only after comparing the copy with Material's new text.
COPIES = {
    ("base.html", "site_meta"): (
        "overrides/main.html", "3499f6fce346e940107532d8a6b32bc60b3d22511e8643d802405f382e5a6883"),
    ("partials/source.html", None): (
        "overrides/partials/source.html", "abb302bf08b39ce22a1aeeacf6ab493d35cf0b2546756cf683f6dd39d8ad5846"),
    ("partials/palette.html", None): (
        "overrides/partials/palette.html", "bc67feac98d79a88aa34f452e4197e22d01a53cbb3df8a04b99d436b78e0592b"),
    ("base.html", "htmltitle"): (
        "overrides/main.html", "6d80c3d74a34d7ff92022bfcc7ed78da151cbf72d3b60b1619c13ef6ba1b72f7"),
    ("404.html", "content"): (
        "overrides/404.html", "3d58bad4307741687a9302ce0b36ddbc57ad02cea629fac8f12bd025a49684cc"),
}


def upstream(template: str, block: str | None) -> str:
    text = (MATERIAL / template).read_text(encoding="utf-8")
    if block is not None:
        match = re.search(r"{%\s*block " + block + r"\s*%}(.*?){%\s*endblock\s*%}", text, re.S)
        assert match, f"Material's {template} no longer has a {block} block: rework {COPIES[(template, block)][0]}"
        text = match.group(1)
    text = re.sub(r"mkdocs-material-[\d.]+", "mkdocs-material", text)  # the version it prints changes each release
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()


@pytest.mark.parametrize(("template", "block"), sorted(COPIES, key=str))
def test_materials_original_is_the_one_our_copy_follows(template: str, block: str | None) -> None:
    copy, digest = COPIES[(template, block)]
    assert (ROOT / copy).is_file()
    assert upstream(template, block) == digest, (
        f"Material's {template}{' block ' + block if block else ''} changed: compare it with {copy}, carry over "
        "what Material added, then update the digest here")


_BLOCK = re.compile(r"{%-?\s*block (\w+)\s*-?%}(.*?){%-?\s*endblock", re.S)


def test_every_block_an_override_replaces_has_a_digest() -> None:
    """A block written without super() replaces Material's: whatever Material adds to it later would
    be dropped without a word unless its text is followed here (main.html's htmltitle was not)."""
    missing = []
    for override in sorted((ROOT / "overrides").glob("*.html")):
        for block, body in _BLOCK.findall(override.read_text(encoding="utf-8")):
            if "super()" in body:
                continue
            origin = next(name for name in (override.name, "base.html") if (MATERIAL / name).is_file()
                          and re.search(r"{%-?\s*block " + block + r"\s*-?%}", (MATERIAL / name).read_text()))
            if (origin, block) not in COPIES and (origin, None) not in COPIES:
                missing.append(f"{override.name}: block {block} (Material's {origin})")
    assert missing == []
