"""The provenance graph as an inline SVG, laid out here (no JavaScript, nothing fetched).

Algorithm (``layered.v1``, Sugiyama-style): semantic columns (reports, then outlets by citation depth, then
origins), one virtual slot per column an edge skips so that long edges never cross a box, barycentre ordering
within columns (sweeping both ways) against crossings, and copy edges between reports drawn as dashed arcs on
the left. Column widths follow the longest label. Above `max_nodes` nodes, report nodes are folded into their
outlets so a story of 500 reports still reads.

Example:
    >>> svg = render_graph_svg({"graph": {"nodes": [{"id": "r", "label": "a.html", "kind": "report"},
    ...     {"id": "o", "label": "Herald", "kind": "outlet"}], "edges": [{"source": "r", "target": "o",
    ...     "kind": "published_by"}]}})
    >>> svg.startswith("<svg") and "Herald" in svg
    True
"""
from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ..registry import Registry
from . import _shape as sh

__all__ = ["render_graph_svg", "layouts"]

layouts = Registry("graph layout")

_CONTROL = re.compile("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f]")


def _e(v: Any) -> str:
    return html.escape(_CONTROL.sub(" ", "" if v is None else str(v)), quote=True)


# Edge colours by kind: citation chains, copies and first-hand sourcing must be told apart at a glance.
_EDGE_COLORS = {
    "cites": "#2d5ea8", "citing": "#2d5ea8", "according_to": "#2d5ea8", "reported_by": "#2d5ea8",
    "copies": "#c0392b", "copy": "#c0392b", "credit": "#c0392b",
    "published_by": "#a3abb8",
    "quotes": "#1f7a4d", "quoted_by": "#1f7a4d", "obtained": "#1f7a4d", "obtained_by": "#1f7a4d",
    "interviewed": "#1f7a4d", "witnessed": "#1f7a4d", "speaker": "#1f7a4d", "rests_on": "#1f7a4d",
}
_NODE_FILL = {
    "report": "#f1f3f6", "outlet": "#dfe9fb", "agency": "#d6e4fa", "document": "#fff1cc", "person": "#dff0e6",
    "organisation": "#e3f4ea", "organization": "#e3f4ea", "unnamed": "#efe6fa", "public_record": "#f4efe3",
    "event": "#fde7e7", "origin": "#fff1cc",
}
_ORIGIN_KINDS = {"document", "person", "organisation", "organization", "unnamed", "public_record", "event", "origin",
                 "speaker"}



@dataclass
class _Placed:
    id: str
    label: str
    kind: str
    col: int
    row: int = 0
    virtual: bool = False


def _collapse_reports(nodes: list[dict[str, Any]], edges: list[dict[str, Any]], limit: int
                      ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], int]:
    """Fold report nodes into their outlets when the graph is too big to read (a 500-report story)."""
    reports = [n for n in nodes if n.get("kind") == "report"]
    if len(nodes) <= limit or not reports:
        return nodes, edges, 0
    rids = {str(n["id"]) for n in reports}
    owner = {str(e["source"]): str(e["target"]) for e in edges
             if str(e["source"]) in rids and e.get("kind") == "published_by"}
    out_edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    for e in edges:
        s, t = owner.get(str(e["source"]), str(e["source"])), owner.get(str(e["target"]), str(e["target"]))
        if s in rids or t in rids or s == t:
            continue
        out_edges.setdefault((s, t, str(e.get("kind"))), dict(e, source=s, target=t))
    return [n for n in nodes if str(n["id"]) not in rids], list(out_edges.values()), len(rids)


def _columns(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> dict[str, int]:
    """Column of each node: reports first, then outlets by citation depth, origins last.

    The columns follow the meaning of the chain (report → outlet → cited outlet → origin) rather than raw path
    length, so a copy edge between two reports does not push one report among the outlets. Among the middle
    nodes, an outlet sits one column right of the deepest outlet citing it (cycles are cut where found).
    """
    kind = {str(n["id"]): str(n.get("kind") or "") for n in nodes}
    first = {i for i, k in kind.items() if k == "report"}
    last = {i for i, k in kind.items() if k in _ORIGIN_KINDS or i.startswith("origin:")}
    middle = [i for i in kind if i not in first and i not in last]
    succ: dict[str, list[str]] = {i: [] for i in middle}
    indeg = {i: 0 for i in middle}
    for e in edges:
        s, t = str(e["source"]), str(e["target"])
        if s in succ and t in succ and s != t:
            succ[s].append(t)
            indeg[t] += 1
    depth = {i: 0 for i in middle}
    queue = [i for i in middle if indeg[i] == 0]
    done: set[str] = set()
    while True:
        while queue:
            v = queue.pop()
            done.add(v)
            for w in succ[v]:
                if w in done:
                    continue
                depth[w] = max(depth[w], depth[v] + 1)
                indeg[w] -= 1
                if indeg[w] == 0:
                    queue.append(w)
        rest = [i for i in middle if i not in done]
        if not rest:
            break
        queue = [min(rest, key=lambda i: indeg[i])]  # break a citation cycle at its least-cited node
    base = 1 if first else 0
    col = {i: 0 for i in first}
    col.update({i: base + depth[i] for i in middle})
    end = base + (max(depth.values()) + 1 if middle else 0)
    col.update({i: end for i in last})
    return col


def _order(placed: dict[str, _Placed], links: list[tuple[str, str]], sweeps: int = 6) -> None:
    """Barycentre ordering within columns, sweeping both ways, to reduce edge crossings."""
    cols: dict[int, list[str]] = {}
    for p in placed.values():
        cols.setdefault(p.col, []).append(p.id)
    nbrs: dict[str, list[str]] = {i: [] for i in placed}
    for s, t in links:
        nbrs[s].append(t)
        nbrs[t].append(s)
    for ids in cols.values():
        for r, nid in enumerate(ids):
            placed[nid].row = r
    order = sorted(cols)
    for sweep in range(sweeps):
        seq = order if sweep % 2 == 0 else list(reversed(order))
        prev = None
        for c in seq:
            ref = prev
            prev = c
            if ref is None:
                continue
            def bary(nid: str, ref: int = ref) -> float:
                rows = [placed[m].row / max(1, len(cols[ref])) for m in nbrs[nid] if placed[m].col == ref]
                return sum(rows) / len(rows) if rows else placed[nid].row / max(1, len(cols[c]))
            ids = sorted(cols[c], key=lambda n: (bary(n), placed[n].row))
            cols[c] = ids
            for r, nid in enumerate(ids):
                placed[nid].row = r


def _short(s: str, n: int) -> str:
    return s if len(s) <= n else s[: n - 1].rstrip() + "…"


@layouts.register("layered.v1")
def render_graph_svg(dossier: Mapping[str, Any], *, max_nodes: int = 120,
                     href: Callable[[str], str | None] | None = None) -> str:
    """The dossier's provenance graph as an inline SVG (layered left to right), or a note when it has no edges.

    Layered (Sugiyama-style) drawing: semantic columns, edges spanning several columns routed through virtual
    slots so they never cross a box, barycentre ordering against crossings, copy edges between reports drawn as
    dashed arcs on the left. Each edge's tooltip quotes its evidence span.

    Args:
        dossier: the dossier dict.
        max_nodes: above this many nodes, report nodes are folded into their outlets.
        href: node id → URL (the web UI): each node becomes a link, and each edge with an evidence span links to
            it through ``href("span:<report>:<start>:<end>")``; None (the exported file) draws no links.

    Returns:
        An HTML fragment: ``<svg>`` plus a legend, every label escaped.
    """
    nodes, edges = sh.graph_parts(dossier)
    if not edges:
        return '<p class="nt-none">No provenance edges found.</p>'
    nodes, edges, folded = _collapse_reports(nodes, edges, max_nodes)
    col = _columns(nodes, edges)
    placed = {str(n["id"]): _Placed(str(n["id"]), str(n.get("label") or n["id"]), str(n.get("kind") or ""),
                                    col[str(n["id"])]) for n in nodes}
    # Edges that skip columns get one virtual slot per column crossed.
    chains: list[tuple[dict[str, Any], list[str]]] = []
    links: list[tuple[str, str]] = []
    for k, e in enumerate(edges):
        s, t = str(e["source"]), str(e["target"])
        path = [s]
        if placed[t].col > placed[s].col + 1:
            for c in range(placed[s].col + 1, placed[t].col):
                vid = f"\x00v{k}:{c}"
                placed[vid] = _Placed(vid, "", "", c, virtual=True)
                path.append(vid)
        path.append(t)
        chains.append((e, path))
        links += list(zip(path, path[1:]))
    _order(placed, links)

    ncols = max(p.col for p in placed.values()) + 1
    # Column width from its longest label (12px system font ≈ 6.6px per character; 7 leaves a margin).
    col_w = [0] * ncols
    for p in placed.values():
        if not p.virtual:
            col_w[p.col] = max(col_w[p.col], min(340, max(120, int(len(p.label) * 7.0) + 18)))
    col_w = [w or 60 for w in col_w]
    box_h, gap, row_h, pad_x, pad_y = 28, 70, 40, 44, 14
    col_x = [pad_x + sum(col_w[:c]) + gap * c for c in range(ncols)]
    rows_in = [sum(1 for p in placed.values() if p.col == c) for c in range(ncols)]
    nrows = max(rows_in)
    width = col_x[-1] + col_w[-1] + pad_x // 2
    height = pad_y * 2 + nrows * row_h

    def top(p: _Placed) -> float:
        # centre short columns vertically so chains read as chains
        return pad_y + (nrows - rows_in[p.col]) * row_h / 2 + p.row * row_h

    colors = sorted(set(_EDGE_COLORS.values()) | {"#555"})
    marker_of = {c: i for i, c in enumerate(colors)}
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
             f'height="{height}" role="img" aria-label="Provenance graph" font-family="system-ui,sans-serif" '
             f'font-size="12">',
             "<defs>" + "".join(
                 f'<marker id="nt-arrow-{i}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
                 f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{c}"/></marker>'
                 for i, c in enumerate(colors)) + "</defs>"]
    for e, path in chains:
        pts = [placed[i] for i in path]
        s, t = pts[0], pts[-1]
        color = _EDGE_COLORS.get(str(e.get("kind")), "#555")
        if t.col > s.col:
            x = col_x[s.col] + col_w[s.col]
            y = top(s) + box_h / 2
            d = f"M{x:.1f},{y:.1f}"
            for p in pts[1:]:
                nx0 = col_x[p.col]
                ny = top(p) + box_h / 2
                mid = (x + nx0) / 2
                d += f" C{mid:.1f},{y:.1f} {mid:.1f},{ny:.1f} {nx0:.1f},{ny:.1f}"
                x, y = nx0, ny
                if p.virtual:
                    x = col_x[p.col] + col_w[p.col]
                    d += f" L{x:.1f},{y:.1f}"
        else:  # same or earlier column (a copy between reports): an arc on the left of the boxes
            x1, y1 = col_x[s.col], top(s) + box_h / 2
            x2, y2 = col_x[t.col], top(t) + box_h / 2
            bulge = min(pad_x - 6, 14 + abs(y2 - y1) / 6)
            d = f"M{x1:.1f},{y1:.1f} C{x1 - bulge:.1f},{y1:.1f} {x2 - bulge:.1f},{y2:.1f} {x2:.1f},{y2:.1f}"
        dash = ' stroke-dasharray="6 4"' if str(e.get("kind")) in {"copies", "copy"} else ""
        ev = e.get("evidence") if isinstance(e.get("evidence"), Mapping) else {}
        tip = f"{s.label} —{e.get('kind') or 'edge'}→ {t.label}"
        if ev.get("text"):
            tip += f'\n“{ev["text"]}” ({ev.get("report")} {ev.get("start")}–{ev.get("end")})'
        edge = (f'<path d="{d}" fill="none" stroke="{color}" stroke-width="1.8"{dash} '
                f'marker-end="url(#nt-arrow-{marker_of[color]})"><title>{_e(tip)}</title></path>')
        ev_url = href(f"span:{ev.get('report')}:{ev.get('start')}:{ev.get('end')}") if href and ev.get("report") else None
        parts.append(f'<a href="{_e(ev_url)}">{edge}</a>' if ev_url else edge)
    for p in placed.values():
        if p.virtual:
            continue
        x, y, w = col_x[p.col], top(p), col_w[p.col]
        fill = _NODE_FILL.get(p.kind, "#eceff3")
        node = (f'<g class="node k-{_e(p.kind)}"><title>{_e(p.label)} ({_e(p.kind)})</title>'
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{w}" height="{box_h}" rx="6" fill="{fill}" '
                f'stroke="#8a94a6" stroke-width="1"/>'
                f'<text x="{x + 8:.1f}" y="{y + box_h / 2 + 4:.1f}" fill="#1d2433">'
                f'{_e(_short(p.label, int((w - 14) / 7.0)))}</text></g>')
        url = href(p.id) if href else None
        parts.append(f'<a href="{_e(url)}" class="nt-node-link">{node}</a>' if url else node)
    parts.append("</svg>")
    legend = [("cites / according to", "#2d5ea8"), ("copies / credit", "#c0392b"),
              ("rests on / quotes / obtained", "#1f7a4d"), ("published by", "#a3abb8")]
    leg = '<div class="nt-legend">' + "".join(f'<span><i style="border-color:{c}"></i>{_e(t)}</span>'
                                              for t, c in legend)
    leg += "<span>Columns run from reports (left) through outlets to origins (right).</span>"
    if folded:
        leg += f"<span>{folded} report nodes folded into their outlets.</span>"
    return "".join(parts) + leg + "</div>"
