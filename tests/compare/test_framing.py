"""Framing: word choices side by side, scare quotes, so-called, loaded labels; never a verdict."""
from __future__ import annotations

from newstrace.compare.claims import align_claims
from newstrace.compare.framing import find_framing
from newstrace.model import Report


def test_word_choices_side_by_side() -> None:
    a = Report(id="a", outlet="A", text="The minister slammed the opposition over the dam contract on Monday.")
    b = Report(id="b", outlet="B", text="The minister criticised the opposition over the dam contract on Monday.")
    out = find_framing(align_claims([a, b]), [a, b])
    w = [x for x in out if x["kind"] == "wording"]
    assert w and {c["outlet"]: c["words"] for c in w[0]["choices"]} == {"A": ["slammed"], "B": ["criticised"]}
    assert all("verdict" not in x and "score" not in x for x in out)


def test_scare_quotes_so_called_and_loaded_labels() -> None:
    r = Report(id="c", outlet="Daily Courier", text='The deal went through under a so-called "emergency procedure" that the regime favours.')
    out = find_framing([], [r])
    got = {(x["kind"], x["text"]) for x in out}
    assert ('so_called', 'so-called "emergency procedure"') in got
    assert ("scare_quotes", "emergency procedure") in got
    assert ("loaded", "regime") in got
    for x in out:
        assert r.text[x["start"] : x["end"]].startswith(x["text"][:5]) or x["kind"] == "scare_quotes"


def test_quotes_in_reported_speech_are_not_scare_quotes() -> None:
    r = Report(id="d", text='The mayor said the plan was "reckless" and would fail.')
    assert [x for x in find_framing([], [r]) if x["kind"] == "scare_quotes"] == []
