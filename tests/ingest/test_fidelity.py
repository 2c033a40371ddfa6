"""Ingest must not change a page: all 181 aeb pages read back identically from every input form (gate).

A page may differ from its source only where ftfy repaired mojibake, and then it must be flagged
(``meta["mojibake_repaired"]``) and identical across the forms. On aeb that is 3 pages, each checked by
eye to be real mojibake in the source (``nÃ£o`` for ``não``, ``v¬†Oakland`` for a no-break space).
"""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newstrace.ingest import read
from newstrace.model import Report
from tests.gates import floor
from tests.ingest.helpers import aeb_pages, build_warc


@pytest.mark.gate
def test_gate_aeb_roundtrip_exact(tmp_path: Path) -> None:
    pages = aeb_pages(181)
    html_dir = tmp_path / "html"
    html_dir.mkdir()
    for p in pages:
        (html_dir / f"{p['id']}.html").write_text(p["html"], encoding="utf-8")
    # the HTML files have no URL; key the file reads by the page's url too, for the WARC comparison
    url_of = {p["id"]: p["url"] for p in pages}
    build_warc(tmp_path / "a.warc", pages, gz=False, extras=False)
    build_warc(tmp_path / "a.warc.gz", pages, gz=True, extras=False)
    with gzip.open(tmp_path / "a.jsonl.gz", "wt", encoding="utf-8") as f:
        for p in pages:
            f.write(json.dumps({"id": p["id"], "url": p["url"], "html": p["html"]}) + "\n")
    want = {p["url"]: p["html"] for p in pages}
    by_id = {p["id"]: p["html"] for p in pages}
    ok = total = repaired = 0
    from_file: dict[str, str | None] = {}
    for src in ("html", "a.warc", "a.warc.gz", "a.jsonl.gz"):
        got = [x for x in read([str(tmp_path / src)]) if isinstance(x, Report)]
        for r in got:
            key = r.id.removesuffix(".html") if src in ("html", "a.jsonl.gz") else r.url
            expected = by_id.get(key) if src in ("html", "a.jsonl.gz") else want.get(key)
            if src == "html":
                from_file[key] = from_file[url_of[key]] = r.raw
            if r.raw == expected:
                ok += 1
            elif r.meta.get("mojibake_repaired") and r.raw == from_file.get(key):
                ok += 1
                repaired += src == "html"
        total += len(pages)
    rate = ok / total
    print(f"repaired pages: {repaired}")
    print(f"aeb_roundtrip_exact = {rate:.4f} ({ok}/{total})")
    assert rate >= floor("ingest", "aeb_roundtrip_exact")
