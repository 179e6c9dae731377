"""The project a command-line tool runs in: its mkdocs.yml as MkDocs reads it, and the plugin's
options there, so that `check`, `review`, `watch`, `new-entry`, `schema` and `export` read the data
folder the build reads."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from mkdocs.exceptions import ConfigurationError
from mkdocs.utils.yaml import get_yaml_loader, yaml_load

from stackguide.config import StackGuideConfig
from stackguide.errors import os_error_reason, printable

MKDOCS_YML = "mkdocs.yml"


class ProjectError(Exception):
    """mkdocs.yml cannot be read, or the plugin's options in it are wrong; one line says which."""


def mkdocs_config(root: Path) -> dict[str, Any]:
    """mkdocs.yml as data, read as MkDocs reads it (`!ENV`, INHERIT), but with PyYAML's safe loader."""
    try:
        with (root / MKDOCS_YML).open("rb") as handle:
            config = yaml_load(handle, get_yaml_loader(yaml.SafeLoader))
    except OSError as err:
        raise ProjectError(f"{MKDOCS_YML}: cannot be read: {os_error_reason(err)}") from None
    except (yaml.YAMLError, ConfigurationError) as err:  # MkDocs words a YAML error, with its line
        raise ProjectError(printable(" ".join(str(err).split()))) from None
    if not isinstance(config, dict):
        raise ProjectError(f"{MKDOCS_YML}:1: must hold a mapping of settings")
    return config


def named_settings(value: object) -> list[tuple[str, Any]]:
    """`plugins:` or `markdown_extensions:` as (name, settings) pairs, settings None where none are
    given: MkDocs takes either a list (of names and one-key mappings) or a mapping of names."""
    if isinstance(value, dict):
        return [(str(name), settings) for name, settings in value.items()]
    items: list[Any] = value if isinstance(value, list) else []
    return [(str(name), settings) for item in items
            for name, settings in (item.items() if isinstance(item, dict) and len(item) == 1 else [(item, None)])]


def plugin_options(config: dict[str, Any]) -> StackGuideConfig:
    """The stackguide plugin's options in mkdocs.yml, with their defaults, checked as MkDocs checks them."""
    given: Any = {}
    for name, settings in named_settings(config.get("plugins")):
        if name == "stackguide":
            given = settings or {}
    if not isinstance(given, dict):
        raise ProjectError(f"{MKDOCS_YML}: the stackguide plugin's options are not a mapping")
    options = StackGuideConfig()
    options.load_dict(given)
    errors, _ = options.validate()
    if errors:
        raise ProjectError(f"{MKDOCS_YML}: " + "; ".join(f"stackguide option '{name}': {printable(str(error))}"
                                                        for name, error in errors))
    return options


def project_options(root: Path) -> StackGuideConfig:
    """The plugin's options for the project in `root`; the defaults where there is no mkdocs.yml."""
    if not (root / MKDOCS_YML).exists():
        options = StackGuideConfig()
        options.load_dict({})
        options.validate()
        return options
    return plugin_options(mkdocs_config(root))
