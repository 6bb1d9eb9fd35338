"""``annotator train|suggest|evaluate|gazetteer``: the built-in models from the command line.

Registered by :mod:`annotator.cli.main`; errors are its one-line messages (exit status 1),
and Ctrl+C during a training ends the worker and leaves the model in use as it was (130).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from annotator.cli.options import opened
from annotator.core.model import Status
from annotator.core.scores import Counts
from annotator.services.evaluating import evaluate_file
from annotator.services.gazetteers import add_gazetteer, gazetteer_sources, remove_gazetteer
from annotator.services.labels import parse_label_map
from annotator.services.progress import counted
from annotator.services.suggesting import SUGGESTED, suggest
from annotator.services.training import (
    DEFAULT_MODEL,
    TRAINED_ON,
    TrainOptions,
    describe_scores,
    retrain_every,
    set_retrain_every,
    train,
    training_summary,
)
from annotator.suggest.models import MODELS
from annotator.text.normalize import Level

Option = Callable[[Callable[[str], object]], Callable[[str], object]]


def _score(text: str) -> float:
    value = float(text)
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{text}: a score is between 0 and 1")
    return value


def _labels(text: str) -> frozenset[str]:
    found = frozenset(filter(None, (x.strip() for x in text.split(","))))
    if not found:
        raise ValueError("name one label or more, like ACTOR,LOCATION")
    return found


def add_commands(commands: argparse._SubParsersAction,  # type: ignore[type-arg]
                 db: argparse.ArgumentParser, option: Option) -> None:
    statuses = [s.value for s in Status]
    models = ", ".join(MODELS)

    tr = commands.add_parser(
        "train", parents=[db], help="train a built-in model on the project's labels",
        description="Train a built-in model on the labels of the project's documents (human "
                    "spans and accepted suggestions) and its gazetteers, and keep it in the "
                    "project. Every fifth document is held out first to score the model on "
                    "text it has not seen; the scores are printed. The model in use stays "
                    "the old one until the new one is stored (Ctrl+C leaves it).")
    tr.add_argument("--model", default=DEFAULT_MODEL, choices=list(MODELS),
                    help=f"which model ({models}; default {DEFAULT_MODEL})")
    tr.add_argument("--status", nargs="+", default=sorted(s.value for s in TRAINED_ON),
                    choices=statuses, metavar="STATUS",
                    help="documents of these statuses (default: done reviewed)")
    tr.add_argument("--labels", default=None, metavar="A,B", type=option(_labels),
                    help="only these labels (default: all)")
    tr.add_argument("--json", action="store_true", help="print the model's info as JSON")
    tr.add_argument("--retrain-every", type=int, default=None, metavar="N",
                    help="instead of training: keep in the project how many documents marked "
                         "done make the window train again by itself (default 10; 0: never)")

    sg = commands.add_parser(
        "suggest", parents=[db], help="add a built-in model's suggestions to review",
        description="Tag documents with a trained built-in model and add its suggestions "
                    "(origin model:NAME, pending review): never over a label, an identical "
                    "one never twice; the model's earlier pending suggestions that it no "
                    "longer makes are replaced. All or nothing.")
    sg.add_argument("--model", default=None, choices=list(MODELS),
                    help="which model (default: crf when trained, else strings)")
    sg.add_argument("--status", nargs="+", default=sorted(s.value for s in SUGGESTED),
                    choices=statuses, metavar="STATUS",
                    help="documents of these statuses (default: new in_progress)")
    sg.add_argument("--min-score", type=option(_score), default=0.0, metavar="S",
                    help="only suggestions scoring at least S (0 to 1)")

    ev = commands.add_parser(
        "evaluate", parents=[db], help="score a trained model on a labelled file",
        description="Tag the documents of a labelled file (read as import reads it, not "
                    "stored) with a trained model and print precision, recall and F1 per "
                    "label and overall, on exact spans as conlleval counts them.")
    ev.add_argument("paths", nargs="+", metavar="GOLD_PATH", type=Path)
    ev.add_argument("--model", default=None, choices=list(MODELS),
                    help="which model (default: crf when trained, else strings)")
    ev.add_argument("--format", default="auto",
                    choices=["auto", "txt", "jsonl", "conll", "labelstudio", "brat"])
    ev.add_argument("--normalize", default=Level.FULL.value, choices=[lv.value for lv in Level])
    ev.add_argument("--label-map", default={}, metavar="A=B,...", type=option(parse_label_map),
                    help="map the file's labels, e.g. PER=ACTOR,LOC=LOCATION")
    ev.add_argument("--json", action="store_true",
                    help='one object: {"precision", "recall", "f1", "labels": {...}}')

    gz = commands.add_parser(
        "gazetteer", parents=[db], help="texts the built-in models should know, with labels",
        description="Gazetteers: files of TEXT<TAB>LABEL lines (UTF-8), kept in the project "
                    "for the string matcher and the CRF (their next training reads them).")
    actions = gz.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", parents=[db], help="add a gazetteer file (all or nothing)",
                             description="Add every line of FILE, or none when a line is "
                                         "bad (the file and line are named). Entries the "
                                         "project has already are skipped and counted.")
    add.add_argument("file", metavar="FILE", type=Path)
    actions.add_parser("list", parents=[db], help="the gazetteers added, by file and label")
    rm = actions.add_parser("remove", parents=[db],
                            help="remove the entries that came from a file")
    rm.add_argument("file", metavar="FILE", help="the file's name, as `gazetteer list` shows")


def _entries(n: int) -> str:
    return f"{n} entry" if n == 1 else f"{n} entries"


_open = opened


def _table(rows: Sequence[tuple[str, Counts]]) -> list[str]:
    width = max(len("label"), *(len(name) for name, _ in rows))
    lines = [f"  {'label':<{width}}  precision  recall      F1  spans"]
    for name, counts in rows:
        lines.append(f"  {name:<{width}}  {counts.precision:9.3f}  {counts.recall:6.3f}  "
                     f"{counts.f1:6.3f}  {counts.support:5d}")
    return lines


def cmd_train(args: argparse.Namespace) -> int:
    from annotator.cli.progress import TerminalProgress

    if args.retrain_every is not None:
        with _open(args, create=False) as project:
            set_retrain_every(project, args.retrain_every)
            every = retrain_every(project)
        print("the window trains the model again " + (
            f"every {counted(every, 'document')} marked done" if every else
            "only when asked (Review → Train Model)") + "; nothing trained now")
        return 0
    options = TrainOptions(model=args.model, statuses=frozenset(Status(s) for s in args.status),
                           labels=args.labels, parallel=True)
    progress = TerminalProgress("training")
    started = time.monotonic()
    with _open(args, create=False) as project:
        try:
            info = train(project, options, progress)
        finally:
            progress.close()
    if args.json:
        print(json.dumps(info.as_json(), ensure_ascii=False, indent=2))
        return 0
    print(f"{training_summary(info)}, in {time.monotonic() - started:.1f} s")
    rows = describe_scores(info)
    if rows:
        print("\n".join(_table(rows)))
    return 0


def cmd_suggest(args: argparse.Namespace) -> int:
    from annotator.cli.progress import TerminalProgress

    progress = TerminalProgress("suggesting")
    with _open(args, create=False) as project:
        try:
            result = suggest(project, args.model, [Status(s) for s in args.status],
                             args.min_score, progress, parallel=True)
        finally:
            progress.close()
    notes = [f"{counted(n, 'suggestion')} {what}" for n, what in (
        (result.kept, "already there"), (result.removed, "of an earlier training removed"),
        (result.over_labels, "left out (labelled meanwhile)")) if n]
    print(f"added {counted(result.added, 'suggestion')} of {result.model} to "
          f"{counted(result.documents, 'document')}" + "".join(f"; {n}" for n in notes))
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from annotator.cli.progress import TerminalProgress

    progress = TerminalProgress("evaluating")
    with _open(args, create=False) as project:
        try:
            result = evaluate_file(project, args.paths, args.model, args.format,
                                   args.label_map, args.normalize, progress)
        finally:
            progress.close()
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
        return 0
    print(f"{result.model} on {counted(result.documents, 'document')} (exact spans):")
    print("\n".join(_table([*sorted(result.counts.items()), ("overall", result.overall)])))
    if result.left_out:
        print("not scored (labels the model was not trained on): " + ", ".join(
            f"{label} {n}" for label, n in sorted(result.left_out.items())))
    return 0


def cmd_gazetteer(args: argparse.Namespace) -> int:
    if args.action == "add":
        with _open(args) as project:
            added = add_gazetteer(project, args.file)
        skipped = f", {added.skipped} already in the project" if added.skipped else ""
        print(f"added {_entries(added.added)} from {added.source}{skipped}")
        return 0
    if args.action == "remove":
        with _open(args, create=False) as project:
            removed = remove_gazetteer(project, args.file)
        print(f"removed {_entries(removed)} of {args.file}")
        return 0
    with _open(args, create=False) as project:
        sources = gazetteer_sources(project)
    if not sources:
        print("no gazetteers in the project", file=sys.stderr)
    by_file: dict[str, list[tuple[str, int]]] = {}
    for source, label, n in sources:
        by_file.setdefault(source, []).append((label, n))
    for source, labels in by_file.items():
        print(f"{source}: {_entries(sum(n for _, n in labels))} ("
              + ", ".join(f"{label} {n}" for label, n in labels) + ")")
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "train": cmd_train, "suggest": cmd_suggest, "evaluate": cmd_evaluate,
    "gazetteer": cmd_gazetteer,
}
