"""The provenance stage's knowledge of outlets, wire services, titles and source nouns, read from ``lexicon.toml``.

The file, not the code, holds the names (like fundus's per-publisher data): a reader can see and extend what
newstrace knows, and no outlet of a dev story hides in a regular expression. Everything is built once.

Example:
    >>> lex = lexicon()
    >>> bool(lex.outlet_rx.search("the Nation Herald")), bool(lex.outlet_rx.search("WCVB-TV")), bool(lex.outlet_rx.search("the ministry"))
    (True, True, False)
    >>> bool(re.fullmatch(lex.wires_alt, "AFP"))
    True
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["Lexicon", "lexicon", "lexicon_data"]


@dataclass(frozen=True)
class Lexicon:
    """Compiled views of lexicon.toml.

    Attributes:
        outlet_rx: finds an outlet word, a known outlet's short name, a call sign or a ``.com`` in a phrase.
        wires_alt: an alternation of wire names for other patterns (``rf"\\(({wires_alt})\\)"``).
        title_prefix_rx: titles (and an acronym or dotted abbreviation before them) at the start of a name.
        rank_prefix_rx: the same with the ranks of ``[titles] ranks`` too (``sources.regex.v2``).
        not_employers: abbreviations that are never a person's organisation.
        unnamed: heads of an unnamed source ("officials", "a friend"), as ``sources.regex.v1`` reads them.
        unnamed_v2: those with the heads ``sources.regex.v2`` adds.
        roles: role nouns ("her rep", "the governor").
        spokespeople: roles that speak for someone else, in the order the affiliation reader tries them.
        speaks_for: roles whose "for X" is X speaking (``sources.regex.v2``).
        group_of: unnamed head → the kind of unnamed source it names ("investigators" → "police").
        never_tied: kinds of unnamed source never joined to a named one (``origins.rules.v2``).
    """

    outlet_rx: re.Pattern[str]
    wires_alt: str
    title_prefix_rx: re.Pattern[str]
    rank_prefix_rx: re.Pattern[str]
    not_employers: frozenset[str]
    unnamed: frozenset[str]
    unnamed_v2: frozenset[str]
    roles: frozenset[str]
    spokespeople: tuple[str, ...]
    speaks_for: frozenset[str]
    group_of: dict[str, str]
    never_tied: frozenset[str]


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def lexicon_data() -> dict:
    """lexicon.toml as parsed, read once (for readers of sections `Lexicon` does not compile: ``[positions]``)."""
    return tomllib.loads(resources.files("newstrace.provenance").joinpath("lexicon.toml").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon shipped in the package (read once).

    Raises:
        KeyError: a section or key is missing from lexicon.toml (a packaging error, not bad input).
    """
    data = lexicon_data()
    words = data["outlet_words"]["words"] + data["outlets"]["names"]
    outlet_rx = re.compile(rf"(?i:\b(?:{_alt(words)})\b|\.com\b)|{data['outlets']['call_sign']}")
    def prefix_rx(titles: str) -> re.Pattern[str]:
        return re.compile(rf"^(?:(?:[A-Z]{{2,6}}|(?:[A-Z]\.){{1,3}})\s+)?(?:[A-Z][a-z]+\s+){{0,3}}?(?:(?:{titles})\.?\s+)+")

    title_prefix_rx = prefix_rx(_alt(data["titles"]["before_name"]))
    rank_prefix_rx = prefix_rx(_alt(data["titles"]["before_name"] + data["titles"]["ranks"]))
    return Lexicon(outlet_rx=outlet_rx, wires_alt=_alt(data["wires"]["names"]), title_prefix_rx=title_prefix_rx,
                   rank_prefix_rx=rank_prefix_rx,
                   not_employers=frozenset(data["titles"]["not_employers"]),
                   unnamed=frozenset(data["sources"]["unnamed"]),
                   unnamed_v2=frozenset(data["sources"]["unnamed"] + data["sources"]["unnamed_v2"]),
                   roles=frozenset(data["sources"]["roles"]), spokespeople=tuple(data["sources"]["spokespeople"]),
                   speaks_for=frozenset(data["sources"]["speaks_for"]),
                   group_of={h: g for g, heads in data["groups"].items() for h in heads},
                   never_tied=frozenset(data["groups_never_tied"]["groups"]))
