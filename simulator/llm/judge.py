"""The optional LLM judge: rubric verdicts with quotes, checked, cached, run n times.

Rule-based scores (scoring.score_call) stay the grade; the judge's verdicts are shown
beside them as a second opinion. Models invent evidence, so every pass or fail must
quote the call and every quote must really be in the transcript — a verdict with a
made-up quote is dropped, not trusted. Models also vary between runs, so the judge
runs several times (3 by default) and shows the spread: a 40–90 spread says "do not
read much into this".
"""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass, field
from typing import Any

from simulator.llm.backend import ChatBackend, ChatRequest
from simulator.llm.cache import JudgeCache, transcript_key
from simulator.llm.config import LLMConfig
from simulator.llm.deadline import call_with_deadline
from simulator.llm.errors import LLMBadOutput, LLMError
from simulator.llm.guard import norm
from simulator.llm.rubric import DIMENSIONS, ITEMS, RUBRIC, RUBRIC_VERSION, rubric_text
from simulator.scenario import Scenario
from simulator.transcript import Transcript

VERDICTS = ("pass", "fail", "n/a")


def judge_schema() -> dict[str, Any]:
    verdict = {
        "type": "object",
        "properties": {
            "item": {"type": "string", "enum": [i.id for i in RUBRIC]},
            "verdict": {"type": "string", "enum": list(VERDICTS)},
            "quotes": {"type": "array", "items": {"type": "string"}},
            "reason": {"type": "string"},
        },
        "required": ["item", "verdict", "quotes", "reason"],
        "additionalProperties": False,
    }
    return {"type": "object", "properties": {"verdicts": {"type": "array", "items": verdict}},
            "required": ["verdicts"], "additionalProperties": False}


def transcript_lines(transcript: Transcript) -> str:
    out = []
    for e in transcript.events:
        who = {"operator": "Operator", "customer": "Customer"}.get(e.speaker, "System")
        if e.kind == "action":
            out.append(f"[{e.turn}] (operator action: {e.action})")
        elif e.text:
            out.append(f"[{e.turn}] {who}: {e.text}")
    return "\n".join(out)


def judge_messages(transcript: Transcript, scenario: Scenario) -> list[dict[str, str]]:
    objections = "\n".join(f'- "{o.says[0]}"' for o in scenario.objections) or "- none"
    system = (
        "You grade a call-center operator's call against a rubric. For every rubric item "
        "give a verdict: pass, fail or n/a. For pass and fail you MUST copy one or more "
        "exact quotes from the transcript as evidence (word for word, without the "
        "[turn] and speaker prefix). Never invent or paraphrase a quote. Be strict: when "
        "unsure, fail. Answer with JSON only."
    )
    user = (
        f"Scenario: {scenario.title}\nWhat the operator was told: {scenario.brief.strip()}\n"
        f"Objections this customer may raise:\n{objections}\n\nRubric:\n{rubric_text()}\n\n"
        f"Transcript:\n{transcript_lines(transcript)}\n\n"
        'Return {"verdicts": [{"item": ..., "verdict": ..., "quotes": [...], "reason": ...}]} '
        "with one entry per rubric item."
    )
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def quote_found(quote: str, transcript: Transcript) -> bool:
    """The quote is (a piece of) some line of the call, ignoring case and punctuation."""
    q = norm(quote)
    if not q:
        return False
    return any(q in norm(e.text) for e in transcript.events if e.text)


def verify(data: Any, transcript: Transcript) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(kept, dropped) verdicts; dropped ones carry `why`."""
    if not isinstance(data, dict) or not isinstance(data.get("verdicts"), list):
        raise LLMBadOutput("judge answer has no `verdicts` list")
    kept: list[dict[str, Any]] = []
    dropped: list[dict[str, Any]] = []
    seen: set[str] = set()
    for v in data["verdicts"]:
        if not isinstance(v, dict):
            continue
        item, verdict = v.get("item"), v.get("verdict")
        quotes = [q for q in v.get("quotes") or [] if isinstance(q, str)]
        entry = {"item": item, "verdict": verdict, "quotes": quotes,
                 "reason": str(v.get("reason", ""))}
        why = None
        if item not in ITEMS or verdict not in VERDICTS:
            why = "unknown item or verdict"
        elif item in seen:
            why = "duplicate item"
        elif verdict != "n/a" and not quotes:
            why = "no quote given"
        elif any(not quote_found(q, transcript) for q in quotes):
            bad = next(q for q in quotes if not quote_found(q, transcript))
            why = f"quote not in the call: \"{bad}\""
        if why:
            dropped.append({**entry, "why": why})
        else:
            seen.add(str(item))
            kept.append(entry)
    return kept, dropped


def run_score(verdicts: list[dict[str, Any]], dimension: str) -> float | None:
    votes = [v["verdict"] for v in verdicts if ITEMS[v["item"]].dimension == dimension]
    judged = [v for v in votes if v != "n/a"]
    return round(100 * judged.count("pass") / len(judged), 1) if judged else None


@dataclass
class DimensionReport:
    dimension: str
    scores: list[float | None]

    @property
    def measured(self) -> list[float]:
        return [s for s in self.scores if s is not None]

    @property
    def mean(self) -> float | None:
        return round(statistics.fmean(self.measured), 1) if self.measured else None

    @property
    def spread(self) -> tuple[float, float] | None:
        return (min(self.measured), max(self.measured)) if self.measured else None


@dataclass
class JudgeReport:
    """n runs of the judge, and what they agree on."""

    model: str
    runs: list[dict[str, Any]]
    cached_runs: int = 0
    dimensions: dict[str, DimensionReport] = field(default_factory=dict)

    @property
    def ok_runs(self) -> list[dict[str, Any]]:
        return [r for r in self.runs if not r.get("error")]

    def item_votes(self) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for item in RUBRIC:
            counts = dict.fromkeys(VERDICTS, 0)
            quotes: list[str] = []
            reason = ""
            dropped = 0
            for run in self.ok_runs:
                for v in run["verdicts"]:
                    if v["item"] == item.id:
                        counts[v["verdict"]] += 1
                        quotes += [q for q in v["quotes"] if q not in quotes]
                        reason = reason or v["reason"]
                dropped += sum(1 for d in run.get("dropped", []) if d.get("item") == item.id)
            top = max(VERDICTS, key=lambda k: counts[k]) if any(counts.values()) else None
            out[item.id] = {"dimension": item.dimension, "title": item.title, "votes": counts,
                            "majority": top, "quotes": quotes[:2], "reason": reason,
                            "dropped": dropped}
        return out

    def as_dict(self) -> dict[str, Any]:
        return {
            "model": self.model, "rubric_version": RUBRIC_VERSION,
            "runs": len(self.runs), "ok_runs": len(self.ok_runs),
            "cached_runs": self.cached_runs,
            "errors": [r["error"] for r in self.runs if r.get("error")],
            "dimensions": {d: {"mean": r.mean, "spread": r.spread, "scores": r.scores}
                           for d, r in self.dimensions.items()},
            "items": self.item_votes(),
        }


class Judge:
    """Runs the rubric over a transcript `runs` times, with verification and a cache."""

    def __init__(self, backend: ChatBackend, config: LLMConfig, *,
                 cache: JudgeCache | None = None, timeout_s: float | None = None,
                 max_tokens: int = 1200) -> None:
        self.backend = backend
        self.config = config
        self.cache = cache
        self.timeout_s = timeout_s or max(60.0, config.timeout_s * 10)
        self.max_tokens = max_tokens

    def _one_run(self, transcript: Transcript, scenario: Scenario, seed: int) -> dict[str, Any]:
        request = ChatRequest(
            messages=judge_messages(transcript, scenario), schema=judge_schema(),
            schema_name="rubric_verdicts", temperature=0.7, max_tokens=self.max_tokens,
            seed=seed, timeout_s=self.timeout_s,
        )
        try:
            content = call_with_deadline(lambda: self.backend.complete(request), self.timeout_s)
            try:
                data = json.loads(content)
            except json.JSONDecodeError as exc:
                raise LLMBadOutput(f"not JSON: {exc.msg}") from exc
            kept, dropped = verify(data, transcript)
        except LLMError as exc:
            return {"error": f"{exc.reason}: {exc}", "verdicts": [], "dropped": []}
        return {"verdicts": kept, "dropped": dropped}

    def judge(self, transcript: Transcript, scenario: Scenario, *, runs: int = 3) -> JudgeReport:
        key = transcript_key(transcript, scenario, model=self.config.model,
                             rubric_version=RUBRIC_VERSION)
        cached = self.cache.get(key)[:runs] if self.cache else []
        results = list(cached)
        for seed in range(len(cached), runs):
            results.append(self._one_run(transcript, scenario, seed))
        good = [r for r in results if not r.get("error")]
        if self.cache is not None and len(good) > len(cached):
            self.cache.put(key, good)
        report = JudgeReport(self.config.model, results, cached_runs=len(cached))
        for dim in DIMENSIONS:
            report.dimensions[dim] = DimensionReport(
                dim, [run_score(r["verdicts"], dim) for r in report.ok_runs])
        return report
