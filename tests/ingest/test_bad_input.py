"""Bad input: each case gets a coded per-file failure or a correct result, and the rest of the batch is read."""
from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path

import pytest

from newstrace.ingest import Failure, read
from newstrace.model import Report
from newstrace.settings import Settings
from tests.conftest import ROOT
from tests.ingest.helpers import aeb_pages, build_warc

BAD = ROOT / "tests" / "fixtures" / "bad"


@pytest.fixture(scope="module")
def pages() -> list[dict]:
    return aeb_pages(3)


def _one(path: Path, **kw):
    out = list(read([str(path)], **kw))
    assert len(out) == 1, out
    return out[0]


def _code(x) -> str:
    assert isinstance(x, Failure), x
    return x.code


@pytest.mark.parametrize(("name", "code"), [
    ("image_named.html", "NT101"), ("nul_bytes.txt", "NT101"), ("empty.html", "NT106"), ("blank.txt", "NT106"),
    ("not_a_warc.warc", "NT102"), ("not_gzip.jsonl.gz", "NT103"),
])
def test_bad_files_get_their_code(name: str, code: str) -> None:
    f = _one(BAD / name)
    assert _code(f) == code
    assert f.source == str(BAD / name) and code in str(f.error)


def test_batch_goes_on_after_every_bad_file(tmp_path: Path, pages: list[dict]) -> None:
    good = tmp_path / "good.html"
    good.write_text(pages[0]["html"], encoding="utf-8")
    out = list(read([str(BAD), str(good)]))
    assert isinstance(out[-1], Report) and out[-1].raw == pages[0]["html"]
    codes = sorted(x.code for x in out if isinstance(x, Failure))
    assert codes == ["NT101", "NT101", "NT102", "NT103", "NT104", "NT105", "NT105", "NT105", "NT106", "NT106"]


def test_windows_1252_french_decodes_right() -> None:
    r = _one(BAD / "fr_cp1252.txt")
    assert r.meta["encoding"] == "cp1252"
    assert "l'Économie a déclaré mercredi" in r.raw and "« dès la rentrée »" in r.raw
    assert "reçus jeudi à Matignon" in r.raw and "© Le Quotidien – Tous droits réservés" in r.raw


def test_windows_1256_arabic_decodes_right_with_and_without_declaration() -> None:
    txt = _one(BAD / "ar_cp1256.txt")
    html = _one(BAD / "ar_cp1256.html")
    assert txt.meta["encoding"] == html.meta["encoding"] == "cp1256"
    assert html.meta["encoding_evidence"] == "declared:meta"
    for r in (txt, html):
        assert "قالت وزارة الصحة في بيان صدر اليوم الأربعاء" in r.raw
        assert "المحافظات الجنوبية" in r.raw


def test_declared_charset_honoured_but_valid_utf8_wins_over_a_wrong_single_byte_label(tmp_path: Path) -> None:
    p = tmp_path / "lying.html"
    p.write_bytes('<meta charset="iso-8859-1"><p>Le président a déclaré</p>'.encode("utf-8"))
    assert "Le président a déclaré" in _one(p).raw
    q = tmp_path / "honest.html"
    q.write_bytes('<meta charset="iso-8859-1"><p>Le président a déclaré</p>'.encode("cp1252"))
    r = _one(q)
    assert "Le président a déclaré" in r.raw and r.meta["encoding_evidence"] == "declared:meta"


def test_mojibake_is_repaired() -> None:
    r = _one(BAD / "mojibake.txt")
    assert r.meta["mojibake_repaired"] is True
    assert r.raw.startswith("Le président a déclaré que l’accord était « historique ».")
    assert "die Maßnahmen würden überprüft" in r.raw


def test_jsonl_bad_lines_are_coded_and_other_lines_come_through() -> None:
    out = list(read([str(BAD / "mixed.jsonl")]))
    got = [(x.id, "ok") if isinstance(x, Report) else (x.source.rsplit(":", 1)[1], x.code) for x in out]
    assert got == [("ok-1", "ok"), ("2", "NT104"), ("3", "NT105"), ("4", "NT105"), ("5", "NT105"),
                   ("ok-2", "ok"), (f"{BAD / 'mixed.jsonl'}#7", "ok")]


@pytest.mark.parametrize("gz", [True, False])
def test_truncated_warc_keeps_records_before_the_cut(tmp_path: Path, pages: list[dict], gz: bool) -> None:
    full = tmp_path / ("full.warc.gz" if gz else "full.warc")
    recs = build_warc(full, pages, gz=gz, extras=False)
    data = full.read_bytes()
    # Cut in the middle of the last response record (record 7): records 1-6 are whole.
    whole = sum(len(gzip.compress(r)) if gz else len(r) for r in recs[:-1])
    last = len(data) - whole
    cut = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    cut.write_bytes(data[: whole + last // 2])
    out = list(read([str(cut)]))
    reps = [x for x in out if isinstance(x, Report)]
    assert [r.raw for r in reps] == [p["html"] for p in pages[:2]]
    fails = [x for x in out if isinstance(x, Failure)]
    assert [(f.id, f.code) for f in fails] == [(f"{cut}#7", "NT103" if gz else "NT102")]
    assert "record cut" in fails[0].error.message


def test_truncated_whole_file_gzip_jsonl_keeps_complete_lines(tmp_path: Path) -> None:
    lines = "".join(f'{{"id": "{i}", "text": "Sentence number {i} of a long file."}}\n' for i in range(3000))
    data = gzip.compress(lines.encode())
    p = tmp_path / "cut.jsonl.gz"
    p.write_bytes(data[: len(data) // 2])
    out = list(read([str(p)]))
    reps = [x for x in out if isinstance(x, Report)]
    assert reps and [r.id for r in reps] == [str(i) for i in range(len(reps))]
    assert isinstance(out[-1], Failure) and out[-1].code == "NT103"
    assert all(isinstance(x, Report) for x in out[:-1])  # the half line is part of the NT103, not an NT104


def test_truncated_gzip_html_is_nt103(tmp_path: Path, pages: list[dict]) -> None:
    data = gzip.compress(pages[0]["html"].encode())
    p = tmp_path / "page.html.gz"
    p.write_bytes(data[: len(data) // 2])
    assert _code(_one(p)) == "NT103"
    ok = tmp_path / "ok.html.gz"
    ok.write_bytes(data)
    assert _one(ok).raw == pages[0]["html"]


def test_too_large_is_nt108_without_reading_it(tmp_path: Path) -> None:
    p = tmp_path / "big.html"
    p.write_bytes(b"<p>" + b"x" * 5000 + b"</p>")
    assert _code(_one(p, settings=Settings(max_bytes=1000))) == "NT108"
    line = tmp_path / "long.jsonl"
    line.write_text('{"id": "a", "text": "' + "y" * 5000 + '"}\n{"id": "b", "text": "short"}\n')
    out = list(read([str(line)], settings=Settings(max_bytes=1000)))
    assert _code(out[0]) == "NT108" and isinstance(out[1], Report) and out[1].id == "b"


def test_deeply_nested_page_is_read(tmp_path: Path) -> None:
    p = tmp_path / "deep.html"
    p.write_text("<html><body>" + "<div>" * 100_000 + "deep text" + "</div>" * 100_000 + "</body></html>")
    r = _one(p)
    assert isinstance(r, Report) and "deep text" in r.raw


# Peak RSS from VmHWM: getrusage's ru_maxrss survives exec, so a child started from a large pytest process
# would report the parent's high-water mark instead of its own.
_BIG = r"""
import sys
from newstrace.ingest import read
out = list(read([sys.argv[1]]))
r = out[0]
ok = type(r).__name__ == "Report" and sys.argv[2] in r.raw and sys.argv[3] not in r.raw
hwm = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
print(ok, len(r.raw or ""), hwm // 1024)
"""

_GOOD = "<p>Le ministre a déclaré mercredi que la réforme serait présentée « dès la rentrée » — à Zürich.</p>\n"
_BAD = "<p>Der Minister sagte, die MaÃŸnahmen wÃ¼rden Ã¼berprÃ¼ft.</p>\n"


@pytest.mark.parametrize("kind", ["utf-8", "cp1252", "mojibake-mixed"])
def test_50mb_page_gives_a_result_quickly_and_bounded(tmp_path: Path, kind: str) -> None:
    p = tmp_path / "big.html"
    enc = "cp1252" if kind == "cp1252" else "utf-8"
    n = 50 * 1024 * 1024 // len(_GOOD.encode(enc)) + 1
    with open(p, "w", encoding=enc) as f:
        f.write("<html><body>")
        f.writelines(_BAD if kind == "mojibake-mixed" and i % 1000 == 0 else _GOOD for i in range(n))
        f.write("</body></html>")
    size = p.stat().st_size
    must, must_not = ("Maßnahmen würden überprüft", "MaÃŸ") if kind == "mojibake-mixed" else ("réforme serait présentée « dès", "Ã")
    # A fresh process, so peak RSS measures this read alone; the timeout only guards against a hang (the
    # reader takes a few seconds here; the speed figures are in bench/bench_ingest.py).
    res = subprocess.run([sys.executable, "-c", _BIG, str(p), must, must_not], capture_output=True, text=True,
                         timeout=240)
    ok, chars, rss_mb = res.stdout.split()
    assert ok == "True", res.stderr[-2000:]
    assert int(chars) >= size // 2
    # bytes + decoded str + a transient copy, plus the interpreter: bounded by the input, no blow-up
    assert int(rss_mb) < 7 * size / 2**20 + 150, res.stdout


def test_fifo_in_a_directory_is_not_opened(tmp_path: Path) -> None:
    import os

    (tmp_path / "a.txt").write_text("Some text.", encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.html")
    out = list(read([str(tmp_path)]))
    assert [(getattr(x, "id", None), x.code if isinstance(x, Failure) else "ok") for x in out] == [
        ("a.txt", "ok"), ("pipe.html", "NT109")]


def test_page_after_a_long_blank_run_is_not_taken_for_empty(tmp_path: Path) -> None:
    p = tmp_path / "late.html"
    p.write_text("\n" * 10_000 + "<html><body><p>Late start.</p></body></html>", encoding="utf-8")
    r = _one(p)
    assert isinstance(r, Report) and "Late start." in r.raw


def test_a_warc_named_jsonl_gives_up_after_its_first_lines(tmp_path: Path, pages: list[dict]) -> None:
    w = tmp_path / "crawl.warc"
    build_warc(w, pages, gz=False)
    wrong = tmp_path / "crawl.jsonl"
    wrong.write_bytes(w.read_bytes())
    out = list(read([str(wrong)]))
    assert all(isinstance(x, Failure) and x.code == "NT104" for x in out)
    assert len(out) == 21 and "not JSON Lines" in out[-1].error.message


def test_bytes_no_legacy_codec_reads_are_nt107(tmp_path: Path) -> None:
    # Every high byte, including the five windows-1252 leaves undefined (0x81 0x8d 0x8f 0x90 0x9d): no
    # WHATWG legacy codec gives text, so the reader says so instead of guessing.
    p = tmp_path / "noise.txt"
    p.write_bytes(b"abc " + bytes(range(0x80, 0x100)) * 20)
    assert _code(_one(p)) == "NT107"
