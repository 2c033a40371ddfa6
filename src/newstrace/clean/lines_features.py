"""Features of one page's lines for the line classifier: the line itself, its neighbours, and the page.

Each line is described by what a reader sees in plain text: its length, punctuation, share of function words,
capitalisation, link-, widget- and date-likeness, chrome vocabulary (several languages), repetition on the
page, position, and its distance to the page's densest run of prose. Neighbour features let a short line inside
the article (a sub-heading) be told apart from a short line in a menu.

Example:
    >>> X = page_features(["Home", "News", "The minister said on Tuesday that exports would resume soon.", "Share"])
    >>> X.shape[0]
    4
"""
from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections import Counter

import numpy as np

STOPWORDS = frozenset(
    # English, German, French, Spanish, Italian, Portuguese, Dutch, Polish: the commonest function words, which
    # prose is full of and menus lack.
    "the a an of to in and or for on at by with from that this is was are were be been has have had it its as "
    "not but he she they we you i his her their our will would can could said says which who what when there "
    "der die das und ist nicht mit von zu den des im ein eine auf für sich dem auch es an als wie bei nach "
    "aus er sie wir ich noch nur oder aber so wird werden hat haben war sind einer einen "
    "le la les de des du et est un une en dans pour que qui sur pas par au aux il elle ne se plus avec ce "
    "el los las y del que en por con para una es lo se su al como más pero sus le ya o "
    "il di che è per non una con si da gli nel della "
    "o os da do em um uma para com não no na "
    "de het een en van is dat op te in zijn met voor niet "
    "i w z na się nie do że to jest".split()
)
CHROME = re.compile(
    r"\b(share|shares|tweet|pin it|e-?mail|print|comments?|reply|subscribe|subscription|newsletter|sign ?in|"
    r"sign ?up|log ?in|log ?out|register|login|cookies?|privacy|terms|advertis\w*|sponsored|related|"
    r"recommended|popular|trending|most read|read more|see also|also read|you may also|follow us|facebook|"
    r"twitter|instagram|whatsapp|linkedin|youtube|pinterest|download|app|menu|search|home|contact|about us|"
    r"careers|sitemap|copyright|rights reserved|loading|skip to|back to top|next|previous|prev|more|photo|"
    r"image|video|gallery|getty|reuters|ap photo|credit|caption|save|bookmark|listen|min read|"
    r"teilen|drucken|kommentar\w*|anmelden|abonnieren|impressum|datenschutz|werbung|anzeige|weiterlesen|"
    r"mehr zum thema|startseite|suche|partager|imprimer|commentaires?|abonnez|publicité|lire aussi|"
    r"mentions légales|accueil|compartir|comentarios?|suscr\w*|publicidad|inicio|leer más)\b",
    re.I,
)
BYLINE = re.compile(r"^\s*(by|von|par|por|di|door|written by|posted by|reporting by|text:|autor:?|author:?)\s", re.I)
READMORE = re.compile(r"^\s*(read more|read also|also read|see also|related|more:|watch:|listen:|read:|"
                      r"weiterlesen|lesen sie auch|mehr zum thema|lire aussi|à lire aussi|leer más|lee también)",
                      re.I)
MONTH = (r"(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t|tember)?|oct(ober)?|"
         r"nov(ember)?|dec(ember)?|januar|februar|märz|mai|juni|juli|oktober|dezember|janvier|février|mars|avril|"
         r"juin|juillet|août|septembre|octobre|novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|"
         r"agosto|septiembre|octubre|noviembre|diciembre)")
DATE = re.compile(
    rf"\b(\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}|{MONTH}\.? \d{{1,2}}(st|nd|rd|th)?,? \d{{4}}|"
    rf"\d{{1,2}}\.? {MONTH}\.? \d{{4}})\b",
    re.I,
)
TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\s*(am|pm|a\.m\.|p\.m\.|uhr|h|gmt|utc|et|est|edt|bst|cet)?\b", re.I)
AGO = re.compile(r"\b\d+\s+(second|minute|hour|day|week|month|year)s?\s+ago\b|\b(vor \d+ (minuten|stunden|tagen))\b"
                 r"|\b(yesterday|today|gestern|heute)\b", re.I)
TEMP = re.compile(r"-?\d+\s*°\s*[CF]?\b|°")
URL = re.compile(r"https?://|www\.|\.(com|org|net|de|fr|co\.uk)\b", re.I)
EMAIL = re.compile(r"\S+@\S+\.\w+")
SEP = re.compile(r"[|•·»›»/\\>]")
BULLET = re.compile(r"^\s*([-*•▪►]|\d{1,2}[.)])\s")
WORD = re.compile(r"\w+", re.U)
TERMINAL = tuple('.!?。"”’)»…:')
COPYRIGHT = re.compile(r"©|\bcopyright\b|all rights reserved|alle rechte vorbehalten|tous droits réservés", re.I)

N_OWN = 38
CONTEXT_OFFSETS = (-3, -2, -1, 1, 2, 3)
CONTEXT_COLS = (0, 2, 8, 17, 21)  # log words, terminal punct, stopword ratio, chrome hits, repetition


def norm_line(line: str) -> str:
    """A line folded for comparison (NFKC, lower case, whitespace collapsed)."""
    return " ".join(unicodedata.normalize("NFKC", line).lower().split())


@functools.lru_cache(maxsize=4096)
def _is_punct(char: str) -> bool:
    return unicodedata.category(char).startswith("P")


MAX_SCAN = 2000  # regexes read a line's head only: a 200 kB "line" must not cost quadratic time


def _own(line: str, count: int, seen_before: bool) -> list[float]:
    s = line.strip()[:MAX_SCAN]
    words = WORD.findall(s)
    nw = len(words)
    nc = len(s)
    # map/filter over str methods run in C: these four counts were most of the cleaner's time
    letters = list(filter(str.isalpha, s))
    upper = sum(map(str.isupper, letters)) / len(letters) if letters else 0.0
    punct = sum(map(_is_punct, s)) / nc if nc else 0.0
    digits = sum(map(str.isdigit, s)) / nc if nc else 0.0
    lw = [w.lower() for w in words]
    stop = sum(w in STOPWORDS for w in lw) / nw if nw else 0.0
    title = sum(w[:1].isupper() for w in words) / nw if nw else 0.0
    end = s[-1:] if s else ""
    return [
        math.log1p(nw),
        math.log1p(nc),
        float(end in TERMINAL and end != ":"),
        float(end == ":"),
        punct,
        digits,
        upper,
        title,
        stop,
        float(len(re.findall(r"[.!?](\s|$)", s))),
        s.count(",") / nw if nw else 0.0,
        float(bool(URL.search(s))),
        float(bool(EMAIL.search(s))),
        float(len(SEP.findall(s))),
        float(bool(DATE.search(s))),
        float(bool(TIME.search(s))),
        float(bool(TEMP.search(s))),
        float(len(CHROME.findall(s))),
        float(bool(BYLINE.match(s))),
        float(bool(READMORE.match(s))),
        float(bool(COPYRIGHT.search(s))),
        math.log(count),
        float(seen_before),
        0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,  # page-relative, filled below
        float(bool(letters) and upper > 0.9 and nw > 0),
        float(any(q in s for q in '"“”«»„')),
        float(bool(BULLET.match(s))),
        float(bool(s[:1].islower())),
        float(s.endswith(("...", "…"))),
        float(bool(AGO.search(s))),
        float(nw <= 3),
    ]


def _densest(values: np.ndarray) -> tuple[int, int]:
    """The run of lines with the largest sum (Kadane): the page's main block of prose."""
    best, best_span, cur, start = -math.inf, (0, 0), 0.0, 0
    for i, v in enumerate(values):
        if cur <= 0:
            cur, start = v, i
        else:
            cur += v
        if cur > best:
            best, best_span = cur, (start, i)
    return best_span


def _window_mean(col: np.ndarray, radius: int) -> np.ndarray:
    c = np.concatenate([[0.0], np.cumsum(col)])
    n = len(col)
    idx = np.arange(n)
    lo = np.clip(idx - radius, 0, n)
    hi = np.clip(idx + radius + 1, 0, n)
    return (c[hi] - c[lo]) / (hi - lo)



def lines_since(marks: np.ndarray, none: float) -> np.ndarray:
    """For each line, how many lines back the nearest marked line is (0 on a marked line; `none` before any)."""
    out = np.full(len(marks), none)
    last = -1
    for i, marked in enumerate(marks):
        if marked:
            last = i
        if last >= 0:
            out[i] = i - last
    return out

PROSE_WORDS = 8  # a sentence of at least this many words: shorter terminal-punctuated lines are labels, captions


def prose_lines(X: np.ndarray) -> np.ndarray:
    """Which lines read like prose: they end a sentence and have `PROSE_WORDS` words or more.

    Args:
        X: the page's `page_features` (or a wider set: only the own-line columns are read).

    Returns:
        A boolean array, one value a line.
    """
    # compared in log space, where column 0 lives: expm1(log1p(n)) can fall a hair short of n
    return (X[:, 2] > 0) & (X[:, 0] >= math.log1p(PROSE_WORDS))


def page_features(lines: list[str]) -> np.ndarray:
    """One feature row per line of a page.

    Args:
        lines: the page's lines in order.

    Returns:
        A float array of shape ``(len(lines), n_features)``; ``(0, n_features)`` for an empty page.
    """
    n = len(lines)
    n_feat = N_OWN + len(CONTEXT_OFFSETS) * len(CONTEXT_COLS) + 8 + N_EXTRA
    if n == 0:
        return np.zeros((0, n_feat))
    keys = [norm_line(line) for line in lines]
    counts = Counter(keys)
    seen: set[str] = set()
    rows = []
    for line, key in zip(lines, keys):
        rows.append(_own(line, counts[key], key in seen))
        seen.add(key)
    X = np.asarray(rows, dtype=float)
    nwords = np.expm1(X[:, 0])
    total = nwords.sum() or 1.0
    prose = prose_lines(X)
    # a line "pays" its words when it reads like prose and costs a little when it does not, so the best run is
    # the article body rather than a menu that happens to be long
    lo, hi = _densest(np.where(prose, nwords, -np.log1p(nwords) - 1.0))
    idx = np.arange(n)
    dist = np.where(idx < lo, idx - lo, np.where(idx > hi, idx - hi, 0))
    X[:, 23] = idx / max(n - 1, 1)
    X[:, 24] = np.concatenate([[0.0], np.cumsum(nwords)[:-1]]) / total
    X[:, 25] = np.sign(dist) * np.log1p(np.abs(dist))
    X[:, 26] = (dist == 0).astype(float)
    X[:, 27] = nwords / (nwords.max() or 1.0)
    X[:, 28] = np.log1p(nwords) - math.log1p(float(np.median(nwords)))
    X[:, 29] = math.log1p(n)
    X[:, 30] = math.log1p(total)
    ctx = []
    for off in CONTEXT_OFFSETS:
        shifted = np.full((n, len(CONTEXT_COLS)), -1.0)
        src = X[:, CONTEXT_COLS]
        if abs(off) >= n:
            pass  # a page shorter than the offset: no line has a neighbour that far, all stay -1
        elif off < 0:
            shifted[-off:] = src[: n + off]
        else:
            shifted[: n - off] = src[off:]
        ctx.append(shifted)
    long_line = (nwords >= 10).astype(float)
    extra = np.stack(
        [
            _window_mean(X[:, 2], 5), _window_mean(X[:, 0], 5), _window_mean(long_line, 5),
            _window_mean(long_line, 15), _window_mean(X[:, 17], 5), _window_mean(X[:, 8], 5),
            _window_mean(prose.astype(float), 2), _window_mean(X[:, 21], 3),
        ],
        axis=1,
    )
    # teaser lists: a "Most Read" / "Related" / "Read more" header line turns what follows into links, however
    # prose-like their summaries are
    header = np.array([bool(READMORE.match(line) or LIST_HEADER.match(line.strip()[:80])) and len(line.split()) <= 6
                       for line in lines], dtype=float)
    headers_before = np.cumsum(header) - header
    since_header = lines_since(header, 1e6)
    headline = np.array([_headline_shape(line) for line in lines], dtype=float)
    more = np.stack(
        [
            header, np.log1p(headers_before), np.log1p(np.minimum(since_header, 1e3)),
            np.log1p(np.maximum(headers_before - (np.cumsum(header)[hi] - header[hi]), 0)), headline,
            _window_mean(headline, 3), float(hi - lo + 1) / n * np.ones(n),
            np.log1p(np.abs(dist)) * (idx > hi), np.log1p(np.abs(dist)) * (idx < lo),
        ],
        axis=1,
    )
    return np.hstack([X, *ctx, extra, more])


N_EXTRA = 9
LIST_HEADER = re.compile(
    r"^(most (read|popular|viewed|shared)|related( (articles?|stories|content|news|posts))?|recommended|"
    r"you (may|might) (also )?like|more (from|on|in|stories|news)|top stories|trending|latest( news)?|"
    r"popular|editor'?s picks|don'?t miss|more to explore|further reading|what to read next|sponsored|"
    r"around the web|in case you missed it|meistgelesen|mehr zum thema|das könnte sie auch interessieren|"
    r"à lire aussi|les plus lus|lo más leído|noticias relacionadas)\b",
    re.I,
)


def _headline_shape(line: str) -> bool:
    """Headline-like: 3-20 words, most capitalised or none ending in a full stop (a teaser link's shape)."""
    s = line.strip()
    words = s.split()
    if not 3 <= len(words) <= 20 or s.endswith((".", "!", "?", ":")):
        return False
    caps = sum(w[:1].isupper() for w in words) / len(words)
    return caps >= 0.5 or not s.endswith(".")


def stacked_features(X: np.ndarray, p: np.ndarray) -> np.ndarray:
    """Second-stage features: the first stage's keep-probabilities of a line and of its neighbourhood.

    The article is a contiguous run of lines, so whether the lines around a line look like article text says
    much about the line itself (a short sub-heading between two paragraphs is article text; the same words in a
    menu are not).

    Args:
        X: the page's `page_features`.
        p: first-stage probability per line.

    Returns:
        `X` with the neighbourhood probability columns appended.
    """
    n = len(p)
    if n == 0:
        return np.zeros((0, X.shape[1] + 14))
    cols = [p]
    for off in (-3, -2, -1, 1, 2, 3):
        s = np.full(n, -1.0)
        if off < 0:
            s[-off:] = p[: n + off]
        else:
            s[: n - off] = p[off:]
        cols.append(s)
    cols += [_window_mean(p, 2), _window_mean(p, 5), _window_mean(p, 12)]
    before = np.maximum.accumulate(np.concatenate([[0.0], p[:-1]]))
    after = np.maximum.accumulate(np.concatenate([p[1:], [0.0]])[::-1])[::-1]
    lo, hi = _densest(p - 0.5)
    idx = np.arange(n)
    dist = np.where(idx < lo, idx - lo, np.where(idx > hi, idx - hi, 0))
    cols += [before, after, np.sign(dist) * np.log1p(np.abs(dist)), (dist == 0).astype(float)]
    cols.append(np.full(n, float(p.mean())))
    return np.hstack([X, np.stack(cols, axis=1)])


# --- lines.v2: comment sections and the article region -------------------------------------------------------
COMMENT_HEADER = re.compile(
    r"^(\d+\s+)?(comments?|kommentare?|commentaires?|comentarios?|commenti|reacties|komentarze|responses?|replies|"
    r"reader comments|leave a (reply|comment)|write a comment|add (a|your) comment|post a comment|"
    r"schreibe?n? (sie )?einen kommentar|kommentar (schreiben|verfassen|abgeben)|laisser un commentaire|"
    r"deja un comentario|discussion|join the (conversation|discussion)|"
    r"\d+\s+(thoughts|responses?|replies|reactions?) (on|to))\b",
    re.I,
)
REPLY = re.compile(r"^(reply|antworten|répondre|responder|rispondi|odpowiedz|report|melden|like|gefällt mir|"
                   r"permalink|quote|zitieren|log in to reply|\d+\s+likes?)\b", re.I)
SAYS = re.compile(r"\b(says|sagt|schreibt|schrieb|dit|dice|wrote|commented)\s*:?\s*$|^@\w+|@guest_\d+", re.I)
N_V2 = 10


def v2_features(lines: list[str], X: np.ndarray) -> np.ndarray:
    """Extra columns of lines.v2: where comment sections start, and the line's place in the article region.

    Reader comments are prose too, so a line-level view cannot tell them from the article; what gives them
    away is the section header above them ("12 Comments", "Leave a Reply") and the reply buttons, "X says:"
    lines and short date lines between them. The article region is the densest prose run of the page
    (`page_features`' columns 25-26) cut at the first comment header after its start.

    Args:
        lines: the page's lines.
        X: their `page_features`.

    Returns:
        ``(len(lines), N_V2)`` floats.
    """
    n = len(lines)
    if n == 0:
        return np.zeros((0, N_V2))
    heads = [line.strip()[:120] for line in lines]
    short = np.array([len(h.split()) <= 8 for h in heads])
    header = np.array([bool(COMMENT_HEADER.match(h)) for h in heads]) & short
    reply = np.array([bool(REPLY.match(h)) for h in heads]) & short
    says = np.array([bool(SAYS.search(h)) for h in heads])
    dated = (X[:, 14] + X[:, 15] + X[:, 36] > 0) & (X[:, 0] <= math.log1p(8))
    before = np.cumsum(header) - header
    since = lines_since(header, 1e3)
    idx = np.arange(n)
    in_region = X[:, 26] > 0
    start = int(np.argmax(in_region)) if in_region.any() else 0
    cut = next((i for i in range(start + 1, n) if header[i]), n)
    return np.stack(
        [
            header.astype(float), np.log1p(before), np.log1p(since),
            _window_mean(reply.astype(float), 5), _window_mean(says.astype(float), 5),
            _window_mean(dated.astype(float), 4), (idx >= cut).astype(float),
            np.sign(idx - cut) * np.log1p(np.abs(idx - cut)),
            _window_mean(header.astype(float) + reply + says, 10), float(header.any()) * np.ones(n),
        ],
        axis=1,
    )


def page_features_v2(lines: list[str]) -> np.ndarray:
    """`page_features` plus `v2_features` (the lines.v2 classifier's input)."""
    X = page_features(lines)
    return np.hstack([X, v2_features(lines, X)])


# --- lines.v3: topical coherence with the article ----------------------------------------------------------
N_V3 = 6
_CONTENT_MIN = 3  # letters: shorter words are mostly function words in every language the stoplist covers


def _content_words(line: str) -> set[str]:
    return {w for w in (m.lower() for m in WORD.findall(line[:MAX_SCAN]))
            if len(w) > _CONTENT_MIN and not w.isdigit() and w not in STOPWORDS}


def v3_features(lines: list[str], X: np.ndarray) -> np.ndarray:
    """Extra columns of lines.v3: how much a line's vocabulary belongs to the article it sits in.

    A teaser summary under "Most Read", a reader's comment and a caption of another story read like prose, but
    their content words are another story's; the article's own paragraphs and sub-headings share the words of
    the page's main prose run. Each line's content words are compared, leaving the line itself out, with the
    words of the run's prose lines (`page_features`' column 26, in the run, and `prose_lines`) and with the
    words of all other lines of the page (menu words recur on every line, so that share alone says little).

    Args:
        lines: the page's lines.
        X: their `page_features`.

    Returns:
        ``(len(lines), N_V3)`` floats.
    """
    n = len(lines)
    if n == 0:
        return np.zeros((0, N_V3))
    words = [_content_words(line) for line in lines]
    in_run = X[:, 26] > 0
    prose = prose_lines(X)
    core: Counter[str] = Counter()
    page: Counter[str] = Counter()
    for w, run, pr in zip(words, in_run, prose):
        page.update(w)
        if run and pr:
            core.update(w)
    share_core = np.zeros(n)
    share_page = np.zeros(n)
    for i, (w, run, pr) in enumerate(zip(words, in_run, prose)):
        if not w:
            continue
        own = 1 if run and pr else 0  # leave the line's own words out of the profile it is compared with
        share_core[i] = sum(core[x] - own > 0 for x in w) / len(w)
        share_page[i] = sum(page[x] - 1 > 0 for x in w) / len(w)
    has = np.array([float(bool(w)) for w in words])
    return np.stack(
        [
            share_core, share_page, share_core - share_page, np.log1p([len(w) for w in words]),
            _window_mean(share_core, 3), has,
        ],
        axis=1,
    )


def page_features_v3(lines: list[str]) -> np.ndarray:
    """`page_features_v2` plus `v3_features` (the lines.v3 classifier's input)."""
    X = page_features_v2(lines)  # v3_features reads only page_features' columns, which lead v2's
    return np.hstack([X, v3_features(lines, X)])
