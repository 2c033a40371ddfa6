"""Cheap features: names, numbers and words of one report."""
from __future__ import annotations

from newstrace.model import Mention, Report, Span
from newstrace.stories.features import extract, names, numbers, words


def test_names_keep_sequences_and_their_words() -> None:
    got = names('Word comes that Tara Reid, 33, entered the Promises Treatment Center in Malibu.')
    assert "tara reid" in got and "reid" in got and "promises treatment center" in got and "malibu" in got
    # weekdays and months are capitalised but carry no story identity
    assert "friday" not in names("Police said on Friday in March that Smith was held.")


def test_numbers_normalise_separators_and_drop_noise() -> None:
    assert numbers("13,000 yards, a 5.9 quake, 1 man, 2005") == ["13000", "5.9", "2005"]


def test_words_drop_stop_words_and_fold_plurals() -> None:
    assert words("The quakes destroyed villages") == ["quake", "destroyed", "village"]


def test_spacy_mentions_are_used_when_present() -> None:
    r = Report(id="a", text="the ministry said", mentions=[Mention("a", Span(0, 12), "ORG", "the ministry")])
    assert extract(r).names["the ministry"] == 1


def test_empty_report_has_empty_features() -> None:
    assert extract(Report(id="e")).empty
    assert not extract(Report(id="t", title="Quake in Iran")).empty
