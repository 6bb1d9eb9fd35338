"""A process that opens a project file a second time keeps its locks on it: another process
closing its connection then never takes itself for the last one (which would checkpoint and
delete the WAL under the first, and the first's next write fail or read a damaged file)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from annotator.core.model import Document
from annotator.storage import Project


def test_opening_the_file_again_keeps_this_process_locks(project_path: Path) -> None:
    with Project(project_path) as first:
        first.add_documents([Document("متن", key="a")])
        with Project(project_path, create=False) as second:  # as a background task does
            assert second.count_documents() == 1
        code = ("import sys; from annotator.storage import Project; "
                "Project(sys.argv[1], create=False).close()")
        subprocess.run([sys.executable, "-c", code, str(project_path)], check=True)
        assert project_path.with_name(project_path.name + "-wal").exists()
        first.set_setting("still", "writable")
        assert first.setting("still") == "writable"
        assert first.integrity_problems() == []
