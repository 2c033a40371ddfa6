"""The C4 line rules (Raffel et al. 2020, "Exploring the Limits of Transfer Learning", section 2.2), as a peer.

A line is kept when it ends in a terminal punctuation mark (``.``, ``!``, ``?``, ``"``), has at least five
words (the TFDS ``c4_utils`` default), does not mention "javascript" and is not a policy/cookie line. C4 also
drops whole pages (fewer than three sentences, "lorem ipsum", curly brackets, bad words); those page filters are
made for building a corpus, not for cleaning one page, so here "lorem ipsum" and curly-bracket lines are dropped
as lines instead. Registered as ``lines.c4.v1`` so benchmarks can measure it beside ``lines.v1``.

Example:
    >>> c4_clean_lines("Home\\nThe minister said exports would resume soon.\\nShare").text
    'The minister said exports would resume soon.'
"""
from __future__ import annotations

from ..model import Removed
from ..registry import line_cleaners
from .base import Extracted

END_MARKS = (".", "?", "!", '"')
POLICY = ("terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies")
MIN_WORDS = 5


def c4_keep(line: str) -> tuple[bool, str]:
    """C4's decision for one line, with the reason."""
    s = line.strip()
    low = s.lower()
    if not s.endswith(END_MARKS):
        return False, "c4: no terminal punctuation"
    if len(s.split()) < MIN_WORDS:
        return False, "c4: fewer than 5 words"
    if "javascript" in low:
        return False, "c4: javascript"
    if any(p in low for p in POLICY):
        return False, "c4: policy line"
    if "lorem ipsum" in low or "{" in s:
        return False, "c4: lorem ipsum or curly bracket"
    return True, "c4: kept"


@line_cleaners.register("lines.c4.v1")
def c4_clean_lines(raw: str, *, reference_date: str | None = None) -> Extracted:
    """Keep the lines C4's rules keep; no metadata. Never raises.

    Args:
        raw: plain text, one block a line.
        reference_date: ignored (same signature as ``lines.v1``).

    Returns:
        The kept lines joined by newlines, with the dropped lines and reasons in ``removed``.
    """
    kept: list[str] = []
    removed: list[Removed] = []
    for line in (raw or "").splitlines():
        if not line.strip():
            continue
        keep, reason = c4_keep(line)
        if keep:
            kept.append(line)
        else:
            removed.append(Removed(line, reason))
    notes = [] if kept else ["NT201: no article text found"]
    return Extracted(text="\n".join(kept), removed=removed, notes=notes)
