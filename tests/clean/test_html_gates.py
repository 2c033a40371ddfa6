"""Eval gates for html.v1: F1 on aeb (181 news pages) and the trafilatura-eval sample (300 pages).

Figures come from the shared scorers (../shared/eval), run on predictions we write to a temp dir.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newstrace.clean.html import extract_html
from tests.conftest import DATA, EVAL, read_jsonl_gz
from tests.gates import floor

AEB = DATA / "aeb" / "aeb.jsonl.gz"
TRAF = DATA / "trafilatura-eval" / "trafilatura_eval_sample.jsonl.gz"


def _score(script: str, predictions: Path, gold: Path) -> dict:
    out = subprocess.run([sys.executable, str(EVAL / script), str(predictions), str(gold)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def _predict(gold: Path, key: str, path: Path) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for rec in read_jsonl_gz(gold):
            ex = extract_html(rec["html"], rec.get("url"))
            f.write(json.dumps({"id": rec[key], "text": ex.text}) + "\n")
    return path


@pytest.mark.gate
def test_aeb_html_f1(shared_data: Path, tmp_path: Path) -> None:
    result = _score("score_extraction.py", _predict(AEB, "id", tmp_path / "aeb.jsonl"), AEB)
    assert result["missing"] == 0
    assert result["f1"] >= floor("clean", "aeb_html_f1"), result


@pytest.mark.gate
def test_trafilatura_eval_html_f1(shared_data: Path, tmp_path: Path) -> None:
    result = _score("score_snippets.py", _predict(TRAF, "url", tmp_path / "traf.jsonl"), TRAF)
    assert result["pages"] == 300
    assert result["f1"] >= floor("clean", "trafeval_html_f1"), result
