"""Hand-written Persian documents for the model tests: labelled news sentences."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

from annotator.core.model import Document, Span, Status
from annotator.text.tokenize import tokenize

Z = "\u200c"  # ZWNJ

PEOPLE = ("عباس عراقچی", "مسعود پزشکیان", "علی لاریجانی", "محمدباقر قالیباف", "حسن روحانی",
          "آنتونیو گوترش", "رافائل گروسی", "سرگئی لاوروف", "کایا کالاس", "هاکان فیدان")
GROUPS = ("خبرگزاری مهر", "سازمان ملل", "وزارت امور خارجه", "آژانس بین‌المللی انرژی اتمی",
          "مجلس شورای اسلامی", "اتحادیه اروپا", "هلال احمر", "خبرگزاری ایرنا")
PLACES = ("تهران", "مشهد", "اصفهان", "ژنو", "بغداد", "کابل", "مسکو", "دوحه", "نیویورک",
          "تبریز", "شیراز", "وین")
EVENTS = ("نشست سران", "مذاکرات هسته‌ای", "تظاهرات", "اجلاس", "رزمایش", "انتخابات",
          "سیل", "زلزله")
# Sentences with slots: {A} an actor, {L} a location, {E} an event.
TEMPLATES = (
    "به گزارش {A}، {A} امروز برای دیدار با همتای خود به {L} سفر کرد.",
    "{A} در {L} با خبرنگاران گفت{Z}وگو کرد و گفت که {E} به زودی آغاز می{Z}شود.",
    "{E} در {L} با حضور {A} برگزار شد.",
    "{A} اعلام کرد که {E} در {L} ادامه دارد.",
    "سخنگوی {A} گفت: {A} از نتیجه {E} راضی است.",
    "در پی {E} در {L}، {A} کمک{Z}های خود را به منطقه فرستاد.",
    "{A} و {A} درباره {E} در {L} گفت{Z}وگو کردند.",
    "امروز {E} در شهر {L} برگزار شد و مردم از آن استقبال کردند.",
)
_SLOT = re.compile(r"\{([ALEZ])\}")
_LABELS = {"A": "ACTOR", "L": "LOCATION", "E": "EVENT"}


def document(text: str, labels: Sequence[tuple[str, str]] = (), key: str = "",
             status: Status = Status.DONE) -> Document:
    """A document with its tokens, labelled at the first free occurrence of each text."""
    tokens, sentences = tokenize(text)
    spans: list[Span] = []
    at = 0
    for words, label in labels:
        start = text.index(words, at)
        spans.append(Span(start, start + len(words), label))
        at = start + len(words)
    return Document(text, key=key, status=status, tokens=tokens, sentences=sentences,
                    spans=spans)


def sentence(rng: random.Random) -> tuple[str, list[tuple[int, int, str]]]:
    """A sentence from a template with its slots filled, and where its labels are."""
    template = rng.choice(TEMPLATES)
    parts: list[str] = []
    spans: list[tuple[int, int, str]] = []
    at = 0
    length = 0
    for found in _SLOT.finditer(template):
        parts.append(template[at:found.start()])
        length += found.start() - at
        slot = found.group(1)
        if slot == "Z":
            words = Z
        else:
            pool = {"A": PEOPLE + GROUPS, "L": PLACES, "E": EVENTS}[slot]
            words = rng.choice(pool)
            spans.append((length, length + len(words), _LABELS[slot]))
        parts.append(words)
        length += len(words)
        at = found.end()
    parts.append(template[at:])
    return "".join(parts), spans


def corpus(count: int, seed: int = 1404, sentences: int = 3) -> list[Document]:
    """``count`` labelled documents of a few template sentences each (deterministic)."""
    rng = random.Random(seed)
    docs = []
    for n in range(count):
        pieces: list[str] = []
        spans: list[Span] = []
        length = 0
        for _ in range(sentences):
            if pieces:
                pieces.append("\n")
                length += 1
            text, found = sentence(rng)
            spans.extend(Span(length + a, length + b, label) for a, b, label in found)
            pieces.append(text)
            length += len(text)
        text = "".join(pieces)
        tokens, firsts = tokenize(text)
        docs.append(Document(text, key=f"news-{n:03d}", status=Status.DONE, tokens=tokens,
                             sentences=firsts, spans=spans))
    return docs
