"""A trained built-in model's suggestions in the project, and how unsure it is of documents.

``annotator suggest`` and the window's Suggest: the model in use tags the documents of the
chosen statuses (new and in progress by default), in a worker process when there are many;
its suggestions (origin ``model:NAME``, pending review) are stored in one transaction, never
over a label, identical ones not repeated, and the model's earlier pending suggestions that
it no longer makes removed (see :meth:`Project.replace_suggestions`). A document the window
opens gets its suggestions the same way, one document at a time (:func:`suggest_document`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from annotator.core.errors import InputError
from annotator.core.model import Span, Status, model_origin
from annotator.services.model_worker import run_job
from annotator.services.progress import CancelToken, Progress
from annotator.services.training import check_model_name, model_in_use
from annotator.storage import DocumentFilter, Project
from annotator.suggest.crf import CrfModel
from annotator.suggest.models import CRF, Model, load_model

SUGGESTED = frozenset({Status.NEW, Status.IN_PROGRESS})
PROGRESS_EVERY = 50


@dataclass(frozen=True)
class SuggestResult:
    model: str
    documents: int = 0
    added: int = 0
    kept: int = 0  # identical suggestions already there
    over_labels: int = 0  # left out: a label was made there meanwhile
    removed: int = 0  # earlier pending suggestions the model no longer makes


def chosen_model(project: Project, name: str | None) -> str:
    """``name``, or the model in use; InputError when there is none to use."""
    if name is not None:
        return check_model_name(name)
    found = model_in_use(project)
    if found is None:
        raise InputError("no trained model in the project yet: train one first "
                         "(annotator train)")
    return found


def load_trained(project: Project, name: str | None = None) -> Model:
    """The model in use for ``name`` (or the model in use), from the project."""
    name = chosen_model(project, name)
    data = project.model_data(name)
    if data is None:
        raise InputError(f"no {name} model in the project yet: train it first "
                         f"(annotator train --model {name})")
    return load_model(data)


def suggest(project: Project, model: str | None = None,
            statuses: Iterable[Status] = SUGGESTED, min_score: float = 0.0,
            progress: Progress | None = None, cancel: CancelToken | None = None,
            parallel: bool = False) -> SuggestResult:
    """The model's suggestions for every document of ``statuses``, stored in one
    transaction (all or nothing)."""
    name = chosen_model(project, model)
    if not 0.0 <= min_score <= 1.0:
        raise InputError(f"--min-score {min_score}: a score is between 0 and 1")
    if project.model_data(name) is None:  # said here, not after a worker has started
        load_trained(project, name)
    arguments = {"model": name, "statuses": sorted(s.value for s in statuses),
                 "min_score": min_score}
    found = run_job(project, suggest_job, arguments, progress=progress, cancel=cancel,
                    parallel=parallel)
    return SuggestResult(**found)


def suggest_job(project: Project, progress: Progress, check: Any, *, model: str,
                statuses: list[str], min_score: float) -> dict[str, Any]:
    """What :func:`suggest` runs, in a worker process or here."""
    trained = load_trained(project, model)
    wanted = frozenset(Status(s) for s in statuses)
    total = project.count_documents(DocumentFilter(statuses=wanted))
    made: dict[int, list[Span]] = {}
    for n, document in enumerate(project.iter_documents(wanted)):
        if check is not None:
            check()
        if n % PROGRESS_EVERY == 0:
            progress(n, total, f"{model}: suggesting")
        assert document.id is not None
        made[document.id] = trained.suggest(document, min_score=min_score)
    progress(total, total, f"{model}: storing the suggestions")
    stored = project.replace_suggestions(model_origin(model), made)
    return asdict(SuggestResult(model, len(made), stored.added, stored.kept,
                                stored.over_labels, stored.removed))


def suggest_document(project: Project, model: Model, document_id: int,
                     min_score: float = 0.0) -> SuggestResult | None:
    """The model's suggestions for one document, stored (the window, as a document opens);
    None when the document is done or reviewed, or gone."""
    try:
        document = project.document(document_id)
    except KeyError:
        return None
    if document.status not in SUGGESTED:
        return None
    stored = project.replace_suggestions(model_origin(model.name), {
        document_id: model.suggest(document, min_score=min_score)})
    return SuggestResult(model.name, 1, stored.added, stored.kept, stored.over_labels,
                         stored.removed)


def uncertainty(project: Project, progress: Progress | None = None,
                cancel: CancelToken | None = None, parallel: bool = False
                ) -> dict[int, float]:
    """How unsure the CRF in use is of each document not done yet (1 minus the marginal
    probability of its least sure token): what Next Most Uncertain ranks by."""
    if project.model_data(CRF) is None:
        raise InputError("no crf model in the project yet: train it first")
    ranked = run_job(project, uncertainty_job, {}, progress=progress, cancel=cancel,
                     parallel=parallel)
    return {int(k): float(v) for k, v in ranked}


def uncertainty_job(project: Project, progress: Progress, check: Any) -> list[tuple[int, float]]:
    trained = load_trained(project, CRF)
    assert isinstance(trained, CrfModel)
    total = project.count_documents(DocumentFilter(statuses=SUGGESTED))
    out = []
    for n, document in enumerate(project.iter_documents(SUGGESTED)):
        if check is not None:
            check()
        if n % PROGRESS_EVERY == 0:
            progress(n, total, "ranking by uncertainty")
        assert document.id is not None
        out.append((document.id, trained.uncertainty(document)))
    return out
