"""Built-in models kept in the project: the model in use for each name, every training's
held-out scores (the learning curve), gazetteer entries, and a model's suggestions replacing
its earlier ones.

The storage keeps what the services hand it (a model's bytes and its info as JSON); what a
model is and how it is trained is :mod:`annotator.suggest`'s.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import peewee as pw

from annotator.core.model import Review, Span
from annotator.storage.base import guarded
from annotator.storage.schema import now, parse_time
from annotator.storage.spans import Spans

_CHUNK = 500
# Above this many documents, a model's suggestions are written under the import lock alone
# rather than each document's (one round trip a document, on a server).
_LOCKED_ONE_BY_ONE = 100


@dataclass(frozen=True, slots=True)
class Training:
    """One training of a built-in model: when, on how much, and its held-out scores (JSON as
    the services write it)."""

    model: str
    trained: dt.datetime
    documents: int
    tokens: int
    scores: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Replaced:
    """What storing a model's suggestions did: added, already there (identical ones of the
    same model, whatever their review), over a label (not stored), and earlier pending ones
    the model no longer makes (removed)."""

    added: int = 0
    kept: int = 0
    over_labels: int = 0
    removed: int = 0


@dataclass(slots=True)
class _Plan:
    rows: list[tuple[int, Span]] = field(default_factory=list)
    stale: list[int] = field(default_factory=list)
    kept: int = 0
    over_labels: int = 0


class Trained(Spans):
    # -- models ----------------------------------------------------------------------------

    @guarded
    def store_model(self, name: str, data: bytes, info: Mapping[str, Any], trained: str,
                    documents: int, tokens: int, scores: Mapping[str, Any]) -> None:
        """Make ``data`` the model in use for ``name`` and record the training, in one short
        transaction: until it commits, the model before it stays in use."""
        table, history = self.models.TrainedModel, self.models.Training
        with self.transaction():
            table.delete().where(table.name == name).execute()
            table.insert(name=name, data=data, trained=trained,
                         info=json.dumps(info, ensure_ascii=False, sort_keys=True)).execute()
            history.insert(model=name, trained=trained, documents=documents, tokens=tokens,
                           scores=json.dumps(scores, ensure_ascii=False,
                                             sort_keys=True)).execute()

    @guarded
    def model_data(self, name: str) -> bytes | None:
        """The bytes of the model in use for ``name``, or None when none was trained."""
        table = self.models.TrainedModel
        rows = self._rows(table.select(table.data).where(table.name == name))
        return bytes(rows[0][0]) if rows else None

    @guarded
    def model_infos(self) -> dict[str, dict[str, Any]]:
        """The info (JSON) of every model in use, by name, without their bytes."""
        table = self.models.TrainedModel
        rows = self._rows(table.select(table.name, table.info).order_by(table.name))
        return {name: json.loads(info) for name, info in rows}

    @guarded
    def trainings(self, model: str | None = None) -> list[Training]:
        """Every training (of ``model``, or of all), oldest first."""
        table = self.models.Training
        query = table.select(table.model, table.trained, table.documents, table.tokens,
                             table.scores).order_by(table.trained, table.id)
        if model is not None:
            query = query.where(table.model == model)
        out = []
        for name, trained, documents, tokens, scores in self._rows(query):
            when = parse_time(trained)
            assert when is not None
            out.append(Training(name, when, documents, tokens, json.loads(scores)))
        return out

    # -- gazetteers ------------------------------------------------------------------------

    @guarded
    def add_gazetteer(self, entries: Iterable[tuple[str, str, int]], source: str
                      ) -> tuple[int, int]:
        """Add ``(text, label, line)`` entries of the file ``source`` in one transaction;
        an entry whose text and label the project has (or that came earlier in the same
        file) is skipped. Returns (added, skipped)."""
        gathered = list(entries)
        table = self.models.GazetteerEntry
        stamp = now()
        with self.transaction():
            self.backend.lock_imports()
            there = set(self._rows(table.select(table.text, table.label)))
            rows = []
            for text, label, line in gathered:
                if (text, label) in there:
                    continue
                there.add((text, label))
                rows.append({"text": text, "label": label, "source": source, "line": line,
                             "added": stamp})
            for chunk in range(0, len(rows), _CHUNK):
                table.insert_many(rows[chunk:chunk + _CHUNK]).on_conflict_ignore().execute()
        return len(rows), len(gathered) - len(rows)

    @guarded
    def gazetteer(self) -> list[tuple[str, str]]:
        """Every gazetteer entry as ``(text, label)``, in the order they were added."""
        table = self.models.GazetteerEntry
        return [(text, label) for text, label in
                self._rows(table.select(table.text, table.label).order_by(table.id))]

    @guarded
    def gazetteer_sources(self) -> list[tuple[str, str, int]]:
        """``(file, label, entries)`` of the gazetteers added, by file and label."""
        table = self.models.GazetteerEntry
        return [(source, label, int(n)) for source, label, n in self._rows(
            table.select(table.source, table.label, pw.fn.COUNT(table.id))
            .group_by(table.source, table.label).order_by(table.source, table.label))]

    @guarded
    def remove_gazetteer(self, source: str) -> int:
        """Remove the entries that came from the file ``source``; how many there were."""
        table = self.models.GazetteerEntry
        with self.transaction():
            return int(table.delete().where(table.source == source).execute())

    # -- a model's suggestions -------------------------------------------------------------

    @guarded
    def replace_suggestions(self, origin: str, suggestions: Mapping[int, Sequence[Span]],
                            ) -> Replaced:
        """Store the suggestions ``origin`` (``model:NAME``) makes now for each document, in
        one transaction.

        A suggestion over a label the document has now (another analyst or program may have
        labelled it meanwhile) is not stored; one identical to a suggestion of the same
        model already there (pending, accepted, corrected or rejected) is not repeated; and
        the model's pending suggestions in these documents that it no longer makes (an
        earlier training's, never reviewed) are removed.
        """
        self._label_cache = None  # another program may have changed the labels
        known = {label.name for label in self.labels()}
        # A label renamed since the model learnt it is suggested under its name now; one
        # removed gets no suggestion (nor comes back).
        renamed = self.model_label_names()
        if renamed:
            suggestions = {doc_id: [s.with_(label=renamed[s.label]) if s.label in renamed
                                    else s for s in spans]
                           for doc_id, spans in suggestions.items()}
        suggestions = {doc_id: [s for s in spans if s.label in known]
                       for doc_id, spans in suggestions.items()}
        documents = sorted(suggestions)
        if len(documents) <= _LOCKED_ONE_BY_ONE:
            # A document opened again usually has its suggestions already: then nothing is
            # written, and no write lock taken.
            plan = self._plan(origin, suggestions, documents)
            if not plan.rows and not plan.stale:
                return Replaced(0, plan.kept, plan.over_labels, 0)
        table = self.models.Span
        stamp = now()
        with self.transaction():
            self._label_cache = None  # another program may have changed the labels meanwhile
            self.backend.lock_imports()
            if len(documents) <= _LOCKED_ONE_BY_ONE:
                documents = [d for d in documents if self.backend.lock_document(d)]
            plan = self._plan(origin, suggestions, documents)  # again, under the locks
            label_ids = self._label_ids_of(span.label for _, span in plan.rows)
            pending = Review.PENDING.value
            # Straight to the driver (executemany, or COPY on a server): a suggest over
            # 10,000 documents stores 160,000 of them.
            rows = [(doc_id, span.start, span.end, label_ids[span.label], origin, span.score,
                     pending, stamp, stamp, span.label, span.start, span.end)
                    for doc_id, span in plan.rows]
            for chunk in range(0, len(plan.stale), _CHUNK):
                table.delete().where(table.id.in_(plan.stale[chunk:chunk + _CHUNK])).execute()
            columns = [field.column_name for field in (
                table.document, table.start, table.end, table.label, table.origin,
                table.score, table.review, table.created, table.updated,
                table.suggested_label, table.suggested_start, table.suggested_end)]
            self.backend.insert_rows(table._meta.table_name, columns, rows)
        return Replaced(len(rows), plan.kept, plan.over_labels, len(plan.stale))

    def _plan(self, origin: str, suggestions: Mapping[int, Sequence[Span]],
              documents: Sequence[int]) -> _Plan:
        """What :meth:`replace_suggestions` writes, from the spans the documents have now."""
        table, label = self.models.Span, self.models.Label
        found: dict[int, list[tuple[Any, ...]]] = {d: [] for d in documents}
        for chunk in range(0, len(documents), _CHUNK):
            for row in self._rows(
                    table.select(table.document, table.id,
                                 pw.fn.COALESCE(table.suggested_start, table.start),
                                 pw.fn.COALESCE(table.suggested_end, table.end),
                                 pw.fn.COALESCE(table.suggested_label, label.name),
                                 table.start, table.end, table.origin, table.review,
                                 table.decided_by, table.source, table.annotator,
                                 table.curation)
                    .join(label)
                    .where(table.document.in_(list(documents[chunk:chunk + _CHUNK])))):
                found[row[0]].append(row[1:])
        plan = _Plan()
        pending = Review.PENDING.value
        # With several analysts a label holds a suggestion back only when it is nobody's in
        # particular (a project's from before analysts): an analyst's label would show through
        # the suggestion's absence to the others. Each analyst's view leaves out the built-in
        # models' suggestions over their own labels instead (core.analysts).
        team = int(self.models.Analyst.select().count()) > 1
        for doc_id in documents:
            there = found[doc_id]
            if not there:  # the usual case in bulk: nothing to compare with
                fresh: set[tuple[int, int, str]] = set()
                for span in suggestions[doc_id]:
                    key = (span.start, span.end, span.label)
                    if key not in fresh:
                        fresh.add(key)
                        plan.rows.append((doc_id, span))
                continue
            labels = [(start, end) for *_, start, end, _, review, _, _, who, curation in there
                      if (review is None or review == Review.ACCEPTED.value)
                      and not (team and (who is not None or curation is not None))]
            # A shared suggestion some analyst decided about (their decision is a row of its
            # own, pointing at it) stays, as one decided in place does.
            decided = {s[9] for s in there if s[9] is not None}
            made = {(s[1], s[2], s[3]) for s in there if s[6] == origin}
            wanted: set[tuple[int, int, str]] = set()
            for span in suggestions[doc_id]:
                key = (span.start, span.end, span.label)
                if key in wanted:
                    continue
                wanted.add(key)
                if key in made:
                    plan.kept += 1
                elif any(a < span.end and span.start < b for a, b in labels):
                    plan.over_labels += 1
                else:
                    made.add(key)
                    plan.rows.append((doc_id, span))
            gone = [s[0] for s in there if s[6] == origin and s[7] == pending
                    and s[8] is None and s[9] is None and s[0] not in decided
                    and (s[1], s[2], s[3]) not in wanted]
            plan.stale += gone
        return plan
