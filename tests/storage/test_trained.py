"""Trained models, their trainings, gazetteer entries and a model's suggestions replacing its
earlier ones, on a project file and on PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from annotator.core.model import Document, Review, Span, Status
from annotator.storage import DocumentFilter, Project
from annotator.text.tokenize import tokenize

TEXT = "عباس عراقچی در تهران با وزیر خارجه چین دیدار کرد."


def at(words: str, label: str, text: str = TEXT, **kw: object) -> Span:
    start = text.index(words)
    return Span(start, start + len(words), label, **kw)  # type: ignore[arg-type]


def suggestion(words: str, label: str, model: str = "crf", score: float = 0.5) -> Span:
    return at(words, label, origin=f"model:{model}", score=score, review=Review.PENDING)


def one_document(project: Project, spans: list[Span] | None = None) -> int:
    tokens, sentences = tokenize(TEXT)
    project.add_documents([Document(TEXT, key="a", tokens=tokens, sentences=sentences,
                                    spans=spans or [])])
    doc_id = project.keys_to_ids()["a"]
    return doc_id


def test_a_new_model_replaces_the_old_and_the_history_grows(location: Path | str) -> None:
    with Project(location) as project:
        assert project.model_data("crf") is None
        assert project.model_infos() == {}
        project.store_model("crf", b"first \x00\xff", {"name": "crf", "documents": 10},
                            "2025-11-17T10:00:00+00:00", 10, 300,
                            {"overall": {"f1": 0.5}, "labels": {}})
        project.store_model("crf", b"second", {"name": "crf", "documents": 20},
                            "2025-11-18T10:00:00+00:00", 20, 700,
                            {"overall": {"f1": 0.6}, "labels": {}})
        project.store_model("strings", b"s", {"name": "strings"},
                            "2025-11-18T11:00:00+00:00", 20, 700, {"overall": None})
    with Project(location) as again:
        assert again.model_data("crf") == b"second"
        assert again.model_infos() == {"crf": {"name": "crf", "documents": 20},
                                       "strings": {"name": "strings"}}
        history = again.trainings("crf")
        assert [(t.documents, t.tokens, t.scores["overall"]["f1"]) for t in history] == [
            (10, 300, 0.5), (20, 700, 0.6)]
        assert [t.model for t in again.trainings()] == ["crf", "crf", "strings"]


def test_gazetteer_entries_once_each_and_removed_by_file(location: Path | str) -> None:
    with Project(location) as project:
        assert project.add_gazetteer([("تهران", "LOCATION", 1), ("مهر", "ACTOR", 2),
                                      ("تهران", "LOCATION", 3)], "places.tsv") == (2, 1)
        assert project.add_gazetteer([("تهران", "LOCATION", 1), ("تهران", "ACTOR", 2)],
                                     "more.tsv") == (1, 1)
        assert project.gazetteer() == [("تهران", "LOCATION"), ("مهر", "ACTOR"),
                                       ("تهران", "ACTOR")]
        assert project.gazetteer_sources() == [("more.tsv", "ACTOR", 1),
                                               ("places.tsv", "ACTOR", 1),
                                               ("places.tsv", "LOCATION", 1)]
        assert project.remove_gazetteer("places.tsv") == 2
        assert project.gazetteer() == [("تهران", "ACTOR")]


def test_suggestions_never_over_labels_never_twice_and_stale_ones_replaced(
        location: Path | str) -> None:
    with Project(location) as project:
        doc_id = one_document(project, [at("تهران", "LOCATION", annotator="مریم")])
        first = project.replace_suggestions("model:crf", {doc_id: [
            suggestion("عباس عراقچی", "ACTOR"), suggestion("تهران", "LOCATION"),
            suggestion("چین", "LOCATION"), suggestion("دیدار", "EVENT")]})
        assert (first.added, first.kept, first.over_labels, first.removed) == (3, 0, 1, 0)
        spans = {project.document(doc_id).text[s.start:s.end]: s
                 for s in project.spans(doc_id) if s.is_suggestion}
        project.update_span(spans["چین"].with_(review=Review.REJECTED, annotator="مریم"))
        project.update_span(spans["دیدار"].with_(review=Review.ACCEPTED, label="EVENT",
                                                annotator="مریم"))
        version = project.data_version()
        # The same suggestions again: nothing is written.
        same = project.replace_suggestions("model:crf", {doc_id: [
            suggestion("عباس عراقچی", "ACTOR"), suggestion("چین", "LOCATION"),
            suggestion("دیدار", "EVENT")]})
        assert (same.added, same.kept, same.removed) == (0, 3, 0)
        assert project.data_version() == version
        # A newer training: its pending guess that changed is replaced; decided ones stay;
        # another model's are left alone.
        project.replace_suggestions("model:other", {doc_id: [suggestion("عباس", "ACTOR",
                                                                        "other")]})
        newer = project.replace_suggestions("model:crf", {doc_id: [
            suggestion("عباس", "ACTOR"), suggestion("وزیر خارجه چین", "ACTOR")]})
        assert (newer.added, newer.kept, newer.over_labels, newer.removed) == (2, 0, 0, 1)
        # (مریم's decisions are rows of their own: her view shows them in their suggestions'
        # place, and the suggestions stay, shared, for every other analyst.)
        kept = sorted((TEXT[s.start:s.end], s.origin, s.review.value if s.review else None)
                      for s in project.spans(doc_id, "مریم"))
        assert kept == [("تهران", "human", None),
                        ("دیدار", "model:crf", "accepted"),
                        ("عباس", "model:crf", "pending"),
                        ("عباس", "model:other", "pending"),
                        ("وزیر خارجه چین", "model:crf", "pending"),
                        ("چین", "model:crf", "rejected")]
        shared = sorted((TEXT[s.start:s.end], s.review.value if s.review else None)
                        for s in project.spans(doc_id, "reza") if s.is_suggestion)
        assert ("دیدار", "pending") in shared and ("چین", "pending") in shared


def test_ranked_rows_follow_the_order_given(location: Path | str) -> None:
    with Project(location) as project:
        project.add_documents([Document(f"متن {n}", key=f"d{n}", title=f"خبر {n}",
                                        status=Status.DONE if n == 1 else Status.NEW)
                               for n in range(4)])
        ids = project.keys_to_ids()
        order = [ids["d3"], ids["d1"], ids["d0"], 999_999]
        assert project.filter_ids(order, DocumentFilter()) == order[:3]
        assert project.filter_ids(order, DocumentFilter(statuses=frozenset({Status.NEW}))) \
            == [ids["d3"], ids["d0"]]
        assert [row.key for row in project.rows_of(order)] == ["d3", "d1", "d0"]


def test_a_models_suggestions_follow_a_label_renamed_since_it_learnt_it(
        location: Path | str) -> None:
    with Project(location) as project:
        doc_id = one_document(project)
        project.change_label("ACTOR", new_name="PERSON")
        project.change_label("PERSON", new_name="PER")  # twice: the model's ACTOR is PER
        project.remove_label("LOCATION", to="PER")
        stored = project.replace_suggestions("model:crf", {doc_id: [
            suggestion("عباس عراقچی", "ACTOR"), suggestion("تهران", "LOCATION"),
            suggestion("دیدار", "EVENT")]})
        assert stored.added == 3
        assert sorted((TEXT[s.start:s.end], s.label) for s in project.spans(doc_id)) == [
            ("تهران", "PER"), ("دیدار", "EVENT"), ("عباس عراقچی", "PER")]
        assert project.model_label_names() == {"ACTOR": "PER", "PERSON": "PER",
                                               "LOCATION": "PER"}

        # A label given a name the models knew before is that label: no longer followed.
        project.add_label("ACTOR")
        assert project.model_label_names() == {"PERSON": "PER", "LOCATION": "PER"}
        again = project.replace_suggestions("model:strings", {doc_id: [
            suggestion("عباس عراقچی", "ACTOR", "strings")]})
        assert again.added == 1
        assert [s.label for s in project.spans(doc_id) if s.origin == "model:strings"] == [
            "ACTOR"]


def test_with_several_analysts_a_suggestion_is_stored_over_one_analysts_label(
        location: Path | str) -> None:
    # Blind labelling: Maryam labelled تهران; the model's suggestion there is stored all the
    # same, so that its absence does not tell Reza where she labelled. Her view leaves it out
    # (never over her labels); Reza sees it. An imported one over her label stays in her view.
    with Project(location) as project:
        doc_id = one_document(project, [at("تهران", "LOCATION", annotator="maryam")])
        project.ensure_analysts(["maryam", "reza"])
        stored = project.replace_suggestions("model:crf", {doc_id: [
            suggestion("تهران", "LOCATION"), suggestion("عباس عراقچی", "ACTOR")]})
        assert (stored.added, stored.over_labels) == (2, 0)
        project.add_suggestions([(doc_id, suggestion("تهران", "ACTOR", "parsbert"))])

        def seen(analyst: str) -> list[tuple[str, str, str]]:
            return sorted((TEXT[s.start:s.end], s.label, s.origin)
                          for s in project.spans(doc_id, analyst))

        assert seen("maryam") == [("تهران", "ACTOR", "model:parsbert"),
                                  ("تهران", "LOCATION", "human"),
                                  ("عباس عراقچی", "ACTOR", "model:crf")]
        assert seen("reza") == [("تهران", "ACTOR", "model:parsbert"),
                                ("تهران", "LOCATION", "model:crf"),
                                ("عباس عراقچی", "ACTOR", "model:crf")]
        # a label nobody in particular made (from before analysts) still holds it back
        project.insert_span(doc_id, at("دیدار", "EVENT"))
        held = project.replace_suggestions("model:crf", {doc_id: [
            suggestion("تهران", "LOCATION"), suggestion("عباس عراقچی", "ACTOR"),
            suggestion("دیدار", "EVENT")]})
        assert (held.added, held.kept, held.over_labels) == (0, 2, 1)
