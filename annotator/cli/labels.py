"""``annotator labels [add|rename|remove|set ...]``: the project's own list of labels."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable

from annotator.services.labels import add_label, change_label, list_labels, remove_label
from annotator.services.progress import counted
from annotator.services.projects import Project

Opener = Callable[..., Project]


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser],
             db: argparse.ArgumentParser) -> None:
    lab = commands.add_parser(
        "labels", parents=[db], help="the project's labels: list, add, rename, remove",
        description="The project's own list of labels, each with a key (one digit or Latin "
                    "letter: the window's key for it) and a colour (#rrggbb). Imports and "
                    "suggestions may only use these labels (or say --label-map X=LABEL, X= to "
                    "drop X's spans, or --add-labels). Without an action, lists them with their "
                    "spans (labels of documents) and other suggestions.")
    lab.add_argument("--json", action="store_true", help="the list as one JSON array")
    actions = lab.add_subparsers(dest="action", metavar="ACTION")

    add = actions.add_parser("add", parents=[db], help="add a label at the end of the list")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--key", default="", metavar="K", help="its key in the window, like 4")
    add.add_argument("--colour", "--color", dest="colour", default=None, metavar="#RRGGBB",
                     help="its colour (default: one no label has)")

    ren = actions.add_parser("rename", parents=[db],
                             help="rename a label (its spans keep it; files then carry the new "
                                  "name)")
    ren.add_argument("old", metavar="OLD")
    ren.add_argument("new", metavar="NEW")

    rem = actions.add_parser("remove", parents=[db],
                             help="remove a label no span uses, or move its spans first (--to)")
    rem.add_argument("name", metavar="NAME")
    rem.add_argument("--to", default=None, metavar="OTHER",
                     help="move its spans (and suggestions, and gazetteer entries) to OTHER")

    put = actions.add_parser("set", parents=[db], help="give a label another key or colour")
    put.add_argument("name", metavar="NAME")
    put.add_argument("--key", default=None, metavar="K", help='its key ("" for none)')
    put.add_argument("--colour", "--color", dest="colour", default=None, metavar="#RRGGBB")
    put.set_defaults(parser=put)


def run(args: argparse.Namespace, open_project: Opener) -> int:
    action = args.action
    if action is None:
        with open_project(args, create=False) as project:
            rows = list_labels(project)
        if args.json:
            print(json.dumps([{"name": r.label.name, "key": r.label.key,
                               "colour": r.label.color, "spans": r.spans,
                               "suggestions": r.all_spans - r.spans} for r in rows],
                             ensure_ascii=False, indent=2))
            return 0
        width = max([len(r.label.name) for r in rows] + [4])
        print(f"{'name':<{width}}  key  colour   spans")
        for r in rows:
            others = r.all_spans - r.spans
            extra = f" (and {counted(others, 'suggestion')})" if others else ""
            print(f"{r.label.name:<{width}}  {r.label.key or '-':<3}  {r.label.color}  "
                  f"{r.spans}{extra}")
        return 0
    with open_project(args) as project:
        if action == "add":
            label = add_label(project, args.name, args.key, args.colour)
            key = f"key {label.key}, " if label.key else "no key, "
            print(f"added label {label.name} ({key}colour {label.color})")
        elif action == "rename":
            label = change_label(project, args.old, new_name=args.new)
            print(f"renamed label {args.old} to {label.name}")
        elif action == "remove":
            moved = remove_label(project, args.name, args.to)
            note = f"; {counted(moved, 'span')} moved to {args.to}" if args.to else ""
            print(f"removed label {args.name}{note}")
        else:
            if args.key is None and args.colour is None:
                args.parser.error("give --key or --colour (or both)")
            label = change_label(project, args.name, key=args.key, colour=args.colour)
            key = f"key {label.key}" if label.key else "no key"
            print(f"label {label.name}: {key}, colour {label.color}")
    return 0
