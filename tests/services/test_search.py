"""Search inside articles on both databases: the index filled in batches after imports (not
by them), the same documents found on a file and on PostgreSQL, the document list's text
filter over titles, ids and text, and ``annotator search``."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from annotator.cli.main import run
from annotator.core.errors import InputError
from annotator.core.model import Document, Status
from annotator.services.search import catch_up, search
from annotator.storage import DocumentFilter, Project

TEXTS = {
    "mehr-1": "دیدار وزیران\nعباس عراقچي، وزير امور خارجه، در تهـــران با «زونگ» دیدار کرد.",
    "irna-2": "نشست بریکس\nاجلاس بریکس در کازان برگزار شد؛ خبرگزاری‌مهر گزارش داد.",
    "isna-3": "گزارش هواشناسی\nبارش برف در تهران و شمال کشور.",
    "tasnim-4": "عراقچی در ژنو\nوزیر امور خارجه ایران در ژنو سخنرانی کرد.",
}


def fill(location: Path | str, texts: dict[str, str] = TEXTS) -> None:
    with Project(location) as project:
        project.add_documents([Document(text, key=key, title=text.split("\n")[0])
                               for key, text in texts.items()])


def keys(project: Project, query: str) -> list[str]:
    found = search(project, query)
    return [hit.key for hit in found.hits()]


def test_imports_leave_the_index_to_the_background(location: Path | str) -> None:
    fill(location)
    with Project(location) as project:
        assert project.text_index_state() == (0, 4)
        found = search(project, "عراقچی")
        assert (found.ids, found.unsearched) == ([], 4)
        assert catch_up(project) == 4
        assert project.text_index_state() == (4, 0)
        assert catch_up(project) == 0


@pytest.mark.parametrize(("query", "expected"), [
    ("عراقچی", ["mehr-1", "tasnim-4"]),
    ("عراقچ", ["mehr-1", "tasnim-4"]),
    ("وزیر امور خارجه", ["mehr-1", "tasnim-4"]),
    ("تهران", ["mehr-1", "isna-3"]),
    ("خبرگزاری مهر", ["irna-2"]),
    ("کازان برگزار", ["irna-2"]),
    ("برگزار کازان", []),
    ("ژنو", ["tasnim-4"]),
    ("xyz", []),
])
def test_the_same_documents_are_found_on_both_databases(location: Path | str, query: str,
                                                        expected: list[str]) -> None:
    fill(location)
    with Project(location) as project:
        catch_up(project)
        assert keys(project, query) == expected


def test_hits_carry_their_lines_and_offsets(location: Path | str) -> None:
    fill(location)
    with Project(location) as project:
        catch_up(project)
        (hit,) = search(project, "وزیر امور").hits(limit=1)
    text = TEXTS["mehr-1"]
    assert (hit.key, hit.title) == ("mehr-1", "دیدار وزیران")
    (line,) = hit.lines
    assert line.number == 2
    assert [text[a:b] for a, b in line.matches] == ["وزير امور"]


def test_indexing_goes_in_batches_and_stops_keeping_what_was_written(
        location: Path | str) -> None:
    texts = {f"doc-{n}": f"خبر شماره {n}\nدیدار در تهران" for n in range(25)}
    fill(location, texts)
    seen: list[tuple[int, int]] = []

    def stop_after_two(done: int, waiting: int) -> None:
        seen.append((done, waiting))
        if len(seen) == 2:
            raise KeyboardInterrupt

    with Project(location) as project:
        with pytest.raises(KeyboardInterrupt):
            project.index_text(batch=10, on_batch=stop_after_two)
        assert seen == [(10, 25), (20, 25)]
        assert project.text_index_state()[1] == 5
        assert project.index_text(batch=10) == 5
        assert len(search(project, "دیدار در تهران").ids) == 25


def test_two_indexers_at_once_index_each_document_once(location: Path | str) -> None:
    texts = {f"doc-{n}": f"خبر شماره {n}\nنشست در کازان" for n in range(300)}
    fill(location, texts)
    done: list[int] = []

    def index() -> None:
        with Project(location) as project:
            done.append(project.index_text(batch=20))

    threads = [threading.Thread(target=index) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sum(done) == 300
    with Project(location) as project:
        assert search(project, "کازان").ids == sorted(set(search(project, "کازان").ids))
        assert len(search(project, "نشست در کازان").ids) == 300


def test_the_list_filter_finds_titles_ids_and_text(location: Path | str) -> None:
    fill(location)
    with Project(location) as project:
        catch_up(project)
        project.set_status(project.keys_to_ids()["isna-3"], Status.DONE)

        def listed(text: str, **more: object) -> list[str]:
            flt = DocumentFilter(text=text, **more)  # type: ignore[arg-type]
            rows = project.document_rows(flt)
            assert project.count_documents(flt) == len(rows)
            for n, row in enumerate(rows):
                assert project.document_index(row.id, flt) == n
            return [row.key for row in rows]

        assert listed("تهران") == ["mehr-1", "isna-3"]  # the text (a kashida in one)
        assert listed("بریکس") == ["irna-2"]  # the title
        assert listed("tasnim") == ["tasnim-4"]  # the id
        assert listed("واشناس") == ["isna-3"]  # the middle of a word in a title, as before
        assert listed("هران") == []  # but not in the text
        assert listed("تهران", statuses=frozenset({Status.NEW})) == ["mehr-1"]
        assert project.document_index(project.keys_to_ids()["irna-2"],
                                      DocumentFilter(text="تهران")) is None


def test_a_restore_starts_the_index_again(location: Path | str, tmp_path: Path) -> None:
    fill(location)
    backup = tmp_path / "backup.sqlite"
    with Project(location) as project:
        project.backup(backup)  # of the documents, before any was indexed
        catch_up(project)
        assert search(project, "ژنو").ids
        project.restore_from(backup)
        assert project.text_index_state()[1] == 4
        catch_up(project)
        assert keys(project, "ژنو") == ["tasnim-4"]


def test_a_query_of_no_word_is_refused(location: Path | str) -> None:
    fill(location)
    with Project(location) as project, pytest.raises(InputError, match="nothing to search"):
        search(project, " «…» ")


def test_search_command(location: Path | str, capsys: pytest.CaptureFixture[str]) -> None:
    fill(location)
    db = str(location)
    assert run(["search", "وزير امور خارجه", "--db", db]) == 0
    out, err = capsys.readouterr()
    assert out == ("mehr-1\tدیدار وزیران\n"
                   "  2: عباس عراقچي، وزير امور خارجه، در تهـــران با «زونگ» دیدار کرد.\n"
                   "tasnim-4\tعراقچی در ژنو\n"
                   "  2: وزیر امور خارجه ایران در ژنو سخنرانی کرد.\n")
    assert err.endswith("«وزیر امور خارجه…»: 2 documents\n")
    assert run(["search", "تهران", "--json", "--db", db]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["documents"] == 2
    assert [r["id"] for r in result["results"]] == ["mehr-1", "isna-3"]
    first = result["results"][0]["lines"][0]
    text = TEXTS["mehr-1"]
    assert first["line"] == 2
    assert [text[m["start"]:m["end"]] for m in first["matches"]] == ["تهـــران"]
    assert run(["search", "...", "--db", db]) == 1
    assert capsys.readouterr().err == ("annotator: '...': nothing to search for (give a word "
                                       "or more)\n")


def test_a_phrase_is_its_words_in_a_row_not_its_pairs_apart(location: Path | str) -> None:
    """Each pair of the phrase is in the text, but not the three words in a row."""
    fill(location, {"a": "وزیر امور داخلی و امور خارجه", "b": "وزیر امور خارجه",
                    "c": "امور خارجه و وزیر امور"})
    with Project(location) as project:
        catch_up(project)
        assert keys(project, "وزیر امور خارجه") == ["b"]
        assert keys(project, "وزیر امور خار") == ["b"]
        assert keys(project, "امور خارجه") == ["a", "b", "c"]
        assert keys(project, "خارجه وزیر") == []


def test_a_read_only_project_file_is_searched_as_far_as_it_is_indexed(
        project_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    fill(project_path, {"a": "نشست در ژنو"})
    with Project(project_path) as project:
        catch_up(project)
    fill(project_path, {"b": "دیدار در ژنو"})
    monkeypatch.setattr("annotator.storage.sqlite._writable", lambda path: False)
    assert run(["search", "ژنو", "--db", str(project_path)]) == 0
    out, err = capsys.readouterr()
    assert out == "a\tنشست در ژنو\n  1: نشست در ژنو\n"
    assert "annotator: warning: 1 document not searched (not indexed yet)" in err
