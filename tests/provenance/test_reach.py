"""claim_reach: attributed vs laundered, per wording, from the sources and origins the dossier resolved."""
from __future__ import annotations

import doctest

from newstrace.model import Span
from newstrace.provenance import reach as reach_mod
from newstrace.provenance.origins import OriginRef
from newstrace.provenance.reach import claim_reach, names_elsewhere
from newstrace.provenance.sources import Source

A, B, C = ("a", Span(0, 5)), ("b", Span(0, 5)), ("c", Span(0, 5))
OUTLETS = {"a": "The Herald", "b": "Courier", "c": "Tribune"}
ALI = [("Ali", "named")]


def _named() -> tuple[Source, OriginRef]:
    return Source("Ali", "named"), OriginRef("n:Ali", "Ali", "named", "named source")


def test_every_report_naming_the_source_is_attributed_with_a_note() -> None:
    s, r = _named()
    out = claim_reach([A, B], {A: s, B: s}, {A: r, B: r}, OUTLETS, ALI)
    assert out.reach == "attributed" and out.warning is None
    assert out.note == "1 source, named by every report"


def test_own_voice_on_someone_elses_origin_is_laundered() -> None:
    s, r = _named()
    own = Source(None, "own", (), None, "no cue")
    out = claim_reach([A, B], {A: s, B: own}, {A: r, B: OriginRef(None, None, "own", "own")}, OUTLETS, ALI)
    assert out.reach == "laundered"
    assert out.per_wording[B][0] == reach_mod.OWN_VOICE and out.per_wording[A][0] == reach_mod.NAMES_ORIGIN
    assert out.warning and out.warning.startswith("Circular reporting: 2 reports rest on one origin (Ali)")
    assert "Courier" in out.warning and "The Herald" not in out.warning


def test_naming_only_an_intermediary_outlet_is_laundered_unless_the_report_names_the_origin() -> None:
    s, r = _named()
    via = Source("The Herald", "outlet")
    refs = {A: r, B: OriginRef("o:The Herald", "The Herald's unnamed sources", "outlet", "outlet cites no source")}
    assert claim_reach([A, B], {A: s, B: via}, refs, OUTLETS, ALI).reach == "laundered"
    texts = {"b": "The Herald reported it. Ali, the Herald's source, spoke on Monday."}
    out = claim_reach([A, B], {A: s, B: via}, refs, OUTLETS, ALI, texts)
    assert out.reach == "attributed" and out.per_wording[B][0] == reach_mod.NAMES_ORIGIN


def test_an_outlets_own_reporting_named_by_the_others_is_attributed() -> None:
    own = Source(None, "own", (), None, "no cue")
    via = Source("The Herald", "outlet")
    ref = OriginRef("o:The Herald", "The Herald's unnamed sources", "outlet", "outlet cites no source")
    origins = [("The Herald's unnamed sources", "outlet")]
    out = claim_reach([A, B], {A: own, B: via}, {A: OriginRef(None, None, "own", "own"), B: ref}, OUTLETS, origins)
    assert out.reach == "attributed"
    assert out.per_wording[A][0] == reach_mod.OWN_REPORTING


def test_reports_citing_each_other_are_laundered() -> None:
    ra = Source("Courier", "outlet")
    rb = Source("The Herald", "outlet")
    origins = [("Courier's unnamed sources", "outlet"), ("The Herald's unnamed sources", "outlet")]
    refs = {A: OriginRef("o:Courier", "Courier's unnamed sources", "outlet", ""),
            B: OriginRef("o:The Herald", "The Herald's unnamed sources", "outlet", "")}
    out = claim_reach([A, B], {A: ra, B: rb}, refs, OUTLETS, origins)
    assert out.reach == "laundered" and out.per_wording[A][0] == reach_mod.CITE_EACH_OTHER


def test_public_record_and_no_wordings_are_attributed_without_a_note() -> None:
    own = Source(None, "own")
    out = claim_reach([A, B], {A: own, B: own}, {}, OUTLETS, [("public record", "public record")])
    assert out.reach == "attributed" and out.note is None and out.warning is None
    assert claim_reach([], {}, {}, OUTLETS, []).reach == "attributed"


def test_names_elsewhere_needs_the_head_word_and_half_the_name() -> None:
    text = "According to the Herald, which obtained a copy of the ministry document, the deal went ahead."
    assert names_elsewhere(text, "internal ministry document", "document")
    assert not names_elsewhere(text, "internal audit memo", "document")
    assert not names_elsewhere(text, "unnamed source", "unnamed")


def test_docstring_examples() -> None:
    assert doctest.testmod(reach_mod).failed == 0
