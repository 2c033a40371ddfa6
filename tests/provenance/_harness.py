"""Test harness for provenance: dev dossiers from ../shared/data and the scorer, shared by the gate tests."""
from __future__ import annotations

import json
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

from newstrace.model import Copy, Report, Story
from newstrace.provenance.dossier import build_dossier
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


DEV_TOPICS = ("1", "10", "20", "36")


@lru_cache(maxsize=1)
def ecb_docs() -> tuple[dict, ...]:
    return tuple(read_jsonl_gz(DATA / "ecbplus" / "ecbplus_docs.jsonl.gz"))


@lru_cache(maxsize=1)
def lookalike_dossiers() -> tuple[str, ...]:
    """The "merged look-alike" experiment: each dev story's dossier built over its whole ECB+ topic (the story plus
    the sibling event of the same kind: another rehab stay, another quake), as a clustering merge would give."""
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    out = []
    for s in gold:
        topic = s["doc_ids"][0].split("_")[0]
        reps = [Report(id=d["doc_id"], text=d["text"], title=d["title"]) for d in ecb_docs() if d["doc_id"].split("_")[0] == topic]
        out.append(json.dumps(build_dossier(Story(id=s["story"], reports=tuple(r.id for r in reps)), reps)))
    return tuple(out)


def subevent_pairs(threshold: float | None = None, dev: bool = False) -> dict[str, float]:
    """Pairwise "same sub-event" precision/recall/F1 of `subevents` over ECB+ topics (each holds two look-alike
    events, told apart by the doc-id suffix ecb/ecbplus), on the 26 topics outside provenance-dev (or on the 4 dev
    topics), plus the share of single events kept whole."""
    from itertools import combinations

    from newstrace.provenance.subevents import SUBEVENT_THRESHOLD, subevents

    thr = SUBEVENT_THRESHOLD if threshold is None else threshold
    topics: dict[str, list[dict]] = {}
    for d in ecb_docs():
        topics.setdefault(d["doc_id"].split("_")[0], []).append(d)
    tp = fp = fn = 0
    whole = []
    for t, ds in sorted(topics.items()):
        if (t in DEV_TOPICS) != dev:
            continue
        reps = [Report(id=d["doc_id"], text=d["text"], title=d["title"]) for d in ds]
        gold = {d["doc_id"]: d["doc_id"].endswith("ecbplus") for d in ds}
        lab = subevents(reps, threshold=thr)
        for a, b in combinations(sorted(gold), 2):
            same, g = lab[a] == lab[b], gold[a] == gold[b]
            tp += same and g
            fp += same and not g
            fn += g and not same
        for event in (True, False):
            one = subevents([r for r in reps if gold[r.id] is event], threshold=thr)
            whole.append(len(set(one.values())) == 1)
    p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
    return {"precision": p, "recall": r, "f1": 2 * p * r / max(1e-9, p + r), "kept_whole": sum(whole) / max(1, len(whole))}
