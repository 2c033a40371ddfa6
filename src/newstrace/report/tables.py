"""Story-level tables for analysts: the dossiers of a store flattened into relational rows.

`newstrace export DIR` writes these beside the per-report store tables, so a DuckDB (or pandas, or R) user can
join claims to their reports, origins and provenance edges without parsing dossier JSON.

Shape: one row per fact, with link tables instead of list columns (``story_claim_reports`` rather than a
``reports`` list on ``story_claims``). Why: the same schema then holds in Parquet and in CSV (CSV has no list
type), every column is a plain scalar a spreadsheet can filter, and a list is one ``GROUP BY`` away
(``SELECT claim_id, list(report_id) FROM story_claim_reports GROUP BY ALL``) while the reverse (unnesting lists
typed as strings in a CSV) is not. Claim, origin and entity ids are unique within their story only, so every
table carries ``story_id`` and keys are ``(story_id, <id>)``.

The column lists (`TABLES`) are the export contract; README "Export" documents each column.

Example:
    >>> class Fake:
    ...     def stories(self):
    ...         return [{"id": "s1", "title": "T", "reports": ["a"], "outlets": ["A"], "first_seen": None,
    ...                  "last_seen": None}]
    ...     def dossier(self, sid):
    ...         return {"id": sid, "entities": [], "origins": [], "graph": {"nodes": [], "edges": []},
    ...                 "claims": [{"id": "c1", "text": "x", "reports": ["a"], "origins": [],
    ...                             "independent_origins": 0, "circular": False, "wordings": []}]}
    >>> t = story_tables(Fake())
    >>> t["story_claims"]
    [('s1', 'c1', 'x', None, 0, False, None, 1)]
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol

__all__ = ["TABLES", "StorySource", "story_tables"]

# name -> ((column, DuckDB type), ...), in the order the rows are built. Keys first, then payload.
TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "stories": (("story_id", "VARCHAR"), ("title", "VARCHAR"), ("first_seen", "VARCHAR"), ("last_seen", "VARCHAR"),
                ("reports", "INTEGER"), ("outlets", "INTEGER")),
    "story_entities": (("story_id", "VARCHAR"), ("entity_id", "VARCHAR"), ("name", "VARCHAR"), ("type", "VARCHAR"),
                       ("variants", "INTEGER"), ("reports", "INTEGER")),
    "story_entity_variants": (("story_id", "VARCHAR"), ("entity_id", "VARCHAR"), ("variant", "VARCHAR")),
    "story_entity_reports": (("story_id", "VARCHAR"), ("entity_id", "VARCHAR"), ("report_id", "VARCHAR")),
    "story_claims": (("story_id", "VARCHAR"), ("claim_id", "VARCHAR"), ("text", "VARCHAR"), ("speaker", "VARCHAR"),
                     ("independent_origins", "INTEGER"), ("circular", "BOOLEAN"), ("reach", "VARCHAR"),
                     ("reports", "INTEGER")),
    "story_claim_reports": (("story_id", "VARCHAR"), ("claim_id", "VARCHAR"), ("report_id", "VARCHAR")),
    "story_claim_wordings": (("story_id", "VARCHAR"), ("claim_id", "VARCHAR"), ("report_id", "VARCHAR"),
                             ("start", "INTEGER"), ("end", "INTEGER"), ("text", "VARCHAR"), ("source", "VARCHAR"),
                             ("source_kind", "VARCHAR"), ("via", "VARCHAR"), ("origin_reason", "VARCHAR"),
                             ("act", "VARCHAR"), ("position", "VARCHAR")),
    "story_claim_origins": (("story_id", "VARCHAR"), ("claim_id", "VARCHAR"), ("origin_id", "VARCHAR")),
    "story_origins": (("story_id", "VARCHAR"), ("origin_id", "VARCHAR"), ("name", "VARCHAR"), ("kind", "VARCHAR")),
    "story_graph_nodes": (("story_id", "VARCHAR"), ("node_id", "VARCHAR"), ("label", "VARCHAR"), ("kind", "VARCHAR")),
    "story_graph_edges": (("story_id", "VARCHAR"), ("source", "VARCHAR"), ("target", "VARCHAR"), ("kind", "VARCHAR"),
                          ("evidence_report", "VARCHAR"), ("evidence_start", "INTEGER"), ("evidence_end", "INTEGER"),
                          ("evidence_text", "VARCHAR")),
}

# A hop chain is a list in the dossier; in a table it is one string, hops joined in citing order.
VIA_SEPARATOR = " ← "

Row = tuple[Any, ...]


class StorySource(Protocol):
    """What `story_tables` reads: the `newstrace.corpus.Corpus` API (``stories()`` and ``dossier(id)``)."""

    def stories(self) -> list[dict[str, Any]]: ...

    def dossier(self, story_id: str) -> dict[str, Any]: ...


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


def _story_rows(s: Mapping[str, Any], d: Mapping[str, Any], t: dict[str, list[Row]]) -> None:
    sid = s["id"]
    t["stories"].append((sid, s.get("title"), s.get("first_seen"), s.get("last_seen"), len(s.get("reports") or ()),
                         len(s.get("outlets") or ())))
    for e in d.get("entities") or ():
        variants = sorted(set(e.get("variants") or ()))
        reports = sorted(set(e.get("reports") or ()))
        t["story_entities"].append((sid, e["id"], e.get("name"), e.get("type"), len(variants), len(reports)))
        t["story_entity_variants"].extend((sid, e["id"], v) for v in variants)
        t["story_entity_reports"].extend((sid, e["id"], r) for r in reports)
    for c in d.get("claims") or ():
        reports = sorted(set(c.get("reports") or ()))
        # `reach` is written by newer dossier code only; an older cached dossier has none, hence null
        t["story_claims"].append((sid, c["id"], c.get("text"), c.get("speaker"), _int(c.get("independent_origins")),
                                  bool(c.get("circular")), c.get("reach"), len(reports)))
        t["story_claim_reports"].extend((sid, c["id"], r) for r in reports)
        for w in c.get("wordings") or ():
            via = w.get("via") or []
            t["story_claim_wordings"].append((sid, c["id"], w.get("report"), _int(w.get("start")), _int(w.get("end")),
                                              w.get("text"), w.get("source"), w.get("source_kind"),
                                              VIA_SEPARATOR.join(via) if via else None, w.get("origin_reason"),
                                              w.get("act"), w.get("position")))
        t["story_claim_origins"].extend((sid, c["id"], o) for o in c.get("origins") or ())
    for o in d.get("origins") or ():
        t["story_origins"].append((sid, o["id"], o.get("name"), o.get("kind")))
    graph = d.get("graph") or {}
    for n in graph.get("nodes") or ():
        t["story_graph_nodes"].append((sid, n["id"], n.get("label"), n.get("kind")))
    for e in graph.get("edges") or ():
        ev = e.get("evidence") or {}
        t["story_graph_edges"].append((sid, e["source"], e["target"], e["kind"], ev.get("report"),
                                       _int(ev.get("start")), _int(ev.get("end")), ev.get("text")))


def story_tables(corpus: StorySource, story_ids: Iterable[str] | None = None) -> dict[str, list[Row]]:
    """Flatten every story's dossier into the rows of `TABLES`.

    Args:
        corpus: an open `Corpus` (or anything with its ``stories()`` and ``dossier(id)``).
        story_ids: only these stories (default: all, largest first as ``stories()`` lists them).

    Returns:
        ``{table name: [row tuple, ...]}`` for every name in `TABLES`, columns in `TABLES` order; a table with no
        rows is an empty list (its file is still written, with its columns).

    Raises:
        NewstraceError: from ``corpus.dossier`` when a story cannot be read (NT4xx).
    """
    tables: dict[str, list[Row]] = {name: [] for name in TABLES}
    wanted = None if story_ids is None else set(story_ids)
    for s in corpus.stories():
        if wanted is not None and s["id"] not in wanted:
            continue
        _story_rows(s, corpus.dossier(s["id"]), tables)
    return tables
