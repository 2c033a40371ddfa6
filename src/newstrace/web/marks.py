"""Overlapping character spans rendered as well-nested HTML over one report's text.

A report's annotations overlap freely: an attribution's content holds entity mentions, a claim wording crosses an
attribution's source, a copied passage starts mid-sentence. HTML elements must nest, so the text is cut at every
span boundary and each piece is wrapped in the elements of the spans that cover it, outermost (earliest start,
then longest) first. A span whose element has to be closed before it ends (because a span that started before it
ends first) is re-opened on the next piece; only its first piece carries its ``id``, so a fragment link
(``#c120-188``) lands on where it starts. Every piece of text is escaped; tags come only from `Mark`.

Only a mark with ``href`` becomes an ``<a>``, and an ``<a>`` is never opened inside another (HTML forbids nested
links): a link mark covered by an open link is rendered as a ``<span>`` with the same classes.

Example:
    >>> print(render_marked("Ann said no.", [Mark(0, 3, "ment", href="/e/1"), Mark(0, 8, "attr", id="c0-8")]))
    <span class="attr" id="c0-8"><a class="ment" href="/e/1">Ann</a> said</span> no.
"""
from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["Mark", "render_marked"]


@dataclass(slots=True, frozen=True)
class Mark:
    """One span to show: ``[start, end)`` into the text, CSS classes, and optional id, link and tooltip."""

    start: int
    end: int
    cls: str
    id: str | None = None
    href: str | None = None
    title: str | None = None
    after: str | None = None  # trusted HTML put right after the mark's last piece (a small "→ c3" link)


def _e(s: str) -> str:
    return html.escape(s, quote=True)


def _open(m: Mark, first: bool, in_link: bool) -> str:
    tag = "a" if m.href and not in_link else "span"
    attrs = [f'class="{_e(m.cls)}"']
    if first and m.id:
        attrs.append(f'id="{_e(m.id)}"')
    if tag == "a":
        attrs.append(f'href="{_e(m.href or "")}"')
    if m.title:
        attrs.append(f'title="{_e(m.title)}"')
    return f"<{tag} {' '.join(attrs)}>"


def render_marked(text: str, marks: Iterable[Mark]) -> str:
    """`text` escaped, with every mark wrapped around its span (see the module docstring).

    Args:
        text: the report text the offsets index.
        marks: spans; those outside the text or empty are dropped.

    Returns:
        An HTML fragment (no surrounding element).
    """
    n = len(text)
    ms = sorted({m for m in marks if 0 <= m.start < m.end <= n}, key=lambda m: (m.start, -m.end, m.cls))
    cuts = sorted({0, n, *(m.start for m in ms), *(m.end for m in ms)})
    out: list[str] = []
    stack: list[tuple[Mark, str]] = []  # open marks and the tag each was opened with
    opened: set[Mark] = set()
    j = 0  # marks before j have started
    active: list[Mark] = []
    for a, b in zip(cuts, cuts[1:]):
        while j < len(ms) and ms[j].start <= a:
            active.append(ms[j])
            j += 1
        active = [m for m in active if m.end > a]
        want = sorted(active, key=lambda m: (m.start, -m.end, m.cls))
        keep = 0
        while keep < len(stack) and keep < len(want) and stack[keep][0] is want[keep]:
            keep += 1
        while len(stack) > keep:
            m, tag = stack.pop()
            out.append(f"</{tag}>")
            if m.end <= a and m.after:
                out.append(m.after)
        for m in want[keep:]:
            in_link = any(t == "a" for _, t in stack)
            first = m not in opened
            opened.add(m)
            piece = _open(m, first, in_link)
            stack.append((m, piece[1:piece.index(" ")]))
            out.append(piece)
        out.append(_e(text[a:b]))
    while stack:
        m, tag = stack.pop()
        out.append(f"</{tag}>")
        if m.after:
            out.append(m.after)
    return "".join(out)
