"""Claim alignment: group the claims of a story's reports that state the same proposition, however worded.

Algorithm (``claims.align.v1``): every report contributes claim units — its `Claim` records when the NLP stage
filled them, else its sentences (so a story with no attributions still aligns). Each unit becomes a TF-IDF vector
over content stems, quantity tokens that survive unit and currency conversion (58 km = 36 miles), and weighted
more heavily, capitalised names. Units are clustered Kruskal-style: candidate pairs from different reports (each
unit's `NEIGHBOURS` nearest) are visited in decreasing cosine similarity and two clusters merge only when (a) no
report would carry two units of one claim and (b) the mean pairwise similarity of the merged cluster (computed
from centroid sums, so it costs O(vocabulary) per merge) stays above the threshold. Condition (a) bounds chaining;
(b) is average linkage. A second pass lets a sentence join further groups it states (`_attach`). Two more passes
align parts of sentences: figures (a quantity and the words around it) and quotations, each sentence of a quote
on its own, because one sentence often carries several propositions. Clusters carried by at least two reports are
claims. Terms asked for and terms offered never share a cluster (`stance`): "the agent asked for eight years and
$200 million" and "the club offered eight years and $200 million" are two propositions of two parties.

The two thresholds are chosen by leave-one-story-out cross-validation on ../shared/data/provenance-dev against
the issue's targets (see bench/bench_provenance.py), not by hand.

Example:
    >>> from newstrace.model import Report
    >>> a = Report(id="a", text="The quake killed 10 people. Rescuers arrived.")
    >>> b = Report(id="b", text="Ten people were killed by the quake. It rained.")
    >>> [g.reports for g in align_claims([a, b])]
    [('a', 'b')]
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import sparse

from newstrace.common.text import content_tokens, quantities, quantity_tokens, sentence_spans, stem
from newstrace.model import Claim, Report, Span
from newstrace.registry import Registry

aligners = Registry("claim aligner")

#: minimum cosine for a candidate pair, and minimum mean pairwise cosine of a merged cluster
PAIR_THRESHOLD = 0.30
LINK_THRESHOLD = 0.25
#: names and quantities say more about which proposition a sentence states than common words do
NAME_WEIGHT = 1.5
QTY_WEIGHT = 2.0
#: candidate partners kept per unit; bounds the work on stories of hundreds of near-identical wire copies
NEIGHBOURS = 40
#: units shorter than this many content tokens ("He said.") carry no proposition of their own
MIN_TOKENS = 3


# Which side of a deal a statement's terms are on. "Boras asked for eight years and $200 million" and "the Red Sox
# offered eight years and $200 million" share every figure and name, yet one is the asking price and the other the
# offer: two propositions, often from two parties who contradict each other.
_ASK = re.compile(r"\b(?:ask(?:s|ed|ing)?\s+for|asking(?:\s+price)?|seek(?:s|ing)?|sought|demand(?:s|ed|ing)?)\b", re.I)
_OFFER = re.compile(r"\b(?:offer(?:s|ed|ing)?|bid|bids|bidding)\b", re.I)


def stance(text: str) -> int:
    """The side of a deal `text` states terms for: 1 asked for, 2 offered, 0 neither or both.

    Example:
        >>> stance("Boras countered by asking for an eight-year contract"), stance("the Red Sox offered eight years")
        (1, 2)
        >>> stance("the offer was less than he asked for")
        0
    """
    ask, offer = bool(_ASK.search(text)), bool(_OFFER.search(text))
    return 1 if ask and not offer else 2 if offer and not ask else 0


# "X declined to comment", "did not immediately respond to a request for comment", "could not be reached": a
# statement that someone said nothing. It shares the story's names with the claims around it, but states none of
# them; it aligns only with other such statements.
_NO_COMMENT = re.compile(
    r"\b(?:declin(?:ed|es|ing)\s+(?:to\s+)?(?:comment|to\s+(?:say|elaborate|discuss))|"
    r"(?:did|does|could)\s+not\s+(?:immediately\s+)?(?:respond|reply|return)\b[^.]{0,40}\b(?:comment|request|call|message)s?|"
    r"(?:could|can)\s*(?:not|n't)\s+be\s+reached|(?:was|were|is|are)\s+(?:not\s+)?(?:un)?available\s+for\s+comment|"
    r"no\s+comment)\b",
    re.I,
)


def no_comment(text: str) -> bool:
    """Whether `text` only says that someone did not comment.

    Example:
        >>> no_comment("The National Water Authority declined to comment."), no_comment("The authority objected.")
        (True, False)
    """
    return bool(_NO_COMMENT.search(text))


@dataclass(slots=True, frozen=True)
class Unit:
    """One alignable statement of one report: a `Claim`, or a sentence when the report has no claims."""

    report: str
    span: Span
    text: str
    claim: str | None = None
    attribution: str | None = None
    speaker: str | None = None
    sentence: Span | None = None  # the enclosing sentence, when the unit is a part of one (a figure)
    side: int | None = None  # `stance` of the clause around a figure (its window may miss "asking for"); None: of text


@dataclass(slots=True)
class AlignedClaim:
    """A group of units from different reports stating one proposition (one unit per report)."""

    id: str
    units: list[Unit]
    reports: tuple[str, ...] = ()
    text: str = ""
    speaker: str | None = None
    score: float = 0.0
    meta: dict = field(default_factory=dict)


def claim_units(report: Report) -> list[Unit]:
    """The units of `report` to align: its claims when the NLP stage made any, else its sentences.

    Claims are widened to their sentence, because reports word the same proposition with different clause
    boundaries and the sentence is what a reader compares.
    """
    text = report.text or ""
    sents = sentence_spans(text)
    if report.claims:
        units: dict[Span, Unit] = {}
        for c in report.claims:
            sp = _enclosing(sents, c.span) or c.span
            if sp not in units:
                units[sp] = Unit(report.id, sp, sp.of(text), c.id, c.attribution, c.speaker)
        covered = set(units)
        # sentences the claim extractor skipped still count: background facts are claims too
        for sp in sents:
            if sp not in covered:
                units[sp] = Unit(report.id, sp, sp.of(text))
        return [units[k] for k in sorted(units)]
    return [Unit(report.id, sp, sp.of(text)) for sp in sents]


def _enclosing(sents: list[Span], span: Span) -> Span | None:
    for s in sents:
        if s.start <= span.start < s.end:
            return s
    return None


_NAME = re.compile(r"\b[A-Z][a-zA-Z'’-]+(?:\s+[A-Z][a-zA-Z'’-]+)*")


_DAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
                  r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\b)")


def _day_tokens(text: str) -> list[str]:
    # a weekday or a month and day, as written ("Tuesday", "Dec. 9" = "December 9")
    out = []
    for m in _DAY.finditer(text):
        g = m.group(1)
        if g[0].isalpha() and g.split()[0].rstrip(".")[:3].lower() in _MONTHS and len(g.split()) == 2:
            out.append(f"Q:day:{_MONTHS[g.split()[0].rstrip('.')[:3].lower()]}-{int(g.split()[1])}")
        else:
            out.append("Q:day:" + g.lower())
    return out


_MONTHS = {m: k for k, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}


def _features(u: Unit, days: bool = False) -> list[str]:
    toks = content_tokens(u.text)
    qty = sorted(quantity_tokens(u.text)) + (_day_tokens(u.text) if days else [])
    names = []
    for m in _NAME.finditer(u.text):
        if m.start() == 0 and " " not in m.group(0):
            continue  # a sentence-initial capital is not evidence of a name
        names.append("N:" + m.group(0).split()[-1].lower()[:7])
    return toks + qty + names


def _vectorise(units: Sequence[Unit], days: bool = False) -> tuple[sparse.csr_matrix, np.ndarray]:
    feats = [_features(u, days) for u in units]
    vocab: dict[str, int] = {}
    df: Counter[str] = Counter()
    for f in feats:
        df.update(set(f))
    rows, cols, vals = [], [], []
    n = len(units)
    for i, f in enumerate(feats):
        for tok, tf in Counter(f).items():
            j = vocab.setdefault(tok, len(vocab))
            w = (1.0 + np.log(tf)) * (np.log((1 + n) / (1 + df[tok])) + 1.0)
            if tok.startswith("Q:"):
                w *= QTY_WEIGHT
            elif tok.startswith("N:"):
                w *= NAME_WEIGHT
            rows.append(i)
            cols.append(j)
            vals.append(w)
    m = sparse.csr_matrix((vals, (rows, cols)), shape=(n, max(1, len(vocab))), dtype=np.float64)
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    qcols = np.array(sorted(j for tok, j in vocab.items() if tok.startswith("Q:")), dtype=np.int64)
    return (sparse.diags(1.0 / norms) @ m).tocsr(), qcols


@aligners.register("claims.align.v2")
def align_claims(
    reports: Sequence[Report],
    pair_threshold: float = PAIR_THRESHOLD,
    link_threshold: float = LINK_THRESHOLD,
    attach: bool = True,
    figures: bool = True,
    quotes: bool = True,
    subevent: Mapping[str, int] | None = None,
    dates: bool = True,
    frames: bool = False,
) -> list[AlignedClaim]:
    """Group the claim units of `reports` that state the same proposition.

    Args:
        reports: the reports of one story (any order; output order does not depend on it).
        pair_threshold: minimum cosine of a unit pair to be considered.
        link_threshold: minimum mean pairwise cosine inside a merged group (average linkage).
        attach: let a sentence that states several propositions also join other groups (see `_attach`).
        figures: also align figure claims (a quantity and the words around it, see `figure_units`), because a
            figure — a toll, a price, a magnitude — is often one proposition inside a longer sentence.
        quotes: also align quoted words (see `quote_units`): the same statement relayed, or two principals saying
            the same thing, reads alike inside the quotation marks while the framing around it differs.
        subevent: report id → sub-event (`newstrace.provenance.subevents.subevents`): a claim only aligns wordings
            of one sub-event, so a story that merged two look-alike events (two quakes, two arrests) does not mix
            their tolls and sources. None: one sub-event.
        dates: also align date claims (a weekday or a calendar date and the words around it, see `date_units`):
            when a thing happened is a proposition of its own ("entered the clinic on Tuesday").
        frames: keep date units whose clause is only an attribution frame ("the Herald reported on Tuesday"),
            as ``claims.align.v1`` did; v2 (this default) drops them (`frame_only`).

    Returns:
        Aligned claims carried by at least two reports, most widely carried first; ids ``c1``, ``c2``, ...

    Raises:
        Nothing on odd input: a report without text simply contributes no units.
    """
    ordered = sorted(reports, key=lambda r: r.id)
    units = [u for r in ordered for u in claim_units(r) if len(content_tokens(u.text)) >= MIN_TOKENS]
    out = _cluster(units, pair_threshold, link_threshold, attach, need_qty=False, subevent=subevent)
    seen = {tuple(sorted((u.report, u.sentence or u.span) for u in c.units)) for c in out}
    passes = []
    if figures:
        passes.append(("figure", [u for r in ordered for u in figure_units(r)], True))
    if quotes:
        passes.append(("quote", [u for r in ordered for u in quote_units(r)], False))
    if dates:
        passes.append(("date", [u for r in ordered for u in date_units(r, frames=frames)], True))
    for kind, extra, need_qty in passes:
        for c in _cluster(extra, pair_threshold, link_threshold, attach=False, need_qty=need_qty, subevent=subevent,
                          days=kind == "date"):
            key = tuple(sorted((u.report, u.sentence or u.span) for u in c.units))
            if key not in seen:  # the same sentences already make a claim: the part adds nothing new
                c.meta[kind] = True
                out.append(c)
                seen.add(key)
    out.sort(key=lambda c: (-len(c.reports), -c.score, c.units[0].report, c.units[0].span))
    for k, c in enumerate(out, 1):
        c.id = f"c{k}"
    return out


#: words either side of a quantity that make its figure claim ("killing at least 10 people")
FIGURE_WINDOW = 5


def _clause_window(st: str, start: int, end: int) -> tuple[int, int, int, int]:
    """The words around ``st[start:end]`` inside its clause: at most `FIGURE_WINDOW` each side, cut at clause
    punctuation. Returns ``(a, b, cut, stop)``: the window, the clause start before it (-1: sentence start) and
    the clause end's offset after `end` (``len`` of the rest when the sentence ends first)."""
    left = st[:start]
    cut = max(left.rfind(c) for c in (",", ";", ":", "(", ")", "—"))
    words = list(re.finditer(r"\S+", left[cut + 1 :]))[-FIGURE_WINDOW:]
    a = (cut + 1 + words[0].start()) if words else start
    right = st[end:]
    stop = min([i for i in (right.find(c) for c in (",", ";", ":", "(", ")", ".")) if i >= 0] + [len(right)])
    rwords = list(re.finditer(r"\S+", right[:stop]))[:FIGURE_WINDOW]
    b = end + (rwords[-1].end() if rwords else 0)
    return a, b, cut, stop


def figure_units(report: Report) -> list[Unit]:
    """One unit per quantity in `report` (years excluded): the quantity with the words around it, inside its clause.

    Example:
        >>> r = Report(id="a", text="A quake hit on Sunday, killing 10 people and injuring dozens.")
        >>> [u.text for u in figure_units(r)]
        ['killing 10 people and injuring dozens']
    """
    text = report.text or ""
    out = []
    for sent in sentence_spans(text):
        st = sent.of(text)
        for dim, _val, q in quantities(st):
            if dim == "year":
                continue
            a, b, cut, stop = _clause_window(st, q.start, q.end)
            span = Span(sent.start + a, sent.start + b)
            # the verb that says whose terms these are may sit outside the window ("is asking for a five-year
            # contract worth $90 million"): read the side from the figure's whole clause
            side = stance(st[cut + 1 : q.end + stop])
            out.append(Unit(report.id, span, span.of(text), sentence=sent, side=side))
    return out


@aligners.register("claims.align.v1")
def align_claims_v1(reports: Sequence[Report], **kwargs: Any) -> list[AlignedClaim]:
    """``claims.align.v1``: `align_claims` as it was before v2, keeping date units whose clause is only an
    attribution frame ("the Nation Herald newspaper reported on Tuesday" could become a claim of its own)."""
    return align_claims(reports, **{**kwargs, "frames": True})


def date_units(report: Report, frames: bool = False) -> list[Unit]:
    """One unit per weekday or calendar date in `report` ("on Tuesday", "Dec. 9"): the date with the words around
    it, inside its clause, built like `figure_units`.

    Example:
        >>> r = Report(id="a", text="A friend said she went to Promises on Tuesday, and her family backed her.")
        >>> [u.text for u in date_units(r)]
        ['she went to Promises on Tuesday']
    """
    text = report.text or ""
    out = []
    for sent in sentence_spans(text):
        st = sent.of(text)
        for m in _DAY.finditer(st):
            a, b, _cut, stop = _clause_window(st, m.start(), m.end())
            right = st[m.end() :]
            if not set(content_tokens(st[a:b])) - set(content_tokens(m.group(0))) - _TIME_OF_DAY:
                # "On Sunday night, the Angels withdrew their offer": a date alone states nothing; the clause it
                # opens says what happened then
                nxt = list(re.finditer(r"\S+", re.split(r"[,;:()—.]", right[stop + 1 :], maxsplit=1)[0]))[:2 * FIGURE_WINDOW]
                if nxt:
                    b = m.end() + stop + 1 + nxt[-1].end()
            span = Span(sent.start + a, sent.start + b)
            if not frames and frame_only(span.of(text), m.group(0)):
                continue  # "the Nation Herald newspaper reported on Tuesday": when it was said, not a proposition
            out.append(Unit(report.id, span, span.of(text), sentence=sent))
    return out


#: reporting verbs of an attribution frame (stems); with the source's name and a date they state no proposition
_FRAME_VERBS = {stem(w) for w in ("said", "says", "say", "told", "tells", "reported", "reports", "reporting", "wrote",
                                  "writes", "added", "announced", "stated", "quoted", "cited", "citing")}
#: the nouns a source's name is written with ("the newspaper", "the agency", "a spokesman")
_FRAME_NOUNS = {stem(w) for w in ("newspaper", "paper", "agency", "news", "outlet", "magazine", "broadcaster",
                                  "television", "radio", "website", "daily", "weekly", "wire", "station", "network",
                                  "spokesman", "spokeswoman", "spokesperson", "statement", "report", "interview")}


def frame_only(window: str, date: str) -> bool:
    """Whether a date's clause is only an attribution frame: a source, a reporting verb and the date ("the Nation
    Herald newspaper reported on Tuesday", "officials said on Monday"). Such a clause says when something was said;
    the proposition is elsewhere in the sentence, so it is no claim of its own.

    Example:
        >>> frame_only("Nation Herald newspaper reported on Tuesday", "on Tuesday")
        True
        >>> frame_only("The Nation Herald reported on Tuesday that the ministry had awarded", "on Tuesday")
        False
    """
    # reporting verbs are stop words of `content_tokens`: look for them among the plain words
    if not _FRAME_VERBS & {stem(w) for w in re.findall(r"[a-z]+", window.lower())}:
        return False
    names = {t for w in re.findall(r"\b[A-Z][\w'’.-]*", window) for t in content_tokens(w)}
    rest = set(content_tokens(window)) - set(content_tokens(date)) - _TIME_OF_DAY - _FRAME_VERBS - _FRAME_NOUNS - names
    return not rest


_TIME_OF_DAY = {stem(w) for w in ("night", "morning", "evening", "afternoon", "early", "late", "last", "next", "this", "day")}


_QUOTE = re.compile(r"(?:\"|“|``|''(?=\w))\s?([^\"“”]{12,400}?)\s?(?:\"|”|'')")


def quote_units(report: Report) -> list[Unit]:
    """One unit per quotation of at least `MIN_TOKENS` content words, inside its sentence.

    Example:
        >>> r = Report(id="a", text='A spokeswoman told LPA the award "followed the law in every respect" on Monday.')
        >>> [u.text for u in quote_units(r)]
        ['followed the law in every respect']
    """
    text = report.text or ""
    sents = sentence_spans(text)
    out = []
    # over the whole text, not per sentence: a quotation may run over several sentences
    for m in _QUOTE.finditer(text):
        if "\n" in m.group(1):
            continue
        # the sentence where the quotation closes carries its attribution ('..." al-Qadi told the paper')
        close = _enclosing(sents, Span(max(m.start(1), m.end(1) - 1), m.end(1)))
        # each sentence of a quotation is its own unit: a quote of two sentences often states two things
        for part in sentence_spans(m.group(1)):
            inner = part.of(m.group(1)).strip(" ,.")
            if len(content_tokens(inner)) < MIN_TOKENS:
                continue
            k = text.find(inner, m.start(1) + part.start)
            span = Span(k, k + len(inner))
            out.append(Unit(report.id, span, inner, sentence=close or span))
    return out


def _cluster(units: list[Unit], pair_threshold: float, link_threshold: float, attach: bool, need_qty: bool,
             subevent: Mapping[str, int] | None = None, days: bool = False) -> list[AlignedClaim]:
    """Kruskal-style average-linkage clustering of units, one unit per report per cluster (module docstring)."""
    if len(units) < 2 or len({u.report for u in units}) < 2:
        return []
    x, qcols = _vectorise(units, days)
    xq = x[:, qcols] if need_qty and len(qcols) else None
    # candidate pairs: each unit's NEIGHBOURS most similar units of other reports (a k-nearest-neighbour graph).
    # Why: with hundreds of near-identical wire sentences all pairs would clear the threshold, and average linkage
    # only needs one candidate pair between two clusters to consider merging them.
    n = len(units)
    rep_ids = np.array([u.report for u in units], dtype=object)
    _, rep_code = np.unique(rep_ids, return_inverse=True)
    # units of different parts never align: two sub-events of a merged story, and a "declined to comment"
    # with a claim (a no-comment statement is its own part within its sub-event)
    part = np.array([2 * (subevent or {}).get(u.report, 0) + no_comment(u.text) for u in units])
    side = np.array([stance(u.text) if u.side is None else u.side for u in units])
    xt = x.T.tocsc()
    xqt = xq.T.tocsc() if xq is not None else None
    if need_qty and xqt is None:
        return []
    block = max(1, min(512, 4_000_000 // max(1, n)))
    k = min(NEIGHBOURS, n - 1)
    pairs: list[tuple[float, int, int]] = []
    for b0 in range(0, n, block):
        sims = (x[b0 : b0 + block] @ xt).toarray()
        if need_qty:
            # a figure claim needs the same figure: the pair must share a quantity token
            sims *= ((x[b0 : b0 + block][:, qcols] @ xqt).toarray() > 0)
        rows = np.arange(b0, min(n, b0 + block))
        sims[rep_code[rows][:, None] == rep_code[None, :]] = 0.0  # never pair a report with itself
        sims[part[rows][:, None] != part[None, :]] = 0.0  # nor two parts (sub-events, no-comment statements)
        sims[(side[rows][:, None] * side[None, :]) == 2] = 0.0  # nor an asking price with an offer (1 x 2)
        top = np.argpartition(-sims, k - 1, axis=1)[:, :k] if k < n else np.tile(np.arange(n), (len(rows), 1))
        for r_i, row in enumerate(rows):
            for j in top[r_i]:
                sv = sims[r_i, j]
                if sv >= pair_threshold:
                    a, b = (int(row), int(j)) if row < j else (int(j), int(row))
                    pairs.append((-float(sv), a, b))
    pairs = sorted(set(pairs))
    parent = list(range(len(units)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(units))}
    reps: dict[int, set[str]] = {i: {units[i].report} for i in range(len(units))}
    sides: dict[int, set[int]] = {i: {int(side[i])} - {0} for i in range(len(units))}
    sums: dict[int, np.ndarray] = {}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    indptr, indices, data, width = x.indptr, x.indices, x.data, x.shape[1]

    def vec(root: int) -> np.ndarray:
        if root not in sums:
            v = np.zeros(width)
            for i in members[root]:
                v[indices[indptr[i] : indptr[i + 1]]] += data[indptr[i] : indptr[i + 1]]
            sums[root] = v
        return sums[root]

    for _neg, i, j in pairs:
        a, b = find(i), find(j)
        if a == b or reps[a] & reps[b] or len(sides[a] | sides[b]) > 1:
            continue
        na, nb = len(members[a]), len(members[b])
        if na * nb > 1 and float(vec(a) @ vec(b)) / (na * nb) < link_threshold:
            continue
        merged = vec(a) + vec(b)
        parent[b] = a
        members[a].extend(members.pop(b))
        reps[a] |= reps.pop(b)
        sides[a] |= sides.pop(b)
        sums.pop(b, None)
        sums[a] = merged
    groups = [m for m in members.values() if len(reps[find(m[0])]) >= 2]
    if attach:
        groups = _attach(x, units, groups, link_threshold, part, side)
    out: list[AlignedClaim] = []
    for g in groups:
        g = sorted(g, key=lambda k: (units[k].report, units[k].span))
        us = [units[k] for k in g]
        centroid = np.asarray(x[g].sum(axis=0)).ravel()
        scores = np.asarray(x[g] @ centroid).ravel()
        medoid = us[int(np.argmax(scores))]
        speakers = Counter(u.speaker for u in us if u.speaker)
        out.append(
            AlignedClaim(
                id="",
                units=us,
                reports=tuple(u.report for u in us),
                text=medoid.text,
                speaker=speakers.most_common(1)[0][0] if speakers else None,
                score=float(scores.mean() / max(1e-9, np.linalg.norm(centroid))),
            )
        )
    return out


def _attach(x: sparse.csr_matrix, units: Sequence[Unit], groups: list[list[int]], link: float,
            part: np.ndarray | None = None, side: np.ndarray | None = None) -> list[list[int]]:
    """Second pass: add to each group, from every report it lacks, the unit most similar to the group when that
    unit's mean cosine to the members clears the same average-linkage threshold.

    Why: the hard pass gives each sentence to one group, but one sentence often states several propositions
    ("a 5.9 quake killed 10 people"); a reader expects it under each of them.
    """
    if not groups:
        return groups
    g = sparse.vstack([sparse.csr_matrix(x[m].sum(axis=0) / len(m)) for m in groups]).tocsr()
    sims = (x @ g.T).toarray()  # units x groups; mean cosine of each unit to each group's members
    out = []
    for gi, m in enumerate(groups):
        have = {units[k].report for k in m}
        g_sides = {int(side[k]) for k in m} - {0} if side is not None else set()
        best: dict[str, tuple[float, int]] = {}
        for k in np.nonzero(sims[:, gi] >= link)[0]:
            r = units[k].report
            if r in have or part is not None and part[k] != part[m[0]]:
                continue
            if side is not None and side[k] and g_sides and side[k] not in g_sides:
                continue  # an asking price does not join an offer's group, nor the reverse
            if r not in best or sims[k, gi] > best[r][0]:
                best[r] = (float(sims[k, gi]), int(k))
        out.append(list(m) + [k for _s, k in best.values()])
    uniq: dict[tuple[int, ...], list[int]] = {}
    for m in out:
        uniq.setdefault(tuple(sorted(m)), m)
    return list(uniq.values())


def unit_for_claim(claim: Claim, text: str) -> Unit:
    """The unit a single `Claim` aligns as (its sentence), for callers that align claims themselves."""
    sp = _enclosing(sentence_spans(text), claim.span) or claim.span
    return Unit(claim.report, sp, sp.of(text), claim.id, claim.attribution, claim.speaker)
