"""Read one YAML file into plain data while keeping each value's line number."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from stackguide.errors import Problem

# LibYAML's C parser (shipped in PyYAML's wheels) is many times faster and keeps the same marks.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """Safe loader that leaves dates as text, so the model alone decides what a date is."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Document:
    """A parsed file: its data and the node tree that knows where each value was written."""

    path: str
    data: Any
    root: yaml.Node

    def line_of(self, loc: Sequence[str | int]) -> int:
        """Line (1-based) of the value at `loc`, or of the nearest enclosing value that exists."""
        node = self.root
        for part in loc:
            child = _child(node, part)
            if child is None:
                break
            node = child
        return node.start_mark.line + 1


def _child(node: yaml.Node, part: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == part:
                # The key's own line reads best for an unknown or misplaced key.
                return value if not isinstance(value, yaml.ScalarNode) or value.value else key
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
        return node.value[part]
    return None


def parse(path: str, text: str) -> tuple[Document | None, list[Problem]]:
    """Parse `text`; return the document, or the problems that stopped it."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        reason = getattr(err, "problem", None) or str(err)
        return None, [Problem(path, line, f"YAML syntax error: {reason}")]
    if root is None:
        return None, [Problem(path, 1, "the file is empty; it must hold a YAML mapping")]
    problems = list(_duplicate_keys(path, root))
    if problems:
        return None, problems
    if not isinstance(root, yaml.MappingNode):
        return None, [Problem(path, root.start_mark.line + 1, "the file must hold a YAML mapping (key: value)")]
    try:
        data = _Loader("").construct_document(root)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        return None, [Problem(path, mark.line + 1 if mark else 1, f"YAML error: {err}")]
    return Document(path, data, root), []


def _duplicate_keys(path: str, node: yaml.Node):
    """PyYAML silently keeps the last of two equal keys; we refuse both."""
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            line = key.start_mark.line + 1
            if isinstance(key, yaml.ScalarNode) and key.value in seen:
                yield Problem(path, line, f"duplicate key '{key.value}' (first set on line {seen[key.value]})")
            elif isinstance(key, yaml.ScalarNode):
                seen[key.value] = line
            yield from _duplicate_keys(path, value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _duplicate_keys(path, item)
