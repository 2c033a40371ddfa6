"""Story-level tables for analysts: the story stage's records, as the store keeps them, for export.

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
    ...     def trace_rows(self, ids):
    ...         return {"story_claims": [("s1", "c1", "x", None, 0, False, None, 1)]}
    >>> t = story_tables(Fake())
    >>> t["stories"], t["story_claims"], t["story_origins"]
    ([('s1', 'T', None, None, 1, 1)], [('s1', 'c1', 'x', None, 0, False, None, 1)], [])
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from newstrace.store.schema import STORY_TABLES, VIA_SEPARATOR

__all__ = ["TABLES", "VIA_SEPARATOR", "StorySource", "story_tables"]

# name -> ((column, DuckDB type), ...): the story list, then the story stage's tables as the store keeps them.
TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "stories": (("story_id", "VARCHAR"), ("title", "VARCHAR"), ("first_seen", "VARCHAR"), ("last_seen", "VARCHAR"),
                ("reports", "INTEGER"), ("outlets", "INTEGER")),
    **STORY_TABLES,
}

Row = tuple[Any, ...]


class StorySource(Protocol):
    """What `story_tables` reads: the `newstrace.corpus.Corpus` API (``stories()`` and ``trace_rows(ids)``)."""

    def stories(self) -> list[dict[str, Any]]: ...

    def trace_rows(self, story_ids: Iterable[str] | None = None) -> dict[str, list[Row]]: ...


def story_tables(corpus: StorySource, story_ids: Iterable[str] | None = None) -> dict[str, list[Row]]:
    """The story list and the story stage's stored tables, as rows of `TABLES` (nothing is computed here).

    Args:
        corpus: an open `Corpus` (or anything with its ``stories()`` and ``trace_rows(ids)``).
        story_ids: only these stories (default: all, largest first as ``stories()`` lists them).

    Returns:
        ``{table name: [row tuple, ...]}`` for every name in `TABLES`, columns in `TABLES` order; a table with no
        rows is an empty list (its file is still written, with its columns).

    Raises:
        NewstraceError: from ``corpus.trace_rows`` when the store cannot be read (NT4xx).
    """
    wanted = None if story_ids is None else set(story_ids)
    listed = [s for s in corpus.stories() if wanted is None or s["id"] in wanted]
    tables: dict[str, list[Row]] = {name: [] for name in TABLES}
    tables["stories"] = [(s["id"], s.get("title"), s.get("first_seen"), s.get("last_seen"),
                          len(s.get("reports") or ()), len(s.get("outlets") or ())) for s in listed]
    for name, rows in corpus.trace_rows([s["id"] for s in listed]).items():
        tables[name] = list(rows)
    return tables
