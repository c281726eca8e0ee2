"""List the event extractor's errors against gold, the way ``score.py`` matches them.

    .venv/bin/python scripts/eval_events.py ../shared/seeds ../shared/gold
    .venv/bin/python scripts/eval_events.py ../shared/seeds ../shared/gold --only actor1 --pred /tmp/pred.jsonl

Per gold event: its evidence, action, actor1/place/date next to the matched prediction's trigger,
action, actor1/place/date (a ``!`` marks a field the scorer counts wrong). Then the unmatched gold
events and the predictions that match nothing (false positives). ``--pred`` reuses an export file
(written on the first run when absent) so the listing can be re-read without re-running spaCy.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _records(inputs: Path, pred: Path | None, limit: int | None) -> list[dict]:
    if pred is not None and pred.exists():
        return [json.loads(line) for line in pred.open(encoding="utf-8") if line.strip()]
    sys.path.insert(0, str(ROOT / "scripts"))
    from quick_eval import load  # type: ignore[import-not-found]

    from fogofwar.export import to_record
    from fogofwar.pipeline import analyze_documents

    records = [to_record(a) for a in analyze_documents(load(inputs, limit))]
    if pred is not None:
        with pred.open("w", encoding="utf-8") as fh:
            for rec in records:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return records


def _short(text: str, n: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("inputs")
    ap.add_argument("gold")
    ap.add_argument("--pred", type=Path)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--only", choices=["actor1", "place", "date", "miss", "fp"],
                    help="show only matched events wrong on this field, or only misses / false positives")
    args = ap.parse_args()
    sc = _scorer()
    records = _records(Path(args.inputs), args.pred, args.limit)
    by_name: dict[str, dict] = {}
    for rec in records:
        src = rec["source"]
        for key in (src.get("id"), src.get("path")):
            if key:
                by_name[Path(str(key)).name] = rec
    totals = {"actor1": [0, 0], "place": [0, 0], "date": [0, 0]}
    for gold_file in sorted(Path(args.gold).glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        rec = by_name.get(gold["doc"])
        if rec is None:
            continue
        text = rec["text"]
        aliases = {a["canonical"]: {sc.norm_name(f) for f in [*a.get("mentions", []), a["canonical"]]}
                   for a in gold.get("actors", [])}
        actors, places = sc.by_id(rec["actors"]), sc.by_id(rec["places"])
        preds = rec["events"]
        real = [e for e in gold.get("events", []) if e.get("real", True)]
        unreal = [e for e in gold.get("events", []) if not e.get("real", True)]

        def span_ok(ge: dict, pe: dict) -> bool:
            s = ge["char_start"]
            return bool(sc.overlaps(s, s + len(ge["evidence"]), pe["char_start"], pe["char_end"]))

        def ok(ge: dict, pe: dict) -> bool:
            return span_ok(ge, pe) and sc.family(ge.get("action")) == sc.family(pe.get("type"))

        kept = [pe for pe in preds if not (any(span_ok(g, pe) for g in unreal)
                                           and not any(span_ok(g, pe) for g in real))]
        pairs = dict(sc.greedy_match(real, kept, ok))
        print(f"\n=== {gold['doc']}  gold={len(real)} pred={len(kept)} tp={len(pairs)}")
        for gi, ge in enumerate(real):
            pi = pairs.get(gi)
            if pi is None:
                if args.only in (None, "miss"):
                    near = [pe for pe in kept if span_ok(ge, pe)]
                    extra = f" (overlapping pred types: {[p['type'] for p in near]})" if near else ""
                    print(f"MISS @{ge['char_start']} {ge['action']:<18} {_short(ge['evidence'])!r}{extra}")
                continue
            pe = kept[pi]
            a1 = sc.name_of(pe.get("actor1"), actors)
            pl = sc.name_of(pe.get("place"), places)
            dt = str(pe.get("date") or "")
            flags = {
                "actor1": None if not ge.get("actor1") else sc.same_name(ge["actor1"], a1, aliases),
                "place": None if not ge.get("place") else sc.same_name(ge["place"], pl),
                "date": None if not ge.get("date") else dt.startswith(ge["date"]),
            }
            for k, v in flags.items():
                if v is not None:
                    totals[k][0] += int(v)
                    totals[k][1] += 1
            if args.only in ("miss", "fp") or (args.only and flags[args.only] is not False):
                continue
            mark = {k: ("!" if v is False else " ") for k, v in flags.items()}
            print(f"HIT  @{ge['char_start']} {ge['action']:<18} {_short(ge['evidence'])!r}\n"
                  f"     pred {pe.get('action', ''):<18} trig={pe['trigger']!r} "
                  f"span={_short(text[pe['char_start']:pe['char_end']], 60)!r}\n"
                  f"    {mark['actor1']}actor1 gold={ge.get('actor1')!r} pred={a1!r}\n"
                  f"    {mark['place']}place  gold={ge.get('place')!r} pred={pl!r}\n"
                  f"    {mark['date']}date   gold={ge.get('date')!r} pred={dt!r} inferred={pe.get('date_inferred')}")
        if args.only in (None, "fp"):
            used = set(pairs.values())
            for pi, pe in enumerate(kept):
                if pi not in used:
                    print(f"FP   @{pe['char_start']} {pe.get('action', ''):<18} trig={pe['trigger']!r} "
                          f"{_short(text[pe['char_start']:pe['char_end']])!r}")
    print("\n" + "  ".join(f"{k}={ok}/{n}" for k, (ok, n) in totals.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
