"""Assemble the dossier of one story: the JSON contract of ``newstrace story ID --format json``.

The dossier is plain data (dicts, lists, strings, ints, bools) in a stable order with stable ids, so the same
story always serialises to the same bytes. Renderers (md, html, graph export) only read it.

Example:
    >>> from newstrace.model import Report, Story
    >>> a = Report(id="a", outlet="A", text="The quake killed 10 people, officials said.")
    >>> b = Report(id="b", outlet="B", text="Officials said ten people were killed by the quake.")
    >>> d = build_dossier(Story(id="s1", reports=("a", "b")), [a, b])
    >>> [(c["reports"], c["independent_origins"], c["circular"]) for c in d["claims"]]
    [(['a', 'b'], 1, True)]
"""
from __future__ import annotations

import logging
from collections import ChainMap, Counter
from collections.abc import Sequence
from typing import Any

from newstrace.common.text import content_tokens, quantity_tokens
from newstrace.compare.claims import AlignedClaim, align_claims, figure_units, no_comment
from newstrace.compare.divergences import find_divergences
from newstrace.compare.framing import find_framing
from newstrace.compare.timeline import build_timeline
from newstrace.model import Copy, Report, Span, Story
from newstrace.nlp import act_of
from newstrace.provenance.credits import find_credits, wire_of
from newstrace.provenance.graph import ProvenanceGraph
from newstrace.provenance.origins import NO_COMMENT, ClaimOrigins, claim_origins, same_source
from newstrace.provenance.positions import position_of
from newstrace.provenance.reach import claim_reach
from newstrace.provenance.sources import (
    Source,
    affiliations,
    background_in_aside,
    clause_of,
    detect_source,
    group_ties,
    is_outlet_anaphor,
    outlet_nouns,
    report_sources,
    resolve_outlet_anaphora,
    role_counts,
    role_map,
    state_media_names,
    ties_from_counts,
    tie_outlets,
)
from newstrace.provenance.subevents import subevents

log = logging.getLogger(__name__)


def _entities(reports: Sequence[Report]) -> list[dict[str, Any]]:
    try:
        # v3: v2 plus titles before a person's mention, names spelled alike, a title before one person's surname
        from newstrace.compare.naming import resolve_entities_v3
    except ImportError:
        return []
    try:
        ents = resolve_entities_v3(list(reports))
    except Exception as exc:  # one failing stage must not take the whole dossier down
        log.warning("entity resolution failed: %s", exc)
        return []
    out = []
    for e in ents:
        reps = sorted({m[0] for m in getattr(e, "mentions", ())})
        out.append({"id": e.id, "name": e.name, "type": e.type, "variants": sorted(set(e.variants)), "reports": reps})
    return sorted(out, key=lambda e: (e["id"]))


def _copy_json(c: Copy, texts: dict[str, str]) -> dict[str, Any]:
    return {
        "a": c.a,
        "b": c.b,
        "share": round(float(c.share), 4),
        "original": c.original,
        "evidence": c.evidence,
        "passages": [
            {"a": {"start": pa.start, "end": pa.end}, "b": {"start": pb.start, "end": pb.end}} for pa, pb in c.passages
        ],
    }


def build_dossier(story: Story, reports: Sequence[Report], copies: Sequence[Copy] = ()) -> dict[str, Any]:
    """Build the dossier dict of `story` from its annotated reports and copy relations.

    Args:
        story: the story record (its `reports` ids select from `reports`; unknown ids are ignored).
        reports: the story's reports, annotated by `newstrace.nlp.annotate` when available (claims,
            attributions); plain reports work too (sentences are aligned and sources read by rules).
        copies: text-reuse relations between the story's reports (from the stories stage).

    Returns:
        ``{"id", "title", "reports", "entities", "claims", "origins", "copies", "divergences", "framing",
        "timeline", "graph", "subevents", "notes"}``; see the module docstring for an example.

    Raises:
        Nothing for bad reports: a report whose text cannot be processed is kept in ``reports`` and noted in
        ``notes``.
    """
    wanted = set(story.reports)
    reps = sorted((r for r in reports if not wanted or r.id in wanted), key=lambda r: r.id)
    by_id = {r.id: r for r in reps}
    texts = {r.id: r.text or "" for r in reps}
    notes: list[str] = []
    story_copies = sorted((c for c in copies if c.a in by_id and c.b in by_id), key=lambda c: (c.a, c.b))

    try:
        # a merged look-alike story (two quakes, two arrests) must not align one event's wordings with the other's
        sub = subevents(reps, story_copies)
    except Exception as exc:  # the guard is an aid; without it the story is one sub-event
        notes.append(f"sub-event grouping failed: {exc}")
        sub = {}
    aligned: list[AlignedClaim] = align_claims(reps, subevent=sub)
    # sources for every wording, read once per report (pronouns resolve to the report's last named speaker)
    spans_by_report: dict[str, set[Span]] = {}
    for c in aligned:
        for u in c.units:
            spans_by_report.setdefault(u.report, set()).add(u.sentence or u.span)
    sent_sources: dict[tuple[str, Span], Source] = {}
    for rid, spans in spans_by_report.items():
        try:
            for sp, src in report_sources(by_id[rid], spans).items():
                sent_sources[(rid, sp)] = src
        except Exception as exc:  # one bad page never kills the story
            notes.append(f"{rid}: source reading failed: {exc}")
    # a figure inside a sentence rests on the sentence's source ("..., killing 10 people, officials said")
    sources: dict[tuple[str, Span], Source] = {}
    nouns_cache: dict[str, dict[str, str]] = {}

    def nouns_of(rid: str) -> dict[str, str]:
        if rid not in nouns_cache:
            nouns_cache[rid] = outlet_nouns(texts[rid])
        return nouns_cache[rid]

    # each report's figure units with their sentence's figure tokens and their own content words, read once per
    # report rather than once per wording of every claim (it was 40% of a dossier's build on ECB+)
    figures_cache: dict[str, list[tuple[Any, set[str], set[str]]]] = {}

    def figures_of(rid: str) -> list[tuple[Any, set[str], set[str]]]:
        if rid not in figures_cache:
            text = texts[rid]
            figures_cache[rid] = [(f, quantity_tokens(f.sentence.of(text)), set(content_tokens(f.text)))
                                  for f in figure_units(by_id[rid])]
        return figures_cache[rid]

    # the source a report gives its k-th figure's clause: the same for every claim that looks there, so read once
    alt_cache: dict[tuple[str, int], Any] = {}

    def figure_source(rid: str, k: int) -> Any:
        if (rid, k) not in alt_cache:
            text, f = texts[rid], figures_of(rid)[k][0]
            alt_cache[(rid, k)] = tie_outlets(
                detect_source(text, clause_of(text, f.sentence, f.span), focus=(f.span.start + f.span.end) // 2),
                nouns_of(rid))
        return alt_cache[(rid, k)]

    for c in aligned:
        for u in c.units:
            src = sent_sources.get((u.report, u.sentence or u.span))
            if u.sentence is not None and u.sentence != u.span:
                # a figure inside a sentence of several clauses rests on its own clause's source when it has one
                # ("the centre put it at 5.9, while the USGS said it was 6.1")
                own = tie_outlets(
                    detect_source(texts[u.report], clause_of(texts[u.report], u.sentence, u.span), focus=(u.span.start + u.span.end) // 2),
                    nouns_of(u.report),
                )
                if own.kind not in ("own",):
                    # the clause read alone has no context: an outlet noun in it ("the newspaper said") is the
                    # outlet the sentence's reading resolved it to
                    src = resolve_outlet_anaphora(own, _outlet_in(src))
            if src is not None:
                sources[(u.report, u.span)] = src
    # role and affiliation ties are read within a sub-event: another event's governor is not this one's
    ties: dict[int, tuple[dict[str, str], dict[str, str]]] = {}
    for g in sorted(set(sub.values())) or [0]:
        members = [r for r in reps if sub.get(r.id, 0) == g]
        ties[g] = (role_map(members), affiliations(members))
    collective = state_media_names(reps)
    wires = {r.id: wire_of(texts[r.id]) for r in reps}

    # unnamed groups tied to a named source by the texts of the claim's sub-event ("Police Inspector Dave Gaskin")
    tie_cache: dict[tuple[int, str, str], bool] = {}

    def tied(g: int, name: str, group: str) -> bool:
        if (g, name, group) not in tie_cache:
            tie_cache[(g, name, group)] = group_ties((texts[r.id] for r in reps if sub.get(r.id, 0) == g), name, group)
        return tie_cache[(g, name, group)]

    origin_ids: dict[tuple[str, str], str] = {}
    claim_out: list[dict[str, Any]] = []
    resolved: list[tuple[AlignedClaim, ClaimOrigins]] = []
    claim_sources: dict[str, ChainMap] = {}
    role_cache: dict[str, dict] = {}
    # the act of the attribution holding each wording (`newstrace.nlp.act_of`; None when none holds it)
    acts: dict[tuple[str, Span], str | None] = {}
    for c in aligned:
        # every wording counts, including those attached in alignment's second pass (measured on provenance-dev:
        # restricting origins to the first-pass wordings lowered circular_right from 0.778 to 0.704)
        wordings = [(u.report, u.span) for u in c.units]
        over = _aside_overrides(c, sources)
        over.update(_no_comment_overrides(c, sources))
        over.update(_elsewhere_sources(c, sources, over, figures_of, figure_source))
        csources = claim_sources[c.id] = ChainMap(over, sources)
        roles, affil = ties[sub.get(c.units[0].report, 0)] if c.units else ties[min(ties)]
        if c.units:
            # "the governor" in one wording is the governor the claim's other reports name, before the story's
            # most named one (a merged story may hold another event's governor)
            for r in c.reports:
                if r not in role_cache:
                    role_cache[r] = role_counts(by_id[r])
            roles = ChainMap(ties_from_counts(role_cache[r] for r in sorted(set(c.reports))), roles)
        g_sub = sub.get(c.units[0].report, 0) if c.units else min(ties)
        # what each wording's source does with the claim when it does not vouch for it: denies, takes a stance
        # (origins.rules.v3: neither is an origin of the claim)
        positions: dict[tuple[str, Span], str] = {}
        for rid, sp in wordings:
            src = csources.get((rid, sp))
            att = _covering_attribution(by_id[rid], sp)
            acts[(rid, sp)] = act = None if att is None else act_of(by_id[rid], att)
            pos, _why = position_of(texts[rid], sp, src.span if src else None, att.cue if att else None, act)
            if pos:
                positions[(rid, sp)] = pos
        co = claim_origins(wordings, csources, roles, story_copies, affil, {r.id: r.outlet for r in reps}, collective, wires,
                           groups=lambda name, group, g_sub=g_sub: tied(g_sub, name, group), positions=positions)
        resolved.append((c, co))
        for name, kind in co.names:
            origin_ids.setdefault((name, kind), "")
    # one source named slightly differently in two claims ("Al-Qadi", "Khalid al-Qadi") is one story-level origin;
    # a first-hand interview ("X (to Paper)") stays apart from another newsroom's interview with X
    canon: dict[tuple[str, str], tuple[str, str]] = {}
    for key in sorted(origin_ids, key=lambda kv: (-len(kv[0]), kv)):
        name, kind = key
        base, _, ch = name.partition(" (to ")
        for other in dict.fromkeys(canon.values()):
            obase, _, och = other[0].partition(" (to ")
            if other[1] == kind and kind not in ("unnamed", "public record") and (ch == och or not ch or not och) and same_source(
                base.replace("'s unnamed sources", ""), obase.replace("'s unnamed sources", "")
            ):
                canon[key] = other
                break
        else:
            canon[key] = key
    for k, key in enumerate(sorted(set(canon.values())), 1):
        origin_ids[key] = f"o{k}"
    for key, c_key in canon.items():
        origin_ids[key] = origin_ids[c_key]

    graph = ProvenanceGraph()
    for r in reps:  # report outlets first, so that they name the outlet nodes that credits and citations reuse
        graph.add_node(f"report:{r.id}", r.title or r.id, "report")
        if r.outlet:
            graph.add_edge(f"report:{r.id}", graph.outlet(r.outlet, "outlet"), "published_by", None)
    for r in reps:
        for cr in find_credits(r.text or ""):
            if r.outlet and same_source(cr.name, r.outlet):
                continue  # a wire's own dateline credit ("PORT SALIM (LPA)" in LPA's story) is its byline, not a credit
            graph.add_edge(f"report:{r.id}", graph.outlet(cr.name, "agency"), "credit", (r.id, cr.span), cr.span.of(r.text or ""))
    for c in story_copies:
        orig = c.original or c.a
        cp = c.b if orig == c.a else c.a
        ev = None
        if c.passages:
            pa, pb = c.passages[0]
            sp = pb if cp == c.b else pa
            ev = (cp, sp)
        graph.add_edge(f"report:{cp}", f"report:{orig}", "copies", ev, ev[1].of(texts[cp]) if ev else None)
    for name, kind in sorted(set(canon.values())):
        graph.add_node(f"origin:{origin_ids[(name, kind)]}", _display(name), kind)

    outlet_of = {r.id: r.outlet for r in reps}
    for c, co in resolved:
        name_to_id = {n: origin_ids[(n, k)] for n, k in co.names}
        keys = [(u.report, u.span) for u in c.units]
        reach = claim_reach(keys, claim_sources[c.id], co.per_wording, outlet_of, co.names, texts)
        wl = []
        for u in c.units:
            ref = co.per_wording.get((u.report, u.span))
            src = claim_sources[c.id].get((u.report, u.span))
            wl.append(
                {
                    "report": u.report,
                    "text": u.text,
                    "start": u.span.start,
                    "end": u.span.end,
                    "source": src.name if src else None,
                    "source_kind": src.kind if src else "own",
                    "via": list(src.via) if src else [],
                    # the person a document source quotes: on the chain, not the origin
                    "quoting": src.quoting if src else None,
                    "origin_reason": ref.reason if ref else "own voice",
                    "reach": reach.per_wording.get((u.report, u.span), ("", ""))[0],
                    # what the report presents its source as doing with the wording (issue 14): the act of the
                    # report's attribution whose content holds it; None when no attribution holds it
                    "act": acts.get((u.report, u.span)),
                    # contests / stance when the source does not vouch for the wording (origins.rules.v3), else None
                    "position": ref.kind if ref and ref.kind in ("contests", "stance") else None,
                }
            )
            _graph_wording(graph, u.report, texts[u.report], src, ref, co, name_to_id, by_id[u.report].outlet)
        # a source that denies the claim, or only takes a stance on it, is not who says it
        speakers = Counter(w["source"] for w in wl if w["source_kind"] == "named" and w["source"] and not w["position"])
        claim_out.append(
            {
                "id": c.id,
                "text": c.text,
                "speaker": c.speaker or (speakers.most_common(1)[0][0] if speakers else None),
                "wordings": wl,
                "reports": sorted(c.reports),
                "origins": sorted(set(name_to_id.values()), key=lambda s: int(s[1:])),
                "independent_origins": co.independent,
                # sources that contest the claim or take a stance on it: shown beside the origins, never counted
                "positions": [{"report": r, "source": n, "position": p} for r, n, p in co.positions],
                "circular": co.circular,
                # how the origin reaches the reader; the dossier warns only for "laundered"
                "reach": reach.reach,
                "warning": reach.warning,
                "reach_note": reach.note,
            }
        )

    return {
        "id": story.id,
        "title": story.title or next((r.title for r in reps if r.title), None),
        # published_evidence says where the date came from, or why there is none (a blank date is explained)
        "reports": [{"id": r.id, "outlet": r.outlet, "title": r.title, "published": r.published, "url": r.url,
                     "published_evidence": r.published_evidence} for r in reps],
        "entities": _entities(reps),
        "claims": claim_out,
        "origins": [{"id": origin_ids[key], "name": _display(key[0]), "kind": key[1]} for key in sorted(set(canon.values()), key=lambda kv: int(origin_ids[kv][1:]))],
        "copies": [_copy_json(c, texts) for c in story_copies],
        "divergences": find_divergences(aligned, reps),
        "framing": find_framing(aligned, reps),
        "timeline": build_timeline(reps),
        "graph": graph.to_json(),
        # the story's reports grouped by the event they tell of; more than one group means a merged look-alike story
        "subevents": [{"id": k, "reports": sorted(r for r, g in sub.items() if g == k)} for k in sorted(set(sub.values()))],
        "notes": notes,
    }


def _aside_overrides(c: AlignedClaim, sources: dict[tuple[str, Span], Source]) -> dict[tuple[str, Span], Source]:
    """Per-claim source overrides: a wording whose figures shared with the claim's other wordings sit only in an
    aside ("upgraded their initial offer -- eight years, $160 million -- to ...") states them as background, so the
    sentence's source is not a source of this claim (`sources.background_in_aside`)."""
    # the claim's own figures: those at least half of the other wordings state (a figure one other wording happens
    # to share is not what the claim is about)
    figs = _claim_figures(c)
    out: dict[tuple[str, Span], Source] = {}
    for i, u in enumerate(c.units):
        src = sources.get((u.report, u.span))
        if src is None or src.kind in ("own", "hearsay") or not figs[i]:
            continue
        hit, why = background_in_aside(u.text, figs[i])
        if hit:
            out[(u.report, u.span)] = Source(None, "own", (), src.span, why)
    return out


def _no_comment_overrides(c: AlignedClaim, sources: dict[tuple[str, Span], Source]) -> dict[tuple[str, Span], Source]:
    """A wording that only says someone did not comment ("Meridian Hydro did not immediately respond to a request for
    comment") reports what its own newsroom found when it asked: each asking outlet is its own origin, never one
    shared origin of every report that printed such a line (`compare.claims.no_comment` reads the line)."""
    out: dict[tuple[str, Span], Source] = {}
    for u in c.units:
        src = sources.get((u.report, u.span))
        if (src is None or src.kind in ("own", "hearsay")) and no_comment(u.text):
            out[(u.report, u.span)] = Source(None, "witness", (), u.span, "no-comment line: the newsroom asked", NO_COMMENT)
    return out


def _claim_figures(c: AlignedClaim) -> list[set[str]]:
    """Per wording, the figure tokens of the claim it states: those at least half of the other wordings state too."""
    toks = [quantity_tokens(u.text) for u in c.units]
    out = []
    for i, u in enumerate(c.units):
        others = [t for j, t in enumerate(toks) if j != i and c.units[j].report != u.report]
        counts = Counter(tok for t in others for tok in t)
        out.append({tok for tok in toks[i] if 2 * counts[tok] >= max(1, len(others))})
    return out


def _elsewhere_sources(c: AlignedClaim, sources: dict[tuple[str, Span], Source], over: dict[tuple[str, Span], Source],
                       figures_of: Any, figure_source: Any) -> dict[tuple[str, Span], Source]:
    """A report that states a claim's figure in its own voice ("Ten people are killed and about 50 hurt.") and
    again with a source ("State television quoted the disaster center as saying 10 people were killed") rests on
    that source: the report itself says where the figure comes from. The other statement's sentence must carry every
    figure of the claim and share a content word of the figure's context (so "10 villages" does not stand in for
    "10 people"), and its source must be one (an unresolved "he said" is not)."""
    out: dict[tuple[str, Span], Source] = {}
    figs = _claim_figures(c)
    for i, u in enumerate(c.units):
        key = (u.report, u.span)
        src = over.get(key) or sources.get(key)
        if not figs[i] or (src is not None and src.kind != "own") or (key in over):
            continue
        words = set(content_tokens(u.text))
        own_sentence = u.sentence or u.span
        for k, (f, sentence_figures, f_words) in enumerate(figures_of(u.report)):
            # every figure of the claim, in the same sentence: one shared "eight years" is not the same statement
            if not figs[i] <= sentence_figures or f.sentence == own_sentence:
                continue
            if not (f_words & words):
                continue
            alt = figure_source(u.report, k)
            if alt.kind not in ("own", "hearsay") and not (alt.kind == "role" and not alt.head):
                out[key] = Source(alt.name, alt.kind, alt.via, alt.span, "stated with a source elsewhere in the report: " + alt.reason,
                                  alt.head, alt.also)
                break
    return out


def _display(name: str) -> str:
    """An origin's name as the reader sees it: an outlet root is what the outlet reported without naming a source
    (its own reporting), not "unnamed sources" the text never mentions ("Nation Herald's unnamed sources" is the
    internal key)."""
    return name.replace("'s unnamed sources", " (own reporting)")


def _origin_base(name: str) -> str:
    """An origin's name without its channel and outlet suffixes ("Qadi (to The Capital Times)" → "Qadi")."""
    return name.partition(" (to ")[0].replace("'s unnamed sources", "")


def _outlet_in(src: Source | None) -> str | None:
    """The outlet a source names (itself when an outlet, else the last hop of its chain), unless only a generic noun."""
    if src is None:
        return None
    name = src.name if src.kind == "outlet" and src.name else (src.via[-1] if src.via else None)
    return None if is_outlet_anaphor(name) else name


def _graph_wording(graph: ProvenanceGraph, rid: str, text: str, src: Source | None, ref: Any, co: ClaimOrigins,
                   ids: dict[str, str], own_outlet: str | None = None) -> None:
    """Edges for one wording: report → each outlet hop → the origin it rests on, evidence = the source span.

    A hop that is the report's own outlet ("al-Qadi told The Capital Times" in The Capital Times, "a document
    obtained by The Nation Herald" in the Herald) is the newsroom's own first-hand reporting, not a citation: the
    report rests on the origin directly."""
    if src is None or ref is None or not ref.key:
        return
    ev = (rid, src.span) if src.span else None
    ev_text = src.span.of(text) if src.span else None
    prev = f"report:{rid}"
    hops = list(src.via)
    if src.kind == "outlet" and src.name and not (hops and same_source(hops[-1], src.name)):
        hops.append(src.name)  # "the newspaper said": the report cites that outlet, which rests on the origin
    for hop in hops:
        if own_outlet and same_source(hop, own_outlet) and prev == f"report:{rid}":
            continue
        node = graph.outlet(hop, "outlet")
        graph.add_edge(prev, node, "cites", ev, ev_text)
        prev = node

    target = ids.get(ref.name) if ref.name else None
    if target is None and ref.name:
        # the story-level name may carry the channel ("ministry (to Levant Press Agency)") or merge a variant; the
        # root with the wording's own channel wins over one heard by another newsroom
        base = _origin_base(ref.name)
        hits = [(name.partition(" (to ")[2].rstrip(")") != (ref.channel or ""), name, oid) for name, oid in ids.items()
                if same_source(base, _origin_base(name))]
        if hits:
            target = min(hits)[2]
    if target is None and len(ids) == 1 and ref.kind == "unnamed":
        target = next(iter(ids.values()))
    if target:
        graph.add_edge(prev, f"origin:{target}", "rests_on", ev, ev_text)


def _covering_attribution(report: Report, span: Span) -> Any:
    """The attribution of `report` whose content covers most of `span` (at least half of it), or None."""
    best, cover = None, 0
    for a in report.attributions:
        c = min(a.content.end, span.end) - max(a.content.start, span.start)
        if c > cover:
            best, cover = a, c
    if best is None or cover * 2 < span.end - span.start:
        return None
    return best
