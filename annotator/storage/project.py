"""An open project, on a file or a server: its parts composed into one object.

Each part is a module of its own: opening and checks (:mod:`.base`, with the databases'
differences in :mod:`.sqlite` and :mod:`.postgres`), labels (:mod:`.labels`), the document
list's queries (:mod:`.listing`), documents and the import's staging (:mod:`.documents`),
spans and review (:mod:`.spans`), what reports count (:mod:`.reports`), trained models and
gazetteers (:mod:`.trained`), the project's settings (:mod:`.settings`), backups and moves
between databases (:mod:`.copying`).
"""

from __future__ import annotations

from annotator.storage.copying import Copying
from annotator.storage.reports import Reports
from annotator.storage.settings import Settings
from annotator.storage.trained import Trained


class Project(Reports, Trained, Settings, Copying):
    """An open project. Reads return core objects; each write commits before returning."""

    def __enter__(self) -> Project:
        return self
