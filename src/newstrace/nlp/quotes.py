"""Quotation detection over the raw characters of a text.

Works on plain typography (``"..."``, curly ``“...”``) and on tokenised corpora (ECB+/PTB style
``" ... ''`` and ``\\`\\` ... ''``), where a straight ``"`` is ambiguous: it opens when no quote is open
and closes otherwise.  Single curly quotes (‘...’) open only an *inner* quote, since an apostrophe and a
closing single quote are the same character.  Quotes never run past a blank line (a paragraph break) unless
the next paragraph reopens the quote (the typographic convention for multi-paragraph quotations).

Example:
    >>> [q.text for q in find_quotes('He said "we will win" today.')]
    ['"we will win"']
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Opening-only, closing-only and ambiguous marks.  Order matters in the alternation: two-character marks
# first so that ``''`` is not read as two apostrophes.
_MARK = re.compile(r"``|''|\"|“|”|„|«|»")
_OPEN = {"``", "“", "„", "«"}
_CLOSE = {"''", "”", "»"}
_PARA = re.compile(r"\n\s*\n")


@dataclass(slots=True, frozen=True)
class Quote:
    """A quotation `[start, end)` including its marks; `words` counts the words inside."""

    start: int
    end: int
    text: str
    words: int


def find_quotes(text: str, *, max_chars: int = 5000) -> list[Quote]:
    """Find the top-level quotations of `text`.

    Args:
        text: any text; offsets are into it exactly.
        max_chars: an open quote unclosed after this many characters is dropped (a stray mark), so one
            missing mark never swallows the rest of the document.

    Returns:
        The quotes in text order, marks included, not overlapping.
    """
    out: list[Quote] = []
    open_at: int | None = None
    for m in _MARK.finditer(text):
        mark = m.group()
        if open_at is not None and m.start() - open_at > max_chars:
            open_at = None
        if open_at is not None and _PARA.search(text, open_at, m.start()):
            # A paragraph break inside an open quote: the quote ended with its paragraph (unclosed
            # multi-paragraph quote) - restart from this mark.
            open_at = None
        if open_at is None:
            if mark in _CLOSE and mark != "''":
                continue
            if mark == "''":
                continue  # a stray closing mark
            open_at = m.start()
            continue
        if (mark in _OPEN or mark == '"') and _reopens(text, open_at, m.start(), m.end()):
            # '"A. "B. "C. "': a new quoted paragraph opens while the last one was never closed - the
            # multi-paragraph convention (in tokenised text the paragraph break itself is lost), so the
            # quotation goes on
            continue
        if mark in _OPEN and mark != '"':
            open_at = m.start()  # two openers in a row: the first was stray
            continue
        end = m.end()
        body = text[open_at:end]
        out.append(Quote(open_at, end, body, len(_MARK.sub(" ", body).split())))
        open_at = None
    return out


_SENT_END = re.compile(r"[.!?]\s+\Z")
_NARRATION = re.compile(r"\b(?:said|says)\b")
# A closing mark glued to the next word is followed by the cue frame ('"... coward? "the young widow read',
# '"... be? "Yanes said'); an opening mark is followed by the quotation's first words.
_CUE_AFTER = re.compile(r"(?:[\w.'-]+\s+){0,4}(?:said|says|say|added|adds|told|tells|asked|asks|wrote|writes|"
                        r"explained|continued|read|recalled|noted|insisted|stated|declared)\b")


def _reopens(text: str, open_at: int, s: int, e: int) -> bool:
    """Whether the mark at `[s, e)` opens a new quoted paragraph of the open quotation: it has the shape of
    an opening mark (space before, a word right after) and follows a finished sentence inside the quote."""
    return (s > open_at + 1 and text[s - 1].isspace() and e < len(text) and text[e].isupper()
            and _SENT_END.search(text, max(open_at, s - 4), s) is not None
            and _CUE_AFTER.match(text, e) is None
            # narration with its own cue inside the "quote" means the first mark was never closed
            and _NARRATION.search(text, open_at, s) is None)


def quote_at(quotes: list[Quote], pos: int) -> Quote | None:
    """The quote containing character `pos`, if any (binary search over the sorted quotes)."""
    lo, hi = 0, len(quotes)
    while lo < hi:
        mid = (lo + hi) // 2
        if quotes[mid].end <= pos:
            lo = mid + 1
        else:
            hi = mid
    if lo < len(quotes) and quotes[lo].start <= pos < quotes[lo].end:
        return quotes[lo]
    return None


# An inner single quote opens after a space/opening mark/colon/comma and before a word character that does
# not start a contraction ("'s", "'m", "'re" are tokens of their own in tokenised text); it closes after a
# non-space and before a space, punctuation, another mark or the end.
_INNER_OPEN = re.compile(r"(?:(?<=[\s\"“:,(])|^)(['‘])(?!(?:s|m|d|t|re|ve|ll|em|n)\b)(?=\w)")
_INNER_CLOSE = re.compile(r"(?<=[^\s])(['’])(?=[\s,.;:!?\"”]|''|$)")


def find_inner_quotes(text: str, outer: list[Quote]) -> list[Quote]:
    """Single-quoted stretches inside each top-level quotation (quotes in quotes: `"I said, 'stop.' ''`).

    Args:
        text: the report text.
        outer: the top-level quotes from `find_quotes`.

    Returns:
        Inner quotes in text order, marks included.
    """
    out: list[Quote] = []
    for q in outer:
        body_start = q.start + 1
        body_end = q.end - (2 if text[q.end - 2 : q.end] == "''" else 1)
        pos = body_start
        while pos < body_end:
            m = _INNER_OPEN.search(text, pos, body_end)
            if not m:
                break
            c = _INNER_CLOSE.search(text, m.end(), body_end + 1)
            if not c or c.start() <= m.end():
                break
            body = text[m.start() : c.end()]
            out.append(Quote(m.start(), c.end(), body, len(_MARK.sub(" ", body).strip("'‘’ ").split())))
            pos = c.end()
    return out
