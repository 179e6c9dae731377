"""Page generation: paths, navigation, front matter and exports follow the data."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import ENTRY, write

from stackguide import pages
from stackguide.catalog import Catalog
from stackguide.families import FAMILIES
from stackguide.load import load_catalog
from stackguide.model import Group


def test_nav_lists_layers_then_entries(tiny_catalog: Catalog) -> None:
    assert pages.group_nav(tiny_catalog, Group.STACK, 40) == [
        {"Beta": ["layers/beta/index.md", "services/two.md"]},
        {"Alpha": ["layers/alpha/index.md", "services/one.md"]},
    ]
    nav = pages.expand_nav([{"Home": "index.md"}, {"Stack": "generated:stack"}, {"More": [{"X": "generated:stack"}]},
                            {"Empty": "generated:amazon"}], tiny_catalog, 40)
    assert nav[1] == {"Stack": pages.group_nav(tiny_catalog, Group.STACK, 40)}
    assert nav[2] == {"More": [{"X": pages.group_nav(tiny_catalog, Group.STACK, 40)}]}
    assert len(nav) == 3, "a marker for an empty group is left out"
    assert pages.expand_nav([{"Stack": "generated:stack"}], None, 40) == [], "no catalog yet: no generated nav"


@pytest.mark.parametrize(("nav", "problem"), [
    (["generated:stack"], "'generated:stack' has no title; write it as '- Title: generated:stack'"),
    ([{"Stack": ["generated:stack"]}], "'generated:stack' has no title; write it as '- Title: generated:stack'"),
    ([{"Stack": "Generated:stack"}], "'Stack: Generated:stack' looks like a generated: item; write it as "
                                     "'generated:<name>'"),
    ([{"Stack": "generate:stack"}], "'Stack: generate:stack' looks like a generated: item; write it as "
                                    "'generated:<name>'"),
])
def test_a_nav_marker_mkdocs_would_take_for_a_link_is_refused(tiny_catalog: Catalog, nav: list[object],
                                                              problem: str) -> None:
    """Not expanded, MkDocs takes such an item for an external link with the scheme 'generated:' and
    builds, even with --strict: the site's nav would link to nothing."""
    with pytest.raises(pages.NavError, match=re.escape(problem)):
        pages.expand_nav(nav, tiny_catalog, 40)
    with pytest.raises(pages.NavError, match=re.escape(problem)):
        pages.expand_nav(nav, None, 40)  # the same without a catalog (a broken data/ while serving)


def test_each_family_folder_is_a_nav_marker_for_its_pages(tiny_catalog: Catalog) -> None:
    for family in FAMILIES:
        paths = [tiny_catalog.page_path(item) for item in tiny_catalog.members(family)]
        nav = pages.expand_nav([{"X": f"generated:{family.folder}"}], tiny_catalog, 40)
        assert nav == ([{"X": paths}] if paths else []), family.folder


def test_a_large_layer_is_split_into_short_sections(data_root: Path) -> None:
    for number in range(12):
        write(data_root, f"data/services/svc-{number:02d}.yaml", ENTRY.format(id=f"svc-{number:02d}",
                                                                            name=f"Svc {number:02d}", layer="alpha"))
    write(data_root, "data/engines/eng.yaml", ENTRY.format(id="eng", name="Eng", layer="alpha"))
    catalog = load_catalog(data_root)
    (alpha,) = pages.group_nav(catalog, Group.STACK, 5)[1].values()
    sections = alpha[1:]
    listed = [path for section in sections for path in next(iter(section.values()))]
    assert sorted(listed) == sorted(catalog.page_path(e) for e in catalog.entries_in("alpha"))
    assert max(len(next(iter(section.values()))) for section in sections) <= 5
    assert list(sections[0]) == ["Services: One to Svc 03"] and list(sections[-1]) == ["Engines"]


def test_nav_section_titles_are_html_safe(data_root: Path) -> None:
    write(data_root, "data/layers/alpha.yaml", (data_root / "data/layers/alpha.yaml").read_text()
          .replace("name: Alpha", "name: 'Tom & \"Jerry\" <3'"))
    catalog = load_catalog(data_root)
    assert "Tom &amp; &quot;Jerry&quot; &lt;3" in pages.group_nav(catalog, Group.STACK, 40)[1]


def test_front_matter_keeps_data_out_of_templates(tiny_catalog: Catalog) -> None:
    page = pages.generated_page(tiny_catalog, tiny_catalog.entry("one"))
    front = yaml.safe_load(page.content.split("---")[1])
    assert front == {"render_macros": False, "title": "One", "description": "A service used by the tests.", "tags": [],
                     "hide": ["tags"]}
    assert page.content.split("---", 2)[2].lstrip().startswith("# One\n")  # the title is the escaped heading
    assert page.data_file == "data/services/one.yaml" and page.path == "services/one.md"


def test_llms_txt_tells_an_assistant_what_has_ended_and_what_to_use_instead(data_root: Path) -> None:
    text = ENTRY.format(id="one", name="One", layer="alpha").replace(
        "cite: doc}", "cite: doc}\n  - {event: end-of-support, date: 2025-04-30, successor: two, cite: doc}")
    write(data_root, "data/services/one.yaml", text)
    write(data_root, "data/services/three.yaml", ENTRY.format(id="three", name="Three", layer="alpha").replace(
        "cite: doc}", "cite: doc}\n  - {event: end-of-support, date: 2027-04-30, cite: doc}")
        + "instead: Nothing replaces it.\n")
    llms = pages.llms_txt(load_catalog(data_root, today=dt.date(2026, 12, 6)), "Guide", "About", "https://e.org/")
    assert ("- [One](https://e.org/services/one/): [retired] A service used by the tests. "
            "Use instead: [Two](https://e.org/services/two/).") in llms
    assert "- [Three](https://e.org/services/three/): [active, ends 2027-04-30] A service used by the tests.\n" \
        in llms
    assert "- [Two](https://e.org/services/two/): [active] A service used by the tests.\n" in llms


def test_llms_txt_opens_as_llmstxt_org_reads_it(tiny_catalog: Catalog) -> None:
    """Title, the quote as the summary, then what the lines mean, as the reference parser (llms-txt
    0.0.7's parse_llms_file, whose pattern is below) splits the text before the first section."""
    llms = pages.llms_txt(tiny_catalog, "Guide", "About the guide.", "https://e.org/")
    start = llms.split("\n## ", 1)[0].strip()
    found = re.search(r"^#\s*(?P<title>.+?$)\n+(?:^>\s*(?P<summary>.+?$))?\n+(?P<info>.*)", start,
                      re.MULTILINE | re.DOTALL)
    assert found is not None and found["title"] == "Guide" and found["summary"] == "About the guide."
    assert "https://e.org/catalog.json" in found["info"] and "https://e.org/lifecycle.xml" in found["info"]


def test_llms_txt_names_what_closed_or_ends_in_a_part_of_a_service(data_root: Path) -> None:
    write(data_root, "data/services/one.yaml", ENTRY.format(id="one", name="One", layer="alpha").replace(
        "cite: doc}", "cite: doc}\n  - {event: closed-to-new-customers, feature: A *batch* mode, date: 2026-04-30, "
        "cite: doc}"))
    llms = pages.llms_txt(load_catalog(data_root, today=dt.date(2026, 12, 6)), "Guide", "About", "https://e.org/")
    assert ("- [One](https://e.org/services/one/): [active] A service used by the tests. A \\*batch\\* mode: closed "
            "to new customers 2026-04-30.\n") in llms


def test_exports_escape_for_their_formats(data_root: Path) -> None:
    write(data_root, "data/services/one.yaml", ENTRY.format(id="one", name='X](javascript:alert(1)) "y"',
                                                            layer="alpha"))
    catalog = load_catalog(data_root)
    document = json.loads(pages.catalog_json(catalog, "https://example.org/"))
    one = next(entry for entry in document["entries"] if entry["id"] == "one")
    assert one["name"] == 'X](javascript:alert(1)) "y"' and one["url"] == "https://example.org/services/one/"
    assert one["kind"] == "service" and one["description"] == "A service used by the tests [^doc]."
    llms = pages.llms_txt(catalog, "Guide", "About", "https://example.org/")
    assert '- [X\\](javascript:alert(1)) "y"](https://example.org/services/one/): [active]' in llms
