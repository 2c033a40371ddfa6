"""Entity resolution: group the proper-name mentions of a story's reports into entities.

One algorithm (``entities.story-context.v1`` in `entity_resolvers`, a `newstrace.registry.Registry`):

0. The mentions are NER's proper-name mentions (PERSON, ORG, GPE, NORP, FAC, LOC, ...), attribution source
   names and hops, and both sides of every bracketed alias the text defines. An organisation span "<place>
   <CALL SIGN>" whose place is a place mention of the story is cut to the call sign ("Boston WCVB"). Mentions
   that name nothing are skipped, each with its reason: no capitalised word left ("The document" of an
   attribution hop), a portfolio before an office title ("Energy" of "Energy and Water Minister"), a lone
   common word of the story capitalised only by a sentence start ("Harbour master ..."; a person's surname
   is exempt). A feature kind written after a name is part of it for resolution ("the Saffar river" is
   "Saffar River", not the Wadi Saffar Dam).
1. Every mention is parsed (`newstrace.compare.names.parse_name`); mentions with the same normalised key
   ("Mr. Blackmore's" and "BLACKMORE" both give ``blackmore``) form one *form*.
2. Forms that name the whole of each other are merged: transliterations, misspellings, hypocorisms, token
   order, acronyms of an expansion, and aliases the text itself defines ("Palestine Liberation Organization
   (PLO)", "PLO (Palestine Liberation Organization)").
3. A form that names only part of longer forms ("Reid", "Red Sox", "Herald") joins the longer one when all
   the longer forms it fits belong to ONE entity of a compatible type; when the story holds two people called
   Reid it stays apart ("ambiguous part"). Longer partial forms are attached first, so "Sox" finds "Red Sox"
   already inside "Boston Red Sox". NER labels are votes, not walls: a form with few labels may join a name of
   another type, a NORP form is a demonym only when confidently labelled or derived from a place of the story
   ("Iranian" next to "Iran"; "Meridian", a company, was NORP once), and word-for-word evidence crosses the
   person/organisation line when no name of the form's own type fits: a person's surname ("al-Qadi", ORG to
   spaCy, of "Khalid al-Qadi") or an organisation's head ("Meridian Hydro", PERSON to spaCy, of "Meridian Hydro
   Holdings"). A place heading an organisation's name never joins it ("Port Salim" / "Port Salim Harbour
   Authority"). The entity's type is then voted by its fullest forms.

4. Names NER missed are found by string search in the story's texts, never by guessing: capitalised runs
   that spell one entity's multi-word name ("Utah-based Fundamentalist Church of Jesus Christ of Latter-day
   Saints"; with a last word in lower case, "the Wadi Saffar dam"), and one entity's surname or distinctive first/last word ("Ketsoyan", "Promises") with its
   misspellings ("Teixiera") when that word belongs to that entity only and is not a common word of the story
   (never when a capitalised word follows it: "Wadi" of "Wadi Saffar" is a cut of a longer name),
   and a clipped nickname of one person's surname ("Tex" for Teixeira; never a known hypocorism like "Rich"),
   and the acronym (three letters or more) of one organisation's or place's multi-word name written in
   capitals ("UAE" for "the United Arab Emirates").
5. Each entity's variants are the names as written (an attribution's normal source name and the span it
   covers when the text writes it another way: "WCVB" / "WCVB - TV"), the same names with the title, article, possessive
   affiliation or place kind the text puts around them ("Mr. Blackmore", "Persian Gulf island of Qeshm"), and
   the bare name ("Hormouzgan" from "Hormouzgan province"); a particle-led surname stays ("Khalid al-Qadi").

Candidate pairs are blocked by token skeletons, so a store-sized bag of names is not compared all-to-all.
Every merge and refusal is counted by reason (pass ``explain=Counter()``).

Example:
    >>> groups = resolve_names([("Tara Reid", "PERSON"), ("Reid", "PERSON"), ("People", "ORG"),
    ...                         ("People magazine", "ORG")])
    >>> groups
    [[0, 1], [2, 3]]
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace

from rapidfuzz.distance import JaroWinkler

from newstrace.compare.names import (
    _NICKNAMES,
    THRESHOLDS,
    _PLACE_KINDS,
    _TITLE_WORDS,
    ParsedName,
    _same,
    coarse_type,
    parse_name,
    token_match,
    translit_key,
)
from newstrace.model import Entity, Mention, Report, Span
from newstrace.registry import Registry

__all__ = ["resolve_entities", "resolve_names", "text_aliases", "worded_aliases", "entity_index", "PROPER_LABELS", "entity_resolvers"]

entity_resolvers = Registry("entity resolver")

# spaCy labels that name an individual entity; DATE, CARDINAL, MONEY ... are values, not entities.
PROPER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"})
_SOURCE_KIND_LABEL = {"person": "PERSON", "organisation": "ORG", "outlet": "ORG", "agency": "ORG", "document": "WORK_OF_ART"}


# One mention of the bag being resolved: (report id, span, name as resolved, NER label or "" when string-found).
_Row = tuple[str, Span, str, str]


class _Forms:
    """Union-find over distinct normalised forms."""

    def __init__(self, parsed: list[ParsedName], types: list[str | None]) -> None:
        self.parsed = parsed
        self.types = types
        self.parent = list(range(len(parsed)))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)


def _blocks(p: ParsedName) -> set[str]:
    out = {f"k:{translit_key(t)}" for t in p.tokens if len(t) > 1}
    out |= {f"p:{t[:3]}" for t in p.tokens if len(t) > 2}
    if p.acronym:
        out.add(f"i:{p.acronym}")
    if len(p.tokens) >= 2:
        out.add(f"i:{p.initials}")
        out.add(f"i:{p.all_initials}")
    return out


def resolve_names(
    names: Sequence[tuple[str, str | None]],
    *,
    aliases: Iterable[tuple[str, str]] = (),
    explain: Counter[str] | None = None,
    variants: bool = False,
) -> list[list[int]]:
    """Group a bag of names (with NER labels) into entities.

    Args:
        names: ``(name, label)`` pairs; the label is a spaCy/ECB+ type or None.
        aliases: pairs of names that the text itself declares equal ("Palestine Liberation Organization", "PLO").
        explain: when given, counts every merge and refusal by reason.
        variants: also merge case and spacing variants ("LINKdotNET" / "LinkdotNet") and a titled surname
            that NER typed as an organisation ("General Jafari") with the one person of that surname (see
            `_written_variants`); used by ``entities.story-context.v2``.

    Returns:
        Groups of indices into `names`, each index in exactly one group, ordered by first index.

    Example:
        >>> resolve_names([("Qadhafi", "PERSON"), ("Muammar Gaddafi", "PERSON"), ("Kadhafi", "PERSON")])
        [[0, 1, 2]]
    """
    why: Counter[str] = explain if explain is not None else Counter()
    key_of: list[str] = []
    form_index: dict[str, int] = {}
    parsed: list[ParsedName] = []
    type_votes: list[Counter[str]] = []
    for name, label in names:
        p = parse_name(name or "", label)
        key = p.key
        if key not in form_index:
            form_index[key] = len(parsed)
            parsed.append(p)
            type_votes.append(Counter())
        fi = form_index[key]
        if label:
            type_votes[fi][coarse_type(label) or label] += 1
        # Prefer an acronym parse ("USGS" over "usgs"), else a mixed-case one ("Winston Blackmore" over caps).
        if (parsed[fi].display.isupper() and not p.display.isupper() and not parsed[fi].acronym) or (
            p.acronym and not parsed[fi].acronym
        ):
            parsed[fi] = p
        key_of.append(key)
    types = [v.most_common(1)[0][0] if v else None for v in type_votes]
    forms = _Forms(parsed, types)
    demonyms = _demonyms(parsed, types, type_votes)
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(parsed):
        if p.tokens:
            for b in _blocks(p):
                blocks[b].append(i)
    cand: set[tuple[int, int]] = set()
    for members in blocks.values():
        if len(members) > 400:  # a block this large is a common token ("the", "john"); others will link them
            why["block too common"] += 1
            continue
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                cand.add((members[x], members[y]))
    partial: dict[int, list[tuple[int, bool]]] = defaultdict(list)  # short form -> (longer form, exact words)
    for i, j in sorted(cand):
        ctype = types[i] if types[i] == types[j] else None
        ok, reason = _same(parsed[i], parsed[j], ctype)
        if not ok:
            continue
        if reason.startswith("part of"):
            short, long = (i, j) if len(parsed[i].tokens) < len(parsed[j].tokens) else (j, i)
            exact = ";" not in reason
            if types[short] == "place" and types[long] == "org" and parsed[long].tokens[: len(parsed[short].tokens)] == parsed[short].tokens:
                # A place heading an organisation's name is where it is: Port Salim is not the Port Salim Harbour
                # Authority, Boston is not the Boston Red Sox.
                why["place at the head of an organisation's name"] += 1
                continue
            if _may_be(type_votes[short], types[long], short in demonyms):
                partial[short].append((long, exact, True))
            elif exact and types[short] in _CROSS_TYPES and types[long] in _CROSS_TYPES and _head_or_surname(
                parsed[short].tokens, parsed[long].tokens, types[long]
            ):
                # The small NER model calls "Meridian Hydro" PERSON next to "Meridian Hydro Holdings" ORG and a
                # lone "al-Qadi" ORG next to "Khalid al-Qadi" PERSON. Word-for-word evidence may cross the
                # person/organisation line, but only when no longer name of the form's own type fits it.
                partial[short].append((long, exact, False))
            else:
                why["part of, type differs"] += 1
            continue
        if (
            len(parsed[i].tokens) == 1
            and len(parsed[j].tokens) == 1
            and not (_may_be(type_votes[i], types[j], i in demonyms) and _may_be(type_votes[j], types[i], j in demonyms))
        ):
            why["single-token match, type differs"] += 1
            continue
        forms.union(i, j)
        why[reason.split(":")[0]] += 1
    for a, b in aliases:
        ia, ib = form_index.get(parse_name(a).key), form_index.get(parse_name(b).key)
        if ia is not None and ib is not None and ia != ib:
            forms.union(ia, ib)
            why["alias defined in text"] += 1
    if variants:
        for i, j, reason in _written_variants([n for n, _ in names], key_of, form_index, parsed, types):
            if forms.find(i) != forms.find(j):
                forms.union(i, j)
                why[reason] += 1
    # Longer partial forms first, so that "Red Sox" is inside "Boston Red Sox" before "Sox" looks; repeat
    # until nothing changes, since a later merge can make an earlier ambiguous part unambiguous.
    pending = sorted(partial, key=lambda s: -len(parsed[s].tokens))
    changed = True
    while changed:
        changed = False
        left = []
        for short in pending:
            # Exact evidence first: "Angels" is inside "Los Angeles Angels" word for word, while its
            # near-spelling "Angeles" also fits "Los Angeles Times".
            # Then any evidence within the form's type, and only then word-for-word evidence across types.
            # Within the exact tier a longer name NER gave the form's own type comes before one it left
            # unlabelled: "Angels" is the Los Angeles Angels (ORG), not the attribution phrase "Angels GM Tony
            # Reagins" that merely starts with it.
            tiers = (
                [long for long, is_exact, typed in partial[short] if is_exact and typed and types[long] == types[short]],
                [long for long, is_exact, typed in partial[short] if is_exact and typed],
                [long for long, _, typed in partial[short] if typed],
                [long for long, _, typed in partial[short] if not typed],
            )
            fits = next((t for t in tiers if t), [])
            # A form already inside one of the entities that fit is no evidence for another: "Angeles", merged
            # with "Angels" into the Los Angeles Angels, must not pull in the Los Angeles Times too.
            roots = {forms.find(long) for long in fits}
            if roots == {forms.find(short)}:
                continue
            if len(roots) == 1:
                forms.union(short, roots.pop())
                why["part of a longer name" + ("" if fits is not tiers[3] else ", across person/organisation")] += 1
                changed = True
            elif roots:
                left.append(short)
        pending = left
    why["ambiguous part: several entities fit"] += len(pending)
    groups: dict[int, list[int]] = defaultdict(list)
    for idx, key in enumerate(key_of):
        groups[forms.find(form_index[key]) if parsed[form_index[key]].tokens else -1 - idx].append(idx)
    return sorted(groups.values(), key=lambda g: g[0])


# A small NER model labels a lone surname ORG or GPE about as often as PERSON ("Teixeira" was ORG 59 times
# out of 61 in one story). A form may therefore join a longer name of another type unless its votes say
# otherwise with confidence: never once that type, and one other type on at least this share of its votes.
CONFIDENT_TYPE_SHARE = 0.8
# Types between which NER confuses names often enough that word-for-word evidence overrides the label; a place
# never joins an organisation named after it ("Port Salim" / "Port Salim Harbour Authority"), nor a demonym.
_CROSS_TYPES = frozenset({"person", "org"})
CONFIDENT_MIN_VOTES = 3


_DEMONYM_END = re.compile(r"(?:ian|ean|an|ese|ish|i|ic|er)$")


def _written_variants(
    names: Sequence[str], key_of: Sequence[str], form_index: dict[str, int], parsed: list[ParsedName],
    types: list[str | None],
) -> list[tuple[int, int, str]]:
    """Form pairs that are one name written two ways, beyond what `names._same` compares.

    * Case and spacing: "LINKdotNET" / "LinkdotNet" / "Linkdot Net" spell the same letters; the name parser
      splits camel case, so their keys differ. Only names of 5+ letters, so that two short acronyms never meet
      this way.
    * A title before a lone surname ("General Jafari", "President Papoulias") names a person even when NER
      called the span an organisation, which keeps the title in the key: it joins the one person form of the
      story whose last token is that surname (never when two people share it).
    """
    out: list[tuple[int, int, str]] = []
    letters: dict[str, int] = {}
    for i, p in enumerate(parsed):
        k = re.sub(r"[^a-z0-9]", "", "".join(p.tokens))
        if len(k) < 5:
            continue
        if k in letters and letters[k] != i:
            out.append((letters[k], i, "case or spacing variant"))
        else:
            letters.setdefault(k, i)
    by_surname: dict[str, set[int]] = defaultdict(set)
    for i, p in enumerate(parsed):
        if types[i] == "person" and len(p.tokens) >= 2:
            by_surname[p.tokens[-1]].add(i)
    for name, key in zip(names, key_of):
        words = re.findall(r"[\w'’.-]+", name)
        k = 0
        while k < len(words) - 1 and words[k].lower().rstrip(".") in _TITLE_WORDS:
            k += 1
        if k == 0 or len(words) - k != 1:
            continue
        surname = parse_name(words[-1], "PERSON").tokens
        people = by_surname.get(surname[-1], set()) if surname else set()
        if len(people) == 1:
            out.append((form_index[key], next(iter(people)), "titled surname of one person"))
    return out


def _head_or_surname(short: tuple[str, ...], long: tuple[str, ...], long_type: str | None) -> bool:
    """Where a short form may sit in a longer name of another type: a person's surname ends the name
    ("al-Qadi" of "Khalid al-Qadi"); an organisation's short name starts it ("Meridian Hydro" of "Meridian
    Hydro Holdings"). "Apple" at the start of "Apple CEO Tim Cook" is the company, not the man."""
    n = len(short)
    return long[-n:] == short if long_type == "person" else long[:n] == short


def _demonyms(parsed: list[ParsedName], types: list[str | None], type_votes: list[Counter[str]]) -> set[int]:
    """Forms that describe rather than name: mostly NORP, and either confidently so or derived from a place
    of the same bag ("Iranian" next to "Iran"). One or two NORP labels on a word no place explains are no
    confidence: "Meridian", a company's short name, was NORP once in the examples story."""
    places = {p.tokens[0] for p, t in zip(parsed, types) if t == "place" and len(p.tokens) == 1}
    out = set()
    for i, votes in enumerate(type_votes):
        total = sum(votes.values())
        if not total or votes.get("norp", 0) * 2 < total or len(parsed[i].tokens) != 1:
            continue
        word = parsed[i].tokens[0]
        stem = _DEMONYM_END.sub("", word)
        if total >= CONFIDENT_MIN_VOTES or any(len(stem) >= 3 and pl.startswith(stem[: max(3, len(stem) - 1)]) for pl in places):
            out.add(i)
    return out


def _may_be(votes: Counter[str], ctype: str | None, demonym: bool = False) -> bool:
    """Whether a form whose NER labels are `votes` may be of coarse type `ctype`."""
    total = sum(votes.values())
    if demonym and ctype != "norp":
        return False  # "Iranian" describes, it does not name: never a part of "Iranian Red Crescent"
    if ctype is None or not total or votes.get(ctype, 0) > 0:
        return True
    top = votes.most_common(1)[0][1]
    # One or two votes are no confidence at all.
    return top < CONFIDENT_MIN_VOTES or top / total < CONFIDENT_TYPE_SHARE


_ALIAS_LONG = r"((?:[A-Z][\w&'.-]*)(?:\s+(?:of|the|and|for|on|de|du|[A-Z][\w&'.-]*)){1,9})"
_ALIAS_SHORT = r"([A-Z][A-Za-z&.]{1,9})"
_ALIAS_A = re.compile(_ALIAS_LONG + r"\s*\(\s*" + _ALIAS_SHORT + r"\s*\)")
_ALIAS_B = re.compile(r"\b" + _ALIAS_SHORT + r"\s*\(\s*" + _ALIAS_LONG + r"\s*\)")


def text_aliases(text: str) -> list[tuple[str, str, Span, Span]]:
    """Aliases a text defines in brackets: "Palestine Liberation Organization (PLO)" and the reverse.

    The short form must be written in capitals and start with the long form's first initial, which keeps
    wire credits ("WASHINGTON (AP)") and asides out.

    Returns:
        ``(long, short, long_span, short_span)`` tuples.

    Example:
        >>> [a[:2] for a in text_aliases("the Palestine Liberation Organization (PLO) said")]
        [('Palestine Liberation Organization', 'PLO')]
    """
    out: list[tuple[str, str, Span, Span]] = []
    for rx, long_group in ((_ALIAS_A, 1), (_ALIAS_B, 2)):
        for m in rx.finditer(text):
            long, short = m.group(long_group), m.group(3 - long_group)
            letters = short.replace(".", "")
            if not (letters[:1].isupper() and sum(c.isupper() for c in letters) >= 2):
                continue
            words = long.split()
            # Trim the long form from the left so that it starts with the acronym's first letter.
            while words and words[0][:1].upper() != letters[0].upper():
                words = words[1:]
            if len(words) < 2 or words[0].lower() in ("the", "of"):
                continue
            long = " ".join(words)
            ls = m.start(long_group) + m.group(long_group).index(long)
            out.append((long, short, Span(ls, ls + len(long)), Span(m.start(3 - long_group), m.end(3 - long_group))))
    return out


# "X, better known (in Arabic) as Y", "X (also spelled Y)", "X, formerly Y": the text says two names are one.
_NAME = (r"((?:[a-z]{1,4}-)?[A-Z][\w&'’.-]*"
         r"(?:\s+(?:of|the|and|for|al|el|bin|ibn|de|du|(?:[a-z]{1,4}-)?[A-Z][\w&'’.-]*)){0,7})")
_WORDED_CUE = (r"(?:(?:also|better|commonly|widely|locally|formerly|previously|otherwise|sometimes)\s+)?"
               r"(?:known|called|named|spelled|spelt|written|styled)(?:\s+(?:in|locally\s+in)\s+[A-Z][a-z]+)?\s+as"
               r"|(?:also\s+)?spelled|(?:also\s+)?spelt|formerly|aka|a\.k\.a\.")
_WORDED = re.compile(_NAME + r"\s*(?:,|\(|—|–)\s*(?:which\s+is\s+|who\s+is\s+)?(?:" + _WORDED_CUE
                     + r")\s+(?:the\s+)?[\"“']?" + _NAME)


def worded_aliases(text: str) -> list[tuple[str, str, Span, Span]]:
    """Aliases a text declares in words: "X, better known in Arabic as Y", "X (also spelled Y)", "X, formerly Y",
    "X, also known as Y", "X, aka Y". Both sides must be capitalised names; a leading article of the first is
    dropped.

    Returns:
        ``(first, second, first_span, second_span)`` tuples.

    Example:
        >>> [a[:2] for a in worded_aliases("the Islamic State of Iraq, better known in Arabic as Daesh, said")]
        [('Islamic State of Iraq', 'Daesh')]
        >>> [a[:2] for a in worded_aliases("Carolos Papoulias (also spelled Karolos Papoulias) spoke")]
        [('Carolos Papoulias', 'Karolos Papoulias')]
    """
    out: list[tuple[str, str, Span, Span]] = []
    for m in _WORDED.finditer(text):
        a, b = m.group(1), m.group(2)
        a_start = m.start(1)
        if a.split()[0] in ("The", "A", "An"):
            cut = len(a.split()[0]) + 1
            a, a_start = a[cut:], a_start + cut
        b = b.rstrip(".’'")
        if not a or not b or a == b:
            continue
        out.append((a, b, Span(a_start, a_start + len(a)), Span(m.start(2), m.start(2) + len(b))))
    return out


_TITLE_BEFORE = re.compile(
    r"(?:(?:\b[A-Z][a-z]+\s+)?(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Sgt|Gov|Gen|Maj|Col|Capt|Lt|Cpl|Rev|Sen|Rep|Insp|Det|Supt|Adm)"
    r"\.?\s+)+|\b(?:[Tt]he)\s+)$"
)


# "the Persian Gulf island of Qeshm", "SportsCenter 5's Mike Lynch": words before a name that belong to how
# the text names it (a kind-of phrase or a possessive affiliation).
_KIND_OF_BEFORE = re.compile(r"((?:[A-Z][\w'-]*\s+)*)([a-z]+)\s+of\s+$")
_POSSESSOR_BEFORE = re.compile(r"((?:[A-Z][\w-]*\s+)*[A-Z][\w-]*(?:\s+\d+)?(?:'s|’s)\s+)$")
_KIND_AFTER = re.compile(r"\s+([A-Za-z]+)\b")


def _surface_variants(text: str, span: Span) -> list[str]:
    """The mention as written, plus how the text wraps it: a title or article before it ("Mr. Blackmore"),
    a possessive affiliation ("SportsCenter 5's Mike Lynch"), a place kind ("island of Qeshm", "Qeshm island")."""
    out = [text[span.start : span.end]]
    lo = max(0, span.start - 60)
    for rx in (_TITLE_BEFORE, _POSSESSOR_BEFORE):
        m = rx.search(text, lo, span.start)
        if m:
            out.append(text[m.start() : span.end])
    m = _KIND_OF_BEFORE.search(text, lo, span.start)
    if m and m.group(2) in _PLACE_KINDS:
        out.append(text[m.start() : span.end])  # "Persian Gulf island of Qeshm"
        out.append(text[m.start(2) : span.end])  # and its kind phrase alone, "island of Qeshm"
    m = _KIND_AFTER.match(text, span.end)
    if m and m.group(1).lower() in _PLACE_KINDS:
        out.append(text[span.start : m.end()])
    return out


def _mention_rows(reports: Sequence[Report], mentions: Sequence[Mention] | None) -> list[_Row]:
    """(report id, span, name, label) for every proper-name mention and attribution source name."""
    rows: list[_Row] = []
    pool = list(mentions) if mentions is not None else [m for r in reports for m in r.mentions]
    for m in pool:
        if m.label in PROPER_LABELS and m.text.strip():
            rows.append((m.report, m.span, m.text, m.label))
    for r in reports:
        for a in r.attributions:
            if a.source_name and a.source is not None:
                rows.append((r.id, a.source, a.source_name, _SOURCE_KIND_LABEL.get(a.source_kind, "")))
            for hop in a.via:
                if hop.span is not None and hop.name:
                    rows.append((r.id, hop.span, hop.name, _SOURCE_KIND_LABEL.get(hop.kind, "")))
    return rows


def _taken(rows: list[_Row]) -> dict[str, list[tuple[int, int]]]:
    """The character ranges each report's mentions already cover, so a string search adds no overlapping one."""
    taken: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for rid, span, _, _ in rows:
        taken[rid].append((span.start, span.end))
    return taken


def _missed_mentions(
    rows: list[_Row],
    groups: list[list[int]],
    texts: dict[str, str],
    why: Counter[str],
) -> tuple[list[_Row], list[list[int]]]:
    """Add the short references NER missed: a surname, or the first word of an organisation's name.

    A word qualifies when it belongs to one entity's multi-word names only, is not itself the name of
    another entity, and is not a common word of the story (written in lower case one time in ten or more:
    "Center" and "Church" are, "Ketsoyan" and "Promises" are not). Its capitalised occurrences outside existing mentions join that entity, and so
    do capitalised words that spell it another way ("Teixiera", "OPAL").
    """
    if not texts:
        return rows, groups
    owner: dict[str, set[int]] = defaultdict(set)
    single: set[str] = set()
    for gi, members in enumerate(groups):
        votes = Counter(coarse_type(rows[i][3]) for i in members if rows[i][3])
        kind = votes.most_common(1)[0][0] if votes else None
        for i in members:
            words = parse_name(rows[i][2], rows[i][3] or None).display.split()
            if len(words) == 1:
                single.add(words[0])
                continue
            picks = [words[-1]] if kind == "person" else [words[0], words[-1]]
            for w in picks:
                if len(w) >= 3 and w[:1].isupper() and w[1:].islower() and w.isalpha() and w.lower() not in _COMMON_CAPS:
                    owner[w].add(gi)
    story_text = " ".join(texts.values())
    lower_count = Counter(re.findall(r"\b[a-z][a-z]+\b", story_text))
    cap_count = Counter(w.lower() for w in re.findall(r"\b[A-Z][a-z]+\b", story_text))
    # A word the story writes in lower case at least one time in ten is a common word ("center", "church");
    # a stray lower-case typo of a name ("teixeira") does not make it one.
    lower_words = {w for w, n in lower_count.items() if n * 10 >= cap_count.get(w, 0)}
    mentioned = {parse_name(r[2]).display for r in rows}
    caps_words = {w for w in re.findall(r"(?<![\w-])[A-Z](?:[a-z]{2,}|[A-Z]{2,})(?![\w-])", story_text)} - mentioned
    # An all-capital word is a respelling candidate only inside shouted text ("WALLY OPAL ISSUED A
    # STATEMENT"); in ordinary text it is an acronym ("IRNA" is not "Iran").
    shouted = {w for run in re.findall(r"(?:\b[A-Z]{2,}\b[^a-z]{1,3}){3,}", story_text) for w in re.findall(r"[A-Z]{2,}", run)}
    caps_words = {w for w in caps_words if not w.isupper() or w in shouted}
    caps_by_head: dict[str, list[str]] = defaultdict(list)
    for w in sorted(caps_words):
        caps_by_head[translit_key(w)[:1]].append(w)
    taken = _taken(rows)
    rows = list(rows)
    groups = [list(g) for g in groups]
    target: dict[str, int] = {}
    for word, gis in sorted(owner.items()):
        if len(gis) != 1:
            why["short reference shared by several entities: not searched"] += 1
            continue
        if word.lower() in lower_words:
            continue
        gi = next(iter(gis))
        if word in single and not any(parse_name(rows[i][2]).display == word for i in groups[gi]):
            continue  # another entity is called just this
        target.setdefault(word, gi)
        # Respellings share the first letter of their skeleton (a misspelling keeps it; so does an equal skeleton).
        for w in caps_by_head.get(translit_key(word)[:1], ()):
            if w != word and w.lower() not in lower_words and _misspelt(w, word):
                target.setdefault(w, gi)
    # A person's given name followed by a respelling of the surname, in any case ("WALLY OPAL", "Mark
    # Teixiera"): headlines and shouted wire copy that NER does not read.
    persons: dict[tuple[str, str], set[int]] = defaultdict(set)
    for gi, members in enumerate(groups):
        votes = Counter(coarse_type(rows[i][3]) for i in members if rows[i][3])
        if votes and votes.most_common(1)[0][0] == "person":
            for i in members:
                toks = parse_name(rows[i][2], "PERSON").tokens
                if len(toks) == 2 and len(toks[0]) >= 3 and len(toks[1]) >= 3:
                    persons[toks].add(gi)
    # A clipped nickname of a surname ("Tex" for Teixeira, "Youk" for Youkilis): a capitalised word of three or
    # four letters that nobody is called, that keeps the surname's first two letters and spells the rest in
    # the surname's order, for exactly one person of the story. A known hypocorism is a given name ("Rich
    # Fichera" is not Henri Richard); shorter words are too often initials or abbreviations. Over all 30 ECB+
    # topics the rule fired twice: Tex (Teixeira) and Rich (Richard), which this guard now refuses.
    surnames: dict[str, set[int]] = defaultdict(set)
    for gi, members in enumerate(groups):
        if _fullest_label(rows, members) == "PERSON":
            for i in members:
                toks = parse_name(rows[i][2], "PERSON").tokens
                if len(toks) == 2 and len(toks[0]) >= 3:
                    surnames[toks[1]].add(gi)
    clip_fits: dict[str, set[int]] = defaultdict(set)
    for surname, gis in surnames.items():
        if len(gis) != 1 or len(surname) < 6:
            continue
        for w in caps_by_head.get(translit_key(surname)[:1], ()):
            lw = w.lower()
            if (3 <= len(w) <= 4 and not w.isupper() and lw[:2] == surname[:2] and lw not in lower_words
                    and lw not in _COMMON_CAPS and lw not in _NICKNAMES and _is_clipping(lw, surname)):
                clip_fits[w] |= gis
    for w, gis in sorted(clip_fits.items()):
        if len(gis) == 1 and w not in owner and w not in single:
            target.setdefault(w, next(iter(gis)))
            why["clipped surname searched"] += 1
    by_given: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for (given, surname), gis in sorted(persons.items()):
        if len(gis) == 1:
            by_given[given].append((surname, next(iter(gis))))
    if by_given:
        given_rx = re.compile(
            r"(?<![\w-])(" + "|".join(map(re.escape, sorted(by_given, key=len, reverse=True))) + r")\s+([A-Za-z][A-Za-z'-]+)",
            re.I,
        )
        for rid, text in texts.items():
            for m in given_rx.finditer(text):
                if not m.group(0)[:1].isupper() or any(a < m.end() and m.start() < b for a, b in taken[rid]):
                    continue
                word = m.group(2).lower()
                fits = {gi for surname, gi in by_given[m.group(1).lower()]
                        if token_match(word, surname) in ("exact", "transliteration", "misspelling")}
                if len(fits) == 1:
                    rows.append((rid, Span(m.start(), m.end()), m.group(0), ""))
                    taken[rid].append((m.start(), m.end()))
                    groups[fits.pop()].append(len(rows) - 1)
                    why["full name respelt, found by string match"] += 1
    if not target:
        return rows, groups
    # One pass over each text with every searched spelling at once: a story of 500 reports stays cheap.
    rx = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, sorted(target, key=len, reverse=True))) + r")(?![\w-])")
    for rid, text in texts.items():
        for m in rx.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken[rid]):
                continue
            if _NEXT_CAP.match(text, m.end()):
                why["short reference inside a longer capitalised name: skipped"] += 1
                continue  # "Wadi" of "Wadi Saffar Dam": a cut of a longer name, not a reference on its own
            rows.append((rid, Span(m.start(), m.end()), m.group(0), ""))
            taken[rid].append((m.start(), m.end()))
            groups[target[m.group(0)]].append(len(rows) - 1)
            why["short reference found by string match"] += 1
    return rows, groups


def _parts_by_report(rows: list[_Row], groups: list[list[int]], why: Counter[str]) -> list[list[int]]:
    """A bare part that fits several entities of the story ("Weitz" with Chris and Paul Weitz, "Klitschko" with
    Wladimir and Vitali) is read in each report on its own: in a report that names only one of them in full, the
    part is that one. Where a report names two or none, the mention stays apart. Only parts left apart because
    several entities fit (never one refused for its type), and only people: a surname is what a report shortens
    a person to, while a place's name is part of many others ("Qeshm", "Qeshm City", "Qeshm Airport")."""
    tokens = [parse_name(name, label or None).tokens for _rid, _span, name, label in rows]  # parsed once

    def single(g: list[int]) -> str | None:
        keys = {tokens[i] for i in g}
        return next(iter(keys))[0] if len(keys) == 1 and len(next(iter(keys))) == 1 else None

    def ctype(g: list[int]) -> str | None:
        return coarse_type(_fullest_label(rows, g))

    holders: dict[str, list[int]] = defaultdict(list)  # token -> groups with a longer name holding it
    for gi, g in enumerate(groups):
        for tok in {t for i in g if len(tokens[i]) >= 2 for t in tokens[i]}:
            holders[tok].append(gi)
    moves: dict[int, int] = {}
    for gi, g in enumerate(groups):
        tok = single(g)
        if tok is None:
            continue
        if ctype(g) != "person":
            continue  # a place's name is part of many others of one story ("Qeshm", "Qeshm City", "Qeshm Airport")
        fits = [h for h in holders.get(tok, ()) if h != gi and ctype(groups[h]) == "person"]
        if len(fits) < 2:
            continue
        for i in g:
            here = [h for h in fits if any(rows[m][0] == rows[i][0] for m in groups[h])]
            if len(here) == 1:
                moves[i] = here[0]
    if not moves:
        return groups
    out = [[i for i in g if i not in moves] for g in groups]
    for i, h in moves.items():
        out[h].append(i)
    why["part read within its report"] += len(moves)
    return [sorted(g) for g in out if g]


def _missed_acronyms(
    rows: list[_Row],
    groups: list[list[int]],
    texts: dict[str, str],
    why: Counter[str],
) -> tuple[list[_Row], list[list[int]]]:
    """Add the acronyms NER missed: the initials of one organisation's or place's multi-word name, written in
    capitals as a word of the story ("UAE" for "the United Arab Emirates").

    Only acronyms of three letters or more (two capitals are too often something else: "US", "TV", "AM"),
    that spell the initials of exactly one entity's names and are no entity's name already.
    """
    owner: dict[str, set[int]] = defaultdict(set)
    named: set[str] = set()
    for gi, members in enumerate(groups):
        kind = coarse_type(_fullest_label(rows, members)) if members else None
        for i in members:
            p = parse_name(rows[i][2], rows[i][3] or None)
            named.add(p.display.replace(".", "").upper())
            if kind in ("org", "place") and len(p.tokens) >= 2 and not p.acronym:
                for letters in {p.initials, p.all_initials}:
                    if 3 <= len(letters) <= 6:
                        owner[letters.upper()].add(gi)
    target = {a: next(iter(gis)) for a, gis in owner.items() if len(gis) == 1 and a not in named}
    if not target:
        return rows, groups
    rows = list(rows)
    groups = [list(g) for g in groups]
    taken = _taken(rows)
    rx = re.compile(r"(?<![\w.-])(?:" + "|".join(map(re.escape, sorted(target, key=len, reverse=True))) + r")(?![\w-])")
    for rid, text in texts.items():
        for m in rx.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken[rid]):
                continue
            rows.append((rid, Span(m.start(), m.end()), m.group(0), ""))
            taken[rid].append((m.start(), m.end()))
            groups[target[m.group(0)]].append(len(rows) - 1)
            why["acronym of a known name found by string match"] += 1
    return rows, groups


# Head nouns that make a name an organisation's and that a text repeats when it describes the organisation in
# lower case ("the seismological center in Tehran" for "Iran's Seismic Research Center").
_ORG_HEADS = frozenset(
    "center centre agency institute institution survey service office ministry department bureau authority "
    "commission council committee board network observatory organisation organization".split()
)
# Two words share a root when they share this many first letters ("seismologic" / "Seismic"); shorter words
# are not distinctive enough to carry a description.
_ROOT = 5


def _root(word: str) -> str:
    w = word.lower()
    return w[:_ROOT] if len(w) >= _ROOT and w.isalpha() else ""


def _descriptions(
    rows: list[_Row], groups: list[list[int]], texts: dict[str, str], why: Counter[str]
) -> dict[int, list[tuple[str, Span, str]]]:
    """The lower-case descriptions of a named organisation, anchored on a place of the story, per group.

    "Tehran's seismologic center" and "the seismological center in Tehran" describe "Iran's Seismic Research
    Center": a description joins an organisation when it is written in lower case, repeats the head noun of the
    organisation's name ("center"), shares the root of one of the name's distinctive words ("seism"), and is
    tied to a place the story names ("Tehran's ...", "... in Tehran"). Exactly one organisation of the story
    must fit; "Indonesia's seismological agency" finds nothing unless the story names a seismological agency.
    A description is a variant as written and a mention, never a name form: it takes no part in resolution,
    labelling or the canonical name, so it is returned apart from the name rows.
    """
    places: set[str] = set()
    owner: dict[tuple[str, str], set[int]] = defaultdict(set)
    for gi, members in enumerate(groups):
        kind = coarse_type(_fullest_label(rows, members)) if members else None
        for i in members:
            words = re.findall(r"[A-Za-z][\w-]*", parse_name(rows[i][2], rows[i][3] or None).display)
            if kind == "place":
                places.add(" ".join(words))
            elif kind in ("org", None) and len(words) >= 2 and words[-1].lower() in _ORG_HEADS:
                head = "centre" if words[-1].lower() == "center" else words[-1].lower()
                for w in words[:-1]:
                    if w[:1].isupper() and (r := _root(w)):
                        owner[(head, r)].add(gi)
    places.discard("")
    found: dict[int, list[tuple[str, Span, str]]] = defaultdict(list)
    if not places or not owner:
        return found
    place = "|".join(map(re.escape, sorted(places, key=len, reverse=True)))
    heads = "|".join(sorted(_ORG_HEADS))
    rx = re.compile(
        rf"(?:\b(?:{place})(?:'s|’s)\s+)?((?:(?<![\w'’-])(?!(?:the|a|an|its|their|this|that)\s)[a-z][a-z-]+\s+){{1,2}})({heads})\b(?:\s+(?:in|of)\s+(?:{place})\b)?"
    )
    taken = _taken(rows)
    for rid, text in texts.items():
        for m in rx.finditer(text):
            anchored = m.start() < m.start(1) or m.end() > m.end(2)
            # the anchoring place is a mention of its own; only the description's words must be free
            if not anchored or any(a < m.end(2) and m.start(1) < b for a, b in taken[rid]):
                continue
            head = "centre" if m.group(2) == "center" else m.group(2)
            fits = set().union(*(owner.get((head, _root(w)), set()) for w in m.group(1).split()))
            if len(fits) != 1:
                why["description: no single organisation fits" if not fits else "description: ambiguous"] += 1
                continue
            found[fits.pop()].append((rid, Span(m.start(), m.end()), m.group(0)))
            taken[rid].append((m.start(), m.end()))
            why["lower-case description of an organisation"] += 1
    return found


# A capitalised word: dotted initials ("U.S."), a short abbreviation ("St.", "Gov."), or a plain word;
# a sentence-final full stop never joins two runs.
_CAP_WORD = r"(?:(?:[A-Z]\.){2,}|[A-Z][a-z]{0,2}\.|[A-Z][\w'-]*)"
# Words join by spaces, a connective, or a spaced hyphen (tokenised text writes "WCVB-TV" as "WCVB - TV").
_RUN = re.compile(rf"(?<![\w-]){_CAP_WORD}(?:(?:\s+(?:(?:of|the|and|on|de|for)\s+)?|\s+-\s+){_CAP_WORD})+")


def _name_runs(
    rows: list[_Row],
    groups: list[list[int]],
    texts: dict[str, str],
    why: Counter[str],
) -> tuple[list[_Row], list[list[int]]]:
    """Add the multi-word names NER missed: runs of capitalised words that spell a known multi-word name.

    A run joins an entity when its normalised form is that of one of the entity's names ("Fundamentalist
    Church of Jesus Christ of Latter-day Saints" = "... Latter Day Saints"; "People Magazine" = "People")
    and of no other entity's. All-capital runs of three or more words (headlines, shouted wire copy) are left
    alone; two capital words are a name with its suffix ("WCVB - TV").
    """
    key_owner: dict[str, set[int]] = defaultdict(set)
    for gi, members in enumerate(groups):
        for i in members:
            p = parse_name(rows[i][2], rows[i][3] or None)
            if p.tokens:
                key_owner[p.key].add(gi)
    if not key_owner:
        return rows, groups
    rows = list(rows)
    groups = [list(g) for g in groups]
    taken: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for idx, (rid, span, _, _) in enumerate(rows):
        taken[rid].append((span.start, span.end, idx))
    dropped: set[int] = set()
    for rid, text in texts.items():
        for m in _RUN.finditer(text):
            whole = m.group(0)
            if whole.isupper() and len(re.findall(r"[A-Z]+", whole)) > 2:
                continue
            # Words before the name can join the run ("Utah-based Fundamentalist Church ..."): try its tails.
            offsets = [0] + [k.end() for k in re.finditer(r"\s+", whole)][:4]
            owners: set[int] = set()
            for off in offsets:
                run = whole[off:].rstrip(".'")
                if run.split()[0].lower().rstrip(".") in _TITLE_WORDS:
                    continue  # the name starts after the title; the title comes back as a surface variant
                start, end = m.start() + off, m.start() + off + len(run)
                # A run of several words that reduces to a one-word name ("WCVB - TV", "People Magazine")
                # names it too; a lone word is left to the short-reference search.
                owners = key_owner.get(parse_name(run).key, set()) if len(run.split()) >= 2 else set()
                kind = _KIND_AFTER.match(text, end)
                if len(owners) != 1 and kind and kind.group(1).islower():
                    # A kind word in lower case ("the Wadi Saffar dam") is still the last word of a known name.
                    owners = key_owner.get(parse_name(f"{run} {kind.group(1).capitalize()}").key, set())
                    if len(owners) == 1:
                        run, end = text[start : kind.end()], kind.end()
                if len(owners) == 1:
                    break
            else:
                continue
            inside = [t for t in taken[rid] if t[0] < end and start < t[1]]
            if any(not (start <= t0 and t1 <= end) or (t0, t1) == (start, end) for t0, t1, _ in inside):
                continue  # crosses a mention, or is one already
            # NER's shorter spans inside the run ("Fundamentalist Church" of the full name) give way to it.
            dropped |= {idx for _, _, idx in inside}
            rows.append((rid, Span(start, end), run, ""))
            taken[rid] = [t for t in taken[rid] if t not in inside] + [(start, end, len(rows) - 1)]
            groups[next(iter(owners))].append(len(rows) - 1)
            why["multi-word name found by string match"] += 1
    if dropped:
        groups = [[i for i in g if i not in dropped] for g in groups]
        groups = [g for g in groups if g]
        why["NER span inside a longer name: replaced"] += len(dropped)
    return rows, groups


# A capitalised word right after a match: the match is the first word of a longer name.
_NEXT_CAP = re.compile(r"[ \t]+[A-Z][a-z]")


def _misspelt(candidate: str, word: str) -> bool:
    """A capitalised word of the text that spells `word` another way ("Teixiera", "OPAL" for "Oppal")."""
    if len(candidate) < 4:
        return False
    a, b = candidate.lower(), word.lower()
    kind = token_match(a, b)
    if kind == "transliteration":
        return JaroWinkler.similarity(a, b) >= THRESHOLDS["single_key_jw"] and len(translit_key(a)) >= 3
    return kind == "misspelling"


_CALL_SIGN = re.compile(r"^(?P<place>(?:[A-Z][a-z]+\s+){1,3})(?P<sign>[A-Z]{3,5})$")


def _place_before_call_sign(rows: list[_Row], why: Counter[str]) -> list[_Row]:
    """An organisation span "<place> <CALL SIGN>" ("Boston WCVB") names the acronym's outlet; the place is a
    modifier, as in "Boston's WCVB". Only when the leading words are themselves a place mention of the story,
    so that "Fox News"-like names whose first word is no place are left whole."""
    places = {name for _, _, name, label in rows if coarse_type(label) == "place"}
    out = []
    for rid, span, name, label in rows:
        m = _CALL_SIGN.match(name) if coarse_type(label) == "org" else None
        if m and m.group("place").strip() in places:
            start = span.start + m.start("sign")
            out.append((rid, Span(start, start + len(m.group("sign"))), m.group("sign"), label))
            why["place before a call sign: cut"] += 1
        else:
            out.append((rid, span, name, label))
    return out


def _fullest_label(rows: list[_Row], members: Iterable[int]) -> str:
    """The label NER gives a group's fullest forms: a lone surname is often mislabelled ("Teixeira" as ORG)."""
    members = list(members)
    longest = max((len(parse_name(rows[i][2], rows[i][3] or None).tokens) for i in members if rows[i][3]), default=0)
    labels = Counter(rows[i][3] for i in members
                     if rows[i][3] and len(parse_name(rows[i][2], rows[i][3]).tokens) == longest)
    return labels.most_common(1)[0][0] if labels else "UNKNOWN"


def _is_clipping(short: str, long: str) -> bool:
    """Whether `short` spells letters of `long` in order, a clipped form: "tex" in "teixeira"."""
    it = iter(long)
    return all(c in it for c in short)


# Capitalised words that start many names without identifying any ("New", "United", "National").
_COMMON_CAPS = frozenset(
    "new united national international american british north south east west central great royal "
    "federal state general first saint san los las mount lake fort port upper lower old grand".split()
)


_VARIANT_LEAD = re.compile(r"^(?:(?:and|or|but|in|on|of|at|to|for|from|by|with|into|as|if)\s+)+", re.I)
_VARIANT_TAIL_OK = _PLACE_KINDS | frozenset("magazine newspaper daily weekly tabloid website agency channel".split())


# A lower-case word that is still part of a name: an article or filiation particle joined to a capitalised
# word ("al-Qadi", "el-Sisi", "d'Estaing", "bin Laden" is written with a capitalised surname anyway).
_NAME_WORD = re.compile(r"^[a-z]{1,4}[-'’][A-Z]")


def _clean_variant(v: str) -> str:
    """A variant as written, minus what NER's span swept in: a leading "and"/"In", a possessive, or a
    lower-case tail ("Teixeira - - eight years", "Boras' bluff"). "the X" stays: it is how outlets are named."""
    v = _VARIANT_LEAD.sub("", v.strip())
    v = re.sub(r"(?:'s|’s|')$", "", v).strip()
    words = v.split()
    if len(words) > 1 and words[-1][:1].islower() and words[-1].lower() not in _VARIANT_TAIL_OK and not _NAME_WORD.match(words[-1]):
        return ""
    return v if any(c.isalpha() for c in v) else ""


# Office titles named by a portfolio: the words before them are the portfolio, not an organisation
# ("Energy and Water Minister Khalid al-Qadhi", "Foreign Secretary").
_PORTFOLIO_TITLE = re.compile(r"(?:\s+(?:and|&)\s+[A-Z][\w-]*)*\s+(?:Minister|Ministers|Secretary|Secretaries|Commissioner)\b")


# Natural and built features a text names by a bare name and a lower-case kind ("the Saffar river"); not the
# kinds that follow a town for its own harbour or airport ("Port Salim harbour" is Port Salim's). Unlike the
# administrative kinds of names._PLACE_KINDS ("Hormouzgan province" is Hormouzgan), the kind tells things apart:
# the Saffar river is not the Wadi Saffar Dam.
_FEATURE_KINDS = frozenset(
    "river lake dam reservoir canal bridge tunnel gulf strait sea mountain mountains desert oasis oilfield gasfield".split()
)
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n\s*)$")
_FEATURE_AFTER = re.compile(r"[ \t]+([a-z]+)\b")


def _with_feature_kind(text: str | None, span: Span, name: str) -> str:
    """The name as resolved: with the feature kind the text writes after it ("Saffar River" for "the Saffar
    river"), so that it only joins names of that kind.

    Example:
        >>> _with_feature_kind("on the Saffar river north", Span(7, 13), "Saffar")
        'Saffar River'
    """
    if text is None or text[span.start : span.end] != name:
        return name
    m = _FEATURE_AFTER.match(text, span.end)
    if m and m.group(1) in _FEATURE_KINDS and m.group(1) not in name.lower().split():
        return f"{name} {m.group(1).capitalize()}"
    return name


def _is_name_mention(text: str | None, span: Span, name: str, label: str, common: frozenset[str] | set[str] = frozenset()) -> tuple[bool, str]:
    """Whether a mention names something: (decision, reason).

    A name is capitalised once its article is gone ("The document" of an attribution hop is not); a word
    that only qualifies an office title ("Energy" of "Energy and Water Minister") is a portfolio; a lone
    common word of the story (`common`) capitalised only because it starts a sentence ("Harbour master Youssef
    Darwish said") is no name either.

    Example:
        >>> _is_name_mention("Energy Minister Khalid Qadi said", Span(0, 6), "Energy", "ORG")
        (False, 'portfolio word before an office title: skipped')
    """
    display = parse_name(name, label or None).display
    if not any(c.isupper() for c in display):
        return False, "no capitalised word: not a proper name"
    if text is not None and text[span.start : span.end] == name and _PORTFOLIO_TITLE.match(text, span.end):
        return False, "portfolio word before an office title: skipped"
    if (
        text is not None
        and text[span.start : span.end] == name
        and name.lower() in common
        and name.isalpha()
        and _SENTENCE_START.search(text[max(0, span.start - 3) : span.start] if span.start else "")
    ):
        return False, "common word capitalised at a sentence start: skipped"
    return True, "name"


def _canonical(forms: list[tuple[ParsedName, int]]) -> str:
    """The fullest form: most tokens, then frequency, then not all-caps, then the shorter spelling."""
    def score(item: tuple[ParsedName, int]) -> tuple[int, int, int, int]:
        p, n = item
        return (len(p.tokens), n, int(not p.display.isupper()), -len(p.display))

    return max(forms, key=score)[0].display


@entity_resolvers.register("entities.story-context.v1")
def resolve_entities(
    reports: Sequence[Report],
    *,
    mentions: Sequence[Mention] | None = None,
    explain: Counter[str] | None = None,
    naming: bool = False,
) -> list[Entity]:
    """Resolve the proper-name mentions of some reports (one story, or a store) into entities.

    Args:
        reports: the reports; their texts supply titles before names and bracketed aliases, their
            ``mentions`` (spaCy NER) and attribution source names supply the names.
        mentions: use these mentions instead of ``report.mentions`` (e.g. from the store).
        explain: when given, counts merges, refusals and skipped mentions by reason.
        naming: also read how the texts and reports name things (``entities.story-context.v2``): aliases declared
            in words (`worded_aliases`), case and spacing variants and titled surnames (`_written_variants`),
            and an acronym that spells the initials of a report's own outlet ("LPA" in a Levant Press Agency
            report) as that outlet.

    Returns:
        Entities ordered by number of mentions (most first); each has a canonical name, the majority NER
        label as type, every variant as written (including a preceding title or article), and
        ``(report id, Span)`` mentions. Ids are stable hashes of type and canonical name.

    Example:
        >>> r = Report(id="a", text="Tara Reid entered rehab. Reid's rep confirmed it.")
        >>> r.mentions = [Mention("a", Span(0, 9), "PERSON", "Tara Reid"), Mention("a", Span(25, 29), "PERSON", "Reid")]
        >>> [(e.name, e.variants) for e in resolve_entities([r])]
        [('Tara Reid', ('Reid', 'Tara Reid'))]
    """
    why: Counter[str] = explain if explain is not None else Counter()
    texts = {r.id: r.text or "" for r in reports}
    rows = []
    story_text = " ".join(texts.values())
    lower_count = Counter(re.findall(r"\b[a-z][a-z]+\b", story_text))
    cap_count = Counter(w.lower() for w in re.findall(r"\b[A-Z][a-z]+\b", story_text))
    # Words the story writes in lower case at least one time in ten ("harbour", "document"): common words.
    common = {w for w, n in lower_count.items() if n * 10 >= cap_count.get(w, 0)}
    all_rows = _mention_rows(reports, mentions)
    # A person's surname stays a name whatever else it means ("Felt" of Mark Felt, "Felt died Thursday").
    common -= {name.split()[-1].lower() for _, _, name, label in all_rows if coarse_type(label) == "person" and len(name.split()) > 1}
    for rid, span, name, label in all_rows:
        text = texts.get(rid)
        if text is not None and not (0 <= span.start <= span.end <= len(text)):
            why["mention span outside its report: skipped"] += 1
            continue
        keep, reason = _is_name_mention(text, span, name, label, common)
        if not keep:
            why[reason] += 1
            continue
        rows.append((rid, span, name, label))
    rows = _place_before_call_sign(rows, why)
    aliases: list[tuple[str, str]] = []
    for rid, text in texts.items():
        try:
            found = text_aliases(text) + (worded_aliases(text) if naming else [])
        except Exception:  # one odd text never stops the story  # noqa: BLE001
            why["alias scan failed on a report"] += 1
            continue
        for long, short, long_span, short_span in found:
            aliases.append((long, short))
            # The bracketed definition is itself two mentions, whether or not NER saw them.
            for name, span in ((long, long_span), (short, short_span)):
                if not any(r[0] == rid and r[1].start < span.end and span.start < r[1].end for r in rows):
                    rows.append((rid, span, name, ""))
                    why["mention from a bracketed alias"] += 1
    # Aliases join the bag so that an expansion NER missed can still link its acronym to other forms.
    names = [(_with_feature_kind(texts.get(rid), span, name), label or None) for rid, span, name, label in rows]
    extra = [(n, None) for pair in aliases for n in pair]
    groups = resolve_names(names + extra, aliases=aliases, explain=why, variants=naming)
    groups = [[i for i in g if i < len(rows)] for g in groups]
    rows, groups = _name_runs(rows, [g for g in groups if g], texts, why)
    rows, groups = _missed_mentions(rows, groups, texts, why)
    rows, groups = _missed_acronyms(rows, groups, texts, why)
    if naming:
        groups = _parts_by_report(rows, groups, why)
    described = _descriptions(rows, groups, texts, why)
    entities: list[Entity] = []
    for gi, members in enumerate(groups):
        label = _fullest_label(rows, members)
        variants: dict[str, None] = {}
        labelled = any(rows[i][3] for i in members)
        form_counts: Counter[str] = Counter()
        parsed: dict[str, ParsedName] = {}
        spans: dict[tuple[str, Span], None] = {}
        for i in members:
            rid, span, name, lab = rows[i]
            text = texts.get(rid)
            written = text[span.start : span.end] if text is not None else None
            if written == name:
                seen = _surface_variants(text, span)
            elif written and parse_name(written, lab or None).key == parse_name(name, lab or None).key:
                # An attribution names its source in normal form ("WCVB") over a span the text writes another
                # way ("WCVB - TV"): both are how the story names it.
                seen = [name, written]
            else:
                seen = [name]
            for v in seen:
                if (c := _clean_variant(v)):
                    variants[c] = None
                elif v == name and lab == "" and len(v.split()) > 1:
                    # A string-found name whose last word is written in lower case ("Wadi Saffar dam") was
                    # found because that word completes one of the entity's names: keep it as written.
                    variants[v] = None
            p = parse_name(name, lab or None)
            if p.display and p.display != name:  # the name itself, without title, article or description
                variants[p.display] = None
            if p.tokens and (lab or not labelled):
                # Canonical names come from NER's or the attribution's forms; string-found ones only fill in.
                form_counts[p.display] += 1
                parsed[p.display] = p
            spans[(rid, span)] = None
        for rid, span, written in described.get(gi, ()):
            variants[written] = None
            spans[(rid, span)] = None
        if not parsed:
            continue
        name = _canonical([(parsed[d], n) for d, n in form_counts.items()])
        digest = hashlib.sha1(f"{label}|{name}|{min(spans)[0]}".encode()).hexdigest()[:12]
        entities.append(
            Entity(
                id=f"ent-{digest}",
                name=name,
                type=label,
                variants=tuple(sorted(variants, key=lambda v: (v.casefold(), v))),
                mentions=tuple(sorted(spans, key=lambda m: (m[0], m[1].start, m[1].end))),
            )
        )
    if naming:
        entities = _outlet_acronyms(entities, reports, why)
    entities.sort(key=lambda e: (-len(e.mentions), e.name))
    return entities


@entity_resolvers.register("entities.story-context.v2")
def resolve_entities_v2(
    reports: Sequence[Report], *, mentions: Sequence[Mention] | None = None, explain: Counter[str] | None = None,
) -> list[Entity]:
    """``entities.story-context.v2``: `resolve_entities` that also reads how the texts and reports name things
    (``naming=True``: aliases in words, case and spacing variants, titled surnames, own-outlet acronyms)."""
    return resolve_entities(reports, mentions=mentions, explain=explain, naming=True)


def _outlet_acronyms(entities: list[Entity], reports: Sequence[Report], why: Counter[str]) -> list[Entity]:
    """An acronym written in a report that spells its own outlet's initials ("(LPA)" in a Levant Press Agency
    report) is that outlet: the entity is named for the outlet and carries both names. The outlet's name comes
    from the report's metadata, so the entity keeps the acronym's mentions only."""
    own: dict[str, set[str]] = defaultdict(set)  # acronym -> outlets it spells
    by_report = {r.id: r.outlet for r in reports if r.outlet}
    for outlet in set(by_report.values()):
        p = parse_name(outlet, "ORG")
        if len(p.tokens) >= 2:
            for initials in {p.initials, p.all_initials}:
                if len(initials) >= 2:
                    own[initials].add(outlet)
    if not own:
        return entities
    out = []
    for e in entities:
        acr = {parse_name(v, "ORG").acronym for v in e.variants} - {""}
        outlets = {o for a in acr for o in own.get(a, ())}
        # only when the acronym is written in a report of that very outlet, and only one outlet fits
        if len(outlets) == 1 and any(by_report.get(rid) in outlets for rid, _ in e.mentions):
            outlet = next(iter(outlets))
            if not any(parse_name(v, "ORG").key == parse_name(outlet, "ORG").key for v in e.variants):
                why["acronym of the report's own outlet"] += 1
                e = replace(e, name=outlet if len(e.name.split()) == 1 else e.name,
                            variants=tuple(sorted({*e.variants, outlet}, key=lambda v: (v.casefold(), v))))
        out.append(e)
    return out


def entity_index(entities: Iterable[Entity]) -> dict[tuple[str, Span], str]:
    """Map each ``(report id, Span)`` mention to its entity id, to fill `Mention.entity`.

    Example:
        >>> entity_index([Entity("e1", "X", "ORG", ("X",), (("a", Span(0, 1)),))])
        {('a', Span(start=0, end=1)): 'e1'}
    """
    return {m: e.id for e in entities for m in e.mentions}
