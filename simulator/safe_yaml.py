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


def _refuse_unsafe_events(text: str) -> list[YamlProblem]:
    problems: list[YamlProblem] = []
    documents = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        line = event.start_mark.line + 1
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents == 2:
                problems.append(YamlProblem(line, "more than one YAML document (expected one)"))
        if isinstance(event, yaml.AliasEvent):
            problems.append(
                YamlProblem(line, f"alias *{event.anchor} is not allowed (write the value out)")
            )
        elif isinstance(event, yaml.NodeEvent) and event.anchor:
            problems.append(
                YamlProblem(line, f"anchor &{event.anchor} is not allowed (write the value out)")
            )
        tag = getattr(event, "tag", None)
        if tag and tag != "!" and isinstance(event, yaml.NodeEvent):
            implicit = getattr(event, "implicit", (True, True))
            explicit = not (implicit[0] if isinstance(implicit, tuple) else implicit)
            if explicit or isinstance(event, yaml.CollectionStartEvent):
                problems.append(YamlProblem(line, f"YAML tag {tag} is not allowed"))
    return problems


def _build(node: yaml.Node, path: Path, lines: LineMap, problems: list[YamlProblem]) -> Any:
    lines.values[path] = node.start_mark.line + 1
    if len(path) > MAX_DEPTH:
        problems.append(YamlProblem(node.start_mark.line + 1, "nested too deeply"))
        return None
    if isinstance(node, yaml.ScalarNode):
        if node.style is None and node.value in _NULLS:
            return None
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, i), lines, problems) for i, item in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(
                    YamlProblem(key_node.start_mark.line + 1, "a key must be a plain word")
                )
                continue
            key = key_node.value
            if key in out:
                problems.append(
                    YamlProblem(key_node.start_mark.line + 1, f"key '{key}' appears twice")
                )
                continue
            out[key] = _build(value_node, (*path, key), lines, problems)
            lines.values[(*path, key)] = key_node.start_mark.line + 1
        return out
    return None


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

    Never raises for bad input: every failure becomes a YamlProblem.
    """
    lines = LineMap()
    if len(text.encode("utf-8", errors="replace")) > MAX_BYTES:
        return None, lines, [YamlProblem(1, f"file is larger than {MAX_BYTES // 1024} KiB")]
    try:
        problems = _refuse_unsafe_events(text)
        if problems:
            return None, lines, problems
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        return None, lines, [plain_yaml_error(exc, text)]
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        return None, lines, [YamlProblem(1, f"not valid YAML: {exc}")]
    if node is None:
        return None, lines, [YamlProblem(1, "the file is empty")]
    problems = []
    try:
        data = _build(node, (), lines, problems)
    except RecursionError:
        return None, lines, [YamlProblem(1, "nested too deeply")]
    return data, lines, problems
