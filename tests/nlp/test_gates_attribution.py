"""Eval gates: attribution F1 on attrib-dev (development set) and attrib_dev_extra (held-out check), scored by
../shared/eval/score_attribution.py exactly as the issue measures it."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newstrace.model import Report
from newstrace.nlp import annotate, attributions_json
from tests.conftest import DATA, EVAL, read_jsonl_gz
from tests.gates import floor

SETS = {"attrib_dev": "attrib_dev.jsonl.gz", "attrib_extra": "attrib_dev_extra.jsonl.gz"}


def _score(name: str, tmp_path: Path) -> dict:
    gold = DATA / "attrib-dev" / SETS[name]
    recs = read_jsonl_gz(gold)
    preds = tmp_path / f"{name}.jsonl"
    with preds.open("w", encoding="utf-8") as f:
        for r in annotate([Report(id=d["doc_id"], text=d["text"], language="en") for d in recs]):
            f.write(json.dumps(attributions_json(r)) + "\n")
    out = subprocess.run([sys.executable, str(EVAL / "score_attribution.py"), str(preds), str(gold)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


@pytest.mark.gate
@pytest.mark.parametrize("name", sorted(SETS))
def test_attribution_f1_floors(name: str, tmp_path: Path, shared_data: Path) -> None:
    res = _score(name, tmp_path)
    assert res["with_source"]["f1"] >= floor("nlp", f"{name}_with_source_f1"), res
    assert res["content"]["f1"] >= floor("nlp", f"{name}_content_f1"), res
