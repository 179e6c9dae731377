"""Lifecycle: the state a reader sees is derived from dated events and the day, with no edit on the day."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import icalendar
import pytest
import yaml
from conftest import ENTRY, day, write
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from stackguide import lifecyclefeeds, render
from stackguide.errors import DataError
from stackguide.lifecycle import MEANINGS, event_words, last_day, standing_words, status
from stackguide.load import load_catalog
from stackguide.model import Entry, State

LAUNCH = "{event: launched, date: 2020-01-01, cite: doc}"
END = dt.date(2027, 4, 30)


def entry_with(*events: str, extra: str = "") -> Entry:
    text = ENTRY.format(id="one", name="One", layer="alpha").replace(
        f"  - {LAUNCH}", "\n".join(f"  - {event}" for event in (LAUNCH, *events)))
    return Entry.model_validate(yaml.load(text + extra, Loader=yaml.BaseLoader))  # dates stay text, as in the loader


ENDING = entry_with("{event: end-of-support, date: 2027-04-30, announced: 2025-11-17, successor: two, cite: doc}")


@pytest.mark.parametrize(("today", "state", "since", "ends", "soon"), [
    (dt.date(2025, 1, 1), State.ACTIVE, None, "2027-04-30", False),  # more than a year ahead
    (END - dt.timedelta(days=366), State.ACTIVE, None, "2027-04-30", False),  # a day more than SOON
    (END - dt.timedelta(days=365), State.ACTIVE, None, "2027-04-30", True),  # SOON exactly
    (dt.date(2026, 12, 6), State.ACTIVE, None, "2027-04-30", True),
    (END - dt.timedelta(days=1), State.ACTIVE, None, "2027-04-30", True),
    (END, State.RETIRED, "2027-04-30", None, False),  # on the day
    (END + dt.timedelta(days=1), State.RETIRED, "2027-04-30", None, False),
])
def test_an_announced_end_turns_into_a_retirement_on_its_day(today: dt.date, state: State, since: str | None,
                                                              ends: str | None, soon: bool) -> None:
    now = status(ENDING, today)
    assert (now.state, now.since, now.ends, now.ending_soon, now.successor) == (state, since, ends, soon, "two")


@pytest.mark.parametrize(("event", "today", "words"), [
    ("{event: retired, date: 2025-03-01, cite: doc}", dt.date(2026, 1, 1), "retired 2025-03-01"),
    ("{event: closed-to-new-customers, date: 2024-07-25, cite: doc}", dt.date(2026, 1, 1),
     "closed to new customers 2024-07-25"),
    ("{event: maintenance, date: 2025-02, cite: doc}", dt.date(2026, 1, 1), "in maintenance since 2025-02"),
    ("{event: end-of-support, date: 2027-04-30, cite: doc}", dt.date(2026, 1, 1), "support ends 2027-04-30"),
    ("{event: end-of-support, date: 2027-04-30, cite: doc}", dt.date(2027, 5, 1), "retired 2027-04-30"),
    # a rename leaves it open: said as any open entry is
    ("{event: renamed, date: 2024-04-30, from: Old, to: One, cite: doc}", dt.date(2026, 1, 1),
     "open to new customers"),
])
def test_why_a_successor_is_not_the_one_to_use_is_said_as_of_the_day(event: str, today: dt.date, words: str) -> None:
    assert standing_words(status(entry_with(event), today)) == words


def test_a_date_known_only_as_a_bound_says_by() -> None:
    retired = status(entry_with("{event: retired, date: 2019-03, cite: doc}"), dt.date(2026, 1, 1))
    assert standing_words(replace(retired, since_by=True)) == "retired by 2019-03"
    maintained = status(entry_with("{event: maintenance, date: 2019-03, cite: doc}"), dt.date(2026, 1, 1))
    assert standing_words(replace(maintained, since_by=True)) == "in maintenance by 2019-03"


def test_the_most_severe_event_that_has_come_wins() -> None:
    closed = entry_with("{event: renamed, date: 2021-05, from: Uno, to: One, cite: doc}",
                        "{event: closed-to-new-customers, date: 2024-07-25, cite: doc}",
                        "{event: maintenance, date: 2025-02, cite: doc}",
                        extra="previous_names: [Uno]\n")
    assert status(closed, dt.date(2021, 4, 30)).state is State.ACTIVE
    assert status(closed, dt.date(2021, 5, 1)).state is State.RENAMED  # a month's first day counts
    assert (status(closed, dt.date(2024, 7, 25)).state, status(closed, dt.date(2024, 7, 25)).since) == \
        (State.CLOSED, "2024-07-25")
    assert status(closed, dt.date(2026, 1, 1)).state is State.MAINTENANCE
    assert status(closed, dt.date(2026, 1, 1)).launched is not None
    # ...and a restriction still in force beside it is said too: closed, and in maintenance
    assert status(closed, dt.date(2024, 7, 25)).also_words == ()
    assert status(closed, dt.date(2026, 1, 1)).also_words == ("closed to new customers 2024-07-25",)
    retired = entry_with("{event: closed-to-new-customers, date: 2024-07-25, cite: doc}",
                         "{event: retired, date: 2025-02-01, successor: two, cite: doc}")
    assert status(retired, dt.date(2026, 1, 1)).also == ()  # the restrictions before it are history
    closed_after = entry_with("{event: maintenance, date: 2023-05, cite: doc}",
                              "{event: closed-to-new-customers, date: 2024-07-25, cite: doc}")
    assert status(closed_after, dt.date(2026, 1, 1)).also_words == ("closed to new customers 2024-07-25",)


@pytest.mark.parametrize(("event", "today", "capital", "words"), [
    ("{event: renamed, date: 2021-05, from: Uno, to: One, cite: doc}", END, False, "renamed from Uno to One"),
    ("{event: renamed, date: 2021-05, from: Uno, to: One, cite: doc}", END, True, "Renamed from Uno to One"),
    ("{event: end-of-support, date: 2027-04-30, cite: doc}", END - dt.timedelta(days=1), False, "support ends"),
    ("{event: end-of-support, date: 2027-04-30, cite: doc}", END, True, "Support ended"),
    ("{event: closed-to-new-customers, date: 2024-07-25, cite: doc}", END, False, "closed to new customers"),
])
def test_every_page_and_feed_words_an_event_the_same_way(event: str, today: dt.date, capital: bool,
                                                         words: str) -> None:
    assert event_words(entry_with(event, extra="previous_names: [Uno]\n").lifecycle[-1], today, capital) == words


def test_a_part_of_a_service_changes_no_state_but_is_a_notice() -> None:
    part = entry_with("{event: end-of-support, feature: IDE plugins, date: 2027-04-30, successor: two, cite: doc}")
    now = status(part, dt.date(2026, 12, 6))
    assert (now.state, now.ends, now.successor) == (State.ACTIVE, None, None)
    assert [event.feature for event in now.notices] == ["IDE plugins"]
    renamed = entry_with("{event: renamed, feature: Studio, date: 2023-11-30, from: Studio, to: Studio Classic, "
                         "cite: doc}")
    assert status(renamed, dt.date(2026, 12, 6)).notices == ()  # a part's new name is history, not a warning
    assert status(part, END).state is State.ACTIVE
    gone = entry_with("{event: closed-to-new-customers, feature: A browser, date: 2023-01-31, cite: doc}",
                      "{event: retired, date: 2024-10-31, successor: two, cite: doc}")
    assert status(gone, dt.date(2024, 10, 30)).notices == tuple(gone.lifecycle[1:2])
    assert status(gone, dt.date(2026, 12, 6)).notices == ()  # its parts went with it


def problems_of(root: Path) -> list[str]:
    try:
        load_catalog(root, today=dt.date(2026, 12, 6))
    except DataError as err:
        return [f"{p.path}:{p.line}: {p.message}" for p in err.problems]
    return []


def _ending_project(root: Path) -> None:
    text = ENTRY.format(id="one", name="One", layer="alpha").replace(
        LAUNCH, f"{LAUNCH}\n  - {{event: end-of-support, date: 2027-04-30, successor: two, cite: doc}}")
    write(root, "data/services/one.yaml", text)


@pytest.mark.parametrize(("today", "banner"), [
    (dt.date(2026, 12, 6), "**Ends <span class=\"sg-date\">2027\\-04\\-30</span>** → use [Two](/services/two.md)."),
    (END, "**Retired <span class=\"sg-date\">2027\\-04\\-30</span>** → use [Two](/services/two.md)."),
])
def test_the_banner_reads_ends_until_the_day_then_retired(data_root: Path, today: dt.date, banner: str) -> None:
    _ending_project(data_root)
    catalog = load_catalog(data_root, today=today)
    page = render.render_page(catalog, catalog.entry("one"))
    assert banner in page
    assert page.index(banner) < page.index("\n## ")
    assert "## Lifecycle" in page


def test_closing_soon_lists_announced_ends_within_a_year(data_root: Path) -> None:
    _ending_project(data_root)
    catalog = load_catalog(data_root, today=dt.date(2026, 12, 6))
    assert [e.id for e, _ in catalog.closing_soon()] == ["one"]
    assert replace(catalog, today=dt.date(2026, 4, 29)).closing_soon() == ()  # more than a year ahead
    assert replace(catalog, today=END).closing_soon() == ()  # it has happened
    changes = render.render_changes(load_catalog(data_root, today=dt.date(2026, 12, 6)))
    assert changes.index("## Closing soon") < changes.index("## Year by year")
    assert ('<time datetime="2027-04-30">' + day('2027\\-04\\-30') + '</time>: [One](/services/one.md) → use '
            '[Two]') in changes
    assert "[^" not in changes  # a hand-written page has no footnotes of its own


def test_a_closed_entry_is_listed_apart_on_its_layer_and_counted_on_the_diagram(data_root: Path) -> None:
    text = ENTRY.format(id="one", name="One", layer="alpha").replace(
        LAUNCH, f"{LAUNCH}\n  - {{event: closed-to-new-customers, date: 2024-07-25, successor: two, cite: doc}}")
    write(data_root, "data/services/one.yaml", text)
    write(data_root, "data/services/three.yaml", ENTRY.format(id="three", name="Three", layer="alpha"))
    catalog = load_catalog(data_root, today=dt.date(2026, 12, 6))
    layer = render.render_page(catalog, catalog.layer("alpha"))
    cards, closed = layer.split("## Closing, closed and retired")
    assert "[**Three**]" in cards and "[**One**]" not in cards
    assert "[One](/services/one.md)" in closed and "Closed to new customers" in closed
    diagram = render.render_stack_diagram(catalog)
    assert "[1 closed or retired in Alpha](/layers/alpha/index.md#closed)" in diagram
    assert "[One](/services/one.md)" not in diagram


def test_each_kind_of_change_says_what_it_means_under_its_heading(data_root: Path) -> None:
    text = ENTRY.format(id="one", name="One", layer="alpha").replace(
        LAUNCH, f"{LAUNCH}\n  - {{event: closed-to-new-customers, date: 2024-07-25, successor: two, cite: doc}}")
    write(data_root, "data/services/one.yaml", text)
    changes = render.render_changes(load_catalog(data_root, today=dt.date(2026, 12, 6)))
    assert ("## Closed to new customers { #closed }\n\nCustomers who use it can go on using it; new customers "
            "cannot start with it\\.\n") in changes
    assert "## Retired" not in changes and MEANINGS[State.RETIRED].split()[0] not in changes  # no empty kinds


def test_a_layer_lists_what_is_closing_after_what_has_closed(data_root: Path) -> None:
    text = ENTRY.format(id="one", name="One", layer="alpha").replace(
        LAUNCH, f"{LAUNCH}\n  - {{event: closed-to-new-customers, date: 2024-07-25, successor: two, cite: doc}}")
    write(data_root, "data/services/one.yaml", text)
    write(data_root, "data/services/three.yaml", ENTRY.format(id="three", name="Three", layer="alpha").replace(
        LAUNCH, f"{LAUNCH}\n  - {{event: end-of-support, date: 2027-09-30, successor: two, cite: doc}}"))
    catalog = load_catalog(data_root, today=dt.date(2026, 12, 6))
    closed = render.render_page(catalog, catalog.layer("alpha")).split("## Closing, closed and retired")[1]
    assert closed.index("[One](/services/one.md)") < closed.index(
        '[Three](/services/three.md) <span class="sg-badge sg-badge--ending" title="Support ends 2027-09-30">'
        'Ends <span class="sg-date">2027\\-09\\-30</span></span>')


def test_prose_and_related_lists_mark_an_entry_a_reader_cannot_start_with(data_root: Path) -> None:
    closed = f"{LAUNCH}\n  - {{event: closed-to-new-customers, date: 2024-07-25, successor: three, cite: doc}}"
    two = ENTRY.format(id="two", name="Two", layer="alpha").replace(LAUNCH, closed)
    write(data_root, "data/services/two.yaml", two)
    write(data_root, "data/services/three.yaml", ENTRY.format(id="three", name="Three", layer="alpha"))
    write(data_root, "data/services/one.yaml", ENTRY.format(id="one", name="One", layer="alpha").replace(
        "description: A service used by the tests [^doc].",
        "description: Works with [Two](two), [Three](three) and [its layer](alpha); [Two](two) again [^doc].")
          + "related: [two, three, beta]\n")
    catalog = load_catalog(data_root, today=dt.date(2026, 12, 6))
    page = render.render_page(catalog, catalog.entry("one"))
    badge = ('<span class="sg-badge sg-badge--closed" title="Closed to new customers 2024-07-25">Closed</span>')
    assert ("Works with [Two](/services/two.md) " + badge + ", [Three](/services/three.md) and [its layer]"
            "(/layers/alpha/index.md); [Two](/services/two.md) again") in page
    # and so does the list of related pages
    assert f"- [Two](/services/two.md) {badge}: A service" in page and "- [Three](/services/three.md): A" in page
    assert "- [Beta](/layers/beta/index.md): A layer" in page
    # The day before it closed, nothing marks it.
    earlier = render.render_page(replace(catalog, today=dt.date(2024, 7, 24)), catalog.entry("one"))
    assert "Works with [Two](/services/two.md), [Three]" in earlier


@pytest.mark.parametrize(("extra", "said"), [
    ("announced: 2023-01-31, reported: true", " (announced " + day("2023\\-01\\-31") + "; reported by secondary "
                                              "sources; AWS's own notice was not read)"),
    ("announced: 2023-01-31", " (announced <span class=\"sg-date\">2023\\-01\\-31</span>)"),
    ("reported: true", " (reported by secondary sources; AWS's own notice was not read)"),
])
def test_an_events_notes_are_one_parenthesis(data_root: Path, extra: str, said: str) -> None:
    cite = "press" if "reported" in extra else "doc"
    text = ENTRY.format(id="one", name="One", layer="alpha").replace(
        LAUNCH, f"{LAUNCH}\n  - {{event: end-of-support, date: 2024-01-31, {extra}, successor: two, cite: {cite}}}")
    press = "  - id: press\n    title: A report\n    url: https://www.theregister.com/one/\n    checked: 2026-11-20\n"
    write(data_root, "data/services/one.yaml",
          text.replace("sources:\n", "sources:\n" + (press if cite == "press" else "")))
    catalog = load_catalog(data_root, today=dt.date(2026, 12, 6))
    line = next(line for line in render.render_page(catalog, catalog.entry("one")).splitlines()
                if "<span class=\"sg-date\">2024\\-01\\-31</span></time>" in line)
    assert f"</time></span> Support ended{said} → [Two](/services/two.md)[^{cite}]</li>" in line


def test_the_banner_says_every_restriction_in_force(data_root: Path) -> None:
    text = ENTRY.format(id="one", name="One", layer="alpha").replace(
        LAUNCH, f"{LAUNCH}\n  - {{event: maintenance, date: 2023-05, cite: doc}}"
                f"\n  - {{event: closed-to-new-customers, date: 2024-07-25, successor: two, cite: doc}}")
    write(data_root, "data/services/one.yaml", text)
    catalog = load_catalog(data_root, today=dt.date(2026, 12, 6))
    page = render.render_page(catalog, catalog.entry("one"))
    assert ("**Maintenance " + day("2023\\-05") + "**; closed to new customers " + day("2024\\-07\\-25")
            + " → use [Two](/services/two.md).") in page
    layer = render.render_page(catalog, catalog.layer("alpha"))  # its layer's list says both too
    assert ("Maintenance</span> " + day("2023\\-05") + "; closed to new customers " + day("2024\\-07\\-25")
            + " → [Two](/services/two.md)") in layer


def test_the_feeds_carry_every_event_with_stable_ids(data_root: Path) -> None:
    _ending_project(data_root)
    catalog = load_catalog(data_root, today=dt.date(2026, 12, 6))
    items = lifecyclefeeds.changes(catalog, "https://example.org/guide/")
    titles = [item.title for item in items]
    assert "One: support ends 2027-04-30 → Two" in titles
    assert {item.key for item in items} >= {"one/end-of-support", "one/launched"}
    # The day support ends has not come: the feed says when it was learned, never a future time.
    assert all(item.updated <= dt.date(2026, 12, 6) for item in items)
    ending = next(item for item in items if item.key == "one/end-of-support")
    # Once it has come the item says "support ended": it is updated that day.
    later = lifecyclefeeds.changes(load_catalog(data_root, today=END), "https://example.org/guide/")
    ended = next(item for item in later if item.key == "one/end-of-support")
    assert ended.title == "One: support ended 2027-04-30 → Two" and ended.updated == END > ending.updated


def test_a_feed_item_keeps_its_id_when_its_date_is_corrected(data_root: Path) -> None:
    """A reader shows an item with a new id as a new item: a corrected date must not make one, and
    a second event of the same kind about the same part still gets an id of its own."""
    _ending_project(data_root)
    path = data_root / "data/services/one.yaml"
    before = {item.key: item for item in lifecyclefeeds.changes(load_catalog(data_root, today=END), "https://e.org/")}
    path.write_text(path.read_text().replace("date: 2027-04-30", "date: 2027-05-31").replace(
        LAUNCH, f"{LAUNCH}\n  - {{event: closed-to-new-customers, feature: A part, date: 2021-01-01, cite: doc}}"
                f"\n  - {{event: closed-to-new-customers, feature: A part, date: 2022-01-01, cite: doc}}"))
    after = {item.key: item for item in lifecyclefeeds.changes(load_catalog(data_root, today=END), "https://e.org/")}
    assert before["one/end-of-support"].event.date != after["one/end-of-support"].event.date
    part = "one/closed-to-new-customers/A%20part"
    assert set(after) == set(before) | {part, f"{part}/2"}



def test_the_calendar_is_written_again_only_when_what_it_says_changes(data_root: Path) -> None:
    """The preview rebuilds the calendar on every save: a rebuild with the same events reuses the text,
    and a changed summary (its events' descriptions) gives a new one."""
    _ending_project(data_root)
    before = lifecyclefeeds.calendar(load_catalog(data_root, today=dt.date(2026, 12, 6)), "https://example.org/", "G")
    hits = lifecyclefeeds._ics.cache_info().hits
    again = lifecyclefeeds.calendar(load_catalog(data_root, today=dt.date(2026, 12, 6)), "https://example.org/", "G")
    assert again == before and lifecyclefeeds._ics.cache_info().hits == hits + 1
    path = data_root / "data/services/one.yaml"
    path.write_text(path.read_text().replace("summary: A service used by the tests.", "summary: Changed words."))
    after = lifecyclefeeds.calendar(load_catalog(data_root, today=dt.date(2026, 12, 6)), "https://example.org/", "G")
    assert "DESCRIPTION:Changed words." in after and "DESCRIPTION:Changed words." not in before
    assert after.replace("Changed words.", "A service used by the tests.") == before
    # Each event is written once and put in place: the same bytes as the library writes for the whole calendar.
    assert icalendar.Calendar.from_ical(after).to_ical().decode("utf-8") == after
    assert len(icalendar.Calendar.from_ical(after).walk("VEVENT")) == after.count("BEGIN:VEVENT") >= 2

CLOSED = f"{LAUNCH}\n  - {{event: closed-to-new-customers, date: 2024-07-29, successor: two, cite: doc}}"


@pytest.mark.parametrize(("summary", "today", "found"), [
    ("A service used by the tests; closed to new customers since 2024-07-29.", "Still offered [^doc].", []),
    ("A service used by the tests; closed to new customers since 2024-07-30.", "Still offered [^doc].",
     ["data/services/one.yaml:4: summary: gives 2024-07-30 for a change (closed-to-new-customers or end-of-support "
      "or retired) to One, which its lifecycle does not hold (its closed-to-new-customers or end-of-support or "
      "retired events: 2024-07-29 closed-to-new-customers); give the date as the event does, or add the event "
      "(with feature: for a part of the service)"]),
    ("A service used by the tests.", "Its console was retired on 2025-01-01 [^doc].",
     ["data/services/one.yaml:11: today: gives 2025-01-01 for a change (end-of-support or retired) to One, which "
      "its lifecycle does not hold (its end-of-support or retired events: none); give the date as the event does, "
      "or add the event (with feature: for a part of the service)"]),
    ("A service used by the tests.", "Its API was updated on 2025-01-01 [^doc].", []),  # no change of life
])
def test_prose_repeats_a_lifecycle_date_only_as_the_events_give_it(data_root: Path, summary: str, today: str,
                                                                   found: list[str]) -> None:
    text = (ENTRY.format(id="one", name="One", layer="alpha").replace(f"  - {LAUNCH}", f"  - {CLOSED}")
            .replace("summary: A service used by the tests.", f"summary: {summary}")
            .replace("today: Still offered [^doc].", f"today: {today}"))
    write(data_root, "data/services/one.yaml", text)
    assert problems_of(data_root) == found


def test_a_letter_that_matches_a_name_only_case_insensitively_is_not_that_name(data_root: Path) -> None:
    """re matches a dotted capital I to i ignoring case, and lower() makes it i and a combining dot."""
    write(data_root, "data/services/one.yaml", ENTRY.format(id="one", name="Kiro", layer="alpha"))
    layer = (data_root / "data/layers/alpha.yaml").read_text()
    write(data_root, "data/layers/alpha.yaml", layer.replace("today: Nothing changed [^doc].",
                                                             "today: KİRO closed on 2024-08-01 [^doc]."))
    assert problems_of(data_root) == []


def test_a_layer_that_names_an_entry_must_date_its_change_as_the_entry_does(data_root: Path) -> None:
    write(data_root, "data/services/one.yaml", ENTRY.format(id="one", name="One", layer="alpha")
          .replace(f"  - {LAUNCH}", f"  - {CLOSED}"))
    layer = (data_root / "data/layers/alpha.yaml").read_text()
    write(data_root, "data/layers/alpha.yaml", layer.replace("today: Nothing changed [^doc].",
                                                             "today: One closed on 2024-08-01 [^doc]."))
    (problem,) = problems_of(data_root)
    assert problem.startswith("data/layers/alpha.yaml:7: today: gives 2024-08-01 for a change")
    linked = "today: 'The [service](one) closed on 2024-07-29 [^doc].'"
    write(data_root, "data/layers/alpha.yaml", layer.replace("today: Nothing changed [^doc].", linked))
    assert problems_of(data_root) == []


def _library_event(day: lifecyclefeeds._Day) -> bytes:
    """The event as the icalendar library writes it: the oracle for the calendar's own writer."""
    event = icalendar.Event()
    event.add("uid", day.uid)
    event.add("dtstamp", dt.datetime.combine(day.updated, dt.time(), dt.UTC))
    event.add("dtstart", day.day)
    event.add("dtend", day.day + dt.timedelta(days=1))
    event.add("summary", day.title)
    event.add("description", day.description)
    event.add("url", day.url)
    written: bytes = event.to_ical()
    return written


ICAL_TEXT = st.text(alphabet=st.sampled_from("ab Z09.:;,\\^\"'-é日😀—"), max_size=240)


@settings(max_examples=150, deadline=None)
@given(title=ICAL_TEXT, description=ICAL_TEXT, key=st.from_regex(r"[a-z0-9-]{1,60}", fullmatch=True),
       day=st.dates(dt.date(1990, 1, 1), dt.date(2099, 12, 30)))
def test_each_event_is_written_as_the_library_writes_it(title: str, description: str, key: str,
                                                        day: dt.date) -> None:
    # The library reads a backslash and N as a line break before escaping; plain text has no line break.
    assume("\\N" not in title + description)
    event = lifecyclefeeds._Day(f"tag:example.org,2026:{key}/launched/{day}", day, day, title, description,
                                f"https://example.org/services/{key}/")
    assert lifecyclefeeds._vevent(event) == _library_event(event)
    parsed = icalendar.Event.from_ical(lifecyclefeeds._vevent(event))
    assert (str(parsed["summary"]), str(parsed["description"])) == (title, description)


@pytest.mark.parametrize("special", ["\\", "^", ";", ",", "é", "日", "😀", "\\\\", "^^"])
def test_lines_fold_as_the_library_folds_them_around_every_special_character(special: str) -> None:
    """Each special character at every place around the 74-byte fold of the first and a later line."""
    day = dt.date(2026, 12, 6)
    for before in [*range(55, 75), *range(125, 150)]:
        text = "a" * before + special + "b" * 90
        event = lifecyclefeeds._Day("tag:example.org,2026:x", day, day, text, special + text, "https://example.org/")
        assert lifecyclefeeds._vevent(event) == _library_event(event), (special, before)


@pytest.mark.parametrize("site_name", ["G", "AWS Machine Learning Stack Guide",
                                       "A, B; C\\D: a name long enough to fold the calendar's own name — twice over"])
def test_the_calendar_is_written_as_the_library_writes_it(site_name: str) -> None:
    days = tuple(lifecyclefeeds._Day(f"tag:example.org,2026:e{n}/launched", dt.date(2020, 1, n), dt.date(2020, 1, n),
                                     f"Entry {n}: launched", "A summary; with, marks.", "https://example.org/")
                 for n in (1, 2))
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//{site_name}//lifecycle//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{site_name}: lifecycle changes")
    for one_day in days:
        cal.add_component(icalendar.Event.from_ical(_library_event(one_day)))
    assert lifecyclefeeds._ics(site_name, days).encode("utf-8") == cal.to_ical()


def test_a_site_name_with_a_line_break_stays_on_one_line_of_the_calendar() -> None:
    calendar = lifecyclefeeds._ics("Guide\r\nBEGIN:VEVENT", ())
    assert calendar.splitlines()[2:4] == ["PRODID:-//Guide BEGIN:VEVENT//lifecycle//EN",
                                          "X-WR-CALNAME:Guide BEGIN:VEVENT: lifecycle changes"]
    assert calendar.count("BEGIN:VEVENT") == 2 and len(icalendar.Calendar.from_ical(calendar).walk("VEVENT")) == 0


@pytest.mark.parametrize(("date", "expected"), [
    ("2027", dt.date(2027, 12, 31)), ("2027-12", dt.date(2027, 12, 31)), ("2028-02", dt.date(2028, 2, 29)),
    ("2027-02", dt.date(2027, 2, 28)), ("2027-04", dt.date(2027, 4, 30)), ("2027-04-07", dt.date(2027, 4, 7))])
def test_a_partial_date_covers_up_to_its_last_day(date: str, expected: dt.date) -> None:
    assert last_day(date) == expected


def test_a_retired_entry_has_no_end_still_to_come() -> None:
    """Retired, it ended: an end of support announced for a later day is no longer ahead of it."""
    retired = entry_with("{event: retired, date: 2025-03-01, cite: doc}",
                         "{event: end-of-support, date: 2027-04-30, cite: doc}")
    now = status(retired, dt.date(2026, 1, 1))
    assert (now.state, now.ends, now.ending_soon, now.bannered) == (State.RETIRED, None, False, True)
