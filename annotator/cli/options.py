"""Options every command shares."""

from __future__ import annotations

import argparse

from annotator.services.analysts import checked_name, current_analyst


def named_analyst[T](args: argparse.Namespace, default: T | None = None) -> str | T | None:
    """The analyst ``--analyst`` names, or ``default`` when it names none (import and export
    then take the project's labels as they are, not those of whoever runs the command)."""
    name = getattr(args, "analyst", None)
    return checked_name(name) if name else default


def working_analyst(args: argparse.Namespace) -> str:
    """Who runs the command, for what it records as theirs: ``--analyst``, else
    ``ANNOTATOR_ANALYST``, else the login name."""
    return current_analyst(getattr(args, "analyst", None))
