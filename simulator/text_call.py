"""A call in a plain terminal: customer lines printed, operator lines typed.

Lines starting with "/" are actions (so a trainee can look up, fill the form and
transfer without leaving the keyboard); everything else is spoken. Parsing the
commands lives here, apart from click, so tests can drive it with a list of lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from rapidfuzz import process

from simulator.catalog_search import search_products
from simulator.form_checks import check_field, check_options, field_kind
from simulator.privacy import mask_text, printable
from simulator.scenario import Scenario
from simulator.session import Session, SessionError
from simulator.transcript import Event

HELP_ROWS: tuple[tuple[str, str], ...] = (
    ("/lookup QUERY", "look up the account (phone, name or ID)"),
    ("/catalog [WORDS]", "search the product catalog"),
    ("/add SKU [QTY] [option=value]", "add an item, e.g. /add PZ-PEP 2 size=large"),
    ("/change SKU [qty=N] [option=value]", "change an item on the order"),
    ("/remove SKU", "take an item off the order"),
    ("/delivery address=... window=... [date=...]",
     "e.g. /delivery address=12 Oak St window=18:00-20:00"),
    ("/pay card|cash|invoice|bank_transfer", "how the customer pays"),
    ("/receiver NAME", "who receives the delivery"),
    ("/card NUMBER EXPIRY CODE", "take a card payment (recorded as 'ending 1111')"),
    ("/fields", "this call's form fields and what each holds"),
    ("/field NAME VALUE", "fill a form field (survey answers, outcome)"),
    ("/order", "show the order form"),
    ("/hold  /resume", "put the customer on hold, and back"),
    ("/transfer TARGET", "manager, finance, head_of_sales, supervisor or tech_support"),
    ("/escalate  /end  /help", "to a supervisor; end the call; this list"),
)
HELP_HEAD = "Type what you say to the customer and press Enter. Actions start with '/':"
HELP_FOOT = "Values run to the end of the line or the next name=: no quotes needed."
HELP = "\n".join([HELP_HEAD, *(f"  {usage:<44} {what}" for usage, what in HELP_ROWS),
                  HELP_FOOT])


class CommandError(ValueError):
    """A '/command' the trainee typed that cannot be understood."""


_NEXT_KEY = re.compile(r"\s+(?=[A-Za-z_][\w-]*\s*=)")


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1].strip()
    return value


def _kv(text: str) -> dict[str, str]:
    """'address=12 Oak Street window=19:30' -> {"address": "12 Oak Street", ...}.

    A value runs to the next `name=` or the end of the line, so values with spaces need
    no quotes (quotes still work).
    """
    out: dict[str, str] = {}
    text = text.strip()
    if not text:
        return out
    for part in _NEXT_KEY.split(text):
        if "=" not in part:
            raise CommandError(f"expected name=value, got '{part}'")
        k, v = part.split("=", 1)
        out[k.strip()] = _unquote(v)
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


def _first_word(text: str) -> tuple[str, str]:
    head, _, tail = text.strip().partition(" ")
    return _unquote(head), tail.strip()


def parse_command(session: Session, line: str) -> tuple[str, dict[str, Any]]:
    """'/add PZ-PEP 2 size=large' -> ("add_item", {...}); raises CommandError."""
    if line.count('"') % 2 or (line.count("'") % 2 and "='" in line):
        raise CommandError("a quote is not closed")
    cmd, rest = _first_word(line[1:])
    cmd = cmd.lower()
    if not cmd:
        raise CommandError("empty command (try /help)")
    if cmd == "lookup":
        return "lookup_account", {"query": _unquote(rest)}
    if cmd == "add":
        word, tail = _first_word(rest)
        if not word:
            raise CommandError("/add needs a SKU")
        sku = _sku(session, word)
        qty = 1
        count, after = _first_word(tail)
        if count.isdigit():
            qty, tail = int(count), after
        options = _kv(tail)
        problem = check_options(session.products[sku], options, complete=True)
        if problem:
            raise CommandError(problem)
        return "add_item", {"sku": sku, "qty": qty, "options": options}
    if cmd == "change":
        word, tail = _first_word(rest)
        if not word:
            raise CommandError("/change needs a SKU")
        kv = _kv(tail)
        args: dict[str, Any] = {"sku": _sku(session, word)}
        if "qty" in kv:
            args["qty"] = kv.pop("qty")
        if kv:
            args["options"] = kv
        return "change_item", args
    if cmd == "remove":
        word, _ = _first_word(rest)
        if not word:
            raise CommandError("/remove needs a SKU")
        return "remove_item", {"sku": _sku(session, word)}
    if cmd == "delivery":
        if not rest:
            raise CommandError("/delivery needs address=..., window=... or date=...")
        return "set_delivery", _kv(rest)
    if cmd == "pay":
        return "set_payment", {"method": _unquote(rest)}
    if cmd == "receiver":
        return "set_receiver", {"name": _unquote(rest)}
    if cmd == "card":
        return "take_card", card_args(rest)
    if cmd == "field":
        return "set_field", _field_args(session, rest)
    if cmd in ("hold", "resume", "escalate"):
        return cmd, {}
    if cmd == "transfer":
        return "transfer", {"target": _first_word(rest)[0]}
    if cmd in ("end", "hangup", "bye"):
        return "end_call", {}
    raise CommandError(f"unknown command '/{cmd}' (try /help)")


def _field_args(session: Session, rest: str) -> dict[str, str]:
    """'/field light_before flashing red' or '/field light_before=flashing red'; the name
    must be one of the scenario's form fields (did you mean...)."""
    name, value = rest.split("=", 1) if re.match(r"^[\w-]+\s*=", rest) else (
        _first_word(rest))
    name, value = name.strip(), _unquote(value)
    if not name or not value:
        raise CommandError("/field takes a NAME and a VALUE (/fields lists the names)")
    problem = check_field(session.scenario, name, value)
    if problem:
        raise CommandError(problem + ("" if name in session.scenario.form else
                                      " — /fields lists them"))
    return {"name": name, "value": value}


def card_args(rest: str) -> dict[str, str]:
    """'/card 4111 1111 1111 1111 12/27 123' -> number, expiry, code (digits only)."""
    expiry = re.search(r"\b(\d{1,2})\s*/\s*(\d{2}(?:\d{2})?)\b", rest)
    if expiry is None:
        raise CommandError("/card needs NUMBER EXPIRY CODE, e.g. /card 4111 1111 1111 1111 "
                           "12/27 123")
    number = re.sub(r"\D", "", rest[:expiry.start()])
    code = re.sub(r"\D", "", rest[expiry.end():])
    return {"number": number, "expiry": f"{int(expiry[1]):02d}/{expiry[2][-2:]}", "code": code}


def fields_text(scenario: Scenario) -> str:
    """The scenario's form fields, each with the kind of value it holds."""
    if not scenario.form:
        return "This call has no form fields."
    width = max(len(n) for n in scenario.form)
    rows = [f"  {name:<{width}}  {field_kind(scenario, name)}" for name in scenario.form]
    return "Form fields (/field NAME VALUE):\n" + "\n".join(rows)


def order_text(session: Session) -> str:
    """The order form as a trainee reads it, not as a program stores it."""
    form = session.state.form
    out = ["Order form"]
    if not form.lines:
        out.append("  Items:     none yet (/add SKU QTY option=value)")
    for i, ln in enumerate(form.lines.values()):
        item = session.products.get(ln.sku)
        name = item.name if item else ln.sku
        opts = ", ".join(f"{k} {v}" for k, v in ln.options.items())
        head = "  Items:     " if i == 0 else "             "
        out.append(f"{head}{ln.qty} × {name} ({ln.sku}){f', {opts}' if opts else ''}")
    where = ", ".join(x for x in (form.address, form.window, form.date) if x)
    out.append(f"  Delivery:  {where or '—'}")
    out.append(f"  Payment:   {(form.payment or '—').replace('_', ' ')}")
    out.append(f"  Receiver:  {form.receiver or '—'}")
    for name in session.scenario.form:
        out.append(f"  {name}: {form.fields.get(name, '—')}")
    return "\n".join(out)


def local_reply(session: Session, line: str) -> str | None:
    """The text for a command that only shows something (nothing is said or done), or
    None when the line is for the call itself."""
    word = line.split(maxsplit=1)[0].lower() if line.strip() else ""
    if word in ("/help", "/?"):
        return HELP
    if word == "/order":
        return order_text(session)
    if word == "/fields":
        return fields_text(session.scenario)
    if word == "/catalog":
        return "\n".join(_catalog_lines(session, line[len("/catalog"):].strip()))
    return None


def render_event(ev: Event, customer_name: str) -> str:
    """One event as a terminal line; user and model text is shown, never obeyed, by the
    terminal (control characters become visible escapes)."""
    return printable(_render_event(ev, customer_name))


def _render_event(ev: Event, customer_name: str) -> str:
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
            shown = local_reply(session, line)
            if shown is not None:
                write(shown)
                continue
            if line.startswith("/"):
                action, args = parse_command(session, line)
                events = session.act(action, **args)
            else:
                events = session.say(line)
        except (CommandError, SessionError) as exc:
            write(f"  ! {printable(mask_text(str(exc)))}")
            continue
        for ev in events:
            if ev.speaker == "operator" and ev.kind == "say" and ev.has_mark("on_hold"):
                write("  (on hold: the caller can't hear you — /resume to talk to them)")
            elif ev.speaker != "operator" or ev.kind != "say":
                write(render_event(ev, name))
