"""The `newstrace` command line: a thin layer over `newstrace.corpus`.

Exit codes: 0 success, 1 when some inputs failed (each listed with its NTxxx code) or a lookup failed,
2 on usage errors.
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from . import __version__
from .errors import NewstraceError
from .settings import Settings, load

app = typer.Typer(
    name="newstrace",
    help="Trace news stories to their sources: who said what, according to whom, and how many independent "
    "origins stand behind each claim.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)
out = Console()


class Fmt(str, Enum):
    auto = "auto"
    html = "html"
    text = "text"
    warc = "warc"
    jsonl = "jsonl"


class StoryFormat(str, Enum):
    json = "json"
    md = "md"
    html = "html"


DbOpt = Annotated[Optional[str], typer.Option("--db", help="DuckDB store file [default: ./newstrace.duckdb].")]
ConfigOpt = Annotated[Optional[Path], typer.Option("--config", help="TOML settings file [default: ./newstrace.toml].")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON Lines.")]
PathsArg = Annotated[list[str], typer.Argument(help="Files, directories, globs, or - for stdin.")]
FormatOpt = Annotated[Fmt, typer.Option("--format", help="Input format; auto detects by extension and content.")]
WorkersOpt = Annotated[Optional[int], typer.Option("--workers", help="Worker processes for cleaning and NLP.")]
BackendOpt = Annotated[Optional[str], typer.Option(
    "--backend", help="Where the per-report stages run: local (worker processes) or ray (Ray actors; needs the "
    "'scale' extra).")]
AttributorOpt = Annotated[Optional[str], typer.Option(
    "--attributor", help="Registered attribution algorithm: attribution.beliefs.v3 (default: speech, beliefs, evidence and unsourced "
    "reports, each with its act), attribution.acts.v3 (also stances and intentions: the PolNeAR scope), attribution.v2 (speech only, "
    "the attrib-dev scope), or an older version (attribution.beliefs.v2, .acts.v2, .v1 names).")]


def _settings(config: Path | None, **flags: Any) -> Settings:
    try:
        return load(config, **flags)
    except NewstraceError as e:
        err.print(f"[red]{e}[/red]")
        raise typer.Exit(2) from None


def _emit(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def _fail(e: NewstraceError) -> None:
    err.print(f"[red]{e}[/red]", highlight=False)
    raise typer.Exit(1)


def _stdin_for(paths: list[str]) -> Any:
    return sys.stdin.buffer if "-" in paths else None


def _print_failure(item: Any) -> None:
    where = item.source + (f" ({item.id})" if item.id and item.id not in item.source else "")
    err.print(f"[yellow]failed[/yellow] {escape(where)}: {escape(str(item.error))}", highlight=False, soft_wrap=True)


def _progress(label: str) -> Any:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    return Progress(SpinnerColumn(), TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=err, transient=True, disable=not err.is_terminal)


def _stream(paths: list[str], settings: Settings, stage: str) -> Iterator[Any]:
    from .corpus import iter_clean

    with _progress(f"{stage}ing" if stage == "clean" else "reading") as bar:
        task = bar.add_task(stage, total=None)
        for item in iter_clean(paths, settings, stage=stage, stdin=_stdin_for(paths)):
            bar.advance(task)
            yield item


def _run_stream(paths: list[str], settings: Settings, stage: str, show: Any) -> int:
    """Run `stage` over `paths` without a store: `show` each report, list failures, count skipped records.

    Returns the exit code: 1 when some input failed, else 0.
    """
    from .ingest.base import Skipped
    from .model import Report

    failed, skipped = 0, Counter()
    for item in _stream(paths, settings, stage):
        if isinstance(item, Report):
            show(item)
        elif isinstance(item, Skipped):
            skipped[item.reason] += 1
        else:
            failed += 1
            _print_failure(item)
    for reason, n in skipped.items():
        err.print(f"skipped {n}: {reason}", highlight=False, markup=False)
    return 1 if failed else 0


@app.command()
def clean(
    paths: PathsArg,
    json_out: JsonOpt = False,
    format: FormatOpt = Fmt.auto,
    workers: WorkersOpt = None,
    backend: BackendOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Clean pages into article text + metadata, without touching a store.

    With --json: one object per report {"id","url","outlet","title","authors","published",
    "published_evidence","language","text",...}.
    """
    settings = _settings(config, format=format.value, workers=workers, backend=backend)

    def show(item: Any) -> None:
        if json_out:
            _emit(item.clean_json())
            return
        out.rule(escape(f"{item.id}  {item.title or ''}"))
        out.print(f"outlet: {item.outlet}  published: {item.published} ({item.published_evidence})  "
                  f"authors: {', '.join(item.authors)}  language: {item.language}", highlight=False, markup=False)
        out.print(item.text, highlight=False, markup=False)

    raise typer.Exit(_run_stream(paths, settings, "clean", show))


@app.command()
def attributions(
    paths: PathsArg,
    json_out: JsonOpt = False,
    format: FormatOpt = Fmt.auto,
    workers: WorkersOpt = None,
    backend: BackendOpt = None,
    attributor: AttributorOpt = None,
    kinds: Annotated[Optional[str], typer.Option(
        "--kinds", help="Keep only these acts, comma-separated: speech, belief, stance, intention, evidence, "
                        "unsourced (an attributor that sets no act has it read from the cue and source).")] = None,
    config: ConfigOpt = None,
) -> None:
    """Find who said what, according to whom, in each report (no store needed).

    With --json: one object per report {"doc_id","text","attributions":[...]} with character offsets into text;
    each attribution carries its `act` (speech, belief, stance, intention, evidence, unsourced).
    """
    from .nlp import act_of, attributions_json

    acts = {"speech", "belief", "stance", "intention", "evidence", "unsourced"}
    keep = None if kinds is None else {k.strip() for k in kinds.split(",") if k.strip()}
    if keep is not None and (not keep or keep - acts):
        known = ", ".join(sorted(acts))
        e = NewstraceError("NT105", f"--kinds takes a comma-separated list of {known}; got {kinds!r}")
        err.print(f"[red]{escape(str(e))}[/red]", highlight=False)
        raise typer.Exit(2)  # a usage error
    settings = _settings(config, format=format.value, workers=workers, backend=backend, attributor=attributor)

    def show(item: Any) -> None:
        data = attributions_json(item)
        by_id = {a.id: a for a in getattr(item, "attributions", [])}
        for a in data["attributions"]:
            if a.get("act") is None and a.get("id") in by_id:
                a["act"] = act_of(item, by_id[a["id"]])
        if keep is not None:
            data["attributions"] = [a for a in data["attributions"] if a.get("act") in keep]
        if json_out:
            _emit(data)
            return
        out.rule(escape(item.id))
        for a in data["attributions"]:
            src = (a.get("source") or {}).get("text") or "—"
            name = a.get("source_name")
            via = " ← ".join(h.get("name", "") for h in a.get("via", []))
            said = (f"{' (' + name + ')' if name and name != src else ''}{' via ' + via if via else ''} "
                    f"[{a['kind']}, {a.get('act')}]: {a['content']['text']}")
            out.print(f"[bold]{escape(src)}[/bold]{escape(said)}", highlight=False)

    raise typer.Exit(_run_stream(paths, settings, "full", show))


@app.command()
def ingest(
    paths: PathsArg,
    db: DbOpt = None,
    json_out: JsonOpt = False,
    format: FormatOpt = Fmt.auto,
    workers: WorkersOpt = None,
    backend: BackendOpt = None,
    attributor: AttributorOpt = None,
    trace: Annotated[Optional[bool], typer.Option(
        "--trace/--no-trace", help="Build the touched stories' claims, origins and graphs now (the default) or when "
        "first read [setting trace_at_ingest].")] = None,
    config: ConfigOpt = None,
) -> None:
    """Read, clean, annotate and store reports; assign them to stories. Re-ingesting the same content is a no-op."""
    from .corpus import Corpus

    settings = _settings(config, db=db, format=format.value, workers=workers, backend=backend, attributor=attributor,
                         trace_at_ingest=trace)
    try:
        with Corpus.open(settings.db, settings) as corpus, _progress("ingesting") as bar:
            task = bar.add_task("ingest", total=None)
            summary = corpus.ingest(paths, stdin=_stdin_for(paths), progress=lambda n: bar.advance(task, n))
    except NewstraceError as e:
        _fail(e)
        return
    data = summary.to_json()
    if json_out:
        _emit(data)
    else:
        err.print(f"read {data['read']} reports: {data['new']} new, {data['new_versions']} new versions, "
                  f"{data['unchanged']} unchanged, {data['failed']} failed; {data['stories_touched']} stories touched, "
                  f"{data['stories_traced']} traced → {settings.db}", highlight=False)
        for f in data["failures"]:
            err.print(f"  [yellow]failed[/yellow] {escape(f['source'])}: {f['code']}: {escape(f['message'])}",
                      highlight=False, soft_wrap=True)
        for label, key in (("skipped", "skipped"), ("removed by cleaning", "removed"), ("notes", "notes")):
            if data[key]:
                err.print(f"{label}: " + ", ".join(f"{k} ×{v}" for k, v in list(data[key].items())[:12]),
                          highlight=False, markup=False)
    raise typer.Exit(1 if data["failed"] else 0)


def _open(db: str | None, config: Path | None, *, read_only: bool = True) -> Any:
    from .corpus import Corpus

    settings = _settings(config, db=db)
    try:
        return Corpus.open(settings.db, settings, read_only=read_only)
    except NewstraceError as e:
        _fail(e)


def _print_table(columns: list[tuple[str, str]], rows: list[tuple[str, ...]]) -> None:
    """Print a listing without ever cutting a cell.

    On a terminal the table wraps long cells inside their column to fit its width. Piped or redirected, rich
    would assume 80 columns and cut titles ("Minister defends dam cont"), so the rows are printed as plain text
    instead: columns padded to their widest cell, the last column whole, one row per line (a newline or tab
    inside a cell becomes a space so that a row stays one line for grep, cut and awk).

    Args:
        columns: ``(header, "left" | "right")`` per column.
        rows: one tuple of cell strings per row, in column order.
    """
    if out.is_terminal:
        table = Table(box=None, header_style="bold")
        for i, (name, justify) in enumerate(columns):
            # short columns (ids, counts, dates) never wrap; the text columns fold inside their cell
            text_col = i == len(columns) - 1 or name in ("entity", "outlet")
            table.add_column(name, justify=justify, no_wrap=not text_col, overflow="fold")  # type: ignore[arg-type]
        for row in rows:
            table.add_row(*(escape(c) for c in row))
        out.print(table)
        return
    flat = [[" ".join(str(c).split()) if ("\n" in str(c) or "\t" in str(c)) else str(c) for c in row] for row in rows]
    headers = [name for name, _ in columns]
    widths = [max([len(h), *(len(r[i]) for r in flat)]) for i, h in enumerate(headers)]
    lines = []
    for cells in [headers, *flat]:
        parts = []
        for i, (cell, (_, justify)) in enumerate(zip(cells, columns)):
            last = i == len(columns) - 1
            parts.append(cell if last and justify == "left" else cell.rjust(widths[i]) if justify == "right" else cell.ljust(widths[i]))
        lines.append("  ".join(parts).rstrip())
    sys.stdout.write("\n".join(lines) + "\n")


@app.command()
def reports(db: DbOpt = None, json_out: JsonOpt = False, config: ConfigOpt = None) -> None:
    """List the stored reports."""
    with _open(db, config) as corpus:
        rows = list(corpus.reports())
    if json_out:
        for r in rows:
            _emit({k: v for k, v in r.clean_json().items() if k != "text"} | {"version": r.version, "chars": len(r.text)})
        return
    _print_table([("id", "left"), ("outlet", "left"), ("published", "left"), ("title", "left")],
                 [(r.id, r.outlet or "", (r.published or "")[:10], r.title or "") for r in rows])


@app.command()
def stories(
    db: DbOpt = None,
    json_out: JsonOpt = False,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Re-cluster all reports from scratch.")] = False,
    config: ConfigOpt = None,
) -> None:
    """List the stories: every report is in exactly one."""
    with _open(db, config, read_only=not rebuild) as corpus:
        if rebuild:
            n = corpus.rebuild_stories()
            traced = corpus.trace().traced if corpus.settings.trace_at_ingest else 0
            err.print(f"rebuilt: {n} stories, {traced} traced")
        found = corpus.stories()
    if json_out:
        for s in found:
            _emit(s)
        return
    _print_table([("story", "left"), ("reports", "right"), ("outlets", "right"), ("first seen", "left"),
                  ("title", "left")],
                 [(s["id"], str(len(s["reports"])), str(len(s["outlets"])), (s["first_seen"] or "")[:10],
                   s["title"] or "") for s in found])


@app.command()
def story(
    story_id: Annotated[str, typer.Argument(help="A story id from `newstrace stories`.")],
    db: DbOpt = None,
    format: Annotated[StoryFormat, typer.Option("--format", help="json, md or html.")] = StoryFormat.md,
    json_out: JsonOpt = False,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file.")] = None,
    config: ConfigOpt = None,
) -> None:
    """One story's dossier: reports, entities, claims with their origins, copies, divergences, framing, timeline."""
    fmt = StoryFormat.json if json_out else format
    with _open(db, config, read_only=False) as corpus:
        try:
            dossier = corpus.dossier(story_id)
        except NewstraceError as e:
            _fail(e)
            return
    if fmt is StoryFormat.json:
        text = json.dumps(dossier, ensure_ascii=False)
    elif fmt is StoryFormat.md:
        from .report.markdown import render_markdown

        text = render_markdown(dossier)
    else:
        from .report.html import render_html

        text = render_html(dossier)
    if output:
        try:
            output.write_text(text + ("\n" if not text.endswith("\n") else ""), encoding="utf-8")
        except OSError as e:
            _fail(NewstraceError("NT503", f"cannot write {output}: {e.strerror or e}"))
            return
        err.print(f"wrote {output}")
    else:
        sys.stdout.write(text + ("\n" if not text.endswith("\n") else ""))


@app.command()
def entities(
    db: DbOpt = None,
    json_out: JsonOpt = False,
    min_stories: Annotated[int, typer.Option("--min-stories", min=1, help="Only entities named in this many stories or more.")] = 1,
    name: Annotated[Optional[str], typer.Option("--name", help="Only entities with a variant containing this text (case-insensitive).")] = None,
    config: ConfigOpt = None,
) -> None:
    """Entities across the store: each one with every story and report that names it, and all its spellings.

    Every story is resolved on its own, then linked by full names (about 7 ms per stored report on ECB+ here).
    """
    with _open(db, config) as corpus:
        try:
            found = corpus.entities()
        except NewstraceError as e:
            _fail(e)
            return
    needle = name.casefold() if name else None
    found = [e for e in found if len(e.stories) >= min_stories
             and (needle is None or any(needle in v.casefold() for v in (e.name, *e.variants)))]
    if json_out:
        for e in found:
            _emit(e.to_json())
        return
    _print_table([("entity", "left"), ("type", "left"), ("stories", "right"), ("reports", "right"),
                  ("variants", "left")],
                 [(e.name, e.type, str(len(e.stories)), str(len(e.reports)),
                   " · ".join(v for v in e.variants if v != e.name)) for e in found])


class GraphFmt(str, Enum):
    graphml = "graphml"
    gexf = "gexf"


class TableFmt(str, Enum):
    parquet = "parquet"
    csv = "csv"


@app.command()
def export(
    target: Annotated[Path, typer.Argument(help="Output directory (Parquet/CSV tables) or file (--graph, --jsonl).")],
    db: DbOpt = None,
    format: Annotated[TableFmt, typer.Option("--format", help="Table file format: parquet or csv (with a header).")] = TableFmt.parquet,
    graph: Annotated[Optional[GraphFmt], typer.Option("--graph", help="Export the provenance graph of every story.")] = None,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="Write dossiers as JSON Lines instead of tables.")] = False,
    config: ConfigOpt = None,
) -> None:
    """Export the store: tables (DuckDB COPY; store tables plus story-level ones), dossiers as JSON Lines, or the
    provenance graph. The tables and their columns are listed in README "Export"."""
    with _open(db, config, read_only=False) as corpus:
        try:
            _export(corpus, target, graph, jsonl, format)
        except OSError as e:
            _fail(NewstraceError("NT503", f"cannot write {target}: {e.strerror or e}"))
        except NewstraceError as e:
            _fail(e)


def _export(corpus: Any, target: Path, graph: GraphFmt | None, jsonl: bool, fmt: TableFmt = TableFmt.parquet) -> None:
    if graph is not None:
        from .report.graph import write_graph

        dossiers = [corpus.dossier(s["id"]) for s in corpus.stories()]
        write_graph(dossiers, target, graph.value)
        err.print(f"wrote {target} ({len(dossiers)} stories)")
    elif jsonl:
        with open(target, "w", encoding="utf-8") as f:
            for s in corpus.stories():
                f.write(json.dumps(corpus.dossier(s["id"]), ensure_ascii=False) + "\n")
        err.print(f"wrote {target}")
    else:
        from .report.tables import TABLES, story_tables

        rows = story_tables(corpus)
        written = corpus.store.export(target, fmt.value, {name: (TABLES[name], rows[name]) for name in TABLES})
        err.print(f"wrote {len(written)} {fmt.value} tables to {target}", highlight=False)


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option(help="Address to bind (local only by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8765,
    config: ConfigOpt = None,
) -> None:
    """Browse stories and dossiers in a local web UI."""
    from .web.app import make_server_for

    corpus = _open(db, config, read_only=False)
    try:
        server = make_server_for(corpus, host, port)
    except NewstraceError as e:
        corpus.close()
        _fail(e)
        return
    except OSError as e:
        corpus.close()
        _fail(NewstraceError("NT502", f"cannot listen on {host}:{port}: {e.strerror or e}"))
        return
    # Announced only once the port is bound, so the address printed is one that answers.
    err.print(f"newstrace {__version__}: http://{host}:{port}/  (Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        corpus.close()


@app.command()
def version() -> None:
    """Print the version."""
    out.print(__version__)


def main() -> None:
    """Console entry point."""
    try:
        app()
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)


if __name__ == "__main__":
    main()
