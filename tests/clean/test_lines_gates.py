"""Eval gates for lines.v1 to lines.v6 on aeb page lines (the test set), scored with ../shared/eval/score_lines.py."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newstrace.clean.lines import clean_lines
from tests.conftest import EVAL, read_jsonl_gz
from tests.gates import floor

# gate-name prefix of each model in tests/clean/gates_lines.toml
PREFIX = {"lines.v1": "lines_aeb", "lines.v2": "lines_v2_aeb", "lines.v3": "lines_v3_aeb",
          "lines.v4": "lines_v4_aeb", "lines.v5": "lines_v5_aeb", "lines.v6": "lines_v6_aeb"}


@pytest.fixture(scope="module", params=sorted(PREFIX))
def aeb_lines_scores(request: pytest.FixtureRequest, shared_data: Path,
                     tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict]:
    version = request.param
    gold = shared_data / "aeb" / "aeb_page_lines.jsonl.gz"
    pred = tmp_path_factory.mktemp("lines") / "pred.jsonl"
    with pred.open("w", encoding="utf-8") as f:
        for page in read_jsonl_gz(gold):
            out = clean_lines("\n".join(page["lines"]), version=version)
            f.write(json.dumps({"id": page["id"], "text": out.text}) + "\n")
    run = subprocess.run([sys.executable, str(EVAL / "score_lines.py"), str(pred), str(gold)],
                         capture_output=True, text=True, check=True)
    return version, json.loads(run.stdout)


@pytest.mark.gate
def test_aeb_page_lines_line_f1(aeb_lines_scores: tuple[str, dict]) -> None:
    version, scores = aeb_lines_scores
    assert scores["lines"]["f1"] >= floor("clean", f"{PREFIX[version]}_line_f1")


@pytest.mark.gate
def test_aeb_page_lines_text_f1(aeb_lines_scores: tuple[str, dict]) -> None:
    version, scores = aeb_lines_scores
    assert scores["text"]["f1"] >= floor("clean", f"{PREFIX[version]}_text_f1")
