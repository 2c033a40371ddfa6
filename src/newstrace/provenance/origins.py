"""Origins per claim: the primary sources a claim rests on, how many are independent, and circular reporting.

Algorithm (``origins.rules.v1``; ``v2`` adds the group ties below, ``v3`` the positions), the issue's definition applied to each wording of an aligned claim:

- a named person or organisation is an origin (name variants merge: "Wally Oppal" = "OPAL", "USGS" =
  "U.S. Geological Survey", "Alishbandi" = "Alishvandi");
- a role noun ("her rep") is tied to the name the story's texts give that role ("rep Jack Ketsoyan"), else it is
  an unnamed origin of its own (the dossier reads the ties within the claim's own reports first: "the governor" is
  the governor the claim's other reports name, not another event's); coordinated speakers ("Sgt. X and Y
  announced") are tied to their organisations like a single speaker;
- outlets in the chain ("told People", "via Us") are hops, not origins; an outlet cited with no source of its own
  is one origin per outlet ("the Boston Herald reported": the Herald's unnamed sources), unless another wording of
  the claim shows that outlet relaying a named source (then it descends from that source and adds nothing);
- unnamed sources ("officials", "a friend", "a senior government official") are one origin per kind of source in
  the story; a lower-case head ("the ministry") is the named body it heads ("the Ministry of Health");
  ``origins.rules.v2`` (the dossier's: the same function given ``groups``) joins an unnamed group of an
  institution's staff ("police", "officials", "a spokesman") to the one named source of the claim the story's
  texts tie it to ("Police Inspector Dave Gaskin", "disaster agency official Fauzi"); a friend, relative,
  witness, expert or anonymous source is never joined;
- a newsroom that witnessed the event ("a Northern Press reporter saw", "reporters at the scene") is one origin
  per newsroom, and its wire copies inherit it;
- the state's media are one origin however written ("state media", "state television", and an agency the texts
  call the state's or official one: "IRNA" after "the official IRNA news agency"; `sources.state_media_names`);
- a wording relaying a wire's unnamed sources ("officials were quoted by AP as saying") takes the origin the wire's
  own report in the story gives for the claim (`credits.wire_of`): an outlet citing another takes its origins;
- ``origins.rules.v3`` (the dossier's: given ``positions`` too): a source that contests the claim ("the ministry
  denied that ...", "rejected reports that ...") is no origin of it, nor is one that only takes a stance on it
  ("criticized the plan to ...") while another wording gives an account of it (`positions.position_of`);
- own-voice and hearsay ("reportedly", "various reports") wordings add no origin; copied text inherits the origins
  of the wording it copies;
- a claim no wording sources rests on one "public record" origin.

In the dossier an outlet root is shown as "X (own reporting)": the outlet reported it without naming a source.

`independent_origins` counts the roots left; `circular` is true when 2+ reports carry the claim and one root.

Example:
    >>> same_source("Heydar Alishbandi", "Alishvandi"), same_source("USGS", "U.S. Geological Survey")
    (True, True)
    >>> same_source("Wally Oppal", "Tim Shields")
    False
"""
from __future__ import annotations

import re
from functools import lru_cache
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from anyascii import anyascii
from rapidfuzz import fuzz

from newstrace.model import Copy, Span
from newstrace.provenance.lexicon import lexicon
from newstrace.provenance.sources import STATE_MEDIA, Source, is_state_media
from newstrace.registry import Registry, name_matchers

origin_rules = Registry("origin rules")

PUBLIC_RECORD = "public record"
#: the `Source.head` of a no-comment line: a witness source, the asking newsroom's own reporting (provenance.dossier);
#: its origin is that newsroom, one per asking outlet
NO_COMMENT = "no-comment"
#: key unnamed "sources" by the outlet they spoke to (one origin per outlet) instead of one per story. Off: on
#: provenance-dev it lowered origins_right from 0.714 to 0.679, because a report often quotes another outlet's
#: unnamed source without naming that outlet in the same sentence ("a friend of the actress said").
SCOOPS_PER_OUTLET = False
#: surnames this similar are one person written two ways (transliteration, typo); 85 keeps Alishbandi/Alishvandi
#: together and keeps short distinct surnames apart (ratio of two different 5-letter names rarely exceeds 80)
NAME_SIMILARITY = 85.0
#: unnamed head → the kind of unnamed source it names (lexicon.toml [groups])
_UNNAMED_GROUPS = lexicon().group_of
_STOP = {"the", "of", "and", "for", "in", "on", "at", "a", "an", "de", "s"}


def _words(name: str) -> list[str]:
    name = re.sub(r"\.(?:com|net|org|co\.uk)\b", "", anyascii(name).lower())
    return [w for w in re.findall(r"[a-z0-9]+", name.replace("'s ", " ")) if w not in _STOP]


def _acronym(name: str) -> str:
    caps = [w for w in re.findall(r"[A-Za-z][\w-]*", anyascii(name)) if w[0].isupper() and w.lower() not in {"the", "of", "and", "for"}]
    return "".join(w if w.isupper() and len(w) <= 4 else w[0] for w in caps).lower()


@lru_cache(maxsize=65536)
@name_matchers.register("names.same-source.v1")
def same_source(a: str, b: str) -> bool:
    """Whether two source names denote one source (name variants, acronyms, shared head words).

    Args:
        a, b: source names as written.

    Returns:
        True when the names are variants of one person or organisation.
    """
    # a document and the same document named with the outlet that obtained it are one source; two obtainers are two
    a, _, by_a = a.partition(" obtained by ")
    b, _, by_b = b.partition(" obtained by ")
    if by_a and by_b and not same_source(by_a, by_b):
        return False
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return False
    if wa == wb:
        return True
    compact_a, compact_b = "".join(wa), "".join(wb)
    if len(wa) == 1 and compact_a == _acronym(b) or len(wb) == 1 and compact_b == _acronym(a):
        return True
    for one, other, wo in ((a, b, wb), (b, a, wa)):
        # "the ministry" after "the Ministry of Health": a lower-case common noun refers back to the named body it heads
        if one.strip().islower() and len(_words(one)) == 1 and len(wo) >= 2 and _words(one)[0] in (wo[0], wo[-1]) \
                and other.strip()[:1].isupper():
            return True
    if len(wa) >= 2 and len(wb) >= 2 and not any(w[0].isupper() for w in a.split()[-1:]) and wa[-2:] == wb[-2:]:
        return True  # "Tehran's seismologic center" / "Iran's seismologic center": same lower-case head
    # people: the surname decides, allowing for transliteration and typos
    return fuzz.ratio(wa[-1], wb[-1]) >= NAME_SIMILARITY and (len(wa[-1]) > 3 or wa[-1] == wb[-1]) and _first_ok(wa, wb)


def _first_ok(wa: list[str], wb: list[str]) -> bool:
    # "James Oler" and "Jim Oler" agree; "John Henry" and "Patrick Henry" do not
    if len(wa) < 2 or len(wb) < 2:
        return True
    short, long_ = sorted((wa, wb), key=len)
    if long_[-len(short):] == short:
        return True  # "General Wally Oppal" / "Wally Oppal": a leftover title in front
    return wa[0][0] == wb[0][0]


@dataclass(slots=True)
class OriginRef:
    """One wording's contribution: an origin key and display name, or nothing (own voice, hearsay)."""

    key: str | None
    name: str | None
    kind: str
    reason: str
    via: tuple[str, ...] = ()
    span: Span | None = None
    channel: str | None = None  # the report's own outlet when the source spoke to it first-hand


@dataclass(slots=True)
class ClaimOrigins:
    """The origins behind one claim, with the per-wording reasons."""

    names: list[tuple[str, str]] = field(default_factory=list)  # (display name, kind), one per independent root
    per_wording: dict[tuple[str, Span], OriginRef] = field(default_factory=dict)
    independent: int = 0
    circular: bool = False
    # (report id, source name, position) of each wording whose source contests the claim or only takes a stance
    # on it (``origins.rules.v3``): listed with the claim, not counted among its origins
    positions: list[tuple[str, str, str]] = field(default_factory=list)


def unnamed_group(head: str) -> str:
    """The kind of unnamed source a head noun names ("investigators" → "police", "aides" → "source")."""
    return _UNNAMED_GROUPS.get(head, head)


def origin_of(src: Source, roles: Mapping[str, str]) -> OriginRef:
    """Map one wording's `Source` to the origin it contributes (decision plus reason)."""
    if src.kind in ("own", "hearsay"):
        return OriginRef(None, None, src.kind, f"{src.kind}: adds no origin ({src.reason})", src.via, src.span)
    if src.kind == "role" and not src.head:
        return OriginRef(None, None, "own", "unresolved pronoun: adds no origin", src.via, src.span)
    if src.kind == "role":
        tied = roles.get(src.head or "")
        if tied:
            return OriginRef("n:" + tied, tied, "person", f"role '{src.head}' tied to {tied}", src.via, src.span)
        return OriginRef(f"u:{src.head}", f"unnamed {src.head}", "unnamed", "role not tied to a name", src.via, src.span)
    if src.kind == "unnamed":
        group = unnamed_group(src.head) if src.head else "source"
        return OriginRef(f"u:{group}", f"unnamed {group}", "unnamed", f"unnamed {src.head}", src.via, src.span)
    if src.kind == "witness":
        # the newsroom that saw it; None until `claim_origins` knows the report's own outlet
        why = src.reason if src.head == NO_COMMENT else "witnessed by a newsroom"
        return OriginRef("w:" + src.name if src.name else None, src.name, "witness", why, src.via, src.span)
    if src.kind == "document":
        return OriginRef("d:" + (src.name or ""), src.name, "document", "document", src.via, src.span)
    if src.kind == "outlet":
        return OriginRef("o:" + (src.name or ""), f"{src.name}'s unnamed sources", "outlet", "outlet cites no source", src.via, src.span)
    return OriginRef("n:" + (src.name or ""), src.name, "named", "named source", src.via, src.span)


def _in_collective(name: str | None, aliases: Mapping[str, str]) -> bool:
    if not name:
        return False
    name = name.replace("'s unnamed sources", "")
    return is_state_media(name) or any(same_source(name, a) for a in aliases)


def _collective(ref: OriginRef, aliases: Mapping[str, str]) -> OriginRef:
    """The state's media written any way ("state media", "state television", "IRNA" when the texts call it the
    official agency) are one outlet: rename the origin and the hops."""
    via = tuple(STATE_MEDIA if _in_collective(v, aliases) else v for v in ref.via)
    if ref.kind in ("named", "outlet") and _in_collective(ref.name, aliases):
        return OriginRef("o:" + STATE_MEDIA, f"{STATE_MEDIA}'s unnamed sources", "outlet",
                         f"{ref.name}: the state's media", via, ref.span, ref.channel)
    if via != ref.via:
        return OriginRef(ref.key, ref.name, ref.kind, ref.reason, via, ref.span, ref.channel)
    return ref


@origin_rules.register("origins.rules.v3")
@origin_rules.register("origins.rules.v2")
@origin_rules.register("origins.rules.v1")
def claim_origins(
    wordings: Sequence[tuple[str, Span]],
    sources: Mapping[tuple[str, Span], Source],
    roles: Mapping[str, str] | None = None,
    copies: Sequence[Copy] = (),
    affiliation: Mapping[str, str] | None = None,
    outlets: Mapping[str, str | None] | None = None,
    aliases: Mapping[str, str] | None = None,
    wires: Mapping[str, str | None] | None = None,
    groups: Callable[[str, str], bool] | None = None,
    positions: Mapping[tuple[str, Span], str] | None = None,
) -> ClaimOrigins:
    """Resolve the origins of one aligned claim.

    Args:
        wordings: (report id, span) of each wording, one per report.
        sources: the `Source` of each wording (missing means own voice).
        roles: role noun → name ties for the story (`sources.role_map`).
        copies: copy relations of the story; a copy's wording inherits the origins of its original's wording.
        affiliation: person → organisation ties for the story (`sources.affiliations`): a spokesperson or a
            journalist counts as their organisation.
        outlets: report id → its outlet. A source who "told" the report's own outlet spoke first-hand to that
            newsroom: two reporters who each interviewed the minister give two origins, while outlets relaying
            one statement give one.
        aliases: outlet name → the collective it belongs to (`sources.state_media_names`: "IRNA" → "state
            media"); a descriptor of a state's media ("state television", "the official news agency") is that
            collective whatever its wording, so the state's media count once.
        wires: report id → the wire whose copy it is (`credits.wire_of`). A wording that relays a wire with no named
            source ("officials were quoted by AP") takes the origin the wire's own report gives for the claim: an
            outlet citing another outlet takes that outlet's origins.
        groups: ``(name, group) -> bool``, whether the story's texts tie an unnamed group ("police") to a named
            source (`sources.group_ties`: "Police Inspector Dave Gaskin"). With it (``origins.rules.v2``) an
            unnamed root joins the one named root of the claim its group is tied to: "police said" and "Inspector
            Gaskin said" are one origin. Without it (``origins.rules.v1``) unnamed sources always stand apart.
        positions: wording → what its source does with the claim when not vouching for it (`positions.position_of`:
            ``"contests"``, ``"stance"``). With it (``origins.rules.v3``) a contesting source is no origin of the
            claim, and a stance holder is none while another wording of the claim is not a stance; both go to
            `ClaimOrigins.positions`. Without it (v1, v2) every source of a wording is an origin.

    Returns:
        `ClaimOrigins` with one (name, kind) per independent root, per-wording reasons, the count and the flag.
    """
    roles = roles or {}
    refs: dict[tuple[str, Span], OriginRef] = {}
    for w in wordings:
        src = sources.get(w) or Source(None, "own", (), None, "no source")
        ref = _collective(origin_of(src, roles), aliases or {})
        if ref.key == "u:source" and SCOOPS_PER_OUTLET:
            # an outlet's scoop on its own unnamed sources is that outlet's origin: key it by the outlet the
            # sources spoke to (the chain's last hop, else the report's own outlet, else the report)
            channel = src.via[-1] if src.via else ((outlets or {}).get(w[0]) or w[0])
            ref = OriginRef(f"u:source@{channel}", f"unnamed sources of {channel}", "unnamed", ref.reason, ref.via, ref.span)
        if ref.name and affiliation and ref.kind in ("named", "person"):
            org = next((o for p, o in affiliation.items() if same_source(p, ref.name)), None)
            if org:
                ref = OriginRef("n:" + org, org, ref.kind, f"{ref.name} speaks for {org}", ref.via, ref.span)
        own = (outlets or {}).get(w[0])
        if ref.kind == "witness" and not ref.name:
            ref.name = own or w[0]  # "our reporter saw", "reporters at the scene": the report's own newsroom
            ref.key = "w:" + ref.name
        if ref.kind in ("named", "person") and ref.name and any(o and same_source(ref.name, o) for o in (outlets or {}).values()):
            # a name that is one of the story's outlets is an outlet, whatever the lexicon says
            ref = OriginRef("o:" + ref.name, f"{ref.name}'s unnamed sources", "outlet", "the story's own outlet cited", ref.via, ref.span)
        if ref.kind in ("named", "person") and own and any(same_source(v, own) for v in ref.via[:1]):
            ref.channel = own
        refs[w] = ref
    held = _apply_positions(wordings, refs, positions) if positions else []
    by_report = {r: w for w in wordings for r in [w[0]]}
    for c in copies:
        orig = c.original
        if orig not in (c.a, c.b):
            continue
        cp = c.b if orig == c.a else c.a
        if cp in by_report and orig in by_report:
            inherited = refs[by_report[orig]]
            refs[by_report[cp]] = OriginRef(inherited.key, inherited.name, inherited.kind, f"copy of {orig}: inherits", inherited.via, inherited.span)
    if wires:
        primary = [(w, r) for w, r in refs.items() if r.key and r.kind in ("named", "person", "document") and wires.get(w[0])]
        for w, ref in list(refs.items()):
            relayed = ref.via[-1] if ref.via else (ref.name.replace("'s unnamed sources", "") if ref.kind == "outlet" and ref.name else None)
            if ref.kind not in ("unnamed", "outlet") or not relayed:
                continue
            for w2, r2 in primary:
                if w2[0] != w[0] and same_source(relayed, wires[w2[0]] or ""):
                    refs[w] = OriginRef(r2.key, r2.name, r2.kind, f"relays {relayed}, whose report rests on {r2.name}", ref.via, ref.span)
                    break
    # merge name variants into roots; a first-hand interview (channel) only merges with the same channel or none
    keyed = sorted({(r.key, r.name or "", r.kind, r.channel or "") for r in refs.values() if r.key})
    for w in wordings:
        src = sources.get(w)
        for extra in (src.also if src else ()):
            if _in_collective(extra, aliases or {}):
                keyed.append(("o:" + STATE_MEDIA, f"{STATE_MEDIA}'s unnamed sources", "outlet", ""))
            else:
                # a coordinated speaker is tied to the organisation they speak for like the first one is
                org = next((o for p, o in (affiliation or {}).items() if same_source(p, extra)), None)
                keyed.append(("n:" + org, org, "named", "") if org else ("n:" + extra, extra, "named", ""))
    roots: list[list[tuple[str, str, str, str]]] = []
    bare = lambda n: n.replace("'s unnamed sources", "")  # noqa: E731
    # first-hand channels first, so that a bare mention of the same person joins an interview, not the reverse
    for key, name, kind, ch in sorted(set(keyed), key=lambda t: (t[3] == "", t)):
        for root in roots:
            rk, rn, rkind, _ = root[0]
            rch = next((t[3] for t in root if t[3]), "")
            if kind == "unnamed" or rkind == "unnamed":
                same = kind == rkind and key == rk
            else:
                same = (key == rk or same_source(bare(name), bare(rn))) and (ch == rch or not ch or not rch)
            if same:
                root.append((key, name, kind, ch))
                break
        else:
            roots.append([(key, name, kind, ch)])
    if groups is not None:
        _join_tied_groups(roots, refs, groups)
    # an outlet descends from what it relays: drop an outlet root when another wording shows that outlet passing
    # on a source, or when the outlet's own report carries the claim on a source of its own
    hops = [h for r in refs.values() if r.key and r.kind != "outlet" for h in r.via]
    own_sourced = [(outlets or {}).get(w[0]) for w, r in refs.items() if r.key and r.kind != "outlet"]
    kept = []
    for root in roots:
        if all(k == "outlet" for _k, _n, k, _c in root):
            name0 = bare(root[0][1])
            if any(same_source(name0, h) for h in hops) or any(o and same_source(name0, o) for o in own_sourced):
                continue
        kept.append(root)
    if not kept:
        kept = [[("p:", PUBLIC_RECORD, PUBLIC_RECORD, "")]]
    names = []
    for root in kept:
        # the longest written form is the most informative display name ("Wally Oppal" over "OPAL")
        best = max(root, key=lambda t: (t[2] != "outlet", t[2] != "unnamed", len(t[1]), t[1]))
        ch = next((t[3] for t in root if t[3]), "")
        names.append((f"{best[1]} (to {ch})" if ch else best[1], best[2]))
    out = ClaimOrigins(names=sorted(names), per_wording=refs, independent=len(kept), positions=held)
    out.circular = len({w[0] for w in wordings}) >= 2 and out.independent == 1
    return out


def _apply_positions(
    wordings: Sequence[tuple[str, Span]],
    refs: dict[tuple[str, Span], OriginRef],
    positions: Mapping[tuple[str, Span], str],
) -> list[tuple[str, str, str]]:
    """Take contesting sources, and stance holders while the claim has an account, off the claim's origins (in place).

    Returns:
        (report id, source name, position) for each wording taken off.
    """
    accounts = [w for w in wordings if positions.get(w) not in ("contests", "stance")]
    held = []
    for w in wordings:
        pos, ref = positions.get(w), refs.get(w)
        if ref is None or not ref.key or pos not in ("contests", "stance") or (pos == "stance" and not accounts):
            continue
        who = ref.name or "its source"
        why = (f"contests: {who} disputes the claim, not an origin of it" if pos == "contests"
               else f"stance: {who} takes a position on the claim, not an origin of it")
        refs[w] = OriginRef(None, ref.name, pos, why, ref.via, ref.span, ref.channel)
        held.append((w[0], who, pos))
    return held


#: unnamed groups that speak for no institution: an anonymous source, a friend, a relative, a witness or an expert
#: is never the named body the texts put them next to (lexicon.toml [groups_never_tied])
_NEVER_TIED = lexicon().never_tied


def _join_tied_groups(
    roots: list[list[tuple[str, str, str, str]]],
    refs: dict[tuple[str, Span], OriginRef],
    groups: Callable[[str, str], bool],
) -> None:
    """Join each all-unnamed root to the one named root of the claim that the texts tie its group to (in place).

    Two or more tied named roots leave it apart: the texts do not say which of them "police" were.
    """
    named = [r for r in roots if any(k in ("named", "person") for _k, _n, k, _c in r)]
    for root in [r for r in roots if all(k == "unnamed" for _k, _n, k, _c in r)]:
        key = root[0][0]
        group = key[2:] if key.startswith("u:") else ""
        if not group or group in _NEVER_TIED:
            continue
        tied = [r for r in named if any(k in ("named", "person") and groups(n, group) for _k, n, k, _c in r)]
        if len(tied) != 1:
            continue
        tied[0].extend(root)
        roots.remove(root)
        who = max((n for _k, n, k, _c in tied[0] if k in ("named", "person")), key=len)
        for w, ref in refs.items():
            if ref.key == key:
                refs[w] = OriginRef(ref.key, ref.name, ref.kind, f"{ref.reason}; the texts tie {group} to {who}",
                                    ref.via, ref.span, ref.channel)
