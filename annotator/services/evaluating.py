"""``annotator evaluate``: a trained model against a labelled file it was not trained on.

The file is read as an import reads it (the same readers, ``--label-map``, normalisation and
tokens) but nothing of it is stored: each document is tagged by the model as if it had no
labels, and its suggestions are compared with its labels on exact spans, as conlleval
counts them (:mod:`annotator.core.scores`). Only the labels the model was trained on are
scored: the file's spans of other labels (ParsTwiNER's NAT, for a model trained without it)
are counted apart and named.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError
from annotator.core.model import Document
from annotator.core.scores import Counts, total
from annotator.formats.detect import NotAnArticle, iter_files, reader_for
from annotator.services.importing import prepare_document
from annotator.services.progress import CancelToken, Progress, counted, no_progress
from annotator.services.suggesting import chosen_model, load_trained
from annotator.storage import Project
from annotator.suggest.evaluation import evaluate
from annotator.text.normalize import Level
from annotator.text.tokenize import tokenize


@dataclass(frozen=True)
class Evaluation:
    model: str
    documents: int
    counts: dict[str, Counts]
    # Spans of the file whose label the model was not trained on: not scored, by label.
    left_out: dict[str, int] = field(default_factory=dict)

    @property
    def overall(self) -> Counts:
        return total(self.counts)

    def as_json(self) -> dict[str, Any]:
        """``{"precision", "recall", "f1", "support", "labels": {LABEL: {...}}}``."""
        overall = self.overall.as_dict()
        return {"model": self.model, "documents": self.documents, **overall,
                "labels": {label: c.as_dict() for label, c in sorted(self.counts.items())},
                "left_out": dict(sorted(self.left_out.items()))}


def read_gold(paths: Sequence[Path], fmt: str = "auto",
              label_map: Mapping[str, str] | None = None, normalize: Level | str = Level.FULL,
              cancel: CancelToken | None = None) -> Iterator[Document]:
    """The labelled documents in ``paths``, as an import would store them (not stored)."""
    for path in paths:
        if not Path(path).exists():
            raise InputError("no such file or folder", path=str(path))
    explicit = {Path(p) for p in paths}
    level = Level(normalize)
    for path in iter_files([Path(p) for p in paths]):
        try:
            for record in reader_for(path, fmt)(path):
                if cancel is not None:
                    cancel.check()
                document = prepare_document(record, level, label_map or {})
                if not document.tokens:
                    document.tokens, document.sentences = tokenize(document.text)
                yield document
        except NotAnArticle:
            if path in explicit:
                raise


def evaluate_file(project: Project, paths: Sequence[Path], model: str | None = None,
                  fmt: str = "auto", label_map: Mapping[str, str] | None = None,
                  normalize: Level | str = Level.FULL, progress: Progress | None = None,
                  cancel: CancelToken | None = None) -> Evaluation:
    """Precision, recall and F1 of the model in use (or ``model``) on the labelled files,
    for the labels the model knows (spans of others are counted in ``left_out``)."""
    report = progress or no_progress
    name = chosen_model(project, model)
    trained = load_trained(project, name)
    known = set(trained.info.labels)
    left_out: Counter[str] = Counter()
    documents = []
    for n, document in enumerate(read_gold(paths, fmt, label_map, normalize, cancel)):
        if n % 100 == 0:
            report(n, None, f"reading: {counted(n, 'document')}")
        left_out.update(s.label for s in document.spans if s.is_label and s.label not in known)
        document.spans = [s for s in document.spans if s.label in known]
        documents.append(document)
    if not documents:
        raise InputError("no documents to evaluate on", path=", ".join(map(str, paths)))

    def tagged() -> Iterator[Document]:
        for n, document in enumerate(documents):
            if cancel is not None:
                cancel.check()
            if n % 50 == 0:
                report(n, len(documents), "tagging")
            yield document

    return Evaluation(name, len(documents), evaluate(trained, tagged()), dict(left_out))
