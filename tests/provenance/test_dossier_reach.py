"""The dossier's per-claim `reach` (issue 13): attributed vs laundered, with a warning only for laundered claims."""
from __future__ import annotations

from newstrace.model import Report, Story
from newstrace.provenance.dossier import build_dossier


def _claim(d: dict, word: str) -> dict:
    return next(c for c in d["claims"] if any(word in w["text"] for w in c["wordings"]))


def test_a_report_retelling_a_named_source_in_its_own_voice_launders_it() -> None:
    a = Report(id="a", outlet="North Post", text="The bridge will close for repairs on 3 May, the city engineer Lena Brook said.")
    b = Report(id="b", outlet="South Star", text="The bridge will close for repairs on 3 May.")
    d = build_dossier(Story(id="s", reports=("a", "b")), [a, b])
    c = _claim(d, "bridge")
    assert c["circular"] and c["reach"] == "laundered"
    assert c["warning"] and "South Star" in c["warning"] and "North Post" not in c["warning"]
    assert {w["report"]: w["reach"] for w in c["wordings"]} == {"a": "names the origin", "b": "presents it as its own"}


def test_every_report_naming_the_source_is_attributed_without_warning() -> None:
    a = Report(id="a", outlet="North Post", text="The bridge will close for repairs on 3 May, the city engineer Lena Brook said.")
    b = Report(id="b", outlet="South Star", text="Lena Brook, the city engineer, said the bridge will close for repairs on 3 May.")
    d = build_dossier(Story(id="s", reports=("a", "b")), [a, b])
    c = _claim(d, "bridge")
    assert c["circular"] and c["reach"] == "attributed" and c["warning"] is None
    assert c["reach_note"] == "1 source, named by every report"


def test_a_no_comment_line_is_each_asking_outlets_own_reporting() -> None:
    a = Report(id="a", outlet="North Post", text="The Acme Corporation did not immediately respond to a request for comment.")
    b = Report(id="b", outlet="South Star", text="The Acme Corporation declined to comment on the closure.")
    d = build_dossier(Story(id="s", reports=("a", "b")), [a, b])
    c = _claim(d, "Acme")
    names = {o["id"]: o["name"] for o in d["origins"]}
    assert c["independent_origins"] == 2 and not c["circular"]
    assert sorted(names[o] for o in c["origins"]) == ["North Post", "South Star"]
