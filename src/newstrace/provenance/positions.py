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


def _forms(lemma: str) -> set[str]:
    """A verb's or noun's regular English inflections (-s/-es/-ies, -ed/-d/-ied, -ing, a doubled last consonant)."""
    out = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"}
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        out |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if lemma.endswith("e"):
        out.add(lemma[:-1] + "ing")
    if re.search(r"[^aeiou][aeiou][bdgmnprt]$", lemma):
        out |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return out


def _alt(words: set[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], frozenset[str], re.Pattern[str], re.Pattern[str]]:
    pos = lexicon_data()["positions"]
    verbs = set().union(*(_forms(v) for v in pos["contest"]))
    bare = frozenset().union(*(_forms(v) for v in pos["bare_clause"]))
    nouns = set().union(*(_forms(n) for n in pos["assertion_nouns"]))
    verb_rx = re.compile(rf"\b(?:{_alt(verbs)})\b", re.I)
    tail = r"[\s\"“”'‘’`]*\Z"
    # what may stand between the verb and the claim: "that", or an assertion noun with up to three modifiers
    # before it ("the earlier media reports", "Smith's claim") and "that"/"of"/"about" after it; nothing at all
    # only after a verb of `bare_clause`
    governs = re.compile(rf"\A[\s,]*(?:(?:[\w'’.-]+\s+){{0,3}}?(?:{_alt(nouns)})\s+(?:that|of|about)\b|that\b){tail}", re.I)
    direct = re.compile(rf"\A[\s,]*{tail}")
    return verb_rx, bare, governs, direct


@lru_cache(maxsize=1)
def _prefix() -> tuple[re.Pattern[str], re.Pattern[str]]:
    nouns = set().union(*(_forms(n) for n in lexicon_data()["positions"]["assertion_nouns"]))
    # "that ...", or an assertion noun with up to three modifiers as the object ("denied those claims in a
    # statement", "rejected reports that ...")
    via = re.compile(rf"\A[\s,]*(?:(?:[\w'’.-]+\s+){{0,3}}?(?:{_alt(nouns)})\b|that\b)", re.I)
    # a bare clause: a subject of up to four words then a finite auxiliary ("denied militants were at the
    # school", "denied the dam was cracked"), or a gerund ("denied striking the town"); "denied the man bail" is
    # no clause
    # a possessive or "any" object is an involvement denied ("denied his role", "denied any wrongdoing")
    clause = re.compile(r"\A\s+(?:(?:[\w'’-]+\s+){1,4}?(?:was|were|is|are|had|has|have|did|does|do|would|will|could|"
                        r"should|may|might|can)\b|\w+ing\s+\w+|(?:his|her|its|their|any)\s+\w+)", re.I)
    return via, clause


def governs_prefix(rest: str, bare: bool) -> bool:
    """Whether a contest verb followed by `rest` governs it: "that ...", "reports that ...", or a bare clause
    after a verb of ``bare_clause``."""
    via, clause = _prefix()
    return bool(via.match(rest) or (bare and clause.match(rest)))


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
    verb_rx, bare, governs, direct = _patterns()
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
        for m in reversed(list(verb_rx.finditer(region))):
            rest = text[start + m.end():wording.start] if whole else text[start + m.end():wording.end]
            if whole:
                ok = governs.match(rest) or (m.group(0).lower() in bare and direct.match(rest))
            else:
                ok = governs_prefix(rest, m.group(0).lower() in bare)
            if ok and not _NEGATED.search(text[max(0, start + m.start() - 40):start + m.start()]):
                said = text[start + m.start():wording.start].strip() if whole else m.group(0)
                return CONTESTS, f"contests: '{said}' governs it"
    if act == STANCE:
        return STANCE, "stance: the report gives the source's position on it, not an account of it"
    return None, "vouches for it"
