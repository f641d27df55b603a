"""Data-entry field scoring: exact where a wrong character matters, tolerant where it does not."""

from __future__ import annotations

from scoring.data_entry import (
    OrderLine,
    kph,
    parse_order_line,
    parse_order_lines,
    score_address,
    score_form,
    score_name,
    score_notes,
    score_numbers,
    score_order,
    score_phone,
)

ANSWER = {
    "name": "Maria Gonzalez",
    "phone": "555-0187",
    "address": "48 Maple Avenue, Apt 3B, Riverside",
    "order": [{"item": "Large pepperoni pizza", "qty": 2}, {"item": "Garlic bread", "qty": 1}],
    "notes": {"keywords": ["side door", "bell|doorbell"], "text": "Ring the side door."},
}


def test_phone_digits_exact() -> None:
    assert score_phone("(555) 0187", "555-0187").correct
    wrong = score_phone("555 0817", "555-0187")
    assert not wrong.correct and wrong.score == 0 and "5550817" in wrong.reason


def test_name_tolerates_small_typos_and_order() -> None:
    assert score_name("maria gonzalez", "Maria Gonzalez").score == 100
    assert score_name("Gonzalez, Maria", "Maria Gonzalez").correct
    typo = score_name("Maria Gonzales", "Maria Gonzalez")
    assert typo.correct and typo.score < 100
    assert not score_name("Mary Gomez", "Maria Gonzalez").correct


def test_address_numbers_exact_words_tolerant() -> None:
    assert score_address("48 maple ave apt 3b riverside", ANSWER["address"]).score == 100
    swapped = score_address("84 Maple Avenue, Apt 3B, Riverside", ANSWER["address"])
    assert not swapped.correct and swapped.score == 0
    assert not score_address("48 Maple Avenue, Riverside", ANSWER["address"]).correct  # flat missing


def test_order_lines_parse_and_match() -> None:
    assert parse_order_line("2 x Garlic bread") == OrderLine("Garlic bread", 2)
    assert parse_order_line("garlic bread x3") == OrderLine("garlic bread", 3)
    assert parse_order_line("2 large pepperoni") == OrderLine("large pepperoni", 2)
    assert parse_order_line("cola") == OrderLine("cola", 1)
    assert parse_order_lines("2 x pizza; 1 bread\n\n") == [OrderLine("pizza", 2), OrderLine("bread", 1)]
    want = [OrderLine("Large pepperoni pizza", 2), OrderLine("Garlic bread", 1)]
    assert score_order(parse_order_lines("2 large pepperoni pizza\n1 garlic bread"), want).score == 100
    # one right, one wrong quantity, one extra: 1 matched of max(2, 3) lines = 33.3
    got = score_order(parse_order_lines("2 large pepperoni pizza\n3 garlic bread\n1 cola"), want)
    assert got.score == 33.3 and "qty 3 vs 1" in got.reason and "extra 1 x cola" in got.reason


def test_notes_keyword_coverage() -> None:
    full = score_notes("Ring the side door, doorbell broken", ["side door", "bell|doorbell"])
    assert full.correct and full.score == 100
    half = score_notes("ring the side door", ["side door", "bell|doorbell"])
    assert half.score == 50 and "bell" in half.reason


def test_form_score_and_kph() -> None:
    """Five fields: name typo (ok), phone right, address right, order 1 of 2, notes 1 of 2.

    keystrokes 600 in 120 s -> 600 * 3600 / 120 = 18000 KPH.
    """
    entered = {"name": "Maria Gonzales", "phone": "5550187", "address": "48 Maple Ave, Apt 3B, Riverside",
               "order": "2 large pepperoni pizza", "notes": "side door"}
    r = score_form(entered, ANSWER, case_id="order-maria", seconds=120, keystrokes=600)
    by = {f.field: f for f in r.fields}
    assert [f.field for f in r.fields] == ["name", "phone", "address", "order", "notes"]
    assert by["order"].score == 50 and by["notes"].score == 50
    assert r.accuracy == 60.0  # 3 of 5 fields right
    assert r.score == round((by["name"].score + 100 + 100 + 50 + 50) / 5, 1)
    assert r.kph == 18000 and kph(10, 0) == 0.0
    assert r.as_dict()["kind"] == "data_entry"


def test_ten_key_exact_and_net_kph() -> None:
    """Three numbers: '1,042.50' right (commas free), '77.2' wrong, third not keyed.

    net keystrokes: '1042.50' is 7 characters + Enter = 8 -> 8 * 3600 / 60 = 480 net KPH;
    gross: 20 keystrokes -> 1200 KPH; accuracy 1 / 3 = 33.3.
    """
    r = score_numbers(["1,042.50", "77.2"], ["1042.50", "77.25", "8.99"], case_id="n", seconds=60,
                      keystrokes=20)
    assert (r.accuracy, r.net_kph, r.kph) == (33.3, 480, 1200)
    assert [f.reason for f in r.fields] == ["", "differs", "not keyed"]
    assert r.as_dict()["kind"] == "ten_key" and r.as_dict()["correct_entries"] == 1
    assert not score_numbers(["1042.5"], ["1042.50"], case_id="n", seconds=1, keystrokes=1).fields[0].correct
