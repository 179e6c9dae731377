"""Check every link in a built site: internal links and #anchors must resolve; external links are
listed (and checked only on request, by the scheduled workflow, never by the offline tests).

    python -m stackguide.linkcheck site                  # fail on broken internal links
    python -m stackguide.linkcheck site --external FILE  # also write the external-link report
    python -m stackguide.linkcheck site --check-external # also fetch every external link
"""

from __future__ import annotations

import argparse
import sys
import urllib.request
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if values.get(key):
                self.ids.add(values[key] or "")
        if tag == "a" and values.get("href"):
            self.hrefs.append(values["href"] or "")


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _target_file(site: Path, url_path: str) -> Path:
    path = site / unquote(url_path).lstrip("/")
    return path / "index.html" if url_path.endswith("/") or path.is_dir() else path


def scan(site: Path) -> tuple[list[str], dict[str, set[str]]]:
    """Broken internal links as 'page: href: reason', and external URLs with the pages using them."""
    pages = {path: _parse(path) for path in sorted(site.rglob("*.html"))}
    broken: list[str] = []
    external: dict[str, set[str]] = defaultdict(set)
    for path, page in pages.items():
        page_url = "/" + path.relative_to(site).as_posix()
        for href in page.hrefs:
            parts = urlsplit(href)
            if parts.scheme in ("http", "https"):
                external[href].add(page_url)
                continue
            if parts.scheme or href.startswith("//"):
                continue  # mailto:, javascript:, data: and the like
            target_url, fragment = urldefrag(urljoin(page_url, href))
            target = _target_file(site, urlsplit(target_url).path)
            if not target.is_file():
                broken.append(f"{page_url}: {href}: no such page")
            elif fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if unquote(fragment) not in ids:
                    broken.append(f"{page_url}: {href}: no element with id '{fragment}'")
    return broken, external


def check_external(urls: list[str], timeout: float = 20) -> list[str]:
    failures = []
    for url in urls:
        request = urllib.request.Request(url, method="GET", headers={"User-Agent": "stackguide-linkcheck"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                if response.status >= 400:
                    failures.append(f"{url}: HTTP {response.status}")
        except Exception as err:  # any failure to fetch is a finding, with its reason
            failures.append(f"{url}: {err}")
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--external", type=Path, help="write external links, one per line, with their pages")
    parser.add_argument("--check-external", action="store_true", help="fetch every external link")
    args = parser.parse_args(argv)
    broken, external = scan(args.site)
    for line in broken:
        print(f"broken: {line}")
    if args.external:
        lines = [f"{url}\t{' '.join(sorted(pages))}" for url, pages in sorted(external.items())]
        args.external.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{len(external)} external links written to {args.external}")
    failures = check_external(sorted(external)) if args.check_external else []
    for line in failures:
        print(f"external: {line}")
    return 1 if broken or failures else 0


if __name__ == "__main__":
    sys.exit(main())
