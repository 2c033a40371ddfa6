"""The workbench pages: one report in context, two reports side by side, one entity, the filtered story list.

Each function takes records the corpus already holds (a `Report`, a dossier dict, store entities) and returns
HTML; none reads the store itself, so the app decides what to fetch and what to cache. Every piece of report text
goes through `newstrace.web.marks.render_marked` or `html.escape`.

The report page is where a dossier's character offsets lead: ``/reports/<id>#c<start>-<end>`` lands on the span
(its element has that id and is highlighted by ``:target``), inside the cleaned text with every attribution (cue,
source, content), entity mention and claim wording marked; beside it what cleaning removed, each line with its
reason, and the metadata with the evidence for each field (or the reason a field is blank).
"""
from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode

from ..model import Report
from ..report import _shape as sh
from .marks import Mark, render_marked

__all__ = ["PAGE_STYLE", "report_url", "story_url", "entity_url", "report_page", "compare_page", "entity_page",
           "StoryFilter", "filter_stories", "story_table"]

PAGE_STYLE = """
.nt-text{white-space:pre-wrap;background:#fff;border:1px solid #d9dee7;border-radius:8px;padding:16px 18px;
line-height:1.7;font-size:1em;overflow-wrap:anywhere}
.nt-two{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:16px}
.m-content{background:#eef4ff;border-bottom:2px solid #9db7e6}
.m-source{font-weight:700;color:#174ea6}
.m-cue{font-style:italic;color:#9a5b00}
a.m-ent,span.m-ent{color:inherit;text-decoration:underline dotted #5b6475;text-underline-offset:3px}
.m-claim{border-bottom:2px solid #1f7a4d}
.m-shared{background:#fde7e7}
.m-frame{background:#fff2b8;font-weight:600}
.m-ev{outline:1px dashed #8a94a6}
:target{background:#ffe08a !important;outline:2px solid #d9a400;scroll-margin-top:80px}
a.nt-go{font-size:.75em;vertical-align:super;color:#1f7a4d;text-decoration:none;margin:0 2px}
.nt-legend-marks span{margin-right:14px;font-size:.88em}
.nt-removed{font-size:.88em}
.nt-removed td:first-child{white-space:nowrap;color:#5b6475}
.nt-filters{display:flex;flex-wrap:wrap;gap:8px 14px;align-items:end;margin:0 0 12px;font-size:.9em}
.nt-filters label{display:flex;flex-direction:column;gap:2px;color:#5b6475}
.nt-filters input,.nt-filters select{padding:5px 7px;border:1px solid #c9cfd9;border-radius:6px;font:inherit}
th a{color:inherit;text-decoration:none}th a:hover{text-decoration:underline}
.nt-pages a{margin-right:10px}
"""


def _e(v: Any) -> str:
    return html.escape("" if v is None else str(v), quote=True)


def report_url(rid: str, start: int | None = None, end: int | None = None) -> str:
    """The report page, at a span when one is given: ``/reports/<id>#c<start>-<end>``."""
    base = f"/reports/{quote(rid, safe='')}"
    return base + (f"#c{start}-{end}" if start is not None and end is not None else "")


def story_url(sid: str, claim: str | None = None) -> str:
    return f"/stories/{quote(sid, safe='')}" + (f"#claim-{quote(claim, safe='')}" if claim else "")


def entity_url(eid: str) -> str:
    return f"/entities/{quote(eid, safe='')}"


# -- one report -------------------------------------------------------------------------------------------------
def _wordings_of(d: Mapping[str, Any] | None, rid: str) -> list[tuple[str, int, int]]:
    """(claim id, start, end) of every dossier wording in report `rid`."""
    out = []
    for c in (d or {}).get("claims") or []:
        for w in c.get("wordings") or []:
            if isinstance(w, Mapping) and w.get("report") == rid and isinstance(w.get("start"), int) \
                    and isinstance(w.get("end"), int):
                out.append((str(c.get("id")), w["start"], w["end"]))
    return out


def _evidence_of(d: Mapping[str, Any] | None, rid: str) -> list[tuple[int, int, str]]:
    out = []
    for e in ((d or {}).get("graph") or {}).get("edges") or []:
        ev = e.get("evidence") if isinstance(e, Mapping) else None
        if isinstance(ev, Mapping) and ev.get("report") == rid and isinstance(ev.get("start"), int) \
                and isinstance(ev.get("end"), int):
            out.append((ev["start"], ev["end"], f"{e.get('source')} —{e.get('kind')}→ {e.get('target')}"))
    return out


def report_marks(r: Report, d: Mapping[str, Any] | None, sid: str | None,
                 mention_href: Callable[[Report, int], str | None] | None = None) -> list[Mark]:
    """Every mark of the report page: attributions, mentions, claim wordings, graph evidence.

    Ids ``c<start>-<end>`` are unique: the first mark of a span takes it (claim wordings first, then attribution
    contents, then evidence spans), so every dossier offset has a landing place.
    """
    ids: set[str] = set()

    def take(s: int, e: int) -> str | None:
        k = f"c{s}-{e}"
        if k in ids:
            return None
        ids.add(k)
        return k

    marks: list[Mark] = []
    for cid, s, e in _wordings_of(d, r.id):
        go = f'<a class="nt-go" href="{_e(story_url(sid, cid))}" title="claim {_e(cid)} in the story">{_e(cid)}</a>' \
            if sid else None
        marks.append(Mark(s, e, "m-claim", id=take(s, e), title=f"claim {cid}", after=go))
    for a in r.attributions:
        who = a.source_name or (a.source.of(r.text) if a.source else "no source named")
        cue = a.cue.of(r.text) if a.cue else ""
        act = getattr(a, "act", None)
        marks.append(Mark(a.content.start, a.content.end, "m-content", id=take(a.content.start, a.content.end),
                          title=f"attributed to {who}" + (f" (cue “{cue}”)" if cue else "")
                          + (f", {act}" if act else "") + f", {a.kind}"))
        if a.source:
            marks.append(Mark(a.source.start, a.source.end, "m-source", id=take(a.source.start, a.source.end),
                              title=f"source: {who} ({a.source_kind})"))
        if a.cue:
            marks.append(Mark(a.cue.start, a.cue.end, "m-cue", title="cue"))
    for s, e, what in _evidence_of(d, r.id):
        marks.append(Mark(s, e, "m-ev", id=take(s, e), title=what))
    for m in r.mentions:
        href = mention_href(r, m.span.start) if mention_href else None
        marks.append(Mark(m.span.start, m.span.end, f"m-ent L-{m.label}", href=href,
                          title=f"{m.label}: {m.text}"))
    return marks


def _meta_rows(r: Report) -> list[tuple[str, str]]:
    why_date = (f"from {r.published_evidence} (confidence {r.published_confidence:.2f})" if r.published else
                (f"blank: {r.published_evidence}" if r.published_evidence else
                 "blank: no date in the input, the page's metadata or its text"))
    return [("outlet", r.outlet or "—"), ("title", r.title or "—"), ("published", r.published or "—"),
            ("why this date" if r.published else "why no date", why_date),
            ("authors", ", ".join(r.authors) or "—"), ("language", r.language or "—"), ("url", r.url or "—"),
            ("input", f"{r.source or '—'} ({r.raw_kind})"), ("version", str(r.version))]


def report_page(r: Report, d: Mapping[str, Any] | None, sid: str | None,
                mention_href: Callable[[Report, int], str | None] | None = None) -> tuple[str, str]:
    """(title, body) of ``/reports/<id>``."""
    others = [x for x in ((d or {}).get("reports") or []) if isinstance(x, Mapping) and x.get("id") != r.id]
    actions = ['<a href="/">← all stories</a>']
    if sid:
        actions.append(f'<a href="{_e(story_url(sid))}">story {_e(sid)}</a>')
    actions.append(f'<a href="/api/reports/{_e(quote(r.id, safe=""))}">JSON</a>')
    body = [f'<div class="nt-actions">{"".join(actions)}</div><div class="nt-dossier">',
            f"<h1>{_e(r.title or r.id)}</h1>",
            f'<div class="nt-facts"><span class="mono">{_e(r.id)}</span> · {_e(r.outlet or "outlet unknown")} · '
            f'{_e((r.published or "no date")[:10])} · {sh.plural(len(r.attributions), "attribution")} · '
            f'{sh.plural(len(r.mentions), "mention")}</div>']
    if others and sid:
        links = " ".join(f'<a href="/compare?{_e(urlencode({"a": r.id, "b": str(o.get("id"))}))}">'
                         f'{_e(o.get("outlet") or o.get("id"))}</a>' for o in others[:30])
        body.append(f'<div class="nt-meta">Compare side by side with: {links}</div>')
    body.append('<div class="nt-legend-marks nt-meta"><span class="m-content">attributed content</span>'
                '<span class="m-source">source</span><span class="m-cue">cue</span>'
                '<span class="m-ent">entity (links to its page)</span><span class="m-claim">claim wording</span>'
                '<span class="m-ev">graph evidence</span></div>')
    body.append(f'<h2 id="text">Text</h2><div class="nt-text">'
                f'{render_marked(r.text, report_marks(r, d, sid, mention_href))}</div>')
    if r.attributions:
        rows = []
        for a in r.attributions:
            src = a.source_name or (a.source.of(r.text) if a.source else "")
            via = " ← ".join(h.name for h in a.via)
            rows.append(f'<tr><td>{_e(a.cue.of(r.text) if a.cue else "")}</td><td>{_e(src) or "—"}'
                        f'<div class="nt-meta">{_e(a.source_kind)}{" · via " + _e(via) if via else ""}</div></td>'
                        f'<td><a href="#c{a.content.start}-{a.content.end}">{_e(sh.short(a.content.of(r.text), 160))}'
                        f'</a></td><td>{_e(getattr(a, "act", None) or "")} {_e(a.kind)}</td></tr>')
        body.append('<h2 id="attributions">Attributions</h2><div class="nt-scroll"><table class="nt"><thead><tr>'
                    '<th>cue</th><th>source</th><th>content</th><th>kind</th></tr></thead><tbody>'
                    + "".join(rows) + "</tbody></table></div>")
    claims = _wordings_of(d, r.id)
    if claims and sid:
        text_of = {str(c.get("id")): str(c.get("text") or "") for c in (d or {}).get("claims") or []}
        items = "".join(f'<li><a href="#c{s}-{e}">{_e(cid)}</a> {_e(sh.short(text_of.get(cid, ""), 140))} · '
                        f'<a href="{_e(story_url(sid, cid))}">in the story</a></li>' for cid, s, e in claims)
        body.append(f'<h2 id="claims">Claims of the story this report carries</h2><ul>{items}</ul>')
    body.append('<h2 id="metadata">Metadata and its evidence</h2><table class="nt">'
                + "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in _meta_rows(r)) + "</table>")
    if r.notes:
        body.append("<h2 id=\"notes\">Notes</h2><ul>" + "".join(f"<li>{_e(n)}</li>" for n in r.notes) + "</ul>")
    body.append(f'<h2 id="removed">Removed by cleaning ({len(r.removed)})</h2>')
    if r.removed:
        body.append('<table class="nt nt-removed"><thead><tr><th>reason</th><th>text</th></tr></thead><tbody>'
                    + "".join(f"<tr><td>{_e(x.reason)}</td><td>{_e(sh.short(x.text, 300))}</td></tr>"
                              for x in r.removed) + "</tbody></table>")
    else:
        body.append('<p class="nt-none">Nothing was removed (the input was clean text, or nothing was chrome).</p>')
    body.append("</div>")
    return str(r.title or r.id), "".join(body)


# -- two reports side by side -----------------------------------------------------------------------------------
_WORD = re.compile(r"\w+", re.UNICODE)


def _frame_marks(d: Mapping[str, Any] | None, r: Report) -> list[Mark]:
    """The framing words the dossier found for report `r`, marked inside its wording of the claim they belong to
    (the whole text when a framing row names no claim), so a common word is not lit up everywhere."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for cid, s, e in _wordings_of(d, r.id):
        spans.setdefault(cid, []).append((s, e))
    out: list[Mark] = []
    for row in (d or {}).get("framing") or []:
        if not isinstance(row, Mapping):
            continue
        words = {str(w).casefold() for ch in row.get("choices") or [] if isinstance(ch, Mapping)
                 and ch.get("report") == r.id for w in ch.get("words") or []}
        if not words:
            continue
        where = spans.get(str(row.get("claim")), []) if row.get("claim") else [(0, len(r.text))]
        for s, e in where:
            out += [Mark(s + m.start(), s + m.end(), "m-frame", title=f"framing word ({row.get('kind') or 'wording'})")
                    for m in _WORD.finditer(r.text[s:e]) if m.group().casefold() in words]
    return out


def compare_page(a: Report, b: Report, d: Mapping[str, Any] | None, sid: str | None) -> tuple[str, str]:
    """(title, body) of ``/compare?a=<id>&b=<id>``: aligned claims facing each other, then both texts."""
    claims = [c for c in (d or {}).get("claims") or [] if isinstance(c, Mapping)]
    rows, only_a, only_b = [], [], []
    for c in claims:
        wa = [w for w in c.get("wordings") or [] if isinstance(w, Mapping) and w.get("report") == a.id]
        wb = [w for w in c.get("wordings") or [] if isinstance(w, Mapping) and w.get("report") == b.id]
        cid = str(c.get("id"))
        if wa and wb:
            cells = []
            for side, ws in (("a", wa), ("b", wb)):
                w = ws[0]
                cells.append(f'<td><a href="#{side}-c{w.get("start")}-{w.get("end")}">“{_e(w.get("text"))}”</a></td>')
            rows.append(f'<tr><td><a href="{_e(story_url(sid, cid)) if sid else "#"}">{_e(cid)}</a>'
                        f'<div class="nt-meta">{_e(sh.independent_label(int(c.get("independent_origins") or 0)))}'
                        f'</div></td>{"".join(cells)}</tr>')
        elif wa:
            only_a.append(f"<li>{_e(cid)}: {_e(sh.short(str(wa[0].get('text') or ''), 160))}</li>")
        elif wb:
            only_b.append(f"<li>{_e(cid)}: {_e(sh.short(str(wb[0].get('text') or ''), 160))}</li>")
    shared_a: list[Mark] = []
    shared_b: list[Mark] = []
    for cp in (d or {}).get("copies") or []:
        if not isinstance(cp, Mapping) or {cp.get("a"), cp.get("b")} != {a.id, b.id}:
            continue
        flip = cp.get("a") != a.id
        for p in cp.get("passages") or []:
            pa, pb = (p.get("b"), p.get("a")) if flip else (p.get("a"), p.get("b"))
            if isinstance(pa, Mapping) and isinstance(pb, Mapping):
                shared_a.append(Mark(int(pa["start"]), int(pa["end"]), "m-shared", title="shared passage"))
                shared_b.append(Mark(int(pb["start"]), int(pb["end"]), "m-shared", title="shared passage"))

    def column(r: Report, side: str, shared: list[Mark]) -> str:
        marks = [Mark(s, e, "m-claim", id=f"{side}-c{s}-{e}", title=f"claim {cid}")
                 for cid, s, e in _wordings_of(d, r.id)]
        marks += shared + _frame_marks(d, r)
        return (f'<div><h2><a href="{_e(report_url(r.id))}">{_e(r.outlet or r.id)}</a></h2>'
                f'<div class="nt-meta"><span class="mono">{_e(r.id)}</span> · {_e((r.published or "no date")[:10])}'
                f' · {_e(r.title)}</div><div class="nt-text">{render_marked(r.text, marks)}</div></div>')

    title = f"{a.outlet or a.id} vs {b.outlet or b.id}"
    back = f'<a href="{_e(story_url(sid))}">story {_e(sid)}</a>' if sid else ""
    body = [f'<div class="nt-actions"><a href="/">← all stories</a>{back}</div><div class="nt-dossier">',
            f"<h1>{_e(title)}</h1>",
            '<div class="nt-legend-marks nt-meta"><span class="m-claim">claim wording</span>'
            '<span class="m-shared">passage shared with the other report</span>'
            '<span class="m-frame">framing word of this outlet</span></div>',
            f'<h2 id="aligned">Claims both carry ({len(rows)})</h2>']
    if rows:
        body.append(f'<table class="nt"><thead><tr><th>claim</th><th>{_e(a.outlet or a.id)}</th>'
                    f'<th>{_e(b.outlet or b.id)}</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')
    else:
        body.append('<p class="nt-none">No claim of the story is carried by both reports.</p>')
    if only_a or only_b:
        body.append(f'<div class="nt-two"><div><h3>Only in {_e(a.outlet or a.id)}</h3><ul>{"".join(only_a)}</ul>'
                    f'</div><div><h3>Only in {_e(b.outlet or b.id)}</h3><ul>{"".join(only_b)}</ul></div></div>')
    body.append(f'<div class="nt-two">{column(a, "a", shared_a)}{column(b, "b", shared_b)}</div></div>')
    return title, "".join(body)


# -- one entity -------------------------------------------------------------------------------------------------
def entity_page(e: Mapping[str, Any], spellings: Mapping[str, Sequence[str]], titles: Mapping[str, str],
                claims: Sequence[tuple[str, str, str]]) -> tuple[str, str]:
    """(title, body) of ``/entities/<id>``.

    Args:
        e: a store entity as JSON (`StoreEntity.to_json`).
        spellings: variant → the reports that write it.
        titles: story id → title.
        claims: (story id, claim id, claim text) of the claims that name the entity.
    """
    rows = "".join(
        f"<tr><td><b>{_e(v)}</b></td><td>" + " ".join(f'<a class="mono" href="{_e(report_url(r))}">{_e(r)}</a>'
                                                    for r in rids[:60])
        + (f" … {len(rids) - 60} more" if len(rids) > 60 else "") + "</td></tr>"
        for v, rids in sorted(spellings.items(), key=lambda kv: (-len(kv[1]), kv[0].casefold())))
    stories = "".join(f'<li><a href="{_e(story_url(s))}">{_e(titles.get(s) or s)}</a> '
                      f'<span class="mono nt-meta">{_e(s)}</span></li>' for s in e.get("stories") or [])
    cl = "".join(f'<li><a href="{_e(story_url(s, c))}">{_e(c)}</a> {_e(sh.short(t, 180))} '
                 f'<span class="nt-meta">({_e(titles.get(s) or s)})</span></li>' for s, c, t in claims)
    body = ('<div class="nt-actions"><a href="/">← all stories</a><a href="/entities">all entities</a></div>'
            f'<div class="nt-dossier"><h1>{_e(e.get("name"))}</h1>'
            f'<div class="nt-facts">{_e(e.get("type"))} · {sh.plural(len(e.get("reports") or []), "report")} · '
            f'{sh.plural(len(e.get("stories") or []), "story", "stories")} · '
            f'{sh.plural(len(e.get("variants") or []), "spelling")}</div>'
            f'<h2 id="variants">Spellings and the reports that write them</h2><table class="nt"><thead><tr>'
            f'<th>spelling</th><th>reports</th></tr></thead><tbody>{rows}</tbody></table>'
            f'<h2 id="stories">Stories</h2><ul>{stories}</ul>'
            f'<h2 id="claims">Claims that name it</h2>'
            + (f"<ul>{cl}</ul>" if cl else '<p class="nt-none">No claim of a built dossier names it.</p>')
            + "</div>")
    return str(e.get("name") or e.get("id")), body


# -- the story list ---------------------------------------------------------------------------------------------
SORTS = {"reports": lambda s, m: len(s.get("reports") or []), "title": lambda s, m: str(s.get("title") or "").casefold(),
         "outlets": lambda s, m: len(s.get("outlets") or []), "first": lambda s, m: str(s.get("first_seen") or ""),
         "last": lambda s, m: str(s.get("last_seen") or ""),
         "origins": lambda s, m: (m.get("weakest") if m.get("weakest") is not None else 10**6),
         "laundered": lambda s, m: int(m.get("laundered") or 0), "circular": lambda s, m: int(m.get("circular") or 0)}
PAGE = 100


@dataclass(frozen=True)
class StoryFilter:
    """The story list's query string, parsed and bounded (bad values are ignored, never an error)."""

    q: str = ""
    outlet: str = ""
    date_from: str = ""
    date_to: str = ""
    warning: str = ""  # "", "laundered", "circular"
    max_origins: int | None = None
    sort: str = "reports"
    desc: bool = True
    page: int = 1
    extra: dict[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, qs: Mapping[str, Sequence[str]]) -> StoryFilter:
        def one(k: str) -> str:
            return str((qs.get(k) or [""])[0])[:200].strip()

        def num(k: str) -> int | None:
            v = one(k)
            return int(v) if v.isdigit() else None

        sort = one("sort") if one("sort") in SORTS else "reports"
        return cls(q=one("q"), outlet=one("outlet"), date_from=one("from")[:10], date_to=one("to")[:10],
                   warning=one("warning") if one("warning") in ("laundered", "circular") else "",
                   max_origins=num("origins"), sort=sort, desc=one("order") != "asc", page=max(1, num("page") or 1))

    def params(self, **change: Any) -> str:
        d = {"q": self.q, "outlet": self.outlet, "from": self.date_from, "to": self.date_to, "warning": self.warning,
             "origins": "" if self.max_origins is None else str(self.max_origins), "sort": self.sort,
             "order": "desc" if self.desc else "asc", "page": str(self.page)}
        d.update({k: str(v) for k, v in change.items()})
        return urlencode({k: v for k, v in d.items() if v and not (k == "page" and v == "1")})


def _story_words(s: Mapping[str, Any]) -> str:
    return " ".join([str(s.get("id") or ""), str(s.get("title") or ""), *map(str, s.get("outlets") or [])]).casefold()


def filter_stories(stories: Iterable[Mapping[str, Any]], f: StoryFilter, summaries: Mapping[str, Mapping[str, Any]],
                   term_reports: Mapping[str, set[str]] | None = None) -> list[Mapping[str, Any]]:
    """The stories that pass every filter, sorted.

    A query term matches a story when it is in its title, outlets or id, or when the store's search index finds it
    in one of the story's reports (its words, or a spelling of a name it mentions: `newstrace.store.search`).
    """
    terms = f.q.split()
    out = []
    for s in stories:
        sid = str(s.get("id"))
        m = summaries.get(sid) or {}
        if terms:
            hay, rids = _story_words(s), set(s.get("reports") or [])
            if not all(t.casefold() in hay or rids & (term_reports or {}).get(t, set()) for t in terms):
                continue
        if f.outlet and not any(f.outlet.casefold() in str(o).casefold() for o in s.get("outlets") or []):
            continue
        last, first = str(s.get("last_seen") or "")[:10], str(s.get("first_seen") or "")[:10]
        if f.date_from and (not last or last < f.date_from):
            continue
        if f.date_to and (not first or first > f.date_to):
            continue
        if f.warning and not m.get(f.warning):
            continue
        if f.max_origins is not None and (m.get("weakest") is None or int(m["weakest"]) > f.max_origins):
            continue
        out.append(s)
    key = SORTS[f.sort]
    out.sort(key=lambda s: key(s, summaries.get(str(s.get("id"))) or {}), reverse=f.desc)
    return out


def story_table(shown: Sequence[Mapping[str, Any]], total: int, f: StoryFilter,
                summaries: Mapping[str, Mapping[str, Any]], search_note: str = "") -> str:
    """The story list page body: filter form, sortable table, pages."""
    opt = "".join(f'<option value="{v}"{" selected" if f.warning == v else ""}>{t}</option>'
                  for v, t in (("", "any"), ("laundered", "laundered"), ("circular", "circular")))
    form = ('<form class="nt-filters" method="get" action="/">'
            f'<label>words, names, outlets<input type="search" name="q" value="{_e(f.q)}" size="28" '
            'aria-label="search stories" placeholder="al-Kadi, dam, Herald"></label>'
            f'<label>outlet<input name="outlet" value="{_e(f.outlet)}" size="14"></label>'
            f'<label>from<input type="date" name="from" value="{_e(f.date_from)}"></label>'
            f'<label>to<input type="date" name="to" value="{_e(f.date_to)}"></label>'
            f'<label>warning<select name="warning">{opt}</select></label>'
            f'<label>weakest claim ≤ origins<input name="origins" size="3" value="'
            f'{"" if f.max_origins is None else f.max_origins}"></label>'
            f'<input type="hidden" name="sort" value="{_e(f.sort)}"><input type="hidden" name="order" '
            f'value="{"desc" if f.desc else "asc"}"><button type="submit">Search</button> '
            '<a href="/">clear</a></form>')
    start = (f.page - 1) * PAGE
    page = shown[start:start + PAGE]

    def th(label: str, key: str, tip: str = "") -> str:
        arrow = (" ▼" if f.desc else " ▲") if f.sort == key else ""
        order = "asc" if f.sort == key and f.desc else "desc"
        return (f'<th><a href="/?{_e(f.params(sort=key, order=order, page=1))}" title="{_e(tip or "sort")}">'
                f'{_e(label)}{arrow}</a></th>')

    trs = []
    for s in page:
        sid = str(s.get("id"))
        m = summaries.get(sid) or {}
        dates = " – ".join(x for x in (str(s.get("first_seen") or "")[:10], str(s.get("last_seen") or "")[:10]) if x)
        weakest = "—" if m.get("weakest") is None else str(m["weakest"])
        warn = ("—" if not m else
                ", ".join(x for x in (f"{m['laundered']} laundered" if m.get("laundered") else "",
                                      f"{m['circular']} circular" if m.get("circular") else "") if x) or "none")
        trs.append(f'<tr><td><a href="{_e(story_url(sid))}">{_e(s.get("title") or "Story " + sid)}</a>'
                   f'<div class="nt-meta mono">{_e(sid)}</div></td><td>{len(s.get("reports") or [])}</td>'
                   f'<td>{_e(", ".join(map(str, s.get("outlets") or [])))}</td><td>{_e(dates)}</td>'
                   f'<td>{_e(weakest)}</td><td>{_e(warn)}</td></tr>')
    head = (th("story", "title") + th("reports", "reports") + th("outlets", "outlets", "number of outlets")
            + th("dates", "last", "last report's date") + th("weakest claim", "origins",
                                                           "fewest independent origins of a claim in 2+ reports")
            + th("warnings", "laundered", "claims whose origin some report hides"))
    if not page:
        table = ('<p class="nt-none">No story matches.</p>' if total else
                 '<p class="nt-none">No stories yet: run <code>newstrace ingest PATH</code> first.</p>')
    else:
        table = (f'<div class="nt-scroll"><table class="nt stories"><thead><tr>{head}</tr></thead>'
                 f'<tbody>{"".join(trs)}</tbody></table></div>')
    pages = ""
    if len(shown) > PAGE:
        n = (len(shown) + PAGE - 1) // PAGE
        pages = '<p class="nt-pages">' + "".join(
            f'<a href="/?{_e(f.params(page=k))}">{"<b>" + str(k) + "</b>" if k == f.page else k}</a>'
            for k in range(1, n + 1)) + "</p>"
    n = len(shown)
    count = f'{n} {"story" if n == 1 else "stories"}' + (f" of {total}" if n != total or f.q else "")
    if f.q:
        count += f" match “{f.q}”"
    unbuilt = total - len(summaries)
    note = (f' · sourcing columns (weakest claim, warnings) are known for {len(summaries)} of {total} stories: a '
            'story\'s dossier is built the first time it is opened' if unbuilt > 0 and total else "")
    return (f'<div class="nt-list"><h1>Stories</h1>{form}<p class="nt-facts">{_e(count)} · '
            f'<a href="/entities">entities across the store</a>{_e(note)}{_e(search_note)}</p>{table}{pages}</div>')
