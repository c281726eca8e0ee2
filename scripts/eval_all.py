"""`make eval`: analyse the seeds and the public sets with the CLI and print every score table.

Each set is analysed into its own temporary DuckDB file exactly as a user would
(`fogofwar analyze`, then `fogofwar export --format jsonl`), then scored with the shared
scorer. Baselines (most-populous geocoding, dateparser) are printed beside the figures by
the per-task scripts when they are present.

    python scripts/eval_all.py [--sets seeds,geowebnews,timebank] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHARED = REPO.parent / "shared"
FW = [sys.executable, "-m", "fogofwar"]

SETS = {
    "seeds": (SHARED / "seeds", SHARED / "gold"),
    "geowebnews": (SHARED / "data" / "geowebnews" / "docs.jsonl", SHARED / "data" / "geowebnews" / "gold"),
    "timebank": (SHARED / "data" / "timebank" / "docs.jsonl", SHARED / "data" / "timebank" / "gold"),
}
# what each set is scored on (the public sets only annotate one task each)
TASKS = {"seeds": None, "geowebnews": ("places",), "timebank": ("dates",)}


def score(name: str, inputs: Path, gold: Path, tmp: Path, limit: int | None) -> dict:
    db, export = tmp / f"{name}.duckdb", tmp / f"{name}.jsonl"
    if limit and inputs.suffix == ".jsonl":
        cut = tmp / f"{name}-head.jsonl"
        with inputs.open(encoding="utf-8") as src, cut.open("w", encoding="utf-8") as dst:
            for n, line in enumerate(src):
                if n >= limit:
                    break
                dst.write(line)
        inputs = cut
    started = time.perf_counter()
    subprocess.run([*FW, "analyze", str(inputs), "--db", str(db), "--quiet"], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    subprocess.run([*FW, "export", "--db", str(db), "--format", "jsonl", "-o", str(export)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    scorer = SHARED / "eval" / "score.py"
    out = subprocess.run([sys.executable, str(scorer), "--pred", str(export), "--gold", str(gold), "--json"],
                         check=True, capture_output=True, text=True).stdout
    result = json.loads(out)
    result["seconds"] = round(seconds, 1)
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--limit", type=int, help="only the first N documents of each JSON Lines set")
    args = ap.parse_args()
    if not SHARED.is_dir():
        print(f"no shared data at {SHARED}: nothing to evaluate", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.sets.split(","):
            inputs, gold = SETS[name]
            result = score(name, inputs, gold, Path(tmp), args.limit)
            print(f"\n== {name}  ({result['seconds']} s to analyse)")
            for task, metrics in result.items():
                if task in ("documents", "seconds") or (TASKS[name] and task not in TASKS[name]):
                    continue
                print(f"{task:11s} " + "  ".join(f"{k}={v}" for k, v in metrics.items()))
    # baselines beside the pipeline's own figures: most-populous geocoding, dateparser
    limit = ["--limit", str(args.limit)] if args.limit else []
    for script, name in (("eval_places.py", "seeds"), ("eval_places.py", "geowebnews"),
                         ("eval_time.py", "seeds"), ("eval_time.py", "timebank")):
        if name not in args.sets.split(","):
            continue
        inputs, gold = SETS[name]
        print(f"\n== {script} {name}: fogofwar next to its baseline")
        subprocess.run([sys.executable, str(HERE / script), str(inputs), str(gold), *limit], check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
