"""Loader for the PolNeAR-guideline attribution dev set (issue 14).

The committed file ``bench/data/polnear_dev/ecb.jsonl`` holds offsets only,
because ECB+ texts must not be copied into the repository.  This module
rebuilds full attrib-dev-format records (``text`` plus span texts) from the
shared ECB+ document file, and checks each text against its recorded sha256
so that a changed ECB+ file is detected instead of silently mis-scored.

Run ``python -m bench.polnear_dev [--ecb PATH] [--out PATH]`` to write a gold
JSONL usable by ``../shared/eval/score_attribution.py`` and print counts.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data" / "polnear_dev"
ECB_SET = DATA_DIR / "ecb.jsonl"
OWN_SET = DATA_DIR / "own.jsonl"
DEFAULT_ECB = Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus" / "ecbplus_docs.jsonl.gz"

SPAN_FIELDS = ("source", "cue", "content")


class PolnearDevError(ValueError):
    """The dev set and the ECB+ file disagree (missing doc, changed text, bad span)."""


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _fill(span: dict[str, Any] | None, text: str, doc_id: str) -> dict[str, Any] | None:
    if span is None:
        return None
    start, end = int(span["start"]), int(span["end"])
    if not 0 <= start < end <= len(text):
        raise PolnearDevError(f"{doc_id}: span {start}-{end} outside text of {len(text)} chars")
    return {"start": start, "end": end, "text": text[start:end]}


def sha256(text: str) -> str:
    """Return the hex sha256 of a text encoded as UTF-8.

    Args:
        text: document text.

    Returns:
        64-character hex digest.
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_ecb(ecb_path: str | Path = DEFAULT_ECB, set_path: str | Path = ECB_SET) -> list[dict[str, Any]]:
    """Rebuild the full records of the ECB+ part of the set.

    Args:
        ecb_path: the shared ``ecbplus_docs.jsonl.gz``.
        set_path: the offsets-only set file (default: the committed one).

    Returns:
        attrib-dev-format records (``doc_id``, ``story``, ``text``, ``attributions`` with span
        texts filled, ``act`` kept), in file order.

    Raises:
        PolnearDevError: a doc is missing from the ECB+ file, its sha256 differs, or a span
            lies outside the text.
    """
    docs = {d["doc_id"]: d for d in _read_jsonl(Path(ecb_path))}
    out = []
    for rec in _read_jsonl(Path(set_path)):
        doc = docs.get(rec["doc_id"])
        if doc is None:
            raise PolnearDevError(f"{rec['doc_id']}: not in {ecb_path}")
        text = doc["text"] or ""
        if sha256(text) != rec["text_sha256"]:
            raise PolnearDevError(f"{rec['doc_id']}: ECB+ text changed (sha256 mismatch)")
        atts = []
        for att in rec["attributions"]:
            full = dict(att)
            for field in SPAN_FIELDS:
                full[field] = _fill(att.get(field), text, rec["doc_id"])
            full["via"] = [_fill(v, text, rec["doc_id"]) for v in att.get("via", [])]
            atts.append(full)
        out.append({"doc_id": rec["doc_id"], "story": rec["story"], "text": text, "attributions": atts})
    return out


def load_all(ecb_path: str | Path = DEFAULT_ECB) -> list[dict[str, Any]]:
    """Load the ECB+ part plus the self-written part (``own.jsonl``) when present.

    Args:
        ecb_path: the shared ``ecbplus_docs.jsonl.gz``.

    Returns:
        full records, ECB+ part first.

    Raises:
        PolnearDevError: as :func:`load_ecb`.
    """
    records = load_ecb(ecb_path)
    if OWN_SET.exists():
        records.extend(_read_jsonl(OWN_SET))
    return records


def write_gold(path: str | Path, ecb_path: str | Path = DEFAULT_ECB, include_own: bool = True) -> int:
    """Write a gold JSONL for ``score_attribution.py`` (full records with ``text``).

    Args:
        path: output file (keep it outside the repository: it contains ECB+ text).
        ecb_path: the shared ``ecbplus_docs.jsonl.gz``.
        include_own: also write the self-written part when present.

    Returns:
        number of records written.

    Raises:
        PolnearDevError: as :func:`load_ecb`.
    """
    records = load_all(ecb_path) if include_own else load_ecb(ecb_path)
    with open(path, "w", encoding="utf-8") as handle:
        for rec in records:
            handle.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return len(records)


def counts(records: list[dict[str, Any]]) -> dict[str, collections.Counter]:
    """Count attributions per ``act`` and per ``kind``.

    Args:
        records: full records.

    Returns:
        ``{"act": Counter, "kind": Counter}``.
    """
    acts: collections.Counter = collections.Counter()
    kinds: collections.Counter = collections.Counter()
    for rec in records:
        for att in rec["attributions"]:
            acts[att.get("act")] += 1
            kinds[att.get("kind")] += 1
    return {"act": acts, "kind": kinds}


def main() -> None:
    """Write the gold file and print counts."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ecb", default=str(DEFAULT_ECB))
    parser.add_argument("--out", default="/tmp/polnear_dev_gold.jsonl")
    args = parser.parse_args()
    n = write_gold(args.out, args.ecb)
    records = load_all(args.ecb)
    total = sum(len(r["attributions"]) for r in records)
    print(f"wrote {n} records, {total} attributions to {args.out}")
    for key, counter in counts(records).items():
        print(key, dict(sorted(counter.items(), key=lambda kv: str(kv[0]))))


if __name__ == "__main__":
    main()
