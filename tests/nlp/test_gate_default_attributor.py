"""Eval gate for the DEFAULT attributor (what `newstrace attributions` and `ingest` run), not only attribution.v1."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newstrace.model import Report
from newstrace.pipeline import nlp_stage
from newstrace.settings import Settings
from tests.conftest import DATA, EVAL, read_jsonl_gz
from tests.gates import floor
from tests.nlp.helpers import resolved_name_hits


@pytest.mark.gate
@pytest.mark.parametrize(("gold_file", "gate"), [("attrib_dev.jsonl.gz", "attrib_dev_default_with_source_f1"),
                                                 ("attrib_dev_extra.jsonl.gz", "attrib_extra_default_with_source_f1")])
def test_default_attributor_on_attrib_dev(gold_file: str, gate: str, tmp_path: Path, shared_data: Path) -> None:
    from newstrace.nlp import attributions_json

    gold = DATA / "attrib-dev" / gold_file
    preds = tmp_path / "p.jsonl"
    name = Settings().attributor
    with preds.open("w", encoding="utf-8") as f:
        for d in read_jsonl_gz(gold):
            f.write(json.dumps(attributions_json(nlp_stage(Report(id=d["doc_id"], text=d["text"]), name))) + "\n")
    res = json.loads(subprocess.run([sys.executable, str(EVAL / "score_attribution.py"), str(preds), str(gold)],
                                    capture_output=True, text=True, check=True).stdout)
    assert res["with_source"]["f1"] >= floor("nlp", gate), (name, res)


_PRONOUNS = frozenset("he she they it him her who which that them we i".split())


@pytest.mark.gate
def test_default_attributor_names_described_sources(shared_data: Path) -> None:
    """attrib-dev's description sources ("the judge", "the company") named by the default attributor."""
    from newstrace.nlp import attributions_json

    recs = read_jsonl_gz(DATA / "attrib-dev" / "attrib_dev.jsonl.gz")
    name = Settings().attributor
    preds = [attributions_json(nlp_stage(Report(id=d["doc_id"], text=d["text"]), name)) for d in recs]
    ok, n = resolved_name_hits(recs, preds, lambda t: t not in _PRONOUNS)  # descriptions, not pronouns
    assert n >= 15 and ok / n >= floor("nlp", "attrib_dev_default_description_name_accuracy"), (name, ok, n)
