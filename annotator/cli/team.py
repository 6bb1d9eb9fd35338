"""``annotator assign``, ``agreement``, ``curate`` and ``merge``: several analysts on one
corpus, from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

from annotator.cli.options import opened, working_analyst
from annotator.core.model import Status
from annotator.services.progress import counted


def _names(text: str) -> list[str]:
    """``A,B,C`` as names, each once, in order."""
    names = [n.strip() for n in text.split(",") if n.strip()]
    if not names:
        raise argparse.ArgumentTypeError("give names separated by commas, like maryam,ali")
    return list(dict.fromkeys(names))


def register(commands: Any, db: argparse.ArgumentParser) -> None:
    """Add the commands to the command line's subparsers (``db``: the shared options)."""
    asg = commands.add_parser(
        "assign", parents=[db], help="give documents to analysts, K analysts each",
        description="Assign each selected document to K of the analysts, balanced (no analyst "
                    "gets more than one document more than another) and the same for the same "
                    "documents, analysts and seed. Assignments made before are kept.")
    asg.add_argument("--analysts", required=True, type=_names, metavar="A,B,C")
    asg.add_argument("--per-document", required=True, type=int, metavar="K")
    asg.add_argument("--status", nargs="+", default=[], choices=[s.value for s in Status],
                     metavar="STATUS", help="only documents of these statuses")
    asg.add_argument("--seed", type=int, default=13, help="seed (default 13)")

    agr = commands.add_parser(
        "agreement", parents=[db], help="how far analysts agree",
        description="Over the documents two or more analysts labelled: Cohen's kappa over the "
                    "tokens' BIO tags (O included), span F1 (exact and overlapping), per pair "
                    "of analysts and overall, each per label; events F1 (an event matches when "
                    "its trigger, type and arguments all do); Fleiss' kappa for more than two; "
                    "the documents the analysts disagree on most.")
    agr.add_argument("--analysts", type=_names, default=None, metavar="A,B,...",
                     help="only these analysts")
    agr.add_argument("--labels", type=_names, default=None, metavar="L,...",
                     help="only these labels")
    agr.add_argument("--json", action="store_true", help="one JSON object")
    agr.add_argument("--documents", type=int, default=10, metavar="N",
                     help="list the N documents disagreed on most (default 10)")

    cur = commands.add_parser(
        "curate", parents=[db], help="take what analysts agree on as curated labels",
        description="In every document several analysts labelled and nobody began to curate, "
                    "take the spans and the events at least N of them made alike (default: all "
                    "who labelled it) as its curated labels, recorded with the curator "
                    "(--analyst) and who agreed. The rest is left for the window's curation.")
    cur.add_argument("--min-agree", type=int, default=None, metavar="N")

    mrg = commands.add_parser(
        "merge", parents=[db], help="bring in the work of another copy of the project",
        description="Bring in every analyst's labels, decisions and statuses, and the "
                    "curations, from OTHER (a project file or database: an analyst's copy), "
                    "matched by document id and text; for each analyst of each document the "
                    "newer work wins. Documents OTHER has and this project lacks are added. "
                    "Merging twice changes nothing; an id with another text is refused.")
    mrg.add_argument("other", metavar="OTHER")


def _open(args: argparse.Namespace, create: bool = False) -> Any:
    return opened(args, create)


def cmd_assign(args: argparse.Namespace) -> int:
    from annotator.services.team import assign_documents

    with _open(args) as project:
        result = assign_documents(project, args.analysts, args.per_document,
                                  [Status(s) for s in args.status], args.seed)
    print(f"assigned {counted(result.documents, 'document')} to "
          f"{counted(len(args.analysts), 'analyst')}, {args.per_document} each "
          f"({counted(result.added, 'new assignment')})")
    for name, count in sorted(result.per_analyst.items()):
        print(f"  {name}: {counted(count, 'document')}")
    return 0


def cmd_agreement(args: argparse.Namespace) -> int:
    from annotator.cli.progress import TerminalProgress
    from annotator.services.team import measure_agreement

    progress = TerminalProgress("comparing")
    with _open(args) as project:
        try:
            result = measure_agreement(project, args.analysts, args.labels, progress)
        finally:
            progress.close()
        analysts = len(project.analysts())
    if args.json:
        print(json.dumps(result.to_json(documents=args.documents), ensure_ascii=False,
                         indent=2))
        return 0
    if not result.overall.documents:
        print("no document was labelled by two analysts or more")
        if analysts > 1:
            print("(documents are matched by id; a file's documents take their ids from its "
                  "name: import each analyst's copy under the same name, such as "
                  "maryam/news.conll and reza/news.conll)", file=sys.stderr)
        return 0

    def figure(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.3f}"

    for pair in result.pairs:
        a, b = pair.analysts
        print(f"{a} / {b}: {counted(pair.documents, 'document')}, "
              f"{counted(pair.tokens, 'token')}: kappa {figure(pair.combined.kappa)}, "
              f"span F1 {figure(pair.combined.span_f1)}, "
              f"overlap F1 {figure(pair.combined.overlap_f1)}")
        mine, theirs = pair.events.made
        if pair.documents and (mine or theirs):  # a corpus without events: no line for them
            print(f"  events: F1 {figure(pair.events.f1)} "
                  f"({mine} and {counted(theirs, 'event')})")
        for label, per in sorted(pair.by_label.items()):
            print(f"  {label}: kappa {figure(per.kappa)}, span F1 {figure(per.span_f1)}, "
                  f"overlap F1 {figure(per.overlap_f1)}")
    overall = result.overall
    print(f"overall: kappa {figure(overall.combined.kappa)}, "
          f"span F1 {figure(overall.combined.span_f1)}, "
          f"overlap F1 {figure(overall.combined.overlap_f1)}"
          + (f", events F1 {figure(overall.events.f1)}" if any(
              any(p.events.made) for p in result.pairs if p.documents) else ""))
    if result.fleiss is not None:
        print(f"Fleiss' kappa ({', '.join(result.fleiss.analysts)}): "
              f"{figure(result.fleiss.kappa)} over "
              f"{counted(result.fleiss.documents, 'document')}")
    worst = [d for d in result.documents[:args.documents] if d.disagreement]
    if worst:
        print("disagreed on most:")
        for doc in worst:
            print(f"  {doc.key}: {doc.disagreement:.1%} of the tokens' tags "
                  f"({', '.join(doc.analysts)})")
    return 0


def cmd_curate(args: argparse.Namespace) -> int:
    from annotator.cli.progress import TerminalProgress
    from annotator.services.team import curate_project

    curator = working_analyst(args)
    progress = TerminalProgress("curating")
    with _open(args) as project:
        try:
            result = curate_project(project, curator, args.min_agree, progress)
        finally:
            progress.close()
    print(f"curated {counted(result.documents, 'document')} as {curator}: "
          f"{counted(result.spans, 'span')} taken, {result.finished} finished, "
          f"{counted(result.disagreements, 'disagreement')} left for the window"
          + (f"; {counted(result.events, 'event')} taken, "
             f"{counted(result.event_disagreements, 'event disagreement')} left for the "
             "window" if result.events or result.event_disagreements else "")
          + (f"; {counted(result.already, 'document')} already being curated, left as "
             "they were" if result.already else ""))
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    from annotator.cli.progress import TerminalProgress
    from annotator.services.merging import merge_projects

    progress = TerminalProgress("merging")
    with _open(args, create=True) as project:
        try:
            result = merge_projects(project, args.other, progress)
        finally:
            progress.close()
    print(f"merged {args.other}: {counted(result.added, 'document')} added, "
          f"{counted(result.layers, 'analyst’s work')} brought in "
          f"({counted(result.spans, 'span')}"
          + (f" and {counted(result.events, 'event')}" if result.events else "")
          + f"), {counted(result.statuses, 'status')}, "
          f"{counted(result.curations, 'curation')}; {counted(result.unchanged, 'document')} "
          "already up to date")
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "assign": cmd_assign, "agreement": cmd_agreement, "curate": cmd_curate, "merge": cmd_merge,
}

