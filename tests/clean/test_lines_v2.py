"""lines.v2: the line cleaner with comment-section and article-region features (same contract as lines.v1).

The contract tests run for every cleaner built on lines.v2's features too: lines.v3 (plus topical coherence:
tests/clean/test_lines_v3.py), lines.v5 (plus a lexical view: test_lines_v5.py) and the ensembles lines.v4 and
lines.v6 (test_lines_v4.py).
"""
from __future__ import annotations

import numpy as np
import pytest

from newstrace.clean.base import Extracted
from newstrace.clean.lines import (
    _model, clean_lines_v2, clean_lines_v3, clean_lines_v4, clean_lines_v5, clean_lines_v6, keep_probabilities,
)
from newstrace.clean.lines_features import N_V2, page_features, page_features_v2, v2_features
from newstrace.registry import line_cleaners
from tests.clean.test_lines import ISSUE_PAGE, ODD_PAGES, PARAS, WEATHER_PAGE

COMMENT = ("I have been saying this for years and nobody in the council ever listened to the people who actually "
           "live on the east bank of the river.")
COMMENTS_PAGE = "\n".join(
    ["Home", "Local", "Council Approves New Bridge Over the River", "By Jane Doe", *PARAS, "Share", "Tweet",
     "3 Comments", "Peter Miles says:", "May 12, 2019 at 9:14 pm", COMMENT, "Reply", "Ann Lee says:",
     "May 13, 2019 at 7:02 am", "Finally some good news for the old town, although I doubt it will be finished on "
     "time or on budget.", "Reply", "Leave a Reply", "Your email address will not be published."])


def test_registered_as_lines_v2_with_its_own_model() -> None:
    assert line_cleaners.get("lines.v2") is clean_lines_v2
    model = _model("lines.v2")
    assert model is not None and model["version"] == "lines.v2" and model["features"] == "v2"
    assert model["n_features"] == page_features_v2(["a line"]).shape[1]


def test_v2_features_find_the_comment_section() -> None:
    lines = COMMENTS_PAGE.splitlines()
    X = page_features(lines)
    V = v2_features(lines, X)
    assert V.shape == (len(lines), N_V2)
    header = lines.index("3 Comments")
    assert V[header, 0] == 1.0 and V[:header, 0].sum() == 0
    # lines from the comment header on are past the article region's cut, the article's are not
    assert (V[header:, 6] == 1.0).all() and (V[4:4 + len(PARAS), 6] == 0.0).all()
    assert v2_features([], np.zeros((0, X.shape[1]))).shape == (0, N_V2)


# every cleaner built on lines.v2's features keeps the same contract
CLEANERS = pytest.mark.parametrize(
    "clean", [clean_lines_v2, clean_lines_v3, clean_lines_v4, clean_lines_v5, clean_lines_v6],
    ids=["lines.v2", "lines.v3", "lines.v4", "lines.v5", "lines.v6"])


@CLEANERS
def test_issue_example_keeps_the_article_and_nothing_else(clean) -> None:  # noqa: ANN001
    out = clean(ISSUE_PAGE)
    assert out.text.splitlines() == PARAS
    assert out.title == "Ministry Denies Report on Grain Exports"
    assert out.authors == ["Staff"]


@CLEANERS
def test_reader_comments_are_not_article_text(clean) -> None:  # noqa: ANN001
    out = clean(COMMENTS_PAGE)
    assert out.text.splitlines() == PARAS
    assert out.authors == ["Jane Doe"]


@CLEANERS
def test_weather_widget_and_dates(clean) -> None:  # noqa: ANN001
    out = clean(WEATHER_PAGE)
    assert out.published == "2019-05-12" and out.published_evidence == "byline"
    assert "14°C" not in out.text and "Tuesday, March 3, 2025" not in out.text
    assert out.text.splitlines() == WEATHER_PAGE.splitlines()[7:10]


@CLEANERS
@pytest.mark.parametrize("name", sorted(ODD_PAGES))
def test_odd_pages_give_an_honest_empty_result(clean, name: str) -> None:  # noqa: ANN001
    out = clean("\n".join(ODD_PAGES[name]))
    assert out.text == "" and out.notes[0] == "NT201: no article text found"


@pytest.mark.parametrize("version", ["lines.v2", "lines.v3", "lines.v4", "lines.v5", "lines.v6"])
def test_never_raises_and_probabilities_are_per_line(version: str) -> None:
    clean = line_cleaners.get(version)
    for raw in ["", "\x00\x01" * 500, "a" * 200_000, None]:
        assert isinstance(clean(raw), Extracted)  # type: ignore[arg-type]
    p = keep_probabilities(ISSUE_PAGE.splitlines(), version)
    assert p is not None and p.shape == (len(ISSUE_PAGE.splitlines()),) and ((0 <= p) & (p <= 1)).all()
