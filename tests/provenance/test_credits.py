"""Explicit credits: datelines, sign-offs, h/t, contributed lines."""
from __future__ import annotations

from newstrace.provenance.credits import find_credits


def test_credit_patterns() -> None:
    text = "PORT SALIM (LPA) — The ministry acted. h/t Jane Doe\nReuters contributed to this report."
    got = [(c.name, c.reason) for c in find_credits(text)]
    assert ("LPA", "dateline credit") in got  # an unknown code counts when it stands in a wire dateline
    assert ("Jane Doe", "h/t") in got and ("Reuters", "contributed") in got


def test_known_wire_and_spans() -> None:
    text = "LAKESIDE (AP) — Police said so."
    (c,) = find_credits(text)
    assert c.name == "AP" and text[c.span.start : c.span.end] == "AP"


def test_no_credit() -> None:
    assert find_credits("The council met on Monday.") == []


def test_bracketed_word_outside_a_dateline_is_not_a_credit() -> None:
    assert find_credits("The ministry (MEW) said it acted lawfully.") == []


def test_wire_of() -> None:
    from newstrace.provenance.credits import wire_of

    assert wire_of("TEHRAN (AP) - A quake hit the island.") == "AP"
    assert wire_of("An official, Ghasem Karami, told The Associated Press it was bad.") == "Associated Press"
    assert wire_of("The governor told AFP, and a minister told Reuters.") is None  # two wires: not one wire's copy
    assert wire_of("The governor told People magazine.") is None  # only wires count
    assert wire_of("A report by AFP said so.") is None
