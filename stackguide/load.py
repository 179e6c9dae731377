"""The only reader of data/: YAML files in, a validated Catalog (or every problem of the run) out.
The Catalog also carries the last watch's report (watch-report.json), when there is one."""

from __future__ import annotations

import datetime as dt
import functools
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from mkdocs.utils import get_build_datetime
from pydantic import BaseModel, ValidationError

from stackguide.catalog import Catalog
from stackguide.errors import DataError, Problem, Problems, closest, printable
from stackguide.families import DATA_DIR, FAMILIES, SINGLE_FILES, Family
from stackguide.files import DataFile, find_data_files
from stackguide.gcpause import paused_gc
from stackguide.markup import Markdown
from stackguide.mdparse import Budget
from stackguide.model import (
    MARKDOWN_BUDGET,
    MARKDOWN_OWNER,
    PATTERN_RULES,
    Glossary,
    Loc,
    Onboarding,
    PageRecord,
    Record,
    Tags,
    Vocabulary,
)
from stackguide.resolve import check_records, markdown_fields
from stackguide.sourcemap import SourceFile, SourceMap
from stackguide.watchreport import read_report
from stackguide.yamlcache import ParsedFiles
from stackguide.yamlsource import Document, read_bounded, read_document, value_lines


class BuildDateError(ValueError):
    """SOURCE_DATE_EPOCH is set to something that is not a time."""


def build_date() -> dt.date:
    """The day a build tells what has happened by: what is closed or gone, what ends soon.
    SOURCE_DATE_EPOCH (reproducible-builds.org), when set, fixes it, as it fixes MkDocs' own build
    date: its day in UTC. Otherwise it is the machine's date."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value is None:
        return dt.date.today()
    try:
        return get_build_datetime().date()
    except (ValueError, OverflowError, OSError):
        raise BuildDateError(f"SOURCE_DATE_EPOCH is '{printable(value)}': it must be a whole number of seconds "
                             "since 1970-01-01 UTC, or not set") from None


@dataclass(frozen=True)
class Loaded:
    """One validated file: what it says, where it says it, and its family (None for single files)."""

    item: Record
    doc: Document
    family: Family | None

    @functools.cached_property
    def fields(self) -> list[tuple[Loc, Markdown]]:
        """The record's Markdown fields, walked once: the preview reuses a file's Loaded while it is unchanged."""
        return markdown_fields(self.item)


class FileCache:
    """Each file's own result (parsed, validated), reused while its bytes are unchanged: the
    preview's rebuilds read every file (a few milliseconds) but parse only the one that was saved.
    A file's size and modification time alone could stay the same across a save (two saves within
    the file system's time resolution)."""

    def __init__(self) -> None:
        self._results: dict[Path, tuple[bytes, Loaded | None, list[Problem]]] = {}

    def load(self, file: DataFile, problems: Problems) -> Loaded | None:
        own = Problems()
        raw = read_bounded(file.path, file.rel, own)
        cached = self._results.get(file.path)
        if raw is None:
            self._results.pop(file.path, None)
            problems.extend(own.items())
            return None
        if cached is None or cached[0] != raw:
            cached = (raw, _load_bytes(file, raw, own), own.items())
            self._results[file.path] = cached
        problems.extend(cached[2])
        return cached[1]


@paused_gc()
def load_catalog(root: Path, *, data_dir: str = DATA_DIR, today: dt.date | None = None, drafts: bool = False,
                 cache: FileCache | None = None, parsed: ParsedFiles | None = None, watch: bool = True) -> Catalog:
    """Load and check every file under `root`/data; raise DataError listing every problem.

    `drafts` lets entries that still say TODO through (the preview shows them; a build refuses them).
    `parsed`: the data files' values as earlier builds parsed them (stackguide.yamlcache).
    `watch` reads the last watch's report too (`make watch`, which writes a new one, does not).
    `today` defaults to build_date().
    """
    day = today or build_date()
    problems = Problems()
    loaded: list[Loaded] = []
    broken: set[str] = set()  # ids of files that failed on their own: references to them are not reported again
    for file in find_data_files(root, problems, data_dir):
        record = cache.load(file, problems) if cache else _load_file(file, problems, parsed)
        if record is not None:
            loaded.append(record)
        elif file.family is not None:
            broken.add(file.path.stem)
    if parsed is not None:
        parsed.save()
    check_records(loaded, problems, today=day, drafts=drafts, broken=broken)
    report = read_report(root, problems) if watch else None  # a file `make watch` wrote; no feed is read
    if problems:
        raise DataError(problems.items())
    return replace(_catalog(loaded, day), watch=report)


def _load_file(file: DataFile, problems: Problems, parsed: ParsedFiles | None = None) -> Loaded | None:
    raw = read_bounded(file.path, file.rel, problems)
    return None if raw is None else _load_bytes(file, raw, problems, parsed)


def _load_bytes(file: DataFile, raw: bytes, problems: Problems, parsed: ParsedFiles | None = None) -> Loaded | None:
    doc = read_document(file.rel, raw, problems, parsed)
    if doc is None:
        return None
    model = file.family.model if file.family else SINGLE_FILES[file.path.name]
    try:
        owner = file.path.stem if "facts" in model.model_fields else None  # a model with facts of its own
        item = model.model_validate(doc.data, context={MARKDOWN_BUDGET: Budget(), MARKDOWN_OWNER: owner})
    except ValidationError as err:
        _report_invalid(doc, model, err, problems)
        return None
    return Loaded(item, doc, file.family)


UNKNOWN_SHOWN = 3  # unknown keys reported one by one; a count stands for the rest


def _report_invalid(doc: Document, model: type[BaseModel], err: ValidationError, problems: Problems) -> None:
    """Every validation error at its line, except that each unknown key is reported once, and
    only the first few of them in full."""
    unknown: dict[str, list[Any]] = {}
    for error in err.errors():
        if error["type"] == "extra_forbidden":
            unknown.setdefault(str(error["loc"][-1]), []).append(error)
        elif problems.has_room(doc.path):
            problems.add(doc.path, doc.line_of(tuple(error["loc"])), explain(error, model, doc))
        else:
            problems.count(doc.path, 1)  # its line is not worked out either
    keys = list(unknown)
    for key in keys[:UNKNOWN_SHOWN]:
        first, repeats = unknown[key][0], len(unknown[key]) - 1
        also = f"; also used {repeats:,} more time{'s' if repeats > 1 else ''} in this file" if repeats else ""
        problems.add(doc.path, doc.line_of(tuple(first["loc"])), explain(first, model) + also)
    if rest := keys[UNKNOWN_SHOWN:]:
        count = sum(len(unknown[key]) for key in rest)
        problems.add(doc.path, doc.line_of(tuple(unknown[rest[0]][0]["loc"])),
                     f"and {count:,} more unknown keys, such as '{rest[0]}'; each key must be one the schema in "
                     "data/schema/ allows")


def _catalog(loaded: list[Loaded], today: dt.date) -> Catalog:
    items: dict[Family, list[PageRecord]] = {family: [] for family in FAMILIES}
    files: dict[str, SourceFile] = {}
    markdown: dict[str, list[tuple[Loc, Markdown]]] = {}
    singles: dict[type, Any] = {}
    for record in loaded:
        if record.family is None:
            singles[type(record.item)] = record.item
        elif isinstance(record.item, PageRecord):
            items[record.family].append(record.item)
            # The text, not the parsed tree: a build asks for a few files' lines, if any.
            files[record.item.id] = SourceFile(record.doc.path, functools.partial(value_lines, record.doc.text))
            markdown[record.item.id] = record.fields
    return Catalog(
        items={family: tuple(members) for family, members in items.items()},
        glossary=singles[Glossary],
        onboarding=singles[Onboarding],
        tags=singles[Tags],
        vocabulary=singles[Vocabulary],
        sources=SourceMap(files),
        today=today,
        markdown=markdown,
    )


def explain(error: Any, model: type[BaseModel], doc: Document | None = None) -> str:
    """Turn a pydantic error into one sentence that says what to fix; `doc` shows what was written
    where YAML read a plain word as something other than text."""
    loc = [str(part) for part in error["loc"]]
    field = ".".join(loc)
    kind = error["type"]
    if kind == "extra_forbidden":
        known = known_keys(model, error["loc"][:-1])
        hint = closest(loc[-1], known)
        suggestion = f"did you mean '{hint}'?" if hint else f"allowed keys: {', '.join(known)}"
        return f"unknown key '{loc[-1]}' ({suggestion})"
    if kind == "missing":
        return f"missing required key '{field}'"
    if kind == "string_type" and error.get("input") is None:
        return f"{field}: is empty; write the text"
    if kind in ("string_type", "markdown_type", "enum") and doc is not None and (reading := doc.reading(error["loc"])):
        return f"{field}: {reading}"
    if kind == "enum":
        return f"{field} '{error['input']}' is not one of: {error['ctx']['expected'].replace(' or ', ', ')}"
    message = error["msg"].removeprefix("Value error, ")
    if kind == "string_pattern_mismatch":
        message = PATTERN_RULES.get(error.get("ctx", {}).get("pattern"), message)
    value = error.get("input")
    custom = kind in ("plain_text", "url", "partial_date", "day", "year", "markdown_type")
    shown = f" (got {value!r:.60})" if isinstance(value, (str, int, float, bool)) and not custom else ""
    return f"{field}: {message}{shown}" if loc else f"{message}{shown}"


def known_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The keys allowed at `loc` inside `model`, for did-you-mean hints."""
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None or isinstance(part, int):
            continue
        field = current.model_fields.get(str(part))
        current = _model_in(field.annotation) if field else None
    return sorted(field.alias or name for name, field in current.model_fields.items()) if current else []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        if (found := _model_in(arg)) is not None:
            return found
    return None
