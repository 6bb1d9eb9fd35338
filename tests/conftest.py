"""Shared fixtures. Tests never touch the user's settings or project file, nor need a display."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.postgres import Server

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Whom the window and the commands work as in the tests (not the login name, which differs
# from machine to machine).
ANALYST = "tester"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory,
                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Point user data, config and the default project at a temporary folder."""
    home = tmp_path_factory.mktemp("home")
    for var in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))
    monkeypatch.delenv("ANNOTATOR_DB", raising=False)
    monkeypatch.setenv("ANNOTATOR_ANALYST", ANALYST)


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    """A project file (tests of what only a file has: its bytes, PRAGMAs, permissions)."""
    return tmp_path / "project.sqlite"


@pytest.fixture(scope="session")
def postgres() -> Iterator[Server]:
    """A real PostgreSQL server for the session, started when a test first needs it."""
    server = Server()
    yield server
    server.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Path | str]:
    """Where a new, empty project is kept: a project file, or a database of its own on the
    test server. Storage, service and command tests run on both with the same assertions."""
    if request.param == "sqlite":
        yield tmp_path / "project.sqlite"
        return
    server: Server = request.getfixturevalue("postgres")
    url = server.new_schema()
    yield url
    server.drop_schema(url)


@pytest.fixture
def project(location: Path | str) -> Iterator[object]:
    from annotator.storage import Project

    with Project(location) as opened:
        yield opened
