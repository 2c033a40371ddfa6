"""Render HTML into the plain-text-with-chrome shape `clean_lines` reads: visible text, one block a line.

This is how training pages for the line classifier are made from HTML (see ``bench/train_lines.py``): a page's
visible text in document order, one line per block-level element, with ``script``, ``style``, ``noscript``,
``template``, ``svg``, ``iframe`` and ``head`` dropped, which is the shape scraped plain text takes.

Example:
    >>> render_lines("<html><body><nav>Home</nav><p>Hello <b>world</b>.</p></body></html>")
    ['Home', 'Hello world.']
"""
from __future__ import annotations

import re

import lxml.html
from lxml import etree

DROP = {"script", "style", "noscript", "template", "svg", "iframe", "head", "object", "embed", "canvas"}
BLOCK = {
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup",
    "hr", "html", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "ul", "br", "option", "select", "button", "label", "legend",
}
SPACE = re.compile(r"\s+")
_PARSER = lxml.html.HTMLParser(encoding="utf-8")


def render_lines(html: str) -> list[str]:
    """The visible text of `html`, one block-level element a line, empty lines dropped.

    Args:
        html: a page's HTML.

    Returns:
        The lines in document order (whitespace collapsed); ``[]`` when the HTML cannot be parsed.
    """
    try:
        # the bytes are utf-8 whatever the page's own meta charset says (or libxml2's latin-1 default): without
        # an explicit encoding every non-ASCII character came out as mojibake
        root = lxml.html.document_fromstring(html.encode("utf-8", "replace"), parser=_PARSER)
    except (etree.ParserError, ValueError, etree.XMLSyntaxError):
        return []
    lines: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        text = SPACE.sub(" ", "".join(buf)).strip()
        if text:
            lines.append(text)
        buf.clear()

    def walk(el: etree._Element) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        tag = tag.lower().split("}")[-1]
        if not tag or tag in DROP:
            # comments / processing instructions / dropped elements: only their tail is visible
            if el.tail:
                buf.append(el.tail)
            return
        block = tag in BLOCK
        if block:
            flush()
        if el.text:
            buf.append(el.text)
        for child in el:
            walk(child)
        if block:
            flush()
        if el.tail:
            buf.append(el.tail)

    walk(root)
    flush()
    return lines
