"""Claims: normalised propositions of attributions and unattributed factual sentences."""
from __future__ import annotations

from newstrace.model import Report
from newstrace.nlp import annotate
from newstrace.nlp.claims import normalise
from tests.nlp.helpers import attrib, excerpt


def test_normalise_strips_marks_complementiser_and_token_spaces() -> None:
    assert normalise("\" The troops will not leave . ''") == "The troops will not leave"
    assert normalise("that we do n't know , he 's sure") == "we don't know, he's sure"


def test_issue_example_claim_is_stripped_of_cue_and_source() -> None:
    r = next(annotate([Report(id="x", text="Outlet B, citing a classified document obtained by Newspaper A, reveals "
                                           "that General X told diplomats the troops will not leave.", language="en")]))
    told = next(a for a in r.attributions if a.cue and a.cue.of(r.text) == "told")
    claim = next(c for c in r.claims if c.attribution == told.id)
    assert claim.text == "the troops will not leave" and claim.speaker == "General X"
    assert claim.span == told.content


def test_inserted_cue_is_removed_from_the_proposition() -> None:
    text = attrib("attrib_dev")["43_7ecbplus"]["text"]
    r = next(annotate([Report(id="d", text=text, language="en")]))
    claim = next(c for c in r.claims if c.text.startswith("The company will continue to honor"))
    assert "Su said" not in claim.text and "will sell SeaMicro" in claim.text


def test_unattributed_sentences_become_claims_without_attribution() -> None:
    text = excerpt("12_2ecbplus", "After a brief skirmish", "the statement said.") + " The three boats had a total of 26 Somali crew onboard."
    r = next(annotate([Report(id="d", text=text, language="en")]))
    plain = [c for c in r.claims if c.attribution is None]
    assert [c.text for c in plain] == ["The three boats had a total of 26 Somali crew onboard"]
    assert all(c.span.of(r.text).strip().startswith(c.text[:10]) for c in plain)
    assert [c.id for c in r.claims] == ["d#c1", "d#c2"]
