"""Score the geoparser against a most-populous baseline, and measure gazetteer coverage.

    .venv/bin/python scripts/eval_places.py ../shared/data/geowebnews/docs.jsonl ../shared/data/geowebnews/gold
    .venv/bin/python scripts/eval_places.py ../shared/seeds ../shared/gold --limit 50

The baseline sees the same spaCy toponyms (GPE/LOC/FAC entities) and always takes the most
populous gazetteer candidate. Coverage: the share of gold toponyms (in ../shared/gold and
../shared/data/*/gold) whose gold entry is reachable from the gazetteer by its mention at all:
same GeoNames id, or a candidate within 161 km of the gold point.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

from fogofwar.export import to_record
from fogofwar.models import Analysis, Mention
from fogofwar.pipeline import analyze_documents
from fogofwar.resolve import gazetteer

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def _module(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def baseline(analysis: Analysis, chunks: list) -> dict:
    """The same document with places replaced by: spaCy toponyms, most populous candidate."""
    gaz = gazetteer.get()
    base = Analysis(document=analysis.document, segments=analysis.segments)
    for chunk in chunks:
        for ent in chunk.doc.ents:
            if ent.label_ not in ("GPE", "LOC", "FAC"):
                continue
            cands = gaz.lookup(ent.text)
            if not cands:
                continue
            best = max(cands, key=lambda e: e.population)
            pid = base.add_place(name=best.name, geonameid=best.public_id, feature=best.feature,
                                 country=best.country, admin1=best.admin1, lat=best.lat, lon=best.lon)
            start, end = chunk.span(ent.start_char, ent.end_char)
            base.mentions.append(Mention(kind="place", text=ent.text, char_start=start, char_end=end, ref=pid))
    return to_record(base)


def score(score_mod: ModuleType, gold_dir: Path, records: list[dict]) -> dict:
    preds: dict[str, dict] = {}
    for rec in records:
        src = rec["source"]
        for key in (src.get("id"), src.get("path")):
            if key:
                name = Path(key).name
                preds.setdefault(name, rec)
                preds.setdefault(Path(name).stem, rec)
    acc = score_mod.fresh()
    for gf in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gf.read_text(encoding="utf-8"))
        pred = preds.get(gold["doc"]) or preds.get(Path(gold["doc"]).stem)
        if pred is not None:
            score_mod.score_places(gold, pred, acc)
    return score_mod.summarize(acc)["places"]


def coverage(score_mod: ModuleType) -> tuple[int, int]:
    gaz = gazetteer.get()
    dirs = [SHARED / "gold", *sorted((SHARED / "data").glob("*/gold"))]
    reach = total = 0
    for d in dirs:
        for gf in sorted(d.glob("*.json")):
            for p in json.loads(gf.read_text(encoding="utf-8")).get("places", []):
                if p.get("metonymic") or p.get("lat") is None:
                    continue
                total += 1
                cands = list(gaz.lookup(p["mention"])) + list(gaz.lookup(p.get("name") or ""))
                if any(str(e.public_id) == str(p.get("geonameid")) or
                       score_mod.km(p["lat"], p["lon"], e.lat, e.lon) <= 161 for e in cands):
                    reach += 1
    return reach, total


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("inputs")
    ap.add_argument("gold")
    ap.add_argument("--limit", type=int)
    args = ap.parse_args()
    quick = _module(ROOT / "scripts" / "quick_eval.py", "quick_eval")
    score_mod = _module(SHARED / "eval" / "score.py", "score")
    docs = quick.load(Path(args.inputs), args.limit)
    analyses = analyze_documents(docs)  # chunks are dropped after the stages, so re-annotate for the baseline
    from fogofwar.annotate import annotate

    ours = [to_record(a) for a in analyses]
    for a in analyses:
        a.chunks = []
    annotate(analyses, None)
    base = [baseline(a, a.chunks) for a in analyses]
    fields = ("p", "r", "f1", "acc161_end_to_end", "acc161_resolved", "median_km")
    for label, recs in (("fogofwar", ours), ("most-populous", base)):
        s = score(score_mod, Path(args.gold), recs)
        print(f"{label:14s} " + "  ".join(f"{k}={s.get(k)}" for k in fields))
    reach, total = coverage(score_mod)
    print(f"gazetteer coverage: {reach}/{total} = {reach / max(total, 1):.4f} of gold toponyms reachable by name")
    return 0


if __name__ == "__main__":
    sys.exit(main())
