"""attribution.v2: the parse only on sentences that can hold an attribution, with the same output as v1."""
from __future__ import annotations

from newstrace.model import Report
from newstrace.nlp import annotate
from newstrace.nlp.pipeline import PARSE_PIPES, STAGE_DISABLE, is_cue_form, load, parse_plan, rule_sentences
from newstrace.registry import attributors

TEXT = (
    "The storm reached the coast on Monday. Roads were closed across the region.\n\n"
    "\"We have never seen anything like it,\" the mayor told reporters. Trees fell on three houses. "
    "According to the weather service, the wind reached 140 km/h. Schools reopened on Thursday.\n\n"
    "Officials reportedly expect more rain: the river is rising. Mr. Smith, a farmer, lost his barn."
)


def _key(r: Report) -> list[tuple]:
    return sorted((a.content.start, a.content.end, a.source.start if a.source else None,
                   a.cue.start if a.cue else None, a.kind, a.source_name, a.source_kind) for a in r.attributions)


def test_v2_finds_what_v1_finds() -> None:
    v1 = next(attributors.get("attribution.beliefs.v1")([Report(id="a", text=TEXT, language="en")]))
    v2 = next(attributors.get("attribution.beliefs.v2")([Report(id="a", text=TEXT, language="en")]))
    assert v1.attributions and _key(v1) == _key(v2)
    assert [(m.span, m.label) for m in v1.mentions] == [(m.span, m.label) for m in v2.mentions]
    # every claim span lies inside the text and claims keep text order
    assert all(0 <= c.span.start < c.span.end <= len(TEXT) for c in v2.claims)
    assert [c.span.start for c in v2.claims] == sorted(c.span.start for c in v2.claims)


def test_annotate_defaults_to_selective_and_v1_parses_all() -> None:
    a = next(annotate([Report(id="a", text=TEXT, language="en")]))
    b = next(annotate([Report(id="a", text=TEXT, language="en")], selective=False))
    assert _key(a) == _key(b)


def test_cue_forms() -> None:
    for w in ("said", "told", "says", "according", "reportedly", "claims", "announced", "believes"):
        assert is_cue_form(w), w
    for w in ("storm", "coast", "the", "barn", "monday"):
        assert not is_cue_form(w), w


def test_parse_plan_leaves_plain_sentences_out() -> None:
    nlp = load(disable=STAGE_DISABLE)
    doc = next(nlp.pipe([TEXT], disable=list(PARSE_PIPES)))
    sents = [doc[s:e].text for s, e in rule_sentences(doc)]
    assert sents[0] == "The storm reached the coast on Monday."
    assert "Mr. Smith, a farmer, lost his barn." in sents  # the abbreviation does not end a sentence
    runs, rest = parse_plan(doc, 100, [])
    parsed = " ".join(doc[s:e].text for s, e in runs)
    assert "told reporters" in parsed and "According to" in parsed and "reportedly" in parsed
    assert "The storm reached" not in parsed and "Trees fell" not in parsed
    assert any(TEXT[s - 100:e - 100] == "Roads were closed across the region." for s, e in rest)
