"""``annotator event-types``: the project's list of event types, printed, added to, taken from,
or replaced from a file (see :mod:`annotator.services.event_types`)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from annotator.cli.options import opened
from annotator.services.progress import counted


def register(commands: Any, db: argparse.ArgumentParser) -> None:
    """Add the command to the command line's subparsers (``db``: the shared options)."""
    types = commands.add_parser(
        "event-types", parents=[db], help="the project's list of event types",
        description="Without an action, print the project's event types, one a line: "
                    "NAME<TAB>PERSIAN<TAB>QUAD (PLOVER's sixteen until changed). A type that "
                    "events of the project have cannot leave the list.")
    types.set_defaults(action=None)
    actions = types.add_subparsers(dest="action", metavar="ACTION")
    add = actions.add_parser("add", parents=[db], help="add a type at the end of the list")
    add.add_argument("name", metavar="NAME", help="e.g. VISIT (Latin letters, digits, _ -)")
    add.add_argument("--persian", default="", metavar="P",
                     help="its Persian name, shown and typed in the Persian interface")
    add.add_argument("--quad", type=int, default=None, choices=[1, 2, 3, 4],
                     help="PLOVER's quad category")
    remove = actions.add_parser("remove", parents=[db], help="take a type off the list")
    remove.add_argument("name", metavar="NAME")
    replace = actions.add_parser("set", parents=[db],
                                 help="replace the list with a file's (as the list prints)")
    replace.add_argument("file", metavar="FILE", type=Path)


def cmd_event_types(args: argparse.Namespace) -> int:
    from annotator.core.events import EventType
    from annotator.services import event_types

    with opened(args, create=args.action is not None) as project:
        if args.action == "add":
            types = event_types.add_type(project, EventType(args.name, args.persian, args.quad))
        elif args.action == "remove":
            types = event_types.remove_type(project, args.name)
        elif args.action == "set":
            event_types.set_types(project, event_types.read_types(args.file))
            types = project.event_types()
        else:
            types = project.event_types()
    if args.action is None:
        sys.stdout.write(event_types.format_types(types))
    else:
        print(f"the project has {counted(len(types), 'event type')}", file=sys.stderr)
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {"event-types": cmd_event_types}
