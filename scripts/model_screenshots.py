"""Screenshots of the built-in model for the README: the window on the seed article with the
CRF's suggestions, and the model report's learning curve.

    python scripts/model_screenshots.py PARSTWINER_TRAIN docs/ [--lang en]

The CRF is trained, through the services as the window trains it, on ParsTwiNER's train part
(its tags mapped to ours: PER, ORG, POG -> ACTOR, LOC -> LOCATION, EVE -> EVENT; NAT read
as O), added in four steps so that the learning curve has four points (about four minutes).
Runs offscreen on a temporary project file and settings; nothing else is touched.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from importlib.resources import as_file, files
from pathlib import Path

MAPPING = {"PER": "ACTOR", "ORG": "ACTOR", "POG": "ACTOR", "LOC": "LOCATION", "EVE": "EVENT"}
STEPS = (500, 1500, 3500, None)  # documents learnt from at each training (None: all)
SEED = "000_d61598acf822a000"


def blocks(path: Path) -> list[str]:
    """The CoNLL file's blank-line-separated blocks (one document each), NAT tags as O (the
    project keeps no label for them)."""
    text = re.sub(r"\t[BI]-NAT$", "\tO", path.read_text(encoding="utf-8"), flags=re.M)
    return [b.strip("\n") + "\n" for b in text.split("\n\n") if b.strip()]


def build_project(path: Path, train: Path, folder: Path) -> None:
    from annotator.core.model import Status
    from annotator.services.importing import ImportOptions, import_paths
    from annotator.services.training import TrainOptions
    from annotator.services.training import train as train_model
    from annotator.storage import Project

    with as_file(files("annotator.resources") / "samples") as samples, Project(path) as project:
        import_paths(project, sorted(Path(samples).glob("*.txt")))
        found = blocks(train)
        done = 0
        for step in STEPS:
            part = found[done:step]
            done += len(part)
            chunk = folder / f"part-{done}.conll"
            chunk.write_text("\n".join(part), encoding="utf-8")
            import_paths(project, [chunk], ImportOptions(
                format="conll", label_map=MAPPING, status=Status.DONE))
            started = time.monotonic()
            info = train_model(project, TrainOptions(
                model="crf", labels=frozenset(MAPPING.values()), parallel=True))
            print(f"trained on {info.documents} documents in {time.monotonic() - started:.0f} s:"
                  f" held-out F1 {info.held_out_total.f1:.3f}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("train", type=Path, help="ParsTwiNER's train.txt")
    parser.add_argument("output", type=Path, help="the folder for the pictures")
    parser.add_argument("--lang", choices=("fa", "en"), default="en")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_CONFIG_HOME"] = str(Path(tmp) / "config")
        from PySide6.QtCore import QEventLoop, QTimer

        from annotator.gui.app import create_application
        from annotator.gui.main_window import MainWindow
        from annotator.gui.settings import Settings
        from annotator.storage import Project

        _app, _language, _translators = create_application([sys.argv[0]], args.lang)
        project_path = Path(tmp) / "screenshot.sqlite"
        build_project(project_path, args.train, Path(tmp))

        def wait(seconds: float, until: object = None) -> None:
            """Let the window's background work finish (an event loop, not progress)."""
            deadline = time.monotonic() + seconds
            while time.monotonic() < deadline and not (callable(until) and until()):
                loop = QEventLoop()
                QTimer.singleShot(100, loop.quit)
                loop.exec()

        with Project(project_path) as project:
            window = MainWindow(project, Settings(Path(tmp) / "settings.ini"))
            window.resize(1400, 860)
            window.show()
            doc = window.session.document
            assert doc is not None and doc.key.startswith(SEED), doc and doc.key
            wait(30, lambda: any(s.is_suggestion for s in window.session.document.spans)
                 and window.models.ranking is not None)
            doc = window.session.document
            first = min((s for s in doc.spans if s.is_suggestion), key=lambda s: s.start)
            window.article.place_caret(first.start)
            window.review.next_suggestion()
            wait(0.5)
            args.output.mkdir(parents=True, exist_ok=True)
            shot = args.output / f"model-window-{args.lang}.png"
            window.grab().save(str(shot))
            dialog = window.review.show_report()
            wait(0.5)
            report = args.output / f"model-report-{args.lang}.png"
            dialog.grab().save(str(report))
            dialog.close()
            window.close()
    print(shot, report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
