"""The ``annotator`` entry point: a command runs without Qt; no command opens the window."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    from annotator.cli.main import run

    outcome = run(argv)
    if isinstance(outcome, int):
        return outcome
    from annotator.core.errors import AnnotatorError
    from annotator.services.projects import project_location

    try:
        from annotator.gui.app import run as run_window
    except ImportError as exc:  # e.g. Qt's system libraries missing
        print(f"annotator: cannot open the window: {exc}", file=sys.stderr)
        return 1
    try:
        return run_window(project_location(getattr(outcome, "db", None)), sys.argv[:1])
    except AnnotatorError as exc:
        print(f"annotator: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
