"""Search inside articles: the documents whose text holds a phrase, blind to Persian spelling
variants, with the lines that hold it (the rules: :mod:`annotator.text.search`; the index:
:mod:`annotator.storage.search`).

The index is filled in the background after imports; :func:`catch_up` indexes what waits
(the command does it first, with progress). A search over an index that is behind says how
many documents it could not search (``unsearched``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from annotator.core.errors import InputError
from annotator.services.progress import CancelToken, Progress, counted, no_progress
from annotator.storage import Project
from annotator.text.search import Line, Phrase, matches, phrase

PAGE = 200  # documents read at a time to find their lines


@dataclass(frozen=True)
class Hit:
    """A document whose text holds the phrase: its key, title and the lines holding it."""

    key: str
    title: str
    lines: tuple[Line, ...]


@dataclass
class Search:
    """What a search found: ``ids`` of the documents (in list order), read with their lines
    by :meth:`hits`; ``unsearched`` documents were not indexed yet."""

    project: Project
    phrase: Phrase
    ids: list[int]
    unsearched: int = 0

    def hits(self, limit: int | None = None,
             cancel: CancelToken | None = None) -> Iterator[Hit]:
        wanted = self.ids if limit is None else self.ids[:limit]
        for start in range(0, len(wanted), PAGE):
            if cancel is not None:
                cancel.check()
            for _, key, title, text in self.project.texts_of(wanted[start:start + PAGE]):
                yield Hit(key, title, tuple(matches(self.phrase, text)))


def parse_query(query: str) -> Phrase:
    found = phrase(query)
    if found is None:
        raise InputError(f"{query!r}: nothing to search for (give a word or more)")
    return found


def catch_up(project: Project, progress: Progress | None = None,
             cancel: CancelToken | None = None) -> int:
    """Index the documents not indexed yet; how many were indexed."""
    report = progress or no_progress

    def batch_done(done: int, waiting: int) -> None:
        report(done, waiting, f"{done} of {counted(waiting, 'document')}")
        if cancel is not None:
            cancel.check()

    return project.index_text(on_batch=batch_done)


def search(project: Project, query: str) -> Search:
    """The documents whose indexed text holds ``query`` (see :mod:`annotator.text.search`)."""
    found = parse_query(query)
    _, waiting = project.text_index_state()
    return Search(project, found, project.search_ids(found), waiting)
