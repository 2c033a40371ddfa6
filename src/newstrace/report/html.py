"""Render a story dossier as one self-contained HTML page that opens offline.

Everything is inline: CSS in a ``<style>`` element, the provenance graph as an SVG (laid out by
`newstrace.report.svg`, left to right from reports to origins), no scripts, fonts, images or links to fetch.
A Content-Security-Policy meta tag forbids any load, so even a hostile report cannot make the page phone home.
Every piece of report text is HTML-escaped, and only ``http(s)`` URLs become links.

The page shows: header; claims as cards (per-outlet wordings side by side, an "N independent origins" badge, a
circular-reporting warning, the origins); the provenance graph; origins; reports; entities; copies; divergences;
framing side by side; timeline. `render_body` returns the same content without the page shell, for the web UI.

Example:
    >>> page = render_html({"id": "S1", "title": "<b>Dam</b>", "claims": []})
    >>> "&lt;b&gt;Dam&lt;/b&gt;" in page and "<b>Dam</b>" not in page
    True
"""
from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from . import _shape as sh
from .svg import render_graph_svg

__all__ = ["render_html", "render_body", "render_graph_svg", "Links", "STYLE", "CSP"]

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


# C0 controls other than tab/newline are invalid in HTML and in the inline SVG; drop them from report text.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _e(v: Any) -> str:
    return html.escape(_CONTROL.sub(" ", "" if v is None else str(v)), quote=True)


def _url(u: Any, text: Any = None) -> str:
    s = "" if u is None else str(u).strip()
    if s.lower().startswith(("http://", "https://")):
        return f'<a href="{_e(s)}" rel="noopener noreferrer nofollow">{_e(text if text is not None else s)}</a>'
    return _e(text if text is not None else s)


STYLE = """
:root{--ink:#1d2433;--muted:#5b6475;--line:#d9dee7;--bg:#f6f7f9;--card:#fff;--ok:#1f7a4d;--okbg:#e3f4ea;
--warn:#9a5b00;--warnbg:#fff2d6;--bad:#a12828;--badbg:#fde7e7;--accent:#2d5ea8}
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:var(--ink);
background:var(--bg)}
.nt-dossier{max-width:1200px;margin:0 auto;padding:20px 24px 60px}
.nt-dossier h1{font-size:1.6em;margin:.2em 0 .3em;line-height:1.25}
.nt-dossier h2{font-size:1.2em;margin:2em 0 .6em;padding-bottom:.25em;border-bottom:2px solid var(--line)}
.nt-facts{color:var(--muted);margin:.2em 0 .6em}
.nt-subevents{border-left:4px solid #d9a400;background:#fff8e1;padding:.4em .8em;margin:.6em 0}
.nt-toc{display:flex;flex-wrap:wrap;gap:6px 14px;font-size:.9em;margin:.6em 0 0}
.nt-toc a{color:var(--accent);text-decoration:none}
.nt-chip{display:inline-block;padding:1px 8px;margin:2px 4px 2px 0;border-radius:10px;background:#eef1f6;
border:1px solid var(--line);font-size:.85em;white-space:nowrap}
.nt-chip.k-document{background:#fff6e0}.nt-chip.k-person{background:#e8f1ff}.nt-chip.k-organisation{background:#eaf7ef}
.nt-chip.k-unnamed{background:#f3ecfb}
.nt-cards{display:grid;gap:16px;grid-template-columns:minmax(0,1fr)}
.nt-card{min-width:0;background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 16px;
box-shadow:0 1px 2px rgba(0,0,0,.04)}
.nt-card.circular{border-left:5px solid var(--warn)}
a.nt-chip{color:inherit;text-decoration:none}
.nt-nodes{columns:2 320px;font-size:.88em;margin:.4em 0 0;padding-left:1.2em}
.nt-nodes a{color:var(--accent)}
.nt-claim-head{display:flex;gap:12px;align-items:flex-start;justify-content:space-between;flex-wrap:wrap}
.nt-claim-text{font-weight:600;font-size:1.05em;flex:1 1 420px}
.nt-id{color:var(--muted);font-weight:400;margin-right:6px}
.nt-badges{display:flex;gap:6px;flex-wrap:wrap}
.nt-badge{display:inline-block;padding:3px 10px;border-radius:12px;font-size:.85em;font-weight:600;white-space:nowrap}
.nt-badge.origins-1{background:var(--warnbg);color:var(--warn)}
.nt-badge.origins-many{background:var(--okbg);color:var(--ok)}
.nt-badge.origins-0{background:#eee;color:var(--muted)}
.nt-badge.reports{background:#eef1f6;color:var(--muted)}
.nt-warning{margin:10px 0 4px;padding:7px 10px;border-radius:6px;background:var(--warnbg);color:var(--warn);
font-size:.92em}
.nt-meta{color:var(--muted);font-size:.9em;margin:6px 0}
.nt-wordings{display:flex;flex-wrap:wrap;gap:10px;padding:6px 0 2px}
.nt-wording{flex:1 1 190px;min-width:0;background:#fafbfc;border:1px solid var(--line);border-radius:8px;
padding:8px 10px}
.nt-wording .who{font-weight:600;font-size:.88em}
.nt-wording .rid{color:var(--muted);font-size:.78em;font-family:ui-monospace,Menlo,Consolas,monospace;
word-break:break-all}
.nt-wording blockquote{margin:6px 0 0;font-size:.93em}
.nt-same{display:inline-block;margin-top:3px;font-size:.75em;color:var(--bad);background:var(--badbg);border-radius:8px;
padding:0 6px}
.nt-more summary{cursor:pointer;color:var(--accent);font-size:.9em;margin-top:6px}
table.nt{border-collapse:collapse;width:100%;background:var(--card);font-size:.92em}
table.nt th,table.nt td{border:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
table.nt th{background:#eef1f6;font-weight:600}
.nt-scroll{overflow-x:auto}
code,.mono{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.88em}
.nt-none{color:var(--muted);font-style:italic}
.nt-graph{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:8px;overflow-x:auto}
.nt-graph svg{display:block;max-width:100%;height:auto}
.nt-legend{display:flex;flex-wrap:wrap;gap:4px 14px;font-size:.82em;color:var(--muted);margin:6px 4px}
.nt-legend i{display:inline-block;width:18px;height:0;border-top:3px solid;vertical-align:middle;margin-right:4px}
.nt-div{display:flex;gap:10px;flex-wrap:wrap;margin-top:6px}
.nt-div .val{background:var(--badbg);border:1px solid #f1c4c4;border-radius:8px;padding:6px 10px}
.nt-div .val b{color:var(--bad)}
.nt-sub{font-size:1em;margin:1.2em 0 .4em;color:var(--muted)}
.nt-timeline{list-style:none;margin:0;padding:0;border-left:3px solid var(--line)}
.nt-timeline li{margin:0 0 10px;padding-left:14px;position:relative}
.nt-timeline li:before{content:"";position:absolute;left:-8px;top:6px;width:13px;height:13px;border-radius:50%;
background:var(--accent)}
.nt-timeline .date{font-weight:600;font-family:ui-monospace,Menlo,Consolas,monospace}
.nt-quote{font-style:italic}
"""

# ---- sections --------------------------------------------------------------------------------------------------

# Wording boxes per row at desktop width: (1200px page - 80px padding) // (190px box + 10px gap); two rows show
# before the rest fold into a <details>.
_PER_ROW = (1200 - 80) // (190 + 10)
SHOWN = 2 * _PER_ROW


@dataclass(frozen=True)
class Links:
    """Where the web UI sends a reader from a dossier (the exported file has no server: it links nowhere).

    ``span(report, start, end)`` is the URL of a character span of a report, ``entity(id)`` an entity's page (None:
    no page), ``outlet(name)`` a list of the outlet's stories (None: no link).
    """

    span: Callable[[str, int | None, int | None], str]
    entity: Callable[[str], str | None] = lambda _id: None
    outlet: Callable[[str], str | None] = lambda _name: None


def _claim_card(c: Mapping[str, Any], d: Mapping[str, Any], reps: dict[str, dict[str, Any]],
                origins: dict[str, dict[str, Any]], links: Links | None = None) -> str:
    n = int(c.get("independent_origins") or 0)
    cls = "origins-0" if n == 0 else ("origins-1" if n == 1 else "origins-many")
    nrep = len(c.get("reports") or [])
    out = [f'<div class="nt-card claim{" circular" if c.get("circular") else ""}" id="claim-{_e(c.get("id"))}">',
           '<div class="nt-claim-head">',
           f'<div class="nt-claim-text"><span class="nt-id">{_e(c.get("id"))}</span>{_e(c.get("text"))}</div>',
           f'<div class="nt-badges"><span class="nt-badge {cls}" title="origins that do not descend from one another">'
           f'{_e(sh.independent_label(n))}</span>'
           f'<span class="nt-badge reports">{_e(sh.plural(nrep, "report"))}</span></div></div>']
    meta = []
    if c.get("speaker"):
        meta.append(f"Speaker: <b>{_e(c['speaker'])}</b>")
    roots = c.get("origins") or []
    if roots:
        chips = "".join(
            f'<a class="nt-chip k-{_e((origins.get(str(o)) or {}).get("kind") or "")}" href="#origin-{_e(o)}">'
            f'{_e(sh.origin_name(o, origins))}</a>' for o in roots)
        meta.append(f"Origins: {chips}")
    held = sh.positions_line(c)
    if held:
        meta.append(_e(held))
    if meta:
        out.append(f'<div class="nt-meta">{" · ".join(meta)}</div>')
    warn, line = sh.reach_line(c, origins)
    if line:
        out.append(f'<div class="nt-warning" role="note">⚠ {_e(line)}</div>' if warn else
                   f'<div class="nt-meta nt-reach">{_e(line)}</div>')
    ws = sh.wordings(c, d, reps)
    if ws:
        # Word-for-word identical wordings (wire copies) share one box that lists every report carrying them, so
        # the boxes left side by side are the genuinely different wordings; beyond SHOWN boxes the rest fold away.
        groups: dict[str, list[sh.Wording]] = {}
        for w in ws:
            groups.setdefault(" ".join(w.text.split()).casefold(), []).append(w)
        boxes = []
        for same in groups.values():
            who = " · ".join(dict.fromkeys(w.outlet for w in same))
            rids = "".join(
                f'<div class="rid">{_e(w.report)}'
                f'{_e(f" {w.start}–{w.end}" if w.start is not None and w.end is not None else "")}</div>'
                if links is None or not w.report else
                f'<div class="rid"><a href="{_e(links.span(w.report, w.start, w.end))}">{_e(w.report)}'
                f'{_e(f" {w.start}–{w.end}" if w.start is not None and w.end is not None else "")}</a></div>'
                for w in same)
            tag = f'<div class="nt-same">same words in {len(same)} reports</div>' if len(same) > 1 else ""
            boxes.append(f'<div class="nt-wording"><div class="who">{_e(who)}</div>{rids}{tag}'
                         f'<blockquote>“{_e(same[0].text)}”</blockquote></div>')
        out.append('<div class="nt-wordings">' + "".join(boxes[:SHOWN]) + "</div>")
        if len(boxes) > SHOWN:
            out.append(f'<details class="nt-more"><summary>{len(boxes) - SHOWN} more wordings</summary>'
                       f'<div class="nt-wordings">{"".join(boxes[SHOWN:])}</div></details>')
    out.append("</div>")
    return "".join(out)


def _table(headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{h}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    return f'<div class="nt-scroll"><table class="nt"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'


def _none(what: str) -> str:
    return f'<p class="nt-none">No {_e(what)} found.</p>'


def render_body(dossier: Mapping[str, Any], links: Links | None = None) -> str:
    """The dossier as an HTML fragment (a ``<div class="nt-dossier">``), styled by `STYLE`.

    Args:
        dossier: the dossier dict (issue-6 contract); missing optional sections render as "none found".
        links: where spans, entities and outlets link to (the web UI); None (the exported file) links only
            inside the page.

    Returns:
        HTML with all report text escaped.

    Raises:
        TypeError: when `dossier` is not a mapping.
    """
    if not isinstance(dossier, Mapping):
        raise TypeError(f"render_body needs a dossier dict, got {type(dossier).__name__}")
    d = dossier
    reps = sh.reports_by_id(d)
    origins = sh.origins_by_id(d)
    claims = [c for c in d.get("claims") or [] if isinstance(c, Mapping)]
    outlets = sorted({str(r.get("outlet")) for r in reps.values() if r.get("outlet")})
    dates = sorted(str(r.get("published"))[:10] for r in reps.values() if r.get("published"))
    H: list[str] = ['<div class="nt-dossier">']
    H.append(f'<h1>{_e(d.get("title") or "Story " + str(d.get("id")))}</h1>')
    facts = [f'story <code>{_e(d.get("id"))}</code>', sh.plural(len(reps), "report"),
             sh.plural(len(outlets), "outlet"), sh.plural(len(claims), "claim")]
    if dates:
        facts.append(_e(f"{dates[0]} to {dates[-1]}" if dates[0] != dates[-1] else dates[0]))
    H.append(f'<div class="nt-facts">{" · ".join(facts)}</div>')
    if outlets:
        H.append("<div>" + "".join(f'<span class="nt-chip">{_e(o)}</span>' for o in outlets) + "</div>")
    groups = sh.subevent_groups(d, reps)
    if groups:
        H.append('<div class="nt-subevents"><p>' + _e(sh.SUBEVENT_NOTE.format(n=len(groups))) + "</p><ol>"
                 + "".join("<li>" + "; ".join(_e(x) for x in labels) + "</li>" for labels in groups) + "</ol></div>")
    sections = [("claims", "Claims"), ("graph", "Provenance graph"), ("origins", "Origins"), ("reports", "Reports"),
                ("entities", "Entities"), ("copies", "Copies"), ("divergences", "Divergences"),
                ("framing", "Framing"), ("timeline", "Timeline")]
    H.append('<nav class="nt-toc">' + "".join(f'<a href="#{k}">{t}</a>' for k, t in sections) + "</nav>")

    H.append('<h2 id="claims">Claims</h2>')
    if claims:
        H.append('<div class="nt-cards">' + "".join(_claim_card(c, d, reps, origins, links) for c in claims)
                 + "</div>")
    else:
        H.append(_none("claims"))

    H.append('<h2 id="graph">Provenance graph</h2>')
    H.append(f'<div class="nt-graph">{render_graph_svg(d, href=_graph_href(d, links))}</div>')
    H.append(_node_list(d, links))

    H.append('<h2 id="origins">Origins and independence</h2>')
    if origins:
        backs: dict[str, list[str]] = {}
        for c in claims:
            for o in c.get("origins") or []:
                backs.setdefault(str(o), []).append(str(c.get("id")))
        H.append(_table(["origin", "kind", "claims it stands behind"],
                        [[f'<span id="origin-{_e(oid)}">{_e(o.get("name"))}</span>',
                          f'<span class="nt-chip k-{_e(o.get("kind"))}">{_e(o.get("kind"))}</span>',
                          ", ".join(f'<a href="#claim-{_e(c)}">{_e(c)}</a>' for c in backs.get(oid, [])) or "—"]
                         for oid, o in origins.items()]))
    else:
        H.append(_none("origins"))

    H.append('<h2 id="reports">Reports</h2>')
    if reps:
        H.append(_table(["id", "outlet", "title", "published", "url"],
                        [[_report_id(str(r.get("id")), links), _e(r.get("outlet")), _e(r.get("title")),
                          _published(r), _url(r.get("url"))] for r in reps.values()]))
    else:
        H.append(_none("reports"))

    H.append('<h2 id="entities">Entities</h2>')
    ents = [e for e in d.get("entities") or [] if isinstance(e, Mapping)]
    if ents:
        H.append(_table(["entity", "type", "variants seen", "reports"],
                        [[_entity_name(e, links), _e(e.get("type")),
                          "".join(f'<span class="nt-chip">{_e(v)}</span>' for v in e.get("variants") or []),
                          _e(len(e.get("reports") or []))] for e in ents]))
    else:
        H.append(_none("entities"))

    H.append('<h2 id="copies">Copies</h2>')
    copies = [c for c in d.get("copies") or [] if isinstance(c, Mapping)]
    if copies:
        rows = []
        for cp in copies:
            a, b, orig = str(cp.get("a")), str(cp.get("b")), cp.get("original")
            share = cp.get("share")
            copy_id = b if orig == a else a if orig == b else None
            who = (f'{_e(sh.outlet_of(d, copy_id, reps))} <span class="mono">{_e(copy_id)}</span> copies '
                   f'{_e(sh.outlet_of(d, str(orig), reps))} <span class="mono">{_e(orig)}</span>' if copy_id else
                   f'<span class="mono">{_e(a)}</span> ↔ <span class="mono">{_e(b)}</span> (original unknown)')
            pas = "".join(f'<div class="nt-quote">“{_e(pa)}”</div>' if quoted else
                          f'<div class="nt-meta">{_e(sh.outlet_of(d, a, reps))} {_e(pa)} ↔ '
                          f'{_e(sh.outlet_of(d, b, reps))} {_e(pb)}</div>'
                          for pa, pb, quoted in sh.copy_passages(cp)[:3])
            rows.append([who, _e(f"{float(share):.0%}") if isinstance(share, (int, float)) else "", pas])
        H.append(_table(["copy", "shared", "shared passages"], rows))
    else:
        H.append(_none("copied reports"))

    H.append('<h2 id="divergences">Divergences</h2>')
    divs = sh.divergence_rows(d)
    if divs:
        # Conflicts (numbers, dates, names, titles) as red cards; coverage differences compactly in tables.
        claim_text = {str(c.get("id")): str(c.get("text") or "") for c in claims}
        some, ones = [], []
        for dv in divs:
            head = f"<b>{_e(dv.kind.replace('_', ' '))}</b>"
            if dv.claim:
                head += f' in <a href="#claim-{_e(dv.claim)}">{_e(dv.claim)}</a>'
            if dv.what:
                head += f": {_e(dv.what)}"
            if dv.detail:
                head += f' <span class="nt-meta">({_e(dv.detail)})</span>'
            outlets = {v: ", ".join(sh.outlet_of(d, r, reps) for r in rids) for v, rids in dv.values}
            if dv.kind not in sh.COVERAGE_KINDS:
                vals = "".join(f'<div class="val"><b>{_e(v)}</b><div class="nt-meta">{_e(o)}</div></div>'
                               for v, o in outlets.items())
                H.append(f'<div class="nt-card divergence conflict">{head}<div class="nt-div">{vals}</div></div>')
            elif dv.claim and ("carried by" in outlets or "not in" in outlets):
                some.append([f'<a href="#claim-{_e(dv.claim)}">{_e(dv.claim)}</a> '
                             f'{_e(sh.short(claim_text.get(dv.claim, ""), 90))}',
                             _e(outlets.get("carried by", "")), _e(outlets.get("not in", ""))])
            else:
                for v, o in outlets.items():
                    ones.append([_e(o), f'<span class="nt-quote">{_e(v)}</span>', _e(dv.detail)])
        if some:
            H.append('<h3 class="nt-sub">Claims only some reports carry</h3>')
            H.append(_table(["claim", "carried by", "not in"], some))
        if ones:
            H.append('<h3 class="nt-sub">Said in one report only</h3>')
            H.append(_table(["report", "what it says", "detail"], ones))
    else:
        H.append(_none("divergences"))

    H.append('<h2 id="framing">Framing</h2>')
    frows = sh.framing_rows(d)
    if frows:
        cols: list[str] = []
        for row in frows:
            for who, _ in row.choices:
                name = sh.outlet_of(d, who, reps)
                if name not in cols:
                    cols.append(name)
        trs = []
        for row in frows:
            cells: dict[str, list[str]] = {c: [] for c in cols}
            for who, ws in row.choices:
                cells[sh.outlet_of(d, who, reps)].extend(ws)
            label = f"<b>{_e(row.about)}</b>" + (
                f'<div class="nt-meta">{_e(row.kind.replace("_", " "))}</div>' if row.kind and row.kind != row.about
                else "")
            trs.append([label] + [", ".join(f"“{_e(w)}”" for w in cells[c]) or "—" for c in cols])
        H.append(_table(["about"] + [_e(c) for c in cols], trs))
        H.append('<p class="nt-meta">Word choices shown side by side, not scored as true or false.</p>')
    else:
        H.append(_none("framing differences"))

    H.append('<h2 id="timeline">Timeline</h2>')
    tl = sh.timeline_rows(d)
    if tl:
        items = []
        for t in tl:
            rel = f' <span class="nt-meta">(“{_e(t.relative)}”)</span>' if t.relative else ""
            who = ", ".join(sh.outlet_of(d, r, reps) for r in t.reports)
            items.append(f'<li><span class="date">{_e(t.date or "undated")}</span> {_e(t.text)}{rel}'
                         + (f'<div class="nt-meta">{_e(who)}</div>' if who else "") + "</li>")
        H.append('<ul class="nt-timeline">' + "".join(items) + "</ul>")
    else:
        H.append(_none("dated events"))
    notes = [n for n in d.get("notes") or [] if n]
    if notes:  # what the pipeline could not do for this story (a report it could not read, a stage that failed)
        H.append('<h2 id="notes">Notes</h2><ul class="nt-notes">' + "".join(f"<li>{_e(n)}</li>" for n in notes)
                 + "</ul>")
    H.append("</div>")
    return "\n".join(H)


def _report_id(rid: str, links: Links | None) -> str:
    if links is None:
        return f'<span class="mono">{_e(rid)}</span>'
    return f'<a class="mono" href="{_e(links.span(rid, None, None))}">{_e(rid)}</a>'


def _published(r: Mapping[str, Any]) -> str:
    if r.get("published"):
        return _e(str(r["published"])[:10])
    why = r.get("published_evidence")
    return f'<span class="nt-meta" title="{_e(why)}">no date: {_e(why)}</span>' if why else "—"


def _entity_name(e: Mapping[str, Any], links: Links | None) -> str:
    href = links.entity(str(e.get("id"))) if links is not None and e.get("id") else None
    name = _e(e.get("name"))
    return f'<b><a href="{_e(href)}">{name}</a></b>' if href else f"<b>{name}</b>"


def _graph_href(d: Mapping[str, Any], links: Links | None) -> Callable[[str], str | None] | None:
    """Node id → URL: a report to its page, an origin to its row, an outlet to its stories."""
    if links is None:
        return None
    reps = sh.reports_by_id(d)

    def href(node: str) -> str | None:
        kind, _, rest = node.partition(":")
        if kind == "report" and rest in reps:
            return links.span(rest, None, None)
        if kind == "origin":
            return f"#origin-{rest}"
        if kind == "outlet":
            return links.outlet(rest)
        if kind == "claim":
            return f"#claim-{rest}"
        if kind == "span":  # an edge's evidence: "span:<report>:<start>:<end>" (a report id may hold ":")
            rid, start, end = rest.rsplit(":", 2)
            return links.span(rid, int(start), int(end)) if start.isdigit() and end.isdigit() else None
        return None

    return href


def _node_list(d: Mapping[str, Any], links: Links | None) -> str:
    """Every node of the graph with its full label (the drawing shortens long labels), each edge's evidence."""
    nodes, edges = sh.graph_parts(d)
    if not edges:
        return ""
    href = _graph_href(d, links)
    label = {str(n["id"]): str(n.get("label") or n["id"]) for n in nodes}
    items = []
    for e in edges:
        s, t = str(e["source"]), str(e["target"])
        ends = []
        for x in (s, t):
            u = href(x) if href else None
            ends.append(f'<a href="{_e(u)}">{_e(label.get(x, x))}</a>' if u else _e(label.get(x, x)))
        ev = e.get("evidence") if isinstance(e.get("evidence"), Mapping) else {}
        quote = ""
        if ev.get("text"):
            q = f"“{_e(ev['text'])}”"
            if links is not None and ev.get("report"):
                q = f'<a href="{_e(links.span(str(ev["report"]), ev.get("start"), ev.get("end")))}">{q}</a>'
            quote = f' <span class="nt-meta">{q}</span>'
        items.append(f"<li>{ends[0]} —{_e(e.get('kind') or 'edge')}→ {ends[1]}{quote}</li>")
    return (f'<details class="nt-more"><summary>All {len(edges)} links of the graph, labels in full</summary>'
            f'<ul class="nt-nodes">{"".join(items)}</ul></details>')


def render_html(dossier: Mapping[str, Any]) -> str:
    """Render one story dossier as a complete, self-contained HTML document.

    Args:
        dossier: the dossier dict from ``Corpus.dossier`` / ``build_dossier``.

    Returns:
        An HTML5 document (inline CSS and SVG, no scripts, nothing fetched; a CSP forbids any load).

    Raises:
        TypeError: when `dossier` is not a mapping.

    Example:
        >>> render_html({"id": "S1", "title": "Dam deal"}).startswith("<!DOCTYPE html>")
        True
    """
    body = render_body(dossier)
    title = dossier.get("title") or f"Story {dossier.get('id')}"
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<meta name="generator" content="newstrace">\n'
            f"<title>{_e(title)} · newstrace dossier</title>\n<style>{STYLE}</style>\n</head>\n"
            f"<body>\n{body}\n</body>\n</html>\n")
