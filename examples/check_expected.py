"""Check examples/expected.json against the corpus: every quoted wording, citation, entity variant and framing word
must occur verbatim in the report it is attributed to (HTML entities decoded).

Usage:
    python examples/check_expected.py      # prints problems, exits 1 if any
"""
from __future__ import annotations

import gzip
import html
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"


def report_texts() -> dict[str, str]:
    """Raw text (markup included, entities decoded) of every example report, keyed by its expected id."""
    texts: dict[str, str] = {}
    for path in sorted(CORPUS.iterdir()):
        if path.suffix in {".html", ".txt"}:
            texts[path.name] = html.unescape(path.read_text(encoding="utf-8"))
        elif path.suffix == ".jsonl":
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    rec = json.loads(line)
                    texts[rec["id"]] = rec.get("text") or rec.get("raw_text") or html.unescape(rec.get("html", ""))
    # WARC: members are one record each; count every record from 1 (see make_warc.py)
    data = (CORPUS / "crawl.warc.gz").read_bytes()
    n = 0
    for chunk in gzip.decompress(data).split(b"WARC/1.0\r\n")[1:]:
        n += 1
        body = chunk.split(b"\r\n\r\n", 2)[-1]
        if b"text/html" in chunk[:1200]:
            texts[f"crawl.warc.gz#{n}"] = html.unescape(body.decode("utf-8", "replace"))
    return texts


def problems(expected: dict | None = None) -> list[str]:
    """Every quote in expected.json that is not found in its report."""
    exp = expected or json.loads((HERE / "expected.json").read_text(encoding="utf-8"))
    texts = report_texts()
    out: list[str] = []

    def need(rid: str, s: str, what: str, fold: bool = False) -> None:
        t = texts.get(rid)
        if t is None:
            out.append(f"{what}: unknown report {rid}")
        elif (s.lower() not in t.lower()) if fold else (s not in t):
            out.append(f"{what}: {s!r} not in {rid}")

    ids = {r["id"] for r in exp["reports"]}
    if ids != set(texts):
        out.append(f"report ids differ: expected {sorted(ids)} corpus {sorted(texts)}")
    for c in exp["claims"]:
        for w in c["wordings"]:
            need(w["report"], w["text"], f"claim {c['id']}")
        if c.get("reach") not in ("attributed", "laundered"):
            out.append(f"claim {c['id']}: reach must be 'attributed' or 'laundered', not {c.get('reach')!r}")
        if {w["report"] for w in c["wordings"]} != set(c["reports"]):
            out.append(f"claim {c['id']}: wordings and reports disagree")
    for c in exp["single_report_claims"] + exp["citations"]:
        need(c["report"], c["text"], "quote")
    for e in exp["entities"]:
        for v in e["variants"]:
            if not any(v in texts.get(r, "") for r in e["reports"]):
                out.append(f"entity {e['name']}: variant {v!r} in none of its reports")
    for f in exp["framing"]:
        for w in f["words"]:
            need(f["report"], w, "framing", fold=True)
    return out


if __name__ == "__main__":
    found = problems()
    print("\n".join(found) or "ok")
    sys.exit(1 if found else 0)
