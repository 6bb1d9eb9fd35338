"""Files written whole or not at all: a hidden temporary name beside the destination, renamed
over it when complete. A kill half-way leaves the destination as it was, and at most a hidden
``.NAME.PID.XXXX.part`` file, which the next writer of that destination removes.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import secrets
from pathlib import Path

PART = ".part"
# Where a process cannot be asked about, a temporary file that has not changed for this long
# is a leftover.
_STALE_AFTER = dt.timedelta(days=1)


def part_path(destination: Path) -> Path:
    """The hidden temporary name a file is written under before it is renamed into place.

    It carries the writer's process id, so that :func:`remove_stale_parts` can tell the
    leftovers of a killed process from a file another process is still writing.
    """
    token = secrets.token_hex(4)
    return destination.with_name(f".{destination.name}.{os.getpid()}.{token}{PART}")


def remove_stale_parts(destination: Path) -> list[Path]:
    """Remove the temporary files that killed writers of ``destination`` left behind.

    A ``.NAME.PID.XXXX.part`` file is stale when no process ``PID`` runs on this machine any more
    (or, where that cannot be asked, when it has not changed for a day).
    """
    removed: list[Path] = []
    name, part = re.escape(destination.name), re.escape(PART)
    pattern = re.compile(rf"^\.{name}\.(\d+)(?:\.[0-9a-f]+)?{part}$")
    try:
        entries = list(destination.parent.iterdir())
    except OSError:
        return removed
    for entry in entries:
        match = pattern.match(entry.name)
        if match is None or int(match[1]) == os.getpid():
            continue
        try:
            if _is_stale(int(match[1]), entry):
                entry.unlink()
                removed.append(entry)
        except OSError:
            continue
    return removed


def _is_stale(pid: int, path: Path) -> bool:
    if os.name == "posix":
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False  # another user's process: alive
    age = dt.datetime.now() - dt.datetime.fromtimestamp(path.stat().st_mtime)
    return age > _STALE_AFTER
