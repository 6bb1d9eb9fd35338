"""brat standoff: a hand-written Persian collection (several paragraphs, emoji before the spans,
events with actors, recipients and locations) read and written back the same; every bad
``.ann`` refused with its file and line, adding nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.core.events import DEFAULT_EVENT_TYPES, Argument, Event, Role
from annotator.core.model import Document, Span
from annotator.formats.brat import read_brat
from annotator.formats.brat_writer import (
    BratReport,
    ann_text,
    annotation_conf,
    brat_name,
    write_document,
)
from annotator.formats.detect import reader_for
from annotator.services.importing import ImportOptions, import_paths, prepare_document
from annotator.storage import Project
from annotator.text.normalize import Level

# 😀 is one code point (two UTF-16 units), 🇮🇷 two: brat counts code points, as we do.
TEXT = """😀 دیدار در سوچی
خبرگزاری مهر دوشنبه 26 آبان 1404 - 14:19

دبیرکل حزب کمونیست روسیه و نماینده ویژه کره شمالی روز دوشنبه با وزیر خارجه چین در سوچی دیدار کردند.

به گزارش مهر، دو طرف تحریم‌های غرب را محکوم کردند و 🇮🇷 ایران از این نشست حمایت کرد.

هزاران دانشجو در تهران در برابر سفارت تظاهرات کردند.
"""

SPAN_LINES = """\
T1\tACTOR 58 82\tدبیرکل حزب کمونیست روسیه
T2\tACTOR 85 107\tنماینده ویژه کره شمالی
T3\tACTOR 122 136\tوزیر خارجه چین
T4\tLOCATION 140 144\tسوچی
T5\tCONSULT 145 150\tدیدار
T6\tACTOR 173 179\tدو طرف
T7\tACTOR 190 193\tغرب
T8\tACCUSE 197 202\tمحکوم
T9\tACTOR 214 219\tایران
T10\tEVENT 227 231\tنشست
T11\tSUPPORT 232 237\tحمایت
T12\tACTOR 244 257\tهزاران دانشجو
T13\tLOCATION 261 266\tتهران
T14\tPROTEST 282 289\tتظاهرات
"""
EVENT_LINES = """\
E1\tCONSULT:T5 Actor:T1 Actor2:T2 Recipient:T3 Location:T4
E2\tACCUSE:T8 Actor:T6 Recipient:T7
E3\tSUPPORT:T11 Actor:T9
E4\tPROTEST:T14 Actor:T12 Location:T13
"""
OTHER_LINES = """\
#1\tAnnotatorNotes T1\tدبیرکل حزب
R1\tMember Arg1:T9 Arg2:T6
A1\tConfidence E3 High
N1\tReference T13 Wikidata:Q3616\tتهران
"""
ANN = SPAN_LINES + EVENT_LINES + OTHER_LINES

FRAMES = [
    ("CONSULT", "دیدار", [("actor", "دبیرکل حزب کمونیست روسیه"),
                          ("actor", "نماینده ویژه کره شمالی"),
                          ("recipient", "وزیر خارجه چین"), ("location", "سوچی")]),
    ("ACCUSE", "محکوم", [("actor", "دو طرف"), ("recipient", "غرب")]),
    ("SUPPORT", "حمایت", [("actor", "ایران")]),
    ("PROTEST", "تظاهرات", [("actor", "هزاران دانشجو"), ("location", "تهران")]),
]


def collection(folder: Path, ann: str = ANN, text: str = TEXT, name: str = "mehr-1") -> Path:
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.txt").write_text(text, encoding="utf-8", newline="")
    (folder / f"{name}.ann").write_text(ann, encoding="utf-8", newline="")
    return folder / f"{name}.txt"


def read(path: Path, label_map: dict[str, str] | None = None) -> Document:
    [record] = list(read_brat(path))
    return prepare_document(record, Level.NONE, label_map or {})


def frames(doc: Document) -> list[tuple[str, str, list[tuple[str, str]]]]:
    text = doc.text
    return [(e.type, text[e.trigger.start:e.trigger.end],
             [(a.role.value, text[a.span.start:a.span.end]) for a in e.ordered_arguments()])
            for e in sorted(doc.events, key=lambda e: e.trigger.start)]


def spans_of(doc: Document) -> list[tuple[str, str]]:
    return [(s.label, doc.text[s.start:s.end]) for s in sorted(doc.spans, key=lambda s: s.start)]


def test_a_hand_written_collection_reads_with_its_spans_events_and_roles(tmp_path: Path) -> None:
    path = collection(tmp_path / "in")
    [record] = list(read_brat(path))
    assert record.key == "mehr-1" and record.text == TEXT
    assert record.left_out == [f"{tmp_path / 'in' / 'mehr-1.ann'}: 4 lines not imported "
                               "(1 attribute, 1 normalization, 1 note, 1 relation): the project "
                               "has no place for them"]
    doc = prepare_document(record, Level.NONE, {})
    assert frames(doc) == FRAMES
    assert spans_of(doc)[:5] == [("ACTOR", "دبیرکل حزب کمونیست روسیه"),
                                 ("ACTOR", "نماینده ویژه کره شمالی"),
                                 ("ACTOR", "وزیر خارجه چین"), ("LOCATION", "سوچی"),
                                 ("EVENT", "دیدار")]  # triggers are EVENT spans
    assert ("EVENT", "نشست") in spans_of(doc)  # an EVENT span no event uses
    assert doc.title == "😀 دیدار در سوچی" and doc.date is not None


def test_written_back_it_is_the_same_file_less_what_has_no_place(tmp_path: Path) -> None:
    doc = read(collection(tmp_path / "in"))
    text, ann = ann_text(doc)
    assert text == TEXT
    assert ann == SPAN_LINES + EVENT_LINES


def test_ids_and_order_of_lines_do_not_matter(tmp_path: Path) -> None:
    """Lines in reverse order, other ids (T101 for T1, ...), a trigger typed EVENT: the same
    spans and events, written back with ids in text order."""

    def renamed(ref: str) -> str:
        return f"T{100 + int(ref[1:])}"

    lines = []
    for line in (SPAN_LINES + EVENT_LINES).splitlines():
        name, rest = line.split("\t", 1)
        if name.startswith("T"):
            lines.append(f"{renamed(name)}\t{rest}")
        else:
            parts = [f"{role}:{renamed(ref)}" for role, ref in (p.split(":") for p in rest.split())]
            lines.append(f"{name}\t{' '.join(parts)}")
    ann = "\n".join(reversed(lines)).replace("\tCONSULT 145", "\tEVENT 145") + "\n"
    doc = read(collection(tmp_path / "in", ann=ann))
    assert frames(doc) == FRAMES
    assert ann_text(doc)[1] == SPAN_LINES + EVENT_LINES


def test_written_to_a_folder_and_read_again(tmp_path: Path) -> None:
    doc = read(collection(tmp_path / "in"))
    out = tmp_path / "out"
    out.mkdir()
    write_document(doc, out, "mehr-1")
    again = read(out / "mehr-1.txt")
    assert again.text == doc.text
    assert spans_of(again) == spans_of(doc) and frames(again) == FRAMES
    assert (out / "mehr-1.ann").read_text(encoding="utf-8") == SPAN_LINES + EVENT_LINES


def test_a_byte_order_mark_counts_as_brat_counts_it(tmp_path: Path) -> None:
    shifted = "".join(
        f"{name}\t{label} {int(a) + 1} {int(b) + 1}\t{text}\n"
        for name, (label, a, b), text in (
            (n, rest.split(" "), t) for n, rest, t in
            (line.split("\t") for line in SPAN_LINES.splitlines())))
    path = tmp_path / "in"
    path.mkdir()
    (path / "a.txt").write_bytes(b"\xef\xbb\xbf" + TEXT.encode())
    (path / "a.ann").write_text(shifted + EVENT_LINES, encoding="utf-8")
    doc = read(path / "a.txt")
    assert doc.text == TEXT and frames(doc) == FRAMES


def test_crlf_counts_as_one_character_as_brat_reads_it(tmp_path: Path) -> None:
    doc = read(collection(tmp_path / "in", text=TEXT.replace("\n", "\r\n")))
    assert doc.text == TEXT and frames(doc) == FRAMES


def test_a_text_holding_cr_is_written_with_lf_and_offsets_to_match() -> None:
    text = "نشست\r\nدر\r\nتهران"
    tehran = Span(text.index("تهران"), len(text), "LOCATION")
    written, ann = ann_text(Document(text, spans=[tehran]))
    assert written == "نشست\nدر\nتهران"
    assert ann == "T1\tLOCATION 8 13\tتهران\n"


def test_a_text_without_annotations_is_a_document_without_spans(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bare.txt").write_text("نشست در مشهد", encoding="utf-8")
    [record] = list(read_brat(folder / "bare.txt"))
    assert record.spans == [] and record.events == []


def test_labels_types_and_roles_go_through_the_label_map(tmp_path: Path) -> None:
    ann = ("T1\tPerson 58 82\tدبیرکل حزب کمونیست روسیه\n"
           "T2\tPerson 122 136\tوزیر خارجه چین\n"
           "T3\tPlace 140 144\tسوچی\n"
           "T4\tMeet 145 150\tدیدار\n"
           "E1\tMeet:T4 Org1:T1 Org2:T2 Where:T3\n")
    doc = read(collection(tmp_path / "in", ann=ann),
               {"Person": "ACTOR", "Place": "LOCATION", "Meet": "CONSULT",
                "Org1": "actor", "Org2": "recipient", "Where": "location"})
    assert frames(doc) == [("CONSULT", "دیدار", [("actor", "دبیرکل حزب کمونیست روسیه"),
                                                 ("recipient", "وزیر خارجه چین"),
                                                 ("location", "سوچی")])]


def test_numbered_roles_fall_back_to_their_name(tmp_path: Path) -> None:
    ann = ("T1\tPerson 58 82\tدبیرکل حزب کمونیست روسیه\n"
           "T2\tPerson 85 107\tنماینده ویژه کره شمالی\n"
           "T3\tMeet 145 150\tدیدار\n"
           "E1\tMeet:T3 Agent:T1 Agent2:T2\n")
    doc = read(collection(tmp_path / "in", ann=ann),
               {"Person": "ACTOR", "Meet": "CONSULT", "Agent": "actor"})
    assert frames(doc)[0][2] == [("actor", "دبیرکل حزب کمونیست روسیه"),
                                 ("actor", "نماینده ویژه کره شمالی")]


BAD = [
    # offsets past the end of the text
    (SPAN_LINES.replace("\tPROTEST 282 289\t", "\tPROTEST 282 389\t") + EVENT_LINES, 14,
     "T14: offsets 282..389 are past the end of the text (297 characters in mehr-1.txt)"),
    # a T line whose text is not the text at its offsets
    (SPAN_LINES.replace("\tLOCATION 140 144\tسوچی", "\tLOCATION 140 144\tمسکو") + EVENT_LINES,
     4, "T4 says «مسکو» but the text at 140..144 is «سوچی»"),
    # offsets counted in UTF-16 units (one more for the emoji): the text differs
    (SPAN_LINES.replace("\tACTOR 58 82\t", "\tACTOR 59 83\t") + EVENT_LINES, 1,
     "T1 says «دبیرکل حزب کمونیست روسیه» but the text at 59..83 is «بیرکل حزب کمونیست روسیه »"),
    # an E line naming a span that is not there
    (SPAN_LINES + EVENT_LINES.replace("Recipient:T7", "Recipient:T70"), 16,
     "E2: the argument Recipient T70 is not in the file"),
    (SPAN_LINES + EVENT_LINES.replace("SUPPORT:T11", "SUPPORT:T99"), 17,
     "E3: the trigger T99 is not in the file"),
    # an unknown type (refused at import, with the .ann's line)
    (SPAN_LINES.replace("\tSUPPORT 232", "\tPRAISE 232") + EVENT_LINES.replace(
        "SUPPORT:T11", "PRAISE:T11"), 17, "E3: unknown event type 'PRAISE'"),
    # an unknown role
    (SPAN_LINES + EVENT_LINES.replace("Actor:T9", "Theme:T9"), 17,
     "E3: unknown role 'Theme' (the roles are actor, recipient, location; map another with "
     "--label-map Theme=actor)"),
    # a role given a span of another label
    (SPAN_LINES + EVENT_LINES.replace("Location:T13", "Location:T12"), 18,
     "E4: the role location takes LOCATION spans, not ACTOR «هزاران دانشجو» (244..257)"),
    # an event whose argument is an event
    (SPAN_LINES + EVENT_LINES.replace("Actor:T9", "Actor:E2"), 17,
     "E3: the argument Actor E2 is an event; arguments here are spans (T lines)"),
    # a trigger whose type is not its event's
    (SPAN_LINES + EVENT_LINES.replace("ACCUSE:T8", "THREATEN:T8"), 16,
     "E2: its trigger T8 is a ACCUSE span; brat gives a trigger its event's type (THREATEN)"),
    # two events on one trigger
    (SPAN_LINES + EVENT_LINES + "E5\tSUPPORT:T11 Actor:T6\n", 19,
     "E5: EVENT «حمایت» (232..237) is already the trigger of an event (SUPPORT)"),
    (SPAN_LINES.replace("T4\tLOCATION 140 144", "T4\tLOCATION 140 142;143 144") + EVENT_LINES,
     4, "T4: a discontinuous span (140 142;143 144); a span here is one stretch of text"),
    (SPAN_LINES.replace("T4\tLOCATION 140 144", "T4\tLOCATION 140 x") + EVENT_LINES, 4,
     "T4: offsets «140 x» are not START END (two whole numbers)"),
    (SPAN_LINES.replace("T4\tLOCATION 140 144\tسوچی", "T4\tLOCATION 144 144\t")
     + EVENT_LINES, 4, "T4: an empty span (144..144)"),
    (SPAN_LINES + "T1\tACTOR 58 82\tدبیرکل حزب کمونیست روسیه\n", 15,
     "T1 appears twice (first on line 1)"),
    (SPAN_LINES + "T15\tACTOR 70 90\tمونیست روسیه و نماین\n", 15,
     "T15 (70..90) overlaps T1 (58..82, line 1): spans of a document may not overlap"),
    (SPAN_LINES + "X1\tsomething\n", 15, "X1 is not a brat annotation id"),
    (SPAN_LINES + "T15 ACTOR 58 82 دبیرکل\n", 15,
     "«T15 ACTOR 58 82 دبیرکل» is not a brat annotation (ID<TAB>...)"),
    (SPAN_LINES + "E1\tCONSULT T5\n", 15, "E1: not TYPE:TRIGGER ROLE:ID ..."),
    (SPAN_LINES + "E1\tCONSULT:T5 Actor\n", 15, "E1: argument «Actor» is not ROLE:ID"),
]


@pytest.mark.parametrize(("ann", "line", "message"), BAD)
def test_a_bad_ann_is_refused_with_its_file_and_line_adding_nothing(
        tmp_path: Path, project: Project, ann: str, line: int, message: str) -> None:
    folder = tmp_path / "in"
    collection(folder, name="a-good-one")
    collection(folder, ann=ann)
    with pytest.raises(InputError) as caught:
        import_paths(project, [folder], ImportOptions(format="brat", normalize="none"))
    where = f"{folder / 'mehr-1.ann'}, line {line}: "
    assert str(caught.value).startswith(where + message), str(caught.value)
    assert project.count_documents() == 0


def test_annotations_without_their_text_are_refused(tmp_path: Path, project: Project) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "lost.ann").write_text(SPAN_LINES, encoding="utf-8")
    with pytest.raises(InputError, match=r"lost.ann: no text beside it \(lost.txt\)"):
        import_paths(project, [folder], ImportOptions(format="brat"))


def test_a_collection_imports_with_auto_and_reports_what_it_left_out(tmp_path: Path,
                                                                      project: Project) -> None:
    folder = tmp_path / "in"
    collection(folder)
    (folder / "annotation.conf").write_text("[entities]\nACTOR\n", encoding="utf-8")
    (folder / "notes.md").write_text("# notes", encoding="utf-8")
    assert reader_for(folder / "mehr-1.txt") is read_brat
    assert reader_for(folder / "mehr-1.ann") is read_brat
    assert list(read_brat(folder / "annotation.conf")) == []
    result = import_paths(project, [folder], ImportOptions(normalize="none"))
    assert (result.added, result.spans, result.events) == (1, 14, 4)
    assert any("mehr-1.ann: 4 lines not imported" in p for p in result.problems)
    assert any("notes.md" in p for p in result.problems)


def test_file_names_from_keys_are_safe_and_unique() -> None:
    taken: set[str] = set()
    names = [brat_name(key, taken) for key in
             ["mehr-1404-08-26-01", "a/b:c", "..hidden", "CON", "Mehr-1404-08-26-01",
              "خبر ایسنا", "", "x" * 300]]
    assert names == ["mehr-1404-08-26-01", "a_b_c", "hidden", "_CON", "Mehr-1404-08-26-01-2",
                     "خبر ایسنا", "document", "x" * 100]


def test_annotation_conf_declares_labels_and_event_types() -> None:
    conf = annotation_conf(["ACTOR", "EVENT", "LOCATION", "ACTOR", "MY LABEL"],
                           DEFAULT_EVENT_TYPES)
    assert "[entities]\nACTOR\nEVENT\nLOCATION\nMY_LABEL\n" in conf
    assert "CONSULT\tActor*:ACTOR, Recipient*:ACTOR, Location*:LOCATION\n" in conf
    assert conf.count("*:ACTOR, Recipient") == 16


def test_events_whose_trigger_is_not_written_are_counted() -> None:
    meeting, sochi = Span(145, 150, "EVENT"), Span(140, 144, "LOCATION")
    doc = Document(TEXT, spans=[meeting, sochi],
                   events=[Event(meeting, "CONSULT", (Argument(Role.LOCATION, sochi),))])
    report = BratReport()
    assert ann_text(doc, [sochi], report)[1] == "T1\tLOCATION 140 144\tسوچی\n"
    assert (report.spans, report.events, report.events_left_out) == (1, 0, 1)
