"""Claim alignment: paraphrase, unit conversion, one wording per report, order independence."""
from __future__ import annotations

import random

from newstrace.compare.claims import align_claims, claim_units, figure_units
from newstrace.model import Claim, Report, Span
from newstrace.common.text import quantity_tokens, sentence_spans


def test_unit_and_currency_conversions_match() -> None:
    assert quantity_tokens("58 km") & quantity_tokens("36 miles")
    assert quantity_tokens("58km") & quantity_tokens("35 miles")
    assert quantity_tokens("$184 million") & quantity_tokens("$184M")
    assert not quantity_tokens("$184 million") & quantity_tokens("$160 million")
    assert not quantity_tokens("58 km") & quantity_tokens("58 kg")


def test_sentence_spans_keep_abbreviations() -> None:
    t = "Mr. Smith met Sgt. Tim Shields in the U.S. capital. They talked."
    assert [s.of(t) for s in sentence_spans(t)] == ["Mr. Smith met Sgt. Tim Shields in the U.S. capital.", "They talked."]


def test_paraphrases_with_converted_units_align() -> None:
    a = Report(id="a", text="The US Geological Survey put the epicentre about 58km (36 miles) south-west of Bandar Abbas. Schools were closed.")
    b = Report(id="b", text="The USGS said the quake's epicenter was 35 miles southwest of Bandar Abbas. Rescue teams arrived.")
    got = align_claims([a, b])
    assert len(got) >= 1
    c = got[0]
    assert c.reports == ("a", "b") and "epicentre" in c.units[0].text and "epicenter" in c.units[1].text


def test_unrelated_sentences_do_not_align() -> None:
    a = Report(id="a", text="The council approved the budget on Monday. Parking fees will rise.")
    b = Report(id="b", text="A storm knocked out power across the valley. Crews worked overnight.")
    assert align_claims([a, b]) == []


def test_one_wording_per_report_and_order_independent() -> None:
    texts = [
        "Police arrested three men after the bank robbery. The men were detained near the station.",
        "Three men were arrested by police after a bank robbery. They were detained near the train station.",
        "After the bank robbery, police arrested three men. Detectives detained the men near the station.",
    ]
    reps = [Report(id=f"r{i}", text=t) for i, t in enumerate(texts)]
    got = align_claims(reps)
    shuffled = reps[:]
    random.Random(7).shuffle(shuffled)
    assert [(c.id, c.reports, [u.span for u in c.units]) for c in got] == [
        (c.id, c.reports, [u.span for u in c.units]) for c in align_claims(shuffled)
    ]
    for c in got:
        assert len(c.reports) == len(set(c.reports))
    assert any(set(c.reports) == {"r0", "r1", "r2"} for c in got)


def test_claims_from_nlp_are_widened_to_sentences() -> None:
    text = "Officials said the bridge will close on Friday. Traffic is heavy."
    r = Report(id="a", text=text, claims=[Claim(id="a#c1", report="a", span=Span(14, 46), text="the bridge will close", speaker="Officials")])
    units = claim_units(r)
    assert units[0].span == Span(0, 47) and units[0].speaker == "Officials" and units[0].claim == "a#c1"
    assert units[1].text == "Traffic is heavy."


def test_figure_units_and_figure_claims() -> None:
    a = Report(id="a", text="A powerful earthquake hit southern Iran on Sunday, killing 10 people and injuring dozens.")
    b = Report(id="b", text="State television said ten people were killed when the quake struck the island of Qeshm.")
    assert [u.text for u in figure_units(a)] == ["killing 10 people and injuring dozens"]
    got = align_claims([a, b])
    assert any(set(c.reports) == {"a", "b"} for c in got)


def test_degenerate_inputs() -> None:
    assert align_claims([]) == []
    assert align_claims([Report(id="a", text="Only one report here. It says things.")]) == []
    assert align_claims([Report(id="a", text=""), Report(id="b", text="")]) == []


def test_quote_units_split_multi_sentence_quotes_and_align_principals() -> None:
    from newstrace.compare.claims import quote_units

    a = Report(id="a", text='"There was nothing secret about this contract. Every procedure required by law was followed," the minister told the Times.')
    b = Report(id="b", text='A ministry spokeswoman told LPA the award "followed the law in every respect" and said more.')
    assert [u.text for u in quote_units(a)] == ["There was nothing secret about this contract", "Every procedure required by law was followed"]
    assert all(u.sentence is not None for u in quote_units(a))
    got = align_claims([a, b])
    assert any({u.text for u in c.units} == {"Every procedure required by law was followed", "followed the law in every respect"} for c in got)


def test_date_units_and_date_claims() -> None:
    from newstrace.compare.claims import date_units

    a = Report(id="a", text="The singer was in good spirits. A friend said she went to the clinic on Tuesday, and her family backed her.")
    b = Report(id="b", text="Reports differ on the details. She checked into the clinic on Tuesday, Dec. 9, her rep told the magazine.")
    c = Report(id="c", text="She checked into the clinic on Friday, her lawyer said.")
    assert [u.text for u in date_units(a)] == ["went to the clinic on Tuesday"]
    got = align_claims([a, b, c])
    dated = [c_ for c_ in got if {"a", "b"} <= set(c_.reports)]
    assert dated and all("c" not in c_.reports for c_ in dated)  # Friday is another date
    assert not any({"a", "b"} <= set(c_.reports) for c_ in align_claims([a, b, c], dates=False))


def test_subevents_keep_claims_apart() -> None:
    a = Report(id="a", text="A quake killed 12 people on Tarvan island, Governor Dariush Kamali said.")
    b = Report(id="b", text="Governor Dariush Kamali said 12 people were killed on Tarvan island.")
    c = Report(id="c", text="A quake killed 12 people in Hesarak, Governor Reza Tehrani said.")
    assert any(set(x.reports) == {"a", "b", "c"} for x in align_claims([a, b, c]))
    got = align_claims([a, b, c], subevent={"a": 0, "b": 0, "c": 1})
    assert all(set(x.reports) <= {"a", "b"} or x.reports == ("c",) for x in got)


def test_stance_reads_the_side_of_the_deal() -> None:
    from newstrace.compare.claims import stance

    assert stance("agent Scott Boras countered by asking for an eight-year contract worth $200 million") == 1
    assert stance("the Red Sox have made Teixeira an eight-year, $200 million offer") == 2
    assert stance("the offer fell short of what he asked for") == 0
    assert stance("The quake killed 10 people") == 0


def test_an_asking_price_does_not_align_with_an_offer_of_the_same_figures() -> None:
    from newstrace.compare.claims import align_claims
    from newstrace.model import Report

    offer_a = Report(id="a", text="The Hawks have offered striker Leo Mart a five-year contract worth $90 million, the club said.")
    offer_b = Report(id="b", text="The club has offered Leo Mart a five-year, $90 million contract, its manager said.")
    ask = Report(id="c", text="Leo Mart's agent is asking for a five-year contract worth $90 million for the striker, he said.")
    groups = [set(g.reports) for g in align_claims([offer_a, offer_b, ask])]
    assert {"a", "b"} in groups
    assert not [g for g in groups if "c" in g and ({"a", "b"} & g)]


def test_a_date_alone_is_not_a_claim_the_clause_it_opens_is() -> None:
    from newstrace.compare.claims import date_units
    from newstrace.model import Report

    r = Report(id="a", text="On Sunday night, the Angels withdrew their offer to Teixeira, a spokesman said. "
                            "A friend said she went to Promises on Tuesday, and her family backed her.")
    texts = [u.text for u in date_units(r)]
    assert texts == ["On Sunday night, the Angels withdrew their offer to Teixeira", "she went to Promises on Tuesday"]


def test_a_no_comment_sentence_aligns_only_with_no_comment_sentences() -> None:
    # examples corpus: "The National Water Authority ... declined to comment" shares the authority's name and
    # description with the leaked document's claim, yet states none of it
    a = Report(id="a", text="The National Water Authority, the state body that oversees large water projects, "
                            "objected to the award in an internal memo. Meridian Hydro declined to comment.")
    b = Report(id="b", text="The National Water Authority, the state agency that oversees large water projects, "
                            "declined to comment. Meridian Hydro did not immediately respond to a request for comment.")
    got = align_claims([a, b])
    for c in got:
        texts = [u.text for u in c.units]
        assert all("comment" in t for t in texts) or not any("comment" in t for t in texts), texts
    assert any(sorted(u.report for u in c.units) == ["a", "b"] and all("Meridian" in u.text for u in c.units) for c in got), got


def test_an_attribution_frame_with_a_date_is_no_claim() -> None:
    from newstrace.compare.claims import date_units, frame_only

    assert frame_only("Nation Herald newspaper reported on Tuesday", "on Tuesday")
    assert not frame_only("The Nation Herald reported on Tuesday that the ministry had awarded", "on Tuesday")
    r = Report(id="a", text="The dam deal went ahead, the Nation Herald newspaper reported on Tuesday.")
    assert [u.text for u in date_units(r)] == []


def test_align_v1_keeps_frame_dates_v2_drops_them(monkeypatch) -> None:
    """A registered name never changes behaviour: v1 still reads a frame-only date clause as a date unit."""
    from newstrace.compare.claims import aligners, date_units

    r = Report(id="a", text="The dam deal went ahead, the Nation Herald newspaper reported on Tuesday.")
    assert [u.text for u in date_units(r)] == []
    assert [u.text for u in date_units(r, frames=True)] != []
    assert aligners.get("claims.align.v2") is align_claims
    import newstrace.compare.claims as claims_mod

    seen: list[bool] = []
    real = claims_mod.date_units
    monkeypatch.setattr(claims_mod, "date_units", lambda rep, frames=False: seen.append(frames) or real(rep, frames))
    aligners.get("claims.align.v1")([r, r])
    align_claims([r, r])
    assert seen == [True, True, False, False]
