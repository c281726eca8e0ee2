"""Measure event dates and places on FA-KES, Syrian-war news the gold never saw.

    .venv/bin/python scripts/eval_fakes.py
    .venv/bin/python scripts/eval_fakes.py --limit 100 --show 30
    .venv/bin/python scripts/eval_fakes.py --cache /tmp/fakes.pickle --show 30 --show-kind place

FA-KES (../shared/data/fakes, see SOURCE.md there) gives for each article the date and the
governorate (or city) of the incident it reports, coded by a crowd at document level; there are no
spans. The script runs the pipeline on docs.jsonl and prints, over the documents, the share where

- date (a) the incident date is among the document's day-precise date mentions, (b) among its
  events' dates, (c) the date of the main event equals it, (d) the main event's date is within a day;
- place (a) an event's place lies in the incident's governorate (its admin1) or is the city itself,
  (b) the main event's place does.

The main event is the first violent one: PLOVER ASSAULT / COERCE, or an ACLED type of Battles,
Explosions/Remote violence or Violence against civilians. "damascus" in FA-KES follows the
Violations Documentation Center, which files the Damascus countryside under Damascus too, so both
Damascus and Rif Dimashq governorates count. Also printed: the share of events whose date is
inferred (from the publication date) and of events with no place.

``--cache`` keeps the segmentation and the spaCy annotation in a pickle; later runs re-run only the
resolve and extract stages (for working on those). ``--show N`` prints N disagreements of the main
event (date by default, ``--show-kind place`` for places) with the sentence and the fact. The fact
can be wrong or about another incident than the one the article leads with: read, do not tune.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import pickle
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

from fogofwar.export import to_record
from fogofwar.models import Analysis
from fogofwar.pipeline import STAGES, analyze_documents

ROOT = Path(__file__).resolve().parents[1]
FAKES = ROOT.parent / "shared" / "data" / "fakes"

# FA-KES location -> the gazetteer's admin1 names it covers
GOVERNORATES: dict[str, tuple[str, ...]] = {
    "aleppo": ("Aleppo Governorate",),
    "damascus": ("Damascus Governorate", "Rif Dimashq Governorate"),
    "idlib": ("Idlib Governorate",),
    "deir ezzor": ("Deir ez-Zor Governorate",),
    "raqqa": ("Raqqa Governorate",),
    "homs": ("Homs Governorate",),
    "hasakeh": ("Al-Hasakah Governorate",),
    "hama": ("Hama Governorate",),
    "daraa": ("Daraa Governorate",),
    "lattakia": ("Latakia Governorate",),
    "quneitra": ("Quneitra Governorate",),
    "tartous": ("Tartus Governorate",),
    "sweida": ("As-Suwayda Governorate",),
}
VIOLENT_PLOVER = frozenset({"ASSAULT", "COERCE"})
VIOLENT_ACLED = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})


def _module(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def analyse(docs: list, cache: Path | None) -> list[Analysis]:
    if cache is None:
        return analyze_documents(docs)
    if cache.exists():
        analyses: list[Analysis] = pickle.loads(cache.read_bytes())
        analyses = analyses[:len(docs)]
    else:
        analyses = _module(ROOT / "scripts" / "quick_eval.py", "quick_eval").annotated(docs)
        cache.write_bytes(pickle.dumps(analyses))
    for a in analyses:
        for _name, stage in STAGES:
            stage(a)
    return analyses


def main_event(rec: dict[str, Any]) -> dict[str, Any] | None:
    return next((e for e in sorted(rec["events"], key=lambda e: e["char_start"])
                 if e["type"] in VIOLENT_PLOVER or e.get("acled_event_type") in VIOLENT_ACLED), None)


def _day(value: str | None) -> date | None:
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def place_hit(place: dict[str, Any] | None, location: str) -> bool:
    if place is None:
        return False
    admin1 = GOVERNORATES.get(location, ())
    if place.get("country") == "SY" and place.get("admin1") in admin1:
        return True
    names = {str(place.get(k) or "").lower() for k in ("name", "gazetteer_name")}
    return location in names


def place_miss(place: dict[str, Any] | None) -> str:
    if place is None:
        return "no place"
    if place.get("feature") in ("country", "continent"):
        return "country only"
    if place.get("country") != "SY":
        return "outside Syria"
    if not place.get("admin1"):
        return "in Syria, no admin1"
    return "another governorate"


def sentence_of(text: str, start: int, end: int) -> str:
    s = text.rfind(". ", 0, start)
    s = 0 if s < 0 else s + 2
    e = text.find(". ", end)
    e = len(text) if e < 0 else e + 1
    return text[s:e]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", default=str(FAKES / "docs.jsonl"))
    ap.add_argument("--facts", default=str(FAKES / "facts.jsonl"))
    ap.add_argument("--limit", type=int)
    ap.add_argument("--cache", help="pickle of the segmentation and annotation; only the stages are re-run")
    ap.add_argument("--show", type=int, default=0, help="print this many main-event disagreements")
    ap.add_argument("--show-kind", choices=("date", "place"), default="date")
    ap.add_argument("--skip", type=int, default=0, help="skip this many disagreements before printing")
    ap.add_argument("--far", action="store_true", help="show only main-event dates more than a day off")
    args = ap.parse_args()

    quick = _module(ROOT / "scripts" / "quick_eval.py", "quick_eval")
    docs = quick.load(Path(args.docs), args.limit)
    facts = {}
    with Path(args.facts).open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            facts[row["doc"]] = row["events"]
    analyses = analyse(docs, Path(args.cache) if args.cache else None)

    hits: Counter[str] = Counter()
    misses: Counter[str] = Counter()  # why the main event's place is not the incident's
    n_docs = n_events = n_inferred = n_noplace = n_main = n_undated = n_main_nodate = 0
    shown = skipped = 0
    for a in analyses:
        rec = to_record(a)
        text = a.document.text
        truth = facts.get(a.document.source_id or "")
        if not truth:
            continue
        n_docs += 1
        places = {p["id"]: p for p in rec["places"]}
        mention_days = {_day(m["ref"]) for m in rec["mentions"] if m["kind"] == "date"} - {None}
        event_days = {_day(e["date"]) for e in rec["events"]} - {None}
        n_events += len(rec["events"])
        n_inferred += sum(1 for e in rec["events"] if e["date_inferred"])
        n_noplace += sum(1 for e in rec["events"] if not e["place"])
        main = main_event(rec)
        n_main += main is not None
        n_undated += not any(seg["published"] for seg in rec["segments"]) and not rec["published"]
        n_main_nodate += main is not None and not main["date"]
        main_day = _day(main["date"]) if main else None
        main_place = places.get(main["place"]) if main and main["place"] else None
        ev_places = [places[e["place"]] for e in rec["events"] if e["place"] in places]
        got: dict[str, bool] = {}
        for f in truth:
            day = date.fromisoformat(f["event_date"])
            loc = f["location"]
            got["date_mentions"] = got.get("date_mentions", False) or day in mention_days
            got["date_events"] = got.get("date_events", False) or day in event_days
            got["date_main"] = got.get("date_main", False) or main_day == day
            got["date_main_1day"] = got.get("date_main_1day", False) or (
                main_day is not None and abs((main_day - day).days) <= 1)
            got["date_events_1day"] = got.get("date_events_1day", False) or any(
                abs((d - day).days) <= 1 for d in event_days if d is not None)
            got["place_events"] = got.get("place_events", False) or any(place_hit(p, loc) for p in ev_places)
            got["place_main"] = got.get("place_main", False) or place_hit(main_place, loc)
        for k, v in got.items():
            hits[k] += v
        if main is not None and not got["place_main"]:
            misses[place_miss(main_place)] += 1
        wrong = not got[f"{args.show_kind}_main"] and not (args.far and got["date_main_1day"])
        if args.show and wrong and shown < args.show:
            if skipped < args.skip:
                skipped += 1
                continue
            shown += 1
            seg_pub = [s["published"] for s in rec["segments"]]
            print(f"--- {a.document.source_id}  fact: {[(f['event_date'], f['location']) for f in truth]}"
                  f"  published={rec['published']} segments={seg_pub}")
            print(f"    opening: {text[:90]!r}")
            if main is None:
                print("    no violent event")
                continue
            mp = main_place or {}
            print(f"    main: {main['type']}/{main.get('acled_event_type')} date={main['date']}"
                  f" inferred={main['date_inferred']} place={mp.get('name')}/{mp.get('admin1')}")
            print(f"    sentence: {sentence_of(text, main['char_start'], main['char_end'])[:400]!r}")
            dates = [(m["text"], m["ref"]) for m in rec["mentions"] if m["kind"] == "date"][:8]
            print(f"    date mentions: {dates}")

    def share(k: str, n: int = 0) -> str:
        n = n or n_docs
        return f"{hits[k] / max(n, 1):.4f}"

    print(f"documents {n_docs}, events {n_events}, documents with a violent (main) event {n_main}")
    print(f"documents without a publication date {n_undated}, main events without a date {n_main_nodate}")
    print(f"date: in_mentions={share('date_mentions')} in_events={share('date_events')}"
          f" in_events_1day={share('date_events_1day')} main={share('date_main')}"
          f" main_1day={share('date_main_1day')}")
    print(f"place: any_event={share('place_events')} main={share('place_main')}")
    print("main place misses: " + ", ".join(f"{k} {v}" for k, v in misses.most_common()))
    print(f"events: date_inferred={n_inferred / max(n_events, 1):.4f} no_place={n_noplace / max(n_events, 1):.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
