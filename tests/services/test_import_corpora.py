"""Persian NER corpora as users hold them: no dates out of sentences, titles cut at a word,
PEYMA's and Arman's tag spellings mapped with --label-map in any case."""

from __future__ import annotations

from pathlib import Path

from annotator.services.importing import ImportOptions, import_paths
from annotator.services.labels import label_mapper
from annotator.storage import Project
from annotator.text.titles import ELLIPSIS, TITLE_MAX

# A biography sentence: "born 4 Mehr 1318" is a date in the text, not the document's.
BIOGRAPHY = ["او", "زاده", "4", "مهر", "1318", "در", "تبریز", "است", "و", "سال‌ها",
             "در", "دانشگاه", "تهران", "درس", "داده", "و", "کتاب‌های", "بسیاری", "درباره",
             "تاریخ", "معاصر", "ایران", "و", "جنبش", "مشروطه", "نوشته", "است", "که",
             "بارها", "تجدید", "چاپ", "شده‌اند", "."]  # fmt: skip


def only_document(project: Project) -> tuple[str, object, list[tuple[str, str]]]:
    (doc,) = project.iter_documents()
    return doc.title, doc.date, [(s.label, doc.text[s.start:s.end]) for s in doc.spans]


def test_a_conll_document_gets_no_date_from_its_sentences(project: Project,
                                                          tmp_path: Path) -> None:
    path = tmp_path / "bio.conll"
    tags = {"تبریز": "B-LOC", "تهران": "B-LOC"}
    path.write_text("".join(f"{w}\t{tags.get(w, 'O')}\n" for w in BIOGRAPHY), "utf-8")
    import_paths(project, [path], ImportOptions(add_labels=True))
    title, date, spans = only_document(project)
    assert date is None
    assert spans == [("LOC", "تبریز"), ("LOC", "تهران")]
    # The sentence is longer than a title: cut after a whole word, with an ellipsis.
    sentence = " ".join(BIOGRAPHY)
    assert len(sentence) > TITLE_MAX >= len(title)
    kept = title.removesuffix(ELLIPSIS)
    assert title.endswith(ELLIPSIS) and sentence.startswith(kept + " ")


def test_a_jsonl_article_still_gets_its_date_and_a_title_cut_at_a_word(
        project: Project, tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    first_line = " ".join(BIOGRAPHY[5:] * 2)  # no date in it
    path.write_text('{"text": "' + first_line + '\\nدوشنبه 26 آبان 1404 - 14:19\\nمتن"}\n',
                    "utf-8")
    import_paths(project, [path], ImportOptions(normalize="none"))
    title, date, _ = only_document(project)
    assert first_line.startswith(title.removesuffix(ELLIPSIS) + " ")
    assert date is not None and date.isoformat() == "2025-11-17T14:19:00+03:30"


def test_peyma_and_arman_with_a_label_map_in_any_case(project: Project, tmp_path: Path) -> None:
    peyma = tmp_path / "peyma.txt"
    peyma.write_text("وزارت|B_ORG\nامور|I_ORG\nخارجه|I_ORG\nدر|O\nتهران|B_LOC\n", "utf-8")
    arman = tmp_path / "arman.txt"
    arman.write_text("محمدجواد B-pers\nظریف I-pers\nدر O\nژنو B-loc\n", "utf-8")
    label_map = {"pers": "ACTOR", "org": "ACTOR", "LOC": "LOCATION"}
    import_paths(project, [peyma, arman], ImportOptions(format="conll", label_map=label_map))
    spans = {doc.key: [(s.label, doc.text[s.start:s.end]) for s in doc.spans]
             for doc in project.iter_documents()}
    assert spans == {
        "peyma-1": [("ACTOR", "وزارت امور خارجه"), ("LOCATION", "تهران")],
        "arman-1": [("ACTOR", "محمدجواد ظریف"), ("LOCATION", "ژنو")],
    }


def test_the_label_map_matches_in_any_case_an_exact_name_first() -> None:
    mapped = label_mapper({"pers": "ACTOR", "loc": "LOCATION", "LOC": "PLACE"})
    assert [mapped(x) for x in ("PERS", "Pers", "loc", "LOC", "EVENT")] == [
        "ACTOR", "ACTOR", "LOCATION", "PLACE", "EVENT"]
    same = label_mapper({})
    assert same("pers") == "pers"
