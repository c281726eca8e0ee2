"""Golden test: the seed pages analysed through the CLI, exported, and scored by the shared scorer.

The floors are the scores the pipeline reached when they were last raised; a change that
drops below one fails here. Raise a floor when a change lifts the score for good.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

FLOORS = {
    "segments": {"f1": 0.95, "author_acc": 0.95, "date_acc": 0.95},
    "places": {"f1": 0.90, "acc161_end_to_end": 0.84},
    "dates": {"f1": 0.95, "value_acc_end_to_end": 0.80},
    "quotes": {"f1": 0.85, "speaker_acc_matched": 0.90},
    "quantities": {"f1": 0.90},
    "events": {"f1": 0.72, "actor1_acc": 0.69, "place_acc": 0.70, "date_acc": 0.65},
    "actors": {"alias_pair_f1": 0.94},
}


@pytest.fixture(scope="module")
def seed_scores(shared: Path, tmp_path_factory) -> dict:
    tmp = tmp_path_factory.mktemp("seeds")
    db, out = tmp / "seeds.duckdb", tmp / "seeds.jsonl"
    fw = [sys.executable, "-m", "fogofwar"]
    subprocess.run([*fw, "analyze", str(shared / "seeds"), "--db", str(db), "-q"], check=True, capture_output=True)
    subprocess.run([*fw, "export", "--db", str(db), "-o", str(out)], check=True, capture_output=True)
    scored = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), "--pred", str(out),
                             "--gold", str(shared / "gold"), "--json"], check=True, capture_output=True, text=True)
    return {"scores": json.loads(scored.stdout), "records": out.read_text(encoding="utf-8")}


def test_golden_seeds_export_follows_the_contract(seed_scores):
    from fogofwar.export import check_record

    records = [json.loads(line) for line in seed_scores["records"].split("\n") if line]
    assert len(records) == 5
    for record in records:
        assert check_record(record) == [], record["source"]["path"]


@pytest.mark.parametrize("task", sorted(FLOORS))
def test_golden_seeds_meet_floor(seed_scores, task):
    scores = seed_scores["scores"]
    assert scores["documents"]["missing_in_pred"] == []
    for metric, floor in FLOORS[task].items():
        got = scores[task][metric]
        assert got is not None and got >= floor, f"{task}.{metric} = {got} < {floor}"
