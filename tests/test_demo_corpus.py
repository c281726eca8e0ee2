"""The bundled demo corpus: complete, small, readable, and written in our own words."""

from __future__ import annotations

import csv
import gzip
import json
import re
from pathlib import Path

import pytest

DEMO = Path(__file__).resolve().parents[1] / "src" / "fogofwar" / "data" / "demo"
SIZE_CAP = 300 * 1024  # the whole folder
FILE_CAP = 64 * 1024  # any one file: the demo is meant to be read by people
OVERLAP_WORDS = 12
_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_TAG = re.compile(r"<[^>]+>")


def demo_files() -> list[Path]:
    return sorted(p for p in DEMO.iterdir() if p.is_file() and p.name != "README.md")


def plain_text(path: Path) -> str:
    """Readable text of a demo file, enough to compare wording (markup and WARC headers go)."""
    data = path.read_bytes()
    if path.name.endswith(".gz"):
        data = gzip.decompress(data)
    text = data.decode("utf-8", "replace")
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return _TAG.sub(" ", text)


def shingles(text: str, n: int = OVERLAP_WORDS) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def test_every_supported_extension_is_present() -> None:
    names = [p.name for p in demo_files()]
    for ext in (".txt", ".md", ".html", ".warc.gz", ".atom", ".jsonl", ".csv", ".txt.gz"):
        assert any(n.endswith(ext) for n in names), f"no demo file ends with {ext}"
    assert any(n.endswith((".rss", ".xml")) for n in names)
    # plain .gz that is not a WARC: the generic gzip path of the readers
    assert any(n.endswith(".gz") and not n.endswith(".warc.gz") for n in names)


def test_at_least_a_dozen_documents() -> None:
    count = 0
    for path in demo_files():
        name = path.name
        if name.endswith(".warc.gz"):
            count += gzip.decompress(path.read_bytes()).count(b"WARC-Type: response")
        elif name.endswith((".rss", ".xml")):
            count += path.read_text(encoding="utf-8").count("<item>")
        elif name.endswith(".atom"):
            count += path.read_text(encoding="utf-8").count("<entry>")
        elif name.endswith(".jsonl"):
            count += sum(1 for line in path.read_text(encoding="utf-8").split("\n") if line.strip())
        elif name.endswith(".csv"):
            with path.open(encoding="utf-8", newline="") as fh:
                count += sum(1 for _ in csv.DictReader(fh))
        else:
            count += 1
    assert count >= 12


def test_size_caps() -> None:
    sizes = {p.name: p.stat().st_size for p in DEMO.iterdir() if p.is_file()}
    assert sum(sizes.values()) < SIZE_CAP
    too_big = [name for name, size in sizes.items() if size > FILE_CAP]
    assert not too_big


def test_readme_lists_every_file() -> None:
    readme = (DEMO / "README.md").read_text(encoding="utf-8")
    assert "fabricated" in readme.lower()
    missing = [p.name for p in demo_files() if p.name not in readme]
    assert not missing


def test_jsonl_has_line_separator_and_splits_on_newline_only() -> None:
    path = next(p for p in demo_files() if p.suffix == ".jsonl")
    raw = path.read_text(encoding="utf-8")
    lines = [line for line in raw.split("\n") if line.strip()]
    rows = [json.loads(line) for line in lines]  # a U+2028 inside a string must not break a line
    assert any("\u2028" in row["text"] for row in rows)
    # splitlines() would cut inside that text: the reader must not use it
    assert len(raw.splitlines()) > len(lines)
    for row in rows:
        assert {"id", "text", "url", "title", "author", "outlet", "published"} <= row.keys()


def test_csv_has_the_jsonl_columns() -> None:
    path = next(p for p in demo_files() if p.suffix == ".csv")
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
        assert reader.fieldnames == ["id", "text", "url", "title", "author", "outlet", "published"]
    assert len(rows) >= 3
    assert any("\n" in row["text"] for row in rows)  # quoted multi-line fields


def test_corpus_carries_the_contrasts_later_stages_need() -> None:
    corpus = "\n".join(plain_text(p) for p in demo_files())
    for needle in ("54,000", "100,000-strong", "killed 11", "at least 20", "ahead of schedule", "stalled",
                   "Update (Oct. 21):", "(Reuters) -", "Pingback:", " Said:", "Posted by:", "reportedly",
                   "could not be independently confirmed", "will be liberated by the end of the year",
                   "according to", "yesterday", "on Tuesday",
                   "Daesh", "ISIS", "ISIL", "IS ", "Deir ez-Zor", "Deir Ezzor", "Tal Afar", "Tel Afar",
                   "Hashd al-Shaabi", "PMU"):
        assert needle.lower() in corpus.lower(), needle


def test_repost_is_a_copy_of_another_demo_document() -> None:
    # corroboration must see the repost as a copy, so it really has to be one
    original = shingles(plain_text(DEMO / "02_bartella_article_chrome.txt"))
    repost = shingles(plain_text(DEMO / "04_repost_said_comments.txt"))
    assert len(original & repost) > 100


def test_no_passage_shared_with_the_seed_pages(shared: Path) -> None:
    seeds = sorted((shared / "seeds").glob("*.txt"))
    if not seeds:
        pytest.skip("no seed pages")
    seed_shingles: set[tuple[str, ...]] = set()
    for seed in seeds:
        seed_shingles |= shingles(seed.read_text(encoding="utf-8", errors="replace"))
    for path in [*demo_files(), DEMO / "README.md"]:
        common = shingles(plain_text(path)) & seed_shingles
        assert not common, f"{path.name} shares {' '.join(next(iter(common)))!r} with a seed page"


def test_the_project_readers_read_every_demo_file() -> None:
    ingest = pytest.importorskip("fogofwar.ingest")
    from fogofwar.models import Document

    total = 0
    for path in demo_files():
        items = list(ingest.read_path(path))
        docs = [d for d in items if isinstance(d, Document)]
        assert docs and len(docs) == len(items), f"{path.name}: {items}"
        assert all(d.text.strip() for d in docs)
        total += len(docs)
    assert total >= 12
