"""Options every command shares."""

from __future__ import annotations

import argparse
import sys

from annotator.services.analysts import checked_name, current_analyst
from annotator.services.projects import Project, open_project, project_location


def warn(message: str) -> None:
    print(f"annotator: warning: {message}", file=sys.stderr)


def opened(args: argparse.Namespace, create: bool = True) -> Project:
    """The project of ``--db``, backed up on opening when a backup is due (a backup that
    fails is a warning). Commands that only read (``create`` false) refuse a project that
    does not exist rather than make one."""
    return open_project(project_location(getattr(args, "db", None)), create=create,
                        on_warning=warn)


def named_analyst[T](args: argparse.Namespace, default: T | None = None) -> str | T | None:
    """The analyst ``--analyst`` names, or ``default`` when it names none (import and export
    then take the project's labels as they are, not those of whoever runs the command)."""
    name = getattr(args, "analyst", None)
    return checked_name(name) if name else default


def working_analyst(args: argparse.Namespace) -> str:
    """Who runs the command, for what it records as theirs: ``--analyst``, else
    ``ANNOTATOR_ANALYST``, else the login name."""
    return current_analyst(getattr(args, "analyst", None))
