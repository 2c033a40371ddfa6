"""Divergences: what only some reports carry, and where aligned wordings disagree (numbers, days, years).

Algorithm (``divergences.rules.v1``):

- ``only_some``: an aligned claim that some of the story's reports do not carry (with who does and who does not);
- ``only_one``: a sentence with a named source that no other report aligns with (a report's exclusive);
- ``number``: aligned wordings whose quantities of one dimension (after unit/currency conversion) share no value
  within 5% — 10 vs 80 injured, 5.9 vs 6.1 magnitude;
- ``date``: aligned wordings naming different weekdays or years;
- ``name`` / ``title``: one title held by two different names, or one person given two titles (spelling variants
  of one name, judged by `provenance.origins.same_source`, reached through `registry.name_matchers`, are not a conflict).

Never a verdict on which report is right: every entry lists each report's value with its span.

Example:
    >>> from newstrace.model import Report
    >>> from newstrace.compare.claims import align_claims
    >>> a = Report(id="a", text="The quake measured magnitude 5.9 on Sunday in southern Iran.")
    >>> b = Report(id="b", text="The quake in southern Iran measured magnitude 6.1 on Sunday.")
    >>> [d["kind"] for d in find_divergences(align_claims([a, b]), [a, b])]
    ['number']
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from newstrace.common.text import quantities
from newstrace.compare.claims import AlignedClaim, claim_units
from newstrace.model import Report
from newstrace.registry import Registry, name_matchers, source_readers

divergence_rules = Registry("divergences")

#: two converted or rounded values within this relative distance are one figure written two ways
SAME_VALUE = 0.05
_DOW = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


def _close(a: float, b: float, dim: str = "num") -> bool:
    # plain counts and scores are compared exactly (10 vs 11 dead is a conflict); converted or rounded
    # quantities (58 km vs 36 miles, $22.8M vs $23M) get the rounding tolerance
    if dim in ("num", "pct", "year"):
        return abs(a - b) < 1e-9
    return abs(a - b) <= SAME_VALUE * max(abs(a), abs(b), 1e-9)


@divergence_rules.register("divergences.rules.v1")
def find_divergences(aligned: Sequence[AlignedClaim], reports: Sequence[Report]) -> list[dict[str, Any]]:
    """Divergences of one story.

    Args:
        aligned: the story's aligned claims (`compare.claims.align_claims`).
        reports: the story's reports.

    Returns:
        A list of ``{"kind", "claim"?, ...}`` dicts in a stable order (claims in order, then exclusives).
    """
    out: list[dict[str, Any]] = []
    all_ids = sorted(r.id for r in reports)
    for c in aligned:
        carried = sorted(set(c.reports))
        missing = [r for r in all_ids if r not in set(carried)]
        if missing:
            out.append({"kind": "only_some", "claim": c.id, "carried_by": carried, "missing": missing})
        out.extend(_conflicts(c))
    aligned_spans = {(u.report, u.span) for c in aligned for u in c.units}
    for r in sorted(reports, key=lambda r: r.id):
        for u in claim_units(r):
            if (r.id, u.span) in aligned_spans:
                continue
            src = source_readers.get("sources.regex.v2")(r.text or "", u.span)
            if src.kind == "named" and src.name:
                out.append({"kind": "only_one", "report": r.id, "start": u.span.start, "end": u.span.end,
                            "text": u.text, "source": src.name})
    return out


_TITLE = re.compile(
    r"\b((?:(?:Deputy|Vice|Acting|Former|former|Assistant|Interim)\s+)?(?:[A-Z][a-z]+\s+){0,2}?"
    r"(?:Minister|Secretary|President|Governor|Gov\.|General|Attorney General|Mayor|Senator|Sen\.|Judge|Chief|"
    r"Director|Sgt\.|Sergeant|Commander|Spokesman|Spokeswoman|Premier|Chancellor|Ambassador|CEO|Chairman))\s+"
    r"([A-Z][\w'’-]+(?:\s+(?:(?:al|el|bin|ibn|de|van|von|da|di|du|le|la)[-\s])?[A-Z][\w'’-]+){0,2})"
)


def _titled_conflicts(c: AlignedClaim) -> list[dict[str, Any]]:
    """Names and titles that disagree between aligned wordings: one title held by two different names ("name"),
    or one person given two different titles ("title"). Spelling variants of one name are not a conflict."""
    same_source = name_matchers.get("names.same-source.v1")

    seen: list[tuple[str, str, str]] = []  # (report, title, name)
    for u in c.units:
        for m in _TITLE.finditer(u.text):
            seen.append((u.report, m.group(1).strip(), m.group(2).strip()))
    out: list[dict[str, Any]] = []
    by_title: dict[str, list[tuple[str, str]]] = {}
    for r, t, n in seen:
        by_title.setdefault(t.lower(), []).append((r, n))
    for t, rows in sorted(by_title.items()):
        names = {n for _r, n in rows}
        distinct = [n for i, n in enumerate(sorted(names)) if not any(same_source(n, m) for m in sorted(names)[:i])]
        if len(distinct) > 1 and len({r for r, _n in rows}) > 1:
            out.append({"kind": "name", "claim": c.id, "title": t,
                        "values": [{"report": r, "values": [n]} for r, n in sorted(set(rows))]})
    people: list[tuple[str, str, str]] = sorted(seen, key=lambda x: (x[2], x[0]))
    groups: list[list[tuple[str, str, str]]] = []
    for row in people:
        for g in groups:
            if same_source(g[0][2], row[2]):
                g.append(row)
                break
        else:
            groups.append([row])
    for g in groups:
        titles = {t.lower().replace("former ", "") for _r, t, _n in g}
        if len(titles) > 1 and len({r for r, _t, _n in g}) > 1:
            out.append({"kind": "title", "claim": c.id, "name": g[0][2],
                        "values": [{"report": r, "values": [t]} for r, t, _n in sorted(set(g))]})
    return out


def _conflicts(c: AlignedClaim) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    by_dim: dict[str, list[tuple[str, list[tuple[float, str]]]]] = {}
    for u in c.units:
        vals: dict[str, list[tuple[float, str]]] = {}
        for dim, val, sp in quantities(u.text):
            vals.setdefault(dim, []).append((val, sp.of(u.text)))
        for dim, vs in vals.items():
            by_dim.setdefault(dim, []).append((u.report, vs))
    for dim, rows in sorted(by_dim.items()):
        if len(rows) < 2:
            continue
        conflict = any(
            not any(_close(x, y, dim) for x, _ in a for y, _ in b) for i, (_ra, a) in enumerate(rows) for _rb, b in rows[i + 1 :]
        )
        if conflict:
            out.append({"kind": "number" if dim != "year" else "date", "claim": c.id, "dimension": dim,
                        "values": [{"report": r, "values": [w for _v, w in vs]} for r, vs in rows]})
    out.extend(_titled_conflicts(c))
    days = [(u.report, sorted(set(_DOW.findall(u.text)))) for u in c.units]
    days = [(r, d) for r, d in days if d]
    if len({tuple(d) for _r, d in days}) > 1:
        out.append({"kind": "date", "claim": c.id, "dimension": "weekday",
                    "values": [{"report": r, "values": d} for r, d in days]})
    return out
