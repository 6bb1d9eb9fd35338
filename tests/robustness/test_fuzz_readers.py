"""Property-based fuzzing of every reader and of import as a whole.

Each example builds a valid input (Persian text with emoji, ZWNJ, Arabic ي/ك, marks and
spans) in one of the formats (our JSONL, doccano ``label`` and ``entities``, Prodigy, Label
Studio JSON, CoNLL with and without ``-DOCSTART-``, text articles), then mutates it: bytes
flipped, the file truncated, garbage inserted, lines duplicated or dropped, JSON fields given
values of the wrong type, offsets shuffled, swapped, negative or past the end, tags
mangled. Random bytes are fed to every reader too. The property:

- the reader yields records or raises our InputError; never another exception;
- the import either raises an AnnotatorError whose message is one line naming the file, and
  the project holds exactly what it held before (documents, spans, labels), or succeeds and
  stores exactly what it reports: documents with text, spans inside the text that do not
  overlap, tokens inside the text.

The examples are derandomized (the same on every run, as CI needs);
``ANNOTATOR_FUZZ_EXAMPLES=N`` runs N examples a test, with fresh random ones, for a longer
hunt. The number of inputs fuzzed is counted in the run's summary line.
"""

from __future__ import annotations

import codecs
import itertools
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from annotator.core.errors import AnnotatorError, InputError
from annotator.core.model import Document
from annotator.formats.detect import FORMATS, reader_for
from annotator.formats.jsonl import document_to_json
from annotator.services.importing import ImportOptions, import_paths
from annotator.services.predictions import import_predictions
from annotator.storage import Project
from annotator.storage import sqlite as storage_sqlite
from annotator.text.tokenize import tokenize
from tests.robustness.conftest import FIGURES, persian_words

_HUNT = int(os.environ.get("ANNOTATOR_FUZZ_EXAMPLES", "0"))


def fuzz_settings(examples: int) -> settings:
    return settings(
        max_examples=_HUNT or examples,
        derandomize=not _HUNT,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


@pytest.fixture(autouse=True, scope="module")
def _no_sync() -> Iterator[None]:
    """Thousands of small project files: without an fsync at each commit (what a crash does
    to a commit is tested in test_kill_import; here it is what the readers let through)."""
    normal = storage_sqlite.pragmas
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(storage_sqlite, "pragmas", lambda: {**normal(), "synchronous": "off"})
        yield


# -- the oracle ---------------------------------------------------------------------------

SEED_TEXT = "خبرگزاری مهر: وزیر امور خارجه در تهران گفت."


def _seed(project: Project) -> None:
    """A document already in the project, so that "nothing added" is not "empty"."""
    tokens, sentences = tokenize(SEED_TEXT)
    project.add_documents([Document(text=SEED_TEXT, key="doc-0", title="seed", tokens=tokens,
                                    sentences=sentences)])


def _state(project: Project) -> tuple[int, int, int, list[str]]:
    conn = project.db
    return (
        int(conn.execute_sql("SELECT count(*) FROM document").fetchone()[0]),
        int(conn.execute_sql("SELECT count(*) FROM span").fetchone()[0]),
        int(conn.execute_sql("SELECT count(*) FROM label").fetchone()[0]),
        [str(k) for (k,) in conn.execute_sql("SELECT key FROM document ORDER BY id")],
    )


def _clean(error: AnnotatorError, path: Path) -> None:
    """One line, naming the file (or the folder) it is about."""
    message = str(error)
    assert message.strip(), repr(error)
    assert len(message.splitlines()) == 1, f"not one line: {message!r}"
    assert str(path) in message or path.name in message, f"does not name the file: {message!r}"


def _check_stored(project: Project, before: tuple[int, int, int, list[str]],
                  added: int, spans: int) -> None:
    after = _state(project)
    assert after[0] - before[0] == added
    assert after[1] - before[1] == spans
    assert after[3][: before[0]] == before[3]
    for doc in project.iter_documents():
        text = doc.text
        assert text.strip()
        labelled = sorted((s for s in doc.spans if s.is_label), key=lambda s: s.start)
        for span in doc.spans:
            assert 0 <= span.start < span.end <= len(text), (span, len(text))
        for left, right in itertools.pairwise(labelled):
            assert left.end <= right.start, (left, right)
        tokens = list(doc.tokens)
        assert len(tokens) % 2 == 0
        for i in range(0, len(tokens), 2):
            assert 0 <= tokens[i] < tokens[i + 1] <= len(text)
        assert all(0 <= s <= len(tokens) // 2 for s in doc.sentences)
        # What was stored exports as strict JSON (no NaN or Infinity).
        json.dumps(document_to_json(doc, include_pending=True), allow_nan=False)


@contextmanager
def _folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="annotator-fuzz-") as name:
        yield Path(name)


def check_input(data: bytes, suffix: str, fmt: str = "auto", level: str = "none") -> None:
    """The property, for one input written to a file ``input<suffix>``."""
    FIGURES["fuzzed inputs"] += 1
    with _folder() as folder:
        path = folder / f"input{suffix}"
        path.write_bytes(data)
        try:
            for record in reader_for(path, fmt)(path):
                assert isinstance(record.text, str)
        except InputError as error:
            _clean(error, path)
        with Project(folder / "p.sqlite") as project:
            _seed(project)
            before = _state(project)
            try:
                result = import_paths(project, [path], ImportOptions(format=fmt,
                                                                     normalize=level))
            except AnnotatorError as error:
                _clean(error, path)
                assert _state(project) == before, "a failed import changed the project"
                FIGURES["fuzzed inputs refused with one clean line"] += 1
            else:
                _check_stored(project, before, result.added, result.spans)
                FIGURES["fuzzed inputs imported"] += 1


# -- valid inputs ---------------------------------------------------------------------------

TRICKY = ["😀", "می‌گوید", "ايران", "پاكستان", "۱۴۰۴", "1404", "Trump", "«تهران»", "،", "؛",
          "مَدرسه", "ســلام", "\u200fنشست", "کتاب‌ها", "ﻻ", "٫", "U.S.", "🇮🇷", "e\u0301"]
LABELS = ["ACTOR", "EVENT", "LOCATION", "PER", "ORG", "LOC"]


@st.composite
def article(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, str]]]:
    """Persian text of words and the non-overlapping spans of some of its words."""
    pool = persian_words()
    words = draw(st.lists(st.sampled_from(pool) | st.sampled_from(TRICKY), min_size=1,
                          max_size=25))
    seps = draw(st.lists(st.sampled_from([" ", " ", " ", "\n", "  ", "\n\n", "\u200c "]),
                         min_size=len(words), max_size=len(words)))
    text, offsets = "", []
    for word, sep in zip(words, seps, strict=True):
        if text:
            text += sep
        offsets.append((len(text), len(text) + len(word)))
        text += word
    chosen = draw(st.sets(st.integers(0, len(words) - 1), max_size=4))
    spans = [(*offsets[i], draw(st.sampled_from(LABELS))) for i in sorted(chosen)]
    return text, spans


def utf16(text: str, offset: int) -> int:
    return len(text[:offset].encode("utf-16-le")) // 2


def _ours(text: str, spans: list[tuple[int, int, str]], n: int, draw: st.DrawFn) -> Any:
    items = []
    for s, e, label in spans:
        model = draw(st.booleans())
        items.append({"start": s, "end": e, "label": label, "text": text[s:e],
                      "origin": "model:m" if model else "human",
                      "score": draw(st.floats(0, 1)) if model else None,
                      "review": draw(st.sampled_from(["pending", "accepted", "rejected"]))
                      if model else None})
    return {"id": f"rec-{n}", "text": text,
            "status": draw(st.sampled_from(["new", "in_progress", "done", "reviewed"])),
            "meta": {"title": text.split("\n", 1)[0][:30], "source": "مهر", "url": "https://x.ir",
                     "date": "2025-11-17T14:19:00+03:30", "date_jalali": "1404-08-26 14:19"},
            "spans": items}


def _doccano_label(text: str, spans: list[tuple[int, int, str]], n: int, draw: st.DrawFn
                   ) -> Any:
    return {"id": n, "text": text,
            "label": [[utf16(text, s), utf16(text, e), label] for s, e, label in spans]}


def _doccano_entities(text: str, spans: list[tuple[int, int, str]], n: int, draw: st.DrawFn
                      ) -> Any:
    key = draw(st.sampled_from(["text", "data"]))
    return {key: text, "entities": [{"start_offset": utf16(text, s), "end_offset": utf16(text, e),
                                     "label": label} for s, e, label in spans]}


def _prodigy(text: str, spans: list[tuple[int, int, str]], n: int, draw: st.DrawFn) -> Any:
    return {"text": text, "meta": {"source": "prodigy"}, "_input_hash": n,
            "spans": [{"start": s, "end": e, "label": label, "token_start": 0, "token_end": 0}
                      for s, e, label in spans]}


def _ls_result(text: str, spans: list[tuple[int, int, str]]) -> list[Any]:
    return [{"type": "labels", "from_name": "label", "to_name": "text",
             "value": {"start": utf16(text, s), "end": utf16(text, e), "labels": [label],
                       "text": text[s:e]}} for s, e, label in spans]


def _labelstudio(text: str, spans: list[tuple[int, int, str]], n: int, draw: st.DrawFn
                 ) -> Any:
    half = len(spans) // 2
    return {"id": n, "data": {"text": text, "title": "عنوان", "date": "1404-08-26 14:19"},
            "annotations": [{"was_cancelled": False, "result": _ls_result(text, spans[:half])}],
            "predictions": [{"model_version": "ner-1", "score": 0.5,
                             "result": _ls_result(text, spans[half:])}]}


JSON_SHAPES: dict[str, Callable[..., Any]] = {
    "ours": _ours, "doccano label": _doccano_label, "doccano entities": _doccano_entities,
    "prodigy": _prodigy, "labelstudio": _labelstudio,
}


@st.composite
def json_records(draw: st.DrawFn, shape: str) -> list[Any]:
    make = JSON_SHAPES[shape]
    found = draw(st.lists(article(), min_size=1, max_size=3))
    return [make(text, spans, n, draw) for n, (text, spans) in enumerate(found, 1)]


def conll_text(draw: st.DrawFn) -> str:
    docstart = draw(st.booleans())
    bioes = draw(st.booleans())
    lines = []
    for _ in range(draw(st.integers(1, 3))):
        if docstart:
            lines += ["-DOCSTART-\tO", ""]
        for _ in range(draw(st.integers(1, 3))):
            text, _ = draw(article())
            tokens = text.split()
            tags = ["O"] * len(tokens)
            for i in sorted(draw(st.sets(st.integers(0, len(tokens) - 1), max_size=3))):
                label = draw(st.sampled_from(LABELS))
                length = draw(st.integers(1, 3))
                run = range(i, min(i + length, len(tokens)))
                if any(tags[j] != "O" for j in run):
                    continue
                for j in run:
                    first, last = j == run[0], j == run[-1]
                    prefix = "B" if first else "I"
                    if bioes:
                        prefix = "S" if first and last else "E" if last else prefix
                    tags[j] = f"{prefix}-{label}"
            sep = draw(st.sampled_from(["\t", " ", "\t"]))
            lines += [f"{tok}{sep}{tag}" for tok, tag in zip(tokens, tags, strict=True)] + [""]
        if not docstart:
            lines.append("")
    return "\n".join(lines) + "\n"


def txt_article(draw: st.DrawFn) -> str:
    text, _ = draw(article())
    header = draw(st.sampled_from([
        "خبرگزاری مهر دوشنبه 26 آبان 1404 - 14:19", "ایرنا یکشنبه ۱۸ خرداد ۱۴۰۴ - ۰۹:۳۰",
        "دوشنبه 99 آبان 99999 - 25:61", "سه‌شنبه ۳۱ اسفند ۱۴۰۳", "", "1404/08/26",
    ]))
    title = draw(st.sampled_from(["عنوان خبر", "ايران و پاكستان", "😀", " ", "Title"]))
    end = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    return end.join([title, header, "", text]) + end


# -- mutations ------------------------------------------------------------------------------

WEIRD_VALUES: list[Any] = [None, True, False, 0, -1, 1.5, -0.0, 10**20, "", " ", "x", "۱۲",
                           [], {}, [1, 2, "ACTOR"], {"start": 0}, "\u0000", "\ud800",
                           float("nan"), float("inf"), 2**63, "-1"]
GARBAGE = [b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"\r", b"\n\n", b"{", b"}", b"[", b"]", b'"',
           b"\\", b"\\ud800", b",", b"NaN", b"1e999", b"-DOCSTART-\tO\n", b"\t", b"B-\n",
           b"I-ACTOR", "ي".encode(), "😀".encode(), b"\xd8", b"\x80\x80", b"\xc0\xaf",
           b"\x1b[31m", "\u2028".encode(), b"\x0c", b"\x85", b"[" * 5000, b'{"a":' * 3000]


def _paths(value: Any, here: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield here
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*here, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _paths(item, (*here, i))


def _get(value: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        value = value[step]
    return value


@st.composite
def mutated_json(draw: st.DrawFn, value: Any) -> Any:
    """``value`` with up to three fields replaced, removed, swapped or their offsets moved."""
    value = json.loads(json.dumps(value))
    for _ in range(draw(st.integers(0, 3))):
        paths = [p for p in _paths(value) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent, last = _get(value, path[:-1]), path[-1]
        op = draw(st.sampled_from(["replace", "remove", "offset", "swap", "copy", "shuffle"]))
        if op == "replace":
            parent[last] = draw(st.sampled_from(WEIRD_VALUES) | st.integers() | st.text())
        elif op == "remove":
            del parent[last]
        elif op == "offset":
            parent[last] = draw(st.integers(-3, 400))
        elif op == "swap" and isinstance(parent, dict) and {"start", "end"} <= parent.keys():
            parent["start"], parent["end"] = parent["end"], parent["start"]
        elif op == "copy":
            other = _get(value, draw(st.sampled_from(paths)))
            parent[last] = json.loads(json.dumps(other))
        elif op == "shuffle":  # offsets of one span given to another
            spans = [_get(value, p) for p in paths if isinstance(_get(value, p), dict)
                     and {"start", "end"} & _get(value, p).keys()]
            pairs = [(item.get("start"), item.get("end")) for item in spans]
            for item, (start, end) in zip(spans, draw(st.permutations(pairs)), strict=True):
                item["start"], item["end"] = start, end
    return value


@st.composite
def mutated_bytes(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` with up to four byte-level mutations."""
    for _ in range(draw(st.integers(0, 4))):
        op = draw(st.sampled_from(["flip", "truncate", "insert", "delete", "dup line",
                                   "drop line"]))
        at = draw(st.integers(0, max(len(data), 1) - 1)) if data else 0
        if op == "flip" and data:
            mask = draw(st.integers(1, 255))
            data = data[:at] + bytes([data[at] ^ mask]) + data[at + 1:]
        elif op == "truncate":
            data = data[:at]
        elif op == "insert":
            junk = draw(st.sampled_from(GARBAGE) | st.binary(max_size=8))
            data = data[:at] + junk + data[at:]
        elif op == "delete":
            data = data[:at] + data[at + draw(st.integers(1, 16)):]
        else:
            lines = data.split(b"\n")
            i = draw(st.integers(0, len(lines) - 1))
            lines[i:i + 1] = [lines[i], lines[i]] if op == "dup line" else []
            data = b"\n".join(lines)
    return data


def _json_bytes(value: Any, indent: int | None = None) -> bytes:
    """UTF-8 JSON; a lone surrogate a mutation put in a string is written as its escape
    (``\\ud800``), as a JSON file would carry it."""
    return json.dumps(value, ensure_ascii=False, indent=indent).encode("utf-8",
                                                                       "backslashreplace")


def _jsonl_bytes(records: list[Any]) -> bytes:
    return b"".join(_json_bytes(r) + b"\n" for r in records)


LEVELS = st.sampled_from(["none", "letters", "full"])


# -- the tests --------------------------------------------------------------------------------

@fuzz_settings(180)
@given(data=st.data(), shape=st.sampled_from(sorted(JSON_SHAPES)), level=LEVELS)
def test_jsonl_shapes_mutated_fields(data: st.DataObject, shape: str, level: str) -> None:
    records = data.draw(json_records(shape))
    records = [data.draw(mutated_json(r)) for r in records]
    as_array = data.draw(st.booleans())
    if as_array:
        check_input(_json_bytes(records), data.draw(st.sampled_from([".json", ".jsonl"])),
                    level=level)
    else:
        check_input(_jsonl_bytes(records), ".jsonl", level=level)


@fuzz_settings(120)
@given(data=st.data(), shape=st.sampled_from(sorted(JSON_SHAPES)), level=LEVELS)
def test_jsonl_shapes_mutated_bytes(data: st.DataObject, shape: str, level: str) -> None:
    records = data.draw(json_records(shape))
    check_input(data.draw(mutated_bytes(_jsonl_bytes(records))), ".jsonl", level=level)


@fuzz_settings(100)
@given(data=st.data(), level=LEVELS)
def test_labelstudio_mutated(data: st.DataObject, level: str) -> None:
    tasks = data.draw(json_records("labelstudio"))
    if data.draw(st.booleans()):
        tasks = [data.draw(mutated_json(t)) for t in tasks]
    raw = _json_bytes(tasks, indent=data.draw(st.sampled_from([None, 1])))
    fmt = data.draw(st.sampled_from(["auto", "labelstudio"]))
    check_input(data.draw(mutated_bytes(raw)), ".json", fmt=fmt, level=level)


@fuzz_settings(120)
@given(data=st.data(), level=st.sampled_from(["none", "letters", "full"]))
def test_conll_mutated(data: st.DataObject, level: str) -> None:
    raw = conll_text(data.draw).encode()
    if data.draw(st.booleans()):
        tags = ["B-", "I-X", "E-", "S-ACTOR", "O-O", "B-ACTOR I-ACTOR", "x", "", "U-LOC",
                "L-PER", "-DOCSTART-", "B-\u200c"]
        lines = raw.split(b"\n")
        i = data.draw(st.integers(0, len(lines) - 1))
        tag = data.draw(st.sampled_from(tags))
        lines[i] = lines[i].split(b"\t")[0] + b"\t" + tag.encode()
        raw = b"\n".join(lines)
    suffix = data.draw(st.sampled_from([".conll", ".bio", ".tsv", ".txt"]))
    check_input(data.draw(mutated_bytes(raw)), suffix, level=level)


@fuzz_settings(100)
@given(data=st.data(), level=LEVELS)
def test_text_articles_mutated(data: st.DataObject, level: str) -> None:
    text = txt_article(data.draw)
    encoding = data.draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1256"]))
    try:
        raw = text.encode(encoding)
    except UnicodeEncodeError:
        raw = text.encode("utf-8")
    if data.draw(st.booleans()):
        raw = codecs.BOM_UTF16_LE + raw if data.draw(st.booleans()) else raw + b"\x00"
    check_input(data.draw(mutated_bytes(raw)), ".txt", level=level)


@fuzz_settings(150)
# Found by this test, fixed: a control character in a quoted tag split the message in two;
# a JSON escape of half a surrogate pair reached SQLite (UnicodeEncodeError).
@example(raw=b"\x00\t\x00\x0b\x00", suffix=".conll", fmt="auto")
@example(raw=b'{"text": "\\ud800 \xd8\xb3\xd9\x84\xd8\xa7\xd9\x85"}\n', suffix=".jsonl", fmt="auto")
@example(raw=b'{"text": "x", "meta": {"source": "\\udc00"}}', suffix=".jsonl", fmt="jsonl")
@example(raw=b'[{"data": {"text": "x"}, "id": "\\udfff"}]', suffix=".json", fmt="labelstudio")
# Found by its export check, fixed: a score of NaN or 1e999, or such a number anywhere in the
# metadata, was stored, and exported as NaN or Infinity, which is not JSON.
@example(raw=b'{"text": "ab", "spans": [{"start": 0, "end": 1, "label": "A", "origin": "model:m",'
             b' "score": 1e999, "review": "accepted"}]}', suffix=".jsonl", fmt="auto")
@example(raw=b'[{"text": "x", "meta": {"source": {"start": -Infinity}}}]', suffix=".json",
         fmt="auto")
# Found by this test, fixed: JSON nested thousands deep ended in a RecursionError.
@example(raw=b"[" * 100_000, suffix=".json", fmt="auto")
@example(raw=b'{"text": ' + b"[" * 100_000, suffix=".jsonl", fmt="auto")
@example(raw=b'{"a":' * 50_000, suffix=".json", fmt="auto")
@given(raw=st.binary(max_size=300) | st.text(max_size=200).map(str.encode)
       | st.builds(lambda n, s: s * n, st.integers(1, 20_000), st.sampled_from([b"[", b'{"a":'])),
       suffix=st.sampled_from([".jsonl", ".json", ".conll", ".txt", ".tsv", ".ndjson"]),
       fmt=st.sampled_from(["auto", *FORMATS]))
def test_random_input_to_every_reader(raw: bytes, suffix: str, fmt: str) -> None:
    check_input(raw, suffix, fmt=fmt)


@fuzz_settings(40)
@given(data=st.data())
def test_a_folder_with_one_bad_file_adds_nothing(data: st.DataObject) -> None:
    """Import as a whole: several files of several formats, one of them mutated."""
    FIGURES["fuzzed inputs"] += 1
    files = {
        "a.jsonl": _jsonl_bytes(data.draw(json_records("ours"))),
        "b.json": _json_bytes(data.draw(json_records("labelstudio"))),
        "c.conll": conll_text(data.draw).encode(),
        "d.txt": txt_article(data.draw).encode(),
    }
    bad = data.draw(st.sampled_from(sorted(files)))
    files[bad] = data.draw(mutated_bytes(files[bad]))
    with _folder() as folder:
        (folder / "in").mkdir()
        for name, raw in files.items():
            (folder / "in" / name).write_bytes(raw)
        with Project(folder / "p.sqlite") as project:
            _seed(project)
            before = _state(project)
            try:
                result = import_paths(project, [folder / "in"], ImportOptions(normalize="none"))
            except AnnotatorError as error:
                _clean(error, folder / "in")
                assert _state(project) == before
            else:
                _check_stored(project, before, result.added, result.spans)


@fuzz_settings(60)
@given(data=st.data(), shape=st.sampled_from(["ours", "prodigy", "labelstudio"]))
def test_predictions_mutated(data: st.DataObject, shape: str) -> None:
    """A model's pre-annotations for documents of the project: all stored or none."""
    FIGURES["fuzzed inputs"] += 1
    records = data.draw(json_records(shape))
    with _folder() as folder:
        source = folder / "docs.jsonl"
        source.write_bytes(_jsonl_bytes([{"id": f"rec-{n}", "text": r.get("text") or
                                          r["data"]["text"]} for n, r in enumerate(records, 1)]))
        mutated = [data.draw(mutated_json(r)) for r in records]
        path = folder / "pred.jsonl"
        path.write_bytes(data.draw(mutated_bytes(_jsonl_bytes(mutated))))
        with Project(folder / "p.sqlite") as project:
            import_paths(project, [source], ImportOptions(normalize="none"))
            before = _state(project)
            try:
                result = import_predictions(project, [path], "fuzz")
            except AnnotatorError as error:
                _clean(error, path)
                assert _state(project) == before
            else:
                after = _state(project)
                assert after[1] - before[1] == result.added
                _check_stored(project, before, 0, result.added)
