"""The hiring formats as pydantic models: test plans and keyboard-test material.

Hiring managers and trainers write these by hand, so (as with scenarios) unknown keys
are errors and every field says what it is for. Thresholds live in the plan, next to
the test they judge, so one file says everything about an interview.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
PartName = Literal["read_aloud", "call", "typing", "data_entry", "ten_key"]
PART_ORDER: tuple[PartName, ...] = ("read_aloud", "call", "typing", "data_entry", "ten_key")
TYPING_LENGTHS = (30, 60, 120)
PART_LABELS: dict[str, str] = {
    "read_aloud": "Read-aloud (diction)",
    "call": "Role-play call",
    "typing": "Typing test",
    "data_entry": "Data entry",
    "ten_key": "10-key numbers",
}


class Strict(BaseModel):
    """Base: unknown keys are errors, so a typo never passes silently."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, allow_inf_nan=False)


# -- keyboard-test material (scenarios/keyboard/*.yaml) --------------------------------------
class TypingPassage(Strict):
    """A passage to copy-type: text from real call-center work."""

    id: Slug
    kind: Literal["typing"]
    title: str
    text: str = Field(min_length=20, description="What the candidate types; line breaks are spaces.")


class OrderLineAnswer(Strict):
    item: str
    qty: int = Field(ge=1, le=999)


class NotesAnswer(Strict):
    keywords: list[str] = Field(
        min_length=1,
        description="Facts the notes must mention; 'a|b' accepts either wording.",
    )
    text: str = Field("", description="A model note, shown in the candidate's report.")


class FormAnswer(Strict):
    """What a careful operator would have typed into each field."""

    name: str | None = None
    phone: str | None = None
    address: str | None = None
    order: list[OrderLineAnswer] | None = None
    notes: NotesAnswer | None = None

    @model_validator(mode="after")
    def _some_field(self) -> FormAnswer:
        if not any(getattr(self, f) is not None for f in ("name", "phone", "address", "order", "notes")):
            raise ValueError("answer: give at least one of name, phone, address, order, notes")
        return self


class FormCase(Strict):
    """Data entry: a customer gives details; the candidate fills the CRM form."""

    id: Slug
    kind: Literal["form"]
    title: str
    seconds: int = Field(240, ge=30, le=1800, description="Time limit unless the plan sets one.")
    customer: str = Field("Customer", description="Who is speaking (shown above the text).")
    says: str = Field(min_length=10, description="What the customer says, read out or shown.")
    answer: FormAnswer


class NumbersCase(Strict):
    """10-key: numbers to key in, one per Enter."""

    id: Slug
    kind: Literal["numbers"]
    title: str
    seconds: int = Field(120, ge=15, le=1800)
    intro: str = "Key in each number exactly as shown and press Enter."
    numbers: list[str] = Field(min_length=3)

    @field_validator("numbers")
    @classmethod
    def _numeric(cls, values: list[str]) -> list[str]:
        import re

        bad = [v for v in values if not re.fullmatch(r"-?[\d,]*\d(?:\.\d+)?", v)]
        if bad:
            raise ValueError(f"not plain numbers: {', '.join(bad[:3])}")
        return values


KeyboardItem = TypingPassage | FormCase | NumbersCase
KIND_MODELS: dict[str, type[Strict]] = {"typing": TypingPassage, "form": FormCase,
                                        "numbers": NumbersCase}


# -- plans (scenarios/plans/*.yaml) ------------------------------------------------------------
class PhoneTestPart(Strict):
    """The telephone test: read-aloud passages (diction) and a role-play call."""

    passages: list[str] = Field(default_factory=list,
                                description="Read-aloud passage ids (scenarios/passages/).")
    scenario: str | None = Field(None, description="Role-play call: a scenario id from the library.")
    pass_diction: float | None = Field(None, ge=0, le=100)
    pass_call: float | None = Field(None, ge=0, le=100, description="Minimum call scorecard overall.")

    @model_validator(mode="after")
    def _something(self) -> PhoneTestPart:
        if not self.passages and self.scenario is None:
            raise ValueError("phone_test: give passages, a scenario, or both")
        return self


class TypingPart(Strict):
    passage: str = Field(description="A typing passage id (scenarios/keyboard/).")
    seconds: int = Field(60, description="Test length: 30, 60 or 120 seconds.")
    pass_wpm: float | None = Field(None, ge=0, le=300)
    pass_accuracy: float | None = Field(None, ge=0, le=100)

    @field_validator("seconds")
    @classmethod
    def _length(cls, value: int) -> int:
        if value not in TYPING_LENGTHS:
            raise ValueError(f"must be 30, 60 or 120 (got {value})")
        return value


class DataEntryPart(Strict):
    case: str = Field(description="A form case id (scenarios/keyboard/).")
    voice: bool = Field(False, description="Speak the customer's details (text when no speaker).")
    seconds: int | None = Field(None, ge=30, le=1800, description="Overrides the case's limit.")
    pass_score: float | None = Field(None, ge=0, le=100)
    pass_kph: float | None = Field(None, ge=0, le=1e6)


class TenKeyPart(Strict):
    case: str = Field(description="A numbers case id (scenarios/keyboard/).")
    seconds: int | None = Field(None, ge=15, le=1800)
    pass_accuracy: float | None = Field(None, ge=0, le=100)
    pass_kph: float | None = Field(None, ge=0, le=1e6, description="Minimum net keystrokes per hour.")


class KeyboardTestPart(Strict):
    typing: TypingPart | None = None
    data_entry: DataEntryPart | None = None
    ten_key: TenKeyPart | None = None

    @model_validator(mode="after")
    def _something(self) -> KeyboardTestPart:
        if self.typing is None and self.data_entry is None and self.ten_key is None:
            raise ValueError("keyboard: give typing, data_entry or ten_key")
        return self


class Plan(Strict):
    """One interview: what every candidate does, and what counts as a pass."""

    id: Slug
    title: str
    description: str = ""
    attempts: int = Field(1, ge=1, le=10, description="Sessions a candidate may submit.")
    hide_feedback: bool = Field(True, description="Hide the mood meter and running scores.")
    practice: bool = Field(False, description="Offer this plan's passages and cases in Practice too "
                                              "(by default hiring material is kept out of Practice).")
    phone_test: PhoneTestPart | None = None
    keyboard: KeyboardTestPart | None = None

    @model_validator(mode="after")
    def _something(self) -> Plan:
        if self.phone_test is None and self.keyboard is None:
            raise ValueError("a plan needs phone_test, keyboard, or both")
        return self

    def parts(self) -> list[PartName]:
        """The parts a candidate takes, in order."""
        out: list[PartName] = []
        if self.phone_test and self.phone_test.passages:
            out.append("read_aloud")
        if self.phone_test and self.phone_test.scenario:
            out.append("call")
        if self.keyboard:
            out += [p for p in ("typing", "data_entry", "ten_key") if getattr(self.keyboard, p)]
        return out

    def material(self) -> set[str]:
        """The ids of the passages and keyboard cases the plan uses."""
        out: set[str] = set(self.phone_test.passages) if self.phone_test else set()
        kb = self.keyboard
        if kb and kb.typing:
            out.add(kb.typing.passage)
        if kb and kb.data_entry:
            out.add(kb.data_entry.case)
        if kb and kb.ten_key:
            out.add(kb.ten_key.case)
        return out

    def thresholds(self) -> list[Threshold]:
        """Every pass mark in the plan, as (part, metric, minimum)."""
        out: list[Threshold] = []
        pt, kb = self.phone_test, self.keyboard
        if pt and pt.passages and pt.pass_diction is not None:
            out.append(Threshold("read_aloud", "diction", pt.pass_diction, "Diction"))
        if pt and pt.scenario and pt.pass_call is not None:
            out.append(Threshold("call", "overall", pt.pass_call, "Call score"))
        if kb and kb.typing:
            if kb.typing.pass_wpm is not None:
                out.append(Threshold("typing", "wpm", kb.typing.pass_wpm, "Typing wpm"))
            if kb.typing.pass_accuracy is not None:
                out.append(Threshold("typing", "accuracy", kb.typing.pass_accuracy, "Typing accuracy"))
        if kb and kb.data_entry:
            if kb.data_entry.pass_score is not None:
                out.append(Threshold("data_entry", "score", kb.data_entry.pass_score, "Data entry score"))
            if kb.data_entry.pass_kph is not None:
                out.append(Threshold("data_entry", "kph", kb.data_entry.pass_kph, "Data entry KPH"))
        if kb and kb.ten_key:
            if kb.ten_key.pass_accuracy is not None:
                out.append(Threshold("ten_key", "accuracy", kb.ten_key.pass_accuracy, "10-key accuracy"))
            if kb.ten_key.pass_kph is not None:
                out.append(Threshold("ten_key", "net_kph", kb.ten_key.pass_kph, "10-key net KPH"))
        return out


@dataclass(frozen=True)
class Threshold:
    """A pass mark: the part's `metric` must be at least `minimum`."""

    part: str
    metric: str
    minimum: float
    label: str

    @property
    def key(self) -> str:
        return f"{self.part}.{self.metric}"

    def check(self, result: dict[str, object] | None) -> bool | None:
        """True/False, or None when the part was not taken (which fails the plan)."""
        if not result or result.get("status") == "not_taken":
            return None
        value = result.get(self.metric)
        return isinstance(value, int | float) and float(value) >= self.minimum
