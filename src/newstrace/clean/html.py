"""HTML page → article text + metadata (extractor ``html.v1``).

Algorithm (one fast DOM pass with lexbor via selectolax, and a careful fallback):

1. Repair the decode (a page read as Latin-1 but declaring cp1250/cp1256/UTF-8 is re-decoded), refuse
   pathological input with a coded note (too large, nested too deeply), parse.
2. Drop non-content elements (scripts, styles, form controls, hidden nodes, nav/aside/footer/figure/form)
   and elements whose class/id/role says chrome (navigation, comments, share bars, related links, ads) unless
   they hold a large share of the page's paragraph text.
3. Score containers readability-style from the page's text blocks: every prose block gives points (length,
   commas) to its container and, less, to the next two levels; link-heavy containers lose points. The best
   container is widened to the ancestor where adding text stops adding more prose than chrome; teasers
   (summaries under linked headlines) do not count as prose.
4. Keep the container's blocks that are not chrome by their own signals (link density, boilerplate phrases,
   credit/date/byline lines, label rows, <br> widgets, headline = title, orphan headings, short tail lines;
   a lead-in sentence ending in ":" and a heading longer than a dek are text). A lead paragraph that the
   template sets between the headline and the container is prepended (a one-line dek is not); an author box
   (last lines opening with the byline author's full name) is dropped. Output text is NFC.
5. Honest empties: a list/index page (headline+teaser pairs), a video page, a page without prose give empty
   text and an ``NT201`` note; a paywall stub gives the visible part and a note.
6. When the fast pass is unsure (thin text, or the container holds < 60% of the page's prose), fall back to
   trafilatura and keep its text if longer (bench/bench_clean.py reports how often: ~1-4% of pages).

Example:
    >>> page = ("<html><body><nav><a href=/>Home</a></nav><article>"
    ...         "<p>The ministry denied on Tuesday a report that grain exports had been halted, saying ships "
    ...         "continued to leave the port.</p><p>Officials said talks with buyers were continuing, and that "
    ...         "contracts signed last year would be honoured.</p></article><footer>© 2025</footer></body></html>")
    >>> ex = extract_html(page, "https://example.org/2025/03/03/grain")
    >>> ex.text.splitlines()[0][:40]
    'The ministry denied on Tuesday a report '
    >>> ex.published, ex.published_evidence
    ('2025-03-03', 'url')
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from ..model import Removed
from ..registry import extractors
from .base import Extracted
from .dates import CONF_BYLINE, CONF_TEXT, find_date_in_text
from .html_dates import htmldate_fast
from .html_blocks import Block, last_descendant, blocks
from .language import detect_language
from .metadata import PageMeta, extract_metadata, parse_byline

__all__ = ["extract_html", "warm_up", "MAX_HTML_CHARS"]

# Beyond this a "page" is a dump, not an article; lexbor would parse it, but nothing downstream wants it.
MAX_HTML_CHARS = 8_000_000
# Elements that never hold article text.
_DROP_TAGS = [
    "script", "style", "noscript", "svg", "iframe", "template", "button", "select", "input", "textarea",
    "object", "embed", "canvas", "map", "head", "video", "audio", "picture", "source", "dialog", "math",
]
# Structural chrome.
_CHROME_TAGS = ["nav", "aside", "footer", "figure", "figcaption", "form"]
# Class/id words that mark chrome (matched as whole words of the class/id, split on - _ and camelCase).
_CHROME_WORDS = frozenset({
    "nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "sidebar", "footer", "comment",
    "comments", "share", "sharing", "social", "related", "recommended", "recommendations", "newsletter",
    "subscribe", "subscription", "promo", "advert", "advertisement", "ad", "ads", "sponsored", "cookie",
    "cookies", "consent", "popup", "modal", "banner", "tags", "tag", "tagcloud", "widget", "outbrain",
    "taboola", "disqus", "byline", "dateline", "author", "bio", "caption", "credit", "credits", "toolbar",
    "pagination", "pager", "signup", "login", "masthead", "hidden", "sronly", "offscreen", "print", "jump",
    "trending", "popular", "most", "teaser", "more", "readmore", "also", "topics", "keywords", "meta",
    "rating", "reactions", "feedback", "disclaimer", "copyright", "gallery", "slideshow", "video",
    "player", "timestamp", "published", "updated", "crumbs", "headline",
})
# A compound class counts as chrome when its words include one of these and no content word.
_CONTENT_WORDS = frozenset({
    "article", "content", "body", "story", "post", "entry", "text", "main", "prose", "richtext", "rte",
    "paragraph", "articlebody", "storybody", "blog", "column", "page", "wrapper", "container", "layout",
    "tweet",  # "twitter-tweet": an embedded post the article quotes
})
_SPLIT_LOWER = re.compile(r"[^a-z0-9]+")
_SPLIT_CLASS = re.compile(r"[\s_\-:.]+|(?<=[a-z])(?=[A-Z])")
_CHROME_PHRASE = re.compile(
    r"^(?:advertisement|anzeige|werbung|publicité|sponsored|read more|read next|more:|related:|see also|also read|"
    r"share (?:this|on)|follow us|sign up|subscribe|click here|image:|photo:|foto:|bild:|copyright|©|all rights reserved|"
    r"loading|skip to|cookie|we use cookies|this site uses cookies|leave a (?:reply|comment)|comments?\b|"
    r"posted in|filed under|tags?:|topics:|weiterlesen|mehr zum thema|zum thema|lesen sie auch|auch interessant|"
    r"teilen|drucken|print|email|e-mail|back to top|nach oben|next article|previous article|you may also like|"
    r"recommended|most (?:read|popular)|trending|newsletter|getty images|reuters/|ap photo|afp|"
    # Widgets that WordPress and share plugins print under posts, in the languages of the labelled data.
    r"like this[:!?]|like loading|sharing is caring|\d*\s*shares?$|advert$|continue reading below|"
    r"this slideshow requires|follow (?:\w+ )?on\b|get the latest|related (?:news|articles|stories)|don'?t miss|"
    r"gefällt mir|wird geladen|teilen mit|sukai ini|suka memuat|j'aime|me gusta|cargando)",
    re.I,
)
_PUBLISHED_LINE = re.compile(
    r"^(?:published|posted|updated|last updated|first published|veröffentlicht|aktualisiert|stand|publié|mis à jour|"
    r"publicado|actualizado|pubblicato|aggiornato|opublikowano)\b.{0,40}(?:\d{4}|\d{1,2}:\d\d|ago|\bam\b|\bpm\b)",
    re.I,
)
# Wire-style credit lines that close news stories ("(Reporting by ...; Editing by ...)").
_CREDIT_LINE = re.compile(
    r"^\(?(?:additional )?(?:reporting|writing|editing) by\b|\bcontributed (?:reporting|to this report)\b|"
    r"^\(?(?:mit material von|mitarbeit:)",
    re.I,
)
# The site asking to be followed, installed or supported ("Follow X on Twitter ...", "download the X apps for
# iOS", "If you enjoyed this article ... support our work").
_FOLLOW_PROMPT = re.compile(
    r"\bfollow\b.{0,60}\bon (?:twitter|facebook|instagram|linkedin)|\bfolg(?:en sie|t) uns\b|\bsuivez[- ]nous\b|"
    r"\bsíguenos\b|\bdownload\b.{0,60}\bapps?\b|\bapps? (?:for|für) (?:ios|android)|"
    r"\bsupport(?:ing)? our (?:work|journalism|reporting)\b|\bunterstütz\w* (?:uns|unser\w*) (?:magazin|arbeit|journalismus)|"
    r"\b(?:deine|ihre) unterstützung\b|\bapóyanos\b|\bsoutenez-nous\b|\bif you enjoyed (?:reading )?this\b|"
    r"\bif you (?:value|like) (?:our|this) (?:work|article|journalism)\b",
    re.I,
)
# The site's advertising/affiliate disclosure ("We may receive compensation for some of the links ...").
_DISCLOSURE = re.compile(
    r"advertising disclosure|\bwe may (?:receive|earn) (?:a |an )?(?:small )?(?:compensation|commission)|"
    r"\bmay earn an affiliate commission|bei den verlinkungen handelt es sich um affiliate",
    re.I,
)
_NOT_ALNUM = re.compile(r"[\W_]+")  # removing these leaves the letters and digits, counted in C
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# Blocks above and into the article searched for a dateline/byline date.
_DATE_LOOKBACK = 15
# Wire photo captions: "In this Dec. 12, 2006, file photo, ...". (A closing credit such as "(Foto: X)" is not
# enough: the trafilatura-eval annotations count some credited captions as article text.)
_PHOTO_LEAD = re.compile(r"^(?:in this|this) (?:[\w.]+ ){0,3}(?:\d{1,2}, \d{4},? )?(?:file )?(?:photo|image|picture)\b", re.I)
# CMS shortcodes printed as text ("[button link=...]Send us your review[/button]").
_SHORTCODE = re.compile(r"\[(\w+)\b[^\]]{0,300}\].{0,300}\[/\1\]", re.S)
# Post metadata strung on one line ("05/10/2018 - Posted by: Name - Category: Health - Tags: ...").
_META_LINE = re.compile(
    r"\b(?:posted|published|publicado|publié|veröffentlicht|pubblicato|written)\s+(?:by|por|par|von|da)\b|"
    r"\b(?:categor(?:y|ies|ia|ía|ie)|kategorie|tags?|schlagwörter)\s*:",
    re.I,
)
_DATE_STAMP = re.compile(r"\d{4}|\d{1,2}:\d\d")
# A year (a standalone 1600-2099) or a clock time: what makes a short line a date line. Other four-digit
# numbers are quantities and model names ("1200 g", "XUM1541"), common in list items and headings.
_YEAR_OR_TIME = re.compile(r"(?<![\w,])(?:1[6-9]|20)\d\d(?![\w,]|\.\d)|\d{1,2}:\d\d(?!\d)")
_SENTENCE_END = re.compile(r"[.!?…»\"”’)。！？」』]\s*$")  # CJK full stops too
_SENTENCE_CHARS = frozenset(".!?…»\"”’)。！？」』")


def _ends_sentence(text: str) -> bool:
    """``_SENTENCE_END.search(text)`` without a regex scan (``\\s`` and ``str.rstrip`` strip the same characters)."""
    end = text.rstrip()
    return bool(end) and end[-1] in _SENTENCE_CHARS


class _Guarded:
    """A case-insensitive pattern and lower-case ASCII words, one of which is in every text it matches.

    Under ``re.I`` an ASCII letter matches only its two cases and four other characters (``İ ı ſ K``), so
    in a text without those four, a match's ASCII words are in ``text.lower()``: a text holding none of the
    guard words cannot match, and a few ``in`` tests cost a tenth of the unanchored search. Every alternative
    of the pattern has an ASCII word in the guard (``guenos`` for ``síguenos``).
    """

    __slots__ = ("rx", "words")

    def __init__(self, rx: re.Pattern[str], words: tuple[str, ...]) -> None:
        self.rx, self.words = rx, words

    def search(self, text: str, low: str | None) -> bool:
        """Whether `rx` matches `text`; `low` is `_guard_key(text)`."""
        if low is not None and not any(map(low.__contains__, self.words)):
            return False
        return self.rx.search(text) is not None


_FOLD_TO_ASCII = ("\u0130", "\u0131", "\u017f", "\u212a")  # the characters re.I matches to ASCII letters


def _guard_key(text: str) -> str | None:
    """``text.lower()``, or None when the text holds a character that ``re.I`` folds to an ASCII letter."""
    if not text.isascii() and any(c in text for c in _FOLD_TO_ASCII):
        return None
    return text.lower()


_FOLLOW_GUARD = _Guarded(_FOLLOW_PROMPT, ("follow", "folg", "suivez", "guenos", "download", "app", "support",
                                          "unterst", "yanos", "soutenez", "if you"))
_DISCLOSURE_GUARD = _Guarded(_DISCLOSURE, ("disclosure", "we may", "may earn", "verlinkungen"))
_CREDIT_GUARD = _Guarded(_CREDIT_LINE, ("reporting", "writing", "editing", "contributed", "mit material", "mitarbeit"))
_META_GUARD = _Guarded(_META_LINE, ("posted", "publi", "ffentlicht", "pubblicato", "written", "categor", "kategorie",
                                    "tag", "schlagw"))


def _raw_class(node) -> str:  # noqa: ANN001
    attrs = node.attributes
    return " ".join(v for v in (attrs.get("class"), attrs.get("id"), attrs.get("role")) if v)


def _words(raw: str) -> set[str]:
    if not raw:
        return set()
    low = raw.lower()
    # camelCase ("relatedPosts") needs the slower split; most class names are lower-case already.
    parts = _SPLIT_CLASS.split(raw) if low != raw else _SPLIT_LOWER.split(low)
    return {w.lower() for w in parts if w}


def _class_words(node) -> set[str]:  # noqa: ANN001
    return _words(_raw_class(node))


def _chrome_words(raw: str) -> bool:
    words = _words(raw)
    if not words:
        return False
    return not words.isdisjoint(_CHROME_WORDS) and words.isdisjoint(_CONTENT_WORDS)


def _is_chrome(node) -> bool:  # noqa: ANN001
    return _chrome_words(_raw_class(node))


def _embedded_post(node) -> bool:  # noqa: ANN001
    """An embed box ("social-media-embed") holding a quoted post: the article quotes it, so it is text."""
    return node.tag == "blockquote" or (
        bool({"embed", "embedded"} & _class_words(node)) and node.css_first("blockquote") is not None
    )


def _text_len(node) -> int:  # noqa: ANN001
    return len((node.text(deep=True) or "").strip())


def _prose_len(node) -> int:  # noqa: ANN001
    """Characters of paragraph text (``<p>`` with a sentence) below `node`."""
    total = 0
    for p in node.css("p"):
        t = p.text(deep=True) or ""
        if len(t) > 60:
            total += len(t)
    return total


_DROP_SET = frozenset(_DROP_TAGS)


def _drop_tags(tree) -> None:  # noqa: ANN001
    """Remove every `_DROP_TAGS` element with its subtree (what ``tree.strip_tags(_DROP_TAGS, recursive=True)``
    does, in one pre-order pass instead of one selector query per tag)."""
    root = tree.root
    if root is None:
        return
    doomed = []
    skip = 0  # last node of the subtree of the element last doomed: nothing inside it needs a look
    for node in root.traverse(include_text=True):
        if skip:
            if node.mem_id == skip:
                skip = 0
            continue
        if node.tag in _DROP_SET:
            doomed.append(node)
            last = last_descendant(node)
            skip = last if last != node.mem_id else 0
    for node in doomed:
        node.decompose()


def _strip_chrome(tree, removed: dict[str, int]) -> None:  # noqa: ANN001
    body = tree.body or tree.root
    if body is None:
        return
    _drop_tags(tree)
    for node in body.css('[hidden], [aria-hidden="true"], [style*="display:none"], [style*="display: none"]'):
        removed["hidden"] = removed.get("hidden", 0) + 1
        node.decompose()
    page_prose = _prose_len(body) or 1
    for tag in _CHROME_TAGS:
        for node in body.css(tag):
            # Some CMSs wrap the whole page in <aside> or <footer>; keep it if it holds most of the prose.
            if _prose_len(node) > 0.5 * page_prose:
                continue
            removed[tag] = removed.get(tag, 0) + 1
            node.decompose()
    for node in body.css("p span img"):
        # A hover card inside a sentence (a picture and a list of links under a linked name): the name
        # stays, the card goes. The card is the innermost inline element holding the picture and links.
        card = node.parent
        while card is not None and card.tag != "p" and len(card.css("a")) < 2:
            card = card.parent
        if card is not None and card.tag == "span":
            removed["hover card"] = removed.get("hover card", 0) + 1
            card.decompose()
    # A page repeats a few dozen class names over hundreds of elements: judge each name once per page.
    verdicts: dict[str, bool] = {}
    for node in body.css("[class], [id], [role]"):
        if node.tag in ("html", "body", "article", "main", "p"):
            continue
        try:
            if node.parent is None:
                continue
        except Exception:  # noqa: BLE001 - node freed with an ancestor
            continue
        raw = _raw_class(node)
        chrome = verdicts.get(raw)
        if chrome is None:
            chrome = verdicts[raw] = _chrome_words(raw)
        if chrome and _prose_len(node) < 0.3 * page_prose and not _embedded_post(node):
            removed["class/id chrome"] = removed.get("class/id chrome", 0) + 1
            node.decompose()


_PARA_TAGS = frozenset({"p", "li", "td", "th", "blockquote", "pre", "dd", "h1", "h2", "h3", "h4", "h5", "h6"})
# A block is prose when it is long enough to be a sentence or two and mostly not link text.
_MIN_PROSE = 25
_MAX_PROSE_LINKS = 0.5
_STRONG_PROSE = 80


def _is_prose(b: Block) -> bool:
    return len(b.text) >= _MIN_PROSE and b.link_density <= _MAX_PROSE_LINKS


class _Stats:
    """Per-element totals over the blocks below it (keyed by lexbor's node id), and the parent map."""

    __slots__ = ("total", "links", "prose", "score", "parent")

    def __init__(self) -> None:
        self.total: dict[int, int] = {}
        self.links: dict[int, int] = {}
        self.prose: dict[int, int] = {}
        self.score: dict[int, float] = {}
        self.parent: dict[int, int | None] = {}


# Lines shorter than this without a sentence end read as headings or labels.
_HEADING_CHARS = 60
# Short lines allowed between a linked headline and its summary.
_TEASER_GAP = 1
# Absurd nesting: elements deeper than this below <body> are attached to the body directly.
_MAX_WALK = 400


def _register(node, body_id: int, parent: dict[int, int | None]) -> int:  # noqa: ANN001
    """Record `node`'s ancestry in `parent` (memoised: each element is visited once per page)."""
    key = node.mem_id
    k, steps = key, 0
    while k not in parent:
        if k == body_id:
            parent[k] = None
            break
        up = node.parent
        steps += 1
        if up is None or steps > _MAX_WALK:
            parent[k] = body_id
            break
        parent[k] = up.mem_id
        node, k = up, up.mem_id
    return key


def _inside_flags(page_blocks: list[Block], container: int, parent: dict[int, int | None]) -> list[bool]:
    """For each block, whether its element lies under `container` (each ancestor chain walked once)."""
    memo: dict[int | None, bool] = {container: True, None: False}
    flags = []
    for b in page_blocks:
        key = b.node
        path = []
        steps = 0
        while key not in memo and steps <= _MAX_WALK + 1:
            path.append(key)
            key = parent.get(key)
            steps += 1
        inside = memo.get(key, False)
        for k in path:
            memo[k] = inside
        flags.append(inside)
    return flags


def _inside(key: int | None, container: int, parent: dict[int, int | None]) -> bool:
    steps = 0
    while key is not None and steps <= _MAX_WALK + 1:
        if key == container:
            return True
        key = parent.get(key)
        steps += 1
    return False


def _page_stats(body) -> tuple[_Stats, list[Block]]:  # noqa: ANN001
    st = _Stats()
    bs = blocks(body, with_nodes=True)
    body_id = body.mem_id
    parent = st.parent
    own_total: dict[int, int] = {}
    own_links: dict[int, int] = {}
    own_prose: dict[int, int] = {}
    since_linky = 99  # blocks since the last linked headline
    headline_card = False  # the current link chain started at a linked heading (a teaser card)
    for b in bs:
        node = b.node
        n = len(b.text)
        ld = b.link_chars / max(1, n)  # b.link_density, read four times below
        is_prose = n >= _MIN_PROSE and ld <= _MAX_PROSE_LINKS  # _is_prose(b)
        # A summary under a linked headline, a summary that starts with its own headline link, or one cut
        # off with "...": a teaser for another page.
        teaser = is_prose and (
            since_linky <= _TEASER_GAP
            or (b.starts_with_link and ld >= 0.1)
            or (n < 400 and b.text.endswith(("...", "…", "[…]", "[...]")))
        )
        b.teaser = teaser
        if ld > 0.6 and n < 200:
            # A linked heading starts a teaser card; a linked author name inside the card continues it.
            headline_card = b.in_heading or (headline_card and since_linky == 1)
            since_linky = 1
        elif headline_card and since_linky == 1 and n < _HEADING_CHARS and not b.in_heading \
                and _DATE_STAMP.search(b.text) and not _ends_sentence(b.text):
            pass  # the card's date stamp sits between its headline and summary without widening the gap
        elif n < 60 and since_linky < 99:
            since_linky += 1
        else:
            since_linky = 99
            headline_card = False
        if node is None:
            b.node = None
            continue
        # Text directly in a div makes that div a container; a paragraph credits its parent.
        if b.tag in _PARA_TAGS and node.mem_id != body_id:
            up = node.parent
            node = up if up is not None else node
        key = _register(node, body_id, parent)
        b.node = key
        # "Strong" prose (a real paragraph) decides how far the container widens.
        strong = n >= _STRONG_PROSE and ld <= 0.2 and not teaser
        own_total[key] = own_total.get(key, 0) + n
        own_links[key] = own_links.get(key, 0) + b.link_chars
        if strong:
            own_prose[key] = own_prose.get(key, 0) + n
        if is_prose:
            # Readability-style points: the container fully, the next two levels less.
            pts = 1 + b.text.count(",") + min(n // 100, 3)
            k: int | None = key
            for level in range(3):
                if k is None:
                    break
                st.score[k] = st.score.get(k, 0.0) + pts / (1 + level)
                k = parent.get(k)
    # Totals over subtrees: push each element's sums to its parent, deepest first.
    depth: dict[int, int] = {}

    def depth_of(k: int) -> int:
        path = []
        while k not in depth:
            p = parent.get(k)
            if p is None:
                depth[k] = 0
                break
            path.append(k)
            k = p
        d = depth[k]
        for x in reversed(path):
            d += 1
            depth[x] = d
        return depth[path[0]] if path else depth[k]

    for k in parent:
        depth_of(k)
    st.total, st.links, st.prose = own_total, own_links, own_prose
    for k in sorted(parent, key=depth.__getitem__, reverse=True):
        p = parent[k]
        if p is None:
            continue
        if k in own_total:
            own_total[p] = own_total.get(p, 0) + own_total[k]
            own_links[p] = own_links.get(p, 0) + own_links[k]
        if k in own_prose:
            own_prose[p] = own_prose.get(p, 0) + own_prose[k]
    return st, bs


def _choose_container(body):  # noqa: ANN001, ANN202
    """The article's container: (node id, share of the page's prose in it, page blocks, parent map)."""
    st, bs = _page_stats(body)
    body_id = body.mem_id
    body_prose = st.prose.get(body_id, 0)
    if not st.score:
        return None, 0.0, bs, st.parent
    best_key, best = None, -1.0
    for key, score in st.score.items():
        ld = st.links.get(key, 0) / max(1, st.total.get(key, 1))
        adjusted = score * (1.0 - ld)
        if adjusted > best:
            best_key, best = key, adjusted
    # Widen to the ancestor where adding text stops paying: each step up must add more prose than chrome.
    top_key = best_key
    best_gain = st.prose.get(top_key, 0) - (st.total.get(top_key, 0) - st.prose.get(top_key, 0))
    k = st.parent.get(best_key)
    steps = 0
    while k is not None and steps < 50:
        gain = st.prose.get(k, 0) - (st.total.get(k, 0) - st.prose.get(k, 0))
        if gain > best_gain:
            best_gain, top_key = gain, k
        k = st.parent.get(k)
        steps += 1
    return top_key, st.prose.get(top_key, 0) / max(1, body_prose), bs, st.parent


def _keep_block(b: Block, is_tail: bool) -> tuple[bool, str]:
    text = b.text
    n = len(text)
    # A paragraph-length sentence whose names and phrases are linked (news sites link people, places, earlier
    # stories) is still prose while a fifth of it is the author's own words; a link list is all links.
    if b.link_density > 0.5 and n < 400 and not (
            b.tag == "p" and n >= _STRONG_PROSE and b.link_density < 0.8 and _ends_sentence(text)):
        return False, "link-dense"
    if n < 120 and _CHROME_PHRASE.match(text):
        return False, "boilerplate phrase"
    if (text.startswith("<") and re.match(r"<[a-zA-Z!/]", text)) or (text.startswith("[") and _SHORTCODE.match(text)):
        return False, "markup as text"
    low = _guard_key(text) if n < 400 else None
    if n < 200 and _META_GUARD.search(text, low) and _DATE_STAMP.search(text):
        return False, "post metadata"
    if n < 200 and text.count(" | ") >= 2 and not text.startswith("|") and not _ends_sentence(text):
        # "Impressum | Datenschutz | Kontakt", "Headline | Section | Site | date": labels strung on a line.
        return False, "label row"
    if n < 400 and _FOLLOW_GUARD.search(text, low):
        return False, "follow/app prompt"
    if n < 400 and _DISCLOSURE_GUARD.search(text, low):
        return False, "advertising disclosure"
    if n < 300 and _CREDIT_GUARD.search(text, low):
        return False, "credit line"
    if b.tag in ("figcaption", "caption") or (n < 600 and _PHOTO_LEAD.match(text)):
        return False, "caption"
    if n < 80 and parse_byline(text):
        return False, "byline"
    if n < _HEADING_CHARS and _YEAR_OR_TIME.search(text) and not _ends_sentence(text) \
            and "(@" not in text:  # "— Name (@handle) May 2, 2019" closes an embedded post the article quotes
        return False, "date/time line"
    if n < 120 and _PUBLISHED_LINE.match(text):
        return False, "date/time line"
    # Short lines after the story are labels and link lists; a list item of a few words without a single
    # link is the article's own list ("England (Group A): 10th appearance"), a one- or two-word item a
    # toolbar label ("Print", "Permalink https://...").
    if is_tail and n < _HEADING_CHARS and (not _ends_sentence(text) or text.endswith(("?", ":"))) \
            and not b.in_heading and not _plain_list_item(b) and "(@" not in text \
            and not _lead_in(b):  # "(@": an embedded post's attribution
        return False, "short tail line"
    return True, ""


_NON_WORD = re.compile(r"\W+")


def _norm(text: str) -> str:
    return _NON_WORD.sub(" ", text).strip().lower()


def _plain_list_item(b: Block) -> bool:
    """A list item of three or more words without a link: an item of the article's own list."""
    return b.tag == "li" and b.link_chars == 0 and b.text.count(" ") >= 2


def _lead_in(b: Block) -> bool:
    """A paragraph sentence of five or more words that introduces what follows ("The paper is here:").

    A label ("Tags:", "Quellenangaben:", "Share this:") is a word or two; a lead-in is a sentence the
    author wrote, and the list or link it introduces is judged on its own.
    """
    return b.tag == "p" and b.text.endswith(":") and b.link_chars == 0 and b.text.count(" ") >= 4


def _heading_like(b: Block) -> bool:
    """A short line that introduces what follows (a heading, "Related:", "Was this useful?")."""
    t = b.text
    if _plain_list_item(b) or "(@" in t or _lead_in(b):  # the article's list item; an embedded post's attribution
        return False
    # A "heading" longer than a dek is a lead paragraph set in heading type, not a line that introduces.
    return (b.in_heading and len(t) <= _DEK_MAX_CHARS) or (
        len(t) < _HEADING_CHARS and (not _ends_sentence(t) or t.endswith(("?", ":"))))


# Line-level reasons that hold for one line of a <br>-separated block as much as for a whole block.
# Any line with a year is too broad here (list items, schedules, prices): only "Published ..." lines count.
_LINE_REASONS = frozenset({"boilerplate phrase", "credit line", "caption", "byline", "post metadata"})


def _filter_lines(b: Block, drop) -> Block:  # noqa: ANN001 - drop(block, reason)
    """Drop the chrome lines of a ``<br>``-separated block ("Agency<br>Published May 2, 2019<br>...")."""
    kept = []
    reasons = []
    for line in b.text.split("\n"):
        lb = Block(line, 0, b.tag, b.in_heading)
        ok, reason = _keep_block(lb, False)
        if not ok and reason == "date/time line" and len(line) < 120 and _PUBLISHED_LINE.match(line):
            reason = "published line"
        elif not ok and reason not in _LINE_REASONS:
            ok = True
        if ok:
            kept.append(line)
        else:
            reasons.append(reason)
            drop(lb, reason)
    if len(kept) == b.text.count("\n") + 1:
        return b
    if any(r == "boilerplate phrase" for r in reasons) and all(len(x) < _HEADING_CHARS for x in kept):
        # A widget ("Was this useful? | (95 votes: 4.7 of 5) | Loading..."): its other lines are its labels.
        for line in kept:
            drop(Block(line, 0, b.tag, b.in_heading), "widget lines")
        kept = []
    text = "\n".join(kept)
    return Block(text, min(b.link_chars, len(text)), b.tag, b.in_heading, b.node, b.teaser, b.starts_with_link)


# Teasers in a row (short link lines between them do not break a run) that make a list of other pages.
_TEASER_RUN = 3


def _teaser_runs(bs: list[Block]) -> list[bool]:
    """For each block, whether it is a linked-summary teaser in a run of at least `_TEASER_RUN` of them.

    Only summaries that open with their headline link count ("Headline CITY: summary ..."): prose under a
    linked sub-heading is how many articles with product or section links are written. And a run is only
    chrome beside an article: when the container holds no other real paragraph, the list is the article.
    """
    flags = [False] * len(bs)
    run: list[int] = []

    def close() -> None:
        if len(run) >= _TEASER_RUN:
            for j in run:
                flags[j] = True
        run.clear()

    for i, b in enumerate(bs):
        if b.teaser and b.starts_with_link:
            run.append(i)
        elif not _is_prose(b):
            continue  # headline links, dates, authors between the summaries
        else:
            close()
    close()
    if any(flags) and not any(
        not f and len(b.text) >= _STRONG_PROSE and b.link_density <= 0.2 and not b.teaser for b, f in zip(bs, flags)
    ):
        return [False] * len(bs)
    return flags


def _select_blocks(
    bs: list[Block], removed: dict[str, int], samples: list[Removed], title: str | None = None
) -> list[str]:
    title_key = _norm(title) if title else None
    # The "tail" is everything after the last substantial paragraph: lists of links, credits, tags live there.
    last_para = max((i for i, b in enumerate(bs) if len(b.text) >= 100 and b.link_density < 0.3), default=-1)
    chosen: list[Block] = []

    def drop(b: Block, reason: str) -> None:
        removed[reason] = removed.get(reason, 0) + 1
        if len(samples) < 8:
            samples.append(Removed(b.text[:120], f"chrome: {reason}"))

    # Runs of teasers (a ticker, a "more stories" list of linked headline+summary items) beside the article
    # are other pages' summaries; a lone paragraph that opens with a link is not.
    in_run = _teaser_runs(bs)
    for i, b in enumerate(bs):
        if in_run[i]:
            ok, reason = False, "teaser list"
        elif b.tag == "h1" or (title_key and len(b.text) < 300 and _norm(b.text) == title_key):
            # The headline is metadata (Extracted.title), not body text.
            ok, reason = False, "title"
        else:
            ok, reason = _keep_block(b, i > last_para)
        if ok and "\n" in b.text:
            b = _filter_lines(b, drop)
            ok = bool(b.text)
        if ok:
            chosen.append(b)
        elif reason:
            drop(b, reason)
    # A heading introduces content: one followed by another heading, or by nothing, headed something we
    # dropped (a share box, a "related" list, a comment form).
    kept: list[str] = []
    for i, b in enumerate(chosen):
        if _heading_like(b):
            nxt = chosen[i + 1] if i + 1 < len(chosen) else None
            prev = chosen[i - 1] if i else None
            # A short paragraph right under a kept heading is that heading's content (a one-line section).
            under_heading = b.tag == "p" and prev is not None and prev.in_heading and nxt is not None
            if nxt is None or (nxt.in_heading and not b.tag == "li" and not under_heading):
                drop(b, "orphan heading")
                continue
        kept.append(b.text)
    return kept


# Blocks between the headline and the article's container searched for a standfirst (the headline's own
# kicker, date, author and share lines sit there too).
_STANDFIRST_WINDOW = 5
# A dek (the one-sentence summary under a headline) is headline matter; news style keeps it to a line or two
# (aeb's ground truth, which leaves deks out, has none longer than 160 characters). A longer block in the
# same place is the article's lead paragraph, set apart by the template.
_DEK_MAX_CHARS = 200


def _standfirst(page_blocks: list[Block], container: int, parent: dict[int, int | None], title: str | None) -> list[str]:
    """The lead paragraph(s) between the headline and the container, which many templates keep apart.

    Only prose directly under the headline counts: walking up from the container's first block, short and
    link-dense lines are skipped, real paragraphs collected, and the walk must reach the headline (``<h1>``
    or the page title) within `_STANDFIRST_WINDOW` blocks, or nothing is taken.
    """
    first = next((i for i, b in enumerate(page_blocks) if _inside(b.node, container, parent)), None)
    if not first:
        return []
    title_key = _norm(title) if title else None
    lead: list[str] = []
    for b in reversed(page_blocks[max(0, first - _STANDFIRST_WINDOW):first]):
        if b.tag == "h1" or (title_key and len(b.text) < 300 and _norm(b.text) == title_key):
            return lead[::-1]
        if len(b.text) > _DEK_MAX_CHARS and b.link_density <= 0.2 and not b.in_heading:
            if not _keep_block(b, False)[0]:
                return []
            lead.append(b.text)
        elif len(b.text) >= _STRONG_PROSE and b.link_density <= 0.2 and not b.in_heading:
            continue  # a dek: a one-line summary under the headline is headline matter, not body text
        elif len(b.text) >= _STRONG_PROSE and b.link_density < 0.5:
            return []  # a paragraph that is not a lead: the headline is not this block's
    return []


# An author box closes the article: its paragraph opens with the byline's name ("Jane Doe is a reporter ...").
_BIO_LINES = 3


def _drop_author_bio(text: str, authors: list[str], removed: dict[str, int], samples: list[Removed]) -> str:
    """Drop the last lines that open with the name of one of the page's authors (an author box, not the story).

    Only full names (two words or more) count: a surname alone opens many sentences of a story about a person.
    """
    names = tuple(a for a in authors if " " in a.strip() and len(a) >= 5)
    if not names:
        return text
    lines = text.split("\n")
    cut = [i for i in range(max(0, len(lines) - _BIO_LINES), len(lines)) if lines[i].startswith(names)]
    if not cut or cut[0] == 0:
        return text
    for line in lines[cut[0]:]:
        removed["author bio"] = removed.get("author bio", 0) + 1
        if len(samples) < 8:
            samples.append(Removed(line[:120], "chrome: author bio"))
    return "\n".join(lines[: cut[0]])


# UTF-8 bytes read as Latin-1/cp1252 leave these pairs (Ã© for é, Å for ł ...); real text rarely has them.
_MOJIBAKE = re.compile(r"[ÃÄÅÂÐÑ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]")


_DECLARED = re.compile(r"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w:.-]+)""", re.I)


def _redecode_declared_charset(html: str) -> tuple[str, str | None]:
    """Undo a Latin-1 decode of a page that declares another charset (cp1250, cp1256, UTF-8, ...).

    A page decoded with its declared charset contains characters beyond U+00FF (Arabic letters, curly
    quotes, "ł"); one that only holds U+0000-U+00FF with some non-ASCII was decoded byte-per-character.
    """
    if html.isascii():
        return html, None
    try:
        raw = html.encode("latin-1")  # fails at the first character beyond U+00FF, in C
    except UnicodeEncodeError:
        return html, None
    m = _DECLARED.search(html[:20_000])
    if not m:
        return html, None
    declared = m.group(1).lower()
    if declared in {"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"}:
        return html, None
    try:
        import codecs

        name = codecs.lookup(declared).name
        # UTF-8 is self-checking: if the bytes are not valid UTF-8 the Latin-1 reading was right.
        fixed = raw.decode(name) if name == "utf-8" else raw.decode(name, errors="replace")
    except (LookupError, UnicodeError):
        return html, None
    return (fixed, declared) if fixed != html else (html, None)


def _repair_encoding(text: str) -> tuple[str, bool]:
    try:
        import ftfy

        fixed = ftfy.fix_encoding(text)
    except Exception:  # noqa: BLE001 - repair is best effort
        return text, False
    return fixed, fixed != text


# When the fast pass is unsure. Chosen on a grid over (share, length) with per-page outcomes of both
# extractors on the two labelled sets (bench/bench_clean.py reports the fallback rate): below these the
# slower extractor wins more pages than it loses, and it runs on ~4% of pages.
_MIN_SURE_CHARS = 200
_MIN_SURE_SHARE = 0.6


# An article does not repeat its paragraphs; when a third of the fallback's lines are repeats, it has
# picked up page data (JSON-LD fields, teaser grids) instead of the story. On the labelled pages the
# fallback texts that won repeat at most 13% of their lines; the one that lost repeated 67%.
_MAX_REPEAT_SHARE = 1 / 3


def _repeat_share(text: str) -> float:
    """Share of a text's non-empty lines that repeat an earlier line (0.0 for an empty text)."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return 1.0 - len(set(lines)) / len(lines) if lines else 0.0


def _fallback(html: str, url: str | None) -> str:
    try:
        import trafilatura

        # Comments are not the article (aeb's ground truth excludes them); otherwise trafilatura's defaults.
        return trafilatura.extract(html, url=url, include_comments=False) or ""
    except Exception:  # noqa: BLE001 - fallback is best effort
        return ""


def _notes_for_empty(meta: PageMeta, body_text_len: int, n_candidates: int) -> str:
    kinds = {k.lower() for k in meta.kinds}
    if kinds & {"videoobject", "video", "video.other", "video.movie", "video.episode"}:
        return "NT201: no article text found (video page)"
    if kinds & {"collectionpage", "itemlist", "searchresultspage"}:
        return "NT201: no article text found (list/index page)"
    if body_text_len == 0:
        return "NT201: no article text found (page has no visible body text)"
    return "NT201: no article text found (no paragraph block of prose on the page)"


_PAYWALL_MARKS = ("isaccessibleforfree\":false", "isaccessibleforfree\": false", "subscribe to read",
                  "subscribe to continue", "to continue reading", "already a subscriber", "abonnieren sie",
                  "plus-artikel")


_PAYWALL_MARKS_B = tuple(m.encode("ascii") for m in _PAYWALL_MARKS)


def _paywall(text_len: int, html: str) -> bool:
    """A short text on a page that advertises a paywall is a stub, not the article."""
    if text_len >= 1500:
        return False
    page = html[:3_000_000]
    if "\u212a" in page or "\u0130" in page:
        # KELVIN SIGN and I WITH DOT are the only non-ASCII characters that lower-case to ASCII letters.
        low = page.lower()
        return any(m in low for m in _PAYWALL_MARKS)
    # Otherwise the marks (ASCII) are found in the lower-cased UTF-8 bytes exactly when they are in the
    # lower-cased text, and bytes.lower is three times cheaper than str.lower on a whole page.
    low_b = page.encode("utf-8", "surrogatepass").lower()
    return any(m in low_b for m in _PAYWALL_MARKS_B)


# HTML parsers spend time quadratic in nesting depth; no real page nests beyond a few hundred levels
# (the deepest of the 481 labelled pages nests 545 levels), so 2,000 is a wide margin and parses in ~20 ms.
MAX_DEPTH = 2000
_DEPTH_CHECK_TAGS = 2 * MAX_DEPTH  # fewer tags than this cannot nest deeper than MAX_DEPTH
# Tags that close themselves implicitly (and void tags) would inflate a naive open/close count.
_OPEN_CLOSE = re.compile(
    r"<(/?)(?!(?:p|li|td|th|tr|dt|dd|option|br|img|meta|link|input|hr|wbr|source|area|base|col|embed|param|track)\b)"
    r"[a-zA-Z][^>]{0,300}?(/?)>"
)


# Deep nesting comes as long runs of opening tags with nothing between them; only then count exactly.
_TAG_RUN = re.compile(r"(?:<[a-zA-Z][^<>]{0,200}>\s*){200}")


def _max_depth(html: str) -> int:
    depth = best = 0
    for close, selfclose in _OPEN_CLOSE.findall(html):
        if close:
            depth = max(0, depth - 1)
        elif not selfclose:
            depth += 1
            if depth > best:
                best = depth
    return best


# An index page shows at least a handful of headline+teaser pairs; two could be an article's "see also".
_LIST_MIN_TEASERS = 4
_VIDEO_SELECTOR = (
    'video, iframe[src*="youtube"], iframe[src*="vimeo"], iframe[src*="player"], iframe[src*="dailymotion"], '
    '[class*="video-player"]'
)


@extractors.register("html.v1")
def extract_html(html: str, url: str | None = None, *, reference_date: str | None = None) -> Extracted:
    """Extract an article's text and metadata from one HTML page.

    Args:
        html: the page (a str; decode bytes first, see ingest).
        url: the page URL if known (for the outlet and a URL date).
        reference_date: ISO date the page was crawled/seen, used only to resolve relative dates in bylines
            and to reject the crawl date as a publication date.

    Returns:
        An `Extracted` with paragraphs separated by ``"\\n"``, metadata with evidence, ``removed`` (counts
        and a few samples of what was dropped) and ``notes`` (``NTxxx`` reasons for empty/partial results).
        Never raises: garbage, empty, huge or absurdly nested input yields empty text and a note.

    Example:
        >>> extract_html("").notes
        ['NT106: empty input']
    """
    try:
        return _extract(html, url, reference_date)
    except Exception as exc:  # noqa: BLE001 - one bad page never kills a batch
        return Extracted(text="", url=url, notes=[f"NT203: HTML could not be processed ({type(exc).__name__})"])


def _extract(html: str, url: str | None, reference_date: str | None) -> Extracted:
    if not isinstance(html, str):
        return Extracted(text="", url=url, notes=["NT109: input is not a str"])
    if not html or html.isspace():
        return Extracted(text="", url=url, notes=["NT106: empty input"])
    if len(html) > MAX_HTML_CHARS:
        return Extracted(text="", url=url, notes=[f"NT108: page too large ({len(html):,} chars > {MAX_HTML_CHARS:,})"])
    if html.count("<") > _DEPTH_CHECK_TAGS and _TAG_RUN.search(html):
        depth = _max_depth(html)
        if depth > MAX_DEPTH:
            return Extracted(text="", url=url, notes=[f"NT203: HTML nested too deeply ({depth:,} levels > {MAX_DEPTH:,})"])
    html, recoded = _redecode_declared_charset(html)
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    meta = extract_metadata(tree, url)
    removed: dict[str, int] = {}
    samples: list[Removed] = []
    notes: list[str] = []
    body = tree.body
    text = ""
    source = "fast"
    paywalled = False
    date_lines: list[str] = []
    is_list = has_video = False
    if body is not None:
        has_video = tree.css_first(_VIDEO_SELECTOR) is not None
        _strip_chrome(tree, removed)
        container, share, page_blocks, parent = _choose_container(body)
        if container is not None:
            inside = _inside_flags(page_blocks, container, parent)
            bs = [b for b, f in zip(page_blocks, inside) if f]
            n_prose = sum(1 for b in bs if _is_prose(b))
            # Only headline-then-summary pairs: lists of linked items ("10 things...") are articles too.
            n_teaser = sum(1 for b in bs if b.teaser and not b.starts_with_link)
            own_prose = sum(len(b.text) for b in bs if _is_prose(b) and not b.teaser)
            if n_teaser >= _LIST_MIN_TEASERS and n_teaser >= 0.5 * n_prose and own_prose < _STRONG_PROSE * 5:
                # Headline link, summary, headline link, summary...: an index of other pages, not an article.
                is_list = True
                kept = []
            else:
                lead = _standfirst(page_blocks, container, parent, meta.title)
                if lead:
                    removed["standfirst above container"] = len(lead)
                kept = lead + _select_blocks(bs, removed, samples, meta.title)
            text = "\n".join(kept)
            paywalled = _paywall(len(text), html)
            # Unsure: thin result, or the page's prose is mostly outside the chosen container. A paywall
            # stub is short because the page is; a second extractor would only add the chrome around it.
            if not is_list and not paywalled and (len(text) < _MIN_SURE_CHARS or share < _MIN_SURE_SHARE):
                fb = _fallback(html, url)
                if len(fb) > len(text) and _repeat_share(fb) <= _MAX_REPEAT_SHARE:
                    text, source = fb, "fallback"
            # Date lines sit above or at the top of the article; widgets above are rejected by find_dates.
            first = next((i for i, f in enumerate(inside) if f), 0)
            date_lines = [b.text for b in page_blocks[max(0, first - _DATE_LOOKBACK): first + _DATE_LOOKBACK]]
    if text and meta.authors:
        text = _drop_author_bio(text, meta.authors, removed, samples)
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        # One canonical form for every page (some CMSs store decomposed letters), so equal text compares equal.
        text = unicodedata.normalize("NFC", text)
    if _MOJIBAKE.search(text):
        text, fixed = _repair_encoding(text)
        if fixed:
            notes.append("encoding repaired (mojibake)")
    if text and (len(_NOT_ALNUM.sub("", text[:2000])) < 0.5 * min(len(text), 2000)
                 or len(_CONTROL.findall(text[:2000])) > 0.01 * min(len(text), 2000)):
        # Mostly symbols or control characters: binary junk or a broken decode, not an article (tables of
        # figures are fine: digits count).
        removed["not prose"] = removed.get("not prose", 0) + 1
        text = ""
        notes.append("NT201: no article text found (extracted text is not prose: too few letters or digits)")
    elif not text and is_list:
        notes.append("NT201: no article text found (list/index page: headlines with teasers)")
    elif not text and has_video:
        notes.append("NT201: no article text found (video page)")
    elif not text:
        # Only an empty result needs the body's length (to say why it is empty).
        notes.append(_notes_for_empty(meta, _text_len(body) if body is not None else 0, 0))
    elif paywalled:
        notes.append("NT201: partial article text (paywall stub)")
    if recoded:
        notes.append(f"encoding repaired (page declared {recoded}, was decoded as Latin-1)")
    lines = text.splitlines()
    published, evidence, confidence = meta.published, meta.published_evidence, meta.published_confidence
    if published is None or confidence < CONF_BYLINE:
        d, ev, conf = find_date_in_text(date_lines or lines[:_DATE_LOOKBACK], reference_date)
        if d and conf > confidence:
            published, evidence, confidence = d, ev, conf
        elif d is None and ev.startswith("relative:") and published is None:
            evidence = ev
    if confidence < CONF_TEXT:
        # Nothing we trust as much as a date line: ask htmldate's fast search (~5 ms, on ~12% of pages).
        d, ev, conf = htmldate_fast(html, url, reference_date)
        if d and conf > confidence:
            published, evidence, confidence = d, ev, conf
    language = detect_language(text) or meta.language
    removed_list = [Removed(str(v), f"count: {k}") for k, v in sorted(removed.items())] + samples
    if source == "fallback":
        notes.append("fallback: trafilatura (fast pass unsure)")
    return Extracted(
        text=text,
        title=meta.title,
        authors=meta.authors,
        published=published,
        published_evidence=evidence,
        published_confidence=confidence,
        outlet=meta.outlet,
        language=language,
        url=url,
        removed=removed_list,
        notes=notes,
    )


_WARM_PAGE = (
    "<html><head><meta name='date' content='2020-01-02'></head><body><article><p>"
    + "The ministry denied on Tuesday a report that grain exports had been halted. " * 3
    + "</p></article></body></html>"
)


def warm_up() -> None:
    """Load what html.v1 loads lazily (the language model, the fallback extractor and its stoplists, htmldate).

    A long-running service or a benchmark calls this once so that the first unsure page of a batch does not
    pay ~0.5 s of imports. Never raises.

    Example:
        >>> warm_up()
    """
    try:
        detect_language(_WARM_PAGE)
        _fallback(_WARM_PAGE, None)
        htmldate_fast(_WARM_PAGE, None)
    except Exception:  # noqa: BLE001 - warming is best effort
        pass


def extract_many(pages: Iterable[tuple[str, str | None]]) -> Iterable[Extracted]:
    """Extract every (html, url) pair; a convenience for batch callers and benchmarks."""
    for html, url in pages:
        yield extract_html(html, url)

