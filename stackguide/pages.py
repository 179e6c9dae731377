"""What the data adds to the site: one page per layer, entry and comparison, the navigation, and
the machine-readable exports. Plain functions over the Catalog, with no MkDocs objects.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from stackguide import lifecyclefeeds
from stackguide.catalog import Catalog
from stackguide.compiledcache import kept
from stackguide.exports import (
    CATALOG_SCHEMA_NAME,
    catalog_export,
    catalog_schema,
    export_lists,
    list_models,
    schema_text,
)
from stackguide.families import ENTRY_FAMILIES, FAMILIES
from stackguide.gcpause import paused_gc
from stackguide.lifecycle import event_words
from stackguide.markup import escape_commonmark
from stackguide.model import SCHEMA_VERSION, Entry, Group, Layer, PageRecord
from stackguide.moved import moved_pages
from stackguide.render import nav_layers, one_pass, render_page

# A nav value "generated:<group>" in mkdocs.yml expands to that group's layers and entries, and
# "generated:<folder>" to one family's pages (e.g. generated:comparisons).
NAV_MARKER = "generated:"


@dataclass(frozen=True)
class GeneratedPage:
    path: str  # docs-relative Markdown path
    content: str  # front matter, then the page's Markdown
    data_file: str  # the YAML file to edit, relative to the project root


@paused_gc()
def generated_pages(catalog: Catalog) -> list[GeneratedPage]:
    with one_pass():
        return [generated_page(catalog, item) for item in catalog.pages()]


# json.dumps with any option set makes an encoder at each call: the pages share one.
_FRONT_MATTER_VALUE = json.JSONEncoder(ensure_ascii=False)


def generated_page(catalog: Catalog, item: PageRecord) -> GeneratedPage:
    # MkDocs treats a page title as HTML (it takes it from the rendered heading), and Material
    # prints it as it is: so the title is the name escaped for HTML. render_macros: false keeps
    # mkdocs-macros away from the body and from the title it would otherwise render.
    family = catalog.family(item)
    meta: dict[str, Any] = {"render_macros": False, "title": html.escape(item.display_name, quote=True),
                            "description": item.summary}
    if isinstance(tags := getattr(item, "tags", None), list):  # a model with tags lists them, none or some
        meta["tags"] = list(tags)
    if family.hide:
        meta["hide"] = list(family.hide)
    # JSON values are YAML too: one key a line, quoted and escaped by the JSON encoder.
    front = "".join(f"{key}: {_FRONT_MATTER_VALUE.encode(value)}\n" for key, value in meta.items())
    return GeneratedPage(catalog.page_path(item), f"---\n{front}---\n\n{render_page(catalog, item)}",
                         catalog.data_path(item))


# A link the templates write from the docs root, "](/onboarding.md#day-1": data cannot make one
# (its brackets and parentheses are escaped), so each target is a page the templates name.
ROOT_LINK = re.compile(r"\]\(/([^)\s#]+\.md)")


def linked_pages(made: list[GeneratedPage]) -> dict[str, str]:
    """Each docs page the generated pages link to -> the first page that links to it."""
    targets: dict[str, str] = {}
    for page in made:
        for target in set(ROOT_LINK.findall(page.content)):
            targets.setdefault(target, page.path)
    return targets


# -- navigation ---------------------------------------------------------------------------------

def nav_names() -> tuple[str, ...]:
    return (*(group.value for group in Group), *(family.folder for family in FAMILIES))


class NavError(ValueError):
    """A `generated:` item in mkdocs.yml's nav names no part of the catalog."""


# "Generated:", "generate:", "generated :": what MkDocs would take for a link with that scheme.
_LIKE_MARKER = re.compile(r"^\s*generated?\s*:", re.IGNORECASE)


def expand_nav(nav: list[Any], catalog: Catalog | None, section_max: int) -> list[Any]:
    """Replace each `Title: generated:<name>` item of the hand-written nav with that part of the
    catalog (nothing, while there is no catalog)."""
    expanded: list[Any] = []
    for item in nav:
        if isinstance(item, str) and _LIKE_MARKER.match(item):
            raise NavError(f"nav: '{item}' has no title; write it as '- Title: {item.strip()}'")
        if isinstance(item, dict) and len(item) == 1:
            ((title, value),) = item.items()
            if isinstance(value, str) and not value.startswith(NAV_MARKER) and _LIKE_MARKER.match(value):
                raise NavError(f"nav: '{title}: {value}' looks like a generated: item; write it as "
                               f"'{NAV_MARKER}<name>' (one of: {', '.join(nav_names())})")
            if isinstance(value, str) and value.startswith(NAV_MARKER):
                if value.removeprefix(NAV_MARKER) not in nav_names():
                    raise NavError(f"nav: '{title}: {value}' names no part of the catalog; use one of: "
                                   + ", ".join(NAV_MARKER + name for name in nav_names()))
                part = _generated_nav(catalog, value.removeprefix(NAV_MARKER), section_max) if catalog else []
                if part:
                    expanded.append({title: part})
                continue
            if isinstance(value, list):
                expanded.append({title: expand_nav(value, catalog, section_max)})
                continue
        expanded.append(item)
    return expanded


def _generated_nav(catalog: Catalog, name: str, section_max: int) -> list[Any]:
    if name in {group.value for group in Group}:
        return group_nav(catalog, Group(name), section_max)
    family = next(family for family in catalog.families if family.folder == name)
    return [catalog.page_path(item) for item in catalog.members(family)]


def group_nav(catalog: Catalog, group: Group, section_max: int) -> list[Any]:
    """One section per layer, in the home diagram's order: its page first, then its entries."""
    layers = [layer for layer in nav_layers(catalog) if layer.group is group]
    return [{_nav_title(layer.name): [catalog.page_path(layer), *entries_nav(catalog, layer, section_max)]}
            for layer in layers]


def entries_nav(catalog: Catalog, layer: Layer, section_max: int) -> list[Any]:
    """A layer's entries, split by kind into chunks once there are too many for one list.

    Material renders the active section's whole list into every page of it; keeping each list
    short (with navigation.prune) keeps the build linear in the number of entries.
    """
    entries = catalog.entries_in(layer.id)
    if len(entries) <= section_max:
        return [catalog.page_path(entry) for entry in entries]
    sections: list[Any] = []
    for family in ENTRY_FAMILIES:
        members = [entry for entry in entries if catalog.family(entry) is family]
        for start in range(0, len(members), section_max):
            chunk = members[start:start + section_max]
            title = family.plural
            if len(members) > section_max:
                title = f"{title}: {chunk[0].name} to {chunk[-1].name}"
            sections.append({_nav_title(title): [catalog.page_path(entry) for entry in chunk]})
    return sections


def _nav_title(text: str) -> str:
    # Material prints section titles into the page as they are: give it HTML-safe text.
    return html.escape(text, quote=True)


# -- exports ------------------------------------------------------------------------------------

def catalog_json(catalog: Catalog, site_url: str) -> str:
    """Every generated page as JSON, one list per export list of the registry, with absolute page
    URLs, for tools and scripts. Markdown fields are given as written, in the documented subset.
    It is written through the model its published schema is computed from (pydantic's serializer:
    compact, and about twice as fast as dumping dicts and encoding them)."""
    models = list_models(catalog.families)

    def record(item: PageRecord, exported: type[BaseModel]) -> BaseModel:
        family = catalog.family(item)
        values: dict[str, Any] = {name: getattr(item, name) for name in type(item).model_fields}
        values.update(kind=family.key, url=site_url + family.page_url(item.id))
        values.update({field.name: field.value(catalog, item) for field in family.exports})
        return exported.model_construct(**values)  # validated already: the page by the loader, the rest is ours

    document: dict[str, Any] = {"schema_": site_url + CATALOG_SCHEMA_NAME, "schema_version": SCHEMA_VERSION}
    for name, model in export_lists(catalog.families).items():
        document[name] = [record(item, models[name]) for item in catalog.of_model(model)]
    return catalog_export(catalog.families).model_construct(**document).model_dump_json(by_alias=True) + "\n"


OUTPUT_NAMES = ("catalog.json", CATALOG_SCHEMA_NAME, "llms.txt", lifecyclefeeds.FEED_NAME,
                lifecyclefeeds.CALENDAR_NAME)


@paused_gc()
def outputs(catalog: Catalog, site_name: str, site_description: str, site_url: str) -> dict[str, str]:
    """Every generated file that is not a page, by its site path: the plugin serves them and the
    export writes them, so both sites hold the same ones. The old addresses of moved pages too."""
    changes = lifecyclefeeds.changes(catalog, site_url)  # for both feeds
    # The package's own registry's schema is kept between builds; another registry's (tests') is made.
    schema = (kept(CATALOG_SCHEMA_NAME, lambda: schema_text(FAMILIES)) if catalog.families == FAMILIES
              else schema_text(catalog.families))
    contents = (catalog_json(catalog, site_url), catalog_schema(schema, site_url),
                llms_txt(catalog, site_name, site_description, site_url),
                lifecyclefeeds.atom_feed(catalog, site_url, site_name, changes),
                lifecyclefeeds.calendar(catalog, site_url, site_name, changes))
    return {**dict(zip(OUTPUT_NAMES, contents, strict=True)), **moved_pages(catalog, site_name, site_url)}


def llms_txt(catalog: Catalog, site_name: str, site_description: str, site_url: str) -> str:
    """A plain-text index of the site in the llms.txt format (Markdown), for AI assistants."""
    lines = [f"# {escape_commonmark(site_name)}", "", f"> {escape_commonmark(site_description)}", "",
             # What the lines mean, before the first section: llmstxt.org's parser reads the quote as
             # the summary only when something follows it there.
             "Each line links a page and gives its summary. An entry's line starts with its state in brackets "
             "(active, maintenance, retired, ...), names a part that closed or ends, and ends with what to use "
             f"instead. The whole catalog as JSON: {site_url}catalog.json. Lifecycle changes as a feed: "
             f"{site_url}{lifecyclefeeds.FEED_NAME}.", ""]
    for layer in nav_layers(catalog):
        lines += [f"## {escape_commonmark(layer.name)}", "", _llms_line(catalog, layer, site_url)]
        lines += [_llms_line(catalog, entry, site_url) for entry in catalog.entries_in(layer.id)]
        lines.append("")
    for family in catalog.families:  # the families a layer does not head, one section each
        if family.model not in (Layer, Entry) and (members := catalog.members(family)):
            lines += [f"## {escape_commonmark(family.plural)}", ""]
            lines += [_llms_line(catalog, item, site_url) for item in members]
            lines.append("")
    return "\n".join(lines)


def _llms_line(catalog: Catalog, item: PageRecord, site_url: str) -> str:
    """One page: its name, link and summary; for an entry, its state, an announced end, what closed
    or ends in a part of it, and what to use instead, so that an assistant does not recommend what
    is gone."""
    name = item.display_name
    kind = " (overview)" if catalog.family(item).section_index else ""
    text = escape_commonmark
    line = f"- [{text(name)}{kind}]({site_url}{catalog.page_url(item)}):"
    if not isinstance(item, Entry):
        return f"{line} {text(item.summary)}"
    status = catalog.status(item)
    ends = f", ends {status.ends}" if status.ends else ""
    line += f" [{status.state.value}{ends}] {text(item.summary)}"
    for notice in status.notices:  # a part that closed or ends: not to be recommended either
        line += f" {text(str(notice.feature))}: {event_words(notice, catalog.today)} {notice.date}."
    if (instead := catalog.use_instead(item)) is not None:
        line += f" Use instead: [{text(instead.name)}]({site_url}{catalog.page_url(instead)})."
    return line
