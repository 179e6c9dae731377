"""Page generation: paths, navigation and front matter follow the data."""

from __future__ import annotations

from pathlib import Path

import yaml
from conftest import ENTRY, write

from stackguide import pages
from stackguide.catalog import page_path
from stackguide.load import load_catalog
from stackguide.model import Group


def test_nav_lists_layers_then_entries(data_root: Path) -> None:
    catalog = load_catalog(data_root)
    assert pages.group_nav(catalog, Group.STACK) == [
        {"Alpha": ["layers/alpha/index.md", "services/one.md"]},
        {"Beta": ["layers/beta/index.md", "services/two.md"]},
    ]
    nav = pages.expand_nav([{"Home": "index.md"}, {"Stack": "generated:stack"}, {"More": [{"X": "generated:stack"}]}],
                           catalog)
    assert nav[1] == {"Stack": pages.group_nav(catalog, Group.STACK)}
    assert nav[2] == {"More": [{"X": pages.group_nav(catalog, Group.STACK)}]}


def test_a_large_layer_is_split_into_short_sections(data_root: Path) -> None:
    for number in range(95):
        entry_id = f"svc-{number:03d}"
        write(data_root, f"data/services/{entry_id}.yaml", ENTRY.format(id=entry_id, name=f"Svc {number:03d}",
                                                                          layer="alpha"))
    write(data_root, "data/engines/eng.yaml", ENTRY.format(id="eng", name="Eng", layer="alpha")
          .replace("kind: service", "kind: engine"))
    catalog = load_catalog(data_root)
    (alpha,) = pages.group_nav(catalog, Group.STACK)[0].values()
    sections = alpha[1:]
    assert all(isinstance(section, dict) for section in sections)
    listed = [path for section in sections for path in next(iter(section.values()))]
    assert sorted(listed) == sorted(f"{p}" for p in (page_path(e) for e in catalog.entries_in("alpha")))
    assert max(len(next(iter(section.values()))) for section in sections) <= pages.NAV_SECTION_MAX
    assert list(sections[0]) == ["Services: One to Svc 038"]
    assert list(sections[-1]) == ["Engines"]


def test_front_matter_carries_title_description_tags_and_boost(data_root: Path) -> None:
    catalog = load_catalog(data_root)
    page = next(p for p in pages.generated_pages(catalog) if p.path == "services/one.md")
    front = yaml.safe_load(page.content.split("---")[1])
    assert front == {"title": "One", "description": "A service used by the tests.", "tags": [],
                     "search": {"boost": 3}}
    assert page.content.rstrip().endswith('{{ entry_page("one") }}')
    assert page.data_file == "data/services/one.yaml"
