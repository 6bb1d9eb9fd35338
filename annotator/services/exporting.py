"""Export: the project's documents as a dataset, streamed, to files written atomically.

Split parts are made to load together with Hugging Face ``datasets``
(``load_dataset("json", data_files={"train": ..., "dev": ..., "test": ...})``), which takes
the features of every part from the first 10 MiB of the first file it reads and casts the
rest to them: a field that is null (or an empty list) in all of that stretch gets the type
``null``, and a value in another part then cannot be cast. JSONL records therefore have
the same keys everywhere and no null where a type allows an empty value (see
:func:`annotator.formats.jsonl.document_to_json`); where the contract keeps a null (a human
span's ``score`` and ``review``) or a document has no spans, :class:`_Typing` finds the
case and the export warns. Token-classification lines have no null at all.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TextIO

from annotator import __version__
from annotator.core.analysts import NO_ANALYST, NoAnalyst, chosen_view, events_in_view
from annotator.core.errors import AnnotatorError
from annotator.core.events import EventType
from annotator.core.model import Document, Status
from annotator.formats import plover
from annotator.formats import tokens as token_lines
from annotator.formats.conll_writer import ConllReport, write_document
from annotator.formats.jsonl import document_to_json, exported_spans
from annotator.services.brat_export import export_brat
from annotator.services.labels import checked_labels
from annotator.services.output import atomic_text
from annotator.services.progress import (
    CancelToken,
    Progress,
    collector_paused,
    counted,
    no_progress,
)
from annotator.storage import EVERYONE, DocumentFilter, Project

FORMATS = ("jsonl", "conll", "tokens", "brat", "plover")
TAGGED = ("conll", "tokens")  # the formats written on the stored tokens, with --scheme
SPLIT_NAMES = {1: ("",), 2: ("train", "test"), 3: ("train", "dev", "test")}
# What Hugging Face datasets' JSON loader reads first and types the features from.
FIRST_CHUNK_BYTES = 10 << 20


@dataclass(frozen=True)
class ExportOptions:
    format: str = "jsonl"
    scheme: str = "bio"
    statuses: frozenset[Status] = frozenset()
    include_pending: bool = False
    labels: frozenset[str] | None = None  # None: every label
    split: tuple[int, ...] = ()  # e.g. (80, 10, 10): train, dev and test files side by side
    seed: int = 13
    event_types: tuple[EventType, ...] | None = None  # None: the project's list
    # One analyst's labels; by default each document's curated labels where its curation is
    # finished, else the labels of the one analyst who labelled it (core.analysts.chosen_view).
    analyst: str | NoAnalyst | None = NO_ANALYST


@dataclass
class ExportResult:
    documents: int = 0
    spans: int = 0
    widened: int = 0
    merged_sentences: int = 0
    dropped: int = 0
    sentences: int = 0  # written, by the formats on tokens
    files: dict[str, int] = field(default_factory=dict)  # file -> documents written
    tag_names: str | None = None  # the file of tag names beside a tokens export
    # Documents several analysts labelled and nobody curated yet: left out.
    waiting_for_curation: int = 0
    warnings: list[str] = field(default_factory=list)
    events: int = 0
    # Events not written: all of them in CoNLL and tokens, which cannot carry events; in the
    # other formats, those whose trigger was not exported (--labels without EVENT).
    events_left_out: int = 0
    format: str = ""  # the format written


def parse_split(text: str) -> tuple[int, ...]:
    """``80,10,10`` as percentages adding up to 100; ValueError saying what is wrong."""
    try:
        parts = tuple(int(p) for p in text.split(","))
    except ValueError:
        raise ValueError(f"{text!r}: give whole percentages, like 80,10,10") from None
    if len(parts) not in (2, 3):
        raise ValueError(f"{text!r}: give two or three percentages (train,test or "
                         "train,dev,test), like 80,10,10")
    if min(parts) < 0:
        raise ValueError(f"{text!r}: a percentage cannot be negative")
    if sum(parts) != 100:
        raise ValueError(f"{text!r}: the percentages add up to {sum(parts)}, not 100")
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


def dataset_documents(project: Project, statuses: Iterable[Status], *,
                      analyst: str | NoAnalyst | None = NO_ANALYST, with_tokens: bool = True,
                      progress: Progress = no_progress, cancel: CancelToken | None = None,
                      waiting: Callable[[Document], None] | None = None) -> Iterator[Document]:
    """The documents of ``statuses`` (their own), in list order, each with the spans and
    events a dataset takes from it (:func:`annotator.core.analysts.chosen_view`: one
    ``analyst``'s, else its finished curation's, else its one analyst's): what an export
    writes and what a model learns from. A document waiting for curation is left out, and
    given to ``waiting``."""
    total = project.count_documents(DocumentFilter(statuses=frozenset(statuses)))
    finished = {doc_id for doc_id, row in project.curations().items() if row.finished}
    documents = project.iter_documents(statuses, with_tokens=with_tokens, viewer=EVERYONE)
    for n, doc in enumerate(documents):
        if cancel is not None:
            cancel.check()
        if n % 200 == 0:
            progress(n, total, f"{n} of {counted(total, 'document')}")
        chosen = chosen_view(doc.spans, curated=doc.id in finished, analyst=analyst)
        if chosen is None:
            if waiting is not None:
                waiting(doc)
            continue
        doc.spans = chosen
        doc.events = events_in_view(doc.events, chosen)  # decisions under their suggestions' ids
        yield doc
    progress(total, total, counted(total, "document"))


def selected_documents(project: Project, options: ExportOptions, progress: Progress,
                       cancel: CancelToken | None,
                       result: ExportResult | None = None) -> Iterator[Document]:
    """Documents to export (:func:`dataset_documents`), each with only the spans the options
    keep; those waiting for curation are counted in ``result``."""

    def waiting(_: Document) -> None:
        if result is not None:
            result.waiting_for_curation += 1

    for doc in dataset_documents(project, options.statuses, analyst=options.analyst,
                                 with_tokens=options.format in (*TAGGED, "plover"),
                                 progress=progress, cancel=cancel, waiting=waiting):
        doc.spans = exported_spans(doc, options.include_pending)
        if options.labels is not None:
            doc.spans = [s for s in doc.spans if s.label in options.labels]
        yield doc


def part_paths(destination: Path, parts: int) -> list[Path]:
    """``out.conll`` -> ``out.train.conll``, ``out.dev.conll``, ``out.test.conll``."""
    names = SPLIT_NAMES[parts]
    if parts == 1:
        return [destination]
    return [destination.with_name(f"{destination.stem}.{name}{destination.suffix}")
            for name in names]


def tag_names_path(destination: Path) -> Path:
    """``out.json`` -> ``out.labels.txt``: the tag names beside a tokens export."""
    return destination.with_name(f"{destination.stem}.labels.txt")


class _Typing:
    """Which values that may be empty each part has given, for Hugging Face ``datasets``:
    the first part within its first :data:`FIRST_CHUNK_BYTES` (what the features are typed
    from), the others anywhere. What another part gives and that stretch does not would not
    load in one call."""

    # What may be empty in a JSONL record, and how to tell that a document gives it.
    CHECKS: tuple[tuple[str, Callable[[Document], bool]], ...] = (
        ("document with spans", lambda doc: bool(doc.spans)),
        ("span with a score", lambda doc: any(s.score is not None for s in doc.spans)),
        ("span with a review", lambda doc: any(s.review is not None for s in doc.spans)),
    )

    def __init__(self, parts: int) -> None:
        self.given: list[set[str]] = [set() for _ in range(parts)]
        self.first_bytes = 0

    def add(self, part: int, doc: Document, line: str) -> None:
        if part == 0:
            if self.first_bytes >= FIRST_CHUNK_BYTES:
                return
            self.first_bytes += len(line.encode())
        given = self.given[part]
        if len(given) < len(self.CHECKS):
            given.update(name for name, gives in self.CHECKS
                         if name not in given and gives(doc))

    def warnings(self, targets: Sequence[Path | str]) -> list[str]:
        first, others = self.given[0], set().union(*self.given[1:])
        missing = [name for name, _ in self.CHECKS if name in others - first]
        if not missing:
            return []
        return [f"{targets[0]} has no {' or '.join(missing)} in its first 10 MiB, while "
                "another part has: Hugging Face datasets types every part's fields from the "
                "first file it reads, so give load_dataset the features in the README "
                "(\"Loading with Hugging Face datasets\")"]


def export(project: Project, destination: Path | str, options: ExportOptions = ExportOptions(),
           progress: Progress | None = None, cancel: CancelToken | None = None) -> ExportResult:
    """Write the dataset to ``destination`` (``-`` for standard output), or its split parts;
    a tokens export writes its tag names beside it (not beside standard output)."""
    report = progress or no_progress
    if options.format not in FORMATS:
        raise AnnotatorError(f"unknown export format {options.format!r} "
                             f"(use {', '.join(FORMATS)})")
    if options.split and str(destination) == "-":
        raise AnnotatorError("--split writes several files: give -o a file name, not -")
    if options.event_types is None:
        options = replace(options, event_types=project.event_types())
    if options.labels is not None:  # as the project names them; LabelError for others
        options = replace(options, labels=checked_labels(project, options.labels))
    if options.format == "brat":
        if options.split:
            raise AnnotatorError("--split writes files side by side; brat writes one folder")
        return _export_brat(project, destination, options, report, cancel)
    shares = options.split or (100,)
    assign = (split_of(project.document_keys(DocumentFilter(statuses=options.statuses)),
                       shares, options.seed) if options.split else None)
    targets = part_paths(Path(destination), len(shares)) if options.split else [destination]
    result = ExportResult(format=options.format)
    typing = _Typing(len(targets)) if options.split and options.format == "jsonl" else None
    write_tagged = write_document if options.format == "conll" else token_lines.write_document
    with collector_paused(), ExitStack() as stack:
        handles: list[TextIO] = [stack.enter_context(atomic_text(t)) for t in targets]
        names = tag_names_path(Path(destination))
        # Replaced with the parts, when they all are written.
        names_fh = (stack.enter_context(atomic_text(names))
                    if options.format == "tokens" and str(destination) != "-" else None)
        counts = [0] * len(handles)
        conll = ConllReport()  # added up over the documents
        events = plover.PloverReport()
        coder = f"annotator {__version__}"
        for doc in selected_documents(project, options, report, cancel, result):
            part = assign[doc.key] if assign is not None else 0
            fh = handles[part]
            counts[part] += 1
            if options.format == "jsonl":
                record = document_to_json(doc, spans=doc.spans)  # chosen in selected_documents
                line = json.dumps(record, ensure_ascii=False) + "\n"
                fh.write(line)
                result.spans += len(doc.spans)
                result.events += len(record["events"])
                result.events_left_out += len(doc.events) - len(record["events"])
                if typing is not None:
                    typing.add(part, doc, line)
            elif options.format == "plover":
                plover.write_document(doc, fh, doc.spans, coder=coder,
                                      types=options.event_types or (), report=events)
            else:
                write_tagged(doc, fh, options.scheme, conll)
                result.events_left_out += len(doc.events)
            result.documents += 1
        if options.format in TAGGED:
            result.spans, result.widened = conll.spans, conll.widened
            result.merged_sentences, result.dropped = conll.merged, conll.dropped
            result.sentences = conll.sentences
        if options.format == "plover":
            result.events, result.events_left_out = events.events, events.events_left_out
        if names_fh is not None:
            labels = [label.name for label in project.labels()
                      if options.labels is None or label.name in options.labels]
            token_lines.write_tag_names(labels, names_fh, options.scheme)
            result.tag_names = str(names)
        result.files = {str(t): c for t, c in zip(targets, counts, strict=True)}
        if typing is not None:
            result.warnings += typing.warnings(targets)
    return result


def _export_brat(project: Project, destination: Path | str, options: ExportOptions,
                 progress: Progress, cancel: CancelToken | None) -> ExportResult:
    """A brat collection: a folder, not a stream (see :mod:`annotator.services.brat_export`)."""
    labels = [label.name for label in project.labels()]
    result = ExportResult()
    with collector_paused():
        report = export_brat(destination,
                             selected_documents(project, options, progress, cancel, result),
                             labels, options.event_types or ())
    result.documents, result.spans, result.events = report.documents, report.spans, report.events
    result.events_left_out = report.events_left_out
    result.files = {str(destination): report.documents}
    result.format = "brat"
    return result
