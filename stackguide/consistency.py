"""A fact is written once: prose that repeats a lifecycle date must repeat it as the events give it.

An entry's lifecycle events are the one place its dates of change are written. Any sentence in
data/ (a summary, a "today", a layer's or a comparison's text) that speaks of a change of life
(closed, retired, renamed, end of support, ...) for an entry it names, and gives a full date,
must give a date that entry's events hold; otherwise the sentence has drifted from the data, or
the event is missing. Sentences with no full date, or about no entry, are not checked.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from stackguide.markup import Markdown
from stackguide.model import Entry, EventKind

DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
_DATE_MIDDLE = re.compile(r"-\d\d-")  # in every full date; found ten times faster (it starts with a literal)
_GONE = (EventKind.END_OF_SUPPORT, EventKind.RETIRED)
# Words that speak of a change of life, and the events that may carry their date.
CHANGES: tuple[tuple[re.Pattern[str], tuple[EventKind, ...]], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), kinds) for pattern, kinds in (
        (r"\bclos(?:ed|es|ing|ure)\b", (EventKind.CLOSED, *_GONE)),
        (r"\bretir(?:ed|es|ing|ement)\b", _GONE),
        (r"\brenam(?:ed|es|ing)\b", (EventKind.RENAMED,)),
        (r"\b(?:discontinu\w*|sunset\w*|shut\w* down|end(?:s|ed)? (?:of )?support|support end\w*)", _GONE),
        (r"\bmaintenance\b", (EventKind.MAINTENANCE,)),
    ))
_SENTENCE = re.compile(r"(?<=[.;!?])\s+")


@dataclass(frozen=True)
class Drift:
    dates: tuple[str, ...]
    entry: Entry
    kinds: tuple[EventKind, ...]

    def message(self, field: str) -> str:
        known = ", ".join(f"{event.date} {event.event}" + (f" ({event.feature})" if event.feature else "")
                          for event in self.entry.lifecycle if event.event in self.kinds) or "none"
        what = " or ".join(dict.fromkeys(kind.value for kind in self.kinds))
        return (f"{field}: gives {', '.join(self.dates)} for a change ({what}) to {self.entry.name}, which its "
                f"lifecycle does not hold (its {what} events: {known}); give the date as the event does, or add "
                "the event (with feature: for a part of the service)")


class Names:
    """Finds the entries a sentence names, by current or former name (longest names first)."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.by_name: dict[str, Entry] = {}
        self.by_id: dict[str, Entry] = {}
        for entry in entries:
            self.by_id[entry.id] = entry
            for name in (entry.name, *entry.previous_names):
                self.by_name.setdefault(name.lower(), entry)

    @functools.cached_property
    def longest_first(self) -> tuple[str, ...]:
        return tuple(sorted(self.by_name, key=len, reverse=True))

    def pattern(self, sentence: str) -> re.Pattern[str] | None:
        """The names that may be found in `sentence`, longest first (None for none). In ASCII text an
        ASCII name is found, ignoring case, only where the lower-case text holds it: the names it does
        not hold cannot match, and leaving them out of the alternation changes no match. All names
        are compiled only for other text (at 300 entries that takes 15 to 40 ms)."""
        if sentence.isascii():
            lowered = sentence.lower()
            names = tuple(name for name in self.longest_first if name in lowered or not name.isascii())
        else:
            names = self.longest_first
        return _alternation(names) if names else None

    def named(self, sentence: str) -> list[Entry]:
        if (pattern := self.pattern(sentence)) is None:
            return []
        # A match whose lower case is no name's: re matches a dotted capital I to i ignoring case,
        # and lower() makes it i and a combining dot.
        found = (self.by_name.get(m.group(0).lower()) for m in pattern.finditer(sentence))
        return list({id(e): e for e in found if e is not None}.values())


def _alternation(names: tuple[str, ...]) -> re.Pattern[str]:
    """Any of the names as a whole word, ignoring case; the first that matches where one does wins."""
    return re.compile(r"\b(?:" + "|".join(re.escape(name) for name in names) + r")\b", re.IGNORECASE)


def event_dates(entries: Iterable[Entry], kinds: Iterable[EventKind]) -> set[str]:
    wanted = set(kinds)
    return {date for entry in entries for event in entry.lifecycle if event.event in wanted
            for date in (event.date, event.announced) if date}


def drifts(text: str | Markdown, names: Names, owner: Entry | None = None) -> list[Drift]:
    """Sentences of `text` that date a change of life to a date none of their subjects' events of
    that kind hold. The subjects are the entries a sentence names, those the text links to, and
    `owner`, the entry the text belongs to."""
    plain = text.plain() if isinstance(text, Markdown) else text
    if not _DATE_MIDDLE.search(plain) or not DATE.search(plain):  # most texts give no full date
        return []
    linked = [names.by_id[target] for target in text.links if target in names.by_id] \
        if isinstance(text, Markdown) else []
    drifted = []
    for sentence in _SENTENCE.split(plain):
        dates = tuple(DATE.findall(sentence))
        if not dates:
            continue
        kinds = tuple(kind for pattern, found in CHANGES if pattern.search(sentence) for kind in found)
        if not kinds:
            continue
        subjects = [*names.named(sentence), *linked, *([owner] if owner else [])]
        if subjects and not set(dates) & event_dates(subjects, kinds):
            drifted.append(Drift(dates, subjects[0] if owner is None else owner, kinds))
    return drifted
