"""Claims: the normalised proposition of each attribution, plus the report's unattributed factual sentences.

A claim keeps the span it came from; its `text` is what later stages align across reports, so it drops what
varies between outlets and not the proposition: quotation marks, an inserted cue and source ("..., police
said, ..."), a leading complementiser, tokenisation spaces (``do n't`` -> ``don't``) and final punctuation.

Example:
    >>> normalise('" The troops will not leave . \\'\\'')
    'The troops will not leave'
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ..model import Attribution, Claim, Span

_MARKS = re.compile(r"``|''|\"|“|”|„|«|»")
_TOKSPACE = [
    (re.compile(r"\s+([,.;:!?%)\]])"), r"\1"),
    (re.compile(r"([(\[$])\s+"), r"\1"),
    (re.compile(r"\s+(n't|'s|'re|'ve|'ll|'d|'m|’s)\b", re.I), r"\1"),
    (re.compile(r"\s*-\s*(?=\w)(?<=\w\s-\s)"), "-"),
]
# An unattributed sentence is a claim when it states something: long enough to hold a proposition, and not a
# question.  Five words is the shortest "subject verb object adjunct" statement that is not a fragment.
MIN_CLAIM_WORDS = 5


def normalise(text: str) -> str:
    """The comparable form of a proposition's text (see module docstring)."""
    t = _MARKS.sub(" ", text)
    t = " ".join(t.split())
    for pat, rep in _TOKSPACE:
        t = pat.sub(rep, t)
    t = re.sub(r"^(that|and)\s+", "", t, flags=re.I)
    return t.strip(" ,;:.!?-–—")


def claims_for(report_id: str, text: str, attributions: Sequence[Attribution], sentences: Iterable[tuple[int, int]]) -> list[Claim]:
    """One claim per attribution, then one per sentence no attribution covers.

    Args:
        report_id: the report's id.
        text: the report text.
        attributions: the report's attributions.
        sentences: `(start, end)` sentence spans of the report (from the parse).

    Returns:
        Claims in text order; ids are ``{report_id}#c{n}``.
    """
    out: list[tuple[Span, str, str | None, str | None]] = []
    for a in attributions:
        s, e = a.content.start, a.content.end
        body = text[s:e]
        # an inserted cue ("..., police said, ...") is not part of the proposition
        if a.cue is not None and s <= a.cue.start and a.cue.end <= e:
            cut_s = a.source.start if a.source is not None and s <= a.source.start < a.cue.start else a.cue.start
            cut_e = a.source.end if a.source is not None and a.cue.end <= a.source.end <= e else a.cue.end
            body = text[s:cut_s] + " " + text[cut_e:e]
        if a.kind == "sourceless" and a.cue is not None and s <= a.cue.start and a.cue.end <= e:
            body = text[s:a.cue.start] + " " + text[a.cue.end:e]
        norm = normalise(body)
        if norm:
            out.append((a.content, norm, a.id, a.source_name or (a.source.of(text) if a.source else None)))
    covered = sorted((a.content.start, a.content.end) for a in attributions)
    for s, e in sentences:
        seg = text[s:e].strip()
        if len(seg.split()) < MIN_CLAIM_WORDS or seg.rstrip(" \"'”").endswith("?"):
            continue
        if any(cs < e and ce > s for cs, ce in covered):
            continue
        norm = normalise(seg)
        if norm:
            out.append((Span(s, e), norm, None, None))
    out.sort(key=lambda x: (x[0].start, x[0].end))
    return [Claim(id=f"{report_id}#c{i + 1}", report=report_id, span=sp, text=t, attribution=aid, speaker=spk) for i, (sp, t, aid, spk) in enumerate(out)]
