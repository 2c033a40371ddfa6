"""Format detection: extension first, then content sniffing; gzip by magic bytes."""
from __future__ import annotations

import pytest

from newstrace.ingest.detect import by_extension, detect, sniff


@pytest.mark.parametrize(("name", "fmt"), [
    ("a.html", "html"), ("a.HTM", "html"), ("crawl.warc", "warc"), ("crawl.warc.gz", "warc"),
    ("x.jsonl", "jsonl"), ("x.jsonl.gz", "jsonl"), ("notes.txt", "text"), ("page.html.gz", "html"),
    ("README", None), ("data.bin", None),
])
def test_by_extension(name: str, fmt: str | None) -> None:
    assert by_extension(name) == fmt


@pytest.mark.parametrize(("head", "fmt"), [
    (b"WARC/1.1\r\nWARC-Type: warcinfo", "warc"),
    (b'  {"id": "1", "html": "<p>x</p>"}\n', "jsonl"),
    (b"<!DOCTYPE html>\n<html lang=en>", "html"),
    (b"\n\n<div class=story><p>Text</p></div>", "html"),
    (b"Menu\nHome | World\nThe minister said on Tuesday that ...", "text"),
    (b"%PDF-1.7\n%\xe2\xe3", "binary"),
    (b"ab\x00cd", "binary"),
])
def test_sniff(head: bytes, fmt: str) -> None:
    assert sniff(head)[0] == fmt


def test_extension_wins_over_content_and_stdin_is_sniffed() -> None:
    assert detect("story.txt", b"<html><body>")[0] == "text"
    assert detect("-", b"<html><body>")[0] == "html"
    assert detect(None, b"WARC/1.0\r\n") == ("warc", "sniffed: WARC/ header")
