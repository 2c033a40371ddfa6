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


def parse_byline(line: str) -> list[str]:
    """The author names in a byline line, or ``[]`` when the line is not a byline.

    Args:
        line: one line of text, e.g. ``"By Jane Doe, Reuters · March 3, 2025"``.

    Returns:
        Names in order, e.g. ``["Jane Doe"]``; organisations after a separator are not authors.
    """
    s = line.strip()
    if len(s.split()) > MAX_BYLINE_WORDS:
        return []
    m = BYLINE.match(s)
    if not m:
        return []
    names = m.group("names")
    names = DATE.split(names)[0] if DATE.search(names) else names
    # the part before a separator ("|", "·", ",", "Updated ...") holds the people; with two or more names the
    # comma separates names, so keep splitting on " and " first
    head = re.split(r"\s*[|·•–—(]\s*|\s-\s|\b(?:updated|published|posted|veröffentlicht|publié)\b", names, flags=re.I)[0]
    out = []
    for part in _SPLIT.split(head):
        part = part.strip(" .:")
        words = part.split()
        if not words or len(words) > 4:
            continue
        if not all(_NAME_WORD.match(w) for w in words):
            continue
        if TIME.search(part) or DATE.search(part):
            continue
        out.append(part)
    return out


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
    first = next((i for i, k in enumerate(keep) if k), len(lines))
    top = range(0, first)
    keys = [norm_line(line) for line in lines]
    candidates = [i for i in top if not keep[i] and is_headline_like(lines[i])]
    if not candidates:
        return None
    repeated = [i for i in candidates if keys.count(keys[i]) >= 2]
    # the headline sits just above the story; a repeated headline-like line is almost surely the title
    pool = repeated or candidates
    return max(pool) if not repeated else min(pool, key=lambda i: (first - i))
