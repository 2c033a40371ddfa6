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




def test_ecb2_pages_label_only_the_story_as_main(shared_data: Path) -> None:
    pages = lines_data.ecb_pages_v2(random.Random(3))
    docs = {"ecb2:" + d["doc_id"]: d for d in lines_data.ecb_docs()}
    assert len(pages) == len(docs)
    comment_sections = 0
    for page in pages:
        assert len(page["lines"]) == len(page["is_main"])
        main = [line for line, m in zip(page["lines"], page["is_main"]) if m]
        # the main lines, joined, are exactly the ECB+ story (detokenised), in order
        assert " ".join(" ".join(main).split()) == " ".join(lines_data.detok(docs[page["id"]]["text"]).split())
        assert page["fold"] == int(docs[page["id"]].get("topic") or 0) % 5
        heads = [i for i, line in enumerate(page["lines"]) if line in ("Leave a Reply", "Comments", "Discussion")
                 or line.endswith(" Comments")]
        if heads:
            comment_sections += 1
            # a comment section, prose and all, comes after the story and is chrome
            assert heads[0] > max(i for i, m in enumerate(page["is_main"]) if m)
    assert comment_sections > len(pages) // 5
