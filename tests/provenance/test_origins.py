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
