"""The DuckDB store: schema, migrations, batches, round trips, read-only access."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import duckdb
import pytest

from fogofwar import models
from fogofwar.errors import DatabaseError
from fogofwar.export import check_record, to_record
from fogofwar.models import Document
from fogofwar.pipeline import analyze_documents
from fogofwar.store import Store
from fogofwar.store.schema import FACT_TABLES, SCHEMA_VERSION

TEXT = (
    "Iraqi troops retook the town of Bartella east of Mosul on Thursday, the army said.\n\n"
    "\"We will reach the city soon,\" a commander told reporters. Daesh fighters fled north."
)


@pytest.fixture(scope="module")
def analyses(nlp):
    docs = [Document(text=TEXT, source_path="a.txt", published="2016-10-21"),
            Document(text="O'Brien's \"quoted\" text; DROP TABLE documents; --", source_path="b.txt")]
    return analyze_documents(docs, nlp)


def test_schema_columns_follow_the_models():
    for table in FACT_TABLES:
        model_fields = [f.name for f in fields(getattr(models, table.model))]
        assert [c for c, _ in table.columns] == model_fields, table.name


def test_store_round_trip_is_exact(tmp_path: Path, analyses):
    with Store(tmp_path / "t.duckdb") as store:
        run = store.start_run("test")
        store.write_batch(analyses, run)
    with Store(tmp_path / "t.duckdb", read_only=True) as store:
        back = {a.document.doc_id: a for a in store.iter_analyses()}
        assert store.schema_version() == SCHEMA_VERSION
    for a in analyses:
        record = to_record(back[a.document.doc_id])
        assert record == to_record(a)
        assert check_record(record) == []


def test_store_knows_stored_ids_and_versions(tmp_path: Path, analyses):
    with Store(tmp_path / "t.duckdb") as store:
        run = store.start_run("test")
        store.write_batch(analyses[:1], run)
        assert store.known_ids([analyses[0].document.doc_id, "0" * 64]) == {analyses[0].document.doc_id}
        # the same path with new text is a new version, and the export keeps the newest only
        edited = analyze_documents([Document(text=TEXT + " Edited.", source_path="a.txt")])
        store.write_batch(edited, run)
        assert len(store.document_ids(all_versions=True)) == 2
        assert store.document_ids() == [edited[0].document.doc_id]
        versions = store.query("SELECT version FROM documents ORDER BY version")[1]
        assert versions == [(1,), (2,)]


def test_store_migrations_are_recorded_once(tmp_path: Path):
    Store(tmp_path / "m.duckdb").close()
    with Store(tmp_path / "m.duckdb") as store:  # opening again applies nothing twice
        rows = store.query("SELECT version FROM schema_migrations")[1]
    assert rows == [(v,) for v in range(1, SCHEMA_VERSION + 1)]


def test_store_read_only_refuses_writes(tmp_path: Path):
    Store(tmp_path / "r.duckdb").close()
    with Store(tmp_path / "r.duckdb", read_only=True) as store, pytest.raises(duckdb.Error):
        store.query("DELETE FROM documents")


def test_store_missing_or_foreign_databases_get_clear_errors(tmp_path: Path):
    with pytest.raises(DatabaseError, match="No database"):
        Store(tmp_path / "absent.duckdb", read_only=True)
    duckdb.connect(str(tmp_path / "other.duckdb")).close()
    with pytest.raises(DatabaseError, match="not a fogofwar database"):
        Store(tmp_path / "other.duckdb", read_only=True)
    with pytest.raises(DatabaseError, match="PostgreSQL"):
        Store("postgresql://user:secret@localhost/db")


def test_store_failed_batch_leaves_nothing_behind(tmp_path: Path, analyses):
    broken = analyses[0]
    with Store(tmp_path / "t.duckdb") as store:
        run = store.start_run("test")
        original = broken.mentions
        broken.mentions = [object()]  # type: ignore[list-item]  # cannot be stored
        with pytest.raises(TypeError):
            store.write_batch([broken], run)
        broken.mentions = original
        assert store.query("SELECT count(*) FROM documents")[1] == [(0,)]
        store.write_batch([broken], run)
        assert store.query("SELECT count(*) FROM documents")[1] == [(1,)]


def test_export_parquet_writes_one_file_per_table(tmp_path: Path, analyses):
    import pyarrow.parquet as pq

    with Store(tmp_path / "t.duckdb") as store:
        store.write_batch(analyses, store.start_run("test"))
        names = store.export_parquet(tmp_path / "pq")
    assert {"documents", "segments", "mentions", "events"} <= set(names)
    docs = pq.read_table(tmp_path / "pq" / "documents.parquet")
    assert docs.num_rows == 2
    assert set(docs.column("source_path").to_pylist()) == {"a.txt", "b.txt"}


def test_a_version_1_database_is_migrated_and_keeps_its_rows(tmp_path: Path, analyses):
    from fogofwar.store import schema

    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, description VARCHAR, "
                "applied_at TIMESTAMP)")
    version, description, statements = schema.MIGRATIONS[0]
    for sql in statements:
        con.execute(sql)
    con.execute("INSERT INTO schema_migrations VALUES (?, ?, now())", [version, description])
    cols = [r[0] for r in con.execute("SELECT column_name FROM information_schema.columns "
                                      "WHERE table_name = 'places'").fetchall()]
    con.close()
    assert "within" not in cols  # what version 1 created, as a file written then would hold it
    with Store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION >= 2
        store.write_batch(analyses, store.start_run("test"))
    with Store(path, read_only=True) as store:
        back = {a.document.doc_id: a for a in store.iter_analyses()}
    for a in analyses:
        assert to_record(back[a.document.doc_id]) == to_record(a)
