"""Who is working: the analyst of a command or a window, and what a project needs to know of
them when they start (see CONTEXT.md: analyst)."""

from __future__ import annotations

import getpass
import os

from annotator.core.errors import AnnotatorError
from annotator.storage import Project

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
