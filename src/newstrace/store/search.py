"""The store's search index: words and name keys of every current report, in plain DuckDB tables.

DuckDB's full-text extension cannot be loaded here (newstrace never fetches extensions), so the index is an
inverted file kept in two tables of the store (schema migration 3):

* ``search_words(term, report_id, version)``: each distinct word of a report's title, text and outlet,
  case-folded and transliterated to ASCII (anyascii), so "Qādī" is found by "qadi".
* ``search_names(key, token, report_id, version)``: each name token of the report's entity mentions
  (`newstrace.compare.names.parse_name`), with its transliteration skeleton
  (`newstrace.compare.names.translit_key`).

A query word matches a report when it is one of its words, or when its skeleton equals a name token's skeleton
*and* `newstrace.compare.names.token_match` accepts the pair (so "al-Kadi" finds "Khalid al-Qadi": the article
particle is not a name token and kadi ~ qadi is a transliteration). The skeleton is the index key, so a query
reads only the rows of its own keys; `token_match` runs on those few candidates, never over the store.

Reports are indexed in the same transaction that writes them (`index_reports`, called from
`Store.write_batch`); a store written before migration 3 is filled by `backfill` (run on the next ingest).

Example:
    >>> from newstrace.model import Mention, Report, Span
    >>> from newstrace.store.duck import Store
    >>> store = Store(":memory:")
    >>> store.write_batch([Report(id="a", text="Khalid al-Qadi spoke.", content_hash="h",
    ...     mentions=[Mention(report="a", span=Span(0, 14), label="PERSON", text="Khalid al-Qadi")])])
    >>> match_reports(store.con, "al-Kadi"), match_reports(store.con, "spoke"), match_reports(store.con, "Kadir")
    ({'a'}, {'a'}, set())
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from anyascii import anyascii

from ..compare.names import parse_name, token_match, translit_key
from ..model import Report

__all__ = ["TABLES", "words", "query_words", "index_reports", "backfill", "match_reports", "match_report_terms",
           "has_index"]

TABLES: list[str] = [
    "CREATE TABLE IF NOT EXISTS search_words (term VARCHAR NOT NULL, report_id VARCHAR NOT NULL, version INTEGER NOT NULL)",
    "CREATE INDEX IF NOT EXISTS search_words_term ON search_words (term)",
    """CREATE TABLE IF NOT EXISTS search_names (
        key VARCHAR NOT NULL, token VARCHAR NOT NULL, report_id VARCHAR NOT NULL, version INTEGER NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS search_names_key ON search_names (key)",
]

# Labels whose mentions are names (dates, amounts and ordinals are not looked up by spelling).
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"})
_WORD = re.compile(r"[a-z0-9]+")
# A word longer than this is not something a person types (hashes, URLs run together).
MAX_WORD = 40


def words(text: str | None) -> set[str]:
    """Distinct index words of `text`: ASCII-transliterated, case-folded runs of letters and digits.

    Example:
        >>> sorted(words("Qādī's dam, 2.4bn"))
        ['2', '4bn', 'dam', 'qadi', 's']
    """
    if not text:
        return set()
    return {w for w in _WORD.findall(anyascii(text).casefold()) if len(w) <= MAX_WORD}


def query_words(q: str) -> list[str]:
    """The query's search terms: each whitespace-separated part, as written (``al-Kadi`` stays one term)."""
    return [p for p in q.split() if words(p)][:12]


def _rows(r: Report) -> tuple[list[str], list[tuple[str, str]]]:
    terms = words(r.title) | words(r.text) | words(r.outlet)
    names: set[tuple[str, str]] = set()
    for m in r.mentions:
        if m.label not in NAME_LABELS or not m.text:
            continue
        for tok in parse_name(m.text, m.label).tokens:
            key = translit_key(tok)
            if key:
                names.add((key, tok))
    return sorted(terms), sorted(names)


def index_reports(con: Any, reports: Sequence[Report], known: set[str] | None = None) -> None:
    """(Re)index `reports` on connection `con`; the caller owns the transaction.

    Args:
        con: a DuckDB connection with `TABLES` created.
        reports: reports with their mentions attached.
        known: the ids among `reports` that may already have index rows (None: any may); only their old rows are
            deleted, so indexing new reports costs the same however large the index is.
    """
    wt: list[str] = []
    wid: list[str] = []
    wv: list[int] = []
    nk: list[str] = []
    nt: list[str] = []
    nid: list[str] = []
    nv: list[int] = []
    for r in reports:
        if known is None or r.id in known:
            con.execute("DELETE FROM search_words WHERE report_id = ?", [r.id])
            con.execute("DELETE FROM search_names WHERE report_id = ?", [r.id])
        terms, names = _rows(r)
        wt += terms
        wid += [r.id] * len(terms)
        wv += [r.version] * len(terms)
        nk += [k for k, _ in names]
        nt += [t for _, t in names]
        nid += [r.id] * len(names)
        nv += [r.version] * len(names)
    # one statement per table and batch: unnest of list parameters, not one INSERT per word
    if wt:
        con.execute("INSERT INTO search_words SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::INTEGER[])",
                    [wt, wid, wv])
    if nk:
        con.execute("INSERT INTO search_names SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), "
                    "unnest(?::INTEGER[])", [nk, nt, nid, nv])


def has_index(con: Any) -> bool:
    """Whether the store has the search tables (a store from before migration 3 opened read-only has not)."""
    try:
        con.execute("SELECT 1 FROM search_words LIMIT 0")
        return True
    except Exception:  # noqa: BLE001 - duckdb.CatalogException: the table is missing
        return False


def backfill(store: Any, batch: int = 500) -> int:
    """Index current reports the index does not hold yet (stores written before the index existed).

    Args:
        store: a writable `newstrace.store.duck.Store`.
        batch: reports read per transaction.

    Returns:
        How many reports were indexed.
    """
    con = store.con
    missing = [r[0] for r in con.execute(
        "SELECT id FROM reports r WHERE current AND NOT EXISTS "
        "(SELECT 1 FROM search_words w WHERE w.report_id = r.id AND w.version = r.version)").fetchall()]
    for i in range(0, len(missing), batch):
        chunk = list(store.reports(missing[i:i + batch], children=True))
        con.execute("BEGIN TRANSACTION")
        try:
            index_reports(con, chunk)
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
    return len(missing)


def _term_reports(con: Any, term: str) -> set[str]:
    parts = sorted(words(term))
    found: set[str] | None = None
    for w in parts:  # "2.4bn" is the words 2 and 4bn: every part must be there
        ids = {r[0] for r in con.execute(
            "SELECT DISTINCT w.report_id FROM search_words w JOIN reports r ON r.id = w.report_id "
            "AND r.version = w.version AND r.current WHERE w.term = ?", [w]).fetchall()}
        found = ids if found is None else found & ids
    hits = found or set()
    tokens = parse_name(term).tokens
    if tokens:
        by_name: set[str] | None = None
        for tok in tokens:
            key = translit_key(tok)
            rows = con.execute(
                "SELECT n.token, n.report_id FROM search_names n JOIN reports r ON r.id = n.report_id "
                "AND r.version = n.version AND r.current WHERE n.key = ?", [key]).fetchall() if key else []
            ok = {t for t in {t for t, _ in rows} if t == tok or token_match(tok, t)}
            ids = {rid for t, rid in rows if t in ok}
            by_name = ids if by_name is None else by_name & ids
        hits |= by_name or set()
    return hits


def match_reports(con: Any, q: str) -> set[str]:
    """Current reports matching every term of `q` (each by a word or by a name spelling).

    Args:
        con: a DuckDB connection to a store with the search tables.
        q: the query as typed.

    Returns:
        Report ids; empty for an empty query.
    """
    out: set[str] | None = None
    for term in query_words(q):
        ids = _term_reports(con, term)
        out = ids if out is None else out & ids
        if not out:
            return set()
    return out or set()


def match_report_terms(con: Any, q: str) -> dict[str, set[str]]:
    """Per query term, the reports it matches (a story matches when each term matches one of its reports)."""
    return {term: _term_reports(con, term) for term in query_words(q)}
