"""An analysis run: read inputs, analyse new documents in batches, store each batch.

Unchanged files (same size and mtime as when last read without error) are not read again,
and documents whose content hash is already stored are not analysed again, so re-running
an ingest changes nothing and costs little. One bad input is recorded and the run goes on.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from fogofwar.annotate import MAX_NLP_CHARS
from fogofwar.ingest import iter_inputs, read_path
from fogofwar.models import Document, InputError
from fogofwar.pipeline import analyze_documents
from fogofwar.store import RunCounters, Store

if TYPE_CHECKING:
    from spacy.language import Language

# A batch is flushed (analysed, then committed in one transaction) at whichever limit comes first.
BATCH_DOCS = 32
BATCH_CHARS = 400_000


@dataclass(slots=True)
class RunResult:
    run_id: int
    counters: RunCounters
    duration_s: float
    errors: list[InputError] = field(default_factory=list)
    stage_errors: int = 0

    @property
    def ok(self) -> bool:
        """A run fails only when there was input and none of it could be read."""
        c = self.counters
        return c.failed == 0 or c.succeeded > 0 or c.inputs_skipped > 0


@dataclass(slots=True)
class _Pending:
    docs: list[Document] = field(default_factory=list)
    chars: int = 0
    # inputs whose documents are all in this batch: recorded once the batch is committed
    inputs: list[tuple[str, int, int, int, int]] = field(default_factory=list)


Progress = Callable[[int, int, int], None]  # files done, documents analysed, documents total so far


def run_analysis(
    paths: Sequence[Path],
    store: Store,
    *,
    nlp: Language | None = None,
    args: str = "",
    max_chars: int = MAX_NLP_CHARS,
    n_process: int = 1,
    on_progress: Progress | None = None,
    files: Iterable[Path] | None = None,
) -> RunResult:
    started = time.perf_counter()
    run_id = store.start_run(args)
    counters = RunCounters()
    result = RunResult(run_id=run_id, counters=counters, duration_s=0.0)
    pending = _Pending()
    seen: set[str] = set()
    analysed = 0
    files_done = 0

    def flush() -> None:
        nonlocal analysed, pending
        if pending.docs:
            analyses = analyze_documents(pending.docs, nlp, max_chars=max_chars, n_process=n_process)
            store.write_batch(analyses, run_id)
            analysed += len(analyses)
            result.stage_errors += sum(1 for a in analyses if a.errors)
        for path, size, mtime, n_docs, n_err in pending.inputs:
            store.record_input(path, size, mtime, n_docs, n_err, run_id)
        pending = _Pending()
        if on_progress:
            on_progress(files_done, analysed, counters.documents_new)

    status = "failed"
    try:
        for path in files if files is not None else iter_inputs(paths):
            counters.inputs_seen += 1
            key = str(path)
            try:
                st = path.stat()
            except OSError as exc:
                err = InputError(path=key, reason=f"cannot read: {exc.strerror or exc}",
                                 hint="check that the file exists and is readable")
                _fail(store, result, err)
                files_done += 1
                continue
            if store.input_unchanged(key, st.st_size, st.st_mtime_ns):
                counters.inputs_skipped += 1
                files_done += 1
                if on_progress:
                    on_progress(files_done, analysed, counters.documents_new)
                continue
            docs: list[Document] = []
            errors: list[InputError] = []
            for item in read_path(path):
                (errors if isinstance(item, InputError) else docs).append(item)  # type: ignore[arg-type]
            for err in errors:
                _fail(store, result, err, count=False)
            if docs or not errors:
                counters.succeeded += 1
            else:
                counters.failed += 1
            known = store.known_ids(d.doc_id for d in docs)
            for doc in docs:
                if doc.doc_id in known or doc.doc_id in seen:
                    counters.documents_known += 1
                    continue
                seen.add(doc.doc_id)
                counters.documents_new += 1
                pending.docs.append(doc)
                pending.chars += min(len(doc.text), max_chars)
            pending.inputs.append((key, st.st_size, st.st_mtime_ns, len(docs), len(errors)))
            files_done += 1
            if len(pending.docs) >= BATCH_DOCS or pending.chars >= BATCH_CHARS:
                flush()
            elif on_progress:
                on_progress(files_done, analysed, counters.documents_new)
        flush()
        status = "done"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        result.duration_s = time.perf_counter() - started
        store.finish_run(run_id, counters, result.duration_s, status)
    return result


def _fail(store: Store, result: RunResult, err: InputError, count: bool = True) -> None:
    store.add_errors(result.run_id, [err])
    result.errors.append(err)
    if count:
        result.counters.failed += 1
