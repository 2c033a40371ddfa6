"""Publication dates you can trust: parse dates from meta values, URLs, bylines and page text, with evidence.

Three things look like a publication date and are not: a date widget (today's date printed at the top of
every page, often beside the weather), the crawl date, and a relative date ("2 weeks ago") when we do not
know when "now" was. This module reports those honestly: widget dates and the crawl date are rejected,
relative dates are resolved only against a given reference date and otherwise returned as ``None`` with
evidence ``"relative:..."`` and zero confidence.

Example:
    >>> find_date_in_text(["14°C", "Tuesday, March 3, 2025", "Ministry denies report",
    ...                    "By Staff | Published June 2, 2021"])
    ('2021-06-02', 'byline', 0.8)
    >>> find_date_in_text("label Economy  schedule 2 weeks ago")
    (None, 'relative:2 weeks ago', 0.0)
    >>> find_date_in_text("schedule 2 weeks ago", reference_date="2025-03-17")
    ('2025-03-03', 'relative:2 weeks ago', 0.4)
    >>> date_from_url("https://example.org/2019/11/18/wework-probe/")
    ('2019-11-18', 'url', 0.7)
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

__all__ = [
    "DateFinding",
    "parse_date",
    "date_from_url",
    "find_date_in_text",
    "find_dates",
    "resolve_relative",
]

DateFinding = tuple[str | None, str, float]
"""(ISO date or None, evidence, confidence 0..1)."""

# Confidence by evidence kind. Ordered by how often each kind is the true publication date in practice:
# structured metadata is written by the CMS for the article itself; a URL date is the article's but may be
# the day of first publication only; a byline date sits next to the author; loose text dates may be anything.
CONF_META = 0.9
CONF_URL = 0.7
CONF_BYLINE = 0.8
CONF_TEXT = 0.4
CONF_RELATIVE = 0.4
# Pages older than the web or dated after the reference date are parsing accidents, not publications.
MIN_YEAR = 1995

_MONTHS = {
    # English
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5,
    "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
    "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
    # German (the second language of the labelled data)
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "maerz": 3, "mai": 5, "juni": 6, "juli": 7,
    "oktober": 10, "okt": 10, "dezember": 12, "dez": 12,
    # French / Spanish
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "juin": 6, "juillet": 7, "août": 8,
    "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "enero": 1, "febrero": 2, "marzo": 3,
    "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8, "septiembre": 9, "octubre": 10,
    "noviembre": 11, "diciembre": 12,
}
_MONTH_RE = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
_WEEKDAY_RE = (
    r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday|sday)?\.?|"
    r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag"
)

# The year every absolute-date pattern below contains.
_YEARISH = re.compile(r"(?:19|20)\d\d")
_ISO = re.compile(r"(?<!\d)((?:19|20)\d\d)-(0?[1-9]|1[0-2])-(0?[1-9]|[12]\d|3[01])(?!\d)")
_ISO_COMPACT = re.compile(r"(?<!\d)((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)")
_DMY_NUM = re.compile(r"(?<!\d)(0?[1-9]|[12]\d|3[01])\.\s?(0?[1-9]|1[0-2])\.\s?((?:19|20)\d\d)(?!\d)")
_MDY_SLASH = re.compile(r"(?<!\d)(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])/((?:19|20)\d\d)(?!\d)")
_MDY = re.compile(
    rf"(?<![\w])({_MONTH_RE})\.?\s+(0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)(?!\d)", re.I
)
_DMY = re.compile(
    rf"(?<!\d)(0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?\.?\s+(?:of\s+|de\s+)?({_MONTH_RE})\.?,?\s+(?:de\s+)?"
    rf"((?:19|20)\d\d)(?!\d)",
    re.I,
)
_URL_DATE = re.compile(
    r"/((?:19|20)\d\d)[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?:/|-|$)|"
    r"/((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:/|-|_|$)"
)
_URL_MONTH = re.compile(r"/((?:19|20)\d\d)/(0[1-9]|1[0-2])/")

_RELATIVE = re.compile(
    r"\b(?:(\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
    r"(second|sec|minute|min|hour|hr|day|week|month|year)s?\s+ago|(yesterday|today|just now))\b",
    re.I,
)
_WORDNUM = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10}

# Cues that a line is about this article's publication (byline / dateline), in the languages we see most.
_PUB_CUE = re.compile(
    r"\b(?:published|posted|updated|first published|by\s+[A-Z]|written by|veröffentlicht|aktualisiert|"
    r"publié|publicado|stand:|am\s+\d)",
    re.I,
)
# A dateline's date sits in the first few words of its paragraph ("BERLIN, March 3, 2025 (Reuters) -",
# "WASHINGTON, D.C., Nov. 4, 2019 -").
_DATELINE_WORDS = 3
# A second date right after the first: "28.01.2022 – 29.01.2022", "May 2 - May 5, 2019", "vom ... bis ...".
_RANGE_AFTER = re.compile(r"\s*(?:[-–—]|bis|to|au|al)\s*\d", re.I)
_SENTENCE_WORDS = 8
_SENTENCE_STOP = re.compile(r"[a-zäöüßéèàáíóúñ)\"”][.!?](?:\s|$)")


def _in_sentence(line: str) -> bool:
    """A line of running prose: several words and a sentence end (a full stop, ! or ?, then a space or the end)."""
    text = line.strip()
    return text.count(" ") + 1 >= _SENTENCE_WORDS and _SENTENCE_STOP.search(text) is not None


# The cues above that name publication outright (all but the German "am <day>", which also opens event sentences).
_STRONG_PUB_CUE = re.compile(_PUB_CUE.pattern.replace(r"|am\s+\d", ""), re.I)
assert _STRONG_PUB_CUE.pattern != _PUB_CUE.pattern
_WIDGET_CUE = re.compile(r"°\s?[CF]\b|\bweather\b|\bwetter\b|\btoday is\b|\bheute\b", re.I)
_WEEKDAY_LINE = re.compile(rf"^\W*(?:{_WEEKDAY_RE})\W", re.I)


def _mk(y: int, m: int, d: int) -> str | None:
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def _plausible(iso: str | None, reference_date: str | None) -> bool:
    if iso is None or int(iso[:4]) < MIN_YEAR:
        return False
    if reference_date:
        ref = _to_date(reference_date)
        # A day of slack for time zones: a page crawled on the 3rd in UTC may say the 4th in Sydney.
        if ref is not None and dt.date.fromisoformat(iso[:10]) > ref + dt.timedelta(days=1):
            return False
    return True


def _to_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def parse_date(value: str | None) -> str | None:
    """Parse one date string as found in metadata (ISO, RFC-822-ish, "March 3, 2025", "03.03.2025").

    Args:
        value: the raw string, e.g. ``"2019-11-18T23:03:00Z"`` or ``"Mon, 18 Nov 2019 23:03:00 GMT"``.

    Returns:
        ``"YYYY-MM-DD"``, or the full ISO datetime when the value carried a time; ``None`` if unparseable.

    Example:
        >>> parse_date("2019-11-18T23:03:00+00:00")
        '2019-11-18T23:03:00+00:00'
        >>> parse_date("18. März 2020")
        '2020-03-18'
    """
    if not value or not isinstance(value, str):
        return None
    value = value.strip()[:100]
    m = re.match(r"^((?:19|20)\d\d-\d\d-\d\d)[T ](\d\d:\d\d(?::\d\d)?(?:\.\d+)?)(Z|[+-]\d\d:?\d\d)?", value)
    if m:
        try:
            tz = m.group(3) or ""
            if tz and tz != "Z" and ":" not in tz:
                tz = tz[:3] + ":" + tz[3:]
            parsed = dt.datetime.fromisoformat(f"{m.group(1)}T{m.group(2)}{tz.replace('Z', '+00:00')}")
            return parsed.isoformat()
        except ValueError:
            pass
    found = _first_absolute(value)
    return found[0] if found else None


def _first_absolute(text: str) -> tuple[str, int, int] | None:
    """The earliest absolute date in `text` as (iso, start, end)."""
    if not _YEARISH.search(text):
        return None  # every pattern below needs a year: one scan instead of six on date-free lines
    best: tuple[str, int, int] | None = None
    for rx, order in ((_ISO, "ymd"), (_MDY, "mdy"), (_DMY, "dmy"), (_DMY_NUM, "dmy"), (_MDY_SLASH, "mdy"),
                      (_ISO_COMPACT, "ymd")):
        for m in rx.finditer(text):
            g = m.groups()
            try:
                if order == "ymd":
                    y, mo, d = int(g[0]), int(g[1]), int(g[2])
                elif order == "mdy":
                    mo = _MONTHS.get(g[0].lower().rstrip("."), 0) if not g[0].isdigit() else int(g[0])
                    d, y = int(g[1]), int(g[2])
                else:
                    d = int(g[0])
                    mo = int(g[1]) if g[1].isdigit() else _MONTHS.get(g[1].lower().rstrip("."), 0)
                    y = int(g[2])
            except (TypeError, ValueError):
                continue
            iso = _mk(y, mo, d)
            if iso and (best is None or m.start() < best[1]):
                best = (iso, m.start(), m.end())
            break
    return best


def date_from_url(url: str | None) -> DateFinding:
    """A publication date encoded in a URL path (``/2019/11/18/``, ``/20191118-``).

    Args:
        url: the page URL, or None.

    Returns:
        ``(iso, "url", 0.7)`` for a full date, ``(YYYY-MM-01, "url:month", 0.3)`` for year/month only,
        or ``(None, "", 0.0)``.

    Example:
        >>> date_from_url("https://www.example.com/news/2020/03/story.html")
        ('2020-03-01', 'url:month', 0.3)
    """
    if not url:
        return None, "", 0.0
    path = re.sub(r"^[a-z]+://[^/]+", "", url, flags=re.I)
    m = _URL_DATE.search(path)
    if m:
        g = [x for x in m.groups() if x]
        iso = _mk(int(g[0]), int(g[1]), int(g[2]))
        if iso:
            return iso, "url", CONF_URL
    m = _URL_MONTH.search(path)
    if m:
        iso = _mk(int(m.group(1)), int(m.group(2)), 1)
        if iso:
            return iso, "url:month", 0.3
    return None, "", 0.0


def resolve_relative(phrase: str, reference_date: str | None) -> str | None:
    """Turn "2 weeks ago" / "yesterday" into a date, only if `reference_date` (ISO) is known.

    Example:
        >>> resolve_relative("3 days ago", "2025-03-10")
        '2025-03-07'
        >>> resolve_relative("3 days ago", None) is None
        True
    """
    ref = _to_date(reference_date)
    if ref is None:
        return None
    m = _RELATIVE.search(phrase)
    if not m:
        return None
    if m.group(3):
        word = m.group(3).lower()
        return (ref - dt.timedelta(days=1 if word == "yesterday" else 0)).isoformat()
    n_raw = m.group(1).lower()
    n = int(n_raw) if n_raw.isdigit() else _WORDNUM.get(n_raw, 1)
    unit = m.group(2).lower()
    days = {"day": 1, "week": 7, "month": 30, "year": 365}.get(unit, 0) * n
    return (ref - dt.timedelta(days=days)).isoformat()


def find_dates(
    lines_or_text: str | Iterable[str], reference_date: str | None = None, *, max_lines: int = 400
) -> list[tuple[int, DateFinding, str]]:
    """Every date-like finding in the text, in order, each as (line index, finding, reason).

    Findings rejected as publication dates are kept with confidence 0 and a reason (``"widget"``,
    ``"crawl date"``, ``"future"``) so callers can count them.

    Args:
        lines_or_text: a list of lines, or a text that is split on newlines.
        reference_date: the crawl/reference date (ISO) if known.
        max_lines: only the first lines are read (publication dates sit near the top).
    """
    lines = lines_or_text.splitlines() if isinstance(lines_or_text, str) else list(lines_or_text)
    lines = [str(x) for x in lines[:max_lines]]
    out: list[tuple[int, DateFinding, str]] = []
    ref = _to_date(reference_date)
    for i, line in enumerate(lines):
        if len(line) > 600:  # a paragraph, not a byline: dates inside are events, not publication
            continue
        found = _first_absolute(line)
        if found:
            iso = found[0]
            context = " ".join(lines[max(0, i - 1): i + 2])
            short = len(line.strip()) <= 60
            if not _plausible(iso, reference_date):
                out.append((i, (None, "text", 0.0), "future or implausible"))
            elif "(@" in line:
                # "— Name (@handle) June 1, 2017" closes a quoted post: the post's date, not the article's.
                out.append((i, (None, "text", 0.0), "embedded post"))
            elif _RANGE_AFTER.match(line, found[2]):
                # "28.01.2022 – 29.01.2022": a period (a schedule, an offer), not a publication day.
                out.append((i, (None, "text", 0.0), "date range"))
            elif line[: found[1]].count(" ") > _DATELINE_WORDS and not _STRONG_PUB_CUE.search(line) \
                    and _in_sentence(line):
                # "... must be filed by 30 April 2022 with ...": an event the article talks about. A dateline
                # ("BERLIN, 5. Februar 2020 (dpa) - ...") opens its paragraph, so only later dates count here.
                out.append((i, (None, "text", 0.0), "inside prose"))
            elif ref is not None and iso == ref.isoformat() and not _PUB_CUE.search(line):
                out.append((i, (None, "text", 0.0), "crawl date"))
            elif short and not _PUB_CUE.search(line) and (
                _WIDGET_CUE.search(context) or (_WEEKDAY_LINE.search(line) and i < 5)
            ):
                # Today's date printed by the site's header (often beside the weather): not this article's.
                out.append((i, (None, "text", 0.0), "widget"))
            elif _STRONG_PUB_CUE.search(line) or (_PUB_CUE.search(line) and not _in_sentence(line)):
                # "am 3. März" marks a byline ("Veröffentlicht am ...", "Artikel vom ... am 3.3."), but opening a
                # sentence it is an event: "Am 22. Oktober 2019 erscheint die Edition ..." stays a text date.
                out.append((i, (iso, "byline", CONF_BYLINE), "byline"))
            else:
                out.append((i, (iso, "text", CONF_TEXT), "text"))
            continue
        rel = _RELATIVE.search(line)
        if rel and len(line.strip()) <= 120:
            phrase = rel.group(0)
            resolved = resolve_relative(phrase, reference_date)
            if resolved:
                out.append((i, (resolved, f"relative:{phrase}", CONF_RELATIVE), "relative resolved"))
            else:
                out.append((i, (None, f"relative:{phrase}", 0.0), "relative, no reference date"))
    return out


def find_date_in_text(lines_or_text: str | Iterable[str], reference_date: str | None = None) -> DateFinding:
    """The most trustworthy publication date in a page's lines (bylines, datelines, loose text).

    Args:
        lines_or_text: the page's lines (or text), top first.
        reference_date: ISO date the page was crawled/published around, used to resolve "2 weeks ago"
            and to reject the crawl date itself; None if unknown.

    Returns:
        ``(iso_or_None, evidence, confidence)``; evidence is ``"byline"``, ``"text"``, ``"relative:<phrase>"``
        or ``""``. A relative date without reference date gives ``(None, "relative:<phrase>", 0.0)``.
        Never raises.

    Example:
        >>> find_date_in_text(["Tuesday, March 3, 2025", "Old story", "Posted on 12 May 2019"])
        ('2019-05-12', 'byline', 0.8)
    """
    try:
        findings = find_dates(lines_or_text, reference_date)
    except Exception:  # noqa: BLE001 - a date is optional metadata
        return None, "", 0.0
    accepted = [f for _, f, _ in findings if f[0] is not None]
    if accepted:
        # Highest confidence wins; among equals the first (publication dates sit above the body).
        return max(accepted, key=lambda f: f[2])
    relative = [f for _, f, _ in findings if f[1].startswith("relative:")]
    if relative:
        return relative[0]
    return None, "", 0.0
