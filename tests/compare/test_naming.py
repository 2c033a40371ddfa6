"""entities.story-context.v3 (compare/naming.py): titles before a person, names spelled alike, a title before one
person's surname. The texts are written for these tests."""
from __future__ import annotations

from newstrace.compare.entities import entity_resolvers, resolve_entities_v2
from newstrace.compare.naming import name_key, naming, resolve_entities_v3
from tests.compare.test_entities_v2 import _groups, _report  # one report with its NER mentions, found in order


def test_registered_under_its_own_name_and_v2_unchanged() -> None:
    assert entity_resolvers.get("entities.story-context.v3") is resolve_entities_v3
    r = _report("a", "Sergeant Olu Bede said the road was shut. Ft. Lane Depot and Fort Lane Depot both closed.",
                [("Olu Bede", "PERSON"), ("Ft. Lane Depot", "FAC"), ("Fort Lane Depot", "FAC")])
    v2 = _groups(resolve_entities_v2([r]))
    assert not any({"Ft. Lane Depot", "Fort Lane Depot"} <= g for g in v2)  # v2 keeps doing what it did
    v3 = _groups(resolve_entities_v3([r]))
    assert any({"Ft. Lane Depot", "Fort Lane Depot"} <= g for g in v3)
    assert any({"Sergeant Olu Bede", "Olu Bede"} <= g for g in v3)


def test_name_key_normalises_abbreviations_punctuation_and_legal_forms() -> None:
    assert name_key("W. Harbour Blvd.") == name_key("W Harbour Boulevard")
    assert name_key("St. Anne's Hospital") == name_key("Saint Anne's Hospital")
    assert name_key("Korvel Foods, Ltd.") == name_key("Korvel Foods")
    assert name_key("Mount Arlo") != name_key("Mount Arlen")
    assert "inspector" in naming().titles and naming().abbreviations["mt"] == "mount"


def test_a_title_before_a_lone_surname_joins_the_one_person_with_it() -> None:
    a = _report("a", "Police said Tomas Weller, 41, was arrested. Insp Weller was not related to him.",
                [("Tomas Weller", "PERSON"), ("Insp Weller", "ORG")])
    ents = resolve_entities_v3([a])
    assert any({"Tomas Weller", "Insp Weller"} <= g for g in _groups(ents))


def test_a_title_before_a_surname_two_people_share_stays_apart() -> None:
    a = _report("a", "Ana Price and Leon Price were both hurt. Dr. Price said they would recover.",
                [("Ana Price", "PERSON"), ("Leon Price", "PERSON"), ("Dr. Price", "PERSON")])
    groups = _groups(resolve_entities_v3([a]))
    assert not any({"Ana Price", "Leon Price"} <= g for g in groups)
    assert not any("Dr. Price" in g and ({"Ana Price"} <= g or {"Leon Price"} <= g) for g in groups)


def test_a_surname_written_alike_by_two_people_is_no_reason_to_merge() -> None:
    a = _report("a", "Gil Moreno was charged. Rosa Moreno, his sister, said Moreno was innocent. Moreno left.",
                [("Gil Moreno", "PERSON"), ("Rosa Moreno", "PERSON"), ("Moreno", "PERSON"), ("Moreno", "PERSON")])
    groups = _groups(resolve_entities_v3([a]))
    assert not any({"Gil Moreno", "Rosa Moreno"} <= g for g in groups)


def test_a_lower_case_title_is_a_description_not_part_of_the_name() -> None:
    a = _report("a", "The inspector Dave Orrin said the climbers were found.", [("Dave Orrin", "PERSON")])
    (e,) = resolve_entities_v3([a])
    assert "inspector Dave Orrin" not in e.variants and "Dave Orrin" in e.variants
