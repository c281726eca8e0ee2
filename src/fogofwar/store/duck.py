"""The embedded DuckDB store.

Documents are written in batches, one transaction per batch, so a killed run loses at most
the batch in flight and the next run completes it (ids are content hashes: what is already
stored is skipped, never duplicated). Every statement is parameterised; user SQL only runs
on a read-only connection.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, fields
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from fogofwar import models
from fogofwar.errors import DatabaseError
from fogofwar.models import Analysis, Document, InputError
from fogofwar.store.schema import DOCUMENT_COLUMNS, FACT_TABLES, MIGRATIONS, FactTable

DEFAULT_DB = "fogofwar.duckdb"
_ARROW_TYPES = {"VARCHAR": pa.string(), "BIGINT": pa.int64(), "DOUBLE": pa.float64(), "BOOLEAN": pa.bool_(),
                "JSON": pa.string(), "INTEGER": pa.int32(), "TIMESTAMP": pa.timestamp("us")}


@dataclass(slots=True)
class RunCounters:
    inputs_seen: int = 0
    inputs_skipped: int = 0
    documents_new: int = 0
    documents_known: int = 0
    succeeded: int = 0
    failed: int = 0


def version_key(doc: Document) -> str:
    """Documents with the same key are versions of one another (a file edited between runs)."""
    return f"{doc.source_path or ''}|{doc.source_id or doc.url or ''}"


class Store:
    def __init__(self, path: str | Path = DEFAULT_DB, *, read_only: bool = False) -> None:
        target = str(path)
        if target.startswith(("postgresql://", "postgres://")):
            raise DatabaseError(
                f"{target.split('@')[-1]}: PostgreSQL storage is not available in this version; "
                "use a DuckDB file path (the default is fogofwar.duckdb)."
            )
        self.path = target
        if read_only and not Path(target).exists():
            raise DatabaseError(f"No database at {target}. Run: fogofwar analyze PATH --db {target}")
        try:
            self.con = duckdb.connect(target, read_only=read_only)
        except duckdb.Error as exc:
            raise DatabaseError(f"{target}: cannot open the database ({exc}).") from exc
        if not read_only:
            self.migrate()
        elif self.schema_version() == 0:
            raise DatabaseError(f"{target} is not a fogofwar database (no schema_migrations table).")

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _one(self, sql: str, params: list[Any] | None = None) -> tuple[Any, ...] | None:
        # fetch everything: DuckDB refuses new work while a result is only partly read
        rows = self.con.execute(sql, params or []).fetchall()
        return rows[0] if rows else None

    # ------------------------------------------------------------------ schema
    def schema_version(self) -> int:
        exists = self._one("SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'")
        if not exists or not exists[0]:
            return 0
        row = self._one("SELECT max(version) FROM schema_migrations")
        return int(row[0] or 0) if row else 0

    def migrate(self) -> None:
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
            "description VARCHAR, applied_at TIMESTAMP)"
        )
        current = self.schema_version()
        for version, description, statements in MIGRATIONS:
            if version <= current:
                continue
            self.con.execute("BEGIN TRANSACTION")
            try:
                for sql in statements:
                    self.con.execute(sql)
                self.con.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)",
                                 [version, description, datetime.now()])
                self.con.execute("COMMIT")
            except Exception:
                self.con.execute("ROLLBACK")
                raise

    # ------------------------------------------------------------------ runs and inputs
    def start_run(self, args: str) -> int:
        row = self._one("SELECT coalesce(max(run_id), 0) + 1 FROM runs")
        run_id = int(row[0]) if row else 1
        self.con.execute("INSERT INTO runs (run_id, started_at, args, status) VALUES (?, ?, ?, 'running')",
                         [run_id, datetime.now(), args])
        return run_id

    def finish_run(self, run_id: int, counters: RunCounters, duration_s: float, status: str = "done") -> None:
        self.con.execute(
            "UPDATE runs SET finished_at = ?, inputs_seen = ?, inputs_skipped = ?, documents_new = ?, "
            "documents_known = ?, succeeded = ?, failed = ?, duration_s = ?, status = ? WHERE run_id = ?",
            [datetime.now(), counters.inputs_seen, counters.inputs_skipped, counters.documents_new,
             counters.documents_known, counters.succeeded, counters.failed, duration_s, status, run_id],
        )

    def add_errors(self, run_id: int, errors: Sequence[InputError]) -> None:
        if errors:
            now = datetime.now()
            self.con.executemany("INSERT INTO errors VALUES (?, ?, ?, ?, ?, ?)",
                                 [[run_id, e.path, e.record, e.reason, e.hint, now] for e in errors])

    def input_unchanged(self, path: str, size: int, mtime_ns: int) -> bool:
        """True when this file was read before with the same size and mtime and gave no error."""
        row = self._one("SELECT size, mtime_ns, errors FROM inputs WHERE path = ?", [path])
        return row is not None and row[0] == size and row[1] == mtime_ns and row[2] == 0

    def record_input(self, path: str, size: int, mtime_ns: int, documents: int, errors: int, run_id: int) -> None:
        self.con.execute("INSERT OR REPLACE INTO inputs VALUES (?, ?, ?, ?, ?, ?, ?)",
                         [path, size, mtime_ns, documents, errors, run_id, datetime.now()])

    def known_ids(self, doc_ids: Iterable[str]) -> set[str]:
        ids = list(set(doc_ids))
        if not ids:
            return set()
        rows = self.con.execute("SELECT doc_id FROM documents WHERE list_contains(?, doc_id)", [ids]).fetchall()
        return {r[0] for r in rows}

    # ------------------------------------------------------------------ writing
    def write_batch(self, analyses: Sequence[Analysis], run_id: int) -> None:
        """Store a batch of analysed documents in one transaction."""
        if not analyses:
            return
        now = datetime.now()
        self.con.execute("BEGIN TRANSACTION")
        try:
            doc_rows: dict[str, list[Any]] = {c: [] for c, _ in DOCUMENT_COLUMNS}
            versions: dict[str, int] = {}
            for a in analyses:
                d = a.document
                key = version_key(d)
                if key not in versions:
                    row = self._one("SELECT count(*) FROM documents WHERE version_key = ?", [key])
                    versions[key] = int(row[0]) if row else 0
                versions[key] += 1
                values = {"doc_id": d.doc_id, "source_path": d.source_path, "source_id": d.source_id, "url": d.url,
                          "title": d.title, "outlet": d.outlet, "author": d.author, "published": d.published,
                          "format": d.format, "encoding": d.encoding, "text": d.text, "n_chars": len(d.text),
                          "version_key": key, "version": versions[key], "run_id": run_id, "analysed_at": now,
                          "stage_errors": json.dumps(a.errors)}
                for c, _ in DOCUMENT_COLUMNS:
                    doc_rows[c].append(values[c])
            self._insert("documents", DOCUMENT_COLUMNS, doc_rows)
            for table in FACT_TABLES:
                cols: dict[str, list[Any]] = {"doc_id": [], "ord": []}
                cols.update({c: [] for c, _ in table.columns})
                for a in analyses:
                    for i, item in enumerate(getattr(a, table.name)):
                        values = asdict(item)
                        cols["doc_id"].append(a.document.doc_id)
                        cols["ord"].append(i)
                        for c, t in table.columns:
                            v = values.get(c)
                            cols[c].append(json.dumps(v, ensure_ascii=False) if t == "JSON" else v)
                if cols["doc_id"]:
                    self._insert(table.name, (("doc_id", "VARCHAR"), ("ord", "INTEGER"), *table.columns), cols)
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise

    def _insert(self, name: str, columns: Sequence[tuple[str, str]], data: dict[str, list[Any]]) -> None:
        # Arrow keeps a whole batch one INSERT: executemany pays a round trip per row
        arrays = [pa.array(data[c], type=_ARROW_TYPES[t.split()[0]]) for c, t in columns]
        batch = pa.Table.from_arrays(arrays, names=[c for c, _ in columns])
        self.con.register("_batch", batch)
        try:
            col_list = ", ".join(f'"{c}"' for c, _ in columns)
            self.con.execute(f"INSERT INTO {name} ({col_list}) SELECT {col_list} FROM _batch")
        finally:
            self.con.unregister("_batch")

    # ------------------------------------------------------------------ reading
    def document_ids(self, all_versions: bool = False) -> list[str]:
        if all_versions:
            sql = "SELECT doc_id FROM documents ORDER BY source_path, source_id, version"
        else:
            sql = ("SELECT doc_id FROM documents d WHERE version = (SELECT max(version) FROM documents e "
                   "WHERE e.version_key = d.version_key) ORDER BY source_path, source_id, url")
        return [r[0] for r in self.con.execute(sql).fetchall()]

    def iter_analyses(self, all_versions: bool = False, batch: int = 200) -> Iterator[Analysis]:
        """Rebuild the analyses from the tables, in a stable order."""
        ids = self.document_ids(all_versions)
        doc_fields = {f.name for f in fields(Document)}
        for i in range(0, len(ids), batch):
            chunk = ids[i:i + batch]
            cur = self.con.execute("SELECT * FROM documents WHERE list_contains(?, doc_id)", [chunk])
            names = [c[0] for c in cur.description]
            by_id: dict[str, Analysis] = {}
            for row in cur.fetchall():
                values = dict(zip(names, row, strict=True))
                doc = Document(**{k: v for k, v in values.items() if k in doc_fields})
                analysis = Analysis(document=doc, errors=json.loads(values["stage_errors"] or "[]"))
                by_id[doc.doc_id] = analysis
            for table in FACT_TABLES:
                self._load_facts(table, chunk, by_id)
            for doc_id in chunk:
                yield by_id[doc_id]

    def _load_facts(self, table: FactTable, ids: list[str], by_id: dict[str, Analysis]) -> None:
        model = getattr(models, table.model)
        col_names = [c for c, _ in table.columns]
        json_cols = set(table.json_columns)
        sql = (f"SELECT doc_id, {', '.join(chr(34) + c + chr(34) for c in col_names)} FROM {table.name} "
               "WHERE list_contains(?, doc_id) ORDER BY doc_id, ord")
        for row in self.con.execute(sql, [ids]).fetchall():
            values = {c: (json.loads(v) if c in json_cols and v is not None else v)
                      for c, v in zip(col_names, row[1:], strict=True)}
            getattr(by_id[row[0]], table.name).append(model(**values))

    def export_parquet(self, folder: Path) -> list[str]:
        """One Parquet file per table (documents, every fact table, runs, errors)."""
        folder.mkdir(parents=True, exist_ok=True)
        names = ["documents", *(t.name for t in FACT_TABLES), "runs", "errors"]
        for name in names:
            target = str((folder / f"{name}.parquet").resolve()).replace("'", "''")
            # COPY takes no parameters for its target; the name is ours and the path is quoted above
            self.con.execute(f"COPY (SELECT * FROM {name}) TO '{target}' (FORMAT parquet)")
        return names

    def query(self, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        cur = self.con.execute(sql)
        return [c[0] for c in cur.description or []], cur.fetchall()
