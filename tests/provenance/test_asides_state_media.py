"""Asides as background, the state's media as one origin, durations apart from counts."""
from __future__ import annotations

import pytest

from newstrace.model import Report, Span
from newstrace.provenance.origins import claim_origins
from newstrace.provenance.sources import (
    STATE_MEDIA,
    Source,
    aside_spans,
    background_in_aside,
    is_state_media,
    state_media_names,
)
from newstrace.common.text import quantity_tokens


def test_aside_spans_dashes_and_brackets() -> None:
    t = "They raised the first offer - - five years, $90 million - - to $105 million (a club record)."
    assert [s.of(t) for s in aside_spans(t)] == ["five years, $90 million", "a club record"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Greer said the Hawks raised their first offer -- five years, $90 million -- to $105 million.", True),
    ("Greer said the Hawks offered five years, $90 million -- a club record -- on Monday.", False),
    ("Greer said the Hawks offered five years and $90 million.", False),
])
def test_background_in_aside(text: str, expected: bool) -> None:
    shared = quantity_tokens("$90 million")
    assert background_in_aside(text, shared)[0] is expected


def test_aside_needs_shared_figures() -> None:
    assert background_in_aside("X said the deal -- five years -- was done.", set()) == (False, "no aside")


@pytest.mark.parametrize(("name", "expected"), [
    ("state media", True), ("State television", True), ("Iran's official news agency", True),
    ("the state-run broadcaster", True), ("IRNA", False), ("Boston Herald", False), ("the news agency", False),
])
def test_is_state_media(name: str, expected: bool) -> None:
    assert is_state_media(name) is expected


def test_state_media_names_from_text_ties_only() -> None:
    reps = [
        Report(id="a", text="KNA, the state news agency, said the quake hit at dawn."),
        Report(id="b", text="The official PTV news agency said so. The student news agency ISNA disagreed."),
        Report(id="c", text="State television quoted the governor. Reuters said the toll rose."),
    ]
    assert state_media_names(reps) == {"KNA": STATE_MEDIA, "PTV": STATE_MEDIA}


def test_state_media_written_three_ways_is_one_origin() -> None:
    sp = Span(0, 10)
    srcs = {
        ("a", sp): Source("state media", "outlet", (), sp, "cue:said"),
        ("b", sp): Source("KNA", "named", (), sp, "cue:said"),
        ("c", sp): Source("State television", "outlet", (), sp, "cue:said"),
    }
    co = claim_origins(list(srcs), srcs, aliases={"KNA": STATE_MEDIA})
    assert (co.independent, co.circular) == (1, True)
    # without the text's tie the agency is a second origin
    assert claim_origins(list(srcs), srcs).independent == 2


def test_durations_are_not_counts() -> None:
    assert quantity_tokens("at 09 : 10 hours") & quantity_tokens("killing 10 people") == set()
    assert quantity_tokens("an eight - year offer") == quantity_tokens("8 years") == quantity_tokens("eight years")
