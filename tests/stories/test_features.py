"""Cheap features: names, numbers and words of one report."""
from __future__ import annotations

from newstrace.model import Mention, Report, Span
from newstrace.stories.features import extract, name_key, names, numbers, words


def test_names_keep_sequences_and_their_words() -> None:
    got = names('Word comes that Tara Reid, 33, entered the Promises Treatment Center in Malibu.')
    assert {name_key(n) for n in ("tara reid", "reid", "promises treatment center", "malibu")} <= set(got)
    # weekdays and months are capitalised but carry no story identity
    assert name_key("friday") not in names("Police said on Friday in March that Smith was held.")


def test_numbers_normalise_separators_and_drop_noise() -> None:
    assert numbers("13,000 yards, a 5.9 quake, 1 man, 2005") == ["13000", "5.9", "2005"]


def test_words_drop_stop_words_and_fold_plurals() -> None:
    assert words("The quakes destroyed villages") == ["quake", "destroyed", "village"]


def test_spacy_mentions_are_used_when_present() -> None:
    r = Report(id="a", text="the ministry said", mentions=[Mention("a", Span(0, 12), "ORG", "the ministry")])
    assert extract(r).names[name_key("ministry")] == 1


def test_empty_report_has_empty_features() -> None:
    assert extract(Report(id="e")).empty
    assert not extract(Report(id="t", title="Quake in Iran")).empty


def test_number_words_count_as_digits() -> None:
    # "Eleven injured" and "injuring 11 people" state the same number
    assert numbers("Eleven passengers were hurt") == ["11"]
    assert numbers("one man") == []  # "one" is a pronoun as often as a number


def test_name_keys_ignore_hyphens_articles_and_transliterated_vowels() -> None:
    assert name_key("Al-Nour") == name_key("Al Noor") == name_key("the Al Nour")
    assert name_key("Port Salim") != name_key("Port Said")  # consonants still tell names apart
    assert name_key("Al-Nour") in names("The ferry Al-Nour struck the pier.")
    assert name_key("Nour") in names("The ferry Al-Nour struck the pier.")


def test_shouted_text_keeps_only_the_words_the_store_writes_as_names() -> None:
    from newstrace.stories.features import recase, shouted

    text = "BC ATTORNEY GENERAL WALLY OPAL SAID TWO MEN, WINSTON BLACKMORE AND JAMES OLER, WERE ARRESTED."
    assert shouted(text) and not shouted("BC Attorney General Wally Opal said two men were arrested.")
    known = {"bc", "wally", "opal", "winston", "blackmore", "james", "oler"}
    re_cased = recase(text, known.__contains__)
    assert len(re_cased) == len(text)
    assert re_cased.startswith("Bc attorney general Wally Opal said two men, Winston Blackmore and James Oler")
    r = Report(id="x", text=text)
    loud = extract(r)  # without a store every shouted word looks like a name
    quiet = extract(r, known.__contains__)
    assert name_key("arrested") in loud.names and name_key("arrested") not in quiet.names
    assert name_key("Wally Opal") in quiet.names and name_key("James Oler") in quiet.names
    assert quiet.body == loud.body
