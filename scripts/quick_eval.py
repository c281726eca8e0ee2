"""Analyse a folder of .txt files or a docs.jsonl with the pipeline (no database) and score it.

    python scripts/quick_eval.py ../shared/seeds ../shared/gold
    python scripts/quick_eval.py ../shared/data/timebank/docs.jsonl ../shared/data/timebank/gold [--limit 50]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from fogofwar.annotate import annotate
from fogofwar.export import to_record
from fogofwar.models import Analysis, Document
from fogofwar.pipeline import analyze_documents
from fogofwar.segment import segment_document


def load(path: Path, limit: int | None) -> list[Document]:
    docs: list[Document] = []
    if path.is_dir():
        for f in sorted(path.glob("*.txt"))[:limit]:
            text = f.read_text(encoding="utf-8-sig")
            docs.append(Document(text=text, source_path=str(f)))
        return docs
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if limit is not None and len(docs) >= limit:
                break
            row = json.loads(line)
            docs.append(Document(text=row["text"], source_id=row.get("id"), url=row.get("url"),
                                 title=row.get("title"), author=row.get("author"),
                                 outlet=row.get("outlet"), published=row.get("published"), format="jsonl"))
    return docs


def annotated(docs: list[Document]) -> list[Analysis]:
    """Segmented and spaCy-annotated analyses with no stage run yet: what the scripts' caches keep."""
    analyses = []
    for doc in docs:
        a = Analysis(document=doc)
        a.segments = segment_document(doc)
        analyses.append(a)
    annotate(analyses, None)
    return analyses


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("inputs")
    ap.add_argument("gold")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--out")
    args = ap.parse_args()
    docs = load(Path(args.inputs), args.limit)
    analyses = analyze_documents(docs)
    out = Path(args.out) if args.out else Path(tempfile.mkdtemp()) / "pred.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        for a in analyses:
            fh.write(json.dumps(to_record(a), ensure_ascii=False) + "\n")
    score = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"
    return subprocess.call([sys.executable, str(score), "--pred", str(out), "--gold", args.gold])


if __name__ == "__main__":
    sys.exit(main())
