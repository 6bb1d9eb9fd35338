"""Export: the project's documents as a dataset, streamed, to files written atomically."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from annotator import __version__
from annotator.core.errors import AnnotatorError, InputError
from annotator.core.events import DEFAULT_EVENT_TYPES, EventType
from annotator.core.model import Document, Status
from annotator.formats import plover
from annotator.formats.conll_writer import ConllReport, write_document
from annotator.formats.jsonl import document_to_json, exported_spans
from annotator.services.brat_export import export_brat
from annotator.services.output import atomic_text
from annotator.services.progress import CancelToken, Progress, collector_paused, no_progress
from annotator.storage import DocumentFilter, Project

FORMATS = ("jsonl", "conll", "brat", "plover")
SPLIT_NAMES = {1: ("",), 2: ("train", "test"), 3: ("train", "dev", "test")}


@dataclass(frozen=True)
class ExportOptions:
    format: str = "jsonl"
    scheme: str = "bio"
    statuses: frozenset[Status] = frozenset()
    include_pending: bool = False
    labels: frozenset[str] | None = None  # None: every label
    split: tuple[int, ...] = ()  # e.g. (80, 10, 10): train, dev and test files side by side
    seed: int = 13
    event_types: tuple[EventType, ...] = DEFAULT_EVENT_TYPES  # the project's, once it has them


@dataclass
class ExportResult:
    documents: int = 0
    spans: int = 0
    widened: int = 0
    merged_sentences: int = 0
    dropped: int = 0
    files: dict[str, int] = field(default_factory=dict)  # file -> documents written
    events: int = 0
    # Events not written: all of them in CoNLL, which cannot carry events; in the other
    # formats, those whose trigger was not exported (--labels without EVENT).
    events_left_out: int = 0


def parse_split(text: str) -> tuple[int, ...]:
    """``80,10,10`` as percentages adding up to 100."""
    try:
        parts = tuple(int(p) for p in text.split(","))
    except ValueError:
        raise InputError(f"--split {text}: give whole percentages like 80,10,10") from None
    if len(parts) not in (2, 3) or sum(parts) != 100 or min(parts) < 0:
        raise InputError(f"--split {text}: two or three percentages adding up to 100")
    return parts


def split_of(keys: Sequence[str], shares: Sequence[int], seed: int) -> dict[str, int]:
    """Which part each document goes to: deterministic for a seed, by document.

    Documents are ordered by a hash of seed and id and cut by the shares, so the parts have
    the asked sizes and a document keeps its part when others are added (mostly).
    """
    ordered = sorted(keys, key=lambda k: hashlib.sha256(f"{seed}:{k}".encode()).digest())
    bounds, total = [], 0
    for share in shares:
        total += share
        bounds.append(round(len(ordered) * total / 100))
    part, out = 0, {}
    for i, key in enumerate(ordered):
        while i >= bounds[part]:
            part += 1
        out[key] = part
    return out


def selected_documents(project: Project, options: ExportOptions, progress: Progress,
                       cancel: CancelToken | None) -> Iterator[Document]:
    """Documents to export, in list order, each with only the spans the options keep."""
    total = project.count_documents(DocumentFilter(statuses=options.statuses))
    documents = project.iter_documents(options.statuses,
                                       with_tokens=options.format in ("conll", "plover"))
    for n, doc in enumerate(documents):
        if cancel is not None:
            cancel.check()
        if n % 200 == 0:
            progress(n, total, f"{n} of {total} documents")
        doc.spans = exported_spans(doc, options.include_pending)
        if options.labels is not None:
            doc.spans = [s for s in doc.spans if s.label in options.labels]
        yield doc
    progress(total, total, f"{total} documents")


def part_paths(destination: Path, parts: int) -> list[Path]:
    """``out.conll`` -> ``out.train.conll``, ``out.dev.conll``, ``out.test.conll``."""
    names = SPLIT_NAMES[parts]
    if parts == 1:
        return [destination]
    return [destination.with_name(f"{destination.stem}.{name}{destination.suffix}")
            for name in names]


def export(project: Project, destination: Path | str, options: ExportOptions = ExportOptions(),
           progress: Progress | None = None, cancel: CancelToken | None = None) -> ExportResult:
    """Write the dataset to ``destination`` (``-`` for standard output), or its split parts."""
    report = progress or no_progress
    if options.format not in FORMATS:
        raise AnnotatorError(f"unknown export format {options.format!r} "
                             f"(use {', '.join(FORMATS)})")
    if options.split and str(destination) == "-":
        raise AnnotatorError("--split writes several files: give -o a file name, not -")
    if options.format == "brat":
        if options.split:
            raise AnnotatorError("--split writes files side by side; brat writes one folder")
        return _export_brat(project, destination, options, report, cancel)
    shares = options.split or (100,)
    assign = (split_of(project.document_keys(DocumentFilter(statuses=options.statuses)),
                       shares, options.seed) if options.split else None)
    targets = part_paths(Path(destination), len(shares)) if options.split else [destination]
    result = ExportResult()
    with collector_paused(), ExitStack() as stack:
        handles: list[TextIO] = [stack.enter_context(atomic_text(t)) for t in targets]
        counts = [0] * len(handles)
        conll = ConllReport()  # added up over the documents
        events = plover.PloverReport()
        coder = f"annotator {__version__}"
        for doc in selected_documents(project, options, report, cancel):
            part = assign[doc.key] if assign is not None else 0
            fh = handles[part]
            counts[part] += 1
            if options.format == "jsonl":
                record = document_to_json(doc, spans=doc.spans)  # chosen in selected_documents
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
                result.spans += len(doc.spans)
                result.events += len(record["events"])
                result.events_left_out += len(doc.events) - len(record["events"])
            elif options.format == "plover":
                plover.write_document(doc, fh, doc.spans, coder=coder,
                                      types=options.event_types, report=events)
            else:
                write_document(doc, fh, options.scheme, conll)
                result.events_left_out += len(doc.events)
            result.documents += 1
        if options.format == "conll":
            result.spans, result.widened = conll.spans, conll.widened
            result.merged_sentences, result.dropped = conll.merged, conll.dropped
        if options.format == "plover":
            result.events, result.events_left_out = events.events, events.events_left_out
        result.files = {str(t): c for t, c in zip(targets, counts, strict=True)}
    return result


def _export_brat(project: Project, destination: Path | str, options: ExportOptions,
                 progress: Progress, cancel: CancelToken | None) -> ExportResult:
    """A brat collection: a folder, not a stream (see :mod:`annotator.services.brat_export`)."""
    labels = [label.name for label in project.labels()]
    with collector_paused():
        report = export_brat(destination, selected_documents(project, options, progress, cancel),
                             labels, options.event_types)
    return ExportResult(documents=report.documents, spans=report.spans, events=report.events,
                        events_left_out=report.events_left_out,
                        files={str(destination): report.documents})
