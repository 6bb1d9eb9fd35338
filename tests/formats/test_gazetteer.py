"""Gazetteer files: TEXT<TAB>LABEL lines, bad ones refused with the file and the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.formats.gazetteer import GazetteerEntry, read_gazetteer

Z = "\u200c"


def write(tmp_path: Path, content: str | bytes) -> Path:
    path = tmp_path / "names.tsv"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_entries_with_their_lines(tmp_path: Path) -> None:
    path = write(tmp_path, f"\ufeffخبرگزاری مهر\tACTOR\n\n  \nتهران\tLOCATION\r\n"
                           f"نشست{Z}های سران \t EVENT\n")
    assert read_gazetteer(path) == [
        GazetteerEntry("خبرگزاری مهر", "ACTOR", 1),
        GazetteerEntry("تهران", "LOCATION", 4),
        GazetteerEntry(f"نشست{Z}های سران", "EVENT", 5),
    ]


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("تهران LOCATION", "no tab between the text and its label"),
        ("تهران\tLOCATION\tACTOR", "2 tabs"),
        ("\tLOCATION", "empty text before the tab"),
        ("  \tLOCATION", "empty text before the tab"),
        ("تهران\t", "empty label after the tab"),
        ("تهران\t \t", "2 tabs"),
        ("تهران\tNEW PLACE", 'label "NEW PLACE" holds white space'),
        ("ـــ\tLOCATION", "is only marks, kashida or spacing"),
    ],
)
def test_a_bad_line_is_refused_with_file_and_line(tmp_path: Path, line: str,
                                                   problem: str) -> None:
    path = write(tmp_path, f"مشهد\tLOCATION\n{line}\nشیراز\tLOCATION\n")
    with pytest.raises(InputError) as raised:
        read_gazetteer(path)
    assert raised.value.path == str(path)
    assert raised.value.line == 2
    assert problem in raised.value.problem
    assert str(raised.value).startswith(f"{path}, line 2: ")


def test_labels_not_of_the_project_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "مشهد\tLOCATION\nپارک ملت\tPLACE\n")
    with pytest.raises(InputError, match=r"line 2: label \"PLACE\" is not one of the "
                                         r"project's labels \(ACTOR, EVENT, LOCATION\)"):
        read_gazetteer(path, {"ACTOR", "EVENT", "LOCATION"})
    assert len(read_gazetteer(path)) == 2


def test_not_utf8_and_empty_files_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="line 2"):
        read_gazetteer(write(tmp_path, "مشهد\tLOCATION\n".encode() + b"\xff\xfe\tACTOR\n"))
    with pytest.raises(InputError, match="empty file"):
        read_gazetteer(write(tmp_path, "\n \n"))
    with pytest.raises(InputError, match=r"names\.tsv\.missing"):
        read_gazetteer(tmp_path / "names.tsv.missing")
