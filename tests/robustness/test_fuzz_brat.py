"""Fuzzing brat collections: the hand-written Persian collection with its ``.ann`` (or its
``.txt``) mutated byte by byte, or its numbers and ids changed. The property is the other
readers': one clean line naming the file and the project as it was, or everything stored and
consistent; never a traceback."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from annotator.core.errors import AnnotatorError
from annotator.services.importing import ImportOptions, import_paths
from annotator.storage import Project
from tests.formats.test_brat import ANN, TEXT
from tests.robustness.conftest import FIGURES
from tests.robustness.test_fuzz_readers import (
    _check_stored,
    _clean,
    _seed,
    _state,
    fuzz_settings,
    mutated_bytes,
)

_NUMBER = re.compile(r"(?<=[ :T])[0-9]+")


@st.composite
def mutated_ann(draw: st.DrawFn) -> str:
    """The ``.ann`` with some numbers (offsets, ids) changed, lines dropped or swapped."""
    lines = ANN.splitlines()
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["number", "drop", "swap", "kind"]))
        if op == "number":
            found = list(_NUMBER.finditer(lines[i]))
            if found:
                hit = draw(st.sampled_from(found))
                new = str(max(0, int(hit[0]) + draw(st.integers(-3, 3))))
                lines[i] = lines[i][:hit.start()] + new + lines[i][hit.end():]
        elif op == "drop":
            del lines[i]
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        else:
            lines[i] = draw(st.sampled_from("TERAMN#*X")) + lines[i][1:]
        if not lines:
            break
    return "\n".join(lines) + "\n"


def check_collection(ann: bytes, text: bytes) -> None:
    FIGURES["fuzzed inputs"] += 1
    with tempfile.TemporaryDirectory(prefix="annotator-fuzz-") as name:
        folder = Path(name) / "in"
        folder.mkdir()
        (folder / "mehr-1.txt").write_bytes(text)
        (folder / "mehr-1.ann").write_bytes(ann)
        with Project(Path(name) / "p.sqlite") as project:
            _seed(project)
            before = _state(project)
            for fmt in ("brat", "auto"):  # named, and recognised by the .ann beside
                try:
                    result = import_paths(project, [folder],
                                          ImportOptions(format=fmt, normalize="none"))
                except AnnotatorError as error:
                    _clean(error, folder)
                    assert _state(project) == before, "a failed import changed the project"
                    outcome = "fuzzed inputs refused with one clean line"
                else:
                    _check_stored(project, before, result.added, result.spans)
                    FIGURES["fuzzed inputs imported"] += 1
                    return
            FIGURES[outcome] += 1


@fuzz_settings(60)
@given(ann=mutated_ann())
def test_changed_numbers_and_lines(ann: str) -> None:
    check_collection(ann.encode(), TEXT.encode())


@fuzz_settings(60)
@given(data=st.data(), which=st.sampled_from(["ann", "txt"]))
def test_mutated_bytes(data: st.DataObject, which: str) -> None:
    ann, text = ANN.encode(), TEXT.encode()
    if which == "ann":
        ann = data.draw(mutated_bytes(ann))
    else:
        text = data.draw(mutated_bytes(text))
    check_collection(ann, text)
