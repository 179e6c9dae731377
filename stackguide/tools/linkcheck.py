"""Check a built site's internal links: every link to a page and every #anchor must resolve.

    python -m stackguide.tools.linkcheck site

External links are checked by lychee in the scheduled review workflow, never by the offline tests.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

from stackguide.errors import printable
from stackguide.tools.htmlscan import HtmlPage, parse_file


def _target_file(site: Path, url_path: str) -> Path:
    path = site / unquote(url_path).lstrip("/")
    return path / "index.html" if url_path.endswith("/") or path.is_dir() else path


def broken_links(site: Path) -> list[str]:
    """Broken internal links, as 'page: href: reason'."""
    pages: dict[Path, HtmlPage] = {path: parse_file(path) for path in sorted(site.rglob("*.html"))}
    broken: list[str] = []
    for path, page in pages.items():
        page_url = "/" + path.relative_to(site).as_posix()
        for link in page.links:
            href = link.href
            if urlsplit(href).scheme or href.startswith("//"):
                continue  # external, mailto: and the like
            target_url, fragment = urldefrag(urljoin(page_url, href))
            target = _target_file(site, urlsplit(target_url).path)
            if not target.is_file():
                broken.append(f"{page_url}: {href}: no such page")
            elif fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse_file(target).ids
                if unquote(fragment) not in ids:
                    broken.append(f"{page_url}: {href}: no element with id '{fragment}'")
    return broken


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("site", type=Path)
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():  # a wrong folder would pass with nothing checked
        print(f"{printable(str(args.site))}: not a built site (no index.html); build it first (make build)",
              file=sys.stderr)
        return 2
    broken = broken_links(args.site)
    for line in broken:
        print(f"broken: {printable(line)}")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
