"""Resolve a pronoun or a description used as a source to the nearest compatible named entity.

Deliberately small and deterministic (no neural coreference): `he`/`she` take the nearest preceding PERSON;
`it` and organisation descriptions (`the company`, `the newspaper`, `the ministry`) the nearest preceding
ORG (outlet words prefer an outlet-like ORG); person descriptions (`the pastor`, `the driver`) the nearest
PERSON.  (The caller expands a person's name to its fullest form in the report.)  Referents never named stay None (`the
statement`, `they` = protesters) - a guess would be an invented source.

Example:
    >>> from newstrace.model import Mention, Span
    >>> ms = [Mention("d", Span(0, 11), "PERSON", "Richard Roe")]
    >>> resolve("he", "he", 40, ms)
    'Richard Roe'
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from ..model import Mention
from .cues import DOCUMENT_NOUNS, ORG_NOUNS, OUTLET_WORDS, PERSON_NOUNS, PRONOUNS_NEUTER, PRONOUNS_PERSON

# How far back (characters) an antecedent may lie; beyond it the text has usually moved on.  Pronouns are
# local (a few sentences); descriptions like "the company" refer back further.
PRONOUN_WINDOW = 1500
DESCRIPTION_WINDOW = 4000


# The grammatical gender of third-person pronouns; a name's gender is only known from the text itself
# (honorifics, gendered role nouns, earlier pronoun agreement), never from a list of first names.
PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}


def gender_key(name: str) -> str:
    """The key a person's gender is stored under: the lower-cased last word of the name."""
    words = name.lower().split()
    return words[-1] if words else ""


def _nearest(mentions: Sequence[Mention], before: int, labels: set[str], window: int, prefer: set[str] | None = None,
             skip: Callable[[Mention], bool] | None = None) -> Mention | None:
    best = None
    for m in reversed(mentions):
        if m.span.end > before:
            continue
        if before - m.span.end > window:
            break
        if m.label in labels and not (skip is not None and skip(m)):
            if prefer and not (set(m.text.lower().split()) & prefer):
                best = best or m
                continue
            return m
    return best


_BREAK = re.compile(r"[,.;:!?()\"“”]")


def _role_evidence(text: str, m: Mention, head_lower: str) -> bool:
    """The text calls `m` by the role noun `head_lower`: in its own words ("National Renewal Party"), as the title
    just before it ("Judge Philip Hickok", "police commissioner Charles Ramsey"; not "Judge Hickok sentenced
    Jeremy Ortiz") or in an appositive just after it ("Salva Kiir, the president of South Sudan,")."""
    def has(words: str) -> bool:
        return head_lower in {w.strip("'’").removesuffix("'s").removesuffix("’s") for w in words.lower().split()}

    if has(m.text):
        return True
    before = _BREAK.split(text[max(0, m.span.start - 80):m.span.start])[-1].split()
    if before and has(before[-1]):  # the title is the word just before the name, or the noun is any other word
        return True
    after = text[m.span.end:m.span.end + 120]
    if after.startswith(","):
        return has(_BREAK.split(after[1:])[0])
    return False


def resolve_v3(source_text: str, head_lower: str, start: int, mentions: Sequence[Mention], text: str,
               genders: Mapping[str, str] | None = None) -> str | None:
    """`resolve` with role evidence for descriptions (the ``.v3`` attributors): "the judge", "the commissioner",
    "the directorate" name the nearest entity the text calls by that noun (`_role_evidence`), whether or not the
    noun is in the person and organisation lists; the nearest person is often someone else ("the judge" after the
    victim's name). With no such entity, and for pronouns, it is `resolve`.

    Example:
        >>> from newstrace.model import Mention, Span
        >>> t = "Judge Philip Hickok sentenced Jeremy Ortiz. The judge said it was cold-blooded."
        >>> ms = [Mention("d", Span(6, 19), "PERSON", "Philip Hickok"), Mention("d", Span(30, 42), "PERSON", "Jeremy Ortiz")]
        >>> resolve_v3("The judge", "judge", 44, ms, t), resolve("The judge", "judge", 44, ms)
        ('Philip Hickok', 'Jeremy Ortiz')
    """
    words = source_text.lower().split()
    if head_lower in PRONOUNS_PERSON or head_lower in PRONOUNS_NEUTER or not words or words[0] not in _DETERMINERS:
        return resolve(source_text, head_lower, start, mentions, genders)
    if head_lower in DOCUMENT_NOUNS or head_lower in OUTLET_WORDS:
        return resolve(source_text, head_lower, start, mentions, genders)
    labels = {"ORG"} if head_lower in ORG_NOUNS else {"PERSON"} if head_lower in PERSON_NOUNS else {"PERSON", "ORG"}
    m = _nearest(mentions, start, labels, DESCRIPTION_WINDOW, skip=lambda x: not _role_evidence(text, x, head_lower))
    if m is not None:
        return m.text
    return resolve(source_text, head_lower, start, mentions, genders)


_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})


def resolve(source_text: str, head_lower: str, start: int, mentions: Sequence[Mention],
            genders: Mapping[str, str] | None = None) -> str | None:
    """The name a pronoun/description source refers to, or None.

    Args:
        source_text: the source span's text as written.
        head_lower: its lower-cased syntactic head word.
        start: the source's character offset (antecedents must end before it).
        mentions: the report's entity mentions, sorted by start.
        genders: known genders ("m"/"f") of persons by `gender_key`; "she" skips a person known to be "m".

    Returns:
        The resolved name, or None when the referent is not named (or the source already is a name).
    """
    words = source_text.lower().split()
    if head_lower in PRONOUNS_PERSON:
        want = PRONOUN_GENDER.get(head_lower)
        known = genders or {}
        m = _nearest(mentions, start, {"PERSON"}, PRONOUN_WINDOW,
                     skip=lambda x: known.get(gender_key(x.text), want) != want)
        return m.text if m else None
    if head_lower in PRONOUNS_NEUTER:
        m = _nearest(mentions, start, {"ORG"}, PRONOUN_WINDOW)
        return m.text if m else None
    if not words or words[0] not in {"the", "this", "that", "these", "those"}:
        return None
    if head_lower in DOCUMENT_NOUNS:
        return None
    if head_lower in OUTLET_WORDS:
        m = _nearest(mentions, start, {"ORG", "WORK_OF_ART"}, DESCRIPTION_WINDOW, prefer=set(OUTLET_WORDS))
        # only an outlet-like name will do: "the newspaper" is not the last organisation mentioned
        return m.text if m and set(m.text.lower().split()) & OUTLET_WORDS else None
    if head_lower in ORG_NOUNS:
        m = _nearest(mentions, start, {"ORG"}, DESCRIPTION_WINDOW)
        return m.text if m else None
    if head_lower in PERSON_NOUNS:
        m = _nearest(mentions, start, {"PERSON"}, DESCRIPTION_WINDOW)
        return m.text if m else None
    return None
