"""Web UI under load: p50/p99 latency of the story list, a story page, a report page and a search, at 1, 10 and 50
concurrent clients, from a second process on 127.0.0.1, against a store of >= 10k real-shaped reports.

The store is built in two steps, so that no stored text is a verbatim copy of the shared data:

1. *base*: every ECB+ document with text (../shared/data/ecbplus) is ingested through `Corpus.ingest` (the real
   clean + NLP + stories path) after its sentences were shuffled (the lead sentence kept first), from a JSONL
   input of ``text`` records. The base store is cached (``--base-db``) because this step costs minutes.
2. *perturbed copies*: each stored report is written again ``K`` times with a new id, outlet and date, its
   sentences permuted block-wise (a block = the sentences that one annotation spans, so every mention,
   attribution and claim keeps exact offsets into the new text), until the store holds ``--reports`` reports.
   The copies of one base story form their own story (``<story>~k``): the load test measures serving, not
   clustering, and stories keep ECB+'s real sizes (about 11 reports).

Then ``newstrace serve`` runs in its own process and this process drives it with asyncio clients over HTTP/1.1
(one connection per request, closed loop, no think time). Story and report pages are drawn at random from 50
stories whose dossiers are built once before the timed rounds (the first, uncached build of a dossier is timed
separately and reported: it is what a user pays on the first visit to a story).

Page weight: bytes and sub-requests (``src=`` / ``href`` of stylesheets, scripts and images: 0 when everything is
inline) of one story page and one report page.

Usage: .venv/bin/python bench/bench_web.py [--reports 10000] [--requests 300] [--clients 1,10,50]
"""
from __future__ import annotations

import argparse
import asyncio
import gzip
import hashlib
import json
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._report import SHARED, machine, table, write_section  # noqa: E402

ECB = SHARED / "data" / "ecbplus" / "ecbplus_docs.jsonl.gz"
_SENT = re.compile(r"(?<=[.!?])(?:\s*(?:''|\"|'|”))?\s+(?=[A-Z\"“'])")


def _sentences(text: str) -> list[tuple[int, int]]:
    """`[start, end)` of each sentence: a plain splitter is enough to permute text for a load test."""
    out, start = [], 0
    for m in _SENT.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return [(s, e) for s, e in out if e > s]


def base_inputs(path: Path, seed: int) -> int:
    """ECB+ documents, sentences shuffled after the lead, as ingest JSONL ``text`` records."""
    rng = random.Random(seed)
    n = 0
    with gzip.open(ECB, "rt", encoding="utf-8") as f, path.open("w", encoding="utf-8") as out:
        for line in f:
            d = json.loads(line)
            text = (d.get("text") or "").strip()
            if len(text) < 200:
                continue
            sents = [text[s:e] for s, e in _sentences(text)]
            rest = sents[1:]
            rng.shuffle(rest)
            out.write(json.dumps({"id": f"b/{d['doc_id']}", "title": d.get("title"), "outlet": f"Outlet {n % 37}",
                                  "text": " ".join([sents[0], *rest])}) + "\n")
            n += 1
    return n


def build_base(db: Path, seed: int) -> float:
    from newstrace.corpus import Corpus

    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "base.jsonl"
        base_inputs(src, seed)
        with Corpus.open(db) as corpus:
            corpus.ingest([str(src)])
    return time.perf_counter() - t0


def _blocks(r) -> list[tuple[int, int]]:
    """Sentences merged wherever one annotation spans more than one of them."""
    spans = [m.span for m in r.mentions] + [c.span for c in r.claims]
    for a in r.attributions:
        parts = [x for x in (a.source, a.cue, a.content) if x is not None]
        spans.append(type(a.content)(min(p.start for p in parts), max(p.end for p in parts)))
    blocks = _sentences(r.text)
    for sp in sorted(spans):
        i = next((k for k, (s, e) in enumerate(blocks) if s <= sp.start < e), None)
        if i is None:
            continue
        j = i
        while j + 1 < len(blocks) and blocks[j][1] < sp.end:
            j += 1
        if j > i:
            blocks[i : j + 1] = [(blocks[i][0], blocks[j][1])]
    return blocks


def perturbed(r, k: int, rng: random.Random):
    """A copy of stored report `r` with its blocks permuted (lead first) and every child's offsets moved along."""
    from newstrace.model import Span

    blocks = _blocks(r)
    order = [0, *rng.sample(range(1, len(blocks)), len(blocks) - 1)] if len(blocks) > 1 else [0]
    pieces, shift, pos = [], {}, 0
    for i in order:
        s, e = blocks[i]
        shift[i] = pos - s
        pieces.append(r.text[s:e])
        pos += e - s + 1
    text = " ".join(pieces)

    def move(sp):
        if sp is None:
            return None
        i = next((k for k, (s, e) in enumerate(blocks) if s <= sp.start < e), None)
        return None if i is None else Span(sp.start + shift[i], sp.end + shift[i])

    rid = f"{r.id}~{k}"
    mentions = [replace(m, report=rid, span=sp) for m in r.mentions if (sp := move(m.span))]
    attrs = []
    for a in r.attributions:
        content = move(a.content)
        if content is None:
            continue
        attrs.append(replace(a, report=rid, content=content, source=move(a.source), cue=move(a.cue),
                             via=tuple(replace(h, span=move(h.span)) for h in a.via)))
    claims = [replace(c, report=rid, span=sp) for c in r.claims if (sp := move(c.span))]
    day = 1 + (k * 7 + len(r.text)) % 27
    return replace(r, id=rid, version=1, text=text, content_hash=hashlib.sha256(text.encode()).hexdigest(),
                   outlet=f"{r.outlet or 'Outlet'} {k}", published=f"2026-{1 + k % 12:02d}-{day:02d}",
                   mentions=mentions, attributions=attrs, claims=claims)


def build_big(base: Path, db: Path, n: int, seed: int) -> tuple[int, float]:
    from newstrace.corpus import Corpus

    t0 = time.perf_counter()
    shutil.copyfile(base, db)
    rng = random.Random(seed)
    with Corpus.open(db) as corpus:
        store = corpus.store
        reports = list(store.reports(children=True))
        assigned = store.story_assignments()
        k = 0
        total = len(reports)
        while total < n:
            k += 1
            batch, stories = [], {}
            for r in reports:
                c = perturbed(r, k, rng)
                batch.append(c)
                stories[c.id] = f"{assigned.get(r.id, r.id)}~{k}"
                if len(batch) == 500:
                    store.write_batch(batch)
                    batch = []
            if batch:
                store.write_batch(batch)
            store.write_stories(stories, [], None)
            total += len(reports)
        rebuild = getattr(corpus, "rebuild_search", None)  # a search index that lives in the store, if any
        if callable(rebuild):
            rebuild()
        count = store.count()
    return count, time.perf_counter() - t0


async def _get(port: int, path: str) -> tuple[float, int, bytes]:
    t0 = time.perf_counter()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode())
    await writer.drain()
    data = await reader.read()
    writer.close()
    status = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/") else 0
    return time.perf_counter() - t0, status, data


async def _round(port: int, paths: list[str], clients: int, requests: int) -> tuple[list[float], int]:
    queue = list(paths[:requests])
    times: list[float] = []
    bad = 0

    async def client() -> None:
        nonlocal bad
        while queue:
            path = queue.pop()
            dt, status, _ = await _get(port, path)
            times.append(dt)
            bad += status != 200
    await asyncio.gather(*(client() for _ in range(clients)))
    return times, bad


def _pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))] * 1000


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(port: int, proc: subprocess.Popen, seconds: float = 120) -> None:
    end = time.time() + seconds
    while time.time() < end:
        if proc.poll() is not None:
            raise RuntimeError(f"newstrace serve exited {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("newstrace serve did not answer")


def _weight(body: bytes) -> tuple[int, int]:
    head, _, html = body.partition(b"\r\n\r\n")
    subs = re.findall(rb"<(?:script|img|link)\b[^>]*(?:src|href)=", html)
    links = [s for s in subs if not s.startswith(b"<link") or b"stylesheet" in s]
    return len(html), len(links)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reports", type=int, default=10_000)
    ap.add_argument("--requests", type=int, default=300, help="requests per page kind and concurrency")
    ap.add_argument("--clients", default="1,10,50")
    ap.add_argument("--base-db", type=Path, default=Path(tempfile.gettempdir()) / "nt-bench-web-base.duckdb")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()

    base_seconds = None
    if not args.base_db.exists():
        base_seconds = build_base(args.base_db, args.seed)
    tmp = Path(tempfile.mkdtemp(prefix="nt-bench-web-"))
    db = tmp / "big.duckdb"
    count, big_seconds = build_big(args.base_db, db, args.reports, args.seed)

    from newstrace.corpus import Corpus

    with Corpus.open(db, read_only=True) as corpus:
        stories = corpus.stories()
    rng = random.Random(args.seed)
    sample = rng.sample(stories, min(50, len(stories)))
    port = _free_port()
    proc = subprocess.Popen([str(ROOT / ".venv" / "bin" / "newstrace"), "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    rows, notes = [], []
    try:
        _wait(port, proc)
        cold = []
        for s in sample:  # the first view of each sampled story builds (and caches) its dossier
            dt, status, _ = asyncio.run(_get(port, "/stories/" + quote(s["id"], safe="")))
            cold.append(dt)
        has_reports = asyncio.run(_get(port, "/reports/" + quote(sample[0]["reports"][0], safe="")))[1] == 200
        search_base = "/?q="  # the story list's search over the store index
        words = ["police", "earthquake", "arrested", "rehab", "Reid", "killed", "fire", "court", "minister", "deal"]
        kinds = {
            "story list": ["/"] * args.requests,
            "story page": ["/stories/" + quote(rng.choice(sample)["id"], safe="") for _ in range(args.requests)],
            "search": [search_base + quote(rng.choice(words)) for _ in range(args.requests)],
        }
        if has_reports:
            kinds["report page"] = ["/reports/" + quote(rng.choice(rng.choice(sample)["reports"]), safe="")
                                    for _ in range(args.requests)]
        else:
            notes.append("no report page at /reports/{id} in this build: not measured")
        levels = [int(c) for c in args.clients.split(",")]
        # First views: pages no earlier request asked for, so the server's page cache cannot answer them (each
        # level gets its own slice). Report pages of the sampled stories; searches for words of story titles.
        fresh_reports = [r for s in sample for r in s["reports"]]
        rng.shuffle(fresh_reports)
        title_words = sorted({w for s in stories for w in re.findall(r"[A-Za-z]{5,}", s.get("title") or "")})
        rng.shuffle(title_words)
        n_fresh = max(1, min(args.requests, len(fresh_reports) // (len(levels) + 1), len(title_words) // len(levels)))
        fresh = {"report page, first view": ["/reports/" + quote(r, safe="") for r in fresh_reports],
                 "search, first view": [search_base + quote(w) for w in title_words]}
        for li, clients in enumerate(levels):
            for kind, paths in kinds.items():
                asyncio.run(_round(port, paths[:20], min(clients, 5), 20))  # warm the same pages
                times, bad = asyncio.run(_round(port, paths, clients, args.requests))
                rows.append([kind, clients, len(times), round(_pct(times, 0.5), 1), round(_pct(times, 0.99), 1),
                             round(len(times) / max(sum(times) / clients, 1e-9), 1), bad])
            for kind, paths in fresh.items():
                if kind.startswith("report") and not has_reports:
                    continue
                part = paths[(li + 1) * n_fresh:(li + 2) * n_fresh] if kind.startswith("report") else \
                    paths[li * n_fresh:(li + 1) * n_fresh]
                times, bad = asyncio.run(_round(port, part, clients, len(part)))
                rows.append([kind, clients, len(times), round(_pct(times, 0.5), 1), round(_pct(times, 0.99), 1),
                             round(len(times) / max(sum(times) / clients, 1e-9), 1), bad])
        weights = []
        _, _, story_body = asyncio.run(_get(port, "/stories/" + quote(sample[0]["id"], safe="")))
        weights.append(["story page", *_weight(story_body)])
        if has_reports:
            _, _, rep_body = asyncio.run(_get(port, "/reports/" + quote(sample[0]["reports"][0], safe="")))
            weights.append(["report page", *_weight(rep_body)])
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        shutil.rmtree(tmp, ignore_errors=True)

    worst = max((r[4] for r in rows if r[1] == max(int(c) for c in args.clients.split(","))), default=float("nan"))
    body = "\n\n".join([
        f"Store: {count} current reports in {len(stories)} stories (base: the ECB+ documents ingested through "
        f"`Corpus.ingest`{'' if base_seconds is None else f' in {base_seconds:.0f} s'}; perturbed copies written in "
        f"{big_seconds:.0f} s). Server: `newstrace serve` in its own process; clients: asyncio in this process, "
        "one TCP connection per request, closed loop. Story and report pages are drawn from 50 stories whose "
        "dossiers were built before the timed rounds. Rows without 'first view' draw from a fixed set of pages, "
        "so after the first requests the server's page cache (whole pages, per store state) answers most of them; "
        "'first view' rows ask for pages no earlier request asked for (a new report page, a search for a new "
        "word), which the server computes.",
        table(["page", "clients", "requests", "p50 ms", "p99 ms", "req/s", "non-200"], rows),
        f"First (uncached) view of a story page, 50 stories: median {statistics.median(cold) * 1000:.0f} ms, "
        f"max {max(cold) * 1000:.0f} ms.",
        "Page weight (bytes of HTML, sub-requests for scripts, images and stylesheets):\n\n"
        + table(["page", "bytes", "sub-requests"], weights),
        f"Goal: p99 < 200 ms at 50 clients; worst p99 at 50 here: **{worst:.1f} ms**."
        + ("" if not notes else " " + " ".join(notes)),
        f"Machine: {machine()}; its 2 cores are shared by the server, the clients and any other job, so absolute "
        "figures vary run to run; compare rows of one run.",
    ])
    print(body)
    if not args.no_write:
        write_section("web", "Web UI under load (issue 15)", body)


if __name__ == "__main__":
    main()
