"""The project's list of event types: shown, added to, taken from, or replaced from a file.

A list is written one type a line, ``NAME<TAB>PERSIAN<TAB>QUAD`` (the Persian name the Persian
interface shows and types are chosen by, and PLOVER's quad category 1-4; both may be empty),
as ``annotator event-types`` prints it, so a printed list edited and given back to
``annotator event-types set FILE`` replaces the project's. Blank lines and lines starting with
``#`` are passed over. A type that events of the project have cannot leave the list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from annotator.core.errors import EventError, InputError
from annotator.core.events import EventType
from annotator.storage import Project

# A name brat, PLOVER and our JSONL all take as it is: no spaces, no colon (brat's E lines
# are TYPE:T3).
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


def check_type(kind: EventType) -> None:
    """EventError unless ``kind`` has a name files can carry and a quad of 1 to 4."""
    if not _NAME.fullmatch(kind.name):
        raise EventError(f"{kind.name!r} cannot name an event type: use Latin letters, digits, "
                         "_ and -, starting with a letter (like CONSULT)")
    if kind.quad is not None and not 1 <= kind.quad <= 4:
        raise EventError(f"{kind.name}: the quad category is 1 to 4, not {kind.quad}")


def check_list(types: Sequence[EventType]) -> None:
    """EventError for an empty list, a bad type, or a name or Persian name given twice."""
    if not types:
        raise EventError("a project needs at least one event type")
    names: set[str] = set()
    persian: set[str] = set()
    for kind in types:
        check_type(kind)
        if kind.name in names:
            raise EventError(f"{kind.name} is on the list twice")
        if kind.persian and kind.persian in persian:
            raise EventError(f"the Persian name «{kind.persian}» is on the list twice")
        names.add(kind.name)
        persian.add(kind.persian)


def format_types(types: Iterable[EventType]) -> str:
    """The list as lines ``NAME<TAB>PERSIAN<TAB>QUAD``."""
    return "".join(f"{t.name}\t{t.persian}\t{'' if t.quad is None else t.quad}\n"
                   for t in types)


def read_types(path: Path) -> list[EventType]:
    """A list written as :func:`format_types` writes it; InputError naming the line."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or "not UTF-8 text"
        raise InputError(f"cannot be read ({reason})", path=str(path)) from None
    types: list[EventType] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, persian, quad, *rest = [*line.split("\t"), "", ""]
        if any(part.strip() for part in rest):
            raise InputError("a line holds NAME, PERSIAN and QUAD, separated by tabs",
                             path=str(path), line=number)
        try:
            kind = EventType(name.strip(), persian.strip(),
                             int(quad) if quad.strip() else None)
            check_type(kind)
        except ValueError:
            raise InputError(f"the quad category is 1 to 4, not {quad.strip()!r}",
                             path=str(path), line=number) from None
        except EventError as exc:
            raise InputError(str(exc), path=str(path), line=number) from None
        types.append(kind)
    try:
        check_list(types)
    except EventError as exc:
        raise InputError(str(exc), path=str(path)) from None
    return types


def set_types(project: Project, types: Sequence[EventType]) -> None:
    """Make ``types`` the project's list (refused when events have a type it leaves out)."""
    check_list(types)
    project.set_event_types(types)


def add_type(project: Project, kind: EventType) -> tuple[EventType, ...]:
    """Add ``kind`` at the end of the project's list; returns the list."""
    types = (*project.event_types(), kind)
    set_types(project, types)
    return types


def remove_type(project: Project, name: str) -> tuple[EventType, ...]:
    """Take ``name`` off the project's list; returns the list."""
    types = project.event_types()
    if name not in {t.name for t in types}:
        raise EventError(f"{name!r} is not on the project's list of event types")
    kept = tuple(t for t in types if t.name != name)
    set_types(project, kept)
    return kept
