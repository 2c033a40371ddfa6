"""What every cleaner returns: the article text plus metadata with evidence."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Removed


@dataclass(slots=True)
class Extracted:
    """Result of cleaning one page.

    `published_evidence` says where the date came from (``meta:article:published_time``, ``json-ld``,
    ``url``, ``byline``, ``text``); `notes` carries honest reasons for empty or partial results
    (``"NT201: no article text found (video page)"``).
    """

    text: str
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    published_evidence: str | None = None
    published_confidence: float = 0.0
    outlet: str | None = None
    language: str | None = None
    url: str | None = None
    removed: list[Removed] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
