"""Render a story dossier as Markdown: a readable brief an analyst can paste into notes or a ticket.

Sections, in order: header, reports, claims (each with its wordings per outlet, origins, independence and how
the origin reaches the reader: a warning only for a laundered claim, a plain note for an openly single-sourced one), origins, entities, copies, divergences, framing side by side, timeline, provenance
edges. Text from reports is untrusted: it is escaped so that it can neither break a table nor inject HTML into a
Markdown viewer that renders inline HTML.

Example:
    >>> md = render_markdown({"id": "S1", "title": "Dam deal", "reports": [], "claims": []})
    >>> md.splitlines()[0]
    '# Dam deal'
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from . import _shape as sh

__all__ = ["render_markdown", "escape_md"]

# Characters that start Markdown constructs inline; escaping them keeps report text literal.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|])")


def escape_md(text: Any, *, cell: bool = False) -> str:
    """Make untrusted text literal in Markdown.

    Args:
        text: any value; ``None`` becomes an empty string.
        cell: also fold newlines, for use inside a table cell.

    Returns:
        The text with HTML metacharacters as entities and Markdown punctuation backslash-escaped.

    Example:
        >>> escape_md("<b>a|b</b>", cell=True)
        '&lt;b&gt;a\\\\|b&lt;/b&gt;'
    """
    if text is None:
        return ""
    s = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    s = _MD_SPECIAL.sub(r"\\\1", s)
    if cell:
        s = re.sub(r"\s*\n\s*", " ", s)
    return s


def code_md(text: Any) -> str:
    """Untrusted text as an inline code span that is safe inside a table cell.

    Example:
        >>> code_md("a#1")
        '`a#1`'
    """
    s = re.sub(r"\s+", " ", "" if text is None else str(text)).replace("|", "\\|")
    fence = "``" if "`" in s else "`"
    return f"{fence} {s} {fence}" if fence == "``" else f"`{s}`"


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return out


def _quote(s: str) -> str:
    return f"“{s}”" if s else ""


def render_markdown(dossier: Mapping[str, Any]) -> str:
    """Render one story dossier (the issue-6 dict) as Markdown.

    Args:
        dossier: the dict from ``newstrace.provenance.dossier.build_dossier`` / ``Corpus.dossier``; missing optional
            sections are rendered as "none found" rather than failing.

    Returns:
        Markdown text ending with a newline.

    Raises:
        TypeError: when `dossier` is not a mapping.

    Example:
        >>> "## Claims" in render_markdown({"id": "S1", "claims": []})
        True
    """
    if not isinstance(dossier, Mapping):
        raise TypeError(f"render_markdown needs a dossier dict, got {type(dossier).__name__}")
    d = dossier
    reps = sh.reports_by_id(d)
    origins = sh.origins_by_id(d)
    claims = [c for c in d.get("claims") or [] if isinstance(c, Mapping)]
    L: list[str] = []
    title = d.get("title") or f"Story {d.get('id')}"
    L.append(f"# {escape_md(title, cell=True)}")
    L.append("")
    outlets = sorted({str(r.get("outlet")) for r in reps.values() if r.get("outlet")})
    dates = sorted(str(r.get("published"))[:10] for r in reps.values() if r.get("published"))
    facts = [f"Story {code_md(d.get('id'))}", sh.plural(len(reps), "report"), sh.plural(len(outlets), "outlet"),
             sh.plural(len(claims), "claim")]
    if dates:
        facts.append(f"{dates[0]} to {dates[-1]}" if dates[0] != dates[-1] else dates[0])
    L.append(" · ".join(facts))
    if outlets:
        L += ["", "Outlets: " + ", ".join(escape_md(o) for o in outlets)]
    L.append("")
    groups = sh.subevent_groups(d, reps)
    if groups:
        L += ["> " + sh.SUBEVENT_NOTE.format(n=len(groups)), ">"]
        for k, labels in enumerate(groups, 1):
            L.append(f"> - Event {k}: " + "; ".join(escape_md(x, cell=True) for x in labels))
        L.append("")

    L += ["## Reports", ""]
    if reps:
        rows = []
        for r in reps.values():
            url = str(r.get("url") or "")
            link = f"<{escape_md(url)}>" if url.startswith(("http://", "https://")) else escape_md(url, cell=True)
            rows.append([code_md(r.get('id')), escape_md(r.get("outlet"), cell=True),
                         escape_md(r.get("title"), cell=True), escape_md(str(r.get("published") or "")[:10]
                                   or (f"no date: {r['published_evidence']}" if r.get("published_evidence") else ""),
                                   cell=True), link])
        L += _table(["id", "outlet", "title", "published", "url"], rows)
    else:
        L.append("_No reports._")
    L.append("")

    L += ["## Claims", ""]
    if not claims:
        L += ["_No claims found._", ""]
    for c in claims:
        n = int(c.get("independent_origins") or 0)
        L.append(f"### {escape_md(c.get('id'))}: {escape_md(c.get('text'), cell=True)}")
        L.append("")
        meta = [f"**{sh.independent_label(n)}**", f"carried by {sh.plural(len(c.get('reports') or []), 'report')}"]
        if c.get("speaker"):
            meta.insert(0, f"Speaker: {escape_md(c['speaker'], cell=True)}")
        L.append(" · ".join(meta))
        roots = [sh.origin_name(o, origins) for o in c.get("origins") or []]
        if roots:
            L.append("")
            L.append("Origins: " + "; ".join(escape_md(r, cell=True) for r in roots))
        held = sh.positions_line(c)
        if held:
            L += ["", escape_md(held)]
        warn, line = sh.reach_line(c, origins)
        if line:
            L += ["", f"> ⚠ **{escape_md(line)}**" if warn else f"> {escape_md(line)}"]
        L.append("")
        ws = sh.wordings(c, d, reps)
        if ws:
            L += _table(["outlet", "report", "wording"],
                        [[escape_md(w.outlet, cell=True), code_md(w.report),
                          escape_md(_quote(w.text), cell=True)] for w in ws])
            L.append("")

    L += ["## Origins and independence", ""]
    if origins:
        backs: dict[str, list[str]] = {}
        for c in claims:
            for o in c.get("origins") or []:
                backs.setdefault(str(o), []).append(str(c.get("id")))
        L += _table(["origin", "kind", "claims it stands behind"],
                    [[escape_md(o.get("name"), cell=True), escape_md(o.get("kind"), cell=True),
                      escape_md(", ".join(backs.get(oid, [])) or "—", cell=True)] for oid, o in origins.items()])
        if claims:
            L.append("")
            with_reach = any("reach" in c for c in claims)
            L += _table(["claim", "independent origins", "circular"] + (["reach"] if with_reach else []),
                        [[escape_md(c.get("id")), str(int(c.get("independent_origins") or 0)),
                          ("yes ⚠" if sh.reach_line(c, origins)[0] else "yes") if c.get("circular") else "no"]
                         + ([escape_md(c.get("reach") or "—")] if with_reach else []) for c in claims])
    else:
        L.append("_No origins found._")
    L.append("")

    L += ["## Entities", ""]
    ents = [e for e in d.get("entities") or [] if isinstance(e, Mapping)]
    if ents:
        L += _table(["entity", "type", "variants", "reports"],
                    [[escape_md(e.get("name"), cell=True), escape_md(e.get("type"), cell=True),
                      escape_md("; ".join(map(str, e.get("variants") or [])), cell=True),
                      str(len(e.get("reports") or []))] for e in ents])
    else:
        L.append("_No entities found._")
    L.append("")

    L += ["## Copies", ""]
    copies = [c for c in d.get("copies") or [] if isinstance(c, Mapping)]
    if not copies:
        L.append("_No copied reports found._")
    for cp in copies:
        a, b = str(cp.get("a")), str(cp.get("b"))
        orig = cp.get("original")
        share = cp.get("share")
        pct = f"{float(share):.0%} shared" if isinstance(share, (int, float)) else "shared text"
        def tag(r: str) -> str:
            return f"{code_md(r)} ({escape_md(sh.outlet_of(d, r, reps), cell=True)})"

        if orig in (a, b):
            L.append(f"- {tag(b if orig == a else a)} copies {tag(str(orig))}, {pct}")
        else:
            L.append(f"- {tag(a)} and {tag(b)} share text (original unknown), {pct}")
        for pa, pb, quoted in sh.copy_passages(cp)[:3]:
            if quoted:
                L.append(f"  - {escape_md(_quote(pa), cell=True)}" + (
                    f" ↔ {escape_md(_quote(pb), cell=True)}" if pb and pb != pa else ""))
            else:
                L.append(f"  - shared passage: {escape_md(pa)} of {code_md(a)} ↔ {escape_md(pb)} of {code_md(b)}")
    L.append("")

    L += ["## Divergences", ""]
    divs = sh.divergence_rows(d)
    if not divs:
        L.append("_No divergences found._")
    claim_text = {str(c.get("id")): str(c.get("text") or "") for c in claims}
    some: list[list[str]] = []
    ones: list[list[str]] = []
    for dv in divs:
        outlets = {v: ", ".join(sh.outlet_of(d, r, reps) for r in rids) for v, rids in dv.values}
        if dv.kind not in sh.COVERAGE_KINDS:  # a conflict: each value with the outlets that give it
            head = f"- **{escape_md(dv.kind.replace('_', ' '))}**" + (
                f" in {escape_md(dv.claim)}" if dv.claim else "") + (
                f": {escape_md(dv.what, cell=True)}" if dv.what else "")
            L.append(head + (f" ({escape_md(dv.detail, cell=True)})" if dv.detail else ""))
            for value, who in outlets.items():
                L.append(f"  - {escape_md(value, cell=True)}" + (f": {escape_md(who, cell=True)}" if who else ""))
        elif dv.claim and ("carried by" in outlets or "not in" in outlets):
            some.append([escape_md(f"{dv.claim} {sh.short(claim_text.get(dv.claim, ''), 80)}", cell=True),
                         escape_md(outlets.get("carried by", ""), cell=True),
                         escape_md(outlets.get("not in", ""), cell=True)])
        else:
            ones += [[escape_md(who, cell=True), escape_md(_quote(v), cell=True), escape_md(dv.detail, cell=True)]
                     for v, who in outlets.items()]
    if some:
        L += ([""] if L[-1] else []) + ["Claims only some reports carry:", ""] + _table(["claim", "carried by", "not in"], some)
    if ones:
        L += ([""] if L[-1] else []) + ["Said in one report only:", ""] + _table(["report", "what it says", "detail"], ones)
    L.append("")

    L += ["## Framing", ""]
    rows = sh.framing_rows(d)
    if not rows:
        L.append("_No framing differences found._")
    else:
        # Side by side: one column per outlet, one row per thing named, so word choices line up.
        cols: list[str] = []
        for row in rows:
            for who, _ in row.choices:
                name = sh.outlet_of(d, who, reps)
                if name not in cols:
                    cols.append(name)
        table_rows = []
        for row in rows:
            cells = {c: [] for c in cols}
            for who, ws in row.choices:
                cells[sh.outlet_of(d, who, reps)].extend(ws)
            kind = row.kind.replace("_", " ")
            label = row.about + (f" ({kind})" if kind and row.kind != row.about else "")
            table_rows.append([escape_md(label, cell=True)] +
                              [escape_md("; ".join(_quote(w) for w in cells[c]), cell=True) or "—" for c in cols])
        L += _table(["about"] + [escape_md(c, cell=True) for c in cols], table_rows)
    L.append("")

    L += ["## Timeline", ""]
    tl = sh.timeline_rows(d)
    if tl:
        L += _table(["date", "event", "as written", "reports"],
                    [[escape_md(t.date), escape_md(t.text, cell=True), escape_md(t.relative, cell=True),
                      escape_md(", ".join(sh.outlet_of(d, r, reps) for r in t.reports), cell=True)] for t in tl])
    else:
        L.append("_No dated events found._")
    L.append("")

    notes = [n for n in d.get("notes") or [] if n]
    if notes:  # what the pipeline could not do for this story
        L += ["## Notes", ""] + [f"- {escape_md(n, cell=True)}" for n in notes] + [""]

    nodes, edges = sh.graph_parts(d)
    if edges:
        labels = {str(n["id"]): str(n.get("label") or n["id"]) for n in nodes}
        L += ["## Provenance graph", "", f"{sh.plural(len(nodes), 'node')}, {sh.plural(len(edges), 'edge')}.", ""]
        for e in edges:
            ev = e.get("evidence") if isinstance(e.get("evidence"), Mapping) else None
            line = (f"- {escape_md(labels[str(e['source'])], cell=True)} —{escape_md(e.get('kind') or 'edge')}→ "
                    f"{escape_md(labels[str(e['target'])], cell=True)}")
            if ev and ev.get("text"):
                line += f": {escape_md(_quote(str(ev['text'])), cell=True)} ({code_md(ev.get('report'))})"
            L.append(line)
        L.append("")
    return "\n".join(L).rstrip() + "\n"
