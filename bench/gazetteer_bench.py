"""Gazetteer size, load time and lookup rate: .venv/bin/python bench/gazetteer_bench.py"""

from __future__ import annotations

import time
from importlib.resources import files

from fogofwar.resolve import gazetteer

PROBES = ["Mosul", "Deir Ezzor", "Tripoli", "Springfield", "London", "Qayara", "Tel Afar", "Kent", "nowhereville"]


def main() -> None:
    path = files("fogofwar") / "data" / "gazetteer" / "gazetteer.sqlite"
    size = path.stat().st_size  # type: ignore[attr-defined]
    t0 = time.perf_counter()
    gaz = gazetteer.get()
    load = time.perf_counter() - t0
    probes = PROBES * 20_000
    t1 = time.perf_counter()
    for p in probes:
        gaz.lookup(p)
    rate = len(probes) / (time.perf_counter() - t1)
    print(f"file {size / 1e6:.1f} MB; load {load:.2f}s; {len(gaz):,} places, {gaz.key_count():,} keys, "
          f"{len(gaz.words):,} word keys; lookups {rate:,.0f}/s")


if __name__ == "__main__":
    main()
