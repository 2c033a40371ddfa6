"""spaCy's attribute ruler as a table lookup: the same token attributes, without running the Matcher.

In the parse pass of selective parsing the model's `attribute_ruler` (179 patterns mapping tags to POS and
morphology, plus word exceptions) cost as much as the parser itself (8.5 against 8.0 ms a report, BENCHMARKS
"throughput"), because the generic Matcher walks every pattern state at every token. Its patterns are simple: one or
two tokens, each an equality, ``IN``, ``NOT_IN`` or ``REGEX`` test on ``LOWER``, ``TAG``, ``DEP`` or ``IS_SPACE``.
`AttributeTable` compiles them once into an index from a token's (lower form, tag, dep, is-space) to the rules that
match it, caches that per distinct tuple, and applies the rules' attributes exactly as `AttributeRuler` does: every
condition read on the doc as it came in, then the attributes set in rule order (a later rule wins), with spaCy's
own `set_token_attrs` and the ruler's own normalised attributes.

A pattern it cannot read (another attribute or operator) makes `AttributeTable.compile` return None and the caller
keeps the ruler, so a model with other patterns is never annotated differently.

Example:
    >>> from newstrace.nlp.pipeline import load
    >>> nlp = load(disable=("lemmatizer",))
    >>> table = AttributeTable.compile(nlp.get_pipe("attribute_ruler"))
    >>> doc = nlp("They did not say it.", disable=["attribute_ruler", "ner"])
    >>> [t.pos_ for t in table(doc)]
    ['PRON', 'AUX', 'PART', 'VERB', 'PRON', 'PUNCT']
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

_ATTRS = ("LOWER", "TAG", "DEP", "IS_SPACE")
_FIELD = {a: i for i, a in enumerate(_ATTRS)}
Test = Callable[[Any], bool]
# Distinct (form, tag, dep, space) tuples kept. Measured on the perturbed bench reports: 17k after 150 reports,
# 28k after 300, 43k after 600 (growing about as n^0.6, so some 200k by 10k reports). An entry is a 4-tuple key
# over strings the vocabulary already holds and a short tuple of rule numbers (~250 bytes), so the cache stays
# near 50 MB; past the limit it starts over rather than grow.
CACHE_LIMIT = 200_000


def _test(value: Any) -> tuple[Test, frozenset | None] | None:
    """A predicate for one pattern value, and the literal values it accepts when it accepts only those."""
    if isinstance(value, (str, bool)):
        return (lambda x, v=value: x == v), frozenset([value])
    if isinstance(value, dict) and len(value) == 1:
        op, arg = next(iter(value.items()))
        if op == "IN" and isinstance(arg, list):
            s = frozenset(arg)
            return (lambda x, s=s: x in s), s
        if op == "NOT_IN" and isinstance(arg, list):
            s = frozenset(arg)
            return (lambda x, s=s: x not in s), None
        if op == "REGEX" and isinstance(arg, str):
            rx = re.compile(arg)
            return (lambda x, rx=rx: isinstance(x, str) and rx.search(x) is not None), None
    return None


class AttributeTable:
    """The compiled rules of one `AttributeRuler` (see the module docstring). Call it on a parsed doc."""

    def __init__(self, rules: list[tuple[int, list[list[tuple[int, Test]]], int]], attrs: list[dict], keys: list[tuple[int, frozenset | None]]) -> None:
        self._rules = rules  # (attr id, token tests (field, predicate) per pattern token, index)
        self._attrs = attrs
        self._by: list[dict[Any, list[int]]] = [{} for _ in _ATTRS]
        self._always: list[int] = []
        for n, (field, lits) in enumerate(keys):
            if lits is None:
                self._always.append(n)
            else:
                for v in lits:
                    self._by[field].setdefault(v, []).append(n)
        self._cache: dict[tuple, tuple[tuple[int, int], ...]] = {}  # per distinct token features, bounded
        from spacy.tokens._retokenize import set_token_attrs

        self._set = set_token_attrs

    @classmethod
    def compile(cls, ruler: Any) -> AttributeTable | None:
        """The table of `ruler` (a spaCy `AttributeRuler`), or None when one of its patterns is of a kind the
        table does not read."""
        rules: list[tuple[int, list[list[tuple[int, Test]]], int]] = []
        keys: list[tuple[int, frozenset | None]] = []
        n_attr = 0
        for entry in ruler.patterns:
            for pattern in entry["patterns"]:
                toks: list[list[tuple[int, Test]]] = []
                first_key: tuple[int, frozenset | None] = (0, None)
                for i, spec in enumerate(pattern):
                    if not isinstance(spec, dict) or not spec or any(k not in _FIELD for k in spec):
                        return None
                    tests = []
                    best: tuple[int, frozenset | None] | None = None
                    for k, v in spec.items():
                        got = _test(v)
                        if got is None:
                            return None
                        tests.append((_FIELD[k], got[0]))
                        if got[1] is not None and (best is None or len(got[1]) < len(best[1] or ())):
                            best = (_FIELD[k], got[1])
                    toks.append(tests)
                    if i == 0 and best is not None:
                        first_key = best
                rules.append((n_attr, toks, entry.get("index", 0)))
                keys.append(first_key)
            n_attr += 1
        if n_attr != len(ruler.attrs) or len(ruler.indices) != n_attr:
            return None
        return cls(rules, list(ruler.attrs), keys)

    def _starting_at(self, feats: tuple) -> tuple[tuple[int, int], ...]:
        """Rules whose first token matches a token with features `feats`: (rule number, pattern length)."""
        got = self._cache.get(feats)
        if got is None:
            cand = set(self._always)
            for f, v in enumerate(feats):
                cand.update(self._by[f].get(v, ()))
            out = []
            for n in sorted(cand):
                toks = self._rules[n][1]
                if all(t(feats[f]) for f, t in toks[0]):
                    out.append((n, len(toks)))
            if len(self._cache) >= CACHE_LIMIT:  # a long-running worker meets ever more word forms
                self._cache.clear()
            got = self._cache[feats] = tuple(out)
        return got

    def __call__(self, doc: Any) -> Any:
        feats = [(t.lower_, t.tag_, t.dep_, t.is_space) for t in doc]
        n = len(feats)
        matches: list[tuple[int, int, int]] = []  # (attr id, start, rule number), sorted as the ruler sorts
        for i, f in enumerate(feats):
            for r, length in self._starting_at(f):
                if length > 1:
                    if i + length > n:
                        continue
                    toks = self._rules[r][1]
                    if not all(all(t(feats[i + j][fi]) for fi, t in toks[j]) for j in range(1, length)):
                        continue
                matches.append((self._rules[r][0], i, r))
        matches.sort()
        for attr_id, start, r in matches:
            length = len(self._rules[r][1])
            self._set(doc[start : start + length][self._rules[r][2]], self._attrs[attr_id])
        return doc
