"""Suggestions for event frames, learnt from the project's own frames.

What the analysts framed before is suggested again, as the string matcher suggests labels:

- **the type**: a trigger whose text (folded as the matcher folds it: ي/ی, ك/ک, ZWNJ, space or
  nothing between a word's parts, kashida, diacritics) was the trigger of earlier events is
  offered their types, the most given first; its score is the share of those events that had
  that type (``3 of 4``);
- **the arguments**: a label in the trigger's sentence whose text was an argument of earlier
  events is offered in the role it took most often there (among the roles its label may
  take); its score is the share of those arguments that had that role. A span already in the
  frame is not offered again.

Nothing is stored: the project's events are counted by the database
(:meth:`annotator.storage.Project.frame_counts`) when a frame is first asked for, and the
window counts them again in the next document opened once they have changed.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from annotator.core.events import ROLE_LABELS, Event, FrameCounts, Role, same_span
from annotator.core.model import Document, Span, in_text_order
from annotator.text.fold import match_key


@dataclass(frozen=True, slots=True)
class TypeSuggestion:
    """An event type offered for a trigger: ``count`` of the ``of`` earlier events on that
    text had it."""

    type: str
    count: int
    of: int

    @property
    def score(self) -> float:
        return self.count / self.of


@dataclass(frozen=True, slots=True)
class ArgumentSuggestion:
    """A span of the document offered as an argument in ``role``: ``count`` of the ``of``
    times its text was an argument, it had that role."""

    role: Role
    span: Span
    count: int
    of: int

    @property
    def score(self) -> float:
        return self.count / self.of


@dataclass(frozen=True, slots=True)
class Frame:
    """One event as text (what the tests write): its trigger's text, its type, and its
    arguments ``(role, text)``."""

    trigger: str
    type: str
    arguments: tuple[tuple[str, str], ...] = ()


def counted(frames: Iterable[Frame]) -> FrameCounts:
    """``frames`` counted as :meth:`~annotator.storage.Project.frame_counts` counts events."""
    frames = list(frames)
    types = Counter((f.trigger, f.type) for f in frames)
    roles = Counter((text, role) for f in frames for role, text in f.arguments)
    return FrameCounts([(text, kind, n) for (text, kind), n in types.items()],
                       [(text, role, n) for (text, role), n in roles.items()])


def counted_events(events: Iterable[Event], text: str) -> FrameCounts:
    """Stored ``events`` of one document (whose text is ``text``) counted as
    :meth:`~annotator.storage.Project.frame_counts` counts them."""
    return counted(Frame(text[e.trigger.start:e.trigger.end], e.type,
                         tuple((a.role.value, text[a.span.start:a.span.end])
                               for a in e.arguments)) for e in events)


frame_key = match_key  # how a trigger or an argument is matched: as the string matcher does


class FrameMemory:
    """The project's frames, ready to suggest from (see the module's docstring)."""

    def __init__(self, counts: FrameCounts) -> None:
        self._types, self._roles = _by_key(counts)
        self._minus: tuple[dict[str, Counter[str]], dict[str, Counter[Role]]] = ({}, {})

    def without(self, counts: FrameCounts) -> FrameMemory:
        """This memory as if the events ``counts`` counts had not been made (another analyst's
        frames of the document being labelled: blind labelling). Shares this one's counts."""
        other = FrameMemory(FrameCounts())
        other._types, other._roles = self._types, self._roles
        other._minus = _by_key(counts)
        return other

    def _types_of(self, key: str) -> Counter[str]:
        return self._types.get(key, Counter()) - self._minus[0].get(key, Counter())

    def _roles_of(self, key: str) -> Counter[Role]:
        return self._roles.get(key, Counter()) - self._minus[1].get(key, Counter())

    def types_for(self, trigger: str, known: Iterable[str] | None = None
                  ) -> list[TypeSuggestion]:
        """The types earlier events on ``trigger``'s text had, the most given first (then by
        name); only those in ``known`` (the project's list) when it is given."""
        given = self._types_of(frame_key(trigger))
        allowed = None if known is None else set(known)
        total = sum(given.values())
        return [TypeSuggestion(kind, n, total)
                for kind, n in sorted(given.items(), key=lambda item: (-item[1], item[0]))
                if allowed is None or kind in allowed]

    def arguments_for(self, doc: Document, event: Event) -> list[ArgumentSuggestion]:
        """The labels of ``event``'s sentence in ``doc`` (the trigger's) offered as its
        arguments, in text order; none already in the event."""
        sentence = _sentence_of(doc, event.trigger)
        taken = event.spans()
        found = []
        for span in sorted(doc.spans, key=in_text_order):
            if (not span.is_label or span.start < sentence[0] or span.end > sentence[1]
                    or any(same_span(span, s) for s in taken)):
                continue
            given = self._roles_of(frame_key(doc.text[span.start:span.end]))
            if not given:
                continue
            fitting = [(n, role) for role, n in given.items() if ROLE_LABELS[role] == span.label]
            if not fitting:
                continue
            count, role = max(fitting, key=lambda item: (item[0], -list(Role).index(item[1])))
            found.append(ArgumentSuggestion(role, span, count, sum(given.values())))
        return found


def _by_key(counts: FrameCounts) -> tuple[dict[str, Counter[str]], dict[str, Counter[Role]]]:
    """``counts`` by the folded texts: the types of each trigger, the roles of each argument."""
    types: dict[str, Counter[str]] = {}
    roles: dict[str, Counter[Role]] = {}
    for text, kind, n in counts.types:
        types.setdefault(frame_key(text), Counter())[kind] += n
    for text, role, n in counts.roles:
        roles.setdefault(frame_key(text), Counter())[Role(role)] += n
    return types, roles


def _sentence_of(doc: Document, span: Span) -> tuple[int, int]:
    """The code points ``(start, end)`` of the sentence ``span`` begins in: the whole text
    when the document has no stored tokens."""
    tokens, sentences = doc.tokens, doc.sentences
    if not tokens or not sentences:
        return 0, len(doc.text)
    starts = tokens[0::2]
    token = max(bisect_right(starts, span.start) - 1, 0)
    n = max(bisect_right(sentences, token) - 1, 0)
    first = sentences[n]
    last = (sentences[n + 1] if n + 1 < len(sentences) else len(starts)) - 1
    return tokens[2 * first], max(tokens[2 * last + 1], span.end)
