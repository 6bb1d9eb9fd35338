"""The project's labels: names, keys and colours, in their order."""

from __future__ import annotations

from collections.abc import Iterable

from annotator.core.model import DEFAULT_LABELS, EXTRA_COLORS, Label
from annotator.storage.base import ProjectBase, guarded


class Labels(ProjectBase):
    @guarded
    def labels(self) -> list[Label]:
        if self._label_cache is None:
            table = self.models.Label
            rows = self._rows(table.select(table.id, table.name, table.key, table.color)
                              .order_by(table.position, table.id))
            self._label_cache = {name: Label(name, key, color) for _, name, key, color in rows}
            self._label_ids = {name: i for i, name, _, _ in rows}
        return list(self._label_cache.values())

    @guarded
    def refresh_labels(self) -> list[Label]:
        """The labels as the project has them now (another program may have added some)."""
        self._label_cache = None
        return self.labels()

    @guarded
    def ensure_labels(self, names: Iterable[str]) -> None:
        """Add labels the project does not have yet, with colours of their own."""
        known = {lab.name for lab in self.labels()}
        missing = [n for n in dict.fromkeys(names) if n not in known]
        if not missing:
            return
        with self.transaction():
            table = self.models.Label
            count = int(table.select().count())  # as it is now, under the write lock
            rows = []
            for name in missing:
                color = EXTRA_COLORS[(count - len(DEFAULT_LABELS)) % len(EXTRA_COLORS)]
                rows.append({"name": name, "key": "", "color": color, "position": count})
                count += 1
            # Another program may have added one of them meanwhile: it keeps its own.
            table.insert_many(rows).on_conflict_ignore().execute()
        self._label_cache = None

    def _label_id(self, name: str) -> int:
        found = self._label_ids.get(name) if self._label_cache is not None else None
        if found is None:
            self.labels()
            if name not in self._label_ids:
                self.ensure_labels([name])
                self.labels()
            found = self._label_ids[name]
        return found

    def _label_ids_of(self, names: Iterable[str]) -> dict[str, int]:
        """The ids of labels by name, adding those the project does not have yet."""
        wanted = list(dict.fromkeys(names))
        self.ensure_labels(wanted)
        self.labels()
        return {name: self._label_ids[name] for name in wanted}

    def _label_names(self) -> dict[int, str]:
        """Label names by id, as the project has them now."""
        table = self.models.Label
        return dict(self._rows(table.select(table.id, table.name)))
