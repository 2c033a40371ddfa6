"""The per-report NLP stage: language check, chunked parse, mentions, attributions, claims, JSON view.

Example:
    >>> from newstrace.model import Report
    >>> r = next(annotate([Report(id="d", text="Er sagte, die Truppen bleiben nicht im Land, und alle wissen das.")]))
    >>> r.notes[0].startswith("NT302")
    True
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..model import Attribution, Mention, Report, Span
from . import attribution as A
from .claims import claims_for
from .pipeline import (MAX_CHUNK_CHARS, PARSE_PIPES, STAGE_DISABLE, attribute_table, detect_language, load,
                       paragraphs_by_blank_lines, parse_plan, pipe_chunks, preset_line_starts)
from .quotes import find_inner_quotes, find_quotes

_KIND_ORDER = ("sourceless", "according_to", "direct", "mixed", "indirect")


def _kind(d: A.Draft, text: str) -> str:
    """The guideline's first-match kind rule."""
    if d.source is None and d.cue is not None:
        return "sourceless"
    if d.according:
        return "according_to"
    if d.rule.startswith("quote_"):
        return "direct"  # the content is one quotation (possibly a single-quoted one inside another)
    body = text[d.content[0]:d.content[1]]
    qs = find_quotes(body)
    if qs and qs[0].start == 0 and qs[-1].end == len(body) and len(qs) == 1:
        return "direct"
    if d.cue is None:
        return "direct"  # bare quotation
    if qs:
        return "mixed"
    if A._QUOTE_MARKS.search(body):
        return "mixed"
    return "indirect"


def _english(report: Report) -> str | None:
    """None when the report may be parsed, else the language code that stops it."""
    lang = (report.language or "").lower()[:2] or None
    if lang is None:
        lang = detect_language(report.text)
    return None if lang in (None, "en") else lang


def annotate(reports: Iterable[Report], *, batch_size: int = 16, beliefs: bool = False, max_chunk_chars: int | None = None,
             selective: bool = False, context: int = 0, other_acts: bool = False, line_starts: bool = False,
             v3_rules: bool = False, acts_kept: frozenset[str] | None = None) -> Iterator[Report]:
    """See `newstrace.nlp.annotate` (reports come out in input order).

    With `selective` (``attribution.v2``), the tokenizer and NER run on all text and the parse pipes
    (`pipeline.PARSE_PIPES`) only on runs of sentences that can hold an attribution (`pipeline.parse_plan`, plus
    `context` sentences either side); sentences left unparsed still count for claims.

    With `other_acts` (``attribution.acts.v2``) the same parse is read a second time by the acts rules
    (``attribution.acts.v1``'s `Context(acts=True)`), and the attributions of that reading whose act is not
    speech (belief, stance, intention, evidence, unsourced) and whose content overlaps no attribution of the first
    reading are added to it: the speech reading stays the measured one, the acts rules add the kinds it lacks
    (only the acts in `acts_kept`, when given).

    With `line_starts` (the ``.v3`` attributors) a paragraph break starts a sentence for the parser
    (`pipeline.preset_line_starts`), so a headline or dateline without a full stop is not read as one sentence
    with the paragraph after it; with `v3_rules` (the ``.v3`` attributors) the rules read the parse as
    `attribution.Context.v3` says.
    """
    limit = max_chunk_chars or MAX_CHUNK_CHARS
    nlp = None
    pending: list[tuple[Report, bool]] = []  # (report, parse it?) in input order
    n_parse = 0

    def flush() -> Iterator[Report]:
        nonlocal nlp, n_parse
        todo = [i for i, (_r, parse) in enumerate(pending) if parse]
        ctxs: dict[int, tuple[A.Context, list[tuple[int, int]]]] = {}
        actxs: dict[int, A.Context] = {}  # the second, acts reading of the same parse (`other_acts`)
        failed: set[int] = set()
        for i in todo:
            r = pending[i][0]
            try:
                quotes = find_quotes(r.text)
                inner = find_inner_quotes(r.text, quotes)
                ctxs[i] = (A.Context(r.text, quotes, [], beliefs=beliefs, inner=inner, v3=v3_rules), [])
                if other_acts:
                    actxs[i] = A.Context(r.text, quotes, [], beliefs=True, inner=inner, acts=True, v3=v3_rules)
            except Exception as e:  # one bad report never kills the batch
                failed.add(i)
                r.notes.append(f"NT301: NLP stage failed on this report: {type(e).__name__}: {e}")
        if ctxs and selective:
            nlp = nlp or load(disable=STAGE_DISABLE)
            _selective(nlp, [(i, pending[i][0]) for i in todo if i in ctxs], ctxs, failed, batch_size, limit, context, actxs,
                       line_starts)
        elif ctxs:
            nlp = nlp or load(disable=STAGE_DISABLE)
            texts = ((i, pending[i][0].text) for i in todo if i in ctxs)
            for key, off, doc in pipe_chunks(texts, batch_size=batch_size, max_chunk_chars=limit, nlp=nlp,
                                             line_starts=line_starts):
                if key in failed:
                    continue
                ctx, sents = ctxs[key]
                try:
                    for ent in doc.ents:
                        ctx.add_mention(Mention(pending[key][0].id, Span(ent.start_char + off, ent.end_char + off), ent.label_, ent.text))
                    A.extract_chunk(doc, off, ctx)
                    if key in actxs:
                        _read_acts(doc, off, ctx, actxs[key])
                    sents.extend((s.start_char + off, s.end_char + off) for s in doc.sents)
                except Exception as e:
                    failed.add(key)
                    pending[key][0].notes.append(f"NT301: NLP stage failed on this report: {type(e).__name__}: {e}")
        for i, (r, parse) in enumerate(pending):
            if parse and i not in failed:
                _finish(r, *ctxs[i], actxs.get(i), acts_kept)
            yield r
        pending.clear()
        n_parse = 0

    for r in reports:
        parse = bool(r.text and r.text.strip())
        if parse:
            lang = _english(r)
            if lang is not None:
                r.notes.append(f"NT302: language {lang} not supported by the English pipeline")
                parse = False
        pending.append((r, parse))
        n_parse += parse
        if n_parse >= batch_size:
            yield from flush()
    yield from flush()


def _read_acts(doc: Any, off: int, ctx: A.Context, actx: A.Context) -> None:
    """The acts rules' reading of a parsed chunk, with the mentions the first reading has so far."""
    # the same objects, not copies: what `add_mention` learns (names, genders) is the first reading's
    actx.mentions, actx.mstarts, actx.fullnames, actx.genders = ctx.mentions, ctx.mstarts, ctx.fullnames, ctx.genders
    A.extract_chunk(doc, off, actx)


def _selective(nlp: Any, reports: list[tuple[int, Report]], ctxs: dict[int, tuple[A.Context, list[tuple[int, int]]]],
               failed: set[int], batch_size: int, limit: int, context: int,
               actxs: dict[int, A.Context] | None = None, line_starts: bool = False) -> None:
    """NER on every chunk of `reports`, the parse only on candidate pieces; fills `ctxs` (mentions, drafts, sentences)."""
    by_key = dict(reports)
    chunks = list(pipe_chunks(((i, r.text) for i, r in reports), batch_size=batch_size, max_chunk_chars=limit,
                              nlp=nlp, disable=PARSE_PIPES))
    plans: list[tuple[int, int, Any, list[tuple[int, Any]], list[tuple[int, int]]]] = []
    pieces: list[Any] = []
    for key, off, doc in chunks:
        ctx = ctxs[key][0]
        try:
            runs, rest = parse_plan(doc, off, [(q.start, q.end) for q in ctx.quotes], context)
            mine = []
            head = doc._get_array_attrs() if runs else None
            # once per chunk (as_doc would make it once per run); as_doc fixes its slice of it in place, which is
            # safe because runs never share a token
            arr = doc.to_array(head) if runs else None
            blank = paragraphs_by_blank_lines(by_key[key].text) if line_starts and runs else False
            for s, e in runs:
                piece = doc[s:e].as_doc(array_head=head, array=arr)
                mine.append((off + doc[s].idx, preset_line_starts(piece, blank) if line_starts else piece))
                pieces.append(mine[-1][1])
            plans.append((key, off, doc, mine, rest))
        except Exception as e:  # one bad report never kills the batch
            failed.add(key)
            _note_failure(by_key[key], e)
    if pieces:
        # the parse pipes over the pieces of every report of the batch at once (the docs keep their NER labels);
        # the attribute ruler's rules are applied by their compiled table, which sets the same attributes
        table = attribute_table(nlp)
        skip = [p for p in nlp.pipe_names if p not in PARSE_PIPES or (table is not None and p == "attribute_ruler")]
        for d in nlp.pipe(pieces, batch_size=batch_size * 4, disable=skip):
            if table is not None:
                table(d)
    for key, off, doc, mine, rest in plans:
        if key in failed:
            continue
        ctx, sents = ctxs[key]
        rid = by_key[key].id
        try:
            for ent in doc.ents:
                ctx.add_mention(Mention(rid, Span(ent.start_char + off, ent.end_char + off), ent.label_, ent.text))
            for poff, pdoc in mine:
                A.extract_chunk(pdoc, poff, ctx)
                if actxs and key in actxs:
                    _read_acts(pdoc, poff, ctx, actxs[key])
                sents.extend((s.start_char + poff, s.end_char + poff) for s in pdoc.sents)
            sents.extend(rest)
        except Exception as e:
            failed.add(key)
            _note_failure(by_key[key], e)
    for key, (_ctx, sents) in ctxs.items():
        sents.sort()


def _note_failure(r: Report, e: Exception) -> None:
    r.notes.append(f"NT301: NLP stage failed on this report: {type(e).__name__}: {e}")


def _finish(r: Report, ctx: A.Context, sents: list[tuple[int, int]], actx: A.Context | None = None,
            acts_kept: frozenset[str] | None = None) -> None:
    """Turn the drafts of one parsed report into its attributions, mentions and claims (and, with `actx`, add the
    acts reading's attributions of other acts than speech, of `acts_kept` when given, that overlap none of them)."""
    try:
        A.quote_pass(ctx)
        drafts = A.finish(ctx)
        if actx is not None:
            A.quote_pass(actx)
            taken = [d.content for d in drafts]
            for d in A.finish(actx):
                act = _draft_act(d, r.text)
                if act != "speech" and (acts_kept is None or act in acts_kept) and not any(min(e, d.content[1]) > max(s, d.content[0]) for s, e in taken):
                    drafts.append(d)
                    taken.append(d.content)
            drafts.sort(key=lambda d: (d.content[0], -d.content[1]))
        r.mentions = ctx.mentions
        r.attributions = [
            Attribution(
                report=r.id, id=f"{r.id}#a{n + 1}", content=Span(*d.content), kind=_kind(d, r.text),
                source=Span(*d.source) if d.source else None, source_name=d.source_name,
                cue=Span(*d.cue) if d.cue else None, via=tuple(d.via),
                source_kind=d.source_kind if (d.source or d.source_name) else "unknown",
            )
            for n, d in enumerate(drafts)
        ]
        r.claims = claims_for(r.id, r.text, r.attributions, sents)
        r.meta["attribution_reasons"] = dict(ctx.reasons)
    except Exception as e:  # one bad report never kills the batch
        r.notes.append(f"NT301: NLP stage failed on this report: {type(e).__name__}: {e}")


def _draft_act(d: A.Draft, text: str) -> str:
    """The act of a draft, read from its cue and source text like `attribution.act_of`."""
    return A.act_of(text[d.cue[0]:d.cue[1]] if d.cue else None, text[d.source[0]:d.source[1]] if d.source else None,
                    d.source is not None or bool(d.source_name))


def _span_json(span: Span | None, text: str) -> dict[str, Any] | None:
    return None if span is None else span.to_json(text)


def attributions_json(report: Report) -> dict[str, Any]:
    """See `newstrace.nlp.attributions_json`."""
    t = report.text
    return {
        "doc_id": report.id,
        "text": t,
        "attributions": [
            {
                "id": a.id,
                "kind": a.kind,
                "source": _span_json(a.source, t),
                "source_name": a.source_name,
                "cue": _span_json(a.cue, t),
                "content": _span_json(a.content, t),
                "via": [
                    ({**h.span.to_json(t), "name": h.name, "kind": h.kind, "relation": h.relation} if h.span is not None
                     else {"span": None, "name": h.name, "kind": h.kind, "relation": h.relation})
                    for h in a.via
                ],
                "source_kind": a.source_kind,
            }
            for a in report.attributions
        ],
        "notes": list(report.notes),
    }
