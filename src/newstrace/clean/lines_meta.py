"""Title and authors from the chrome around an article's lines (the lines the classifier dropped).

Plain text has no tags, so the title is found by its shape and place: a headline-like line (a few words, no
closing full stop, not chrome) above the article body, preferring one the page repeats (sites print the
headline twice: in the breadcrumb or ``<title>`` and above the story). Bylines ("By Staff", "Von Jane Doe",
"Par X et Y") give the authors.

Example:
    >>> parse_byline("By Jane Doe and Ahmed Karim | Reuters")
    ['Jane Doe', 'Ahmed Karim']
    >>> parse_byline("By Staff")
    ['Staff']
"""
from __future__ import annotations

import re

from .lines_features import AGO, CHROME, DATE, READMORE, TEMP, TIME, URL, norm_line

BYLINE = re.compile(
    r"^\s*(?:written by|posted by|reporting by|story by|words by|by|von|par|por|di|door|autor(?:in)?:|author:)\s+"
    r"(?P<names>.+)$",
    re.I,
)
_CUT = re.compile(r"\s*(?:[|·•,;–—(]|\s-\s|\bupdated\b|\bpublished\b|\bposted\b|\bon\b|\bveröffentlicht\b|"
                  r"\bpublié\b|\bam\b\s+\d)", re.I)
_SPLIT = re.compile(r"\s*(?:,|&|\band\b|\bund\b|\bet\b|\by\b|\be\b)\s*", re.I)
_NAME_WORD = re.compile(r"^[A-ZÀ-ÖØ-Þ][\w'’.-]*$|^(de|da|van|von|der|del|la|le|bin|al|el|di)$")
MAX_BYLINE_WORDS = 14


_ROLE = re.compile(r"^(staff|senior|chief|political|foreign|special)?\s*(writer|reporter|correspondent|editor|"
                   r"contributor|columnist|staff writer|staff reporter)s?$", re.I)
_TRAILING_BY = re.compile(r"\bby\s+(?P<names>[A-ZÀ-ÖØ-Þ][^|·•]*)$")


def parse_byline(line: str) -> list[str]:
    """The author names in a byline line, or ``[]`` when the line is not a byline.

    A line is a byline only when everything between "By" and the first separator (``|``, ``·``, a date,
    "Updated ...") is a list of capitalised names, so a sentence such as "By Tuesday, the ministry said ..."
    is not taken for one.

    Args:
        line: one line of text, e.g. ``"By Jane Doe, Reuters · March 3, 2025"``.

    Returns:
        Names in order, e.g. ``["Jane Doe", "Reuters"]``; job titles ("Staff Writer") are left out unless they
        are the whole byline ("By Staff").
    """
    s = line.strip()
    if len(s.split()) > MAX_BYLINE_WORDS or s.endswith((".", "!", "?", ":")) and not s.endswith(" Jr."):
        return []
    m = BYLINE.match(s)
    if not m:
        # "Posted on May 12, 2019 by Tom Becker"
        m = _TRAILING_BY.search(s) if (DATE.search(s) or re.match(r"^(posted|published)\b", s, re.I)) else None
        if not m:
            return []
    names = m.group("names")
    names = DATE.split(names)[0] if DATE.search(names) else names
    head = re.split(r"\s*[|·•–—(]\s*|\s-\s|\b(?:updated|published|posted|veröffentlicht|publié)\b", names,
                    flags=re.I)[0]
    parts = [part.strip(" .:") for part in _SPLIT.split(head)]
    parts = [part for part in parts if part]
    out = []
    for part in parts:
        words = part.split()
        if len(words) > 4 or not all(_NAME_WORD.match(w) for w in words) or TIME.search(part):
            return []
        out.append(part)
    people = [part for part in out if not _ROLE.match(part)]
    return people or out


def is_headline_like(line: str) -> bool:
    """Whether a line could be a headline: 3-30 words, no closing full stop, no chrome, widget or date."""
    s = line.strip()
    words = s.split()
    if not 3 <= len(words) <= 30 or s.endswith((".", ":", "…", "...")) or s.startswith(("©", "(")):
        return False
    if BYLINE.match(s) or READMORE.match(s) or URL.search(s) or TEMP.search(s) or AGO.search(s):
        return False
    if DATE.search(s) or TIME.search(s):
        return False
    # one chrome word in a long headline is fine ("Video shows ..."); a short line of chrome words is not
    return len(CHROME.findall(s)) * 3 < len(words)


def find_title(lines: list[str], keep: list[bool]) -> int | None:
    """Index of the title line among the dropped lines above the article, or None.

    Args:
        lines: the page's lines.
        keep: the classifier's decision per line.

    Returns:
        The index of the chosen line.
    """
    if not lines:
        return None
    first = next((i for i, k in enumerate(keep) if k), None)
    byline = next((i for i, line in enumerate(lines[: first if first is not None else len(lines)])
                   if parse_byline(line)), None)
    # the headline sits above the byline, or above the story; with neither there is no headline to trust
    anchor = byline if byline is not None else first
    if anchor is None:
        return None
    top = range(0, anchor)
    keys = [norm_line(line) for line in lines]
    candidates = [i for i in top if not keep[i] and is_headline_like(lines[i])]
    if not candidates:
        return None
    repeated = [i for i in candidates if keys.count(keys[i]) >= 2]
    # the headline sits just above the story; a repeated headline-like line is almost surely the title
    pool = repeated or candidates
    return max(pool)
