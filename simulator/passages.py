"""Read-aloud passages for the phone test: the YAML format, loading, and file:line errors.

A passage is what a candidate reads aloud once: an id (the file name), a title and the
text, 20-120 words (the shipped ones are 60-75: about half a minute at telephone pace,
long enough to judge pace and pauses, short enough to read in one breath per sentence).
Loading follows scenario loading: unknown keys are errors, every problem is reported at
once with file and line.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator
from rapidfuzz import process

from simulator.loading import LIBRARY_DIR, Problem, ScenarioError, _read, _snippet, _validate, read_source

PASSAGES_DIR = LIBRARY_DIR / "passages"
MIN_WORDS, MAX_WORDS = 20, 120


class Passage(BaseModel):
    """One read-aloud passage."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="Same as the file name.")
    title: str = Field(min_length=1, description="Shown above the text.")
    text: str = Field(description=f"What the candidate reads aloud ({MIN_WORDS}-{MAX_WORDS} words).")
    notes: str = Field("", description="Optional guidance shown to the candidate.")

    @field_validator("text")
    @classmethod
    def _length(cls, text: str) -> str:
        text = " ".join(text.split())
        n = len(text.split())
        if not MIN_WORDS <= n <= MAX_WORDS:
            raise ValueError(f"text has {n} words; a passage needs {MIN_WORDS}-{MAX_WORDS}")
        return text

    @property
    def words(self) -> int:
        return len(self.text.split())


def check_passage_text(text: str, file: str = "<passage>") -> tuple[Passage | None, list[Problem]]:
    data, lines, problems = _read(text, file)
    if problems:
        return None, problems
    passage, problems = _validate(Passage, data, lines, text, file)
    if passage is not None and file.endswith(".yaml") and passage.id != Path(file).stem:
        line = next((i for i, row in enumerate(text.splitlines(), 1) if row.startswith("id:")), 1)
        return None, [Problem(file, line, f"id '{passage.id}' differs from the file name "
                              f"(expected id: {Path(file).stem})", _snippet(text, line))]
    return passage, problems


def check_passage_file(path: Path) -> tuple[Passage | None, list[Problem]]:
    text, problems = read_source(Path(path))
    if text is None:
        return None, problems
    return check_passage_text(text, str(path))


def passage_files(directory: Path | None = None) -> list[Path]:
    folder = Path(directory or PASSAGES_DIR)
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def load_passage(path: Path) -> Passage:
    passage, problems = check_passage_file(path)
    if passage is None:
        raise ScenarioError(problems)
    return passage


def load_passages(directory: Path | None = None) -> list[Passage]:
    """Every passage that loads; broken files are left out (`callsim phone-test passages` lists them)."""
    out = []
    for path in passage_files(directory):
        passage, _ = check_passage_file(path)
        if passage is not None:
            out.append(passage)
    return out


def resolve_passage(ref: str, directory: Path | None = None) -> Passage:
    """A passage by id (file stem) or by path; FileNotFoundError says what exists."""
    p = Path(ref)
    if p.suffix in (".yaml", ".yml") and p.exists():
        return load_passage(p)
    files = passage_files(directory)
    for path in files:
        if path.stem == ref:
            return load_passage(path)
    ids = [f.stem for f in files]
    near = process.extractOne(ref, ids, score_cutoff=50) if ids else None
    hint = f" Did you mean '{near[0]}'?" if near else f" Passages: {', '.join(ids) or 'none'}."
    raise FileNotFoundError(f"no passage '{ref}'.{hint}")
