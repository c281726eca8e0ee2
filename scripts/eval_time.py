"""Score the date rules and a dateparser baseline side by side, without spaCy.

    python scripts/eval_time.py ../shared/seeds ../shared/gold
    python scripts/eval_time.py ../shared/data/timebank/docs.jsonl ../shared/data/timebank/gold [--errors]

Each document is read segment by segment with the gold segments' publication dates when the gold
has them (so this measures the time rules alone, not the segmenter), else with the document's
``published``. The scoring is the shared scorer's own ``score_dates``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from collections.abc import Callable
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any

from fogofwar.resolve.timex import find_dates, parse_ref

SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"

Finder = Callable[[str, date | None], list[tuple[int, int, str]]]


def load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fogofwar_shared_score", SCORER)
    if spec is None or spec.loader is None:
        sys.exit(f"no scorer at {SCORER}")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def load_docs(path: Path, gold_dir: Path, limit: int | None) -> list[tuple[str, str, dict[str, Any]]]:
    """(doc id, text, gold) for every document that has a gold file."""
    rows: list[tuple[str, str]] = []
    if path.is_dir():
        rows = [(f.name, f.read_text(encoding="utf-8-sig")) for f in sorted(path.glob("*.txt"))]
    else:
        with path.open(encoding="utf-8") as fh:
            rows = [(r["id"], r["text"]) for r in map(json.loads, fh)]
    out = []
    for doc_id, text in rows:
        g = gold_dir / (Path(doc_id).stem + ".json")
        if g.exists():
            out.append((doc_id, text, json.loads(g.read_text(encoding="utf-8"))))
    return out[:limit]


def segments_of(text: str, gold: dict[str, Any]) -> list[tuple[int, int, date | None]]:
    doc_ref = parse_ref(gold.get("published"))
    segs = sorted(gold.get("segments") or [], key=lambda s: s["char_start"])
    if not segs:
        return [(0, len(text), doc_ref)]
    out = []
    for i, s in enumerate(segs):
        end = segs[i + 1]["char_start"] if i + 1 < len(segs) else len(text)
        out.append((s["char_start"], end, parse_ref(s.get("published")) or doc_ref))
    return out


def rules(text: str, ref: date | None) -> list[tuple[int, int, str]]:
    return [(m.start, m.end, m.value) for m in find_dates(text, ref)]


@lru_cache(maxsize=1)
def _dateparser() -> Any:
    from dateparser.search import search_dates

    return search_dates


def dateparser_baseline(text: str, ref: date | None) -> list[tuple[int, int, str]]:
    base = datetime(ref.year, ref.month, ref.day) if ref else datetime(2000, 1, 1)
    found = _dateparser()(text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
    out, pos = [], 0
    for surface, when in found:
        at = text.find(surface, pos)
        if at < 0:
            continue
        pos = at + len(surface)
        out.append((at, pos, when.date().isoformat()))
    return out


def run(name: str, finder: Finder, docs: list[tuple[str, str, dict[str, Any]]], scorer: ModuleType,
        errors: bool) -> str:
    acc: dict[str, dict[str, int]] = {"dates": {k: 0 for k in ("tp", "pred", "gold", "value_n", "value_ok",
                                                                "value_gold")}}
    t0 = time.perf_counter()
    for doc_id, text, gold in docs:
        mentions = []
        for s, e, ref in segments_of(text, gold):
            for m0, m1, v in finder(text[s:e], ref):
                mentions.append({"kind": "date", "char_start": s + m0, "char_end": s + m1, "ref": v,
                                 "text": text[s + m0:s + m1]})
        scorer.score_dates(gold, {"mentions": mentions}, acc)
        if errors:
            show_errors(doc_id, gold, mentions, scorer)
    dt = time.perf_counter() - t0
    a = acc["dates"]
    p = a["tp"] / a["pred"] if a["pred"] else 0.0
    r = a["tp"] / a["gold"] if a["gold"] else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    va = a["value_ok"] / a["value_gold"] if a["value_gold"] else 0.0
    return (f"{name:<11} p={p:.4f} r={r:.4f} f1={f1:.4f} tp={a['tp']} pred={a['pred']} gold={a['gold']} "
            f"value_acc_end_to_end={va:.4f} time={dt:.2f}s")


def show_errors(doc_id: str, gold: dict[str, Any], mentions: list[dict[str, Any]], scorer: ModuleType) -> None:
    every = gold.get("dates", [])
    g = [x for x in every if not x.get("neutral")]
    neutral = [x for x in every if x.get("neutral")]

    def over(x: dict[str, Any], m: dict[str, Any]) -> bool:
        return bool(scorer.overlaps(x["char_start"], x["char_start"] + len(x["mention"]), m["char_start"],
                                    m["char_end"]))

    p = [m for m in mentions if not any(over(x, m) for x in neutral)]
    pairs = scorer.greedy_match(g, p, over)
    hit_g = {gi for gi, _ in pairs}
    hit_p = {pi for _, pi in pairs}
    pub = gold.get("published")
    for gi, pi in pairs:
        if not str(p[pi]["ref"]).startswith(g[gi].get("normalized", "")):
            print(f"VALUE {doc_id} {pub} {g[gi]['mention']!r} gold={g[gi]['normalized']} got={p[pi]['ref']} "
                  f"span={p[pi]['text']!r}")
    for gi, x in enumerate(g):
        if gi not in hit_g:
            print(f"MISS  {doc_id} {pub} {x['mention']!r} gold={x.get('normalized')}")
    for pi, m in enumerate(p):
        if pi not in hit_p:
            print(f"FP    {doc_id} {pub} {m['text']!r} got={m['ref']}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("inputs")
    ap.add_argument("gold")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--errors", action="store_true", help="list the rules' misses, false hits and wrong values")
    ap.add_argument("--no-dateparser", action="store_true")
    args = ap.parse_args()
    scorer = load_scorer()
    docs = load_docs(Path(args.inputs), Path(args.gold), args.limit)
    lines = [run("rules", rules, docs, scorer, args.errors)]
    if not args.no_dateparser:
        lines.append(run("dateparser", dateparser_baseline, docs, scorer, False))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
