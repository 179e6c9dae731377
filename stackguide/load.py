"""The only reader of data/: YAML files in, a validated Catalog (or every problem) out."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from stackguide.catalog import Catalog
from stackguide.errors import DataError, Problem
from stackguide.model import (
    COMPARISON_FOLDER,
    KIND_FOLDERS,
    LAYER_FOLDER,
    Comparison,
    Entry,
    Glossary,
    Group,
    Layer,
    Onboarding,
    Tags,
)
from stackguide.yamlsource import Document, parse

M = TypeVar("M", bound=BaseModel)

DATA_DIR = "data"
SINGLE_FILES = {"glossary.yaml": Glossary, "onboarding.yaml": Onboarding, "tags.yaml": Tags}
IGNORED_FOLDERS = {"schema"}  # generated JSON Schema lives beside the data it describes


def load_catalog(root: Path) -> Catalog:
    """Load and check every file under `root`/data; raise DataError listing all problems."""
    loader = _Loader(root)
    catalog = loader.run()
    if loader.problems:
        raise DataError(loader.problems)
    assert catalog is not None
    return catalog


_cache: dict[Path, tuple[tuple, Catalog]] = {}


def cached_catalog(root: Path) -> Catalog:
    """load_catalog, reused while no data file changed: the hook and the macros share one load
    per build, and `mkdocs serve` reloads as soon as a file is edited, added or removed."""
    root = root.resolve()
    stamp = _fingerprint(root / DATA_DIR)
    hit = _cache.get(root)
    if hit and hit[0] == stamp:
        return hit[1]
    catalog = load_catalog(root)
    _cache[root] = (stamp, catalog)
    return catalog


def _fingerprint(data_dir: Path) -> tuple:
    stats = []
    for path in sorted(data_dir.rglob("*")):
        if path.is_file():
            info = path.stat()
            stats.append((str(path), info.st_mtime_ns, info.st_size))
    return tuple(stats)


class _Loader:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.data_dir = root / DATA_DIR
        self.problems: list[Problem] = []
        self.sources: dict[str, str] = {}
        self._docs: dict[str, Document] = {}  # id or file name -> parsed file, for line look-ups
        # Ids of files that failed on their own: references to them are not reported again.
        self._broken: dict[str, set[str]] = {"layers": set(), "entries": set(), "comparisons": set()}

    def run(self) -> Catalog | None:
        if not self.data_dir.is_dir():
            self.problems.append(Problem(DATA_DIR, 0, "the data/ folder is missing"))
            return None
        self._check_stray_files()
        layers = [layer for path, layer in self._load_folder(LAYER_FOLDER, Layer, "layers")]
        entries: list[Entry] = []
        for kind, folder in KIND_FOLDERS.items():
            for path, entry in self._load_folder(folder, Entry, "entries"):
                if entry.kind is not kind:
                    self._add(path, ("kind",), f"kind '{entry.kind}' does not match its folder "
                              f"data/{folder}/ (move the file to data/{KIND_FOLDERS[entry.kind]}/)")
                entries.append(entry)
        comparisons = [c for path, c in self._load_folder(COMPARISON_FOLDER, Comparison, "comparisons")]
        glossary = self._load_single("glossary.yaml", Glossary)
        onboarding = self._load_single("onboarding.yaml", Onboarding)
        tags = self._load_single("tags.yaml", Tags)
        self._resolve(layers, entries, glossary, onboarding)
        if tags:
            self._resolve_tags(tags, entries)
        self._resolve_comparisons(comparisons, {entry.id for entry in entries} | self._broken["entries"])
        if self.problems or glossary is None or onboarding is None or tags is None:
            return None
        layer_order = {layer.id: index for index, layer in enumerate(_sorted_layers(layers))}
        return Catalog(
            layers=tuple(_sorted_layers(layers)),
            entries=tuple(sorted(entries, key=lambda e: (layer_order[e.layer], e.name.lower()))),
            comparisons=tuple(sorted(comparisons, key=lambda c: c.title.lower())),
            glossary=glossary,
            onboarding=onboarding,
            sources=dict(self.sources),
        )

    # -- reading ------------------------------------------------------------------------------

    def _rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def _check_stray_files(self) -> None:
        known = {LAYER_FOLDER, COMPARISON_FOLDER, *KIND_FOLDERS.values(), *IGNORED_FOLDERS}
        for path in sorted(self.data_dir.rglob("*")):
            if not path.is_file():
                continue
            rel = path.relative_to(self.data_dir)
            if path.suffix == ".yml":
                self.problems.append(Problem(self._rel(path), 0, "rename the file to end in .yaml"))
            elif len(rel.parts) == 1:
                if rel.name not in SINGLE_FILES and path.suffix == ".yaml":
                    self.problems.append(Problem(self._rel(path), 0, "unknown file; data/ holds only "
                                                 f"{', '.join(SINGLE_FILES)} and folders"))
            elif rel.parts[0] not in known:
                self.problems.append(Problem(self._rel(path), 0, f"unknown folder data/{rel.parts[0]}/; "
                                             f"use one of: {', '.join(sorted(known - IGNORED_FOLDERS))}"))

    def _parse(self, path: Path) -> Document | None:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            self.problems.append(Problem(self._rel(path), 1, "the file is not UTF-8 text"))
            return None
        doc, problems = parse(self._rel(path), text)
        self.problems.extend(problems)
        return doc

    def _validate(self, doc: Document, model: type[M]) -> M | None:
        try:
            return model.model_validate(doc.data)
        except ValidationError as err:
            for error in err.errors():
                loc = tuple(error["loc"])
                self.problems.append(Problem(doc.path, doc.line_of(loc), _explain(error, model)))
            return None

    def _load_folder(self, folder: str, model: type[M], family: str) -> Iterable[tuple[str, M]]:
        for path in sorted((self.data_dir / folder).glob("*.yaml")):
            doc = self._parse(path)
            item = self._validate(doc, model) if doc else None
            if doc is None or item is None:
                self._broken[family].add(path.stem)
                continue
            item_id = item.id
            if item_id != path.stem:
                self._add(doc.path, ("id",), f"id '{item_id}' must equal the file name "
                          f"(rename the file to {item_id}.yaml or set id: {path.stem})", doc)
                continue
            if item_id in self.sources:
                self._add(doc.path, ("id",), f"duplicate id '{item_id}': also used by "
                          f"{self.sources[item_id]}", doc)
                continue
            self.sources[item_id] = doc.path
            self._docs[item_id] = doc
            yield doc.path, item

    def _load_single(self, name: str, model: type[M]) -> M | None:
        path = self.data_dir / name
        if not path.is_file():
            self.problems.append(Problem(f"{DATA_DIR}/{name}", 0, "this file is missing"))
            return None
        doc = self._parse(path)
        if doc is None:
            return None
        self._docs[name] = doc
        return self._validate(doc, model)

    # -- cross-references ---------------------------------------------------------------------

    def _add(self, path: str, loc: tuple, message: str, doc: Document | None = None) -> None:
        doc = doc or next((d for d in self._docs.values() if d.path == path), None)
        line = doc.line_of(loc) if doc else 1
        self.problems.append(Problem(path, line, message))

    def _ref(self, owner: str, loc: tuple, ref: str, allowed: set[str], what: str, where: str = "") -> None:
        if ref in allowed:
            return
        hint = difflib.get_close_matches(ref, allowed, n=1)
        suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
        missing = f"is not listed in {where}" if where else "does not exist"
        doc = self._docs[owner]
        self.problems.append(Problem(doc.path, doc.line_of(loc), f"{what} '{ref}' {missing}{suggestion}"))

    def _resolve(self, layers: list[Layer], entries: list[Entry], glossary: Glossary | None,
                 onboarding: Onboarding | None) -> None:
        layer_ids = {layer.id for layer in layers} | self._broken["layers"]
        entry_ids = {entry.id for entry in entries} | self._broken["entries"]
        all_ids = layer_ids | entry_ids
        for entry in entries:
            doc = self._docs[entry.id]
            if entry.layer not in layer_ids:
                self.problems.append(Problem(doc.path, doc.line_of(("layer",)), f"layer '{entry.layer}' "
                                             f"is not one of: {', '.join(sorted(layer_ids))}"))
            if entry.status.successor:
                self._ref(entry.id, ("status", "successor"), entry.status.successor, entry_ids - {entry.id},
                          "successor")
            for index, related in enumerate(entry.related):
                self._ref(entry.id, ("related", index), related, all_ids - {entry.id}, "related id")
        self._check_positions(layers)
        if glossary:
            self._resolve_glossary(glossary, entry_ids)
        if onboarding:
            self._resolve_onboarding(onboarding, all_ids)

    def _resolve_glossary(self, glossary: Glossary, entry_ids: set[str]) -> None:
        seen_terms: dict[str, int] = {}
        for index, term in enumerate(glossary.terms):
            if term.entry:
                self._ref("glossary.yaml", ("terms", index, "entry"), term.entry, entry_ids, "entry")
            key = term.term.lower()
            if key in seen_terms:
                doc = self._docs["glossary.yaml"]
                self.problems.append(Problem(doc.path, doc.line_of(("terms", index, "term")),
                                             f"term '{term.term}' is defined twice (also item {seen_terms[key] + 1})"))
            seen_terms[key] = index

    def _resolve_onboarding(self, onboarding: Onboarding, all_ids: set[str]) -> None:
        for day_index, day in enumerate(onboarding.days):
            for step_index, step in enumerate(day.steps):
                self._ref("onboarding.yaml", ("days", day_index, "steps", step_index, "page"), step.page,
                          all_ids, "page")

    def _resolve_tags(self, tags: Tags, entries: list[Entry]) -> None:
        allowed: dict[str, int] = {}
        doc = self._docs["tags.yaml"]
        for index, tag in enumerate(tags.tags):
            if tag.id in allowed:
                self.problems.append(Problem(doc.path, doc.line_of(("tags", index, "id")),
                                             f"tag '{tag.id}' is listed twice (also item {allowed[tag.id] + 1})"))
            allowed.setdefault(tag.id, index)
        for entry in entries:
            for index, tag in enumerate(entry.tags):
                self._ref(entry.id, ("tags", index), tag, set(allowed), "tag", "data/tags.yaml")

    def _resolve_comparisons(self, comparisons: list[Comparison], entry_ids: set[str]) -> None:
        for comparison in comparisons:
            for index, row in enumerate(comparison.rows):
                self._ref(comparison.id, ("rows", index, "entry"), row.entry, entry_ids, "entry")

    def _check_positions(self, layers: list[Layer]) -> None:
        taken: dict[tuple[Group, int], str] = {}
        for layer in layers:
            key = (layer.group, layer.position)
            if key in taken:
                doc = self._docs[layer.id]
                self.problems.append(Problem(doc.path, doc.line_of(("position",)), f"position {layer.position} "
                                             f"in group '{layer.group}' is also used by layer '{taken[key]}'"))
            taken[key] = layer.id


def _sorted_layers(layers: list[Layer]) -> list[Layer]:
    group_order = list(Group)
    return sorted(layers, key=lambda layer: (group_order.index(layer.group), layer.position))


def _explain(error: dict, model: type[BaseModel]) -> str:
    """Turn a pydantic error into a sentence that says what to fix."""
    loc = [str(part) for part in error["loc"]]
    field = ".".join(loc) or "file"
    kind = error["type"]
    if kind == "extra_forbidden":
        known = _known_keys(model, error["loc"][:-1])
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
    shown = f" (got {value!r})" if isinstance(value, (str, int, float, bool)) and kind != "value_error" else ""
    return f"{field}: {message}{shown}" if loc else f"{message}{shown}"


def _known_keys(model: type[BaseModel], loc: tuple) -> list[str]:
    """The keys allowed at `loc` inside `model`, for did-you-mean hints."""
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None or isinstance(part, int):
            continue
        field = current.model_fields.get(str(part))
        current = _model_in(field.annotation) if field else None
    return sorted(current.model_fields) if current else []


def _model_in(annotation) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found:
            return found
    return None
