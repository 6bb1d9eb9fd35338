"""Labels re-read from the file, and the names of the models with suggestions."""

from __future__ import annotations

from pathlib import Path

from annotator.core.model import Document, Review, Span
from annotator.storage import Project


def test_refresh_labels_sees_labels_added_by_another_connection(project_path: Path) -> None:
    with Project(project_path) as mine, Project(project_path) as other:
        assert [lab.name for lab in mine.labels()] == ["ACTOR", "EVENT", "LOCATION"]
        other.ensure_labels(["DATE"])
        assert "DATE" not in [lab.name for lab in mine.labels()]  # cached
        assert [lab.name for lab in mine.refresh_labels()][-1] == "DATE"


def test_model_names(project_path: Path) -> None:
    with Project(project_path) as project:
        assert project.model_names() == []
        project.add_documents([Document("تهران و کازان", key="a")])
        doc_id = project.first_document(not_done=False)
        assert doc_id is not None
        project.insert_span(doc_id, Span(0, 5, "LOCATION"))
        project.add_suggestions([
            (doc_id, Span(8, 13, "LOCATION", origin="model:m2", score=0.5,
                          review=Review.PENDING)),
            (doc_id, Span(0, 5, "LOCATION", origin="model:m1", score=0.9,
                          review=Review.PENDING)),
        ])
        assert project.model_names() == ["m1", "m2"]


def test_settings_are_kept_in_the_project(location: Path | str) -> None:
    with Project(location) as project:
        assert project.setting("event_types") is None
        assert project.setting("retrain_every", 10) == 10
        project.set_setting("event_types", [{"name": "CONSULT", "persian": "رایزنی"}])
        project.set_setting("show_others", True)
    with Project(location) as again:
        assert again.setting("event_types") == [{"name": "CONSULT", "persian": "رایزنی"}]
        assert again.setting("show_others") is True
        again.set_setting("show_others", None)
        assert again.setting("show_others", False) is False
