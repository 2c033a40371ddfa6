"""Chunking and language detection of the spaCy layer."""
from __future__ import annotations

from newstrace.nlp.pipeline import chunk_bounds, detect_language
from tests.conftest import DATA, read_jsonl_gz
from tests.nlp.helpers import attrib


def test_chunks_cover_the_text_exactly_and_end_at_sentence_ends() -> None:
    text = " ".join(r["text"] for r in attrib("attrib_dev").values() if r["text"])
    bounds = chunk_bounds(text, max_chunk_chars=3000)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:]))
    assert all(0 < e - s <= 3000 for s, e in bounds)
    # all but the last end right after a sentence end (then whitespace)
    ends = [text[:e].rstrip()[-1] for _, e in bounds[:-1]]
    assert sum(c in ".!?'\"”" for c in ends) >= 0.9 * len(ends)


def test_chunking_falls_back_to_whitespace_and_hard_cuts() -> None:
    assert chunk_bounds("aaaa bbbb cccc", max_chunk_chars=6) == [(0, 5), (5, 10), (10, 14)]
    assert chunk_bounds("x" * 10, max_chunk_chars=4) == [(0, 4), (4, 8), (8, 10)]
    assert chunk_bounds("", max_chunk_chars=4) == []


def test_language_detection_on_real_text() -> None:
    rec = read_jsonl_gz(DATA / "spkatt2023" / "spkatt2023_task1.jsonl.gz")[0]
    german = " ".join(" ".join(s["tokens"]) for s in rec["sentences"][:20])
    assert detect_language(german) == "de"
    assert detect_language(attrib("attrib_dev")["9_2ecbplus"]["text"]) == "en"
    assert detect_language("Hi.") is None


def test_cue_form_screen_never_changes_the_answer() -> None:
    """`is_cue_form` skips the lemmatizer for words outside `_possible_cue_forms`; on every word of the ECB+ texts
    (and inflections of the cue lemmas) it answers as running spaCy's rule lemmatizer on each word does."""
    import re

    from newstrace.nlp import pipeline as P

    words = {w.lower() for r in read_jsonl_gz(DATA / "ecbplus" / "ecbplus_docs.jsonl.gz")
             for w in re.findall(r"[^\W\d_]+", r["text"])}
    words |= {lem + suf for lem in P._cue_set() for suf in ("s", "es", "ed", "d", "ing", "er", "ers", "ion")}
    nlp = P.load(P.MODEL, P.STAGE_DISABLE)
    lem, cue = nlp.get_pipe("lemmatizer"), P._cue_set()

    def reference(w: str) -> bool:
        if w in cue:
            return True
        if not w.isalpha():
            return False
        t = nlp.make_doc(w)
        if len(t) != 1:
            return False
        t = t[0]
        for pos in ("VERB", "NOUN"):
            t.pos_ = pos
            if any(x.lower() in cue for x in (lem.rule_lemmatize(t) or [w])):
                return True
        return False

    P._CUE_FORM.clear()
    got = {w for w in words if P.is_cue_form(w)}
    want = {w for w in words if reference(w)}
    assert got == want
    assert len(words) > 10_000 and len(want) > 200
