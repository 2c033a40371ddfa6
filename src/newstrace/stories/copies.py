"""Copies and text reuse: MinHash/LSH finds candidate pairs, word-shingle alignment finds the shared passages.

Two reports are a *copy* pair when the passages they share cover at least half of the shorter one (the shorter
text is "largely the same" as part of the longer one: a majority is the natural cut between a republished
article and two reports that merely quote the same statement). Passages are runs of shared word 5-grams, merged
across small gaps so that light edits (a changed word, a fixed typo) do not cut a copied paragraph in two.

Which report is the original is decided from evidence, in this order: an explicit credit in one text naming
the other's outlet ("originally published in X", "(X)", "X reported"), then publication dates (the earlier
one); otherwise it stays unknown (`original=None`).

Example:
    >>> from newstrace.model import Report
    >>> a = Report(id="a", text="The quake struck the island of Qeshm early on Sunday, killing at least ten people and injuring dozens more.")
    >>> b = Report(id="b", text="By our staff. The quake struck the island of Qeshm early on Sunday, killing at least ten people and injuring dozens more.")
    >>> c = find_copies(a, [b])[0]
    >>> (c.a, c.b, c.share >= 0.99)
    ('a', 'b', True)
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from datasketch import MinHash, MinHashLSH

from ..model import Copy, Report, Span

SHINGLE = 3
# Two matched runs closer than this (in tokens, on both sides) belong to one passage: one or two edited words
# inside a copied sentence leave gaps of up to SHINGLE + 2 tokens.
GAP = SHINGLE + 4
MIN_PASSAGE = 2 * SHINGLE  # a passage shorter than a short clause is a shared phrase, not reuse
COPY_SHARE = 0.5
# A pair is aligned only when the shorter report shares at least this share of its distinct k-grams with the
# other. Derived from the passage rule, not tuned: each shared k-gram extends a passage by at most k + GAP tokens
# (its own run plus the widest gap bridged), so passages covering COPY_SHARE of the shorter text need at least
# COPY_SHARE / (k + GAP) of its k-grams shared; halved again for k-grams repeated within a text.
PREFILTER_SHARE = COPY_SHARE / (SHINGLE + GAP) / 2
_TOK = re.compile(r"\w+", re.U)


@dataclass(slots=True, frozen=True)
class Tokens:
    """Lower-cased word tokens of a text with their character offsets."""

    words: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]


def tokens(text: str) -> Tokens:
    ms = list(_TOK.finditer(text or ""))
    return Tokens(tuple(m.group().lower() for m in ms), tuple(m.start() for m in ms), tuple(m.end() for m in ms))


def shingles(t: Tokens, k: int = SHINGLE) -> list[str]:
    return [" ".join(t.words[i : i + k]) for i in range(len(t.words) - k + 1)]


def signature(t: Tokens, k: int = SHINGLE) -> np.ndarray:
    """The sorted distinct k-gram hashes of `t` (int64): what `may_copy` compares. Hashes are Python's, so a
    signature is only compared within the process that made it (it is never stored)."""
    return np.unique(np.fromiter((hash(s) for s in shingles(t, k)), dtype=np.int64))


def may_copy(sa: np.ndarray, sb: np.ndarray) -> bool:
    """False when two signatures share too few k-grams for `compare` to find a copy (`PREFILTER_SHARE`)."""
    short = min(len(sa), len(sb))
    if short == 0:
        return False
    return len(np.intersect1d(sa, sb, assume_unique=True)) >= PREFILTER_SHARE * short


def align(ta: Tokens, tb: Tokens, k: int = SHINGLE) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Shared passages as token ranges ``((a_start, a_end), (b_start, b_end))``, half-open, in order of `a`.

    Runs of consecutive shared k-grams are chained greedily along `a`; a run joins the current passage when it
    continues it in both texts within `GAP` tokens, otherwise it opens a new passage.
    """
    where: dict[str, list[int]] = {}
    for j, s in enumerate(shingles(tb, k)):
        where.setdefault(s, []).append(j)
    # diagonal runs: (i, j) match and (i+1, j+1) match extend the same run
    runs: list[list[int]] = []  # [a0, a1, b0, b1] token ranges
    open_runs: dict[int, int] = {}  # diagonal (j - i) -> index of the run ending at the previous i
    for i, s in enumerate(shingles(ta, k)):
        nxt: dict[int, int] = {}
        for j in where.get(s, ())[:8]:  # cap: a boilerplate k-gram repeated everywhere is not evidence
            d = j - i
            r = open_runs.get(d)
            if r is not None:
                runs[r][1], runs[r][3] = i + k, j + k
            else:
                runs.append([i, i + k, j, j + k])
                r = len(runs) - 1
            nxt[d] = r
        open_runs = nxt
    runs.sort(key=lambda r: (r[0], r[2]))
    passages: list[list[int]] = []
    for r in runs:
        if passages:
            p = passages[-1]
            if 0 <= r[0] - p[1] <= GAP and -k <= r[2] - p[3] <= GAP:
                p[1], p[3] = max(p[1], r[1]), max(p[3], r[3])
                continue
            if r[1] <= p[1] and r[3] <= p[3] and r[0] >= p[0] and r[2] >= p[2]:
                continue  # inside the current passage
        passages.append(list(r))
    return [((p[0], p[1]), (p[2], p[3])) for p in passages if min(p[1] - p[0], p[3] - p[2]) >= MIN_PASSAGE]


def _covered(ranges: Iterable[tuple[int, int]]) -> int:
    total, end = 0, -1
    for s, e in sorted(ranges):
        if e <= end:
            continue
        total += e - max(s, end)
        end = e
    return total


_CREDIT = r"(?:originally (?:published|appeared) (?:in|by|on|at)|first (?:published|appeared) (?:in|by|on)|courtesy of|via|source:|\(c\)|©|copyright)\s+(?:the\s+)?"


def original_of(a: Report, b: Report) -> tuple[str | None, str]:
    """Which of two copies is the original, with the evidence (or ``(None, "no evidence")``)."""
    for x, y in ((a, b), (b, a)):
        if y.outlet and x.text:
            o = re.escape(y.outlet.strip())
            if re.search(_CREDIT + o, x.text, re.I) or re.search(r"\(\s*" + o + r"\s*\)", x.text, re.I):
                return y.id, f"{x.id} credits {y.outlet}"
    if a.published and b.published and a.published[:10] != b.published[:10]:
        first = a if a.published[:10] < b.published[:10] else b
        return first.id, f"{first.id} published earlier ({first.published[:10]})"
    return None, "no evidence which came first"


def compare(a: Report, b: Report, ta: Tokens | None = None, tb: Tokens | None = None) -> Copy | None:
    """The text reuse between two reports as a `Copy`, or None when they share no passage.

    `share` is the share of the shorter report's tokens inside shared passages; whether it is a copy is
    `is_copy(c)`.
    """
    ta = ta or tokens(a.text)
    tb = tb or tokens(b.text)
    if not ta.words or not tb.words:
        return None
    ps = align(ta, tb)
    if not ps:
        return None
    shorter_a = len(ta.words) <= len(tb.words)
    cov = _covered([pa if shorter_a else pb for pa, pb in ps])
    share = cov / (len(ta.words) if shorter_a else len(tb.words))
    spans = tuple((Span(ta.starts[pa[0]], ta.ends[pa[1] - 1]), Span(tb.starts[pb[0]], tb.ends[pb[1] - 1]))
                  for pa, pb in ps)
    orig, why = original_of(a, b) if share >= COPY_SHARE else (None, "")
    ev = f"{len(ps)} shared passage(s) covering {share:.0%} of the shorter report"
    return Copy(a.id, b.id, round(share, 4), orig, spans, f"{ev}; {why}" if why else ev)


def is_copy(c: Copy | None) -> bool:
    """Decision rule: shared passages cover at least `COPY_SHARE` of the shorter report."""
    return c is not None and c.share >= COPY_SHARE


def find_copies(report: Report, candidates: Sequence[Report], signatures: Any = None) -> list[Copy]:
    """Copy edges between `report` and each candidate (only pairs that are copies by `is_copy`).

    Pairs that `may_copy` rules out are not aligned (the cost of a large story is then one set intersection per
    member, not one alignment).

    Args:
        report: the report whose copies are wanted (becomes `Copy.a`).
        candidates: other reports (e.g. its story, or the hits of `CopyIndex.query`).
        signatures: `signature`s by report id (of `report` and of candidates), kept by a caller that compares the
            same reports again and again (a story's members at each batch of an ingest); missing ones are computed.
            Anything with ``.get(id)`` will do.

    Returns:
        Copies, largest share first; a candidate with no text or the same id is skipped.
    """
    ta = tokens(report.text)
    sa = signatures.get(report.id) if signatures is not None else None
    if sa is None:
        sa = signature(ta)
    out = []
    for c in candidates:
        if c.id == report.id:
            continue
        tb = None
        sb = signatures.get(c.id) if signatures is not None else None
        if sb is None:
            tb = tokens(c.text)
            sb = signature(tb)
        if not may_copy(sa, sb):
            continue
        cp = compare(report, c, ta, tb)
        if is_copy(cp):
            out.append(cp)
    return sorted(out, key=lambda c: (-c.share, c.b))


class CopyIndex:
    """MinHash LSH over word 5-grams: finds the reports that may share much text with a new one.

    The LSH threshold is set below `COPY_SHARE` in Jaccard terms because a partial copy (half of the longer
    report) has a Jaccard of only about a third; alignment then decides.

    Example:
        >>> from newstrace.model import Report
        >>> ix = CopyIndex()
        >>> t = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
        >>> ix.add(Report(id="a", text=t))
        >>> ix.query(Report(id="b", text=t))
        ['a']
    """

    def __init__(self, num_perm: int = 64, threshold: float = 0.2) -> None:
        self.num_perm = num_perm
        self.lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self.ids: set[str] = set()

    def _mh(self, report: Report) -> MinHash | None:
        sh = set(shingles(tokens(report.text)))
        if not sh:
            return None
        m = MinHash(num_perm=self.num_perm, seed=1)
        m.update_batch([s.encode("utf-8") for s in sh])
        return m

    def add(self, report: Report) -> None:
        """Index a report (reports with fewer than 5 words are not indexed)."""
        m = self._mh(report)
        if m is not None and report.id not in self.ids:
            self.lsh.insert(report.id, m)
            self.ids.add(report.id)

    def query(self, report: Report) -> list[str]:
        """Ids of indexed reports that may be copies of `report` (sorted)."""
        m = self._mh(report)
        if m is None:
            return []
        return sorted(r for r in self.lsh.query(m) if r != report.id)

    def remove(self, report_id: str) -> None:
        if report_id in self.ids:
            self.lsh.remove(report_id)
            self.ids.discard(report_id)
