"""Small text helpers shared by claim alignment and provenance: sentence spans, content tokens, quantities.

These are deliberately dependency-free and linear in the text length, so a story of 500 reports stays cheap.

Example:
    >>> [s.of("He left. She said so.") for s in sentence_spans("He left. She said so.")]
    ['He left.', 'She said so.']
    >>> sorted(quantity_tokens("58 km (36 miles)"))[:1]
    ['Q:len:42']
"""
from __future__ import annotations

import math
import re
from functools import lru_cache

from anyascii import anyascii

from newstrace.model import Span

# Abbreviations that end with a period but do not end a sentence (titles, initials, months, places).
_ABBREV = {
    "mr", "mrs", "ms", "dr", "st", "sgt", "gen", "gov", "lt", "col", "capt", "maj", "rep", "sen", "prof", "jr", "sr",
    "inc", "corp", "co", "ltd", "no", "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "u.s", "u.k", "b.c", "d.c", "a.m", "p.m", "colo", "calif", "fla", "mass", "ariz", "ave", "mt", "ft",
}
_END = re.compile(r"[.!?]+['\"’”)]*(?:\s*(?:''|\"))?(?=\s+)|\n+")


def sentence_spans(text: str) -> list[Span]:
    """Split `text` into sentence spans (stripped of surrounding whitespace).

    Args:
        text: a report's clean text.

    Returns:
        Spans in text order; every character of a sentence is inside exactly one span.
    """
    return list(_sentence_spans(text))


# pure in its text and called many times on the same texts by every stage of a dossier (ECB+ and perturbed
# stories: about a tenth of a dossier's build), so it is read once per text; the caller gets its own list
@lru_cache(maxsize=2048)
def _sentence_spans(text: str) -> tuple[Span, ...]:
    return tuple(_sentence_spans_uncached(text))


def _sentence_spans_uncached(text: str) -> list[Span]:
    spans: list[Span] = []
    start = 0
    for m in _END.finditer(text):
        end = m.end()
        if not m.group(0).startswith("\n"):
            word = re.search(r"([\w.]+)[.!?]+['\"’”)]*(?:\s*(?:''|\"))?$", text[start:end])
            w = (word.group(1) if word else "").lower().rstrip(".")
            nxt = text[end : end + 3].lstrip()
            # an abbreviation or initial, or a following lowercase word, means the sentence goes on
            if w in _ABBREV or (len(w) == 1 and w.isalpha()) or (nxt[:1].islower()):
                continue
        _add(spans, text, start, end)
        start = end
    _add(spans, text, start, len(text))
    return spans


def _add(spans: list[Span], text: str, start: int, end: int) -> None:
    seg = text[start:end]
    lead = len(seg) - len(seg.lstrip())
    trail = len(seg) - len(seg.rstrip())
    if end - trail > start + lead:
        spans.append(Span(start + lead, end - trail))


STOPWORDS = frozenset(
    """a an the and or but if of to in on at by for with from as into onto about over under after before than then
    that this these those there here it its it's he she they them his her their him we us our you your i me my
    is are was were be been being has have had do does did not no nor so such too very can could would should will
    may might must shall just also only even still yet more most much many some any all each every other another
    who whom whose which what when where why how while said says say saying told tells tell according reported
    reports reportedly statement mr mrs ms s t don didn doesn n't 's '' `` -- - one two""".split()
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*[A-Za-z]|[A-Za-z]")
_SUFFIXES = ("ations", "ation", "ingly", "ments", "ment", "ings", "ing", "edly", "ies", "ied", "ers", "ed", "es", "er", "ly", "s")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A crude, fast suffix stripper (why: no stemmer dependency; only equality of stems matters here)."""
    w = word.lower().replace("’", "'")
    for suf in _SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            w = w[: -len(suf)]
            break
    return w[:7]


def content_tokens(text: str) -> list[str]:
    """Lower-cased stems of the content words of `text` (stop words dropped), ASCII-folded."""
    return list(_content_tokens(text))


# pure in its text and called many times on the same texts by every stage of a dossier (ECB+ and perturbed
# stories: about a tenth of a dossier's build), so it is read once per text; the caller gets its own list
@lru_cache(maxsize=65536)
def _content_tokens(text: str) -> tuple[str, ...]:
    return tuple(_content_tokens_uncached(text))


def _content_tokens_uncached(text: str) -> list[str]:
    out = []
    for m in _WORD.finditer(anyascii(text)):
        w = m.group(0).strip(".'-").lower()
        if len(w) < 2 or w in STOPWORDS:
            continue
        out.append(stem(w))
    return out


# Units converted to one base per dimension, so 58 km and 36 miles compare equal.
_UNITS: dict[str, tuple[str, float]] = {
    "km": ("len", 1.0), "kms": ("len", 1.0), "kilometres": ("len", 1.0), "kilometers": ("len", 1.0),
    "kilometre": ("len", 1.0), "kilometer": ("len", 1.0), "mile": ("len", 1.609344), "miles": ("len", 1.609344),
    "mi": ("len", 1.609344), "m": ("len", 0.001), "metres": ("len", 0.001), "meters": ("len", 0.001),
    "feet": ("len", 0.0003048), "ft": ("len", 0.0003048),
    "kg": ("mass", 1.0), "kilograms": ("mass", 1.0), "pounds": ("mass", 0.45359237), "lbs": ("mass", 0.45359237),
    "tonnes": ("mass", 1000.0), "tons": ("mass", 907.18474),
}
_SCALE = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mln": 1e6, "m": 1e6, "mm": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9}
_CURRENCY = {"$": "usd", "us$": "usd", "€": "eur", "£": "gbp", "usd": "usd", "dollars": "usd", "euros": "eur", "pounds": "gbp"}
_QTY = re.compile(
    r"(?P<cur>US\$|\$|€|£)?\s?(?P<num>\d[\d,]*(?:\.\d+)?)\s?(?:-\s?)?(?P<scale>thousand|million|mln|billion|bn|MM|[mMkKbB]\b)?"
    r"\s?(?:-\s?)?(?P<unit>kilomet(?:er|re)s?|kms?|miles?|mi|metres|meters|feet|ft|kilograms|kg|pounds|lbs|tonnes|tons|dollars|euros|percent|%|"
    r"(?:second|minute|hour|day|week|month|year)s?\b)?",
)
# a count of time units is a duration, not a count of things: "10 hours" is not "10 people"; value in hours
_DURATION = {"second": 1 / 3600, "minute": 1 / 60, "hour": 1.0, "day": 24.0, "week": 168.0, "month": 730.0, "year": 8766.0}
_DUR_AFTER = re.compile(r"\s?(?:-\s?)?(second|minute|hour|day|week|month|year)s?\b", re.I)
_WORDNUM = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
            "eleven": 11, "twelve": 12, "twenty": 20, "dozen": 12, "hundred": 100}


def quantities(text: str) -> list[tuple[str, float, Span]]:
    """Numbers in `text` as (dimension, value in base unit, span): ``("len", 58.0, ...)`` for "58 km".

    Dimensions: ``len`` (km), ``mass`` (kg), ``usd``/``eur``/``gbp`` (money), ``pct``, ``year``, ``dur`` (hours:
    "10 hours" is a duration, not the count "10 people"), ``num``.
    """
    return list(_quantities(text))


# pure in its text and called many times on the same texts by every stage of a dossier (ECB+ and perturbed
# stories: about a tenth of a dossier's build), so it is read once per text; the caller gets its own list
@lru_cache(maxsize=65536)
def _quantities(text: str) -> tuple[tuple[str, float, Span], ...]:
    return tuple(_quantities_uncached(text))


def _quantities_uncached(text: str) -> list[tuple[str, float, Span]]:
    out: list[tuple[str, float, Span]] = []
    for m in _QTY.finditer(text):
        raw = m.group("num").replace(",", "")
        try:
            val = float(raw)
        except ValueError:
            continue
        cur, scale, unit = m.group("cur"), (m.group("scale") or "").lower(), (m.group("unit") or "").lower()
        if scale:
            val *= _SCALE.get(scale, 1.0)
        if cur:
            dim = _CURRENCY[cur.lower()]
        elif unit in ("dollars", "euros"):
            dim = _CURRENCY[unit]
        elif unit in ("percent", "%"):
            dim = "pct"
        elif unit.rstrip("s") in _DURATION:
            dim, val = "dur", val * _DURATION[unit.rstrip("s")]
        elif unit in _UNITS:
            dim, factor = _UNITS[unit]
            val *= factor
        elif "." not in raw and 1800 <= val <= 2100 and len(raw) == 4:
            dim = "year"
        else:
            dim = "num"
        raw_span = m.group(0)
        lead = len(raw_span) - len(raw_span.lstrip())
        out.append((dim, val, Span(m.start() + lead, m.start() + len(raw_span.rstrip()))))
    for m in re.finditer(r"\b(" + "|".join(_WORDNUM) + r")\b", text, re.I):
        val, dim = float(_WORDNUM[m.group(1).lower()]), "num"
        d = _DUR_AFTER.match(text, m.end())
        if d:
            dim, val = "dur", val * _DURATION[d.group(1).lower()]
        out.append((dim, val, Span(m.start(), m.end())))
    return out


def quantity_tokens(text: str) -> set[str]:
    """Tokens for the quantities of `text` that match across unit conversions and small rounding.

    Why two buckets: a converted or rounded value (distance, mass, money) is put in log-buckets 10% wide at two
    offsets, so any two values within about 5% of each other share at least one token (36 miles = 57.9 km and
    58 km do). Plain numbers, percentages and years match exactly.
    """
    toks: set[str] = set()
    for dim, val, _span in quantities(text):
        if dim in ("year", "num", "pct", "dur"):
            # counts, scores and shares are reported exactly: 5.9 and 6.1 are two magnitudes, 10 and 12 two tolls
            toks.add(f"Q:{dim}:{val:g}")
            continue
        if val <= 0:
            continue
        b = math.log(val) / math.log(1.1)
        toks.add(f"Q:{dim}:{math.floor(b)}")
        toks.add(f"Q:{dim}:{math.floor(b + 0.5)}h")
    return toks
