"""Check corpus files against the labelling guide: valid JSON, known labels, unique ids.

Usage: python scripts/check_corpus.py data/understanding/corpus/*.jsonl
Prints one line per problem (file:line: what is wrong) and a label count per file.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

TECHNIQUES = {
    "greet", "introduce_self", "verify_identity", "empathize", "apologize", "take_ownership",
    "reassure", "probe_question", "paraphrase", "inform", "offer_solution", "explain_value",
    "upsell", "read_back", "confirm", "set_expectation", "hold_request", "transfer", "escalate",
    "thank", "close", "blame_customer", "argue", "dismiss", "jargon", "rude", "interrupt",
    "overpromise",
}
ASKS = {
    "need", "item", "quantity", "option", "address", "postcode", "time", "date", "phone", "name",
    "receiver", "payment", "card_number", "expiry", "security_code", "account_number",
    "order_number", "email", "date_of_birth", "other",
}
REQUIRED = ("id", "domain", "situation", "customer_before", "text", "techniques", "asks")


def check(paths: list[Path]) -> int:
    problems = 0
    seen: dict[str, str] = {}
    for path in paths:
        labels: Counter[str] = Counter()
        rows = 0
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path}:{n}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                print(f"{where}: not JSON ({exc.msg})")
                problems += 1
                continue
            rows += 1
            missing = [k for k in REQUIRED if k not in row]
            if missing:
                print(f"{where}: missing {', '.join(missing)}")
                problems += 1
                continue
            if row["id"] in seen:
                print(f"{where}: id {row['id']!r} also at {seen[row['id']]}")
                problems += 1
            seen[row["id"]] = where
            bad = [t for t in row["techniques"] if t not in TECHNIQUES]
            bad += [a for a in row["asks"] if a not in ASKS]
            if bad:
                print(f"{where}: unknown label(s) {bad}")
                problems += 1
            if not str(row["text"]).strip():
                print(f"{where}: empty text")
                problems += 1
            labels.update(row["techniques"])
        print(f"{path}: {rows} rows; " + ", ".join(f"{k} {v}" for k, v in sorted(labels.items())))
    return problems


if __name__ == "__main__":
    sys.exit(1 if check([Path(p) for p in sys.argv[1:]]) else 0)
