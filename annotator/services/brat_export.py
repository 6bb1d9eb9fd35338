"""Export as a brat collection: a folder of ``NAME.txt`` and ``NAME.ann`` pairs and an
``annotation.conf``, written whole or not at all (see :mod:`annotator.formats.brat_writer`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from annotator.core.errors import AnnotatorError
from annotator.core.events import EventType
from annotator.core.model import Document
from annotator.formats.brat import ANN_SUFFIX, BRAT_CONFIG, TEXT_SUFFIX
from annotator.formats.brat_writer import BratReport, annotation_conf, brat_name, write_document
from annotator.services.output import atomic_folder

CONF = "annotation.conf"


def _brat_file(path: Path) -> bool:
    """What an earlier brat export may have left in the folder (and a new one replaces)."""
    return path.is_file() and (path.suffix in (TEXT_SUFFIX, ANN_SUFFIX)
                               or path.name in BRAT_CONFIG)


def export_brat(destination: Path | str, documents: Iterable[Document], labels: Sequence[str],
                types: Sequence[EventType]) -> BratReport:
    """Write ``documents`` (each with the spans to export) into the folder ``destination``.

    The folder may be new, empty, or an earlier brat export, which is replaced whole; a folder
    holding anything else is refused, as are ``-`` (standard output) and a file.
    """
    if str(destination) == "-":
        raise AnnotatorError("brat writes a folder of files: give -o a folder, not -")
    report = BratReport()
    met: dict[str, None] = dict.fromkeys(labels)
    with atomic_folder(Path(destination), _brat_file) as folder:
        taken: set[str] = set()
        for doc in documents:
            write_document(doc, folder, brat_name(doc.key, taken), doc.spans, report)
            met.update(dict.fromkeys(s.label for s in doc.spans))
        (folder / CONF).write_text(annotation_conf(met, types), encoding="utf-8", newline="\n")
    return report
