"""The command line end to end: real files, a real DuckDB file, the real pipeline."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fogofwar.cli import app
from fogofwar.export import check_record

DEMO = Path(__file__).resolve().parents[1] / "src" / "fogofwar" / "data" / "demo"
runner = CliRunner()


def fw(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "fogofwar", *args], capture_output=True, text=True, timeout=900)


def export_records(db: Path, tmp: Path) -> list[dict]:
    out = tmp / "export.jsonl"
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "jsonl", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in out.read_text(encoding="utf-8").split("\n") if line]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory, nlp) -> Path:
    db = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    result = runner.invoke(app, ["analyze", str(DEMO), "--db", str(db), "--quiet"])
    assert result.exit_code == 0, result.output
    return db


def test_cli_analyze_demo_corpus_exports_valid_records(demo_db, tmp_path):
    records = export_records(demo_db, tmp_path)
    assert len(records) >= 12
    for record in records:
        assert check_record(record) == [], record["source"]
    kinds = {s["kind"] for r in records for s in r["segments"]}
    assert {"article", "comment"} <= kinds
    assert sum(len(r["mentions"]) for r in records) > 0


def test_cli_rerun_changes_nothing(demo_db, tmp_path):
    before = export_records(demo_db, tmp_path)
    result = runner.invoke(app, ["analyze", str(DEMO), "--db", str(demo_db), "--quiet"])
    assert result.exit_code == 0, result.output
    assert "documents new" in result.output
    after = export_records(demo_db, tmp_path)
    assert after == before
    from fogofwar.store import Store

    with Store(demo_db, read_only=True) as store:
        rows = store.query("SELECT inputs_skipped, documents_new FROM runs ORDER BY run_id DESC LIMIT 1")[1]
    skipped, new = rows[0]
    assert new == 0 and skipped > 0


def test_cli_changed_file_becomes_a_new_version(tmp_path, nlp):
    page = tmp_path / "in" / "page.txt"
    page.parent.mkdir()
    page.write_text("Iraqi troops entered Bartella on Tuesday.", encoding="utf-8")
    db = tmp_path / "v.duckdb"
    assert runner.invoke(app, ["analyze", str(page.parent), "--db", str(db), "-q"]).exit_code == 0
    page.write_text("Iraqi troops entered Bartella and Qaraqosh on Tuesday.", encoding="utf-8")
    assert runner.invoke(app, ["analyze", str(page.parent), "--db", str(db), "-q"]).exit_code == 0
    records = export_records(db, tmp_path)
    assert [r["text"] for r in records] == ["Iraqi troops entered Bartella and Qaraqosh on Tuesday."]
    result = runner.invoke(app, ["export", "--db", str(db), "--all-versions", "-o", str(tmp_path / "all.jsonl")])
    assert result.exit_code == 0
    assert len((tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines()) == 2


def test_cli_stats_errors_and_query(demo_db):
    stats = runner.invoke(app, ["stats", "--db", str(demo_db)])
    assert stats.exit_code == 0 and "documents" in stats.output and "segments by kind" in stats.output
    errors = runner.invoke(app, ["errors", "--db", str(demo_db)])
    assert errors.exit_code == 0 and "input errors" in errors.output
    bad = runner.invoke(app, ["query", "--db", str(demo_db), "DROP TABLE documents"])
    assert bad.exit_code == 2  # read-only connection
    assert runner.invoke(app, ["stats", "--db", str(demo_db)]).exit_code == 0


def test_cli_missing_database_and_bad_format_are_explained(tmp_path):
    result = runner.invoke(app, ["stats", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2 and "fogofwar analyze" in result.output
    result = runner.invoke(app, ["export", "--db", str(tmp_path / "none.duckdb"), "--format", "xml"])
    assert result.exit_code == 2 and "unknown format" in result.output


def test_cli_bad_input_folder_keeps_the_good_and_names_the_bad(tmp_path):
    from fogofwar.ingest.badinput import write_bad_input_corpus

    folder = tmp_path / "bad"
    expected = write_bad_input_corpus(folder, big_mb=50)
    db = tmp_path / "bad.duckdb"
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result = fw("analyze", str(folder), "--db", str(db), "--max-chars", "200000")
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    assert result.returncode == 0, result.stderr[-2000:]
    assert "warning" in result.stderr
    assert max(peak_kb, before) < 2 * 1024 * 1024, f"peak RSS {peak_kb / 1024:.0f} MB"
    from fogofwar.store import Store

    with Store(db, read_only=True) as store:
        listed = " ".join(f"{path} {reason}" for path, reason in store.query("SELECT path, reason FROM errors")[1])
    for name, outcome in expected.items():
        if outcome == "error":
            assert name in listed, f"{name} should have been reported"
    # split on "\n" only: texts may hold U+2028, which str.splitlines() would cut at
    records = [json.loads(x) for x in fw("export", "--db", str(db)).stdout.split("\n") if x]
    stored = {os.path.basename(r["source"]["path"] or "") for r in records}
    for name, outcome in expected.items():
        if outcome == "ok":
            assert name in stored, f"{name} should have been stored"


def test_cli_nothing_readable_exits_nonzero(tmp_path):
    folder = tmp_path / "junk"
    folder.mkdir()
    (folder / "a.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "b.txt").write_bytes(b"")
    result = runner.invoke(app, ["analyze", str(folder), "--db", str(tmp_path / "j.duckdb"), "-q"])
    assert result.exit_code == 1
    assert "a.txt" in result.output and "binary" in result.output
    assert "b.txt" in result.output and "empty" in result.output


def test_cli_killed_run_is_completed_without_duplicates(tmp_path, monkeypatch, nlp):
    from fogofwar import runner as run_mod
    from fogofwar.store import Store

    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(6):
        (folder / f"d{i}.txt").write_text(f"Report {i}: shelling hit the village of Bartella on Monday.",
                                          encoding="utf-8")
    monkeypatch.setattr(run_mod, "BATCH_DOCS", 2)
    calls = {"n": 0}
    real = run_mod.analyze_documents

    def dies_on_third_batch(*a, **k):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt  # the process is killed mid-run
        return real(*a, **k)

    monkeypatch.setattr(run_mod, "analyze_documents", dies_on_third_batch)
    db = tmp_path / "k.duckdb"
    with Store(db) as store, pytest.raises(KeyboardInterrupt):
        run_mod.run_analysis([folder], store, nlp=nlp)
    with Store(db) as store:
        assert store.query("SELECT count(*) FROM documents")[1] == [(4,)]
        monkeypatch.setattr(run_mod, "analyze_documents", real)
        result = run_mod.run_analysis([folder], store, nlp=nlp)
        assert result.counters.documents_new == 2
        assert store.query("SELECT count(*), count(DISTINCT doc_id) FROM documents")[1] == [(6, 6)]
        assert store.query("SELECT status FROM runs ORDER BY run_id")[1] == [("interrupted",), ("done",)]


def test_cli_workers_give_the_same_export(tmp_path, nlp):
    folder = tmp_path / "w"
    folder.mkdir()
    for i, town in enumerate(("Bartella", "Qaraqosh", "Tal Afar", "Manbij")):
        (folder / f"r{i}.txt").write_text(
            f"Iraqi troops shelled {town} on Monday, killing 4 fighters, a spokesman said.\n\n"
            f"\"We will hold {town},\" he told reporters.", encoding="utf-8")
    exports = []
    for workers in ("1", "2"):
        db = tmp_path / f"w{workers}.duckdb"
        result = runner.invoke(app, ["analyze", str(folder), "--db", str(db), "--workers", workers, "-q"])
        assert result.exit_code == 0, result.output
        exports.append(export_records(db, tmp_path))
    assert len(exports[0]) == 4
    assert exports[0] == exports[1]
