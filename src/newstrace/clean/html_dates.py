"""Last-resort publication date for an HTML page: htmldate's fast search.

html.v1 reads dates from JSON-LD, meta tags, ``<time>`` elements, the URL and the lines around the article
(clean.metadata, clean.dates). On pages where none of those gave a date we trust at least as much as a
text date (confidence < ``CONF_TEXT``), htmldate 1.11 with ``extensive_search=False`` looks again with its
own markup and URL rules. Its extensive search is more accurate on those pages but costs ~48 ms a page
(vs ~5 ms), which would halve the extractor's speed: bench/bench_clean.py measures both.

Example:
    >>> page = '<html><head><meta name="date" content="2019-05-02"></head><body><p>x</p></body></html>'
    >>> htmldate_fast(page, None)
    ('2019-05-02', 'htmldate', 0.4)
"""
from __future__ import annotations

from .dates import CONF_TEXT, DateFinding, _plausible

__all__ = ["htmldate_fast"]


def htmldate_fast(html: str, url: str | None, reference_date: str | None = None) -> DateFinding:
    """Publication date by htmldate's fast search, as (iso date or None, evidence, confidence).

    Args:
        html: the page.
        url: the page URL if known (htmldate reads dates in URLs too).
        reference_date: ISO crawl/seen date. A date after it (plus a day) is rejected, and so is the crawl
            day itself: htmldate falls back to "today"-like dates (copyright years, widgets) that we cannot
            tell from the crawl date.

    Returns:
        ``(date, "htmldate", CONF_TEXT)`` when htmldate finds a plausible date, else ``(None, "", 0.0)``.
        Never raises, and never lets htmldate fetch anything: a "page" that is a bare URL gets no date.
    """
    if html.startswith("http") and " " not in html:  # htmldate's own test for "this is a URL"
        # htmldate downloads a string that looks like a URL (nothing here may phone home); a URL is not a page.
        return None, "", 0.0
    try:
        from htmldate import find_date

        found = find_date(html, url=url, original_date=True, extensive_search=False)
    except Exception:  # noqa: BLE001 - a last resort must not break the page
        return None, "", 0.0
    if not found or not _plausible(found, reference_date):
        return None, "", 0.0
    if reference_date and found[:10] == reference_date[:10]:
        return None, "", 0.0
    return found[:10], "htmldate", CONF_TEXT
