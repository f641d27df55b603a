"""YAML mistakes in plain words, at the line of the real fault (item 13).

PyYAML said "expected <block end>, but found '<block mapping start>'", and for a quote
left open it pointed one or more lines past it.
"""

from __future__ import annotations

import pytest

from simulator.loading import LIBRARY_DIR, check_scenario_text

SOURCE = (LIBRARY_DIR / "late-delivery-angry.yaml").read_text(encoding="utf-8")
ROWS = SOURCE.splitlines()


def _line(needle: str) -> int:
    return next(i for i, row in enumerate(ROWS, 1) if needle in row)


def _problem(old: str, new: str) -> tuple[int, str]:
    assert old in SOURCE
    _, problems = check_scenario_text(SOURCE.replace(old, new, 1), "s.yaml")
    assert len(problems) == 1, problems
    return problems[0].line, problems[0].message


@pytest.mark.parametrize(("old", "new", "needle", "message"), [
    ('  - "I ordered almost an hour ago. Where is my food?"',
     '  - "I ordered almost an hour ago. Where is my food?',
     "I ordered almost an hour ago", "a quote opened on line {line} is not closed"),
    ('title: "Angry: two pizzas 50 minutes late"', 'title: "Angry: two pizzas 50 minutes late',
     "title:", "a quote opened on line {line} is not closed"),
    ('  phone: "555-0142"\n', '  phone: "555-0142"\n\tnotes: x\n', "phone:",
     "a tab: use spaces"),
    ('title: "Angry: two pizzas 50 minutes late"', "title: Angry: two pizzas 50 minutes late",
     "title:", "a colon inside a value: put the value in quotes"),
    ('  calm: ["Okay.", "Alright, go on."]', '  calm: ["Okay.", "Alright, go on."',
     "calm:", "the list opened with '[' on line {line} is not closed"),
])
def test_common_mistakes_read_as_plain_words(old: str, new: str, needle: str,
                                             message: str) -> None:
    line, text = _problem(old, new)
    expected_line = _line(needle) + (1 if "tab" in message else 0)
    assert line == expected_line, text
    assert message.format(line=expected_line) in text
    assert "<block" not in text and "scalar" not in text


def test_indentation_that_does_not_line_up() -> None:
    row = ROWS[_line("  phone: \"555-0142\"") - 1]
    line, text = _problem(row + "\n", row + "\n   address: 12 Oak Street\n")
    assert text.startswith("indentation does not line up with the line above"), text
    assert line == _line("  phone: \"555-0142\"") + 1
