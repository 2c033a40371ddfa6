"""Stories on the project's example corpus (examples/corpus, truth in examples/expected.json "stories").

The corpus goes through the real ingest path (`Corpus.ingest`: cleaning and spaCy mentions), then the stories are
rebuilt the way ``newstrace stories --rebuild`` does it. The ferry story there is short (two reports of ~90 words)
and written differently ("Eleven injured" / "injuring eleven people", "Al-Nour" / "Al Noor"): a small store with
a larger look-alike-free story beside it, the case where rebuild must not leave one event in two stories.
"""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from newstrace.model import Report
from newstrace.stories.index import StoryIndex
from newstrace.stories.thresholds import bcubed

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def example_reports(tmp_path_factory) -> tuple[list[Report], dict[str, str]]:
    from newstrace.corpus import Corpus

    db = tmp_path_factory.mktemp("ex") / "x.duckdb"
    with Corpus.open(db) as c:
        c.ingest([str(EXAMPLES / "corpus")])
        reports = list(c.reports(children=True))
    expected = json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))["stories"]
    gold = {rid: s["key"] for s in expected for rid in s["reports"]}
    return reports, gold


def _strip_mentions(reports: list[Report]) -> list[Report]:
    return [Report(id=r.id, text=r.text, title=r.title, published=r.published, outlet=r.outlet) for r in reports]


@pytest.mark.parametrize("mentions", [True, False])
def test_rebuild_finds_the_example_stories_in_any_order(example_reports, mentions: bool) -> None:
    reports, gold = example_reports
    rs = reports if mentions else _strip_mentions(reports)
    assert {r.id for r in rs} >= set(gold)
    for seed in range(3):
        order = list(rs)
        random.Random(seed).shuffle(order)
        got = StoryIndex.rebuild(order).assignments()
        assert bcubed(gold, {r: got[r] for r in gold})["f1"] == 1.0, (seed, got)


def test_stream_finds_the_example_stories(example_reports) -> None:
    reports, gold = example_reports
    got = StoryIndex().add_many(reports)
    assert bcubed(gold, {r: got[r] for r in gold})["f1"] == 1.0, got
