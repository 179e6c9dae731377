"""The preview's reuse of theme output: a page whose template context and templates are unchanged
since an earlier rebuild gets that rebuild's HTML again instead of being rendered.

MkDocs renders the template a page's `template` metadata names (main.html by default) with the
page's context, after the on_page_context event. In the preview every page names a small
dispatching template: it extends the page's own template, or, when the plugin has put the page's
earlier HTML in the context, prints that. The key of a page's HTML is a snapshot of its whole final
context (stackguide.fingerprint: the page, the navigation with every page's title, address and
metadata, the config with every plugin's settings, whatever other plugins added), the theme's
Jinja globals and filters by name, and the source of every template rendering has loaded.
A value the snapshot cannot take means the page is rendered.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Any, cast

import jinja2.meta
from jinja2 import BaseLoader, Environment, TemplateNotFound, TemplateSyntaxError
from markupsafe import Markup
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from stackguide.fingerprint import Unstable, nav_snapshot, page_snapshot, snapshot

DISPATCH = "stackguide-preview/page.html"
REUSED, TEMPLATE = "stackguide_reused", "stackguide_template"
# Jinja prints nothing of a template that extends another but what the other prints.
DISPATCH_SOURCE = (f"{{%- if {REUSED} is defined -%}}{{{{ {REUSED} }}}}"
                   f"{{%- else -%}}{{%- extends {TEMPLATE} -%}}{{%- endif -%}}")
DEFAULT_TEMPLATE = "main.html"  # what MkDocs renders for a page that names none
SHARED = ("nav", "config", "pages")  # the same objects for every page of a build


class _Loader(BaseLoader):
    """The theme's loader, which also knows the dispatching template, and notes every source it gives."""

    def __init__(self, theme: BaseLoader, sources: dict[str, str]) -> None:
        self.theme = theme
        self.sources = sources

    def get_source(self, environment: Environment, template: str) -> tuple[str, str | None,
                                                                          Callable[[], bool] | None]:
        if template == DISPATCH:
            return DISPATCH_SOURCE, None, lambda: True
        source, filename, uptodate = self.theme.get_source(environment, template)
        self.sources[template] = source
        return source, filename, uptodate

    def list_templates(self) -> list[str]:
        return self.theme.list_templates()


class ThemeOutputCache:
    def __init__(self) -> None:
        self._outputs: dict[str, tuple[Hashable, str]] = {}  # by page src_uri: the key and the HTML
        self._sources: dict[str, str] = {}  # every template rendering has loaded since the cache began
        self._templates: dict[str, str | None] = {}  # this build's pages' own `template` metadata
        self._shared: dict[str, tuple[object, Hashable]] = {}  # this build's snapshots of SHARED
        self._last_shared: dict[str, Hashable] = {}
        self._environment: Hashable = None
        self._uses_date = True
        self._meta_keys: frozenset[str] | None = None
        self._scanned: dict[str, str] | None = None  # the sources these two were read from
        self._keys: dict[str, Hashable] = {}  # this build's keys of the pages being rendered
        self.reused: set[str] = set()  # this build's pages whose HTML was reused
        self._rendered = 0  # this build's pages the theme rendered

    def new_build(self, env: Environment, pages: Iterable[Page], *, last_to_see_context: bool = True) -> None:
        """Point this build's pages at the dispatching template; forget everything if a template changed.

        Unless the cache sees each page's context after every other plugin, and its output before
        them (`last_to_see_context`), this build reuses nothing.
        """
        assert env.loader is not None
        if not last_to_see_context:
            self._templates, self._keys, self.reused, self._rendered = {}, {}, set(), 0
            return
        if self._changed_templates(env, env.loader):
            self._outputs.clear()
        self._templates = {}
        for page in pages:
            self._templates[page.file.src_uri] = page.meta.get("template")
            page.meta["template"] = DISPATCH
        self._read_templates(env, env.loader, {own or DEFAULT_TEMPLATE for own in self._templates.values()})
        env.loader = _Loader(env.loader, self._sources)
        self._environment = _environment(env)
        # Read from the templates loaded so far: a page reused in this build loads no other.
        if self._sources != self._scanned:
            self._uses_date = any("build_date_utc" in source for source in self._sources.values())
            self._meta_keys = meta_keys(env, self._sources.values())
            self._scanned = dict(self._sources)
        self._outputs = {uri: kept for uri, kept in self._outputs.items() if uri in self._templates}
        self._last_shared |= {name: key for name, (_, key) in self._shared.items()}
        self._shared = {}
        self._keys = {}
        self.reused = set()
        self._rendered = 0

    def restore_template(self, context: TemplateContext, page: Page) -> None:
        """Before other plugins see the page: its own `template` metadata back, and named in the context."""
        uri = page.file.src_uri
        if uri not in self._templates:
            return
        own = self._templates[uri]
        if own is None:
            page.meta.pop("template", None)
        else:
            page.meta["template"] = own
        _extra(context)[TEMPLATE] = own or DEFAULT_TEMPLATE

    def reuse(self, context: TemplateContext, page: Page) -> None:
        """After every other plugin: the page's earlier HTML into the context, if its key is unchanged."""
        uri = page.file.src_uri
        if uri not in self._templates or self._environment is None:
            return
        try:
            key = self._key(context, page)
        except Unstable:
            return
        self._keys[uri] = key
        kept = self._outputs.get(uri)
        if kept is not None and kept[0] == key:
            _extra(context)[REUSED] = Markup(kept[1])
            self.reused.add(uri)

    def rendered(self) -> int:
        """Pages of this build the theme rendered: every one it saw but those it reused."""
        return self._rendered

    def store(self, page: Page, output: str) -> None:
        """The theme's output for the page, before any plugin's on_post_page changes it."""
        uri = page.file.src_uri
        if uri not in self.reused:
            self._rendered += 1
        key = self._keys.pop(uri, None)
        if key is None:
            self._outputs.pop(uri, None)
        elif uri not in self.reused:
            self._outputs[uri] = (key, output)

    def _key(self, context: TemplateContext, page: Page) -> Hashable:
        parts: list[Hashable] = [self._environment]
        for name, value in context.items():
            if name == "page":
                parts.append(page_snapshot(page, self._meta_keys))
            elif name in SHARED:
                parts.append(self._shared_snapshot(name, value))
            elif name != "build_date_utc" or self._uses_date:
                parts.append((name, snapshot(value)))
        return tuple(parts)

    def _shared_snapshot(self, name: str, value: Any) -> Hashable:
        """Taken once per build; the last build's equal snapshot object is kept, so comparing is quick."""
        seen = self._shared.get(name)
        if seen is not None and seen[0] is value:
            return seen[1]
        key = nav_snapshot(value, self._meta_keys) if name == "nav" else snapshot(value)
        if key == self._last_shared.get(name):
            key = self._last_shared[name]
        if seen is None:
            self._shared[name] = (value, key)
        return key

    def _read_templates(self, env: Environment, loader: BaseLoader, names: set[str]) -> None:
        """Note the templates these extend, include and import by name, before the first rendering
        (which would note them too): what the first build stores is then keyed as the next one's is."""
        waiting = [name for name in names if name not in self._sources]
        while waiting:
            name = waiting.pop()
            try:
                self._sources[name] = source = loader.get_source(env, name)[0]
                found = jinja2.meta.find_referenced_templates(env.parse(source))
            except (TemplateNotFound, TemplateSyntaxError):
                continue  # rendering will say so
            waiting += [other for other in found if other is not None and other not in self._sources]

    def _changed_templates(self, env: Environment, loader: BaseLoader) -> bool:
        changed = False
        for name, source in list(self._sources.items()):
            try:
                now = loader.get_source(env, name)[0]
            except TemplateNotFound:
                del self._sources[name]
                changed = True
                continue
            if now != source:
                self._sources[name] = now
                changed = True
        return changed


CONDITION_AFTER = (("name", "and"), ("name", "or"))  # `item.meta and ...`
CONDITION_BEFORE = (("name", "if"), ("name", "elif"))  # `{% if item.meta %}`
BINDS = (("name", "for"), ("name", "set"), ("name", "with"))  # `{% for page in ... %}` and the like
CURRENT = "page"  # the context's name for the page being rendered


def meta_keys(env: Environment, sources: Iterable[str]) -> frozenset[str] | None:
    """The metadata keys the templates read of pages other than the current one, or None when they
    may read any key.

    A template reads `<item>.meta.<key>`, or tests `<item>.meta` as a condition; any other use of
    `.meta` might read every key. What is read through `page` is the current page's, which its own
    snapshot holds whole, unless a template binds `page` to something else.
    """
    keys: set[str] = set()
    for source in sources:
        tokens = [(kind, value) for _, kind, value in env.lex(source) if kind != "whitespace"]
        for at, token in enumerate(tokens):
            if token == ("name", CURRENT) and _binds(tokens, at):
                return None
            if token != ("name", "meta") or at < 3 or tokens[at - 1] != ("operator", "."):
                continue
            if tokens[at - 2] == ("name", CURRENT) and tokens[at - 3] != ("operator", "."):
                continue  # the current page's, in its own snapshot whole
            after = tokens[at + 1:at + 3]
            if len(after) == 2 and after[0] == ("operator", ".") and after[1][0] == "name":
                keys.add(after[1][1])
            elif not ((after and after[0] in CONDITION_AFTER)
                      or (after and after[0][0] == "block_end" and tokens[at - 3] in CONDITION_BEFORE)):
                return None
    return frozenset(keys)


def _binds(tokens: list[tuple[str, str]], at: int) -> bool:
    """Whether the name at `at` is being given a value: after for/set/with, before `=`, or a macro's parameter."""
    if (at and tokens[at - 1] in BINDS) or tokens[at + 1:at + 2] == [("operator", "=")]:
        return True
    start = next((i for i in range(at - 1, -1, -1) if tokens[i][0] in ("block_begin", "block_end")), None)
    return (start is not None and tokens[start][0] == "block_begin"
            and tokens[start + 1:start + 2] == [("name", "macro")])


def _extra(context: TemplateContext) -> dict[str, Any]:
    """The context as a plain dict: TemplateContext types only the names MkDocs itself sets."""
    return cast(dict[str, Any], context)


def _environment(env: Environment) -> Hashable:
    """The theme's Jinja globals, filters and tests (functions by their qualified names); None if unknown."""
    try:
        return snapshot((env.globals, env.filters, env.tests))
    except Unstable:
        return None
