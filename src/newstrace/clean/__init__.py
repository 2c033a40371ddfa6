"""Cleaning: raw page → article text + metadata with evidence.

The cascade, per report (`clean_report`):
  1. ``html``     → `newstrace.clean.html.extract_html` (the registered ``extractor``, default ``html.v1``).
  2. ``raw_text`` → `newstrace.clean.lines.clean_lines` (the registered ``line_cleaner``, default ``lines.v6``):
                    plain text that still carries page chrome.
  3. ``text``     → used as is (offsets refer to the input unchanged); only the language is detected.
  4. Metadata the input gave explicitly (JSONL ``title``/``outlet``/``published``/``url``) wins over what the
     cleaner inferred, and says so in ``published_evidence`` (``input``).
  5. Relative dates resolve only against a known reference date: the JSONL ``published`` hint or the WARC
     crawl date (which is never itself taken as the publication date).
"""
from __future__ import annotations

import dataclasses
from urllib.parse import urlsplit

from ..model import Report
from ..registry import extractors, line_cleaners
from .base import Extracted

__all__ = ["Extracted", "clean_report", "outlet_from_url"]


def outlet_from_url(url: str | None) -> str | None:
    """A readable outlet name from a URL's host (``https://www.nytimes.com/x`` → ``nytimes.com``)."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return None
    host = host.lower()
    for prefix in ("www.", "m.", "amp.", "edition."):
        if host.startswith(prefix):
            host = host[len(prefix):]
    return host or None


def _load_algorithm(kind: str) -> None:
    # Registration happens on import; importing here keeps `import newstrace.clean` cheap.
    if kind == "html":
        from . import html as _html  # noqa: F401
    else:
        from . import lines as _lines  # noqa: F401


def clean_report(report: Report, *, extractor: str = "html.v1", line_cleaner: str = "lines.v6") -> Report:
    """Return a copy of `report` with `text` and metadata filled in from `raw`.

    Args:
        report: a report from `newstrace.ingest.read` (``raw_kind`` html, raw_text or text).
        extractor: registered HTML extractor name.
        line_cleaner: registered plain-text cleaner name.

    Returns:
        A new `Report`; `notes` explains an empty or partial result (``NT201 ...``).

    Example:
        >>> r = clean_report(Report(id="x", text="Police said the man was arrested.", raw_kind="text"))
        >>> r.text
        'Police said the man was arrested.'
    """
    reference = report.published or report.meta.get("crawl_date")
    if report.raw_kind == "text":
        ex = Extracted(text=report.text)
        from .language import detect_language

        ex.language = detect_language(report.text)
    else:
        _load_algorithm(report.raw_kind)
        raw = report.raw or ""
        if report.raw_kind == "html":
            ex = extractors.get(extractor)(raw, report.url, reference_date=reference)
        else:
            ex = line_cleaners.get(line_cleaner)(raw, reference_date=reference)
    out = dataclasses.replace(report, raw=None if report.raw_kind == "text" else report.raw)
    out.text = ex.text
    out.title = report.title or ex.title
    out.authors = list(report.authors) or list(ex.authors)
    if report.published:
        out.published, out.published_evidence, out.published_confidence = report.published, "input", 1.0
    else:
        out.published, out.published_evidence = ex.published, ex.published_evidence
        out.published_confidence = ex.published_confidence
    out.url = report.url or ex.url
    out.outlet = report.outlet or ex.outlet or outlet_from_url(out.url)
    out.language = report.language or ex.language
    out.removed = list(ex.removed)
    out.notes = list(report.notes) + list(ex.notes)
    if not out.text.strip() and not any(n.startswith("NT201") for n in out.notes):
        out.notes.append("NT201: no article text found")
    return out
