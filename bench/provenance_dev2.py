"""Loader and checker for the second provenance development gold set (issue 13).

The file ``bench/data/provenance_dev2/provenance_dev2.json`` has the format of the
shared ``provenance-dev`` set: one record per ECB+ story with ``doc_ids``,
``claims`` (reports with character-offset spans into the ECB+ ``text`` field,
parallel ``sources``, ``origins``, ``independent_origins``, ``circular``),
``copies`` and ``entities``.  Only span texts are stored, never whole documents;
the checks below rebuild each span from the shared ECB+ document file.

Run ``python -m bench.provenance_dev2 [--ecb PATH]`` to check the file and print counts.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data" / "provenance_dev2"
GOLD = DATA_DIR / "provenance_dev2.json"
REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ECB = REPO_ROOT / ".." / "shared" / "data" / "ecbplus" / "ecbplus_docs.jsonl.gz"
FORBIDDEN_TOPICS = {1, 10, 20, 36}  # the stories of the first provenance-dev set live in these topics


def load(path: Path = GOLD) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def load_ecb(path: Path = DEFAULT_ECB) -> dict[str, dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return {d["doc_id"]: d for d in (json.loads(line) for line in handle if line.strip())}


def topic_of(story: str) -> int:
    return int(story.removesuffix("plus").removesuffix("ecb"))


def check_structure(stories: list[dict[str, Any]]) -> list[str]:
    """Checks that need no ECB+ text: fields, parallel lists, origin counts, the circular rule."""
    problems = []
    seen_stories, seen_claims = set(), set()
    for story in stories:
        sid = story.get("story", "?")
        for field in ("story", "doc_ids", "claims", "copies", "entities"):
            if field not in story:
                problems.append(f"{sid}: missing {field}")
        if sid in seen_stories:
            problems.append(f"{sid}: story listed twice")
        seen_stories.add(sid)
        if topic_of(sid) in FORBIDDEN_TOPICS:
            problems.append(f"{sid}: topic {topic_of(sid)} belongs to provenance-dev")
        docs = set(story.get("doc_ids", []))
        for claim in story.get("claims", []):
            cid = claim.get("claim_id", "?")
            if cid in seen_claims:
                problems.append(f"{cid}: claim id used twice")
            seen_claims.add(cid)
            reports, sources = claim.get("reports", []), claim.get("sources", [])
            if [r["doc_id"] for r in reports] != [s["doc_id"] for s in sources]:
                problems.append(f"{cid}: reports and sources are not parallel")
            carrying = [r["doc_id"] for r in reports]
            if len(set(carrying)) != len(carrying):
                problems.append(f"{cid}: a document carries the claim twice")
            if len(set(carrying)) < 2:
                problems.append(f"{cid}: fewer than 2 documents assert it")
            if not set(carrying) <= docs:
                problems.append(f"{cid}: reports outside the story's doc_ids")
            origins = claim.get("origins", [])
            if not origins:
                problems.append(f"{cid}: no origins")
            if claim.get("independent_origins") != len(origins):
                problems.append(f"{cid}: independent_origins != len(origins)")
            expected = len(set(carrying)) >= 2 and len(origins) == 1
            if bool(claim.get("circular")) != expected:
                problems.append(f"{cid}: circular should be {expected}")
        for copy in story.get("copies", []):
            if not set(copy.get("docs", [])) <= docs or len(copy.get("docs", [])) != 2:
                problems.append(f"{sid}: bad copy pair {copy.get('docs')}")
    return problems


def check_texts(stories: list[dict[str, Any]], ecb: dict[str, dict[str, Any]]) -> list[str]:
    """Checks against the ECB+ texts: doc lists, span offsets, entity variants."""
    problems = []
    by_story = collections.defaultdict(set)
    for doc in ecb.values():
        by_story[doc["story"]].add(doc["doc_id"])
    for story in stories:
        sid = story["story"]
        if set(story["doc_ids"]) != by_story.get(sid, set()):
            problems.append(f"{sid}: doc_ids differ from the ECB+ story's documents")
        for claim in story["claims"]:
            for report in claim["reports"]:
                doc = ecb.get(report["doc_id"])
                span = report["span"]
                if doc is None:
                    problems.append(f"{claim['claim_id']}: unknown doc {report['doc_id']}")
                elif doc["text"][span["start"]:span["end"]] != span["text"]:
                    problems.append(f"{claim['claim_id']}: span text differs from text[start:end] in {report['doc_id']}")
        texts = [ecb[d]["text"] for d in story["doc_ids"] if d in ecb]
        for entity in story["entities"]:
            if len(entity["variants"]) < 2:
                problems.append(f"{sid}: entity {entity['entity']} has fewer than 2 variants")
            for variant in entity["variants"]:
                if not any(variant in text for text in texts):
                    problems.append(f"{sid}: variant {variant!r} not in the story's texts")
    return problems


def counts(stories: list[dict[str, Any]]) -> dict[str, Any]:
    claims = [c for s in stories for c in s["claims"]]
    return {
        "stories": len(stories),
        "documents": sum(len(s["doc_ids"]) for s in stories),
        "claims": len(claims),
        "reports": sum(len(c["reports"]) for c in claims),
        "circular": sum(bool(c["circular"]) for c in claims),
        "origins_distribution": dict(sorted(collections.Counter(c["independent_origins"] for c in claims).items())),
        "entities": sum(len(s["entities"]) for s in stories),
        "copies": sum(len(s["copies"]) for s in stories),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--ecb", type=Path, default=DEFAULT_ECB)
    args = parser.parse_args()
    stories = load(args.gold)
    problems = check_structure(stories) + check_texts(stories, load_ecb(args.ecb))
    for problem in problems:
        print("PROBLEM", problem)
    print(json.dumps(counts(stories)))
    raise SystemExit(1 if problems else 0)


if __name__ == "__main__":
    main()
