"""Read one YAML file into plain data, keeping where each value was written; bounded work.

Files are decoded as UTF-8 and their characters checked first, so every problem has its real
line. Then one pass over LibYAML's events checks the file and builds its data. Anchors, aliases,
tags and merge keys (<<) are refused: a data file says everything in plain values, and an alias
cannot multiply the work (a nine-level alias bomb would otherwise take minutes). A file's size is
asked before it is read, and every check is linear in its length. PyYAML's node tree, which knows
each value's line, is composed only when a line is asked for (a problem to report, or a line the
review queue shows), and only after the pass found the file's nesting shallow (LibYAML's composer
recurses in C: 100,000 nested brackets would crash the interpreter).
"""

from __future__ import annotations

import bisect
import functools
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from stackguide.charpolicy import FILE_EXTRA, refusal, refused_set
from stackguide.errors import Problems, os_error_reason

MAX_BYTES = 1_000_000
MERGE_TAG = "tag:yaml.org,2002:merge"  # what PyYAML's resolver makes of a plain << key
INT_TAG = "tag:yaml.org,2002:int"
STR_TAG = "tag:yaml.org,2002:str"
MAP_TAG = "tag:yaml.org,2002:map"
SEQ_TAG = "tag:yaml.org,2002:seq"
_KINDS = {"int": "a number", "float": "a number", "bool": "true or false", "null": "an empty value"}
MAX_DIGITS = 20
MAX_DEPTH = 12  # nesting of mappings and lists; the deepest data today is 6
# Keys, scalars, lists and mappings in one file; the most today is 277 (the glossary). Building
# PyYAML's node tree costs about 8 microseconds a value: the limit keeps any file well under 1 s.
MAX_VALUES = 5_000

# LibYAML's C parser (shipped in PyYAML's wheels) is many times faster and keeps the same marks.
if TYPE_CHECKING:
    from stackguide.yamlcache import ParsedFiles

    _Base = yaml.SafeLoader
else:
    _Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _TextLoader(_Base):
    """Safe loader that leaves dates as text, so the model alone decides what a date is."""


_START = yaml.Mark("", 0, 0, 0, None, 0)


_TextLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


_BLOCK_MARKER = re.compile(r"#{1,6}|[-*+>]|\d{1,9}[.)]")  # what starts a heading, list item or quote


@dataclass(frozen=True)
class Document:
    """A parsed file: its text, its data, and (built when a line is first asked for) the node tree
    that knows where each value was written.

    Finding a value's line is constant work per step of its location (each mapping's keys are
    indexed on first use), so reporting many problems in one file stays linear in the file.
    """

    path: str
    text: str
    data: Any
    _keys: dict[int, dict[str, yaml.Node]] = field(default_factory=dict, compare=False, repr=False)
    _line_starts: list[int] = field(default_factory=list, compare=False, repr=False)

    @functools.cached_property
    def root(self) -> yaml.Node:
        """The node tree: composed again from the text, only for a file with something to report
        (its text passed the scan, so this is bounded work)."""
        root: yaml.Node | None = yaml.compose(self.text, Loader=_TextLoader)
        return root if root is not None else yaml.ScalarNode(STR_TAG, "", _START, _START)

    def node_at(self, loc: Sequence[str | int]) -> yaml.Node:
        """The node of the value at `loc`, or of the nearest enclosing value that exists."""
        node = self.root
        for part in loc:
            child = self._child(node, part)
            if child is None:
                break
            node = child
        return node

    def reading(self, loc: Sequence[str | int]) -> str | None:
        """What YAML made of the plain value at `loc` when it reads as no text ('yes' as true, 0x1F
        as a number), in words; None for any other value."""
        node = self.node_at(loc)
        kind = node.tag.rsplit(":", 1)[-1]
        if not isinstance(node, yaml.ScalarNode) or node.style or kind not in ("bool", "int", "float"):
            return None
        return f"YAML reads {node.value} as {_KINDS[kind]}, not text; quote it ('{node.value}') if you mean the text"

    def line_of(self, loc: Sequence[str | int], snippet: str = "") -> int:
        """Line (1-based) of the value at `loc`; with a snippet, the line within it where it occurs (a
        block marker where a line starts with it; with a final line break, where it stands alone)."""
        node = self.node_at(loc)
        line = node.start_mark.line + 1
        if snippet:
            start, end = node.start_mark.index, max(node.end_mark.index, node.start_mark.index + 1)
            if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):  # past the '|-' or '>' line
                start = self.text.find("\n", start, end) + 1 or start
            marker = snippet.removesuffix("\n")
            if _BLOCK_MARKER.fullmatch(marker):  # a heading, list or quote marker: where a line starts with it
                after = r"[ \t]*$" if snippet.endswith("\n") else r"(?:[ \t]|$)"  # "-\n": the marker alone
                at = re.compile(r"(?m)^[ \t]*(" + re.escape(marker) + ")" + after).search(self.text, start, end)
                found = at.start(1) if at else self.text.find(marker, start, end)
            else:
                found = self.text.find(snippet, start, end)
            if found >= 0:
                if not self._line_starts:
                    self._line_starts.extend(match.end() for match in re.finditer("\n", self.text))
                line = bisect.bisect_right(self._line_starts, found) + 1
        return line

    def lines(self) -> dict[tuple[str | int, ...], int]:
        """The line of every value, by its location: what line_of gives for each location that exists."""
        found: dict[tuple[str | int, ...], int] = {(): self.root.start_mark.line + 1}
        pending: list[tuple[tuple[str | int, ...], yaml.Node]] = [((), self.root)]
        while pending:
            loc, node = pending.pop()
            parts: list[str | int] = []
            if isinstance(node, yaml.MappingNode):
                parts = [key.value for key, _ in node.value if isinstance(key, yaml.ScalarNode)]
            elif isinstance(node, yaml.SequenceNode):
                parts = list(range(len(node.value)))
            for part in parts:
                target = self._child(node, part)
                if target is not None and (*loc, part) not in found:
                    found[(*loc, part)] = target.start_mark.line + 1
                    pending.append(((*loc, part), target))
        return found

    def _child(self, node: yaml.Node, part: str | int) -> yaml.Node | None:
        if isinstance(node, yaml.MappingNode):
            index = self._keys.get(id(node))
            if index is None:
                index = {}
                for key, value in reversed(node.value):  # the first of two equal keys wins, as reported
                    if isinstance(key, yaml.ScalarNode):
                        # The key's own line reads best for an unknown key or an empty value.
                        index[key.value] = value if not isinstance(value, yaml.ScalarNode) or value.value else key
                self._keys[id(node)] = index
            return index.get(str(part)) if isinstance(part, str) else None
        if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            item: yaml.Node = node.value[part]
            return item
        return None


def read_bounded(file: Path, rel: str, problems: Problems) -> bytes | None:
    """A data file's bytes, if it holds at most MAX_BYTES: the open file's size is asked first, and
    no more than the limit is ever read, even from a file that grows meanwhile. Plain system calls:
    Python's buffered reader would set aside the whole limit for every file."""
    try:
        handle = os.open(file, os.O_RDONLY | getattr(os, "O_BINARY", 0))  # Windows would translate line ends
        try:
            size = os.fstat(handle).st_size
            if size > MAX_BYTES:
                problems.add(rel, 1, _too_big(size))
                return None
            parts: list[bytes] = []
            read = 0
            while read <= MAX_BYTES:  # a regular file: its bytes, then the end (a read may give fewer)
                wanted = size + 1 - read if read <= size else 65_536  # what its size says, then what it grew by
                part = os.read(handle, min(MAX_BYTES + 1 - read, wanted))
                if not part:
                    break
                parts.append(part)
                read += len(part)
        finally:
            os.close(handle)
    except OSError as err:
        problems.add(rel, 1, f"this file cannot be read: {os_error_reason(err)}")
        return None
    return b"".join(parts)


def _too_big(size: int) -> str:
    return f"the file is {size:,} bytes; a data file may hold at most {MAX_BYTES:,}"


def read_document(path: str, raw: bytes, problems: Problems, parsed: ParsedFiles | None = None) -> Document | None:
    """Decode and parse one file's bytes; record what stops it and return None, or the document.

    One pass over the parser's events checks the file and builds its data. A file that pass
    cannot take as it is (a key problem, a value the constructor refuses, a second document, no
    mapping at the top) is composed and checked again the slow way, which names what is wrong.
    `parsed` gives what an earlier build's pass made of the same bytes, and keeps this one's.
    """
    text = _decode(path, raw, problems)
    if text is None:
        return None
    if bad := refused_set(text, FILE_EXTRA):
        _report_characters(path, text, bad, problems)
        return None
    found: list[tuple[int, str]] = []
    data = parsed.values(raw) if parsed is not None else None  # a pass over these bytes found nothing before
    if data is None:
        try:
            data = _read_events(text, found)
        except yaml.YAMLError as err:
            data = None
            found.append(_syntax_error(err, text))
        if parsed is not None and not found and type(data) is dict:
            parsed.keep(raw, data)
    if not found and _glued_comment(text) >= 0:  # a cheap test first: most files have no such '#'
        found += _trailing_comments(text)
    for line, problem in found:
        problems.add(path, line, problem)
    if found:
        return None
    return Document(path, text, data) if data is not _IRREGULAR else _read_slowly(path, text, problems)


_GLUED_HASH = re.compile(r"#[^\s#]")  # a '#' glued to what follows it


def _glued_comment(text: str) -> int:
    """Where the first '#' glued to a word after a space or tab (' #1') is, or -1. Found from the
    '#': a pattern that starts with a literal is found by a fast search, where one that starts
    with [ \t] is tried at every position (ten times slower over a file)."""
    for match in _GLUED_HASH.finditer(text):
        if match.start() and text[match.start() - 1] in " \t":
            return match.start()
    return -1


def _trailing_comments(text: str) -> list[tuple[int, str]]:
    """A '#' glued to a word after a value on its line ('#122527', '#1'): YAML reads it as a
    comment and drops the rest of the line, so a title such as 'Remove caffe2/ (pull request
    #122527)' silently lost its end. A comment written as one ('  # a note') is fine."""
    ends: dict[int, int] = {}  # line -> column where the last value on it ends (not '|' or '>' text)
    for token in yaml.scan(text, Loader=_TextLoader):
        if isinstance(token, yaml.ScalarToken) and token.style not in ("|", ">"):
            ends[token.end_mark.line] = token.end_mark.column
    found = []
    for number, line in enumerate(text.split("\n")):
        glued = _glued_comment(line)
        end = ends.get(number)
        if glued >= 0 and end is not None and glued >= end:  # after the value that ends on this line
            found.append((number + 1, "a ' #' after a value starts a YAML comment, and the rest of the line is "
                                      "dropped: quote the value ('...') if the # belongs to it, or put the "
                                      "comment on a line of its own"))
    return found


def _syntax_error(err: Exception, text: str, kind: str = "YAML syntax error") -> tuple[int, str]:
    """The parser's problem at its mark, on the file's last line at most: at the end of a file
    without a final line break, LibYAML marks the line after it, which no editor shows."""
    mark = getattr(err, "problem_mark", None)
    line = min(mark.line + 1, line_count(text)) if mark else 1
    return line, f"{kind}: {getattr(err, 'problem', None) or err}"


def line_count(text: str) -> int:
    """The file's lines as YAML counts them: a line break is LF, CR LF or a lone CR (the others,
    NEL and the Unicode separators, are refused characters)."""
    return text.count("\n") + text.count("\r") - text.count("\r\n") + 1


def _read_slowly(path: str, text: str, problems: Problems) -> Document | None:
    """Compose the node tree and check it: the problem the one pass saw, with its message."""
    try:
        root = yaml.compose(text, Loader=_TextLoader)
    except yaml.YAMLError as err:
        problems.add(path, *_syntax_error(err, text))
        return None
    if root is None:
        problems.add(path, 1, "the file is empty; it must hold a YAML mapping (key: value)")
        return None
    if not isinstance(root, yaml.MappingNode):
        problems.add(path, root.start_mark.line + 1, "the file must hold a YAML mapping (key: value)")
        return None
    before = len(problems)
    _check_keys(path, root, problems)
    if len(problems) > before:
        return None
    try:
        data = _construct(root, _TextLoader(""))
    except (yaml.YAMLError, ValueError) as err:  # ValueError: a value the constructor cannot make
        problems.add(path, *_syntax_error(err, text, "YAML error"))
        return None
    return Document(path, text, data)


def value_lines(text: str) -> dict[tuple[str | int, ...], int]:
    """The line of every value of a file that read_document accepted (parsed again: the line map
    of a few files is asked for, so no file's tree is kept)."""
    return Document("", text, None).lines()


def _construct(node: yaml.Node, loader: _TextLoader) -> Any:
    """The node's plain value, as PyYAML's safe constructor makes it, in a fraction of its time.

    Texts, lists and mappings (nearly every value here) are built directly; any other value goes
    through PyYAML's own constructor. Keys were checked to be plain text, each once, and the scan
    refused aliases, tags and merge keys, so nothing else can change what a node means.
    """
    if isinstance(node, yaml.ScalarNode):
        return node.value if node.tag == STR_TAG else loader.construct_document(node)
    if isinstance(node, yaml.SequenceNode) and node.tag == SEQ_TAG:
        return [_construct(item, loader) for item in node.value]
    if isinstance(node, yaml.MappingNode) and node.tag == MAP_TAG:
        return {key.value: _construct(value, loader) for key, value in node.value}
    return loader.construct_document(node)


def _decode(path: str, raw: bytes, problems: Problems) -> str | None:
    if len(raw) > MAX_BYTES:
        problems.add(path, 1, _too_big(len(raw)))
        return None
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as err:
        line = line_count(raw[:err.start].decode("ascii", "replace"))
        problems.add(path, line, f"byte 0x{raw[err.start]:02x} is not UTF-8 text; save the file as UTF-8")
        return None
    # Every line break as LF, so that every line number agrees with the parser's: YAML also ends a
    # line at CR LF or at a lone CR, and reads the values the same.
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _report_characters(path: str, text: str, refused: set[str], problems: Problems) -> None:
    """The first refused character of each line that has one (linear; stops when no more are shown)."""
    for number, line in enumerate(text.split("\n"), start=1):
        if not refused.isdisjoint(line):
            if not problems.has_room(path):
                return
            problems.add(path, number, refusal(next(char for char in line if char in refused)))


_IRREGULAR: Any = object()  # what _read_events gives for a file to read the slow way
_NO_KEY: Any = object()  # an open mapping waits for a key, not a value
_RESOLVED = set(_TextLoader.yaml_implicit_resolvers)  # first characters of plain values that may not be text
_PLAIN_TAGS: dict[str, str] = {}  # a plain value's tag, by the value: keys and dates recur in every file


def _plain_tag(value: str, loader: _TextLoader) -> str:
    tag = _PLAIN_TAGS.get(value)
    if tag is None:
        tag = loader.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
        if len(_PLAIN_TAGS) < 10_000 and len(value) < 100:
            _PLAIN_TAGS[value] = tag
    return tag


def _read_events(text: str, found: list[tuple[int, str]]) -> Any:
    """Stream the parser's events once: append what is refused to `found`, and build the data as
    PyYAML's safe loader would (or give _IRREGULAR). Linear work; it stops at too many values or
    too deep a nesting, so no alias, depth or size can multiply it."""
    depth = values = documents = 0
    building = True  # until a refusal or an irregular value: then only the checks go on
    root: Any = _IRREGULAR
    top: Any = None  # the innermost open mapping or list
    key: Any = _NO_KEY  # the key of top's value to come
    outer: list[tuple[Any, Any]] = []  # the containers around top, with their keys
    parser = _TextLoader(text)
    get_event = parser.get_event
    try:
        while True:
            event = get_event()  # type: ignore[no-untyped-call]  # untyped in types-PyYAML
            kind = type(event)
            if kind is _SCALAR or kind is _MAPPING or kind is _SEQUENCE:
                values += 1
                if values > MAX_VALUES:
                    found.append((_line(event), f"the file holds more than {MAX_VALUES:,} values (keys, texts and "
                                  "lists); a data file describes one thing: split it or shorten it"))
                    return _IRREGULAR
                if event.anchor:
                    found.append((_line(event), f"YAML anchors (&{event.anchor}) are not allowed; write each value "
                                  "out in full"))
                    building = False
                if event.tag:
                    found.append((_line(event), f"YAML tags ({event.tag}) are not allowed; write a plain value"))
                    building = False
                if kind is _SCALAR:
                    if not building:
                        continue
                    value: Any = event.value
                    if event.implicit[0] and value[:1] in _RESOLVED:  # a plain value that may be a number, ...
                        tag = _plain_tag(value, parser)
                        if tag != STR_TAG:
                            # Not text: a key (reported the slow way), a number too long, or made
                            # by PyYAML's constructor.
                            too_long = tag == INT_TAG and len(value) > MAX_DIGITS
                            as_key = key is _NO_KEY and type(top) is dict
                            value = _IRREGULAR if too_long or as_key else _constructed(parser, event, tag)
                            if value is _IRREGULAR:
                                building = False
                                continue
                else:
                    depth += 1
                    if depth > MAX_DEPTH:
                        found.append((_line(event), f"values are nested more than {MAX_DEPTH} levels deep"))
                        return _IRREGULAR
                    if not building:
                        continue
                    value = {} if kind is _MAPPING else []
                if type(top) is dict:
                    if key is not _NO_KEY:
                        top[key] = value
                        key = _NO_KEY
                    elif type(value) is str and value not in top:  # a key, given once
                        key = value
                    else:
                        building = False
                        continue
                elif top is not None:
                    top.append(value)
                else:
                    root = value
                if kind is not _SCALAR:
                    outer.append((top, key))
                    top, key = value, _NO_KEY
            elif kind is _MAPPING_END or kind is _SEQUENCE_END:
                depth -= 1
                if building:
                    top, key = outer.pop()
            elif kind is yaml.AliasEvent:
                found.append((_line(event), f"YAML aliases (*{event.anchor}) are not allowed; write the value out "
                              "in full"))
                building = False
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                building = building and documents == 1
            elif kind is yaml.StreamEndEvent:
                return root if building and type(root) is dict else _IRREGULAR
    finally:
        parser.dispose()


_SCALAR, _MAPPING, _SEQUENCE = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
_MAPPING_END, _SEQUENCE_END = yaml.MappingEndEvent, yaml.SequenceEndEvent


def _constructed(loader: _TextLoader, event: yaml.ScalarEvent, tag: str) -> Any:
    """A plain value that is not text (a number, true or false, empty), made by PyYAML's constructor;
    _IRREGULAR if it refuses it."""
    node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)  # type: ignore[arg-type]
    try:
        return loader.construct_document(node)
    except (yaml.YAMLError, ValueError):
        return _IRREGULAR


def _line(event: yaml.Event) -> int:
    return event.start_mark.line + 1 if event.start_mark else 1


def _check_keys(path: str, node: yaml.Node, problems: Problems) -> None:
    """Keys are plain text, and each once: PyYAML would silently keep the last of two equal keys."""
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            line = key.start_mark.line + 1
            if not isinstance(key, yaml.ScalarNode):
                problems.add(path, line, "a key must be a plain word, not a list or mapping")
            elif key.tag == MERGE_TAG:
                problems.add(path, line, "YAML merge keys (<<) are not allowed: they copy keys in from elsewhere "
                             "and can hide a duplicate; write each key out in full")
            elif key.tag != STR_TAG:
                kind = _KINDS.get(key.tag.rsplit(":", 1)[-1], "value that is not text")
                problems.add(path, line, f"the key '{key.value}' reads as {kind}, not a word; quote it if you "
                             "mean the text")
            elif key.value in seen:
                problems.add(path, line, f"duplicate key '{key.value}' (first set on line {seen[key.value]})")
            else:
                seen[key.value] = line
                _check_scalar(path, key, problems)
            _check_keys(path, value, problems)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _check_keys(path, item, problems)
    else:
        _check_scalar(path, node, problems)


def _check_scalar(path: str, node: yaml.Node, problems: Problems) -> None:
    # Python refuses to read an integer of more than 4,300 digits (and would take quadratic time).
    if node.tag == INT_TAG and len(node.value) > MAX_DIGITS:
        problems.add(path, node.start_mark.line + 1, f"a number with {len(node.value):,} digits; numbers here have "
                     f"at most {MAX_DIGITS} (quote it if it is text)")
