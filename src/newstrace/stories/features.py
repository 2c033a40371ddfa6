"""Cheap per-report features for story clustering: words, names, numbers, years.

Names, places, numbers and dates are what tell two look-alike stories apart (two earthquakes, two celebrities
entering rehab), so besides body and title words every report gets a bag of *name* keys (capitalised word
sequences, plus spaCy mentions when the NLP stage ran) and a bag of *number* keys (digit tokens, years).
Everything here is a pure function of one report; document frequencies live in `StoryIndex`.

Example:
    >>> from newstrace.model import Report
    >>> f = extract(Report(id="a", title="quake hits Qeshm", text="A 5.9 quake hit Qeshm island in 2005."))
    >>> sorted(f.names) == [name_key("Qeshm")]
    True
    >>> sorted(f.numbers)
    ['2005', '5.9']
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from anyascii import anyascii
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from ..model import Report

_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*[A-Za-z]|[A-Za-z]")
_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*(?![\w])")
# A capitalised token; sequences of them (optionally joined by "of"/"de"/...) are name candidates.
_TOKEN = re.compile(r"\S+")
_JOINERS = {"of", "de", "la", "van", "von", "der", "du", "bin", "al", "del"}
_STOP = frozenset(ENGLISH_STOP_WORDS) | {"said", "says", "say", "told", "year", "years", "new", "like", "just",
                                         "time", "people", "mr", "mrs", "ms", "s", "t", "ll", "re", "ve", "d"}
# Capitalised words that start sentences or name calendar things carry no story identity.
_NOT_NAMES = _STOP | {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
                      "february", "march", "april", "may", "june", "july", "august", "september", "october",
                      "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
                      "oct", "nov", "dec", "i", "ap", "reuters", "afp", "cnn", "bbc", "update", "updated",
                      "posted", "published", "photo", "video", "read", "click", "share", "comments"}
# Number words say the same as digits ("eleven injured" = "11 injured"); only the unambiguous ones (no "one").
_NUMBER_WORDS = {w: str(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split()) if i > 1}
_NUMBER_WORDS.update({w: str(10 * i) for i, w in enumerate("thirty forty fifty sixty seventy eighty ninety".split(), 3)})
_NUMBER_WORD = re.compile(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b", re.IGNORECASE)
_VOWELS = re.compile(r"[aeiouy]+")
_NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
_NUMBER_LABELS = {"DATE", "CARDINAL", "MONEY", "QUANTITY", "PERCENT", "TIME", "ORDINAL"}


@dataclass(slots=True)
class Features:
    """Term bags of one report (raw counts; weighting happens against the index's document frequencies)."""

    body: Counter[str] = field(default_factory=Counter)
    title: Counter[str] = field(default_factory=Counter)
    names: Counter[str] = field(default_factory=Counter)
    numbers: Counter[str] = field(default_factory=Counter)
    empty: bool = True

    def keys(self) -> set[str]:
        """Every namespaced key (``w:``, ``n:``, ``#:``) used for document frequencies and retrieval."""
        return ({"w:" + t for t in self.body} | {"w:" + t for t in self.title} | {"n:" + t for t in self.names}
                | {"#:" + t for t in self.numbers})


def _fold(w: str) -> str:
    # rehabs/rehab, quakes/quake: cheap plural folding of a lower-cased word, without a stemmer
    return w[:-1] if len(w) > 4 and w.endswith("s") and not w.endswith("ss") else w


def word_key(token: str) -> str:
    """The body/title key of one word token: lower case, light plural folding ("" for a one-letter token)."""
    w = token.lower().strip("'-")
    return _fold(w) if len(w) >= 2 else ""


def words(text: str) -> list[str]:
    """Lower-cased content words (stop words and one-letter tokens dropped, light plural folding)."""
    out = []
    for m in _WORD.finditer(text):
        w = m.group().lower().strip("'-")
        if len(w) < 2 or w in _STOP:
            continue
        out.append(_fold(w))
    return out


def names(text: str) -> list[str]:
    """Capitalised word sequences ("Tara Reid", "Promises Treatment Center") plus their single words.

    Single words are kept too so "Reid" later in the text meets "Tara Reid" earlier.
    """
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        while run and run[-1].lower() in _JOINERS:
            run.pop()
        if run:
            if len(run) > 1 or "-" in run[0]:
                out.append(name_key(" ".join(run)))
            for w in run:
                if w.lower() not in _JOINERS:
                    out.extend(name_key(p) for p in w.split("-") if p and p.lower() not in _JOINERS)
        run.clear()

    for m in _TOKEN.finditer(text):
        tok = m.group()
        core = tok.strip("\"'“”‘’()[],.;:!?")
        if core and core[0].isupper() and core[1:].lower() != core[1:] and len(core) > 3 and core.isupper():
            core = core.title()  # ALL-CAPS headline words: treat like capitalised ones
        if core and core[0].isupper() and core.replace("-", "").replace(".", "").isalpha() and \
                core.lower() not in _NOT_NAMES:
            run.append(core)
        elif run and core.lower() in _JOINERS and core == core.lower():
            run.append(core)
        else:
            flush()
        if tok and tok[-1] in ".,;:!?\"”)":
            flush()
    flush()
    return [n for n in out if len(n) > 1]


# A text whose cased letters are at least this share upper case is shouted (wire copy, broadcast scripts): its
# capitals no longer say which words are names. One lower-case word in ten still leaves a text shouted.
SHOUTED_SHARE = 0.9
_MIN_SHOUTED_LETTERS = 20


def shouted(text: str) -> bool:
    """Whether `text` is written in capitals throughout ("POLICE HAVE MOVED IN ..."), so case marks no names.

    Example:
        >>> shouted("RCMP MAKE ARRESTS IN BC POLYGAMOUS COMMUNITY."), shouted("RCMP make arrests in BC")
        (True, False)
    """
    upper = sum(map(str.isupper, text))  # no character is both, so two passes count what one loop did
    lower = sum(map(str.islower, text))
    return upper + lower >= _MIN_SHOUTED_LETTERS and upper >= SHOUTED_SHARE * (upper + lower)


def recase(text: str, is_name: Callable[[str], bool]) -> str:
    """A shouted text with only its name words capitalised, so `names` can find them; same length as `text`.

    Args:
        text: the shouted text.
        is_name: decides, for a lower-cased word, whether it is written as a name (the story index asks its
            own counts: has the store seen the word capitalised in most reports that use it?).

    Example:
        >>> recase("WALLY OPAL SAID", lambda w: w in {"wally", "opal"})
        'Wally Opal said'
    """
    def one(m: re.Match[str]) -> str:
        w = m.group()
        low = w.lower()
        if len(low) != len(w):  # a letter whose lower case is longer ("İ") would shift every offset after it
            return w
        return low[:1].upper() + low[1:] if is_name(low) else low

    return _WORD.sub(one, text)


@lru_cache(maxsize=1 << 16)  # pure, and a store's names repeat (every mention of a person in every report)
def name_key(name: str) -> str:
    """Spelling- and transliteration-insensitive key of a name: "Al-Nour", "Al Noor" and "the Al Nour" agree.

    Hyphens become spaces, a leading article goes, and every run of vowels becomes one "a": transliterations of
    the same name (Noor/Nour, Mohammed/Muhammad, Gaddafi/Qaddafi aside) differ mostly in their vowels, while the
    consonant skeleton and the word count still keep different names apart.

    Example:
        >>> name_key("Al-Nour") == name_key("Al Noor")
        True
    """
    words_ = anyascii(name).lower().replace("-", " ").replace(".", " ").split()
    if words_ and words_[0] in {"the", "a", "an"}:
        words_ = words_[1:]
    return " ".join(_VOWELS.sub("a", w) for w in words_)


def numbers(text: str) -> list[str]:
    """Digit tokens with separators normalised ("13,000" -> "13000"), and number words as digits ("eleven" ->
    "11"); bare 0/1 are dropped as noise."""
    out = [_NUMBER_WORDS[m.group().lower()] for m in _NUMBER_WORD.finditer(text)]
    for m in _NUMBER.finditer(text):
        n = m.group().replace(",", "")
        if n in {"0", "1"}:
            continue
        out.append(n)
    return out


def extract(report: Report, is_name: Callable[[str], bool] | None = None) -> Features:
    """Features of one report from its title, text and (when present) spaCy mentions.

    Args:
        report: any report; an empty text and title give `Features(empty=True)`.
        is_name: for shouted titles and texts (`shouted`), which lower-cased words are names (`recase`);
            without it every shouted word is taken for a name, as capitalised words are. NER's name mentions
            of a shouted text are not used: capitals mislead it too ("MEN" ORG, "WINSTON" NORP).

    Returns:
        The report's `Features`.
    """
    text = report.text or ""
    title = report.title or ""
    f = Features()
    f.body.update(words(text))
    f.title.update(words(title))
    loud = is_name is not None and shouted(text)
    f.names.update(names(recase(title, is_name) if is_name is not None and shouted(title) else title))
    f.names.update(names(recase(text, is_name) if loud and is_name else text))
    f.numbers.update(numbers(title))
    f.numbers.update(numbers(text))
    for m in report.mentions or ():
        if m.label in _NAME_LABELS:
            if loud:
                continue
            k = name_key(m.text)
            if k:
                f.names[k] += 1
        elif m.label in _NUMBER_LABELS:
            f.numbers.update(numbers(m.text))
    f.empty = not (f.body or f.title or f.names or f.numbers)
    return f


def sublinear(c: Counter[str]) -> dict[str, float]:
    """1 + log(tf): repeated words count, but less than linearly."""
    return {t: 1.0 + math.log(n) for t, n in c.items() if n > 0}
