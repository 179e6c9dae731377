"""The internal link check's command line: a built site is checked, anything else is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from stackguide.tools.linkcheck import main


def test_a_folder_that_is_not_a_built_site_is_refused_not_passed(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "page.html"
    page.write_text('<a href="gone/">gone</a>')
    for wrong in (tmp_path / "missing", tmp_path, page):
        assert main([str(wrong)]) == 2
        assert capsys.readouterr().err == f"{wrong}: not a built site (no index.html); build it first (make build)\n"
    (tmp_path / "index.html").write_text('<a href="page.html">a page</a> <a href="page.html#top">its top</a>')
    assert main([str(tmp_path)]) == 1
    assert capsys.readouterr().out.splitlines() == ["broken: /index.html: page.html#top: no element with id 'top'",
                                                    "broken: /page.html: gone/: no such page"]
    page.write_text('<h1 id="top">Top</h1>')
    assert main([str(tmp_path)]) == 0 and capsys.readouterr().out == ""
