"""bench/lines_data.py: silver labels follow the test set's label definition; transplant pages keep labels aligned."""
from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import lines_data  # noqa: E402


def test_silver_labels_follow_the_page_lines_definition() -> None:
    body = "The minister said exports would resume next week.\nA second paragraph about trade and ports."
    lines = ["Home", "The minister said exports would resume next week.", "exports would resume next",
             "said exports",  # < 4 words: not main even though it is a substring
             "A second paragraph about trade and ports. Slightly", "Most Popular"]
    assert lines_data.silver_labels(lines, body, [], []) == [0, 1, 1, 0, 1, 0]


def test_snippets_override_the_extractor() -> None:
    body = "Subscribe to our newsletter for more news every day."
    lines = ["Subscribe to our newsletter for more news every day.", "A missed paragraph of the real article."]
    labels = lines_data.silver_labels(lines, body, ["A missed paragraph of the real article."],
                                      ["Subscribe to our newsletter"])
    assert labels == [0, 1]


def _fake_traf(n_per_fold: int = 2) -> list[dict]:
    pages = []
    for fold in range(5):
        for j in range(n_per_fold):
            tag = f"f{fold}p{j}"
            lines = [f"Menu {tag}", f"Home {tag}", f"Title of page {tag} here",
                     f"First real paragraph of page {tag} with many words in it.", f"Share {tag}",
                     f"Second real paragraph of page {tag} with many words in it.", f"Most Read {tag}",
                     f"Footer {tag}"]
            pages.append({"id": f"traf:{tag}", "lines": lines, "is_main": [0, 0, 0, 1, 0, 1, 0, 0],
                          "source": "traf", "verified": True, "fold": fold})
    return pages


def test_transplant_pages_wrap_known_articles_in_real_chrome(shared_data: Path) -> None:
    traf = _fake_traf()
    pages = lines_data.transplant_pages(traf, random.Random(1))
    assert len(pages) > 500  # the ECB+ articles plus the trafilatura-eval spans
    by_id = {p["id"]: p for p in traf}
    for page in pages:
        assert len(page["lines"]) == len(page["is_main"])
        donor = by_id[page["id"].split("@", 1)[1]]
        assert donor["fold"] == page["fold"]  # no chrome shared across CV folds
        # the donor's header and footer are there, labelled chrome
        assert page["lines"][:3] == donor["lines"][:3] and page["is_main"][:3] == [0, 0, 0]
        assert page["lines"][-2:] == donor["lines"][-2:] and page["is_main"][-2:] == [0, 0]
        # the donor's own article is not
        assert donor["lines"][3] not in page["lines"]
        assert sum(page["is_main"]) >= 1
    ecb = [p for p in pages if p["id"].startswith("tx0:ecb:")]
    assert ecb and all(sum(p["is_main"]) >= 1 for p in ecb)


