"""Export: the project's documents as a dataset, streamed, to a file written atomically."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from annotator.core.errors import AnnotatorError
from annotator.core.model import Document, Review, Status
from annotator.formats.jsonl import write_jsonl
from annotator.services.output import atomic_text
from annotator.services.progress import CancelToken, Progress, no_progress
from annotator.storage import DocumentFilter, Project

FORMATS = ("jsonl", "conll")


@dataclass(frozen=True)
class ExportOptions:
    format: str = "jsonl"
    scheme: str = "bio"
    statuses: frozenset[Status] = frozenset()
    include_pending: bool = False
    labels: frozenset[str] | None = None  # None: every label


@dataclass
class ExportResult:
    documents: int = 0
    spans: int = 0
    widened: int = 0


def selected_documents(project: Project, options: ExportOptions, progress: Progress,
                       cancel: CancelToken | None) -> Iterator[Document]:
    """Documents to export, each with only the spans the options keep."""
    total = project.count_documents(DocumentFilter(statuses=options.statuses))
    for n, doc in enumerate(project.iter_documents(options.statuses)):
        if cancel is not None:
            cancel.check()
        if n % 500 == 0:
            progress(n, total, f"{n} of {total} documents")
        doc.spans = [
            s for s in doc.spans
            if (s.review is None or s.review == Review.ACCEPTED
                or (options.include_pending and s.review == Review.PENDING))
            and (options.labels is None or s.label in options.labels)
        ]
        yield doc
    progress(total, total, f"{total} documents")


def export(project: Project, destination: Path | str, options: ExportOptions = ExportOptions(),
           progress: Progress | None = None, cancel: CancelToken | None = None) -> ExportResult:
    """Write the dataset to ``destination`` (``-`` for standard output)."""
    report = progress or no_progress
    if options.format not in FORMATS:
        raise AnnotatorError(f"unknown export format {options.format!r} (use jsonl or conll)")
    docs = selected_documents(project, options, report, cancel)
    with atomic_text(destination) as fh:
        if options.format == "jsonl":
            documents, spans = write_jsonl(docs, fh, include_pending=options.include_pending)
            return ExportResult(documents, spans)
        raise AnnotatorError("CoNLL export is not available yet")
