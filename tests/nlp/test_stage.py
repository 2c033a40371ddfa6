"""The NLP stage as the CLI and ingest call it: edge cases, JSON view, batch robustness, registry, laziness."""
from __future__ import annotations

import subprocess
import sys

import pytest

from newstrace.model import Report
from newstrace.nlp import annotate, attributions_json
from newstrace.registry import attributors
from tests.conftest import DATA, read_jsonl_gz
from tests.nlp.helpers import attrib, excerpt


def test_empty_text_gives_nothing() -> None:
    r = next(annotate([Report(id="e", text=""), ]))
    assert (r.attributions, r.mentions, r.claims, r.notes) == ([], [], [], [])
    r = next(annotate([Report(id="w", text="  \n ")]))
    assert r.attributions == [] and r.notes == []


def test_one_sentence_report() -> None:
    text = excerpt("1_10ecb", "A friend of the actress told", "her decision.")
    r = next(annotate([Report(id="one", text=text)]))  # language detected
    assert len(r.attributions) == 1 and r.attributions[0].id == "one#a1"
    assert {m.label for m in r.mentions} >= {"DATE"}
    assert all(m.span.of(text) == m.text for m in r.mentions)


def test_non_english_report_is_noted_not_invented() -> None:
    rec = read_jsonl_gz(DATA / "spkatt2023" / "spkatt2023_task1.jsonl.gz")[1]
    german = " ".join(" ".join(s["tokens"]) for s in rec["sentences"])
    r = next(annotate([Report(id="de", text=german)]))
    assert r.attributions == [] and r.claims == [] and r.mentions == []
    assert r.notes == ["NT302: language de not supported by the English pipeline"]
    r = next(annotate([Report(id="fr", text="Le ministre a dit que les troupes restent.", language="fr")]))
    assert r.notes == ["NT302: language fr not supported by the English pipeline"] and r.attributions == []


def test_long_report_in_chunks_keeps_offsets_and_results() -> None:
    docs = [r["text"] for r in attrib("attrib_dev").values() if r["text"]][:12]
    single = [len(r.attributions) for r in annotate([Report(id=str(i), text=t, language="en") for i, t in enumerate(docs)])]
    long_text = "\n\n".join(docs)
    r = next(annotate([Report(id="long", text=long_text, language="en")], max_chunk_chars=4000))
    assert r.notes == []
    for a in r.attributions:
        for span in (a.content, a.source, a.cue):
            if span is not None:
                assert 0 <= span.start < span.end <= len(long_text)
    js = attributions_json(r)
    assert all(js["text"][x["content"]["start"]:x["content"]["end"]] == x["content"]["text"] for x in js["attributions"])
    # chunk cuts fall between sentences, so the chunked long report finds what the documents find alone
    assert abs(len(r.attributions) - sum(single)) <= max(2, 0.05 * sum(single))


def test_json_view_matches_the_contract() -> None:
    text = excerpt("28_9ecb", "Felt died at his home", "Nick Jones.")
    r = next(annotate([Report(id="doc-1", text=text, language="en")]))
    js = attributions_json(r)
    assert set(js) == {"doc_id", "text", "attributions", "notes"} and js["doc_id"] == "doc-1" and js["text"] == text
    a = js["attributions"][0]
    assert set(a) == {"id", "kind", "act", "source", "source_name", "cue", "content", "via", "source_kind"}
    assert a["act"] is None  # only attribution.acts.v1 sets the act
    for key in ("source", "cue", "content"):
        assert text[a[key]["start"]:a[key]["end"]] == a[key]["text"]
    assert set(a["via"][0]) == {"start", "end", "text", "name", "kind", "relation"}


def test_one_bad_report_never_kills_the_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    import newstrace.nlp.attribution as A

    real = A.extract_chunk

    def flaky(doc, off, ctx):  # type: ignore[no-untyped-def]
        if "BOOM" in ctx.text:
            raise RuntimeError("broken parse")
        return real(doc, off, ctx)

    monkeypatch.setattr(A, "extract_chunk", flaky)
    good = excerpt("1_10ecb", "A friend of the actress told", "her decision.")
    out = list(annotate([Report(id="a", text=good, language="en"), Report(id="b", text="BOOM " + good, language="en"),
                         Report(id="c", text=good, language="en")]))
    assert [r.id for r in out] == ["a", "b", "c"]
    assert out[1].notes[0].startswith("NT301") and out[1].attributions == []
    assert len(out[0].attributions) == len(out[2].attributions) == 1


def test_registered_and_cheap_to_import() -> None:
    assert attributors.get("attribution.v1") is not None
    code = "import sys, newstrace.nlp; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "False"


def test_attribution_reasons_are_counted() -> None:
    text = attrib("attrib_dev")["33_3ecb"]["text"]
    r = next(annotate([Report(id="d", text=text, language="en")]))
    reasons = r.meta["attribution_reasons"]
    assert reasons.get("verb: adjacent quote", 0) > 0 and all(isinstance(v, int) for v in reasons.values())


def test_reports_come_out_in_input_order_whatever_is_skipped() -> None:
    good = excerpt("1_10ecb", "A friend of the actress told", "her decision.")
    reports = [Report(id="en1", text=good, language="en"), Report(id="fr", text="Il a dit oui.", language="fr"),
               Report(id="empty", text=""), Report(id="en2", text=good, language="en")]
    out = list(annotate(reports, batch_size=1))
    assert [r.id for r in out] == ["en1", "fr", "empty", "en2"]
    assert [len(r.attributions) for r in out] == [1, 0, 0, 1]
