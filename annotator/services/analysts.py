"""Who is working: the analyst of a command or a window, and what a project needs to know of
them when they start (see CONTEXT.md: analyst)."""

from __future__ import annotations

import getpass
import os

from annotator.core.analysts import analysts_of, labels_of
from annotator.core.errors import AnnotatorError
from annotator.core.model import Span, in_text_order
from annotator.storage import EVERYONE, Project

ENV_VAR = "ANNOTATOR_ANALYST"
FALLBACK = "analyst"


def login_name() -> str:
    """The name the system knows this user by (``analyst`` when it knows none)."""
    try:
        return getpass.getuser().strip() or FALLBACK
    except Exception:  # no user name in the environment
        return FALLBACK


def checked_name(name: str) -> str:
    """An analyst's name, stripped; refused when empty or holding a comma (lists of analysts
    are written with commas) or a line break."""
    cleaned = name.strip()
    if not cleaned:
        raise AnnotatorError("an analyst needs a name")
    if any(c in cleaned for c in ",\n\r\t"):
        raise AnnotatorError(f"{cleaned!r}: an analyst's name holds no comma, tab or line break")
    return cleaned


def current_analyst(explicit: str | None = None, remembered: str | None = None) -> str:
    """``--analyst`` if given, else ``ANNOTATOR_ANALYST``, else the name the window
    remembers, else the login name."""
    if explicit:
        return checked_name(explicit)
    if os.environ.get(ENV_VAR, "").strip():
        return checked_name(os.environ[ENV_VAR])
    if remembered:
        return checked_name(remembered)
    return login_name()


def start_work(project: Project, analyst: str) -> None:
    """What opening a project as ``analyst`` does to it: a project labelled before it had
    analysts becomes theirs (:meth:`Project.adopt`), and they are among its analysts. A
    project opened read-only is left as it is."""
    if project.read_only:
        return
    project.adopt(analyst)
    project.ensure_analysts([analyst])


# The project setting that lifts blind labelling: analysts see each other's labels.
SHOW_OTHERS = "show_others_labels"


def shows_others(project: Project) -> bool:
    """Whether the project's analysts see each other's labels while labelling (by default
    they do not: blind labelling)."""
    return bool(project.setting(SHOW_OTHERS, False))


def set_shows_others(project: Project, shown: bool) -> None:
    project.set_setting(SHOW_OTHERS, True if shown else None)


def others_labels(project: Project, doc_id: int, analyst: str) -> list[Span]:
    """The labels the other analysts gave a document, each span carrying its analyst, in text
    order; nothing while the project keeps its analysts blind (:func:`shows_others`)."""
    if not shows_others(project):
        return []
    spans = project.spans(doc_id, EVERYONE)
    found = [span for other in analysts_of(spans) if other is not None and other != analyst
             for span in labels_of(spans, other)]
    return sorted(found, key=in_text_order)
