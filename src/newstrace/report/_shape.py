"""Read a dossier dict (the issue-6 contract) into the rows the renderers show.

The dossier's core fields are fixed by the contract; `divergences`, `framing` and `timeline` are lists whose item
shape the provenance stage chooses. The readers here accept the shapes in use (and plain strings) so a renderer
never fails on a field it does not know: unknown keys are shown generically rather than dropped.

Pure functions of the dossier; no I/O.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


def reports_by_id(d: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The dossier's reports keyed by id."""
    return {str(r.get("id")): r for r in d.get("reports") or [] if isinstance(r, Mapping)}


def origins_by_id(d: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The dossier's origins keyed by id."""
    return {str(o.get("id")): o for o in d.get("origins") or [] if isinstance(o, Mapping)}


def outlet_of(d: Mapping[str, Any], rid: str, index: dict[str, dict[str, Any]] | None = None) -> str:
    """The outlet that published report `rid` (falls back to the report id)."""
    rep = (index if index is not None else reports_by_id(d)).get(rid) or {}
    return str(rep.get("outlet") or rid)


def origin_name(oid: Any, index: dict[str, dict[str, Any]]) -> str:
    """An origin's display name (the id itself when the dossier does not define it)."""
    o = index.get(str(oid))
    return str(o.get("name") or oid) if o else str(oid)


#: divergence kinds that say who carries what (coverage), as opposed to conflicts between aligned wordings
COVERAGE_KINDS = frozenset({"only_some", "only_one", "only_in", "exclusive", "missing", "carried"})


SUBEVENT_NOTE = ("This story mixes {n} separate events of the same kind; claims are aligned within each event, "
                 "never across them.")


def subevent_groups(d: Mapping[str, Any], index: dict[str, dict[str, Any]] | None = None) -> list[list[str]]:
    """The report labels ("outlet: title") of each sub-event, when the dossier holds more than one; else []."""
    groups = [g for g in d.get("subevents") or [] if isinstance(g, Mapping) and g.get("reports")]
    if len(groups) < 2:
        return []
    index = reports_by_id(d) if index is None else index
    out = []
    for g in groups:
        labels = []
        for rid in g["reports"]:
            r = index.get(str(rid), {})
            labels.append(f"{r.get('outlet') or rid}: {r.get('title') or rid}")
        out.append(labels)
    return out


def short(s: str, n: int) -> str:
    """`s` cut to at most `n` characters on a word boundary, with an ellipsis when cut."""
    s = " ".join(str(s).split())
    return s if len(s) <= n else s[: n - 1].rsplit(" ", 1)[0] + "…"


def plural(n: int, word: str, many: str | None = None) -> str:
    """``plural(1, "origin") == "1 origin"``; ``plural(2, "origin") == "2 origins"``."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def independent_label(n: int) -> str:
    """The badge text, e.g. ``"2 independent origins"``."""
    return f"{n} independent origin{'' if n == 1 else 's'}"


def circular_note(claim: Mapping[str, Any], origins: dict[str, dict[str, Any]]) -> str:
    """Why a claim is flagged circular, in words (empty when it is not)."""
    if not claim.get("circular"):
        return ""
    n = len(claim.get("reports") or [])
    roots = [origin_name(o, origins) for o in claim.get("origins") or []]
    if len(roots) == 1:
        return f"Circular reporting: {plural(n, 'report')} rest on one origin ({roots[0]})."
    return f"Circular reporting: several of the {plural(n, 'report')} rest on the same origin."


def reach_line(claim: Mapping[str, Any], origins: dict[str, dict[str, Any]]) -> tuple[bool, str]:
    """What a claim's panel says about how its origin reaches the reader: (is a warning, text); text is empty when
    there is nothing to say.

    A dossier with the issue-13 ``reach`` field warns only for ``laundered`` claims (using its ``warning`` text);
    an openly single-sourced circular claim is stated without a warning ("1 source, named by every report").
    A dossier without ``reach`` (older stores) warns for every circular claim, as before.
    """
    reach = claim.get("reach")
    circ = circular_note(claim, origins)
    if reach is None:
        return bool(circ), circ
    if reach == "laundered":
        return True, str(claim.get("warning") or circ or "Laundered: some report hides where this claim comes from.")
    note = str(claim.get("reach_note") or "")
    if circ and note:
        return False, f"{circ} {note[:1].upper()}{note[1:]}."
    return False, circ or note


def positions_line(claim: Mapping[str, Any]) -> str:
    """The sources that contest a claim or only take a stance on it (issue 14's kinds; not among its origins):
    ``"Contested by: Ana Velt. Stance taken by: Mia Dorn."``, or "" when there are none (and for older dossiers).

    Example:
        >>> positions_line({"positions": [{"report": "b", "source": "Ana Velt", "position": "contests"}]})
        'Contested by: Ana Velt (not counted as an origin).'
    """
    by: dict[str, list[str]] = {}
    for p in claim.get("positions") or []:
        names = by.setdefault(str(p.get("position")), [])
        if p.get("source") and p["source"] not in names:
            names.append(str(p["source"]))
    parts = [f"{label}: {', '.join(by[k])}" for k, label in (("contests", "Contested by"), ("stance", "Stance taken by"))
             if by.get(k)]
    return f"{'. '.join(parts)} (not counted as an origin)." if parts else ""


@dataclass
class Wording:
    report: str
    outlet: str
    text: str
    start: int | None
    end: int | None


def wordings(claim: Mapping[str, Any], d: Mapping[str, Any], index: dict[str, dict[str, Any]] | None = None
             ) -> list[Wording]:
    """A claim's wordings in the order of the dossier's reports (so columns line up across claims)."""
    index = index if index is not None else reports_by_id(d)
    order = {rid: i for i, rid in enumerate(index)}
    out = []
    for w in claim.get("wordings") or []:
        if isinstance(w, str):
            out.append(Wording("", "", w, None, None))
            continue
        rid = str(w.get("report") or "")
        out.append(Wording(rid, outlet_of(d, rid, index), str(w.get("text") or ""), w.get("start"), w.get("end")))
    out.sort(key=lambda w: order.get(w.report, len(order)))
    return out


@dataclass
class FramingRow:
    """What is being named, and per report the words its outlet chose."""

    about: str
    kind: str
    choices: list[tuple[str, list[str]]] = field(default_factory=list)  # (report id or outlet, words)


def _words(x: Any) -> list[str]:
    if x is None:
        return []
    if isinstance(x, str):
        return [x]
    if isinstance(x, Mapping):
        return [str(x.get("text") or x.get("word") or x)]
    return [str(w.get("text") if isinstance(w, Mapping) else w) for w in x]


def framing_rows(d: Mapping[str, Any]) -> list[FramingRow]:
    """Framing items grouped by what they name, each with the words per report, for side-by-side display.

    Accepts ``{"about", "kind", "choices": [{"report"|"outlet", "words"}]}``, ``{"about", "by_report": {id: words}}``
    and flat ``{"report"|"outlet", "words"|"text"|"word", "kind"?, "about"?}`` items (grouped by ``about`` or ``kind``).
    """
    rows: dict[tuple[str, str], FramingRow] = {}
    for item in d.get("framing") or []:
        if isinstance(item, str):
            item = {"text": item}
        if not isinstance(item, Mapping):
            continue
        claim = item.get("claim")
        about = str(item.get("about") or item.get("concept") or item.get("target")
                    or (f"claim {claim}" if claim else None) or item.get("kind") or "framing")
        kind = str(item.get("kind") or "")
        row = rows.setdefault((about, kind), FramingRow(about, kind))
        if isinstance(item.get("choices"), list):
            for c in item["choices"]:
                if isinstance(c, Mapping):
                    who = str(c.get("report") or c.get("outlet") or "")
                    row.choices.append((who, _words(c.get("words") or c.get("text") or c.get("word"))))
        elif isinstance(item.get("by_report"), Mapping):
            for who, ws in item["by_report"].items():
                row.choices.append((str(who), _words(ws)))
        else:
            who = str(item.get("report") or item.get("outlet") or "")
            row.choices.append((who, _words(item.get("words") or item.get("text") or item.get("word"))))
    return list(rows.values())


@dataclass
class DivergenceRow:
    kind: str
    claim: str
    what: str
    values: list[tuple[str, list[str]]]  # (value, report ids)
    detail: str = ""


def _value_text(v: Mapping[str, Any]) -> str:
    for key in ("value", "values", "text"):
        x = v.get(key)
        if x is not None and x != "" and x != []:
            return "; ".join(map(str, x)) if isinstance(x, (list, tuple)) else str(x)
    return ""


def divergence_rows(d: Mapping[str, Any]) -> list[DivergenceRow]:
    """Divergences as (kind, claim, what, [(value, reports)]), whatever extra keys an item carries.

    Accepts ``values`` as ``[{"value", "reports"}]`` or per report ``[{"report", "values": [...]}]`` (reports
    with the same value are merged into one entry), ``carried_by``/``reports`` and ``missing`` for claims only
    some reports carry, and single-report exclusives ``{"report", "text"}``.
    """
    out = []
    for item in d.get("divergences") or []:
        if isinstance(item, str):
            out.append(DivergenceRow("note", "", item, []))
            continue
        if not isinstance(item, Mapping):
            continue
        values: dict[str, list[str]] = {}
        for v in item.get("values") or []:
            if isinstance(v, Mapping):
                reps = v.get("reports") or ([v["report"]] if v.get("report") else [])
                values.setdefault(_value_text(v), []).extend(str(r) for r in reps)
            else:
                values.setdefault(str(v), [])
        rows = list(values.items())
        carried = item.get("carried_by") or item.get("reports")
        if not rows and (carried or item.get("missing")):
            rows.append(("carried by", [str(r) for r in carried or []]))
            if item.get("missing"):
                rows.append(("not in", [str(r) for r in item.get("missing") or []]))
        if not rows and item.get("report"):
            rows.append((str(item.get("text") or "only in this report"), [str(item["report"])]))
        claim = item.get("claim") or item.get("claims") or ""
        claim = ", ".join(map(str, claim)) if isinstance(claim, list) else str(claim)
        known = {"kind", "claim", "claims", "what", "values", "reports", "missing", "text", "carried_by", "report",
                 "start", "end"}
        extra = "; ".join(f"{k}: {v}" for k, v in item.items() if k not in known and isinstance(v, (str, int, float)))
        what = str(item.get("what") or (item.get("text") if not item.get("report") else "") or "")
        out.append(DivergenceRow(str(item.get("kind") or "divergence"), claim, what, rows, extra))
    return out


@dataclass
class TimelineRow:
    date: str
    text: str
    relative: str
    reports: list[str]


def timeline_rows(d: Mapping[str, Any]) -> list[TimelineRow]:
    """Timeline entries sorted by date (undated last)."""
    out = []
    for item in d.get("timeline") or []:
        if isinstance(item, str):
            out.append(TimelineRow("", item, "", []))
            continue
        if not isinstance(item, Mapping):
            continue
        ev = item.get("evidence") if isinstance(item.get("evidence"), Mapping) else {}
        reps = item.get("reports") or ([item["report"]] if item.get("report") else []) or (
            [ev["report"]] if ev.get("report") else [])
        text = item.get("text") or item.get("event") or ev.get("text") or ""
        out.append(TimelineRow(str(item.get("date") or ""), str(text),
                               str(item.get("relative") or item.get("expression") or ""), [str(r) for r in reps]))
    out.sort(key=lambda r: (r.date == "", r.date))
    return out


def copy_passages(c: Mapping[str, Any]) -> list[tuple[str, str, bool]]:
    """A copy's shared passages as (text in a, text in b, is_text); spans without text come as offsets."""
    out = []
    for p in c.get("passages") or []:
        if isinstance(p, Mapping):
            a, b = p.get("a") or {}, p.get("b") or {}
        elif isinstance(p, (list, tuple)) and len(p) == 2:
            a, b = p
        else:
            out.append((str(p), "", True))
            continue
        has_text = isinstance(a, Mapping) and bool(a.get("text"))
        out.append((_span_text(a), _span_text(b), has_text))
    return out


def _span_text(s: Any) -> str:
    # Dossiers carry offsets, not always the text: show "chars 120–480" when the text is not there.
    if isinstance(s, Mapping):
        if s.get("text"):
            return str(s["text"])
        return f"chars {s.get('start')}–{s.get('end')}"
    if isinstance(s, (list, tuple)) and len(s) == 2:
        return f"chars {s[0]}–{s[1]}"
    return str(s)


def graph_parts(d: Mapping[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The provenance graph's nodes and edges; nodes referenced only by edges are added with their id as label."""
    g = d.get("graph") or {}
    nodes = [dict(n) for n in g.get("nodes") or [] if isinstance(n, Mapping) and n.get("id") is not None]
    edges = [dict(e) for e in g.get("edges") or [] if isinstance(e, Mapping)
             and e.get("source") is not None and e.get("target") is not None]
    seen = {str(n["id"]) for n in nodes}
    for e in edges:
        for end in (e["source"], e["target"]):
            if str(end) not in seen:
                seen.add(str(end))
                nodes.append({"id": str(end), "label": str(end), "kind": "unknown"})
    return nodes, edges
