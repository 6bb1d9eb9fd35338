"""Events in JSON records, both ways: span ids (``T1``) and ``events`` read from a record and
written into one (see CONTEXT.md: event, span id).

A record's events name its spans by their ``id``; a name that is no span's is refused here,
with the record's location added by the reader. Types and roles are kept as written: the
import maps them (``--label-map``) and checks them against the rules.
"""

from __future__ import annotations

from typing import Any

from annotator.core.errors import InputError
from annotator.core.events import Numbered
from annotator.formats.base import RawArgument, RawEvent
from annotator.formats.fields import as_list, as_object, as_text, type_name


def _name(value: Any, what: str) -> str:
    """An id: a non-empty string, or a whole number written as one."""
    if isinstance(value, bool) or not isinstance(value, int | str) or not str(value).strip():
        raise InputError(f"{what} is {type_name(value) if value != '' else 'empty'}, "
                         "not a span id such as \"T1\"")
    return str(value).strip()


def span_ids(spans: Any) -> dict[str, int]:
    """The position of each span of a record's ``spans`` by its ``id`` (spans without one are
    left out); a repeated id is an error."""
    ids: dict[str, int] = {}
    if not isinstance(spans, list):
        return ids
    for n, item in enumerate(spans, start=1):
        if not isinstance(item, dict) or item.get("id") is None:
            continue
        name = _name(item["id"], f'span {n}: "id"')
        if name in ids:
            raise InputError(f'span {n}: "id" {name!r} is also span {ids[name] + 1}\'s')
        ids[name] = n - 1
    return ids


def read_events(value: Any, spans: Any) -> list[RawEvent]:
    """The ``events`` of a record whose spans are ``spans`` (its ``"spans"`` value)."""
    items = as_list(value, '"events"')
    if not items:
        return []
    ids = span_ids(spans)
    events = []
    for n, given in enumerate(items, start=1):
        item = as_object(given, f"event {n}")
        own = item.get("id")
        name = f"event {n}" + (f" ({own})" if isinstance(own, str | int) and own != "" else "")

        def position(reference: Any, what: str, name: str = name) -> int:
            span = _name(reference, f"{name}: {what}")
            if span not in ids:
                raise InputError(f"{name}: {what} {span!r} names no span of this record "
                                 "(spans are named by their \"id\")")
            return ids[span]

        trigger = position(item.get("trigger"), '"trigger"')
        kind = as_text(item.get("type"), f'{name}: "type"').strip()
        arguments = []
        given_arguments = item.get("arguments")
        for m, raw in enumerate([] if given_arguments is None
                                else as_list(given_arguments, f'{name}: "arguments"'), start=1):
            argument = as_object(raw, f"{name}: argument {m}")
            role = as_text(argument.get("role"), f'{name}: argument {m}: "role"').strip()
            arguments.append(RawArgument(role, position(argument.get("span"),
                                                        f'argument {m}: "span"')))
        events.append(RawEvent(trigger, kind, arguments, name=name))
    return events


def events_to_json(frames: Numbered) -> list[dict[str, Any]]:
    """The events a file writes, in the contract's shape, naming spans by their span ids."""
    return [
        {
            "id": name,
            "trigger": frames.id_of(event.trigger),
            "type": event.type,
            "arguments": [{"role": a.role.value, "span": frames.id_of(a.span)}
                          for a in event.arguments],
        }
        for name, event in frames.events
    ]
