"""The plugin's settings under `plugins: - stackguide:` in mkdocs.yml, typed and validated by MkDocs.

Every option, its default and what it is for (docs/maintainers.md lists them for site owners):

    plugins:
      - stackguide:
          enabled: true              # false: the plugin adds nothing; `generated:` nav items drop out
          data_dir: data             # the data folder, relative to mkdocs.yml
          glossary_page: glossary.md # the docs page glossary terms link to
          notes_page: null           # where the pages' "The 2017 notes" label links (page.md#anchor)
          templates_dir: null        # a folder whose templates replace the package's of the same name
          data_edit_uri: null        # where "edit this page" opens a data file (see below)
          nav_section_max: 40        # entries in one nav list before a layer's list is split (1 or more)
          keep_last_good_site: true  # a failed `mkdocs build` leaves the last good site_dir in place
          content_security_policy: false  # true: each built page may run only the site's own scripts
          cache: true                # keep the data files' parsed values for the next build
          cache_dir: .cache/plugin/stackguide  # where, relative to mkdocs.yml (as Material's plugins do)
"""

from __future__ import annotations

import posixpath
import re
from pathlib import PureWindowsPath
from urllib.parse import urlsplit

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError

NAV_SECTION_MAX = 40


class _Positive(c.Type[int]):
    """A whole number of 1 or more."""

    def __init__(self, default: int) -> None:
        super().__init__(int, default=default)

    def run_validation(self, value: object) -> int:
        number = super().run_validation(value)
        if isinstance(number, bool) or number < 1:
            raise ValidationError(f"must be a whole number of 1 or more, not {value!r}")
        return number


class _EditAddress(c.Type[str]):
    """A path under repo_url, or an http(s) address: every generated page's edit button opens it."""

    def __init__(self) -> None:
        super().__init__(str)

    def run_validation(self, value: object) -> str:
        address = super().run_validation(value)
        if urlsplit(address).scheme not in ("", "http", "https"):
            raise ValidationError(f"must be a path under repo_url or an http(s) address, not {address!r}")
        return address


class _Subfolder(c.Type[str]):
    """A folder under the project, named relative to mkdocs.yml, and not the project's own folder
    (as the data folder, its mkdocs.yml and docs/ would each be an unexpected file)."""

    def __init__(self, what: str, default: str | None = None) -> None:
        super().__init__(str, default=default)
        self.what = what

    def run_validation(self, value: object) -> str:
        folder = super().run_validation(value)
        path = posixpath.normpath(folder.strip().replace("\\", "/") or ".")
        if path == ".":
            raise ValidationError(f"must name {self.what}, relative to mkdocs.yml, not {folder!r}")
        if posixpath.isabs(path) or PureWindowsPath(folder).is_absolute() or path.split("/")[0] == "..":
            raise ValidationError(f"must be a folder inside the project, named relative to mkdocs.yml, not {folder!r}")
        return folder


class _DocsPage(c.Type[str]):
    """A Markdown page inside docs_dir, by its path there (glossary.md, reference/terms.md), or
    with `anchor` a place on one (index.md#the-2017-notes)."""

    def __init__(self, default: str | None = None, *, anchor: bool = False) -> None:
        super().__init__(str, default=default)
        self.anchor = anchor

    def run_validation(self, value: object) -> str:
        link = super().run_validation(value)
        page, hashed, fragment = link.partition("#") if self.anchor else (link, "", "")
        parts = page.replace("\\", "/").strip("/").split("/")
        if not page.endswith(".md") or ".." in parts or "" in parts or "." in parts or (hashed and not fragment):
            example = "'index.md#the-2017-notes'" if self.anchor else "'glossary.md'"
            there = "by its path there, with an anchor on it if any" if self.anchor else "by its path there"
            raise ValidationError(f"must be a Markdown page inside docs_dir, {there} (such as {example}), not {link!r}")
        if _OUTSIDE_LINK.search(link):  # the pages write it into a Markdown link as it is
            raise ValidationError(f"must not hold spaces, brackets, quotes or a second '#' (it is written into "
                                  f"links), not {link!r}")
        return link


_OUTSIDE_LINK = re.compile(r"[\s()<>\[\]\"'`]|#.*#")  # what would end or break a Markdown link's target


class StackGuideConfig(Config):  # type: ignore[no-untyped-call]  # MkDocs' Config.__init_subclass__ is unannotated
    # Off, the plugin adds no page, nav item, export or asset (a quick preview of hand-written pages).
    enabled = c.Type(bool, default=True)
    # The data folder, relative to mkdocs.yml; its layout is the family registry's (stackguide.families).
    data_dir = _Subfolder("the data folder (such as 'data')", default="data")
    # The hand-written page that defines the glossary terms; every page's tooltips link to it.
    glossary_page = _DocsPage(default="glossary.md")
    # Where the generated pages' "The 2017 notes" label links: a hand-written page (and anchor) that
    # says what the notes are. None: the label is plain text.
    notes_page = c.Optional(_DocsPage(anchor=True))
    # A folder of Jinja templates, relative to mkdocs.yml, searched before the package's own: a
    # template of the same name (e.g. entry.md.j2) replaces it.
    templates_dir = c.Optional(_Subfolder("a folder of templates (such as 'templates')"))
    # Where a generated page's "edit" button opens its data file: a URL or a path under repo_url to
    # which the file's path inside the data folder is added (e.g. "edit/main/data/"); "" for none. By
    # default it is found from edit_uri, which MkDocs takes to point at docs_dir.
    data_edit_uri = c.Optional(_EditAddress())
    # Entries in one navigation list before a layer's entries are split by kind and in chunks:
    # Material renders the active section's whole list into every page of it.
    nav_section_max = _Positive(default=NAV_SECTION_MAX)
    # Keep the last good site_dir when `mkdocs build` fails; off, MkDocs' own behaviour.
    keep_last_good_site = c.Type(bool, default=True)
    # `mkdocs build` gives each page a Content-Security-Policy <meta>: only the site's own files and
    # the page's own inline scripts run (stackguide.csp). Off by default: a project that loads a
    # script or font from another site (a CDN) would have it refused. Not in `mkdocs serve`, whose
    # live reload is an inline script of its own.
    content_security_policy = c.Type(bool, default=False)
    # `mkdocs build` keeps the data files' parsed values here, relative to mkdocs.yml, and the next
    # build parses only the files that changed (stackguide.yamlcache); every file is still checked.
    # Material's plugins keep their caches in the same folder (.cache/plugin/<name>). Not inside
    # docs_dir, where MkDocs would publish it, nor in the data folder, which holds only data files.
    cache = c.Type(bool, default=True)
    cache_dir = c.Type(str, default=".cache/plugin/stackguide")
