"""The provenance graph of a story: report → outlet hops → origin, plus copy and credit edges.

Every edge keeps its evidence (report id and character span) so a reader can check it. Node ids are stable
strings (``report:<id>``, ``outlet:<name>``, ``origin:<id>``), so the graph of the same input is always the same.

Example:
    >>> g = ProvenanceGraph()
    >>> g.add_node("report:a", "a", "report"); g.add_node("origin:o1", "USGS", "named")
    >>> g.add_edge("report:a", "origin:o1", "cites", ("a", Span(0, 4)), "USGS")
    >>> g.to_json()["edges"][0]["evidence"]
    {'report': 'a', 'start': 0, 'end': 4, 'text': 'USGS'}
"""
from __future__ import annotations

from typing import Any

from newstrace.model import Edge, Span


class ProvenanceGraph:
    """A small directed multigraph with evidence on its edges (no networkx needed to build or serialise it)."""

    def __init__(self) -> None:
        self.nodes: dict[str, dict[str, str]] = {}
        self.edges: dict[tuple[str, str, str], tuple[Edge, str | None]] = {}

    def add_node(self, node_id: str, label: str, kind: str) -> None:
        """Add a node once; the first label wins so ids stay stable."""
        self.nodes.setdefault(node_id, {"id": node_id, "label": label, "kind": kind})

    def outlet(self, name: str, kind: str = "outlet") -> str:
        """The node id of outlet `name`, reusing a node whose name is a variant of it ("LPA" = "Levant Press
        Agency", "the Herald" = "The Nation Herald"); report outlets should be added first so they name the node."""
        from newstrace.provenance.origins import same_source

        for node_id, node in self.nodes.items():
            if node["kind"] in ("outlet", "agency") and same_source(node["label"], name):
                return node_id
        node_id = f"outlet:{name}"
        self.add_node(node_id, name, kind)
        return node_id

    def add_edge(self, source: str, target: str, kind: str, evidence: tuple[str, Span] | None, text: str | None = None) -> None:
        """Add an edge once per (source, target, kind); the earliest evidence is kept."""
        key = (source, target, kind)
        if key not in self.edges or (evidence and self.edges[key][0].evidence and evidence < self.edges[key][0].evidence):
            self.edges[key] = (Edge(source, target, kind, evidence), text)

    def to_json(self) -> dict[str, Any]:
        """The dossier's ``graph`` field: sorted nodes and edges, evidence as {report, start, end, text}."""
        edges = []
        for (s, t, k), (e, text) in sorted(self.edges.items()):
            ev = None
            if e.evidence:
                ev = {"report": e.evidence[0], "start": e.evidence[1].start, "end": e.evidence[1].end, "text": text}
            edges.append({"source": s, "target": t, "kind": k, "evidence": ev})
        return {"nodes": [self.nodes[k] for k in sorted(self.nodes)], "edges": edges}
