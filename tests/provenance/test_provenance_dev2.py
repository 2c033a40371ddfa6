"""The second provenance dev gold set (bench/data/provenance_dev2) loads and passes its checks."""

import pytest

from bench import provenance_dev2 as pd2

MIN_STORIES = 18  # raise with every batch of annotated stories, so a lost file or record fails


@pytest.fixture(scope="module")
def stories():
    return pd2.load()


def test_floor_on_stories(stories):
    assert len(stories) >= MIN_STORIES
    assert all(len(s["claims"]) >= 3 for s in stories)


def test_structure(stories):
    assert pd2.check_structure(stories) == []


def test_spans_and_variants_match_ecb(stories):
    if not pd2.DEFAULT_ECB.exists():
        pytest.skip("shared ECB+ file not available")
    assert pd2.check_texts(stories, pd2.load_ecb()) == []


def test_scorer_reads_gold_as_perfect(stories, tmp_path):
    """The shared scorer accepts the file; a dossier made from the gold itself scores 1.0."""
    import json
    import subprocess
    import sys

    scorer = pd2.REPO_ROOT / ".." / "shared" / "eval" / "score_provenance.py"
    if not scorer.exists():
        pytest.skip("shared scorer not available")
    dossiers = tmp_path / "dossiers.jsonl"
    with open(dossiers, "w", encoding="utf-8") as handle:
        for story in stories:
            claims = [{"reports": [r["doc_id"] for r in c["reports"]],
                       "wordings": [{"report": r["doc_id"], "start": r["span"]["start"], "end": r["span"]["end"]}
                                    for r in c["reports"]],
                       "independent_origins": c["independent_origins"], "circular": c["circular"]}
                      for c in story["claims"]]
            entities = [{"name": e["entity"], "variants": e["variants"]} for e in story["entities"]]
            handle.write(json.dumps({"reports": [{"id": d} for d in story["doc_ids"]],
                                     "claims": claims, "entities": entities}) + "\n")
    out = subprocess.run([sys.executable, str(scorer), str(dossiers), str(pd2.GOLD)],
                         capture_output=True, text=True, check=True).stdout
    result = json.loads(out)
    assert result["claims"] == sum(len(s["claims"]) for s in stories)
    for key in ("claim_recall", "report_recall", "origins_right", "circular_right", "variant_pairs_merged"):
        assert result[key] == 1.0, (key, result)
    assert result["variant_false_merges"] == 0.0
