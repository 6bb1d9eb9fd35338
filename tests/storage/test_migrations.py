"""Schema versions: a project made by an older annotator is brought to this one's schema, the
same as a new project's, with nothing lost; each step is fixed for its version."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from annotator.core.model import Review, Span, Status
from annotator.storage import Project, parse_location
from annotator.storage import schema as storage_schema
from annotator.storage.backups import list_backups
from annotator.text.tokenize import tokenize
from tests.postgres import Server

TEXT = "عباس عراقچی در تهران با همتای چینی خود دیدار کرد."


def columns(project: Project) -> dict[str, list[str]]:
    """Every table's columns, as the database has them (indexes and triggers aside)."""
    db = project.db
    return {table: [c.name for c in db.get_columns(table)]
            for table in sorted(db.get_tables()) if not table.startswith("document_search_")
            and not table.startswith("text_search_")}


def a_version_1_project(location: Path | str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A project as version 1 left it: a document done, a label the window made (version 1
    recorded no analyst on labels), a pending suggestion, and one decided in place by the
    analyst (the name version 1 recorded)."""
    from annotator.core.model import Document, Status

    with monkeypatch.context() as patch:
        patch.setattr(storage_schema, "SCHEMA_VERSION", 1)
        # Version 1 kept no list of analysts (its imports registered nobody).
        patch.setattr(Project, "ensure_analysts", lambda self, names: None)
        with Project(location) as old:  # made by version 1's steps; written as it wrote
            tokens, sentences = tokenize(TEXT)
            old.add_documents([Document(TEXT, key="a", title="t", tokens=tokens,
                                        sentences=sentences, status=Status.DONE, spans=[
                Span(0, 11, "ACTOR"),
                Span(15, 20, "LOCATION", origin="model:m", score=0.5, review=Review.PENDING),
                Span(21, 24, "EVENT", origin="model:m", score=0.7, review=Review.ACCEPTED,
                     annotator="مریم")])])


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_a_version_1_project_is_brought_to_the_current_schema(
        kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        request: pytest.FixtureRequest) -> None:
    if kind == "sqlite":
        old: Path | str = tmp_path / "old.sqlite"
        new: Path | str = tmp_path / "new.sqlite"
    else:
        server: Server = request.getfixturevalue("postgres")
        old, new = server.new_schema(), server.new_schema()
    a_version_1_project(old, monkeypatch)
    with Project(old) as migrated, Project(new) as fresh:
        assert not migrated.created
        assert columns(migrated) == columns(fresh)
        # Whoever decided the project's suggestions is its analyst now: the labels and the
        # status are hers.
        doc = migrated.document(migrated.keys_to_ids()["a"], "مریم")
        assert [(s.label, s.annotator, s.review) for s in doc.spans] == [
            ("ACTOR", "مریم", None), ("LOCATION", None, Review.PENDING),
            ("EVENT", "مریم", Review.ACCEPTED)]
        assert doc.status == Status.DONE
        assert [a.name for a in migrated.analysts()] == ["مریم"]
    assert [b.reason for b in list_backups(parse_location(old))] == ["schema1"]


def test_each_step_makes_what_its_version_had(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Replaying step 0 alone makes version 1's tables, none a later step adds."""
    path = tmp_path / "v1.sqlite"
    with monkeypatch.context() as patch:
        patch.setattr(storage_schema, "SCHEMA_VERSION", 1)
        with Project(path) as v1:
            tables: Any = columns(v1)
    assert set(tables) == {"label", "document", "span", "document_search"}
    assert "setting" not in tables
