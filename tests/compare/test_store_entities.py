"""link_story_entities: entities of different stories linked by their full names, and `newstrace entities`."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from newstrace.cli import app
from newstrace.compare.store_entities import link_story_entities
from newstrace.model import Entity, Span


def _e(eid: str, name: str, type_: str, *variants: str, report: str = "r") -> Entity:
    return Entity(eid, name, type_, tuple(sorted({name, *variants})), ((report, Span(0, 1)),))


def _linked(out, story: str, eid: str) -> set[tuple[str, str]]:
    return set(next(e.members for e in out if (story, eid) in e.members))


def test_respellings_of_a_full_name_link_across_stories_and_lone_words_do_not() -> None:
    per = {
        "s1": [_e("a", "Muammar Gaddafi", "PERSON", "Gaddafi"), _e("b", "Reid", "PERSON")],
        "s2": [_e("c", "Muammar Qadhafi", "PERSON", "Col. Muammar Qadhafi", "Qadhafi"), _e("d", "Reid", "PERSON")],
        "s3": [_e("e", "Tara Reid", "PERSON", "Reid"), _e("f", "Moammar Gadhafi", "PERSON")],
    }
    out = link_story_entities(per)
    assert _linked(out, "s1", "a") == {("s1", "a"), ("s2", "c"), ("s3", "f")}
    gaddafi = next(e for e in out if ("s1", "a") in e.members)
    assert gaddafi.stories == ("s1", "s2", "s3") and {"Gaddafi", "Qadhafi", "Col. Muammar Qadhafi"} <= set(gaddafi.variants)
    # "Reid" alone is a different thing in every story; inside s3 it already joined Tara Reid
    assert _linked(out, "s1", "b") == {("s1", "b")} and _linked(out, "s2", "d") == {("s2", "d")}
    assert _linked(out, "s3", "e") == {("s3", "e")}
    assert sorted(m for e in out for m in e.members) == sorted((s, e.id) for s, es in per.items() for e in es)


def test_hard_negatives_stay_apart_across_stories() -> None:
    per = {
        "s1": [_e("a", "Tony Thompson", "PERSON"), _e("b", "Sudan Armed Forces", "ORG", "SAF"),
               _e("c", "Utah Supreme Court", "ORG"), _e("g", "Boston", "GPE")],
        "s2": [_e("d", "Deon Thompson", "PERSON"), _e("e", "Sports Authority Field", "ORG"), _e("f", "USC", "ORG"),
               _e("h", "Boston Red Sox", "ORG", "Boston", "Red Sox")],
    }
    out = link_story_entities(per)
    assert all(len(e.stories) == 1 for e in out), [e.members for e in out if len(e.stories) > 1]


def test_an_acronym_links_through_a_story_that_writes_both_and_a_partial_variant_does_not_bridge() -> None:
    per = {
        "s1": [_e("a", "International Atomic Energy Agency", "ORG")],
        "s2": [_e("b", "IAEA", "ORG")],
        "s3": [_e("c", "International Atomic Energy Agency", "ORG", "IAEA", "the IAEA")],
        # a story's resolution swept a shorter full name into a longer one: that variant does not link
        "s4": [_e("d", "White House Office of Management and Budget", "ORG", "White House")],
        "s5": [_e("e", "White House", "ORG", "the White House")],
    }
    out = link_story_entities(per)
    assert _linked(out, "s2", "b") == {("s1", "a"), ("s2", "b"), ("s3", "c")}
    assert _linked(out, "s5", "e") == {("s5", "e")}


def test_types_must_agree() -> None:
    out = link_story_entities({"s1": [_e("a", "Jordan Valley", "GPE")], "s2": [_e("b", "Jordan Valley", "PERSON")],
                               "s3": [_e("c", "Jordan Valley", "UNKNOWN")]})
    assert _linked(out, "s1", "a") != _linked(out, "s2", "b")


def test_cli_entities_lists_an_entity_named_in_two_stories(tmp_path) -> None:
    runner = CliRunner()
    db, feed = tmp_path / "x.duckdb", tmp_path / "feed.jsonl"
    rows = [
        {"id": "q1", "title": "Quake on Qeshm", "text": "An earthquake struck Qeshm island on Sunday. Governor Heydar "
         "Alishvandi said ten people died. The US Geological Survey put it at 5.9."},
        {"id": "f1", "title": "Flood in Valencia", "text": "Floods hit Valencia on Tuesday. The US Geological Survey "
         "was not involved; mayor Maria Lopez said roads were closed."},
    ]
    feed.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    assert runner.invoke(app, ["ingest", "--db", str(db), str(feed)]).exit_code == 0
    res = runner.invoke(app, ["entities", "--db", str(db), "--json", "--min-stories", "2"])
    assert res.exit_code == 0, res.output
    found = [json.loads(x) for x in res.output.splitlines() if x.strip()]
    usgs = [e for e in found if "Geological Survey" in e["name"]]
    assert len(usgs) == 1 and len(usgs[0]["stories"]) == 2 and set(usgs[0]["reports"]) == {"q1", "f1"}
    assert not any("Alishvandi" in e["name"] for e in found)
    res = runner.invoke(app, ["entities", "--db", str(db), "--json", "--name", "alishvandi"])
    one = [json.loads(x) for x in res.output.splitlines() if x.strip()]
    assert res.exit_code == 0 and len(one) == 1 and one[0]["type"] == "PERSON"
    assert runner.invoke(app, ["entities", "--db", str(db)]).exit_code == 0
    assert runner.invoke(app, ["entities", "--db", str(tmp_path / "none.duckdb")]).exit_code == 1


def test_a_shouted_dateline_name_is_not_the_store_name() -> None:
    a = Entity("a", "PORT SALIM", "GPE", ("PORT SALIM",), tuple(("r1", Span(i, i + 1)) for i in range(3)))
    b = Entity("b", "Port Salim", "GPE", ("Port Salim",), (("r2", Span(0, 1)),))
    out = link_story_entities({"s1": [a], "s2": [b]})
    assert len(out) == 1 and out[0].name == "Port Salim" and out[0].reports == ("r1", "r2")
