"""Constructed citing and copying stories the dev set lacks (tests/provenance/fixtures/*.json)."""
from __future__ import annotations

import pytest

from tests.provenance._harness import FIXTURES, claim_with, fixture_dossier

NAMES = sorted(p.name for p in FIXTURES.glob("*.json"))


@pytest.mark.parametrize("name", NAMES)
def test_fixture_origins(name: str) -> None:
    fx, d = fixture_dossier(name)
    texts = {r["id"]: r["text"] for r in fx["reports"]}
    for exp in fx["expect"]:
        c = claim_with(d, exp["wordings"], texts)
        assert c is not None, f"{name}: no claim covers {exp['wordings']}"
        assert c["independent_origins"] == exp["independent_origins"], (name, c["origins"], d["origins"])
        assert c["circular"] is exp["circular"]


def test_two_interviews_are_two_origins_but_relay_adds_none() -> None:
    _fx, d = fixture_dossier("two_interviews.json")
    names = {o["id"]: o["name"] for o in d["origins"]}
    c = d["claims"][0]
    assert sorted(names[o] for o in c["origins"]) == ["Lena Okafor (to Northern News)", "Lena Okafor (to The Harbour Times)"]


def test_wire_copy_inherits_and_credit_is_an_edge() -> None:
    _fx, d = fixture_dossier("wire_copies.json")
    edges = {(e["source"], e["target"], e["kind"]) for e in d["graph"]["edges"]}
    assert ("report:paper-a", "report:wire-1", "copies") in edges
    assert ("report:paper-b", "outlet:Continental Press", "credit") in edges  # "(CP)" = the wire
    credit = next(e for e in d["graph"]["edges"] if e["kind"] == "credit" and e["source"] == "report:paper-b")
    assert credit["evidence"]["text"] == "CP"
    copy_wording = next(w for c in d["claims"] for w in c["wordings"] if w["report"] == "paper-b")
    assert copy_wording["origin_reason"].startswith("copy of wire-1")


def test_outlet_chain_rests_on_the_document() -> None:
    _fx, d = fixture_dossier("outlet_chain.json")
    c = d["claims"][0]
    assert [o["name"] for o in d["origins"] if o["id"] in c["origins"]] == ["confidential audit obtained by The Morning Ledger"]  # issue 13: named for its obtainer
    assert [o["kind"] for o in d["origins"] if o["id"] in c["origins"]] == ["document"]


def test_denial_is_listed_beside_the_origins_and_rendered() -> None:
    from newstrace.report.html import render_html
    from newstrace.report.markdown import render_markdown

    _fx, d = fixture_dossier("denial.json")
    c = next(c for c in d["claims"] if len(c["reports"]) == 3)
    assert [o["name"] for o in d["origins"] if o["id"] in c["origins"]] == ["Water Board"]
    assert c["positions"] == [{"report": "b", "source": "Ana Velt", "position": "contests"}]
    b = next(w for w in c["wordings"] if w["report"] == "b")
    assert b["position"] == "contests" and b["origin_reason"].startswith("contests: Ana Velt")
    assert c["speaker"] == "Water Board"  # who denies a claim is not who says it
    assert "Contested by: Ana Velt (not counted as an origin)." in render_markdown(d)
    assert "Contested by: Ana Velt" in render_html(d)
