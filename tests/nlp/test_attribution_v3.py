"""attribution.beliefs.v3 and attribution.acts.v3: paragraph breaks start sentences, a content clause ends before
a second act coordinated into it, "as X said, P", headline "Name: content" lines named in the body, and acts on
every attribution. The .v2 names keep what they did."""
from __future__ import annotations

import pytest

from newstrace.model import Report
from newstrace.nlp import attributions_json
from newstrace.nlp.pipeline import load, paragraphs_by_blank_lines, preset_line_starts
from newstrace.registry import attributors


def _run(name: str, text: str) -> list[dict]:
    out = attributions_json(next(iter(attributors.get(name)([Report(id="t", text=text, language="en")]))))
    return out["attributions"]


def _pairs(name: str, text: str) -> list[tuple[str | None, str]]:
    return [((a["source"] or {}).get("text"), a["content"]["text"]) for a in _run(name, text)]


HEADLINE = ("Governor Ines Marlow: no new taxes in next year's budget\n\n"
            "Governor Ines Marlow said on Tuesday that her administration would close the budget gap without raising taxes.\n\n"
            "Marlow spoke to reporters at the capitol.")


def test_paragraph_breaks_by_blank_lines_or_by_lines() -> None:
    assert paragraphs_by_blank_lines("A headline\n\nA paragraph.")
    assert not paragraphs_by_blank_lines("A headline\nA paragraph.")
    nlp = load()
    # blank-line style: a single line break is a hard wrap and starts nothing
    doc = preset_line_starts(nlp.make_doc("Police said the man\nwas arrested.\n\nHe was not named."), True)
    starts = [t.text for t in doc if t.is_sent_start and t.i > 0]
    assert starts == ["He"]
    doc = preset_line_starts(nlp.make_doc("A headline without a stop\nThe first paragraph."), False)
    assert [t.text for t in doc if t.is_sent_start and t.i > 0] == ["The"]


def test_headline_is_not_one_sentence_with_the_paragraph_under_it() -> None:
    v2 = _pairs("attribution.beliefs.v2", HEADLINE)
    v3 = _pairs("attribution.beliefs.v3", HEADLINE)
    said = ("Governor Ines Marlow", "her administration would close the budget gap without raising taxes")
    assert said not in v2  # the parser read the headline and the first paragraph as one sentence
    assert said in v3
    # the headline's own "Name: content" statement, its name found in the body
    assert ("Governor Ines Marlow", "no new taxes in next year's budget") in v3


def test_headline_name_must_be_named_in_the_body() -> None:
    from newstrace.model import Mention, Span
    from newstrace.nlp.attribution import Context, _named_in_body

    text = "Senator Okonjo: farm bill betrays voters\n\nSenator Grace Okonjo said the bill was unfair."
    ctx = Context(text, [], [])
    body = text.index("Grace")
    ctx.add_mention(Mention("t", Span(body, body + len("Grace Okonjo")), "PERSON", "Grace Okonjo"))
    line_end = text.index("\n")
    assert _named_in_body(ctx, "Okonjo", line_end)
    assert not _named_in_body(ctx, "Marlow", line_end)
    assert not _named_in_body(ctx, "okonjo", line_end)  # a name is capitalised
    assert not _named_in_body(ctx, "Okonjo", len(text))  # only names after the headline count


@pytest.mark.parametrize(("text", "content"), [
    ("Opposition spokeswoman Greta Lindqvist said the target was unrealistic and called on the minister to publish a plan.",
     "the target was unrealistic"),
    ("Housing Minister Petra Holm said she respected the right to protest but insisted that the law would stay.",
     "she respected the right to protest"),
    ("The association said it supported a register, arguing that a gift ban was unworkable.", "it supported a register"),
])
def test_content_ends_before_a_second_act(text: str, content: str) -> None:
    got = [c for _s, c in _pairs("attribution.beliefs.v3", text)]
    assert content in got, got


def test_what_a_third_party_did_stays_in_the_content() -> None:
    text = "He noted that the gang member killed the deputy from behind a door and had bragged about the killing."
    got = [c for _s, c in _pairs("attribution.beliefs.v3", text)]
    assert "the gang member killed the deputy from behind a door and had bragged about the killing" in got, got


def test_as_clause_reports_its_host_clause() -> None:
    got = _pairs("attribution.beliefs.v3", "As Greg McDermott said Thursday, his son's points will come in handy next season.")
    assert ("Greg McDermott", "his son's points will come in handy next season") in got, got
    got = _pairs("attribution.beliefs.v3", "That fabric is agnostic, as Feldman has said many times, and the firm sells servers.")
    assert ("Feldman", "That fabric is agnostic") in got, got
    # a temporal "as" with an object of its own is no report
    assert _pairs("attribution.beliefs.v3", "The minister looked tired as he answered questions from the committee.") == []


def test_v3_attributions_carry_their_act() -> None:
    acts = {a["act"] for a in _run("attribution.beliefs.v3", 'Police believe the fire was set. "It was arson," the chief said.')}
    assert acts == {"belief", "speech"}
    assert {a["act"] for a in _run("attribution.beliefs.v2", '"It was arson," the chief said.')} == {None}


@pytest.mark.parametrize("name", ["attribution.beliefs.v3", "attribution.acts.v3"])
@pytest.mark.parametrize("text", ["\n", "\n\n\n", "Headline only", "A:\n\nB: c d\n\n", "  \n said.\n\n\n\"x\""])
def test_odd_texts_do_not_break_v3(name: str, text: str) -> None:
    for a in _run(name, text):
        assert 0 <= a["content"]["start"] < a["content"]["end"] <= len(text)


@pytest.mark.parametrize(("text", "pair"), [
    ("Her call for a trial in eight schools was rejected by the board.", ("Her", "a trial in eight schools")),
    ("The mayor renewed his call for the House to act before the recess.", ("his", "the House to act before the recess")),
    ("The prime minister has rejected calls by opposition leaders to hold early elections.",
     ("opposition leaders", "to hold early elections")),
    ("Advanced Micro Devices announced a deal to acquire SeaMicro for $334 million.",
     ("Advanced Micro Devices", "a deal to acquire SeaMicro for $334 million")),
    ("The prime minister promised emergency grants of up to 5,000 euros per household.",
     ("The prime minister", "emergency grants of up to 5,000 euros per household")),
    # the act coordinated into a content clause whose subject cannot act is the reporter's, with its request
    ("Spokeswoman Greta Lindqvist said the target was unrealistic and called on the minister to publish a plan.",
     ("Spokeswoman Greta Lindqvist", "the minister to publish a plan")),
])
def test_v3_requests_announcements_and_promises(text: str, pair: tuple[str, str]) -> None:
    got = _pairs("attribution.beliefs.v3", text)
    assert pair in got, got
    assert pair not in _pairs("attribution.beliefs.v2", text)


@pytest.mark.parametrize("text", ["I got a call from my mother.", "The call came at 3 a.m.", "He answered the call of duty."])
def test_a_call_that_asks_for_nothing_is_no_attribution(text: str) -> None:
    assert _pairs("attribution.beliefs.v3", text) == []


def test_beliefs_v3_adds_evidence_and_sourceless_acts_but_not_stances() -> None:
    from newstrace.nlp import BELIEFS_V3_ACTS

    assert BELIEFS_V3_ACTS == frozenset({"evidence", "unsourced"})
    text = "A new poll shows the governor leading by ten points. Opposition leaders criticized the plan to cut school aid."
    v3 = {a["act"] for a in _run("attribution.beliefs.v3", text)}
    assert v3 == {"evidence"}
    assert {a["act"] for a in _run("attribution.acts.v3", text)} == {"evidence", "stance"}
    assert _run("attribution.beliefs.v2", text) == []


def test_a_clause_with_its_own_subject_ends_the_content() -> None:
    text = ("Aalto's campaign manager reportedly resigned on Friday after a dispute, and a candidate in the north is "
            "said to be considering a switch.")
    got = [c for _s, c in _pairs("attribution.beliefs.v3", text)]
    assert "Aalto's campaign manager reportedly resigned on Friday after a dispute" in got, got
    text = ("Some 71 percent of respondents said they believed lobbyists had too much influence, and 48 percent "
            "thought the problem had grown worse.")
    assert "they believed lobbyists had too much influence" in [c for _s, c in _pairs("attribution.beliefs.v3", text)]
    # "said P, that Q" goes on
    text = "He boasted that he wanted to kill a cop, that he wanted to make a name for his gang."
    assert ("He", "he wanted to kill a cop, that he wanted to make a name for his gang") in _pairs("attribution.beliefs.v3", text)


def test_a_description_names_the_entity_the_text_calls_by_it() -> None:
    text = "Judge Philip Hickok sentenced Jeremy Ortiz to death on Friday. The judge said the killing was cold-blooded."

    def names(name: str) -> list[str | None]:
        out = attributions_json(next(iter(attributors.get(name)([Report(id="t", text=text, language="en")]))))
        return [a.get("source_name") for a in out["attributions"]]

    assert names("attribution.beliefs.v2") == ["Jeremy Ortiz"]  # the nearest person: the wrong one
    assert names("attribution.beliefs.v3") == ["Philip Hickok"]  # the one the text calls judge
