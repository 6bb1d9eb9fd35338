"""Import: read files, check spans, normalise, tokenize, store; all of it or nothing."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from annotator.core.errors import InputError, OverlapError
from annotator.core.events import DEFAULT_EVENT_TYPES, EventType
from annotator.core.model import Document, Review, Span, Status, check_no_overlap
from annotator.formats.base import RawSpan, Record
from annotator.formats.detect import NotAnArticle, iter_files, reader_for
from annotator.services.imported_events import imported_events
from annotator.services.labels import IncomingLabels, where_of
from annotator.services.progress import (
    CancelToken,
    Progress,
    collector_paused,
    counted,
    no_progress,
)
from annotator.services.tokenizing import BATCH_CHARS, Batch, BatchTokenizer
from annotator.storage import Project
from annotator.text.dates import parse_date
from annotator.text.normalize import Level, OffsetMap, SpanNotCarried, normalize
from annotator.text.titles import title_from

HEADER_LINES = 4  # the date is looked for in the title and the lines right after it
HEADER_CHARS = 160  # of each of those lines: headers are short


@dataclass(frozen=True)
class ImportOptions:
    format: str = "auto"
    normalize: Level | str = Level.FULL
    label_map: dict[str, str] = field(default_factory=dict)
    # The event types events in the input may have; None: the project's list.
    event_types: tuple[EventType, ...] | None = None
    # Whose labels the input holds: they become that analyst's (decisions too; pending
    # suggestions stay shared), and a document already in the project gets them in place of
    # that analyst's (``import --analyst``). None: the project's own, unattributed.
    analyst: str | None = None
    # Labels the project does not have are added as they come (else they are refused).
    add_labels: bool = False
    # Tokenize in worker processes on the cores this one leaves (see services.tokenizing).
    # The command and the window do; a program of its own that turns this on must start
    # with ``if __name__ == "__main__":``, as for any use of multiprocessing.
    parallel: bool = False
    # Every imported document's status, whatever its input says (``--status done`` marks a
    # labelled corpus as training material); None: the input's, else new.
    status: Status | None = None


@dataclass
class ImportResult:
    added: int = 0
    spans: int = 0
    skipped: list[str] = field(default_factory=list)  # ids already in the project
    # ids already in the project that got the analyst's labels from the input (--analyst)
    relabelled: list[str] = field(default_factory=list)
    # Files in a folder that are not articles, and what a reader read but could not carry
    # (brat's relations, attributes and notes).
    problems: list[str] = field(default_factory=list)
    events: int = 0  # stored with the documents added
    # Spans left out by --label-map X= (nothing after =), by their label as written.
    dropped: dict[str, int] = field(default_factory=dict)


def _error(record: Record, problem: str) -> InputError:
    """``problem`` located at the record's file and line (or record number)."""
    return InputError(problem, path=record.path, line=record.line, record=record.record)


def _check_spans(record: Record, spans: Sequence[RawSpan]) -> None:
    size = len(record.text)
    for n, span in enumerate(spans, 1):
        if not 0 <= span.start < span.end <= size:
            raise _error(
                record,
                f"span {n} ({span.start}..{span.end}) is outside the text (0..{size})"
                if span.start < span.end else f"span {n}: start {span.start} >= end {span.end}",
            )
    try:
        check_no_overlap(spans, record.text)
    except OverlapError as exc:
        raise _error(record, str(exc)) from None


def _carried(record: Record, n: int, raw: RawSpan, offsets: OffsetMap) -> tuple[int, int]:
    """Where the ``n``th span of ``record`` is in the normalised text (or InputError)."""
    try:
        return offsets.span(raw.start, raw.end)
    except SpanNotCarried as exc:
        raise _error(
            record,
            f"span {n} {raw.label} «{record.text[raw.start:raw.end]}» cannot be carried "
            f"through normalisation: {exc} (try --normalize letters or none)",
        ) from None


def prepare_document(record: Record, level: Level, label_map: Mapping[str, str],
                     event_types: Sequence[EventType] = DEFAULT_EVENT_TYPES,
                     labels: IncomingLabels | None = None) -> Document:
    """Check and normalise one record; tokens only when the record brings its own (CoNLL).
    Its events come along, naming the document's spans. Span labels are named by ``labels``
    (the project's names; spans of a label mapped to nothing left out), or by the label map
    alone.

    Without a title of its own, the title is the first line (cut at a word when long);
    without a date, the date is read from the first lines, unless the record has no header
    (CoNLL: a date in a sentence is not the article's). Raises InputError naming the record
    (for an event, the file and line it was read from).
    """
    if not record.text.strip():
        raise _error(record, "empty text")
    _check_spans(record, record.spans)
    if record.tokens is not None and level is Level.FULL:
        level = Level.NONE  # a CoNLL file keeps its own tokens: only one-for-one maps apply
    text, offsets = normalize(record.text, level)
    names = labels if labels is not None else IncomingLabels(label_map, None)
    where = where_of(record.path, record.line, record.record)
    label = [names.name(raw.label, where) or "" for raw in record.spans]
    if offsets.identity:  # every span stays where it is
        moved = [Span(raw.start, raw.end, label[n], raw.origin, raw.score, raw.review)
                 for n, raw in enumerate(record.spans)]
    else:
        moved = [Span(*_carried(record, n + 1, raw, offsets), label[n], raw.origin, raw.score,
                      raw.review)
                 for n, raw in enumerate(record.spans)]
    tokens: Sequence[int] = ()
    sentences: Sequence[int] = ()
    if record.tokens is not None:
        tokens, sentences = record.tokens, record.sentences or [0]
    head = text[:HEADER_LINES * HEADER_CHARS * 4].split("\n", HEADER_LINES * 4)
    lines = [line.strip() for line in head if line.strip()][:HEADER_LINES]
    title = record.title or (title_from(lines[0]) if lines else "")
    date = record.date
    if date is None and record.header:
        date = parse_date("\n".join(line[:HEADER_CHARS] for line in lines))
    meta = dict(record.meta)
    meta["file"], meta["record"] = record.path, record.record or record.line
    doc = Document(
        text=text, key=record.key or Path(record.path).stem, title=title,
        status=record.status or Status.NEW, meta=meta, date=date, spans=moved,
        tokens=tokens, sentences=sentences,
    )
    if record.events:
        doc.events = imported_events(record, doc, label_map, event_types)
    if "" in label:
        _leave_out_dropped(doc)
    return doc


def _leave_out_dropped(doc: Document) -> None:
    """The spans of labels mapped to nothing left out, and with them the events they trigger
    and the arguments they are."""
    dropped = {id(span) for span in doc.spans if not span.label}
    doc.spans = [span for span in doc.spans if span.label]
    doc.events = [
        replace(event, arguments=tuple(a for a in event.arguments if id(a.span) not in dropped))
        for event in doc.events if id(event.trigger) not in dropped]


def import_paths(project: Project, paths: Sequence[Path], options: ImportOptions = ImportOptions(),
                 progress: Progress | None = None,
                 cancel: CancelToken | None = None) -> ImportResult:
    """Add the articles in ``paths`` (folders read recursively) in one transaction."""
    report = progress or no_progress
    level = Level(options.normalize)
    result = ImportResult()
    for path in paths:
        if not Path(path).exists():
            raise InputError("no such file or folder", path=str(path))
    files = list(iter_files([Path(p) for p in paths]))
    if not files:
        raise InputError("no files to import", path=", ".join(str(p) for p in paths))
    explicit = {Path(p) for p in paths}
    event_types = (options.event_types if options.event_types is not None
                   else project.event_types())
    names = IncomingLabels(options.label_map, project.refresh_labels(), options.add_labels)

    def prepared() -> Iterator[tuple[Document, bool]]:
        """Each document checked and normalised, and whether it still needs its tokens."""
        count = 0
        keys: dict[str, int] = {}
        for n, path in enumerate(files):
            report(n, len(files), f"{path.name}: {counted(count, 'document')}")
            try:
                records = reader_for(path, options.format)(path)
                for record in records:
                    if cancel is not None:
                        cancel.check()
                    doc = prepare_document(record, level, options.label_map, event_types,
                                           names)
                    if options.status is not None:
                        doc.status = options.status
                    result.problems += record.left_out
                    if options.analyst is not None:
                        doc.spans = [s if s.review == Review.PENDING
                                     else s.with_(annotator=options.analyst) for s in doc.spans]
                        doc.events = [e.with_(annotator=options.analyst) for e in doc.events]
                    # Two records of one import may not share an id: number the later ones.
                    seen = keys.get(doc.key, 0)
                    keys[doc.key] = seen + 1
                    if seen and not record.key_given:
                        doc.key = f"{doc.key}-{seen + 1}"
                    elif seen:
                        raise _error(record, f"id {doc.key!r} appears twice")
                    count += 1
                    yield doc, record.tokens is None
            except NotAnArticle as exc:
                if path in explicit:
                    raise
                result.problems.append(exc.message)
        names.check()  # every label of the input met: refuse them all at once, or add them
        report(len(files), len(files), counted(count, "document"))

    with collector_paused(), BatchTokenizer(workers=None if options.parallel else 0) as tokenizer:
        summary = project.add_documents(tokenized(prepared(), tokenizer),
                                        analyst=options.analyst, add_labels=options.add_labels)
    result.added, result.spans, result.skipped = summary.added, summary.spans, summary.skipped
    result.relabelled, result.events = summary.relabelled, summary.events
    result.dropped = dict(names.dropped)
    return result


# Documents tokenized together (by a worker process when there is one): this many, or fewer
# when their texts reach BATCH_CHARS.
TOKENIZE_BATCH = 200
TOKENIZE_AHEAD = 8  # batches handed on before the first of them is needed


def tokenized(documents: Iterable[tuple[Document, bool]],
              tokenizer: BatchTokenizer) -> Iterator[Document]:
    """The documents in their order, each with its tokens, tokenized a batch at a time while
    the ones after it are read."""
    waiting: deque[tuple[list[Document], list[Document], Batch]] = deque()

    def hand_on(batch: list[Document], untokenized: list[Document]) -> None:
        waiting.append((batch, untokenized, tokenizer.submit([d.text for d in untokenized])))

    def finished() -> Iterator[Document]:
        batch, untokenized, texts = waiting.popleft()
        for doc, (tokens, sentences) in zip(untokenized, texts.result(), strict=True):
            doc.tokens, doc.sentences = tokens, sentences
        return iter(batch)

    batch: list[Document] = []
    untokenized: list[Document] = []
    chars = 0
    for doc, needs_tokens in documents:
        batch.append(doc)
        if needs_tokens:
            untokenized.append(doc)
            chars += len(doc.text)
        if len(batch) >= TOKENIZE_BATCH or chars >= BATCH_CHARS:
            hand_on(batch, untokenized)
            batch, untokenized, chars = [], [], 0
            if len(waiting) > TOKENIZE_AHEAD:
                yield from finished()
    if batch:
        hand_on(batch, untokenized)
    while waiting:
        yield from finished()

