"""``annotator import|export|stats|...``: one entry point, no window, usable in scripts (the
built-in models' commands are in :mod:`.models`).

A wrong option value is argparse's usage error (exit status 2) naming the option, never a
file; a closed standard output (``annotator export -o - | head``) ends the command quietly
with status 141, as a Unix tool killed by SIGPIPE.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from annotator import __version__
from annotator.cli import event_types, team
from annotator.cli import labels as labels_cli
from annotator.cli import models as model_commands
from annotator.cli import search as search_cli
from annotator.cli.options import named_analyst, opened, warn
from annotator.core.analysts import NO_ANALYST
from annotator.core.errors import AnnotatorError, Cancelled
from annotator.core.model import Status
from annotator.services.exporting import FORMATS as EXPORT_FORMATS
from annotator.services.exporting import TAGGED, ExportOptions, export, parse_split
from annotator.services.importing import ImportOptions, import_paths
from annotator.services.labels import parse_label_map
from annotator.services.progress import counted
from annotator.services.projects import (
    AUTO_BACKUPS_KEPT,
    Location,
    backup_project,
    backups_of,
    open_project,
    project_location,
    restore_project,
)
from annotator.services.stats import project_stats
from annotator.text.normalize import Level

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
# What a shell reports for a command killed by SIGPIPE (128 + 13): the reader of its output
# (head) stopped reading.
EXIT_BROKEN_PIPE = 128 + getattr(signal, "SIGPIPE", 13)


def _option(parse: Callable[[str], object]) -> Callable[[str], object]:
    """An argparse ``type`` from a parser raising ValueError: its message becomes argparse's
    usage error, ``annotator export: error: argument --split: '-5,100,5': ...``."""
    def converted(text: str) -> object:
        try:
            return parse(text)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None
    converted.__name__ = parse.__name__
    return converted


def _model_name(text: str) -> str:
    if not text.strip():
        raise ValueError("give the model's name, like --model ner-v2")
    return text.strip()


def build_parser() -> argparse.ArgumentParser:
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument("--db", metavar="FILE|URL", default=argparse.SUPPRESS,
                    help="project file, or a PostgreSQL database as "
                         "postgresql://USER@HOST:PORT/DBNAME (default: $ANNOTATOR_DB or the "
                         "user data folder)")
    db.add_argument("--analyst", metavar="NAME", default=argparse.SUPPRESS,
                    help="who is working: edits and decisions are recorded as theirs (default: "
                         "$ANNOTATOR_ANALYST, else the login name); for import, whose labels "
                         "the input holds; for export, whose labels to write")
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
    imp.add_argument("--label-map", default={}, metavar="A=B,...",
                     type=_option(parse_label_map),
                     help="map foreign labels, event types and roles, e.g. "
                          "PER=ACTOR,LOC=LOCATION,Meet=CONSULT,Agent=actor (names in any case); "
                          "NAT= drops the spans of NAT")
    imp.add_argument("--add-labels", action="store_true",
                     help="add the labels the project does not have, as they come (without "
                          "it they are refused)")
    imp.add_argument("--status", default=None, choices=[s.value for s in Status],
                     help="give every document this status, whatever the input says (done: "
                          "a labelled corpus to train the built-in models on)")

    pre = commands.add_parser("predictions", parents=[db],
                              help="add a model's pre-annotations to review",
                              description="Add a model's suggestions (pending review) to the "
                                          "documents they match by id, else by identical text. "
                                          "All or nothing.")
    pre.add_argument("paths", nargs="+", metavar="PATH", type=Path)
    pre.add_argument("--model", required=True, metavar="NAME", type=_option(_model_name),
                     help="the model's name")
    pre.add_argument("--format", default="auto",
                     choices=["auto", "txt", "jsonl", "conll", "labelstudio"])
    pre.add_argument("--label-map", default={}, metavar="A=B,...",
                     type=_option(parse_label_map),
                     help="map the model's labels, e.g. PER=ACTOR,LOC=LOCATION; NAT= drops "
                          "the suggestions of NAT")
    pre.add_argument("--add-labels", action="store_true",
                     help="add the labels the project does not have (without it they are "
                          "refused)")

    exp = commands.add_parser(
        "export", parents=[db], help="write a dataset",
        description="Write the project's documents as JSONL (one document a line), CoNLL, "
                    "tokens (token-classification JSONL: one sentence a line, "
                    '{"tokens", "tags", "id"}, and the tag names in NAME.labels.txt), brat '
                    "standoff (a folder of .txt and .ann files) or PLOVER events (one event a "
                    "line).")
    exp.set_defaults(parser=exp)
    exp.add_argument("--format", required=True, choices=list(EXPORT_FORMATS))
    exp.add_argument("--scheme", default=None, choices=["bio", "bioes"],
                     help="tags of conll and tokens (default bio)")
    exp.add_argument("--status", nargs="+", default=[], choices=[s.value for s in Status],
                     metavar="STATUS", help="only documents of these statuses")
    exp.add_argument("--labels", default=None, metavar="A,B",
                     help="only spans of these labels (the project's, in any case)")
    exp.add_argument("--include-pending", action="store_true",
                     help="also write pending suggestions")
    exp.add_argument("--split", default=(), metavar="TRAIN,DEV,TEST", type=_option(parse_split),
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
    team.register(commands, db)
    event_types.register(commands, db)
    model_commands.add_commands(commands, db, _option)
    labels_cli.register(commands, db)
    search_cli.register(commands, db)
    return parser


def _location(args: argparse.Namespace) -> Location:
    return project_location(getattr(args, "db", None))


_open = opened


def cmd_import(args: argparse.Namespace) -> int:
    from annotator.cli.progress import TerminalProgress

    options = ImportOptions(format=args.format, normalize=args.normalize,
                            label_map=args.label_map, add_labels=args.add_labels, parallel=True,
                            analyst=named_analyst(args),
                            status=Status(args.status) if args.status else None)
    progress = TerminalProgress("importing")
    with _open(args) as project:
        try:
            result = import_paths(project, args.paths, options, progress)
        finally:
            progress.close()
    for problem in result.problems:
        print(f"skipped: {problem}", file=sys.stderr)
    skipped = f", {len(result.skipped)} already in the project" if result.skipped else ""
    relabelled = (f", {counted(len(result.relabelled), 'document')} already in the project "
                  f"relabelled as {options.analyst}'s" if result.relabelled else "")
    events = f" and {counted(result.events, 'event')}" if result.events else ""
    dropped = "".join(f"; {counted(n, 'span')} of {name} dropped (--label-map {name}=)"
                      for name, n in result.dropped.items())
    print(f"imported {counted(result.added, 'document')} with "
          f"{counted(result.spans, 'span')}{events}{skipped}{relabelled}{dropped}")
    return EXIT_OK


def cmd_predictions(args: argparse.Namespace) -> int:
    from annotator.cli.progress import TerminalProgress
    from annotator.services.predictions import import_predictions

    progress = TerminalProgress("reading suggestions")
    with _open(args) as project:
        try:
            result = import_predictions(project, args.paths, args.model, args.format,
                                        args.label_map, progress, add_labels=args.add_labels)
        finally:
            progress.close()
    skipped = f", {result.skipped} already there" if result.skipped else ""
    dropped = "".join(f"; {counted(n, 'suggestion')} of {name} dropped (--label-map {name}=)"
                      for name, n in result.dropped.items())
    print(f"added {counted(result.added, 'suggestion')} of {args.model} to "
          f"{counted(result.documents, 'document')}{skipped}{dropped}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from annotator.cli.progress import TerminalProgress

    labels = frozenset(filter(None, (x.strip() for x in args.labels.split(",")))) \
        if args.labels else None
    if args.scheme is not None and args.format not in TAGGED:
        args.parser.error(f"--scheme applies to --format {' and '.join(TAGGED)}, "
                          f"not {args.format} (which has no tags)")
    options = ExportOptions(format=args.format, scheme=args.scheme or "bio",
                            statuses=frozenset(Status(s) for s in args.status),
                            include_pending=args.include_pending, labels=labels,
                            split=args.split, seed=args.seed,
                            analyst=named_analyst(args, NO_ANALYST))
    progress = TerminalProgress("exporting")
    with _open(args, create=False) as project:
        try:
            result = export(project, args.output, options, progress)
        finally:
            progress.close()
    notes = [f"{counted(n, noun)} {what}" for n, noun, what in (
        (result.widened, "span", "widened to token boundaries"),
        (result.merged_sentences, "sentence", "joined because a span crossed them"),
        (result.dropped, "span", "left out (no token of their own)"),
        (result.events_left_out, "event", f"left out ({args.format} cannot carry events)"
         if args.format in ("conll", "tokens") else "left out (their trigger was not exported)"),
    ) if n]
    out = sys.stderr if args.output == "-" else sys.stdout
    sentences = (f" ({counted(result.sentences, 'sentence')})"
                 if args.format == "tokens" else "")
    what = (f"{counted(result.events, 'event')} from {counted(result.documents, 'document')}"
            if args.format == "plover" else
            f"{counted(result.documents, 'document')}{sentences} with "
            f"{counted(result.spans, 'span')}"
            + (f" and {counted(result.events, 'event')}" if result.events else ""))
    print(f"exported {what}" + "".join(f"; {note}" for note in notes), file=out)
    if result.waiting_for_curation:
        print(f"  {counted(result.waiting_for_curation, 'document')} "
              f"{'waits' if result.waiting_for_curation == 1 else 'wait'} for curation "
              "(several analysts labelled them; `annotator curate`, or the window's "
              "curation, settles them; --analyst NAME exports one analyst's labels)", file=out)
    if len(result.files) > 1:
        for name, count in result.files.items():
            print(f"  {name}: {counted(count, 'document')}", file=out)
    if result.tag_names:
        print(f"  tag names: {result.tag_names}", file=out)
    for warning in result.warnings:
        warn(warning)
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    with _open(args, create=False) as project:
        stats = project_stats(project)
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
    if stats["events_by_type"]:
        print("events by type: " + ", ".join(f"{k} {v}"
                                             for k, v in stats["events_by_type"].items()))
    for name, model in stats["models"].items():
        precision = "n/a" if model["precision"] is None else f"{model['precision']:.1%}"
        recall = "n/a" if model.get("recall") is None else f"{model['recall']:.1%}"
        print(f"model {name}: accepted {model['accepted']}, corrected {model['corrected']}, "
              f"rejected {model['rejected']}, pending {model['pending']}, "
              f"precision {precision}, recall {recall}")
    for name, work in stats["analysts"].items():
        done = work["done"] + work["reviewed"]
        assigned = (f", {work['assigned_done']} of {work['assigned']} assigned done"
                    if work["assigned"] else "")
        print(f"analyst {name}: {done} done, {work['in_progress']} in progress"
              f"{assigned}, {counted(work['labels'], 'label')}")
    if stats["curated"]["spans"] or stats["curated"]["documents"]:
        print(f"curated: {counted(stats['curated']['documents'], 'document')} finished, "
              f"{counted(stats['curated']['spans'], 'label')}")
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    location = _location(args)
    if args.list:
        folder, found = backups_of(location)
        for backup in found:
            print(backup)
        if not found:
            print(f"no backups in {folder}", file=sys.stderr)
        return EXIT_OK
    with open_project(location, backup=False, create=False) as project:
        written = backup_project(project, args.output)
    print(f"backed up {location} to {written}")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    result = restore_project(_location(args), args.source)
    saved = f" (what it held is saved in {result.saved})" if result.saved else ""
    print(f"restored {result.project} from {result.source}: "
          f"{counted(result.documents, 'document')}{saved}")
    return EXIT_OK


def cmd_labels(args: argparse.Namespace) -> int:
    return labels_cli.run(args, _open)


def cmd_search(args: argparse.Namespace) -> int:
    return search_cli.run(args, _open)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "import": cmd_import, "predictions": cmd_predictions, "export": cmd_export,
    "stats": cmd_stats, "backup": cmd_backup, "restore": cmd_restore, **team.COMMANDS,
    **event_types.COMMANDS,
    **model_commands.COMMANDS,
    "labels": cmd_labels,
    "search": cmd_search,
}


def run(argv: Sequence[str] | None = None) -> int | argparse.Namespace:
    """Run a command and return its exit status, or the parsed arguments when there is none
    (the launcher then opens the window)."""
    args = build_parser().parse_args(argv)
    if args.command is None:
        return args
    try:
        status = COMMANDS[args.command](args)
        sys.stdout.flush()  # a closed pipe is found here, not at exit
        return status
    except BrokenPipeError:
        return _broken_pipe()
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


def _broken_pipe() -> int:
    """The reader of standard output went away (``| head``): nothing more to say, and no
    error at exit when Python flushes what is left for the closed pipe."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return EXIT_BROKEN_PIPE
