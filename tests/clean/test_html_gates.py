"""Eval gates for html.v1: F1 on aeb (181 news pages) and the trafilatura-eval sample (300 pages), and the
publication-date accuracy on the sample pages whose annotation has a date.

Figures come from the shared scorers (../shared/eval), run on predictions we write to a temp dir.
"""
from __future__ import annotations

import functools
import json
import subprocess
import sys
from pathlib import Path

import pytest

from newstrace.clean.base import Extracted
from newstrace.clean.html import extract_html
from tests.conftest import DATA, EVAL, read_jsonl_gz
from tests.gates import floor

AEB = DATA / "aeb" / "aeb.jsonl.gz"
TRAF = DATA / "trafilatura-eval" / "trafilatura_eval_sample.jsonl.gz"


def _score(script: str, predictions: Path, gold: Path) -> dict:
    out = subprocess.run([sys.executable, str(EVAL / script), str(predictions), str(gold)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


@functools.cache
def _extracted(gold: Path) -> tuple[tuple[dict, Extracted], ...]:
    return tuple((rec, extract_html(rec["html"], rec.get("url"))) for rec in read_jsonl_gz(gold))


def _write(gold: Path, key: str, path: Path) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for rec, ex in _extracted(gold):
            f.write(json.dumps({"id": rec[key], "text": ex.text}) + "\n")
    return path


@pytest.mark.gate
def test_aeb_html_f1(shared_data: Path, tmp_path: Path) -> None:
    result = _score("score_extraction.py", _write(AEB, "id", tmp_path / "aeb.jsonl"), AEB)
    assert result["missing"] == 0
    assert result["f1"] >= floor("clean", "aeb_html_f1"), result


@pytest.mark.gate
def test_trafilatura_eval_html_f1(shared_data: Path, tmp_path: Path) -> None:
    result = _score("score_snippets.py", _write(TRAF, "url", tmp_path / "traf.jsonl"), TRAF)
    assert result["pages"] == 300
    assert result["f1"] >= floor("clean", "trafeval_html_f1"), result


@pytest.mark.gate
def test_trafilatura_eval_date_accuracy(shared_data: Path) -> None:
    """Exact-day accuracy of `published` against the annotations' `date` (pages without a date excluded)."""
    dated = [(rec, ex) for rec, ex in _extracted(TRAF) if rec.get("date")]
    assert len(dated) >= 200
    correct = sum(1 for rec, ex in dated if ex.published and ex.published[:10] == rec["date"][:10])
    assert correct / len(dated) >= floor("clean", "trafeval_date_accuracy"), (correct, len(dated))
