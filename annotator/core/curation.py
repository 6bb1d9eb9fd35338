"""Curation: settling a document several analysts labelled into its curated labels.

The rules (:func:`curate`), given each analyst's labels of one document and ``min_agree``
(default: every analyst who labelled it, an analyst who found nothing to label included):

- A span (exact boundaries and label) that at least ``min_agree`` analysts made is taken at
  once, unless another such span overlaps it (possible only when ``min_agree`` is half of the
  analysts or fewer): then neither is, and both go to a disagreement.
- Any other span that overlaps a span taken at once is outvoted and left out: the curated
  labels cannot hold both, and enough analysts agreed on the one taken.
- The other spans are grouped into **disagreements**: clusters of spans that overlap one
  another, directly or through a third, across analysts. Each shows every analyst's
  **version** there: their spans in the cluster, or nothing.
- A document fewer than ``min_agree`` analysts labelled has nothing taken at once: every span
  is left to the curator (never taken with less agreement than was asked).
- An **event** (its trigger, type and arguments, compared whole as agreement compares them:
  :class:`~annotator.core.agreement.EventTuple`) that at least ``min_agree`` analysts made
  alike is taken at once when its trigger and every argument are among the spans taken, and
  no other such event has its trigger. Any other event on a trigger where one was taken is
  outvoted. The other triggers of the analysts' events are **event disagreements**, each with
  every analyst's event there, or none: the curator builds those frames on the curated labels.

The **curator** then decides each disagreement (:meth:`Curation.labels`): one version, none
(an empty decision), or spans labelled anew. The result is the document's **curated labels**:
the spans, each recording the analysts who made exactly it (none for a span labelled anew), and
the curator.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field

from annotator.core.agreement import EventTuple, Triple
from annotator.core.commands import AddSpan, Command, Compound, DeleteSpan
from annotator.core.errors import AnnotatorError
from annotator.core.events import ROLE_LABELS, TRIGGER_LABEL, Argument, Event, Role
from annotator.core.model import Document, Span, check_no_overlap, in_text_order, overlaps_any


@dataclass(frozen=True, slots=True)
class CuratedSpan:
    """A span of the curated labels and the analysts who made exactly it (name order)."""

    start: int
    end: int
    label: str
    analysts: tuple[str, ...] = ()

    @property
    def triple(self) -> Triple:
        return self.start, self.end, self.label

    @property
    def is_label(self) -> bool:
        """A curated span is a label of its document."""
        return True


@dataclass(frozen=True, slots=True)
class Version:
    """One analyst's spans in a disagreement, in text order; none: they labelled nothing there."""

    analyst: str
    spans: tuple[Triple, ...]

    @property
    def nothing(self) -> bool:
        return not self.spans


@dataclass(frozen=True, slots=True)
class Disagreement:
    """A cluster of overlapping spans the analysts do not agree on, ``start..end`` covering it,
    with every analyst's version (one per analyst who labelled the document, name order)."""

    start: int
    end: int
    versions: tuple[Version, ...]

    def version(self, analyst: str) -> Version:
        return next(v for v in self.versions if v.analyst == analyst)

    def distinct_versions(self) -> tuple[tuple[tuple[Triple, ...], tuple[str, ...]], ...]:
        """The different versions, each with the analysts who gave it: the most given first,
        then in the order of their first analyst."""
        return _distinct((v.spans, v.analyst) for v in self.versions)


@dataclass(frozen=True, slots=True)
class EventVersion:
    """One analyst's event on a trigger where the analysts' events differ; none: they made
    no event there."""

    analyst: str
    event: EventTuple | None

    @property
    def nothing(self) -> bool:
        return self.event is None


@dataclass(frozen=True, slots=True)
class EventDisagreement:
    """A trigger, ``start..end``, on which the analysts' events differ and none was taken,
    with every analyst's version (one per analyst who labelled the document, name order)."""

    start: int
    end: int
    versions: tuple[EventVersion, ...]

    def distinct_versions(self) -> tuple[tuple[EventTuple | None, tuple[str, ...]], ...]:
        """The different events made there (None: none), each with the analysts who made it,
        as :meth:`Disagreement.distinct_versions` orders them."""
        return _distinct((v.event, v.analyst) for v in self.versions)


def _distinct[V](given: Iterable[tuple[V, str]]) -> tuple[tuple[V, tuple[str, ...]], ...]:
    """Versions, each with the analysts who gave it: the most given first, then in the order
    of their first analyst (``given`` in the analysts' order)."""
    by: dict[V, list[str]] = {}
    for version, analyst in given:
        by.setdefault(version, []).append(analyst)
    ranked = sorted(by.items(), key=lambda item: -len(item[1]))
    return tuple((version, tuple(names)) for version, names in ranked)


@dataclass(frozen=True, slots=True)
class CuratedLabels:
    """The curated labels of a document: its spans in text order, the curator, and the
    disagreements (their indices in :attr:`Curation.disagreements`) still undecided."""

    curator: str
    spans: tuple[CuratedSpan, ...]
    undecided: tuple[int, ...] = ()

    @property
    def complete(self) -> bool:
        return not self.undecided


@dataclass(frozen=True, slots=True)
class Curation:
    """What curation found in one document: the spans taken at once, the disagreements, who
    made each span (``made_by``, for recording which analysts agreed on a curated span), and
    the events taken at once and the event disagreements."""

    analysts: tuple[str, ...]
    min_agree: int
    agreed: tuple[CuratedSpan, ...]
    disagreements: tuple[Disagreement, ...]
    made_by: Mapping[Triple, tuple[str, ...]] = field(default_factory=dict)
    agreed_events: tuple[EventTuple, ...] = ()
    event_disagreements: tuple[EventDisagreement, ...] = ()

    @property
    def settled(self) -> bool:
        """Whether nothing is left to decide: no disagreement about spans or events."""
        return not self.disagreements and not self.event_disagreements

    def taken(self) -> tuple[list[Span], list[Event]]:
        """What is taken at once as it is stored when a document's curation begins: the
        curated labels' spans (each with the analysts who made it, its ``agreed``) and the
        events on them."""
        spans = [Span(s.start, s.end, s.label, agreed=s.analysts) for s in self.agreed]
        at = {(s.start, s.end, s.label): s for s in spans}
        events = []
        for start, end, kind, arguments in self.agreed_events:
            roles = [(Role(role), s, e) for role, s, e in arguments]
            events.append(Event(at[start, end, TRIGGER_LABEL], kind, tuple(
                Argument(role, at[s, e, ROLE_LABELS[role]]) for role, s, e in roles)))
        return spans, events

    def labels(self, curator: str,
               decisions: Mapping[int, Iterable[Triple]] | None = None) -> CuratedLabels:
        """The curated labels: the spans taken at once and, for each decided disagreement (by
        index), the spans the curator chose: a version's (``version(a).spans``), none, or new
        ones. Undecided disagreements are listed. Raises ``OverlapError`` when chosen spans
        overlap one another or a span taken at once."""
        decisions = decisions or {}
        unknown = set(decisions) - set(range(len(self.disagreements)))
        if unknown:
            raise AnnotatorError(f"no disagreement {min(unknown)} in this document "
                                 f"(it has {len(self.disagreements)})")
        chosen = [CuratedSpan(s, e, label, self.made_by.get((s, e, label), ()))
                  for spans in decisions.values() for s, e, label in spans]
        spans = sorted([*self.agreed, *chosen], key=in_text_order)
        check_no_overlap(spans)
        undecided = tuple(i for i in range(len(self.disagreements)) if i not in decisions)
        return CuratedLabels(curator, tuple(spans), undecided)


def curate(labels: Mapping[str, Collection[Triple]], min_agree: int | None = None,
           events: Mapping[str, Collection[EventTuple]] | None = None) -> Curation:
    """Curation of one document from each analyst's labels of it and their events there (an
    analyst absent from ``events`` made none; see the module's rules)."""
    analysts = tuple(sorted(labels))
    needed = len(analysts) if min_agree is None else min_agree
    if needed < 1:
        raise AnnotatorError(f"at least 1 analyst must agree on a span to take it, not {needed}")
    made: dict[Triple, list[str]] = {}
    for analyst in analysts:
        for span in set(labels[analyst]):
            made.setdefault(span, []).append(analyst)
    made_by = {span: tuple(names) for span, names in made.items()}
    candidates = sorted(s for s, names in made_by.items() if len(names) >= needed)
    taken = [group[0] for group in _clusters(candidates) if len(group) == 1]
    taken_starts = [s for s, _, _ in taken]
    taken_ends = [e for _, e, _ in taken]
    rest = sorted(s for s in made_by if not overlaps_any(taken_starts, taken_ends, s[0], s[1]))
    disagreements = []
    for group in _clusters(rest):
        inside = set(group)
        versions = tuple(Version(a, tuple(sorted(inside.intersection(labels[a]))))
                         for a in analysts)
        disagreements.append(Disagreement(group[0][0], max(e for _, e, _ in group), versions))
    agreed = tuple(CuratedSpan(*span, made_by[span]) for span in taken)
    agreed_events, event_disagreements = _curate_events(analysts, needed, set(taken),
                                                        events or {})
    return Curation(analysts, needed, agreed, tuple(disagreements), made_by, agreed_events,
                    event_disagreements)


def _curate_events(analysts: tuple[str, ...], needed: int, taken: set[Triple],
                   events: Mapping[str, Collection[EventTuple]]
                   ) -> tuple[tuple[EventTuple, ...], tuple[EventDisagreement, ...]]:
    """The events taken at once and the event disagreements (see the module's rules)."""
    made: Counter[EventTuple] = Counter()
    for analyst in analysts:
        made.update(set(events.get(analyst, ())))
    candidates = [e for e, n in made.items() if n >= needed and _on_spans(e, taken)]
    on_trigger = Counter((start, end) for start, end, _, _ in candidates)
    agreed = tuple(sorted(e for e in candidates if on_trigger[e[0], e[1]] == 1))
    settled = {(start, end) for start, end, _, _ in agreed}
    mine = {a: {(e[0], e[1]): e for e in events.get(a, ())} for a in analysts}
    disagreements = tuple(
        EventDisagreement(start, end, tuple(EventVersion(a, mine[a].get((start, end)))
                                            for a in analysts))
        for start, end in sorted({(e[0], e[1]) for e in made} - settled))
    return agreed, disagreements


def _on_spans(event: EventTuple, spans: set[Triple]) -> bool:
    """Whether ``event``'s trigger and every argument are among ``spans``."""
    start, end, _, arguments = event
    return (start, end, TRIGGER_LABEL) in spans and all(
        (s, e, ROLE_LABELS[Role(role)]) in spans for role, s, e in arguments)


def _clusters(spans: list[Triple]) -> list[list[Triple]]:
    """Spans sorted by start, grouped where they overlap, directly or through another."""
    groups: list[list[Triple]] = []
    reach = -1  # the end of the current group
    for span in spans:
        if groups and span[0] < reach:
            groups[-1].append(span)
            reach = max(reach, span[1])
        else:
            groups.append([span])
            reach = span[1]
    return groups


def settle_command(doc: Document, disagreement: Disagreement, spans: Iterable[Triple],
                   made_by: Mapping[Triple, tuple[str, ...]], curator: str) -> Command | None:
    """The command that settles one disagreement of ``doc`` (whose spans are its curated
    labels) as ``spans``: a version's, or none (every version rejected). Curated labels
    already in the disagreement's stretch are replaced; each new one records who made exactly
    it. None when there is nothing to change."""
    assert doc.id is not None
    inside = [s for s in doc.spans if s.start < disagreement.end and disagreement.start < s.end]
    chosen = sorted(set(spans), key=lambda t: (t[0], t[1]))
    if sorted((s.start, s.end, s.label) for s in inside) == chosen:
        return None
    steps: list[Command] = [DeleteSpan(doc.id, s, doc.text) for s in inside]
    steps += [AddSpan(doc.id, Span(start, end, label, annotator=curator,
                                   agreed=made_by.get((start, end, label), ())), doc.text)
              for start, end, label in chosen]
    quoted = f"«{doc.text[disagreement.start:disagreement.end]}»"
    description = (f"curate {quoted}: " + ", ".join(label for _, _, label in chosen)
                   if chosen else f"curate {quoted}: none")
    return Compound(doc.id, steps, description)
