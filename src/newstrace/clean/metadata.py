"""Page metadata with evidence: title, authors, outlet, publication date, declared language.

Sources, most trusted first: JSON-LD (schema.org NewsArticle & co.), OpenGraph / article / Dublin Core /
common CMS meta tags, ``<time>`` elements, the URL, and finally byline text. Each date says where it came
from (``published_evidence``) and how much we trust it (``published_confidence``).

Example:
    >>> html = ('<html lang="en"><head><meta property="og:site_name" content="Daily Planet">'
    ...         '<meta property="article:published_time" content="2021-06-02T10:00:00Z">'
    ...         '<title>Ministry denies report | Daily Planet</title></head><body></body></html>')
    >>> m = extract_metadata(html, "https://dailyplanet.example/news/x")
    >>> (m.title, m.outlet, m.published, m.published_evidence, m.language)
    ('Ministry denies report', 'Daily Planet', '2021-06-02T10:00:00+00:00', 'meta:article:published_time', 'en')
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from .dates import CONF_META, date_from_url, parse_date

__all__ = ["PageMeta", "extract_metadata", "parse_byline", "outlet_from_url"]

_ARTICLE_TYPES = {
    "article", "newsarticle", "reportagenewsarticle", "blogposting", "analysisnewsarticle", "opinionnewsarticle",
    "reviewnewsarticle", "backgroundnewsarticle", "webpage", "liveblogposting", "socialmediaposting", "report",
    "scholarlyarticle", "techarticle", "posting",
}
# Meta tags carrying the publication date, most specific first (name or property, lower-cased).
_DATE_METAS = (
    "article:published_time", "og:article:published_time", "datepublished", "pubdate", "publishdate",
    "publish-date", "publish_date", "date", "dc.date.issued", "dc.date", "dcterms.date", "dcterms.created",
    "parsely-pub-date", "sailthru.date", "article.published", "published-date", "release_date", "og:pubdate",
    "article_date_original", "cxenseparse:recs:publishtime", "originalpublicationdate",
)
_AUTHOR_METAS = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl")
_TITLE_SEP = re.compile(r"\s+[|\-–—:·•»]\s+")
_BYLINE = re.compile(r"^\s*(?:by|von|par|por|di|door|written by|text:|author:)\s+(.+)$", re.I)
_SPLIT_NAMES = re.compile(r"\s*(?:,|\band\b|\bund\b|\bet\b|\by\b|&|/)\s*", re.I)
_NOT_NAME = re.compile(r"\d|@|https?:|\b(?:published|updated|posted|min read|am|pm|gmt|utc)\b", re.I)


@dataclass(slots=True)
class PageMeta:
    """Metadata found in a page's head/markup, each with its evidence."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    outlet_evidence: str | None = None
    published: str | None = None
    published_evidence: str | None = None
    published_confidence: float = 0.0
    language: str | None = None
    description: str | None = None
    article_body: str | None = None  # JSON-LD articleBody, when a page ships one (a strong container hint)
    kinds: list[str] = field(default_factory=list)  # JSON-LD / og:type values, e.g. "VideoObject", "video"


def outlet_from_url(url: str | None) -> str | None:
    """The site's domain without ``www.``, as a last-resort outlet name.

    Example:
        >>> outlet_from_url("https://www.reuters.com/article/x")
        'reuters.com'
    """
    if not url:
        return None
    try:
        host = urlsplit(url if "://" in url else "http://" + url).hostname or ""
    except ValueError:
        return None
    host = re.sub(r"^(?:www\d?|m|amp|mobile)\.", "", host.lower())
    return host or None


def parse_byline(line: str) -> list[str] | None:
    """Authors named in a byline such as ``"By Staff"`` or ``"By Jane Doe and John Roe | June 2, 2021"``.

    Args:
        line: one line of text.

    Returns:
        A list of names if `line` is a byline, else None.

    Example:
        >>> parse_byline("By Staff")
        ['Staff']
        >>> parse_byline("By Jane Doe and John Roe | Published June 2, 2021")
        ['Jane Doe', 'John Roe']
        >>> parse_byline("By the way, prices rose.") is None
        True
    """
    if not line or len(line) > 150:
        return None
    m = _BYLINE.match(line.strip())
    if not m:
        return None
    rest = re.split(r"\s+[|•·–—]\s+|\s{2,}|\bon\s+\w+day\b|\bpublished\b|\bupdated\b", m.group(1), flags=re.I)[0]
    names = [n.strip(" .,;:") for n in _SPLIT_NAMES.split(rest)]
    names = [n for n in names if n and not _NOT_NAME.search(n)]
    # A name is 1-4 capitalised words; "By the way, ..." is prose, not a byline.
    good = [n for n in names if 1 <= len(n.split()) <= 4 and all(w[:1].isupper() for w in n.split() if w.isalpha()
                                                                 and w.lower() not in {"de", "van", "von", "al", "der", "la", "le", "da", "bin"})]
    return good if good and len(good) == len(names) else None


def _jsonld_objects(data: Any) -> list[dict]:
    out: list[dict] = []
    stack = [data]
    while stack and len(out) < 200:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            out.append(item)
            if "@graph" in item:
                stack.append(item["@graph"])
            if isinstance(item.get("mainEntity"), (dict, list)):
                stack.append(item["mainEntity"])
    return out


def _types(obj: dict) -> list[str]:
    t = obj.get("@type")
    return [str(x) for x in (t if isinstance(t, list) else [t]) if x]


def _names(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        n = value.get("name")
        return [n] if isinstance(n, str) else []
    if isinstance(value, list):
        return [x for v in value for x in _names(v)]
    return []


def _clean_title(title: str, outlet: str | None) -> str:
    title = re.sub(r"\s+", " ", title).strip()
    parts = _TITLE_SEP.split(title)
    if len(parts) > 1:
        # Drop a trailing/leading site name ("Story | Outlet"); keep the longest part otherwise.
        if outlet and parts[-1].lower().strip() in {outlet.lower(), outlet.lower().replace(".com", "")}:
            parts = parts[:-1]
        elif outlet and parts[0].lower().strip() == outlet.lower():
            parts = parts[1:]
        elif len(parts[-1]) < 30 and len(parts[0]) >= len(parts[-1]):
            parts = parts[:-1]
        title = " - ".join(parts) if len(parts) > 1 and all(len(p) > 30 for p in parts) else max(parts, key=len)
    return title


def _dedupe(names: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for n in names:
        n = re.sub(r"\s+", " ", n).strip()
        if n and n.lower() not in seen and len(n) < 80 and not n.startswith("http"):
            seen.add(n.lower())
            out.append(n)
    return out


def extract_metadata(tree_or_html: Any, url: str | None = None) -> PageMeta:
    """Read title, authors, outlet, date and language from a page's markup.

    Args:
        tree_or_html: an HTML string or an already parsed ``selectolax`` tree (Lexbor or Modest parser).
        url: the page URL (for the domain and a URL date).

    Returns:
        A `PageMeta`; missing fields stay None/empty. Never raises.

    Example:
        >>> extract_metadata("<title>x</title>", None).title
        'x'
    """
    meta = PageMeta()
    try:
        _fill(meta, tree_or_html, url)
    except Exception:  # noqa: BLE001 - metadata is best effort; one odd page must not stop the batch
        pass
    return meta


def _fill(meta: PageMeta, tree_or_html: Any, url: str | None) -> None:
    if isinstance(tree_or_html, str):
        from selectolax.lexbor import LexborHTMLParser

        tree = LexborHTMLParser(tree_or_html)
    else:
        tree = tree_or_html
    metas: dict[str, str] = {}
    for node in tree.css("meta"):
        attrs = node.attributes
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").strip().lower()
        content = attrs.get("content")
        if key and content and key not in metas:
            metas[key] = content.strip()

    # JSON-LD
    ld_title = ld_date = ld_pub = None
    ld_authors: list[str] = []
    for script in tree.css('script[type="application/ld+json"]'):
        raw = script.text(deep=True) or ""
        if len(raw) > 2_000_000:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            try:
                data = json.loads(re.sub(r"[\x00-\x1f]", " ", raw))
            except ValueError:
                continue
        for obj in _jsonld_objects(data):
            types = _types(obj)
            meta.kinds.extend(types)
            if not any(t.lower() in _ARTICLE_TYPES for t in types):
                if any(t.lower() in {"organization", "newsmediaorganization", "website"} for t in types):
                    ld_pub = ld_pub or (obj.get("name") if isinstance(obj.get("name"), str) else None)
                continue
            is_page = all(t.lower() == "webpage" for t in types)
            if not is_page or ld_date is None:
                ld_title = (obj.get("headline") or obj.get("name")) if not ld_title or not is_page else ld_title
                d = parse_date(obj.get("datePublished") or obj.get("dateCreated") or "")
                if d and (ld_date is None or not is_page):
                    ld_date = d
                ld_authors = ld_authors or _names(obj.get("author") or obj.get("creator"))
                pub = _names(obj.get("publisher"))
                ld_pub = ld_pub or (pub[0] if pub else None)
                body = obj.get("articleBody")
                if isinstance(body, str) and len(body) > (len(meta.article_body or "")):
                    meta.article_body = body

    # outlet
    if metas.get("og:site_name"):
        meta.outlet, meta.outlet_evidence = metas["og:site_name"], "meta:og:site_name"
    elif ld_pub:
        meta.outlet, meta.outlet_evidence = ld_pub, "json-ld:publisher"
    elif metas.get("application-name"):
        meta.outlet, meta.outlet_evidence = metas["application-name"], "meta:application-name"
    else:
        meta.outlet = outlet_from_url(url)
        meta.outlet_evidence = "url" if meta.outlet else None

    # title
    title = metas.get("og:title") or (ld_title if isinstance(ld_title, str) else None) or metas.get("twitter:title")
    if not title:
        node = tree.css_first("title")
        title = node.text(deep=True) if node is not None else None
    if not title:
        node = tree.css_first("h1")
        title = node.text(deep=True) if node is not None else None
    meta.title = _clean_title(title, meta.outlet) if title else None

    # authors
    names = ld_authors or [metas[k] for k in _AUTHOR_METAS if metas.get(k) and not metas[k].startswith("http")]
    if not names:
        for node in tree.css('[rel="author"], [itemprop="author"], .byline, .author-name'):
            t = (node.text(deep=True) or "").strip()
            parsed = parse_byline(t) or ([t] if 0 < len(t.split()) <= 4 else [])
            names.extend(parsed)
            if len(names) >= 5:
                break
    authors: list[str] = []
    for n in names:
        authors.extend(parse_byline(n) or ([n] if not re.match(r"(?i)^by\s", n) else []))
    meta.authors = _dedupe(authors)[:10]

    # date
    if ld_date:
        meta.published, meta.published_evidence, meta.published_confidence = ld_date, "json-ld:datePublished", CONF_META
    else:
        for key in _DATE_METAS:
            d = parse_date(metas.get(key))
            if d:
                meta.published, meta.published_evidence, meta.published_confidence = d, f"meta:{key}", CONF_META
                break
    if meta.published is None:
        for node in tree.css('time[itemprop="datePublished"], [itemprop="datePublished"], time[pubdate], time'):
            d = parse_date(node.attributes.get("datetime") or node.attributes.get("content") or "")
            if d:
                ev = "html:time[datePublished]" if node.attributes.get("itemprop") else "html:time"
                meta.published, meta.published_evidence = d, ev
                # A bare <time> may be a comment's or a sidebar's; itemprop ties it to the article.
                meta.published_confidence = CONF_META if node.attributes.get("itemprop") else 0.5
                break
    if meta.published is None:
        d, ev, conf = date_from_url(url)
        if d:
            meta.published, meta.published_evidence, meta.published_confidence = d, ev, conf

    # language declared by the page (detected language of the text is set by the caller)
    html_node = tree.css_first("html")
    lang = (html_node.attributes.get("lang") if html_node is not None else None) or metas.get("og:locale") or metas.get(
        "content-language")
    if lang:
        m = re.match(r"^\s*([a-zA-Z]{2,3})(?:[-_]|$)", lang)
        meta.language = m.group(1).lower() if m else None
    og_type = metas.get("og:type")
    if og_type:
        meta.kinds.append(og_type)
    meta.description = metas.get("og:description") or metas.get("description")
