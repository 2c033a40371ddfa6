"""Graph export: networkx view of the provenance graph; GraphML and GEXF files parse back with networkx."""
from __future__ import annotations

import doctest
import json
from pathlib import Path

import networkx as nx
import pytest

from newstrace.errors import NewstraceError
from newstrace.report import graph as graph_mod
from newstrace.report.graph import to_networkx, write_graph

FIXTURE = Path(__file__).parent / "fixtures" / "dossier.json"
SCALARS = (str, int, float, bool)


@pytest.fixture()
def dossier() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def test_to_networkx_keeps_nodes_edges_evidence_and_claims(dossier: dict) -> None:
    g = to_networkx(dossier)
    n_claims = len(dossier["claims"])
    assert g.number_of_nodes() == len(dossier["graph"]["nodes"]) + n_claims
    rests = [(s, t) for s, t, k in g.edges(data="kind") if k == "rests_on"]
    assert len(rests) == sum(len(c["origins"]) for c in dossier["claims"])
    assert ("claim:C4", "origin:O2") in rests and ("claim:C4", "origin:O3") in rests
    e = g.edges["report:crawl.warc.gz#2", "report:lpa-20261117-0412"]
    assert e["kind"] == "copies" and e["evidence_text"] == "PORT SALIM (LPA)" and e["evidence_start"] >= 0
    assert g.nodes["claim:C4"]["independent_origins"] == 2 and g.nodes["claim:C1"]["circular"] is True
    for _, attrs in list(g.nodes(data=True)) + [(None, a) for *_, a in g.edges(data=True)]:
        assert all(isinstance(v, SCALARS) for v in attrs.values()), attrs


@pytest.mark.parametrize("fmt, reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_export_parses_back(tmp_path: Path, dossier: dict, fmt: str, reader) -> None:
    p = write_graph(dossier, tmp_path / f"g.{fmt}", fmt)
    h = reader(p)
    g = to_networkx(dossier)
    assert h.number_of_nodes() == g.number_of_nodes() and h.number_of_edges() == g.number_of_edges()
    e = h.edges["outlet:Daily Courier", "outlet:The Nation Herald"]
    assert e["kind"] == "cites" and e["evidence_text"] == "the Nation Herald reported on Tuesday"
    assert e["evidence_report"] == "daily-courier.txt"
    assert h.nodes["origin:O1"]["label"].startswith("Internal ministry document")


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_several_stories_in_one_file_stay_apart(tmp_path: Path, dossier: dict, fmt: str) -> None:
    other = json.loads(json.dumps(dossier))
    other["id"] = "S2"
    other["graph"]["nodes"][0]["label"] = "Odd <label> & \"quotes\" \x0b"
    p = write_graph([dossier, other], tmp_path / f"all.{fmt}", fmt)
    h = nx.read_graphml(p) if fmt == "graphml" else nx.read_gexf(p)
    assert h.number_of_nodes() == 2 * to_networkx(dossier).number_of_nodes()
    assert {a["story"] for _, a in h.nodes(data=True)} == {"S1", "S2"}
    assert "S2/outlet:The Nation Herald" in h and "S1/outlet:The Nation Herald" in h


def test_missing_values_and_bad_format(tmp_path: Path) -> None:
    d = {"id": "S", "graph": {"nodes": [{"id": "a", "label": None, "kind": None, "extra": [1, 2]}],
                              "edges": [{"source": "a", "target": "b", "kind": None, "evidence": None},
                                        {"source": "a", "target": "b", "kind": "cites"}]},
         "claims": [{"id": "C1", "origins": ["O9"], "reports": ["x"], "independent_origins": 1, "circular": False}]}
    g = to_networkx(d)
    assert g.edges["a", "b"]["count"] == 2 and g.nodes["a"]["x_extra"] == "1; 2"
    assert g.nodes["origin:O9"]["kind"] == "origin"
    assert nx.read_graphml(write_graph(d, tmp_path / "x.graphml")).number_of_edges() == 2
    with pytest.raises(NewstraceError) as e:
        write_graph(d, tmp_path / "x.dot", "dot")
    assert e.value.code == "NT501"


def test_docstring_examples() -> None:
    assert doctest.testmod(graph_mod).failed == 0


@pytest.mark.parametrize("fmt, reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_real_examples_dossier_exports(tmp_path: Path, fmt: str, reader) -> None:
    from tests.report.examples_dossier import examples_dossier

    _, d = examples_dossier()
    h = reader(write_graph([d], tmp_path / f"ex.{fmt}", fmt))
    g = to_networkx(d)
    assert h.number_of_nodes() == g.number_of_nodes() > len(d["reports"])
    assert h.number_of_edges() == g.number_of_edges()
    with_evidence = [a for *_, a in h.edges(data=True) if a["evidence_text"]]
    assert with_evidence and all(a["evidence_report"] in {r["id"] for r in d["reports"]} for a in with_evidence)
