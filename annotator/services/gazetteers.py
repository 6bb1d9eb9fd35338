"""``annotator gazetteer add|list|remove``: lists of texts and the label each should get,
kept in the project for the string matcher and the CRF (their next training reads them).

A file is added whole or not at all: a bad line is refused with the file and the line
(:mod:`annotator.formats.gazetteer`), and an entry whose text and label the project has
already is skipped and counted. Entries are kept by the file's name, which ``remove`` takes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from annotator.core.errors import InputError
from annotator.formats.gazetteer import read_gazetteer
from annotator.storage import Project


@dataclass(frozen=True)
class GazetteerAdded:
    source: str
    added: int
    skipped: int  # already in the project, or twice in the file


def add_gazetteer(project: Project, path: Path) -> GazetteerAdded:
    """Add the entries of the gazetteer file ``path``; its labels must be the project's."""
    if not path.is_file():
        raise InputError("no such file", path=str(path))
    labels = [label.name for label in project.labels()]
    entries = read_gazetteer(path, labels)
    added, skipped = project.add_gazetteer(((e.text, e.label, e.line) for e in entries),
                                           path.name)
    return GazetteerAdded(path.name, added, skipped)


def gazetteer_sources(project: Project) -> list[tuple[str, str, int]]:
    """``(file, label, entries)`` of the gazetteers in the project."""
    return project.gazetteer_sources()


def remove_gazetteer(project: Project, source: str) -> int:
    """Remove the entries that came from the file named ``source``; InputError when there
    are none."""
    removed = project.remove_gazetteer(Path(source).name)
    if not removed:
        known = sorted({name for name, _, _ in project.gazetteer_sources()})
        raise InputError(f"no gazetteer entries came from {Path(source).name!r}"
                         + (f" (there are: {', '.join(known)})" if known else
                            " (the project has no gazetteer)"))
    return removed
