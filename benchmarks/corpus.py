"""A deterministic synthetic Persian corpus for the benchmarks.

Words come from the bundled sample articles and a hand-written vocabulary (ZWNJ words, names,
Latin words, numbers); articles have realistic lengths, sentences and paragraphs, and spans of
every label on whole words. The same seed always gives the same corpus.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[1] / "resources" / "samples"
VOCABULARY = (
    "می‌گوید همکاری‌های بین‌المللی گفت‌وگو نشست‌های رئیس‌جمهور ایالات‌متحده سازمان‌های "
    "خبرگزاری وزیر امور خارجه مجلس شورای اسلامی دولت نماینده سفیر هیئت کمیسیون شهرداری "
    "تهران مشهد اصفهان شیراز تبریز ژنو مسکو پکن دوحه بغداد کابل "
    "Reuters UNESCO OPEC Donald Trump António Guterres ۱۲٫۵ درصد ۱۴۰۴ 2025 ۳۰۰ هزار "
    "برگزار شد اعلام کرد تأکید کرد دیدار و گفتگو کرد افزود گزارش داد"
).split()
LABELS = ("ACTOR", "EVENT", "LOCATION")
_WORD = re.compile(r"[^\s«»()\"،.؛:!؟]+")


def vocabulary() -> list[str]:
    words: list[str] = list(VOCABULARY)
    for path in sorted(SAMPLES.glob("*.txt")):
        words.extend(_WORD.findall(path.read_text(encoding="utf-8")))
    return words


def article(rng: random.Random, words: list[str], size: int,
            spans: int) -> tuple[str, list[dict[str, object]]]:
    """About ``size`` characters in sentences and paragraphs, with ``spans`` spans."""
    parts: list[str] = []
    length = 0
    sentence = 0
    offsets: list[tuple[int, int]] = []
    while length < size:
        word = rng.choice(words)
        if parts and not parts[-1].endswith("\n"):
            parts.append(" ")
            length += 1
        offsets.append((length, length + len(word)))
        parts.append(word)
        length += len(word)
        sentence += 1
        if sentence > rng.randint(8, 20):
            sentence = 0
            parts.append("." if rng.random() < 0.8 else "؟")
            length += 1
            if rng.random() < 0.25:
                parts.append("\n")
                length += 1
    text = "".join(parts)
    chosen = sorted(rng.sample(range(len(offsets)), min(spans, len(offsets))))
    out: list[dict[str, object]] = []
    last_end = -1
    for i in chosen:
        start, end = offsets[i]
        if i + 1 < len(offsets) and rng.random() < 0.3 and i + 1 not in chosen:
            end = offsets[i + 1][1]  # a two-word span now and then
        if start < last_end:
            continue
        out.append({"start": start, "end": end, "label": rng.choice(LABELS)})
        last_end = end
    return text, out


def records(count: int, size: int = 2000, spans: int = 20,
            seed: int = 1404) -> Iterator[dict[str, object]]:
    rng = random.Random(seed)
    words = vocabulary()
    for n in range(count):
        text, found = article(rng, words, size, spans)
        yield {"id": f"synthetic-{n:06d}", "text": text, "status": "new", "spans": found}


def write_jsonl(path: Path, count: int, size: int = 2000, spans: int = 20,
                seed: int = 1404) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for record in records(count, size, spans, seed):
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def analysts_versions(rng: random.Random, spans: list[dict[str, object]], tokens: list[int],
                      analysts: int = 3) -> list[list[tuple[int, int, str]]]:
    """Each analyst's labels of one article: the article's spans, each kept by an analyst
    with probability 0.85, else given another label, cut to its first word, or left out; and
    now and then a token of their own labelled. No analyst's spans overlap."""
    base = [(int(str(s["start"])), int(str(s["end"])), str(s["label"])) for s in spans]
    starts = tokens[0::2]
    versions = []
    for _ in range(analysts):
        mine: list[tuple[int, int, str]] = []
        for start, end, label in base:
            roll = rng.random()
            if roll < 0.85:
                mine.append((start, end, label))
            elif roll < 0.90:
                mine.append((start, end, rng.choice([x for x in LABELS if x != label])))
            elif roll < 0.95:
                first_end = tokens[2 * starts.index(start) + 1] if start in starts else end
                mine.append((start, min(end, first_end), label))
        covered = {i for start, end, _ in base for i in range(start, end)}
        for _ in range(rng.randint(0, 2)):
            i = rng.randrange(len(starts))
            start, end = tokens[2 * i], tokens[2 * i + 1]
            if not covered.intersection(range(start, end)):
                mine.append((start, end, rng.choice(LABELS)))
                covered.update(range(start, end))
        versions.append(sorted(mine))
    return versions
