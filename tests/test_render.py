"""Rendering: pages answer first, cite their sources, and follow the data; tiny catalogs, no build."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import NoReturn

import markdown
import pytest
from conftest import COMPARISON, ENTRY, LAYER, ROOT, crowd, day, write
from jinja2 import Environment, Template
from jinja2.runtime import Context
from markupsafe import Markup
from test_markup import CONFIGS, EXTENSIONS, shown

from stackguide import pagemacros, pages, render
from stackguide.catalog import Catalog
from stackguide.escaping import escape_text
from stackguide.load import load_catalog
from stackguide.onboarding import OnboardingPath

LAUNCH = "{event: launched, date: 2020-01-01, cite: doc}"


def retire_one(root: Path, event: str = "retired") -> None:
    """'one' (from the notes) is retired on 2023-09-20, replaced by 'two' (new since them, launched 2024-05);
    or gets another event on that day."""
    change = ("{event: renamed, date: 2023-09-20, from: Old One, to: One, cite: doc}" if event == "renamed"
              else f"{{event: {event}, date: 2023-09-20, successor: two, cite: doc}}")
    text = ENTRY.format(id="one", name="One", layer="alpha").replace(LAUNCH, f"{LAUNCH}\n  - {change}")
    write(root, "data/services/one.yaml", text + "notes_say: It was in the notes.\nprevious_names: [Old One]\n")
    write(root, "data/services/two.yaml", ENTRY.format(id="two", name="Two", layer="beta")
          .replace("date: 2020-01-01", "date: 2024-05"))


def html_of(markdown_text: str) -> str:
    return markdown.markdown(markdown_text, extensions=EXTENSIONS, extension_configs=CONFIGS)


def test_a_retired_entry_says_what_to_use_before_any_section(data_root: Path) -> None:
    retire_one(data_root)
    catalog = load_catalog(data_root)
    page = render.render_page(catalog, catalog.entry("one"))
    banner = page.index('class="sg-banner sg-banner--retired"')
    assert banner < page.index("\n## ")
    assert "**Retired <span class=\"sg-date\">2023\\-09\\-20</span>** → use [Two](/services/two.md)." in page
    # what it did is told as what it did until then; the anchor stays the one every entry page has
    assert "\n## Key capabilities, until it was retired { #key-capabilities }\n" in page
    assert "\n## Key capabilities { #key-capabilities }\n" in render.render_page(catalog, catalog.entry("two"))


def test_a_successor_retired_since_leads_on_to_what_replaced_it(data_root: Path) -> None:
    """One was replaced by Two, and Two since by Three: every "use" link goes to Three, and One's
    banner says which successor AWS named first and what became of it."""
    retire_one(data_root)
    two = (data_root / "data/services/two.yaml").read_text()
    write(data_root, "data/services/two.yaml", two.replace(
        "date: 2024-05, cite: doc}", "date: 2024-05, cite: doc}\n  - {event: retired, date: 2025-03-01, "
        "successor: three, cite: doc}"))
    write(data_root, "data/services/three.yaml", ENTRY.format(id="three", name="Three", layer="beta"))
    catalog = load_catalog(data_root)
    one = catalog.entry("one")
    assert [entry.id for entry in catalog.successor_chain(one)] == ["two", "three"]
    assert ("**Retired " + day("2023\\-09\\-20") + "** → use [Three](/services/three.md); AWS first named "
            "[Two](/services/two.md), retired " + day("2025\\-03\\-01") + ".") in render.render_page(catalog, one)
    assert "Retired → [Two](/services/two.md)" in render.render_page(catalog, one)  # the event as it was
    assert '<td class="sg-col-successor" markdown="span">[Three](/services/three.md)</td>' in \
        render.render_catalog_table(catalog)
    assert "→ [Three](/services/three.md)" in render.render_page(catalog, catalog.layer("alpha"))
    assert "→ use [Three](/services/three.md)." in render.render_page(catalog, catalog.entry("two"))


@pytest.mark.parametrize(("two_events", "chain", "use", "banner"), [
    # no successor of its own: the chain ends, and there is nothing open to use
    ("{event: retired, date: 2025-03-01, cite: doc}", ["two"], None,
     "**Retired " + day("2023\\-09\\-20") + "**; AWS named [Two](/services/two.md), retired "
     + day("2025\\-03\\-01") + "."),
    ("{event: closed-to-new-customers, date: 2025-03-01, successor: three, cite: doc}", ["two", "three"], "three",
     "**Retired " + day("2023\\-09\\-20") + "** → use [Three](/services/three.md); AWS first named "
     "[Two](/services/two.md), closed to new customers " + day("2025\\-03\\-01") + "."),
    ("{event: end-of-support, date: 2027-04-30, successor: three, cite: doc}", ["two", "three"], "three",
     "**Retired " + day("2023\\-09\\-20") + "** → use [Three](/services/three.md); AWS first named "
     "[Two](/services/two.md), support ends " + day("2027\\-04\\-30") + "."),
    # open, with an end announced and nothing after it: still the one to use, with its end
    ("{event: end-of-support, date: 2027-04-30, cite: doc}", ["two"], "two",
     "**Retired " + day("2023\\-09\\-20") + "** → use [Two](/services/two.md) (support ends "
     + day("2027\\-04\\-30") + ")."),
    ("{event: renamed, date: 2025-03-01, from: Old Two, to: Two, cite: doc}", ["two"], "two",
     "**Retired <span class=\"sg-date\">2023\\-09\\-20</span>** → use [Two](/services/two.md)."),
])
def test_a_successor_chain_goes_on_while_the_successor_is_not_open(data_root: Path, two_events: str,
                                                                    chain: list[str], use: str | None,
                                                                    banner: str) -> None:
    retire_one(data_root)
    two = (data_root / "data/services/two.yaml").read_text()
    extra = ("previous_names: [Old Two]\n" if "renamed" in two_events
             else "instead: Nothing replaces it.\n" if "successor" not in two_events else "")
    write(data_root, "data/services/two.yaml", two.replace(
        "date: 2024-05, cite: doc}", f"date: 2024-05, cite: doc}}\n  - {two_events}") + extra)
    write(data_root, "data/services/three.yaml", ENTRY.format(id="three", name="Three", layer="beta"))
    catalog = load_catalog(data_root, today=dt.date(2026, 12, 6))
    one = catalog.entry("one")
    assert [entry.id for entry in catalog.successor_chain(one)] == chain
    assert catalog.successor(one) is catalog.entry(chain[-1])  # what replaced it, as the catalog table says
    assert catalog.use_instead(one) is (catalog.entry(use) if use else None)
    assert banner in render.render_page(catalog, one)
    exported = next(entry for entry in json.loads(pages.catalog_json(catalog, "/"))["entries"] if entry["id"] == "one")
    assert (exported["status"]["successor"], exported["status"]["use_instead"]) == ("two", use)  # for scripts too


@pytest.mark.parametrize(("two_then", "expected"), [
    ("{event: closed-to-new-customers, date: 2025-03-01, successor: three, cite: doc}",
     "[One](/services/one.md) → use [Three](/services/three.md)\n"),
    ("{event: retired, date: 2025-03-01, cite: doc}", "[One](/services/one.md)\n"),  # nothing open to use
])
def test_closing_soon_points_past_a_successor_that_closed(data_root: Path, two_then: str, expected: str) -> None:
    text = ENTRY.format(id="one", name="One", layer="alpha").replace(
        "cite: doc}", "cite: doc}\n  - {event: end-of-support, date: 2027-04-30, successor: two, cite: doc}")
    write(data_root, "data/services/one.yaml", text)
    two = (data_root / "data/services/two.yaml").read_text()
    write(data_root, "data/services/two.yaml", two.replace(
        "date: 2020-01-01, cite: doc}", f"date: 2020-01-01, cite: doc}}\n  - {two_then}")
        + ("" if "successor" in two_then else "instead: Nothing replaces it.\n"))
    write(data_root, "data/services/three.yaml", ENTRY.format(id="three", name="Three", layer="beta"))
    changes = render.render_changes(load_catalog(data_root, today=dt.date(2026, 12, 6)))
    closing = changes[:changes.index("## ", changes.index("## Closing soon") + 3)]
    assert '2027-04-30</span></time>: ' + expected in closing.replace("\\-", "-")


def test_a_renamed_entry_names_what_it_was_called(data_root: Path) -> None:
    retire_one(data_root, event="renamed")
    catalog = load_catalog(data_root)
    page = render.render_page(catalog, catalog.entry("one"))
    assert "**Renamed <span class=\"sg-date\">2023\\-09\\-20</span>**; formerly Old One." in page
    assert "Renamed from Old One to One" in page  # the lifecycle says it too
    assert '<span class="sg-badge sg-badge--renamed" title="Renamed">Renamed</span>' in page
    # its earlier names are told apart from its abbreviations, which may be terms it uses (PII)
    write(data_root, "data/services/one.yaml", (data_root / "data/services/one.yaml").read_text()
          + "abbreviations: [OO, PII]\n")
    again = load_catalog(data_root)
    html = html_of(render.render_page(again, again.entry("one")))
    assert '<p class="sg-keywords">Formerly: Old One. Abbreviations: OO, PII.</p>' in html
    # the catalog's "Active" filter finds it too: it runs under its new name
    assert 'data-status="renamed active"' in render.render_catalog_table(catalog)


def test_claims_cite_numbered_sources_listed_under_sources(data_root: Path) -> None:
    catalog = load_catalog(data_root)
    html = html_of(render.render_page(catalog, catalog.entry("one")))
    assert html.index('id="sources"') < html.index('class="footnote"')
    refs = shown(html).tags
    assert ("a", {"class": "footnote-ref", "href": "#fn:doc"}) in [(t, {k: v for k, v in a.items() if k != "id"})
                                                                   for t, a in refs if t == "a" and "footnote-ref" in
                                                                   (a.get("class") or "")]
    assert "The service's documentation, docs.aws.amazon.com; checked 2026-11-20." in shown(html).text


def test_then_and_now_sit_side_by_side(data_root: Path) -> None:
    retire_one(data_root)
    catalog = load_catalog(data_root)
    text = shown(html_of(render.render_page(catalog, catalog.entry("one")))).text
    assert text.index("The 2017 notes") < text.index("It was in the notes.") < text.index("Today")
    assert "Not mentioned: this arrived after the notes" in shown(html_of(
        render.render_page(catalog, catalog.entry("two")))).text


@pytest.mark.parametrize(("launched", "said"), [
    ("2019-06", "Not mentioned: this arrived after the notes were written."),
    ("2017-08", "Not mentioned: it launched in 2017, the year the notes were written."),
    ("2013-11", "Not mentioned, though it launched in 2013, before the notes were written."),
    (None, "Not mentioned in the notes."),
])
def test_an_entry_the_notes_do_not_mention_says_when_it_launched(data_root: Path, launched: str | None,
                                                                  said: str) -> None:
    text = ENTRY.format(id="three", name="Three", layer="beta")
    text = (text.replace("  - {event: launched, date: 2020-01-01, cite: doc}", "  - {event: generally-available, "
                         "date: 2020-01-01, cite: doc, feature: A part}") if launched is None
            else text.replace("date: 2020-01-01", f"date: {launched}"))
    write(data_root, "data/services/three.yaml", text)
    catalog = load_catalog(data_root)
    assert said in shown(html_of(render.render_page(catalog, catalog.entry("three")))).text
    changes = render.render_changes(catalog)
    new = changes[changes.index("## New since the notes"):changes.index("## Still active from the notes")]
    table, after = new.split("</table>")
    assert ("[Three](/services/three.md)" in table) is (launched is None or launched >= "2017")
    older = "Not in the notes either, though they launched before them, and still open to new customers:\n" \
        "[Three](/services/three.md) (2013)\\.\n"
    assert (older in after) is (launched == "2013-11")


def test_an_entrys_events_of_one_day_are_one_line_of_the_timeline(data_root: Path) -> None:
    text = ENTRY.format(id="one", name="One", layer="alpha").replace("cite: doc}", (
        "cite: doc}\n  - {event: closed-to-new-customers, date: 2026-07-30, successor: two, cite: doc}"
        "\n  - {event: maintenance, date: 2026-07-30, cite: doc}"))
    write(data_root, "data/services/one.yaml", text)
    timeline = render.render_changes(load_catalog(data_root, today=dt.date(2026, 12, 6))).split("## Year by year")[1]
    assert ("- <time datetime=\"2026-07-30\">" + day("2026\\-07\\-30") + "</time>: [One](/services/one.md) closed "
            "to new customers; maintenance only → [Two](/services/two.md)\n") in timeline
    assert timeline.count("[One](/services/one.md)") == 2  # that line and its launch


def test_a_renamed_entry_shows_its_former_name_then_and_its_page_now(data_root: Path) -> None:
    retire_one(data_root, event="renamed")
    page = render.render_changes(load_catalog(data_root))
    assert ('<td class="sg-col-then" markdown="span">Old One</td>\n'
            '<td class="sg-col-year"><time datetime="2023-09-20">2023</time></td>\n'
            '<td class="sg-col-now" markdown="span">[One](/services/one.md)</td>\n') in page


def test_names_follow_the_renames_the_timeline_keeps_by_and_chips_give_the_name_people_know(
        data_root: Path) -> None:
    """Renamed twice: its chip and the changes table give the name before the last rename (the one
    people know), the timeline gives each event under the name it happened under, and an event
    known only "by" a day says so there too."""
    renames = ("{event: renamed, date: 2021-03-01, from: First One, to: Old One, cite: doc}\n"
               "  - {event: renamed, date: 2023-09-20, from: Old One, to: One, cite: doc}")
    text = ENTRY.format(id="one", name="One", layer="alpha").replace(
        LAUNCH, "{event: launched, date: 2020-01-01, by: true, cite: doc}\n  - " + renames)
    write(data_root, "data/services/one.yaml", text + "previous_names: [First One, Old One]\n")
    catalog = load_catalog(data_root)
    assert catalog.status(catalog.entry("one")).former_name == "Old One"
    changes = render.render_changes(catalog)
    assert '<td class="sg-col-then" markdown="span">Old One</td>' in changes
    assert ("- by <time datetime=\"2020-01-01\">" + day("2020\\-01\\-01") + "</time>: [First One](/services/one.md) "
            "(now One) launched\n") in changes
    assert ": [Old One](/services/one.md) (now One) renamed from First One to Old One" in changes
    assert ": [One](/services/one.md) renamed from Old One to One" in changes
    home = render.render_stack_diagram(catalog)
    assert "formerly Old One" in home and "formerly First One" not in home


def test_the_review_line_tells_a_full_review_from_a_later_check_of_sources(data_root: Path) -> None:
    catalog = load_catalog(data_root)
    html = html_of(render.render_page(catalog, catalog.entry("one")))
    assert '<p class="sg-reviewed">Last reviewed <span class="sg-date">2026-11-20</span>.</p>' in html
    path = data_root / "data/services/one.yaml"
    path.write_text(path.read_text().replace("checked: 2026-11-20", "checked: 2026-12-07"))
    catalog = load_catalog(data_root)
    html = html_of(render.render_page(catalog, catalog.entry("one")))
    assert ('<p class="sg-reviewed">Page last reviewed in full <span class="sg-date">2026-11-20</span>; its sources '
            'last checked <span class="sg-date">2026-12-07</span>.</p>') in html


def test_each_closed_entry_of_a_layer_is_its_own_list_item(data_root: Path) -> None:
    retire_one(data_root)
    write(data_root, "data/services/three.yaml", ENTRY.format(id="three", name="Three", layer="alpha").replace(
        "cite: doc}", "cite: doc}\n  - {event: retired, date: 2024-01-31, cite: doc}") + "instead: Nothing.\n")
    catalog = load_catalog(data_root)
    html = html_of(render.render_page(catalog, catalog.layer("alpha")))
    closed = html[html.index('id="closed"'):]
    items = re.findall(r"<li>(.*?)</li>", closed[:closed.index("</ul>")], re.S)
    assert [shown(item).text.split()[0] for item in items] == ["One", "Three"]


def test_a_badge_in_the_today_label_shows_its_date_unescaped(data_root: Path) -> None:
    text = ENTRY.format(id="three", name="Three", layer="beta").replace(
        "cite: doc}", "cite: doc}\n  - {event: end-of-support, date: 2027-04-30, cite: doc}")
    write(data_root, "data/services/three.yaml", text + "instead: Nothing.\n")
    catalog = load_catalog(data_root, today=dt.date(2026, 12, 6))
    html = html_of(render.render_page(catalog, catalog.entry("three")))
    label = html[html.index('<p class="sg-then-now__label">Today'):]
    assert label[:label.index("</p>")].endswith(
        '<span class="sg-badge sg-badge--ending" title="Support ends 2027-04-30">Ends '
        '<span class="sg-date">2027-04-30</span></span>')


def test_a_table_cell_shows_the_first_paragraph_of_a_longer_today(data_root: Path) -> None:
    retire_one(data_root)
    one = (data_root / "data/services/one.yaml").read_text()
    write(data_root, "data/services/one.yaml", one.replace(
        "today: Still offered [^doc].", "today: |-\n  Gone now [^doc].\n\n  - first item\n  - second item"))
    html = html_of(render.render_changes(load_catalog(data_root)))
    cell = html[html.index('<td class="sg-col-what">'):]
    assert cell[:cell.index("</td>")] == '<td class="sg-col-what">Gone now.'


def test_a_glossary_definition_ending_in_a_list_keeps_its_see_link_apart(data_root: Path) -> None:
    write(data_root, "data/glossary.yaml", "terms:\n  - term: ML\n    expansion: Machine learning\n"
          "    definition: |-\n      Two kinds:\n\n      - batch\n      - streaming\n    entry: one\n")
    html = html_of(render.render_glossary(load_catalog(data_root)))
    assert "<li>streaming</li>" in html
    assert '<p>See <a href="/services/one.md">One</a>.</p>' in html


def test_changes_group_by_kind_of_change_and_list_newcomers(data_root: Path) -> None:
    retire_one(data_root)
    catalog = load_catalog(data_root)
    assert [entry.id for entry in catalog.changes()] == ["one"]
    assert [entry.id for entry in catalog.newcomers()] == ["two"]
    page = render.render_changes(catalog)
    assert page.index("## Retired") < page.index("## New since the notes")
    assert ('<td class="sg-col-then" markdown="span">[One](/services/one.md)</td>\n'
            '<td class="sg-col-year"><time datetime="2023-09-20">2023</time></td>\n'
            '<td class="sg-col-now" markdown="span">[Two](/services/two.md)</td>\n') in page
    assert ('<td class="sg-col-year"><time datetime="2024-05">2024</time></td>\n'
            '<td class="sg-col-name" markdown="span">[Two](/services/two.md)</td>\n'
            '<td class="sg-col-layer" markdown="span">Beta</td>\n') in page


def test_onboarding_positions_and_the_way_on(tiny_catalog: object) -> None:
    path = OnboardingPath(tiny_catalog)  # type: ignore[arg-type]
    position = path.step_of("one")
    assert position is not None and position.current.number == 2 and position.total == 2
    assert position.previous is not None and position.previous.item.id == "alpha" and position.next is None
    page = render.render_page(tiny_catalog, tiny_catalog.entry("one"))  # type: ignore[arg-type,attr-defined]
    assert "day 1 · step 2 of 2" in page and "[← Step 1: Alpha](/layers/alpha/index.md)" in page
    assert path.step_of("two") is None


def test_comparisons_are_linked_where_the_question_arises(data_root: Path) -> None:
    write(data_root, "data/services/three.yaml", ENTRY.format(id="three", name="Three", layer="alpha")
          + "related: [one, two]\n")
    write(data_root, "data/comparisons/pick.yaml", COMPARISON.format(second="two", second_cell="High [^doc]"))
    catalog = load_catalog(data_root)
    pick = catalog.comparison("pick")
    assert catalog.comparisons_for(catalog.entry("one")) == (pick,)  # a row
    assert catalog.comparisons_for(catalog.entry("three")) == (pick,)  # two related entries are rows
    assert catalog.comparisons_for(catalog.layer("beta")) == (pick,)  # a member is a row
    assert "[Pick one](/comparisons/pick.md)" in render.render_page(catalog, catalog.entry("three"))


def test_a_comparisons_first_column_is_headed_by_what_its_rows_are(data_root: Path) -> None:
    write(data_root, "data/comparisons/pick.yaml", COMPARISON.format(second="two", second_cell="High [^doc]"))
    catalog = load_catalog(data_root)
    assert "\n| Service | Cost |" in render.render_page(catalog, catalog.comparison("pick"))
    write(data_root, "data/frameworks/three.yaml", ENTRY.format(id="three", name="Three", layer="beta"))
    write(data_root, "data/comparisons/pick.yaml", COMPARISON.format(second="three", second_cell="High [^doc]"))
    catalog = load_catalog(data_root)
    assert "\n| Option | Cost |" in render.render_page(catalog, catalog.comparison("pick"))


def test_nav_layers_follow_the_diagram(tiny_catalog: object) -> None:
    assert [layer.id for layer in render.nav_layers(tiny_catalog)] == ["beta", "alpha"]  # type: ignore[arg-type]


def test_catalog_rows_carry_sort_keys_and_successors(data_root: Path) -> None:
    retire_one(data_root)
    catalog = load_catalog(data_root)
    table = render.render_catalog_table(catalog)
    assert 'data-status="retired"' in table
    assert 'data-status-values="active|renamed|closed|maintenance|superseded|retired|ending"' in table  # sort order
    assert '<td class="sg-col-successor" markdown="span">[Two](/services/two.md)</td>' in table  # replaced by
    assert 'data-layers="beta|alpha"' in table  # stack order, for sorting by layer


def test_catalog_rows_repeat_no_visible_text(data_root: Path) -> None:
    """A row's attributes hold only what its cells do not show: the page stays small as entries grow."""
    catalog = load_catalog(data_root)
    table = render.render_catalog_table(catalog)
    rows = re.findall(r"<tr (data-[^>]*)>", table)
    assert len(rows) == len(catalog.entries)
    for attributes, entry in zip(rows, catalog.entries, strict=True):
        names = dict(re.findall(r'data-([a-z-]+)="([^"]*)"', attributes))
        assert set(names) <= {"layer", "kind", "status", "text"}, names
        assert entry.summary.lower() not in names.get("text", "") and entry.name.lower() not in names.get("text", "")


def test_template_lines_stay_readable() -> None:
    """Templates present: no line over 120 characters, and no enum compared by its string value."""
    long_lines, string_enums = [], []
    for path in [*(ROOT / "stackguide" / "templates").iterdir(), *(ROOT / "overrides").rglob("*.html")]:
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            where = f"{path.relative_to(ROOT)}:{number}"
            if len(line) > 120:
                long_lines.append(where)
            if re.search(r"\.(state|group)(\.value)?\s*==\s*['\"]", line):
                string_enums.append(where)
    assert long_lines == [] and string_enums == []


def test_a_stack_layer_and_a_data_store_topic_name_their_sections(data_root: Path) -> None:
    topic = LAYER.format(id="beta", name="Beta", position=1).replace("group: stack", "group: data-store")
    write(data_root, "data/layers/beta.yaml", topic)
    catalog = load_catalog(data_root)
    assert "\n## In this layer\n" in render.render_page(catalog, catalog.layer("alpha"))
    assert "\n## In this topic\n" in render.render_page(catalog, catalog.layer("beta"))


def test_components_render_exactly(data_root: Path) -> None:
    """The status components, character for character: a badge, an ending badge, a banner."""
    text = ENTRY.format(id="one", name="One", layer="alpha").replace(
        "cite: doc}", "cite: doc}\n  - {event: end-of-support, date: 2027-04-30, successor: two, cite: doc}")
    write(data_root, "data/services/one.yaml", text)
    catalog = load_catalog(data_root, today=dt.date(2026, 12, 6))
    one, two = catalog.entry("one"), catalog.entry("two")
    source = ('{% from "components.j2" import badge, status_banner with context %}'
              "{{ badge(status_of(item)) }}|{{ status_banner(item, status_of(item), successor) }}")
    template = render.environment().from_string(source)
    assert template.render(catalog=catalog, item=two, successor=None) == \
        '<span class="sg-badge sg-badge--active" title="Active">Active</span>|'
    assert template.render(catalog=catalog, item=one, successor=two) == (
        '<span class="sg-badge sg-badge--ending" title="Support ends 2027-04-30">Ends '
        '<span class="sg-date">2027\\-04\\-30</span></span>|'
        '<div class="sg-banner sg-banner--ending" role="note" markdown>\n'
        "**Ends <span class=\"sg-date\">2027\\-04\\-30</span>** → use [Two](/services/two.md).\n</div>\n")


def test_each_printed_value_is_escaped_once_for_markdown() -> None:
    """{{ }} prints _finalize's result as it is: data escaped for Markdown (and so for HTML), Markup
    as it is, dates as ISO text; inside macros and set blocks too, where Jinja joins the output."""
    source = ('{% macro box(x) %}[{{ x }}]{% endmacro %}{% set kept %}{{ text }}{% endset %}'
              "{{ text }}|{{ safe }}|{{ day }}|{{ box(text) }}|{{ kept }}|{{ box(safe) }}")
    text = "a<b & *c* 'q'"
    values = {"text": text, "safe": Markup("**bold** &amp;"), "day": dt.date(2026, 12, 7)}
    escaped = escape_text(text)
    assert escaped == "a&#60;b &#38; \\*c\\* &#39;q&#39;"
    expected = (f'{escaped}|**bold** &amp;|<span class="sg-date">2026-12-07</span>|[{escaped}]|{escaped}'
                '|[**bold** &amp;]')
    assert render.environment().from_string(source).render(**values) == expected
    # Jinja's own code, escape(finalize(value)) with a finalize that marks its result safe, gives
    # the same: the escape left out changed nothing.
    settings = {**render._SETTINGS, "finalize": lambda value: Markup(render._finalize(value))}
    plain = Environment(**settings)  # type: ignore[arg-type]  # each value has its setting's type
    assert plain.from_string(source).render(**values) == expected
    compiled = render.environment().compile(source, raw=True)
    assert "(environment.finalize(" in compiled and "escape(" not in compiled


def test_no_template_copies_its_context_to_call_a_function(catalog: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    """A value set in a loop goes to every function that takes the context (link, status_of, ...),
    which Jinja copies the whole context for at each call: the templates keep such values in a
    `with` block (render's docstring)."""
    def copied(*args: object) -> NoReturn:
        raise AssertionError("a template set a value in a loop, then called a function that takes the context")

    monkeypatch.setattr(Context, "derived", copied)
    pages.generated_pages(catalog)
    for macro in pagemacros.MACROS.values():
        macro(catalog)


def test_a_templates_globals_are_one_dict() -> None:
    """Each render copies the template's globals into its context: from one dict, not from Jinja's
    chain of the template's and the environment's, which is read key by key."""
    template = render.environment().get_template("entry.md.j2")
    assert type(template.globals) is dict and template.globals["link"] is render.link
    assert template.globals.keys() == render.environment().globals.keys()


def test_a_pass_looks_each_template_up_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The generated pages' pass checks each template's file once; Jinja checks it at every look-up
    outside one (an edited template shows in the next build)."""
    env = render.environment()
    checked: list[str | None] = []

    def up_to_date(template: Template) -> bool:
        checked.append(template.name)
        return True

    monkeypatch.setattr(Template, "is_up_to_date", property(up_to_date))
    env.get_template("entry.md.j2"), env.get_template("components.j2")  # loaded, if they were not
    checked.clear()
    with render.one_pass():
        for _ in range(3):
            env.get_template("entry.md.j2"), env.get_template("components.j2", "entry.md.j2")
    assert checked == ["entry.md.j2", "components.j2"]
    env.get_template("entry.md.j2")
    assert checked[2:] == ["entry.md.j2"] and env.looked_up is None  # type: ignore[attr-defined]


# -- the home diagram ------------------------------------------------------------------------------

def test_a_crowded_layer_shows_at_most_its_chips_and_links_to_the_rest(data_root: Path) -> None:
    crowd(data_root, "alpha", render.DIAGRAM_CHIP_MAX + 5)
    catalog = load_catalog(data_root, today=dt.date(2026, 12, 6))
    current = [e for e in catalog.entries_in("alpha") if catalog.status(e).active or catalog.status(e).ends]
    ending = catalog.entry("aaa-ending")
    assert current[0] == ending and not catalog.status(ending).active and catalog.status(ending).ends

    box = render.diagram_box(catalog, catalog.layer("alpha"))
    assert len(box.chips) == render.DIAGRAM_CHIP_MAX
    assert box.more == len(current) - render.DIAGRAM_CHIP_MAX
    # What is active comes first when some must be left out, in the layer's own order.
    assert box.chips == [e for e in current if catalog.status(e).active][:render.DIAGRAM_CHIP_MAX]

    diagram = render.render_stack_diagram(catalog)
    alpha = diagram[diagram.index("[Alpha]"):]
    alpha = alpha[:alpha.index("</ul>")]
    assert alpha.count("{ .sg-chip }") == render.DIAGRAM_CHIP_MAX
    assert f"[+ {box.more} more in Alpha](/layers/alpha/index.md#in-this-layer){{ .sg-chip .sg-chip--more }}" in alpha
    assert "Aaa ending" not in alpha
    # ... and the layer's page, where the link lands, lists every one of them.
    layer_page = render.render_page(catalog, catalog.layer("alpha"))
    assert "\n## In this layer\n" in layer_page  # its id, made by the toc, is the anchor linked
    assert all(f"(/{catalog.page_path(e)})" in layer_page for e in current)

    beta = diagram[diagram.index("[Beta]"):diagram.index("[Alpha]")]
    assert "sg-chip--more" not in beta and beta.count("{ .sg-chip }") == len(catalog.entries_in("beta"))


def test_a_layer_that_fits_shows_every_chip_in_its_own_order(data_root: Path) -> None:
    crowd(data_root, "alpha", 3)
    catalog = load_catalog(data_root, today=dt.date(2026, 12, 6))
    current = [e for e in catalog.entries_in("alpha") if catalog.status(e).active or catalog.status(e).ends]
    for chip_max in (len(current), len(current) + 1):
        box = render.diagram_box(catalog, catalog.layer("alpha"), chip_max)
        assert (box.chips, box.more) == (current, 0)  # the ending entry keeps its place
    box = render.diagram_box(catalog, catalog.layer("alpha"), len(current) - 1)
    assert (box.chips, box.more) == ([e for e in current if catalog.status(e).active], 1)
    assert "more in" not in render.render_stack_diagram(catalog, chip_max=len(current))


def test_a_pipe_in_data_stays_inside_its_table_cell(data_root: Path) -> None:
    """Comparisons, facts and the layer's line-up are pipe tables: a '|' in a column title or a cell
    is the cell's text, not a new column."""
    write(data_root, "data/comparisons/pick.yaml", COMPARISON.format(second="two", second_cell="'High | very [^doc]'")
          .replace("title: Cost", "title: 'Cost | price'"))
    catalog = load_catalog(data_root)
    table = html_of(render.render_page(catalog, catalog.comparison("pick")))
    header = re.findall(r"<th[^>]*>(.*?)</th>", table, re.S)
    assert [re.sub(r"<[^>]+>", "", cell).strip() for cell in header] == ["Service", "Cost | price", "Status today"]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]
    assert [len(re.findall(r"<td", row)) for row in rows] == [3, 3]
    assert "High | very" in re.sub(r"<[^>]+>", "", rows[1])


# -- a page read before its events came ------------------------------------------------------------

def test_a_page_reviewed_before_an_event_came_says_its_status_is_the_current_one(data_root: Path) -> None:
    """Its badges turn on the event's day; its words wait for a review, and the page says which to trust."""
    events = ("{event: end-of-support, feature: the console, date: 2027-03-31, cite: doc}\n"
              "  - {event: end-of-support, date: 2027-04-30, successor: two, cite: doc}")
    text = ENTRY.format(id="one", name="One", layer="alpha").replace("cite: doc}", "cite: doc}\n  - " + events, 1)
    write(data_root, "data/services/one.yaml", text)

    march, april = day("2027\\-03\\-31"), day("2027\\-04\\-30")  # as Markdown text, escaped

    def note(today: dt.date) -> list[str]:
        catalog = load_catalog(data_root, today=today)
        page = render.render_page(catalog, catalog.entry("one"))
        return [line for line in page.splitlines() if line.startswith("This page was last reviewed")]

    assert note(dt.date(2027, 3, 30)) == []
    assert note(dt.date(2027, 3, 31)) == [
        f"This page was last reviewed on {day('2026-11-20')}, before support ended for the console on "
        f"{march}: where its text still speaks of this as to come, the status shown here is the "
        "current one."]
    assert note(dt.date(2027, 4, 30)) == [
        f"This page was last reviewed on {day('2026-11-20')}, before support ended for the console on "
        f"{march} and support ended on {april}: where its text still speaks of "
        "these as to come, the status shown here is the current one."]
    write(data_root, "data/services/one.yaml", text.replace("reviewed: 2026-11-20", "reviewed: 2027-04-30"))
    assert note(dt.date(2027, 5, 1)) == []  # read again on the last day: nothing came after
