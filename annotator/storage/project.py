"""An open project, on a file or a server: its parts composed into one object.

Each part is a module of its own: opening and checks (:mod:`.base`, with the databases'
differences in :mod:`.sqlite` and :mod:`.postgres`), labels (:mod:`.labels`), the document
list's queries (:mod:`.listing`), documents and the import's staging (:mod:`.documents`),
events and the list of event types (:mod:`.events`, below documents, which load and import
events with them), spans and review (:mod:`.spans`), analysts, their statuses, assignments and
curations (:mod:`.analysts`), what reports count (:mod:`.reports`), trained models and
gazetteers (:mod:`.trained`), the project's settings (:mod:`.settings`), backups and moves
between databases (:mod:`.copying`).
"""

from __future__ import annotations

from annotator.storage.analysts import Analysts
from annotator.storage.copying import Copying
from annotator.storage.reports import Reports
from annotator.storage.settings import Settings
from annotator.storage.trained import Trained


class Project(Analysts, Reports, Trained, Settings, Copying):
    """An open project. Reads return core objects; each write commits before returning."""

    def __enter__(self) -> Project:
        return self
