"""Real news text for the NLP tests: excerpts of ECB+ documents and attrib-dev records from ../shared/data."""
from __future__ import annotations

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
