"""Render page bodies and components from the Catalog with Jinja templates, as Markdown.

Templates write Markdown (with a little HTML), so the escaping that matters is Markdown's: every
value printed with {{ }} is escaped as Markdown text (which also makes it safe HTML text) unless
it is already safe Markdown (a rendered Markdown field, a link target, a component's output). In
an HTML attribute, templates use the `attr` filter. Data never reaches Jinja as a template: it is
only ever a value.

A value a template works out inside a loop is kept in a `with` block, not `set` in the loop: Jinja
passes what a loop sets to every function that takes the context (link, status_of, ...), and copies
the whole context to do so, at each call (a twentieth of the generated pages' time).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template, nodes, pass_context
from jinja2.compiler import CodeGenerator, Frame
from jinja2.runtime import Context
from markupsafe import Markup

from stackguide.catalog import Catalog
from stackguide.compiledcache import compiled_templates
from stackguide.escaping import remembering_escapes, whole_date
from stackguide.families import FAMILIES
from stackguide.footnoteorder import in_reading_order
from stackguide.internals import SOURCES_MARKER, term_anchor
from stackguide.lifecycle import EVENT_LABELS, LABELS, MEANINGS, Status, event_words, name_on, standing_words
from stackguide.markup import CITATION_SEPARATOR, Markdown, code_span, escape_text, to_markdown
from stackguide.mdtree import FactReference, Paragraph, Text
from stackguide.model import Entry, Event, EventKind, Group, Layer, PageRecord, Source, State
from stackguide.plaintext import ID
from stackguide.review import CLAIM_MAX_AGE, ENTRY_MAX_AGE, review_queue
from stackguide.sources import is_primary, site_name
from stackguide.watchreport import REPORT_FILE, safe_link

TEMPLATES = Path(__file__).resolve().parent / "templates"  # shipped inside the package


@cache
def html_templates() -> Environment:
    """Templates of whole HTML pages (the preview's problem page, moved addresses), escaped by Jinja for HTML."""
    return Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined, autoescape=True)


GROUP_LABELS = {
    Group.STACK: "The machine learning stack",
    Group.DATA_STORE: "The data store",
    Group.AMAZON: "Machine learning at Amazon",
}


class Safe(Markup):
    """Text that is already Markdown (or a component's output), to be printed as it is."""

    __slots__ = ()

    def __new__(cls, text: str = "") -> Safe:
        # Made from text only: Markup's look-ups for an __html__ method and an encoding were a third
        # of the cost, and the generated pages make 13,000.
        return str.__new__(cls, text)


def _finalize(value: object) -> str:
    # Runs on every {{ }}: data is escaped once, for Markdown; components and rendered fields
    # (Markup) pass through. What it returns is printed as it is (_PrintFinalized).
    if isinstance(value, Markup):
        return value
    if value is None:
        raise ValueError("a template printed None; test the value first")
    if isinstance(value, dt.date):
        return whole_date(value.isoformat())
    return escape_text(str(value))


class _PrintFinalized(CodeGenerator):
    """Compiles {{ value }} to finalize(value) alone where Jinja would write escape(finalize(value)):
    _finalize escapes every value itself (for Markdown, which also makes it safe HTML text), and
    Jinja's escape would only copy its result into a new Markup object."""

    def _output_child_pre(self, node: nodes.Expr, frame: Frame, finalize: Any) -> None:
        if frame.eval_ctx.autoescape and not frame.eval_ctx.volatile and finalize.src is not None:
            self.write("(" + finalize.src)  # _output_child_post closes both
        else:
            super()._output_child_pre(node, frame, finalize)


class _Environment(Environment):
    code_generator_class = _PrintFinalized

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        """A template's globals as one dict, where Jinja chains its own to the environment's: each
        render copies them into its context, and a chain is read key by key in Python (a tenth of
        the generated pages' time). The environment's globals are all set before any template is
        loaded (_environment), as Jinja asks."""
        return {**self.globals, **(d or {})}

    # Inside one_pass(): each template as first looked up in the pass, by name and importing template.
    looked_up: dict[tuple[str | Template, str | None], Template] | None = None

    def get_template(self, name: str | Template, parent: str | None = None,
                     globals: MutableMapping[str, Any] | None = None) -> Template:
        """Jinja's look-up (which checks the template's file for changes), once per template in a
        pass: the generated pages looked each page's template and components.j2 up 614 times."""
        if self.looked_up is None or globals is not None:
            return super().get_template(name, parent, globals)
        if (template := self.looked_up.get((name, parent))) is None:
            template = self.looked_up[name, parent] = super().get_template(name, parent)
        return template


@contextlib.contextmanager
def one_pass() -> Iterator[None]:
    """A pass over many pages, within one build: escapes are remembered (remembering_escapes) and
    each template is looked up once (_Environment.get_template). Nothing is kept after it."""
    env = environment()
    assert isinstance(env, _Environment)
    before = env.looked_up
    env.looked_up = {} if before is None else before
    try:
        with remembering_escapes():
            yield
    finally:
        env.looked_up = before


def environment() -> Environment:
    return _environment(_overrides)


def template_folders() -> tuple[Path, ...]:
    """Where templates are found, first match first: templates_dir, then the package's own."""
    return (*_overrides, TEMPLATES)


_overrides: tuple[Path, ...] = ()
_notes_page: str | None = None  # the plugin's notes_page, as a docs-root link target


def use_notes_page(page: str | None) -> None:
    """Link the pages' "The 2017 notes" label to `page` (the plugin's notes_page), or to nothing."""
    global _notes_page
    _notes_page = "/" + page.lstrip("/") if page else None


def use_templates(folder: Path | None) -> None:
    """Search `folder` (the plugin's templates_dir) before the package's own templates."""
    global _overrides
    _overrides = (folder,) if folder is not None else ()


@contextlib.contextmanager
def templates_from(folder: Path | None, notes_page: str | None = None) -> Iterator[None]:
    """use_templates(folder) and use_notes_page(notes_page) until the block ends, then the settings before it."""
    global _overrides, _notes_page
    before = _overrides, _notes_page
    use_templates(folder)
    use_notes_page(notes_page)
    try:
        yield
    finally:
        _overrides, _notes_page = before


_SETTINGS: dict[str, object] = {
    "undefined": StrictUndefined,
    "autoescape": True,  # with _finalize, which escapes for Markdown first
    "finalize": _finalize,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "keep_trailing_newline": True,
}


_COMPILED_WITH = {**_SETTINGS, "code_generator": _PrintFinalized}  # what shapes the compiled code


@cache
def _environment(overrides: tuple[Path, ...]) -> Environment:
    env = _Environment(loader=FileSystemLoader([*overrides, TEMPLATES]),
                       bytecode_cache=compiled_templates(_COMPILED_WITH),
                       **_SETTINGS)  # type: ignore[arg-type]  # each value has its setting's type
    env.filters.update(md=markdown_field, attr=attribute, year=year, footnote=footnote, url=url, code=code,
                       title_of=title_of, ident=ident)
    env.globals.update(link=link, term_anchor=lambda term: Safe(term_anchor(term)), State=State, Group=Group,
                       EventKind=EventKind, STATE_LABELS=LABELS, STATE_MEANINGS=MEANINGS, EVENT_LABELS=EVENT_LABELS,
                       status_of=status_of,
                       entry_by_id=entry_by_id, what_happened=what_happened, SOURCES_MARKER=Safe(SOURCES_MARKER),
                       CITATION_SEPARATOR=Safe(CITATION_SEPARATOR),
                       successor_of=successor_of, use_instead=use_instead, standing=standing, state_mark=state_mark)
    return env


@pass_context
def link(context: Context, item: PageRecord, anchor: str = "") -> Safe:
    """Docs-root-absolute Markdown link target; MkDocs validates it and makes it relative."""
    catalog: Catalog = context["catalog"]
    return Safe("/" + catalog.page_path(item) + (f"#{anchor}" if anchor else ""))


@pass_context
def status_of(context: Context, entry: Entry) -> Status:
    """The entry's state on the build's day (derived from its events by stackguide.lifecycle)."""
    catalog: Catalog = context["catalog"]
    return catalog.status(entry)


@pass_context
def entry_by_id(context: Context, entry_id: str) -> Entry:
    catalog: Catalog = context["catalog"]
    return catalog.entry(entry_id)


@pass_context
def successor_of(context: Context, entry: Entry) -> Entry | None:
    """What to use instead of the entry now (Catalog.successor)."""
    catalog: Catalog = context["catalog"]
    return catalog.successor(entry)


@pass_context
def use_instead(context: Context, entry_id: str) -> Entry | None:
    """The entry AWS named as a successor, or what replaced it since (Catalog.instead_of), if it is
    open to new customers; else None."""
    catalog: Catalog = context["catalog"]
    return catalog.usable(catalog.instead_of(entry_id))


@pass_context
def standing(context: Context, entry: Entry) -> str:
    """Why the entry is not the one to use now (stackguide.lifecycle.standing_words)."""
    catalog: Catalog = context["catalog"]
    return standing_words(catalog.status(entry))


@pass_context
def what_happened(context: Context, event: Event, capital: bool = False) -> str:
    """A lifecycle event in words, as of the build's day (stackguide.lifecycle.event_words)."""
    catalog: Catalog = context["catalog"]
    return event_words(event, catalog.today, capital)


@pass_context
def markdown_field(context: Context, value: Markdown, indent: int = 0, cites: bool = True, lead: bool = False) -> Safe:
    """A Markdown field as safe Markdown; citations become footnote references unless `cites` is off.
    With `lead`, only its first paragraph, for a table cell that holds one (the page has the rest)."""
    catalog: Catalog = context["catalog"]
    if lead:
        first = value.blocks[:1]
        value = replace(value, blocks=first if first and isinstance(first[0], Paragraph)
                        else (Paragraph((Text(value.plain()),)),))

    def entry_link(target: str) -> str:
        return "/" + catalog.page_path(catalog.item(target))
    return Safe(to_markdown(value, link=entry_link, cite=(lambda source: source) if cites else None,
                            fact=lambda ref: fact_text(catalog, ref, context.get("item")),
                            fact_date=lambda ref: catalog.fact(ref.entry, ref.fact).as_of.isoformat(),
                            mark=lambda target: str(state_mark(context, target)), indent=indent))


@pass_context
def state_mark(context: Context, target: str) -> Safe:
    """What follows a link to an entry a reader cannot simply start with (closed, retired, an end
    announced, ...), in prose and in lists of related pages: its badge, so that no page has to say
    so in words. Nothing for an open entry or another kind of page."""
    catalog: Catalog = context["catalog"]
    item = catalog.item(target)
    if not isinstance(item, Entry):
        return Safe("")
    status = catalog.status(item)
    if status.active:
        return Safe("")
    components: Any = context.environment.get_template("components.j2").module  # its macros, as attributes
    return Safe(components.badge(status))


def fact_text(catalog: Catalog, ref: FactReference, page: object) -> str:
    """A fact where prose refers to it: its value (its date is the writer's to add); on another page
    than its entry's, the value links to the entry's key facts, where its source is."""
    fact = catalog.fact(ref.entry, ref.fact)
    value = escape_text(fact.value)
    if page is not catalog.entry(ref.entry):
        value = f"[{value}](/{catalog.page_path(catalog.entry(ref.entry))}#{KEY_FACTS})"
    return value


KEY_FACTS = "key-facts"  # the anchor of an entry page's table of facts


def attribute(value: object) -> Safe:
    """A value inside a double-quoted HTML attribute."""
    return Safe(html.escape(str(value), quote=True))


def year(date: str) -> str:
    return date[:4]


def ident(value: str) -> Safe:
    """An id (lower-case words and hyphens, checked by the loader) where Markdown takes it as it is."""
    if not ID.fullmatch(value):
        raise ValueError(f"{value!r} is not an id")
    return Safe(value)


def footnote(source_id: str) -> Safe:
    """A footnote label for a source id (ids are lower-case words and hyphens, checked by the loader)."""
    return Safe(f"[^{source_id}]")


def url(address: str) -> Safe:
    """An https:// address as a Markdown link target (its characters were checked by the loader)."""
    return Safe(address)


def code(text: str) -> Safe:
    return Safe(code_span(text))


def title_of(item: PageRecord) -> str:
    return item.display_name


def _render(catalog: Catalog, template: str, **context: object) -> str:
    return environment().get_template(template).render(catalog=catalog, notes_page=_notes_page, **context)


# -- generated pages --------------------------------------------------------------------------------

def render_page(catalog: Catalog, item: PageRecord) -> str:
    """The Markdown body of an item's generated page, title first. Every family's template gets
    the page, its family, its onboarding step and its sources; the family's context adds the rest."""
    family = catalog.family(item)
    return in_reading_order(_render(catalog, family.template, item=item, family=family, step=catalog.step_of(item.id),
                                    sources=footnotes(item.sources), review=review_line(item),
                                    **family.context(catalog, item)))


def review_line(item: PageRecord) -> str:
    """When the page was last reviewed, and, where it was later, when its sources were last checked."""
    checked = max(source.checked for source in item.sources)
    if checked > item.reviewed:
        return f"Page last reviewed in full {item.reviewed}; its sources last checked {checked}."
    return f"Last reviewed {item.reviewed}."


@dataclass(frozen=True)
class Footnote:
    source: Source
    site: str
    primary: bool


def footnotes(sources: list[Source]) -> list[Footnote]:
    return [Footnote(source, site_name(source.url), is_primary(source.url)) for source in sources]


# -- components of hand-written pages ---------------------------------------------------------------

# Chips in one layer's box on the home diagram. Today's fullest layer shows 23, so today's home page
# is drawn in full; past it, a box keeps the home page's weight flat as a layer grows, and its
# "+ N more" link opens the layer's page, which lists every entry.
DIAGRAM_CHIP_MAX = 24


@dataclass(frozen=True)
class DiagramBox:
    """One layer's box on the home diagram."""

    layer: Layer
    chips: list[Entry]  # what to use today (or ending), in the layer's order
    more: int  # what to use today that the box leaves to the layer's page
    gone: int  # closed, superseded or retired: one link to the layer's list of them


def diagram_box(catalog: Catalog, layer: Layer, chip_max: int = DIAGRAM_CHIP_MAX) -> DiagramBox:
    """A layer's box: at most `chip_max` chips, the active entries before those ending when some
    must be left out, shown in the layer's own order."""
    entries = catalog.entries_in(layer.id)
    current = [entry for entry in entries if catalog.status(entry).active or catalog.status(entry).ends]
    kept = {entry.id for entry in sorted(current, key=lambda entry: not catalog.status(entry).active)[:chip_max]}
    chips = [entry for entry in current if entry.id in kept]
    return DiagramBox(layer, chips, more=len(current) - len(chips), gone=len(entries) - len(current))


def render_stack_diagram(catalog: Catalog, chip_max: int = DIAGRAM_CHIP_MAX) -> str:
    groups = []
    for group in Group:
        boxes = [diagram_box(catalog, layer, chip_max) for layer in catalog.layers_in(group)]
        if group is Group.STACK:
            boxes.reverse()  # drawn as a stack: the top layer (highest position) first
        groups.append((GROUP_LABELS[group], group.value, boxes))
    successors = {entry.id: catalog.successor(entry) for _, _, boxes in groups for box in boxes for entry in box.chips}
    return _render(catalog, "diagram.md.j2", groups=groups, successors=successors)


def render_catalog_table(catalog: Catalog) -> str:
    # What the text filter matches beyond the visible name and summary (catalog.js reads those
    # from the cells): other names, abbreviations and keywords, lower-cased.
    rows = [(entry, catalog.layer(entry.layer), catalog.family(entry), catalog.successor(entry),
             catalog.status(entry), " ".join(status_tokens(catalog.status(entry))),
             " ".join([*entry.previous_names, *entry.abbreviations, *entry.keywords]).lower())
            for entry in catalog.entries]
    return _render(catalog, "catalog-table.md.j2", rows=rows,
                   status_filters=[*((state.value, LABELS[state]) for state in State), (ENDING, "Ending soon")],
                   layers=nav_layers(catalog))


ENDING = "ending"  # the catalog's status filter value for an end of support within a year


def status_tokens(status: Status) -> list[str]:
    """The catalog's status filter values a row matches: its state (first: the sort key), 'active'
    too for a renamed one (it runs under its new name), and 'ending' if it ends soon."""
    renamed = [State.ACTIVE.value] if status.state is State.RENAMED else []
    return [status.state.value, *renamed, *([ENDING] if status.ending_soon else [])]


def render_changes(catalog: Catalog) -> str:
    changed = catalog.changes()
    order = (State.RETIRED, State.SUPERSEDED, State.MAINTENANCE, State.CLOSED, State.RENAMED)
    groups = [(state, [e for e in changed if catalog.status(e).state is state]) for state in order]
    return _render(catalog, "changes.md.j2", groups=[(s, entries) for s, entries in groups if entries],
                   successors={entry.id: catalog.successor(entry) for entry in changed},
                   timeline=_same_day_together(catalog.timeline()), closing=catalog.closing_soon(),
                   newcomers=catalog.newcomers(), older=catalog.unmentioned_older(), unchanged=catalog.unchanged(),
                   layers={layer.id: layer for layer in catalog.layers})


def _same_day_together(timeline: tuple[tuple[int, tuple[tuple[Entry, Event], ...]], ...]
                       ) -> list[tuple[int, list[tuple[Entry, list[Event], str | None, str | None]]]]:
    """The timeline with an entry's events of one day (and one part) on one line, with the
    successor one of them names (Bedrock Agents closed to new customers and went into
    maintenance on 2026-07-30, pointing to AgentCore) and the name the entry had that day."""
    years = []
    for year, events in timeline:
        lines: list[tuple[Entry, list[Event]]] = []
        for entry, event in events:
            if lines and lines[-1][0] is entry and (lines[-1][1][0].date, lines[-1][1][0].feature) == (
                    event.date, event.feature):
                lines[-1][1].append(event)
            else:
                lines.append((entry, [event]))
        years.append((year, [(entry, same_day, next((e.successor for e in same_day if e.successor), None),
                              name_on(entry, same_day[0])) for entry, same_day in lines]))
    return years


def render_glossary(catalog: Catalog) -> str:
    terms = sorted(catalog.glossary.terms, key=lambda term: term.term.lower())
    entries = {term.entry: catalog.entry(term.entry) for term in terms if term.entry}
    return _render(catalog, "glossary.md.j2", terms=terms, entries=entries)


def render_onboarding(catalog: Catalog) -> str:
    return _render(catalog, "onboarding.md.j2", path=catalog.onboarding_path)


def render_review_queue(catalog: Catalog, today: dt.date | None = None) -> str:
    """Claims and entries due for a check, as of `today` (the build's date)."""
    when = today or catalog.today
    return _render(catalog, "review-queue.md.j2", queue=review_queue(catalog, when), today=when,
                   claim_days=CLAIM_MAX_AGE.days, entry_days=ENTRY_MAX_AGE.days)


def render_watch_findings(catalog: Catalog) -> str:
    """The last watch's findings, oldest first per file, each link re-checked (the report is only a file)."""
    report = catalog.watch
    rows = [(finding, safe_link(finding.link or "")) for finding in report.findings] if report else []
    return _render(catalog, "watch-findings.md.j2", report=report, rows=rows, report_file=REPORT_FILE)


def render_url_scheme(catalog: Catalog) -> str:
    """The public URL contract, straight from the family registry."""
    return _render(catalog, "url-scheme.md.j2", families=FAMILIES, example=next(iter(catalog.entries), None))


def nav_layers(catalog: Catalog) -> list[Layer]:
    """Layers in the order the home diagram draws them: the stack from the top, then the rest."""
    ordered: list[Layer] = []
    for group in Group:
        layers = list(catalog.layers_in(group))
        ordered += reversed(layers) if group is Group.STACK else layers
    return ordered
