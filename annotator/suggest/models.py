"""The built-in models by name: train either, and load either from the bytes it is kept as.

``strings`` is the string matcher (:mod:`.strings`), ``crf`` the sequence model
(:mod:`.crf`). Both make suggestions with ``suggest(document, spans, min_score)``, tell about
themselves with ``info`` and are kept with ``to_bytes()``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Protocol

from annotator.core.model import BUILT_IN_MODELS, Document, Span
from annotator.suggest import info as stored
from annotator.suggest.crf import CrfModel, CrfSettings, train_crf
from annotator.suggest.info import ModelError, ModelInfo
from annotator.suggest.strings import StringsModel, train_strings

STRINGS, CRF = BUILT_IN_MODELS
MODELS = BUILT_IN_MODELS


class Model(Protocol):
    """A trained built-in model."""

    @property
    def name(self) -> str: ...
    @property
    def info(self) -> ModelInfo: ...

    def suggest(self, document: Document, spans: Sequence[Span] | None = None,
                min_score: float = 0.0) -> list[Span]: ...

    def to_bytes(self) -> bytes: ...


def train_model(name: str, documents: Sequence[Document],
                gazetteer: Iterable[tuple[str, str]] = (), *, now: dt.datetime | None = None,
                progress: Callable[[int, int | None, str], None] | None = None,
                check: Callable[[], None] | None = None,
                settings: CrfSettings | None = None) -> Model:
    """Model ``name`` trained on the documents' tokens and labels and on gazetteer entries
    (``(text, label)``), with held-out scores; ``progress`` and ``check`` as services pass
    them (a cancel token's ``check`` stops training by raising ``Cancelled``)."""
    if name == STRINGS:
        return train_strings(documents, gazetteer, now=now, progress=progress, check=check)
    if name == CRF:
        return train_crf(documents, gazetteer, settings, now=now, progress=progress,
                         check=check)
    raise ValueError(f'no built-in model "{name}" (there are {", ".join(MODELS)})')


def load_model(blob: bytes) -> Model:
    """The model kept as ``blob``; ModelError when the bytes are not one."""
    name = stored.unpack(blob)[0].name
    if name == STRINGS:
        return StringsModel.from_bytes(blob)
    if name == CRF:
        return CrfModel.from_bytes(blob)
    raise ModelError(f'a model "{name}" this version does not know')
