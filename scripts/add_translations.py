"""Add Persian translations to resources/i18n/annotator_fa.ts: one `CONTEXT<TAB>SOURCE<TAB>
TRANSLATION` a line on standard input (as scripts/missing_translations.py prints the first two
columns). A context the file lacks is added; a source already there is left as it is.

    .venv/bin/python scripts/add_translations.py < new-strings.tsv
"""

from __future__ import annotations

import sys
from pathlib import Path
from xml.sax.saxutils import escape

TS = Path(__file__).resolve().parent.parent / "resources" / "i18n" / "annotator_fa.ts"


def main() -> int:
    text = TS.read_text(encoding="utf-8")
    for line in sys.stdin.read().splitlines():
        if not line.strip():
            continue
        context, source, translation = line.split("\t")
        source_xml = escape(source, {'"': "&quot;"})
        if f"<source>{source_xml}</source>" in text.split(f"<name>{context}</name>", 1)[-1] \
                .split("</context>", 1)[0]:
            continue
        entry = (f"    <message>\n        <source>{source_xml}</source>\n"
                 f"        <translation>{escape(translation)}</translation>\n    </message>\n")
        marker = f"<name>{context}</name>\n"
        if marker not in text:
            text = text.replace("</TS>", f"<context>\n    {marker}{entry}</context>\n</TS>")
        else:
            at = text.index(marker) + len(marker)
            text = text[:at] + entry + text[at:]
    TS.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
