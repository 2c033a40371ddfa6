"""Streaming story clustering: each new report joins the most likely existing story or starts a new one.

The decision is doc-to-story, not doc-to-doc (Miranda et al. 2018): a report is compared with the *centroid* of
each candidate story, per field (body words, title words, names, numbers, title-vs-body), with TF-IDF weights
from document frequencies that are updated incrementally as reports arrive. A logistic model learned on
simulated streams (`newstrace.stories.thresholds`) turns the per-field cosines into the probability that the
report belongs to the story; the report joins the best candidate when that probability is above one half,
otherwise it starts a new story. Candidates come from an inverted index over the report's rarest keys
(names, numbers, rare words), so the cost of one assignment does not grow with the store; keys shared by more
stories than the postings cap are not scanned but re-rank the stories the rare keys found (`_rerank`), since in
a large store the sibling stories of a report's own story share its rare keys too.

When both the report and a story have publication dates, a story whose dates lie further away than the learned
time window is not a candidate; without dates (ECB+ has almost none) the window simply does not apply.

`rebuild()` re-clusters globally in a canonical order (published date, then id) and then reassigns every report
to its best centroid until nothing moves, which makes the result independent of the ingest order. It has its own
learned operating point (`Model.rebuild_threshold`), chosen by rebuilding the training reports together with the
last step: a learned event splitter (`newstrace.stories.events`) separates the look-alike events a story merged.
With the splitter the learned join threshold is low (0.05): centroids then join whole topics, which are nearly
pure (ECB+ held-out topics: 0.989 B-cubed if each were split perfectly), and the splitter tells the events apart
(ECB+ leave-topics-out B-cubed 0.896 -> 0.950).

Memory: what the index keeps per report is its per-field unit vectors (interned terms, float32 weights) and a few
metadata strings; its keys are derived from the vectors when needed. Centroids, postings and document
frequencies are per story and per distinct key (BENCHMARKS.md "stories-scale": ~9 KB per stored report).

Example:
    >>> from newstrace.model import Report
    >>> idx = StoryIndex()
    >>> a = idx.add(Report(id="a", title="Quake kills 10 in Qeshm", text="An earthquake on Qeshm island killed 10."))
    >>> b = idx.add(Report(id="b", title="Qeshm earthquake", text="Ten died when a quake struck Qeshm island."))
    >>> idx.add(Report(id="c", text="")) != a
    True
"""
from __future__ import annotations

import datetime as _dt
import json
import math
import sys
import zlib
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import Copy, Report, Story
from ..registry import clusterers
from .events import EventModel, StoreDF, channels, split_events
from .features import Features, extract, name_key, sublinear, word_key

FIELDS = ("body", "title", "names", "numbers")
_PREFIX = {"body": "w:", "title": "w:", "names": "n:", "numbers": "#:"}
MODEL_PATH = Path(__file__).with_name("model.json")


@dataclass(slots=True)
class Model:
    """Learned combination: `p = sigmoid(bias + w · phi(features))`, join when `p >= threshold`."""

    weights: list[float]
    bias: float
    threshold: float = 0.5
    time_window_days: float | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    # `rebuild`'s operating point: a global re-clustering sees whole stories, not the fragments a stream sees, so
    # its best threshold differs; learned separately (None: `threshold`)
    rebuild_threshold: float | None = None
    # splits a rebuilt story into the look-alike events it merged (`newstrace.stories.events`; None: no split)
    events: EventModel | None = None

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> Model:
        """Load the model learned by `newstrace.stories.thresholds` (shipped as ``model.json``)."""
        d = json.loads(path.read_text(encoding="utf-8"))
        return cls.from_json(d)

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Model:
        return cls(d["weights"], d["bias"], d.get("threshold", 0.5), d.get("time_window_days"), d.get("meta", {}),
                   d.get("rebuild_threshold"), EventModel.from_json(d.get("events")))

    def to_json(self) -> dict[str, Any]:
        return {"weights": self.weights, "bias": self.bias, "threshold": self.threshold,
                "rebuild_threshold": self.rebuild_threshold, "time_window_days": self.time_window_days,
                "meta": self.meta, "events": self.events.to_json() if self.events is not None else None}

    def prob(self, x: list[float]) -> float:
        z = self.bias + sum(w * v for w, v in zip(self.weights, phi(x)))
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


def phi(x: list[float]) -> list[float]:
    """Feature map for the logistic model: raw cosines, their square roots (small overlaps matter) and size."""
    return [*x[:-1], *(math.sqrt(max(0.0, v)) for v in x[:-1]), x[-1]]


def _unit(c: Counter[str]) -> dict[str, float]:
    v = sublinear(c)
    n = math.sqrt(sum(x * x for x in v.values())) or 1.0
    return {t: x / n for t, x in v.items()}


def _date(s: str | None) -> float | None:
    """Days since epoch of an ISO date string, or None."""
    if not s:
        return None
    try:
        d = _dt.date.fromisoformat(s[:10])
    except ValueError:
        return None
    return float(d.toordinal())


class _Vec:
    """A report's unit vector of one field, kept compact: interned terms and float32 weights.

    A report's vectors stay in the index for its whole life (a rebuild or a removal subtracts them from their
    story's centroid), so their size is the index's memory per report: a dict of Python floats costs ~100 bytes
    per term, this ~12.
    """

    __slots__ = ("terms", "vals")

    def __init__(self, d: dict[str, float]) -> None:
        self.terms = tuple(sys.intern(t) for t in d)
        self.vals = array("f", d.values())

    def items(self) -> Iterable[tuple[str, float]]:
        return zip(self.terms, self.vals)

    def __iter__(self) -> Iterator[str]:
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    def to_dict(self) -> dict[str, float]:
        return dict(zip(self.terms, self.vals))


@dataclass(slots=True)
class _Doc:
    story: str
    vecs: dict[str, _Vec] | dict[str, dict[str, float]]
    day: float | None
    title: str | None
    outlet: str | None
    published: str | None
    seq: int

    @property
    def keys(self) -> list[str]:
        """Every namespaced key of the report (``w:``, ``n:``, ``#:``), derived from its vectors rather than kept:
        a stored tuple of them was ~0.8 KB per report."""
        return sorted({sys.intern(_PREFIX[f] + t) for f in FIELDS for t in self.vecs[f]})


@dataclass(slots=True)
class _Story:
    members: dict[str, None] = field(default_factory=dict)  # insertion-ordered set
    cent: dict[str, dict[str, float]] = field(default_factory=lambda: {f: {} for f in FIELDS})
    days: list[float] = field(default_factory=list)
    norms: dict[str, float] | None = None
    norms_n: int = -1


class StoryIndex:
    """Assigns reports to stories as they stream in.

    Args:
        model: the learned decision model; default: the shipped ``model.json``.
        max_candidates: stories fully scored per report (the rest are cut by the inverted index).
        query_keys: how many of a report's rarest keys are looked up in the inverted index.

    Example:
        >>> from newstrace.model import Report
        >>> idx = StoryIndex()
        >>> sid = idx.add(Report(id="r1", title="Tara Reid enters rehab", text="Tara Reid checked into rehab."))
        >>> idx.assignments()
        {'r1': 's000001'}
    """

    def __init__(self, model: Model | None = None, max_candidates: int = 10, query_keys: int = 32) -> None:
        self.model = model or Model.load()
        self.max_candidates = max_candidates
        self.query_keys = query_keys
        self.df: Counter[str] = Counter()
        self.n = 0
        self.docs: dict[str, _Doc] = {}
        self.stories_: dict[str, _Story] = {}
        self.postings: dict[str, dict[str, int]] = {}
        self.next_id = 1
        self.seq = 0
        self.reasons: Counter[str] = Counter()
        self._idf: dict[str, float] = {}
        self._idf_n = 0
        # Row persistence (`to_rows` / `from_rows`): the order a reload must replay (each story's position in
        # `stories_`, each report's attach sequence), and what changed since the last `to_rows`.
        self._story_pos: dict[str, int] = {}
        self._doc_pos: dict[str, int] = {}
        self._next_pos = 0
        self._dirty_docs: set[str] = set()
        self._gone_docs: set[str] = set()
        self._dirty_stories: set[str] = set()
        self._gone_stories: set[str] = set()

    # -- weights -------------------------------------------------------------------------------------------
    def idf(self, key: str) -> float:
        """Smoothed inverse document frequency of a namespaced key, from the counts seen so far."""
        # log((n+1)/(df+1)) moves by less than 0.01 while n grows by 1%, so cached values are dropped only then
        # (and for the keys whose own df changed, see `_count`).
        if self.n > self._idf_n * 1.01 + 1:
            self._idf.clear()
            self._idf_n = self.n
        v = self._idf.get(key)
        if v is None:
            v = self._idf[key] = math.log((self.n + 1) / (self.df.get(key, 0) + 1)) + 1.0
        return v

    def _count(self, keys: Iterable[str], delta: int) -> None:
        """Update document frequencies (and `n`) for one report's keys."""
        for k in keys:
            v = self.df.get(k, 0) + delta
            if v > 0:
                self.df[k] = v
            else:
                self.df.pop(k, None)
            self._idf.pop(k, None)
        self.n += delta

    def _story_norms(self, s: _Story) -> dict[str, float]:
        """Squared IDF-weighted norms of a story's centroid, per field.

        They are kept up to date incrementally by `_attach`/`_detach` (only the terms of the report that came or
        went change); since IDF drifts as the store grows, they are recomputed in full once the store has grown
        by 1/8 since the last time, which keeps the cost per query flat without letting them go stale.
        """
        if s.norms is None or self.n > s.norms_n * 1.125 + 8:
            s.norms = {}
            for f in FIELDS:
                p = _PREFIX[f]
                s.norms[f] = sum((v * self.idf(p + t)) ** 2 for t, v in s.cent[f].items())
            s.norms_n = self.n
        return s.norms

    def _weighted(self, doc: _Doc) -> dict[str, tuple[dict[str, float], float]]:
        """A report's IDF-weighted vectors and their norms, per field (computed once per decision)."""
        out = {}
        for f in FIELDS:
            p = _PREFIX[f]
            w = {t: x * self.idf(p + t) for t, x in doc.vecs[f].items()}
            out[f] = (w, math.sqrt(sum(v * v for v in w.values())) or 1.0)
        return out

    def features(self, doc: _Doc, s: _Story, wdoc: dict[str, tuple[dict[str, float], float]] | None = None
                 ) -> list[float]:
        """Per-field cosines of a report against a story centroid, title-vs-body cosine, log story size.

        Args:
            doc: the report's features.
            s: the story.
            wdoc: `_weighted(doc)` when the caller scores several stories for one report.
        """
        norms = self._story_norms(s)
        wdoc = wdoc or self._weighted(doc)
        out = []
        for df_, cf in (("body", "body"), ("title", "title"), ("names", "names"), ("numbers", "numbers"),
                        ("title", "body")):
            dv, dn = wdoc[df_]
            cv = s.cent[cf]
            if not dv or not cv:
                out.append(0.0)
                continue
            p = _PREFIX[df_]
            dot = 0.0
            for t, wx in dv.items():
                c = cv.get(t)
                if c:
                    dot += wx * c * self.idf(p + t)
            out.append(dot / (dn * (math.sqrt(norms[cf]) or 1.0)))
        out.append(math.log(len(s.members)))
        return out

    # -- candidate retrieval ---------------------------------------------------------------------------------
    def _is_name(self, word: str) -> bool:
        """Whether the store writes `word` as a name: capitalised in at least half the reports that use it
        (a word it has never seen counts as one, as an unknown capitalised word would). Used to read shouted
        texts, whose capitals say nothing (`features.recase`)."""
        seen = self.df.get("w:" + word_key(word), 0)
        return not seen or 2 * self.df.get("n:" + name_key(word), 0) >= seen

    def _prepare(self, report: Report) -> tuple[_Doc, Features]:
        f = extract(report, self._is_name)
        vecs = {"body": _Vec(_unit(f.body)), "title": _Vec(_unit(f.title)), "names": _Vec(_unit(f.names)),
                "numbers": _Vec(_unit(f.numbers))}
        doc = _Doc("", vecs, _date(report.published), report.title, report.outlet,
                   report.published, self.seq)
        return doc, f

    # Off by default: on the bench's synthetic stores (bench_scale.py) the fallback found sibling stories before
    # the report's own one and made new stories join stored ones (BENCHMARKS.md "stories-scale").
    conjunction_fallback: bool = False

    def _postings_cap(self) -> int:
        # A key shared by more stories than this is not scanned on its own (its list is too long to visit for every
        # new report); it is used through conjunctions instead, see `_conjunctions`.
        return 256

    def _conjunction_budget(self) -> int:
        """Posting entries the over-cap pass may visit per report: the rare-key pass's own worst case
        (`query_keys` lists of at most `_postings_cap()` stories), so retrieval costs at most twice that."""
        return self.query_keys * self._postings_cap()

    def _conjunctions(self, doc: _Doc, weight: dict[str, float]) -> dict[str, float]:
        """Stories found in two or more of the report's over-cap posting lists, with their summed key weights.

        In a large store most of a report's keys are shared by more stories than the cap (at 1M stored reports,
        even most name keys), so skipping them leaves many reports without their own story among the candidates.
        A story that shares *several* such keys with the report is still rare: the over-cap lists are visited
        from the smallest up while their total length stays within `_conjunction_budget()` (at least the two
        smallest are taken when each fits in the budget), entries are counted in C (`Counter.update` over
        keys), and only stories counted twice or more are kept, best `_postings_cap()` of them by count, then
        scored by the TF-IDF weight of the over-cap keys they share.

        Returns:
            ``{story_id: score}`` on the same scale as the rare-key pass (sum of shared key weights).
        """
        cap, budget = self._postings_cap(), self._conjunction_budget()
        over = []
        for k in weight:
            post = self.postings.get(k)
            if post is not None and len(post) > cap:
                over.append((len(post), k))
        if len(over) < 2:
            return {}
        over.sort()
        chosen: list[str] = []
        spent = 0
        for size, k in over:
            if size > budget or (spent + size > budget and len(chosen) >= 2):
                break
            chosen.append(k)
            spent += size
        if len(chosen) < 2:
            self.reasons["over-cap keys too common for a conjunction"] += 1
            return {}
        count: Counter[str] = Counter()
        for k in chosen:
            count.update(self.postings[k].keys())
        out: dict[str, float] = {}
        lists = [(self.postings[k], weight[k] * self.idf(k)) for k in chosen]
        for sid, c in count.most_common(cap):
            if c < 2:
                break
            out[sid] = sum(w for post, w in lists if sid in post)
        return out

    def _rerank(self, score: Counter[str], weight: dict[str, float]) -> None:
        """Add the weight of the report's over-cap keys to the stories the rare-key pass already found.

        The rare keys find the neighbourhood; the common keys a story shares with the report still say which of
        those neighbours is closest. Only the best `_postings_cap()` found stories and the heaviest `query_keys`
        over-cap keys are looked at, so the cost is at most `_conjunction_budget()` membership tests.
        """
        cap = self._postings_cap()
        over = sorted(((-x * self.idf(k), k) for k, x in weight.items()
                       if len(self.postings.get(k, ())) > cap))[: self.query_keys]
        if not over:
            return
        lists = [(self.postings[k], -negw) for negw, k in over]
        for sid, _ in score.most_common(cap):
            score[sid] += sum(w for post, w in lists if sid in post)

    def candidates(self, doc: _Doc) -> list[str]:
        """Stories sharing the report's most telling keys, best first (at most `max_candidates`).

        Keys are ranked by their TF-IDF weight in the report (not by rarity alone: a typo or a word no other
        report has is rare but points nowhere). Keys shared by at most `_postings_cap()` stories are looked up
        directly (the `query_keys` heaviest); keys shared by more are used only in conjunction
        (`_conjunctions`): a story must share two or more of them. Both passes have a bounded cost, so the cost
        of one assignment does not grow with the store.
        """
        weight: dict[str, float] = {}
        for f in FIELDS:
            p = _PREFIX[f]
            for t, x in doc.vecs[f].items():
                k = p + t
                if x > weight.get(k, 0.0):
                    weight[k] = x
        cap = self._postings_cap()
        ranked_keys = []
        for k, x in weight.items():
            post = self.postings.get(k)
            if not post or (len(post) == 1 and doc.story in post) or len(post) > cap:
                continue
            ranked_keys.append((-x * self.idf(k), k))
        ranked_keys.sort()
        score: Counter[str] = Counter()
        for negw, k in ranked_keys[: self.query_keys]:
            for sid in self.postings[k]:
                score[sid] -= negw
        if self.conjunction_fallback and len(score) < self.max_candidates:
            # too few stories share a rare key: look for stories that share several common ones
            for sid, w in self._conjunctions(doc, weight).items():
                score[sid] += w
        else:
            self._rerank(score, weight)
        ranked = sorted(score.items(), key=lambda kv: (-kv[1], kv[0]))
        out = []
        window = self.model.time_window_days
        for sid, _ in ranked:
            if window is not None and doc.day is not None:
                days = self.stories_[sid].days
                if days and (doc.day < min(days) - window or doc.day > max(days) + window):
                    self.reasons["candidate outside time window"] += 1
                    continue
            out.append(sid)
            if len(out) >= self.max_candidates:
                break
        return out

    # -- mutation ----------------------------------------------------------------------------------------
    def _new_story_id(self) -> str:
        sid = f"s{self.next_id:06d}"
        self.next_id += 1
        return sid

    def _attach(self, rid: str, doc: _Doc, sid: str, keys: list[str] | None = None) -> None:
        s = self.stories_.get(sid)
        if s is None:
            s = self.stories_[sid] = _Story()
            self._story_pos[sid] = self._next_pos
            self._next_pos += 1
            self._dirty_stories.add(sid)
            self._gone_stories.discard(sid)
        doc.story = sid
        s.members[rid] = None
        self._doc_pos[rid] = self._next_pos
        self._next_pos += 1
        self._dirty_docs.add(rid)
        self._gone_docs.discard(rid)
        norms = s.norms
        for f in FIELDS:
            c = s.cent[f]
            p = _PREFIX[f]
            for t, x in doc.vecs[f].items():
                old = c.get(t, 0.0)
                c[t] = old + x
                if norms is not None:
                    norms[f] += ((old + x) ** 2 - old * old) * self.idf(p + t) ** 2
        if doc.day is not None:
            s.days.append(doc.day)
        for k in (doc.keys if keys is None else keys):
            p = self.postings.setdefault(k, {})
            p[sid] = p.get(sid, 0) + 1

    def _detach(self, rid: str, doc: _Doc) -> None:
        sid = doc.story
        s = self.stories_[sid]
        del s.members[rid]
        for k in doc.keys:
            p = self.postings[k]
            p[sid] -= 1
            if p[sid] <= 0:
                del p[sid]
            if not p:
                del self.postings[k]
        if rid not in self.docs:  # removed, not moved: its row goes (a move rewrites it in `_attach`)
            self._doc_pos.pop(rid, None)
            self._dirty_docs.discard(rid)
            self._gone_docs.add(rid)
        if not s.members:
            del self.stories_[sid]
            self._story_pos.pop(sid, None)
            self._dirty_stories.discard(sid)
            self._gone_stories.add(sid)
            return
        norms = s.norms
        for f in FIELDS:
            c = s.cent[f]
            p = _PREFIX[f]
            for t, x in doc.vecs[f].items():
                old = c.get(t, 0.0)
                v = old - x
                if v > 1e-9:
                    c[t] = v
                else:
                    c.pop(t, None)
                    v = 0.0
                if norms is not None:
                    norms[f] = max(0.0, norms[f] + (v * v - old * old) * self.idf(p + t) ** 2)
        if doc.day is not None:
            s.days.remove(doc.day)

    def best(self, doc: _Doc, exclude: str | None = None, wdoc: dict | None = None) -> tuple[str | None, float, str]:
        """The best candidate story, its probability, and the reason for the decision."""
        best_sid, best_p = None, -1.0
        cands = self.candidates(doc)
        wdoc = wdoc or self._weighted(doc)
        for sid in cands:
            if sid == exclude:
                continue
            p = self.model.prob(self.features(doc, self.stories_[sid], wdoc))
            if p > best_p or (p == best_p and best_sid is not None and sid < best_sid):
                best_sid, best_p = sid, p
        if best_sid is None:
            return None, 0.0, "no candidate story shares a rare key"
        if best_p < self.model.threshold:
            return None, best_p, "best candidate below threshold"
        return best_sid, best_p, "joined best candidate"

    def add(self, report: Report) -> str:
        """Assign `report` to an existing story or start a new one; return the story id.

        Re-adding a known id first removes the old version (a changed page is a new version of its id).

        Args:
            report: needs `id`; uses `title`, `text`, `published`, `outlet`, `mentions` when present.

        Returns:
            The story id (``"s000001"``...).

        Raises:
            InputError: NT105 when the report has no id.
        """
        if not report.id:
            raise InputError("NT105", "a report without an id cannot be assigned to a story")
        if report.id in self.docs:
            self.remove(report.id)
        doc, f = self._prepare(report)
        self.seq += 1
        if f.empty:
            # Nothing to compare: a report with no text and no title is its own story (documented "empty" rule).
            sid, reason = self._new_story_id(), "empty report: own story"
        else:
            self._count(doc.keys, 1)
            sid, _p, reason = self.best(doc)
            if sid is None:
                sid = self._new_story_id()
        self.reasons[reason] += 1
        self.docs[report.id] = doc
        self._attach(report.id, doc, sid)
        return sid

    def add_many(self, reports: Iterable[Report]) -> dict[str, str]:
        """`add` every report in order; a report that fails is counted in `reasons` and skipped.

        Returns:
            ``{report_id: story_id}`` for the reports added.
        """
        out = {}
        for r in reports:
            try:
                out[r.id] = self.add(r)
            except InputError as e:
                self.reasons[f"skipped: {e.code}"] += 1
        return out

    def remove(self, report_id: str) -> None:
        """Forget a report (its story shrinks, or disappears when it was the last member).

        Raises:
            InputError: NT403 when the report is not in the index.
        """
        doc = self.docs.pop(report_id, None)
        if doc is None:
            raise InputError("NT403", f"no such report in the story index: {report_id}")
        self._detach(report_id, doc)
        keys = doc.keys
        if keys:
            self._count(keys, -1)

    # -- views --------------------------------------------------------------------------------------------
    def members(self, story_id: str) -> list[str]:
        """The report ids of one story, in the order they joined it (``[]`` for an unknown id)."""
        s = self.stories_.get(story_id)
        return list(s.members) if s is not None else []

    def assignments(self) -> dict[str, str]:
        """``{report_id: story_id}`` for every report in the index."""
        return {rid: d.story for rid, d in self.docs.items()}

    def stories(self) -> list[Story]:
        """Every story, ordered by id, with a representative title and first/last publication dates.

        The title is the title of the member closest to the story's centroid (ties: earliest added).
        """
        out = []
        for sid in sorted(self.stories_):
            s = self.stories_[sid]
            members = list(s.members)
            titled = [r for r in members if self.docs[r].title]
            title = None
            if titled:
                def closeness(r: str) -> tuple[float, int]:
                    d = self.docs[r]
                    return (-self.features(d, s)[1] - self.features(d, s)[0], d.seq)
                title = self.docs[min(titled, key=closeness)].title if len(titled) > 1 else self.docs[titled[0]].title
            pubs = sorted(p for p in (self.docs[r].published for r in members) if p)
            out.append(Story(sid, tuple(members), title, pubs[0] if pubs else None, pubs[-1] if pubs else None))
        return out

    def outlets(self, story_id: str) -> list[str]:
        """Distinct outlets of a story's reports, in order of first appearance."""
        seen: dict[str, None] = {}
        for r in self.stories_[story_id].members:
            o = self.docs[r].outlet
            if o:
                seen[o] = None
        return list(seen)

    def __len__(self) -> int:
        return len(self.docs)

    # -- global re-optimisation ------------------------------------------------------------------------------
    @classmethod
    def rebuild(cls, reports: Iterable[Report], model: Model | None = None, max_rounds: int = 5) -> StoryIndex:
        """Re-cluster `reports` from scratch, independently of the order they were ingested in.

        Reports are streamed in a canonical order (published date, unknown last, then id); then every report is
        moved to its best story (own story included, scored without itself) until no report moves or
        `max_rounds` passes are done; finally story ids are renumbered by each story's first member in the
        canonical order, so the same reports always give the same ids.

        Args:
            reports: every report of the store.
            model: as for `StoryIndex`.
            max_rounds: reassignment passes.

        Returns:
            A new `StoryIndex`.
        """
        rs = sorted(reports, key=lambda r: (r.published is None, (r.published or "")[:10], r.id))
        model = model or Model.load()
        idx = cls(Model.from_json({**model.to_json(), "threshold": model.rebuild_threshold})
                  if model.rebuild_threshold is not None else model)
        idx.add_many(rs)
        order = [r.id for r in rs]
        for _ in range(max_rounds):
            moved = idx._reassign(order)
            merged = idx._merge_stories(1)
            if not moved and not merged:
                break
        if idx.model.events is not None:
            idx._split_events({r.id: r for r in rs}, idx.model.events)
        idx._renumber(order)
        idx.model = model  # later stream additions use the stream's operating point
        return idx

    def _split_events(self, reports: dict[str, Report], events: EventModel) -> int:
        """Split each story whose reports tell two or more look-alike events; return how many stories were split.

        Centroid similarity merges look-alike events that share a whole vocabulary (two quakes on one island);
        `newstrace.stories.events` groups a story's reports by event with a pair model learned on labelled
        topics. Each event but the first becomes a story of its own. The stream never splits; only a rebuild does.
        """
        terms = {rid: channels(r) for rid, r in reports.items()}
        store = StoreDF.of(terms)
        split = 0
        for sid in sorted(self.stories_):
            members = sorted(rid for rid in self.stories_[sid].members if rid in terms)
            groups = split_events([terms[rid] for rid in members], store, events)
            if len(set(groups)) < 2:
                continue
            new_ids = {g: self._new_story_id() for g in sorted(set(groups))[1:]}
            for rid, g in zip(members, groups):
                if g in new_ids:
                    doc = self.docs[rid]
                    self._detach(rid, doc)
                    self._attach(rid, doc, new_ids[g])
            split += 1
        self.reasons["rebuild: story split into its events"] += split
        return split

    def _reassign(self, order: list[str]) -> int:
        """Move each report to its best story (its own scored without it); return how many moved."""
        moved = 0
        for rid in order:
            doc = self.docs.get(rid)
            if doc is None or not any(doc.vecs.values()):
                continue
            own = doc.story
            if len(self.stories_[own].members) == 1:
                continue  # singletons are handled by the merge pass
            # score the own story without this report, like any other candidate
            self._detach(rid, doc)
            wdoc = self._weighted(doc)
            sid, _p, _why = self.best(doc, wdoc=wdoc)
            p_own = self.model.prob(self.features(doc, self.stories_[own], wdoc))
            target = own
            # move only to a story that clears the threshold and beats the own one; never split off here
            # (splitting single reports off raised precision a little but cost more recall in CV)
            if sid is not None and sid != own:
                p_sid = self.model.prob(self.features(doc, self.stories_[sid], wdoc))
                if p_sid > p_own + 1e-12:
                    target = sid
            if target != own:
                moved += 1
            self._attach(rid, doc, target)
        return moved

    def _story_doc(self, sid: str) -> _Doc:
        """A story seen as one report: its centroid, unit-normalised per field."""
        s = self.stories_[sid]
        vecs = {}
        for f in FIELDS:
            n = math.sqrt(sum(v * v for v in s.cent[f].values())) or 1.0
            vecs[f] = {t: v / n for t, v in s.cent[f].items()}
        return _Doc(sid, vecs, None, None, None, None, 0)

    def _merge_stories(self, max_rounds: int) -> int:
        """Fold each story into its best other story when its reports would join it (smallest story first).

        A stream fragments stories whose first reports looked unlike each other; this repairs that. Candidates
        come from the story's centroid; the decision is the mean probability of its reports joining the other. The merge is done in a canonical order (size, then
        first member id) so the result does not depend on how the reports arrived.
        """
        total = 0
        wdocs: dict[str, dict] = {}  # a report's weighted vectors, reused across the candidates of its story
        for _ in range(max_rounds):
            merged = 0
            order = sorted(self.stories_, key=lambda k: (len(self.stories_[k].members), min(self.stories_[k].members)))
            for sid in order:
                if sid not in self.stories_:
                    continue
                sdoc = self._story_doc(sid)
                best_sid, best_p = None, self.model.threshold
                for cand in self.candidates(sdoc):
                    if cand == sid:
                        continue
                    # the story joins another when its reports, on average, would each join it: the model was
                    # learned for single reports, and a centroid-to-centroid cosine is not on that scale
                    other = self.stories_[cand]
                    members = list(self.stories_[sid].members)
                    for m in members:
                        if m not in wdocs:
                            wdocs[m] = self._weighted(self.docs[m])
                    p = sum(self.model.prob(self.features(self.docs[m], other, wdocs[m])) for m in members)
                    p /= len(members)
                    if p > best_p or (p == best_p and best_sid is not None and cand < best_sid):
                        best_sid, best_p = cand, p
                if best_sid is None:
                    continue
                for rid in list(self.stories_[sid].members):
                    doc = self.docs[rid]
                    self._detach(rid, doc)
                    self._attach(rid, doc, best_sid)
                merged += 1
                total += 1
            if not merged:
                break
        return total

    def _renumber(self, order: list[str]) -> None:
        mapping: dict[str, str] = {}
        for rid in order:
            d = self.docs.get(rid)
            if d is not None and d.story not in mapping:
                mapping[d.story] = f"s{len(mapping) + 1:06d}"
        self.stories_ = {mapping[s]: st for s, st in self.stories_.items()}
        self._story_pos = {mapping[s]: p for s, p in self._story_pos.items()}
        self._gone_stories |= set(mapping) - set(mapping.values())
        self._gone_stories -= set(self.stories_)
        self._dirty_stories = set(self.stories_)
        self._dirty_docs = set(self.docs)
        for d in self.docs.values():
            d.story = mapping[d.story]
        for k, p in self.postings.items():
            self.postings[k] = {mapping[s]: c for s, c in p.items()}
        self.next_id = len(mapping) + 1

    # -- persistence ----------------------------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        """Serialise the index (zlib-compressed JSON, no pickle) so the next ingest continues the stream."""
        docs = {rid: [d.story, {f: v.to_dict() for f, v in d.vecs.items()}, d.day, d.title, d.outlet, d.published,
                     d.seq, list(d.keys)]
                for rid, d in self.docs.items()}
        order = {sid: list(s.members) for sid, s in self.stories_.items()}
        blob = {"version": 1, "model": self.model.to_json(), "next_id": self.next_id, "seq": self.seq,
                "max_candidates": self.max_candidates, "query_keys": self.query_keys, "docs": docs,
                "stories": order}
        # level 1: the index is written at the end of every ingest and is O(store) in size; level 6 took 55% of the
        # write for a blob 13% smaller (8.7 against 9.9 MB at 4k reports), and any level reads back the same
        return zlib.compress(json.dumps(blob, separators=(",", ":")).encode("utf-8"), 1)

    @classmethod
    def from_bytes(cls, b: bytes) -> StoryIndex:
        """Restore an index written by `to_bytes` (centroids, postings and document frequencies are rebuilt).

        Raises:
            InputError: NT103 when the blob is corrupt.
        """
        try:
            blob = json.loads(zlib.decompress(b).decode("utf-8"))
        except (zlib.error, UnicodeDecodeError, json.JSONDecodeError) as e:
            raise InputError("NT103", f"story index blob is corrupt: {e}") from None
        # the stream never splits events and `rebuild` loads the shipped model, so a stored splitter is not read
        # back: a store written by another version (other splitter features) still opens
        m = {**blob["model"], "events": None}
        idx = cls(Model.from_json(m), blob["max_candidates"], blob["query_keys"])
        idx.next_id, idx.seq = blob["next_id"], blob["seq"]
        for sid, members in blob["stories"].items():
            for rid in members:
                story, vecs, day, title, outlet, published, seq, keys = blob["docs"][rid]
                doc = _Doc(story, {f: _Vec(v) for f, v in vecs.items()}, day, title, outlet, published, seq)
                idx._restore(rid, doc, sid)
        return idx

    def _restore(self, rid: str, doc: _Doc, sid: str) -> None:
        """Put back a stored report (in the stored order: stories by position, members in joining order)."""
        keys = doc.keys
        self.docs[rid] = doc
        if keys:
            self._count(keys, 1)
        self._attach(rid, doc, sid, keys)

    # Row persistence: one row per report (`doc_row`), one per story (its position) and a small meta record, so
    # an ingest writes only the reports and stories it changed (the blob of `to_bytes` is O(store) per ingest).
    ROWS_VERSION = 2

    def rows_meta(self) -> bytes:
        """What is not per report or per story: model, counters, parameters (JSON)."""
        return json.dumps({"version": self.ROWS_VERSION, "model": self.model.to_json(), "next_id": self.next_id,
                           "seq": self.seq, "max_candidates": self.max_candidates, "query_keys": self.query_keys,
                           "next_pos": self._next_pos}, separators=(",", ":")).encode("utf-8")

    def doc_row(self, rid: str) -> bytes:
        """One report's stored form: a JSON header (dates, title, outlet, seq, each field's terms) followed by
        the float32 weights of every field in order (exactly the weights the index holds)."""
        d = self.docs[rid]
        vecs = [d.vecs[f] for f in FIELDS]
        head = json.dumps([d.day, d.title, d.outlet, d.published, d.seq, [list(v) for v in vecs]],
                          separators=(",", ":")).encode("utf-8")
        vals = array("f")
        for v in vecs:
            vals.extend(v.vals if isinstance(v, _Vec) else array("f", v.values()))
        return len(head).to_bytes(4, "little") + head + vals.tobytes()

    @staticmethod
    def _doc_of_row(sid: str, data: bytes) -> _Doc:
        n = int.from_bytes(data[:4], "little")
        day, title, outlet, published, seq, terms = json.loads(data[4 : 4 + n])
        vals = array("f")
        vals.frombytes(data[4 + n :])
        vecs: dict[str, _Vec] = {}
        at = 0
        for f, ts in zip(FIELDS, terms):
            v = _Vec.__new__(_Vec)
            v.terms = tuple(sys.intern(t) for t in ts)
            v.vals = vals[at : at + len(ts)]
            at += len(ts)
            vecs[f] = v
        return _Doc(sid, vecs, day, title, outlet, published, seq)

    def to_rows(self, full: bool = False) -> dict[str, Any]:
        """What changed since the last `to_rows` (everything with `full`), and forget that it changed.

        Returns:
            ``{"meta": bytes, "docs": [(report id, story id, position, row)], "gone_docs": [id],
            "stories": [(story id, position)], "gone_stories": [id], "full": bool}``; positions order a reload
            (stories by position, each story's members by position) the way `from_bytes` reads a blob.
        """
        docs = sorted(self.docs) if full else sorted(r for r in self._dirty_docs if r in self.docs)
        stories = list(self.stories_) if full else sorted(s for s in self._dirty_stories if s in self.stories_)
        out = {"meta": self.rows_meta(),
               "docs": [(r, self.docs[r].story, self._doc_pos[r], self.doc_row(r)) for r in docs],
               "gone_docs": [] if full else sorted(self._gone_docs - set(self.docs)),
               "stories": [(s, self._story_pos[s]) for s in stories],
               "gone_stories": [] if full else sorted(self._gone_stories - set(self.stories_)), "full": full}
        self._dirty_docs.clear()
        self._gone_docs.clear()
        self._dirty_stories.clear()
        self._gone_stories.clear()
        return out

    @classmethod
    def from_rows(cls, meta: bytes, rows: Iterable[tuple[str, str, bytes]]) -> StoryIndex:
        """Restore an index from `to_rows` output: `rows` are ``(report id, story id, row)`` ordered by the
        story's position, then the report's; the result is the index `from_bytes` would give for the same state.

        Raises:
            InputError: NT103 when the meta record or a row is corrupt.
        """
        try:
            m = json.loads(meta)
            idx = cls(Model.from_json({**m["model"], "events": None}), m["max_candidates"], m["query_keys"])
            for rid, sid, data in rows:
                idx._restore(rid, cls._doc_of_row(sid, bytes(data)), sid)
        except (UnicodeDecodeError, json.JSONDecodeError, KeyError, ValueError, TypeError) as e:
            raise InputError("NT103", f"story index rows are corrupt: {e}") from None
        idx.next_id, idx.seq = m["next_id"], m["seq"]
        idx._next_pos = max(idx._next_pos, int(m.get("next_pos", 0)))
        idx._dirty_docs.clear()
        idx._dirty_stories.clear()
        return idx

    def find_copies(self, report_id: str, reports: dict[str, Report]) -> list[Copy]:
        """Copies between `report_id` and the other reports of its story (see `newstrace.stories.copies`).

        Args:
            report_id: a report in the index.
            reports: the texts, by id (the index keeps features, not texts).
        """
        from .copies import find_copies

        sid = self.docs[report_id].story
        others = [reports[r] for r in self.stories_[sid].members if r != report_id and r in reports]
        return find_copies(reports[report_id], others)


@clusterers.register("stories.v1")
def make_index(**kw: Any) -> StoryIndex:
    """Registry factory for the default streaming story index."""
    return StoryIndex(**kw)
