"""The project's own settings, kept in the project (so that they move with it), as JSON: the
event types, whether analysts see each other's labels, when the model is trained again, how
far the text search has indexed. Settings of one person's window are QSettings, not these."""

from __future__ import annotations

import json
from typing import Any

from annotator.storage.base import ProjectBase, guarded


class Settings(ProjectBase):
    @guarded
    def setting(self, key: str, default: Any = None) -> Any:
        """The value of ``key``, or ``default`` when the project has none."""
        table = self.models.Setting
        rows = self._rows(table.select(table.value).where(table.key == key))
        return json.loads(rows[0][0]) if rows else default

    @guarded
    def set_setting(self, key: str, value: Any) -> None:
        """Set ``key`` to ``value`` (JSON), committed at once; None removes it."""
        table = self.models.Setting
        with self.transaction():
            table.delete().where(table.key == key).execute()
            if value is not None:
                table.insert(key=key, value=json.dumps(value, ensure_ascii=False)).execute()
