"""Turn input bytes into text: binary check, charset detection, mojibake repair.

Order of evidence (after the WHATWG encoding-sniffing order, with one data-driven exception):

1. a byte-order mark;
2. valid UTF-8 that contains non-ASCII bytes wins over a declared single-byte charset (a cp125x text is
   almost never valid UTF-8 by accident, while pages that declare ``windows-1252`` but serve UTF-8 are common);
3. the declared charset (HTTP ``Content-Type`` header, then the HTML ``<meta charset>`` /
   ``http-equiv`` in the first bytes), when it decodes the bytes without error;
4. strict UTF-8;
5. a guess on the first MiB: charset-normalizer's candidates among the WHATWG legacy codecs, re-ranked by
   how word-like the decoded non-ASCII characters are (`implausibility`), ties going to windows-1252;
   when charset-normalizer gives up, windows-1252 if it decodes every byte (the WHATWG fallback);
6. none of these: NT107.

Labels follow the WHATWG mapping where it matters (``iso-8859-1``/``latin1``/``ascii`` mean ``windows-1252``).
Decoded text is then repaired with ftfy's encoding fixer only (double-encoded UTF-8 such as ``cafÃ©``); no
quote uncurling or normalisation, so the text stays what the page said.

Example:
    >>> decode("café".encode("cp1252"), kind="text").text
    'café'
"""
from __future__ import annotations

import codecs
import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from ..errors import InputError

# git's and file(1)'s rule: a NUL byte in the first block means binary; text encodings other than
# UTF-16/32 (caught by their BOM first) never contain one.
BINARY_SNIFF_BYTES = 8000
# WHATWG's prescan looks at 1024 bytes; real pages put <meta charset> after long <script>/<link> runs,
# so look further (the tag is ASCII, scanning more costs nothing noticeable).
META_SNIFF_BYTES = 16384
# Charset guessing looks at this much (cut at a line end). Accuracy comes from the non-ASCII words, and
# 1 MiB holds thousands of them on any real page; beyond that the cost grows and the answer does not change.
DETECT_SAMPLE_BYTES = 1 << 20

_MAGIC = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"PK\x03\x04", "ZIP"),
    (b"\x7fELF", "ELF"),
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
    (b"OggS", "Ogg"),
    (b"ID3", "MP3"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_WHATWG_ALIASES = {
    "iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "l1": "cp1252",
    "us-ascii": "cp1252", "ascii": "cp1252", "windows-1252": "cp1252", "x-cp1252": "cp1252",
    "iso-8859-9": "cp1254", "latin5": "cp1254", "windows-1254": "cp1254",
    "iso-8859-11": "cp874", "tis-620": "cp874", "windows-874": "cp874",
    "x-sjis": "shift_jis", "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030",
    "ks_c_5601-1987": "cp949", "euc-kr": "cp949",
    "unicode": "utf-8", "utf8": "utf-8", "x-user-defined": "cp1252",
}
_META_RE = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""",
    re.I,
)


# Guess only among the legacy encodings of the WHATWG Encoding Standard (what browsers support, so what
# real pages use). Without this, short inputs match exotic codecs by accident ("café" in cp1252 reads as
# two CJK characters in BOM-less UTF-16).
WHATWG_LEGACY = [
    "cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258",
    "iso8859_2", "iso8859_3", "iso8859_4", "iso8859_5", "iso8859_6", "iso8859_7", "iso8859_8", "iso8859_10",
    "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16", "koi8_r", "koi8_u", "mac_cyrillic", "cp866",
    "cp874", "shift_jis", "euc_jp", "iso2022_jp", "gb18030", "big5", "cp949",
]


@dataclass(slots=True, frozen=True)
class Decoded:
    """Text decoded from bytes.

    `encoding` is the Python codec used; `evidence` says why (``bom``, ``utf-8``, ``declared:http``,
    ``declared:meta``, ``detected:charset-normalizer``); `repaired` is True when ftfy fixed mojibake.
    """

    text: str
    encoding: str
    evidence: str
    repaired: bool = False


def sniff_binary(data: bytes) -> str | None:
    """Name the binary format of `data`, or None when it looks like text.

    Example:
        >>> sniff_binary(b"%PDF-1.7 ..."), sniff_binary(b"<p>hi</p>")
        ('PDF', None)
    """
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    head = data[:BINARY_SNIFF_BYTES]
    if any(head.startswith(bom) for bom, enc in _BOMS if enc.startswith("utf-16") or enc.startswith("utf-32")):
        return None
    if b"\x00" in head:
        return "data with NUL bytes"
    return None


def normalise_label(label: str | None) -> str | None:
    """Map a charset label to a Python codec name (WHATWG aliases applied); None if unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _WHATWG_ALIASES.get(label, label)
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return _WHATWG_ALIASES.get(name, name)


def meta_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first bytes (``<meta charset>`` or ``http-equiv``)."""
    m = _META_RE.search(data[:META_SNIFF_BYTES])
    return m.group(1).decode("ascii", "replace") if m else None


def _strict(data: bytes, enc: str) -> str | None:
    try:
        return data.decode(enc)
    except (UnicodeDecodeError, LookupError):
        return None


@functools.lru_cache(maxsize=64)
def _is_single_byte(enc: str) -> bool:
    # One character per byte for all 256 bytes: true of cp125x / iso-8859-x / koi8, false of CJK codecs
    # (UTF-8 also gives 256 with errors="replace", one U+FFFD per stray byte, hence the name test).
    try:
        if codecs.lookup(enc).name.startswith("utf"):
            return False
        return len(bytes(range(256)).decode(enc, errors="replace")) == 256
    except LookupError:
        return False


# ftfy fixes line by line in Python (~2 s per MB of mojibake); above this size try a whole-text plan first.
REPAIR_SAMPLE_CHARS = 1 << 20
REPAIR_PLAN_CHARS = 1 << 18  # the sample the plan is learnt from
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")


def repair(text: str) -> tuple[str, bool]:
    """Fix mojibake (double-encoded UTF-8 and the like) with ftfy's encoding fixer; True if it changed."""
    import ftfy
    from ftfy import badness

    if text.isascii():
        return text, False
    # Gate with ftfy's own "does this look like mojibake" test, so clean pages are never rewritten. It runs
    # on the distinct non-ASCII runs rather than the whole text: mojibake (Ã©, â€™) lives
    # in those runs, and a 50 MB page has a few thousand distinct ones instead of 50 MB to scan (25 s).
    runs = " ".join(sorted(set(_NON_ASCII_RUN.findall(text))))
    if not badness.is_bad(runs):
        return text, False
    cfg = ftfy.TextFixerConfig(
        unescape_html=False, remove_terminal_escapes=False, fix_encoding=True, restore_byte_a0=True,
        replace_lossy_sequences=False, decode_inconsistent_utf8=True, fix_c1_controls=True,
        fix_latin_ligatures=False, fix_character_width=False, uncurl_quotes=False, fix_line_breaks=False,
        fix_surrogates=True, remove_control_chars=False, normalization=None, explain=False,
    )
    if len(text) > REPAIR_SAMPLE_CHARS:
        fixed = _repair_whole(text, cfg)
        if fixed is None:
            fixed = _repair_bad_lines(text, cfg)
        return fixed, fixed != text
    fixed = ftfy.fix_text(text, cfg)
    return fixed, fixed != text


def _repair_bad_lines(text: str, cfg: object) -> str:
    """Mixed huge text: run ftfy only on the lines holding a non-ASCII run ftfy calls bad (found with one
    C-speed regex), instead of ftfy's per-line badness test on every line (~25 s on 50 MB)."""
    import ftfy
    from ftfy import badness

    bad_runs = [r for r in set(_NON_ASCII_RUN.findall(text)) if badness.is_bad(r)]
    if not bad_runs:
        return text
    hit = re.compile("|".join(map(re.escape, sorted(bad_runs, key=len, reverse=True))))
    out: list[str] = []
    pos = 0
    for m in hit.finditer(text):
        if m.start() < pos:
            continue  # this line is already fixed
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end + 1
        out.append(text[pos:start])
        out.append(ftfy.fix_text(text[start:end], cfg))  # type: ignore[arg-type]
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _repair_whole(text: str, cfg: object) -> str | None:
    """Fast path for a huge page that is mojibake throughout: learn ftfy's plan (e.g. encode cp1252, decode
    UTF-8) on a sample and apply it to the whole text at C speed. None when the plan does not hold for all
    of it (mixed text), so the caller falls back to ftfy's line-by-line fixer."""
    import ftfy

    cut = text.rfind("\n", 0, REPAIR_PLAN_CHARS)
    sample = text[: cut if cut > 0 else REPAIR_PLAN_CHARS]
    plan = ftfy.fix_encoding_and_explain(sample, cfg._replace(explain=True)).explanation  # type: ignore[attr-defined]
    if not plan or any(step[0] not in ("encode", "decode") for step in plan):
        return None
    try:
        return ftfy.apply_plan(text, plan)
    except (UnicodeError, LookupError):
        return None


def decode(data: bytes, *, kind: str = "text", declared: str | None = None, name: str = "input",
           fix_mojibake: bool = True) -> Decoded:
    """Decode `data` following the order in the module docstring, then repair mojibake.

    Args:
        data: the raw bytes of one document.
        kind: ``"html"`` to honour ``<meta charset>``; anything else skips that.
        declared: a charset from outside the bytes (HTTP header of a WARC record).
        name: the input's name, for error messages.
        fix_mojibake: run the ftfy encoding fixer on the decoded text.

    Returns:
        A `Decoded` with the text, the codec and the evidence.

    Raises:
        InputError: NT101 for binary data, NT107 when no encoding decodes it.

    Example:
        >>> decode("<meta charset=windows-1256><p>سلام".encode("cp1256"), kind="html").encoding
        'cp1256'
    """
    binary = sniff_binary(data)
    if binary:
        raise InputError("NT101", f"{name} is binary ({binary}), not a page; remove it from the input")
    text: str | None = None
    enc, evidence = "", ""
    for bom, bom_enc in _BOMS:
        if data.startswith(bom):
            text = _strict(data[len(bom):], bom_enc)
            enc, evidence = bom_enc, "bom"
            break
    if text is None:
        utf8 = _strict(data, "utf-8")
        candidates: list[tuple[str | None, str]] = [(normalise_label(declared), "declared:http")]
        if kind == "html":
            candidates.append((normalise_label(meta_charset(data)), "declared:meta"))
        for cand, ev in candidates:
            if not cand:
                continue
            if utf8 is not None and not data.isascii() and _is_single_byte(cand):
                text, enc, evidence = utf8, "utf-8", f"utf-8 (contradicts {ev} {cand})"
                break
            text = _strict(data, cand)
            if text is not None:
                enc, evidence = cand, ev
                break
        if text is None and utf8 is not None:
            text, enc, evidence = utf8, "utf-8", "utf-8"
    if text is None:
        text, enc = _detect(data)
        evidence = "detected:charset-normalizer" if enc != "cp1252" else "detected:charset-normalizer/cp1252"
        if text is None:
            raise InputError("NT107", f"could not detect the text encoding of {name}; convert it to UTF-8")
    repaired = False
    if fix_mojibake:
        text, repaired = repair(text)
    return Decoded(text, enc, evidence, repaired)


def _detect(data: bytes) -> tuple[str | None, str]:
    """Guess the codec on a bounded sample, then decode everything with it (the whole input must decode)."""
    sample = data
    if len(data) > DETECT_SAMPLE_BYTES:
        # Cut at a line end so a multi-byte character is not split; detection cost stays flat on a 50 MB page.
        cut = data.rfind(b"\n", 0, DETECT_SAMPLE_BYTES)
        sample = data[: cut + 1 if cut > 0 else DETECT_SAMPLE_BYTES]
    text, enc = _detect_sample(sample)
    if text is None or sample is data:
        return text, enc
    full = _strict(data, enc)
    if full is None:
        # The guess from the sample does not hold for the rest: the WHATWG fallback, if it decodes it all.
        full = _strict(data, "cp1252")
        enc = "cp1252" if full is not None else enc
    return (full, enc) if full is not None else (None, "")


def _detect_sample(data: bytes) -> tuple[str | None, str]:
    from charset_normalizer import from_bytes

    results = list(from_bytes(data, cp_isolation=WHATWG_LEGACY))
    if results and not _is_single_byte(normalise_label(results[0].encoding) or results[0].encoding):
        best = results[0]  # a multi-byte codec that decodes everything is strong evidence by itself
        enc = normalise_label(best.encoding) or best.encoding
        return _strict(data, enc) or str(best), enc
    # Single-byte codecs decode any bytes, and charset-normalizer often ties them (cp1250 = cp1252 on a
    # mostly-ASCII page). Among its candidates, rank by how word-like the decoded non-ASCII characters are,
    # then by its own mess measure, then prefer windows-1252 (the WHATWG fallback, by far the most common
    # legacy codec on the web), then by its order.
    scored: dict[str, tuple[int, float, int, int]] = {}
    texts: dict[str, str] = {}
    for rank, m in enumerate(results):
        same = {normalise_label(c) or c for c in m.could_be_from_charset}
        name = "cp1252" if "cp1252" in same else normalise_label(m.encoding) or m.encoding
        if name in scored or not _is_single_byte(name):
            continue
        text = _strict(data, name)
        if text is None:
            continue
        scored[name] = (implausibility(text), round(m.chaos, 2), name != "cp1252", rank)
        texts[name] = text
    if not scored:
        # charset-normalizer gives up on pages it finds too "chaotic" (mixed markup and script); the
        # WHATWG fallback for unlabelled legacy pages is windows-1252, used when it decodes every byte.
        text = _strict(data, "cp1252")
        return (text, "cp1252") if text is not None else (None, "")
    enc = min(scored, key=scored.__getitem__)
    return texts[enc], enc


# Whitespace tokens, filtered to the non-ASCII ones afterwards (a pattern like \S*[^\x00-\x7f]\S* would
# backtrack quadratically on a long run without spaces).
_TOKEN = re.compile(r"\S+")
_CODE = re.compile(r"<(script|style)\b.*?</\1\s*>|<[^>]*>", re.I | re.S)
# Inside a word, a non-ASCII character that is not a letter or mark is mojibake, except these: apostrophes
# and quotes (Pi/Pf: don’t), dashes (Pd), format characters (Cf: soft hyphen), the Catalan middle dot and
# the acute accent typed as an apostrophe.
_WORD_OK = {"Pi", "Pf", "Pd", "Cf", "Mn", "Mc", "Me"}
_IN_WORD = "\u00b7\u00b4"  # middle dot (Catalan l·l) and acute accent used as apostrophe (geht´s)


def _script(ch: str) -> str:
    try:
        return unicodedata.name(ch).split(" ", 1)[0]
    except ValueError:
        return "?"


def implausibility(text: str) -> int:
    """Count whitespace tokens whose non-ASCII characters real text would not have: a word mixing scripts
    (``Stra─e``, ``cafй``), a non-letter between two letters (``Za¿ó³æ``; apostrophes, dashes and the middle
    dot excepted), or a lower-to-upper case flip at a
    non-ASCII letter (``ÞÇáÊ``). Markup, scripts and styles are ignored.

    Lower is more plausible; used to choose between single-byte codecs that all decode the bytes.

    Example:
        >>> implausibility("Zażółć gęślą") < implausibility("Za¿ó³æ gêœl¹")
        True
    """
    if "<" in text:
        text = _CODE.sub(" ", text)
    bad = 0
    for tok, count in Counter(t for t in _TOKEN.findall(text) if not t.isascii()).items():
        scripts = {_script(c) for c in tok if c.isalpha()}
        if len(scripts) > 1:
            bad += count
            continue
        for i in range(1, len(tok)):
            c, prev = tok[i], tok[i - 1]
            if c.isascii() and prev.isascii():
                continue
            inside = i + 1 < len(tok) and prev.isalpha() and tok[i + 1].isalpha()
            if (inside and not c.isascii() and not c.isalpha() and c not in _IN_WORD
                    and unicodedata.category(c) not in _WORD_OK) or (prev.islower() and c.isupper()):
                bad += count
                break
    return bad
