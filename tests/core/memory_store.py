"""A project file in memory, for command tests: the span and event methods of
:class:`annotator.core.event_commands.EventStore`, holding spans and events by id.

It is as strict as a database with foreign keys: an event must name stored spans of its own
document, and a span an event still names cannot be deleted. So a command that changes things
in the wrong order fails here as it would on the project file.
"""

from __future__ import annotations

from annotator.core.events import Argument, Event
from annotator.core.model import Document, Span, Status


class MemoryStore:
    def __init__(self) -> None:
        self.texts: dict[int, str] = {}
        self.statuses: dict[int, Status] = {}
        self.spans: dict[int, tuple[int, Span]] = {}
        self.events: dict[int, tuple[int, Event]] = {}
        self._next = 1

    def _new_id(self) -> int:
        self._next += 1
        return self._next

    def add_document(self, text: str, spans: list[Span], status: Status = Status.IN_PROGRESS,
                     ) -> Document:
        doc_id = self._new_id()
        self.texts[doc_id], self.statuses[doc_id] = text, status
        for span in spans:
            self.insert_span(doc_id, span)
        return self.document(doc_id)

    def document(self, doc_id: int) -> Document:
        """The document as storage would give it: spans and events with ids, events naming the
        document's own span objects."""
        spans = sorted((s for d, s in self.spans.values() if d == doc_id),
                       key=lambda s: (s.start, s.end))
        by_id = {s.id: s for s in spans}
        events = [e.with_(trigger=by_id[e.trigger.id],
                          arguments=tuple(Argument(a.role, by_id[a.span.id])
                                          for a in e.arguments))
                  for d, e in sorted(self.events.values(), key=lambda x: x[1].id or 0)
                  if d == doc_id]
        return Document(self.texts[doc_id], key=f"doc-{doc_id}", status=self.statuses[doc_id],
                        spans=spans, events=events, id=doc_id)

    # -- SpanStore -------------------------------------------------------------------------

    def insert_span(self, document_id: int, span: Span) -> Span:
        span_id = span.id if span.id is not None else self._new_id()
        assert span_id not in self.spans, f"span {span_id} is stored already"
        stored = span.with_(id=span_id)
        self.spans[span_id] = (document_id, stored)
        return stored

    def update_span(self, span: Span) -> Span:
        assert span.id in self.spans
        self.spans[span.id] = (self.spans[span.id][0], span)
        return span

    def delete_span(self, span_id: int, analyst: str | None = None) -> None:
        for _, event in self.events.values():
            named = [s.id for s in event.spans()]
            assert span_id not in named, f"span {span_id} is still named by an event"
        del self.spans[span_id]

    def set_status(self, document_id: int, status: Status, analyst: str | None = None) -> None:
        self.statuses[document_id] = status

    # -- EventStore ------------------------------------------------------------------------

    def _check_spans(self, document_id: int, event: Event) -> None:
        for span in event.spans():
            assert span.id in self.spans, f"event names span {span.id}, which is not stored"
            assert self.spans[span.id][0] == document_id, "a span of another document"

    def insert_event(self, document_id: int, event: Event) -> Event:
        self._check_spans(document_id, event)
        event_id = event.id if event.id is not None else self._new_id()
        assert event_id not in self.events
        stored = event.with_(id=event_id)
        self.events[event_id] = (document_id, stored)
        return stored

    def update_event(self, event: Event) -> Event:
        assert event.id in self.events
        document_id = self.events[event.id][0]
        self._check_spans(document_id, event)
        self.events[event.id] = (document_id, event)
        return event

    def delete_event(self, event_id: int) -> None:
        del self.events[event_id]
