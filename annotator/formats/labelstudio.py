"""Label Studio task exports (the JSON format): a JSON array of tasks.

- The text is ``data.text`` (or, without it, the first other string of ``data``); ``data``'s
  ``title``, ``source``, ``url`` and ``date`` become the document's metadata.
- Labels come from ``annotations[].result[]`` items of type ``labels``, whose
  ``value.{start, end, labels}`` count UTF-16 units (Label Studio runs in a browser); they are
  converted to code points. Of several annotations, the **last one that was not cancelled**
  (``was_cancelled`` false) is read; the others are ignored. Older exports' ``completions``
  are read the same way.
- ``predictions[]`` become suggestions of ``model:<model_version>`` (``model:labelstudio``
  without one), pending review, scored by the result's ``score`` or else the prediction's.
- Other result types (choices, relations, text areas) are ignored.
- The key is the task's ``id`` (or ``data.id``); errors name the task as "record N" (1-based).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError
from annotator.core.model import HUMAN, Review, model_origin
from annotator.formats.base import RawSpan, Record, json_record
from annotator.formats.fields import (
    SpanMaker,
    as_key,
    as_list,
    as_object,
    as_score,
    located,
    take_meta,
)
from annotator.formats.source import json_records

DEFAULT_MODEL = "labelstudio"
# Fields of ``data`` that are never the text, when it has no ``text``.
_META_KEYS = frozenset({"id", "title", "source", "url", "date", "date_jalali"})


def is_task(obj: dict[str, Any]) -> bool:
    """Whether a JSON object is a Label Studio task (its text lives in ``data``)."""
    return isinstance(obj.get("data"), dict)


def read_labelstudio(path: Path) -> Iterator[Record]:
    """The tasks of a Label Studio JSON export (an array, or one task object)."""
    for n, obj in enumerate(json_records(path), start=1):
        with located(path, record=n):
            task = as_object(obj, "the task")
            if not is_task(task):
                raise InputError('not a Label Studio task (no "data" object)')
            record = record_from_task(task, path, record=n)
        yield record


def record_from_task(
    task: dict[str, Any], path: Path, *, line: int | None = None, record: int | None = None
) -> Record:
    """One task as a record; ``line`` or ``record`` say where it is, for errors."""
    data = as_object(task["data"], '"data"')
    text = data.get("text")
    if text is None:
        text = next(
            (
                v
                for k, v in data.items()
                if k not in _META_KEYS and isinstance(v, str) and v.strip()
            ),
            None,
        )
    if not isinstance(text, str) or not text.strip():
        raise InputError('no text in "data" (expected "data": {"text": "..."})')
    title, date, rest = take_meta(data, lenient=True)
    meta = {k: v for k, v in rest.items() if k in ("source", "url") and isinstance(v, str)}
    key = as_key(task.get("id")) or as_key(data.get("id"))

    spans: list[RawSpan] = []
    annotations = as_list(task.get("annotations", task.get("completions", [])), '"annotations"')
    kept = [a for a in annotations if isinstance(a, dict) and not a.get("was_cancelled")]
    if kept:
        spans += _results(
            SpanMaker(text, utf16=True, noun="annotation result"), kept[-1].get("result", [])
        )
    predictions = as_list(task.get("predictions", []), '"predictions"')
    for n, given in enumerate(predictions, start=1):
        prediction = as_object(given, f"prediction {n}")
        name = prediction.get("model_version")
        origin = model_origin(str(name) if name not in (None, "") else DEFAULT_MODEL)
        maker = SpanMaker(text, utf16=True, noun=f"prediction {n}, result")
        spans += _results(
            maker,
            prediction.get("result", []),
            origin=origin,
            score=as_score(prediction.get("score"), f'prediction {n}: "score"'),
        )
    return json_record(text, path, key, line=line, record=record, title=title, date=date,
                       meta=meta, spans=spans)


def _results(
    maker: SpanMaker, results: Any, *, origin: str = HUMAN, score: float | None = None
) -> list[RawSpan]:
    spans = []
    for n, given in enumerate(as_list(results, '"result"'), start=1):
        item = as_object(given, f"{maker.noun} {n}")
        value = item.get("value")
        kind = item.get("type")
        if kind != "labels" and not (
            kind is None and isinstance(value, dict) and "labels" in value
        ):
            continue
        value = as_object(value, f'{maker.noun} {n}: "value"')
        labels = as_list(value.get("labels"), f'{maker.noun} {n}: "labels"')
        if len(labels) != 1:
            raise InputError(f"{maker.noun} {n} has {len(labels)} labels; a span has one")
        suggested = origin != HUMAN
        own = as_score(item.get("score"), f'{maker.noun} {n}: "score"') if suggested else None
        spans.append(
            maker.make(
                n,
                value.get("start"),
                value.get("end"),
                labels[0],
                quoted=value.get("text"),
                origin=origin,
                score=score if own is None else own,
                review=Review.PENDING if suggested else None,
            )
        )
    return spans
