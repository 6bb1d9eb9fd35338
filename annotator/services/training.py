"""Training a built-in model on the project's own labels, and what the project keeps of it.

``annotator train`` and the window's Train Model: the documents of the chosen statuses
(done and reviewed by default) with their labels (human spans and accepted suggestions,
of the chosen labels or all), and the project's gazetteer entries, train the model
(:mod:`annotator.suggest`) in a worker process (:mod:`.model_worker`); the model and the
training's held-out scores are then stored in one short transaction, so that the model
in use stays the old one until the new one is there, and a cancelled training leaves it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from annotator.core.errors import InputError
from annotator.core.model import Document, Status
from annotator.core.scores import Counts
from annotator.services.exporting import dataset_documents
from annotator.services.model_worker import run_job
from annotator.services.progress import CancelToken, Progress, counted
from annotator.storage import Project
from annotator.suggest.info import ModelInfo, TrainingError
from annotator.suggest.models import CRF, MODELS, STRINGS, train_model

DEFAULT_MODEL = CRF
TRAINED_ON = frozenset({Status.DONE, Status.REVIEWED})
# The project setting naming how many documents marked done call for a new training in the
# window (0: never by itself).
RETRAIN_EVERY = "retrain_every"
# Per model, how many documents were done when it was last trained (retrain_due counts from it).
TRAINED_AT_DONE = "trained_at_done"
RETRAIN_EVERY_DEFAULT = 10


@dataclass(frozen=True)
class TrainOptions:
    model: str = DEFAULT_MODEL
    statuses: frozenset[Status] = TRAINED_ON
    labels: frozenset[str] | None = None  # None: every label the documents have
    # In a worker process (the command and the window); a program of its own that sets it
    # must start with ``if __name__ == "__main__":``, as for any use of multiprocessing.
    parallel: bool = False


@dataclass(frozen=True)
class CurvePoint:
    """One training on the learning curve: how many documents, and its held-out F1."""

    trained: dt.datetime
    documents: int
    tokens: int
    f1: float
    labels: dict[str, float] = field(default_factory=dict)


def check_model_name(name: str) -> str:
    if name not in MODELS:
        raise InputError(f'no built-in model "{name}" (there are {", ".join(MODELS)})')
    return name


def train(project: Project, options: TrainOptions = TrainOptions(),
          progress: Progress | None = None, cancel: CancelToken | None = None) -> ModelInfo:
    """Train ``options.model`` and make it the model in use; its info (held-out scores)."""
    check_model_name(options.model)
    if options.labels is not None:
        known = {label.name for label in project.labels()}
        unknown = sorted(options.labels - known)
        if unknown:
            raise InputError(f"--labels: {', '.join(unknown)} not among the project's labels "
                             f"({', '.join(sorted(known))})")
    arguments = {"model": options.model, "statuses": sorted(s.value for s in options.statuses),
                 "labels": sorted(options.labels) if options.labels is not None else None}
    info = run_job(project, train_job, arguments, progress=progress, cancel=cancel,
                   parallel=options.parallel)
    return ModelInfo.from_json(info)


def train_job(project: Project, progress: Progress, check: Any, *, model: str,
              statuses: list[str], labels: list[str] | None) -> dict[str, Any]:
    """What :func:`train` runs, in a worker process or here: read, train, store."""
    wanted = frozenset(Status(s) for s in statuses)
    progress(0, None, "reading the documents")
    done_now = done_count(project)
    # What a dataset takes from each document (curated, or its one analyst's labels); one
    # waiting for curation teaches nothing yet.
    documents = [only_labels(labelled(d), labels) for d in dataset_documents(project, wanted)]
    if not documents:
        raise TrainingError("nothing to learn from: no documents "
                            + " or ".join(s.replace("_", " ") for s in sorted(statuses)))
    gazetteer = [(text, label) for text, label in project.gazetteer()
                 if labels is None or label in labels]
    if check is not None:
        check()
    trained = train_model(model, documents, gazetteer, now=dt.datetime.now(dt.UTC),
                          progress=progress, check=check)
    info = trained.info
    progress(1, 1, "storing the model")
    project.store_model(model, trained.to_bytes(), info.as_json(), info.trained.isoformat(),
                        info.documents, info.tokens, scores_json(info))
    marks = dict(project.setting(TRAINED_AT_DONE, {}))
    marks[model] = done_now
    project.set_setting(TRAINED_AT_DONE, marks)
    return info.as_json()


def labelled(document: Document) -> Document:
    """The document with its labels only: no suggestion pending or rejected."""
    document.spans = [s for s in document.spans if s.is_label]
    return document


def only_labels(document: Document, labels: Collection[str] | None) -> Document:
    """The document with the spans of ``labels`` only (all when None)."""
    if labels is not None:
        document.spans = [s for s in document.spans if s.label in labels]
    return document


def scores_json(info: ModelInfo) -> dict[str, Any]:
    """The held-out scores as a training's history keeps them."""
    return {"held_out_documents": info.held_out_documents,
            "overall": info.held_out_total.as_dict() if info.held_out else None,
            "labels": {label: counts.as_dict() for label, counts in info.held_out.items()}}


def trained_models(project: Project) -> dict[str, ModelInfo]:
    """The models in use, by name."""
    return {name: ModelInfo.from_json(info) for name, info in project.model_infos().items()}


def model_in_use(project: Project) -> str | None:
    """The model the window suggests with and commands use without ``--model``: ``crf``
    once trained, else ``strings`` once trained, else None."""
    names = project.model_infos().keys()
    return next((name for name in (CRF, STRINGS) if name in names), None)


def learning_curve(project: Project) -> dict[str, list[CurvePoint]]:
    """Per model, its trainings that have held-out scores, oldest first: documents trained
    on and held-out F1 (overall and per label)."""
    curves: dict[str, list[CurvePoint]] = {}
    for training in project.trainings():
        overall = training.scores.get("overall")
        if not overall:
            continue  # too few documents to hold any out
        labels = {name: float(scores["f1"])
                  for name, scores in training.scores.get("labels", {}).items()}
        curves.setdefault(training.model, []).append(CurvePoint(
            training.trained, training.documents, training.tokens, float(overall["f1"]),
            labels))
    return curves


def done_count(project: Project) -> int:
    counts = project.status_counts()
    return sum(counts.get(s.value, 0) for s in TRAINED_ON)


def retrain_every(project: Project) -> int:
    """How many documents marked done call for a new training in the window (0: never)."""
    return int(project.setting(RETRAIN_EVERY, RETRAIN_EVERY_DEFAULT) or 0)


def set_retrain_every(project: Project, every: int) -> None:
    """Keep ``every`` (0: the window never trains by itself) in the project, for every
    window on it."""
    if every < 0:
        raise InputError(f"--retrain-every {every}: give a number of documents, or 0 for never")
    project.set_setting(RETRAIN_EVERY, None if every == RETRAIN_EVERY_DEFAULT else every)


def retrain_due(project: Project, model: str = DEFAULT_MODEL) -> bool:
    """Whether the window should train ``model`` again: on by default, every
    ``retrain_every`` (10) documents marked done since the model in use learnt (the first
    time, once there are that many)."""
    every = retrain_every(project)
    if every <= 0:
        return False
    info = project.model_infos().get(model)
    if info is None:
        return done_count(project) >= every
    # Documents done since (not those it learnt from: some done may wait for curation).
    marks = project.setting(TRAINED_AT_DONE, {})
    since = int(marks.get(model, info["documents"]))
    return done_count(project) - since >= every


def describe_scores(info: ModelInfo) -> list[tuple[str, Counts]]:
    """``(label, counts)`` per label and ``overall`` last, as the command prints them."""
    rows = sorted(info.held_out.items())
    return [*rows, ("overall", info.held_out_total)] if rows else []


def training_summary(info: ModelInfo) -> str:
    """``crf trained on 120 documents (4,211 tokens); held out 24``."""
    held = (f"; held-out scores on {counted(info.held_out_documents, 'document')}"
            if info.held_out_documents else
            "; no held-out scores (fewer than 5 documents)")
    return (f"{info.name} trained on {counted(info.documents, 'document')} "
            f"({counted(info.tokens, 'token')}){held}")

