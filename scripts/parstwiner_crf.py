"""Train the built-in CRF on ParsTwiNER's train part and score it on its dev part.

    python scripts/parstwiner_crf.py TRAIN DEV              # train on TRAIN, score on DEV
    python scripts/parstwiner_crf.py TRAIN --tune           # choose settings on TRAIN alone

ParsTwiNER's tags are mapped to ours (PER, ORG, POG → ACTOR; LOC → LOCATION; EVE → EVENT;
NAT dropped). Each blank-line-separated block of the CoNLL file is one document with the
file's own tokens. ``--tune`` never reads DEV: it holds out every 5th document of TRAIN,
trains on the rest with each candidate setting and prints the held-out figures. Scores are
exact spans per label and overall (``annotator.core.scores``), as conlleval counts them.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from annotator.core.model import Document, Span
from annotator.core.scores import Counts, total
from annotator.formats.conll import read_conll
from annotator.suggest.crf import CrfSettings, train_crf
from annotator.suggest.evaluation import evaluate, held_out

# The settings compared on the held-out part of TRAIN (c1, c2, L-BFGS iterations); the
# defaults of CrfSettings are the best of them.
TRIED = ((0.0, 0.05, 150), (0.05, 0.05, 150), (0.1, 0.05, 150), (0.2, 0.05, 150),
         (0.05, 0.01, 100), (0.1, 0.1, 100), (0.05, 0.05, 100), (0.05, 0.05, 60))
LABELS = {"PER": "ACTOR", "ORG": "ACTOR", "POG": "ACTOR", "LOC": "LOCATION", "EVE": "EVENT"}


def documents(path: Path) -> list[Document]:
    """The file's blocks as documents, labels mapped (NAT and unknown tags dropped)."""
    out = []
    for record in read_conll(path):
        spans = [Span(s.start, s.end, LABELS[s.label]) for s in record.spans
                 if s.label in LABELS]
        out.append(Document(record.text, key=record.key or "", spans=spans,
                            tokens=record.tokens or (), sentences=record.sentences or ()))
    return out


def table(counts: dict[str, Counts]) -> str:
    lines = [f"{'label':<10} {'P':>6} {'R':>6} {'F1':>6} {'support':>8}"]
    for label, c in [*sorted(counts.items()), ("overall", total(counts))]:
        lines.append(f"{label:<10} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f} "
                     f"{c.support:8d}")
    return "\n".join(lines)


def run(train: list[Document], test: list[Document], settings: CrfSettings) -> dict[str, Counts]:
    started = time.perf_counter()
    model = train_crf(train, settings=settings)
    trained = time.perf_counter() - started
    tokens = sum(len(d.tokens) // 2 for d in train)
    print(f"trained on {len(train)} documents, {tokens} tokens in {trained:.1f} s "
          f"({settings}; the held-out model included)", flush=True)
    held = model.info.held_out
    if held:
        print(f"held-out F1 ({model.info.held_out_documents} documents of those trained on): "
              f"{total(held).f1:.3f}")
    started = time.perf_counter()
    counts = evaluate(model, test)
    print(f"tagged {len(test)} documents in {time.perf_counter() - started:.1f} s")
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("train", type=Path)
    parser.add_argument("dev", type=Path, nargs="?")
    parser.add_argument("--tune", action="store_true",
                        help="choose settings on a held-out part of TRAIN (DEV is not read)")
    defaults = CrfSettings()
    parser.add_argument("--c1", type=float, default=defaults.c1)
    parser.add_argument("--c2", type=float, default=defaults.c2)
    parser.add_argument("--iterations", type=int, default=defaults.max_iterations)
    args = parser.parse_args(argv)
    train = documents(args.train)
    if args.tune:
        learnt, held = held_out(train, 5)
        print(f"tuning: {len(learnt)} documents of TRAIN learnt, {len(held)} held out")
        for c1, c2, iterations in TRIED:
            settings = CrfSettings(c1=c1, c2=c2, max_iterations=iterations, held_out_every=0)
            print(f"\nc1={c1} c2={c2} iterations={iterations}")
            print(table(run(learnt, held, settings)), flush=True)
        return 0
    if args.dev is None:
        parser.error("DEV is needed unless --tune")
    settings = CrfSettings(c1=args.c1, c2=args.c2, max_iterations=args.iterations)
    print(table(run(train, documents(args.dev), settings)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
