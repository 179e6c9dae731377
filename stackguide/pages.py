"""What the data adds to the site: one page per layer and entry, the navigation, and exports.

Plain functions over the Catalog, with no MkDocs objects, so another generator could reuse them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import yaml

from stackguide.catalog import Catalog, Item, Page, page_path, page_url
from stackguide.model import SCHEMA_VERSION, Comparison, Entry, Group, Kind, Layer, State
from stackguide.render import kind_label

# A nav value "generated:<group>" in mkdocs.yml expands to that group's layers and entries,
# and "generated:comparisons" to the comparison pages.
NAV_MARKER = "generated:"
COMPARISONS = "comparisons"
NAV_SECTION_MAX = 40  # entries in one nav list before it is split
# Entry pages outrank prose pages that merely mention a service, and current entries
# outrank retired ones, so "chatbot" finds Lex V2 before Lex V1.
SEARCH_BOOST = {State.ACTIVE: 3, State.RENAMED: 3, State.SUPERSEDED: 1.5, State.RETIRED: 1.5}


@dataclass(frozen=True)
class GeneratedPage:
    path: str  # docs-relative Markdown path
    content: str  # front matter plus one macro call
    data_file: str  # the YAML file to edit, relative to the project root


def generated_pages(catalog: Catalog) -> list[GeneratedPage]:
    pages = [_page(catalog, layer, "layer_page") for layer in catalog.layers]
    pages += [_page(catalog, entry, "entry_page") for entry in catalog.entries]
    pages += [_page(catalog, comparison, "comparison_page") for comparison in catalog.comparisons]
    return pages


def _page(catalog: Catalog, item: Page, macro: str) -> GeneratedPage:
    title = item.title if isinstance(item, Comparison) else item.name
    meta: dict[str, object] = {"title": title, "description": item.summary}
    if isinstance(item, Comparison):
        meta["hide"] = ["toc"]  # wide tables need the room
    if isinstance(item, Entry):
        meta["tags"] = list(item.tags)
        meta["search"] = {"boost": SEARCH_BOOST[item.status.state]}
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000)
    body = f'{{{{ {macro}("{item.id}") }}}}\n'
    return GeneratedPage(page_path(item), f"---\n{front}---\n\n{body}", catalog.sources[item.id])


def expand_nav(nav: list, catalog: Catalog) -> list:
    """Replace each `Title: generated:<group>` item of the hand-written nav with that group."""
    expanded = []
    for item in nav:
        if isinstance(item, dict) and len(item) == 1:
            (title, value), = item.items()
            if isinstance(value, str) and value.startswith(NAV_MARKER):
                expanded.append({title: _generated_nav(catalog, value.removeprefix(NAV_MARKER))})
                continue
            if isinstance(value, list):
                expanded.append({title: expand_nav(value, catalog)})
                continue
        expanded.append(item)
    return expanded


def _generated_nav(catalog: Catalog, name: str) -> list:
    if name == COMPARISONS:
        return [page_path(comparison) for comparison in catalog.comparisons]
    return group_nav(catalog, Group(name))


def group_nav(catalog: Catalog, group: Group) -> list:
    """One section per layer: its page first (the section index), then its entries."""
    return [{layer.name: [page_path(layer), *entries_nav(catalog.entries_in(layer.id))]}
            for layer in catalog.layers_in(group)]


def entries_nav(entries: tuple[Entry, ...]) -> list:
    """A layer's entries, split into sub-sections once there are too many to list.

    Material renders the active section's whole list into every page of it; keeping each
    list short (with navigation.prune) keeps the build linear in the number of entries.
    """
    if len(entries) <= NAV_SECTION_MAX:
        return [page_path(entry) for entry in entries]
    sections = []
    for kind in Kind:
        members = [entry for entry in entries if entry.kind is kind]
        for start in range(0, len(members), NAV_SECTION_MAX):
            chunk = members[start:start + NAV_SECTION_MAX]
            title = kind_label(kind, plural=True)
            if len(members) > NAV_SECTION_MAX:
                title = f"{title}: {chunk[0].name} to {chunk[-1].name}"
            sections.append({title: [page_path(entry) for entry in chunk]})
    return sections


def catalog_json(catalog: Catalog, site_url: str) -> str:
    """Every layer and entry as JSON, with absolute page URLs, for tools and scripts."""
    def record(item: Item) -> dict:
        data = item.model_dump(mode="json")
        data["url"] = site_url + page_url(item)
        return data

    document = {
        "schema_version": SCHEMA_VERSION,
        "layers": [record(layer) for layer in catalog.layers],
        "entries": [record(entry) for entry in catalog.entries],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def llms_txt(catalog: Catalog, site_name: str, site_description: str, site_url: str) -> str:
    """A plain-text index of the site in the llms.txt format, for AI assistants."""
    lines = [f"# {site_name}", "", f"> {site_description}", ""]
    for layer in catalog.layers:
        lines.append(f"## {layer.name}")
        lines.append("")
        lines.append(_llms_line(layer, site_url))
        lines.extend(_llms_line(entry, site_url) for entry in catalog.entries_in(layer.id))
        lines.append("")
    return "\n".join(lines)


def _llms_line(item: Item, site_url: str) -> str:
    state = f" [{item.status.state.value}]" if isinstance(item, Entry) else ""
    kind = " (overview)" if isinstance(item, Layer) else ""
    return f"- [{item.name}{kind}]({site_url}{page_url(item)}):{state} {item.summary}"
