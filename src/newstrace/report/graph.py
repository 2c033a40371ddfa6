"""The provenance graph of a dossier as a networkx DiGraph, and its export to GraphML or GEXF (for Gephi).

GraphML and GEXF accept only scalar attributes (str, int, float, bool), and networkx refuses ``None``. Every
attribute written here is therefore a scalar: missing values become ``""`` (or ``-1`` for offsets), lists are
joined with ``"; "``, and an edge's evidence span is flattened into ``evidence_report``, ``evidence_start``,
``evidence_end`` and ``evidence_text``. Claims are added to the graph as nodes of kind ``claim`` with an edge to
each of their origins, so the claim → origin structure survives in Gephi.

Node ids are prefixed with the story id when several dossiers are written into one file, so two stories that
both mention "Reuters" keep separate nodes (the story is also an attribute, so Gephi can filter by it).

Example:
    >>> g = to_networkx({"id": "S1", "graph": {"nodes": [{"id": "a", "label": "A", "kind": "outlet"}],
    ...                  "edges": [{"source": "a", "target": "b", "kind": "cites", "evidence": None}]}})
    >>> sorted(g.nodes), g.edges["a", "b"]["kind"]
    (['a', 'b'], 'cites')
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from ..errors import NewstraceError
from . import _shape as sh

__all__ = ["to_networkx", "write_graph", "FORMATS"]

FORMATS = ("graphml", "gexf")


# XML 1.0 forbids most C0 controls (and lone surrogates); GraphML/GEXF files with them do not parse back.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _text(v: Any) -> str:
    return _NOT_XML.sub(" ", "" if v is None else str(v))


def _scalar(v: Any) -> str | int | float | bool:
    if v is None:
        return ""
    if isinstance(v, (bool, int, float)):
        return v
    if isinstance(v, (list, tuple, set)):
        return _text("; ".join(str(x) for x in v))
    return _text(v)


def to_networkx(dossier: Mapping[str, Any], *, prefix: str = "", claims: bool = True) -> nx.DiGraph:
    """Build the provenance graph of one dossier.

    Args:
        dossier: a dossier dict with a ``graph`` of ``nodes`` ``{"id","label","kind"}`` and ``edges``
            ``{"source","target","kind","evidence"}``; ``claims`` and ``origins`` are used when present.
        prefix: prepended to every node id (used to keep stories apart in one file).
        claims: also add one node per claim, linked to the origins it rests on (edge kind ``rests_on``).

    Returns:
        A DiGraph whose node and edge attributes are all GraphML/GEXF-safe scalars. When two edges join the same
        pair, the first is kept and ``count`` says how many there were.

    Raises:
        TypeError: when `dossier` is not a mapping.
    """
    if not isinstance(dossier, Mapping):
        raise TypeError(f"to_networkx needs a dossier dict, got {type(dossier).__name__}")
    story = str(dossier.get("id") or "")
    g = nx.DiGraph(story=_text(story), title=_text(dossier.get("title")))
    nodes, edges = sh.graph_parts(dossier)
    for n in nodes:
        extra = {f"x_{k}": _scalar(v) for k, v in n.items() if k not in {"id", "label", "kind"}}
        g.add_node(prefix + _text(n["id"]), label=_text(n.get("label") or n["id"]), kind=_text(n.get("kind")),
                   story=story, **extra)
    for e in edges:
        s, t = prefix + _text(e["source"]), prefix + _text(e["target"])
        ev = e.get("evidence") if isinstance(e.get("evidence"), Mapping) else {}
        attrs = {
            "kind": _text(e.get("kind")),
            "story": story,
            "evidence_report": _text(ev.get("report")),
            "evidence_start": int(ev["start"]) if isinstance(ev.get("start"), int) else -1,
            "evidence_end": int(ev["end"]) if isinstance(ev.get("end"), int) else -1,
            "evidence_text": _text(ev.get("text")),
            "count": 1,
        }
        if g.has_edge(s, t):
            g.edges[s, t]["count"] += 1
        else:
            g.add_edge(s, t, **attrs)
    if claims:
        origin_nodes = {_text(n.get("id")) for n in nodes}
        for c in dossier.get("claims") or []:
            if not isinstance(c, Mapping):
                continue
            cid = prefix + "claim:" + _text(c.get("id"))
            g.add_node(cid, label=_text(c.get("text") or c.get("id")), kind="claim", story=story,
                       independent_origins=int(c.get("independent_origins") or 0),
                       circular=bool(c.get("circular")), reports=len(c.get("reports") or []),
                       speaker=_text(c.get("speaker")))
            for o in c.get("origins") or []:
                # The dossier's graph names origin nodes "origin:<id>" or "<id>"; link to whichever exists.
                target = next((x for x in (_text(f"origin:{o}"), _text(o)) if x in origin_nodes), _text(f"origin:{o}"))
                if prefix + target not in g:
                    name = sh.origin_name(o, sh.origins_by_id(dossier))
                    g.add_node(prefix + target, label=_text(name), kind="origin", story=story)
                g.add_edge(cid, prefix + target, kind="rests_on", story=story, evidence_report="",
                           evidence_start=-1, evidence_end=-1, evidence_text="", count=1)
    return g


def write_graph(dossier_or_dossiers: Mapping[str, Any] | Iterable[Mapping[str, Any]], path: str | os.PathLike[str],
                format: str = "graphml") -> Path:
    """Write the provenance graph of one dossier, or of several into one file, as GraphML or GEXF.

    Args:
        dossier_or_dossiers: one dossier dict, or an iterable of them (``newstrace export --graph``).
        path: output file.
        format: ``"graphml"`` or ``"gexf"``.

    Returns:
        The path written.

    Raises:
        NewstraceError: NT501 for an unknown format.

    Example:
        >>> import tempfile, networkx
        >>> p = write_graph({"id": "S1", "graph": {"nodes": [], "edges": []}}, tempfile.mktemp(suffix=".gexf"), "gexf")
        >>> networkx.read_gexf(p).number_of_nodes()
        0
    """
    fmt = str(format).lower()
    if fmt not in FORMATS:
        raise NewstraceError("NT501", f"graph format {format!r} unknown; use one of {', '.join(FORMATS)}")
    if isinstance(dossier_or_dossiers, Mapping):
        g = to_networkx(dossier_or_dossiers)
    else:
        g = nx.DiGraph()
        for d in dossier_or_dossiers:
            g = nx.compose(g, to_networkx(d, prefix=f"{d.get('id')}/"))
        g.graph = {"stories": g.number_of_nodes() and len({a.get("story") for _, a in g.nodes(data=True)})}
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "graphml":
        nx.write_graphml(g, out, encoding="utf-8")
    else:
        nx.write_gexf(g, out, encoding="utf-8")
    return out
