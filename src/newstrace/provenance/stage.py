"""The story stage: compare and provenance over the stories an ingest touched, as typed records.

`trace_stories` is the stage (datatrove's step shape: stories in, records out; the store is only read). Its
cascade for one story:

1. read the story's current members and copy edges from the store;
2. fingerprint them together with the code and data files that build a trace (`code_fingerprint`): when the
   store already holds a trace of that fingerprint, the story is skipped (``Skipped("unchanged")``), so an ingest
   pays only for the stories whose reports or copies changed;
3. build the dossier (`newstrace.provenance.dossier.build_dossier`): entity resolution, claim alignment,
   sources, origins and their reach, the provenance graph, divergences, framing and timeline;
4. turn it into typed records (`StoryTrace`: `Entity`, `ClaimGroup` with its `Wording`s, `Origin`, `Node`,
   `Edge`) and their rows in the store's story tables (`StoryTrace.rows`, columns in
   `newstrace.store.schema.STORY_TABLES`);
5. yield the trace, or a `Failure` (NT406) naming the story: one story that cannot be built never stops the
   others, and its last stored trace stays.

The caller writes each trace in one transaction (`Store.put_trace`): the dossier document that the renderers
read and the story's rows, its old rows removed first. `newstrace.corpus.Corpus.ingest` runs the stage at the end
of an ingest for the stories it touched (``settings.trace_at_ingest``); `Corpus.dossier` runs it for one story
whose trace is missing or stale (a store written by older code). `report/` and `web/` only read the results.

Example:
    >>> from newstrace.model import Report, Story
    >>> a = Report(id="a", outlet="A", text="The quake killed 10 people, officials said.")
    >>> b = Report(id="b", outlet="B", text="Officials said ten people were killed by the quake.")
    >>> t = trace_story(Story(id="s1", reports=("a", "b")), [a, b], [], fingerprint="f")
    >>> [(c.reports, c.independent_origins, c.circular) for c in t.claims]
    [(('a', 'b'), 1, True)]
    >>> sorted(t.rows())[:2]
    ['story_claim_origins', 'story_claim_reports']
"""
from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from newstrace.errors import NewstraceError
from newstrace.model import ClaimGroup, Copy, Edge, Entity, Failure, Node, Origin, Report, Skipped, Span, Story, Wording

__all__ = ["StoryReader", "StoryTrace", "code_fingerprint", "story_fingerprint", "trace_stories",
           "trace_story"]

Row = tuple[Any, ...]


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of the code and data files that build a trace: a trace from older code is never served as current."""
    root = Path(__file__).resolve().parents[1]
    # code and the data files it reads (lexicon.toml, cue lexicons): a changed word list changes traces too
    files = sorted([*root.glob("compare/*.py"), *root.glob("provenance/*.py"), *root.glob("nlp/*.py"),
                    *root.glob("common/*.py"), *root.glob("provenance/*.toml"), *root.glob("compare/*.toml"),
                    *root.glob("nlp/*.toml"), root / "registry.py", root / "model.py"])
    h = hashlib.sha256()
    for f in files:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()


def story_fingerprint(keys: Iterable[tuple[str, int, str]], copies: Iterable[Copy]) -> str:
    """The fingerprint of a story's inputs: its members' ``(id, version, content hash)`` and its copy edges."""
    return hashlib.sha256(json.dumps(
        [code_fingerprint(), sorted((str(i), int(v), str(h)) for i, v, h in keys),
         [(c.a, c.b, c.share) for c in copies]]).encode()).hexdigest()


@dataclass(slots=True, frozen=True)
class StoryTrace:
    """Everything the story stage found in one story: typed records, plus the dossier document built from them."""

    story: Story
    fingerprint: str
    entities: tuple[Entity, ...]
    claims: tuple[ClaimGroup, ...]
    origins: tuple[Origin, ...]
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    #: the JSON contract of ``newstrace story ID --format json`` (what `report/` and `web/` render)
    dossier: Mapping[str, Any]

    def rows(self) -> dict[str, list[Row]]:
        """The records as rows of the store's story tables, ``{table: [row, ...]}``, columns in
        `newstrace.store.schema.STORY_TABLES` order (every table present, possibly empty)."""
        from newstrace.store.schema import STORY_TABLES, VIA_SEPARATOR

        sid = self.story.id
        t: dict[str, list[Row]] = {name: [] for name in STORY_TABLES}
        for e in self.entities:
            variants = sorted(set(e.variants))
            t["story_entities"].append((sid, e.id, e.name, e.type, len(variants), len(e.reports)))
            t["story_entity_variants"].extend((sid, e.id, v) for v in variants)
            t["story_entity_reports"].extend((sid, e.id, r) for r in e.reports)
        for c in self.claims:
            t["story_claims"].append((sid, c.id, c.text, c.speaker, c.independent_origins, c.circular, c.reach,
                                      len(c.reports)))
            t["story_claim_reports"].extend((sid, c.id, r) for r in c.reports)
            t["story_claim_wordings"].extend(
                (sid, c.id, w.report, w.span.start, w.span.end, w.text, w.source, w.source_kind,
                 VIA_SEPARATOR.join(w.via) if w.via else None, w.origin_reason, w.act, w.position)
                for w in c.wordings)
            t["story_claim_origins"].extend((sid, c.id, o) for o in c.origins)
        t["story_origins"].extend((sid, o.id, o.name, o.kind) for o in self.origins)
        t["story_graph_nodes"].extend((sid, n.id, n.label, n.kind) for n in self.nodes)
        for e in self.edges:
            rid, span = e.evidence if e.evidence else (None, None)
            t["story_graph_edges"].append((sid, e.source, e.target, e.kind, rid, span.start if span else None,
                                           span.end if span else None, e.evidence_text))
        return t


def _int(value: Any, default: int = 0) -> int:
    return default if value is None else int(value)


def records_of(story: Story, fingerprint: str, dossier: Mapping[str, Any]) -> StoryTrace:
    """The typed records of a built dossier (the dossier keeps every field the renderers need; the records keep
    what the story tables hold, with their spans)."""
    entities = tuple(Entity(id=e["id"], name=e.get("name") or "", type=e.get("type") or "",
                            variants=tuple(sorted(set(e.get("variants") or ()))),
                            reports=tuple(sorted(set(e.get("reports") or ()))))
                     for e in dossier.get("entities") or ())
    claims = []
    for c in dossier.get("claims") or ():
        wordings = tuple(Wording(report=w.get("report") or "", span=Span(_int(w.get("start")), _int(w.get("end"))),
                                 text=w.get("text") or "", source=w.get("source"),
                                 source_kind=w.get("source_kind") or "own", via=tuple(w.get("via") or ()),
                                 origin_reason=w.get("origin_reason") or "", act=w.get("act"),
                                 position=w.get("position"))
                         for w in c.get("wordings") or ())
        claims.append(ClaimGroup(
            id=c["id"], story=story.id, claims=tuple(f"{w.report}:{w.span.start}-{w.span.end}" for w in wordings),
            text=c.get("text") or "", speaker=c.get("speaker"), reports=tuple(sorted(set(c.get("reports") or ()))),
            wordings=wordings, origins=tuple(c.get("origins") or ()),
            independent_origins=_int(c.get("independent_origins")), circular=bool(c.get("circular")),
            reach=c.get("reach")))
    origins = tuple(Origin(id=o["id"], name=o.get("name") or "", kind=o.get("kind") or "")
                    for o in dossier.get("origins") or ())
    graph = dossier.get("graph") or {}
    nodes = tuple(Node(id=n["id"], label=n.get("label") or "", kind=n.get("kind") or "")
                  for n in graph.get("nodes") or ())
    edges = []
    for e in graph.get("edges") or ():
        ev = e.get("evidence") or {}
        evidence = (ev["report"], Span(_int(ev.get("start")), _int(ev.get("end")))) if ev.get("report") else None
        edges.append(Edge(source=e["source"], target=e["target"], kind=e["kind"], evidence=evidence,
                          evidence_text=ev.get("text")))
    return StoryTrace(story=story, fingerprint=fingerprint, entities=entities, claims=tuple(claims),
                      origins=origins, nodes=nodes, edges=tuple(edges), dossier=dossier)


def trace_story(story: Story, reports: Sequence[Report], copies: Sequence[Copy], *, fingerprint: str) -> StoryTrace:
    """Build one story's trace from its reports (with their NLP children) and copy edges.

    Args:
        story: the story (its ``reports`` are the member ids).
        reports: the members' current versions, with mentions, attributions and claims.
        copies: copy edges between members.
        fingerprint: `story_fingerprint` of the inputs, kept on the trace.

    Returns:
        The `StoryTrace`.

    Raises:
        Exception: whatever the builders raise; `trace_stories` turns it into a `Failure`.
    """
    from newstrace.provenance.dossier import build_dossier

    return records_of(story, fingerprint, build_dossier(story, reports, copies))


class StoryReader(Protocol):
    """What the stage reads from a store (`newstrace.store.Store` has these)."""

    def report_keys(self, ids: Sequence[str]) -> list[tuple[str, int, str]]: ...

    def reports(self, ids: Sequence[str] | None = None, *, children: bool = False) -> Iterator[Report]: ...

    def copies(self, report_ids: Sequence[str] | None = None) -> list[Copy]: ...

    def trace_fingerprints(self, story_ids: Sequence[str]) -> dict[str, str]: ...


@dataclass(slots=True)
class StoryJob:
    """One story's inputs, read from the store: what `run_story_job` needs and nothing else, so the build can
    run in another process (``id`` and ``source`` name the story in a runner's `Failure`)."""

    id: str
    source: str
    story: Story
    reports: list[Report]
    copies: list[Copy]
    fingerprint: str


def run_story_job(job: StoryJob) -> StoryTrace:
    """Build the trace of one `StoryJob` (the per-story step of `trace_stories`, and what a runner's workers run).

    Raises:
        NewstraceError: NT406 when the builders fail (with their error), so every runner reports it alike.
    """
    try:
        return trace_story(job.story, job.reports, job.copies, fingerprint=job.fingerprint)
    except NewstraceError:
        raise
    except Exception as e:
        raise NewstraceError("NT406", f"its trace could not be built ({type(e).__name__}: {e})") from e


def story_jobs(stories: Iterable[Story], store: StoryReader, *,
               force: bool = False) -> Iterator[StoryJob | Failure | Skipped]:
    """Steps 1-2 of the cascade: a `StoryJob` per story whose stored trace is stale (read lazily, one story at a
    time), `Skipped` ("unchanged") for a current one, `Failure` (NT406) when its inputs cannot be read."""
    stories = list(stories)
    stored = {} if force else store.trace_fingerprints([s.id for s in stories])
    for story in stories:
        ids = list(story.reports)
        try:
            copies = store.copies(ids)
            fp = story_fingerprint(store.report_keys(ids), copies)
            if stored.get(story.id) == fp:
                yield Skipped(source=f"story:{story.id}", id=story.id, reason="unchanged")
                continue
            reports = list(store.reports(ids, children=True))
        except Exception as e:  # one story never stops the batch
            yield _failure(story.id, e)
            continue
        yield StoryJob(id=story.id, source=f"story:{story.id}", story=story, reports=reports, copies=copies,
                       fingerprint=fp)


def _failure(story_id: str, e: Exception) -> Failure:
    """The story's `Failure`, worded as a runner words a job's (``<story id>: <what failed>``)."""
    if isinstance(e, NewstraceError):
        err = NewstraceError(e.code, f"{story_id}: {e.message}")
    else:
        err = NewstraceError("NT406", f"{story_id}: its trace could not be built ({type(e).__name__}: {e})")
    return Failure(source=f"story:{story_id}", id=story_id, error=err)


def trace_stories(stories: Iterable[Story], store: StoryReader, *,
                  force: bool = False) -> Iterator[StoryTrace | Failure | Skipped]:
    """The story stage: one `StoryTrace` per changed story (see the module docstring for the cascade), built in
    this process; `newstrace.corpus.Corpus` hands the `story_jobs` to worker processes instead when it has them.

    Args:
        stories: the stories to trace (each with its member ids).
        store: where members, copies and the stored traces' fingerprints are read.
        force: build even when the stored trace has the same fingerprint.

    Returns:
        An iterator of `StoryTrace` (built), `Skipped` (``unchanged``: the stored trace is current) and `Failure`
        (NT406, with the builder's error) records, one per story, in the given order.
    """
    for job in story_jobs(stories, store, force=force):
        yield build_or_fail(job) if isinstance(job, StoryJob) else job


def build_or_fail(job: StoryJob) -> StoryTrace | Failure:
    """`run_story_job` in this process, its error as the story's `Failure` (one story never stops the batch)."""
    try:
        return run_story_job(job)
    except Exception as e:
        return _failure(job.id, e)
