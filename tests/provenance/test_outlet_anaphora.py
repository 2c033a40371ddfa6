"""Generic outlet nouns refer back to the outlet named before; a report's own outlet is never a citation of itself."""
from __future__ import annotations

from newstrace.model import Report, Span
from newstrace.provenance.sources import Source, is_outlet_anaphor, report_sources, resolve_outlet_anaphora
from newstrace.common.text import sentence_spans
from tests.provenance._harness import fixture_dossier


def test_generic_nouns_are_anaphors_names_are_not() -> None:
    assert all(is_outlet_anaphor(n) for n in ("newspaper", "the paper", "The agency", "the news agency", "broadcaster"))
    assert not any(is_outlet_anaphor(n) for n in ("The Nation Herald", "Herald", "agency officials", None, ""))


def test_resolve_replaces_name_and_chain_only_with_a_known_outlet() -> None:
    s = Source("newspaper", "outlet", ("the paper",), Span(0, 3), "cue:said")
    r = resolve_outlet_anaphora(s, "Nation Herald")
    assert (r.name, r.via) == ("Nation Herald", ("Nation Herald",))
    assert resolve_outlet_anaphora(s, None) is s  # nothing named before: left as written
    named = Source("Rana Khoury", "named", ("LPA",), None, "cue:told")
    assert resolve_outlet_anaphora(named, "Herald") is named


def test_report_sources_resolve_the_paper_to_the_outlet_named_before() -> None:
    text = ("According to the Herald, the council approved the plan. "
            "The paper also reported, citing two officials, that the vote was close. "
            "The agency said the plan was lawful.")
    spans = sentence_spans(text)
    out = report_sources(Report(id="r", text=text), spans)
    second = out[spans[1]]
    assert second.kind == "unnamed" and second.via == ("Herald",)
    third = out[spans[2]]
    assert third.name == "Herald" and third.kind == "outlet"


def test_fixture_graph_has_no_generic_outlets_and_no_self_citations() -> None:
    fx, d = fixture_dossier("anaphoric_outlets.json")
    own = {r["id"]: r["outlet"] for r in fx["reports"]}
    labels = {n["id"]: n["label"] for n in d["graph"]["nodes"]}
    assert not [lab for n, lab in labels.items() if n.startswith("outlet:") and is_outlet_anaphor(lab)]
    edges = [(e["source"], e["target"], e["kind"], (e["evidence"] or {}).get("text")) for e in d["graph"]["edges"]]
    for s, t, k, _ in edges:
        if s.startswith("report:") and t.startswith("outlet:") and k != "published_by":
            assert labels[t] != own[s[len("report:"):]], (s, t, k)  # own outlet told / obtained: first-hand
    # the courier's "The paper also reported, citing two board members" goes through the Herald
    assert any(s == "outlet:The Harbor Herald" and k == "rests_on" and ev == "The paper also reported" for s, _t, k, ev in edges)
    # the Herald's own interview and document: the report rests on the origins directly
    assert {k for s, t, k, _ in edges if s == "report:herald.html" and t.startswith("origin:")} == {"rests_on"}
    assert not [e for e in edges if e[0] == "report:wire-7" and e[2] == "credit"]  # "(BNA)" in BNA's own story


def test_a_document_that_shows_is_the_source_and_the_document_is_the_one_named_before() -> None:
    text = ("The council skipped the tender, according to an internal audit obtained by The Post. "
            "The audit, dated March 3, also shows that the mayor signed the order. "
            "The mayor was re-elected in May.")
    spans = sentence_spans(text)
    out = report_sources(Report(id="r", text=text), spans)
    assert (out[spans[1]].kind, out[spans[1]].name) == ("document", "internal audit obtained by The Post")  # issue 13: named for its obtainer
    assert out[spans[2]].kind == "own"  # no document, no cue: own voice


def test_an_outlet_relaying_what_a_document_shows_takes_the_document_as_origin() -> None:
    # the Herald states the memo's content in its own words ("The memo also shows"); an outlet citing the Herald for it
    # inherits the memo: one origin, not the Herald's unnamed sources
    from tests.report.examples_dossier import examples_dossier

    _route, d = examples_dossier()
    kinds = {o["id"]: o["kind"] for o in d["origins"]}
    c = next(c for c in d["claims"] if any(w["report"] == "nation-herald.html" and w["text"].startswith("The document also shows")
                                            for w in c["wordings"]))
    assert [kinds[o] for o in c["origins"]] == ["document"] and c["circular"] is True
