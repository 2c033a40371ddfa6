"""render_markdown: every section, per-outlet wordings, independence, escaping, edge-case stories."""
from __future__ import annotations

import copy
import doctest
import json
import re
from pathlib import Path

import pytest

from newstrace.report import markdown as md_mod
from newstrace.report.markdown import escape_md, render_markdown

FIXTURE = Path(__file__).parent / "fixtures" / "dossier.json"
ROOT = Path(__file__).resolve().parents[2]
SECTIONS = ["## Reports", "## Claims", "## Origins and independence", "## Entities", "## Copies", "## Divergences",
            "## Framing", "## Timeline", "## Provenance graph"]


@pytest.fixture()
def dossier() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def _claim_block(md: str, cid: str) -> str:
    m = re.search(rf"^### {cid}: .*?(?=^### |^## )", md, re.S | re.M)
    assert m, f"no block for {cid}"
    return m.group(0)


def test_sample_dossier_has_every_section_in_order(dossier: dict) -> None:
    md = render_markdown(dossier)
    pos = [md.index(s) for s in SECTIONS]
    assert pos == sorted(pos)
    assert md.startswith("# Leaked document shows ministry")
    assert "5 reports · 5 outlets · 6 claims · 2026-11-17 to 2026-11-19" in md


def test_claims_show_each_outlets_wording_origins_and_independence(dossier: dict) -> None:
    md = render_markdown(dossier)
    c1 = _claim_block(md, "C1")
    # one table row per report, each naming its outlet next to its own words
    rows = [line for line in c1.splitlines() if line.startswith("| ") and "`" in line]
    assert len(rows) == 5
    assert any(r.startswith("| Daily Courier |") and "quietly handed" in r for r in rows)
    assert any(r.startswith("| The Capital Times |") and "awarded the contract without a public tender" in r
               for r in rows)
    assert "**1 independent origin**" in c1 and "Circular reporting: 5 reports rest on one origin" in c1
    c4 = _claim_block(md, "C4")
    assert "**2 independent origins**" in c4
    assert "Khalid al-Qadhi, Energy and Water Minister" in c4 and "spokeswoman Rana Khoury" in c4
    c6 = _claim_block(md, "C6")
    assert "Circular" not in c6  # one report, one origin: not circular


def test_divergence_framing_timeline_and_copies(dossier: dict) -> None:
    md = render_markdown(dossier)
    div = md[md.index("## Divergences"):md.index("## Framing")]
    assert "$2.4 billion: The Nation Herald, Levant Press Agency, Gulf Observer, Daily Courier" in div
    assert "$2.1 billion: The Capital Times" in div
    assert "| C5 Meridian Hydro is partly owned by a relative of the minister by marriage. | The Nation Herald, Daily " \
           "Courier | Levant Press Agency, Gulf Observer, The Capital Times |" in div
    framing = md[md.index("## Framing"):md.index("## Timeline")]
    header = framing.splitlines()[2]
    assert header.startswith("| about | The Nation Herald | Levant Press Agency | Daily Courier |")
    assert "“secret dam deal”" in framing and "“no-bid award”" in framing
    timeline = md[md.index("## Timeline"):md.index("## Provenance graph")]
    assert timeline.index("2026-11-03") < timeline.index("2026-11-17") < timeline.index("2026-11-23")
    assert "next Monday" in timeline
    copies = md[md.index("## Copies"):md.index("## Divergences")]
    assert "`crawl.warc.gz#2` (Gulf Observer) copies `lpa-20261117-0412` (Levant Press Agency), 93% shared" in copies


def test_hostile_text_is_escaped_and_cannot_break_tables(dossier: dict) -> None:
    d = copy.deepcopy(dossier)
    d["title"] = "<script>alert('x')</script> | # not a heading"
    d["reports"][0]["title"] = "A | B\nC <img src=x onerror=alert(1)>"
    d["claims"][0]["wordings"][0]["text"] = "pipes | and `ticks` and [links](javascript:alert(1))"
    md = render_markdown(d)
    assert "<script>" not in md and "<img" not in md
    assert "&lt;script&gt;" in md
    assert "[links](" not in md and "\\[links\\](javascript:" in md  # link syntax escaped: not clickable
    reports = md[md.index("## Reports"):md.index("## Claims")].splitlines()
    row = next(line for line in reports if "nation-herald.html" in line)
    # an unescaped pipe would add a column: count the cell separators outside escapes
    assert len(re.findall(r"(?<!\\)\|", row)) == 6


def test_story_of_one_report_without_attributions() -> None:
    d = {"id": "S9", "title": None, "reports": [{"id": "x.txt", "outlet": None, "title": "Lone", "published": None,
                                                  "url": None}],
         "entities": [], "claims": [], "origins": [], "copies": [], "divergences": [], "framing": [], "timeline": [],
         "graph": {"nodes": [], "edges": []}, "notes": ["x.txt: source reading failed"]}
    md = render_markdown(d)
    assert md.startswith("# Story S9") and "## Notes\n\n- x.txt: source reading failed" in md
    assert "_No claims found._" in md and "_No origins found._" in md and "_No copied reports found._" in md
    assert "## Provenance graph" not in md  # nothing to show


def test_story_of_500_reports(dossier: dict) -> None:
    d = copy.deepcopy(dossier)
    base = d["reports"][0]
    d["reports"] = [dict(base, id=f"r{i}.html", outlet=f"Outlet {i % 40}") for i in range(500)]
    d["claims"][0]["wordings"] = [{"report": f"r{i}.html", "text": f"wording {i}", "start": 0, "end": 9}
                                  for i in range(500)]
    d["claims"][0]["reports"] = [f"r{i}.html" for i in range(500)]
    md = render_markdown(d)
    assert "500 reports · 40 outlets" in md
    assert "Circular reporting: 500 reports rest on one origin" in md
    assert md.count("| Outlet ") >= 500


def test_unknown_section_shapes_do_not_crash(dossier: dict) -> None:
    d = copy.deepcopy(dossier)
    d["divergences"] = ["plain string divergence", {"kind": "date", "values": ["17 Nov", "18 Nov"]}]
    d["framing"] = [{"report": "daily-courier.txt", "word": "cronyism", "kind": "loaded"}, "scare quotes"]
    d["timeline"] = [{"date": "2026-11-17", "event": "scoop", "evidence": {"report": "nation-herald.html"}}]
    md = render_markdown(d)
    assert "plain string divergence" in md and "17 Nov" in md and "“cronyism”" in md and "scoop" in md
    with pytest.raises(TypeError):
        render_markdown(["not", "a", "dossier"])  # type: ignore[arg-type]


def test_escape_md_folds_newlines_in_cells() -> None:
    assert escape_md("a\n\n b", cell=True) == "a b"
    assert escape_md(None) == ""


def test_docstring_examples() -> None:
    assert doctest.testmod(md_mod).failed == 0


def test_real_examples_dossier_has_every_section_and_report() -> None:
    from tests.report.examples_dossier import examples_dossier

    route, d = examples_dossier()
    md = render_markdown(d)
    for s in SECTIONS:
        assert s in md, (route, s)
    reports = md[md.index("## Reports"):md.index("## Claims")]
    for r in d["reports"]:
        assert f"`{r['id']}`" in reports
    for c in d["claims"]:
        block = _claim_block(md, re.escape(c["id"]))
        assert f"**{c['independent_origins']} independent origin" in block
        assert ("Circular reporting" in block) == bool(c["circular"])


def test_a_story_of_two_sub_events_says_so_and_names_their_reports(dossier: dict) -> None:
    ids = [r["id"] for r in dossier["reports"]]
    assert "separate events" not in render_markdown(dossier)  # one sub-event (or none): no notice
    dossier["subevents"] = [{"id": 0, "reports": ids[:2]}, {"id": 1, "reports": ids[2:]}]
    md = render_markdown(dossier)
    assert "mixes 2 separate events" in md
    first = next(line for line in md.splitlines() if line.startswith("> - Event 1:"))
    assert dossier["reports"][0]["title"][:20] in first and dossier["reports"][3]["title"][:20] not in first
    from newstrace.report.html import render_html

    html = render_html(dossier)
    assert "mixes 2 separate events" in html and html.count("<li>", html.index("nt-subevents")) >= 2


def test_reach_warns_only_for_laundered_claims(dossier: dict) -> None:
    d = copy.deepcopy(dossier)
    c1, c4 = d["claims"][0], d["claims"][3]
    assert c1["circular"]
    c1.update(reach="attributed", warning=None, reach_note="1 source, named by every report")
    c4.update(reach="laundered", warning="Laundered: Daily Courier presents it as its own.")
    md = render_markdown(d)
    b1, b4 = _claim_block(md, "C1"), _claim_block(md, "C4")
    # an openly single-sourced claim is still circular, said plainly, without the warning sign
    assert "Circular reporting: 5 reports rest on one origin" in b1 and "1 source, named by every report" in b1
    assert "⚠" not in b1
    assert "> ⚠ **Laundered: Daily Courier presents it as its own.**" in b4
    table = md[md.index("## Origins and independence"):md.index("## Entities")]
    assert "| reach |" in table and "laundered" in table
