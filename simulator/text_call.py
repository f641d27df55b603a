"""A call in a plain terminal: customer lines printed, operator lines typed.

Lines starting with "/" are actions (so a trainee can look up, fill the form and
transfer without leaving the keyboard); everything else is spoken. Parsing the
commands lives here, apart from click, so tests can drive it with a list of lines.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable, Iterable
from typing import Any

from rapidfuzz import process

from simulator.catalog_search import search_products
from simulator.session import Session, SessionError
from simulator.transcript import Event

HELP = """Type what you say to the customer and press Enter. Actions start with '/':
  /lookup QUERY                  look up the account (phone, name or ID)
  /catalog [WORDS]               search the product catalog
  /add SKU [QTY] [option=value]  add an item      /remove SKU
  /change SKU [qty=N] [option=value]
  /delivery address="12 Oak St" window=18:00-20:00 [date=...]
  /pay card|cash|invoice|bank_transfer          /receiver NAME
  /field NAME=VALUE              fill a form field (survey answers, outcome)
  /order                         show the order form
  /hold  /resume  /transfer manager|finance|head_of_sales|supervisor|tech_support
  /escalate  /end  /help"""


class CommandError(ValueError):
    """A '/command' the trainee typed that cannot be understood."""


def _kv(parts: Iterable[str]) -> dict[str, str]:
    out = {}
    for p in parts:
        if "=" not in p:
            raise CommandError(f"expected name=value, got '{p}'")
        k, v = p.split("=", 1)
        out[k.strip()] = v.strip()
    return out


def _sku(session: Session, word: str) -> str:
    """Accept a SKU in any case, or a product name close enough to one."""
    products = session.products
    for sku in products:
        if sku.lower() == word.lower():
            return sku
    names = {sku: f"{item.name} {' '.join(item.aliases)}" for sku, item in products.items()}
    best = process.extractOne(word, names, score_cutoff=70)
    if best is None:
        raise CommandError(f"no product matches '{word}' (try /catalog)")
    return best[2]


def parse_command(session: Session, line: str) -> tuple[str, dict[str, Any]]:
    """'/add PZ-PEP 2 size=large' -> ("add_item", {...}); raises CommandError."""
    try:
        words = shlex.split(line[1:])
    except ValueError as exc:
        raise CommandError(str(exc)) from exc
    if not words:
        raise CommandError("empty command (try /help)")
    cmd, rest = words[0].lower(), words[1:]
    if cmd == "lookup":
        return "lookup_account", {"query": " ".join(rest)}
    if cmd == "add":
        if not rest:
            raise CommandError("/add needs a SKU")
        sku = _sku(session, rest[0])
        qty = 1
        opts = rest[1:]
        if opts and opts[0].isdigit():
            qty, opts = int(opts[0]), opts[1:]
        return "add_item", {"sku": sku, "qty": qty, "options": _kv(opts)}
    if cmd == "change":
        if not rest:
            raise CommandError("/change needs a SKU")
        kv = _kv(rest[1:])
        args: dict[str, Any] = {"sku": _sku(session, rest[0])}
        if "qty" in kv:
            args["qty"] = kv.pop("qty")
        if kv:
            args["options"] = kv
        return "change_item", args
    if cmd == "remove":
        if not rest:
            raise CommandError("/remove needs a SKU")
        return "remove_item", {"sku": _sku(session, rest[0])}
    if cmd == "delivery":
        return "set_delivery", _kv(rest)
    if cmd == "pay":
        return "set_payment", {"method": " ".join(rest)}
    if cmd == "receiver":
        return "set_receiver", {"name": " ".join(rest)}
    if cmd == "field":
        kv = _kv(rest)
        if len(kv) != 1:
            raise CommandError("/field takes one NAME=VALUE")
        ((name, value),) = kv.items()
        return "set_field", {"name": name, "value": value}
    if cmd in ("hold", "resume", "escalate"):
        return cmd, {}
    if cmd == "transfer":
        return "transfer", {"target": rest[0] if rest else ""}
    if cmd in ("end", "hangup", "bye"):
        return "end_call", {}
    raise CommandError(f"unknown command '/{cmd}' (try /help)")


def render_event(ev: Event, customer_name: str) -> str:
    """One event as a terminal line."""
    stamp = f"[{int(ev.t // 60):02d}:{int(ev.t % 60):02d}]"
    if ev.speaker == "customer":
        return f"{stamp} {customer_name}: {ev.text}"
    if ev.speaker == "system":
        return f"{stamp} -- {ev.text}"
    if ev.kind == "action":
        parts = []
        for key, value in ev.args.items():
            if isinstance(value, dict):
                parts += [f"{k}={v}" for k, v in value.items()]
            elif value not in (None, ""):
                parts.append(f"{key}={value}")
        args = " ".join(parts)
        return f"{stamp} (you) /{ev.action} {args}".rstrip()
    if ev.kind == "note":
        return f"{stamp} (you) {ev.text}"
    return f"{stamp} You: {ev.text}"


def _catalog_lines(session: Session, query: str) -> list[str]:
    out = []
    for i in search_products(session.products, query):
        opts = "; ".join(f"{k}: {'/'.join(v)}" for k, v in i.options.items())
        new = " NEW" if i.new else ""
        out.append(f"  {i.sku:<11} {i.name:<34} {i.price:>7.2f}{new}  {opts}".rstrip())
    return out or ["  (nothing matches)"]


def run_text_call(
    session: Session, read_line: Callable[[str], str], write: Callable[[str], None]
) -> None:
    """Hold the call until it ends, EOF, or Ctrl-C; every event is already recorded."""
    name = session.scenario.persona.name
    write(session.scenario.brief)
    write("Type /help for actions. The call starts now.\n")
    for ev in session.start():
        write(render_event(ev, name))
    while not session.ended:
        try:
            line = read_line("> ").strip()
        except (EOFError, KeyboardInterrupt):
            write("")
            session.end("operator_left")
            break
        if not line:
            continue
        try:
            if line in ("/help", "/?"):
                write(HELP)
                continue
            if line.startswith("/order"):
                write(str(session.state.form.as_dict()))
                continue
            if line.startswith("/catalog"):
                write("\n".join(_catalog_lines(session, line[len("/catalog"):].strip())))
                continue
            if line.startswith("/"):
                action, args = parse_command(session, line)
                events = session.act(action, **args)
            else:
                events = session.say(line)
        except (CommandError, SessionError) as exc:
            write(f"  ! {exc}")
            continue
        for ev in events:
            if ev.speaker == "operator" and ev.kind == "say" and ev.has_mark("on_hold"):
                write("  (on hold: the caller can't hear you — /resume to talk to them)")
            elif ev.speaker != "operator" or ev.kind != "say":
                write(render_event(ev, name))
