"""Positions (provenance.positions): a source that contests a claim or only takes a stance on it."""
from __future__ import annotations

import pytest

from newstrace.model import Span
from newstrace.provenance.positions import position_of


def _read(text: str, wording: str, source: str, act: str | None = None) -> str | None:
    w = text.index(wording)
    s = text.index(source)
    return position_of(text, Span(w, w + len(wording)), Span(s, s + len(source)), act=act)[0]


@pytest.mark.parametrize("text, wording, source", [
    ("The ministry denied reports that the dam was cracked.", "the dam was cracked", "The ministry denied"),
    ("Opposition leaders questioned claims that the vote was rigged.", "the vote was rigged", "Opposition leaders"),
    ("The minister rejected the allegation that funds were missing.", "funds were missing", "The minister"),
    ("The minister denied the dam was cracked.", "the dam was cracked", "The minister"),
    ("He has disputed Smith's account of the meeting.", "the meeting", "He"),
    # the wording holds its source: the verb closes the source phrase, or stands after an appositive
    ("Governor Ana Velt denied that the dam was cracked.", "Governor Ana Velt denied that the dam was cracked.", "Governor Ana Velt"),
    ("Ana Velt, the region's governor, disputed that the dam was cracked.", "Ana Velt, the region's governor, disputed that the dam was cracked.", "Ana Velt"),
    ("Sudan has denied striking the border town.", "Sudan has denied striking the border town.", "Sudan"),
    ("Mr Gunness denied militants were at the school.", "Mr Gunness denied militants were at the school.", "Mr Gunness"),
    ("Felt denied his role for decades.", "Felt denied his role for decades.", "Felt"),
    ("Kiir denied those claims in a statement.", "Kiir denied those claims in a statement.", "Kiir"),
])
def test_contests(text: str, wording: str, source: str) -> None:
    assert _read(text, wording, source) == "contests"


@pytest.mark.parametrize("text, wording, source", [
    ("The minister said that the dam was cracked.", "the dam was cracked", "The minister"),
    ("The minister did not deny that the dam was cracked.", "the dam was cracked", "The minister"),  # negated
    ("The court dismissed the case, saying the evidence was thin.", "the evidence was thin", "The court"),  # governs the case
    ("Police questioned the man who fled the scene.", "the man who fled the scene", "Police"),  # not a bare-clause verb
    ("The judge denied the man bail on Friday.", "The judge denied the man bail on Friday.", "The judge"),  # no clause
    ("She will contest the seat in May, her party said.", "She will contest the seat in May, her party said.", "her party"),
    # a wording before its source is the source's own counter-statement, which it vouches for
    ("\"I took nothing,\" the minister denied.", "I took nothing", "the minister"),
])
def test_vouches(text: str, wording: str, source: str) -> None:
    assert _read(text, wording, source) is None


def test_stance_comes_from_the_attribution_act_and_a_contest_wins() -> None:
    t = "Councillor Mia Dorn criticized the plan to close the school."
    assert _read(t, t, "Councillor Mia Dorn", act="stance") == "stance"
    t2 = "Councillor Mia Dorn rejected claims that the school would close."
    assert _read(t2, t2, "Councillor Mia Dorn", act="stance") == "contests"


def test_the_cue_of_the_attribution_is_an_anchor_too() -> None:
    t = "In a statement on Friday the agency flatly denied that any data had been lost."
    w = t.index("any data")
    cue = t.index("denied")
    assert position_of(t, Span(w, len(t) - 1), None, Span(cue, cue + 6))[0] == "contests"
    assert position_of(t, Span(w, len(t) - 1), None, None)[0] is None
