"""The project file: what it is made of, what it refuses, and how documents go in and out."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.core.errors import InputError, LabelError, ProjectFileError
from annotator.core.model import DEFAULT_LABELS, Document, Review, Span, Status
from annotator.services.stats import project_stats
from annotator.storage import DocumentFilter, Project
from annotator.storage.schema import APPLICATION_ID, SCHEMA_VERSION
from annotator.text.dates import TEHRAN
from annotator.text.tokenize import tokenize
from tests.postgres import Server

TEXTS = {
    "mehr-1": "دیدار دبیرکل حزب موتلفه اسلامی با وزیر چینی در سوچی",
    "irna-2": "نشست بین‌المللی آب در مشهد با حضور کارشناسان یونسکو آغاز شد",
    "isna-3": "تیم رباتیک دانشگاه صنعتی اصفهان در آیندهوون دوم شد",
    "tasnim-4": "بارش برف راه ۱۲۰ روستا را در اردبیل بست",
    "fars-5": "نمایشگاه کتاب تهران با حضور ۲۲۰۰ ناشر آغاز شد",
}


def doc(key: str, text: str | None = None, status: Status = Status.NEW,
        spans: list[Span] | None = None, **meta: object) -> Document:
    text = TEXTS[key] if text is None else text
    tokens, sentences = tokenize(text)
    return Document(text, key=key, title=text[:20], status=status, tokens=tokens,
                    sentences=sentences, spans=spans or [], meta=dict(meta))


def at(key: str, word: str) -> tuple[int, int]:
    start = TEXTS[key].index(word)
    return start, start + len(word)


def sidecars(path: Path) -> list[Path]:
    return [p for p in (path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))
            if p.exists()]


@pytest.fixture
def filled(project: Project) -> Project:
    """Five documents in import order, with statuses and spans to filter on."""
    project.add_documents([
        doc("mehr-1", status=Status.DONE, spans=[
            Span(*at("mehr-1", "دبیرکل حزب موتلفه اسلامی"), "ACTOR"),
            Span(*at("mehr-1", "سوچی"), "LOCATION")]),
        doc("irna-2", status=Status.IN_PROGRESS, spans=[
            Span(*at("irna-2", "مشهد"), "LOCATION", origin="model:m1", score=0.9,
                 review=Review.PENDING)]),
        doc("isna-3", spans=[
            Span(*at("isna-3", "آیندهوون"), "LOCATION", origin="model:m1", score=0.4,
                 review=Review.REJECTED)]),
        doc("tasnim-4", spans=[Span(*at("tasnim-4", "بارش برف"), "EVENT")]),
        doc("fars-5", status=Status.DONE),
    ])
    return project


def ids(project: Project) -> dict[str, int]:
    return project.keys_to_ids()


# -- a new file --------------------------------------------------------------------------------


def test_a_new_file_is_marked_as_ours_and_has_the_default_labels(project_path: Path) -> None:
    with Project(project_path) as project:
        assert project.created
        assert [(lab.name, lab.key, lab.color) for lab in project.labels()] == [
            (lab.name, lab.key, lab.color) for lab in DEFAULT_LABELS]
    conn = sqlite3.connect(project_path)
    try:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        conn.close()


def test_reopening_keeps_everything(project_path: Path) -> None:
    with Project(project_path) as project:
        project.add_documents([doc("mehr-1", spans=[Span(*at("mehr-1", "سوچی"), "LOCATION")])])
    with Project(project_path) as again:
        assert not again.created
        [only] = list(again.iter_documents())
        assert only.text == TEXTS["mehr-1"]
        assert [(s.start, s.end, s.label) for s in only.spans] == [
            (*at("mehr-1", "سوچی"), "LOCATION")]
        assert [lab.name for lab in again.labels()] == ["ACTOR", "EVENT", "LOCATION"]


def test_wal_mode_and_foreign_keys_are_on(project_path: Path) -> None:
    with Project(project_path) as project:
        assert project.db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert project.db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1


def test_a_span_of_no_document_is_refused(project: Project) -> None:
    with pytest.raises(KeyError):
        project.insert_span(999, Span(0, 2, "ACTOR"))  # no such document
    assert project.spans(999) == []


def test_create_false_refuses_a_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "missing.sqlite"
    with pytest.raises(ProjectFileError, match="no such project file"):
        Project(missing, create=False)
    assert not missing.exists()


# -- files that are not ours -------------------------------------------------------------------


def _refused_untouched(path: Path, match: str) -> None:
    before = path.read_bytes()
    with pytest.raises(ProjectFileError, match=match) as caught:
        Project(path)
    assert str(path) in str(caught.value)
    assert path.read_bytes() == before
    assert sidecars(path) == []


def test_a_text_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("این یک فایل متنی است، نه پروژه.\n", encoding="utf-8")
    _refused_untouched(path, "not an annotator project file")


def test_another_programs_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('مریم', '0912')")
    conn.commit()
    conn.close()
    _refused_untouched(path, "not an annotator project file")
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT * FROM contacts").fetchall() == [("مریم", "0912")]
    finally:
        conn.close()


def test_a_file_from_a_newer_annotator_is_refused_untouched(project_path: Path) -> None:
    with Project(project_path) as project:
        project.add_documents([doc("mehr-1")])
    conn = sqlite3.connect(project_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    assert sidecars(project_path) == []
    _refused_untouched(project_path, f"newer annotator \\(schema {SCHEMA_VERSION + 1}")


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ProjectFileError, match="folder"):
        Project(tmp_path)


# -- adding documents --------------------------------------------------------------------------


def test_add_documents_stores_text_tokens_spans_and_meta(project: Project) -> None:
    when = dt.datetime(2025, 11, 17, 14, 19, tzinfo=TEHRAN)
    source = doc("mehr-1", spans=[Span(*at("mehr-1", "سوچی"), "LOCATION", annotator="ana")],
                 source="Mehr", file="in.jsonl", record=3)
    source.date = when
    summary = project.add_documents([source])
    assert (summary.added, summary.spans, summary.skipped) == (1, 1, [])
    stored = project.document(ids(project)["mehr-1"], "ana")
    assert stored.text == TEXTS["mehr-1"] and stored.key == "mehr-1"
    assert list(stored.tokens) == list(source.tokens)
    assert list(stored.sentences) == list(source.sentences)
    assert stored.date == when
    assert stored.meta == {"source": "Mehr"}  # where it came from is not kept as metadata
    [span] = stored.spans
    assert (span.label, span.annotator, span.origin) == ("LOCATION", "ana", "human")
    assert span.created is not None and span.id is not None


def test_add_documents_is_all_or_nothing(project: Project) -> None:
    project.add_documents([doc("mehr-1")])
    seen: list[str] = []

    def progress(document: Document) -> None:
        seen.append(document.key)
        if len(seen) == 3:
            raise KeyboardInterrupt  # cancelled, or any failure, mid-way

    def documents() -> Iterator[Document]:
        for key in ("irna-2", "isna-3", "tasnim-4", "fars-5"):
            yield doc(key, spans=[Span(0, 3, "ACTOR")])

    with pytest.raises(KeyboardInterrupt):
        project.add_documents(documents(), on_document=progress)
    assert seen == ["irna-2", "isna-3", "tasnim-4"]
    assert project.document_keys() == ["mehr-1"]
    assert project_stats(project)["spans_by_label"]["ACTOR"] == 0
    # and the project takes the same documents afterwards
    assert project.add_documents(documents()).added == 4


def test_the_same_key_with_the_same_text_is_skipped(project: Project) -> None:
    project.add_documents([doc("mehr-1"), doc("irna-2")])
    summary = project.add_documents([doc("irna-2"), doc("isna-3"), doc("mehr-1")])
    assert summary.added == 1
    assert summary.skipped == ["irna-2", "mehr-1"]
    assert project.document_keys() == ["mehr-1", "irna-2", "isna-3"]


def test_the_same_key_with_another_text_is_an_error_and_adds_nothing(project: Project) -> None:
    project.add_documents([doc("mehr-1")])
    clash = doc("mehr-1", text="متن دیگری با همان شناسه", file="b.jsonl", record=2)
    with pytest.raises(InputError) as caught:
        project.add_documents([doc("irna-2"), clash])
    assert "'mehr-1'" in str(caught.value) and "different text" in str(caught.value)
    assert "b.jsonl" in str(caught.value) and "record 2" in str(caught.value)
    assert project.document_keys() == ["mehr-1"]


def test_a_key_twice_in_one_import_with_two_texts_is_an_error(project: Project) -> None:
    with pytest.raises(InputError, match="different text"):
        project.add_documents([doc("mehr-1"), doc("mehr-1", text="دیگر")])
    assert project.count_documents() == 0


def test_a_key_twice_in_one_import_far_apart_is_compared_with_what_is_staged(
        project: Project) -> None:
    between = [doc(f"k{n}", text=f"متن شماره {n}") for n in range(600)]  # beyond one batch
    summary = project.add_documents([doc("mehr-1"), *between, doc("mehr-1")])
    assert (summary.added, summary.skipped) == (601, ["mehr-1"])
    with pytest.raises(InputError, match="'irna-2' is already in this import with a different"):
        project.add_documents([doc("irna-2"), *between, doc("irna-2", text="دیگر")])
    assert project.count_documents() == 601


def test_unknown_span_labels_are_refused_or_added_on_request(project: Project) -> None:
    with pytest.raises(LabelError, match="not labels of the project: PER, ORG"):
        project.add_documents([doc("mehr-1", spans=[Span(0, 5, "PER"), Span(6, 12, "ORG")])])
    assert project.count_documents() == 0
    project.add_documents([doc("mehr-1", spans=[Span(0, 5, "PER"), Span(6, 12, "ORG")])],
                          add_labels=True)
    labels = project.labels()
    assert [lab.name for lab in labels] == ["ACTOR", "EVENT", "LOCATION", "PER", "ORG"]
    colours = [lab.color for lab in labels]
    assert len(set(colours)) == len(colours)
    assert labels[3].key == ""


# -- the document list -------------------------------------------------------------------------


def test_document_rows_in_import_order_with_counts(filled: Project) -> None:
    rows = filled.document_rows()
    assert [r.key for r in rows] == list(TEXTS)
    assert [r.status for r in rows] == [Status.DONE, Status.IN_PROGRESS, Status.NEW,
                                        Status.NEW, Status.DONE]
    assert [(r.span_count, r.pending) for r in rows] == [(2, 0), (0, 1), (0, 0), (1, 0),
                                                        (0, 0)]
    assert rows[0].title == TEXTS["mehr-1"][:20]
    assert [r.key for r in filled.document_rows(offset=1, limit=2)] == ["irna-2", "isna-3"]
    assert filled.document_rows(offset=5) == []


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (DocumentFilter(), list(TEXTS)),
        # text in the title (the first 20 characters here) or the id
        (DocumentFilter(text="نشست"), ["irna-2"]),
        (DocumentFilter(text="ربات"), ["isna-3"]),  # inside a word
        (DocumentFilter(text="tasnim-4"), ["tasnim-4"]),  # the id itself
        (DocumentFilter(text="-4"), ["tasnim-4"]),  # short: searched directly
        (DocumentFilter(text="ا"), ["mehr-1", "irna-2", "isna-3", "tasnim-4", "fars-5"]),
        (DocumentFilter(text="آغاز"), []),  # only in the article, past the title
        (DocumentFilter(text="نیست"), []),
        (DocumentFilter(statuses=frozenset({Status.DONE})), ["mehr-1", "fars-5"]),
        (DocumentFilter(statuses=frozenset({Status.NEW, Status.IN_PROGRESS})),
         ["irna-2", "isna-3", "tasnim-4"]),
        # a pending suggestion counts, a rejected one does not
        (DocumentFilter(label="LOCATION"), ["mehr-1", "irna-2"]),
        (DocumentFilter(label="EVENT"), ["tasnim-4"]),
        (DocumentFilter(text="نمایشگاه", statuses=frozenset({Status.DONE})), ["fars-5"]),
        (DocumentFilter(text="نمایشگاه", statuses=frozenset({Status.NEW})), []),
        (DocumentFilter(label="LOCATION", statuses=frozenset({Status.NEW})), []),
    ],
)
def test_filters(filled: Project, flt: DocumentFilter, expected: list[str]) -> None:
    assert [r.key for r in filled.document_rows(flt)] == expected
    assert filled.count_documents(flt) == len(expected)
    assert filled.document_keys(flt) == expected
    for row, key in enumerate(expected):
        assert filled.document_index(ids(filled)[key], flt) == row


def test_document_index_of_a_hidden_or_missing_document_is_none(filled: Project) -> None:
    done = DocumentFilter(statuses=frozenset({Status.DONE}))
    assert filled.document_index(ids(filled)["irna-2"], done) is None
    assert filled.document_index(999) is None


def test_first_document_is_the_first_not_done(filled: Project) -> None:
    assert filled.first_document() == ids(filled)["irna-2"]
    assert filled.first_document(not_done=False) == ids(filled)["mehr-1"]


def test_first_document_when_all_are_done_or_none_exist(project: Project) -> None:
    assert project.first_document() is None
    project.add_documents([doc("mehr-1", status=Status.DONE), doc("irna-2", status=Status.DONE)])
    assert project.first_document() == ids(project)["mehr-1"]


def test_neighbour(filled: Project) -> None:
    key_of = {v: k for k, v in ids(filled).items()}
    first, last = ids(filled)["mehr-1"], ids(filled)["fars-5"]
    assert key_of[filled.neighbour(first, 1) or 0] == "irna-2"
    assert filled.neighbour(first, -1) is None
    assert key_of[filled.neighbour(last, -1) or 0] == "tasnim-4"
    assert filled.neighbour(last, 1) is None
    # skipping documents that are done
    assert key_of[filled.neighbour(ids(filled)["tasnim-4"], -1, not_done=True) or 0] == "isna-3"
    assert filled.neighbour(ids(filled)["tasnim-4"], 1, not_done=True) is None
    assert filled.neighbour(999, 1) is None


# -- streaming and statistics ------------------------------------------------------------------


def test_iter_documents_streams_everything_in_order_across_batches(project: Project) -> None:
    docs = [doc(key, spans=[Span(0, 2, "ACTOR"), Span(3, 6, "EVENT")]) for key in TEXTS]
    extra = [Document(f"خبر شماره {n}", key=f"extra-{n}", spans=[Span(0, 3, "LOCATION")])
             for n in range(7)]
    project.add_documents([*docs, *extra])
    streamed = list(project.iter_documents(batch=2))
    assert [d.key for d in streamed] == [*TEXTS, *(f"extra-{n}" for n in range(7))]
    assert [[(s.start, s.end, s.label) for s in d.spans] for d in streamed[:5]] == [
        [(0, 2, "ACTOR"), (3, 6, "EVENT")]] * 5
    assert all([(s.start, s.end) for s in d.spans] == [(0, 3)] for d in streamed[5:])
    assert [d.text for d in streamed[:5]] == list(TEXTS.values())


def test_iter_documents_of_some_statuses(filled: Project) -> None:
    keys = [d.key for d in filled.iter_documents([Status.DONE], batch=1)]
    assert keys == ["mehr-1", "fars-5"]
    assert list(filled.iter_documents([Status.REVIEWED])) == []


def test_stats(filled: Project) -> None:
    stats = project_stats(filled)
    assert stats["documents"] == 5
    assert stats["documents_by_status"] == {"new": 2, "in_progress": 1, "done": 2,
                                            "reviewed": 0}
    assert stats["spans_by_label"] == {"ACTOR": 1, "EVENT": 1, "LOCATION": 1}
    assert stats["spans_by_origin"] == {"human": 3}
    assert stats["pending"] == 1
    m1 = stats["models"]["m1"]
    assert (m1["accepted"], m1["rejected"], m1["pending"]) == (0, 1, 1)
    assert m1["precision"] == 0.0


def test_stats_of_an_empty_project(project: Project) -> None:
    assert project_stats(project) == {
        "documents": 0,
        "documents_by_status": {"new": 0, "in_progress": 0, "done": 0, "reviewed": 0},
        "spans_by_label": {"ACTOR": 0, "EVENT": 0, "LOCATION": 0},
        "spans_by_origin": {},
        "pending": 0,
        "events_by_type": {},
        "models": {},
        "analysts": {},
        "curated": {"spans": 0, "documents": 0},
    }


def test_backup_is_a_readable_copy(filled: Project, tmp_path: Path) -> None:
    copy = filled.backup(tmp_path / "copies" / "backup.sqlite")
    assert copy.exists()
    assert not list(copy.parent.glob("*.part*"))
    with Project(copy, create=False) as restored:
        assert restored.document_keys() == list(TEXTS)
        assert project_stats(restored) == project_stats(filled)
    # the copy is independent of the project
    filled.set_status(ids(filled)["isna-3"], Status.DONE)
    with Project(copy, create=False) as restored:
        assert project_stats(restored)["documents_by_status"]["done"] == 2


def test_the_servers_trigrams_are_the_ones_the_filter_asks_for(postgres: Server) -> None:
    """A PostgreSQL project's text filter writes the trigram codes of its text into the query:
    they must be those the server's index holds, for any character (an emoji beyond the
    16-bit plane, ZWNJ, Persian and Latin)."""
    from annotator.storage.postgres import trigrams

    with Project(postgres.new_schema()) as project:
        for text in ("ab", "abc", "تهران", "می‌رود", "😀 خبر 😀", "\U0010fffd\U0010fffdx"):
            found = project.db.execute_sql("SELECT annotator_trigrams(%s)", (text,)).fetchone()
            assert found[0] == trigrams(text), text
        project.add_documents([doc("mehr-1", status=Status.DONE),
                               Document("متن", key="😀-ژنو-Reuters", title="خبر 😀 از ژنو")])
        assert project.document_keys(DocumentFilter(text="😀 از")) == ["😀-ژنو-Reuters"]
        assert project.document_keys(DocumentFilter(text="reuters")) == ["😀-ژنو-Reuters"]
        assert project.count_documents(DocumentFilter(text="ژن")) == 1
        assert project.document_index(project.keys_to_ids()["😀-ژنو-Reuters"],
                                      DocumentFilter(text="ژنو")) == 0
