"""`Corpus`: the public API over one store. The CLI and the web app are thin layers over it.

Flow of `Corpus.ingest`:
  1. read (streaming) → reports, failures and skipped records;
  2. drop reports whose `content_hash` is already stored (re-ingest is a no-op); a known id with new content
     becomes a new `version`;
  3. clean + NLP per report in the configured runner (worker processes with a per-document time limit), as one
     stream: the workers go on with the next reports while a finished batch is written and assigned;
  4. write each batch (reports + children + failures) in one transaction;
  5. assign each stored report to a story (streaming; the clusterer's state is kept in the store) and record
     copy edges, also one transaction per batch; a re-run first assigns any stored report an interrupted run
     left without a story;
  6. when the store is small enough (``settings.rebuild_max_reports``) and the rebuild costs no more than the
     ingest did (`REBUILD_PER_CHANGED_REPORT`), re-cluster it all in a canonical order, so the stories do not
     depend on the order reports arrived in; otherwise the stream's assignment stands until
     `newstrace stories --rebuild`;
  7. run the story stage (compare + provenance, `newstrace.provenance.stage`) for the stories this ingest touched
     (all of them after a rebuild; with ``workers`` > 1 the stories are built in worker processes, while this one
     reads the next stories and writes), one transaction per `TRACE_WRITE_BATCH` stories: dossiers and the story
     tables are stored, so the readers (``story``, ``export``, the web UI) only render. A story whose trace fails
     is counted in the failures (NT406) and keeps its last trace; ``settings.trace_at_ingest`` off leaves tracing
     to the first read.

Example:
    >>> c = Corpus.open(":memory:")
    >>> summary = c.ingest(["examples/corpus"])          # doctest: +SKIP
    >>> [s["id"] for s in c.stories()]                   # doctest: +SKIP
"""
from __future__ import annotations

import itertools
import json
import logging
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InputError, NewstraceError, StoreError
from .model import Copy, Entity, Failure, Report, Skipped, Story
from .settings import Settings
from .store import Store

if TYPE_CHECKING:
    from .compare.store_entities import StoreEntity

log = logging.getLogger(__name__)


@dataclass(slots=True)
class IngestSummary:
    """Counts an analyst can read: what came in, what was new, what failed and why, what cleaning removed."""

    read: int = 0
    new: int = 0
    new_versions: int = 0
    unchanged: int = 0
    failures: list[dict[str, Any]] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    removed: Counter[str] = field(default_factory=Counter)
    notes: Counter[str] = field(default_factory=Counter)
    stories_touched: int = 0
    rebuilt: bool = False
    #: stories whose trace the story stage built at the end of the ingest (the others touched were unchanged)
    traced: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "read": self.read, "new": self.new, "new_versions": self.new_versions, "unchanged": self.unchanged,
            "failed": len(self.failures), "failures": self.failures, "skipped": dict(self.skipped),
            "removed": dict(self.removed.most_common()), "notes": dict(self.notes.most_common()),
            "stories_touched": self.stories_touched, "stories_rebuilt": self.rebuilt,
            "stories_traced": self.traced,
        }


# A rebuild costs about 8 ms per stored report (ECB+, 2026-11-23: 7.7-10.4 ms with the event splitter, 6.0-6.3
# without); cleaning + NLP about 300 ms per new one (BENCHMARKS ingest and stories sections). Re-clustering after
# an ingest is kept to at most the cost of the ingest itself.
REBUILD_PER_CHANGED_REPORT = 300 // 8


# Reports' copy-detection forms (`stories.copies.Shingled`) kept in memory across the batches of an ingest, so a
# story member is tokenised once, not once per new report of its story: about 11 KB each (~24 bytes a word, 460
# words on average), so 20,000 of them stay near 220 MB, 5% of the 4 GB memory goal of issue 16.
SIGNATURE_CACHE = 20_000

# Story traces written in one transaction (`Store.put_traces`): each write costs about 20 statements whatever its
# size (25 ms a story when each story had its own, BENCHMARKS "story-stage"), so 32 stories bring that under 1 ms a
# story while at most 32 dossiers wait in memory.
TRACE_WRITE_BATCH = 32


class _Bounded:
    """A dict that forgets its oldest entries beyond `limit` (insertion order; `put` refreshes an entry)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._d: dict[str, Any] = {}

    def get(self, key: str) -> Any:
        return self._d.get(key)

    def put(self, key: str, value: Any) -> None:
        self._d.pop(key, None)
        self._d[key] = value
        while len(self._d) > self.limit:
            del self._d[next(iter(self._d))]


def _reason_key(reason: str) -> str:
    return reason.split(" (")[0][:80]


class Corpus:
    """A store of reports, stories and their derived views.

    Args:
        store: an open `Store`.
        settings: frozen settings (see `newstrace.settings.load`).
    """

    def __init__(self, store: Store, settings: Settings | None = None) -> None:
        self.store = store
        self.settings = settings or Settings()
        self._index: Any = None
        self._rows_full = False  # the next index write rewrites every row (after a rebuild, or from a blob)
        self._signatures = _Bounded(SIGNATURE_CACHE)
        self._touched: set[str] = set()  # stories the current ingest assigned reports to

    @classmethod
    def open(cls, path: str | Path | None = None, settings: Settings | None = None, *, read_only: bool = False) -> Corpus:
        """Open (or create) the store at `path` (default: ``settings.db``)."""
        settings = settings or Settings()
        return cls(Store(path or settings.db, read_only=read_only), settings)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- ingest -----------------------------------------------------------------------------------------
    def ingest(self, paths: Sequence[str], *, format: str | None = None, stdin: Any = None,
               progress: Callable[[int], None] | None = None, batch_size: int = 32) -> IngestSummary:
        """Read, clean, annotate and store the reports at `paths`, then assign them to stories.

        Raises:
            StoreError: only when the store itself fails; bad inputs are counted in the summary.
        """
        from .ingest import read
        from .ingest.base import Failure, Skipped
        from .pipeline import open_runner, stage_for

        summary = IngestSummary()
        self._touched = set()
        self._assign_unassigned(summary)
        runner = open_runner(stage_for("full", self.settings), self.settings)
        read_failures: list[Failure] = []  # failures of reading, written with the next batch
        # Reports handed to the runner but not yet written: a duplicate of one of them is unchanged, and a later
        # version of its id counts on from it (the store knows neither yet). The runner gives one result per input,
        # in input order, so each result settles the oldest entry of `pending`.
        pending: deque[tuple[str, str]] = deque()  # (id, content hash), in the order handed over
        settled: list[tuple[str, str]] = []  # results received, written at the next flush
        inflight_hashes: set[str] = set()
        inflight_versions: dict[str, list[int]] = {}  # id -> [latest version in flight, reports of it in flight]
        unchanged_at = [0]

        def screen(batch: list[Report]) -> list[Report]:
            known = self.store.known_hashes([r.content_hash for r in batch])
            fresh = []
            for r in batch:
                if r.content_hash in known or r.content_hash in inflight_hashes:
                    summary.unchanged += 1
                else:
                    inflight_hashes.add(r.content_hash)
                    fresh.append(r)
            latest = self.store.latest_versions([r.id for r in fresh if r.id not in inflight_versions])
            # The same id twice with different content: later ones become later versions.
            for r in fresh:
                v, n = inflight_versions.get(r.id, (latest.get(r.id, 0), 0))
                r.version = v + 1
                inflight_versions[r.id] = [r.version, n + 1]
                pending.append((r.id, r.content_hash))
            return fresh

        def fresh_reports() -> Iterator[Report]:
            batch: list[Report] = []
            for item in read(list(paths), format=format or self.settings.format, settings=self.settings, stdin=stdin):
                if isinstance(item, Report):
                    summary.read += 1
                    batch.append(item)
                elif isinstance(item, Skipped):
                    summary.skipped[_reason_key(item.reason)] += 1
                else:
                    read_failures.append(item)
                if len(batch) >= batch_size:
                    yield from screen(batch)
                    batch = []
            if batch:
                yield from screen(batch)

        done: list[Report] = []
        failures: list[Failure] = []

        def flush() -> None:
            failures.extend(read_failures)
            read_failures.clear()
            if not done and not failures:
                return
            self.store.write_batch(done, [(f.source, f.id, f.error.code, f.error.message) for f in failures])
            summary.failures.extend({"source": f.source, "id": f.id, "code": f.error.code, "message": f.error.message}
                                    for f in failures)
            self._assign(done, summary)
            for rid, h in settled:
                inflight_hashes.discard(h)
                entry = inflight_versions[rid]
                entry[1] -= 1
                if not entry[1]:
                    del inflight_versions[rid]
            settled.clear()
            if progress:  # what this flush committed, and the duplicates screened out since the last one
                progress(len(done) + len(failures) + summary.unchanged - unchanged_at[0])
            unchanged_at[0] = summary.unchanged
            done.clear()
            failures.clear()

        # One stream through the runner: while the stored batch is written and assigned to stories here, the
        # workers go on with the reports after it (a flush per read batch left them idle meanwhile).
        with runner:
            for out in runner.map(fresh_reports()):
                settled.append(pending.popleft())
                if isinstance(out, Report):
                    out.raw = None  # the raw page is not kept in the store; `source` says where it came from
                    done.append(out)
                    if out.version > 1:
                        summary.new_versions += 1
                    else:
                        summary.new += 1
                    summary.removed.update(_reason_key(x.reason) for x in out.removed)
                    summary.notes.update(n.split(":")[0] for n in out.notes)
                else:
                    failures.append(out)
                if len(done) >= batch_size or len(failures) + len(read_failures) >= batch_size:
                    flush()
            flush()
        self._save_index()
        stored = self.store.count()
        changed = summary.new + summary.new_versions
        if changed and 0 < stored <= min(self.settings.rebuild_max_reports, REBUILD_PER_CHANGED_REPORT * changed):
            self.rebuild_stories()
            summary.rebuilt = True
        if self.settings.trace_at_ingest and self._touched:
            summary.traced = self._trace_into(sorted(self._touched), summary)
        self._touched = set()
        return summary

    # -- stories ----------------------------------------------------------------------------------------
    def _index_class(self) -> Any:
        """The class of the configured story clusterer (``settings.clusterer`` in `newstrace.registry`)."""
        from . import stories  # noqa: F401  (registers the clusterers)
        from .registry import clusterers

        return type(clusterers.get(self.settings.clusterer)())

    def _load_index(self) -> Any:
        """The clusterer, from its rows (an index with `from_rows`), else from its blob, else a new one.

        A store written before migration 5 holds the blob: it is read once and the next write turns it into rows
        (`_index_rows`), so the index continues exactly where the blob left it.
        """
        if self._index is None:
            cls = self._index_class()
            meta = self.store.state("stories.rows") if hasattr(cls, "from_rows") else None
            state = self.store.state("stories") if meta is None else None
            if meta is not None:
                self._index = cls.from_rows(meta, self.store.index_rows())
            elif state:
                self._index = cls.from_bytes(state)
                self._rows_full = True  # the blob becomes rows at the next write
            else:
                self._index = cls()
        return self._index

    def _index_rows(self) -> dict[str, Any] | None:
        """What the index changed since its last write, by row (None: it is kept as a blob)."""
        if self._index is None or not hasattr(self._index, "to_rows"):
            return None
        full, self._rows_full = self._rows_full, False
        return self._index.to_rows(full=full)

    def _save_index(self) -> None:
        if self._index is not None:
            rows = self._index_rows()
            self.store.write_stories({}, [], self._index.to_bytes() if rows is None else None, rows=rows)

    def _assign(self, reports: Sequence[Report], summary: IngestSummary | None = None) -> None:
        if not reports:
            return
        index = self._load_index()
        # `add` replaces an older version of the id itself; a streaming add never moves other reports, so the
        # story ids it returns are the batch's assignments (no store-sized `assignments()` per batch)
        assignments = {r.id: index.add(r) for r in reports}
        touched = set(assignments.values())
        members = self._members_of(index, touched)
        copies = self._copies_for(reports, assignments, members)
        # the index's changed rows go with the assignments, in one transaction
        self.store.write_stories({r.id: assignments[r.id] for r in reports}, copies, None, rows=self._index_rows())
        self._touched |= touched
        if summary is not None:
            summary.stories_touched += len(touched)

    @staticmethod
    def _members_of(index: Any, story_ids: set[str]) -> dict[str, list[str]]:
        """``{story id: member ids}`` for `story_ids`, from the index's own story lists when it keeps them (the
        cost is then the stories' size, not the store's)."""
        if hasattr(index, "members"):
            return {sid: index.members(sid) for sid in story_ids}
        out: dict[str, list[str]] = {}
        for rid, sid in index.assignments().items():
            if sid in story_ids:
                out.setdefault(sid, []).append(rid)
        return out

    def _copies_for(self, reports: Sequence[Report], assignments: dict[str, str],
                    members: dict[str, list[str]]) -> list[Copy]:
        """Copy edges between each report and the other members of its story (texts read from the store).

        Members are first screened by their k-gram signatures (`stories.copies.may_copy`), kept across batches in
        `_signatures`, so a large story's members are read and aligned only when they may be copies.
        """
        from .stories.copies import Shingled, may_copy, shingled

        sigs = self._signatures
        have = {r.id: r for r in reports}
        for r in reports:  # a new version replaces the form of its id
            sigs.put(r.id, shingled(r.text))
        unsigned = sorted({m for ids in members.values() for m in ids if sigs.get(m) is None} - set(have))
        for start in range(0, len(unsigned), 500):
            for r in self.store.reports(unsigned[start : start + 500]):
                sigs.put(r.id, shingled(r.text))
                have[r.id] = r
        pairs: list[tuple[Report, list[str]]] = []
        for r in reports:
            sa: Shingled = sigs.get(r.id) or shingled(r.text)  # evicted when a batch reads more than the cache holds
            cands = []
            for m in members.get(assignments.get(r.id, ""), []):
                sb = sigs.get(m)  # None: evicted meanwhile, so it is aligned rather than missed
                if m != r.id and (sb is None or may_copy(sa.sig, sb.sig)):
                    cands.append(m)
            pairs.append((r, cands))
        missing = sorted({m for _, cands in pairs for m in cands} - set(have))
        for start in range(0, len(missing), 500):
            have.update((r.id, r) for r in self.store.reports(missing[start : start + 500]))
        return _copy_edges(pairs, have, sigs)

    def _assign_unassigned(self, summary: IngestSummary) -> None:
        missing = self.store.unassigned_report_ids()
        for start in range(0, len(missing), 256):
            self._assign(list(self.store.reports(missing[start : start + 256], children=True)), summary)

    def rebuild_stories(self) -> int:
        """Re-cluster every stored report from scratch (`newstrace stories --rebuild`); returns the story count."""
        reports = list(self.store.reports(children=True))
        self._index = self._index_class().rebuild(reports)
        assignments = self._index.assignments()
        by_id = {r.id: r for r in reports}
        members = self._members_of(self._index, set(assignments.values()))
        pairs = [(r, [m for m in members.get(assignments.get(r.id, ""), []) if m != r.id and m in by_id])
                 for r in reports]
        copies = _copy_edges(pairs, by_id, _Bounded(SIGNATURE_CACHE))  # each report tokenised once, not per pair
        self._rows_full = True
        rows = self._index_rows()
        self.store.write_stories(assignments, copies, self._index.to_bytes() if rows is None else None, replace=True,
                                 rows=rows)
        self._touched = set(assignments.values())  # every story may have changed
        self.store.drop_traces(self._touched)  # the traces of stories the rebuild ended
        return len(self._touched)

    def stories(self) -> list[dict[str, Any]]:
        """Every story: ``{"id","title","reports","outlets","first_seen","last_seen"}``, largest first."""
        meta = self.store.report_meta()
        groups: dict[str, list[str]] = {}
        for rid, sid in self.store.story_assignments().items():
            if rid in meta:
                groups.setdefault(sid, []).append(rid)
        out = [self._story_json(sid, sorted(ids), meta) for sid, ids in groups.items()]
        out.sort(key=lambda s: (-len(s["reports"]), s["id"]))
        return out

    @staticmethod
    def _story_json(sid: str, ids: list[str], meta: dict[str, tuple[str | None, str | None, str | None]]) -> dict[str, Any]:
        rows = [(rid, *meta[rid]) for rid in ids]  # (id, outlet, title, published)
        dates = sorted(p for *_, p in rows if p)
        dated_first = sorted(rows, key=lambda r: (r[3] or "9999", r[0]))
        title = next((t for _, _, t, _ in dated_first if t), None)
        outlets = sorted({o for _, o, _, _ in rows if o})
        return {"id": sid, "title": title, "reports": ids, "outlets": outlets,
                "first_seen": dates[0] if dates else None, "last_seen": dates[-1] if dates else None}

    def story(self, story_id: str) -> Story:
        """One story, read from its own members only."""
        ids = self.store.story_members(story_id)
        meta = self.store.report_meta(ids)
        ids = [i for i in ids if i in meta]
        if not ids:
            raise StoreError("NT403", f"no story {story_id!r} in {self.store.path}: `newstrace stories` lists them")
        s = self._story_json(story_id, ids, meta)
        return Story(id=s["id"], reports=tuple(s["reports"]), title=s["title"], first_seen=s["first_seen"],
                     last_seen=s["last_seen"])

    def dossier(self, story_id: str) -> dict[str, Any]:
        """The story's dossier (issue contract): reports, entities, claims with origins, copies, divergences, ...

        Read from the store, where the story stage put it at ingest. A story without a current trace (ingested
        with ``trace_at_ingest`` off, or by older code) is traced now, and stored unless the store is read-only.

        Raises:
            StoreError: NT403 when there is no such story.
            NewstraceError: NT406 when its trace cannot be built.
        """
        from .provenance.stage import trace_stories

        story = self.story(story_id)
        for out in trace_stories([story], self.store):
            if isinstance(out, Failure):
                raise out.error
            if isinstance(out, Skipped):
                cached = self.store.dossier(story_id, self.store.trace_fingerprints([story_id])[story_id])
                if cached is not None:
                    return cached
                out = next(o for o in trace_stories([story], self.store, force=True))
                if isinstance(out, Failure):
                    raise out.error
            self._put_trace(out)
            return dict(out.dossier)
        raise StoreError("NT403", f"no story {story_id!r} in {self.store.path}")

    def trace(self, story_ids: Iterable[str] | None = None) -> IngestSummary:
        """Run the story stage for `story_ids` (default: every story) and store the traces that changed.

        Returns:
            An `IngestSummary` with ``traced`` and any NT406 ``failures`` (one story never stops the others).
        """
        summary = IngestSummary()
        ids = sorted(story_ids) if story_ids is not None else [s["id"] for s in self.stories()]
        summary.traced = self._trace_into(ids, summary)
        return summary

    def _trace_into(self, story_ids: Sequence[str], summary: IngestSummary,
                    kept: dict[str, Any] | None = None) -> int:
        """Trace `story_ids` and store what changed; returns how many were built. A trace the store cannot keep
        (read-only) goes into `kept` (story id → trace) when given."""
        from .provenance.stage import StoryTrace

        members = {sid: self.store.story_members(sid) for sid in story_ids}
        # the metadata of these stories' members only: an ingest into a large store must not read all of it
        wanted = [i for ids in members.values() for i in ids]
        if not wanted:
            return 0
        meta = self.store.report_meta(wanted)
        stories = []
        for sid in story_ids:
            ids = [i for i in members[sid] if i in meta]
            if ids:
                s = self._story_json(sid, ids, meta)
                stories.append(Story(id=sid, reports=tuple(s["reports"]), title=s["title"],
                                     first_seen=s["first_seen"], last_seen=s["last_seen"]))
        traced = 0
        pending: list[StoryTrace] = []

        def write() -> None:
            if pending and not self.store.read_only:
                self.store.put_traces([(t.story.id, t.fingerprint, t.dossier, t.rows()) for t in pending])
            elif kept is not None:
                kept.update((t.story.id, t) for t in pending)
            pending.clear()

        for out in self._story_stage(stories):
            if isinstance(out, StoryTrace):
                pending.append(out)
                traced += 1
                if len(pending) >= TRACE_WRITE_BATCH:
                    write()
            elif isinstance(out, Failure):
                log.warning("%s", out.error)
                summary.failures.append({"source": out.source, "id": out.id, "code": out.error.code,
                                         "message": out.error.message})
                if not self.store.read_only:
                    self.store.write_batch([], [(out.source, out.id, out.error.code, out.error.message)])
        write()
        return traced

    def _story_stage(self, stories: Sequence[Story]) -> Iterator[Any]:
        """`trace_stories` over `stories`: in this process, or with ``settings.workers`` > 1 and at least two stale
        stories, each story's build in the story runner's workers (`newstrace.pipeline.open_story_runner`) while
        this process reads the next stories' inputs and writes the finished traces. Same traces either way; the
        workers are started only when there is work for them (an export of a current store starts none)."""
        from .provenance.stage import StoryJob, build_or_fail, story_jobs

        jobs = story_jobs(stories, self.store)
        head: list[Any] = []
        if self.settings.workers > 1:
            for item in jobs:  # read up to the second stale story: with fewer, no worker is worth starting
                head.append(item)
                if sum(isinstance(x, StoryJob) for x in head) == 2:
                    break
        if sum(isinstance(x, StoryJob) for x in head) < 2:
            for item in itertools.chain(head, jobs):
                yield build_or_fail(item) if isinstance(item, StoryJob) else item
            return
        from .pipeline import open_story_runner

        with open_story_runner(self.settings) as runner:
            yield from runner.map(itertools.chain(head, jobs))

    def _put_trace(self, trace: Any) -> bool:
        """Store a trace; False when the store is read-only (the trace is then only answered, not kept)."""
        if self.store.read_only:
            return False
        self.store.put_trace(trace.story.id, trace.fingerprint, trace.dossier, trace.rows())
        return True

    def trace_rows(self, story_ids: Iterable[str] | None = None) -> dict[str, list[tuple[Any, ...]]]:
        """The story tables' rows (``{table: [row, ...]}``) of `story_ids` (default: all stories), each story
        traced first when its stored trace is stale; from a read-only store, stale traces are built in memory."""
        from .store.schema import STORY_TABLES

        ids = sorted(story_ids) if story_ids is not None else [s["id"] for s in self.stories()]
        kept: dict[str, Any] = {}
        self._trace_into(ids, IngestSummary(), kept)
        rows: dict[str, list[tuple[Any, ...]]] = {name: [] for name in STORY_TABLES}
        stored = [i for i in ids if i not in kept]
        if stored and self.store.schema_version >= 6:  # a read-only store from before the story tables has none
            for name, table_rows in self.store.trace_rows(stored).items():
                rows[name].extend(table_rows)
        for trace in kept.values():
            for name, table_rows in trace.rows().items():
                rows[name].extend(table_rows)
        return {name: sorted(r, key=_row_key) for name, r in rows.items()}

    def entities(self) -> list[StoreEntity]:
        """Entities across the store (`newstrace entities`): each story's entities, linked by their full names.

        Every story's mentions are resolved on their own first (as its dossier does), then linked across stories
        by `newstrace.compare.store_entities` (``settings.store_linker``). One story whose resolution fails is
        left out with a warning; the others still link.

        Returns:
            `StoreEntity` records, most mentioned first.
        """
        from .compare.naming import resolve_entities_v3 as resolve_entities
        from .compare.store_entities import store_linkers

        try:
            link = store_linkers.get(self.settings.store_linker)
        except KeyError as e:
            raise InputError("NT105", str(e)) from None
        per_story: dict[str, list[Entity]] = {}
        for s in self.stories():
            try:
                per_story[s["id"]] = resolve_entities(list(self.store.reports(s["reports"], children=True)))
            except Exception as exc:  # one story's odd text never stops the store view  # noqa: BLE001
                log.warning("NT405: entities of story %s left out: %s", s["id"], exc)
        return link(per_story)

    # -- reading ----------------------------------------------------------------------------------------
    def reports(self, *, children: bool = False) -> Iterator[Report]:
        return self.store.reports(children=children)

    def failures(self) -> list[dict[str, Any]]:
        return self.store.failures()

    # -- read-only lookups for the web workbench (issue 15) ---------------------------------------------
    def report(self, report_id: str) -> Report:
        """One current report with its mentions, attributions and claims.

        Raises:
            StoreError: NT403 when no current report has this id.
        """
        found = list(self.store.reports([report_id], children=True))
        if not found:
            raise StoreError("NT403", f"no report {report_id!r} in {self.store.path}: `newstrace reports` lists them")
        return found[0]

    def story_of_reports(self) -> dict[str, str]:
        """``{report id: story id}`` for every assigned report."""
        return self.store.story_assignments()

    def story_summaries(self) -> dict[str, dict[str, Any]]:
        """Per traced story, what its claims say about sourcing (for the story list's filters), read from the
        story stage's ``story_claims`` table.

        Returns:
            ``{story id: {"claims", "laundered", "circular", "weakest"}}``: claim count, claims whose origin is
            laundered / circular (2+ reports, one origin), and the fewest independent origins of any claim carried
            by 2+ reports (None without such a claim). Stories not traced yet (ingested with ``trace_at_ingest``
            off and never read) are absent; `newstrace export` traces them all. A store from before the story
            tables (opened read-only, so not migrated) is read from its cached dossiers instead.
        """
        if self.store.schema_version < 6:
            return self._summaries_from_dossiers()
        rows = self.store.con.execute(
            "SELECT story_id, count(*), count(*) FILTER (WHERE reach = 'laundered'), count(*) FILTER (WHERE circular), "
            "min(independent_origins) FILTER (WHERE reports >= 2) FROM story_claims GROUP BY story_id").fetchall()
        out = {str(sid): {"claims": int(n), "laundered": int(la), "circular": int(ci),
                          "weakest": None if w is None else int(w)} for sid, n, la, ci, w in rows}
        # a traced story without claims still has its summary
        for (sid,) in self.store.con.execute("SELECT story_id FROM dossiers").fetchall():
            out.setdefault(str(sid), {"claims": 0, "laundered": 0, "circular": 0, "weakest": None})
        return out

    def _summaries_from_dossiers(self) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for sid, data in self.store.con.execute("SELECT story_id, data FROM dossiers").fetchall():
            try:
                claims = [c for c in json.loads(data).get("claims") or [] if isinstance(c, dict)]
            except (TypeError, ValueError):
                continue
            multi = [int(c.get("independent_origins") or 0) for c in claims if len(c.get("reports") or []) >= 2]
            out[str(sid)] = {"claims": len(claims),
                             "laundered": sum(1 for c in claims if c.get("reach") == "laundered"),
                             "circular": sum(1 for c in claims if c.get("circular")),
                             "weakest": min(multi) if multi else None}
        return out

    def search_reports(self, q: str) -> dict[str, set[str]]:
        """Per term of `q`, the current reports it matches by a word or a name spelling (`store/search.py`).

        Returns:
            ``{term: {report id}}``; ``{}`` when the store has no search index (written before migration 3 and
            opened read-only: the next ingest builds it).
        """
        from .store import search

        if not search.has_index(self.store.con):
            return {}
        return search.match_report_terms(self.store.con, q)


def _row_key(row: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple((v is None, "" if v is None else v) for v in row)


def _copy_edges(pairs: Sequence[tuple[Report, list[str]]], have: dict[str, Report], signatures: Any = None) -> list[Copy]:
    """One `Copy` per pair of reports found to be copies, stored in id order (``a < b``)."""
    from .stories import find_copies

    seen: set[tuple[str, str]] = set()
    out: list[Copy] = []
    for r, cands in pairs:
        for c in find_copies(r, [have[m] for m in cands if m in have], signatures):
            if c.a > c.b:  # one edge per pair, stored in id order
                c = Copy(a=c.b, b=c.a, share=c.share, original=c.original,
                         passages=tuple((pb, pa) for pa, pb in c.passages), evidence=c.evidence)
            if (c.a, c.b) not in seen:
                seen.add((c.a, c.b))
                out.append(c)
    return out


def iter_clean(paths: Sequence[str], settings: Settings, *, stage: str = "clean", stdin: Any = None) -> Iterator[Any]:
    """Read and clean (``stage="clean"``) or clean and annotate (``"full"``) without touching a store."""
    from .ingest import read
    from .pipeline import run_stage, stage_for

    pending: list[Any] = []

    def reports() -> Iterable[Report]:
        for item in read(list(paths), format=settings.format, settings=settings, stdin=stdin):
            if isinstance(item, Report):
                yield item
            else:  # failures and skipped records are passed through in order
                pending.append(item)

    for out in run_stage(stage_for(stage, settings), reports(), settings):
        while pending:
            yield pending.pop(0)
        yield out
    while pending:
        yield pending.pop(0)


__all__ = ["Corpus", "IngestSummary", "NewstraceError", "iter_clean"]
