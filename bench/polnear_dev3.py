"""Loader and checker for polnear_dev3, a blind held-out PolNeAR-guideline attribution set.

``bench/data/polnear_dev3/own.jsonl`` holds 22 self-written texts of US-style national
political coverage (campaign trail, debates, polls, primaries, Congress, a leaked memo, an
investigation, analysis pieces) with every attribution annotated by hand (attrib-dev record
format plus ``act``), following ``bench/data/polnear_dev/README.md``, ``OWN.md`` and the
decisions in ``bench/data/polnear_dev2/README.md``.  Like ``polnear_dev2`` it is held out:
it was never used for tuning, and the annotations were written before any newstrace output
on these texts was looked at.

Run ``python -m bench.polnear_dev3 [--out PATH]`` to check every span
(``text[start:end] == span text``), recompute ``kind`` by the attrib-dev first-match rules,
print counts per act and kind, and write a gold JSONL for
``../shared/eval/score_attribution.py``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from bench import polnear_dev2

DATA_DIR = Path(__file__).resolve().parent / "data" / "polnear_dev3"
OWN_SET = DATA_DIR / "own.jsonl"

# the record format, its checks and counts are polnear_dev2's
PolnearDev3Error = polnear_dev2.PolnearDev2Error
kind = polnear_dev2.kind
check = polnear_dev2.check
counts = polnear_dev2.counts


def load(path: str | Path = OWN_SET) -> list[dict[str, Any]]:
    """Read the set's records (`polnear_dev2.load` of this set's file)."""
    return polnear_dev2.load(path)


def write_gold(path: str | Path, records: list[dict[str, Any]] | None = None) -> int:
    """Write a gold JSONL of this set for ``score_attribution.py``; returns the number of records written."""
    return polnear_dev2.write_gold(path, load() if records is None else records)


if __name__ == "__main__":
    polnear_dev2.main(OWN_SET, __doc__)
