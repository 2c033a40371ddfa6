"""Positions: what a report presents its source as doing with a claim, when that is not vouching for it.

A source "stands behind" a claim when it says, writes, finds or plans it. Two things a report can write of a
source are not that, and counting them as origins would make a disputed claim look confirmed:

- **contests**: the source denies or disputes the claim ("the ministry denied that the dam was cracked",
  "opposition leaders rejected claims that ..."). Read from the words between the source (or its attribution's
  cue) and the claim: a contest verb of ``lexicon.toml [positions] contest`` that governs the claim directly
  ("denied that P"; "disputed P" for the verbs of ``bare_clause``) or through a noun of someone else's assertion ("dismissed reports that P"),
  not negated ("did not deny that P" is no denial). A contest verb that governs something else ("dismissed the
  case, saying P") is not read as one.
- **stance**: the attribution holding the claim is a stance (`newstrace.nlp.act_of`: "criticized the plan to
  close the school", "endorsed the bill"): the source takes a position on the claim; it reports nothing.

`origins.rules.v3` uses the decision: a contesting source is never an origin of the claim, and a stance holder is
not one while another wording of the claim gives an account of it (a claim that is nothing but stances keeps its
holders: the stance is the claim). Both are listed with the claim.

Example:
    >>> from newstrace.model import Span
    >>> t = "The ministry denied reports that the dam was cracked."
    >>> position_of(t, Span(t.index("the dam"), len(t) - 1), Span(0, t.index(" denied")))
    ('contests', "contests: 'denied reports that' governs it")
    >>> t2 = "The court dismissed the case, saying the evidence was thin."
    >>> position_of(t2, Span(t2.index("the evidence"), len(t2) - 1), Span(0, 9))[0] is None
    True
"""
from __future__ import annotations

import re
from functools import lru_cache

from newstrace.model import Span
from newstrace.nlp.cues import act_lexicon
from newstrace.provenance.lexicon import lexicon_data

__all__ = ["CONTESTS", "STANCE", "position_of"]

CONTESTS = "contests"
STANCE = "stance"
#: how far before the claim a governing contest verb may stand, in characters: a source phrase, the verb and an
#: assertion noun with its determiners ("Opposition leaders in parliament on Tuesday rejected the allegation that")
_REACH = 160
#: how far after the source phrase its verb may stand when the wording holds both: an appositive between them
#: ("Ana Velt, the region's governor, denied")
_AFTER_SOURCE = 60


@lru_cache(maxsize=1)
def _lexicon() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(contest verbs, bare-clause verbs, assertion nouns) of ``lexicon.toml [positions]``, as lemmas."""
    pos = lexicon_data()["positions"]
    return frozenset(pos["contest"]), frozenset(pos["bare_clause"]), frozenset(pos["assertion_nouns"])


def _is(word: str, lemmas: frozenset[str]) -> bool:
    """Whether `word` is an inflected form of one of `lemmas` (the cue lexicon's reading of -s/-ed/-ing/-ies)."""
    return act_lexicon().lemma(word, known=lemmas) in lemmas


_WORD = re.compile(r"\b[A-Za-z]+\b")
_TAIL = r"[\s\"“”'‘’`]*\Z"
# between a contest verb and the wording that follows it: "that", or an assertion noun with up to three modifiers
# before it ("the earlier media reports", "Smith's claim") and "that"/"of"/"about" after it
_GOVERNS = re.compile(rf"\A[\s,]*(?:(?:[\w'’.-]+\s+){{0,3}}?(?P<noun>[\w'’.-]+)\s+(?:that|of|about)\b|that\b){_TAIL}", re.I)
_NOTHING = re.compile(rf"\A[\s,]*{_TAIL}")
# after a contest verb inside a wording that holds its source: the first four words, to find "that" or an
# assertion noun as the object ("denied those claims in a statement", "rejected reports that ...")
_FIRST_WORDS = re.compile(r"\A[\s,]*((?:[\w'’.-]+\s*){1,4})")
# a bare clause: a subject of up to four words then a finite auxiliary ("denied militants were at the school",
# "denied the dam was cracked"), a gerund ("denied striking the town"), or a possessive or "any" object, an
# involvement denied ("denied his role", "denied any wrongdoing"); "denied the man bail" is no clause
_CLAUSE = re.compile(r"\A\s+(?:(?:[\w'’-]+\s+){1,4}?(?:was|were|is|are|had|has|have|did|does|do|would|will|could|"
                     r"should|may|might|can)\b|\w+ing\s+\w+|(?:his|her|its|their|any)\s+\w+)", re.I)


def _governs_before(rest: str, bare: bool) -> bool:
    """Whether a contest verb followed by `rest` (up to the wording) governs the wording."""
    _c, _b, nouns = _lexicon()
    m = _GOVERNS.match(rest)
    if m:
        return m.group("noun") is None or _is(m.group("noun").strip(".'’"), nouns)
    return bare and bool(_NOTHING.match(rest))


def governs_prefix(rest: str, bare: bool) -> bool:
    """Whether a contest verb followed by `rest` governs it: "that ...", "reports that ...", or a bare clause
    after a verb of ``bare_clause``."""
    _c, _b, nouns = _lexicon()
    m = _FIRST_WORDS.match(rest)
    if m:
        words = m.group(1).split()
        if words[0].lower() == "that" or any(_is(w.strip(".,'’"), nouns) for w in words):
            return True
    return bare and bool(_CLAUSE.match(rest))


_NEGATED = re.compile(r"\b(?:not|never|n't|no longer)\s+(?:\w+\s+)?\Z", re.I)


def position_of(text: str, wording: Span, source: Span | None, cue: Span | None = None,
                act: str | None = None) -> tuple[str | None, str]:
    """The position a report gives its source on one claim wording: a decision and its reason.

    The wording may follow its source ("Velt denied that [P]") or hold it (a whole sentence, "[Velt denied that
    P]"): in the first case the words between the source and the wording must be the contest verb and what it
    governs by; in the second the contest verb must stand at the source phrase (or be the cue) and govern what
    follows it. A wording before its source ("'[I took nothing],' he denied") is the source's own statement,
    whatever the verb: it vouches for it.

    Args:
        text: the report's text.
        wording: the claim wording's span.
        source: the span of the source phrase the report gives for the wording (`Source.span`), if any.
        cue: the cue span of the NLP attribution whose content holds the wording, if any.
        act: that attribution's act (`newstrace.nlp.act_of`), if any.

    Returns:
        (``"contests"``, reason), (``"stance"``, reason) or (None, reason) when the source vouches for it.
    """
    contest, bare, _n = _lexicon()
    for anchor in (a for a in (source, cue) if a is not None):
        if anchor.start < wording.start:
            start = max(anchor.start, wording.start - _REACH)
            region, whole = text[start:wording.start], True
        elif anchor.start < wording.end:
            # the verb closes the source phrase or follows it closely ("Ana Velt, the governor, denied")
            start = anchor.start
            region, whole = text[start:min(anchor.end + _AFTER_SOURCE, wording.end)], False
        else:
            continue
        for m in reversed([m for m in _WORD.finditer(region) if _is(m.group(0), contest)]):
            is_bare = _is(m.group(0), bare)
            if whole:
                ok = _governs_before(text[start + m.end():wording.start], is_bare)
            else:
                ok = governs_prefix(text[start + m.end():wording.end], is_bare)
            if ok and not _NEGATED.search(text[max(0, start + m.start() - 40):start + m.start()]):
                said = text[start + m.start():wording.start].strip() if whole else m.group(0)
                return CONTESTS, f"contests: '{said}' governs it"
    if act == STANCE:
        return STANCE, "stance: the report gives the source's position on it, not an account of it"
    return None, "vouches for it"
