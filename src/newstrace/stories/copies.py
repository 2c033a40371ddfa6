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
from functools import lru_cache
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


# Odd multiplier of the k-gram hash (64-bit, wrapping): the k word hashes of a k-gram are combined as a polynomial,
# so a k-gram's hash costs k multiply-adds over numpy arrays instead of one joined string per position.
_MIX = np.uint64(0x9E3779B97F4A7C15)


@dataclass(slots=True, frozen=True)
class Shingled:
    """A text as `align` and `may_copy` read it: the hash of the k-gram starting at each word, the words'
    character offsets, and the sorted distinct k-gram hashes (the signature). About 24 bytes a word (11 KB for
    a report of 460 words), against some 150 for `Tokens` and its strings, so a corpus keeps thousands of them across the batches of an ingest.
    Hashes are Python's string hashes (salted per process): a `Shingled` is only compared within the process
    that made it and is never stored.
    """

    grams: np.ndarray  # int64, one per k-gram position (len = words - k + 1, or 0)
    starts: np.ndarray  # character offsets of the words (int32 unless the text is longer than 2**31)
    ends: np.ndarray
    sig: np.ndarray  # sorted distinct `grams`
    k: int = SHINGLE

    @property
    def n_words(self) -> int:
        return len(self.starts)


def shingled(text_or_tokens: str | Tokens, k: int = SHINGLE) -> Shingled:
    """The `Shingled` form of a text (or of its `tokens`)."""
    t = tokens(text_or_tokens) if isinstance(text_or_tokens, str) else text_or_tokens
    n = len(t.words)
    w = np.fromiter((hash(x) for x in t.words), dtype=np.int64, count=n).view(np.uint64)
    if n >= k:
        g = w[: n - k + 1].copy()
        with np.errstate(over="ignore"):
            for d in range(1, k):
                g = g * _MIX + w[d : n - k + 1 + d]
        grams = g.view(np.int64)
    else:
        grams = np.zeros(0, dtype=np.int64)
    pos = np.int32 if not t.ends or t.ends[-1] < 2**31 else np.int64
    return Shingled(grams, np.asarray(t.starts, dtype=pos), np.asarray(t.ends, dtype=pos), np.unique(grams), k)


def signature(t: Tokens | Shingled, k: int = SHINGLE) -> np.ndarray:
    """The sorted distinct k-gram hashes of `t` (int64): what `may_copy` compares (per process, never stored)."""
    return t.sig if isinstance(t, Shingled) else shingled(t, k).sig


def may_copy(sa: np.ndarray, sb: np.ndarray) -> bool:
    """False when two signatures share too few k-grams for `compare` to find a copy (`PREFILTER_SHARE`)."""
    short = min(len(sa), len(sb))
    if short == 0:
        return False
    return len(np.intersect1d(sa, sb, assume_unique=True)) >= PREFILTER_SHARE * short


# A k-gram found more often than this in the other text is matched at its first positions only: boilerplate
# repeated everywhere is not evidence of reuse, and the cap bounds the matches per position.
MAX_MATCHES = 8


def align(ta: Tokens | Shingled, tb: Tokens | Shingled, k: int = SHINGLE) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Shared passages as token ranges ``((a_start, a_end), (b_start, b_end))``, half-open, in order of `a`.

    Each k-gram of `a` is matched to its first `MAX_MATCHES` positions in `b`; matches on one diagonal at
    consecutive positions form a run; runs, in order of `a`, are chained greedily: a run joins the current passage
    when it continues it in both texts within `GAP` tokens, otherwise it opens a new passage. Matching and runs are
    array operations; only the (few) runs are walked in Python.
    """
    a = ta if isinstance(ta, Shingled) else shingled(ta, k)
    b = tb if isinstance(tb, Shingled) else shingled(tb, k)
    ga, gb = a.grams, b.grams
    if not len(ga) or not len(gb):
        return []
    order = np.argsort(gb, kind="stable")  # equal k-grams keep their order in b, so the first ones are taken
    sb = gb[order]
    lo = np.searchsorted(sb, ga, "left")
    cnt = np.minimum(np.searchsorted(sb, ga, "right") - lo, MAX_MATCHES)
    total = int(cnt.sum())
    if not total:
        return []
    first = np.cumsum(cnt) - cnt
    i = np.repeat(np.arange(len(ga), dtype=np.int64), cnt)
    j = order[np.repeat(lo, cnt) + np.arange(total, dtype=np.int64) - np.repeat(first, cnt)].astype(np.int64)
    d = j - i
    by_diag = np.lexsort((i, d))
    d, i = d[by_diag], i[by_diag]
    new = np.ones(total, dtype=bool)
    new[1:] = (d[1:] != d[:-1]) | (i[1:] != i[:-1] + 1)
    heads = np.flatnonzero(new)
    tails = np.append(heads[1:], total) - 1
    a0, a1, dd = i[heads], i[tails] + k, d[heads]
    run_order = np.lexsort((a0 + dd, a0))
    passages: list[list[int]] = []
    for r0, r1, rd in zip(a0[run_order].tolist(), a1[run_order].tolist(), dd[run_order].tolist()):
        b0, b1 = r0 + rd, r1 + rd
        if passages:
            p = passages[-1]
            if 0 <= r0 - p[1] <= GAP and -k <= b0 - p[3] <= GAP:
                p[1], p[3] = max(p[1], r1), max(p[3], b1)
                continue
            if r1 <= p[1] and b1 <= p[3] and r0 >= p[0] and b0 >= p[2]:
                continue  # inside the current passage
        passages.append([r0, r1, b0, b1])
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


@lru_cache(maxsize=4096)
def _credit_of(outlet: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    o = re.escape(outlet)
    return re.compile(o, re.I), re.compile(f"{_CREDIT}{o}|\\(\\s*{o}\\s*\\)", re.I)


def _credits(text: str, outlet: str) -> bool:
    """Whether `text` credits `outlet` ("originally published in X", "(X)", ...)."""
    # every credit contains the outlet's name, so a text without it (matched with the same case rule) is not
    # scanned for the credit phrases
    name, credit = _credit_of(outlet)
    return name.search(text) is not None and credit.search(text) is not None


def original_of(a: Report, b: Report) -> tuple[str | None, str]:
    """Which of two copies is the original, with the evidence (or ``(None, "no evidence")``)."""
    for x, y in ((a, b), (b, a)):
        if y.outlet and x.text:
            if _credits(x.text, y.outlet.strip()):
                return y.id, f"{x.id} credits {y.outlet}"
    if a.published and b.published and a.published[:10] != b.published[:10]:
        first = a if a.published[:10] < b.published[:10] else b
        return first.id, f"{first.id} published earlier ({first.published[:10]})"
    return None, "no evidence which came first"


def compare(a: Report, b: Report, ta: Tokens | Shingled | None = None, tb: Tokens | Shingled | None = None
            ) -> Copy | None:
    """The text reuse between two reports as a `Copy`, or None when they share no passage.

    `share` is the share of the shorter report's tokens inside shared passages; whether it is a copy is
    `is_copy(c)`. `ta`/`tb`: the reports' `shingled` (or `tokens`) forms when the caller keeps them.
    """
    sa = ta if isinstance(ta, Shingled) else shingled(ta if ta is not None else a.text)
    sb = tb if isinstance(tb, Shingled) else shingled(tb if tb is not None else b.text)
    na, nb = sa.n_words, sb.n_words
    if not na or not nb:
        return None
    ps = align(sa, sb)
    if not ps:
        return None
    shorter_a = na <= nb
    cov = _covered([pa if shorter_a else pb for pa, pb in ps])
    share = cov / (na if shorter_a else nb)
    spans = tuple((Span(int(sa.starts[pa[0]]), int(sa.ends[pa[1] - 1])), Span(int(sb.starts[pb[0]]), int(sb.ends[pb[1] - 1])))
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
        signatures: the `shingled` forms by report id (of `report` and of candidates), kept by a caller that
            compares the same reports again and again (a story's members at each batch of an ingest); anything with
            ``.get(id)`` will do, and missing ones are computed (and kept when it also has ``.put(id, value)``).

    Returns:
        Copies, largest share first; a candidate with no text or the same id is skipped.
    """
    keep = getattr(signatures, "put", None)

    def form(r: Report) -> Shingled:
        got = signatures.get(r.id) if signatures is not None else None
        if not isinstance(got, Shingled):
            got = shingled(r.text)
            if keep is not None:
                keep(r.id, got)
        return got

    sa = form(report)
    out = []
    for c in candidates:
        if c.id == report.id:
            continue
        sb = form(c)
        if not may_copy(sa.sig, sb.sig):
            continue
        cp = compare(report, c, sa, sb)
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
