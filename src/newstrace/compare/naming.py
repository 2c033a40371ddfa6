"""``entities.story-context.v3``: v2's entities, then three passes over how English writes one name several ways.

v2 (`newstrace.compare.entities.resolve_entities_v2`) resolves the story's mentions; v3 then reads, with the
conventions in ``naming.toml`` (honorifics and ranks, postal and geographic abbreviations, legal-form words):

1. **Titles before a person's mention** are how the text names that person: "Captain Manohar Nambiar" and
   "Inspector Gaskin" become variants of the person whose mention they wrap (v2 reads only a few abbreviated
   titles there, "Mr.", "Insp").
2. **Names spelled alike** are one entity: two entities merge when a variant of each gives the same key once case,
   punctuation, a leading article, abbreviations ("Mt." / "Mount", "Blvd." / "Boulevard") and a trailing legal
   form ("LLC") are normalised, and the two variants differ as written. A key both entities write identically
   ("Gomes" of Gary Gomes and of Catherine Gomes) is no evidence and merges nothing.
3. **A title before a lone surname** ("Insp Gaskin", "Captain Nambiar", typed by NER as a person or an
   organisation) names the one person of the story whose full name ends with that surname; with two such people
   ("Mr Jenkin" in a story of John and Kathryn Jenkin) it stays apart.

Each merge is counted by reason (``explain``). No threshold is fitted: every test is an equality of keys.

Example:
    >>> from newstrace.model import Mention, Report, Span
    >>> t = "Captain Manohar Nambiar said the ship was safe. Mt. Cook Village was quiet. Mount Cook Village shut."
    >>> r = Report(id="a", text=t)
    >>> r.mentions = [Mention("a", Span(8, 23), "PERSON", "Manohar Nambiar"),
    ...               Mention("a", Span(48, 63), "GPE", "Mt. Cook Village"),
    ...               Mention("a", Span(76, 94), "FAC", "Mount Cook Village")]
    >>> sorted(sorted(e.variants) for e in resolve_entities_v3([r]))
    [['Captain Manohar Nambiar', 'Manohar Nambiar'], ['Mount Cook Village', 'Mt. Cook Village']]
"""
from __future__ import annotations

import hashlib
import re
import tomllib
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from newstrace.compare.entities import entity_resolvers, resolve_entities
from newstrace.compare.names import coarse_type
from newstrace.model import Entity, Mention, Report

__all__ = ["Naming", "naming", "name_key", "resolve_entities_v3"]

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@dataclass(frozen=True)
class Naming:
    """The conventions of ``naming.toml``: title words, abbreviation → word, legal-form words (all lower case)."""

    titles: frozenset[str]
    abbreviations: dict[str, str]
    corporate: frozenset[str]


@lru_cache(maxsize=1)
def naming() -> Naming:
    """``naming.toml``, read once."""
    data = tomllib.loads(resources.files("newstrace.compare").joinpath("naming.toml").read_text(encoding="utf-8"))
    return Naming(titles=frozenset(data["titles"]["words"].split()),
                  abbreviations={k.lower(): v.lower() for k, v in data["abbreviations"].items()},
                  corporate=frozenset(data["corporate"]["words"].split()))


def _tokens(name: str) -> list[str]:
    return [w.replace("’", "'") for w in _WORD.findall(name.casefold())]


def name_key(name: str) -> str:
    """The key two spellings of one name share: case-folded words without punctuation, a leading article and a
    trailing possessive or legal form dropped, abbreviations written out (``naming.toml``).

    Example:
        >>> name_key("Aoraki / Mt. Cook National Park") == name_key("Aoraki - Mount Cook national park")
        True
        >>> name_key("Summit Entertainment, LLC"), name_key("the Maacama Fault's")
        ('summit entertainment', 'maacama fault')
    """
    lex = naming()
    words = _tokens(name)
    if words and words[0] == "the":
        words = words[1:]
    if words and words[-1].endswith("'s"):
        words[-1] = words[-1][:-2]
    while len(words) > 1 and words[-1] in lex.corporate:
        words.pop()
    return " ".join(lex.abbreviations.get(w, w) for w in words)


def _is_titled(variant: str) -> bool:
    words = _tokens(variant)
    if words and words[0] == "the":
        words = words[1:]
    return bool(words) and words[0] in naming().titles


def _title_run_before(text: str, start: int) -> int | None:
    """Where a run of capitalised title words ending right before `start` begins ("Police Inspector |Dave"), or
    None. Only capitalised words count: "the inspector Dave" is a description, not a title."""
    titles = naming().titles
    pos, found = start, None
    while True:
        m = re.search(r"([A-Z][a-z]*\.?)\s+$", text[max(0, pos - 20):pos])
        if not m or m.group(1).rstrip(".").lower() not in titles:
            return found
        pos = max(0, pos - 20) + m.start(1)
        found = pos


def _merged(group: list[Entity]) -> Entity:
    """One entity of `group`: the name and type of its most mentioned member (ties: the longest name)."""
    base = max(group, key=lambda e: (len(e.mentions), len(e.name), e.name))
    variants = sorted({v for e in group for v in e.variants}, key=lambda v: (v.casefold(), v))
    mentions = tuple(sorted({m for e in group for m in e.mentions}, key=lambda m: (m[0], m[1].start, m[1].end)))
    first = min(mentions)[0] if mentions else ""
    digest = hashlib.sha1(f"{base.type}|{base.name}|{first}".encode()).hexdigest()[:12]
    return Entity(id=f"ent-{digest}", name=base.name, type=base.type, variants=tuple(variants), mentions=mentions)


def _with_variants(e: Entity, variants: Sequence[str]) -> Entity:
    return Entity(id=e.id, name=e.name, type=e.type, variants=tuple(variants), mentions=e.mentions, reports=e.reports)


def _titled_variants(entities: list[Entity], texts: dict[str, str], why: Counter[str]) -> list[Entity]:
    out = []
    for e in entities:
        if coarse_type(e.type) != "person":
            out.append(e)
            continue
        extra: set[str] = set()
        for rid, span in e.mentions:
            text = texts.get(rid, "")
            if not (0 <= span.start <= span.end <= len(text)) or _is_titled(text[span.start:span.end]):
                continue
            at = _title_run_before(text, span.start)
            if at is not None:
                extra.add(" ".join(text[at:span.end].split()))
        new = extra - set(e.variants)
        if new:
            why["title before a person's mention: variant"] += len(new)
            out.append(_with_variants(e, sorted(set(e.variants) | new, key=lambda v: (v.casefold(), v))))
        else:
            out.append(e)
    return out


class _Union:
    def __init__(self, n: int) -> None:
        self.up = list(range(n))

    def find(self, i: int) -> int:
        while self.up[i] != i:
            self.up[i] = self.up[self.up[i]]
            i = self.up[i]
        return i

    def join(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        self.up[max(ra, rb)] = min(ra, rb)
        return True


def _groups(entities: list[Entity], u: _Union) -> list[Entity]:
    by_root: dict[int, list[Entity]] = defaultdict(list)
    for i, e in enumerate(entities):
        by_root[u.find(i)].append(e)
    return [_merged(g) if len(g) > 1 else g[0] for g in by_root.values()]


def _spelled_alike(entities: list[Entity], why: Counter[str]) -> list[Entity]:
    surfaces: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    for i, e in enumerate(entities):
        for v in {e.name, *e.variants}:
            if _is_titled(v):
                continue  # "Mr Jenkin" keys a title, not a name
            k = name_key(v)
            if len(k.replace(" ", "")) >= 3:
                surfaces[k][i].add(v.casefold())
    u = _Union(len(entities))
    for by_entity in surfaces.values():
        ids = sorted(by_entity)
        for a in ids:
            for b in ids:
                # written alike in both: the key is a name both carry (a shared surname), not a respelling
                if a < b and not (by_entity[a] & by_entity[b]) and u.join(a, b):
                    why["names spelled alike (case, punctuation, abbreviation): merged"] += 1
    return _groups(entities, u)


def _titled_surnames(entities: list[Entity], why: Counter[str]) -> list[Entity]:
    titles = naming().titles
    by_surname: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(entities):
        words = _tokens(e.name)
        if coarse_type(e.type) == "person" and len(words) >= 2 and words[0] not in titles:
            by_surname[name_key(words[-1])].append(i)
    u = _Union(len(entities))
    for i, e in enumerate(entities):
        surnames = set()
        for v in {e.name, *e.variants}:
            words = _tokens(v)
            if words and words[0] == "the":
                words = words[1:]
            while words and words[0] in titles:
                words = words[1:]
            if len(words) != 1 or not _is_titled(v):
                surnames = set()
                break  # a variant with a first name (or without a title) is not a titled surname alone
            surnames.add(name_key(words[0]))
        if len(surnames) != 1:
            continue
        people = [j for j in by_surname.get(surnames.pop(), []) if j != i]
        if len(people) == 1:
            if u.join(people[0], i):
                why["title before the surname of one person: merged"] += 1
        elif people:
            why["title before a surname of several people: kept apart"] += 1
    return _groups(entities, u)


@entity_resolvers.register("entities.story-context.v3")
def resolve_entities_v3(
    reports: Sequence[Report], *, mentions: Sequence[Mention] | None = None, explain: Counter[str] | None = None,
) -> list[Entity]:
    """``entities.story-context.v3``: v2's entities with the three passes of the module docstring.

    Args:
        reports: the reports (texts, NER mentions, attributions), as for `resolve_entities`.
        mentions: use these mentions instead of ``report.mentions``.
        explain: when given, counts merges, refusals and added variants by reason.

    Returns:
        Entities ordered by number of mentions (most first), as `resolve_entities` orders them.
    """
    why: Counter[str] = explain if explain is not None else Counter()
    entities = resolve_entities(reports, mentions=mentions, explain=why, naming=True)
    texts = {r.id: r.text or "" for r in reports}
    entities = _titled_variants(entities, texts, why)
    entities = _spelled_alike(entities, why)
    entities = _titled_surnames(entities, why)
    entities.sort(key=lambda e: (-len(e.mentions), e.name))
    return entities

