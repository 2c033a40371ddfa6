"""The rebuild's event splitter (`newstrace.stories.events`), on constructed stories."""
from __future__ import annotations

import random

import pytest

from newstrace.model import Report
from newstrace.stories.events import MIN_REPORTS, EventModel, StoreDF, channels, split_events

QESHM = ["A quake hit Qeshm island on Sunday. Governor Heydar Alishvandi said 10 died in Qeshm.",
         "The Qeshm quake killed 10, Governor Alishvandi said on Sunday of Qeshm island.",
         "Ten dead on Qeshm island, Alishvandi told IRNA after the Qeshm quake.",
         "Governor Alishvandi said the Sunday quake on Qeshm island killed 10 people."]
ZARAND = ["A quake hit Zarand in Kerman province on Tuesday. Governor Mohammad Karimi said 500 died in Zarand.",
          "In Zarand, Kerman, the quake killed 500, Karimi told reporters in Zarand on Tuesday.",
          "Karimi said 500 were dead in Zarand, Kerman province, after the Tuesday quake.",
          "The Tuesday quake in Kerman's Zarand killed 500, Governor Karimi said."]


def _split(reports: list[Report]) -> list[int]:
    model = EventModel.default()
    assert model is not None, "the shipped stories model has an event splitter"
    terms = [channels(r) for r in reports]
    return split_events(terms, StoreDF.of({r.id: t for r, t in zip(reports, terms)}), model)


def test_two_look_alike_quakes_split_by_event() -> None:
    reports = [Report(id=f"q{i}", text=t) for i, t in enumerate(QESHM)]
    reports += [Report(id=f"z{i}", text=t) for i, t in enumerate(ZARAND)]
    assert _split(reports) == [0] * 4 + [1] * 4


def test_one_event_stays_whole() -> None:
    assert _split([Report(id=f"q{i}", text=t) for i, t in enumerate(QESHM)]) == [0] * 4


def test_a_large_story_of_one_event_is_not_split() -> None:
    # the pair model has no feature of the story's size: 80 reports of one quake stay one event
    pool = ["A magnitude 5.9 earthquake struck Qeshm island in southern Iran on Sunday.",
            "Governor Heydar Alishvandi said at least 10 people were killed.",
            "The quake destroyed homes in the villages of Tonban and Gouri.",
            "Iran's seismological center said the quake hit at 14:00 local time.",
            "Rescue teams from the Red Crescent were sent to the island.",
            "Qeshm lies in the Strait of Hormuz, near the port of Bandar Abbas.",
            "Officials said dozens were injured and taken to hospitals in Bandar Abbas.",
            "The Red Crescent said tents and blankets were flown to Qeshm.",
            "Alishvandi told IRNA that the death toll could rise."]
    titles = ["Quake kills 10 on Qeshm island", "Iran quake hits Qeshm", "Deadly earthquake strikes Iranian island"]
    rng = random.Random(3)
    big = [Report(id=f"b{i}", title=rng.choice(titles), text=" ".join(rng.sample(pool, rng.randint(3, 6))))
           for i in range(80)]
    assert set(_split(big)) == {0}


def test_too_few_reports_are_one_event() -> None:
    reports = [Report(id=f"q{i}", text=t) for i, t in enumerate(QESHM[:2] + ZARAND[:1])]
    assert len(reports) < MIN_REPORTS
    assert _split(reports) == [0, 0, 0]


def test_empty_reports_do_not_break_the_split() -> None:
    reports = [Report(id=f"e{i}", text="") for i in range(5)]
    assert _split(reports) == [0] * 5


def test_a_model_of_other_features_is_refused() -> None:
    with pytest.raises(ValueError, match="refit"):
        EventModel.from_json({"features": ["sig"], "weights": [1.0], "bias": 0.0})
    assert EventModel.from_json(None) is None


def test_a_stored_index_with_another_splitter_still_opens() -> None:
    import json
    import zlib

    from newstrace.stories.index import StoryIndex

    idx = StoryIndex()
    idx.add(Report(id="q0", text=QESHM[0]))
    blob = json.loads(zlib.decompress(idx.to_bytes()))
    blob["model"]["events"] = {"features": ["an", "older", "set"], "weights": [1.0, 2.0, 3.0], "bias": 0.0}
    back = StoryIndex.from_bytes(zlib.compress(json.dumps(blob).encode()))
    assert back.assignments() == idx.assignments()
