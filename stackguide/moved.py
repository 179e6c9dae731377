"""Addresses that moved: a page renamed, or merged into another, keeps its old address working.

A page's `former_ids` name the ids its folder published it under before (the loader checks that
each is free and claimed once). Each old address, /<folder>/<old>/, gets a small HTML page that
sends the browser on to the page at once, with the #anchor of the link it came by, tells search
engines where the page is now, and links it for a browser that runs no script.
"""

from __future__ import annotations

from stackguide.catalog import Catalog
from stackguide.render import html_templates


def moved_pages(catalog: Catalog, site_name: str, site_url: str) -> dict[str, str]:
    """Site path of each old address's page -> its HTML."""
    found: dict[str, str] = {}
    for item in catalog.pages():
        for old in item.old_ids():
            family = catalog.family(item)
            found[f"{family.folder}/{old}/index.html"] = html_templates().get_template("moved.html").render(
                name=item.display_name, site_name=site_name, target=f"../{item.id}/",
                canonical=site_url + family.page_url(item.id))
    return found
