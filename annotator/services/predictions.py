"""A model's pre-annotations in: matched to documents, checked, stored as pending suggestions."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.model import Review, Span, model_origin
from annotator.core.tokens import unpack
from annotator.formats.base import RawSpan, Record
from annotator.formats.detect import iter_files, reader_for
from annotator.services.labels import IncomingLabels, where_of
from annotator.services.progress import CancelToken, Progress, no_progress
from annotator.storage import Project
from annotator.text.normalize import Level, SpanNotCarried, normalize


@dataclass
class PredictionResult:
    documents: int = 0
    added: int = 0
    skipped: int = 0  # identical suggestions already in the project
    dropped: dict[str, int] = field(default_factory=dict)  # by --label-map X=, by label


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


class _Matcher:
    """Finds the document a record is about: by id, else identical text, else same tokens."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.by_key = project.keys_to_ids()
        self._by_text: dict[bytes, int] | None = None
        self._by_tokens: dict[bytes, int] | None = None
        self._texts: dict[int, str] = {}

    def _index(self) -> None:
        self._by_text, self._by_tokens = {}, {}
        for doc_id, text, tokens in self.project.texts():
            self._by_text.setdefault(_digest(text), doc_id)
            bounds = unpack(tokens)
            words = "\n".join(text[bounds[i]:bounds[i + 1]] for i in range(0, len(bounds), 2))
            self._by_tokens.setdefault(_digest(words), doc_id)

    def text_of(self, doc_id: int) -> str:
        if doc_id not in self._texts:
            self._texts[doc_id] = self.project.document(doc_id).text
        return self._texts[doc_id]

    def match(self, record: Record) -> tuple[int, list[RawSpan]]:
        """The document id and the record's spans in that document's offsets."""
        if record.key is not None and record.key in self.by_key:
            doc_id = self.by_key[record.key]
            return doc_id, self._carry(record, doc_id)
        if self._by_text is None or self._by_tokens is None:
            self._index()
        assert self._by_text is not None and self._by_tokens is not None
        for level in (Level.NONE, Level.LETTERS, Level.FULL):
            text = normalize(record.text, level)[0]
            if (doc_id := self._by_text.get(_digest(text), -1)) >= 0:
                return doc_id, self._carry(record, doc_id)
        if record.tokens is not None:
            words = "\n".join(record.text[record.tokens[i]:record.tokens[i + 1]]
                              for i in range(0, len(record.tokens), 2))
            if (doc_id := self._by_tokens.get(_digest(words), -1)) >= 0:
                return doc_id, self._by_token_positions(record, doc_id)
        raise _error(record, "matches no document of the project (by id, text or tokens)")

    def _carry(self, record: Record, doc_id: int) -> list[RawSpan]:
        stored = self.text_of(doc_id)
        if record.text == stored or not record.text:
            return record.spans
        for level in (Level.LETTERS, Level.FULL):
            text, offsets = normalize(record.text, level)
            if text == stored:
                try:
                    return [_moved(s, *offsets.span(s.start, s.end)) for s in record.spans]
                except SpanNotCarried as exc:
                    raise _error(record, f"a suggestion cannot be carried: {exc}") from None
        if record.tokens is not None:
            return self._by_token_positions(record, doc_id)
        raise _error(record, f"its text differs from that of document {record.key!r}")

    def _by_token_positions(self, record: Record, doc_id: int) -> list[RawSpan]:
        """CoNLL output: the same tokens, so token positions carry the spans."""
        assert record.tokens is not None
        doc = self.project.document(doc_id)
        mine, theirs = list(doc.tokens), record.tokens
        if len(mine) != len(theirs):
            raise _error(record, f"has {len(theirs) // 2} tokens, the document "
                                 f"{doc.key!r} has {len(mine) // 2}")
        starts = {theirs[i]: mine[i] for i in range(0, len(theirs), 2)}
        ends = {theirs[i + 1]: mine[i + 1] for i in range(0, len(theirs), 2)}
        return [_moved(s, starts[s.start], ends[s.end]) for s in record.spans]


def _moved(span: RawSpan, start: int, end: int) -> RawSpan:
    return RawSpan(start, end, span.label, span.origin, span.score, span.review)


def _error(record: Record, problem: str) -> InputError:
    return InputError(problem, path=record.path, line=record.line, record=record.record)


def import_predictions(project: Project, paths: Sequence[Path], model: str,
                       fmt: str = "auto", label_map: dict[str, str] | None = None,
                       progress: Progress | None = None,
                       cancel: CancelToken | None = None,
                       add_labels: bool = False) -> PredictionResult:
    """Add ``model``'s suggestions from ``paths``; all of them or none. Their labels must
    be the project's, after ``label_map``, unless ``add_labels`` (see
    :mod:`annotator.services.labels`)."""
    if not model.strip():
        raise InputError("--model needs a name")
    report = progress or no_progress
    origin = model_origin(model.strip())
    names = IncomingLabels(label_map or {}, project.refresh_labels(), add_labels)
    for path in paths:
        if not Path(path).exists():
            raise InputError("no such file or folder", path=str(path))
    files = list(iter_files([Path(p) for p in paths]))
    matcher = _Matcher(project)
    result = PredictionResult()

    def suggestions() -> Iterator[tuple[int, Span]]:
        for n, path in enumerate(files):
            report(n, len(files), path.name)
            for record in reader_for(path, fmt)(path):
                if cancel is not None:
                    cancel.check()
                doc_id, spans = matcher.match(record)
                proposed = [s for s in spans if s.origin != "human"] or spans
                size = len(matcher.text_of(doc_id))
                result.documents += 1
                for k, raw in enumerate(proposed, 1):
                    if not 0 <= raw.start < raw.end <= size:
                        raise _error(record, f"suggestion {k} ({raw.start}..{raw.end}) is "
                                             f"outside the text (0..{size})")
                    if raw.score is not None and not 0.0 <= raw.score <= 1.0:
                        raise _error(record, f"suggestion {k}: score {raw.score} is not "
                                             "between 0 and 1")
                    label = names.name(raw.label, where_of(record.path, record.line,
                                                           record.record))
                    if label is not None:
                        yield doc_id, Span(raw.start, raw.end, label, origin=origin,
                                           score=raw.score, review=Review.PENDING)
        names.check()
        report(len(files), len(files), "")

    result.added, result.skipped = project.add_suggestions(suggestions(), add_labels)
    result.dropped = dict(names.dropped)
    return result
