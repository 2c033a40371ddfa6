"""entities.story-context.v2: how texts and reports name things (aliases in words, case variants, titled
surnames, own-outlet acronyms, parts read within their report); v1 keeps its behaviour."""
from __future__ import annotations

from newstrace.compare.entities import entity_resolvers, resolve_entities, resolve_entities_v2, worded_aliases
from newstrace.model import Mention, Report, Span


def _report(rid: str, text: str, names: list[tuple[str, str]], outlet: str | None = None) -> Report:
    r = Report(id=rid, text=text, outlet=outlet)
    ms, pos = [], 0
    for name, label in names:
        start = text.index(name, pos)
        ms.append(Mention(rid, Span(start, start + len(name)), label, name))
        pos = start + len(name)
    r.mentions = ms
    return r


def _groups(entities) -> list[set[str]]:
    return sorted((set(e.variants) for e in entities), key=lambda v: sorted(v))


def test_registered_names() -> None:
    assert entity_resolvers.get("entities.story-context.v1") is resolve_entities
    assert entity_resolvers.get("entities.story-context.v2") is resolve_entities_v2


def test_worded_aliases() -> None:
    got = [a[:2] for a in worded_aliases(
        "Jamaat al-Tawhid, better known in Arabic as Tawhid wal-Jihad, claimed it. "
        "LINKdotNET, formerly Link Egypt, said so. Carolos Papoulias (also spelled Karolos Papoulias) spoke.")]
    assert got == [("Jamaat al-Tawhid", "Tawhid wal-Jihad"), ("LINKdotNET", "Link Egypt"),
                   ("Carolos Papoulias", "Karolos Papoulias")]
    assert worded_aliases("The group, known as the best in town, met.") == []  # no name after the cue


def test_alias_in_words_merges_only_in_v2() -> None:
    text = "The Unity Front, better known in Arabic as Jabhat al-Wahda, said on Monday. Jabhat al-Wahda denied it."
    r = _report("a", text, [("Unity Front", "ORG"), ("Jabhat al-Wahda", "ORG"), ("Jabhat al-Wahda", "ORG")])
    assert {"Unity Front", "Jabhat al-Wahda"} <= next(g for g in _groups(resolve_entities_v2([r])) if "Unity Front" in g)
    assert not any({"Unity Front", "Jabhat al-Wahda"} <= g for g in _groups(resolve_entities([r])))


def test_case_variant_and_titled_surname() -> None:
    a = _report("a", "LINKdotNET chief Hossam Farouk spoke. General Farouk later left.",
                [("LINKdotNET", "ORG"), ("Hossam Farouk", "PERSON"), ("General Farouk", "ORG")])
    b = _report("b", "LinkdotNet said Hossam Farouk had left.", [("LinkdotNet", "ORG"), ("Hossam Farouk", "PERSON")])
    groups = _groups(resolve_entities_v2([a, b]))
    assert any({"LINKdotNET", "LinkdotNet"} <= g for g in groups), groups
    person = next(e for e in resolve_entities_v2([a, b]) if "Hossam Farouk" in e.variants)
    assert person.type == "PERSON" and any("Farouk" in v and v != "Hossam Farouk" for v in person.variants)
    assert not any({"LINKdotNET", "LinkdotNet"} <= g for g in _groups(resolve_entities([a, b])))


def test_acronym_of_the_reports_own_outlet() -> None:
    r = _report("w", "PORT ALBA, Nov 17 (NCA) - The mayor resigned, a spokesman told NCA.",
                [("NCA", "ORG"), ("NCA", "ORG")], outlet="Northern Courier Agency")
    e = next(e for e in resolve_entities_v2([r]) if "NCA" in e.variants)
    assert e.name == "Northern Courier Agency" and "Northern Courier Agency" in e.variants
    other = _report("x", "A spokesman told NCA the mayor resigned.", [("NCA", "ORG")], outlet="Daily Post")
    assert all("Northern Courier Agency" not in e.variants for e in resolve_entities_v2([other]))


def test_a_shared_surname_is_read_within_its_report() -> None:
    a = _report("a", "Chris Weitz will direct. Weitz said he was thrilled.", [("Chris Weitz", "PERSON"), ("Weitz", "PERSON")])
    b = _report("b", "Paul Weitz left the film. Weitz said nothing.", [("Paul Weitz", "PERSON"), ("Weitz", "PERSON")])
    c = _report("c", "Chris Weitz and Paul Weitz are brothers. Weitz spoke.",
                [("Chris Weitz", "PERSON"), ("Paul Weitz", "PERSON"), ("Weitz", "PERSON")])
    ents = resolve_entities_v2([a, b, c])
    chris = next(e for e in ents if e.name == "Chris Weitz")
    paul = next(e for e in ents if e.name == "Paul Weitz")
    assert ("a", Span(25, 30)) in chris.mentions and ("b", Span(26, 31)) in paul.mentions
    # the report that names both keeps its bare "Weitz" apart
    assert ("c", Span(41, 46)) not in chris.mentions and ("c", Span(41, 46)) not in paul.mentions
    # v1: the ambiguous part stays apart everywhere
    v1 = next(e for e in resolve_entities([a, b, c]) if e.name == "Chris Weitz")
    assert ("a", Span(25, 30)) not in v1.mentions
