"""Never a crash: mutated real inputs (cut, bit-flipped, gzip'd or not, any extension) only yield records."""
from __future__ import annotations

import gzip
import random
from pathlib import Path

from newstrace.ingest import Failure, Skipped, read
from newstrace.model import Report
from tests.ingest.helpers import aeb_pages, build_warc


def _mutate(rng: random.Random, data: bytes) -> bytes:
    op = rng.choice(["cut", "flip", "splice", "gzip-cut", "garbage-head", "nul"])
    if op == "cut":
        return data[: rng.randrange(0, len(data) + 1)]
    if op == "flip":
        b = bytearray(data)
        for _ in range(rng.randrange(1, 50)):
            if b:
                b[rng.randrange(len(b))] = rng.randrange(256)
        return bytes(b)
    if op == "splice":
        i, j = sorted(rng.randrange(0, len(data) + 1) for _ in range(2))
        return data[:i] + data[j:]
    if op == "gzip-cut":
        z = gzip.compress(data)
        return z[: rng.randrange(0, len(z) + 1)]
    if op == "garbage-head":
        return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 64))) + data
    return data.replace(b"<", b"\x00", 1)


def test_mutated_inputs_never_raise(tmp_path: Path) -> None:
    rng = random.Random(20261122)
    pages = aeb_pages(4)
    warc = tmp_path / "seed.warc"
    build_warc(warc, pages[:2], gz=False)
    seeds = [p["html"].encode("utf-8")[:60_000] for p in pages] + [warc.read_bytes()] + [
        b'{"id": "a", "text": "x"}\n{"id": "b", "html": "<p>y</p>"}\n' * 20]
    exts = [".html", ".txt", ".warc", ".warc.gz", ".jsonl", ".jsonl.gz", ".bin", ""]
    n = 0
    for i in range(160):
        data = _mutate(rng, rng.choice(seeds))
        p = tmp_path / f"m{i}{rng.choice(exts)}"
        p.write_bytes(data)
        n += 1
    out = list(read([str(tmp_path)]))
    assert out and all(isinstance(x, (Report, Failure, Skipped)) for x in out)
    # every file is accounted for: at least one record names it
    named = {Path(x.source.split("#")[0].rsplit(":", 1)[0]).name for x in out}
    assert len(named - {"seed.warc"}) >= n
