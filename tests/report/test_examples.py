"""The examples story, scored against examples/expected.json with the project's scorer: pinned as eval gates."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from tests.gates import floor

ROOT = Path(__file__).resolve().parents[2]


def _score_examples():
    spec = importlib.util.spec_from_file_location("score_examples", ROOT / "examples" / "score_examples.py")
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def scored(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return _score_examples().main(["--builder", "--out", str(tmp_path_factory.mktemp("examples"))])


@pytest.fixture(scope="module")
def scored_clean(tmp_path_factory: pytest.TempPathFactory) -> dict:
    # the full route: Corpus.ingest -> stories -> dossier on a fresh DuckDB
    return _score_examples().main(["--out", str(tmp_path_factory.mktemp("examples_corpus"))])


def test_every_expected_wording_is_located(scored: dict) -> None:
    assert scored["claims"] == 5 and scored["wordings_not_in_text"] == []


@pytest.mark.gate
@pytest.mark.parametrize("gate, key", [
    ("examples_claim_recall", "claim_recall"),
    ("examples_report_recall", "report_recall"),
    ("examples_origins_right", "origins_right"),
    ("examples_circular_right", "circular_right"),
    ("examples_variant_pairs_merged", "variant_pairs_merged"),
])
def test_examples_gate(scored: dict, gate: str, key: str) -> None:
    assert scored[key] >= floor("report", gate), (key, scored[key])


@pytest.mark.gate
@pytest.mark.parametrize("gate, key", [
    ("examples_clean_claim_recall", "claim_recall"),
    ("examples_clean_report_recall", "report_recall"),
    ("examples_clean_origins_right", "origins_right"),
    ("examples_clean_circular_right", "circular_right"),
    ("examples_clean_variant_pairs_merged", "variant_pairs_merged"),
])
def test_examples_clean_gate(scored_clean: dict, gate: str, key: str) -> None:
    assert scored_clean[key] >= floor("report", gate), (key, scored_clean[key])


@pytest.mark.gate
def test_examples_clean_dates_copy_and_skipped_record(scored_clean: dict) -> None:
    assert scored_clean["wordings_not_in_text"] == [] and scored_clean["reports_seen"] == 7
    assert scored_clean["skipped_record_absent"] is True
    assert scored_clean["published_right"] / 7 >= floor("report", "examples_clean_published_right")
    # every outlet as expected.json names it: the WARC page's own site name, the plain page's copyright line
    assert scored_clean["outlet_right"] == 7
    copy_right = float(scored_clean["copy_found"] and scored_clean["copy_original_right"])
    assert copy_right >= floor("report", "examples_clean_copy_right")
    assert float(scored_clean["stories_exact"]) >= floor("report", "examples_stories_exact")


@pytest.mark.gate
def test_examples_variants_kept_apart(scored: dict) -> None:
    assert 1 - scored["variant_false_merges"] >= floor("report", "examples_variant_kept_apart")


def test_locate_tolerates_whitespace_and_curly_quotes() -> None:
    locate = _score_examples().locate
    text = "He said the award \u201cfollowed the law\u201d\nin every respect."
    assert locate(text, 'award "followed the law" in every') == (12, 45)
    assert locate(text, "not there") is None


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "examples" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    return mod


def test_expected_json_quotes_are_in_the_corpus() -> None:
    assert _load("check_expected").problems() == []


def test_warc_is_rebuilt_byte_for_byte(tmp_path: Path) -> None:
    out = _load("make_warc").build(tmp_path / "crawl.warc.gz")
    assert out.read_bytes() == (ROOT / "examples" / "corpus" / "crawl.warc.gz").read_bytes()


def test_warc_records_are_numbered_as_expected_json_says() -> None:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    with open(ROOT / "examples" / "corpus" / "crawl.warc.gz", "rb") as f:
        kinds = [(r.headers.get("WARC-Type"), r.http_content_type if r.http_headers else None)
                 for r in ArchiveIterator(f, record_types=WarcRecordType.any_type, parse_http=True)]
    assert kinds == [("warcinfo", None), ("response", "text/html"), ("response", "image/jpeg"),
                     ("response", "text/html")]


def test_examples_reach_is_right_and_warnings_are_only_for_laundered_claims(scored: dict) -> None:
    # every expected claim is matched and its attributed/laundered verdict agrees with expected.json
    assert scored["reach_matched"] == 5 and scored["reach_right"] == 1.0
    assert scored["warnings"] < scored["claims_out"]
