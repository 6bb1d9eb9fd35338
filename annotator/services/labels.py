"""The project's label list (``annotator labels``), and the labels of what comes in: imported
spans and a model's suggestions named as the project names its labels.

What comes in may only use the project's labels. ``--label-map`` renames foreign labels
(``PER=ACTOR``; names in any case), ``X=`` drops label X's spans, and ``--add-labels`` adds
the labels that are left as they come. Anything else is refused after the whole input was
read, naming every unknown label once, with how many spans have it and where it was first
met, and saying how to map, drop or add it: nothing is added.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from annotator.core.errors import InputError, LabelError
from annotator.core.labels import checked_colour, checked_key, checked_name, find_label
from annotator.core.model import Label
from annotator.services.progress import counted
from annotator.storage import Project


def parse_label_map(text: str) -> dict[str, str]:
    """``PER=ACTOR,ORG=ACTOR,NAT=`` as a dict (``NAT=``: drop NAT, mapped to ``""``); raises
    ValueError on a malformed pair."""
    mapping: dict[str, str] = {}
    for pair in filter(None, (p.strip() for p in text.split(","))):
        source, sep, target = pair.partition("=")
        if not sep or not source.strip():
            raise ValueError(f"{pair!r} is not FOREIGN=LABEL, like PER=ACTOR (or PER= to drop "
                             "PER's spans)")
        mapping[source.strip()] = target.strip()
    return mapping


def label_mapper(label_map: Mapping[str, str]) -> Callable[[str], str]:
    """Each label's name after ``--label-map``: the map's names match labels in any case
    (``pers=ACTOR`` maps ``PERS``, what CoNLL reading makes of Arman's ``B-pers``), a name
    written exactly as the label winning; a label the map does not name keeps its name; a
    label mapped to nothing becomes ``""`` (its spans are dropped)."""
    if not label_map:
        return str
    exact = dict(label_map)
    folded = {name.casefold(): target for name, target in label_map.items()}

    def mapped(label: str) -> str:
        if label in exact:
            return exact[label]
        return folded.get(label.casefold(), label)

    return mapped


class UnknownLabels(InputError):
    """Input with labels the project does not have (and no ``--add-labels``): ``spans`` says
    how many spans each has, in the order they were met."""

    def __init__(self, problem: str, spans: Mapping[str, int]) -> None:
        super().__init__(problem)
        self.spans = dict(spans)


@dataclass
class _Unknown:
    spans: int = 0
    first: str = ""
    mapped_from: set[str] = field(default_factory=set)


class IncomingLabels:
    """Names incoming spans' labels as the project names them (see the module's docstring).

    ``name(raw, where)`` gives the project's label, or None for a span to drop; unknown labels
    are noted (and, with ``add``, kept as they come: the import adds them). ``check()``
    refuses the input when unknown labels were met and ``add`` is false. With ``labels``
    None, every label is taken (readers' tests, with no project).
    """

    def __init__(self, label_map: Mapping[str, str], labels: Sequence[Label] | None,
                 add: bool = False) -> None:
        self._map = label_map
        self._mapped = label_mapper(label_map)
        self._labels = list(labels) if labels is not None else None
        self.add = add
        self.dropped: Counter[str] = Counter()
        self.unknown: dict[str, _Unknown] = {}
        self._new: dict[str, str] = {}  # a new label's name in any case -> as first met
        self._known: dict[str, str] = {}  # a label as written -> the project's label

    def name(self, raw: str, where: str = "") -> str | None:
        known = self._known.get(raw)
        if known is not None:
            return known
        mapped = self._mapped(raw)
        if not mapped:
            self.dropped[raw] += 1
            return None
        if self._labels is None:
            return mapped
        found = find_label(mapped, self._labels)
        if found is not None:
            self._known[raw] = found.name
            return found.name
        mapped = self._new.setdefault(mapped.casefold(), mapped)
        unknown = self.unknown.setdefault(mapped, _Unknown(first=where))
        unknown.spans += 1
        if mapped != raw:
            unknown.mapped_from.add(raw)
        return mapped

    def check(self) -> None:
        """UnknownLabels when labels the project does not have came in without ``add``;
        LabelError when one that is to be added cannot be a label's name."""
        if not self.unknown:
            return
        if self.add:
            for name in self.unknown:
                checked_name(name)
            return
        parts = []
        for name, seen in self.unknown.items():
            how = [counted(seen.spans, "span")]
            for source in sorted(seen.mapped_from):
                how.append(f"from --label-map {source}={name}")
            if seen.first:
                how.append(f"first in {seen.first}")
            parts.append(f"{name} ({', '.join(how)})")
        first = next(iter(self.unknown))
        example = next(iter(sorted(self.unknown[first].mapped_from)), first)
        known = ", ".join(lab.name for lab in self._labels or ()) or "none"
        raise UnknownLabels(
            f"labels not in the project: {'; '.join(parts)}. The project's labels are "
            f"{known}: map them with --label-map {example}={_closest(first, self._labels)} "
            f"(or {example}= to drop its spans), or add them with --add-labels",
            {name: seen.spans for name, seen in self.unknown.items()})

    def dropped_note(self) -> str:
        """``56 spans of NAT dropped (--label-map NAT=)``, or ``""``."""
        return "; ".join(f"{counted(n, 'span')} of {name} dropped (--label-map {name}=)"
                         for name, n in self.dropped.items())


def _closest(name: str, labels: Sequence[Label] | None) -> str:
    """A project label to show in the example map: one whose name starts like ``name``
    (``LOCATON``: ``LOCATION``), else ``LABEL``."""
    for label in labels or ():
        if label.name[:3].casefold() == name[:3].casefold():
            return label.name
    return "LABEL"


def where_of(path: str | None, line: int | None, record: int | None) -> str:
    """``train.txt line 4017``: where something was first met, for a message."""
    place = path or "the input"
    if line is not None:
        return f"{place} line {line}"
    if record is not None:
        return f"{place} record {record}"
    return place


def checked_labels(project: Project, names: Iterable[str]) -> frozenset[str]:
    """``--labels`` of an export as the project names them; LabelError naming those it does
    not have."""
    labels = project.labels()
    found: list[str] = []
    unknown: list[str] = []
    for name in names:
        label = find_label(name, labels)
        if label is None:
            unknown.append(name)
        else:
            found.append(label.name)
    if unknown:
        known = ", ".join(lab.name for lab in labels) or "none"
        which = "is not a label" if len(unknown) == 1 else "are not labels"
        raise LabelError(f"--labels: {', '.join(sorted(unknown))} {which} of the project "
                         f"(its labels: {known})")
    return frozenset(found)


# -- annotator labels ---------------------------------------------------------------------


@dataclass(frozen=True)
class LabelRow:
    """A label as ``annotator labels`` lists it: with its labels of documents (human spans
    and accepted suggestions), its pending suggestions and all its spans."""

    label: Label
    spans: int
    all_spans: int


def list_labels(project: Project) -> list[LabelRow]:
    labels = project.refresh_labels()
    counted_labels = project.spans_by_label()
    every = project.label_use()
    return [LabelRow(lab, counted_labels.get(lab.name, 0), every.get(lab.name, 0))
            for lab in labels]


def add_label(project: Project, name: str, key: str = "", colour: str | None = None) -> Label:
    name = checked_name(name)
    labels = project.refresh_labels()
    checked_key(key, labels)
    if colour is not None:
        checked_colour(colour)
    return project.add_label(name, key, colour)


def change_label(project: Project, name: str, new_name: str | None = None,
                 key: str | None = None, colour: str | None = None) -> Label:
    if new_name is not None:
        checked_name(new_name)
    if colour is not None:
        checked_colour(colour)
    return project.change_label(name, new_name=new_name, key=key, color=colour)


def remove_label(project: Project, name: str, to: str | None = None) -> int:
    """Remove a label (its spans moved to ``to`` first); how many spans were moved."""
    return project.remove_label(name, to)
