"""The interface strings without a Persian translation: what Qt's lupdate finds in gui/ that
resources/i18n/annotator_fa.ts lacks, one `CONTEXT<TAB>SOURCE` a line.

    .venv/bin/python scripts/missing_translations.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    sources = sorted(str(p) for p in (ROOT / "annotator" / "gui").glob("*.py"))
    with tempfile.TemporaryDirectory() as folder:
        checked = Path(folder) / "annotator_fa.ts"
        shutil.copy(ROOT / "resources" / "i18n" / "annotator_fa.ts", checked)
        subprocess.run([str(lupdate), *sources, "-ts", str(checked)], check=True,
                       capture_output=True)
        for context in ET.parse(checked).getroot().iter("context"):
            for message in context.iter("message"):
                if message.find("translation[@type='unfinished']") is not None:
                    print(f"{context.findtext('name')}\t{message.findtext('source')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
