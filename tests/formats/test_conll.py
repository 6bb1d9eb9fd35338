"""CoNLL in: the file's own tokens and sentences, spans from BIO/BIOES/IOB1 tags."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.formats.base import Record
from annotator.formats.conll import read_conll, spans_from_tags


@pytest.mark.parametrize(
    ("tags", "spans"),
    [
        (["O", "O"], []),
        (["B-PER", "I-PER", "O", "B-LOC"], [(0, 2, "PER"), (3, 4, "LOC")]),
        (["B-LOC", "B-LOC", "I-LOC"], [(0, 1, "LOC"), (1, 3, "LOC")]),
        (["B-PER", "I-LOC"], [(0, 1, "PER"), (1, 2, "LOC")]),
        # IOB1: I- starts a span unless it continues one of its label.
        (["I-ORG", "I-ORG", "O", "I-ORG"], [(0, 2, "ORG"), (3, 4, "ORG")]),
        # BIOES
        (
            ["B-ORG", "I-ORG", "E-ORG", "S-LOC", "S-LOC"],
            [(0, 3, "ORG"), (3, 4, "LOC"), (4, 5, "LOC")],
        ),
        (["B-ORG", "E-ORG", "I-ORG"], [(0, 2, "ORG"), (2, 3, "ORG")]),
        (["E-PER"], [(0, 1, "PER")]),
        # BILOU spellings
        (["B-ACTOR", "L-ACTOR", "U-EVENT"], [(0, 2, "ACTOR"), (2, 3, "EVENT")]),
        (["B-PER", "I-PER"], [(0, 2, "PER")]),
    ],
)
def test_spans_from_tags(tags: list[str], spans: list[tuple[int, int, str]]) -> None:
    assert spans_from_tags(tags) == spans


@pytest.mark.parametrize("tag", ["BPER", "X-Y", "B-", "B_", "b-PER", "PER", "o", ""])
def test_spans_from_tags_refuses_what_is_not_a_tag(tag: str) -> None:
    with pytest.raises(ValueError, match=re.escape("is not O or B-, I-, E-, S- (or B_ ...)")):
        spans_from_tags(["O", tag])


def test_underscore_after_the_prefix_and_labels_in_any_case() -> None:
    # PEYMA writes B_ORG, Arman B-pers; a label may hold - and _ of its own.
    assert spans_from_tags(["B_ORG", "I_ORG", "O", "B-pers", "I-Pers", "S_NAT-REL"]) == [
        (0, 2, "ORG"), (3, 5, "PERS"), (5, 6, "NAT-REL")]


def words(record: Record) -> list[str]:
    t = record.tokens or []
    return [record.text[t[i] : t[i + 1]] for i in range(0, len(t), 2)]


def spans_of(record: Record) -> list[tuple[str, str]]:
    return [(s.label, record.text[s.start : s.end]) for s in record.spans]


DOCUMENTS = """-DOCSTART-\tO

دونالد\tB-PER
ترامپ\tI-PER
می‌گوید\tO
.\tO

ایالات‌متحده\tB-LOC
با\tO
ايران\tB-LOC
مذاكره\tB-EVE
می‌کند\tI-EVE

-DOCSTART-\tO

😀\tO
Donald\tB-PER
Trump\tI-PER
"""


def test_documents_keep_their_tokens_and_sentences(tmp_path: Path) -> None:
    path = tmp_path / "news.conll"
    path.write_text(DOCUMENTS, "utf-8")
    first, second = read_conll(path)

    assert first.text == "دونالد ترامپ می‌گوید .\nایالات‌متحده با ايران مذاكره می‌کند"
    assert words(first) == ["دونالد", "ترامپ", "می‌گوید", ".", "ایالات‌متحده", "با", "ايران",
                            "مذاكره", "می‌کند"]  # fmt: skip
    assert first.sentences == [0, 4]
    assert spans_of(first) == [
        ("PER", "دونالد ترامپ"),
        ("LOC", "ایالات‌متحده"),
        ("LOC", "ايران"),
        ("EVE", "مذاكره می‌کند"),
    ]
    assert (first.key, first.key_given, first.line) == ("news-1", False, 3)

    assert second.text == "😀 Donald Trump"
    assert second.tokens == [0, 1, 2, 8, 9, 14]  # code points: the emoji is one
    assert spans_of(second) == [("PER", "Donald Trump")]
    assert (second.key, second.line, second.sentences) == ("news-2", 16, [0])


def test_without_docstart_each_block_is_a_document(tmp_path: Path) -> None:
    path = tmp_path / "train.txt"
    path.write_text("\n\nتهران\tB-LOC\nآرام\tO\n\n\nمهر\tB-ORG\r\nگزارش\tO\r\nداد\tO\n", "utf-8")
    records = list(read_conll(path))
    assert [(r.key, r.text, r.line) for r in records] == [
        ("train-1", "تهران آرام", 3),
        ("train-2", "مهر گزارش داد", 7),
    ]
    assert [spans_of(r) for r in records] == [[("LOC", "تهران")], [("ORG", "مهر")]]


def test_space_separated_columns_first_and_last(tmp_path: Path) -> None:
    path = tmp_path / "conll2003.conll"
    path.write_text("-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n", "utf-8")
    (record,) = read_conll(path)
    assert (record.text, spans_of(record)) == ("EU rejects", [("ORG", "EU")])


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("ترامپ\tBPER", 'tag "BPER" is not O or B-, I-, E-, S- (or B_ ...) and a label'),
        ("ترامپ\tX-Y", 'tag "X-Y" is not O or B-, I-, E-, S- (or B_ ...) and a label'),
        ("ترامپ|X_Y", 'tag "X_Y" is not O or B-, I-, E-, S- (or B_ ...) and a label'),
        ("ترامپ", "no tag column (expected TOKEN<TAB>TAG or TOKEN|TAG)"),
        ("ترامپ\t", "no tag column (expected TOKEN<TAB>TAG or TOKEN|TAG)"),
        ("ترامپ|", "no tag column (expected TOKEN<TAB>TAG or TOKEN|TAG)"),
        ("\tO", "no token before the tag"),
        ("|B_PER", "no token before the tag"),
    ],
)
def test_bad_lines_name_the_file_and_line(tmp_path: Path, line: str, problem: str) -> None:
    path = tmp_path / "bad.conll"
    path.write_text(f"دونالد\tB-PER\n\n{line}\nگفت\tO\n", "utf-8")
    with pytest.raises(InputError, match=f"^{re.escape(f'{path}, line 3: {problem}')}$"):
        list(read_conll(path))


@pytest.mark.parametrize(
    ("content", "problem"),
    [("", "empty file"), ("\n \n", "empty file"), ("-DOCSTART-\tO\n\n", "no tokens in the file")],
)
def test_a_file_without_tokens_is_refused(tmp_path: Path, content: str, problem: str) -> None:
    path = tmp_path / "empty.conll"
    path.write_text(content, "utf-8")
    with pytest.raises(InputError, match=f"^{re.escape(f'{path}: {problem}')}$"):
        list(read_conll(path))


# PEYMA's layout: TOKEN|TAG, an underscore in the tag, no -DOCSTART- (each sentence a
# document). Tokens hold a pipe, an underscore and a hyphen of their own.
PEYMA = """\
شورای|B_ORG
عالی|I_ORG
امنیت|I_ORG
ملی|I_ORG
در|O
تهران|B_LOC
تشکیل|O
جلسه|O
داد|O
.|O

نشست|O
کووید_۱۹|O
در|O
سازمان|B_ORG
بهداشت|I_ORG
جهانی|I_ORG
||O
ضد-آمریکایی|O
نبود|O
.|O
"""

# Arman's layout: space-separated, lower-case labels, ZWNJ inside words.
ARMAN = """\
محمدجواد B-pers
ظریف I-pers
وزیر O
امور O
خارجه O
ایران B-loc
در O
نشست B-event
مجمع I-event
عمومی I-event
سازمان B-org
ملل I-org
سخن O
می‌گوید O
. O
"""


def test_peyma_pipes_and_underscores(tmp_path: Path) -> None:
    path = tmp_path / "peyma.conll"
    path.write_text(PEYMA, "utf-8")
    first, second = read_conll(path)
    assert spans_of(first) == [("ORG", "شورای عالی امنیت ملی"), ("LOC", "تهران")]
    assert words(second) == ["نشست", "کووید_۱۹", "در", "سازمان", "بهداشت", "جهانی", "|",
                             "ضد-آمریکایی", "نبود", "."]  # fmt: skip
    assert spans_of(second) == [("ORG", "سازمان بهداشت جهانی")]
    assert (second.key, second.line) == ("peyma-2", 12)


def test_a_token_may_hold_pipes_the_tag_is_after_the_last(tmp_path: Path) -> None:
    path = tmp_path / "pipes.conll"
    path.write_text("a|b|B_ORG\nبا فاصله|I_ORG\nx|y O\n", "utf-8")
    (record,) = read_conll(path)
    assert words(record) == ["a|b", "با فاصله", "x|y"]
    assert spans_of(record) == [("ORG", "a|b با فاصله")]


def test_arman_lower_case_labels_are_upper_cased(tmp_path: Path) -> None:
    path = tmp_path / "arman.txt"
    path.write_text(ARMAN, "utf-8")
    (record,) = read_conll(path)
    assert spans_of(record) == [("PERS", "محمدجواد ظریف"), ("LOC", "ایران"),
                                ("EVENT", "نشست مجمع عمومی"), ("ORG", "سازمان ملل")]
    assert words(record)[-2] == "می‌گوید"


def test_conll_records_have_no_header_to_read_a_date_from(tmp_path: Path) -> None:
    path = tmp_path / "bio.conll"
    path.write_text("زاده\tO\n4\tO\nمهر\tO\n1318\tO\n", "utf-8")
    (record,) = read_conll(path)
    assert record.header is False
    assert record.date is None
