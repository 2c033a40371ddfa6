"""The self-written part of the PolNeAR-guideline dev set (own.jsonl) loads with every span exact."""

from __future__ import annotations

import json
import re

import pytest

from bench import polnear_dev

ACTS = {"speech", "belief", "stance", "intention", "evidence", "unsourced"}
KINDS = {"direct", "indirect", "mixed", "according_to", "sourceless"}
MIN_OWN_DOCS = 16  # texts written so far (see bench/data/polnear_dev/OWN.md)


def _own() -> list[dict]:
    return [json.loads(line) for line in polnear_dev.OWN_SET.read_text(encoding="utf-8").splitlines() if line.strip()]


def _kind(att: dict) -> str:
    """attrib-dev first-match rules, computed from the spans (the held-out set's loader has them)."""
    from bench.polnear_dev2 import kind

    return kind(att)


def test_own_file_exists_and_floor() -> None:
    records = _own()
    assert len(records) >= MIN_OWN_DOCS
    ids = [rec["doc_id"] for rec in records]
    assert len(set(ids)) == len(ids)
    assert all(i.startswith("own_") for i in ids)


def test_own_spans_and_fields() -> None:
    for rec in _own():
        text = rec["text"]
        assert 150 <= len(re.findall(r"\S+", text)) <= 400, rec["doc_id"]
        assert rec["attributions"], rec["doc_id"]
        starts = [att["content"]["start"] for att in rec["attributions"]]
        assert starts == sorted(starts)
        for att in rec["attributions"]:
            for span in [att[f] for f in polnear_dev.SPAN_FIELDS] + att["via"]:
                if span is not None:
                    assert 0 <= span["start"] < span["end"] <= len(text)
                    assert text[span["start"]:span["end"]] == span["text"], (rec["doc_id"], span)
                    assert span["text"] == span["text"].strip()
            assert att["content"] is not None
            assert att["act"] in ACTS
            assert att["kind"] in KINDS
            assert att["kind"] == _kind(att), (rec["doc_id"], att["content"]["text"])
            assert (att["act"] == "unsourced") == (att["source"] is None and att["cue"] is not None)
            if att["source"] is None and att["cue"] is None:  # bare quotation
                assert att["kind"] == "direct" and att["source_resolved"]


@pytest.mark.skipif(not polnear_dev.DEFAULT_ECB.exists(), reason="../shared ECB+ file absent")
def test_load_all_includes_own() -> None:
    records = polnear_dev.load_all()
    own_ids = {rec["doc_id"] for rec in _own()}
    assert own_ids <= {rec["doc_id"] for rec in records}
    assert len({rec["doc_id"] for rec in records}) == len(records)
