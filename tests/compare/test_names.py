"""same_entity on real name variants: OFAC SDN transliterations, ECB+ / provenance-dev story names, titles, acronyms."""
from __future__ import annotations

import pytest

from newstrace.compare.names import parse_name, same_entity, token_match, translit_key
from tests.conftest import DATA, read_jsonl_gz


@pytest.fixture(scope="module")
def sdn() -> dict[int, dict]:
    return {r["id"]: r for r in read_jsonl_gz(DATA / "ofac-sdn-names" / "sdn_names.jsonl.gz")}


def _news(name: str) -> str:
    surname, _, given = name.partition(", ")
    return f"{given} {surname.title()}".strip()


def test_qadhafi_spellings_from_the_sdn_list_are_one_person(sdn: dict[int, dict]) -> None:
    muammar = sdn[12606]
    assert muammar["primary_name"] == "QADHAFI, Muammar"
    spellings = [a["name"] for a in muammar["aliases"] if a["name"].endswith(", Muammar")]
    assert len(spellings) >= 6  # GADDAFI, AL-GADDAFI, EL-QADDAFI, QADDAFI, GADHAFI, GHATHAFI, ...
    missed = [s for s in spellings if not same_entity(_news(muammar["primary_name"]), _news(s), "PERSON")[0]]
    # ELKADDAFI fuses the article into the name; it is the one spelling the skeleton does not reach.
    assert missed in ([], ["ELKADDAFI, Muammar"]), missed


def test_qadhafi_family_members_share_a_surname_but_are_different_people(sdn: dict[int, dict]) -> None:
    family = [sdn[i]["primary_name"] for i in (12606, 12607, 12608, 12610)]
    for i, a in enumerate(family):
        for b in family[i + 1 :]:
            decision, reason = same_entity(_news(a), _news(b), "PERSON")
            assert not decision, (a, b, reason)
            assert "given name" in reason or reason == "different names"


def test_transliteration_reason_names_the_skeleton() -> None:
    assert same_entity("Muammar Qadhafi", "Moammar Kadhafi", "PERSON") == (
        True,
        "transliteration: muammar ~ moammar (mr), qadhafi ~ kadhafi (kdf)",
    )
    assert [translit_key(t) for t in ("qadhafi", "gaddafi", "kadhafi", "ghathafi", "qaddafi")] == ["kdf"] * 5


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Heydar Alishbandi", "Heidar Alishvandi"),  # provenance-dev 20ecbplus
        ("Hormozgan", "Hormuzgan"),
        ("Karavan", "Karvan"),
        ("Mark Teixeira", "Teixiera"),  # misspelling, surname only
        ("Oppal", "OPAL"),  # case and doubled letter
        ("Jim Oler", "James Oler"),  # hypocorism
        ("Winston K. Blackmore", "Winston Blackmore"),  # middle initial
        ("Mr. Blackmore", "WINSTON BLACKMORE"),
        ("Tara Reid's", "Reid"),  # possessive, surname-only reference
        ("Maj. Gen. Qassem Soleimani", "Major General Qassem Soleimani"),
        ("Qeshm Gov. Heidar Alishvandi", "Heydar Alishbandi"),
        ("Dr. Ayman al-Zawahiri", "Ayman Zawahiri"),
        ("President Barack Obama", "Obama"),
    ],
)
def test_person_variants_are_the_same_entity(a: str, b: str) -> None:
    decision, reason = same_entity(a, b, "PERSON")
    assert decision, reason


@pytest.mark.parametrize(
    ("a", "b", "why"),
    [
        ("Mark Teixeira", "John Teixeira", "different given name"),
        ("Tara Reid", "Harry Reid", "different given name"),
        ("Iran", "Iraq", "different names"),
        ("Austria", "Australia", "different names"),
        ("IAEA", "IMF", "different acronyms"),
    ],
)
def test_different_entities_stay_apart_with_a_reason(a: str, b: str, why: str) -> None:
    decision, reason = same_entity(a, b)
    assert not decision
    assert reason.startswith(why), reason


@pytest.mark.parametrize(
    ("acronym", "expansion"),
    [
        ("IAEA", "International Atomic Energy Agency"),
        ("PLO", "Palestine Liberation Organization"),
        ("RCMP", "Royal Canadian Mounted Police"),  # provenance-dev 36ecb
        ("USGS", "U.S. Geological Survey"),
        ("UAE", "United Arab Emirates"),
        ("B.C.", "British Columbia"),
    ],
)
def test_acronyms_match_their_expansion(acronym: str, expansion: str) -> None:
    decision, reason = same_entity(acronym, expansion, "ORG")
    assert decision and reason.startswith("acronym"), reason
    assert not same_entity(acronym, "International Monetary Fund", "ORG")[0]


def test_abbreviated_word_inside_a_name() -> None:
    assert same_entity("US Geological Survey", "United States Geological Survey", "ORG")[0]


@pytest.mark.parametrize(
    "variant",
    ["the Beirut daily An-Nahar", "An-Nahar newspaper", "An-Nahar", "An-Nahar's"],
)
def test_outlets_named_several_ways(variant: str) -> None:
    assert parse_name(variant, "ORG").key == "an nahar"


def test_outlet_name_forms_from_provenance_dev() -> None:
    assert same_entity("People magazine", "People.com", "ORG")[0]
    assert same_entity("Us Weekly", "UsMagazine.com", "ORG")[0]
    assert same_entity("WCVB - TV", "WCVB", "ORG")[0]
    assert same_entity("The Boston Herald", "Boston Herald", "ORG") == (True, "same normalised form: boston herald")


def test_descriptions_are_cut_from_place_names() -> None:
    for text in ("Qeshm island", "island of Qeshm", "the Persian Gulf island of Qeshm"):
        assert parse_name(text, "GPE").tokens == ("qeshm",), text
    # A description that starts the span is not a name; it is left as it is, not reduced to "Tehran".
    assert parse_name("seismological center in Tehran", "ORG").tokens != ("tehran",)


def test_token_match_kinds() -> None:
    assert token_match("teixiera", "teixeira") in ("transliteration", "misspelling")
    assert token_match("jim", "james") == "nickname"
    assert token_match("ghodrat", "ghodratollah") == "shortened"
    assert token_match("j", "john") == "initial"
    assert token_match("iran", "iraq") is None


def test_empty_and_odd_input_never_raise() -> None:
    assert same_entity("", "Reid") == (False, "no name left after normalisation")
    assert same_entity("''", "--") [0] is False
    assert same_entity("Ñoño Muñoz", "Nono Munoz", "PERSON")[0]  # transliterated to ASCII first


def test_acronyms_are_not_respelt_words() -> None:
    assert same_entity("U.S.", "Us", None) == (False, "acronym vs word")
    assert not same_entity("IRNA", "Iran", "ORG")[0]  # Iran's news agency, provenance-dev 20ecbplus
    assert same_entity("B.C.", "BC")[0]


# ---- entities-2: near misses, patronymics, romanisation rules, filiation words (real SDN records)


def _all_aliases_match(sdn: dict[int, dict], rid: int) -> list[str]:
    rec = sdn[rid]
    return [a["name"] for a in rec["aliases"] if not same_entity(_news(rec["primary_name"]), _news(a["name"]), "PERSON")[0]]


def test_belarusian_russian_and_ukrainian_spellings_of_one_person(sdn: dict[int, dict]) -> None:
    # Hryhoryavich / Grigorievich (h for g, a respelt patronymic), Lukashenka / Lukashenko, Serhiy / Sergey,
    # Oleh / Oleg, Siarhei / Sergey, Kalinowski / Kalinovskiy.
    for rid in (9760, 18323, 17163, 31913):
        assert _all_aliases_match(sdn, rid) == [], sdn[rid]["primary_name"]


def test_near_miss_and_filiation_words(sdn: dict[int, dict]) -> None:
    # Galdino / Galindo with two other parts equal; "Abdallah Bin Faysal" is "Abdallah Faysal".
    decision, reason = same_entity("Galdino Mellado Cruz", "Galindo Mellado Cruz", "PERSON")
    assert decision and reason.startswith("near"), reason
    # Every Al-Ahdal alias with or without "Bin" matches; "Al-Alahadil" (a doubled article) is out of reach.
    assert _all_aliases_match(sdn, 20980) == ["AL-ALAHADIL, Abdullah"]
    # Belarusian -au for Russian -ov: Karpiankou / Karpenkov (the given name Mikalai / Nikolai stays out of reach).
    assert same_entity("Mikalai Karpiankou", "Mikalai Karpenkov", "PERSON")[0]
    assert token_match("mohd", "mohammad") == "shortened"
    assert token_match("moha", "mohammad") is None  # a contraction keeps the last letter


def test_relatives_and_namesakes_stay_apart(sdn: dict[int, dict]) -> None:
    # Korean given names one letter apart are different people (the restricted h/g rule must not reach them).
    assert not same_entity("Kyong Hyok Kim", "Kyong Hak Kim", "PERSON")[0]
    assert not same_entity("Kwang Hyok Kim", "Kyong Hyok Kim", "PERSON")[0]
    # One shared surname plus a similar given name is not enough below the two-part floor.
    assert not same_entity("Kamal Mustafa Sultan Abdallah Al-Tikriti", "Jamal Mustafa Abdallah Sultan Al-Tikriti", "PERSON")[0]
    # The father's name after "bin" is dropped only inside the name: "Ben" first is a given name.
    assert parse_name("Ben Affleck", "PERSON").tokens == ("ben", "affleck")
    assert parse_name("Osama bin Laden", "PERSON").tokens == ("osama", "laden")
    # Two different patronymics do not rescue two different given names.
    assert not same_entity("Ivan Vladimirovich Osipov", "Pyotr Vasilyevich Osipov", "PERSON")[0]
    # Organisations never take the near-miss rule: Bank of England is not Bank of Ireland.
    assert not same_entity("Bank of England", "Bank of Ireland", "ORG")[0]


def test_vowel_only_spellings_need_close_letters(sdn: dict[int, dict]) -> None:
    # Leila / Leyla / Layla Vaseghi / Vaseqi: the skeleton of the given name is one consonant.
    assert _all_aliases_match(sdn, 34083) == []
    assert token_match("leila", "layla") == "transliteration"
    assert token_match("lola", "lily") is None  # three letters of four differ


def test_shared_article_strengthens_a_two_consonant_skeleton() -> None:
    # The examples' ferry, "Al Noor" / "Al-Nour": the article written before both is a third shared letter.
    assert same_entity("Al Noor", "Al-Nour")[0]
    # Without it, or with two different words after it, a two-consonant skeleton stays too weak.
    assert not same_entity("Noor", "Nour")[0]
    assert not same_entity("Al Noor", "Nour")[0]
    assert not same_entity("Al-Nair", "al-Noor")[0]


# names-3: romanisation rules found by an error analysis of the missed OFAC calibration-half variants (every
# pair below is a primary name and one of its aliases on the SDN list, written in news order).
@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Chekri Mahmoud Harb", "Shekry Harb"),  # French ch for sh
        ("Morteza Ghasemi", "Murtadi Qasimi"),  # Persian z for Arabic d, gh / q
        ("Mubarak Mushakhas Sanad Al-Bathali", "Mubarak Mishkhas Sanad Al-Bazali"),  # th / z
        ("Fouzi Reda Darwish Fawaz", "Fawaz Fawzi Reda"),  # w written u after a vowel
        ("Wassim Anwar Al-Qattan", "Wassim Anouar Al-Katan"),  # French ou for w before a vowel
        ("Cebrail Guzel", "Jebrail Guzel"),  # Turkish c
        ("Pwint San", "Pwint Hsan"),  # Burmese aspirated hs
        ("Yasin Ali Baynah", "Yassin Beenax"),  # Somali x for h
        ("Ekaterina Eduardovna Pyrkova", "Kateryna Eduardivna Pyrkova"),  # initial vowel
        ("Ramzan Akhmatovich Kadyrov", "Kadyrow Ramzan Achmatowisch"),  # German -owisch patronymic
        ("Abdulpatta Escalon Abubakar", "Abdul Patta Abu Bakar"),  # two compounds split at once
        ("Amanullah Afridi", "Aman Ullah"),  # compound tail
        ("Abdelrazag Elsharif Elosta", "Sharif 'Abd al-Razzaq"),  # Abd al- fused with its article
        ("Ramzi Mohammed Abdullah Binalshibh", "Ramzi Bin Al Shibh"),  # fused bin al-
        ("Jae Il Ri", "Ri Chae-Il"),  # Korean syllable, one-consonant skeleton, two confirming parts
        ("Nikolay Nikolayevich Trushchalov", "Mykola Mykolayovych Trushchalov"),  # Ukrainian given name
        ("Muhammad Sholeh Ibrahim", "Muh Sholeh Ibrahim"),  # Indonesian abbreviation
    ],
)
def test_romanisation_variants_from_the_calibration_half(a: str, b: str) -> None:
    decision, reason = same_entity(a, b, "PERSON")
    assert decision, reason


def test_new_romanisation_rules_keep_relatives_apart() -> None:
    # A compound must be spelt alike, not merely start alike: Abdul Haq is not Saimaiti Abdul.
    assert not same_entity("Abdul Haq", "Saimaiti Abdul", "PERSON")[0]
    # Intervocalic z only: Hamza is not Ahmed.
    assert token_match("hamza", "ahmed") is None
    # Equal one-consonant skeletons need two confirming parts: one shared surname is not enough.
    assert not same_entity("Jae Kim", "Chae Kim", "PERSON")[0]


def test_calibration_constraints_hold_at_the_chosen_thresholds() -> None:
    from bench.bench_entities import MUST_DIFFER, precision_lower_bound

    merged = [(a, b) for a, b, t in MUST_DIFFER if same_entity(a, b, t)[0]]
    assert merged == []
    # The margin shrinks with more negatives and is zero only without error.
    s = {"recall_all": 0.6, "hard_fp_rate": 0.02, "hard_negatives": 2700.0, "precision_hard": 0.6 / 0.62}
    wide = precision_lower_bound({**s, "hard_negatives": 300.0})
    assert wide < precision_lower_bound(s) < s["precision_hard"]


def test_known_given_names_of_different_families_stay_apart() -> None:
    # Skeletons collide on common Arabic names that are different names (calibration-half hard negatives).
    assert token_match("muhammad", "mahmud") is None  # both ``md``
    assert token_match("ahmad", "hamid") is None  # both ``amd``
    assert token_match("hassan", "hussein") is None  # both ``asn``
    assert not same_entity("Hala Mohammad Al-Nasser", "Fawaz Mahmud Ali Nasser", "PERSON")[0]
    # Within a family, and across the East Slavic / English equivalents, they stay one name.
    assert token_match("mahmoud", "mehmood") == "nickname"
    assert token_match("oleksandr", "alexander") == "nickname"
    assert token_match("mikhail", "michael") == "nickname"


def test_a_join_never_swallows_a_name_part() -> None:
    # "Ye Aung" written joined would be "Yeaung"; pairing it with a bare "Aung" drops "Ye" (a hard negative).
    assert not same_entity("Ye Aung", "Phyo Arkar Aung", "PERSON")[0]
    # A real join still pairs: "Abdul Malik" / "Abdulmalik".
    assert same_entity("Abdul Malik Rahimi", "Abdulmalik Rahimi", "PERSON")[0]


def test_known_given_names_are_no_near_miss() -> None:
    # Saddam Hussein's children: Ali and Hala share every other part (a calibration-half hard negative).
    assert not same_entity("Ali Saddam Hussein Al-Tikriti", "Hala Saddam Hussein Al-Tikriti", "PERSON")[0]
