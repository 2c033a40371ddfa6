"""Entities across the store: the same person, organisation or place linked over every story that names it.

One algorithm (``entities.store-link.v1`` in `store_linkers`, a `newstrace.registry.Registry`):

1. Inside each story, `newstrace.compare.entities.resolve_entities` has already grouped the mentions: there
   "Reid" is Tara Reid because the story names her in full.
2. Story entities are linked across stories by their *full* names only: every variant of two or more name
   words (titles, articles and possessives stripped by `parse_name`) and every acronym of three letters or more.
   Two story entities are one store entity when two of their full names are the same name (`_same_across`:
   the same normalised form, or word for word the same or a near-spelling, as Qadhafi / Gaddafi), never when
   one is only part of the other, and their types agree (or one is unknown). A story that writes an acronym
   and its expansion links both through its own entity; an acronym alone links only to the same acronym. Candidates are blocked by the consonant skeleton of the name (`translit_key`), so the cost grows
   with the number of distinct full names, not with their pairs.
3. A lone word ("Reid", "Herald") never links two stories as a variant: it means different things in different
   stories, and inside its own story it has already joined its full name. Only an organisation or place that
   its story names by one word alone ("Intel", "Paris") links, to the very same word, never a person's surname.

The result is the store view the dossier cannot give: one entity, every story and report that names it, and
all the spellings the store has seen (Qadhafi in one story, Gaddafi in another).

Example:
    >>> from newstrace.model import Entity
    >>> a = Entity("e1", "Muammar Gaddafi", "PERSON", ("Gaddafi", "Muammar Gaddafi"))
    >>> b = Entity("e2", "Muammar Qadhafi", "PERSON", ("Col. Muammar Qadhafi", "Qadhafi"))
    >>> c = Entity("e3", "Reid", "PERSON", ("Reid",))
    >>> [(e.name, e.stories) for e in link_story_entities({"s1": [a, c], "s2": [b]})]
    [('Muammar Gaddafi', ('s1', 's2')), ('Reid', ('s1',))]
"""
from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import JaroWinkler

from newstrace.compare.names import THRESHOLDS, ParsedName, _same, coarse_type, parse_name, translit_key
from newstrace.model import Entity
from newstrace.registry import Registry

__all__ = ["StoreEntity", "link_story_entities", "store_linkers"]

store_linkers = Registry("store entity linker")

# A story that never names a place or an organisation in full still names it ("Paris", "Intel", "the Navy"): such
# a one-word canonical name links when another story writes the very same name. A person's lone word is a
# surname and links nothing ("Reid" is someone else in every story).
_ONE_WORD_TYPES = frozenset({"org", "place"})
# Fewer letters than this in an acronym and it is too often something else across a store ("US", "TV", "AM").
MIN_ACRONYM = 3


@dataclass(slots=True, frozen=True)
class StoreEntity:
    """One entity across the store.

    Attributes:
        id: stable hash of type and canonical name.
        name: the canonical name most mentions of it carry.
        type: its majority type.
        variants: every variant the store has seen, sorted case-insensitively.
        stories: the stories that name it.
        reports: the reports that name it.
        members: the story entities it links, as ``(story id, entity id)``.
        mentions: how many mentions it has.
    """

    id: str
    name: str
    type: str
    variants: tuple[str, ...]
    stories: tuple[str, ...]
    reports: tuple[str, ...]
    members: tuple[tuple[str, str], ...]
    mentions: int

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "name": self.name, "type": self.type, "variants": list(self.variants),
                "stories": list(self.stories), "reports": list(self.reports), "mentions": self.mentions,
                "story_entities": [{"story": s, "entity": e} for s, e in self.members]}


def _full_names(e: Entity) -> list[ParsedName]:
    """The names of a story entity that can link it across stories: its canonical name and the variants that
    name the whole of it (a respelling, an acronym), each of two name words or more or a long acronym.

    A variant that is only part of the canonical name ("White House" of "White House Office of Management and
    Budget") or another name the story merged into it does not link: a story's own resolution error then stays
    in that story instead of joining two entities of the whole store.
    """
    label = e.type if e.type != "UNKNOWN" else None
    canon = parse_name(e.name, label)
    if not canon.tokens:
        return []
    ctype = coarse_type(label)
    out = []
    seen: set[str] = set()
    for v in (e.name, *e.variants):
        p = parse_name(v, label)
        if p.key in seen or not p.tokens:
            continue
        seen.add(p.key)
        # words as written: "McDermott" parses into two tokens but is one word, a lone surname
        full = (len(p.tokens) >= 2 and len(p.display.split()) >= 2) or (p.acronym and len(p.acronym) >= MIN_ACRONYM)
        if not full and not (ctype in _ONE_WORD_TYPES and v == e.name):
            continue
        if p.key != canon.key:
            ok, reason = _same(canon, p, ctype)
            if not ok or reason.startswith("part of"):
                continue
        out.append(p)
    return out


# Across stories every word that differs must be a near-spelling of its counterpart at the calibrated bar of
# `newstrace.compare.names` (Qadhafi / Gaddafi 0.81, Heydar / Heidar 0.91), not merely share its consonant
# classes: "Tony Thompson" and "Deon Thompson" (0.67) are two people in two stories.
CROSS_STORY_JW = THRESHOLDS["near2_jw"]


def _same_across(pa: ParsedName, pb: ParsedName) -> bool:
    """Whether two full names of different stories name the same entity: the same normalised form, or the same
    number of words each equal or a near-spelling (`CROSS_STORY_JW`). An acronym links only to the same
    acronym: across a store "USC" is a court in one story and a university in another; a story that writes
    both the acronym and its expansion links them through its own entity."""
    if pa.key == pb.key:
        return True
    if pa.acronym or pb.acronym or len(pa.tokens) != len(pb.tokens) or len(pa.display.split()) < 2:
        return False  # a one-word name links only spelt the same
    return all(a == b or JaroWinkler.normalized_similarity(a, b) >= CROSS_STORY_JW for a, b in zip(pa.tokens, pb.tokens))


def _block(p: ParsedName) -> str:
    """The blocking key: the consonant skeleton of the whole name (an acronym blocks on its letters)."""
    if p.acronym:
        return "acr:" + p.acronym
    return " ".join(translit_key(t) for t in p.tokens)


@store_linkers.register("entities.store-link.v1")
def link_story_entities(per_story: Mapping[str, Sequence[Entity]]) -> list[StoreEntity]:
    """Link the entities of every story into store entities.

    Args:
        per_story: ``{story id: that story's entities}`` (from `resolve_entities`).

    Returns:
        Store entities, most mentioned first; every story entity is in exactly one.
    """
    items: list[tuple[str, Entity]] = [(sid, e) for sid, ents in per_story.items() for e in ents]
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    group_type = [coarse_type(e.type) if e.type != "UNKNOWN" else None for _, e in items]
    names = [_full_names(e) for _, e in items]
    by_block: dict[str, list[tuple[int, ParsedName]]] = defaultdict(list)
    for i, ps in enumerate(names):
        for p in ps:
            by_block[_block(p)].append((i, p))
    for members in by_block.values():
        for x in range(len(members)):
            i, pa = members[x]
            for y in range(x + 1, len(members)):
                j, pb = members[y]
                ri, rj = find(i), find(j)
                if ri == rj:
                    continue
                # types are compared per group, so an untyped entity never bridges a place and a person
                if group_type[ri] and group_type[rj] and group_type[ri] != group_type[rj]:
                    continue
                if _same_across(pa, pb):
                    parent[ri] = rj
                    group_type[rj] = group_type[rj] or group_type[ri]
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        groups[find(i)].append(i)
    out = [_store_entity([items[i] for i in g]) for g in groups.values()]
    out.sort(key=lambda e: (-e.mentions, e.name, e.id))
    return out


def _store_entity(members: Iterable[tuple[str, Entity]]) -> StoreEntity:
    members = list(members)
    names: Counter[str] = Counter()
    types: Counter[str] = Counter()
    variants: set[str] = set()
    reports: set[str] = set()
    mentions = 0
    for _, e in members:
        n = max(1, len(e.mentions))
        names[e.name] += n
        types[e.type] += n
        variants.update(e.variants)
        reports.update(m[0] for m in e.mentions)
        mentions += len(e.mentions)
    # the most mentioned canonical name written in mixed case (a dateline's "PORT SALIM" is shouted, not its
    # name); among equals the fullest, then the first in order
    name = max(names, key=lambda n: (not n.isupper(), names[n], len(n.split()), [-ord(c) for c in n]))
    kind = max(types, key=lambda t: (types[t], t != "UNKNOWN", t))
    digest = hashlib.sha1(f"{kind}|{name}|{min(s for s, _ in members)}".encode()).hexdigest()[:12]
    return StoreEntity(
        id=f"sent-{digest}",
        name=name,
        type=kind,
        variants=tuple(sorted(variants, key=lambda v: (v.casefold(), v))),
        stories=tuple(sorted({s for s, _ in members})),
        reports=tuple(sorted(reports)),
        members=tuple(sorted((s, e.id) for s, e in members)),
        mentions=mentions,
    )
