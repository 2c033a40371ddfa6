"""The PolNeAR-guideline dev set rebuilds from ECB+ with every span exact."""

from __future__ import annotations

import json

import pytest

from bench import polnear_dev

ACTS = {"speech", "belief", "stance", "intention", "evidence", "unsourced"}
KINDS = {"direct", "indirect", "mixed", "according_to", "sourceless"}
MIN_DOCS = 40  # all 40 of the seed-14 sample (see README "Selection")

pytestmark = pytest.mark.skipif(not polnear_dev.DEFAULT_ECB.exists(), reason="../shared ECB+ file absent")


def test_committed_file_has_no_text() -> None:
    for line in polnear_dev.ECB_SET.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        assert "text" not in rec
        for att in rec["attributions"]:
            assert all(att[f] is None or "text" not in att[f] for f in polnear_dev.SPAN_FIELDS)


def test_spans_and_fields() -> None:
    records = polnear_dev.load_ecb()
    assert len(records) >= MIN_DOCS
    assert len({rec["doc_id"] for rec in records}) == len(records)
    for rec in records:
        text = rec["text"]
        for att in rec["attributions"]:
            for span in [att[f] for f in polnear_dev.SPAN_FIELDS] + att["via"]:
                if span is not None:
                    assert text[span["start"]:span["end"]] == span["text"]
                    assert span["text"] == span["text"].strip()
            assert att["act"] in ACTS
            assert att["kind"] in KINDS
            assert (att["source"] is None) == (att["act"] == "unsourced") or att["cue"] is None
            assert (att["kind"] == "sourceless") == (att["source"] is None and att["cue"] is not None)


def test_sha_mismatch_is_reported(tmp_path) -> None:
    line = polnear_dev.ECB_SET.read_text(encoding="utf-8").splitlines()[0]
    rec = json.loads(line)
    rec["text_sha256"] = "0" * 64
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    with pytest.raises(polnear_dev.PolnearDevError):
        polnear_dev.load_ecb(set_path=bad)


def test_write_gold(tmp_path) -> None:
    out = tmp_path / "gold.jsonl"
    n = polnear_dev.write_gold(out)
    assert n >= MIN_DOCS
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert first["text"] and "attributions" in first
