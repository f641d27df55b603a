"""The scenario format: the trainers' contract, as pydantic models.

`scenarios/schema.json` is generated from these models (`callsim schema`), so an
editor with the YAML language server autocompletes and checks scenario files. Field
descriptions here become the hover help in the editor: write them for trainers.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from simulator.vocab import Technique, TransferTarget

Direction = Literal["inbound", "outbound"]
Difficulty = Literal["easy", "medium", "hard"]
Skill = Literal[
    "de-escalation", "objection-handling", "order-capture", "procedure", "diction",
    "upselling", "routing", "payment", "survey", "tech-support", "sales",
]
Trait = Literal[
    "angry", "interrupts", "sarcastic", "confused", "hurried", "haggling", "elderly",
    "polite", "talkative", "terse", "skeptical", "friendly",
]
Dimension = Literal["deescalation", "objections", "order_capture", "procedure", "diction"]
Payment = Literal["card", "cash", "invoice", "bank_transfer"]

Lines = Annotated[list[str], Field(min_length=1)]


class Strict(BaseModel):
    """Base: unknown keys are errors, so a typo never passes silently."""

    # NaN and infinity are refused in every float: a NaN weight made a perfect run score
    # `nan`, an infinite dead-air limit made silence never count
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, allow_inf_nan=False)


def _as_list(value: Any) -> Any:
    """Let trainers write one line as a plain string where a list of variants is allowed."""
    return [value] if isinstance(value, str) else value


class Voice(Strict):
    rate: float = Field(1.0, ge=0.5, le=2.0, description="Speaking speed, 1.0 = normal.")
    pitch: Literal["low", "medium", "high"] = "medium"
    volume: float = Field(1.0, ge=0.1, le=1.0)
    gender: Literal["female", "male", "any"] = "any"


class Persona(Strict):
    name: str = Field(description="The customer's name as they would say it.")
    anger: int = Field(30, ge=0, le=100, description="Anger at the start, 0-100; 100 hangs up.")
    patience: int = Field(
        3, ge=1, le=20, description="Operator turns without progress before anger climbs."
    )
    traits: list[Trait] = Field(default_factory=list)
    cuts_in_after_s: float | None = Field(
        None, ge=2, le=120,
        description="Voice calls: seconds of the trainee talking on before this customer cuts "
                    "in (impatience; lower is less patient). Default 12 with the `interrupts` "
                    "trait, never without it.",
    )
    voice: Voice = Field(default_factory=Voice)
    misses_mistakes: float = Field(
        0.0, ge=0.0, le=1.0,
        description="Chance (0-1) that the customer lets a wrong read-back pass "
        "(\"Yes, that's right.\" to the wrong quantity or address). 0 = always "
        "corrects it; the same session seed always misses the same ones. The scorecard "
        "counts the mistake either way.",
    )


class Account(Strict):
    """What the trainee finds when they look the customer up."""

    id: str
    name: str | None = None
    phone: str | None = None
    address: str | None = None
    overdue: float = Field(0, ge=0, le=1e9, description="Overdue debt; > 0 means no new order until settled.")
    key_client: bool = False
    new_client: bool = False
    manager: str | None = Field(None, description="Assigned account manager (key clients).")
    history: list[str] = Field(default_factory=list)
    notes: str | None = None


class Fact(Strict):
    """Something the customer knows and says only when asked."""

    value: str = Field(description="The true value.")
    says: list[str] = Field(
        default_factory=list,
        description="Ways to say it; {value} is replaced by the value. Default: the value.",
    )
    wrong_first: str | None = Field(
        None, description="A confused customer first gives this, then corrects it."
    )
    asked_by: list[str] = Field(
        default_factory=list,
        description="Extra phrases that ask for this fact (the name itself always counts).",
    )

    _lists = field_validator("says", "asked_by", mode="before")(_as_list)


class CatalogItem(Strict):
    sku: str
    name: str
    price: float = Field(ge=0, le=1e6)
    category: str = "general"
    options: dict[str, list[str]] = Field(default_factory=dict)
    new: bool = Field(False, description="A new product the operator should mention.")
    aliases: list[str] = Field(default_factory=list)


class Catalog(Strict):
    """The shared product list (scenarios/catalog.yaml)."""

    currency: str = "USD"
    items: list[CatalogItem]


class OrderLine(Strict):
    sku: str
    qty: int = Field(1, ge=1, le=10_000)
    options: dict[str, str] = Field(default_factory=dict)


class Delivery(Strict):
    address: str | None = None
    window: str | None = Field(None, description='"19:30" or "18:00-20:00".')
    date: str | None = None

    @field_validator("window")
    @classmethod
    def _window_shape(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(
            r"\d{1,2}:\d{2}(\s*-\s*\d{1,2}:\d{2})?", value
        ):
            raise ValueError('expected a time "19:30" or a window "18:00-20:00"')
        return value


class Upsell(Strict):
    accepts: list[str] = Field(
        default_factory=list, description="SKUs the customer says yes to when offered."
    )
    says_yes: list[str] = Field(default_factory=lambda: ["Oh, go on then, add {item}."])
    says_no: list[str] = Field(default_factory=lambda: ["No thanks, just what I asked for."])

    _lists = field_validator("says_yes", "says_no", mode="before")(_as_list)


class Order(Strict):
    """The order the customer asks for. Mid-call `changes` apply on top of it."""

    says: Lines = Field(description="How the customer states the order when asked.")
    items: list[OrderLine] = Field(default_factory=list)
    delivery: Delivery | None = None
    receiver: str | None = Field(None, description="Who receives the delivery.")
    payment: Payment | None = None
    upsell: Upsell = Field(default_factory=Upsell)

    _lists = field_validator("says", mode="before")(_as_list)


class OrderChange(Strict):
    """The customer changes their mind mid-call."""

    id: str
    when: str = Field(description='Trigger, e.g. "after read_back" or "turn 6".')
    says: Lines
    add: list[OrderLine] = Field(default_factory=list)
    remove: list[str] = Field(default_factory=list, description="SKUs to take off.")
    set_qty: dict[str, int] = Field(default_factory=dict, description="sku -> new quantity")
    delivery: Delivery | None = None
    receiver: str | None = None
    payment: Payment | None = None

    _lists = field_validator("says", mode="before")(_as_list)


class Objection(Strict):
    id: str
    when: str = Field(description='Trigger: "start", "turn 3", "after offer_solution", ...')
    says: Lines
    resolved_by: list[Technique] = Field(min_length=1)
    needs: Literal["any", "all"] = Field("any", description="Any one or all of resolved_by.")
    accepts: list[str] = Field(
        default_factory=lambda: ["Okay. Fine."], description="What the customer says once satisfied."
    )
    anger: int = Field(5, ge=-50, le=50, description="Anger change when raised.")

    _lists = field_validator("says", "accepts", mode="before")(_as_list)


class FormField(Strict):
    """A form field the operator must fill (survey answer, appointment, resolution)."""

    expected: str | None = None
    fact: str | None = Field(None, description="Expected value is this fact's value.")
    match: Literal["exact", "fuzzy", "number"] = "fuzzy"

    @model_validator(mode="after")
    def _one_source(self) -> FormField:
        if (self.expected is None) == (self.fact is None):
            raise ValueError("give exactly one of `expected` or `fact`")
        return self


class UpsellRule(Strict):
    min: int = Field(3, ge=0)
    max: int = Field(4, ge=0)


class Procedure(Strict):
    steps: list[str] = Field(default_factory=list, description="Required steps, in order.")
    debt_check: bool = Field(False, description="Look up the account before taking an order.")
    route: TransferTarget | None = Field(None, description="Where the call must be transferred.")
    upsell: UpsellRule | None = None
    verify_before_disclose: bool = Field(
        False, description="Verify identity before sharing account details."
    )
    no_card_readback: bool = Field(False, description="Never read a card number back in full.")

    @model_validator(mode="before")
    @classmethod
    def _list_means_steps(cls, value: Any) -> Any:
        return {"steps": value} if isinstance(value, list) else value


class Critical(Strict):
    """Critical errors fail the whole call whatever the average; each can be switched off."""

    wrong_order: bool = Field(
        True, description="The order form would deliver something other than what the "
        "caller ordered (item, quantity, option, address, time, receiver, payment).",
    )
    wrong_team: bool = Field(
        True, description="The call was transferred or escalated to a team other than "
        "`procedure.route`.",
    )
    disclosure: bool = Field(
        True, description="Account details were given before identity was checked "
        "(only where `procedure.verify_before_disclose` is on).",
    )
    card_readback: bool = Field(True, description="A full card number was read back aloud.")


class Scoring(Strict):
    weights: dict[Dimension, float] = Field(
        default_factory=lambda: {
            "deescalation": 0.3, "objections": 0.25, "order_capture": 0.25, "procedure": 0.2,
        }
    )
    pass_mark: int = Field(70, ge=0, le=100, alias="pass")

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    @field_validator("weights")
    @classmethod
    def _weights_positive(cls, value: dict[str, float]) -> dict[str, float]:
        if any(w < 0 for w in value.values()):
            raise ValueError("weights cannot be negative")
        if any(w > 100 for w in value.values()):
            raise ValueError("weights are shares: each at most 100")
        if not any(w > 0 for w in value.values()):
            raise ValueError("at least one weight must be above 0")
        return value


class CustomerLines(Strict):
    """Optional wording overrides; the engine has sensible defaults for each."""

    need: list[str] = Field(default_factory=list, description="Said when asked how to help.")
    greeting_reply: list[str] = Field(default_factory=list)
    hold_ok: list[str] = Field(default_factory=list)
    goodbye: list[str] = Field(default_factory=list)
    hangup: list[str] = Field(default_factory=list)
    angry: list[str] = Field(default_factory=list, description="When nothing else applies, angry.")
    calm: list[str] = Field(default_factory=list, description="When nothing else applies, calm.")
    unknown: list[str] = Field(default_factory=list, description="Asked something not in facts.")

    _lists = field_validator(
        "need", "greeting_reply", "hold_ok", "goodbye", "hangup", "angry", "calm", "unknown",
        mode="before",
    )(_as_list)


class Scenario(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="Unique, lowercase-with-dashes.")
    title: str
    direction: Direction
    difficulty: Difficulty = "medium"
    skills: list[Skill] = Field(default_factory=list)
    brief: str = Field(description="What the trainee is told before the call.")
    persona: Persona
    account: Account | None = None
    opening: Lines = Field(description="The customer's first words (or how they answer).")
    lines: CustomerLines = Field(default_factory=CustomerLines)
    facts: dict[str, Fact] = Field(default_factory=dict)
    order: Order | None = None
    changes: list[OrderChange] = Field(default_factory=list)
    objections: list[Objection] = Field(default_factory=list)
    form: dict[str, FormField] = Field(default_factory=dict)
    reactions: dict[Technique, int] = Field(default_factory=dict)
    procedure: Procedure = Field(default_factory=Procedure)
    scoring: Scoring = Field(default_factory=Scoring)
    critical: Critical = Field(
        default_factory=Critical,
        description="Critical errors that fail the call (all on by default).",
    )
    dead_air_s: float = Field(8.0, gt=0, le=600, description="Silence (voice mode) before it counts.")
    phrases: dict[Technique, list[str]] = Field(
        default_factory=dict, description="Extra phrases that signal a technique here."
    )
    catalog: list[CatalogItem] = Field(
        default_factory=list, description="Extra products for this scenario only."
    )

    _lists = field_validator("opening", mode="before")(_as_list)

    @field_validator("facts", mode="before")
    @classmethod
    def _plain_fact(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {k: ({"value": v} if isinstance(v, str) else v) for k, v in value.items()}
        return value

    @field_validator("reactions")
    @classmethod
    def _bounded(cls, value: dict[str, int]) -> dict[str, int]:
        for name, delta in value.items():
            if not -100 <= delta <= 100:
                raise ValueError(f"reaction {name}={delta} is outside -100..100")
        return value
