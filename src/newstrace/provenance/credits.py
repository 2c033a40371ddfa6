"""Explicit credits in a report's text: "(AP)", "— Reuters", "h/t X", "X contributed to this report".

A credit says the report (or part of it) is another newsroom's copy; it becomes a ``credit`` edge in the
provenance graph, and wire copy inherits its origins through it.

Example:
    >>> [(c.name, c.reason) for c in find_credits("WASHINGTON (AP) — The Senate voted. Reuters contributed to this report.")]
    [('AP', 'dateline credit'), ('Reuters', 'contributed')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from newstrace.model import Span
from newstrace.provenance.lexicon import lexicon


@dataclass(slots=True, frozen=True)
class Credit:
    """A credited newsroom: its name as written, the evidence span, and which pattern found it."""

    name: str
    span: Span
    reason: str


_WIRES = lexicon().wires_alt  # the wire services of lexicon.toml
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"\(\s*({_WIRES})\s*\)"), "dateline credit"),
    (re.compile(rf"(?:^|\n)\s*[-—–]+\s*({_WIRES})\s*$", re.M), "sign-off credit"),
    (re.compile(r"\b(?:h/t|H/T|hat tip(?: to)?)[ \t]*:?[ \t]+(@?[A-Z][\w.@-]*(?:[ \t]+[A-Z][\w.-]*){0,3})"), "h/t"),
    # a wire dateline: "PORT SALIM (LPA) —", "PARIS, Nov 17 (XYZ) -": the bracketed code is the wire's credit
    (re.compile(r"^[ \t]*[A-Z][A-Z .'-]{1,40}(?:,[ \t]*[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2})?[ \t]*\(([A-Z][A-Za-z]{1,9})\)[ \t]*[-—–]", re.M), "dateline credit"),
    (re.compile(r"\b((?:The[ \t]+)?[A-Z][\w.&'-]*(?:[ \t]+[A-Z][\w.&'-]*){0,3})\s+contributed\s+to\s+this\s+(?:report|story|article)"), "contributed"),
    (re.compile(r"\b(?:[Cc]opyright|©)\s*(?:\d{4}\s+)?(?:by\s+)?(?:The\s+)?(Associated Press|Reuters|AFP|Agence France-Presse)"), "copyright"),
    (re.compile(r"\b(?:[Ww]ire services|[Ii]nformation from)\s+(?:the\s+)?([A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*){0,3})\s+(?:was used|contributed)"), "contributed"),
)


def find_credits(text: str) -> list[Credit]:
    """Every explicit credit in `text`, in text order (one per name and pattern).

    Args:
        text: a report's text.

    Returns:
        Credits; an empty list when the text credits nobody.
    """
    out: dict[tuple[str, str], Credit] = {}
    for pat, reason in _PATTERNS:
        for m in pat.finditer(text):
            name = m.group(1).strip()
            if name.lower() in {"the", "a"}:
                continue
            out.setdefault((name, reason), Credit(name, Span(m.start(1), m.end(1)), reason))
    return sorted(out.values(), key=lambda c: c.span)


_FIRST_HAND = re.compile(rf"\b(?:told|tells|said to|speaking to)\s+(?:the\s+|The\s+)?({_WIRES})\b(?!\s+(?:that\s+)?(?:reported|said))")


def wire_of(text: str) -> str | None:
    """The wire service whose copy a report is, when the text says so: a credit ("(AP)", "— Reuters"), else the one
    wire its sources speak to first-hand ("Karami told The Associated Press"): the wire's own reporting.

    Args:
        text: a report's text.

    Returns:
        The wire's name as written, or None when no wire, or more than one, is named so.

    Example:
        >>> wire_of("TEHRAN (AP) - A quake hit."), wire_of("An official, Ghasem Karami, told The Associated Press it was bad.")
        ('AP', 'Associated Press')
        >>> wire_of("The governor told AFP and a minister told Reuters.") is None
        True
    """
    wires = {c.name for c in find_credits(text) if c.reason in ("dateline credit", "sign-off credit", "copyright")
             and re.fullmatch(_WIRES, c.name)}
    if not wires:
        wires = {m.group(1) for m in _FIRST_HAND.finditer(text)}
    return next(iter(wires)) if len(wires) == 1 else None
