"""The only reader of data/: YAML files in, a validated Catalog (or every problem of the run) out."""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from stackguide.catalog import Catalog
from stackguide.errors import DataError, Problem, Problems
from stackguide.families import SINGLE_FILES, Family
from stackguide.files import DataFile, find_data_files
from stackguide.model import Comparison, Entry, Glossary, Group, Layer, Onboarding, Record, Tags, Vocabulary
from stackguide.resolve import check_records
from stackguide.yamlsource import Document, read_document


@dataclass(frozen=True)
class Loaded:
    """One validated file: what it says, where it says it, and its family (None for single files)."""

    item: Record
    doc: Document
    family: Family | None


class FileCache:
    """Each file's own result (read, parsed, validated), reused while its size and modification
    time are unchanged: the preview's rebuilds then re-read only the file that was saved."""

    def __init__(self) -> None:
        self._results: dict[Path, tuple[tuple[int, int], Loaded | None, list[Problem]]] = {}

    def load(self, file: DataFile, problems: Problems) -> Loaded | None:
        try:
            info = file.path.stat()
        except OSError:
            return _load_file(file, problems)
        stamp = (info.st_mtime_ns, info.st_size)
        cached = self._results.get(file.path)
        if cached is None or cached[0] != stamp:
            own = Problems()
            cached = (stamp, _load_file(file, own), own.items())
            self._results[file.path] = cached
        for problem in cached[2]:
            problems.add(problem.path, problem.line, problem.message)
        return cached[1]


def load_catalog(root: Path, *, today: dt.date | None = None, drafts: bool = False,
                 cache: FileCache | None = None) -> Catalog:
    """Load and check every file under `root`/data; raise DataError listing every problem.

    `drafts` lets entries that still say TODO through (the preview shows them; a build refuses them).
    """
    problems = Problems()
    loaded: list[Loaded] = []
    broken: set[str] = set()  # ids of files that failed on their own: references to them are not reported again
    for file in find_data_files(root, problems):
        record = cache.load(file, problems) if cache else _load_file(file, problems)
        if record is not None:
            loaded.append(record)
        elif file.family is not None:
            broken.add(file.path.stem)
    check_records(loaded, problems, today=today or dt.date.today(), drafts=drafts, broken=broken)
    if problems:
        raise DataError(problems.items())
    return _catalog(loaded)


def _load_file(file: DataFile, problems: Problems) -> Loaded | None:
    try:
        raw = file.path.read_bytes()
    except OSError as err:
        problems.add(file.rel, 1, f"cannot be read: {err.strerror}")
        return None
    doc = read_document(file.rel, raw, problems)
    if doc is None:
        return None
    model = file.family.model if file.family else SINGLE_FILES[file.path.name]
    try:
        item = model.model_validate(doc.data)
    except ValidationError as err:
        for error in err.errors():
            loc = tuple(error["loc"])
            problems.add(doc.path, doc.line_of(loc), explain(error, model))
        return None
    return Loaded(item, doc, file.family)


def _catalog(loaded: list[Loaded]) -> Catalog:
    def of(model: type[Record]) -> list[Any]:
        return [record.item for record in loaded if isinstance(record.item, model)]

    group_order = list(Group)
    layers: list[Layer] = sorted(of(Layer), key=lambda layer: (group_order.index(layer.group), layer.position))
    layer_order = {layer.id: index for index, layer in enumerate(layers)}
    entries: list[Entry] = sorted(of(Entry), key=lambda entry: (layer_order[entry.layer], entry.name.lower()))
    comparisons: list[Comparison] = sorted(of(Comparison), key=lambda comparison: comparison.title.lower())
    families = {record.item.id: record.family for record in loaded
                if record.family is not None and isinstance(record.item, (Entry, Layer, Comparison))}
    singles = {type(record.item): record.item for record in loaded if record.family is None}
    return Catalog(
        layers=tuple(layers),
        entries=tuple(entries),
        comparisons=tuple(comparisons),
        glossary=singles[Glossary],  # type: ignore[arg-type]  # keyed by its own type
        onboarding=singles[Onboarding],  # type: ignore[arg-type]  # keyed by its own type
        tags=singles[Tags],  # type: ignore[arg-type]  # keyed by its own type
        vocabulary=singles[Vocabulary],  # type: ignore[arg-type]  # keyed by its own type
        families=families,
        documents={item_id: record.doc for record in loaded
                   if record.family is not None and (item_id := getattr(record.item, "id", "")) in families},
    )


def explain(error: Any, model: type[BaseModel]) -> str:
    """Turn a pydantic error into one sentence that says what to fix."""
    loc = [str(part) for part in error["loc"]]
    field = ".".join(loc)
    kind = error["type"]
    if kind == "extra_forbidden":
        known = known_keys(model, error["loc"][:-1])
        hint = difflib.get_close_matches(loc[-1], known, n=1)
        suggestion = f"did you mean '{hint[0]}'?" if hint else f"allowed keys: {', '.join(known)}"
        return f"unknown key '{loc[-1]}' ({suggestion})"
    if kind == "missing":
        return f"missing required key '{field}'"
    if kind == "enum":
        return f"{field} '{error['input']}' is not one of: {error['ctx']['expected'].replace(' or ', ', ')}"
    message = error["msg"].removeprefix("Value error, ")
    if kind == "string_pattern_mismatch":
        message = "use lower-case words joined by hyphens, e.g. amazon-polly"
    value = error.get("input")
    custom = kind in ("plain_text", "url", "partial_date", "markdown_type")
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
    return sorted(current.model_fields) if current else []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        if (found := _model_in(arg)) is not None:
            return found
    return None
