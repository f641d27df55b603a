"""Load test plans and keyboard-test files, every problem at once with file:line.

The same two passes as scenario loading (`simulator.loading`): first each field's
shape, then the names a plan uses — passages, cases, the role-play scenario — must
exist in the library, with a "did you mean" when one is close.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from rapidfuzz import process

from simulator.hiring.models import KIND_MODELS, FormCase, KeyboardItem, NumbersCase, Plan, TypingPassage
from simulator.loading import (
    LIBRARY_DIR,
    Problem,
    ScenarioError,
    _read,
    _snippet,
    _validate,
    library_files,
    read_source,
)
from simulator.safe_yaml import LineMap

KEYBOARD_DIR = LIBRARY_DIR / "keyboard"
PLANS_DIR = LIBRARY_DIR / "plans"
PASSAGES_DIR = LIBRARY_DIR / "passages"


def _read_file(path: Path) -> tuple[str | None, list[Problem]]:
    """The file's text: size checked before reading (see loading.read_source)."""
    return read_source(Path(path))


def _id_matches_file(item: Any, path: Path, text: str) -> list[Problem]:
    if item is not None and item.id != Path(path).stem:
        line = next((i for i, row in enumerate(text.splitlines(), 1) if row.startswith("id:")), 1)
        return [Problem(str(path), line, f"id '{item.id}' differs from the file name "
                        f"(expected id: {Path(path).stem})", _snippet(text, line))]
    return []


# -- keyboard material ---------------------------------------------------------------------
def check_keyboard_text(text: str, file: str = "<keyboard>") -> tuple[KeyboardItem | None, list[Problem]]:
    """A typing passage, a form case or a numbers case, chosen by its `kind`."""
    data, lines, problems = _read(text, file)
    if problems:
        return None, problems
    kind = data.get("kind")
    model = KIND_MODELS.get(str(kind)) if kind is not None else None
    if model is None:
        line = lines.line_for(("kind",))
        allowed = ", ".join(KIND_MODELS)
        what = "kind: required field is missing" if kind is None else f"kind: '{kind}' is not allowed"
        return None, [Problem(file, line, f"{what} (expected one of: {allowed})", _snippet(text, line))]
    item, problems = _validate(model, data, lines, text, file)
    return item, problems


def check_keyboard_file(path: Path) -> tuple[KeyboardItem | None, list[Problem]]:
    """One keyboard file, parsed once per version of the file (plans, the runner and the
    app all ask for the same files; a hostile file costs its parse once, not per ask)."""
    try:
        st = Path(path).stat()
    except OSError:
        return _check_keyboard_file(path)
    item, problems = _keyboard_cached(str(path), st.st_mtime_ns, st.st_size)
    return item, list(problems)


@lru_cache(maxsize=256)
def _keyboard_cached(path: str, _mtime_ns: int, _size: int
                     ) -> tuple[KeyboardItem | None, tuple[Problem, ...]]:
    item, problems = _check_keyboard_file(Path(path))
    return item, tuple(problems)


def _check_keyboard_file(path: Path) -> tuple[KeyboardItem | None, list[Problem]]:
    text, problems = _read_file(path)
    if text is None:
        return None, problems
    item, problems = check_keyboard_text(text, str(path))
    problems += _id_matches_file(item, path, text)
    return (item if not problems else None), problems


def keyboard_files(directory: Path | None = None) -> list[Path]:
    return sorted(Path(directory or KEYBOARD_DIR).glob("*.yaml"))


def load_keyboard(directory: Path | None = None) -> dict[str, KeyboardItem]:
    """Every valid keyboard item by id (broken files are left out; `plan validate` lists them)."""
    out: dict[str, KeyboardItem] = {}
    for f in keyboard_files(directory):
        item, _ = check_keyboard_file(f)
        if item is not None:
            out[item.id] = item
    return out


# -- plans ---------------------------------------------------------------------------------
def passage_ids(directory: Path | None = None) -> list[str]:
    """Read-aloud passages (the phone test's diction part), by file name."""
    folder = Path(directory or PASSAGES_DIR)
    return sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []


def _cross_references(plan: Plan, lines: LineMap, text: str, file: str,
                      keyboard: dict[str, KeyboardItem]) -> Iterator[Problem]:
    def problem(path: tuple[Any, ...], message: str) -> Problem:
        line = lines.line_for(path)
        return Problem(file, line, message, _snippet(text, line))

    def named(path: tuple[Any, ...], ref: str, known: list[str], what: str) -> Iterator[Problem]:
        if ref in known:
            return
        near = process.extractOne(ref, known, score_cutoff=60) if known else None
        hint = f" (did you mean '{near[0]}'?)" if near else (
            f" (expected one of: {', '.join(known)})" if known else " (none are available)")
        yield problem(path, f"{what} '{ref}' is not in the library{hint}")

    def ids(kind: type) -> list[str]:
        return sorted(k for k, v in keyboard.items() if isinstance(v, kind))

    if plan.phone_test:
        for i, pid in enumerate(plan.phone_test.passages):
            yield from named(("phone_test", "passages", i), pid, passage_ids(), "read-aloud passage")
        if plan.phone_test.scenario:
            yield from named(("phone_test", "scenario"), plan.phone_test.scenario,
                             [f.stem for f in library_files()], "scenario")
    kb = plan.keyboard
    if kb and kb.typing:
        yield from named(("keyboard", "typing", "passage"), kb.typing.passage, ids(TypingPassage),
                         "typing passage")
    if kb and kb.data_entry:
        yield from named(("keyboard", "data_entry", "case"), kb.data_entry.case, ids(FormCase),
                         "data-entry case")
    if kb and kb.ten_key:
        yield from named(("keyboard", "ten_key", "case"), kb.ten_key.case, ids(NumbersCase),
                         "10-key case")


def check_plan_text(text: str, file: str = "<plan>",
                    keyboard: dict[str, KeyboardItem] | None = None) -> tuple[Plan | None, list[Problem]]:
    data, lines, problems = _read(text, file)
    if problems:
        return None, problems
    plan, problems = _validate(Plan, data, lines, text, file)
    if plan is None:
        return None, problems
    problems = list(_cross_references(plan, lines, text, file,
                                      keyboard if keyboard is not None else load_keyboard()))
    return (plan if not problems else None), problems


def check_plan_file(path: Path, keyboard: dict[str, KeyboardItem] | None = None
                    ) -> tuple[Plan | None, list[Problem]]:
    text, problems = _read_file(path)
    if text is None:
        return None, problems
    plan, problems = check_plan_text(text, str(path), keyboard)
    problems += _id_matches_file(plan, path, text)
    return (plan if not problems else None), problems


def plan_files(directory: Path | None = None) -> list[Path]:
    return sorted(Path(directory or PLANS_DIR).glob("*.yaml"))


def resolve_plan(ref: str, directory: Path | None = None) -> Path:
    """A plan by path, or by id / file stem from the plans folder."""
    p = Path(ref)
    if p.suffix in (".yaml", ".yml") and p.exists():
        return p
    files = plan_files(directory)
    for f in files:
        if f.stem == ref:
            return f
    near = process.extractOne(ref, [f.stem for f in files], score_cutoff=50) if files else None
    hint = f" Did you mean '{near[0]}'?" if near else " `callsim plan list` shows them."
    raise FileNotFoundError(f"no plan '{ref}'.{hint}")


def load_plan(ref: str | Path, directory: Path | None = None) -> Plan:
    """A plan by id or path, or ScenarioError listing every problem."""
    path = resolve_plan(str(ref), directory)
    plan, problems = check_plan_file(path)
    if plan is None:
        raise ScenarioError(problems)
    return plan


def keyboard_item(item_id: str, directory: Path | None = None) -> KeyboardItem:
    items = load_keyboard(directory)
    if item_id not in items:
        raise KeyError(f"no keyboard test '{item_id}'")
    return items[item_id]


def reserved_material(directory: Path | None = None) -> set[str]:
    """Passage and case ids that hiring plans keep out of Practice.

    A candidate who could practise the exact interview passage would be judged on
    rehearsal, not skill; a plan with `practice: true` shares its material.
    """
    keyboard = load_keyboard()
    out: set[str] = set()
    for f in plan_files(directory):
        plan, _ = check_plan_file(f, keyboard)
        if plan is not None and not plan.practice:
            out |= plan.material()
    return out
