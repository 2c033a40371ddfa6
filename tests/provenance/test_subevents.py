"""Sub-events of a merged look-alike story, on constructed and real ECB+ texts."""
from __future__ import annotations

from newstrace.model import Copy, Report
from newstrace.provenance.subevents import subevents
from tests.conftest import DATA, read_jsonl_gz


def _quakes() -> list[Report]:
    return [
        Report(id="a", text="A quake hit Qeshm island on Sunday. Governor Heydar Alishvandi said 10 died."),
        Report(id="b", text="The Qeshm quake killed 10, Governor Alishvandi said on Sunday."),
        Report(id="c", text="A quake hit Zarand in Kerman province. Governor Mohammad Karimi said 500 died."),
        Report(id="d", text="In Zarand, Kerman, the quake killed 500, Karimi told reporters."),
    ]


def test_two_events_split() -> None:
    assert subevents(_quakes()) == {"a": 0, "b": 0, "c": 1, "d": 1}


def test_small_and_unrelated_stories_stay_whole() -> None:
    assert subevents(_quakes()[:1]) == {"a": 0}
    assert set(subevents(_quakes()[:3]).values()) == {0}  # a lone report is no second event
    plain = [Report(id=k, text=t) for k, t in (("x", "it rained."), ("y", "the match was cancelled."), ("z", "no one came."))]
    assert set(subevents(plain).values()) == {0}


def test_copies_share_a_sub_event() -> None:
    reps = _quakes()
    lab = subevents(reps, [Copy(a="b", b="c", share=0.9, original="b")])
    assert lab["b"] == lab["c"]


def test_real_ecb_topic_splits_into_its_two_events(shared_data) -> None:
    """ECB+ topic 36 holds two polygamy-arrest events; the guard separates them exactly (a dev topic, checked here
    as a regression; the threshold itself was chosen on the other 26 topics)."""
    docs = [d for d in read_jsonl_gz(DATA / "ecbplus" / "ecbplus_docs.jsonl.gz") if d["doc_id"].startswith("36_")]
    lab = subevents([Report(id=d["doc_id"], text=d["text"], title=d["title"]) for d in docs])
    gold = {d["doc_id"]: d["doc_id"].endswith("ecbplus") for d in docs}
    assert all((lab[a] == lab[b]) == (gold[a] == gold[b]) for a in gold for b in gold)
