"""What a trained model says about itself, and the bytes it is kept as.

A model is kept in the project as one blob: a magic line, the length of a compressed JSON
header (its :class:`ModelInfo` and what the model needs besides its payload, such as the
string matcher's counts) and the payload (the CRF's own model file). The same model always
gives the same bytes: the JSON is written with sorted keys and the training date is part
of the info, given by the caller.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import struct
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from annotator.core.errors import AnnotatorError
from annotator.core.scores import Counts, total

MAGIC = b"annotator model\n"
FORMAT = 1
_LENGTH = struct.Struct("<I")


class ModelError(AnnotatorError):
    """Bytes that are not a model this program can read (damaged, or from a newer version)."""


class TrainingError(AnnotatorError):
    """Training cannot start: no documents, or none with labels."""


@dataclass(frozen=True, slots=True)
class ModelInfo:
    """A trained model's name, when and on what it was trained, and how well it did.

    ``held_out`` holds the counts per label of the model trained without the held-out
    documents, tagging them (empty when none were held out: too few documents).
    ``settings`` records what training was asked for (regularisation, iterations ...).
    """

    name: str
    trained: dt.datetime
    labels: tuple[str, ...]
    documents: int
    tokens: int
    held_out_documents: int = 0
    held_out: Mapping[str, Counts] = field(default_factory=dict)
    settings: Mapping[str, Any] = field(default_factory=dict)

    @property
    def held_out_total(self) -> Counts:
        """Held-out counts of every label added up (precision, recall and F1 overall)."""
        return total(self.held_out)

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "trained": self.trained.isoformat(),
            "labels": list(self.labels),
            "documents": self.documents,
            "tokens": self.tokens,
            "held_out_documents": self.held_out_documents,
            "held_out": {label: [c.tp, c.fp, c.fn] for label, c in self.held_out.items()},
            "settings": dict(self.settings),
        }

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> ModelInfo:
        return cls(
            name=str(value["name"]),
            trained=dt.datetime.fromisoformat(value["trained"]),
            labels=tuple(value["labels"]),
            documents=int(value["documents"]),
            tokens=int(value["tokens"]),
            held_out_documents=int(value["held_out_documents"]),
            held_out={label: Counts(*counts) for label, counts in value["held_out"].items()},
            settings=dict(value["settings"]),
        )


def pack(info: ModelInfo, data: Mapping[str, Any], payload: bytes = b"") -> bytes:
    """The bytes a model is kept as: its info, its JSON ``data`` and its binary ``payload``
    (with its length and digest: CRFsuite may crash on a damaged model rather than refuse
    it, so a payload is checked before it is read)."""
    header = json.dumps({"format": FORMAT, "info": info.as_json(), "data": data,
                         "payload": [len(payload), hashlib.sha256(payload).hexdigest()]},
                        ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    compressed = zlib.compress(header.encode("utf-8"), 6)
    return MAGIC + _LENGTH.pack(len(compressed)) + compressed + payload


def unpack(blob: bytes) -> tuple[ModelInfo, dict[str, Any], bytes]:
    """``(info, data, payload)`` from :func:`pack`'s bytes; ModelError when they are not."""
    if not blob.startswith(MAGIC) or len(blob) < len(MAGIC) + _LENGTH.size:
        raise ModelError("not a model (it does not start as one)")
    at = len(MAGIC) + _LENGTH.size
    (length,) = _LENGTH.unpack_from(blob, len(MAGIC))
    try:
        header = json.loads(zlib.decompress(blob[at:at + length]).decode("utf-8"))
        if header["format"] > FORMAT:
            raise ModelError(f"the model was written by a newer version (format "
                             f"{header['format']}, this one reads {FORMAT})")
        info = ModelInfo.from_json(header["info"])
        data = dict(header["data"])
        size, digest = header["payload"]
    except ModelError:
        raise
    except (zlib.error, UnicodeDecodeError, ValueError, KeyError, TypeError) as error:
        raise ModelError(f"the model is damaged: {error}") from None
    payload = blob[at + length:]
    if len(payload) != size or hashlib.sha256(payload).hexdigest() != digest:
        raise ModelError("the model is damaged: its payload is not the one written")
    return info, data, payload
