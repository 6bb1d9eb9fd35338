"""Review over a whole project: what Review → Accept All Above Score… does when it is asked
for every document (the window applies the command it returns, as one undo step)."""

from __future__ import annotations

from collections.abc import Iterator

from annotator.core.commands import Command
from annotator.core.model import Document
from annotator.core.review import accept_above
from annotator.services.progress import CancelToken, Progress, no_progress
from annotator.storage import Project


def accept_above_in_project(project: Project, min_score: float, model: str | None,
                            analyst: str, progress: Progress = no_progress,
                            cancel: CancelToken | None = None
                            ) -> tuple[Command | None, int, int]:
    """:func:`annotator.core.review.accept_above` over every document as ``analyst`` sees it
    (their labels, and the shared suggestions they have not decided about), read in a
    stream."""
    total = project.count_documents()

    def documents() -> Iterator[Document]:
        for n, doc in enumerate(project.iter_documents(viewer=analyst, with_tokens=False)):
            if cancel is not None:
                cancel.check()
            if n % 200 == 0:
                progress(n, total, "")
            yield doc

    return accept_above(documents(), min_score, model, analyst)
