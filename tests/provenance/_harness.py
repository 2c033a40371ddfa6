"""Test harness for provenance: dev dossiers from ../shared/data and the scorer, shared by the gate tests."""
from __future__ import annotations

import json
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

from newstrace.model import Copy, Report, Story
from newstrace.report.dossier import build_dossier
from tests.conftest import DATA, EVAL, read_jsonl_gz

GOLD = DATA / "provenance-dev" / "provenance_dev.json"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@lru_cache(maxsize=1)
def dev_dossiers() -> tuple[str, ...]:
    """JSON lines of the dossiers of the 4 dev stories (plain reports: sentences + rule-based sources)."""
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    ids = {i for s in gold for i in s["doc_ids"]}
    docs = {d["doc_id"]: d for d in read_jsonl_gz(DATA / "ecbplus" / "ecbplus_docs.jsonl.gz") if d["doc_id"] in ids}
    out = []
    for s in gold:
        reps = [Report(id=i, text=docs[i]["text"], title=docs[i]["title"]) for i in s["doc_ids"]]
        out.append(json.dumps(build_dossier(Story(id=s["story"], reports=tuple(s["doc_ids"])), reps)))
    return tuple(out)


def score(lines: tuple[str, ...], tmp: Path) -> dict:
    """Run ../shared/eval/score_provenance.py on dossier lines."""
    path = tmp / "dossiers.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    res = subprocess.run([sys.executable, str(EVAL / "score_provenance.py"), str(path), str(GOLD)],
                         capture_output=True, text=True, check=True)
    return json.loads(res.stdout)


def fixture_dossier(name: str) -> tuple[dict, dict]:
    """Build the dossier of one constructed fixture story; returns (fixture, dossier)."""
    fx = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    reps = [Report(id=r["id"], outlet=r["outlet"], published=r["published"], text=r["text"]) for r in fx["reports"]]
    copies = [Copy(**c) for c in fx["copies"]]
    return fx, build_dossier(Story(id=name, reports=tuple(r.id for r in reps)), reps, copies)


def claim_with(dossier: dict, wordings: dict[str, str], texts: dict[str, str]) -> dict | None:
    """The dossier claim whose wordings cover every (report, phrase) given."""
    for c in dossier["claims"]:
        have = {(w["report"], w["start"], w["end"]) for w in c["wordings"]}
        ok = True
        for rid, phrase in wordings.items():
            k = texts[rid].find(phrase)
            if not any(r == rid and s <= k < e for r, s, e in have):
                ok = False
                break
        if ok:
            return c
    return None
