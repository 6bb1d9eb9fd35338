"""``annotator stats`` and the model report: the project's figures, computed from what the
storage counts."""

from __future__ import annotations

from typing import Any

from annotator.core.model import Status
from annotator.storage import Project

OUTCOMES = ("accepted", "corrected", "rejected", "pending")


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def model_report(project: Project) -> dict[str, dict[str, Any]]:
    """Per model, and per label within it: how its suggestions fared.

    ``accepted`` counts suggestions accepted as they were, ``corrected`` those accepted
    with another label or other boundaries, ``rejected`` and ``pending`` the rest.
    ``precision`` is accepted / reviewed (a correction counts against the model).
    ``recall`` (per label and overall) is measured on fully reviewed documents (done or
    reviewed, nothing of the model pending): the analyst's final labels that the model
    had proposed exactly, out of all final labels there.
    """
    zero = dict.fromkeys(OUTCOMES, 0)
    report: dict[str, dict[str, Any]] = {}
    for model, label, outcome, count in project.suggestion_outcomes():
        entry = report.setdefault(model, {**zero, "labels": {}})
        entry[outcome] += count
        entry["labels"].setdefault(label, dict(zero))[outcome] += count
    found: dict[str, list[int]] = {}
    for model, label, gold, hits in project.recall_counts():
        entry = report.setdefault(model, {**zero, "labels": {}})
        entry["labels"].setdefault(label, dict(zero))["recall"] = _ratio(hits, gold)
        totals = found.setdefault(model, [0, 0])
        totals[0] += hits
        totals[1] += gold
    for model, entry in report.items():
        for per in [entry, *entry["labels"].values()]:
            reviewed = per["accepted"] + per["corrected"] + per["rejected"]
            per["precision"] = _ratio(per["accepted"], reviewed)
            per.setdefault("recall", None)
        if model in found:
            entry["recall"] = _ratio(*found[model])
    return report


def project_stats(project: Project) -> dict[str, Any]:
    """What ``annotator stats --json`` prints: documents by status, spans by label and
    origin, pending suggestions, events by type (every analyst's and the curated ones), each
    model's report, each analyst's progress and the curated labels."""
    statuses = {s.value: 0 for s in Status}
    statuses.update(project.status_counts())
    curated, finished = project.curated_count()
    return {
        "documents": sum(statuses.values()),
        "documents_by_status": statuses,
        "spans_by_label": project.spans_by_label(),
        "spans_by_origin": project.spans_by_origin(),
        "pending": project.pending_count(),
        "events_by_type": project.events_by_type(),
        "models": model_report(project),
        "analysts": analyst_progress(project),
        "curated": {"spans": curated, "documents": finished},
    }


def analyst_progress(project: Project) -> dict[str, dict[str, int]]:
    """Each analyst's progress: documents by their own status, those assigned to them and
    done, and their labels."""
    work = project.statuses_by_analyst()
    labels = project.labels_by_analyst()
    names = sorted({a.name for a in project.analysts()} | set(work) | set(labels))
    zero = {**{s.value: 0 for s in Status}, "assigned": 0, "assigned_done": 0}
    return {name: {**zero, **work.get(name, {}), "labels": labels.get(name, 0)}
            for name in names}
