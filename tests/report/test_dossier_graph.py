"""The examples dossier's provenance graph reads as a reader would draw it (no 'outlet:newspaper', no self-citation)."""
from __future__ import annotations

from newstrace.provenance.sources import is_outlet_anaphor
from tests.report.examples_dossier import examples_dossier


def _graph() -> tuple[dict, dict[str, str], list[tuple[str, str, str, str | None]]]:
    _route, d = examples_dossier()
    labels = {n["id"]: n["label"] for n in d["graph"]["nodes"]}
    edges = [(e["source"], e["target"], e["kind"], (e["evidence"] or {}).get("text")) for e in d["graph"]["edges"]]
    return d, labels, edges


def test_no_outlet_node_is_a_generic_noun() -> None:
    _d, labels, _e = _graph()
    assert not [lab for n, lab in labels.items() if n.startswith("outlet:") and is_outlet_anaphor(lab)]


def test_the_newspaper_is_the_herald_the_courier_named_before() -> None:
    _d, _labels, edges = _graph()
    assert ("outlet:The Nation Herald", "rests_on") in {(s, k) for s, _t, k, ev in edges if ev == "The newspaper also reported"}


def test_a_report_never_cites_or_credits_its_own_outlet() -> None:
    d, labels, edges = _graph()
    own = {r["id"]: r["outlet"] for r in d["reports"]}
    from newstrace.provenance.origins import same_source

    for s, t, k, _ev in edges:
        if s.startswith("report:") and t.startswith("outlet:") and k != "published_by" and own.get(s[7:]):
            assert not same_source(labels[t], own[s[7:]]), (s, t, k)


def test_first_hand_reporting_rests_on_its_origin_directly() -> None:
    d, _labels, edges = _graph()
    names = {f"origin:{o['id']}": o["kind"] for o in d["origins"]}
    herald = {(names.get(t), ev) for s, t, k, ev in edges if s == "report:nation-herald.html" and k == "rests_on"}
    assert ("document", "according to an internal ministry document obtained by The Nation Herald") in herald
    if "capital-times.html" in {r["id"] for r in d["reports"]}:
        assert any(s == "report:capital-times.html" and k == "rests_on" and "told" in (ev or "") for s, _t, k, ev in edges)
