"""The embedded store: one DuckDB file, one table per record type, ordered migrations.

Why DuckDB: an analyst's corpus of a few million reports fits one file, columnar scans make `reports`/`stories`
listings and Parquet export cheap, and nothing has to run as a server. DuckDB is told never to install or
autoload extensions, so opening a store never touches the network.

One `write_batch` is one transaction: a report becomes visible only together with its children. Killing the
process mid-ingest leaves the last committed batch intact (DuckDB's WAL), and a re-run skips what is already
there by `content_hash`.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import duckdb

from ..errors import NewstraceError, StoreError
from ..model import Attribution, Claim, Copy, Hop, Mention, Removed, Report, Span
from . import search as _search
from .schema import LATEST, MIGRATIONS, STORY_TABLES

# Never fetch or load extensions on our own: newstrace sends nothing anywhere.
DUCKDB_CONFIG = {
    "autoinstall_known_extensions": "false",
    "autoload_known_extensions": "false",
    "allow_community_extensions": "false",
}

# What `export` writes, in this order; the story-level tables come from `newstrace.report.tables`.
STORE_EXPORT_TABLES = ("reports", "mentions", "attributions", "claims", "story_reports", "copies", "failures")
EXPORT_FORMATS = ("parquet", "csv")

REPORT_COLUMNS = (
    "id, version, current, content_hash, source, url, outlet, title, authors, published, published_evidence, "
    "published_confidence, language, raw_kind, text, notes, removed, meta"
)


def _span(start: int | None, end: int | None) -> Span | None:
    return None if start is None or end is None else Span(int(start), int(end))


def _hop_json(h: Hop) -> dict[str, Any]:
    return {"name": h.name, "kind": h.kind, "relation": h.relation,
            "start": h.span.start if h.span else None, "end": h.span.end if h.span else None}


def _hop(d: dict[str, Any]) -> Hop:
    return Hop(name=d["name"], span=_span(d.get("start"), d.get("end")), kind=d.get("kind", "unknown"),
               relation=d.get("relation", "citing"))


def _bulk(con: Any, table: str, types: Sequence[str], rows: Sequence[Sequence[Any]], *, replace: bool = False) -> None:
    """Insert `rows` into `table` in one statement: one list parameter per column, zipped back by unnest.

    With `replace`, rows whose primary key is stored replace it (`rows` must not repeat a key).
    """
    if not rows:
        return
    picks = ", ".join(f"unnest(?::{t}[])" for t in types)
    verb = "INSERT OR REPLACE" if replace else "INSERT"
    con.execute(f"{verb} INTO {table} SELECT {picks}", [list(col) for col in zip(*rows)])


class Store:
    """A newstrace store in one DuckDB file.

    Args:
        path: the database file (created if missing); ``":memory:"`` for a throw-away store.
        read_only: open without write access (for `serve` and listings while an ingest runs elsewhere).

    Raises:
        StoreError: NT401 when the file cannot be opened, NT404 when another process holds it,
            NT402 when it was written by a newer newstrace.

    Example:
        >>> s = Store(":memory:")
        >>> s.write_batch([Report(id="a", text="x", content_hash="h")])
        >>> [r.id for r in s.reports()]
        ['a']
    """

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = str(path)
        self.read_only = read_only
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise StoreError("NT401", f"no store at {self.path}: run `newstrace ingest --db {self.path} PATH...` first")
        try:
            self.con = duckdb.connect(self.path, read_only=read_only, config=dict(DUCKDB_CONFIG))
        except duckdb.IOException as e:
            if "lock" in str(e).lower():
                raise StoreError("NT404", f"{self.path} is in use by another newstrace process: {e}") from None
            raise StoreError("NT401", f"cannot open store {self.path}: {e}") from None
        except duckdb.Error as e:
            raise StoreError("NT401", f"cannot open store {self.path}: {e}") from None
        if not read_only:
            self._migrate()
        else:
            self._check_version()

    # -- schema -----------------------------------------------------------------------------------------
    def _version(self) -> int:
        try:
            row = self.con.execute("SELECT max(version) FROM schema_version").fetchone()
        except duckdb.CatalogException:
            return 0
        return int(row[0]) if row and row[0] is not None else 0

    def _check_version(self) -> None:
        v = self._version()
        if v > LATEST:
            raise StoreError("NT402", f"{self.path} has schema {v}; this newstrace knows up to {LATEST}: upgrade newstrace")

    def _migrate(self) -> None:
        self.con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        v = self._version()
        if v > LATEST:
            raise StoreError("NT402", f"{self.path} has schema {v}; this newstrace knows up to {LATEST}: upgrade newstrace")
        for n in range(v, LATEST):
            self.con.execute("BEGIN TRANSACTION")
            try:
                for stmt in MIGRATIONS[n]:
                    self.con.execute(stmt)
                self.con.execute("INSERT INTO schema_version VALUES (?)", [n + 1])
                self.con.execute("COMMIT")
            except Exception:
                self.con.execute("ROLLBACK")
                raise
        if v < 3 <= LATEST and v > 0:  # the search index came in migration 3: index what was stored before it
            _search.backfill(self)

    def _has_column(self, table: str, column: str) -> bool:
        cache = self.__dict__.setdefault("_columns", {})
        if table not in cache:
            cache[table] = {str(r[1]) for r in self.con.execute(f"PRAGMA table_info('{table}')").fetchall()}
        return column in cache[table]

    @property
    def schema_version(self) -> int:
        return self._version()

    def close(self) -> None:
        self.con.close()

    # -- writing ----------------------------------------------------------------------------------------
    def known_hashes(self, hashes: Sequence[str]) -> set[str]:
        """Which of `hashes` are already stored (idempotent re-ingest)."""
        if not hashes:
            return set()
        rows = self.con.execute(
            "SELECT DISTINCT content_hash FROM reports WHERE content_hash IN (SELECT unnest(?))", [list(hashes)]
        ).fetchall()
        return {r[0] for r in rows}

    def latest_versions(self, ids: Sequence[str]) -> dict[str, int]:
        if not ids:
            return {}
        rows = self.con.execute(
            "SELECT id, max(version) FROM reports WHERE id IN (SELECT unnest(?)) GROUP BY id", [list(ids)]
        ).fetchall()
        return {r[0]: int(r[1]) for r in rows}

    def write_batch(self, reports: Sequence[Report], failures: Iterable[tuple[str, str | None, str, str]] = ()) -> None:
        """Write reports (with all their children) and failures in one transaction.

        A report whose id is already stored becomes a new version; the older version stays (not current).
        """
        con = self.con
        reports = list(reports)
        con.execute("BEGIN TRANSACTION")
        try:
            # Only ids already in the store have older versions, children or search rows to retire: one lookup per
            # batch instead of an UPDATE and five DELETEs per report (which scanned ever larger tables).
            known = self.latest_versions([r.id for r in reports]) if reports else {}
            again = [r for r in reports if r.id in known]
            for r in again:
                con.execute("UPDATE reports SET current = false WHERE id = ? AND version <> ?", [r.id, r.version])
                for table in ("mentions", "attributions", "claims"):
                    con.execute(f"DELETE FROM {table} WHERE report_id = ? AND version = ?", [r.id, r.version])
            if reports:
                cols = [[r.id for r in reports], [r.version for r in reports], [r.content_hash for r in reports],
                        [r.source for r in reports], [r.url for r in reports], [r.outlet for r in reports],
                        [r.title for r in reports], [json.dumps(r.authors) for r in reports],
                        [r.published for r in reports], [r.published_evidence for r in reports],
                        [float(r.published_confidence or 0.0) for r in reports], [r.language for r in reports],
                        [r.raw_kind for r in reports], [r.text for r in reports], [json.dumps(r.notes) for r in reports],
                        [json.dumps([[x.text[:500], x.reason] for x in r.removed[:200]]) for r in reports],
                        [json.dumps(r.meta, default=str) for r in reports]]
                types = ["VARCHAR", "INTEGER", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR",
                         "VARCHAR", "VARCHAR", "DOUBLE", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR"]
                names = [c.strip() for c in REPORT_COLUMNS.split(",") if c.strip() != "current"]
                picks = ", ".join(f"unnest(?::{t}[]) AS {n}" for t, n in zip(types, names))
                con.execute(f"INSERT OR REPLACE INTO reports ({REPORT_COLUMNS}) SELECT {', '.join(names[:2])}, true, "
                            f"{', '.join(names[2:])} FROM (SELECT {picks})", cols)
            _bulk(con, "mentions", ["VARCHAR", "INTEGER", "INTEGER", "INTEGER", "VARCHAR", "VARCHAR", "VARCHAR"],
                  [[r.id, r.version, m.span.start, m.span.end, m.label, m.text, m.entity] for r in reports for m in r.mentions])
            _bulk(con, "attributions", ["VARCHAR", "INTEGER", "VARCHAR", "VARCHAR", "INTEGER", "INTEGER", "INTEGER",
                                        "INTEGER", "VARCHAR", "VARCHAR", "INTEGER", "INTEGER", "VARCHAR", "VARCHAR"],
                  [[r.id, r.version, a.id, a.kind, a.content.start, a.content.end,
                    a.source.start if a.source else None, a.source.end if a.source else None,
                    a.source_name, a.source_kind, a.cue.start if a.cue else None, a.cue.end if a.cue else None,
                    json.dumps([_hop_json(h) for h in a.via]), a.act] for r in reports for a in r.attributions])
            _bulk(con, "claims", ["VARCHAR", "INTEGER", "VARCHAR", "INTEGER", "INTEGER", "VARCHAR", "VARCHAR", "VARCHAR"],
                  [[r.id, r.version, c.id, c.span.start, c.span.end, c.text, c.attribution, c.speaker]
                   for r in reports for c in r.claims])
            for source, rid, code, message in failures:
                con.execute("INSERT INTO failures (source, report_id, code, message) VALUES (?, ?, ?, ?)",
                            [source, rid, code, message])
            # search index, same transaction (store/search.py); only known ids have rows to replace
            _search.index_reports(con, reports, known={r.id for r in again})
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise

    def write_stories(self, assignments: dict[str, str], copies: Iterable[Copy], state: bytes | None,
                      *, replace: bool = False, rows: Mapping[str, Any] | None = None) -> None:
        """Store story assignments, copy edges and the clusterer's state in one transaction.

        Args:
            state: the clusterer's state as one blob (state 'stories'), or None.
            rows: the clusterer's state by row (`StoryIndex.to_rows`: only what changed, or everything with
                ``"full"``); a store holding rows has no blob, so writing rows deletes it.
        """
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            if replace:
                con.execute("DELETE FROM story_reports")
                con.execute("DELETE FROM copies")
            if rows is not None:
                self._write_index_rows(rows)
            # one statement per table, not one per row (executemany ran a statement per story assignment)
            _bulk(con, "story_reports", ["VARCHAR", "VARCHAR"], [[k, v] for k, v in assignments.items()],
                  replace=True)
            _bulk(con, "copies", ["VARCHAR", "VARCHAR", "DOUBLE", "VARCHAR", "JSON", "VARCHAR"],
                  [[c.a, c.b, float(c.share), c.original,
                    json.dumps([[p[0].start, p[0].end, p[1].start, p[1].end] for p in c.passages]), c.evidence]
                   for c in {(c.a, c.b): c for c in copies}.values()], replace=True)
            if state is not None:
                con.execute("INSERT OR REPLACE INTO state VALUES ('stories', ?)", [state])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise

    def _write_index_rows(self, rows: Mapping[str, Any]) -> None:
        con = self.con
        if rows.get("full"):
            con.execute("DELETE FROM story_index_docs")
            con.execute("DELETE FROM story_index_stories")
        for table, key, gone in (("story_index_docs", "report_id", rows.get("gone_docs")),
                                 ("story_index_stories", "story_id", rows.get("gone_stories"))):
            if gone:
                con.execute(f"DELETE FROM {table} WHERE {key} IN (SELECT unnest(?::VARCHAR[]))", [list(gone)])
        _bulk(con, "story_index_docs", ["VARCHAR", "VARCHAR", "BIGINT", "BLOB"], rows.get("docs") or [], replace=True)
        _bulk(con, "story_index_stories", ["VARCHAR", "BIGINT"], rows.get("stories") or [], replace=True)
        con.execute("INSERT OR REPLACE INTO state VALUES ('stories.rows', ?)", [rows["meta"]])
        con.execute("DELETE FROM state WHERE name = 'stories'")

    def index_rows(self) -> Iterator[tuple[str, str, bytes]]:
        """The clusterer's rows, ``(report id, story id, row)``, in reload order (stories, then members)."""
        cur = self.con.execute(
            "SELECT d.report_id, d.story_id, d.data FROM story_index_docs d JOIN story_index_stories s "
            "ON s.story_id = d.story_id ORDER BY s.pos, d.pos")
        while True:
            chunk = cur.fetchmany(2000)
            if not chunk:
                return
            yield from chunk

    def put_trace(self, story_id: str, fingerprint: str, dossier: Mapping[str, Any],
                  rows: Mapping[str, Sequence[Sequence[Any]]]) -> None:
        """Store one story's trace (`newstrace.provenance.stage.StoryTrace`) in one transaction: its dossier
        document and its rows in the story tables, the story's old rows removed first.

        Args:
            rows: ``{table: [row, ...]}`` for tables of `STORY_TABLES`, columns in their order.
        """
        self.put_traces([(story_id, fingerprint, dossier, rows)])

    def put_traces(self, traces: Sequence[tuple[str, str, Mapping[str, Any], Mapping[str, Sequence[Sequence[Any]]]]]
                   ) -> None:
        """Store several stories' traces, ``(story id, fingerprint, dossier, rows)`` each as in `put_trace`, in one
        transaction and one statement per table (a statement per story and table cost 25 ms a story).

        Raises:
            ValueError: when a story id repeats (its rows would be stored twice).
        """
        if not traces:
            return
        ids = [t[0] for t in traces]
        if len(set(ids)) != len(ids):
            raise ValueError("put_traces: a story id repeats")
        merged: dict[str, list[list[Any]]] = {name: [] for name in STORY_TABLES}
        for _, _, _, rows in traces:
            for name, table_rows in rows.items():
                merged[name].extend(list(r) for r in table_rows)
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            for name in STORY_TABLES:
                con.execute(f"DELETE FROM {name} WHERE story_id IN (SELECT unnest(?::VARCHAR[]))", [ids])
            for name, table_rows in merged.items():
                _bulk(con, name, [t for _, t in STORY_TABLES[name]], table_rows)
            _bulk(con, "dossiers", ["VARCHAR", "VARCHAR", "VARCHAR"],
                  [(sid, fp, json.dumps(dossier)) for sid, fp, dossier, _ in traces], replace=True)
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise

    def drop_traces(self, keep: Iterable[str]) -> int:
        """Remove the traces (dossier and story-table rows) of every story not in `keep`: the stories a rebuild or
        a merge ended. Returns how many stories' traces were removed."""
        con = self.con
        keep = list(keep)
        gone = [r[0] for r in con.execute(
            "SELECT story_id FROM dossiers WHERE story_id NOT IN (SELECT unnest(?::VARCHAR[]))", [keep]).fetchall()]
        if not gone:
            return 0
        con.execute("BEGIN TRANSACTION")
        try:
            for name in (*STORY_TABLES, "dossiers"):
                con.execute(f"DELETE FROM {name} WHERE story_id IN (SELECT unnest(?::VARCHAR[]))", [gone])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        return len(gone)

    # -- reading ----------------------------------------------------------------------------------------
    def state(self, name: str) -> bytes | None:
        row = self.con.execute("SELECT data FROM state WHERE name = ?", [name]).fetchone()
        return bytes(row[0]) if row else None

    def trace_fingerprints(self, story_ids: Sequence[str]) -> dict[str, str]:
        """``{story id: fingerprint}`` of the stored traces of `story_ids` (stories without one are absent)."""
        return dict(self.con.execute("SELECT story_id, fingerprint FROM dossiers WHERE story_id IN "
                                     "(SELECT unnest(?::VARCHAR[]))", [list(story_ids)]).fetchall())

    def trace_rows(self, story_ids: Sequence[str] | None = None) -> dict[str, list[tuple[Any, ...]]]:
        """The story tables' rows (``{table: [row, ...]}``, columns in `STORY_TABLES` order), of `story_ids` or of
        every story, in a stable order (story, then the table's keys)."""
        out: dict[str, list[tuple[Any, ...]]] = {}
        for name, cols in STORY_TABLES.items():
            names = ", ".join(f'"{c}"' for c, _ in cols)
            where = "" if story_ids is None else " WHERE story_id IN (SELECT unnest(?::VARCHAR[]))"
            params = [] if story_ids is None else [list(story_ids)]
            out[name] = [tuple(r) for r in self.con.execute(
                f"SELECT {names} FROM {name}{where} ORDER BY ALL", params).fetchall()]
        return out

    def report_keys(self, ids: Sequence[str]) -> list[tuple[str, int, str]]:
        """``(id, version, content hash)`` of the current versions of `ids` (what a story's trace is keyed by)."""
        return [(r[0], int(r[1]), r[2]) for r in self.con.execute(
            "SELECT id, version, content_hash FROM reports WHERE current AND id IN (SELECT unnest(?::VARCHAR[]))",
            [list(ids)]).fetchall()]

    def dossier(self, story_id: str, fingerprint: str) -> dict[str, Any] | None:
        row = self.con.execute("SELECT data FROM dossiers WHERE story_id = ? AND fingerprint = ?",
                               [story_id, fingerprint]).fetchone()
        return json.loads(row[0]) if row else None

    def count(self, table: str = "reports") -> int:
        where = " WHERE current" if table == "reports" else ""
        return int(self.con.execute(f"SELECT count(*) FROM {table}{where}").fetchone()[0])

    def report_ids(self) -> list[str]:
        return [r[0] for r in self.con.execute("SELECT id FROM reports WHERE current ORDER BY id").fetchall()]

    def unassigned_report_ids(self) -> list[str]:
        """Current reports without a story (an interrupted ingest's), in id order: one anti-join in DuckDB, not the
        store's ids and assignments read into Python at every ingest."""
        return [r[0] for r in self.con.execute(
            "SELECT r.id FROM reports r WHERE r.current AND NOT EXISTS "
            "(SELECT 1 FROM story_reports s WHERE s.report_id = r.id) ORDER BY r.id").fetchall()]

    def reports(self, ids: Sequence[str] | None = None, *, children: bool = False) -> Iterator[Report]:
        """Current reports (all, or those in `ids`), optionally with mentions, attributions and claims."""
        sql = f"SELECT {REPORT_COLUMNS} FROM reports WHERE current"
        params: list[Any] = []
        if ids is not None:
            # the row ids first (a scan of the id column only), then the rows by row id: a semi-join on id read
            # every column of every stored report, which made reading a story's members grow with the store
            # (300 of 100,000 reports: 0.23 s against 0.03 s)
            rowids = [r[0] for r in self.con.execute(
                "SELECT rowid FROM reports WHERE current AND id IN (SELECT unnest(?::VARCHAR[]))", [list(ids)]
            ).fetchall()]
            sql += " AND rowid IN (SELECT unnest(?::BIGINT[]))"
            params.append(rowids)
        sql += " ORDER BY id"
        rows = self.con.execute(sql, params).fetchall()
        for start in range(0, len(rows), 500):
            chunk = [self._report(row) for row in rows[start : start + 500]]
            if children:
                self._attach_children(chunk)
            yield from chunk

    @staticmethod
    def _report(row: tuple[Any, ...]) -> Report:
        (rid, version, _cur, chash, source, url, outlet, title, authors, published, pev, pconf, lang, raw_kind,
         text, notes, removed, meta) = row
        return Report(
            id=rid, version=int(version), content_hash=chash, source=source or "", url=url, outlet=outlet,
            title=title, authors=json.loads(authors or "[]"), published=published, published_evidence=pev,
            published_confidence=float(pconf or 0.0), language=lang, raw_kind=raw_kind or "text", text=text or "",
            notes=json.loads(notes or "[]"), removed=[Removed(t, why) for t, why in json.loads(removed or "[]")],
            meta=json.loads(meta or "{}"),
        )

    def _attach_children(self, reports: list[Report]) -> None:
        by_key = {(r.id, r.version): r for r in reports}
        keys = [[r.id, r.version] for r in reports]
        if not keys:
            return
        self.con.execute("CREATE TEMP TABLE IF NOT EXISTS _want (id VARCHAR, version INTEGER)")
        self.con.execute("DELETE FROM _want")
        self.con.executemany("INSERT INTO _want VALUES (?, ?)", keys)
        for rid, v, s, e, label, text, entity in self.con.execute(
            'SELECT m.report_id, m.version, m.start, m."end", m.label, m.text, m.entity FROM mentions m '
            "JOIN _want w ON m.report_id = w.id AND m.version = w.version ORDER BY m.report_id, m.start"
        ).fetchall():
            by_key[(rid, v)].mentions.append(Mention(rid, Span(s, e), label, text, entity))
        # a store older than migration 4, opened read-only, has no act column: its acts read as None
        act = "a.act" if self._has_column("attributions", "act") else "NULL"
        for (rid, v, aid, kind, cs, ce, ss, se, sname, skind, qs, qe, via, a_act) in self.con.execute(
            "SELECT a.report_id, a.version, a.id, a.kind, a.content_start, a.content_end, a.source_start, a.source_end, "
            f"a.source_name, a.source_kind, a.cue_start, a.cue_end, a.via, {act} FROM attributions a "
            "JOIN _want w ON a.report_id = w.id AND a.version = w.version ORDER BY a.report_id, a.content_start, a.id"
        ).fetchall():
            by_key[(rid, v)].attributions.append(Attribution(
                report=rid, id=aid, content=Span(cs, ce), kind=kind, source=_span(ss, se), source_name=sname,
                cue=_span(qs, qe), via=tuple(_hop(h) for h in json.loads(via or "[]")), source_kind=skind or "unknown",
                act=a_act))
        for rid, v, cid, s, e, text, attr, speaker in self.con.execute(
            'SELECT c.report_id, c.version, c.id, c.start, c."end", c.text, c.attribution, c.speaker FROM claims c '
            "JOIN _want w ON c.report_id = w.id AND c.version = w.version ORDER BY c.report_id, c.start, c.id"
        ).fetchall():
            by_key[(rid, v)].claims.append(Claim(cid, rid, Span(s, e), text, attr, speaker))

    def report_meta(self, ids: Sequence[str] | None = None) -> dict[str, tuple[str | None, str | None, str | None]]:
        """``{id: (outlet, title, published)}`` of current reports, without reading their texts."""
        sql = "SELECT id, outlet, title, published FROM reports WHERE current"
        params: list[Any] = []
        if ids is not None:
            sql += " AND id IN (SELECT unnest(?))"
            params.append(list(ids))
        return {r[0]: (r[1], r[2], r[3]) for r in self.con.execute(sql, params).fetchall()}

    def story_members(self, story_id: str) -> list[str]:
        rows = self.con.execute("SELECT report_id FROM story_reports WHERE story_id = ? ORDER BY report_id",
                                [story_id]).fetchall()
        return [r[0] for r in rows]

    def story_assignments(self) -> dict[str, str]:
        return dict(self.con.execute("SELECT report_id, story_id FROM story_reports").fetchall())

    def copies(self, report_ids: Sequence[str] | None = None) -> list[Copy]:
        sql = "SELECT a, b, share, original, passages, evidence FROM copies"
        params: list[Any] = []
        if report_ids is not None:
            sql += " WHERE a IN (SELECT unnest(?)) AND b IN (SELECT unnest(?))"
            params = [list(report_ids), list(report_ids)]
        out = []
        for a, b, share, original, passages, evidence in self.con.execute(sql + " ORDER BY a, b", params).fetchall():
            pas = tuple((Span(p[0], p[1]), Span(p[2], p[3])) for p in json.loads(passages or "[]"))
            out.append(Copy(a=a, b=b, share=float(share or 0.0), original=original, passages=pas, evidence=evidence or ""))
        return out

    def failures(self) -> list[dict[str, Any]]:
        rows = self.con.execute("SELECT source, report_id, code, message, failed_at FROM failures ORDER BY failed_at").fetchall()
        return [{"source": s, "id": i, "code": c, "message": m, "at": str(t)} for s, i, c, m, t in rows]

    def export_parquet(self, directory: str | Path) -> list[Path]:
        """Write every store table as Parquet with DuckDB's own `COPY ... TO` (no extension needed)."""
        return self.export(directory, "parquet")

    def export(self, directory: str | Path, format: str = "parquet",
               extra: Mapping[str, tuple[Sequence[tuple[str, str]], Sequence[Sequence[Any]]]] | None = None) -> list[Path]:
        """Write the store's tables, then `extra` tables, as Parquet or CSV files with DuckDB's `COPY ... TO`.

        Both formats are built into DuckDB, so nothing is installed or loaded.

        Args:
            directory: output directory (created if missing); files are ``<table>.<format>``.
            format: ``"parquet"`` or ``"csv"`` (with a header row).
            extra: more tables, ``{name: (((column, DuckDB type), ...), rows)}``, e.g. the story-level tables of
                `newstrace.report.tables`; written through a private in-memory DuckDB, so a read-only store
                exports too and the store file is never written.

        Returns:
            The files written, store tables first.

        Raises:
            NewstraceError: NT501 for an unknown format.
            OSError: when the directory cannot be created.
        """
        if format not in EXPORT_FORMATS:
            raise NewstraceError("NT501", f"unknown export format {format!r}: use one of {', '.join(EXPORT_FORMATS)}")
        out = Path(directory)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for table in STORE_EXPORT_TABLES:
            written.append(self._copy(self.con, table, out, format))
        if extra:
            mem = duckdb.connect(":memory:", config=dict(DUCKDB_CONFIG))
            try:
                for name, (columns, rows) in extra.items():
                    cols = ", ".join(f'"{c}" {t}' for c, t in columns)
                    mem.execute(f'CREATE TABLE "{name}" ({cols})')
                    if rows:
                        # one list parameter per column, zipped back by unnest: one statement per table, not per row
                        picks = ", ".join(f"unnest(?::{t}[])" for _, t in columns)
                        mem.execute(f'INSERT INTO "{name}" SELECT {picks}', [list(col) for col in zip(*rows)])
                    written.append(self._copy(mem, name, out, format))
            finally:
                mem.close()
        return written

    @staticmethod
    def _copy(con: duckdb.DuckDBPyConnection, table: str, out: Path, format: str) -> Path:
        target = out / f"{table}.{format}"
        options = "FORMAT parquet" if format == "parquet" else "FORMAT csv, HEADER true"
        path = target.as_posix().replace("'", "''")  # a quote in a directory name must not end the literal
        try:
            con.execute(f"""COPY "{table}" TO '{path}' ({options})""")
        except duckdb.IOException as e:
            raise OSError(f"cannot write {target}: {e}") from None
        return target
