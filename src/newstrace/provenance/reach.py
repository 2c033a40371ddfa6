"""How a claim's origin reaches the reader: ``attributed`` or ``laundered`` (issue 13).

`circular` (2+ reports, exactly one origin) says how many roots a claim has; it does not say whether the reader
can see that root. A claim can rest on one source openly ("1 source, named by every report") or hide it. This
module reads, per wording, whether the report names the claim's origin itself and calls the claim:

* ``attributed``: every report names the origin itself (the source, the document, the unnamed people, or the
  newsroom whose own reporting it is), possibly through the outlets it came through;
* ``laundered``: some report presents the claim in its own voice although it rests on someone else's origin, or
  names only an intermediary outlet ("the Herald reported") without the origin behind it, or the reports cite
  each other (A credits B's outlet and B credits A's).

A claim no report gives any source for (``public record``) has nothing to hide: it is ``attributed``.

Pure functions of the per-wording `Source` and `OriginRef` records that the dossier already resolved; no I/O.

Example:
    >>> from newstrace.model import Span
    >>> from newstrace.provenance.sources import Source
    >>> from newstrace.provenance.origins import OriginRef
    >>> w1, w2 = ("a", Span(0, 5)), ("b", Span(0, 5))
    >>> src = {w1: Source("Ali", "named"), w2: Source("Herald", "outlet")}
    >>> refs = {w1: OriginRef("n:Ali", "Ali", "named", "named source"),
    ...         w2: OriginRef("o:Herald", "Herald's unnamed sources", "outlet", "outlet cites no source")}
    >>> claim_reach([w1, w2], src, refs, {"a": "Herald", "b": "Courier"}, [("Ali", "named")]).reach
    'laundered'
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from newstrace.model import Span
from newstrace.provenance.origins import PUBLIC_RECORD, OriginRef, same_source
from newstrace.provenance.sources import Source
from newstrace.registry import Registry

reach_rules = Registry("reach rules")

ATTRIBUTED = "attributed"
LAUNDERED = "laundered"

#: per-wording verdicts; only the first one is compatible with ``attributed``
NAMES_ORIGIN = "names the origin"
OWN_REPORTING = "its own reporting"
OWN_VOICE = "presents it as its own"
ONLY_OUTLET = "names only an intermediary outlet"
CITE_EACH_OTHER = "the reports cite each other"

_NO_SOURCE = ("own", "hearsay")


@dataclass(slots=True)
class ClaimReach:
    """The verdict for one claim, with one reason per wording (report id, verdict, detail)."""

    reach: str = ATTRIBUTED
    per_wording: dict[tuple[str, Span], tuple[str, str]] = field(default_factory=dict)
    warning: str | None = None
    note: str | None = None


def _bare(name: str | None) -> str:
    return (name or "").replace("'s unnamed sources", "")


_STOP = frozenset({"the", "a", "an", "of", "and", "for", "in", "on", "at", "to", "by", "s", "unnamed", "own",
                   "reporting", "sources", "source"})


def _content(s: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+", s.lower()) if w not in _STOP]


def names_elsewhere(text: str, origin: str, kind: str) -> bool:
    """Whether a report's text names `origin` in one of its sentences: the origin's head word and at least half of
    its content words together ("the Herald, which obtained a copy of the ministry document" names "internal
    ministry document"). Unnamed origins ("unnamed source") are too vague to be recognised this way.

    Args:
        text: the report's text.
        origin: the origin's display name, without its channel ("Qadi (to X)" → "Qadi").
        kind: the origin's kind.

    Returns:
        True when one sentence carries the origin's name.
    """
    if kind in ("unnamed", "outlet", "witness", PUBLIC_RECORD):
        return False
    words = _content(origin.split(" (")[0])
    if not words:
        return False
    for sent in re.split(r"(?<=[.!?])\s+", text):
        have = set(_content(sent))
        if words[-1] in have and 2 * sum(w in have for w in words) >= len(words):
            return True
    return False


def _cited_outlets(src: Source | None) -> list[str]:
    """The outlets a wording credits: its hops, and the outlet itself when it names no source behind it."""
    if src is None:
        return []
    out = list(src.via)
    if src.kind == "outlet" and src.name:
        out.append(src.name)
    return out


def wording_reach(src: Source | None, ref: OriginRef | None, own_outlet: str | None,
                  origins: Sequence[tuple[str, str]]) -> tuple[str, str]:
    """Whether one wording names its claim's origin.

    Args:
        src: the source the wording's own text gives (None: none).
        ref: the origin the wording was resolved to (after copies and wire relays).
        own_outlet: the outlet of the wording's report.
        origins: the claim's (display name, kind) roots.

    Returns:
        (verdict, detail): verdict is one of the module's constants.
    """
    origin_outlets = [_bare(n) for n, k in origins if k in ("outlet", "witness")]
    if ref is not None and ref.reason.startswith("relays "):
        # the wording names a wire with no source of its own; the origin came from the wire's report
        return ONLY_OUTLET, ref.reason
    if src is None or src.kind in _NO_SOURCE or (src.kind == "role" and not src.head):
        # the newsroom whose own reporting the origin is ("... obtained by The Nation Herald") does not launder it
        if own_outlet and (any(same_source(own_outlet, o) for o in origin_outlets)
                           or any(f"by {own_outlet.lower()}" in n.lower() for n, _k in origins)):
            return OWN_REPORTING, f"{own_outlet} is the origin"
        return OWN_VOICE, src.reason if src is not None and src.reason else "no source given"
    if src.kind == "outlet":
        name = src.name or ""
        if any(same_source(name, o) for o in origin_outlets):
            return NAMES_ORIGIN, f"{name}'s own reporting"
        return ONLY_OUTLET, f"names {name} but not the source behind it"
    return NAMES_ORIGIN, src.name or src.kind


def _cycle(cites: Mapping[str, set[str]]) -> bool:
    """Whether two of the claim's reports credit each other's outlet (directly or round a longer loop)."""
    for start in cites:
        seen, todo = set(), list(cites[start])
        while todo:
            r = todo.pop()
            if r == start:
                return True
            if r in seen:
                continue
            seen.add(r)
            todo.extend(cites.get(r, ()))
    return False


@reach_rules.register("reach.rules.v1")
def claim_reach(
    wordings: Sequence[tuple[str, Span]],
    sources: Mapping[tuple[str, Span], Source],
    refs: Mapping[tuple[str, Span], OriginRef],
    outlets: Mapping[str, str | None],
    origins: Sequence[tuple[str, str]],
    texts: Mapping[str, str] | None = None,
) -> ClaimReach:
    """Call a claim attributed or laundered from its wordings.

    Args:
        wordings: (report id, span) of each wording.
        sources: each wording's own `Source` (what its text says).
        refs: each wording's resolved `OriginRef` (`origins.claim_origins`).
        outlets: report id → its outlet.
        origins: the claim's (display name, kind) roots (`ClaimOrigins.names`).
        texts: report id → text. A wording that credits only an outlet is still attributed when its report names
            the origin elsewhere (a reader of that report learns what the outlet's story rests on).

    Returns:
        `ClaimReach`: the verdict, one reason per wording, and the dossier's `warning` (only for ``laundered``) or
        `note` (an openly single-sourced claim).

    Raises:
        Nothing: missing sources or refs count as own voice.
    """
    out = ClaimReach()
    if not wordings:
        return out
    public = all(k == PUBLIC_RECORD for _n, k in origins) or not origins
    for w in wordings:
        if public:
            out.per_wording[w] = (NAMES_ORIGIN, "no report gives a source")
            continue
        verdict = wording_reach(sources.get(w), refs.get(w), outlets.get(w[0]), origins)
        if verdict[0] == ONLY_OUTLET and texts and len(origins) == 1 and names_elsewhere(texts.get(w[0], ""), *origins[0]):
            verdict = (NAMES_ORIGIN, verdict[1].replace("but not", "and, elsewhere in the report,"))
        out.per_wording[w] = verdict
    # A credits B's outlet, B credits A's: neither is the origin of the other
    reports = {w[0] for w in wordings}
    cites: dict[str, set[str]] = {}
    for w in wordings:
        for o in _cited_outlets(sources.get(w)):
            cites.setdefault(w[0], set()).update(
                r for r in reports if r != w[0] and outlets.get(r) and same_source(o, outlets[r] or ""))
    looped = _cycle(cites)
    if looped:
        for w in wordings:
            if w[0] in cites:
                out.per_wording[w] = (CITE_EACH_OTHER, "credits another report of the claim that credits it back")
    bad = [(w, v) for w, v in out.per_wording.items() if v[0] in (OWN_VOICE, ONLY_OUTLET, CITE_EACH_OTHER)]
    n_reports = len(reports)
    roots = [_display(n) for n, _k in origins]
    if bad:
        out.reach = LAUNDERED
        who = sorted({outlets.get(w[0]) or w[0] for w, _v in bad})
        how = sorted({v[0] for _w, v in bad})
        if len(roots) == 1 and n_reports >= 2:
            out.warning = (f"Circular reporting: {n_reports} reports rest on one origin ({roots[0]}), and it is "
                           f"laundered: {', '.join(who)}: {'; '.join(how)}.")
        else:
            out.warning = f"Laundered: {', '.join(who)}: {'; '.join(how)}."
    elif len(roots) == 1 and n_reports >= 2 and not public:
        out.note = "1 source, named by every report"
    return out


def _display(name: str) -> str:
    # the dossier's display form: an outlet root is that outlet's own reporting
    return name.replace("'s unnamed sources", " (own reporting)")
