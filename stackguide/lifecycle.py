"""An entry's state on a given day, derived from its dated lifecycle events.

Nothing here is typed by hand: "closed to new customers", "ends 2027-04-30" and "retired" all follow
from the events and the day, so an announced end of support turns into a retirement on its date
with no edit to data/.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from stackguide.model import Entry, Event, EventKind, State

SOON = dt.timedelta(days=365)  # an end of support this close is "ending soon"

# What each event makes of the service once its date has come; the most severe one wins.
EFFECT: dict[EventKind, State] = {
    EventKind.LAUNCHED: State.ACTIVE,
    EventKind.GENERALLY_AVAILABLE: State.ACTIVE,
    EventKind.RENAMED: State.RENAMED,
    EventKind.CLOSED: State.CLOSED,
    EventKind.MAINTENANCE: State.MAINTENANCE,
    EventKind.REPLACED: State.SUPERSEDED,
    EventKind.RETIRED: State.RETIRED,
    EventKind.END_OF_SUPPORT: State.RETIRED,
}
SEVERITY = {state: rank for rank, state in enumerate(State)}

LABELS: dict[State, str] = {
    State.ACTIVE: "Active",
    State.RENAMED: "Renamed",
    State.CLOSED: "Closed to new customers",
    State.MAINTENANCE: "Maintenance",
    State.SUPERSEDED: "Superseded",
    State.RETIRED: "Retired",
}
# What a state means for a reader, said once under its heading on the page of changes.
MEANINGS: dict[State, str] = {
    State.ACTIVE: "Open to new customers, with no end of support announced.",
    State.RENAMED: "Still offered, under a new name.",
    State.CLOSED: "Customers who use it can go on using it; new customers cannot start with it.",
    State.MAINTENANCE: "Kept running for the customers it has, with no new features planned.",
    State.SUPERSEDED: "AWS, or the project itself, points to another service or project that does the same job.",
    State.RETIRED: "Shut down, out of support, or retired by its open-source project: not for new work.",
}
# On badges and chips, where the long form would crowd a phone's line; banners say it in full.
SHORT_LABELS: dict[State, str] = {**LABELS, State.CLOSED: "Closed"}
EVENT_LABELS: dict[EventKind, str] = {
    EventKind.LAUNCHED: "Launched",
    EventKind.GENERALLY_AVAILABLE: "Generally available",
    EventKind.RENAMED: "Renamed",
    EventKind.CLOSED: "Closed to new customers",
    EventKind.MAINTENANCE: "Maintenance only",
    EventKind.END_OF_SUPPORT: "End of support",
    EventKind.RETIRED: "Retired",
    EventKind.REPLACED: "Replaced",
}


def first_day(date: str) -> dt.date:
    """The first day a partial date (YYYY, YYYY-MM or YYYY-MM-DD) covers."""
    return dt.date.fromisoformat((date + "-01-01")[:10])


def last_day(date: str) -> dt.date:
    """The last day a partial date (YYYY, YYYY-MM or YYYY-MM-DD) covers."""
    if len(date) == len("YYYY"):
        return dt.date(int(date), 12, 31)
    start = first_day(date)
    if len(date) == len("YYYY-MM"):
        return start.replace(day=calendar.monthrange(start.year, start.month)[1])
    return start


def has_come(event: Event, today: dt.date) -> bool:
    return first_day(event.date) <= today


def events_since_review(entry: Entry, today: dt.date) -> list[tuple[int, Event]]:
    """The events (with their index) whose day came after the entry was last reviewed: its badges
    tell them from that day, its own words only once a person has read them again."""
    return [(index, event) for index, event in enumerate(entry.lifecycle)
            if entry.reviewed < first_day(event.date) <= today]


@dataclass(frozen=True)
class Status:
    """What a reader is told about an entry on `today`."""

    state: State
    since: str | None  # the date of the event that set the state; None while active
    since_by: bool  # ... known only as "it had happened by then"
    since_reported: bool  # ... and only secondary sources report it
    successor: str | None  # entry id to use instead
    ends: str | None  # an announced end of support still to come
    ending_soon: bool  # ... within SOON
    launched: Event | None
    notices: tuple[Event, ...]  # what closed, ends or ended for a part of a running service (not launches or renames)
    also: tuple[Event, ...] = ()  # while it runs on: the other restrictions in force (closed and in maintenance)
    former_name: str | None = None  # a renamed one's name before the rename that set its state: the one people know

    @property
    def label(self) -> str:
        return LABELS[self.state]

    @property
    def short_label(self) -> str:
        return SHORT_LABELS[self.state]

    @property
    def when(self) -> str:
        """The date the state began, as a reader should take it: 'by 2019-03' when only a bound is known."""
        when = f"by {self.since}" if self.since_by else self.since or ""
        return f"{when} (reported by secondary sources)" if self.since_reported else when

    @property
    def also_words(self) -> tuple[str, ...]:
        """The other restrictions in force, as clauses after the state: 'closed to new customers 2024-07-25'."""
        return tuple(_restriction(EFFECT[event.event], f"by {event.date}" if event.by else event.date, event.by)
                     for event in self.also)

    @property
    def in_words(self) -> str:
        """A badge's tooltip: the label of an open entry, else what stops a reader starting with it,
        dated: 'In maintenance since 2026-07-30; closed to new customers 2026-07-30'."""
        if self.active:
            return self.label
        words = "; ".join((standing_words(self), *self.also_words))
        return words[0].upper() + words[1:]

    @property
    def bannered(self) -> bool:
        """Worth a banner above the page: anything but plain active (a rename tells a reader who
        arrives by the old name that this is the page)."""
        return self.state is not State.ACTIVE or self.ends is not None

    @property
    def active(self) -> bool:
        """Open to new customers with no end announced: nothing to warn about."""
        return self.open and self.ends is None

    @property
    def open(self) -> bool:
        """Open to new customers, an end announced or not: a reader can still start with it."""
        return self.state in (State.ACTIVE, State.RENAMED)


def status(entry: Entry, today: dt.date) -> Status:
    """Derive the entry's status on `today` from its events (oldest first, checked by the loader)."""
    own = [event for event in entry.lifecycle if event.feature is None]
    state, setter = State.ACTIVE, None
    for event in own:
        if has_come(event, today) and SEVERITY[EFFECT[event.event]] >= SEVERITY[state] \
                and EFFECT[event.event] is not State.ACTIVE:
            state, setter = EFFECT[event.event], event
    ends = next((event.date for event in own
                 if event.event is EventKind.END_OF_SUPPORT and not has_come(event, today)), None)
    if state is State.RETIRED:
        ends = None
    successor = next((event.successor for event in reversed(own) if event.successor), None)
    # A service closed to new customers and in maintenance is both: the state says the more severe,
    # and the other stays in force (a retired service's earlier restrictions are its history).
    running = (State.CLOSED, State.MAINTENANCE, State.SUPERSEDED)
    also = {EFFECT[event.event]: event for event in own if has_come(event, today)
            and EFFECT[event.event] in running and EFFECT[event.event] is not state} if state in running else {}
    launched = next((event for event in own
                     if event.event in (EventKind.LAUNCHED, EventKind.GENERALLY_AVAILABLE)), None)
    return Status(
        state=state,
        since=setter.date if setter else None,
        since_by=setter.by if setter else False,
        since_reported=setter.reported if setter else False,
        successor=successor,
        ends=ends,
        ending_soon=ends is not None and first_day(ends) - today <= SOON,
        launched=launched,
        # A retired service's parts went with it: their events stay in its lifecycle, not above the answer.
        notices=() if state is State.RETIRED else tuple(
            event for event in entry.lifecycle if event.feature is not None
            and event.event not in (EventKind.LAUNCHED, EventKind.GENERALLY_AVAILABLE, EventKind.RENAMED)),
        also=tuple(sorted(also.values(), key=lambda event: event.date)),
        former_name=setter.from_name if setter is not None and state is State.RENAMED else None,
    )


def name_on(entry: Entry, event: Event) -> str | None:
    """The entry's name on the event's day, when a later rename of the whole service changed it:
    Amazon Q Developer launched in preview in 2022 as Amazon CodeWhisperer."""
    day = first_day(event.date)
    return next((later.from_name for later in entry.lifecycle if later.event is EventKind.RENAMED
                 and later.feature is None and first_day(later.date) > day), None)


def standing_words(status: Status) -> str:
    """Why an entry is not the one to use now, as a clause after its name: 'retired 2025-01-31',
    'closed to new customers by 2024-07', 'in maintenance since 2025-10', 'support ends 2027-03-31'."""
    if status.state in (State.ACTIVE, State.RENAMED):
        return f"support ends {status.ends}" if status.ends else "open to new customers"
    return _restriction(status.state, status.when, status.since_by)


def _restriction(state: State, when: str, by: bool) -> str:
    """'closed to new customers 2024-07-25', 'in maintenance since 2025-10' ('by' dates as they are)."""
    if state is State.MAINTENANCE:
        return f"in maintenance {when if by else f'since {when}'}"
    return f"{LABELS[state].lower()} {when}"


def event_words(event: Event, today: dt.date, capital: bool = False) -> str:
    """What happened, in words, as of `today`, for every page and feed that tells it: 'renamed
    from A to B', 'support ends' before an announced end and 'support ended' from its day, else
    the event's label. `capital` starts it with a capital letter."""
    if event.event is EventKind.RENAMED:
        words = f"renamed from {event.from_name} to {event.to_name}"
    elif event.event is EventKind.END_OF_SUPPORT:
        words = "support ended" if has_come(event, today) else "support ends"
    else:
        words = EVENT_LABELS[event.event].lower()
    return words[0].upper() + words[1:] if capital else words
