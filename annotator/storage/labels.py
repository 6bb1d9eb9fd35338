"""The project's labels: names, keys and colours, in their order; a list the project owns.

Labels come only from the project's own list: writing a span of a label the project does not
have is refused (:class:`LabelError`), and new labels are added on purpose (``annotator labels
add``, or an import told to take the labels it brings). The rules of names, keys and colours
are :mod:`annotator.core.labels`; what needs the database (a name or key already taken, a
label still in use) is checked here, inside the transaction that makes the change.

On PostgreSQL a span's label is a plain column, not a foreign key (see
:mod:`annotator.storage.migrations`): renaming or removing a label first takes the span table
in SHARE mode, so that no span is written meanwhile, and writers of spans check, after their
write, that its label is still there.
"""

from __future__ import annotations

from collections.abc import Iterable

import peewee as pw

from annotator.core.errors import LabelError
from annotator.core.labels import checked_colour, checked_key, checked_name, next_colour
from annotator.core.model import Label
from annotator.storage.base import guarded
from annotator.storage.postgres import PostgresBackend
from annotator.storage.settings import Settings

# The setting: {OLD: NEW} for each label renamed (or removed into another) since the models
# were trained, so that a trained model's suggestions of OLD are stored as NEW.
MODEL_LABEL_NAMES = "model_label_names"


class Labels(Settings):
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
        """Add the labels the project does not have yet, with colours of their own and no
        key: only on request (an import with ``--add-labels``)."""
        wanted = list(dict.fromkeys(names))
        if not set(wanted) - {lab.name for lab in self.labels()}:
            return
        with self.transaction():
            self._lock_labels()
            have = self.refresh_labels()
            known = {lab.name for lab in have}
            missing = [checked_name(n) for n in wanted if n not in known]
            if not missing:
                return
            taken = {lab.name.casefold(): lab.name for lab in have}
            for name in missing:
                if name.casefold() in taken:
                    raise LabelError(f"label {name} differs only in case from the project's "
                                     f"{taken[name.casefold()]}")
            table = self.models.Label
            position = self._next_position()
            for name in missing:
                color = next_colour(have)
                table.insert(name=name, key="", color=color, position=position).execute()
                have.append(Label(name, "", color))
                position += 1
        self._label_cache = None

    def _next_position(self) -> int:
        table = self.models.Label
        return int(self._rows(table.select(pw.fn.COALESCE(pw.fn.MAX(table.position), -1)))
                   [0][0]) + 1

    # -- the list, changed on purpose ------------------------------------------------------

    @guarded
    def add_label(self, name: str, key: str = "", color: str | None = None) -> Label:
        """Add a label at the end of the list; LabelError when the name (in any case) or the
        key is taken, or one of them has the wrong form."""
        name = checked_name(name)
        with self.transaction():
            self._lock_labels()
            have = self.refresh_labels()
            self._check_free(name, have)
            label = Label(name, checked_key(key, have),
                          checked_colour(color) if color else next_colour(have))
            self.models.Label.insert(name=label.name, key=label.key, color=label.color,
                                     position=self._next_position()).execute()
            self._follow_name(label.name, None)  # a name given again is that label's
        self._label_cache = None
        return label

    @staticmethod
    def _check_free(name: str, labels: Iterable[Label], own: str | None = None) -> None:
        for label in labels:
            if label.name.casefold() == name.casefold() and label.name != own:
                same = "is already a label" if label.name == name else \
                    f"differs only in case from the label {label.name}"
                raise LabelError(f"{name} {same} of the project")

    @guarded
    def change_label(self, name: str, *, new_name: str | None = None, key: str | None = None,
                     color: str | None = None) -> Label:
        """Rename a label, or give it another key or colour. Its spans keep it (they refer to
        it, not to its name); the names kept as text (what a model proposed, gazetteer
        entries) follow the new name."""
        with self.transaction():
            self._lock_spans()
            have = self.refresh_labels()
            label = self._existing(name, have)
            renamed = checked_name(new_name) if new_name is not None else label.name
            self._check_free(renamed, have, own=label.name)
            changed = Label(renamed,
                            checked_key(key, have, own=label.name) if key is not None
                            else label.key,
                            checked_colour(color) if color is not None else label.color)
            table = self.models.Label
            table.update(name=changed.name, key=changed.key, color=changed.color).where(
                table.name == label.name).execute()
            if changed.name != label.name:
                self._rename_texts(label.name, changed.name)
        self._label_cache = None
        return changed

    @guarded
    def remove_label(self, name: str, to: str | None = None) -> int:
        """Remove a label. Refused while spans (of any origin or review) or gazetteer entries
        use it, unless ``to`` names another label: they are then moved to it first (spans
        keep their places, so no overlap can arise). Returns how many spans were moved."""
        with self.transaction():
            self._lock_spans()
            have = self.refresh_labels()
            label = self._existing(name, have)
            target = self._existing(to, have) if to is not None else None
            if target is not None and target.name == label.name:
                raise LabelError(f"--to names {label.name} itself; give another label")
            ids = self._label_ids
            span, table = self.models.Span, self.models.Label
            gazetteer = self.models.GazetteerEntry
            used = int(span.select().where(span.label == ids[label.name]).count())
            entries = int(gazetteer.select().where(gazetteer.label == label.name).count())
            if target is None and (used or entries):
                what = [f"{used} span{'s' * (used != 1)}"] if used else []
                if entries:
                    what.append(f"{entries} gazetteer entr{'ies' if entries != 1 else 'y'}")
                others = [lab.name for lab in have if lab.name != label.name]
                example = f" --to {others[0]}" if others else " --to OTHER"
                raise LabelError(
                    f"label {label.name} is used by {' and '.join(what)}; move them to another "
                    f"label first (annotator labels remove {label.name}{example})")
            if target is not None:
                span.update(label=ids[target.name]).where(
                    span.label == ids[label.name]).execute()
                self._rename_texts(label.name, target.name)
            table.delete().where(table.id == ids[label.name]).execute()
        self._label_cache = None
        return used if target is not None else 0

    @guarded
    def label_use(self) -> dict[str, int]:
        """Every span of each label, whatever its origin or review, in the list's order."""
        span, label = self.models.Span, self.models.Label
        query = (label.select(label.name, pw.fn.COUNT(span.id))
                 .join(span, pw.JOIN.LEFT_OUTER, on=(span.label == label.id))
                 .group_by(label.id, label.name, label.position)
                 .order_by(label.position, label.id))
        return {name: int(n) for name, n in self._rows(query)}

    def _existing(self, name: str, labels: list[Label]) -> Label:
        for label in labels:
            if label.name == name:
                return label
        folded = [lab for lab in labels if lab.name.casefold() == name.casefold()]
        if len(folded) == 1:
            return folded[0]
        names = ", ".join(lab.name for lab in labels) or "none"
        raise LabelError(f"{name} is not a label of the project (its labels: {names})")

    def _rename_texts(self, old: str, new: str) -> None:
        """Where a label's name is kept as text: a suggestion's proposed label, gazetteer
        entries (an entry the new name already has is kept once), and what the trained models
        call it (:data:`MODEL_LABEL_NAMES`)."""
        self._follow_name(old, new)
        span, gazetteer = self.models.Span, self.models.GazetteerEntry
        span.update(suggested_label=new).where(span.suggested_label == old).execute()
        twin = gazetteer.alias("twin")
        gazetteer.delete().where(
            (gazetteer.label == old)
            & pw.fn.EXISTS(twin.select(pw.SQL("1")).where(
                (twin.text == gazetteer.text) & (twin.label == new)))).execute()
        gazetteer.update(label=new).where(gazetteer.label == old).execute()

    def _follow_name(self, old: str, new: str | None) -> None:
        """The trained models' ``old`` is now ``new`` (None: ``old`` names a label again)."""
        before: dict[str, str] = dict(self.setting(MODEL_LABEL_NAMES) or {})
        names = dict(before)
        if new is None:
            names.pop(old, None)
        else:
            names = {was: (new if now == old else now) for was, now in names.items()}
            names[old] = new
            names.pop(new, None)  # a label's name again: its own
        if names != before:
            self.set_setting(MODEL_LABEL_NAMES, names or None)

    def model_label_names(self) -> dict[str, str]:
        """{OLD: NEW} for the labels renamed since the models learnt them."""
        return dict(self.setting(MODEL_LABEL_NAMES) or {})

    def _lock_spans(self) -> None:
        """PostgreSQL: no span is written until this transaction ends (spans' labels are not
        foreign keys there). A project file's write transaction holds the whole file."""
        self._lock_labels()
        if isinstance(self.backend, PostgresBackend):
            self.db.execute_sql('LOCK TABLE "span" IN SHARE MODE')

    def _lock_labels(self) -> None:
        """PostgreSQL: changes to the list wait for each other (what is checked against the
        list, a name in any case or a key, stays true to the commit); reading goes on."""
        if isinstance(self.backend, PostgresBackend):
            self.db.execute_sql('LOCK TABLE "label" IN SHARE ROW EXCLUSIVE MODE')

    def _check_labels_exist(self, label_ids: Iterable[int], written: bool = True) -> None:
        """Inside a transaction writing spans, called before the write (``written`` false) and
        after it: their labels are still there (another program may have removed one since
        its id was looked up) and stay until the commit. On a project file this is checked
        before the write, under the file's write lock; on PostgreSQL after it, once the span
        table's lock is held (a label's removal waits for it, or it for the removal)."""
        if written != isinstance(self.backend, PostgresBackend):
            return
        wanted = sorted(set(label_ids))
        if not wanted:
            return
        table = self.models.Label
        query = table.select(table.id).where(table.id.in_(wanted))
        if written:
            query = query.for_update("FOR KEY SHARE")
        found = {i for (i,) in self._rows(query)}
        if len(found) < len(wanted):
            self._label_cache = None
            raise LabelError("a label of these spans was removed from the project meanwhile "
                             "(by another analyst or program); nothing was written")

    # -- ids -------------------------------------------------------------------------------

    def _label_id(self, name: str) -> int:
        """The id of the project's label ``name``; LabelError when it has none."""
        found = self._label_ids.get(name) if self._label_cache is not None else None
        if found is None:
            self.refresh_labels()
            if name not in self._label_ids:
                names = ", ".join(self._label_ids) or "none"
                raise LabelError(f"{name} is not a label of the project (its labels: {names})")
            found = self._label_ids[name]
        return found

    def _label_ids_of(self, names: Iterable[str], add: bool = False) -> dict[str, int]:
        """The ids of labels by name; those the project does not have are added when ``add``
        is true, else refused."""
        wanted = list(dict.fromkeys(names))
        if add:
            self.ensure_labels(wanted)
        self.labels()
        if not set(wanted) <= self._label_ids.keys():
            self.refresh_labels()
        missing = [name for name in wanted if name not in self._label_ids]
        if missing:
            raise LabelError(f"not labels of the project: {', '.join(missing)} (add them with "
                             "annotator labels add, or import with --add-labels)")
        return {name: self._label_ids[name] for name in wanted}

    def _label_names(self) -> dict[int, str]:
        """Label names by id, as the project has them now."""
        table = self.models.Label
        return dict(self._rows(table.select(table.id, table.name)))
