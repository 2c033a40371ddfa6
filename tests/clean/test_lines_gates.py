"""Eval gates for lines.v1 on aeb page lines (the test set), scored with ../shared/eval/score_lines.py."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newstrace.clean.lines import clean_lines
from tests.conftest import EVAL, read_jsonl_gz
from tests.gates import floor


@pytest.fixture(scope="module")
def aeb_lines_scores(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    gold = shared_data / "aeb" / "aeb_page_lines.jsonl.gz"
    pred = tmp_path_factory.mktemp("lines") / "pred.jsonl"
    with pred.open("w", encoding="utf-8") as f:
        for page in read_jsonl_gz(gold):
            out = clean_lines("\n".join(page["lines"]))
            f.write(json.dumps({"id": page["id"], "text": out.text}) + "\n")
    run = subprocess.run([sys.executable, str(EVAL / "score_lines.py"), str(pred), str(gold)],
                         capture_output=True, text=True, check=True)
    return json.loads(run.stdout)


@pytest.mark.gate
def test_aeb_page_lines_line_f1(aeb_lines_scores: dict) -> None:
    assert aeb_lines_scores["lines"]["f1"] >= floor("clean", "lines_aeb_line_f1")


@pytest.mark.gate
def test_aeb_page_lines_text_f1(aeb_lines_scores: dict) -> None:
    assert aeb_lines_scores["text"]["f1"] >= floor("clean", "lines_aeb_text_f1")
