"""Charset detection and repair, with the held-out detection gate on real multilingual pages."""
from __future__ import annotations

import gzip
import hashlib
import json
import re

import pytest

from newstrace.errors import InputError
from newstrace.ingest.encoding import decode, implausibility, meta_charset, normalise_label, sniff_binary
from tests.conftest import DATA
from tests.gates import floor

_META = re.compile(r"<meta[^>]+charset[^>]*>", re.I)
_LEGACY = ["cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1257", "cp1256", "cp1255"]


def heldout_pages() -> list[tuple[str, str, str, bytes]]:
    """(url, codec, page, bytes) for the held-out half: non-ASCII pages that fit a legacy codec, undeclared."""
    rows = []
    with gzip.open(DATA / "trafilatura-eval" / "trafilatura_eval_sample.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d.get("html_decoded_as") or not hashlib.sha256(d["url"].encode()).digest()[0] % 2:
                continue
            html = _META.sub("", d["html"])
            if html.isascii():
                continue
            for enc in _LEGACY:
                try:
                    rows.append((d["url"], enc, html, html.encode(enc)))
                    break
                except UnicodeEncodeError:
                    continue
    return rows


@pytest.mark.gate
def test_gate_encoding_exact_heldout() -> None:
    rows = heldout_pages()
    assert len(rows) >= 80
    ok = sum(decode(b, kind="html", name=url, fix_mojibake=False).text == html for url, _enc, html, b in rows)
    rate = ok / len(rows)
    print(f"encoding_exact_heldout = {rate:.4f} ({ok}/{len(rows)})")
    assert rate >= floor("ingest", "encoding_exact_heldout")


def test_bom_utf16_and_utf8() -> None:
    assert decode("Grüße".encode("utf-16")).text == "Grüße"
    d = decode(b"\xef\xbb\xbfna\xc3\xafve")
    assert (d.text, d.evidence) == ("naïve", "bom")


def test_labels_follow_whatwg() -> None:
    assert normalise_label("ISO-8859-1") == "cp1252"
    assert normalise_label("windows-1256") == "cp1256"
    assert normalise_label("x-no-such") is None
    assert meta_charset(b'<meta http-equiv="content-type" content="text/html; charset=Windows-1256">') == "Windows-1256"


def test_http_charset_beats_meta() -> None:
    page = '<meta charset="windows-1251"><p>Привет</p>'.encode("koi8_r")
    assert "Привет" in decode(page, kind="html", declared="koi8-r").text


def test_binary_sniffing() -> None:
    assert sniff_binary(b"%PDF-1.4\n...") == "PDF"
    assert sniff_binary(b"text\x00more") is not None
    assert sniff_binary("Grüße".encode("utf-16")) is None
    with pytest.raises(InputError) as e:
        decode(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert e.value.code == "NT101"


@pytest.mark.parametrize(("text", "enc"), [
    ("Zażółć gęślą jaźń, powiedział minister w środę.", "cp1250"),
    ("Министр заявил в среду, что реформа будет представлена осенью.", "cp1251"),
    ("Ο υπουργός δήλωσε την Τετάρτη ότι η μεταρρύθμιση θα παρουσιαστεί.", "cp1253"),
])
def test_other_legacy_codecs(text: str, enc: str) -> None:
    assert decode(text.encode(enc)).text == text


@pytest.mark.parametrize(("text", "enc"), [
    ("東京都の知事は水曜日、新しい予算案を発表したと述べた。関係者によると、議会は来週審議する。", "shift_jis"),
    ("国务院新闻办公室周三表示，新的改革方案将于秋季公布。", "gb18030"),
    ("서울시는 수요일 새로운 예산안을 발표했다고 밝혔다.", "cp949"),
])
def test_undeclared_cjk_codecs(text: str, enc: str) -> None:
    d = decode(text.encode(enc))
    assert (d.text, d.encoding) == (text, enc)


def test_undeclared_turkish_is_a_known_limit_declared_turkish_is_right() -> None:
    # cp1254 differs from cp1252 in six letters only (ş ğ ı İ Ş Ğ read as þ ð ý Ý Þ Ð): without a declaration
    # nothing in the bytes tells them apart, and windows-1252, the web's fallback, wins the tie.
    text = "Bakan çarşamba günü reformun sonbaharda sunulacağını söyledi."
    assert decode(text.encode("cp1254")).text == text.translate(str.maketrans("şğı", "þðý"))
    page = ('<meta charset="windows-1254"><p>' + text).encode("cp1254")
    assert text in decode(page, kind="html").text


def test_plausibility_prefers_real_words() -> None:
    assert implausibility("Straße über Köln") == 0
    assert implausibility("Stra─e") > 0  # cp866 box drawing inside a Latin word
    assert implausibility("ÞÇáÊ ÇáÍßæãÉ") > 0  # Arabic cp1256 read as cp1252
    assert implausibility("don’t l·l geht´s") == 0
    assert implausibility('<script>var s = "ÞÇáÊ";</script><p>ok</p>') == 0  # code is not text


def test_clean_text_is_never_rewritten() -> None:
    s = "Il a dit « non » — 3½ % des voix, l’UE, naïve, Ærø, 東京."
    assert decode(s.encode("utf-8")).text == s
