"""The store's schema as ordered migrations.

Each migration is a list of SQL statements; `schema_version` records how far a store has been migrated.
A store written by a newer newstrace (a higher version than `MIGRATIONS` knows) is refused with NT402
rather than guessed at.
"""
from __future__ import annotations

from .search import TABLES as SEARCH_TABLES

#: The story stage's records by row (`newstrace.provenance.stage.StoryTrace.rows`): name -> ((column, DuckDB
#: type), ...), keys first, then payload. One row per fact with link tables instead of list columns, so the same
#: schema holds in the store, in Parquet and in CSV (README "Export" documents each column). Claim, origin and
#: entity ids are unique within their story only, so every table carries ``story_id``.
#: a hop chain in a table: one string, hops joined in citing order
VIA_SEPARATOR = " ← "

STORY_TABLES: dict[str, tuple[tuple[str, str], ...]] = {
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


def _create(name: str) -> str:
    cols = ", ".join(f'"{c}" {t}' for c, t in STORY_TABLES[name])
    return f"CREATE TABLE IF NOT EXISTS {name} ({cols})"


MIGRATIONS: list[list[str]] = [
    # 1: reports and their children, story assignments, copies, failures, opaque stage state.
    [
        """CREATE TABLE IF NOT EXISTS reports (
            id VARCHAR NOT NULL, version INTEGER NOT NULL, current BOOLEAN NOT NULL,
            content_hash VARCHAR NOT NULL, source VARCHAR, url VARCHAR, outlet VARCHAR, title VARCHAR,
            authors JSON, published VARCHAR, published_evidence VARCHAR, published_confidence DOUBLE,
            language VARCHAR, raw_kind VARCHAR, text VARCHAR, notes JSON, removed JSON, meta JSON,
            ingested_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
            PRIMARY KEY (id, version))""",
        "CREATE INDEX IF NOT EXISTS reports_hash ON reports (content_hash)",
        """CREATE TABLE IF NOT EXISTS mentions (
            report_id VARCHAR NOT NULL, version INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            label VARCHAR, text VARCHAR, entity VARCHAR)""",
        """CREATE TABLE IF NOT EXISTS attributions (
            report_id VARCHAR NOT NULL, version INTEGER NOT NULL, id VARCHAR NOT NULL, kind VARCHAR,
            content_start INTEGER NOT NULL, content_end INTEGER NOT NULL,
            source_start INTEGER, source_end INTEGER, source_name VARCHAR, source_kind VARCHAR,
            cue_start INTEGER, cue_end INTEGER, via JSON)""",
        """CREATE TABLE IF NOT EXISTS claims (
            report_id VARCHAR NOT NULL, version INTEGER NOT NULL, id VARCHAR NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL, text VARCHAR, attribution VARCHAR, speaker VARCHAR)""",
        """CREATE TABLE IF NOT EXISTS story_reports (
            report_id VARCHAR PRIMARY KEY, story_id VARCHAR NOT NULL)""",
        """CREATE TABLE IF NOT EXISTS copies (
            a VARCHAR NOT NULL, b VARCHAR NOT NULL, share DOUBLE, original VARCHAR, passages JSON, evidence VARCHAR,
            PRIMARY KEY (a, b))""",
        """CREATE TABLE IF NOT EXISTS failures (
            source VARCHAR, report_id VARCHAR, code VARCHAR, message VARCHAR,
            failed_at TIMESTAMP NOT NULL DEFAULT current_timestamp)""",
        """CREATE TABLE IF NOT EXISTS state (name VARCHAR PRIMARY KEY, data BLOB)""",
    ],
    # 2: dossiers are derived data, cached per story and keyed by the hashes of its reports.
    [
        """CREATE TABLE IF NOT EXISTS dossiers (
            story_id VARCHAR PRIMARY KEY, fingerprint VARCHAR NOT NULL, data JSON NOT NULL)""",
    ],
    # 3: the search index (words and name keys of every report; `newstrace.store.search` says why tables).
    SEARCH_TABLES,
    # 4: what each attribution's source is presented as doing (`Attribution.act`: speech, belief, stance, intention,
    # evidence, unsourced); NULL for rows written before it and for attributors that do not tell acts apart.
    ["ALTER TABLE attributions ADD COLUMN IF NOT EXISTS act VARCHAR"],
    # 5: the story clusterer's state by row (`StoryIndex.to_rows`), so an ingest writes only the reports and stories
    # it changed instead of the whole index as one blob; `pos` orders a reload (stories, then each story's members).
    # Its meta record is state 'stories.rows'. The blob of a store before this migration (state 'stories') is read
    # once more and written as rows by the next ingest (`Corpus._load_index`).
    [
        """CREATE TABLE IF NOT EXISTS story_index_docs (
            report_id VARCHAR PRIMARY KEY, story_id VARCHAR NOT NULL, pos BIGINT NOT NULL, data BLOB NOT NULL)""",
        """CREATE TABLE IF NOT EXISTS story_index_stories (story_id VARCHAR PRIMARY KEY, pos BIGINT NOT NULL)""",
    ],
    # 6: the story stage's typed records (`newstrace.provenance.stage`), written at ingest for the stories it
    # touched, beside the dossier document (table dossiers) that the renderers read; a story's rows are replaced as
    # a whole, with its dossier, in one transaction.
    [_create(name) for name in STORY_TABLES],
]

LATEST = len(MIGRATIONS)
