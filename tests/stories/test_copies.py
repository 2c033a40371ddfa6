"""Copies: passage alignment, the copy decision, which one is the original, LSH candidates."""
from __future__ import annotations

import itertools
import json
import re

import pytest

from newstrace.model import Report
from newstrace.stories.copies import CopyIndex, compare, find_copies, is_copy, original_of
from tests.conftest import DATA, read_jsonl_gz


@pytest.fixture(scope="module")
def dev() -> tuple[dict[str, Report], list[dict]]:
    rows = {r["doc_id"]: r for r in read_jsonl_gz(DATA / "ecbplus" / "ecbplus_docs.jsonl.gz")}
    prov = json.loads((DATA / "provenance-dev" / "provenance_dev.json").read_text(encoding="utf-8"))
    reports = {d: Report(id=d, text=rows[d]["text"]) for st in prov for d in st["doc_ids"]}
    return reports, prov


def test_real_copy_pairs_are_found_with_their_passages(dev) -> None:
    reports, prov = dev
    for a, b in (("36_1ecb", "36_9ecb"), ("20_1ecbplus", "20_6ecbplus")):
        got = find_copies(reports[a], [reports[x] for x in reports if x != a])
        assert b in [c.b for c in got], a
        c = next(c for c in got if c.b == b)
        assert c.original is None  # no dates, no credit: unknown, not guessed
        for sa, sb in c.passages:
            # a passage is the same words on both sides (light edits inside may differ)
            wa, wb = (re.findall(r"\w+", x.lower()) for x in (sa.of(reports[a].text), sb.of(reports[b].text)))
            assert wa[:3] == wb[:3] and wa[-3:] == wb[-3:]


def test_same_story_non_copies_are_not_flagged(dev) -> None:
    reports, prov = dev
    real = {frozenset(c["docs"]) for st in prov for c in st["copies"]}
    flagged = []
    for st in prov:
        for a, b in itertools.combinations(st["doc_ids"], 2):
            if frozenset((a, b)) not in real and is_copy(compare(reports[a], reports[b])):
                flagged.append((a, b))
    assert flagged == []


def test_original_from_credit_then_dates() -> None:
    a = Report(id="a", text="x", outlet="AP", published="2020-01-02")
    b = Report(id="b", text="Originally published in AP. x", outlet="Daily", published="2020-01-01")
    assert original_of(a, b)[0] == "a"  # the credit beats the (misleading) dates
    c = Report(id="c", text="x", published="2020-01-03")
    assert original_of(b, c) == ("b", "b published earlier (2020-01-01)")
    assert original_of(Report(id="d", text="x"), Report(id="e", text="x"))[0] is None
    wire = Report(id="w", text="x", outlet="Reuters")
    assert original_of(Report(id="p", text="LONDON ( reuters ) - x"), wire)[0] == "w"  # the credit line, any case
    assert original_of(Report(id="q", text="Reuters said x, via email."), wire)[0] is None  # a mention is no credit


def test_empty_and_tiny_texts_are_no_copies() -> None:
    assert compare(Report(id="a"), Report(id="b", text="some words here")) is None
    assert find_copies(Report(id="a", text="hi"), [Report(id="b", text="hi")]) == []


def test_lsh_finds_a_partial_copy(dev) -> None:
    reports, _ = dev
    ix = CopyIndex()
    for r in reports.values():
        ix.add(r)
    src = reports["36_1ecb"].text
    half = Report(id="half", text=src[: len(src) // 2])
    assert "36_1ecb" in ix.query(half)


def test_prefilter_never_rules_out_a_copy(dev) -> None:
    """`may_copy` screens pairs before alignment; every pair of the dev stories that `compare` calls a copy must
    pass it, with room to spare (its bound is derived, not fitted: a copy shares far more k-grams than it)."""
    from newstrace.stories.copies import may_copy, signature, tokens

    reports, prov = dev
    toks = {d: tokens(r.text) for d, r in reports.items()}
    sigs = {d: signature(t) for d, t in toks.items()}
    copies = screened = 0
    for st in prov:
        for a, b in itertools.combinations(sorted(st["doc_ids"]), 2):
            c = compare(reports[a], reports[b], toks[a], toks[b])
            if not may_copy(sigs[a], sigs[b]):
                screened += 1
                assert not is_copy(c), (a, b)
            if is_copy(c):
                copies += 1
                assert may_copy(sigs[a], sigs[b]), (a, b)
    assert copies >= 2 and screened > 0  # both sides of the screen are exercised


def test_find_copies_with_kept_signatures_equals_without(dev) -> None:
    from newstrace.stories.copies import shingled

    reports, _ = dev
    sigs = {d: shingled(r.text) for d, r in reports.items()}
    for a in ("36_1ecb", "20_1ecbplus"):
        others = [reports[x] for x in reports if x != a]
        assert find_copies(reports[a], others, sigs) == find_copies(reports[a], others)


def _reference_align(ta, tb, k: int = 3, gap: int = 7, min_passage: int = 6, cap: int = 8):
    """The string-keyed, position-by-position alignment that `copies.align` replaced (2026-12-07), kept here as
    the specification the array version must reproduce exactly."""
    from newstrace.stories.copies import shingles

    where: dict[str, list[int]] = {}
    for j, s in enumerate(shingles(tb, k)):
        where.setdefault(s, []).append(j)
    runs: list[list[int]] = []
    open_runs: dict[int, int] = {}
    for i, s in enumerate(shingles(ta, k)):
        nxt: dict[int, int] = {}
        for j in where.get(s, ())[:cap]:
            d = j - i
            r = open_runs.get(d)
            if r is not None:
                runs[r][1], runs[r][3] = i + k, j + k
            else:
                runs.append([i, i + k, j, j + k])
                r = len(runs) - 1
            nxt[d] = r
        open_runs = nxt
    runs.sort(key=lambda r: (r[0], r[2]))
    passages: list[list[int]] = []
    for r in runs:
        if passages:
            p = passages[-1]
            if 0 <= r[0] - p[1] <= gap and -k <= r[2] - p[3] <= gap:
                p[1], p[3] = max(p[1], r[1]), max(p[3], r[3])
                continue
            if r[1] <= p[1] and r[3] <= p[3] and r[0] >= p[0] and r[2] >= p[2]:
                continue
        passages.append(list(r))
    return [((p[0], p[1]), (p[2], p[3])) for p in passages if min(p[1] - p[0], p[3] - p[2]) >= min_passage]


def test_array_alignment_equals_the_reference_on_real_pairs(dev) -> None:
    """Every pair of the dev stories (copies, partial copies, same-topic reports) plus edited and repetitive
    variants: `align` on `shingled` forms gives exactly the reference's passages."""
    from newstrace.stories import copies as C

    reports, prov = dev
    texts = [r.text for r in reports.values()]
    edited = [re.sub(r"\b(the|a|of)\b", "x", t) for t in texts[:6]]  # a word changed every few tokens
    repeated = [" ".join([t[:300]] * 12) for t in texts[:3]]  # k-grams repeated past the match cap
    pool = texts + edited + repeated + ["", "one two", "one two three"]
    checked = copies = 0
    for a, b in itertools.combinations(pool, 2):
        ta, tb = C.tokens(a), C.tokens(b)
        got = C.align(C.shingled(ta), C.shingled(tb))
        assert got == _reference_align(ta, tb), (a[:60], b[:60])
        checked += 1
        copies += bool(got)
    assert checked > 1000 and copies > 50
