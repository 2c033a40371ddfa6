"""Real-shaped, non-verbatim ingest inputs for throughput benchmarks, built from ../shared/data.

No record is a verbatim copy of a source document:

- text records (``{"id","url","outlet","title","published","text"}``, or ``raw_text`` with ``--text-field``) start from an ECB+ document or an aeb
  article body; the sentences after the lead are permuted, and with probability ``--mix`` one to three sentences of
  another document of the same ECB+ topic (or another aeb article) are mixed in, so stories keep their shape;
- HTML records (``{"id","url","outlet","title","published","html"}``, a ``--html-share`` of the output) start from
  an aeb page whose paragraph elements (``<p>…</p>`` holding 80+ characters) are permuted among their positions,
  so the page keeps its chrome, markup and size while the article's order changes.

Every record gets a new id, outlet, URL and date; a text already produced is re-drawn, so content hashes are unique.
So that N reports do not pile onto the few hundred source stories (10k reports from 862 documents would make every
story a dozen near-copies deep, which real news is not), each record draws a *variant* (``--variants``, default
about one variant per two draws of a document): variant 0 keeps the names, variant v > 0 replaces every name word
(capitalised words of ECB+ entity mentions) by another from that pool and shifts every number by v, consistently
within the record, so one source document yields several distinct events with the same shape.
The output depends only on ``--seed``. Write it outside the repository (texts of ../shared/data never enter it).

Usage: .venv/bin/python bench/perturb.py --reports 10000 --out /tmp/nt-perturbed.jsonl [--html-share 0.2] [--seed 16]
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._report import SHARED  # noqa: E402

ECB = SHARED / "data" / "ecbplus" / "ecbplus_docs.jsonl.gz"
AEB = SHARED / "data" / "aeb" / "aeb.jsonl.gz"

OUTLETS = [f"{a} {b}" for a in ("Daily", "Evening", "Morning", "Weekly", "Coastal", "Northern", "Capital", "Metro")
           for b in ("Courier", "Ledger", "Herald", "Post", "Chronicle", "Wire", "Observer", "Gazette")]
_SENT = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)]))\s+(?=[\"'“‘(]?[A-Z0-9])|\n+")
_PARA = re.compile(r"<p\b[^>]*>(?:(?!</p>).)*</p>", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")


def sentences(text: str) -> list[str]:
    """Rough sentence split (enough to permute: every piece keeps its own words and punctuation)."""
    return [s.strip() for s in _SENT.split(text) if s and s.strip()]


def _load(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def _permute(rng: random.Random, sents: list[str]) -> list[str]:
    """Keep the lead, permute the rest (a 2-sentence document swaps nothing; mixing makes it new)."""
    head, rest = sents[:1], sents[1:]
    rng.shuffle(rest)
    return head + rest


_NUM = re.compile(r"\b\d{1,4}\b")
_CAP = re.compile(r"\b[A-Z][a-z]{2,}\b")


def name_pool(ecb: list[dict]) -> list[str]:
    """Capitalised words of ECB+ person and place mentions that never occur in lower case (names, not titles
    like "Sheriff"), sorted."""
    pool = set()
    lower = set()
    for d in ecb:
        lower.update(re.findall(r"\b[a-z]{3,}\b", d["text"]))
        for m in d.get("mentions") or []:
            if m.get("kind") == "entity" and any(k in (m.get("type") or "") for k in ("_PER", "LOC")):
                pool.update(w for w in m["text"].split() if _CAP.fullmatch(w))
    return sorted(w for w in pool if w.lower() not in lower)


def substitute(text: str, variant: int, pool: list[str], names: frozenset[str]) -> str:
    """Variant `variant` of `text`: name words mapped into `pool`, numbers shifted (variant 0: unchanged)."""
    if not variant:
        return text

    def name(m: re.Match[str]) -> str:
        w = m.group(0)
        if w not in names:
            return w
        h = int(hashlib.sha1(f"{w}|{variant}".encode()).hexdigest()[:8], 16)
        return pool[h % len(pool)]

    return _NUM.sub(lambda m: str(int(m.group(0)) + variant), _CAP.sub(name, text))


def _meta(rng: random.Random, n: int, seed: int) -> dict:
    outlet = rng.choice(OUTLETS)
    day = rng.randrange(0, 730)
    y, d = 2024 + day // 365, day % 365
    month, mday = 1 + d // 31 % 12, 1 + d % 28
    slug = outlet.lower().replace(" ", "")
    return {"id": f"perturbed-s{seed}-{n:07d}", "outlet": outlet, "url": f"https://{slug}.example/news/s{seed}-{n:07d}",
            "published": f"{y:04d}-{month:02d}-{mday:02d}"}


def _html_record(rng: random.Random, page: dict, sub: object = None) -> str | None:
    html = page["html"]
    paras = [m for m in _PARA.finditer(html) if len(_TAG.sub("", m.group(0)).strip()) >= 80]
    if len(paras) < 3:
        return None
    bodies = [m.group(0) for m in paras]
    order = list(range(1, len(bodies)))
    rng.shuffle(order)
    bodies = [bodies[0]] + [bodies[i] for i in order]
    if sub is not None:
        bodies = [sub(b) for b in bodies]  # type: ignore[operator]
    out, last = [], 0
    for m, new in zip(paras, bodies):
        out.append(html[last:m.start()])
        out.append(new)
        last = m.end()
    out.append(html[last:])
    return "".join(out)


def generate(reports: int, *, seed: int = 16, html_share: float = 0.0, mix: float = 0.35,
             variants: int | None = None, text_field: str = "text") -> Iterator[dict]:
    """`reports` records (see the module docstring), deterministic for `seed`."""
    rng = random.Random(seed)
    ecb = [d for d in _load(ECB) if len(sentences(d["text"])) >= 2]
    aeb = _load(AEB)
    words = name_pool(ecb)
    names = frozenset(words)
    if variants is None:
        variants = max(1, round(reports / (2 * (len(ecb) + len(aeb)))))
    by_topic: dict[object, list[dict]] = {}
    for d in ecb:
        by_topic.setdefault(d["topic"], []).append(d)
    pool = [("ecb", d) for d in ecb] + [("aeb", d) for d in aeb]
    originals = {hashlib.sha1(d["text"].encode()).hexdigest() for d in ecb}
    originals |= {hashlib.sha1(d["articleBody"].encode()).hexdigest() for d in aeb}
    seen: set[str] = set()
    n = 0
    tries = 0
    while n < reports:
        tries += 1
        if tries > reports * 50:
            raise RuntimeError("cannot draw enough distinct records")
        meta = _meta(rng, n, seed)
        variant = rng.randrange(variants)
        if html_share and rng.random() < html_share:
            page = rng.choice(aeb)
            html = _html_record(rng, page, lambda b: substitute(b, variant, words, names))
            if html is None:
                continue
            h = hashlib.sha1(html.encode()).hexdigest()
            if h in seen or html == page["html"]:
                continue
            seen.add(h)
            yield {**meta, "html": html}
            n += 1
            continue
        kind, doc = rng.choice(pool)
        text = doc["text"] if kind == "ecb" else doc["articleBody"]
        sents = _permute(rng, sentences(text))
        if rng.random() < mix or len(sents) < 4:
            peers = by_topic.get(doc["topic"], ecb) if kind == "ecb" else aeb
            other = rng.choice(peers)
            extra = sentences(other["text"] if kind == "ecb" else other["articleBody"])[1:]
            for s in rng.sample(extra, min(len(extra), rng.randint(1, 3))):
                sents.insert(rng.randint(1, len(sents)), s)
        # paragraphs of one to three sentences, as a page's text would come
        paras, i = [], 0
        while i < len(sents):
            k = rng.randint(1, 3)
            paras.append(" ".join(sents[i:i + k]))
            i += k
        body = substitute("\n\n".join(paras), variant, words, names)
        h = hashlib.sha1(body.encode()).hexdigest()
        if h in seen or h in originals:
            continue
        seen.add(h)
        title = substitute(doc.get("title") or sents[0][:90], variant, words, names)
        yield {**meta, "title": title, text_field: body}
        n += 1


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reports", type=int, default=10_000)
    ap.add_argument("--out", type=Path, required=True, help="a JSONL file outside the repository")
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--html-share", type=float, default=0.0, help="share of HTML records (aeb pages, paragraphs permuted)")
    ap.add_argument("--variants", type=int, default=None, help="name/number variants per source document "
                    "(default: reports / (2 x source documents), at least 1)")
    ap.add_argument("--text-field", choices=("text", "raw_text"), default="text",
                    help="text records as clean article text (default) or as raw text for the line cleaner")
    ap.add_argument("--mix", type=float, default=0.35, help="probability of mixing in sentences of a same-topic document")
    args = ap.parse_args()
    if ROOT in args.out.resolve().parents:
        ap.error("write perturbed texts outside the repository")
    n = 0
    with open(args.out, "w", encoding="utf-8") as f:
        for rec in generate(args.reports, seed=args.seed, html_share=args.html_share, mix=args.mix,
                            variants=args.variants, text_field=args.text_field):
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    print(f"{n} records -> {args.out}")


if __name__ == "__main__":
    main()
