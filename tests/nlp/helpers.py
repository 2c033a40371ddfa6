"""Real news text for the NLP tests: excerpts of ECB+ documents and attrib-dev records from ../shared/data."""
from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from tests.conftest import DATA, read_jsonl_gz


@lru_cache(maxsize=1)
def _ecb() -> dict[str, str]:
    return {r["doc_id"]: r.get("text") or "" for r in read_jsonl_gz(DATA / "ecbplus" / "ecbplus_docs.jsonl.gz")}


@lru_cache(maxsize=2)
def attrib(name: str = "attrib_dev") -> dict[str, dict]:
    """attrib-dev records by doc_id (`name` is ``attrib_dev`` or ``attrib_dev_extra``)."""
    return {r["doc_id"]: r for r in read_jsonl_gz(DATA / "attrib-dev" / f"{name}.jsonl.gz")}


def excerpt(doc_id: str, start: str, end: str) -> str:
    """The text of ECB+ document `doc_id` from the first `start` to the end of the first `end` after it."""
    text = _ecb()[doc_id]
    i = text.index(start)
    j = text.index(end, i) + len(end)
    return text[i:j]


def resolved_name_hits(gold_recs: list[dict], preds: list[dict], keep: Callable[[str], bool]) -> tuple[int, int]:
    """Gold sources whose text passes `keep` and that have a `source_resolved` name, found by a prediction on the
    same span: how many of those predictions name the same entity (last word compared), of how many."""
    by_doc = {p["doc_id"]: p["attributions"] for p in preds}
    n = ok = 0
    for d in gold_recs:
        for g in d["attributions"]:
            src = g["source"]
            if not src or not g.get("source_resolved") or not keep(src["text"].lower()):
                continue
            p = next((a for a in by_doc.get(d["doc_id"], []) if a.get("source") and a["source"]["start"] == src["start"]), None)
            if p is None:
                continue
            n += 1
            ok += (p.get("source_name") or "").lower().split()[-1:] == g["source_resolved"].lower().split()[-1:]
    return ok, n
