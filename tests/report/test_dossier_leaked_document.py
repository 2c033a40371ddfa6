"""A two-report leaked-document story (written for this test) through Corpus.ingest → dossier (issue 13): the one
origin is the document and the outlet that obtained it, and the quoted official stays on the chain."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

#: written for this test: a newspaper obtains a classified document quoting a senior official; a wire retells it
CHRONICLE = (
    "A classified defence ministry document obtained by The Riverside Chronicle shows that the army plans to close "
    "the Marlow air base by 2028 and move its 1,200 personnel to the coast.\n\n"
    "\"The base has no future in its present form,\" Deputy Defence Minister Ilse Varga wrote in the document, "
    "which is dated 4 March.\n\n"
    "The closure would cost the town of Marlow about 300 civilian jobs, according to the document.\n\n"
    "The ministry did not respond to requests for comment."
)
WIRE = (
    "The army plans to close the Marlow air base by 2028 and move its 1,200 personnel to the coast, The Riverside "
    "Chronicle reported on Wednesday, citing a classified defence ministry document it had obtained.\n\n"
    "\"The base has no future in its present form,\" Deputy Defence Minister Ilse Varga wrote in the document, the "
    "newspaper said.\n\n"
    "Northern Wire has not seen the document. Marlow's mayor called the plan a betrayal."
)


@pytest.fixture(scope="module")
def dossier(tmp_path_factory: pytest.TempPathFactory) -> dict:
    from newstrace.corpus import Corpus

    tmp = tmp_path_factory.mktemp("leak")
    src = tmp / "in"
    src.mkdir()
    recs = [
        {"id": "chronicle-1", "outlet": "The Riverside Chronicle", "title": "Army to shut Marlow air base, document shows",
         "published": "2027-03-10", "text": CHRONICLE},
        {"id": "wire-1", "outlet": "Northern Wire", "title": "Army plans to close Marlow base - newspaper",
         "published": "2027-03-10", "text": WIRE},
    ]
    (src / "leak.jsonl").write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    with Corpus.open(Path(tmp) / "leak.duckdb") as corpus:
        corpus.ingest([str(src)])
        story = next(s for s in corpus.stories() if "chronicle-1" in s["reports"])
        assert set(story["reports"]) == {"chronicle-1", "wire-1"}
        return corpus.dossier(story["id"])


def _claim(d: dict, words: str) -> dict:
    return next(c for c in d["claims"] if all(words in w["text"] for w in c["wordings"]))


def test_the_one_origin_is_the_document_and_the_outlet_that_obtained_it(dossier: dict) -> None:
    c = _claim(dossier, "close")
    names = {o["id"]: o for o in dossier["origins"]}
    assert len(c["origins"]) == 1 and c["circular"]
    o = names[c["origins"][0]]
    assert o["kind"] == "document"
    assert "document" in o["name"] and "obtained by" in o["name"] and "Riverside Chronicle" in o["name"], o
    # every report names that document: openly single-sourced, not laundered
    assert c["reach"] == "attributed" and c["warning"] is None


def test_the_quoted_official_is_kept_on_the_chain(dossier: dict) -> None:
    c = _claim(dossier, "no future in its present form")
    names = {o["id"]: o for o in dossier["origins"]}
    assert len(c["origins"]) == 1
    o = names[c["origins"][0]]
    assert o["kind"] == "document" and "obtained by" in o["name"] and "Riverside Chronicle" in o["name"], o
    assert all("Ilse Varga" in (w.get("quoting") or "") for w in c["wordings"]), c["wordings"]
