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
