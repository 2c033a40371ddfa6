"""Origin rules: merging name variants, roles, outlets, copies, public record, circular."""
from __future__ import annotations

from newstrace.model import Copy, Span
from newstrace.provenance.origins import claim_origins, same_source
from newstrace.provenance.sources import Source


def test_same_source_variants_and_distinct_people() -> None:
    assert same_source("Wally Oppal", "WALLY OPAL")
    assert same_source("USGS", "United States Geological Survey")
    assert same_source("Tehran's seismologic center", "Iran's seismologic center")
    assert not same_source("John Henry", "Patrick Henry")
    assert not same_source("Wally Oppal", "Tim Shields")


W = [("a", Span(0, 10)), ("b", Span(0, 10)), ("c", Span(0, 10))]


def test_variants_of_one_speaker_are_one_circular_origin() -> None:
    srcs = {W[0]: Source("Wally Oppal", "named"), W[1]: Source("Oppal", "named"), W[2]: Source("OPAL", "named")}
    co = claim_origins(W, srcs)
    assert co.independent == 1 and co.circular


def test_principals_are_separate() -> None:
    srcs = {W[0]: Source("Wally Oppal", "named"), W[1]: Source("Tim Shields", "named")}
    co = claim_origins(W[:2], srcs)
    assert co.independent == 2 and not co.circular


def test_own_voice_and_hearsay_add_none_and_fall_back_to_public_record() -> None:
    srcs = {W[0]: Source(None, "own"), W[1]: Source(None, "hearsay")}
    co = claim_origins(W[:2], srcs)
    assert co.names == [("public record", "public record")] and co.circular


def test_outlet_relaying_a_named_source_descends_from_it() -> None:
    srcs = {W[0]: Source("Jack Ketsoyan", "named", via=("People",)), W[1]: Source("People", "outlet")}
    assert claim_origins(W[:2], srcs).independent == 1


def test_outlet_scoops_are_one_origin_each() -> None:
    srcs = {W[0]: Source("Boston Herald", "outlet"), W[1]: Source("Newsday", "outlet"), W[2]: Source(None, "hearsay")}
    assert claim_origins(W, srcs).independent == 2


def test_role_tied_to_name_merges_and_untied_unnamed_is_separate() -> None:
    srcs = {W[0]: Source(None, "role", head="rep"), W[1]: Source("Jack Ketsoyan", "named"), W[2]: Source(None, "unnamed", head="friend")}
    co = claim_origins(W, srcs, roles={"rep": "Jack Ketsoyan"})
    assert co.independent == 2


def test_copy_inherits_the_original_wording() -> None:
    srcs = {W[0]: Source("Police", "named"), W[1]: Source("Someone Else", "named")}
    co = claim_origins(W[:2], srcs, copies=[Copy(a="a", b="b", share=0.9, original="a")])
    assert co.independent == 1
    assert co.per_wording[W[1]].reason.startswith("copy of a")


def test_spokesperson_counts_as_organisation() -> None:
    srcs = {W[0]: Source("Tim Shields", "named"), W[1]: Source("RCMP", "named")}
    assert claim_origins(W[:2], srcs, affiliation={"Tim Shields": "RCMP"}).independent == 1


def test_lower_case_head_refers_back_to_the_named_body() -> None:
    from newstrace.provenance.origins import same_source

    assert same_source("ministry", "Ministry of Health") and same_source("police", "Lakeside Police")
    assert not same_source("court", "Ministry of Health") and not same_source("Ministry", "Health Council")


def test_an_unnamed_group_joins_the_one_named_source_the_texts_tie_it_to() -> None:
    from newstrace.provenance.sources import group_ties

    texts = ["Five people died, said disaster agency official Rina Sato.", "Officials said roads were shut."]
    srcs = {W[0]: Source("Rina Sato", "named"), W[1]: Source(None, "unnamed", head="officials")}
    v1 = claim_origins(W[:2], srcs)
    v2 = claim_origins(W[:2], srcs, groups=lambda name, group: group_ties(texts, name, group))
    assert (v1.independent, v2.independent) == (2, 1)
    assert v2.names == [("Rina Sato", "named")]
    assert "the texts tie official to Rina Sato" in v2.per_wording[W[1]].reason


def test_untied_or_ambiguous_groups_stay_apart() -> None:
    srcs = {W[0]: Source("Rina Sato", "named"), W[1]: Source("Omar Vell", "named"), W[2]: Source(None, "unnamed", head="officials")}
    assert claim_origins(W, srcs, groups=lambda name, group: True).independent == 3  # two tied: which one?
    assert claim_origins(W, srcs, groups=lambda name, group: False).independent == 3
    friend = {W[0]: Source("Jack Ketsoyan", "named"), W[1]: Source(None, "unnamed", head="friend")}
    assert claim_origins(W[:2], friend, groups=lambda name, group: True).independent == 2  # a friend speaks for no body


def test_group_ties_read_the_phrase_around_the_name() -> None:
    from newstrace.provenance.sources import group_ties

    assert group_ties(["Police Inspector Mara Quill said."], "Mara Quill", "police")
    assert group_ties(["said Rina Sato, an official of the local disaster agency."], "Rina Sato", "official")
    assert group_ties(["A spokesman for Norvale said no one was hurt."], "Norvale", "spokesman")
    assert group_ties(["The USGS officials said it was shallow."], "USGS", "official")
    assert not group_ties(["Mara Quill said police were called."], "Mara Quill", "police")
    assert not group_ties(["The police told Mara Quill to wait."], "Mara Quill", "police")  # a verb between
    assert not group_ties(["Mara Quill, who farms nearby, said."], "Mara Quill", "police")


def test_v3_a_contesting_source_is_no_origin_and_is_listed() -> None:
    srcs = {W[0]: Source("Water Board", "named"), W[1]: Source("Ana Velt", "named"), W[2]: Source("Water Board", "named")}
    assert claim_origins(W, srcs).independent == 2  # v2: the denial counted as a second origin
    co = claim_origins(W, srcs, positions={W[1]: "contests"})
    assert co.names == [("Water Board", "named")] and co.circular
    assert co.positions == [("b", "Ana Velt", "contests")]
    assert co.per_wording[W[1]].key is None and co.per_wording[W[1]].reason.startswith("contests: Ana Velt")


def test_v3_a_stance_is_no_origin_beside_an_account_but_is_one_alone() -> None:
    srcs = {W[0]: Source("Education Department", "named"), W[1]: Source("Mia Dorn", "named")}
    co = claim_origins(W[:2], srcs, positions={W[1]: "stance"})
    assert co.names == [("Education Department", "named")] and co.positions == [("b", "Mia Dorn", "stance")]
    # a claim that is nothing but stances is the stances themselves: their holders are its origins
    srcs = {W[0]: Source("Mia Dorn", "named"), W[1]: Source("Leo Hart", "named")}
    co = claim_origins(W[:2], srcs, positions={W[0]: "stance", W[1]: "stance"})
    assert co.independent == 2 and co.positions == []


def test_v3_contesting_everything_leaves_the_claim_on_public_record() -> None:
    srcs = {W[0]: Source("Ana Velt", "named"), W[1]: Source(None, "own")}
    co = claim_origins(W[:2], srcs, positions={W[0]: "contests"})
    assert co.names == [("public record", "public record")]
