"""The examples story's dossier as the real pipeline builds it, for the renderer tests.

Preferred route: the public API end to end (`Corpus.open` → `ingest examples/corpus` → `stories` → `dossier`).
While story assignment is still being wired into Corpus that route can fail; the next one reads, cleans and
annotates the pages with the real pipeline (`iter_clean`) and takes the story from expected.json; the last feeds the
real dossier builder (`build_dossier`, with `nlp.annotate` when available) with the example pages read by a plain
paragraph reader, so the renderers are still exercised on a genuine dossier rather than on a hand-made one.
"""
from __future__ import annotations

import functools
import json
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
ANCHOR = "nation-herald.html"  # the scoop: the story that contains it is the main story


def _via_corpus() -> dict[str, Any]:
    from newstrace.corpus import Corpus

    with tempfile.TemporaryDirectory() as tmp:
        with Corpus.open(Path(tmp) / "ex.duckdb") as corpus:
            corpus.ingest([str(EXAMPLES / "corpus")])
            story = next(s for s in corpus.stories() if ANCHOR in s["reports"])
            return corpus.dossier(story["id"])


def _load_score_examples() -> Any:
    # The examples' own scoring script is the one place that knows how to read the example pages as plain
    # paragraphs; the tests use it rather than a copy.
    import importlib.util

    spec = importlib.util.spec_from_file_location("score_examples", EXAMPLES / "score_examples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_paragraphs = _load_score_examples()._paragraphs


def _via_builder() -> dict[str, Any]:
    from newstrace.model import Report, Story
    from newstrace.provenance.dossier import build_dossier

    exp = json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))
    files = {"crawl.warc.gz#2": EXAMPLES / "warc_src" / "gulf-observer.html"}
    wire = {json.loads(line)["id"]: json.loads(line) for line in
            (EXAMPLES / "corpus" / "wire.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()}
    story = next(s for s in exp["stories"] if ANCHOR in s["reports"])
    meta = {r["id"]: r for r in exp["reports"]}
    reports = []
    for rid in story["reports"]:
        text = wire[rid]["text"] if rid in wire else _paragraphs(files.get(rid, EXAMPLES / "corpus" / rid))
        m = meta[rid]
        reports.append(Report(id=rid, text=text, outlet=m["outlet"], title=m["title"], published=m["published"]))
    try:
        from newstrace.nlp import annotate

        reports = list(annotate(reports))
    except Exception:  # the builder reads sources by rules when NLP annotations are absent
        pass
    return build_dossier(Story(id="examples-main", reports=tuple(story["reports"])), reports)


def _via_clean() -> dict[str, Any]:
    import importlib.util

    spec = importlib.util.spec_from_file_location("score_examples", EXAMPLES / "score_examples.py")
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    exp = json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))
    _, _, dossiers, _ = mod._via_clean(exp)
    return next(d for d in dossiers if ANCHOR in {r["id"] for r in d["reports"]})


@functools.lru_cache(maxsize=1)
def examples_dossier() -> tuple[str, dict[str, Any]]:
    """(route, dossier) for the examples' main story; route is ``"corpus"``, ``"clean"`` or ``"builder"``."""
    for route, fn in (("corpus", _via_corpus), ("clean", _via_clean)):
        try:
            return route, fn()
        except Exception:
            continue
    return "builder", _via_builder()
