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
