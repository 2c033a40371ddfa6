"""html-4's speed work must not change any output: each fast path is checked against the slower form it replaced,
on pages we wrote for the edge cases and on labelled pages from ../shared/data.

(The whole-corpus check, every field of every aeb + sample page equal before and after, was run while building;
speed itself is measured in bench/bench_clean.py, never here.)
"""
from __future__ import annotations

import functools
import re

import pytest
from selectolax.lexbor import LexborHTMLParser

from newstrace.clean import dates as dates_mod
from newstrace.clean import html as H
from newstrace.clean.html_blocks import BLOCK_TAGS, Block, blocks
from tests.conftest import DATA, read_jsonl_gz

AEB = DATA / "aeb" / "aeb.jsonl.gz"
TRAF = DATA / "trafilatura-eval" / "trafilatura_eval_sample.jsonl.gz"
_WS = re.compile(r"[ \t\n\r\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_NL = re.compile(r" *\x00[\x00 ]*")


def _blocks_reference(root, max_nodes: int = 200_000) -> list[tuple]:  # noqa: ANN001
    """The stack walk html_blocks.blocks used before html-4 (Python-driven enter/exit events)."""
    out: list[tuple] = []
    buf: list[str] = []
    state = {"link": 0, "first": False}
    open_blocks = [root.tag or "div"]

    def flush() -> None:
        if buf:
            text = _WS.sub(" ", "".join(buf))
            if "\x00" in text:
                text = _NL.sub("\n", text)
            text = text.replace("\u00ad", "").strip()
            if text:
                out.append((text, min(state["link"], len(text)), open_blocks[-1], state["first"]))
        buf.clear()
        state["link"], state["first"] = 0, False

    stack = [(root, True, False)]
    seen = 0
    while stack:
        node, entering, in_link = stack.pop()
        seen += 1
        if seen > max_nodes:
            break
        tag = node.tag
        if tag == "-text":
            t = node.text_content or ""
            if t:
                if in_link and not any(x.strip() for x in buf):
                    state["first"] = bool(t.strip()) or state["first"]
                buf.append(t)
                if in_link:
                    state["link"] += len(t.strip())
            continue
        if not tag or tag.startswith("-") or tag.startswith("!"):
            continue
        if not entering:
            flush()
            open_blocks.pop()
            continue
        if tag == "br":
            buf.append("\x00")
            continue
        if tag in BLOCK_TAGS and node is not root:
            flush()
            open_blocks.append(tag)
            stack.append((node, False, in_link))
        children = []
        child = node.child
        while child is not None:
            children.append(child)
            child = child.next
        for c in reversed(children):
            stack.append((c, True, in_link or tag == "a"))
    flush()
    return out


def _as_tuples(bs: list[Block]) -> list[tuple]:
    return [(b.text, b.link_chars, b.tag, b.starts_with_link) for b in bs]


EDGE_PAGES = [
    "<div>a<!-- a comment last --></div><p>b</p>",
    "<div><p>one <a href=x>two <b>three</b></a></p><!-- c --></div>after",
    "<p><a href=x>lead link</a> then text</p><p>  <a href=y> </a> spaced <a>link</a></p>",
    "<div><a href=x><div>block inside a link</div>tail in link</a> outside</div>",
    "<ul><li>one<li>two<br>three<br><br>four</ul><p>\u00adsoft\u00adhyphen</p>",
    "<div><p></p><p> </p><br><p>x</p><a href=z></a></div>",
    "<table><tr><td>cell <a href=q>link</a></td><td></td></tr></table>text<div><div><div>deep</div></div></div>",
    "<h2><a href=h>Linked heading</a></h2><p>Summary under it, long enough to be prose for sure.</p>",
]


@pytest.mark.parametrize("html", EDGE_PAGES)
def test_blocks_traverse_equals_stack_walk_on_edge_cases(html: str) -> None:
    body = LexborHTMLParser(f"<html><body>{html}</body></html>").body
    assert _as_tuples(blocks(body)) == _blocks_reference(body)


@functools.cache
def _real_pages() -> tuple[dict, ...]:
    # Every 6th page of each set: ~80 labelled pages of many templates and languages.
    return tuple(read_jsonl_gz(AEB)[::6] + read_jsonl_gz(TRAF)[::6])


def test_blocks_traverse_equals_stack_walk_on_labelled_pages() -> None:
    n = 0
    for rec in _real_pages():
        body = LexborHTMLParser(rec["html"]).body
        if body is None:
            continue
        assert _as_tuples(blocks(body)) == _blocks_reference(body), rec.get("url")
        n += 1
    assert n > 60


def test_blocks_guard_stops_at_max_nodes() -> None:
    body = LexborHTMLParser("<body>" + "<p>x</p>" * 50 + "</body>").body
    assert len(blocks(body, max_nodes=30)) < 50


GUARDS = {
    "follow": (H._FOLLOW_GUARD, [
        "Follow Jane on Twitter for more.", "FOLGEN SIE UNS auf Facebook", "Suivez-nous sur X", "¡Síguenos!",
        "Download the News apps", "Apps for iOS and Android", "Supporting our journalism matters",
        "Unterstützt unser Magazin", "Ihre Unterstützung zählt", "Apóyanos hoy", "Soutenez-nous",
        "If you enjoyed reading this, share it", "If you value our work, donate", "“If you like this article journalism”",
    ]),
    "disclosure": (H._DISCLOSURE_GUARD, [
        "Advertising Disclosure", "We may earn a commission", "We may receive compensation", "“We may earn a small commission”",
        "This site may earn an affiliate commission", "Bei den Verlinkungen handelt es sich um Affiliate-Links",
    ]),
    "credit": (H._CREDIT_GUARD, [
        "(Reporting by Jane Doe; Editing by John Roe)", "Additional reporting by X", "Writing by Y",
        "Z contributed reporting.", "Mit Material von dpa", "Mitarbeit: A. B.", "K contributed to this report",
    ]),
    "meta": (H._META_GUARD, [
        "Posted by: admin", "Published by Staff", "Publicado por X", "Publié par Y", "Veröffentlicht von Z",
        "Pubblicato da W", "Written by Q", "Category: Health", "Categoría: x", "Kategorie: Politik", "Tags: a, b",
        "Schlagwörter: x",
    ]),
}


@pytest.mark.parametrize("name", sorted(GUARDS))
def test_word_guard_passes_every_alternative(name: str) -> None:
    guard, examples = GUARDS[name]
    for text in examples:
        assert guard.rx.search(text), text  # the example exercises the pattern
        assert guard.search(text, H._guard_key(text)), text


def test_guard_key_refuses_texts_with_special_case_folds() -> None:
    # re.I matches 'ſ' to 's' and 'K' (Kelvin) to 'k'; str.lower does not, so such texts skip the guard.
    for text in ("ſupport our work", "Kelvin \u212a", "\u0130stanbul", "\u0131"):
        assert H._guard_key(text) is None
        assert H._guard_key(text.encode("ascii", "ignore").decode()) is not None
    assert H._FOLLOW_GUARD.search("ſupport our work", H._guard_key("ſupport our work"))


def test_guards_agree_with_the_searches_on_labelled_block_texts() -> None:
    texts = [b.text for rec in _real_pages() for b in blocks(LexborHTMLParser(rec["html"]).body or
                                                             LexborHTMLParser("<p></p>").body)]
    assert len(texts) > 2000
    hits = 0
    for text in texts:
        for guard, _ in GUARDS.values():
            expected = guard.rx.search(text) is not None
            hits += expected
            assert guard.search(text, H._guard_key(text)) == expected, text[:80]
    assert hits > 0


@pytest.mark.parametrize("text", [
    "", " ", "End.", "End. ", "End.\n", "End.\u3000", "No end", "No end \u00a0", "Quote”", "Why?", "(aside)",
    "全文。", "x\n.", ". x", "tab.\t\n", "line sep.\u2028", "nbsp.\u00a0\u00a0", "zwsp.\u200b",
])
def test_ends_sentence_equals_the_regex(text: str) -> None:
    assert H._ends_sentence(text) == bool(H._SENTENCE_END.search(text))


@pytest.mark.parametrize("page", [
    "<p>Subscribe to read the full story</p>", "<p>SUBSCRIBE TO CONTINUE</p>", "nothing here",
    '{"isAccessibleForFree": false}', "<p>Plus-Arti\u212ael</p>", "<p>\u0130 plus-artikel</p>", "caf\u00e9 to continue reading",
    "\ud800 broken surrogate, already a subscriber",
])
def test_paywall_bytes_path_equals_lowercase_text(page: str) -> None:
    low = page.lower()
    assert H._paywall(100, page) == any(m in low for m in H._PAYWALL_MARKS)


def test_first_absolute_year_guard_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [b.text for rec in _real_pages()[:40] for b in blocks(LexborHTMLParser(rec["html"]).body or
                                                                  LexborHTMLParser("<p></p>").body)]
    lines += ["May 2, 2019", "2 May 2019", "2019-05-02", "02.05.2019", "5/2/2019", "20190502", "May 2", "no date"]
    fast = [dates_mod._first_absolute(t) for t in lines]
    monkeypatch.setattr(dates_mod, "_YEARISH", re.compile(""))  # matches every text: the unguarded search
    assert [dates_mod._first_absolute(t) for t in lines] == fast
    assert any(fast)


def test_inside_flags_equal_the_per_block_walk() -> None:
    for rec in _real_pages()[:40]:
        tree = LexborHTMLParser(rec["html"])
        if tree.body is None:
            continue
        H._strip_chrome(tree, {})
        container, _, page_blocks, parent = H._choose_container(tree.body)
        if container is None:
            continue
        assert H._inside_flags(page_blocks, container, parent) == [
            H._inside(b.node, container, parent) for b in page_blocks]


def test_redecode_latin1_check() -> None:
    declared = '<meta charset="windows-1250"><p>' + "Łódź".encode("cp1250").decode("latin-1") + "</p>"
    fixed, cs = H._redecode_declared_charset(declared)
    assert cs == "windows-1250" and "Łódź" in fixed
    wide = '<meta charset="windows-1250"><p>already “decoded” Łódź</p>'
    assert H._redecode_declared_charset(wide) == (wide, None)


def test_htmldate_is_never_handed_a_url(monkeypatch: pytest.MonkeyPatch) -> None:
    # htmldate.find_date downloads a str that starts with "http" and has no space; we must not let it.
    import htmldate

    from newstrace.clean.html_dates import htmldate_fast

    calls: list[str] = []
    monkeypatch.setattr(htmldate, "find_date", lambda html, **kw: calls.append(html))
    assert htmldate_fast("https://example.org/2020/01/02/story", None) == (None, "", 0.0)
    ex = H.extract_html("https://example.org/2020/01/02/story\n")
    assert ex.text == "" and ex.notes
    assert calls == []
    htmldate_fast("<html><body><p>a page</p></body></html>", None)
    assert len(calls) == 1  # a page still gets htmldate


def test_drop_tags_equals_strip_tags() -> None:
    for rec in _real_pages()[:40]:
        a, b = LexborHTMLParser(rec["html"]), LexborHTMLParser(rec["html"])
        a.strip_tags(H._DROP_TAGS, recursive=True)
        H._drop_tags(b)
        assert a.html == b.html
