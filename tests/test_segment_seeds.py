"""Golden test: the seeds' segments through the shared scorer's own matching logic."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

from fogofwar.export import to_record
from fogofwar.models import Analysis, Document
from fogofwar.segment import segment_document


def _scorer(shared: Path) -> Any:
    path = shared / "eval" / "score.py"
    if not path.is_file():
        pytest.skip("score.py is absent")
    spec = importlib.util.spec_from_file_location("fogofwar_shared_score", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_seed_segments_meet_targets(shared: Path) -> None:
    score = _scorer(shared)
    acc = {"segments": {"tp": 0, "pred": 0, "gold": 0, "author_n": 0, "author_ok": 0, "date_n": 0, "date_ok": 0}}
    golds = sorted((shared / "gold").glob("*.json"))
    if not golds:
        pytest.skip("no seed gold")
    for gold_path in golds:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = (shared / "seeds" / gold["doc"]).read_text(encoding="utf-8-sig")
        doc = Document(text=text, source_path=gold["doc"])
        record = to_record(Analysis(document=doc, segments=segment_document(doc)))
        score.score_segments(gold, record, acc)
    s = acc["segments"]
    p, r = s["tp"] / s["pred"], s["tp"] / s["gold"]
    assert 2 * p * r / (p + r) >= 0.90
    assert s["author_ok"] / s["author_n"] >= 0.90
    assert s["date_ok"] / s["date_n"] >= 0.90


def test_seed_without_gold_layouts(shared: Path) -> None:
    """003: numbered comments after a dated counter line; 001: site chrome names the outlet."""
    seeds = {p.name[:3]: p for p in (shared / "seeds").glob("*.txt")}
    if "003" not in seeds or "001" not in seeds:
        pytest.skip("seed pages absent")
    doc = Document(text=seeds["003"].read_text(encoding="utf-8-sig"))
    segs = segment_document(doc)
    assert doc.published is not None and doc.published.startswith("20")
    assert sum(1 for s in segs if s.kind == "comment") >= 3
    assert any(s.kind == "comment" and s.author for s in segs)
    doc1 = Document(text=seeds["001"].read_text(encoding="utf-8-sig"))
    segs1 = segment_document(doc1)
    assert doc1.outlet and segs1[-1].kind == "page_chrome"
