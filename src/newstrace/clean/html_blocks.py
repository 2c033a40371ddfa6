"""Serialise a DOM subtree into text blocks (one per block-level element), with link-text share per block.

Iterative (no recursion), so a page with 10,000 nested ``<div>`` costs a loop, not a stack overflow.

Example:
    >>> from selectolax.lexbor import LexborHTMLParser
    >>> t = LexborHTMLParser("<div><p>One <a href=x>two</a></p><ul><li>three</li></ul></div>")
    >>> [(b.text, b.link_chars, b.tag) for b in blocks(t.css_first("div"))]
    [('One two', 3, 'p'), ('three', 0, 'li')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Block", "blocks", "BLOCK_TAGS", "last_descendant"]

BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "blockquote", "pre", "ul", "ol", "li", "dl", "dt", "dd",
    "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "td", "th", "tbody", "thead", "caption", "figure",
    "figcaption", "header", "footer", "aside", "nav", "address", "hr", "br", "center", "details", "summary",
    "form", "fieldset", "body", "html",
})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_NL = re.compile(r" *\x00[\x00 ]*")
_WS = re.compile(r"[ \t\n\r\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


@dataclass(slots=True)
class Block:
    """Text of one block-level element (inline children merged)."""

    text: str
    link_chars: int
    tag: str
    in_heading: bool = False
    node: object = None  # the block element the text sits in (selectolax node), when asked for
    teaser: bool = False  # set by the extractor: prose right under a linked headline
    starts_with_link: bool = False  # the block's first words are link text

    @property
    def link_density(self) -> float:
        return self.link_chars / max(1, len(self.text))


def last_descendant(node) -> int:  # noqa: ANN001
    """The id of the last node of `node`'s subtree in document order (`node` itself when it has no children)."""
    last = node.last_child
    while last is not None:
        node, last = last, last.last_child
    return node.mem_id


def blocks(root, max_nodes: int = 200_000, with_nodes: bool = False) -> list[Block]:  # noqa: ANN001 - selectolax node
    """Split `root`'s visible text into blocks.

    Args:
        root: a selectolax node.
        max_nodes: stop after this many nodes (a guard against pathological pages).
        with_nodes: also record each block's element in `Block.node`.

    Returns:
        Blocks in document order; empty blocks are dropped.
    """
    out: list[Block] = []
    buf: list[str] = []
    link = 0
    first_link = False
    open_blocks = [root.tag or "div"]
    open_nodes = [root]

    has_text = False  # buf holds more than whitespace (a <br> counts)

    def flush() -> None:
        nonlocal buf, link, first_link, has_text
        # Most flushes hold only the whitespace between tags: str.strip would empty it anyway.
        if has_text:
            text = _WS.sub(" ", "".join(buf))
            if "\x00" in text:
                text = _NL.sub("\n", text)
            if "\u00ad" in text:
                # Soft hyphens are typesetting hints for line breaks, not characters of the words.
                text = text.replace("\u00ad", "")
            text = text.strip()
            if text:
                tag = open_blocks[-1]
                out.append(Block(text, min(link, len(text)), tag, tag in _HEADINGS,
                                 open_nodes[-1] if with_nodes else None, False, first_link))
        buf = []
        link = 0
        first_link = False
        has_text = False

    # One pre-order pass in C (lexbor's traverse) instead of a Python-driven stack walk: each block element
    # and link is closed after its last descendant, whose id is looked up once when the element opens.
    block_ends: list[int] = []  # last-descendant id of each open block element (root excluded)
    link_ends: list[int] = []  # ... of each open <a>
    skip_until = 0  # inside a non-element's subtree (never text): skip to its last descendant
    seen = 0
    root_id = root.mem_id
    for node in root.traverse(include_text=True):
        seen += 1
        if seen > max_nodes:
            break
        key = node.mem_id
        if skip_until:
            if key != skip_until:
                continue
            skip_until = 0
        else:
            tag = node.tag
            if tag == "-text":
                t = node.text_content or ""
                if t:
                    stripped = t.strip()
                    if link_ends and not has_text:
                        first_link = bool(stripped) or first_link
                    buf.append(t)
                    if stripped:
                        has_text = True
                    if link_ends:
                        link += len(stripped)
            elif not tag or tag.startswith("-") or tag.startswith("!"):
                if node.child is not None:
                    skip_until = last_descendant(node)
                    continue
            elif tag == "br":
                # A line break inside a block separates lines (poems, addresses, <br><br> paragraphs) but the
                # block stays one unit for scoring.
                buf.append("\x00")
                has_text = True
            else:
                if tag in BLOCK_TAGS and key != root_id:
                    flush()
                    open_blocks.append(tag)
                    open_nodes.append(node)
                    block_ends.append(last_descendant(node))
                if tag == "a":
                    link_ends.append(last_descendant(node))
        # Close what ends here, innermost first.
        while link_ends and link_ends[-1] == key:
            link_ends.pop()
        while block_ends and block_ends[-1] == key:
            seen += 1
            if seen > max_nodes:
                break
            block_ends.pop()
            flush()
            open_blocks.pop()
            open_nodes.pop()
        if seen > max_nodes:
            break
    flush()
    return out
