"""Read JSON Lines records, one report per line, streamed.

A record is ``{"id", "url"?, "outlet"?, "title"?, "published"?}`` plus exactly one of ``html`` (cleaned as
HTML), ``raw_text`` (plain text that may carry chrome, cleaned) or ``text`` (already clean: used as is, so
offsets refer to it unchanged and it is never re-encoded or repaired). A line that is not JSON gives NT104,
a record without a body or with two gives NT105; the other lines of the file still come through.

A record without ``id`` gets ``<file id>#<line number>`` (1-based; ``stdin#<n>`` on standard input).

Example:
    >>> import io
    >>> lines = io.BytesIO(b'{"id": "a", "text": "Hi."}\\nnot json\\n')
    >>> [type(x).__name__ for x in iter_jsonl(lines, file_id="f.jsonl", name="f.jsonl", max_bytes=10**6)]
    ['Report', 'Failure']
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from ..errors import InputError
from ..model import Report, content_hash
from .base import Failure
from .encoding import decode, repair

BODY_FIELDS = ("html", "raw_text", "text")
# A file whose first lines are all not JSON is not JSON Lines (a mislabelled WARC or page): stop listing
# every line of it. Any good line before that keeps the file going line by line to its end.
GIVE_UP_AFTER = 20
META_FIELDS = ("url", "outlet", "title", "published")


def iter_jsonl(stream: BinaryIO, *, file_id: str, name: str, max_bytes: int) -> Iterator[Report | Failure]:
    """Yield a `Report` or a `Failure` per non-blank line of `stream`.

    Args:
        stream: binary stream of JSON Lines (already decompressed).
        file_id: the id of the file (``-`` for stdin), used for records without an ``id``.
        name: the file's name for `Report.source` (``name:line``) and messages.
        max_bytes: longest line accepted (NT108 beyond it; the line is skipped without loading it whole).
    """
    lineno = good = bad_head = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        lineno += 1
        where = f"{name}:{lineno}"
        if len(line) > max_bytes and not line.endswith(b"\n"):
            # Drain the rest of the oversized line in bounded chunks.
            while (more := stream.readline(1 << 20)) and not more.endswith(b"\n"):
                pass
            yield Failure(where, None, InputError("NT108", f"{where}: line longer than max_bytes={max_bytes}"))
            continue
        if not line.strip():
            continue
        fallback = f"stdin#{lineno}" if file_id == "-" else f"{file_id}#{lineno}"
        try:
            yield record_to_report(_loads(line, where), fallback_id=fallback, source=where)
            good += 1
        except InputError as e:
            yield Failure(where, _id_of(line) if e.code != "NT104" else None, e)
            if e.code == "NT104" and good == 0:
                bad_head += 1
                if bad_head >= GIVE_UP_AFTER:
                    yield Failure(name, file_id, InputError(
                        "NT104", f"{name}: the first {bad_head} lines are not JSON; not JSON Lines, rest skipped"))
                    return


def _loads(line: bytes, where: str) -> Any:
    if not line.lstrip().startswith((b"{", b"[", b'"')) and not line.strip()[:1].isdigit():
        # Not JSON at all (a WARC or HTML file named .jsonl): say so without charset guessing per line.
        raise InputError("NT104", f"{where} is not valid JSON (it does not start like a JSON value)")
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        # RFC 8259 says UTF-8, but legacy dumps exist: decode like any other text, never guess silently wrong.
        text = decode(line, kind="text", name=where, fix_mojibake=False).text
    try:
        return json.loads(text)
    except (json.JSONDecodeError, RecursionError) as e:
        raise InputError("NT104", f"{where} is not valid JSON ({e}); fix or remove that line") from None


def _id_of(line: bytes) -> str | None:
    try:
        obj = json.loads(line)
    except Exception:  # noqa: BLE001 - best effort, only for the failure record
        return None
    rid = obj.get("id") if isinstance(obj, dict) else None
    return str(rid) if isinstance(rid, (str, int)) else None


def record_to_report(obj: Any, *, fallback_id: str, source: str) -> Report:
    """Turn one parsed JSONL record into a `Report`.

    Raises:
        InputError: NT105 when it is not an object, has zero or two bodies, or a field has the wrong type;
            (an empty body is not an error: the report is kept with an NT106 note).

    Example:
        >>> record_to_report({"id": 7, "text": "Hi."}, fallback_id="f#1", source="f:1").id
        '7'
    """
    if not isinstance(obj, dict):
        raise InputError("NT105", f"{source}: a record must be a JSON object, got {type(obj).__name__}")
    bodies = [f for f in BODY_FIELDS if obj.get(f) is not None]
    if len(bodies) != 1:
        what = "none" if not bodies else " and ".join(bodies)
        raise InputError("NT105", f"{source}: needs exactly one of html, raw_text, text; found {what}")
    kind = bodies[0]
    body = obj[kind]
    if not isinstance(body, str):
        raise InputError("NT105", f"{source}: field {kind!r} must be a string")
    rid = obj.get("id", fallback_id)
    if isinstance(rid, bool) or not isinstance(rid, (str, int)) or rid == "":
        raise InputError("NT105", f"{source}: field 'id' must be a non-empty string or integer")
    rid = str(rid)
    fields: dict[str, str | None] = {}
    for f in META_FIELDS:
        v = obj.get(f)
        if v is not None and not isinstance(v, str):
            raise InputError("NT105", f"{source}: field {f!r} must be a string")
        fields[f] = v or None
    url, outlet, title, published = fields["url"], fields["outlet"], fields["title"], fields["published"]
    r = Report(id=rid, source=source, url=url, outlet=outlet, title=title, published=published, raw_kind=kind)
    if not body.strip():
        # A record with an empty body is a real report with no text (feeds carry them): keep it, say so.
        r.notes.append(f"NT106: field {kind!r} is empty")
    raw: str | None = None
    if kind == "text":
        r.text = body  # used as is: offsets refer to it unchanged, never repaired
    else:
        # Already text in JSON: no charset to detect, but mojibake in scraped dumps is still repaired.
        raw, repaired = repair(body)
        r.raw = raw
        r.meta["encoding_evidence"] = "json"
        if repaired:
            r.meta["mojibake_repaired"] = True
    if published:
        r.published_evidence = "input:published"
    r.content_hash = content_hash(kind, raw if raw is not None else r.text, rid, url, outlet, title, published)
    return r
