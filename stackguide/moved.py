"""Addresses that moved: a page renamed, or merged into another, keeps its old address working.

A page's `former_ids` name the ids its folder published it under before (the loader checks that
each is free and claimed once). Each old address, /<folder>/<old>/, gets a small HTML page that
sends the browser on to the page at once, with the #anchor of the link it came by, tells search
engines where the page is now, and links it for a browser that runs no script. Its one script is
the only one its Content-Security-Policy lets run.
"""

from __future__ import annotations

from jinja2.utils import htmlsafe_json_dumps

from stackguide import csp
from stackguide.catalog import Catalog
from stackguide.render import html_templates


def moved_pages(catalog: Catalog, site_name: str, site_url: str) -> dict[str, str]:
    """Site path of each old address's page -> its HTML."""
    found: dict[str, str] = {}
    for item in catalog.pages():
        for old in item.old_ids():
            family = catalog.family(item)
            target = f"../{item.id}/"
            script = htmlsafe_json_dumps(target) + " + location.hash"  # <, >, & and ' as JSON escapes
            found[f"{family.folder}/{old}/index.html"] = html_templates().get_template("moved.html").render(
                name=item.display_name, site_name=site_name, target=target, script=script,
                policy=csp.policy([f"location.replace({script})"]), canonical=site_url + family.page_url(item.id))
    return found
