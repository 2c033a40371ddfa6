"""The NLP stage: entity mentions, attributions (who said what, via whom) and claims for English reports.

Imports are lazy so that ``import newstrace.nlp`` costs nothing until a report is annotated.

Example:
    >>> from newstrace.model import Report
    >>> from newstrace.nlp import annotate, attributions_json
    >>> r = next(annotate([Report(id="d1", text='"We will win," she said.')]))
    >>> attributions_json(r)["attributions"][0]["content"]["text"]
    '"We will win,"'
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Report

__all__ = ["annotate", "attributions_json", "annotate_v1", "annotate_beliefs_v1", "annotate_v2", "annotate_beliefs_v2",
           "annotate_acts_v1", "annotate_acts_v2", "annotate_beliefs_v3", "annotate_acts_v3", "act_of", "BELIEFS_V3_ACTS"]


def annotate(reports: Iterable[Report], *, batch_size: int = 16, beliefs: bool = False, max_chunk_chars: int | None = None,
             selective: bool = True, other_acts: bool = False, line_starts: bool = False,
             v3_rules: bool = False, acts_kept: frozenset[str] | None = None) -> Iterator[Report]:
    """Fill `mentions`, `attributions` and `claims` of each English report; yields reports in input order.

    Args:
        reports: reports whose `text` is the clean article text.
        batch_size: how many chunks spaCy parses per batch.
        beliefs: also report stated beliefs (`X believes P`, named holder, finite clause); off here, as the
            attrib-dev guideline excludes them (the registry's default attributor turns it on).
        max_chunk_chars: chunk size for long texts (default `pipeline.MAX_CHUNK_CHARS`).
        selective: run the tokenizer and NER on all text and the parse only on sentences that can hold an
            attribution (a cue word, a quotation, a colon, "according"): ``attribution.v2``. Off, everything is
            parsed (``attribution.v1``). Attributions and mentions are the same on attrib-dev and its extra set;
            claims of unparsed sentences take rule-made sentence bounds.
        other_acts: also read the parse with the acts rules and add their attributions of other acts than speech
            that overlap none of the first reading's (``attribution.acts.v2``).
        line_starts: a paragraph break starts a sentence for the parser (`pipeline.preset_line_starts`; the
            ``.v3`` attributors).
        v3_rules: the ``.v3`` attributors' reading of the parse (`attribution.Context.v3` lists its rules).
        acts_kept: with `other_acts`, the acts (of `cues.ACTS`) whose attributions the acts reading adds; all but
            speech when None.

    Returns:
        An iterator over the same report objects, annotated.  A non-English report gets the note
        ``NT302: language xx not supported by the English pipeline`` and no annotations; an empty text gets
        nothing; a report the stage fails on gets an ``NT301`` note and the batch goes on.

    Example:
        >>> from newstrace.model import Report
        >>> [len(r.attributions) for r in annotate([Report(id="e", text="")])]
        [0]
    """
    from .stage import annotate as _annotate

    return _annotate(reports, batch_size=batch_size, beliefs=beliefs, max_chunk_chars=max_chunk_chars,
                     selective=selective, other_acts=other_acts, line_starts=line_starts,
                     v3_rules=v3_rules, acts_kept=acts_kept)


def attributions_json(report: Report) -> dict[str, Any]:
    """The ``newstrace attributions --json`` object of an annotated report (spans are offsets into `text`).
    Each attribution carries its ``act`` (null from attributors that do not tell acts apart)."""
    from .stage import attributions_json as _aj

    out = _aj(report)
    for item, a in zip(out["attributions"], report.attributions):
        item.setdefault("act", a.act)
    return out


def act_of(report: Report, a: Any) -> str:
    """The act of attribution `a` of `report`: its stored `act`, or read from its cue and source text."""
    if getattr(a, "act", None):
        return str(a.act)
    return _read_act(report, a)


def _read_act(report: Report, a: Any) -> str:
    """The act of `a` read from its cue and source text (`attribution.act_of`), whatever it stores."""
    from .attribution import act_of as _act

    t = report.text
    return _act(a.cue.of(t) if a.cue else None, a.source.of(t) if a.source else None,
                a.source is not None or bool(a.source_name))


def annotate_v1(reports: Iterable[Report], **kw: Any) -> Iterator[Report]:
    """Registry entry ``attribution.v1``: `annotate` parsing every sentence."""
    kw.setdefault("selective", False)
    return annotate(reports, **kw)


def annotate_beliefs_v1(reports: Iterable[Report], **kw: Any) -> Iterator[Report]:
    """Registry entry ``attribution.beliefs.v1``: `annotate` that also reports stated beliefs, for annotation
    schemes that count them (PolNeAR-style): ``Police believe P``, ``X fears P``, ``X thinks P``
    only with a named (or role) holder and a finite content clause; wishes and expectations (``X
    wants to``, ``expects X to``, ``is expected to``, ``some fear``) and factives (``X knows P``) are left out."""
    kw.setdefault("beliefs", True)
    kw.setdefault("selective", False)
    return annotate(reports, **kw)


def annotate_v2(reports: Iterable[Report], **kw: Any) -> Iterator[Report]:
    """Registry entry ``attribution.v2``: ``attribution.v1``'s rules with the parse only on candidate sentences
    (`annotate` with ``selective=True``; tokenizer and NER still see all text)."""
    kw.setdefault("selective", True)
    return annotate(reports, **kw)


def annotate_beliefs_v2(reports: Iterable[Report], **kw: Any) -> Iterator[Report]:
    """Registry entry ``attribution.beliefs.v2``: ``attribution.beliefs.v1`` with selective parsing."""
    kw.setdefault("beliefs", True)
    kw.setdefault("selective", True)
    return annotate(reports, **kw)


def annotate_acts_v1(reports: Iterable[Report], **kw: Any) -> Iterator[Report]:
    """Registry entry ``attribution.acts.v1``: attributions of every act (PolNeAR scope, issue 14), each
    with its ``act``: speech, belief, stance, intention, evidence, unsourced.

    Besides the cues of ``attribution.beliefs.v1`` it reads the cue lexicon of ``nlp/acts.toml``: stance and
    intention verbs with an object, infinitive or prepositional content (``criticized the plan``, ``wants
    to run``, ``pressed for a vote``), finding verbs with evidence sources (``polls show P``, ``a jury found
    X guilty``), attitude adjectives (``is concerned about P``), cue nouns with their content clause,
    infinitive or preposition and their owner (possessor, by/from phrase, subject of a light verb: ``X voiced
    opposition to P``), headline ``Name: content`` lines, and source-less passives (``is believed to``).
    Keep only speech acts with ``--kinds speech`` (the attrib-dev scope is speech + unsourced).
    """
    from .attribution import ACTS_MODE

    kw.setdefault("beliefs", True)
    # every sentence is parsed: the selective plan (v2) looks only for reporting-cue forms
    kw.setdefault("selective", False)
    it = annotate(reports, **kw)
    while True:
        token = ACTS_MODE.set(True)  # read by every Context made while the stage runs this batch
        try:
            r = next(it)
        except StopIteration:
            return
        finally:
            ACTS_MODE.reset(token)
        yield _with_acts(r)


def annotate_acts_v2(reports: Iterable[Report], **kw: Any) -> Iterator[Report]:
    """Registry entry ``attribution.acts.v2``: ``attribution.beliefs.v1``'s attributions, plus those of
    ``attribution.acts.v1``'s rules, read from the same parse, whose act is not speech (belief, stance, intention,
    evidence, unsourced) and whose content overlaps none of them; every attribution carries its ``act``.

    The speech reading is the one measured on attrib-dev; the acts rules add the kinds the PolNeAR scope counts and
    attrib-dev's guideline leaves out, so ``--kinds speech,evidence,unsourced`` gives attrib-dev's scope back.
    Every sentence is parsed (the selective plan looks only for reporting-cue forms).
    """
    kw.setdefault("beliefs", True)
    kw.setdefault("selective", False)
    kw.setdefault("other_acts", True)
    for r in annotate(reports, **kw):
        yield _with_acts(r)


def _with_acts(r: Report) -> Report:
    """`r` with every attribution's `act` read from its cue and source (`_read_act`)."""
    from dataclasses import replace

    r.attributions = [replace(a, act=_read_act(r, a)) for a in r.attributions]
    return r


#: the acts the acts reading adds to ``attribution.beliefs.v3``: the set of kinds that gives the best with_source F1 on
#: the PolNeAR-guideline dev set (bench/data/polnear_dev) while attrib-dev's dev set stays at 0.905 or more (its gate
#: is 0.90; 0.005 of margin), searched over every subset of belief, stance, intention, evidence and unsourced by
#: bench/attribution_kinds.py (its table is in BENCHMARKS.md "attribution"); the held-out sets played no part
BELIEFS_V3_ACTS: frozenset[str] = frozenset({"evidence", "unsourced"})


def annotate_beliefs_v3(reports: Iterable[Report], **kw: Any) -> Iterator[Report]:
    """Registry entry ``attribution.beliefs.v3`` (the default): ``attribution.beliefs.v2`` whose parser starts a
    sentence at each paragraph break (`pipeline.preset_line_starts`: a headline without a full stop is no longer one
    sentence with the paragraph under it), read by the ``.v3`` rules (`attribution.Context.v3`: a content clause
    ends before a second act coordinated into it, "as X said, P", "her call for ...", description sources named by
    role, ...), with the acts reading's attributions of `BELIEFS_V3_ACTS` added; every attribution carries its
    ``act`` (read from the cue and source by `attribution.act_of`), so ``--kinds`` works on it."""
    kw.setdefault("beliefs", True)
    kw.setdefault("selective", True)
    kw.setdefault("line_starts", True)
    kw.setdefault("v3_rules", True)
    kw.setdefault("other_acts", True)
    kw.setdefault("acts_kept", BELIEFS_V3_ACTS)
    for r in annotate(reports, **kw):
        yield _with_acts(r)


def annotate_acts_v3(reports: Iterable[Report], **kw: Any) -> Iterator[Report]:
    """Registry entry ``attribution.acts.v3``: ``attribution.acts.v2`` with the paragraph breaks and the ``.v3``
    rules of ``attribution.beliefs.v3``; its acts reading adds every act but speech."""
    kw.setdefault("line_starts", True)
    kw.setdefault("v3_rules", True)
    return annotate_acts_v2(reports, **kw)


def _register() -> None:
    from ..registry import attributors

    attributors.register("attribution.v1")(annotate_v1)
    attributors.register("attribution.beliefs.v1")(annotate_beliefs_v1)
    attributors.register("attribution.acts.v1")(annotate_acts_v1)
    attributors.register("attribution.v2")(annotate_v2)
    attributors.register("attribution.beliefs.v2")(annotate_beliefs_v2)
    attributors.register("attribution.acts.v2")(annotate_acts_v2)
    attributors.register("attribution.beliefs.v3")(annotate_beliefs_v3)
    attributors.register("attribution.acts.v3")(annotate_acts_v3)


_register()

