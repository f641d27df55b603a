"""Safe YAML reading that remembers where every value came from.

Trainers write scenarios by hand, so every error must point at a line. PyYAML's
composer gives nodes with marks; we build plain Python values from those nodes
ourselves instead of letting a constructor do it, which buys three things at once:

* no tags that build objects (any explicit tag is refused),
* no alias bombs (anchors and aliases are refused outright),
* every scalar stays the string the trainer typed, so "0142", "555-0142" and "007" are
  never turned into numbers; pydantic converts to int/float/bool where a field asks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

MAX_BYTES = 256 * 1024
MAX_DEPTH = 40
_NULLS = {"", "~", "null", "Null", "NULL"}

Path = tuple[str | int, ...]


@dataclass
class YamlProblem:
    """One problem found while reading the YAML itself (before any model check)."""

    line: int
    message: str


@dataclass
class LineMap:
    """Where each value (by path) and each mapping key starts, 1-based lines."""

    values: dict[Path, int] = field(default_factory=dict)

    def line_for(self, path: Path) -> int:
        """The line of `path`, or of its nearest ancestor that has one."""
        p = tuple(path)
        while p:
            if p in self.values:
                return self.values[p]
            p = p[:-1]
        return self.values.get((), 1)


class FileTooLarge(ValueError):
    """A file over the size cap, refused from its size alone (nothing was read)."""


def read_file_limited(path: Any, limit: int = MAX_BYTES) -> bytes:
    """The bytes of `path`, refused before reading when it is over `limit`.

    The size is checked on the file itself first, and at most `limit + 1` bytes are ever
    read (a file that grows, or a device with no size, cannot make us read more).
    Raises OSError for unreadable files and FileTooLarge for big ones.
    """
    import os

    size = os.stat(path).st_size
    if size > limit:
        raise FileTooLarge(f"file is larger than {limit // 1024} KiB ({size} bytes)")
    with open(path, "rb") as f:
        data = f.read(limit + 1)
    if len(data) > limit:
        raise FileTooLarge(f"file is larger than {limit // 1024} KiB")
    return data


_DEPTH_TOKENS = re.compile(r"[\[\]{}\"'#\n\\]")
_OPENS_SCALAR = set("[{,:-?")


def _opens_scalar(text: str, i: int) -> bool:
    """A quote at `i` starts a quoted scalar (not an apostrophe inside "don't")."""
    j = i - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    return j < 0 or text[j] == "\n" or text[j] in _OPENS_SCALAR


def nesting_depth_exceeds(text: str, limit: int = MAX_DEPTH) -> int | None:
    """The 1-based line where nesting first goes past `limit`, or None. A cheap scan
    before parsing: PyYAML takes minutes on 100k nested flow sequences ("[[[[...").

    Counts flow brackets outside quoted scalars and comments, then block indentation
    levels and "- - -" sequences on one line. The limit is far above what a
    hand-written file needs, so a little over-counting refuses nothing real.
    """
    flow = 0
    line = 1
    quote = ""
    pos = 0
    while (m := _DEPTH_TOKENS.search(text, pos)) is not None:
        tok, i = m.group(), m.start()
        pos = m.end()
        if tok == "\n":
            line += 1
        elif quote:
            if tok == "\\" and quote == '"':
                pos += 1  # an escaped character inside "..."
            elif tok == quote:
                quote = ""
        elif tok in "'\"":
            if _opens_scalar(text, i):
                quote = tok
        elif tok == "#":
            if i == 0 or text[i - 1] in " \t\n":
                nl = text.find("\n", pos)
                pos = len(text) if nl < 0 else nl
        elif tok in "[{":
            flow += 1
            if flow > limit:
                return line
        elif tok in "]}":
            flow = max(0, flow - 1)
    return _block_depth(text, limit)


_DASHES = re.compile(r"(?:-\s+)+")


def _block_depth(text: str, limit: int) -> int | None:
    """Indentation levels (a stack of indents) plus leading "- " on each line."""
    stack: list[int] = []
    for n, row in enumerate(text.split("\n"), start=1):
        stripped = row.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(row) - len(stripped)
        while stack and stack[-1] >= indent:
            stack.pop()
        stack.append(indent)
        dashes = _DASHES.match(stripped)
        extra = dashes.group().count("-") if dashes else 0
        if len(stack) + extra > limit:
            return n
    return None


@dataclass
class _Frame:
    """A mapping or sequence being built."""

    container: Any
    path: Path
    start: int  # line where it opened
    skip: bool  # built only to be dropped (a key that is not a word, a duplicate's value)
    as_key: bool = False  # this collection stands where a mapping key should be
    key: Any = None  # the pending key (mappings); _NO_KEY when the next value is a key
    key_line: int = 0


_NO_KEY = object()
_BAD_KEY = object()


class _Builder:
    """Plain values from PyYAML's event stream, in one pass, refusing what is unsafe."""

    def __init__(self) -> None:
        self.lines = LineMap()
        self.problems: list[YamlProblem] = []
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.has_root = False
        self.documents = 0
        self.done = False

    def _problem(self, line: int, message: str) -> None:
        self.problems.append(YamlProblem(line, message))

    def _check_node(self, event: Any, line: int) -> None:
        if event.anchor:
            self._problem(line, f"anchor &{event.anchor} is not allowed (write the value out)")
        tag = getattr(event, "tag", None)
        if tag and tag != "!":
            implicit = getattr(event, "implicit", (True, True))
            explicit = not (implicit[0] if isinstance(implicit, tuple) else implicit)
            if explicit or isinstance(event, yaml.CollectionStartEvent):
                self._problem(line, f"YAML tag {tag} is not allowed")

    def _add(self, value: Any, line: int, is_scalar: bool) -> None:
        if not self.stack:
            self.root, self.has_root = value, True
            self.lines.values[()] = line
            return
        top = self.stack[-1]
        if top.skip:
            if isinstance(top.container, dict):  # keep key/value alternation in step
                top.key = _BAD_KEY if top.key is _NO_KEY else _NO_KEY
            return
        if isinstance(top.container, list):
            self.lines.values[(*top.path, len(top.container))] = line
            top.container.append(value)
            return
        if top.key is _NO_KEY:  # this value is a key
            if not is_scalar:
                self._problem(line, "a key must be a plain word")
                top.key = _BAD_KEY
            elif value in top.container:
                self._problem(line, f"key '{value}' appears twice")
                top.key = _BAD_KEY
            else:
                top.key = value
            top.key_line = line
            return
        if top.key is not _BAD_KEY:
            top.container[top.key] = value
            self.lines.values[(*top.path, top.key)] = top.key_line
        top.key = _NO_KEY

    def _open(self, event: Any, line: int) -> None:
        container: Any = [] if isinstance(event, yaml.SequenceStartEvent) else {}
        if not self.stack:
            self.stack.append(_Frame(container, (), line, False, key=_NO_KEY))
            return
        top = self.stack[-1]
        as_key = isinstance(top.container, dict) and top.key is _NO_KEY and not top.skip
        if top.skip or as_key or (isinstance(top.container, dict) and top.key is _BAD_KEY):
            path: Path = top.path
            skip = True
        elif isinstance(top.container, list):
            path, skip = (*top.path, len(top.container)), False
        else:
            path, skip = (*top.path, top.key), False
        self.stack.append(_Frame(container, path, line, skip, as_key, key=_NO_KEY))

    def feed(self, event: Any) -> None:
        line = event.start_mark.line + 1
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents == 2:
                self._problem(line, "more than one YAML document (expected one)")
                self.done = True
            return
        if self.done or isinstance(event, (yaml.StreamStartEvent, yaml.StreamEndEvent,
                                           yaml.DocumentEndEvent)):
            return
        if isinstance(event, yaml.AliasEvent):
            self._problem(line, f"alias *{event.anchor} is not allowed (write the value out)")
            self._add(None, line, True)
        elif isinstance(event, yaml.ScalarEvent):
            self._check_node(event, line)
            plain = event.style is None
            self._add(None if plain and event.value in _NULLS else event.value, line, True)
        elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            self._check_node(event, line)
            if len(self.stack) >= MAX_DEPTH:
                self._problem(line, "nested too deeply")
                self.done = True
                return
            self._open(event, line)
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            frame = self.stack.pop()
            if frame.as_key:
                self._add(frame.container, frame.start, False)  # reported, then dropped
            elif frame.skip and self.stack:
                parent = self.stack[-1]
                if isinstance(parent.container, dict):
                    parent.key = _NO_KEY  # the dropped value of a refused key
                elif not parent.skip:
                    self._add(frame.container, frame.start, False)
            else:
                self._add(frame.container, frame.start, False)


def _open_quote_line(rows: list[str], upto: int) -> int | None:
    """The first line (1-based, at most `upto`) where a quote opens and is not closed
    on the same line: the parser only notices lines later, where it ends up confused."""
    for n, row in enumerate(rows[:upto], start=1):
        body = row.split(" #", 1)[0] if not row.lstrip().startswith("#") else ""
        value = body.split(":", 1)[1] if ":" in body and not body.lstrip().startswith(
            ("-", '"', "'")) else body.lstrip().removeprefix("-")
        value = value.strip()
        for quote in ('"', "'"):
            if value.startswith(quote):
                inner = value[1:].replace("\\" + quote, "") if quote == '"' else (
                    value[1:].replace("''", ""))
                if quote not in inner:
                    return n
    return None


def plain_yaml_error(exc: yaml.MarkedYAMLError, text: str) -> YamlProblem:
    """PyYAML's complaint in plain words, with the fix, at the line of the real fault.

    The parser speaks of tokens ("expected <block end>, but found '<block mapping
    start>'") and, for a quote left open, points one or more lines past it.
    """
    rows = text.splitlines()
    problem = str(exc.problem or exc)
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    opened = exc.context_mark.line + 1 if exc.context_mark else line
    row = rows[line - 1] if 0 < line <= len(rows) else ""
    if "'\\t'" in problem or "\t" in row[: len(row) - len(row.lstrip())]:
        return YamlProblem(line, "a tab: use spaces to indent (YAML does not allow tabs)")
    if "scanning a quoted scalar" in str(exc.context or ""):
        return YamlProblem(opened, f"a quote opened on line {opened} is not closed: add the "
                                   "closing quote at the end of the value")
    quote = _open_quote_line(rows, line)
    if quote is not None:
        return YamlProblem(quote, f"a quote opened on line {quote} is not closed: add the "
                                  "closing quote at the end of the value")
    if "expected ',' or ']'" in problem:
        return YamlProblem(opened, f"the list opened with '[' on line {opened} is not closed: "
                                   "add ']' at the end")
    if "expected ',' or '}'" in problem:
        return YamlProblem(opened, f"the mapping opened with '{{' on line {opened} is not "
                                   "closed: add '}' at the end")
    if "mapping values are not allowed" in problem:
        value = row.partition(":")[2]
        if ": " in value or value.rstrip().endswith(":"):
            return YamlProblem(line, "a colon inside a value: put the value in quotes, e.g. "
                                     'title: "Angry: two pizzas late"')
        return YamlProblem(line, "indentation does not line up with the line above: indent "
                                 "this key like the other keys of its block (spaces only)")
    if "could not find expected ':'" in problem and exc.context_mark:
        line, row = opened, rows[opened - 1] if 0 < opened <= len(rows) else ""
    if "expected <block end>" in problem or "could not find expected ':'" in problem:
        if row.strip() and ":" not in row and not row.lstrip().startswith("-"):
            return YamlProblem(line, "a line with no 'key: value' (or a '- ' list item): "
                                     "add the key and a colon, or join it to the line above")
        return YamlProblem(line, "indentation does not line up with the line above: indent "
                                 "this line like the other lines of its block (spaces only)")
    return YamlProblem(line, f"not valid YAML: {problem}")


def read_yaml(text: str) -> tuple[Any, LineMap, list[YamlProblem]]:
    """Parse `text` into plain values (dict/list/str/None), a line map and problems.

    Never raises for bad input: every failure becomes a YamlProblem. The text is
    checked for size and nesting before PyYAML sees it, and parsed once.
    """
    if len(text) > MAX_BYTES or len(text.encode("utf-8", errors="replace")) > MAX_BYTES:
        return None, LineMap(), [YamlProblem(1, f"file is larger than {MAX_BYTES // 1024} KiB")]
    deep = nesting_depth_exceeds(text)
    if deep is not None:
        return None, LineMap(), [YamlProblem(deep, f"nested too deeply (more than {MAX_DEPTH} "
                                                   "levels)")]
    b = _Builder()
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            b.feed(event)
    except yaml.MarkedYAMLError as exc:
        return None, b.lines, [*b.problems, plain_yaml_error(exc, text)]
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        return None, b.lines, [*b.problems, YamlProblem(1, f"not valid YAML: {exc}")]
    if b.problems:
        return None, b.lines, b.problems
    if not b.has_root or (b.root is None and b.documents <= 1 and not text.strip("- \n.")):
        return None, b.lines, [YamlProblem(1, "the file is empty")]
    return b.root, b.lines, []
