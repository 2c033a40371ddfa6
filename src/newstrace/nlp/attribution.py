"""Rule-based attribution extraction on the dependency parse (attributor ``attribution.v1``).

One pass over each parsed chunk finds cues, then builds an attribution per cue:

1. **Reporting verbs** (`cues.REPORT_VERBS`, not negated, not modal-hypothetical, not first person in the
   writer's voice).  The source is the subject (or the `by` agent of a passive; participles like
   `saying`/`adding` inherit the subject of the verb they hang on; a relative pronoun is kept as the span
   and resolved through the noun it modifies).  The content is, in order of preference: the quotations
   adjacent to the cue frame (`"A," X said, "B."` gives two *direct* records sharing source and cue), the
   clausal complement (`ccomp`, extended to the end of a quotation it opens: *mixed*), an infinitive
   complement for promise/urge verbs, the clause the cue is inserted into (`P, police said`), or the
   text after a colon.
2. **according to X**: the clause the phrase modifies, minus the phrase.
3. **Sourceless**: `reportedly`/`allegedly` (the whole clause), agentless passives of reporting verbs
   (`it was reported that P`, `damages are estimated at $1 million`), speech-act nouns with a content clause
   and no owner (`there were reports that P`).
4. **Quotes with no cue** of their own: a quote that goes on right after `"A," X said.` shares that
   record's source and cue; a quote that opens a sentence after narration is a *bare quotation* (cue and
   source null, `source_name` = the last speaker).

Chains: `citing Y` on the cue or its source, `Y, quoted in X`, `X quoted Y as saying`, `Y was quoted by X`,
`obtained by Z` on a cited document, and `according to Y, who cited Z` become `Hop`s.  Following the
attrib-dev guideline, `source` is the link nearest the writer and `via` lists the links further upstream,
nearest first.  A report nested inside another one's content (`Outlet B reveals that General X told ...`)
keeps its own source and gets the outer chain appended to its `via` (outer `via` links, then the outer
source with relation ``reported_by``), so the inner record reads speaker -> document -> newspaper -> outlet.

Kinds follow the guideline's first-match order: sourceless, according_to, direct, mixed, indirect.

Example:
    >>> from newstrace.model import Report
    >>> from newstrace.nlp import annotate
    >>> r = next(annotate([Report(id="x", text="The man was arrested, police said.")]))
    >>> [(a.kind, a.source.of(r.text), a.content.of(r.text)) for a in r.attributions]
    [('indirect', 'police', 'The man was arrested')]
"""
from __future__ import annotations

import contextvars
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..model import Hop, Mention
from . import cues as C
from .coref import PRONOUN_GENDER, PRONOUN_WINDOW, gender_key, resolve, resolve_v3
from .quotes import Quote

# The acts attributor (`attribution.acts.v1`) runs the same stage with this switch on; `Context` reads it when
# it is made, so the v1 attributors (switch off) keep their behaviour exactly.
ACTS_MODE: contextvars.ContextVar[bool] = contextvars.ContextVar("newstrace_attribution_acts", default=False)

_MODALS = {"would", "could", "might", "should", "may", "must", "can", "will", "shall", "'ll"}  # unrealised acts
_NEG = {"not", "n't", "never", "no"}
_SENT_END_CHARS = set(".!?")
_QUOTE_MARKS = re.compile(r"``|''|\"|“|”|„|«|»")
_EDGE_PUNCT = {",", ";", ":", "-", "--", "—", "–", "(", ")", "."}
_PERSON_LABELS = {"PERSON"}
_ORG_LABELS = {"ORG", "NORP", "GPE", "FAC"}


# An honorific or gendered role noun right before a person's name ("Mr Gates", "actress Tara Reid").
_FEMININE = frozenset("mrs ms miss madam madame mme dame lady actress spokeswoman chairwoman businesswoman "
                      "congresswoman wife mother daughter sister widow girlfriend queen princess aunt "
                      "grandmother niece".split())
_GENDER_BEFORE = re.compile(
    r"\b(mr|mister|sir|lord|mrs|ms|miss|madam|madame|mme|dame|lady|actress|actor|spokeswoman|spokesman|"
    r"chairwoman|chairman|businesswoman|businessman|congresswoman|congressman|wife|husband|mother|father|"
    r"daughter|son|sister|brother|widow|widower|girlfriend|boyfriend|queen|king|princess|prince|aunt|uncle|"
    r"grandmother|grandfather|niece|nephew)\.?,?\s+\Z", re.IGNORECASE)


# Time nouns after which a "that" clause cannot be relative ("said at the time that ...").
_TIME_NOUNS = frozenset("time moment day week month year weekend morning afternoon evening night".split())

# How many of the latest drafts the pronoun-salience check looks at (keeps a 200k-word report linear).
_RECENT = 64


def _last_speaker(ctx: Context, pos: int, want: str) -> str | None:
    """The name of the most recent person source before `pos` (within a pronoun's reach), if its gender as
    far as the text tells does not clash with `want`."""
    for d in reversed(ctx.drafts[-_RECENT:]):  # drafts arrive in text order; only recent ones are in reach
        if d.source is not None and d.source[1] <= pos and pos - d.source[1] < PRONOUN_WINDOW and d.source_kind == "person" and d.source_name:
            return d.source_name if ctx.genders.get(gender_key(d.source_name), want) == want else None
    return None


def _last_mention_start(ctx: Context, name: str, pos: int) -> int:
    """Where the person `name` was last mentioned before `pos` (-1 if never)."""
    k = gender_key(name)
    for m in reversed(ctx.mentions_before(pos)):
        if pos - m.span.end > PRONOUN_WINDOW:
            break
        if gender_key(m.text) == k:
            return m.span.start
    return -1


@dataclass(slots=True)
class Draft:
    """An attribution before ids are assigned (absolute character offsets)."""

    content: tuple[int, int]
    source: tuple[int, int] | None
    cue: tuple[int, int] | None
    source_name: str | None = None
    source_kind: str = "unknown"
    via: list[Hop] = field(default_factory=list)
    according: bool = False
    rule: str = ""


@dataclass(slots=True)
class Context:
    """What the extractor carries across the chunks of one report."""

    text: str
    quotes: Sequence[Quote]
    mentions: list[Mention]
    beliefs: bool = False
    inner: Sequence[Quote] = ()
    drafts: list[Draft] = field(default_factory=list)
    reasons: dict[str, int] = field(default_factory=dict)
    # sorted start offsets of `quotes` and `mentions`, so lookups stay logarithmic in a 200k-word report
    qstarts: list[int] = field(default_factory=list)
    mstarts: list[int] = field(default_factory=list)
    # longest PERSON name seen so far per last word ("Obama" -> "Barack Obama")
    fullnames: dict[str, str] = field(default_factory=dict)
    # what the text says about a person's gender, by `coref.gender_key` (honorific, role noun, pronoun)
    genders: dict[str, str] = field(default_factory=dict)
    # attribution.acts.v1: cues of every act (stance, intention, evidence, nominal, headline, source-less)
    acts: bool = False
    lex: Any = None
    # the .v3 attributors' reading, in one place so that it can be read as a whole:
    # - a content clause ends before a second act coordinated into it (`_cut_second_act`), a sourceless adverb's
    #   scope before a conjunct with its own subject (`_adverb`), and a cue's content does not go on into an act
    #   verb with its own subject (`_content_from_verb`);
    # - "as X said, P" reports P; "called on X to Y" takes the infinitive; announce/promise/pledge take a bare
    #   object (`cues.OBJECT_CONTENT_VERBS_V3`); the noun "call" takes what it asks for (`_call_request`);
    # - a conjunct act inside a content clause whose subject cannot act is the reporter's (`_verb_cue`);
    # - headline "Name: content" lines are statements (`headline_pass`) without the rest of the acts rules, their
    #   name found in the body (`_named_in_body`);
    # - a description source names the entity the text calls by that noun (`coref.resolve_v3`)
    v3: bool = False

    def __post_init__(self) -> None:
        self.qstarts = [q.start for q in self.quotes]
        self.acts = self.acts or ACTS_MODE.get()
        if self.acts:
            self.lex = C.act_lexicon()
            self.beliefs = True

    def count(self, reason: str) -> None:
        self.reasons[reason] = self.reasons.get(reason, 0) + 1

    def add_mention(self, m: Mention) -> None:
        """Append a mention (mentions arrive in text order, chunk by chunk)."""
        self.mentions.append(m)
        self.mstarts.append(m.span.start)
        if m.label == "PERSON":
            # the honorific may sit just before the entity or be part of it ("Ms Jane Roe")
            first = m.text.split(maxsplit=1)[0] + " " if len(m.text.split()) > 1 else ""
            g = _GENDER_BEFORE.search(first) or _GENDER_BEFORE.search(self.text, max(0, m.span.start - 24), m.span.start)
            if g is not None:
                self.genders.setdefault(gender_key(m.text), "f" if g.group(1).lower() in _FEMININE else "m")
        if m.label == "PERSON" and m.text.split():
            key = m.text.split()[-1].lower()
            if len(m.text) > len(self.fullnames.get(key, "")):
                self.fullnames[key] = m.text

    def mentions_in(self, s: int, e: int, slack: int = 200) -> list[Mention]:
        """Mentions overlapping `[s, e)` (a mention starts at most `slack` characters before `s`)."""
        lo = bisect_left(self.mstarts, s - slack)
        hi = bisect_left(self.mstarts, e)
        return [m for m in self.mentions[lo:hi] if m.span.start < e and m.span.end > s]

    def mentions_before(self, pos: int) -> Sequence[Mention]:
        """The mentions that start before `pos` (a view for the antecedent search)."""
        return _Prefix(self.mentions, bisect_left(self.mstarts, pos))

    def quote_at(self, pos: int) -> Quote | None:
        i = bisect_right(self.qstarts, pos) - 1
        return self.quotes[i] if i >= 0 and self.quotes[i].start <= pos < self.quotes[i].end else None

    def quotes_overlapping(self, s: int, e: int) -> list[Quote]:
        i = max(0, bisect_right(self.qstarts, s) - 1)
        out = []
        while i < len(self.quotes) and self.quotes[i].start < e:
            if self.quotes[i].end > s:
                out.append(self.quotes[i])
            i += 1
        return out

    def canonical(self, m: Mention) -> str:
        """The fullest form of a person's name seen in the report so far."""
        if m.label != "PERSON" or not m.text.split():
            return m.text
        return max(m.text, self.fullnames.get(m.text.split()[-1].lower(), ""), key=len)


class _Prefix(Sequence):  # type: ignore[type-arg]
    """A read-only prefix view of a list (no copy)."""

    def __init__(self, items: list, n: int) -> None:  # type: ignore[type-arg]
        self.items, self.n = items, n

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, i):  # type: ignore[no-untyped-def]
        if isinstance(i, slice):
            return self.items[: self.n][i]
        if i < 0:
            i += self.n
        if not 0 <= i < self.n:
            raise IndexError(i)
        return self.items[i]

    def __reversed__(self):  # type: ignore[no-untyped-def]
        for i in range(self.n - 1, -1, -1):
            yield self.items[i]


# ---------------------------------------------------------------- token helpers

_LEMMA_CACHE: dict[tuple[str, str], str] = {}


def _lem(t: Any) -> str:
    """Lower-cased lemma of `t`.  The stage runs spaCy without its lemmatizer (it is the costliest pipe after
    the parser and attribution needs lemmas of a few verbs and nouns only), so lemmas are made here on
    demand with spaCy's own rule lemmatizer and cached per (form, POS)."""
    if t.lemma_:
        return t.lemma_.lower()
    key = (t.lower_, t.pos_)
    got = _LEMMA_CACHE.get(key)
    if got is None:
        from .pipeline import lemmatizer

        got = (lemmatizer().rule_lemmatize(t) or [t.lower_])[0].lower()
        _LEMMA_CACHE[key] = got
    return got


def _span(tokens: Sequence[Any], off: int) -> tuple[int, int]:
    return tokens[0].idx + off, tokens[-1].idx + len(tokens[-1].text) + off


def _tok_span(t: Any, off: int) -> tuple[int, int]:
    return t.idx + off, t.idx + len(t.text) + off


def _is_negated(v: Any) -> bool:
    if any(c.dep_ == "neg" or c.lower_ in _NEG and c.dep_ in ("advmod", "neg", "det") for c in v.children):
        return True
    # "did not deny" attaches neg to the auxiliary's verb; "declined to say" / "refused to comment" negate
    # an xcomp's head.
    if v.dep_ == "xcomp" and _lem(v.head) in {"decline", "refuse", "fail"}:
        return True
    if v.dep_ == "pcomp" and v.head.lower_ == "without":
        return True  # "without really saying why"
    # "no damage was reported", "nothing was said": a negative subject negates the report
    for c in v.children:
        if c.dep_ in ("nsubjpass", "nsubj") and (c.lower_ in ("nothing", "none") or any(
                d.dep_ == "det" and d.lower_ == "no" for d in c.children)):
            return True
    return False


def _is_hypothetical(v: Any) -> bool:
    if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in v.children):
        return True
    # idioms with a passive "said": "easier said than done", "when all is said and done"
    nxt = v.doc[v.i + 1 : v.i + 3]
    return v.lower_ == "said" and len(nxt) == 2 and nxt[0].lower_ in ("and", "than") and nxt[1].lower_ == "done"


def _own_clause(verb: Any, cue: Any, content_head: Any) -> bool:
    """A verb coordinated with the cue that is the narrator's next clause, not more of what was said: it has a
    subject of its own, no "that", and the narrative past of the cue while the content is not in the past
    ("Hartog said the purchase will involve some changes but he downplayed any lay-offs"). Reported speech in
    the present goes on in the present ("said the injuries are n't related and he's not concerned")."""
    kids = list(verb.children)
    return (any(c.dep_ in ("nsubj", "nsubjpass") for c in kids)
            and not any(c.dep_ == "mark" and c.lower_ == "that" for c in kids)
            and verb.tag_ == "VBD" and cue.tag_ == "VBD" and content_head is not None
            and content_head.tag_ != "VBD" and not any(a.tag_ == "VBD" for a in content_head.children if a.dep_ in ("aux", "auxpass")))


def _trim(tokens: list[Any]) -> list[Any]:
    """Drop edge punctuation (not quotation marks) and a leading coordinator ("And ...") from a token run."""
    while tokens and (tokens[0].is_punct and not _QUOTE_MARKS.fullmatch(tokens[0].text) or tokens[0].dep_ == "cc"):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct and not _QUOTE_MARKS.fullmatch(tokens[-1].text):
        tokens = tokens[:-1]
    return tokens


def _strip_that(tokens: list[Any]) -> list[Any]:
    if tokens and tokens[0].lower_ == "that" and tokens[0].dep_ == "mark":
        return tokens[1:]
    return tokens


def np_tokens(h: Any) -> list[Any]:
    """The source noun phrase headed by `h`: titles, pre-modifiers and attached PPs; no appositive or
    relative clause (unless the name is the appositive of a common-noun head)."""
    name_is_appos = h.pos_ != "PROPN" and any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in h.children)
    drop = {"relcl", "acl", "advcl", "punct", "parataxis"} | (set() if name_is_appos else {"appos"})
    excluded: set[int] = set()
    for c in h.children:
        appos_end = max((a.right_edge.i for a in h.children if a.dep_ == "appos"), default=-1) if name_is_appos else -1
        if c.dep_ in drop and not (c.dep_ == "punct" and (h.left_edge.i < c.i < h.i or h.i < c.i < appos_end)):
            excluded.update(t.i for t in c.subtree)
    for d in h.subtree:
        if d.i != h.i and d.head.i != h.i and d.dep_ in ("relcl", "acl", "advcl", "parataxis"):
            excluded.update(t.i for t in d.subtree)
            if d.left_edge.i - 1 >= 0 and h.doc[d.left_edge.i - 1].text == ",":
                excluded.add(d.left_edge.i - 1)
    kept = {t.i for t in h.subtree} - excluded
    lo = hi = h.i
    while lo - 1 in kept:
        lo -= 1
    while hi + 1 in kept:
        hi += 1
    toks = [h.doc[i] for i in range(lo, hi + 1)]
    toks = _trim(toks)
    while toks and toks[-1].dep_ in ("cc", "prep", "case") and toks[-1].i > h.i:
        toks = _trim(toks[:-1])
    return toks or [h]


def _subject(v: Any, depth: int = 0) -> tuple[Any | None, str]:
    """The token heading `v`'s source, and how it was found."""
    for c in v.children:
        if c.dep_ == "nsubj" and c.dep_ != "expl":
            return c, "nsubj"
    for c in v.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p, "agent"
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children):
        return None, "passive"
    # inverted order after a quotation: '"...," recalled Benson' (the parser often calls Benson an object)
    for c in v.children:
        if c.i == v.i + 1 and c.dep_ in ("dobj", "npadvmod", "attr", "oprd") and c.pos_ == "PROPN":
            prev = v.doc[v.i - 1] if v.i > 0 else None
            if prev is not None and (prev.is_punct or prev.is_quote):
                return c, "inverted"
    # participles and coordinated verbs inherit the subject of the verb they attach to; a participle hanging
    # on the complement of a reporting verb ("said P, characterizing X as Y") belongs to the reporter
    if depth < 2 and v.dep_ in ("conj", "advcl", "xcomp", "acl", "pcomp") and _governor(v).pos_ in ("VERB", "AUX"):
        h = _governor(v)
        if v.tag_ == "VBG" and h.dep_ == "ccomp" and _lem(h.head) in C.REPORT_VERBS:
            h = h.head
        if _lem(h) == "quote":
            # "Y was quoted by X as saying" -> X; "X quoted Y as saying" -> X; "Y was quoted as saying" -> Y
            for c in h.children:
                if c.dep_ == "agent":
                    p = next((x for x in c.children if x.dep_ == "pobj"), None)
                    if p is not None:
                        return p, "quoted"
            for c in h.children:
                if c.dep_ in ("nsubj", "nsubjpass"):
                    return c, "quoted"
        s, how = _subject(h, depth + 1)
        if s is not None:
            return s, "inherited"
    if v.dep_ == "acl" and v.head.pos_ in ("NOUN", "PROPN", "PRON") and v.tag_ == "VBG":
        return v.head, "acl_head"
    return None, "none"


def _governor(v: Any) -> Any:
    """The verb a participle hangs on, looking through a preposition ("quoted ... as saying")."""
    if v.dep_ == "pcomp" and v.head.dep_ == "prep":
        return v.head.head
    return v.head


def _cue_tokens(v: Any) -> list[Any]:
    """The cue: the verb with its auxiliaries ("has said", "had been told") and particle ("pointed out")."""
    lo = v.i
    for c in sorted(v.children, key=lambda t: -t.i):
        if c.dep_ in ("aux", "auxpass") and c.i == lo - 1:
            lo = c.i
    hi = v.i
    for c in v.children:
        if c.dep_ == "prt" and c.i == hi + 1:
            hi = c.i
    return [v.doc[i] for i in range(lo, hi + 1)]


def _subtree_run(c: Any, exclude: set[int]) -> list[Any]:
    """The contiguous run of `c`'s subtree around `c` that avoids `exclude`."""
    sub = {t.i for t in c.subtree} - exclude
    lo = hi = c.i
    while lo - 1 in sub:
        lo -= 1
    while hi + 1 in sub:
        hi += 1
    return [c.doc[i] for i in range(lo, hi + 1)]


# ---------------------------------------------------------------- chains


def _hop_for(tok: Any, relation: str, off: int, ctx: Context) -> Hop:
    toks = np_tokens(tok)
    s, e = _span(toks, off)
    name = _name_for(toks, tok, s, ctx) or ctx.text[s:e]
    return Hop(name=name, span=_mk_span(s, e), kind=source_kind(toks, tok, name, ctx, s, e), relation=relation)


def _chain_from(tok: Any, off: int, ctx: Context, depth: int = 0) -> list[Hop]:
    """Hops hanging off `tok` (a verb or a noun): citing Y, obtained by Z, Y who cited Z."""
    hops: list[Hop] = []
    if depth > 3:
        return hops
    for c in tok.children:
        lem = _lem(c)
        if c.pos_ == "VERB" and lem == "cite" and c.dep_ in ("advcl", "xcomp", "acl", "conj", "relcl", "dobj"):
            obj = next((o for o in c.children if o.dep_ in ("dobj", "pobj", "attr")), None)
            if obj is not None:
                hops.append(_hop_for(obj, "citing", off, ctx))
                hops.extend(_chain_from(obj, off, ctx, depth + 1))
        elif c.pos_ == "VERB" and lem == "obtain" and c.dep_ in ("acl", "relcl"):
            agent = next((a for a in c.children if a.dep_ == "agent"), None)
            pobj = next((p for p in agent.children if p.dep_ == "pobj"), None) if agent is not None else None
            if pobj is not None:
                hops.append(_hop_for(pobj, "obtained_by", off, ctx))
    return hops


def _mk_span(s: int, e: int) -> Any:
    from ..model import Span

    return Span(s, e)


# ---------------------------------------------------------------- names and kinds


def _name_for(toks: Sequence[Any], head: Any, s: int, ctx: Context) -> str | None:
    """The name the source span refers to.

    A person entity that contains the head gives its fullest form in the report; a proper-noun head (or
    proper-noun modifiers of a common-noun head, "the Press Democrat newspaper") gives those words; a
    relative pronoun gives the name of the noun it modifies; a pronoun or description is resolved to an
    antecedent (`coref.resolve`); otherwise None.
    """
    off = s - toks[0].idx
    hs, he = head.idx + off, head.idx + len(head.text) + off
    for m in ctx.mentions_in(hs, he):
        if m.span.start <= hs and he <= m.span.end and m.label in _PERSON_LABELS | _ORG_LABELS:
            return ctx.canonical(m) if m.label == "PERSON" else m.text
    ids = {t.i for t in toks}
    if head.pos_ == "PROPN":
        lo = hi = head.i
        while lo - 1 in ids and head.doc[lo - 1].pos_ in ("PROPN",):
            lo -= 1
        while hi + 1 in ids and head.doc[hi + 1].pos_ in ("PROPN",):
            hi += 1
        return ctx.text[head.doc[lo].idx + off : head.doc[hi].idx + len(head.doc[hi].text) + off]
    appos = next((a for a in head.children if a.dep_ == "appos" and a.pos_ == "PROPN" and a.i in ids), None)
    if appos is not None:  # "the governor of X, Abdolreza Sheikholeslami": the name is the appositive
        return _name_for(toks, appos, s, ctx)
    props = [t for t in head.lefts if t.dep_ == "compound" and t.pos_ == "PROPN" and t.i in ids]
    if props:
        lo, hi = min(t.left_edge.i for t in props), max(t.i for t in props)
        return ctx.text[head.doc[lo].idx + off : head.doc[hi].idx + len(head.doc[hi].text) + off]
    if head.lower_ in C.RELATIVE_PRONOUNS and head.dep_ in ("nsubj",) and head.head.dep_ == "relcl":
        noun = head.head.head
        ntoks = np_tokens(noun)
        ns = ntoks[0].idx + off
        return _name_for(ntoks, noun, ns, ctx) or ctx.text[ns : ntoks[-1].idx + len(ntoks[-1].text) + off]
    e = toks[-1].idx + len(toks[-1].text) + off
    if ctx.v3:
        name = resolve_v3(ctx.text[s:e], head.lower_, s, ctx.mentions_before(s), ctx.text, ctx.genders)
    else:
        name = resolve(ctx.text[s:e], head.lower_, s, ctx.mentions_before(s), ctx.genders)
    if name and head.lower_ in PRONOUN_GENDER:
        # salience (centering): a person named only inside someone's reported words is less likely the next
        # "he"/"she" who speaks than the last speaker ("Coleman testified Taylor shot ... He said ...")
        sp = _last_speaker(ctx, s, PRONOUN_GENDER[head.lower_])
        if sp is not None and sp.lower() != name.lower():
            at = _last_mention_start(ctx, name, s)
            if any(d.content[0] <= at < d.content[1] for d in ctx.drafts[-_RECENT:]):
                name = sp
    return ctx.fullnames.get(name.split()[-1].lower(), name) if name and head.lower_ in C.PRONOUNS_PERSON | C.PERSON_NOUNS else name


def source_kind(toks: Sequence[Any], head: Any, name: str | None, ctx: Context, s: int, e: int) -> str:
    """person | organisation | outlet | agency | document | unknown, from the head word and entity labels."""
    words = {t.lower_ for t in toks} | set((name or "").lower().split())
    hl = _lem(head)
    if words & C.AGENCY_WORDS and (hl in C.AGENCY_WORDS or head.pos_ == "PROPN"):
        return "agency"
    if hl in C.DOCUMENT_NOUNS and head.pos_ == "NOUN":
        return "document"
    labels = {m.label for m in ctx.mentions_in(s, e)}
    if hl in C.OUTLET_WORDS or (labels & {"ORG", "WORK_OF_ART"} and words & C.OUTLET_WORDS):
        return "outlet"
    if head.pos_ == "PROPN" and words & C.OUTLET_WORDS and "PERSON" not in labels:
        return "outlet"
    if head.pos_ == "PROPN" and head.lower_ in ctx.fullnames and "PERSON" not in labels:
        return "person"  # a surname the tagger read as an organisation, named in full elsewhere as a person
    if head.lower_ in C.PRONOUNS_PERSON or head.lower_ in {"i", "who"} or "PERSON" in labels or hl in C.PERSON_NOUNS or (head.pos_ == "PROPN" and words & C.PERSON_NOUNS):
        return "person"
    if labels & _ORG_LABELS or hl in C.ORG_NOUNS:
        return "organisation"
    if name and name != ctx.text[s:e]:
        if name in ctx.fullnames.values():
            return "person"
        if any(m.text == name for m in ctx.mentions_in(max(0, s - 4000), s, slack=0)):
            return "organisation"
    return "unknown"


# ---------------------------------------------------------------- main pass


def _quote_overlapping(quotes: Sequence[Quote], s: int, e: int) -> list[Quote]:
    return [q for q in quotes if q.start < e and q.end > s]


def _adjacent_quotes(v: Any, frame: tuple[int, int], content_start: int | None, off: int, ctx: Context) -> list[Quote]:
    """Quotes right before the cue frame (only commas between) or right after it (a colon, a comma, or a few
    non-verb words such as "in a statement" between)."""
    text, out = ctx.text, []
    fs, fe = frame
    # a cue inside a quotation can only introduce a quote inside it (quote in quote)
    host = ctx.quote_at(fs)
    if host is not None:
        pool = [q for q in ctx.inner if host.start <= q.start < host.end]
    else:
        # the quote that may end just before the frame, and those that start within reach after it
        i = max(0, bisect_right(ctx.qstarts, fs) - 2)
        pool = [q for q in ctx.quotes[i : bisect_right(ctx.qstarts, fe + 81)]]
    for q in pool:
        if q.end <= fs and fs - q.end <= 6 and re.fullmatch(r"[\s,:\-–—]*", text[q.end:fs]):
            out.append(q)
        elif q.start >= fe and q.start - fe <= 80:
            gap = text[fe:q.start]
            if content_start is not None and content_start + 0 < q.start and content_start >= fe and gap.strip() and not re.fullmatch(r"[\s,:]*(that)?[\s,:]*", gap):
                continue  # the complement starts before the quote: mixed, handled by the ccomp
            if re.search(r"[.!?;]\s", gap) and not gap.rstrip().endswith(":"):
                continue
            if re.search(r"[.!?]\s*$", gap.rstrip()) and not gap.rstrip().endswith(":"):
                continue
            between = [t for t in v.doc if fe <= t.idx + off < q.start]
            if any(t.pos_ in ("VERB",) and t.i != v.i for t in between) or len(between) > 8:
                continue
            out.append(q)
        if q.start > fe + 80:
            break
    return out


def _frame(v: Any, subj_toks: list[Any] | None, cue: list[Any], off: int) -> tuple[int, int]:
    s, e = _span(cue, off)
    if subj_toks:
        ss, se = _span(subj_toks, off)
        # only a subject next to the cue belongs to its frame ('" A , " McDermott said')
        if abs(ss - e) < 40 or abs(s - se) < 40:
            s, e = min(s, ss), max(e, se)
    return s, e


def _content_from_verb(v: Any, cue: list[Any], subj: Any | None, off: int, ctx: Context) -> tuple[list[Any], str] | None:
    """The content tokens of a reporting verb and the rule that found them, or None."""
    lem = _lem(v)
    doc = v.doc
    cue_ids = {t.i for t in cue}
    subj_ids = {t.i for t in subj.subtree} if subj is not None else set()
    comps = [c for c in v.children if c.dep_ == "ccomp"]
    lx = ctx.lex if ctx.acts else None
    passive0 = any(c.dep_ in ("auxpass", "nsubjpass") for c in v.children) or (v.tag_ == "VBN" and v.dep_ == "acl")
    # acts: a finding verb with an evidence source takes a bare clause or object ("polls show P")
    ev_src = lx is not None and subj is not None and (_lem(subj) in lx.evidence_sources or subj.lower_ in lx.evidence_sources)
    if lem in C.XCOMP_VERBS or (lx is not None and lem in lx.infinitive_verbs and not (passive0 and lem in lx.passive_unsourced)):
        # promises and requests ("vowed to stay"); a belief verb's infinitive ("wants to", "is expected to")
        # is a wish or expectation with no stated proposition, so belief cues take only clauses
        comps += [c for c in v.children if c.dep_ == "xcomp"]
    after = [c for c in comps if c.i > v.i]
    pick = after[0] if after else (comps[-1] if comps else None)
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in v.children) or (v.tag_ == "VBN" and v.dep_ == "acl")
    if pick is not None and pick.i < v.i and passive and lem in C.PASSIVE_SOURCELESS and any(c.dep_ == "nsubjpass" for c in v.children):
        pick = None  # "X, the larger of which was described as Y": the passive's own clause is the content
    if pick is not None:
        toks = _subtree_run(pick, cue_ids | subj_ids)
        if pick.i > v.i:
            toks = [t for t in toks if t.i > v.i]
        if pick.dep_ == "xcomp" and toks:
            # "urged / told / directed X to Y": the addressee is the subject of the request, so the content
            # is "X to Y" (the parser hangs X on the cue as its object)
            obj = next((c for c in v.children if c.dep_ == "dobj" and v.i < c.i < pick.i), None)
            if obj is not None:
                toks = [doc[i] for i in range(obj.left_edge.i, toks[-1].i + 1)]
        elif pick.right_edge.i > v.i:
            # the cue is inserted into its content ("P, McDermott said, that Q"): the whole stretch
            toks = [doc[i] for i in range(pick.left_edge.i, pick.right_edge.i + 1)]
        first = toks[0] if toks else None
        if first is not None and first.lower_ in ("whether", "if") and pick.dep_ == "ccomp":
            return None  # indirect question
        if first is not None and first.tag_ in ("WDT", "WP", "WRB", "WP$") and pick.dep_ == "ccomp" and lem in C.QUESTION_VERBS:
            return None  # "asked what ...": indirect questions
        if lem in C.STRICT_CLAUSE and not ev_src and pick.i > v.i and not (lem == "point" and any(c.dep_ == "prt" and c.lower_ == "out" for c in v.children)) and not (first is not None and first.lower_ == "that" and first.dep_ == "mark"):
            return None  # "the software finds two servers", "jurors found true": not reports
        toks = _trim(_strip_that(toks))
        if toks and pick.i < v.i and toks[-1].i < v.i:
            # "P, fire crews said." with the cue closing the sentence: P is the whole sentence before the cue
            sent = v.sent
            frame_lo = min([v.i] + [t.i for t in cue] + [t.i for t in (subj.subtree if subj is not None else [])])
            rest = [t for t in sent if t.i > max([v.i] + [t.i for t in cue] + list(subj_ids or [v.i]))]
            if all(t.is_punct for t in rest):
                lead = _trim([t for t in sent if t.i < frame_lo])
                if lead and not any(t.lower_ == "according" for t in lead):
                    toks = lead
        if toks:
            # "P, he testified, and Q" / "said P and that Q": later clausal children of the cue continue the
            # content; participles with their own cue ("adding", "saying") do not
            later = [c for c in v.children if c.i > max(t.i for t in toks) and c.dep_ in ("ccomp", "conj")
                     and not (_lem(c) in C.REPORT_VERBS) and c.pos_ in ("VERB", "AUX")
                     and not (toks[0].i > v.i and c.dep_ == "conj" and _own_clause(c, v, pick))
                     # .v3: "said P, and 48 percent thought Q": an act verb with a subject of its own is a new act
                     # ("said P, that Q" goes on)
                     and not (ctx.v3 and _lem(c) in _act_verbs() and any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children)
                              and not any(x.dep_ == "mark" and x.lower_ == "that" for x in c.children))]
            if later:
                end = max(c.right_edge.i for c in later)
                toks = _trim([doc[i] for i in range(toks[0].i, end + 1)])
            if ctx.v3 and toks and toks[0].i > v.i:
                toks = _cut_second_act(toks, v)
            return (toks, "ccomp") if toks else None
    if passive and not any(c.dep_ == "agent" for c in v.children) and lem in C.PASSIVE_SOURCELESS:
        return None  # the caller takes the whole clause
    # "estimates damages at $1 million", "predicted a netbook", "has accused X of Y", "identified X as Y"
    obj = next((c for c in v.children if c.dep_ == "dobj"), None)
    if obj is not None and (lem in C.OBJECT_CONTENT_VERBS or (ctx.v3 and lem in C.OBJECT_CONTENT_VERBS_V3)):
        need = C.OBJECT_CONTENT_VERBS.get(lem, frozenset())
        prep = next((c for c in v.children if c.dep_ == "prep" and c.i > obj.i and c.lower_ in need), None) if need else None
        if prep is None:
            prep = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ in need), None) if need else None
        if need and prep is None:
            return None
        end = prep.right_edge.i if prep is not None else obj.right_edge.i
        toks = _trim([doc[i] for i in range(obj.left_edge.i, end + 1)])
        if len(toks) >= 2 and toks[0].tag_ not in ("WDT", "WP", "WRB"):
            return toks, "object"
    if lx is not None and obj is not None and obj.tag_ not in ("WDT", "WP", "WRB") and obj.lower_ not in C.RELATIVE_PRONOUNS:
        got = _acts_object_content(v, obj, lem, ev_src, lx)
        if got is not None:
            return got, "object"
    # "called for X", "calls on X to"
    if lem == "call":
        for c in v.children:
            if c.dep_ == "prep" and c.lower_ in ("for", "on"):
                toks = _trim([t for t in c.subtree if t.i != c.i])
                if toks and ctx.v3 and c.lower_ == "on":
                    # "called on the minister to publish a plan": the request is the addressee and its infinitive
                    # (the parser hangs the infinitive on the verb)
                    inf = next((x for x in v.children if x.dep_ in ("xcomp", "advcl") and x.i > toks[-1].i
                                and any(a.dep_ == "aux" and a.lower_ == "to" for a in x.children)), None)
                    if inf is not None:
                        toks = [doc[i] for i in range(toks[0].i, inf.right_edge.i + 1)]
                if toks:
                    return toks, "prep"
            # "called for shipping companies to do more": the parser reads "for" as a subordinator
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children):
                toks = _trim([t for t in c.subtree if not (t.dep_ == "mark" and t.head.i == c.i)])
                if toks:
                    return toks, "prep"
    if lx is not None and lem in lx.prep_verbs:
        got = _acts_prep_content(v, lx.prep_verbs[lem])
        if got is not None:
            return got, "prep"
    # "As X said Thursday, P" / "P, as X has said many times": the clause the "as" clause hangs on. The "as"
    # clause of a report has a gap where its content would be; one with an object or a clause of its own is
    # temporal ("as he answered questions")
    if ctx.v3 and v.dep_ == "advcl" and v.head.pos_ in ("VERB", "AUX") and any(
            c.dep_ == "mark" and c.lower_ == "as" and c.i < v.i for c in v.children) and not any(
            c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "oprd") for c in v.children):
        excl = {t.i for t in v.subtree}
        if v.i > v.head.i:  # "P, as X said, and Q": Q is the narrator's next clause
            excl |= {t.i for c in v.head.children if c.i > v.i and c.dep_ in ("conj", "cc") for t in c.subtree}
        toks = _trim([t for t in v.head.subtree if t.i not in excl])
        if v.i < v.head.i:
            # "As X said Thursday, P": the content starts after the comma that closes the "as" clause (the parser
            # may hang the clause's last words on P)
            comma = next((t.i for t in toks if v.i < t.i < v.head.i and t.text == ","), None)
            if comma is not None:
                toks = _trim([t for t in toks if t.i > comma])
        if len(toks) >= 3:
            if toks[0].i < v.i < toks[-1].i:
                toks = [doc[i] for i in range(toks[0].i, toks[-1].i + 1)]  # inserted: the whole stretch
            return toks, "as_clause"
    # inserted cue: "The man was arrested, police said" / "It's that fan base, McDermott said, that ..."
    if v.dep_ in ("parataxis", "advcl", "ccomp", "conj") and v.head.pos_ in ("VERB", "AUX") and v.tag_ != "VBG":
        lo = min([v.i] + [t.i for t in cue] + list(subj_ids))
        hi = max([v.i] + [t.i for t in cue] + list(subj_ids))
        before = doc[lo - 1] if lo > 0 else None
        after_tok = doc[hi + 1] if hi + 1 < len(doc) else None
        # the cue frame must be set off by commas (or close the sentence)
        if before is not None and before.text in (",", "--", "—") and (after_tok is None or after_tok.is_punct or after_tok.is_quote):
            h = v.head
            # the parser may hang the content's continuation on the cue ("P, Su said, and will sell Q")
            cont = {t.i for c in v.children if c.dep_ in ("conj", "cc") and c.i > v.i and _lem(c) not in C.REPORT_VERBS for t in c.subtree}
            excl = {t.i for t in v.subtree} - cont
            toks = _trim([t for t in h.subtree if t.i not in excl] + [doc[i] for i in sorted(cont)])
            toks = sorted(toks, key=lambda t: t.i)
            if toks and toks[0].i < v.i:
                if toks[-1].i > v.i:
                    toks = [doc[i] for i in range(toks[0].i, toks[-1].i + 1)]  # inserted: whole stretch
                return toks, "inserted"
    # relative-clause report whose complement the parser attached elsewhere: "a regulation that many
    # environmentalists claim weakened the Act", "a deal that many said would help AMD"
    if v.dep_ == "relcl" and v.i + 1 < len(doc):
        nxt = doc[v.i + 1]
        if nxt.pos_ in ("VERB", "AUX") and nxt.tag_ in ("VBD", "VBZ", "VBP", "MD") and nxt.head.i != v.i:
            end = max(t.i for t in nxt.subtree if t.i > v.i) if nxt.head.i != nxt.i else nxt.i
            toks = _trim([doc[i] for i in range(nxt.i, end + 1)])
            if nxt.tag_ == "MD":  # "would help AMD": the modal's verb carries the clause
                head = nxt.head
                toks = _trim([doc[i] for i in range(nxt.i, max(t.i for t in head.subtree) + 1)])
            if len(toks) >= 2:
                return toks, "relcl"
    # "said at the time that P" / "said on Monday that P": the parser reads "that P" as a relative clause of
    # the time noun; a time expression takes no such relative clause, so it is the cue's complement
    for c in v.children:
        if c.dep_ == "prep" and c.i > v.i:
            for p in c.children:
                if p.dep_ == "pobj" and (p.ent_type_ in ("DATE", "TIME") or p.lower_ in _TIME_NOUNS):
                    rel = next((r for r in p.children if r.dep_ == "relcl" and r.left_edge.lower_ == "that"), None)
                    if rel is not None:
                        toks = _trim(list(rel.subtree)[1:])  # without the "that"
                        if len(toks) >= 3:
                            return toks, "ccomp"
    # colon statement: "said :" followed by unquoted text up to the sentence end
    nxt = doc[cue[-1].i + 1] if cue[-1].i + 1 < len(doc) else None
    if nxt is not None and nxt.text == ":":
        run = []
        for t in doc[nxt.i + 1 :]:
            if t.is_sent_start and run and run[-1].text in _SENT_END_CHARS:
                break
            run.append(t)
            if len(run) > 80:
                break
        run = _trim(run)
        if len(run) >= 3:
            return run, "colon"
    return None


@lru_cache(maxsize=1)
def _act_verbs() -> frozenset[str]:
    """Every verb lemma that names an act of its own: reporting, belief and request verbs (`cues`) and the verbs
    of the acts lexicon (`nlp/acts.toml`)."""
    return C.CUE_VERBS | C.BELIEF_VERBS | C.XCOMP_VERBS | frozenset(C.act_lexicon().verb_act)


def _can_act(t: Any) -> bool:
    """A subject that can speak, believe or act: a pronoun, a name, or a person, group, outlet or document noun."""
    if t.pos_ in ("PRON", "PROPN") or t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    lem = _lem(t)
    return lem in C.PERSON_NOUNS or lem in C.ORG_NOUNS or lem in C.DOCUMENT_NOUNS or lem in C.OUTLET_WORDS or lem in C.AGENCY_WORDS


def _reporter_of(v: Any) -> Any | None:
    """The act verb whose content clause `v` (a conjunct) is coordinated into, or None."""
    h = v.head
    while h.dep_ == "conj" and h.head.i != h.i:
        h = h.head
    if h.dep_ == "ccomp" and h.head.pos_ == "VERB" and _lem(h.head) in _act_verbs():
        return h.head
    return None


def _perfect(v: Any) -> bool:
    """`v` has a perfect auxiliary ("had bragged", "has called")."""
    return any(c.dep_ == "aux" and _lem(c) == "have" for c in v.children)


def _same_party(a: Any, b: Any | None) -> bool:
    """`a` (a content clause's subject) is the cue's subject `b`: the same word, or a personal pronoun standing
    for it."""
    if b is None:
        return False
    if a.lower_ == b.lower_:
        return True
    return a.pos_ == "PRON" and a.lower_ not in C.FIRST_PERSON and a.lower_ not in C.RELATIVE_PRONOUNS


def _cut_second_act(toks: list[Any], cue: Any) -> list[Any]:
    """`toks`, a content clause after `cue`, cut before a second act coordinated into it that is not reported.

    The parser often hangs a second act on the content's verb rather than on the cue: "said the target was
    unrealistic and called on the minister to ...", "said she respected the right to protest but insisted that
    ...", "said it supported a register, arguing that ...", "said they believed P, and 48 percent thought Q".
    What follows is another act, not more of what the cue reports, and both guidelines the stage is measured on
    make it an attribution of its own. A conjunct or a participle adjunct ("..., arguing that") whose lemma is an
    act verb (`_act_verbs`) cuts when
    - it has a subject of its own (a new source: "and 48 percent thought"), or
    - it shares the content's subject, and that subject cannot act ("the target ... and called on") or is the
      cue's own subject ("she said she respected ... but insisted"); unless it is backshifted into a perfect
      the cue is not in ("noted the man killed the deputy and had bragged about it").
    What the content says a third party did stays ("noted the gang member killed the deputy ... and had bragged
    about it"), as do a nested report (a complement, "said Y told him P"), "said P and that Q", and a repeated
    verb ("he had seen - and never had seen - the gun")."""
    ids = {t.i for t in toks}
    verbs = _act_verbs()
    for t in toks[1:]:
        if t.i == cue.i or t.pos_ not in ("VERB", "AUX") or t.head.i not in ids:
            continue
        if not (t.dep_ == "conj" or (t.dep_ == "advcl" and t.tag_ == "VBG")):
            continue
        if any(c.dep_ == "mark" and c.lower_ == "that" for c in t.children) or _lem(t) not in verbs or _lem(t) == _lem(t.head):
            continue
        own = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if own is None:
            shared, _h = _subject(t.head)
            if shared is None or (_can_act(shared) and not _same_party(shared, _subject(cue)[0])):
                continue
            if _perfect(t) and not _perfect(cue):
                continue  # "noted the man killed the deputy and had bragged about it": backshifted, reported
        cut = min(t.left_edge.i, t.i)
        kept = [x for x in toks if x.i < cut]
        while kept and (kept[-1].dep_ == "cc" or (kept[-1].is_punct and not _QUOTE_MARKS.fullmatch(kept[-1].text))):
            kept = kept[:-1]
        return kept if len(kept) >= 2 else toks
    return toks


def _acts_object_content(v: Any, obj: Any, lem: str, ev_src: bool, lx: Any) -> list[Any] | None:
    """acts: the content of a stance / finding verb read from its object ("criticized the decision", "touts
    it as the best", "a jury found X guilty", "the data showed a rise")."""
    doc = v.doc
    if lem in lx.object_as_verbs:
        prep = next((c for c in v.children if c.dep_ == "prep" and c.i > obj.i and c.lower_ == "as"), None) or next(
            (c for c in obj.children if c.dep_ == "prep" and c.lower_ == "as"), None)
        if prep is not None:
            return _trim([doc[i] for i in range(obj.left_edge.i, prep.right_edge.i + 1)]) or None
    if lem in lx.object_predicate_verbs:
        pred = next((c for c in v.children if c.dep_ in ("oprd", "acomp", "xcomp", "ccomp") and c.i > obj.i), None)
        if pred is not None:
            return _trim([doc[i] for i in range(obj.left_edge.i, pred.right_edge.i + 1)]) or None
    if lem in lx.object_verbs or (ev_src and lx.verb_act.get(lem) == "evidence"):
        toks = _trim([doc[i] for i in range(obj.left_edge.i, obj.right_edge.i + 1)])
        if toks and not (len(toks) == 1 and toks[0].pos_ == "PRON"):
            return toks
    return None


def _acts_prep_content(v: Any, preps: frozenset[str]) -> list[Any] | None:
    """acts: "appealing for anyone ... to contact them", "pressed for a vote", "argued against the bill": the
    phrase after the preposition, with an infinitive the parser hung on the verb."""
    doc = v.doc
    for c in v.children:
        if c.dep_ in ("prep", "prt") and c.i > v.i and c.lower_ in preps:
            sub = [t for t in c.subtree if t.i != c.i]
            if c.dep_ == "prt":
                nxt = next((p for p in v.children if p.dep_ == "prep" and p.i > c.i), None)
                sub = [t for t in nxt.subtree if t.i != nxt.i] if nxt is not None else []
            if not sub:
                continue
            end = max(t.i for t in sub)
            for x in v.children:
                if x.i > end and x.dep_ in ("xcomp", "advcl", "ccomp") and any(a.dep_ == "aux" and a.lower_ == "to" for a in x.children):
                    end = x.right_edge.i
            toks = _trim([doc[i] for i in range(sub[0].i, end + 1)])
            if toks and not (len(toks) == 1 and toks[0].pos_ == "PRON"):
                return toks
    return None


def _acts_ok(v: Any, subj: Any | None, head: Any | None, passive: bool, content: tuple[list[Any], str] | None,
             lem: str, ctx: Context) -> tuple[bool, str]:
    """acts: whether a belief / stance / intention / evidence cue verb (not a reporting verb) is an
    attribution.  Any holder but the writer will do ("some fear", "many believe" count in the PolNeAR scope);
    a passive needs no holder when its verb is a source-less passive ("is believed to")."""
    if content is None:
        return False, "no content"
    if passive:
        if head is not None or lem in ctx.lex.passive_unsourced:
            return True, "passive"
        return False, "passive without agent"
    if subj is None or head is None:
        return False, "no holder"
    if head.lower_ in ("it", "this", "that", "there") and head.dep_ != "relcl":
        return False, "impersonal holder"  # "it seems", "this means"
    if head.lower_ in C.FIRST_PERSON and ctx.quote_at(head.idx) is None:
        return False, "writer"
    toks, rule = content
    if rule == "ccomp" and lem not in ctx.lex.infinitive_verbs:
        clause = next((c for c in v.children if c.dep_ == "ccomp"), None)
        if clause is not None and not any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "csubjpass", "expl") for c in clause.children):
            return False, "no finite clause"
    return True, "holder"


def _passive_clause(v: Any) -> list[Any]:
    """The clause of an agentless reporting passive: subject, verb and complement, without a subordinator
    or what follows a comma after the verb."""
    if v.dep_ == "acl":
        return _trim([t for t in v.head.subtree if t.i <= v.right_edge.i]) if v.head.i < v.i else []
    if v.dep_ == "advcl" and v.tag_ == "VBN":
        doc = v.doc
        if v.i == v.sent.start:
            # "Described as a skillful operator, LaRue ...": the participle phrase itself
            return _trim([doc[i] for i in range(v.i, v.right_edge.i + 1)])
        prev = doc[v.i - 1] if v.i > 0 else None
        if prev is not None and prev.text == "," and v.i >= 2 and doc[v.i - 2].pos_ in ("NOUN", "PROPN"):
            # "arrested the suspect, identified as X": the noun phrase and its participle
            np_head = doc[v.i - 2]
            while np_head.head.i != np_head.i and np_head.head.i < v.i and np_head.dep_ in ("compound", "amod", "poss"):
                np_head = np_head.head
            return _trim([doc[i] for i in range(np_head.left_edge.i, v.right_edge.i + 1)])
        return []
    excl: set[int] = set()
    for c in v.children:
        if c.dep_ in ("mark", "advcl") and c.i < v.i:
            excl.update(t.i for t in c.subtree)
        if c.i > v.i and c.dep_ in ("punct",) and c.text == ",":
            excl.update(range(c.i, v.right_edge.i + 1))
    return _trim(_subtree_run(v, excl))


# Determiners/pronouns of generic or unspecified holders ("some fear", "many believe", "few here think").
_QUANTIFIERS = frozenset("some many most few several any all other others no".split())


def _belief_ok(v: Any, subj: Any | None, head: Any | None, passive: bool, content: tuple[list[Any], str] | None,
               off: int, ctx: Context) -> tuple[bool, str]:
    """Whether a belief/intention cue (`BELIEF_VERBS`) is an attribution: (decision, reason).

    The holder must be named (a proper noun, an entity, or a pronoun/description resolved to a person or
    organisation name) and the content must be a finite clause with its own subject.  This keeps "Police
    believe the driver was drinking" and drops what the attrib-dev guideline calls beliefs with no act:
    "some fear", "X wants to", "is expected to", "many of you know", "it is safe to assume".
    """
    if passive or subj is None or head is None:
        return False, "no holder"
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children):
        return False, "infinitive (no stance taken)"  # "it is safe to assume", "seems to believe"
    if head.lower_ in C.FIRST_PERSON or head.tag_ in ("WDT", "WP") or head.lower_ in C.RELATIVE_PRONOUNS:
        return False, "relative or first-person holder"
    if content is None or content[1] != "ccomp":
        return False, "no content clause"
    clause = next((c for c in v.children if c.dep_ == "ccomp"), None)
    if clause is None or not any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "csubjpass", "expl") for c in clause.children):
        return False, "no finite clause"
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
        return False, "infinitival clause (a wish or expectation, not a proposition)"  # "wants me to go"
    if head.pos_ == "PROPN" or head.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True, "named holder"
    if head.lower_ in C.PERSON_NOUNS | C.ORG_NOUNS and not any(
            c.dep_ == "det" and c.lower_ in _QUANTIFIERS for c in head.children):
        return True, "role holder"  # "Police believe", "the coach thinks"; not "some officials fear"
    if head.pos_ == "PRON":
        toks = np_tokens(head)
        s = toks[0].idx + off
        name = _name_for(toks, head, s, ctx)
        if name and name[:1].isupper():
            return True, "resolved holder"
    return False, "unnamed holder"


def _verb_cue(v: Any, off: int, ctx: Context) -> None:
    lem = _lem(v)
    if v.pos_ != "VERB" or not (lem in C.CUE_VERBS or (ctx.beliefs and lem in C.BELIEF_VERBS)
                                or (ctx.acts and lem in ctx.lex.cue_verbs)):
        return
    if v.dep_ == "amod" or (v.tag_ == "VBN" and v.dep_ in ("amod", "compound")):
        ctx.count("skip: attributive participle")
        return
    if _is_negated(v):
        ctx.count("skip: negated cue")
        return
    if _is_hypothetical(v):
        ctx.count("skip: hypothetical cue")
        return
    if lem == "quote" and any(c.dep_ == "dobj" for c in v.children) is False and v.dep_ == "acl":
        return  # "Y, quoted in X, said": handled as a chain on the speaking verb
    cue = _cue_tokens(v)
    subj, how = _subject(v)
    if ctx.v3 and how == "inherited" and v.dep_ == "conj" and subj is not None and not _can_act(subj):
        # "X said the target was unrealistic and called on ...": the act coordinated into a content clause whose
        # subject cannot act is the reporter's (`_cut_second_act` ends the content before it)
        rep = _reporter_of(v)
        who = _subject(rep)[0] if rep is not None else None
        if who is not None:
            subj, how = who, "reporter"
    if how == "inherited" and v.tag_ == "VBN" and v.dep_ == "advcl" and not any(c.dep_ in ("aux", "auxpass") for c in v.children):
        subj, how = None, "passive"  # a bare past participle is passive: its governor's subject is not its agent
    passive = how == "passive" or (subj is None and v.tag_ == "VBN" and v.dep_ in ("acl", "advcl")
                                   and not any(c.dep_ == "agent" for c in v.children))
    first_person = subj is not None and (subj.lower_ in C.FIRST_PERSON or subj.lower_ == "you")
    quoted_speaker = ctx.quote_at(v.idx + off) is not None
    if first_person and not quoted_speaker:
        ctx.count("skip: writer's own voice")
        return
    if (subj is None or subj.lower_ == "it") and not passive and any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children) \
            and (v.dep_ not in ("xcomp", "advcl", "relcl", "acl", "conj") or v.head.pos_ in ("ADJ", "AUX")) \
            and not any(c.dep_ == "nsubj" and c.lower_ != "it" for c in (v.head.head if v.head.pos_ == "ADJ" else v.head).children):
        # "needless to say", "it is safe to say": an infinitive cue with no one to say it is the writer's voice
        ctx.count("skip: subjectless infinitive (writer's voice)")
        return
    if subj is not None and subj.dep_ == "expl":
        subj = None
    via: list[Hop] = []
    src_head = subj
    # "Y was quoted by X as saying" / "X quoted Y as saying": X is the source, Y the upstream speaker
    if lem == "quote":
        speaker = next((c for c in v.children if c.dep_ in ("dobj", "nsubjpass")), None)
        if speaker is not None and src_head is not None and speaker.i != src_head.i:
            via.append(_hop_for(speaker, "quoted_by", off, ctx))
    if how == "quoted" and _lem(_governor(v)) == "quote":
        q = _governor(v)
        upstream = [c for c in q.children if (c.dep_ == "nsubjpass" or c.dep_ == "dobj") and (subj is None or c.i != subj.i)]
        for c in upstream:
            via.append(_hop_for(c, "quoted_by", off, ctx))
    # "Y, quoted in X, said": X is the source
    if src_head is not None:
        for c in src_head.children:
            if c.dep_ == "acl" and _lem(c) == "quote":
                prep = next((p for p in c.children if p.dep_ == "prep" and p.lower_ in ("in", "by")), None)
                agent = next((p for p in c.children if p.dep_ == "agent"), None)
                holder = prep or agent
                pobj = next((p for p in holder.children if p.dep_ == "pobj"), None) if holder is not None else None
                if pobj is None:
                    pobj = next((p for p in c.children if p.dep_ == "npadvmod" and p.pos_ == "PROPN"), None)
                if pobj is not None:
                    via.append(_hop_for(src_head, "quoted_by", off, ctx))
                    src_head = pobj
    content = _content_from_verb(v, cue, subj, off, ctx)
    acts_passive = ctx.acts and passive and lem in ctx.lex.passive_unsourced and lem not in C.PASSIVE_SOURCELESS \
        and not any(c.dep_ == "agent" for c in v.children)
    if acts_passive and (content is None or content[1] != "ccomp" or not any(c.dep_ == "ccomp" for c in v.children)):
        # "No-one is believed to have been injured", "he is thought to be": the whole clause, when the passive
        # takes an infinitive or a clause (a bare "the result was expected" is no report)
        content = None
        if any(c.dep_ in ("xcomp", "ccomp") for c in v.children):
            toks = _passive_clause(v)
            if len(toks) >= 3:
                content = (toks, "passive_clause")
    if lem not in C.CUE_VERBS:
        # a belief cue (only reached with beliefs on) counts when a named holder states a proposition
        ok, why = _acts_ok(v, subj, src_head, passive, content, lem, ctx) if ctx.acts else _belief_ok(v, subj, src_head, passive, content, off, ctx)
        if not ok:
            ctx.count(f"skip {'act' if ctx.acts else 'belief'}: {why}")
            return
    if passive and content is None and lem in C.PASSIVE_SOURCELESS:
        # "damages are estimated at $1 million", "were identified as", "is said to be": the whole clause
        toks = _passive_clause(v)
        if len(toks) >= 3:
            content = (toks, "passive_clause")
    if passive and subj is None and lem not in C.PASSIVE_SOURCELESS and not acts_passive:
        return
    src_toks = np_tokens(src_head) if src_head is not None else None
    frame = _frame(v, np_tokens(subj) if subj is not None else None, cue, off)
    content_start = _span(content[0], off)[0] if content is not None else None
    # quotations adjacent to the cue frame
    adj = _adjacent_quotes(v, frame, content_start, off, ctx)
    # participles ("saying", "adding") and passives without content clauses only take quotes after them
    if v.tag_ == "VBG" and v.dep_ in ("advcl", "xcomp", "conj", "acl", "pcomp"):
        adj = [q for q in adj if q.start >= frame[1]]
    src = _span(src_toks, off) if src_toks else None
    name = _name_for(src_toks, src_head, src[0], ctx) if src_toks else None
    kind = source_kind(src_toks, src_head, name, ctx, *src) if src_toks else "unknown"
    via = via + _chain_from(v, off, ctx) + (_chain_from(src_head, off, ctx) if src_head is not None else [])
    cue_span = _span(cue, off)
    if how == "quoted":
        # "was quoted by X as saying": the cue is the quoting verb group ("was quoted ... saying" is one act)
        cue_span = _span(_cue_tokens(_governor(v)), off)
    if content is not None and content[1] == "passive_clause":
        nxt = v.doc[cue[-1].i + 1] if cue[-1].i + 1 < len(v.doc) else None
        if nxt is not None and nxt.lower_ in ("as", "at", "to") and nxt.head.i == v.i:
            cue_span = (cue_span[0], nxt.idx + off + len(nxt.text))
    if adj and (content is None or content[1] != "ccomp" or _quote_overlapping(adj, *_span(content[0], off))):
        first_q = adj[0]
        if first_q.end <= frame[0] and not _sentence_start_before(ctx.text, first_q.start):
            # '..., who "wanted to fight," he testified, Timmons pulled the trigger': the quotation is a
            # fragment of a sentence the cue is inserted into, so the content is the whole stretch (mixed)
            sent = v.sent
            toks = _trim([t for t in sent])
            if toks and toks[0].idx + off < first_q.start:
                cs, ce = _span(toks, off)
                ce = max([ce] + [q.end for q in adj])
                ctx.drafts.append(Draft((cs, ce), src, cue_span, name, kind, list(via), rule="verb:inserted_quote"))
                ctx.count("verb: quote fragment in an inserted-cue sentence")
                return
        for q in adj:
            ctx.drafts.append(Draft((q.start, q.end), src, cue_span, name, kind, list(via), rule="quote_adjacent"))
        # a complement that goes beyond the quotes (rare) is dropped: the quotes are the content
        ctx.count("verb: adjacent quote")
        return
    if first_person:
        ctx.count("skip: first person inside a quotation without a quote of its own")
        return
    if content is None:
        ctx.count(f"skip: cue {lem} without content")
        return
    toks, rule = content
    if lem in C.NEEDS_CLAUSE and rule not in ("ccomp", "prep", "colon", "object", "passive_clause"):
        ctx.count("skip: naming/evaluative verb without clause")
        return
    cs, ce = _span(toks, off)
    for q in ctx.quotes_overlapping(cs, ce):
        if q.start >= cs:  # a quotation opened inside the content runs to its closing mark (mixed)
            ce = max(ce, q.end)
        elif q.end > cs and not ctx.text[cs:q.end].strip(" \"'`”’"):
            cs = q.end  # the content began with the closing mark of a quotation before it
    cs += len(ctx.text[cs:ce]) - len(ctx.text[cs:ce].lstrip())
    colon = ctx.text.find(":", cs, ce)
    if colon > cs:
        # "says his organization will sue: "This administration ..."": the clause ends at the colon and the
        # quotation it introduces is the same speaker's direct quote
        q = ctx.quote_at(colon + 1 + len(ctx.text[colon + 1 : ce]) - len(ctx.text[colon + 1 : ce].lstrip()))
        if q is not None and q.start > colon and len(ctx.text[cs:colon].split()) >= 2:
            ctx.drafts.append(Draft((q.start, q.end), src, cue_span, name, kind, list(via), rule="verb:colon_quote"))
            ctx.count("verb: quote after the content's colon")
            ce = len(ctx.text[:colon].rstrip())
    if ce - cs < 2:
        return
    ctx.drafts.append(Draft((cs, ce), src, cue_span, name, kind, via, rule=f"verb:{rule}"))
    ctx.count(f"verb: {rule}")


def _according(t: Any, off: int, ctx: Context) -> None:
    nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
    if nxt is None or nxt.lower_ != "to":
        return
    pobj = next((c for c in nxt.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return
    phrase = {x.i for x in t.subtree} | {x.i for x in nxt.subtree}
    h = t.head
    sent = t.sent
    if h.i != t.i and h.pos_ in ("VERB", "AUX"):
        toks = [x for x in h.subtree if x.i not in phrase]
    else:
        toks = [x for x in sent if x.i not in phrase]
    toks = _trim(toks)
    if not toks:
        return
    lo, hi = toks[0].i, toks[-1].i
    # a phrase at an edge is left out; in the middle, the content covers the whole stretch
    run = [t.doc[i] for i in range(lo, hi + 1)]
    cs, ce = _span(_trim(run), off)
    for q in ctx.quotes_overlapping(cs, ce):
        if q.start >= cs:
            ce = max(ce, q.end)
    src_toks = np_tokens(pobj)
    src = _span(src_toks, off)
    name = _name_for(src_toks, pobj, src[0], ctx)
    via = _chain_from(pobj, off, ctx)  # includes "according to Y, who cited Z"
    ctx.drafts.append(
        Draft((cs, ce), src, _span([t, nxt], off), name, source_kind(src_toks, pobj, name, ctx, *src), via, according=True, rule="according_to")
    )
    ctx.count("according to")


def _adverb(t: Any, off: int, ctx: Context) -> None:
    h = t.head
    nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
    if nxt is not None and nxt.pos_ == "VERB" and nxt.i != h.i and nxt.head.i == h.i and nxt.dep_ == "conj":
        h = nxt  # "beat and reportedly stabbed his wife": the adverb scopes over the next conjunct
    if h.i == t.i or h.pos_ not in ("VERB", "AUX", "ADJ", "NOUN"):
        return
    if h.dep_ == "amod" or t.dep_ != "advmod":
        return  # attributive "the allegedly stolen car"
    excl = {x.i for c in h.children if c.dep_ == "mark" for x in c.subtree}
    if ctx.v3:
        # "X reportedly resigned, and Y is said to be ...": a conjunct with a subject of its own is another clause,
        # outside the adverb's scope
        for c in h.children:
            if c.dep_ == "conj" and c.i > t.i and any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children):
                excl |= {x.i for x in c.subtree}
                excl |= {x.i for x in h.children if x.dep_ in ("cc", "punct") and t.i < x.i < c.left_edge.i}
    toks = _trim(_subtree_run(h, excl))
    if h.dep_ == "acl" and h.head.i < h.i and h.head.dep_ == "ROOT":
        # "The actress, 33, reportedly headed to ...": a sentence the parser read as a noun phrase
        toks = _trim([x for x in h.head.subtree])
    if h.dep_ == "conj":
        toks = [x for x in toks if x.i >= min(t.i, h.i)]
    if len(toks) < 3:
        return
    cs, ce = _span(toks, off)
    ctx.drafts.append(Draft((cs, ce), None, _tok_span(t, off), rule="adverb"))
    ctx.count("sourceless adverb")


# Speech-act nouns whose content clause may come without "that" ("on charges he misused ...").
_CONTACT_NOUNS = frozenset("charge allegation accusation claim report assertion".split())


def _contact_clause(c: Any) -> bool:
    """A clause hung on a noun with no complementiser that is a content clause, not a relative clause:
    its subject is not a relative pronoun and its object/complement slot is filled, so nothing is gapped
    ("charges he misused federal grant money" vs. "the charges he faced")."""
    subj = next((x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.tag_ in ("WDT", "WP") or subj.lower_ in C.RELATIVE_PRONOUNS or subj.i < c.head.i:
        return False
    return any(x.dep_ in ("dobj", "attr", "acomp", "ccomp", "xcomp", "oprd") for x in c.children) or subj.dep_ == "nsubjpass"


def _call_clause(t: Any) -> Any | None:
    """The requested clause of the noun "calls": "calls for X to stand down", "calls by X to hold Y"."""
    for c in t.children:
        if c.dep_ in ("advcl", "acl", "relcl", "ccomp") and c.pos_ == "VERB" and c.i > t.i:
            if any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children) or any(
                    a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
                return c
        if c.dep_ == "prep" and c.lower_ in ("for", "by"):
            for p in c.children:
                for x in p.children:
                    if x.dep_ in ("acl", "relcl") and any(a.dep_ == "aux" and a.lower_ == "to" for a in x.children):
                        return x if c.lower_ == "by" else p  # "calls by X to hold": content is the request
    return None


def _call_request(t: Any) -> list[Any] | None:
    """The .v3 reading of what the noun "call" asks for when `_call_clause` finds no clause on it: "her call for a
    trial in eight schools" (the object of "for"), "his call for the House to act" (the parser hangs the clause
    on the verb), "calls by opposition leaders to hold elections" (the infinitive after the by-phrase)."""
    doc = t.doc
    nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
    if nxt is None:
        return None
    if nxt.lower_ == "for":
        if nxt.dep_ == "mark" and nxt.head.pos_ in ("VERB", "AUX") and nxt.head.i > nxt.i:
            return [x for x in nxt.head.subtree if x.i > nxt.i]
        if nxt.dep_ == "prep" and nxt.head.i == t.i:
            p = next((c for c in nxt.children if c.dep_ == "pobj"), None)
            return list(p.subtree) if p is not None else None
    if nxt.lower_ == "by" and nxt.dep_ == "prep":
        p = next((c for c in nxt.children if c.dep_ == "pobj"), None)
        to = doc[p.right_edge.i + 1] if p is not None and p.right_edge.i + 1 < len(doc) else None
        if to is not None and to.lower_ == "to" and to.dep_ == "aux" and to.head.pos_ == "VERB" and to.head.i > to.i:
            return [x for x in to.head.subtree if x.i >= to.i]
    return None


def _acts_noun_content(t: Any, lem: str, lx: Any) -> tuple[list[Any], Any | None]:
    """acts: the content of a cue noun with no that-clause: an infinitive ("his plan to retire", "calls for X
    to go"), or the phrase of the noun's content preposition ("support for the bill", "opposition to X").
    Returns the tokens and the preposition (so it is not read as the source)."""
    for c in t.children:
        if c.dep_ in ("acl", "relcl", "advcl") and c.i > t.i and c.pos_ in ("VERB", "AUX") and any(
                a.dep_ == "aux" and a.lower_ == "to" and a.i < c.i for a in c.children):
            toks = _trim([x for x in c.subtree])
            if len(toks) >= 2:
                return toks, None
    preps = lx.noun_preps.get(lem) or lx.noun_preps.get(t.lower_) or frozenset()
    definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those") for c in t.children)
    for c in t.children:
        if c.dep_ == "prep" and c.i > t.i and c.lower_ in preps and not (c.lower_ == "of" and definite and lem in lx.sourceless_nouns):
            sub = [x for x in c.subtree if x.i != c.i]
            toks = _trim(sub)
            if toks and not (len(toks) == 1 and toks[0].pos_ == "PRON"):
                return toks, c
    return [], None


def _light_verb_subject(t: Any, lx: Any) -> Any | None:
    """acts: "X voiced opposition to", "made the claim that", "expressed concern about": the cue noun is the
    object of a light verb, whose subject is the source."""
    h = t.head
    if t.dep_ == "dobj" and h.pos_ in ("VERB", "AUX") and _lem(h) in lx.light_verbs:
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in h.children):
            return None
        subj, _how = _subject(h)
        if subj is not None and subj.dep_ != "expl" and subj.lower_ not in ("it", "there"):
            return subj
    return None


def _adjective_cue(t: Any, off: int, ctx: Context) -> None:
    """acts: an attitude adjective after a linking verb: "X is concerned about P", "seemed confident that P",
    "remain opposed to P", "is determined to P"."""
    lx = ctx.lex
    word = t.lower_ if t.lower_ in lx.adjective_act else _lem(t)
    if t.dep_ not in ("acomp", "oprd", "xcomp") or t.head.pos_ not in ("AUX", "VERB"):
        return
    h = t.head
    subj, _how = _subject(h)
    if subj is None or subj.dep_ == "expl" or subj.lower_ in ("it", "this", "there"):
        return
    if subj.lower_ in C.FIRST_PERSON | {"you"} and ctx.quote_at(subj.idx + off) is None:
        return
    if _is_hypothetical(h):
        return
    doc = t.doc
    toks: list[Any] = []
    cue_end = t
    for c in t.children:
        if c.i < t.i:
            continue
        if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX"):
            toks = _trim(_strip_that([x for x in c.subtree]))
            break
        if c.dep_ == "prep" and c.lower_ in lx.adjective_preps.get(word, frozenset()):
            toks = _trim([x for x in c.subtree if x.i != c.i])
            cue_end = c
            break
    if not toks or (len(toks) == 1 and toks[0].pos_ == "PRON"):
        return
    st = np_tokens(subj)
    src = _span(st, off)
    name = _name_for(st, subj, src[0], ctx)
    cue = _span([doc[i] for i in range(t.i, cue_end.i + 1)], off)
    cs, ce = _span(toks, off)
    for q in ctx.quotes_overlapping(cs, ce):
        if q.start >= cs:
            ce = max(ce, q.end)
    ctx.drafts.append(Draft((cs, ce), src, cue, name, source_kind(st, subj, name, ctx, *src), rule="adjective"))
    ctx.count("act: attitude adjective")


def _noun_cue(t: Any, off: int, ctx: Context) -> None:
    """Speech-act nouns with a content clause: "reports that P", "the jury's recommendation that P",
    "indicted on charges he misused ...", "calls for X to stand down"."""
    clause = None
    lem = _lem(t)
    lx = ctx.lex if ctx.acts else None
    if lx is not None and any(c.dep_ == "det" and c.lower_ in ("no", "any") for c in t.children):
        return  # "no plans to", "denied any claim that"
    asked: list[Any] | None = None  # the .v3 reading of "call for X" / "calls by X to Y"
    if lem == "call":
        clause = _call_clause(t)
        if clause is None and lx is None:
            asked = _call_request(t) if ctx.v3 else None
            if not asked:
                return
    for c in t.children if clause is None and asked is None else ():
        if c.dep_ in ("acl", "ccomp", "relcl") and c.pos_ in ("VERB", "AUX"):
            first = c.left_edge
            if first.lower_ == "that" and first.dep_ == "mark" or (c.dep_ == "ccomp" and any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children)):
                clause = c
                break
            if c.dep_ in ("relcl", "acl") and lem in _CONTACT_NOUNS and _contact_clause(c):
                clause = c
                break
    toks: list[Any] = []
    content_prep = None
    if asked is not None:
        toks = _trim(asked)
        if len(toks) < 2:
            return
    elif clause is not None:
        toks = _trim(_strip_that([x for x in clause.subtree if not (x.dep_ == "mark" and x.lower_ == "for" and x.head.i == clause.i)]))
        if lem == "call" and clause.dep_ == "pobj":
            toks = _trim([x for x in clause.subtree])
        if len(toks) < 3:
            return
    elif lx is not None:
        toks, content_prep = _acts_noun_content(t, lem, lx)
        if not toks:
            return
    else:
        return
    src_head = next((c for c in t.children if c.dep_ == "poss"), None)
    if src_head is None and lx is not None:
        src_head = _light_verb_subject(t, lx)
    if src_head is None and t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.head.pos_ == "VERB":
        # "A grand jury indicted Beus on charges P": the charging verb's subject brings the charges
        gov = t.head.head
        if not any(c.dep_ in ("nsubjpass", "auxpass") for c in gov.children):
            src_head = next((c for c in gov.children if c.dep_ == "nsubj"), None)
    if src_head is None:
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ in (("from", "by", "of", "among") if lx is not None else ("from", "by", "of")) \
                    and not (content_prep is not None and c.i == content_prep.i):
                src_head = next((p for p in c.children if p.dep_ == "pobj"), None)
                if src_head is not None and src_head.pos_ in ("PROPN", "NOUN", "PRON"):
                    break
                src_head = None
    if lx is not None and src_head is None and lem not in C.REPORT_NOUNS and lem not in lx.sourceless_nouns and t.lower_ != "calls":
        ctx.count("skip act noun: no owner")
        return
    if lx is not None and src_head is not None and (src_head.lower_ in C.FIRST_PERSON and ctx.quote_at(src_head.idx + off) is None):
        return  # the writer's own "our concern"
    cs, ce = _span(toks, off)
    for q in ctx.quotes_overlapping(cs, ce):
        if q.start >= cs:
            ce = max(ce, q.end)
    if src_head is not None:
        st = np_tokens(src_head)
        src = _span(st, off)
        name = _name_for(st, src_head, src[0], ctx)
        ctx.drafts.append(Draft((cs, ce), src, _tok_span(t, off), name, source_kind(st, src_head, name, ctx, *src), rule="noun"))
    else:
        ctx.drafts.append(Draft((cs, ce), None, _tok_span(t, off), rule="noun"))
    ctx.count("speech-act noun")


def _compound_verb(t: Any, off: int, ctx: Context) -> None:
    """A plural-present reporting verb the tagger read as a noun compound: "Prosecutors allege Simpson shot
    Flynn" (Prosecutors/compound allege/compound Simpson/nsubj shot/ROOT).  The words before the verb are the
    source and the clause from the next word to the end of the governing verb's phrase is the content."""
    prev = t.doc[t.i - 1] if t.i > 0 else None
    subj = t.head
    if prev is None or prev.tag_ not in ("NNS", "NNPS") or prev.head.i not in (t.i, subj.i) or subj.i <= t.i:
        return
    verb = subj.head
    if subj.dep_ not in ("nsubj", "nsubjpass") or verb.pos_ not in ("VERB", "AUX") or verb.i <= subj.i:
        return
    src_toks = [x for x in t.doc[prev.left_edge.i : t.i]]
    content = _trim([x for x in t.doc[t.i + 1 : verb.right_edge.i + 1]])
    if len(content) < 3 or not src_toks:
        return
    src = _span(src_toks, off)
    name = _name_for(src_toks, prev, src[0], ctx)
    ctx.drafts.append(Draft(_span(content, off), src, _tok_span(t, off), name,
                            source_kind(src_toks, prev, name, ctx, *src), rule="verb:compound_misparse"))
    ctx.count("verb: reporting verb tagged as a noun compound")


def extract_chunk(doc: Any, off: int, ctx: Context) -> None:
    """Add the drafts of one parsed chunk (character offset `off` in the report) to `ctx.drafts`.

    attribution.acts.v1 (``ctx.acts``) also reads the cue nouns and attitude adjectives of every act (`ctx.lex`).
    """
    lx = ctx.lex if ctx.acts else None
    for t in doc:
        low = t.lower_
        if low == "according":
            _according(t, off, ctx)
        elif t.pos_ == "VERB":
            _verb_cue(t, off, ctx)
        elif low in C.SOURCELESS_ADVERBS:
            _adverb(t, off, ctx)
        elif t.dep_ == "compound" and t.pos_ == "NOUN" and t.lower_ in C.REPORT_VERBS:
            _compound_verb(t, off, ctx)
        elif t.pos_ == "NOUN" and (_lem(t) in C.REPORT_NOUNS or low == "calls" or (ctx.v3 and low == "call")
                                   or (lx is not None and (low in lx.noun_act or _lem(t) in lx.noun_act))):
            _noun_cue(t, off, ctx)
        elif lx is not None and t.pos_ in ("ADJ", "VERB") and low in lx.adjective_act:
            _adjective_cue(t, off, ctx)


_HEADLINE = re.compile(r"[ \t]*([^\n:]{2,80}?)[ \t]?:[ \t]+(\S[^\n]*)")


def _named_in_body(ctx: Context, word: str, after: int) -> bool:
    """`word` (a headline name's last word) ends a name the NER finds after the headline line: a title-case
    headline often hides its names from the NER ("Governor Ines Marlow: ..."), the article's body names them."""
    if not word[:1].isupper():
        return False
    k = bisect_left(ctx.mstarts, after)
    return any(m.label in ("PERSON", "ORG") and m.text.split()[-1:] == [word] for m in ctx.mentions[k:])


def headline_pass(ctx: Context) -> None:
    """acts: a headline or paragraph-initial "Name: content" line ("Obama: We will not back down") is the
    named source's statement; the name must be an entity of `headline.labels` or a person noun, or (the .v3
    attributors, `ctx.v3`) end in a word that ends a name of the body (`_named_in_body`)."""
    lx, text = ctx.lex or C.act_lexicon(), ctx.text
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    for ls in starts:
        m = _HEADLINE.match(text, ls)
        if m is None:
            continue
        line_end = text.find("\n", ls)
        line_end = len(text) if line_end < 0 else line_end
        if line_end - ls > lx.headline_max_chars:
            continue
        ns, ne = m.span(1)
        name = m.group(1).strip()
        words = name.split()
        if not words or len(words) > lx.headline_max_words or words[0].lower().strip(".") in lx.headline_not_names:
            continue
        if not words[0][:1].isupper():
            continue
        covered = sum(min(ne, mm.span.end) - max(ns, mm.span.start) for mm in ctx.mentions_in(ns, ne)
                      if mm.label in lx.headline_labels and mm.span.end > ns and mm.span.start < ne)
        if covered < 0.6 * len(name) and words[-1].lower() not in C.PERSON_NOUNS | C.ORG_NOUNS \
                and not (ctx.v3 and _named_in_body(ctx, words[-1], line_end)):
            continue
        cs, ce = m.span(2)
        body = text[cs:ce].rstrip()
        ce = cs + len(body)
        if len(body.split()) < 2:
            continue
        if any(d.content[0] <= cs < d.content[1] and d.cue is not None and not (cs <= d.cue[0] < ce) for d in ctx.drafts):
            continue
        colon = text.index(":", ne)
        ment = next((mm for mm in ctx.mentions_in(ns, ne) if mm.label == "PERSON"), None)
        src_name = ctx.canonical(ment) if ment is not None else name
        s0 = ns + (len(m.group(1)) - len(m.group(1).lstrip()))
        kind = "person" if ment is not None else ("organisation" if words[-1].lower() in C.ORG_NOUNS else "unknown")
        ctx.drafts.append(Draft((cs, ce), (s0, s0 + len(name)), (colon, colon + 1), src_name, kind, rule="headline"))
        ctx.count("act: headline Name: content")


def act_of(cue: str | None, source: str | None, has_source: bool, lex: Any = None) -> str:
    """The act of an attribution read from its cue and source text (`cues.ACTS`).

    No source -> unsourced (a bare quotation, with no cue, is speech); `according to` a poll or study ->
    evidence; otherwise the first cue word the lexicon knows (verb, then noun, then adjective), with a finding
    verb whose source is an evidence source (`polls show`, `the jury found`) as evidence; unknown -> speech.

    Example:
        >>> act_of("criticized", "the senator", True), act_of("is believed", None, False), act_of("said", "he", True)
        ('stance', 'unsourced', 'speech')
    """
    lx = lex or C.act_lexicon()
    if not has_source:
        return "speech" if cue is None else "unsourced"
    if not cue:
        return "speech"
    head = (source or "").lower().replace("'s", " ").split()
    src_head = head[-1] if head else None
    words = [w for w in re.findall(r"[A-Za-z'-]+", cue.lower())]
    if words[:2] == ["according", "to"]:
        return "evidence" if src_head in lx.evidence_sources else "speech"
    for w in words:
        if w in _CUE_AUX:
            continue
        lem = lx.lemma(w)
        if lem in lx.adjective_act and lem not in lx.verb_act and lem not in C.REPORT_VERBS:
            return lx.adjective_act[lem]
        if lem in lx.verb_act or lem in C.CUE_VERBS:
            return lx.act_of_verb(lem, src_head)
        if lem in lx.noun_act:
            return lx.noun_act[lem]
        if w in lx.adjective_act:
            return lx.adjective_act[w]
    return "speech"


_CUE_AUX = frozenset("has have had having is are was were be been being am will would to did does do not n't "
                     "also seemed seems seem appeared appears appear continues continued".split())


def _sentence_start_before(text: str, pos: int) -> bool:
    """True when only a sentence end (or the start of the text / a paragraph) precedes `pos`."""
    before = text[:pos].rstrip()
    return not before or before[-1] in ".!?:" or before.endswith("''") or before.endswith("”") or "\n" in text[len(before):pos]


# A noun of shouting or display right before a quotation, optionally with "of"/"reading"/"saying"/":".
_SHOUT_BEFORE = re.compile(
    r"\b(chants?|shouts?|cries|cry|screams?|yells?|banners?|placards?|slogans?)"
    r"(?:\s+(?:of|reading|saying|proclaiming))?\s*[:,]?\s*\Z", re.IGNORECASE)


def quote_pass(ctx: Context) -> None:
    """Quotes no cue claimed: continuations of `"A," X said. "B."` and bare quotations (and, for the acts
    attributor and the .v3 ones, headline "Name: content" lines first)."""
    if ctx.acts or ctx.v3:
        headline_pass(ctx)
    text = ctx.text
    drafts = sorted(ctx.drafts, key=lambda d: d.content)
    # a quote is taken when a record with a cue outside it covers it (a cue inside the quote is the
    # quoted speaker's own nested report, which does not attribute the quote itself)
    covered = sorted(d.content for d in drafts if d.cue is None or ctx.quote_at(d.cue[0]) is None)
    cstarts = [c[0] for c in covered]
    # contents are at most a few sentences long, so only those starting shortly before a quote can cover it
    reach = max((e - s for s, e in covered), default=0)
    speakers = sorted((d for d in drafts if d.source is not None or d.source_name), key=lambda d: d.content[1])
    send = [d.content[1] for d in speakers]
    by_end = {d.content[1]: d for d in drafts if d.rule.startswith("quote_")}
    for q in ctx.quotes:
        prev = by_end.get(len(text[: q.start].rstrip()))
        if prev is not None and _sentence_start_before(text, prev.content[0]) and prev.content[0] < q.start and _QUOTE_MARKS.match(text, q.start) and prev.content[1] > 0 \
                and text[prev.content[1] - 1] in "\"'”" and not text[prev.content[1]:q.start].strip():
            # consecutive quoted paragraphs with nothing between them are one content span
            del by_end[prev.content[1]]
            prev.content = (prev.content[0], q.end)
            by_end[q.end] = prev
            k = bisect_left(cstarts, q.start)
            covered.insert(k, (q.start, q.end))
            cstarts.insert(k, q.start)
            continue
        shout = _SHOUT_BEFORE.search(text, max(0, q.start - 40), q.start)
        if shout is not None and not any(d.content[0] <= q.start < d.content[1] for d in drafts):
            # chants, shouts and banners given as nouns ("to chants of "ONE MORE YEAR!"", "a banner
            # reading "..."): a sourceless quotation whose cue is the noun
            new = Draft((q.start, q.end), None, (shout.start(1), shout.end(1)), rule="quote_shout")
            ctx.drafts.append(new)
            ctx.count("quote: chant/banner noun")
            k = bisect_left(cstarts, q.start)
            covered.insert(k, (q.start, q.end))
            cstarts.insert(k, q.start)
            continue
        if q.words < 3:
            continue
        near = covered[bisect_left(cstarts, q.start - reach) : bisect_left(cstarts, q.end)]
        if any(s <= q.start and q.end <= e or (min(e, q.end) - max(s, q.start)) > 0.5 * (q.end - q.start) for s, e in near):
            continue
        if not _sentence_start_before(text, q.start):
            ctx.count("skip: quote inside narration without cue")
            continue
        j = bisect_right(send, q.start)
        if j == 0 or q.start - send[j - 1] > 1500:
            ctx.count("skip: quote without any speaker")
            continue
        last = speakers[j - 1]
        # continuation: only the previous record's own cue sentence lies between it and this quote
        gap_start = max(last.content[1], last.cue[1] if last.cue else last.content[1], last.source[1] if last.source else 0)
        gap = text[gap_start:q.start]
        # `"A," X said [at a news conference]. "B."`: the rest of the cue's own sentence, then the quote
        continued = (
            last.cue is not None and last.cue[0] >= last.content[1] and _QUOTE_MARKS.search(text[last.content[0]:last.content[1]])
            and re.fullmatch(r"[^.!?\"“”]*[.!?]\s*", gap) is not None and len(gap.split()) <= 30
        ) or (last.cue is not None and not gap.strip())
        if continued:
            new = Draft((q.start, q.end), last.source, last.cue, last.source_name, last.source_kind, list(last.via), rule="quote_continued")
            ctx.drafts.append(new)
            by_end[q.end] = new
            ctx.count("quote: continued")
        else:
            name = last.source_name or (text[last.source[0]:last.source[1]] if last.source else None)
            if not name:
                continue
            new = Draft((q.start, q.end), None, None, name, last.source_kind, [], rule="quote_bare")
            ctx.drafts.append(new)
            by_end[q.end] = new
            ctx.count("quote: bare")
        k = bisect_left(cstarts, q.start)
        covered.insert(k, (q.start, q.end))
        cstarts.insert(k, q.start)


def finish(ctx: Context) -> list[Draft]:
    """Deduplicate, attach nested chains, and sort the drafts of one report."""
    seen: dict[tuple[int, int], Draft] = {}
    for d in ctx.drafts:
        if d.content[1] <= d.content[0]:
            continue
        k = d.content
        old = seen.get(k)
        if old is None or (old.source is None and d.source is not None):
            seen[k] = d
    out = sorted(seen.values(), key=lambda d: (d.content[0], -d.content[1]))
    # a sourceless passive or adverb inside a sourced report's content is part of that report ("damage
    # estimated at $1 million, authorities said" is one attribution), not a second one
    sourced = [d for d in out if d.source is not None]
    sstarts = [d.content[0] for d in sourced]
    sreach = max((d.content[1] - d.content[0] for d in sourced), default=0)
    drop = set()
    for d in out:
        if d.source is None and d.cue is not None and d.rule == "verb:passive_clause":
            for o in sourced[bisect_left(sstarts, d.content[0] - sreach) : bisect_right(sstarts, d.content[0])]:
                if o.content[0] <= d.content[0] and d.content[1] <= o.content[1] and not (o.cue and d.cue[0] <= o.cue[0] < d.content[1]):
                    drop.add(id(d))
                    ctx.count("merged: sourceless report inside a sourced one")
                    break
    out = [d for d in out if id(d) not in drop]
    starts = [d.content[0] for d in out]
    reach = max((d.content[1] - d.content[0] for d in out), default=0)
    for inner in out:
        if inner.cue is None:
            continue
        window = out[bisect_left(starts, inner.cue[0] - reach) : bisect_right(starts, inner.cue[0])]
        outers = [o for o in window if o is not inner and o.content[0] <= inner.cue[0] and inner.cue[1] <= o.content[1] and o.source is not None]
        if outers:
            o = min(outers, key=lambda d: d.content[1] - d.content[0])
            name = o.source_name or ctx.text[o.source[0]:o.source[1]]
            inner.via = list(inner.via) + list(o.via) + [Hop(name=name, span=_mk_span(*o.source), kind=o.source_kind, relation="reported_by")]
    return out
