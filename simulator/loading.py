"""Load scenario and catalog files, reporting every problem at once with file:line.

Two passes, as Rasa's validator does: the first checks each field's shape (pydantic),
the second checks that names used in one place are defined in another (a catalog SKU,
a fact, an objection, a change, a procedure step). A trainer sees the whole list at
once instead of fixing one error per run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from rapidfuzz import process

from simulator.safe_yaml import FileTooLarge, LineMap, read_file_limited, read_yaml
from simulator.scenario import Catalog, CatalogItem, Scenario
from simulator.triggers import TriggerError, parse_trigger
from simulator.vocab import PROCEDURE_STEPS

ModelT = TypeVar("ModelT", bound=BaseModel)

LIBRARY_DIR = Path(__file__).resolve().parent.parent / "scenarios"
CATALOG_FILE = LIBRARY_DIR / "catalog.yaml"


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one file, at one line."""

    file: str
    line: int
    message: str
    snippet: str = ""

    def __str__(self) -> str:
        head = f"{self.file}:{self.line}: {self.message}"
        return f"{head}\n    {self.line:>4} | {self.snippet}" if self.snippet else head

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "message": self.message}


class ScenarioError(Exception):
    """Raised by the load_* helpers; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


SNIPPET_CHARS = 200  # a 250 KB one-line file must not come back as a 250 KB error


def _snippet(text: str, line: int) -> str:
    """The first 200 characters of line `line` (1-based), for an error message."""
    start = 0
    for _ in range(line - 1):  # find the line without splitting the whole text
        nl = text.find("\n", start)
        if nl < 0:
            return ""
        start = nl + 1
    if line < 1 or (start >= len(text) and line > 1):
        return ""
    end = text.find("\n", start)
    row = text[start:end if end >= 0 else len(text)].rstrip()
    return row[:SNIPPET_CHARS] + ("…" if len(row) > SNIPPET_CHARS else "")


def read_source(path: Path) -> tuple[str | None, list[Problem]]:
    """A YAML file's text, or the one problem that stops it being read: missing,
    unreadable, over the size cap (refused from its size, before reading), not UTF-8."""
    file = str(path)
    try:
        raw = read_file_limited(path)
    except FileTooLarge as exc:
        return None, [Problem(file, 1, str(exc))]
    except OSError as exc:
        return None, [Problem(file, 1, f"cannot read the file: {exc.strerror or exc}")]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        return None, [Problem(file, 1, f"not UTF-8 text (byte {exc.start})")]


def _loc_text(loc: Iterable[Any]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _describe(err: dict[str, Any], model: type[BaseModel]) -> str:
    loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
    where = _loc_text(loc)
    kind = err["type"]
    if kind == "missing":
        return f"{where}: required field is missing"
    if kind == "extra_forbidden":
        name = str(loc[-1]) if loc else "?"
        hint = _suggest_field(name, model, loc[:-1])
        return f"{where}: unknown field '{name}'{hint}"
    got = err.get("input")
    if kind == "literal_error" and isinstance(got, str):
        allowed = re.findall(r"'([^']*)'", str(err.get("ctx", {}).get("expected", "")))
        near = process.extractOne(got, allowed, score_cutoff=70) if allowed else None
        hint = f"did you mean '{near[0]}'?" if near else "expected one of: " + ", ".join(allowed)
        return f"{where}: '{got}' is not allowed ({hint})"
    msg = err["msg"].removeprefix("Value error, ")
    shown = f" (got {got})" if isinstance(got, str | int | float) and kind != "value_error" else ""
    return f"{where}: {msg}{shown}" if where else f"{msg}{shown}"


def _suggest_field(name: str, model: type[BaseModel], parent: tuple[Any, ...]) -> str:
    """'did you mean ...' from the fields allowed at that place, when one is close."""
    target: Any = model
    for part in parent:
        if isinstance(part, int) or target is None:
            continue
        field = getattr(target, "model_fields", {}).get(part)
        if field is None:
            return ""
        target = _model_in(field.annotation)
    fields = list(getattr(target, "model_fields", {}))
    if not fields:
        return ""
    best = process.extractOne(name, fields, score_cutoff=70)
    return f" (did you mean '{best[0]}'?)" if best else f" (expected one of: {', '.join(fields)})"


def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _validate(
    model: type[BaseModel], data: Any, lines: LineMap, text: str, file: str
) -> tuple[Any, list[Problem]]:
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(p for p in err["loc"] if isinstance(p, str | int))
            line = lines.line_for(loc)
            problems.append(Problem(file, line, _describe(err, model), _snippet(text, line)))
        return None, problems


def _read(text: str, file: str) -> tuple[Any, LineMap, list[Problem]]:
    data, lines, yaml_problems = read_yaml(text)
    problems = [Problem(file, p.line, p.message, _snippet(text, p.line)) for p in yaml_problems]
    if not problems and not isinstance(data, dict):
        problems.append(Problem(file, 1, "expected a mapping of fields (key: value) at the top"))
    return data, lines, problems


def load_model_file(path: Path, model: type[ModelT]) -> ModelT:
    """Read a YAML file into `model` (a trainee script, a candidate script...), or raise
    ScenarioError with every problem as file:line, like the scenarios themselves."""
    return read_model_file(path, model)[0]


def read_model_file(path: Path, model: type[ModelT]) -> tuple[ModelT, LineMap, str]:
    """`load_model_file`, plus the line map and text, for loaders that check more
    (a run file's steps against its scenario) and must still say file:line."""
    file = str(path)
    if not Path(path).exists():
        raise FileNotFoundError(f"{file}: no such file")
    text, problems = read_source(Path(path))
    if text is None:
        raise ScenarioError(problems)
    data, lines, problems = _read(text, file)
    if problems:
        raise ScenarioError(problems)
    value, problems = _validate(model, data, lines, text, file)
    if value is None:
        raise ScenarioError(problems)
    return value, lines, text


def check_catalog_text(text: str, file: str = "<catalog>") -> tuple[Catalog | None, list[Problem]]:
    data, lines, problems = _read(text, file)
    if problems:
        return None, problems
    catalog, problems = _validate(Catalog, data, lines, text, file)
    if catalog is not None:
        seen: set[str] = set()
        for i, item in enumerate(catalog.items):
            if item.sku in seen:
                line = lines.line_for(("items", i, "sku"))
                problems.append(
                    Problem(file, line, f"SKU '{item.sku}' is listed twice", _snippet(text, line))
                )
            seen.add(item.sku)
    return (catalog if not problems else None), problems


@lru_cache(maxsize=8)
def _load_catalog_cached(path: str, mtime: float) -> Catalog:
    text, problems = read_source(Path(path))
    catalog, problems = check_catalog_text(text, path) if text is not None else (None, problems)
    if catalog is None:
        raise ScenarioError(problems)
    return catalog


def load_catalog(path: Path | None = None) -> Catalog:
    """The shared product catalog (scenarios/catalog.yaml unless told otherwise)."""
    p = Path(path or CATALOG_FILE)
    return _load_catalog_cached(str(p), p.stat().st_mtime)


def scenario_catalog(scenario: Scenario, catalog: Catalog) -> dict[str, CatalogItem]:
    """SKU -> product, the shared catalog plus the scenario's own extra products."""
    items = {item.sku: item for item in catalog.items}
    items.update({item.sku: item for item in scenario.catalog})
    return items


def _cross_references(
    s: Scenario, catalog: Catalog, lines: LineMap, text: str, file: str
) -> Iterator[Problem]:
    """Second pass: names used somewhere must be defined somewhere."""

    def problem(path: tuple[Any, ...], message: str) -> Problem:
        line = lines.line_for(path)
        return Problem(file, line, message, _snippet(text, line))

    products = scenario_catalog(s, catalog)

    def check_line(path: tuple[Any, ...], sku: str, options: dict[str, str]) -> Iterator[Problem]:
        item = products.get(sku)
        if item is None:
            near = process.extractOne(sku, list(products), score_cutoff=60)
            hint = f" (did you mean '{near[0]}'?)" if near else ""
            yield problem((*path, "sku"), f"SKU '{sku}' is not in the catalog{hint}")
            return
        for key, value in options.items():
            allowed = item.options.get(key)
            if allowed is None:
                yield problem(
                    (*path, "options", key),
                    f"'{item.name}' has no option '{key}' (expected one of: "
                    f"{', '.join(item.options) or 'none'})",
                )
            elif value not in allowed:
                yield problem(
                    (*path, "options", key),
                    f"option {key}='{value}' is not offered (expected one of: {', '.join(allowed)})",
                )

    objection_ids = [o.id for o in s.objections]
    change_ids = [c.id for c in s.changes]
    for kind, ids, key in (("objection", objection_ids, "objections"),
                           ("change", change_ids, "changes")):
        seen: set[str] = set()
        for i, ident in enumerate(ids):
            if ident in seen:
                yield problem((key, i, "id"), f"{kind} id '{ident}' is used twice")
            seen.add(ident)

    if s.order is not None:
        for i, line in enumerate(s.order.items):
            yield from check_line(("order", "items", i), line.sku, line.options)
        for i, sku in enumerate(s.order.upsell.accepts):
            if sku not in products:
                yield problem(("order", "upsell", "accepts", i), f"SKU '{sku}' is not in the catalog")
    for ci, change in enumerate(s.changes):
        if s.order is None:
            yield problem(("changes", ci), "a change needs an `order` to change")
        for i, line in enumerate(change.add):
            yield from check_line(("changes", ci, "add", i), line.sku, line.options)
        for i, sku in enumerate(change.remove):
            if sku not in products:
                yield problem(("changes", ci, "remove", i), f"SKU '{sku}' is not in the catalog")
        for sku in change.set_qty:
            if sku not in products:
                yield problem(("changes", ci, "set_qty", sku), f"SKU '{sku}' is not in the catalog")

    refs = {"fact": set(s.facts), "objection": set(objection_ids), "change": set(change_ids)}
    whens = [(("objections", i, "when"), o.when) for i, o in enumerate(s.objections)]
    whens += [(("changes", i, "when"), c.when) for i, c in enumerate(s.changes)]
    for path, when in whens:
        try:
            trig = parse_trigger(when)
        except TriggerError as exc:
            yield problem(path, f"when: '{when}': {exc}")
            continue
        if trig.kind in refs and trig.ref not in refs[trig.kind]:
            known = ", ".join(sorted(refs[trig.kind])) or "none defined"
            yield problem(
                path,
                f"when: {trig.kind} '{trig.ref}' is named but never defined (expected one of: {known})",
            )

    for name, field in s.form.items():
        if field.fact is not None and field.fact not in s.facts:
            yield problem(
                ("form", name, "fact"),
                f"fact '{field.fact}' is named but never defined "
                f"(expected one of: {', '.join(s.facts) or 'none defined'})",
            )

    for i, step in enumerate(s.procedure.steps):
        if step not in PROCEDURE_STEPS:
            near = process.extractOne(step, list(PROCEDURE_STEPS), score_cutoff=70)
            hint = f" (did you mean '{near[0]}'?)" if near else ""
            yield problem(("procedure", "steps", i), f"unknown procedure step '{step}'{hint}")
    if s.procedure.route == "manager" and (s.account is None or not s.account.manager):
        yield problem(("procedure", "route"), "route: manager needs account.manager to be set")
    if s.procedure.debt_check and s.account is None:
        yield problem(("procedure", "debt_check"), "debt_check needs an `account` to look up")
    if s.procedure.upsell and s.procedure.upsell.min > s.procedure.upsell.max:
        yield problem(("procedure", "upsell"), "upsell: min is larger than max")
    if s.scoring.weights.get("order_capture", 0) > 0 and s.order is None and not s.form:
        yield problem(
            ("scoring", "weights", "order_capture"),
            "order_capture has weight but the scenario has no `order` or `form` to capture",
        )
    if s.scoring.weights.get("objections", 0) > 0 and not s.objections:
        yield problem(
            ("scoring", "weights", "objections"),
            "objections has weight but the scenario defines no objections",
        )


def check_scenario_text(
    text: str, file: str = "<scenario>", catalog: Catalog | None = None
) -> tuple[Scenario | None, list[Problem]]:
    """Every problem in one scenario text; the scenario only when there are none."""
    data, lines, problems = _read(text, file)
    if problems:
        return None, problems
    scenario, problems = _validate(Scenario, data, lines, text, file)
    if scenario is None:
        return None, problems
    problems = list(_cross_references(scenario, catalog or load_catalog(), lines, text, file))
    return (scenario if not problems else None), problems


def check_scenario_file(
    path: Path, catalog: Catalog | None = None
) -> tuple[Scenario | None, list[Problem]]:
    text, problems = read_source(Path(path))
    if text is None:
        return None, problems
    scenario, problems = check_scenario_text(text, str(path), catalog)
    if scenario is not None and scenario.id != Path(path).stem:
        # the library finds scenarios by file name, so the two must agree
        line = next((i for i, row in enumerate(text.splitlines(), 1) if row.startswith("id:")), 1)
        problems = [Problem(str(path), line, f"id '{scenario.id}' differs from the file name "
                            f"(expected id: {Path(path).stem})", _snippet(text, line))]
        scenario = None
    return scenario, problems


def load_scenario(path: Path, catalog: Catalog | None = None) -> Scenario:
    """Load one scenario or raise ScenarioError listing every problem."""
    scenario, problems = check_scenario_file(path, catalog)
    if scenario is None:
        raise ScenarioError(problems)
    return scenario


def library_files(directory: Path | None = None) -> list[Path]:
    """Scenario files in a folder (the shipped library by default), sorted by name."""
    folder = Path(directory or LIBRARY_DIR)
    return sorted(p for p in folder.glob("*.yaml") if p.name != "catalog.yaml")


def resolve_scenario(ref: str, directory: Path | None = None) -> Path:
    """A scenario by path, or by id / file stem from the library."""
    p = Path(ref)
    if p.suffix in (".yaml", ".yml") and p.exists():
        return p
    for candidate in library_files(directory):
        if candidate.stem == ref:
            return candidate
    ids = [f.stem for f in library_files(directory)]
    near = process.extractOne(ref, ids, score_cutoff=50) if ids else None
    hint = f" Did you mean '{near[0]}'?" if near else " `callsim list` shows them."
    raise FileNotFoundError(f"no scenario '{ref}'.{hint}")
