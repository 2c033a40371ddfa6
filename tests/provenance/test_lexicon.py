"""provenance/lexicon.toml: outlet, wire and title knowledge lives in a documented data file."""
from __future__ import annotations

import re

from newstrace.provenance.credits import wire_of
from newstrace.provenance.lexicon import lexicon


def test_outlets_by_word_name_and_call_sign() -> None:
    rx = lexicon().outlet_rx
    for phrase in ("the Riverside Chronicle", "Reuters", "KTLA-TV", "WCVB", "Yahoo Sports", "example.com"):
        assert rx.search(phrase), phrase
    for phrase in ("the ministry", "Kosovo", "the WHO", "wine"):
        assert not rx.search(phrase), phrase


def test_titles_before_a_name_with_any_leading_acronym() -> None:
    strip = lexicon().title_prefix_rx
    assert strip.sub("", "RCMP Sgt. Tim Shields") == "Tim Shields"
    assert strip.sub("", "B.C. Attorney-General Wally Oppal") == "Wally Oppal"
    assert strip.sub("", "OPP Constable Ann Lee") == "OPP Constable Ann Lee"  # not a title of the file
    assert strip.sub("", "Ann Lee") == "Ann Lee"


def test_ranks_are_titles_for_the_v2_reader_only() -> None:
    ranks = lexicon().rank_prefix_rx
    assert ranks.sub("", "OPP Constable Ann Lee") == "Ann Lee"
    assert ranks.sub("", "RCMP Sgt. Tim Shields") == "Tim Shields"
    assert ranks.sub("", "OPP Chef Ann Lee") == "OPP Chef Ann Lee"
    assert ranks.sub("", "Ann Lee") == "Ann Lee"


def test_wires_come_from_the_file() -> None:
    assert re.fullmatch(lexicon().wires_alt, "Agence France-Presse")
    assert wire_of("PARIS (AFP) - A strike began.") == "AFP"
    assert "CEO" in lexicon().not_employers


def test_source_nouns_and_groups_come_from_the_lexicon() -> None:
    from newstrace.provenance.lexicon import lexicon
    from newstrace.provenance.origins import unnamed_group
    from newstrace.provenance.sources import group_words

    lex = lexicon()
    assert lex.unnamed < lex.unnamed_v2 and {"detectives", "officers", "resident"} <= lex.unnamed_v2 - lex.unnamed
    assert unnamed_group("investigators") == "police" and unnamed_group("aides") == "source"
    assert unnamed_group("janitors") == "janitors"  # a head the lexicon does not group is its own kind
    assert {"police", "investigators", "detectives", "officers"} <= group_words("police")
    assert "witness" in lex.never_tied and "police" not in lex.never_tied
    # every group's heads are unnamed heads the reader knows, so a grouped head can be read at all
    assert set(lex.group_of) <= lex.unnamed_v2 | {"expert"}
