"""The records that flow through newstrace.

One `Report` travels through every stage (read → clean → nlp); stages add typed children to it
(`Mention`, `Attribution`, `Claim`). Every child carries character offsets (`Span`) into its report's
`text`, so any derived thing can be traced back to the words it came from. Story-level records
(`Story`, `Copy`, `Entity`, `ClaimGroup` of `Wording`s, `Origin`, `Node`, `Edge`) refer to reports by id.

Children are frozen; `Report` is a slotted, mutable dataclass because each stage fills in its own
fields (like datatrove's `Document`). Stages must not mutate a report they did not create a copy of
when purity matters; `dataclasses.replace` is cheap with slots.

Example:
    >>> r = Report(id="a.txt", text="Police said the man was arrested.")
    >>> s = Span(0, 6)
    >>> s.of(r.text)
    'Police'
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from newstrace.errors import NewstraceError

RawKind = Literal["html", "raw_text", "text"]


@dataclass(slots=True, frozen=True, order=True)
class Span:
    """Half-open character range `[start, end)` into one report's `text`."""

    start: int
    end: int

    def of(self, text: str) -> str:
        """Return the slice of `text` this span covers."""
        return text[self.start : self.end]

    def to_json(self, text: str | None = None) -> dict[str, Any]:
        """Return `{"start", "end"}` plus `"text"` when the report text is given."""
        out: dict[str, Any] = {"start": self.start, "end": self.end}
        if text is not None:
            out["text"] = text[self.start : self.end]
        return out

    def __len__(self) -> int:
        return max(0, self.end - self.start)


@dataclass(slots=True, frozen=True)
class Removed:
    """A piece of input that cleaning dropped, with the reason (e.g. ``"chrome: widget line"``)."""

    text: str
    reason: str


@dataclass(slots=True, frozen=True)
class Mention:
    """A named-entity mention (PERSON, ORG, GPE, NORP, DATE, CARDINAL, ...)."""

    report: str
    span: Span
    label: str
    text: str
    entity: str | None = None


HopKind = Literal["person", "organisation", "outlet", "agency", "document", "unknown"]
HopRelation = Literal["citing", "quoted_by", "obtained_by", "according_to", "reported_by", "credit", "told"]


@dataclass(slots=True, frozen=True)
class Hop:
    """One upstream link in a source chain: `X, citing Y` gives a hop for Y with relation `citing`."""

    name: str
    span: Span | None = None
    kind: str = "unknown"
    relation: str = "citing"


AttributionKind = Literal["direct", "indirect", "mixed", "according_to", "sourceless"]


@dataclass(slots=True, frozen=True)
class Attribution:
    """A statement the text attributes to someone other than the writer.

    `source` is the span naming the speaker as written ("he", "the ministry"); `source_name` is the
    name it resolves to ("Richard Roe"); `via` lists upstream hops, nearest first.
    """

    report: str
    id: str
    content: Span
    kind: str
    source: Span | None = None
    source_name: str | None = None
    cue: Span | None = None
    via: tuple[Hop, ...] = ()
    source_kind: str = "unknown"
    # what the source is presented as doing (attribution.acts.v1): speech | belief | stance | intention |
    # evidence | unsourced; None from attributors that do not tell acts apart (v1)
    act: str | None = None


@dataclass(slots=True, frozen=True)
class Claim:
    """The normalised proposition of an attribution or an unattributed factual sentence."""

    id: str
    report: str
    span: Span
    text: str
    attribution: str | None = None
    speaker: str | None = None


@dataclass(slots=True)
class Report:
    """One news page, from raw input to annotated text.

    Args:
        id: stable id (JSONL `id`, path relative to the ingest argument, `#n` for WARC records).
        text: the clean article text; every child span indexes it.
        raw: the input as read (HTML or chrome-laden text); not stored for `text` input.
        raw_kind: how `raw` must be cleaned: ``html``, ``raw_text`` or ``text`` (use as is).
    """

    id: str
    text: str = ""
    raw: str | None = None
    raw_kind: str = "text"
    version: int = 1
    content_hash: str = ""
    source: str = ""
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    published_evidence: str | None = None
    published_confidence: float = 0.0
    language: str | None = None
    removed: list[Removed] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    def clean_json(self) -> dict[str, Any]:
        """The `newstrace clean --json` object for this report."""
        return {
            "id": self.id,
            "url": self.url,
            "outlet": self.outlet,
            "title": self.title,
            "authors": list(self.authors),
            "published": self.published,
            "published_evidence": self.published_evidence,
            "published_confidence": self.published_confidence,
            "language": self.language,
            "text": self.text,
            "notes": list(self.notes),
        }


def content_hash(*parts: str | None) -> str:
    """Stable hash of a report's input, used for idempotent re-ingest."""
    h = hashlib.sha256()
    for p in parts:
        h.update((p or "").encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


@dataclass(slots=True, frozen=True)
class Story:
    """A group of reports about one real-world event."""

    id: str
    reports: tuple[str, ...]
    title: str | None = None
    first_seen: str | None = None
    last_seen: str | None = None


@dataclass(slots=True, frozen=True)
class Copy:
    """Text reuse between two reports: `passages` pairs a span of `a` with a span of `b`.

    `original` is `a`, `b` or None when the evidence (dates, credits) does not say which came first.
    `share` is the share of the shorter report's text that recurs in the other.
    """

    a: str
    b: str
    share: float
    original: str | None = None
    passages: tuple[tuple[Span, Span], ...] = ()
    evidence: str = ""


@dataclass(slots=True, frozen=True)
class Entity:
    """A resolved entity: one canonical name and every variant seen."""

    id: str
    name: str
    type: str
    variants: tuple[str, ...]
    mentions: tuple[tuple[str, Span], ...] = ()
    #: the reports it is mentioned in (a story-level entity: `newstrace.provenance.stage`)
    reports: tuple[str, ...] = ()


@dataclass(slots=True, frozen=True)
class Wording:
    """One report's words for a claim (a `ClaimGroup` member) and how that report sources them.

    ``source``/``source_kind``/``via`` are who the report says it comes from, through which intermediaries (citing
    order); ``origin_reason`` says which origin that wording adds and why; ``act`` is what the source is presented
    as doing (speech, belief, ...); ``position`` is ``contests`` or ``stance`` for a source that disputes the claim
    or only holds a view on it (`newstrace.provenance.positions`), else None.
    """

    report: str
    span: Span
    text: str
    source: str | None = None
    source_kind: str = "own"
    via: tuple[str, ...] = ()
    origin_reason: str = ""
    act: str | None = None
    position: str | None = None


@dataclass(slots=True, frozen=True)
class ClaimGroup:
    """Claims from several reports that state the same proposition."""

    id: str
    story: str
    claims: tuple[str, ...]
    text: str = ""
    speaker: str | None = None
    reports: tuple[str, ...] = ()
    wordings: tuple[Wording, ...] = ()
    #: ids of the story's `Origin`s this claim rests on
    origins: tuple[str, ...] = ()
    independent_origins: int = 0
    #: 2+ reports, exactly 1 origin
    circular: bool = False
    #: ``attributed`` or ``laundered`` (`newstrace.provenance.reach`)
    reach: str | None = None


@dataclass(slots=True, frozen=True)
class Origin:
    """A primary source: a person, an organisation's statement, a document, a witnessed event, public record."""

    id: str
    name: str
    kind: str


@dataclass(slots=True, frozen=True)
class Edge:
    """A provenance edge (report → outlet → cited outlet/agency/document → speaker) with its evidence."""

    source: str
    target: str
    kind: str
    evidence: tuple[str, Span] | None = None
    #: the words of `evidence` (so a reader of the edge needs no report text)
    evidence_text: str | None = None


@dataclass(slots=True, frozen=True)
class Node:
    """A node of a story's provenance graph: a report, outlet, agency, document or speaker."""

    id: str
    label: str
    kind: str


def to_dict(obj: Any) -> dict[str, Any]:
    """Plain-dict view of any record (for JSON)."""
    return asdict(obj)


# What a stage yields besides reports (one bad input never kills a batch): a coded failure or a counted skip.
@dataclass(slots=True, frozen=True)
class Failure:
    """An input (file, WARC record, JSONL line, or a stage run on a report) that could not be used.

    Args:
        source: where it came from (path as given, ``path#n`` for a WARC record, ``path:line`` for JSONL).
        id: the report id it would have had, when known.
        error: the coded error (``error.code`` is ``NT1xx`` for input, ``NT2xx`` for cleaning ...).
    """

    source: str
    id: str | None
    error: NewstraceError

    @property
    def code(self) -> str:
        """The ``NTnnn`` code of the error."""
        return self.error.code

    def to_json(self) -> dict[str, Any]:
        """``{"source", "id", "error": {"code", "message"}}``."""
        return {"source": self.source, "id": self.id, "error": self.error.to_json()}


@dataclass(slots=True, frozen=True)
class Skipped:
    """An input deliberately not read (e.g. a WARC ``request`` record), with the reason to count.

    `reason` starts with its code (``"NT110: warcinfo record"``) so summaries can group by it.
    """

    source: str
    id: str | None
    reason: str

    @property
    def code(self) -> str:
        """The ``NTnnn`` code the reason starts with."""
        return self.reason.split(":", 1)[0]

    def to_json(self) -> dict[str, Any]:
        """``{"source", "id", "skipped"}``."""
        return {"source": self.source, "id": self.id, "skipped": self.reason}
