"""lines.v3: lines.v2's features plus topical coherence with the article (same contract as lines.v1)."""
from __future__ import annotations

import numpy as np
import pytest

from newstrace.clean.base import Extracted
from newstrace.clean.lines import _model, clean_lines_v3, keep_probabilities
from newstrace.clean.lines_features import N_V3, page_features, page_features_v3, v3_features
from newstrace.registry import line_cleaners
from newstrace.settings import Settings
from tests.clean.test_lines import ISSUE_PAGE, ODD_PAGES, PARAS, WEATHER_PAGE
from tests.clean.test_lines_v2 import COMMENTS_PAGE

# a "Most Read" teaser summary: prose, but about another story
TEASER = "Firefighters in the northern hills spent the night containing a blaze that destroyed two empty barns."


def test_registered_as_lines_v3_with_its_own_model_and_is_the_default() -> None:
    assert line_cleaners.get("lines.v3") is clean_lines_v3
    model = _model("lines.v3")
    assert model is not None and model["version"] == "lines.v3" and model["features"] == "v3"
    assert model["n_features"] == page_features_v3(["a line"]).shape[1]
    assert Settings().line_cleaner == "lines.v3"


def test_v3_features_tell_the_article_from_another_story() -> None:
    lines = ISSUE_PAGE.splitlines()
    at = lines.index("Most Popular")
    lines = [*lines[:at + 1], TEASER]
    X = page_features(lines)
    V = v3_features(lines, X)
    assert V.shape == (len(lines), N_V3)
    paras = [lines.index(p) for p in PARAS]
    # the first two paragraphs share "ministry" with each other (1 of their 15 and 11 content words); the third
    # shares none of its words with them (a short article's limit); the teaser shares none either
    assert V[paras, 0].tolist() == pytest.approx([1 / 15, 1 / 11, 0.0])
    assert V[-1, 0] == 0.0
    # a line's own words do not count: the lone paragraph of a page shares nothing with "the rest of the article"
    alone = ["Home", PARAS[0], "Share"]
    assert v3_features(alone, page_features(alone))[1, 0] == 0.0
    # a line with no content words has no share, and says so
    odd = ["Skip to content", "1 | 2 | 3", "of the", PARAS[0]]
    assert v3_features(odd, page_features(odd))[:, 5].tolist() == [1.0, 0.0, 0.0, 1.0]
    assert v3_features([], np.zeros((0, X.shape[1]))).shape == (0, N_V3)


def test_issue_example_keeps_the_article_and_nothing_else() -> None:
    out = clean_lines_v3(ISSUE_PAGE)
    assert out.text.splitlines() == PARAS
    assert out.title == "Ministry Denies Report on Grain Exports"
    assert out.authors == ["Staff"]


def test_reader_comments_are_not_article_text() -> None:
    out = clean_lines_v3(COMMENTS_PAGE)
    assert out.text.splitlines() == PARAS
    assert out.authors == ["Jane Doe"]


def test_weather_widget_and_dates() -> None:
    out = clean_lines_v3(WEATHER_PAGE)
    assert out.published == "2019-05-12" and out.published_evidence == "byline"
    assert "14°C" not in out.text and "Tuesday, March 3, 2025" not in out.text
    assert out.text.splitlines() == WEATHER_PAGE.splitlines()[7:10]


@pytest.mark.parametrize("name", sorted(ODD_PAGES))
def test_odd_pages_give_an_honest_empty_result(name: str) -> None:
    out = clean_lines_v3("\n".join(ODD_PAGES[name]))
    assert out.text == "" and out.notes[0] == "NT201: no article text found"


def test_never_raises_and_probabilities_are_per_line() -> None:
    for raw in ["", "\x00\x01" * 500, "a" * 200_000, None]:
        assert isinstance(clean_lines_v3(raw), Extracted)  # type: ignore[arg-type]
    p = keep_probabilities(ISSUE_PAGE.splitlines(), "lines.v3")
    assert p is not None and p.shape == (len(ISSUE_PAGE.splitlines()),) and ((0 <= p) & (p <= 1)).all()
