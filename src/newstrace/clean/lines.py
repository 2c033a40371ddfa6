"""Chrome-laden plain text -> article text + title, authors and date (the ``lines.v1`` line cleaner).

Input is a page's visible text, one block a line, with the page chrome still in it (menus, share buttons,
weather widgets, "Read more:" lines, comment forms, "Most Popular", bylines, repeated titles). Each line is
classified by a detector that returns ``(keep, reason)``: a learned classifier (gradient-boosted trees over
line, neighbour and page features, see ``lines_features`` and ``bench/train_lines.py``) decides
keep/drop, and the reason for a dropped line is named from its shape ("chrome: widget line", "chrome: share
buttons", "chrome: title repeated", "byline", ...) so reasons can be counted. Bylines and the title are never
article text: they become metadata. Kept lines keep their original wording and order.

Six trained models are registered: ``lines.v1``; ``lines.v2``, which adds comment-section and article-region
features (`lines_features.v2_features`) and was trained with richer synthetic chrome (teaser summaries,
captions, reader comments); ``lines.v3``, which adds topical coherence with the article
(`lines_features.v3_features`: a teaser or a comment reads like prose but its content words are another
story's); ``lines.v4``, the mean of the v2 and v3 classifiers' probabilities; ``lines.v5``, v3's features plus
a learned lexical view of each line (`lines_lexical`); and ``lines.v6`` (the default), the mean of v2, v3 and
v5. See ``bench/train_lines.py`` and ``bench/ensemble_lines.py`` for the recipes and their dev figures.

Example:
    >>> raw = "Skip to content\\nMinistry Denies Report\\nBy Staff\\n" + \\
    ...       "The ministry on Tuesday denied a report that grain exports had been halted, calling it false.\\n" + \\
    ...       "Officials said shipments from the southern ports continued as planned throughout the week.\\n" + \\
    ...       "Leave a Reply\\nMost Popular"
    >>> out = clean_lines(raw)
    >>> out.authors, out.title
    (['Staff'], 'Ministry Denies Report')
"""
from __future__ import annotations

import functools
import pickle
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from ..model import Removed
from ..registry import line_cleaners
from .base import Extracted
from .lines_c4 import c4_keep
from .lines_features import (
    AGO, CHROME, COPYRIGHT, DATE, READMORE, TEMP, TIME, URL, norm_line, page_features, page_features_v2,
    page_features_v3, stacked_features,
)
from .lines_meta import BYLINE, find_title, parse_byline

MODEL_PATH = Path(__file__).resolve().parent / "models" / "lines_v1.pkl"
NO_TEXT = "NT201: no article text found"
SHARE = ("share", "tweet", "facebook", "twitter", "whatsapp", "linkedin", "pinterest", "e-mail", "email", "print",
         "teilen", "partager", "compartir", "save", "bookmark", "copy link")
FORM = ("leave a reply", "leave a comment", "your email address", "required fields", "post comment", "name *",
        "email *", "comments", "kommentar", "commentaire", "comentario", "log in to", "sign in to")
LISTS = ("most popular", "most read", "you may also like", "related", "recommended", "trending", "more from",
         "more stories", "top stories", "latest news", "mehr zum thema", "lire aussi", "also read", "see also")


MODELS = {"lines.v1": "lines_v1.pkl", "lines.v2": "lines_v2.pkl", "lines.v3": "lines_v3.pkl",
          "lines.v4": "lines_v4.pkl", "lines.v5": "lines_v5.pkl", "lines.v6": "lines_v6.pkl"}
FEATURES = {"v1": page_features, "v2": page_features_v2, "v3": page_features_v3}


# every registered model stays loaded once read: an ensemble reads its members on every page, and a cache
# smaller than the registry would reload their files over and over when several versions are used in turn
@functools.lru_cache(maxsize=2 * len(MODELS))
def _model(version: str = "lines.v1") -> dict[str, Any] | None:
    """The trained classifier of `version`, loaded once per process; None when its file is missing or unreadable."""
    path = MODEL_PATH.parent / MODELS.get(version, "")
    try:
        with path.open("rb") as f:
            return pickle.load(f)  # noqa: S301 - our own file, shipped in the package, built by bench/train_lines.py
    except Exception:  # noqa: BLE001 - fall back to the C4 rules rather than fail the batch
        return None


def keep_probabilities(lines: list[str], version: str = "lines.v1") -> np.ndarray | None:
    """The classifier's probability that each line is article text (None when the model is unavailable).

    Args:
        lines: the page's lines.
        version: ``"lines.v1"``, ``"lines.v2"`` (comment-section and article-region features), ``"lines.v3"``
            (v2's plus topical coherence with the article), ``"lines.v4"`` (the mean of v2 and v3), ``"lines.v5"``
            (v3's plus a lexical model's columns, `lines_lexical`) or ``"lines.v6"`` (the mean of v2, v3 and v5).
    """
    model = _model(version)
    if model is None or not lines:
        return None
    members = [_model(name) for name in model.get("members", [version])]
    if any(m is None or "stage1" not in m for m in members):
        return None
    # each feature set extends the one before it (v1 < v2 < v3), so the widest is computed once and every
    # member reads its own leading columns
    widest = max(members, key=lambda m: int(m.get("n_features", 0)))
    X = FEATURES.get(widest.get("features") or "v1", page_features)(lines)
    if X.shape[1] != int(widest.get("n_features", X.shape[1])):
        return None  # features changed since the model was trained: retrain with bench/train_lines.py
    probs = []
    for m in members:
        Xm = X[:, :int(m.get("n_features", X.shape[1]))]
        if m.get("lexical") is not None:
            Xm = np.hstack([Xm, m["lexical"].columns(lines)])
        p = _predict(m["stage1"], Xm)
        if m.get("stage2") is not None:
            # the article is one contiguous run: the second stage reads the neighbours' first-stage probabilities
            p = _predict(m["stage2"], stacked_features(Xm, p))
        probs.append(p)
    return np.mean(probs, axis=0)


def _predict(clf: Any, X: np.ndarray) -> np.ndarray:
    """Positive-class probability, single-threaded.

    scikit-learn predicts through OpenMP threads; on a shared machine or inside a process pool they
    oversubscribe the cores and one page takes seconds instead of milliseconds, so ask for one thread.
    """
    try:
        raw = np.ravel(clf._raw_predict(X, n_threads=1))
    except (AttributeError, TypeError):  # another scikit-learn: its public API, threads and all
        return clf.predict_proba(X)[:, 1]
    return 1.0 / (1.0 + np.exp(-raw))


def drop_reason(line: str, *, repeated: bool, is_title: bool) -> str:
    """A countable name for why a line is chrome, from its shape."""
    s = line.strip()[:2000]
    low = s.lower()
    if is_title:
        return "chrome: title repeated" if repeated else "title"
    if BYLINE.match(s) and len(s.split()) <= 14:
        return "byline"
    if READMORE.match(s):
        return "chrome: read more"
    if TEMP.search(s) or ((DATE.search(s) or TIME.search(s) or AGO.search(s)) and len(s.split()) <= 8):
        return "chrome: widget line"
    if any(low.startswith(k) or low == k for k in SHARE) or low in SHARE:
        return "chrome: share buttons"
    if any(k in low for k in FORM) and len(s.split()) <= 12:
        return "chrome: comment form"
    if any(low.startswith(k) for k in LISTS):
        return "chrome: list header"
    if COPYRIGHT.search(s):
        return "chrome: copyright"
    if URL.search(s):
        return "chrome: link-like"
    if repeated:
        return "chrome: repeated line"
    if len(s.split()) <= 4:
        return "chrome: menu or label"
    if CHROME.search(s):
        return "chrome: boilerplate words"
    return "chrome: classifier"


def classify_lines(lines: list[str], version: str = "lines.v1") -> list[tuple[bool, str]]:
    """The detector: ``(keep, reason)`` for each line.

    Args:
        lines: a page's lines in order.
        version: which trained model decides (``"lines.v1"`` ... ``"lines.v6"``).

    Returns:
        One decision per line; reasons are short names meant to be counted (``"article"``, ``"byline"``,
        ``"chrome: widget line"``, ...).
    """
    model = _model(version)
    probs = keep_probabilities(lines, version)
    if probs is None:
        decisions = [c4_keep(line)[0] for line in lines]
        base_reason = "article (c4 fallback)"
    else:
        threshold = float(model["threshold"]) if model else 0.5
        decisions = [bool(p >= threshold) for p in probs]
        base_reason = "article"
    # A byline is metadata, never article text, whatever the classifier thinks of it.
    for i, line in enumerate(lines):
        if decisions[i] and parse_byline(line):
            decisions[i] = False
    title_i = find_title(lines, decisions)
    counts = Counter(norm_line(line) for line in lines)
    title_key = norm_line(lines[title_i]) if title_i is not None else None
    out: list[tuple[bool, str]] = []
    for i, line in enumerate(lines):
        key = norm_line(line)
        if decisions[i] and key != title_key:
            out.append((True, base_reason))
            continue
        is_title = title_key is not None and key == title_key
        out.append((False, drop_reason(line, repeated=counts[key] > 1, is_title=is_title)))
    return out


# "© 2026 Daily Courier. All rights reserved.", "Copyright (c) Gulf Observer 2026": the site's own name.
_COPYRIGHT = re.compile(
    r"^\s*(?:©|\(c\)|copyright)(?:\s*(?:©|\(c\)))?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?"
    r"(?P<name>(?:The\s+)?[A-Z][\w&'’.-]*(?:\s+(?:of\s+|&\s+)?[A-Z][\w&'’-]*){0,4})"
    r"[.,]?\s*(?:\d{4}[.,]?)?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_NOT_SITE = frozenset({"all", "getty", "reuters", "ap", "afp", "shutterstock"})


def outlet_from_lines(lines: list[str], keep: list[bool]) -> str | None:
    """The site's name from its copyright line, when the page confirms it: the name is also a line of its own
    (the masthead) or the line says "All rights reserved". A photo credit ("© Getty Images") is kept text or an
    agency, not the site.

    Example:
        >>> outlet_from_lines(["Daily Courier", "Text.", "© 2026 Daily Courier. All rights reserved."], [False, True, False])
        'Daily Courier'
    """
    own_lines = {line.strip().casefold() for line, k in zip(lines, keep) if not k}
    for line, k in zip(reversed(lines), reversed(keep)):
        if k:
            continue
        m = _COPYRIGHT.match(line)
        if not m:
            continue
        name = m.group("name").strip().rstrip(".")
        if name.split()[0].casefold() in _NOT_SITE or name.casefold().startswith(("all rights", "photo")):
            continue
        confirmed = name.casefold() in own_lines or m.group("rest").casefold().startswith("all rights reserved")
        if confirmed and not name.isdigit():
            return name
    return None


def _metadata(lines: list[str], keep: list[bool], reference_date: str | None) -> dict[str, Any]:
    title_i = find_title(lines, keep)
    first = next((i for i, k in enumerate(keep) if k), len(lines))
    authors: list[str] = []
    for i, line in enumerate(lines):
        if keep[i]:
            continue
        names = parse_byline(line)
        # a byline sits near the top of the article (or right below it): far-away "By ..." lines are teasers
        if names and i <= first + 3:
            authors = names
            break
    meta: dict[str, Any] = {"title": lines[title_i].strip() if title_i is not None else None, "authors": authors,
                            "outlet": outlet_from_lines(lines, keep)}
    meta.update(published=None, published_evidence=None, published_confidence=0.0, date_notes=[])
    try:
        from .dates import find_dates

        top = lines[: first + 3]
        findings = find_dates(top, reference_date)
        accepted = [f for _, f, _ in findings if f[0] is not None]
        for i, (iso, evidence, _conf), reason in findings:
            if reason in ("widget", "crawl date", "relative, no reference date"):
                meta["date_notes"].append(f"{reason}: {lines[i].strip()!r} is not a publication date")
        if accepted:
            iso, evidence, conf = max(accepted, key=lambda f: f[2])
            meta.update(published=iso, published_evidence=evidence, published_confidence=conf)
    except Exception as error:  # noqa: BLE001 - a date is optional metadata
        meta["date_notes"].append(f"date parsing failed: {type(error).__name__}")
    return meta


@line_cleaners.register("lines.v1")
def clean_lines(raw: str, *, reference_date: str | None = None, version: str = "lines.v1") -> Extracted:
    """Turn chrome-laden plain text (one block a line) into the article text and its metadata.

    Args:
        raw: the page's visible text, one block-level element a line.
        reference_date: ISO date the page was fetched or is known to be from; only used to resolve relative
            dates ("2 weeks ago") and to recognise the crawl date. Without it, relative dates stay unresolved.
        version: the trained model to use (``"lines.v1"``; ``"lines.v2"`` ... ``"lines.v6"`` are also
            registered on their own).

    Returns:
        `Extracted` with ``text`` = the kept lines joined by ``"\\n"`` (original wording), ``title``,
        ``authors`` (from the byline, which is removed from the text), ``published`` with
        ``published_evidence`` and ``published_confidence``, ``language``, and ``removed`` = every dropped line
        with its reason. Empty or chrome-only input gives ``text=""`` and the note
        ``"NT201: no article text found"``.

    Raises:
        Nothing: any failure gives an empty result with a note, so one bad page never stops a batch.

    Example:
        >>> clean_lines("").notes
        ['NT201: no article text found']
    """
    try:
        lines = [line for line in (raw or "").splitlines() if line.strip()]
        if not lines:
            return Extracted(text="", notes=[NO_TEXT])
        decisions = classify_lines(lines, version)
        keep = [k for k, _ in decisions]
        text = "\n".join(line for line, k in zip(lines, keep) if k)
        removed = [Removed(line, reason) for line, (k, reason) in zip(lines, decisions) if not k]
        meta = _metadata(lines, keep, reference_date)
        notes = list(meta["date_notes"])
        if not text:
            notes.insert(0, NO_TEXT)
        if _model(version) is None:
            notes.append("NT201: line model unavailable, C4 rules used")
        language = None
        try:
            from .language import detect_language

            language = detect_language(text) if text else None
        except Exception:  # noqa: BLE001 - language is optional metadata
            language = None
        return Extracted(
            text=text, title=meta["title"], authors=meta["authors"], outlet=meta["outlet"], published=meta["published"],
            published_evidence=meta["published_evidence"], published_confidence=meta["published_confidence"],
            language=language, removed=removed, notes=notes,
        )
    except Exception as error:  # noqa: BLE001 - never raise: one bad page never kills a batch
        return Extracted(text="", notes=[f"{NO_TEXT} (line cleaner failed: {type(error).__name__}: {error})"])


def _with_model(version: str, about: str) -> Callable[..., Extracted]:
    """`clean_lines` bound to one trained model, to be registered under that model's version name."""

    def clean(raw: str, *, reference_date: str | None = None) -> Extracted:
        return clean_lines(raw, reference_date=reference_date, version=version)

    clean.__name__ = clean.__qualname__ = f"clean_lines_{version.split('.')[-1]}"
    clean.__doc__ = f"""`clean_lines` with the {version} model ({about}).

    Args:
        raw: the page's visible text, one block-level element a line.
        reference_date: as in `clean_lines`.

    Returns:
        As `clean_lines`.

    Example:
        >>> {clean.__name__}("").notes
        ['NT201: no article text found']
    """
    return clean


clean_lines_v2 = line_cleaners.register("lines.v2")(
    _with_model("lines.v2", "comment-section and article-region features"))
clean_lines_v3 = line_cleaners.register("lines.v3")(
    _with_model("lines.v3", "lines.v2's features plus topical coherence with the article"))
clean_lines_v4 = line_cleaners.register("lines.v4")(
    _with_model("lines.v4", "the mean of the lines.v2 and lines.v3 classifiers' probabilities"))
clean_lines_v5 = line_cleaners.register("lines.v5")(
    _with_model("lines.v5", "lines.v3's features plus a learned lexical view of each line"))
clean_lines_v6 = line_cleaners.register("lines.v6")(
    _with_model("lines.v6", "the mean of the lines.v2, lines.v3 and lines.v5 classifiers' probabilities"))


def reason_counts(extracted: Extracted) -> Counter[str]:
    """How many lines were dropped for each reason (for ingest summaries)."""
    return Counter(r.reason for r in extracted.removed)
