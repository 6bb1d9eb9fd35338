"""Events of an imported record: their types and roles through ``--label-map``, their spans
the document's, and the rules checked, each problem located at the file and line the event was
read from.

One label map serves spans, event types and roles, as each name is met: ``Person=ACTOR``
maps a span label, ``Meet=CONSULT`` an event type, ``Agent=actor`` a role. A role is looked up
as written (``Org2``), then without its number (``Org``: brat numbers a role's second span
``Actor2``), and matched to ours in any case (``Actor`` is ``actor``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from annotator.core.errors import EventError, InputError
from annotator.core.events import Argument, Event, EventType, Role, check_event, role_named
from annotator.core.model import Document
from annotator.formats.base import RawEvent, Record


def _role(name: str, label_map: Mapping[str, str]) -> Role:
    for written in dict.fromkeys((name, name.rstrip("0123456789"))):
        try:
            return role_named(label_map.get(written, written))
        except EventError:
            continue
    roles = ", ".join(r.value for r in Role)
    raise EventError(f"unknown role {name!r} (the roles are {roles}; map another with "
                     f"--label-map {name.rstrip('0123456789') or name}=actor)")


def _event(raw: RawEvent, doc: Document, label_map: Mapping[str, str]) -> Event:
    spans = doc.spans
    return Event(
        spans[raw.trigger], label_map.get(raw.type, raw.type),
        tuple(Argument(_role(a.role, label_map), spans[a.span]) for a in raw.arguments),
    )


def imported_events(record: Record, doc: Document, label_map: Mapping[str, str],
                    types: Sequence[EventType]) -> list[Event]:
    """The events of ``record`` on ``doc``, the document made of it (its spans in the record's
    order). Raises InputError naming the file and line of the first event that breaks a rule
    (a type not on the list, a role unknown or given a span of another label, a trigger that
    is not an EVENT span or already another's)."""
    events: list[Event] = []
    checked = Document(doc.text, spans=doc.spans, events=events)
    for raw in record.events:
        try:
            event = _event(raw, doc, label_map)
            check_event(checked, event, types)
        except EventError as error:
            where = f"{raw.name}: " if raw.name else ""
            raise InputError(f"{where}{error}", path=raw.path or record.path,
                             line=raw.line if raw.path else record.line,
                             record=None if raw.path else record.record) from None
        events.append(event)
    return events
