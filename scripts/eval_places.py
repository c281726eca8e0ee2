"""Score the geoparser against a most-populous baseline, measure gazetteer coverage, list errors.

    .venv/bin/python scripts/eval_places.py ../shared/data/geowebnews/docs.jsonl ../shared/data/geowebnews/gold
    .venv/bin/python scripts/eval_places.py ../shared/seeds ../shared/gold --limit 50
    .venv/bin/python scripts/eval_places.py ../shared/data/geowebnews/docs.jsonl ../shared/data/geowebnews/gold \
        --errors /tmp/gwn_errors.txt --cache /tmp/gwn.pickle --no-baseline

The baseline sees the same spaCy toponyms (GPE/LOC/FAC entities) and always takes the most
populous gazetteer candidate. Coverage: the share of gold toponyms (in ../shared/gold and
../shared/data/*/gold) whose gold entry is reachable from the gazetteer by its mention at all:
same GeoNames id, or a candidate within 161 km of the gold point.

``--errors`` writes the geoparser's errors: gold toponyms it missed (MISS), mentions that match no
gold toponym (FP), and matched toponyms resolved more than 161 km away (WRONG, with the distance
and the gold entry). ``--cache`` keeps the spaCy annotation and the actor mentions in a pickle, so
that a second run only re-runs the place stage (for working on the geoparser alone).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import pickle
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from fogofwar.annotate import annotate
from fogofwar.export import to_record
from fogofwar.models import Analysis, Mention
from fogofwar.pipeline import analyze_documents
from fogofwar.resolve import gazetteer
from fogofwar.resolve.actors import resolve_actors
from fogofwar.resolve.places import resolve_places

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


def _pairs(records: list[dict], gold_dir: Path) -> list[tuple[dict, dict]]:
    preds: dict[str, dict] = {}
    for rec in records:
        src = rec["source"]
        for key in (src.get("id"), src.get("path")):
            if key:
                name = Path(key).name
                preds.setdefault(name, rec)
                preds.setdefault(Path(name).stem, rec)
    out = []
    for gf in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gf.read_text(encoding="utf-8"))
        pred = preds.get(gold["doc"]) or preds.get(Path(gold["doc"]).stem)
        if pred is not None:
            out.append((gold, pred))
    return out


def score(score_mod: ModuleType, gold_dir: Path, records: list[dict]) -> dict:
    acc = score_mod.fresh()
    for gold, pred in _pairs(records, gold_dir):
        score_mod.score_places(gold, pred, acc)
    return score_mod.summarize(acc)["places"]


def errors(score_mod: ModuleType, gold_dir: Path, records: list[dict]) -> list[str]:
    """One line per error, matched the way score.score_places matches."""
    lines: list[str] = []
    for gold, pred in _pairs(records, gold_dir):
        text = pred.get("text") or ""
        every = gold.get("places", [])
        g = [x for x in every if not x.get("metonymic")]
        meto = [x for x in every if x.get("metonymic")]
        places = score_mod.by_id(pred.get("places", []))

        def span(x: dict) -> tuple[int, int]:
            return x["char_start"], x["char_start"] + len(x["mention"])

        p = [m for m in score_mod.pred_mentions(pred, "place")
             if not any(score_mod.overlaps(*span(x), m["char_start"], m["char_end"]) for x in meto)]
        pairs = score_mod.greedy_match(g, p, lambda a, b: score_mod.overlaps(*span(a), b["char_start"], b["char_end"]))
        doc = gold["doc"]
        hit_g = {gi for gi, _ in pairs}
        hit_p = {pi for _, pi in pairs}

        def ctx(s: int, e: int, text: str = text) -> str:
            return text[max(0, s - 30):s].replace("\n", " ") + "[" + text[s:e] + "]" + \
                text[e:e + 30].replace("\n", " ") if text else ""

        for gi, gx in enumerate(g):
            if gi not in hit_g:
                s, e = span(gx)
                lines.append(f"MISS\t{doc}\t{gx['mention']}\t{gx.get('name')}\t{ctx(s, e)}")
        for pi, m in enumerate(p):
            if pi not in hit_p:
                px = places.get(str(m.get("ref")), {})
                lines.append(f"FP\t{doc}\t{m['text']}\t{px.get('gazetteer_name') or px.get('name')}"
                             f"\t{px.get('country')}\t{ctx(m['char_start'], m['char_end'])}")
        for gi, pi in pairs:
            gx, px = g[gi], places.get(str(p[pi].get("ref")), {})
            if gx.get("lat") is None:
                continue
            if gx.get("geonameid") is not None and str(gx.get("geonameid")) == str(px.get("geonameid")):
                continue
            if px.get("lat") is None:
                lines.append(f"UNRESOLVED\t{doc}\t{gx['mention']}\t{gx.get('name')}\t{gx.get('geonameid')}")
                continue
            dist = score_mod.km(gx["lat"], gx["lon"], float(px["lat"]), float(px["lon"]))
            if dist > 161:
                lines.append(f"WRONG\t{doc}\t{gx['mention']}\tgold={gx.get('name')}/{gx.get('geonameid')}"
                             f"\tgot={px.get('gazetteer_name')}/{px.get('geonameid')}/{px.get('country')}"
                             f"/{px.get('feature')}\t{dist:.0f} km\t{ctx(*span(gx))}")
    return lines


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


def _places_only(docs: list, cache: Path) -> list[Analysis]:
    """Analyses with only segments, annotation, actors and places: the annotation comes from the cache."""
    if cache.exists():
        analyses: list[Analysis] = pickle.loads(cache.read_bytes())
    else:
        analyses = _module(ROOT / "scripts" / "quick_eval.py", "quick_eval").annotated(docs)
        for a in analyses:
            resolve_actors(a)
        cache.write_bytes(pickle.dumps(analyses))
    for a in analyses:
        a.places = []
        a.mentions = [m for m in a.mentions if m.kind != "place"]
        resolve_places(a)
    return analyses


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("inputs")
    ap.add_argument("gold")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--errors", help="write the error listing to this file")
    ap.add_argument("--cache", help="pickle of the annotation; the place stage alone is re-run")
    ap.add_argument("--no-baseline", action="store_true")
    args = ap.parse_args()
    quick = _module(ROOT / "scripts" / "quick_eval.py", "quick_eval")
    score_mod = _module(SHARED / "eval" / "score.py", "score")
    docs = quick.load(Path(args.inputs), args.limit)
    # analyze_documents drops the chunks after the stages; the baseline re-annotates
    analyses = _places_only(docs, Path(args.cache)) if args.cache else analyze_documents(docs)
    ours: list[dict[str, Any]] = []
    for a in analyses:
        rec = to_record(a)
        rec["text"] = a.document.text
        ours.append(rec)
    runs: list[tuple[str, list[dict[str, Any]]]] = [("fogofwar", ours)]
    if not args.no_baseline:
        for a in analyses:
            a.chunks = []
        annotate(analyses, None)
        runs.append(("most-populous", [baseline(a, a.chunks) for a in analyses]))
    fields = ("p", "r", "f1", "acc161_end_to_end", "acc161_resolved", "median_km")
    for label, recs in runs:
        s = score(score_mod, Path(args.gold), recs)
        print(f"{label:14s} " + "  ".join(f"{k}={s.get(k)}" for k in fields))
    if args.errors:
        lines = errors(score_mod, Path(args.gold), ours)
        Path(args.errors).write_text("\n".join(lines) + "\n", encoding="utf-8")
        kinds = {k: sum(1 for ln in lines if ln.startswith(k + "\t")) for k in ("MISS", "FP", "WRONG", "UNRESOLVED")}
        print("errors: " + "  ".join(f"{k}={v}" for k, v in kinds.items()) + f" -> {args.errors}")
    reach, total = coverage(score_mod)
    print(f"gazetteer coverage: {reach}/{total} = {reach / max(total, 1):.4f} of gold toponyms reachable by name")
    return 0


if __name__ == "__main__":
    sys.exit(main())
