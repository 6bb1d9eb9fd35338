"""Screenshots of the window for the README: the seed article with labelled spans, or
(``--review``) under review, a model's suggestions next to the analyst's labels.

    python -m annotator.gui.screenshot docs/window-fa.png --lang fa
    python -m annotator.gui.screenshot docs/window-en.png --lang en
    python -m annotator.gui.screenshot docs/review-en.png --lang en --review
    python -m annotator.gui.screenshot docs/event-frame-fa.png --lang fa --event
    python -m annotator.gui.screenshot docs/frame-suggestions-fa.png --lang fa --event --suggested
    python -m annotator.gui.screenshot docs/curation-fa.png --lang fa --curation
    python -m annotator.gui.screenshot docs/search-fa.png --lang fa --search سازمان

Runs offscreen on a temporary project file (and temporary settings); nothing else is touched.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from importlib.resources import as_file, files
from pathlib import Path

SEED = "000_d61598acf822a000.txt"

# (words, label, occurrence): a dozen spans of all three labels in the seed article.
SPANS: tuple[tuple[str, str, int], ...] = (
    ("ایران", "LOCATION", 0),
    ("چین", "LOCATION", 0),
    ("سوچی", "LOCATION", 0),
    ("خبرگزاری مهر", "ACTOR", 0),
    ("دبیرکل حزب موتلفه اسلامی", "ACTOR", 0),
    ("جلسه شورای مرکزی کنفرانس", "EVENT", 0),
    ("حزب کمونیست چین", "ACTOR", 0),
    ("دیدار و گفتگو", "EVENT", 0),
    ("محمدعلی امانی", "ACTOR", 0),
    ("هاوشینگ", "ACTOR", 0),
    ("اجلاس", "EVENT", 0),
    ("تهران", "LOCATION", 0),
    ("پکن", "LOCATION", 0),
)
SELECTED = "محمدعلی امانی"

# Under review: the analyst's labels so far, and a model's suggestions (words, label, score,
# decision) — pending ones beside and over labels, one accepted, one rejected.
REVIEW_MODEL = "parsbert-ner"
REVIEW_LABELS = (*SPANS[:6], ("تهران", "LOCATION", 0))
SUGGESTIONS: tuple[tuple[str, int, str, float, str], ...] = (
    ("سوچی", 1, "LOCATION", 0.97, "pending"),
    ("حزب کمونیست چین", 0, "ACTOR", 0.93, "accepted"),
    ("دیدار و گفتگو", 0, "EVENT", 0.64, "pending"),
    ("حزب موتلفه اسلامی", 0, "ACTOR", 0.58, "pending"),
    ("محمدعلی امانی", 0, "ACTOR", 0.88, "pending"),
    ("هاوشینگ", 0, "LOCATION", 0.41, "pending"),
    ("اجلاس", 0, "EVENT", 0.72, "pending"),
    ("روابط", 0, "EVENT", 0.22, "rejected"),
    ("پکن", 0, "LOCATION", 0.95, "pending"),
)


# With an event frame: the second paragraph's «دیدار و گفتگو» (the one that names everyone),
# its actors, recipient and location; the first paragraph's is an event too, not open.
FRAME_SPANS: tuple[tuple[str, str, int], ...] = (
    ("دبیرکل حزب موتلفه اسلامی", "ACTOR", 1),
    ("سوچی", "LOCATION", 1),
    ("دیدار و گفتگو", "EVENT", 1),
)
FRAME_TRIGGER = ("دیدار و گفتگو", 1)
FRAME_ARGUMENTS: tuple[tuple[str, int, str], ...] = (
    ("محمدعلی امانی", 0, "actor"),
    ("دبیرکل حزب موتلفه اسلامی", 1, "actor"),
    ("هاوشینگ", 0, "recipient"),
    ("سوچی", 1, "location"),
)
# Curation: the seed article labelled by two analysts who differ on a few spans; a third
# curates it. (words, label, occurrence) each analyst changed, added or left out.
ANALYSTS = ("مریم", "علی")
CURATOR = "سارا"
DIFFERENT: dict[str, tuple[tuple[str, str, int], ...]] = {
    "علی": (("حزب موتلفه اسلامی", "ACTOR", 0), ("هاوشینگ", "LOCATION", 0),
             ("روابط", "EVENT", 0)),
}
LEFT_OUT: dict[str, tuple[str, ...]] = {"علی": ("دبیرکل حزب موتلفه اسلامی", "هاوشینگ",
                                                "پکن")}
# Their events: alike on the meeting (taken at once), different types on the summit (an event
# disagreement): (trigger, type, [(role, words)]) each analyst made; occurrences are the first.
CURATION_EVENTS: dict[str, tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...]] = {
    analyst: (("دیدار و گفتگو", "CONSULT", (("actor", "محمدعلی امانی"),)),
              ("اجلاس", summit, (("location", "سوچی"),)))
    for analyst, summit in (("مریم", "CONSULT"), ("علی", "COOPERATE"))}


def _occurrence(text: str, words: str, n: int) -> int:
    at = -1
    for _ in range(n + 1):
        at = text.find(words, at + 1)
        if at < 0:
            raise ValueError(f"{words!r} is not in the seed article")
    return at


def build_project(path: Path, review: bool = False, curation: bool = False,
                  event: bool = False) -> None:
    """A project file with the bundled samples, the seed article labelled (under review:
    partly, with a model's suggestions; with an event: a frame of CONSULT and another
    event)."""
    from annotator.core import review as decisions
    from annotator.core.commands import label_command
    from annotator.core.errors import OverlapError
    from annotator.core.model import Review, Span, model_origin
    from annotator.core.tokens import TokenIndex
    from annotator.services.importing import import_paths
    from annotator.storage import Project

    with as_file(files("annotator.resources") / "samples") as samples, Project(path) as project:
        import_paths(project, sorted(Path(samples).glob("*.txt")))
        seed = next(row.id for row in project.document_rows(limit=10_000)
                    if row.key.startswith(SEED.removesuffix(".txt")))
        doc = project.document(seed)
        tokens = TokenIndex(doc.tokens, doc.sentences)
        if review:
            suggested = []
            for words, n, label, score, _ in SUGGESTIONS:
                at = _occurrence(doc.text, words, n)
                start, end = tokens.snap(at, at + len(words))
                suggested.append((seed, Span(start, end, label, origin=model_origin(
                    REVIEW_MODEL), score=score, review=Review.PENDING)))
            project.add_suggestions(suggested)
            doc = project.document(seed)
            for words, _, _, _, decision in SUGGESTIONS:
                span = next(s for s in doc.spans
                            if s.is_suggestion and doc.text[s.start:s.end] == words)
                if decision == "accepted":
                    decisions.decide(doc, span).apply(project)
                elif decision == "rejected":
                    decisions.reject(doc, span).apply(project)
                doc = project.document(seed)
        if curation:
            for analyst in ANALYSTS:
                chosen = [s for s in SPANS if s[0] not in LEFT_OUT.get(analyst, ())]
                chosen += DIFFERENT.get(analyst, ())
                doc = project.document(seed, analyst)
                for words, label, n in chosen:
                    at = _occurrence(doc.text, words, n)
                    start, end = tokens.snap(at, at + len(words))
                    try:
                        label_command(doc, start, end, label, annotator=analyst).apply(project)
                    except OverlapError:
                        continue
                    doc = project.document(seed, analyst)
            _add_curation_events(project, seed)
            return
        for words, label, n in (REVIEW_LABELS if review else
                                (*SPANS, *FRAME_SPANS) if event else SPANS):
            at = _occurrence(doc.text, words, n)
            start, end = tokens.snap(at, at + len(words))
            try:
                command = label_command(doc, start, end, label)
            except OverlapError:
                continue
            command.apply(project)
            doc = project.document(seed)
        if event:
            _add_frames(project, seed)


def _add_frames(project: object, seed: int) -> None:
    """The seed article's two meetings as events of CONSULT, the second with its frame."""
    from annotator.core.event_commands import add_argument_command, add_event_command
    from annotator.core.events import Role
    from annotator.storage import Project

    assert isinstance(project, Project)

    def span_at(words: str, n: int) -> object:
        doc = project.document(seed)
        at = _occurrence(doc.text, words, n)
        return next(s for s in doc.spans if s.start <= at < s.end)

    for n in (0, 1):
        doc = project.document(seed)
        add_event_command(doc, span_at("دیدار و گفتگو", n), "CONSULT",  # type: ignore[arg-type]
                          annotator="مریم").apply(project)
    for words, n, role in FRAME_ARGUMENTS:
        doc = project.document(seed)
        event = doc.events[-1]
        add_argument_command(doc, event, Role(role),
                             span_at(words, n)).apply(project)  # type: ignore[arg-type]


def _add_curation_events(project: object, seed: int) -> None:
    """Each analyst's events of :data:`CURATION_EVENTS`, on the spans they labelled."""
    from annotator.core.events import Argument, Event, Role
    from annotator.core.model import Span
    from annotator.storage import Project

    assert isinstance(project, Project)
    for analyst, events in CURATION_EVENTS.items():
        doc = project.document(seed, analyst)
        first: dict[str, Span] = {}
        for span in sorted(doc.spans, key=lambda s: s.start):
            first.setdefault(doc.text[span.start:span.end], span)
        for trigger, kind, arguments in events:
            project.insert_event(seed, Event(first[trigger], kind, tuple(
                Argument(Role(role), first[words]) for role, words in arguments),
                annotator=analyst))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--lang", choices=("fa", "en"), default="fa")
    parser.add_argument("--size", default="1400x860", help="window size, WIDTHxHEIGHT")
    parser.add_argument("--review", action="store_true",
                        help="the seed article under review: a model's suggestions and labels")
    parser.add_argument("--event", action="store_true",
                        help="the seed article with an event frame open")
    parser.add_argument("--suggested", action="store_true",
                        help="with --event: the first meeting's frame open instead, with the "
                             "arguments the second's suggests for it")
    parser.add_argument("--curation", action="store_true",
                        help="the seed article, labelled by two analysts, under curation")
    parser.add_argument("--search", default="", metavar="QUERY",
                        help="the document list filtered by QUERY, the first document found open")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    width, height = (int(v) for v in args.size.split("x"))

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_CONFIG_HOME"] = str(Path(tmp) / "config")
        from annotator.gui.app import create_application
        from annotator.gui.main_window import MainWindow
        from annotator.gui.settings import Settings
        from annotator.storage import Project

        app, _language, _translators = create_application([sys.argv[0]], args.lang)
        project_path = Path(tmp) / "screenshot.sqlite"
        build_project(project_path, review=args.review, curation=args.curation,
                      event=args.event)
        with Project(project_path) as project:
            project.index_text()
            window = MainWindow(project, Settings(Path(tmp) / "settings.ini"),
                                analyst=CURATOR if args.curation else None)
            window.resize(width, height)
            window.show()
            app.processEvents()  # a screenshot script, not progress reporting
            if args.curation:
                seed = next(row.id for row in project.document_rows(limit=10_000)
                            if row.key.startswith(SEED.removesuffix(".txt")))
                window.curator.start(seed)
                window.curator.go(1)
                app.processEvents()
                return _save(window, args.output)
            doc = window.session.document
            assert doc is not None
            chosen = next(s for s in doc.spans if doc.text[s.start:s.end] == SELECTED)
            if args.review:
                window.article.place_caret(chosen.start - 1)
                chosen = window.review.next_suggestion() or chosen  # as N would
            window.article.select_span(chosen)
            if args.event and args.suggested:
                frame = doc.events[0]
                window.events.open_id = frame.id  # as E on its trigger would
                window.article.select_span(frame.trigger)
                window.events.refresh()
            elif args.event:
                frame = doc.events[-1]
                window.events.open_id = frame.id  # as E on its trigger would
                window.article.select_span(frame.arguments[-1].span)  # as L left it
                window.events.refresh()
            if args.search:
                window.documents.search.setText(args.search)
                window.documents._apply_filter()
                first = window.documents.model.doc_id(0)
                if first is not None:
                    window.session.open(first)
            app.processEvents()
            return _save(window, args.output)


def _save(window: object, output: Path) -> int:
    output.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(output)):  # type: ignore[attr-defined]
        print(f"could not write {output}", file=sys.stderr)
        return 1
    window.close()  # type: ignore[attr-defined]
    print(output)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
