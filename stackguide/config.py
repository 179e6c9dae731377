"""The plugin's settings under `plugins: - stackguide:` in mkdocs.yml, typed and validated by MkDocs."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

NAV_SECTION_MAX = 40


class StackGuideConfig(Config):  # type: ignore[no-untyped-call]  # MkDocs' Config.__init_subclass__ is unannotated
    # Entries in one navigation list before a layer's entries are split by kind and in chunks:
    # Material renders the active section's whole list into every page of it.
    nav_section_max = c.Type(int, default=NAV_SECTION_MAX)
    # Keep the last good site_dir when `mkdocs build` fails; off, MkDocs' own behaviour.
    keep_last_good_site = c.Type(bool, default=True)
