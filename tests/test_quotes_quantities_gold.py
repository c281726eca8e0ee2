"""Golden floor: quotes and quantities on the hand-annotated seeds in ../shared (skipped when absent).

Matching follows ../shared/eval/score.py: a quote matches when the gold content's first characters overlap
the predicted content (5 characters of slack before it); a quantity when the value is equal and the spans
overlap.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fogofwar.annotate import annotate
from fogofwar.extract.quantities import extract_quantities
from fogofwar.extract.quotes import extract_quotes
from fogofwar.models import Analysis, Document
from fogofwar.segment import segment_document


def _f1(tp: int, pred: int, gold: int) -> float:
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def _last_token_match(gold: str, pred: str) -> bool:
    g, p = gold.lower().split(), pred.lower().split()
    return bool(g and p) and (" ".join(g) in " ".join(p) or " ".join(p) in " ".join(g) or g[-1] == p[-1])


@pytest.fixture(scope="module")
def seeded(nlp, shared: Path) -> list[tuple[dict, Analysis]]:
    out = []
    for gold_file in sorted((shared / "gold").glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        seed = shared / "seeds" / gold["doc"]
        if not seed.exists():
            continue
        analysis = Analysis(document=Document(text=seed.read_text(encoding="utf-8-sig"), source_path=str(seed)))
        analysis.segments = segment_document(analysis.document)
        out.append((gold, analysis))
    if not out:
        pytest.skip("no gold seeds")
    annotate([a for _, a in out], nlp)
    for _, analysis in out:
        extract_quantities(analysis)
        extract_quotes(analysis)
    return out


def test_quotes_floor(seeded: list[tuple[dict, Analysis]]) -> None:
    tp = pred = gold_n = speaker_ok = 0
    for gold, analysis in seeded:
        used: set[int] = set()
        for g in gold.get("quotes", []):
            s, e = g["char_start"], g["char_start"] + len(g["text_first_chars"])
            for i, q in enumerate(analysis.quotes):
                if i not in used and s < q.content_end and q.content_start - 5 < e:
                    used.add(i)
                    tp += 1
                    actor = analysis.actor(q.speaker)
                    speaker_ok += _last_token_match(g.get("speaker") or "", actor.canonical if actor else "")
                    break
        pred += len(analysis.quotes)
        gold_n += len(gold.get("quotes", []))
    assert _f1(tp, pred, gold_n) >= 0.75
    assert speaker_ok / tp >= 0.75


def test_quantities_floor(seeded: list[tuple[dict, Analysis]]) -> None:
    tp = pred = gold_n = 0
    for gold, analysis in seeded:
        used: set[int] = set()
        for g in gold.get("quantities", []):
            s, e = g["char_start"], g["char_start"] + len(g["evidence"])
            for i, q in enumerate(analysis.quantities):
                if i not in used and q.value == g["value"] and s < q.char_end and q.char_start < e:
                    used.add(i)
                    tp += 1
                    break
        pred += len(analysis.quantities)
        gold_n += len(gold.get("quantities", []))
    assert _f1(tp, pred, gold_n) >= 0.85
