"""Scenario loading: precise file:line errors, every problem at once, safe YAML."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.loading import (
    LIBRARY_DIR,
    ScenarioError,
    check_scenario_text,
    load_scenario,
    resolve_scenario,
)
from simulator.safe_yaml import MAX_BYTES, read_yaml

EXAMPLE = (LIBRARY_DIR / "late-delivery-angry.yaml").read_text(encoding="utf-8")


def _problems(text: str) -> list[str]:
    scenario, problems = check_scenario_text(text, "s.yaml")
    assert scenario is None
    return [str(p) for p in problems]


def test_example_loads_with_types_converted() -> None:
    scenario, problems = check_scenario_text(EXAMPLE, "s.yaml")
    assert problems == []
    assert scenario is not None
    assert scenario.persona.anger == 70
    assert scenario.persona.voice.rate == pytest.approx(1.15)
    assert scenario.facts["phone"].value == "555-0142"
    assert scenario.reactions["blame_customer"] == 25


def test_shape_errors_are_all_reported_with_lines() -> None:
    text = (EXAMPLE.replace("anger: 70", "anger: 170")
            .replace("patience: 2", "patiense: 2")
            .replace("direction: inbound", "direction: sideways"))
    problems = _problems(text)
    assert len(problems) == 3
    lines = {int(p.split(":")[1]) for p in problems}
    rows = EXAMPLE.splitlines()
    assert lines == {rows.index("  anger: 70") + 1, rows.index("  patience: 2") + 1,
                     rows.index("direction: inbound") + 1}
    joined = "\n".join(problems)
    assert "did you mean 'patience'" in joined
    assert "less than or equal to 100" in joined
    assert "'sideways' is not allowed" in joined
    assert "anger: 170" in joined  # the offending line is shown


def test_cross_reference_errors_name_what_is_missing() -> None:
    text = (EXAMPLE.replace("sku: PZ-PEP,", "sku: PZ-PEPP,")
            .replace("when: after read_back", "when: after fact colour")
            .replace("accepts: [SD-GAR]", "accepts: [XX-NOPE]")
            .replace("steps: [greet,", "steps: [greeet,"))
    joined = "\n".join(_problems(text))
    assert "SKU 'PZ-PEPP' is not in the catalog (did you mean 'PZ-PEP'?)" in joined
    assert "fact 'colour' is named but never defined" in joined
    assert "SKU 'XX-NOPE' is not in the catalog" in joined
    assert "unknown procedure step 'greeet' (did you mean 'greet'?)" in joined


def test_bad_trigger_and_bad_option() -> None:
    text = (EXAMPLE.replace("when: after offer_solution", "when: whenever")
            .replace("options: {size: large}", "options: {size: huge}"))
    joined = "\n".join(_problems(text))
    assert "when: 'whenever'" in joined and "expected 'start'" in joined
    assert "option size='huge' is not offered (expected one of: small, medium, large)" in joined


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: &x [1]\nb: *x\n", "anchor &x is not allowed"),
        ("a: !!python/object:os.system {}\n", "is not allowed"),
        ("a: !custom 3\n", "is not allowed"),
        ("a: 1\n---\nb: 2\n", "more than one YAML document"),
        ("a: [1, 2\n", "is not closed"),
        ("", "the file is empty"),
        ("- a\n- b\n", "expected a mapping"),
        ("a: 1\na: 2\n", "key 'a' appears twice"),
    ],
)
def test_unsafe_or_broken_yaml_is_refused(text: str, message: str) -> None:
    assert any(message in p for p in _problems(text))


def test_size_cap() -> None:
    assert any("larger than" in p for p in _problems("a: " + "x" * (MAX_BYTES + 10)))


def test_numbers_that_are_really_strings_stay_strings() -> None:
    data, _, problems = read_yaml("phone: 5550142\nzip: 0142\npin: 007\nrate: 1.5\n")
    assert problems == []
    assert data == {"phone": "5550142", "zip": "0142", "pin": "007", "rate": "1.5"}
    scenario, problems = check_scenario_text(EXAMPLE.replace('phone: "555-0142"\n  address',
                                                             "phone: 0555014\n  address"))
    assert problems == [] and scenario is not None
    assert scenario.account is not None and scenario.account.phone == "0555014"


def test_load_scenario_raises_with_every_problem(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(EXAMPLE.replace("anger: 70", "anger: x").replace("patience: 2", "patience: -1"))
    with pytest.raises(ScenarioError) as info:
        load_scenario(bad)
    assert len(info.value.problems) == 2
    assert all(p.file == str(bad) for p in info.value.problems)


def test_unreadable_files_are_problems_not_crashes(tmp_path: Path) -> None:
    raw = tmp_path / "latin1.yaml"
    raw.write_bytes(b"title: caf\xe9\n")
    with pytest.raises(ScenarioError, match="not UTF-8"):
        load_scenario(raw)
    with pytest.raises(ScenarioError, match="cannot read"):
        load_scenario(tmp_path / "missing.yaml")


def test_resolve_by_id_suggests_close_names() -> None:
    assert resolve_scenario("late-delivery-angry").name == "late-delivery-angry.yaml"
    with pytest.raises(FileNotFoundError, match="Did you mean 'late-delivery-angry'"):
        resolve_scenario("late-delivery-angy")


# -- property-based: random and mangled YAML never escapes as an exception -------------

yaml_chars = st.sampled_from(list("abc:-[]{}&*!|>'\"#%@`,?\n\t 0123456789.~"))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=yaml_chars, max_size=200))
def test_random_yaml_returns_problems_never_raises(text: str) -> None:
    scenario, problems = check_scenario_text(text, "fuzz.yaml")
    assert scenario is None
    assert problems and all(p.file == "fuzz.yaml" and p.line >= 1 for p in problems)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mangled_example_never_raises(data: st.DataObject) -> None:
    lines = EXAMPLE.splitlines()
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(lines) - 1))
        op = data.draw(st.sampled_from(["drop", "dup", "indent", "dedent", "garble", "swap"]))
        if op == "drop":
            del lines[i]
        elif op == "dup":
            lines.insert(i, lines[i])
        elif op == "indent":
            lines[i] = "  " + lines[i]
        elif op == "dedent":
            lines[i] = lines[i].lstrip()
        elif op == "garble":
            lines[i] = data.draw(st.text(alphabet=yaml_chars, max_size=30))
        else:
            j = data.draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        if not lines:
            lines = ["x"]
    scenario, problems = check_scenario_text("\n".join(lines), "m.yaml")
    assert (scenario is None) == bool(problems)
    for p in problems:
        assert p.line >= 1 and p.message


def test_id_must_match_the_file_name(tmp_path: Path) -> None:
    other = tmp_path / "other-name.yaml"
    other.write_text(EXAMPLE)
    with pytest.raises(ScenarioError, match="differs from the file name"):
        load_scenario(other)
