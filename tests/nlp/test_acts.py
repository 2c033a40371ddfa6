"""attribution.acts.v1: attributions of every act, each with its `act` (issue 14)."""
from __future__ import annotations

from newstrace.model import Report
from newstrace.nlp import annotate_acts_v1
from newstrace.registry import attributors


def _acts(text: str) -> list[tuple[str | None, str]]:
    r = next(annotate_acts_v1([Report(id="a", text=text, language="en")]))
    return [(a.act, a.content.of(r.text)) for a in r.attributions]


def test_registered() -> None:
    assert attributors.get("attribution.acts.v1") is annotate_acts_v1


def test_speech_evidence_and_unsourced_get_their_act() -> None:
    got = _acts("The mayor said the bridge would reopen in May. Polls show that most voters oppose the tax. "
                "The minister is said to be furious about the leak.")
    assert ("speech", "the bridge would reopen in May") in got, got
    assert ("evidence", "most voters oppose the tax") in got, got
    assert ("unsourced", "The minister is said to be furious about the leak") in got, got
    assert _acts("The deal was reportedly signed on Monday.") == [("unsourced", "The deal was reportedly signed on Monday")]


def test_the_older_attributors_set_no_act() -> None:
    for name in ("attribution.v1", "attribution.beliefs.v1"):
        r = next(attributors.get(name)([Report(id="a", text="The mayor said the bridge would reopen.", language="en")]))
        assert r.attributions and all(a.act is None for a in r.attributions), name


def test_acts_v2_is_the_speech_reading_plus_the_other_acts() -> None:
    text = ("Senator Ruth Avery criticized the plan to close the Harlow rail depot. \"It is a mistake,\" she said. "
            "The transport minister said the depot would close in June. Polls show that most residents oppose "
            "the closure. Union leaders want to meet the minister next week.")
    base = next(attributors.get("attribution.beliefs.v1")([Report(id="a", text=text, language="en")]))
    r = next(attributors.get("attribution.acts.v2")([Report(id="a", text=text, language="en")]))
    spans = lambda rep: [(a.content.start, a.content.end, a.cue, a.source) for a in rep.attributions]  # noqa: E731
    # every attribution of the speech reading is kept as it was, and each one carries its act
    assert set(spans(base)) <= set(spans(r))
    assert all(a.act for a in r.attributions)
    added = [(a.act, a.content.of(text)) for a in r.attributions if (a.content.start, a.content.end, a.cue, a.source) not in spans(base)]
    assert added and all(act != "speech" for act, _c in added), added
    assert any(act == "stance" and "close the Harlow rail depot" in c for act, c in added), added
    # the added attributions never overlap the speech reading's
    for a in r.attributions:
        for b in base.attributions:
            if (a.content.start, a.content.end, a.cue, a.source) not in spans(base):
                assert min(a.content.end, b.content.end) <= max(a.content.start, b.content.start)
