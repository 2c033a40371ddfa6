"""Loader and checker for polnear_dev2, a blind held-out PolNeAR-guideline attribution set.

``bench/data/polnear_dev2/own.jsonl`` holds 30 self-written political news texts with
every attribution annotated by hand (attrib-dev record format plus ``act``), following
``bench/data/polnear_dev/README.md`` and ``OWN.md``.  Unlike ``polnear_dev`` it was never
used for tuning: the annotations were committed before any newstrace output on these texts
was looked at.

Run ``python -m bench.polnear_dev2 [--out PATH]`` to check every span
(``text[start:end] == span text``), recompute ``kind`` by the attrib-dev first-match rules,
print counts per act and kind, and write a gold JSONL for
``../shared/eval/score_attribution.py``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from bench import polnear_dev

DATA_DIR = Path(__file__).resolve().parent / "data" / "polnear_dev2"
OWN_SET = DATA_DIR / "own.jsonl"

SPAN_FIELDS = ("source", "cue", "content")
ACTS = ("speech", "belief", "stance", "intention", "evidence", "unsourced")
KINDS = ("direct", "indirect", "mixed", "according_to", "sourceless")
QUOTES = '"“”'


class PolnearDev2Error(ValueError):
    """A record of the set is malformed (span text mismatch, wrong kind, bad act)."""


def load(path: str | Path = OWN_SET) -> list[dict[str, Any]]:
    """Read the set's records.

    Args:
        path: the JSON-lines file (default: the committed one).

    Returns:
        attrib-dev-format records with ``act`` on each attribution, in file order.
    """
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def kind(att: dict[str, Any]) -> str:
    """Compute ``kind`` from the spans by the attrib-dev first-match rules.

    A bare quotation (no source, no cue) is ``direct``.

    Args:
        att: one attribution with ``source``, ``cue`` and ``content`` spans.

    Returns:
        one of :data:`KINDS`.
    """
    if att["source"] is None and att["cue"] is None:
        return "direct"
    if att["source"] is None:
        return "sourceless"
    if att["cue"] is not None and att["cue"]["text"].lower().startswith("according to"):
        return "according_to"
    content = att["content"]["text"]
    if content[0] in '"“' and content[-1] in '"”' and not any(q in content[1:-1] for q in QUOTES):
        return "direct"
    if any(q in content for q in QUOTES):
        return "mixed"
    return "indirect"


def check(records: list[dict[str, Any]]) -> int:
    """Verify every span, ``kind`` and ``act`` of the records.

    Args:
        records: records from :func:`load`.

    Returns:
        number of spans checked.

    Raises:
        PolnearDev2Error: on the first problem found.
    """
    n = 0
    ids = [rec["doc_id"] for rec in records]
    if len(set(ids)) != len(ids):
        raise PolnearDev2Error("duplicate doc_id")
    for rec in records:
        text = rec["text"]
        starts = [att["content"]["start"] for att in rec["attributions"]]
        if starts != sorted(starts):
            raise PolnearDev2Error(f"{rec['doc_id']}: attributions not sorted by content start")
        for att in rec["attributions"]:
            if att["content"] is None:
                raise PolnearDev2Error(f"{rec['doc_id']}: attribution without content")
            for span in [att[f] for f in SPAN_FIELDS] + list(att.get("via", [])):
                if span is None:
                    continue
                start, end = span["start"], span["end"]
                if not 0 <= start < end <= len(text) or text[start:end] != span["text"]:
                    raise PolnearDev2Error(f"{rec['doc_id']}: span {start}-{end} {span['text']!r} does not match text")
                n += 1
            if att["kind"] != kind(att):
                raise PolnearDev2Error(f"{rec['doc_id']}: kind {att['kind']} != {kind(att)} for {att['content']['text']!r}")
            if att.get("act") not in ACTS:
                raise PolnearDev2Error(f"{rec['doc_id']}: bad act {att.get('act')!r}")
            if (att["act"] == "unsourced") != (att["source"] is None and att["cue"] is not None):
                raise PolnearDev2Error(f"{rec['doc_id']}: act unsourced iff source null with a cue")
    return n


# the same counts as the first PolNeAR-guideline set's
counts = polnear_dev.counts


def write_gold(path: str | Path, records: list[dict[str, Any]] | None = None) -> int:
    """Write a gold JSONL for ``score_attribution.py``.

    Args:
        path: output file.
        records: records to write (default: :func:`load`).

    Returns:
        number of records written.
    """
    records = load() if records is None else records
    with open(path, "w", encoding="utf-8") as handle:
        for rec in records:
            handle.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return len(records)


def main(own_set: str | Path = OWN_SET, doc: str | None = None) -> None:
    """Check the set (`own_set`: this one, or another in its format), print counts and optionally write the gold
    file."""
    parser = argparse.ArgumentParser(description=doc or __doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=None, help="write a gold JSONL here")
    args = parser.parse_args()
    records = load(own_set)
    n_spans = check(records)
    total = sum(len(r["attributions"]) for r in records)
    print(f"{len(records)} documents, {total} attributions, {n_spans} spans checked")
    for key, counter in counts(records).items():
        print(key, ", ".join(f"{k} {v}" for k, v in counter.most_common()))
    if args.out:
        print(f"wrote {write_gold(args.out, records)} records to {args.out}")


if __name__ == "__main__":
    main()
