"""The attribute ruler's compiled table sets exactly the attributes spaCy's `AttributeRuler` sets."""
from __future__ import annotations

import numpy as np
import pytest

from newstrace.nlp.attrtable import AttributeTable
from newstrace.nlp.pipeline import STAGE_DISABLE, attribute_table, load
from tests.conftest import DATA, read_jsonl_gz

# the ruler's word exceptions and two-token patterns, dependency-conditioned rules, spaces and a lone letter
_TRICKY = [
    "Y'all gonna let's go. I ain't gon na do it, c'm on!  \n\n There is a man. It is I. Give it to me, you said.",
    "Whether or not he did, they'd have had it: that's what she said, but not before it was done.",
    "   ", "a", "",
]


@pytest.fixture(scope="module")
def nlp():
    return load(disable=STAGE_DISABLE)


def test_table_equals_the_ruler_on_real_news(nlp) -> None:
    from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

    ruler = nlp.get_pipe("attribute_ruler")
    table = AttributeTable.compile(ruler)
    assert table is not None and attribute_table(nlp) is not None
    texts = [r["text"][:4000] for r in read_jsonl_gz(DATA / "ecbplus" / "ecbplus_docs.jsonl.gz")[:120]] + _TRICKY
    tokens = 0
    for doc in nlp.pipe(texts, disable=["attribute_ruler", "ner"]):
        a, b = ruler(doc.copy()), table(doc.copy())
        cols = [POS, MORPH, LEMMA, TAG, DEP, HEAD]
        assert np.array_equal(a.to_array(cols), b.to_array(cols)), doc.text[:80]
        tokens += len(doc)
    assert tokens > 20_000


def test_a_pattern_the_table_cannot_read_keeps_the_ruler() -> None:
    class Ruler:
        patterns = [{"patterns": [[{"LOWER": "a"}]], "attrs": {"POS": "DET"}, "index": 0},
                    {"patterns": [[{"LENGTH": {">=": 3}}]], "attrs": {"POS": "X"}, "index": 0}]
        attrs = [{}, {}]
        indices = [0, 0]

    assert AttributeTable.compile(Ruler()) is None
