"""Where project files live and how the window's first start fills one with samples."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import platformdirs

from annotator.storage import Project

ENV_VAR = "ANNOTATOR_DB"


def default_project_path() -> Path:
    """``<user data dir>/annotator/annotations.sqlite``."""
    return Path(platformdirs.user_data_dir("annotator", appauthor=False)) / "annotations.sqlite"


def project_path(explicit: str | Path | None = None) -> Path:
    """``--db`` if given, else ``ANNOTATOR_DB``, else the default project file."""
    if explicit:
        return Path(explicit).expanduser()
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR]).expanduser()
    return default_project_path()


@contextmanager
def samples_folder() -> Iterator[Path]:
    """The bundled sample articles as a real folder."""
    with resources.as_file(resources.files("annotator.resources") / "samples") as folder:
        yield Path(folder)


def open_project(path: Path, *, with_samples: bool = False) -> Project:
    """Open (creating it when missing) a project file; a new one gets the samples if asked."""
    project = Project(path)
    if project.created and with_samples:
        from annotator.services.importing import import_paths

        with samples_folder() as folder:
            import_paths(project, sorted(folder.glob("*.txt")))
    return project
