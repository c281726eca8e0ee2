"""The command line: analyse inputs into a database, inspect it, export it.

Only data goes to stdout; progress, summaries and warnings go to stderr.
"""

from __future__ import annotations

import logging
import shlex
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, Task, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from fogofwar.errors import FogofwarError
from fogofwar.store import DEFAULT_DB, Store

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="fogofwar: conflict reporting in, sourced and geolocated evidence out.")
err = Console(stderr=True)
out = Console()

Db = Annotated[str, typer.Option("--db", envvar="FOGOFWAR_DB", help="DuckDB file (created if missing).")]


class _DocsPerSecond(ProgressColumn):
    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        docs = int(task.fields.get("docs", 0))
        rate = docs / elapsed if elapsed > 0 else 0.0
        return Text(f"{docs} docs  {rate:.1f} docs/s", style="progress.data.speed")


def _open(db: str, read_only: bool = False) -> Store:
    try:
        return Store(db, read_only=read_only)
    except FogofwarError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(code=2) from exc


@app.command()
def analyze(
    paths: Annotated[list[Path], typer.Argument(help="Files and folders (read recursively).")],
    db: Db = DEFAULT_DB,
    workers: Annotated[int, typer.Option("--workers", min=1, help="spaCy processes.")] = 1,
    actors: Annotated[list[Path] | None, typer.Option("--actors", help="Extra actor table (YAML); repeatable.")] = None,
    max_chars: Annotated[int, typer.Option("--max-chars", help="Analyse at most this many characters of a "
                                           "document (it is stored whole).")] = 1_000_000,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Read inputs, analyse what is new, store it.  Example: fogofwar analyze reports/ --db war.duckdb"""
    from fogofwar.ingest import iter_inputs
    from fogofwar.runner import run_analysis

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    missing = [p for p in paths if not p.exists()]
    for p in missing:
        err.print(f"[red]error:[/red] {p}: no such file or folder")
    if missing and len(missing) == len(paths):
        raise typer.Exit(code=2)
    if actors:
        from fogofwar.resolve.actor_table import use_actor_files

        try:
            use_actor_files(actors)
        except (FogofwarError, OSError, ValueError) as exc:
            err.print(f"[red]error:[/red] --actors: {exc}")
            raise typer.Exit(code=2) from exc
    files = list(iter_inputs([p for p in paths if p.exists()]))
    args = shlex.join(sys.argv[1:])
    with _open(db) as store:
        progress = Progress(TextColumn("[bold]analysing"), BarColumn(), MofNCompleteColumn(), _DocsPerSecond(),
                            TimeElapsedColumn(), console=err, disable=quiet)
        with progress:
            task = progress.add_task("files", total=len(files), docs=0)

            def on_progress(files_done: int, analysed: int, _new: int) -> None:
                progress.update(task, completed=files_done, docs=analysed)

            result = run_analysis(paths, store, args=args, max_chars=max_chars, n_process=workers,
                                  on_progress=on_progress, files=files)
        _print_run_summary(store, result)
    if not result.ok:
        err.print("[red]nothing could be read.[/red] See the errors above, or run: fogofwar errors")
        raise typer.Exit(code=1)


def _print_run_summary(store: Store, result: object) -> None:
    from fogofwar.runner import RunResult

    assert isinstance(result, RunResult)
    c = result.counters
    rate = c.documents_new / result.duration_s if result.duration_s else 0.0
    table = Table(title=f"run {result.run_id}: {result.duration_s:.1f} s, {rate:.1f} new documents/s")
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("inputs read", str(c.inputs_seen - c.inputs_skipped))
    table.add_row("inputs unchanged (skipped)", str(c.inputs_skipped))
    table.add_row("documents new", str(c.documents_new))
    table.add_row("documents already stored", str(c.documents_known))
    for kind, n in store.query(
        "SELECT s.kind, count(*) FROM segments s JOIN documents d USING (doc_id) "
        f"WHERE d.run_id = {int(result.run_id)} GROUP BY 1 ORDER BY 1"
    )[1]:
        table.add_row(f"segments: {kind}", str(n))
    for kind, n in store.query(
        "SELECT m.kind, count(*) FROM mentions m JOIN documents d USING (doc_id) "
        f"WHERE d.run_id = {int(result.run_id)} GROUP BY 1 ORDER BY 1"
    )[1]:
        table.add_row(f"mentions: {kind}", str(n))
    for name in ("events", "quotes", "quantities"):
        n = store.query(f"SELECT count(*) FROM {name} JOIN documents d USING (doc_id) "
                        f"WHERE d.run_id = {int(result.run_id)}")[1][0][0]
        table.add_row(name, str(n))
    table.add_row("input errors", str(len(result.errors)))
    if result.stage_errors:
        table.add_row("documents with a stage warning", str(result.stage_errors))
    err.print(table)
    if result.errors:
        err.print(f"[yellow]warning:[/yellow] {len(result.errors)} input(s) could not be read (all else was stored):")
        for e in result.errors[:20]:
            where = f" ({e.record})" if e.record else ""
            err.print(f"  [yellow]{e.path}{where}[/yellow]: {e.reason}" + (f" — {e.hint}" if e.hint else ""))
        if len(result.errors) > 20:
            err.print(f"  … and {len(result.errors) - 20} more: fogofwar errors --db {store.path}")


@app.command()
def export(
    db: Db = DEFAULT_DB,
    format: Annotated[str, typer.Option("--format", "-f", help="jsonl | parquet | geojson | acled-csv")] = "jsonl",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="File (a folder for parquet); "
                                                "default stdout.")] = None,
    all_versions: Annotated[bool, typer.Option("--all-versions", help="Every stored version of a changed "
                                               "input, not only the newest.")] = False,
) -> None:
    """Export the database.  Example: fogofwar export --format jsonl -o export.jsonl"""
    from fogofwar import export as ex

    writers = {"jsonl": ex.write_jsonl, "geojson": ex.write_geojson, "acled-csv": ex.write_acled_csv}
    if format not in (*writers, "parquet"):
        err.print(f"[red]error:[/red] unknown format {format!r}: use jsonl, parquet, geojson or acled-csv")
        raise typer.Exit(code=2)
    with _open(db, read_only=True) as store:
        if format == "parquet":
            if output is None:
                err.print("[red]error:[/red] parquet needs -o FOLDER (one file per table)")
                raise typer.Exit(code=2)
            tables = store.export_parquet(output)
            err.print(f"wrote {len(tables)} tables to {output}/")
            return
        analyses = store.iter_analyses(all_versions=all_versions)
        if output is None:
            n = writers[format](analyses, sys.stdout)
        else:
            with output.open("w", encoding="utf-8", newline="") as fh:
                n = writers[format](analyses, fh)
        err.print(f"exported {n} {'documents' if format == 'jsonl' else 'rows'}"
                  + (f" to {output}" if output else ""))


@app.command()
def stats(db: Db = DEFAULT_DB) -> None:
    """Count what is stored.  Example: fogofwar stats --db war.duckdb"""
    with _open(db, read_only=True) as store:
        out.print(f"[bold]{store.path}[/bold]  (schema version {store.schema_version()})")
        table = Table(title="rows per table")
        table.add_column("table")
        table.add_column("rows", justify="right")
        for name in ("documents", "segments", "actors", "places", "mentions", "events", "quotes", "quantities",
                     "claims", "predictions", "runs", "errors"):
            table.add_row(name, str(store.query(f"SELECT count(*) FROM {name}")[1][0][0]))
        out.print(table)
        for title, sql in (
            ("segments by kind", "SELECT kind, count(*) FROM segments GROUP BY 1 ORDER BY 2 DESC"),
            ("mentions by kind", "SELECT kind, count(*) FROM mentions GROUP BY 1 ORDER BY 2 DESC"),
            ("events by type", "SELECT type, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC"),
            ("top actors", "SELECT canonical, count(*) FROM actors a JOIN mentions m ON m.doc_id = a.doc_id "
                           "AND m.kind = 'actor' AND m.ref = a.id GROUP BY 1 ORDER BY 2 DESC LIMIT 10"),
            ("top places", "SELECT name, count(*) FROM places p JOIN mentions m ON m.doc_id = p.doc_id "
                           "AND m.kind = 'place' AND m.ref = p.id GROUP BY 1 ORDER BY 2 DESC LIMIT 10"),
        ):
            rows = store.query(sql)[1]
            if rows:
                t = Table(title=title)
                t.add_column("value")
                t.add_column("count", justify="right")
                for value, n in rows:
                    t.add_row(str(value), str(n))
                out.print(t)


@app.command()
def errors(
    db: Db = DEFAULT_DB,
    run: Annotated[int | None, typer.Option("--run", help="Only this run (default: all).")] = None,
) -> None:
    """List the inputs that failed, why, and what to do.  Example: fogofwar errors --run 3"""
    with _open(db, read_only=True) as store:
        sql = "SELECT run_id, path, record, reason, hint FROM errors"
        rows = store.con.execute(sql + (" WHERE run_id = ?" if run is not None else "") + " ORDER BY run_id, path",
                                 [run] if run is not None else []).fetchall()
        table = Table(title=f"{len(rows)} input errors")
        for col in ("run", "path", "record", "reason", "what to do"):
            table.add_column(col, overflow="fold")
        for row in rows:
            table.add_row(*("" if v is None else str(v) for v in row))
        out.print(table)


@app.command()
def query(sql: Annotated[str, typer.Argument(help="A read-only SQL statement.")], db: Db = DEFAULT_DB) -> None:
    """Run read-only SQL and print a table.

    Example: fogofwar query "SELECT kind, count(*) FROM segments GROUP BY 1"
    """
    import duckdb

    with _open(db, read_only=True) as store:
        try:
            cols, rows = store.query(sql)
        except duckdb.Error as exc:
            err.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(code=2) from exc
        table = Table()
        for col in cols:
            table.add_column(col, overflow="fold")
        for row in rows:
            table.add_row(*("" if v is None else str(v) for v in row))
        out.print(table)


def main() -> None:  # pragma: no cover - console entry point
    app()
