"""Framing: the words each outlet chooses for the same thing, scare quotes, "so-called", loaded labels.

Algorithm (``framing.rules.v1``), shown side by side and never scored as true or false:

- ``wording``: for each aligned claim, each report's content words that no other wording of the claim uses
  (the verbs and labels where reports part ways: "slammed" vs "criticised", "regime" vs "government");
- ``scare_quotes``: a quoted phrase of one to three words outside attributed speech;
- ``so_called``: "so-called X";
- ``loaded``: words from a small list of labels that style guides (AP, Reuters) flag as loaded or evaluative.

Example:
    >>> from newstrace.model import Report
    >>> r = Report(id="a", outlet="A", text="The so-called reforms were a 'gift' to the regime.")
    >>> sorted({f["kind"] for f in find_framing([], [r])})
    ['loaded', 'scare_quotes', 'so_called']
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from newstrace.common.text import STOPWORDS, content_tokens, sentence_spans
from newstrace.compare.claims import AlignedClaim
from newstrace.model import Report
from newstrace.registry import Registry

framers = Registry("framing")

# Labels the AP and Reuters style guides single out as loaded or evaluative (why a list: these are conventions
# of the trade, not something learnable from a few stories).
LOADED = frozenset(
    """regime terrorist terrorists militant militants extremist extremists thug thugs radical radicals slammed blasted
    lashed admitted confessed claimed insisted notorious infamous disgraced embattled controversial so-called
    trainwreck hard-partying shocking outrage outrageous heroic martyr martyrs invasion occupation occupied massacre
    cult sect zealot zealots propaganda mouthpiece puppet strongman dictator hardline hardliner""".split()
)
_QUOTED = re.compile(r"(?:'|‘|\"|“|``)\s?([A-Za-z][\w' -]{0,40}?)\s?(?:'|’|\"|”|'')")
_SPEECH = re.compile(r"\b(said|says|told|tells|according to|asked|added|stated|wrote)\b", re.I)


@framers.register("framing.rules.v1")
def find_framing(aligned: Sequence[AlignedClaim], reports: Sequence[Report]) -> list[dict[str, Any]]:
    """Framing observations of one story, grouped by claim and by report.

    Args:
        aligned: the story's aligned claims.
        reports: the story's reports (their `outlet` labels the side-by-side view).

    Returns:
        ``[{"kind", "report", "outlet", ...}]`` in a stable order.
    """
    outlet = {r.id: r.outlet or r.id for r in reports}
    out: list[dict[str, Any]] = []
    for c in aligned:
        toks = {u.report: set(content_tokens(u.text)) for u in c.units}
        # how many wordings use each stem: a word is this report's own choice when no other wording uses it
        used = Counter(t for ts in toks.values() for t in ts)
        choices = []
        for u in c.units:
            own = [w for w in _surface(u.text) if (st := content_tokens(w)) and used[st[0]] == 1 and st[0] in toks[u.report]]
            if own:
                choices.append({"report": u.report, "outlet": outlet.get(u.report), "words": own[:8]})
        if len(choices) >= 2:
            out.append({"kind": "wording", "claim": c.id, "choices": choices})
    for r in sorted(reports, key=lambda r: r.id):
        text = r.text or ""
        for sp in sentence_spans(text):
            sent = sp.of(text)
            for m in re.finditer(r"\bso-called\s+(?:\"|“|'|``)?[\w'-]+(?:\s+[\w'-]+)?(?:\"|”|'')?", sent, re.I):
                out.append(_obs("so_called", r, sp.start + m.start(), sp.start + m.end(), m.group(0)))
            if not _SPEECH.search(sent):
                for m in _QUOTED.finditer(sent):
                    phrase = m.group(1).strip()
                    if 1 <= len(phrase.split()) <= 3 and phrase.lower() not in STOPWORDS:
                        out.append(_obs("scare_quotes", r, sp.start + m.start(), sp.start + m.end(), phrase))
            for m in re.finditer(r"[A-Za-z][\w-]*", sent):
                if m.group(0).lower() in LOADED and m.group(0).lower() != "so-called":
                    out.append(_obs("loaded", r, sp.start + m.start(), sp.start + m.end(), m.group(0)))
    return out


def _surface(text: str) -> list[str]:
    seen: dict[str, None] = {}
    for m in re.finditer(r"[A-Za-z][\w'-]*", text):
        w = m.group(0)
        if w.lower() not in STOPWORDS and len(w) > 2 and not w[0].isupper():
            seen.setdefault(w.lower(), None)
    return list(seen)


def _obs(kind: str, r: Report, start: int, end: int, text: str) -> dict[str, Any]:
    return {"kind": kind, "report": r.id, "outlet": r.outlet or r.id, "start": start, "end": end, "text": text}
