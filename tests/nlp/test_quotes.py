"""Quotation detection over raw characters (plain, curly and ECB+/PTB-tokenised marks)."""
from __future__ import annotations

from newstrace.nlp.quotes import find_inner_quotes, find_quotes, quote_at
from tests.nlp.helpers import attrib


def texts(t: str) -> list[str]:
    return [q.text for q in find_quotes(t)]


def test_plain_curly_and_tokenised_marks() -> None:
    assert texts('He said "we will win" today.') == ['"we will win"']
    assert texts("“ ONE MORE YEAR! ” they chanted") == ["“ ONE MORE YEAR! ”"]
    assert texts("x `` a b '' y \" c d \" e") == ["`` a b ''", '" c d "']


def test_split_quote_gives_two_quotes() -> None:
    t = "\" It is that fan base , \" McDermott said , \" that figured it out . ''"
    assert texts(t) == ['" It is that fan base , "', "\" that figured it out . ''"]


def test_stray_closing_mark_and_unclosed_quote_do_not_swallow_the_text() -> None:
    assert texts("a '' b \"c d\" e") == ['"c d"']
    long = '"' + "word " * 2000 + "end."
    assert texts(long) == []  # never closed within max_chars: a stray mark


def test_quotes_never_cross_a_paragraph_break() -> None:
    t = '"First paragraph goes on\n\n"Second one closes here."'
    assert texts(t) == ['"Second one closes here."']


def test_offsets_are_exact_on_real_documents() -> None:
    for rec in list(attrib("attrib_dev").values())[:20]:
        text = rec["text"]
        for q in find_quotes(text):
            assert text[q.start:q.end] == q.text and q.words >= 0
            assert quote_at(find_quotes(text), q.start) == q


def test_inner_single_quotes_skip_contractions() -> None:
    t = "\"I said, 'I 'm her mother. ... That's my baby,' '' she said."
    inner = find_inner_quotes(t, find_quotes(t))
    assert [q.text for q in inner] == ["'I 'm her mother. ... That's my baby,'"]
    t2 = "\"We do n't know what 's next, '' he said."
    assert find_inner_quotes(t2, find_quotes(t2)) == []


def test_quoted_paragraphs_reopened_without_closing_marks_are_one_quotation() -> None:
    from tests.nlp.helpers import excerpt

    text = excerpt("32_4ecbplus", "Gill Sandford", "difficult time. \"")
    (q,) = find_quotes(text)
    assert q.text.startswith('"The university') and q.text.endswith('difficult time. "')


def test_a_mark_glued_to_the_cue_frame_still_closes() -> None:
    text = 'He said, "Why did you do it? Why did you stand there? "the widow read. Later "A new quote. "'
    assert [q.text for q in find_quotes(text)][0] == '"Why did you do it? Why did you stand there? "'


def test_no_reopening_across_narration_with_its_own_cue() -> None:
    from tests.nlp.helpers import excerpt

    text = excerpt("43_3ecb", "If that happens", "platform systems, ''")
    qs = find_quotes(text)
    assert not any("Hartog said" in q.text and "Nvidia will continue" in q.text for q in qs)
