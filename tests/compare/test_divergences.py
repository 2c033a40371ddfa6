"""Divergences: partial carriage, conflicting numbers and days, exclusives; no false conflicts."""
from __future__ import annotations

from newstrace.compare.claims import align_claims
from newstrace.compare.divergences import find_divergences
from newstrace.model import Report


def kinds(reps):
    return find_divergences(align_claims(reps), reps)


def test_conflicting_figures_are_listed_with_each_value() -> None:
    a = Report(id="a", text="The earthquake killed 10 people in southern Iran, officials said.")
    b = Report(id="b", text="The earthquake killed 12 people in southern Iran, officials said.")
    d = [x for x in kinds([a, b]) if x["kind"] == "number"]
    assert len(d) == 1
    assert {v["report"]: v["values"] for v in d[0]["values"]} == {"a": ["10"], "b": ["12"]}


def test_converted_units_are_not_a_conflict() -> None:
    a = Report(id="a", text="The epicentre of the quake was 58 km southwest of Bandar Abbas, the USGS said.")
    b = Report(id="b", text="The epicentre of the quake was 36 miles southwest of Bandar Abbas, the USGS said.")
    assert [x for x in kinds([a, b]) if x["kind"] == "number"] == []


def test_weekday_conflict() -> None:
    a = Report(id="a", text="Blackmore and Oler were arrested by police on Tuesday in Bountiful.")
    b = Report(id="b", text="Blackmore and Oler were arrested by police on Wednesday in Bountiful.")
    d = [x for x in kinds([a, b]) if x["kind"] == "date"]
    assert d and d[0]["dimension"] == "weekday"


def test_only_some_and_only_one() -> None:
    a = Report(id="a", text="The dam contract went to Meridian without a tender. Minister Khalid Qadi said the deal was lawful.")
    b = Report(id="b", text="The contract for the dam went to Meridian without any tender. Rain is expected.")
    c = Report(id="c", text="Fishermen in the port complained about fuel prices on Monday.")
    out = kinds([a, b, c])
    some = [x for x in out if x["kind"] == "only_some"]
    assert some and some[0]["missing"] == ["c"]
    one = [x for x in out if x["kind"] == "only_one"]
    assert [(x["report"], x["source"]) for x in one] == [("a", "Khalid Qadi")]


def test_name_and_title_conflicts_but_not_spelling_variants() -> None:
    a = Report(id="a", text="Deputy Minister Khalid al-Qadhi signed the dam contract with Meridian Hydro last week.")
    b = Report(id="b", text="Minister Khaled al-Qadhi signed the dam contract with Meridian Hydro last week.")
    c = Report(id="c", text="Minister Omar Haddad signed the dam contract with Meridian Hydro last week.")
    out = kinds([a, b, c])
    titles = [x for x in out if x["kind"] == "title"]
    assert titles and {v["report"] for v in titles[0]["values"]} == {"a", "b"}
    names = [x for x in out if x["kind"] == "name"]
    assert names and {v["values"][0] for v in names[0]["values"]} == {"Khaled al-Qadhi", "Omar Haddad"}
    d = Report(id="d", text="Minister Khalid al-Qadhi signed the dam contract with Meridian Hydro last week.")
    assert [x for x in kinds([b, d]) if x["kind"] in ("name", "title")] == []  # a spelling variant is no conflict
