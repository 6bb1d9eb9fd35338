"""Choosing a reader by extension and content, and expanding folders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.formats.base import NotAnArticle
from annotator.formats.conll import read_conll
from annotator.formats.detect import FORMATS, iter_files, read_records, reader_for
from annotator.formats.jsonl import read_json, read_jsonl
from annotator.formats.labelstudio import read_labelstudio
from annotator.formats.text_file import read_text_article

ARTICLE = "عنوان خبر\nخبرگزاری مهر ۲۶ آبان ۱۴۰۴\nمتن خبر درباره تهران.\n"
CONLL = "تهران\tB-LOC\nآرام\tO\n\nمهر\tB-ORG\n"


def make(path: Path, content: str | bytes = ARTICLE) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, "utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "content", "reader"),
    [
        ("a.txt", ARTICLE, read_text_article),
        ("a.TXT", ARTICLE, read_text_article),
        ("train.txt", CONLL, read_conll),
        ("train.txt", "-DOCSTART- -X- O\n\nEU NNP B-ORG\n", read_conll),
        ("peyma.txt", "شورای|B_ORG\nعالی|I_ORG\n||O\n\nتهران|B_LOC\n", read_conll),
        ("arman.txt", "محمدجواد B-pers\nظریف I-pers\nگفت O\n", read_conll),
        ("a.txt", "این خبر | گزارش ویژه\nمتن خبر درباره تهران.\n", read_text_article),
        ("a.jsonl", '{"text": "x"}\n', read_jsonl),
        ("a.ndjson", '{"text": "x"}\n', read_jsonl),
        ("a.json", '[{"data": {"text": "x"}}]', read_json),
        ("a.conll", CONLL, read_conll),
        ("a.tsv", CONLL, read_conll),
        ("a.bio", CONLL, read_conll),
        ("a.iob", CONLL, read_conll),
    ],
)
def test_auto_chooses_by_extension_and_content(
    tmp_path: Path, name: str, content: str, reader: object
) -> None:
    assert reader_for(make(tmp_path / name, content)) is reader


def test_an_article_whose_lines_end_in_a_tag_like_word_stays_an_article(tmp_path: Path) -> None:
    path = make(tmp_path / "a.txt", "گزارش\tO\nمتن خبر درباره تهران است.\n")
    assert reader_for(path) is read_text_article


def test_a_named_format_wins_over_the_extension(tmp_path: Path) -> None:
    path = make(tmp_path / "a.txt", CONLL)
    assert reader_for(path, "txt") is read_text_article
    assert reader_for(path, "labelstudio") is read_labelstudio
    assert set(FORMATS) == {"txt", "jsonl", "conll", "labelstudio", "brat"}
    with pytest.raises(InputError, match=re.escape("unknown format 'docx' (use one of auto, txt")):
        reader_for(path, "docx")


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("photo.png", "unknown format (use --format txt|jsonl|conll|labelstudio|brat)"),
        ("README", "unknown format (use --format txt|jsonl|conll|labelstudio|brat)"),
        ("news.docx", "not an article file (a Word document; save it as plain text (UTF-8))"),
        ("news.pdf", "not an article file (a PDF; save its text as plain text (UTF-8))"),
    ],
)
def test_files_in_no_supported_format_are_not_articles(
    tmp_path: Path, name: str, problem: str
) -> None:
    path = make(tmp_path / name, b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(NotAnArticle, match=f"^{re.escape(f'{path}: {problem}')}$"):
        reader_for(path)


def test_read_records_reads_what_reader_for_chooses(tmp_path: Path) -> None:
    (record,) = read_records(make(tmp_path / "mehr-1.txt"))
    assert (record.key, record.title) == ("mehr-1", "عنوان خبر")
    assert [r.key for r in read_records(make(tmp_path / "d.conll", CONLL))] == ["d-1", "d-2"]


def test_folders_expand_recursively_sorted_without_hidden_files(tmp_path: Path) -> None:
    root = tmp_path / "news"
    for name in ("b.txt", "a.txt", "irna/02.txt", "irna/01.txt", "mehr/01.txt", "a/z.txt",
                 ".hidden.txt", ".git/config", "irna/.DS_Store"):  # fmt: skip
        make(root / name)
    single = make(tmp_path / ".named.txt")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_files([root, single])]
    assert found == [
        "news/a/z.txt",
        "news/a.txt",
        "news/b.txt",
        "news/irna/01.txt",
        "news/irna/02.txt",
        "news/mehr/01.txt",
        ".named.txt",
    ]


def test_a_missing_path_is_an_error(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    with pytest.raises(InputError, match=f"^{re.escape(str(missing))}: no such file or folder$"):
        list(iter_files([missing]))
