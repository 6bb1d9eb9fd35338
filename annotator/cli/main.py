"""``annotator import|export|stats``: one entry point, no window, usable in scripts."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from annotator import __version__
from annotator.core.errors import AnnotatorError, Cancelled
from annotator.core.model import Status
from annotator.services.exporting import ExportOptions, export, parse_split
from annotator.services.importing import ImportOptions, import_paths, parse_label_map
from annotator.services.projects import (
    AUTO_BACKUPS_KEPT,
    backup_project,
    backups_of,
    open_project,
    project_path,
    restore_project,
)
from annotator.storage import Project
from annotator.text.normalize import Level

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def build_parser() -> argparse.ArgumentParser:
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument("--db", metavar="FILE", default=argparse.SUPPRESS,
                    help="project file (default: $ANNOTATOR_DB or the user data folder)")
    parser = argparse.ArgumentParser(
        prog="annotator", parents=[db],
        description="Label Persian news articles (actors, events, locations) and export "
                    "training data. Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"annotator {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    imp = commands.add_parser("import", parents=[db], help="add articles (folders recursively)",
                              description="Add articles; spans in the input come in as human "
                                          "annotations. All or nothing.")
    imp.add_argument("paths", nargs="+", metavar="PATH", type=Path)
    imp.add_argument("--format", default="auto",
                     choices=["auto", "txt", "jsonl", "conll", "labelstudio", "brat"])
    imp.add_argument("--normalize", default=Level.FULL.value, choices=[lv.value for lv in Level])
    imp.add_argument("--label-map", default="", metavar="A=B,...",
                     help="map foreign labels, event types and roles, e.g. "
                          "PER=ACTOR,LOC=LOCATION,Meet=CONSULT,Agent=actor")

    pre = commands.add_parser("predictions", parents=[db],
                              help="add a model's pre-annotations to review",
                              description="Add a model's suggestions (pending review) to the "
                                          "documents they match by id, else by identical text. "
                                          "All or nothing.")
    pre.add_argument("paths", nargs="+", metavar="PATH", type=Path)
    pre.add_argument("--model", required=True, metavar="NAME", help="the model's name")
    pre.add_argument("--format", default="auto",
                     choices=["auto", "txt", "jsonl", "conll", "labelstudio"])
    pre.add_argument("--label-map", default="", metavar="A=B,...",
                     help="map the model's labels, e.g. PER=ACTOR,LOC=LOCATION")

    exp = commands.add_parser("export", parents=[db], help="write a dataset")
    exp.add_argument("--format", required=True, choices=["jsonl", "conll", "brat", "plover"])
    exp.add_argument("--scheme", default="bio", choices=["bio", "bioes"])
    exp.add_argument("--status", nargs="+", default=[], choices=[s.value for s in Status],
                     metavar="STATUS", help="only documents of these statuses")
    exp.add_argument("--labels", default=None, metavar="A,B",
                     help="only spans of these labels")
    exp.add_argument("--include-pending", action="store_true",
                     help="also write pending suggestions")
    exp.add_argument("--split", default=None, metavar="TRAIN,DEV,TEST",
                     help="percentages, e.g. 80,10,10: train, dev and test files side by side")
    exp.add_argument("--seed", type=int, default=13, help="seed of the split (default 13)")
    exp.add_argument("-o", "--output", required=True, metavar="PATH",
                     help="destination file, - for standard output (brat: a folder)")

    st = commands.add_parser("stats", parents=[db], help="documents, spans and models in numbers")
    st.add_argument("--json", action="store_true", help="one JSON object")

    bak = commands.add_parser(
        "backup", parents=[db], help="copy the project file now (a consistent copy)",
        description="Write a backup of the project file with SQLite's online backup API "
                    "(safe while the window is open). Without -o it goes to the backups "
                    "folder beside the project file (NAME.backups/), where an automatic one "
                    f"is also written when the project is opened, at most hourly (the last "
                    f"{AUTO_BACKUPS_KEPT} kept). --list shows them.")
    bak.add_argument("-o", "--output", default=None, metavar="PATH", type=Path,
                     help="the backup file, or a folder to write it in")
    bak.add_argument("--list", action="store_true", help="list the backups and exit")

    res = commands.add_parser(
        "restore", parents=[db], help="replace the project's content with a backup",
        description="Replace the content of the project file with that of BACKUP (close the "
                    "window first). BACKUP must be an annotator project file; anything else "
                    "is refused and nothing is changed. What the project held is backed up "
                    "first (NAME.backups/...-restore.sqlite), so a restore can be undone.")
    res.add_argument("source", metavar="BACKUP", type=Path)
    return parser


def _warn(message: str) -> None:
    print(f"annotator: warning: {message}", file=sys.stderr)


def _open(args: argparse.Namespace) -> Project:
    """The project file of ``--db``, backed up on opening when a backup is due."""
    return open_project(project_path(getattr(args, "db", None)), on_warning=_warn)


def cmd_import(args: argparse.Namespace) -> int:
    from annotator.cli.progress import TerminalProgress

    options = ImportOptions(format=args.format, normalize=args.normalize,
                            label_map=parse_label_map(args.label_map), parallel=True)
    progress = TerminalProgress("importing")
    with _open(args) as project:
        try:
            result = import_paths(project, args.paths, options, progress)
        finally:
            progress.close()
    for problem in result.problems:
        print(f"skipped: {problem}", file=sys.stderr)
    skipped = f", {len(result.skipped)} already in the project" if result.skipped else ""
    print(f"imported {result.added} documents with {result.spans} spans{skipped}")
    if result.events_read:
        _warn(f"{result.events_read} events were read but not stored: this version's project "
              "file cannot hold events yet")
    return EXIT_OK


def cmd_predictions(args: argparse.Namespace) -> int:
    from annotator.cli.progress import TerminalProgress
    from annotator.services.predictions import import_predictions

    progress = TerminalProgress("reading suggestions")
    with _open(args) as project:
        try:
            result = import_predictions(project, args.paths, args.model, args.format,
                                        parse_label_map(args.label_map), progress)
        finally:
            progress.close()
    skipped = f", {result.skipped} already there" if result.skipped else ""
    print(f"added {result.added} suggestions of {args.model} to {result.documents} "
          f"documents{skipped}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from annotator.cli.progress import TerminalProgress

    labels = frozenset(filter(None, (x.strip() for x in args.labels.split(",")))) \
        if args.labels else None
    options = ExportOptions(format=args.format, scheme=args.scheme,
                            statuses=frozenset(Status(s) for s in args.status),
                            include_pending=args.include_pending, labels=labels,
                            split=parse_split(args.split) if args.split else (), seed=args.seed)
    progress = TerminalProgress("exporting")
    with _open(args) as project:
        try:
            result = export(project, args.output, options, progress)
        finally:
            progress.close()
    notes = [f"{n} {what}" for n, what in (
        (result.widened, "spans widened to token boundaries"),
        (result.merged_sentences, "sentences joined because a span crossed them"),
        (result.dropped, "spans left out (no token of their own)"),
        (result.events_left_out, "events left out (CoNLL cannot carry events)"
         if args.format == "conll" else "events left out (their trigger was not exported)"),
    ) if n]
    out = sys.stderr if args.output == "-" else sys.stdout
    what = (f"{result.events} events from {result.documents} documents"
            if args.format == "plover" else
            f"{result.documents} documents with {result.spans} spans"
            + (f" and {result.events} events" if result.events else ""))
    print(f"exported {what}" + "".join(f"; {note}" for note in notes), file=out)
    if len(result.files) > 1:
        for name, count in result.files.items():
            print(f"  {name}: {count} documents", file=out)
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    with _open(args) as project:
        stats = project.stats()
    if args.json:
        print(json.dumps(stats, ensure_ascii=False, indent=2))
        return EXIT_OK
    by_status = ", ".join(f"{k.replace('_', ' ')} {v}"
                          for k, v in stats["documents_by_status"].items())
    print(f"documents: {stats['documents']} ({by_status})")
    print("spans by label: " + (", ".join(f"{k} {v}" for k, v in stats["spans_by_label"].items())
                                or "none"))
    print("spans by origin: " + (", ".join(f"{k} {v}"
                                           for k, v in stats["spans_by_origin"].items())
                                 or "none"))
    print(f"pending suggestions: {stats['pending']}")
    for name, model in stats["models"].items():
        precision = "n/a" if model["precision"] is None else f"{model['precision']:.1%}"
        recall = "n/a" if model.get("recall") is None else f"{model['recall']:.1%}"
        print(f"model {name}: accepted {model['accepted']}, corrected {model['corrected']}, "
              f"rejected {model['rejected']}, pending {model['pending']}, "
              f"precision {precision}, recall {recall}")
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    path = project_path(getattr(args, "db", None))
    if args.list:
        folder, found = backups_of(path)
        for backup in found:
            print(backup)
        if not found:
            print(f"no backups in {folder}", file=sys.stderr)
        return EXIT_OK
    if not path.exists():
        raise AnnotatorError(f"{path}: no such project file")
    with open_project(path, backup=False) as project:
        written = backup_project(project, args.output)
    print(f"backed up {path} to {written}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    result = restore_project(project_path(getattr(args, "db", None)), args.source)
    saved = f" (what it held is saved in {result.saved})" if result.saved else ""
    print(f"restored {result.project} from {result.source}: {result.documents} "
          f"documents{saved}")
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "import": cmd_import, "predictions": cmd_predictions, "export": cmd_export,
    "stats": cmd_stats, "backup": cmd_backup, "restore": cmd_restore,
}


def run(argv: Sequence[str] | None = None) -> int | argparse.Namespace:
    """Run a command and return its exit status, or the parsed arguments when there is none
    (the launcher then opens the window)."""
    args = build_parser().parse_args(argv)
    if args.command is None:
        return args
    try:
        return COMMANDS[args.command](args)
    except Cancelled as exc:
        print(f"annotator: {exc}", file=sys.stderr)
        return EXIT_INTERRUPTED
    except AnnotatorError as exc:
        print(f"annotator: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("annotator: interrupted; nothing was written", file=sys.stderr)
        return EXIT_INTERRUPTED
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"annotator: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:  # never a traceback for the user; details on request
        if os.environ.get("ANNOTATOR_DEBUG"):
            raise
        print(f"annotator: internal error: {type(exc).__name__}: {exc} "
              "(run with ANNOTATOR_DEBUG=1 for details)", file=sys.stderr)
        return EXIT_ERROR
