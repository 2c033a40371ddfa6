"""Training pages for the line classifier, derived from ../shared/data (never from aeb).

Two sources:
  * trafilatura-eval sample (300 HTML pages): each page rendered to visible lines
    (`newstrace.clean.lines_render.render_lines`) and labelled with silver labels: a line is main when it matches
    what trafilatura extracts from the same HTML (same matching rule as the aeb page-lines README: equal to a
    paragraph, or >= 4 words and a substring of the body, or >= 6 words and >= 60% of its word trigrams in the
    body), overridden by the page's hand-made `with` (main) and `without` (chrome) snippets.
  * ECB+ article texts (known article lines) wrapped in chrome lines written by hand (menus, widgets, share
    buttons, bylines, dates, cookie notes, footers, in several languages), to teach bylines and widgets.

Usage: .venv/bin/python bench/lines_data.py  (writes /tmp/newstrace_lines_dataset.jsonl.gz)
"""
from __future__ import annotations

import gzip
import json
import random
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
OUT = Path("/tmp/newstrace_lines_dataset.jsonl.gz")
sys.path.insert(0, str(ROOT / "src"))

from newstrace.clean.lines_render import render_lines  # noqa: E402

QUOTES = re.compile(r"[\"'“”‘’«»„‚`´]")
SPACE = re.compile(r"\s+")


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    return SPACE.sub(" ", QUOTES.sub("", text)).strip()


def trigrams(words: list[str]) -> list[tuple[str, ...]]:
    return [tuple(words[i:i + 3]) for i in range(len(words) - 2)]


def silver_labels(lines: list[str], body: str, with_: list[str], without: list[str]) -> list[int]:
    paras = {norm(p) for p in body.split("\n") if p.strip()}
    body_n = norm(body.replace("\n", " "))
    body_tri = set(trigrams(body_n.split()))
    out = []
    for line in lines:
        n = norm(line)
        words = n.split()
        main = n in paras or (len(words) >= 4 and n in body_n)
        if not main and len(words) >= 6:
            tri = trigrams(words)
            main = bool(tri) and sum(t in body_tri for t in tri) / len(tri) >= 0.6
        for snip in without:
            s = norm(snip)
            if s and (s in n or (len(n) >= 12 and n in s)):
                main = False
        for snip in with_:
            s = norm(snip)
            if s and (s in n or (len(n.split()) >= 4 and n in s)):
                main = True
        out.append(int(main))
    return out


BODIES = Path("/tmp/newstrace_lines_bodies.json.gz")


def extractor_bodies(records: list[dict]) -> dict[str, dict[str, str]]:
    """trafilatura's and newstrace's own (`extract_html`) article text of each page, cached in /tmp."""
    if BODIES.exists():
        with gzip.open(BODIES, "rt", encoding="utf-8") as f:
            cached = json.load(f)
        if all(r["url"] in cached for r in records):
            return cached
    import trafilatura

    from newstrace.clean.html import extract_html

    out = {}
    for rec in records:
        out[rec["url"]] = {
            "traf": trafilatura.extract(rec["html"], include_comments=False, include_tables=True) or "",
            "nt": extract_html(rec["html"]).text or "",
        }
    with gzip.open(BODIES, "wt", encoding="utf-8") as f:
        json.dump(out, f)
    return out


def trafilatura_pages(labeler: str = "traf") -> list[dict]:
    """The trafilatura-eval pages rendered to lines, labelled from an extractor's body + the page's snippets.

    Args:
        labeler: ``"traf"`` (trafilatura 2.3.1, lines.v1's labels) or ``"nt"`` (newstrace's `extract_html`,
            F1 0.926 vs 0.9216 on this sample).
    """
    with gzip.open(DATA / "trafilatura-eval" / "trafilatura_eval_sample.jsonl.gz", "rt", encoding="utf-8") as f:
        records = [json.loads(row) for row in f]
    bodies = extractor_bodies(records)
    pages = []
    for i, rec in enumerate(records):
        lines = render_lines(rec["html"])
        if not lines:
            continue
        body = bodies[rec["url"]][labeler]
        with_, without = rec.get("with") or [], rec.get("without") or []
        labels = silver_labels(lines, body, with_, without)
        # the silver labeler is checked against the hand-made snippets: on pages where the extractor misses a
        # `with` snippet or keeps a `without` one, its labels for the unchecked lines are not trusted either
        body_n = norm(body)
        verified = all(norm(w) in body_n for w in with_) and not any(norm(w) in body_n for w in without)
        # folds are fixed per trafilatura-eval page so that pages built from its chrome or its article
        # (transplants) never sit in another fold than the page itself
        pages.append({"id": "traf:" + rec["url"], "lines": lines, "is_main": labels, "source": "traf",
                      "verified": verified, "fold": i % 5})
    return pages


# Chrome written by hand for the synthetic pages (several languages, the shapes scraped pages take).
MENUS = [
    ["Skip to content", "Home", "News", "World", "Politics", "Business", "Sport", "Opinion", "Culture"],
    ["Menu", "Search", "Sign in", "Subscribe", "US", "World", "Tech", "Science", "Health"],
    ["Zum Inhalt springen", "Startseite", "Politik", "Wirtschaft", "Sport", "Kultur", "Panorama", "Suche"],
    ["Aller au contenu", "Accueil", "International", "Politique", "Économie", "Culture", "Sports"],
    ["Ir al contenido", "Inicio", "Nacional", "Internacional", "Economía", "Deportes", "Opinión"],
    ["Loading...", "Toggle navigation", "Latest", "Local", "Crime", "Weather", "Traffic", "Obituaries"],
]
WIDGETS = ["{t}°C", "{t}°F", "{day}, {month} {d}, {y}", "{d} {month} {y}", "Updated {h}:{mm} GMT", "{h}:{mm} AM ET",
           "Partly cloudy {t}°", "Markets: Dow {t}.{mm} ▲ 0.{d}%", "label {section}  schedule {n} weeks ago",
           "{n} min read", "{n} comments", "Share", "Tweet", "Email", "Print", "Facebook", "Twitter", "WhatsApp",
           "Share this article", "Share on Facebook Share on Twitter", "bookmark Save for later", "Listen to article",
           "Teilen", "Drucken", "Kommentare ({n})", "Partager", "Compartir", "Advertisement", "ADVERTISEMENT",
           "Anzeige", "Publicité", "Photo: Getty Images", "© Reuters", "Image copyright AFP"]
BYLINES = ["By {name}", "By {name} and {name2}", "By {name}, {agency}", "{name} | {agency}", "Von {name}",
           "Par {name}", "Por {name}", "By Staff", "By {agency} Staff", "Written by {name}", "{agency}",
           "By {name} · {month} {d}, {y}", "{name} {month} {d}, {y} {h}:{mm} PM", "Published {month} {d}, {y}",
           "Posted on {month} {d}, {y} by {name}", "Veröffentlicht am {d}. {gmonth} {y}", "{d}/{m}/{y}"]
TAILS = [
    ["Read more: {title2}: https://example.org/?p={n}", "You may also like", "{title3}", "{title4}",
     "Leave a Reply", "Your email address will not be published.", "Required fields are marked *", "Comment",
     "Name *", "Email *", "Website", "Post Comment", "Most Popular", "{title2}", "{title5}"],
    ["Related Articles", "{title2}", "{title3}", "Most Read", "{title4}", "{title5}", "Newsletter",
     "Sign up for our daily briefing", "Subscribe", "About Us", "Contact", "Privacy Policy", "Terms of Use",
     "© {y} {agency}. All rights reserved."],
    ["Mehr zum Thema", "{title2}", "{title3}", "Kommentar schreiben", "Impressum", "Datenschutz", "Kontakt",
     "Diese Website verwendet Cookies. Mit der Nutzung stimmen Sie der Verwendung zu.", "Akzeptieren"],
    ["À lire aussi", "{title2}", "{title3}", "Mentions légales", "Nous utilisons des cookies pour améliorer votre expérience.",
     "J'accepte", "Tous droits réservés"],
    ["Tags: {section}, {section2}", "Topics", "{section}", "{section2}", "Copyright {y} {agency}",
     "This material may not be published, broadcast, rewritten or redistributed.", "Back to top"],
    ["We use cookies to ensure you get the best experience on our website. Learn more", "Accept", "Decline",
     "Follow us", "Facebook", "Instagram", "YouTube", "Download our app", "Terms & Conditions", "Cookie settings"],
]
NAMES = ["Jane Doe", "Ahmed Karim", "Maria Lopez", "Tom Becker", "Li Wei", "Sarah O'Neil", "Jean Dupont",
         "Priya Patel", "Hans Müller", "Olga Ivanova"]
AGENCIES = ["Reuters", "Associated Press", "AFP", "The Daily Star", "dpa", "BBC News", "Staff Reporter"]
SECTIONS = ["Economy", "World", "Politics", "Sport", "Health", "Tech", "Local", "Crime"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
GMONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

DETOK = [(re.compile(r" ([.,;:!?%)\]])"), r"\1"), (re.compile(r"([(\[$]) "), r"\1"), (re.compile(r" (n't|'s|'re|'ll|'ve|'m|'d)\b"), r"\1"),
         (re.compile(r"`` ?| ?''"), '"'), (re.compile(r' " ([^"]*?) " '), r' "\1" '), (re.compile(r" - "), "-")]


def detok(text: str) -> str:
    for pat, rep in DETOK:
        text = pat.sub(rep, text)
    return text


def paragraphs(text: str, rng: random.Random) -> list[str]:
    sents = re.split(r"(?<=[.!?\"])\s+(?=[A-Z\"])", text)
    out, cur = [], []
    for s in sents:
        cur.append(s)
        if rng.random() < 0.45:
            out.append(" ".join(cur))
            cur = []
    if cur:
        out.append(" ".join(cur))
    return [p for p in out if p.strip()]


def fill(template: str, rng: random.Random, titles: list[str]) -> str:
    return template.format(
        t=rng.randint(-5, 35), day=rng.choice(DAYS), month=rng.choice(MONTHS), gmonth=rng.choice(GMONTHS),
        d=rng.randint(1, 28), m=rng.randint(1, 12), y=rng.randint(2008, 2025), h=rng.randint(1, 12),
        mm=f"{rng.randint(0, 59):02d}", section=rng.choice(SECTIONS), section2=rng.choice(SECTIONS),
        n=rng.randint(2, 999), name=rng.choice(NAMES), name2=rng.choice(NAMES), agency=rng.choice(AGENCIES),
        title2=titles[0], title3=titles[1], title4=titles[2], title5=titles[3])


def ecb_docs() -> list[dict]:
    docs = []
    with gzip.open(DATA / "ecbplus" / "ecbplus_docs.jsonl.gz", "rt", encoding="utf-8") as f:
        for row in f:
            rec = json.loads(row)
            if rec.get("text") and rec.get("title") and len(rec["text"].split()) > 60:
                docs.append(rec)
    return docs


def ecb_pages(rng: random.Random) -> list[dict]:
    docs = ecb_docs()
    pages = []
    all_titles = [detok(d["title"]) for d in docs]
    for rec in docs:
        lines: list[str] = []
        labels: list[int] = []
        others = rng.sample(all_titles, 4)

        def chrome(line: str) -> None:
            lines.append(line)
            labels.append(0)

        for line in rng.choice(MENUS)[: rng.randint(0, 9)]:
            chrome(line)
        for _ in range(rng.randint(0, 3)):
            chrome(fill(rng.choice(WIDGETS), rng, others))
        title = detok(rec["title"])
        chrome(title)
        if rng.random() < 0.3:
            chrome(title)
        for _ in range(rng.randint(0, 2)):
            chrome(fill(rng.choice(WIDGETS), rng, others))
        if rng.random() < 0.8:
            chrome(fill(rng.choice(BYLINES), rng, others))
        for para in paragraphs(detok(rec["text"]), rng):
            lines.append(para)
            labels.append(1)
            if rng.random() < 0.05:
                chrome(fill(rng.choice(WIDGETS), rng, others))
        for line in rng.choice(TAILS)[: rng.randint(2, 15)]:
            chrome(fill(line, rng, others))
        pages.append({"id": "ecb:" + rec["doc_id"], "lines": lines, "is_main": labels, "source": "ecb",
                      "verified": True, "fold": int(rec.get("topic") or 0) % 5})
    return pages


NAV_EN = ["Home", "World", "U.S.", "Politics", "Business", "Tech", "Science", "Health", "Sports", "Entertainment",
          "Opinion", "Video", "Photos", "Podcasts", "Newsletters", "Subscribe", "Sign In", "Search", "Menu",
          "More World", "More Politics", "Latest Galleries", "Today's Paper", "Live TV", "Local", "Weather",
          "Crime", "Markets", "Climate", "Travel", "Style", "Food", "Obituaries", "Contact Us", "Careers"]
COMMENT_HEADS = ["{n} Comments", "Comments", "Leave a Reply", "Join the conversation", "{n} thoughts on “{title2}”",
                 "Reader comments", "Discussion", "Comments ({n})", "Kommentare ({n})", "Add a comment"]
COMMENT_META = ["{name} says:", "{name}", "{month} {d}, {y} at {h}:{mm} pm", "{d}/{m}/{y} {h}:{mm}", "{n} hours ago",
                "@{first}{n}", "Reply", "Report", "{n} Likes", "Like Reply"]
TEASER_HEADS = ["Related", "Related Stories", "More from {section}", "Most Read", "You may also like", "Top Stories",
                "Recommended", "Latest News", "Trending Now", "Editor's Picks", "Around the web", "Don't Miss"]


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"])", text) if len(s.split()) >= 5]


def ecb_pages_v2(rng: random.Random) -> list[dict]:
    """ECB+ articles in richer chrome: what real English news pages put around and inside a story.

    Beyond `ecb_pages`: long navigation menus, teaser lists whose items carry a prose summary (the first
    sentence of another story), image captions and credits inside the article, sidebars between the title and
    the story or after it, and reader-comment sections with long prose comments, each comment with its name,
    date and reply lines. Everything but the article's paragraphs is labelled 0. Folds follow the ECB+ topic.
    """
    docs = ecb_docs()
    titles = [detok(d["title"]) for d in docs]
    sents = [_sentences(detok(d["text"])) for d in docs]
    pages = []
    for j, rec in enumerate(docs):
        lines: list[str] = []
        labels: list[int] = []
        others = rng.sample(titles, 4)

        def chrome(line: str) -> None:
            lines.append(line)
            labels.append(0)

        def other_sentence() -> str:
            k = rng.randrange(len(docs))
            return rng.choice(sents[k]) if k != j and sents[k] else "Officials declined to comment on the report."

        def teaser_list() -> None:
            chrome(fill(rng.choice(TEASER_HEADS), rng, others))
            summaries = rng.random() < 0.5
            for _ in range(rng.randint(2, 7)):
                chrome(rng.choice(titles))
                if summaries:
                    chrome(other_sentence())
                if rng.random() < 0.3:
                    chrome(fill(rng.choice(["{n}h ago", "{month} {d}, {y}", "{n} min read", "{section}"]), rng,
                                others))

        def comments() -> None:
            chrome(fill(rng.choice(COMMENT_HEADS), rng, others))
            for _ in range(rng.randint(1, 8)):
                name = rng.choice(NAMES)
                for meta in rng.sample(COMMENT_META[:6], rng.randint(1, 2)):
                    chrome(fill(meta.replace("{first}", name.split()[0]), rng, others))
                body = " ".join(other_sentence() for _ in range(rng.randint(1, 3)))
                if rng.random() < 0.3:
                    body = body.lower()
                chrome(body)
                if rng.random() < 0.6:
                    chrome(rng.choice(COMMENT_META[6:]).replace("{n}", str(rng.randint(1, 99))))

        start = rng.randint(0, len(NAV_EN) - 5)
        for line in (NAV_EN[start:start + rng.randint(3, 25)] if rng.random() < 0.7
                     else rng.choice(MENUS)[: rng.randint(0, 9)]):
            chrome(line)
        for _ in range(rng.randint(0, 2)):
            chrome(fill(rng.choice(WIDGETS), rng, others))
        if rng.random() < 0.25:
            teaser_list()
        title = detok(rec["title"])
        chrome(title)
        if rng.random() < 0.3:
            chrome(title)
        if rng.random() < 0.8:
            chrome(fill(rng.choice(BYLINES), rng, others))
        for _ in range(rng.randint(0, 3)):
            chrome(fill(rng.choice(WIDGETS), rng, others))
        if rng.random() < 0.4:
            chrome(other_sentence().rstrip(".") + " " + fill("(Photo: {name}/{agency})", rng, others))
        rate = rng.choice([0.0, 0.05, 0.1, 0.2])
        for para in paragraphs(detok(rec["text"]), rng):
            lines.append(para)
            labels.append(1)
            if rng.random() < rate:
                if rng.random() < 0.3:
                    chrome(other_sentence().rstrip(".") + fill(rng.choice([" (Photo: {name}/{agency})",
                                                                           " Credit: {name}/{agency}",
                                                                           " | {agency}"]), rng, others))
                else:
                    chrome(fill(rng.choice(INSERTS), rng, others))
        tail: list[str] = []
        if rng.random() < 0.5:
            tail.append("teasers")
        if rng.random() < 0.5:
            tail.append("comments")
        rng.shuffle(tail)
        for part in tail:
            teaser_list() if part == "teasers" else comments()
        for line in rng.choice(TAILS)[: rng.randint(2, 15)]:
            chrome(fill(line, rng, others))
        pages.append({"id": "ecb2:" + rec["doc_id"], "lines": lines, "is_main": labels, "source": "ecb",
                      "verified": True, "fold": int(rec.get("topic") or 0) % 5})
    return pages


INSERTS = ["Read more: {title2}", "READ MORE: {title3}", "Related: {title2}", "Advertisement", "ADVERTISEMENT",
           "Share this article", "Share on Facebook Share on Twitter Share via Email", "Photo: {name}/{agency}",
           "Sign up for our newsletter", "Get the latest headlines delivered to your inbox every morning.",
           "Subscribe", "Story continues below advertisement", "{title2}", "Click here to read more",
           "(Photo by {name}/Getty Images)", "Continue reading", "Watch: {title3}", "Also read: {title4}"]


def _span(labels: list[int]) -> tuple[int, int] | None:
    idx = [i for i, v in enumerate(labels) if v]
    return (idx[0], idx[-1]) if idx else None


def transplant_pages(traf: list[dict], rng: random.Random, copies: int = 1) -> list[dict]:
    """Pages with REAL chrome and known article text: a trafilatura-eval page's header (the lines above its
    first article line) and footer (below its last) around an article taken from elsewhere.

    The article is either an ECB+ text split into paragraphs (every paragraph main) or another trafilatura-eval
    page's article span (first to last main line, its own labels, so in-article chrome stays 0). Inside the
    article go realistic chrome insertions: the in-article chrome lines seen on the donor pages, plus share bars,
    "Read more:" lines, captions, ads and newsletter boxes; above it a title (sometimes repeated), a byline and a
    date line. Donor, article and page share one fold, so cross-validation never sees a page's chrome in training
    and evaluation at once.
    """
    donors = [p for p in traf if p["verified"] and _span(p["is_main"])]
    by_fold: dict[int, list[dict]] = {}
    for p in donors:
        by_fold.setdefault(p["fold"], []).append(p)
    inner: dict[int, list[str]] = {}
    for p in donors:
        lo, hi = _span(p["is_main"])
        inner.setdefault(p["fold"], []).extend(
            l for l, v in zip(p["lines"][lo:hi + 1], p["is_main"][lo:hi + 1]) if not v and len(l.split()) <= 25)
    docs = ecb_docs()
    all_titles = [detok(d["title"]) for d in docs]
    articles: list[tuple[int, str, list[str], list[int], str]] = []  # fold, id, lines, labels, title
    for d in docs:
        paras = paragraphs(detok(d["text"]), rng)
        articles.append((rng.randrange(5), "ecb:" + d["doc_id"], paras, [1] * len(paras), detok(d["title"])))
    for p in donors:
        lo, hi = _span(p["is_main"])
        if hi - lo + 1 > 400:
            continue
        title = next((l for l in p["lines"][:lo][::-1] if 3 <= len(l.split()) <= 20), "")
        articles.append((p["fold"], p["id"], p["lines"][lo:hi + 1], p["is_main"][lo:hi + 1], title))
    pages = []
    for k in range(copies):
        for fold, aid, art_lines, art_labels, title in articles:
            pool = [p for p in by_fold.get(fold, []) if p["id"] != aid]
            if not pool:
                continue
            donor = rng.choice(pool)
            lo, hi = _span(donor["is_main"])
            others = rng.sample(all_titles, 4)
            lines, labels = list(donor["lines"][:lo]), [0] * lo
            # the donor's own title sits in its header; the article's title goes right above the article
            head: list[str] = []
            if title and rng.random() < 0.85:
                head.append(title)
                if rng.random() < 0.25:
                    head.append(title)
            if rng.random() < 0.6:
                head.append(fill(rng.choice(BYLINES), rng, others))
            if rng.random() < 0.4:
                head.append(fill(rng.choice(WIDGETS), rng, others))
            lines += head
            labels += [0] * len(head)
            rate = rng.choice([0.0, 0.05, 0.1, 0.2])
            for line, lab in zip(art_lines, art_labels):
                lines.append(line)
                labels.append(lab)
                if rng.random() < rate:
                    src = inner.get(fold) if rng.random() < 0.5 and inner.get(fold) else None
                    lines.append(rng.choice(src) if src else fill(rng.choice(INSERTS), rng, others))
                    labels.append(0)
            tail = donor["lines"][hi + 1:]
            lines += tail
            labels += [0] * len(tail)
            pages.append({"id": f"tx{k}:{aid}@{donor['id']}", "lines": lines, "is_main": labels,
                          "source": "transplant", "verified": True, "fold": fold})
    return pages


def build(labeler: str = "traf", synthetic: str = "ecb") -> list[dict]:
    """The training pages: trafilatura-eval pages (labelled by `labeler`) plus synthetic pages.

    Args:
        labeler: ``"nt"`` or ``"traf"``, see `trafilatura_pages`.
        synthetic: ``"ecb"`` (hand-written chrome, lines.v1), ``"transplant"`` (real chrome), ``"both"``,
            ``"ecb2"`` (richer hand-written chrome: teaser summaries, captions, comment sections),
            ``"ecb+ecb2"`` (both kinds of hand-written pages).
    """
    rng = random.Random(20261122)
    traf = trafilatura_pages(labeler)
    out = list(traf)
    if synthetic in ("ecb", "both", "ecb+ecb2"):
        out += ecb_pages(rng)
    if synthetic in ("ecb2", "ecb+ecb2"):
        out += ecb_pages_v2(rng)
    if synthetic in ("transplant", "both"):
        out += transplant_pages(traf, rng)
    return out


if __name__ == "__main__":
    pages = build(*sys.argv[1:3])
    with gzip.open(OUT, "wt", encoding="utf-8") as f:
        for p in pages:
            f.write(json.dumps(p, ensure_ascii=False) + "\n")
    n = sum(len(p["lines"]) for p in pages)
    m = sum(sum(p["is_main"]) for p in pages)
    v = sum(p["verified"] for p in pages if p["source"] == "traf")
    print(f"{len(pages)} pages ({v} trafilatura-eval pages verified by their snippets), {n} lines, {m} main "
          f"({m / n:.1%}) -> {OUT}")
