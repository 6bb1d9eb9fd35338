"""Starting the window: ``annotator`` with no command calls :func:`run`."""

from __future__ import annotations

import logging
import os
import signal
import sys
import time
from importlib.resources import files
from types import TracebackType
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from annotator.core.errors import AnnotatorError
from annotator.gui import i18n
from annotator.gui.fonts import interface_font, load_fonts
from annotator.gui.settings import APPLICATION, ORGANIZATION, Settings
from annotator.storage import Location

log = logging.getLogger(__name__)

# The desktop id (packaging/linux/APP_ID.desktop): Wayland matches the window to its menu
# entry and icon by it.
APP_ID = "io.github.annotator.Annotator"


def create_application(argv: list[str], language_setting: str = "system"
                       ) -> tuple[QApplication, str, list[QTranslator]]:
    """The QApplication with the bundled fonts and the interface language installed."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv)
    app.setApplicationName(APPLICATION)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationDisplayName("Annotator")
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(QIcon(str(files("annotator.resources") / "icons" / "annotator.svg")))
    load_fonts()
    language = i18n.resolve(language_setting)
    translators = i18n.install(app, language)
    if language == "fa":
        QLocale.setDefault(QLocale(QLocale.Language.Persian, QLocale.Country.Iran))
    app.setFont(interface_font(language == "fa"))
    return app, language, translators


def run(location: Location, argv: list[str]) -> int:
    """Open the window on the project at ``location`` (created with the bundled samples when
    missing)."""
    settings = Settings()
    app, _language, _translators = create_application(argv, settings.language)
    from annotator.gui.main_window import MainWindow
    from annotator.services.analysts import ENV_VAR as ANALYST_VARIABLE
    from annotator.services.projects import open_project

    warnings: list[str] = []
    try:
        project = open_project(location, with_samples=True,
                               on_warning=warnings.append)
    except AnnotatorError as exc:
        QMessageBox.critical(None, QCoreApplication.translate("App", "Annotator"), str(exc))
        print(f"annotator: {exc}", file=sys.stderr)
        return 1
    try:
        window = MainWindow(project, settings)
        window.show()
        if settings.analyst is None and not os.environ.get(ANALYST_VARIABLE):
            QTimer.singleShot(0, window.ask_analyst)  # asked once, the login name offered
        for warning in warnings:  # an automatic backup that could not be written
            window.show_message(QCoreApplication.translate("App", "Warning: {problem}").format(
                problem=warning))
        if os.environ.get("ANNOTATOR_EXIT_WHEN_SHOWN"):
            # For start-up measurements and smoke checks: the moment the window is shown
            # (time.monotonic, the same clock in every process), then quit.
            QTimer.singleShot(0, lambda: (print(f"{time.monotonic():.6f}", flush=True),
                                          window.close()))
        key = os.environ.get("ANNOTATOR_PRESS_WHEN_SHOWN")
        if key:
            # For tests only (tests/robustness/test_kill_window.py): once the window is shown,
            # press KEY in the article as the analyst would, then print "edited" (the key's
            # edit is committed by then), so that the test can kill the window right after.
            QTimer.singleShot(0, lambda: _press(window, key))
        sys.excepthook = _report_to(window)
        previous = _close_on_interrupt(window)
        try:
            return app.exec()
        finally:
            signal.signal(signal.SIGINT, previous)
            sys.excepthook = sys.__excepthook__
    finally:
        project.close()


def _press(window: Any, key: str) -> None:
    """The ``ANNOTATOR_PRESS_WHEN_SHOWN`` hook: ``key`` typed in the active window."""
    from PySide6.QtTest import QTest

    QTest.qWaitForWindowActive(window)
    QTest.keyClicks(window.article, key)
    print("edited", flush=True)


def _report_to(window: Any) -> Any:
    """Errors nobody caught: a line in the status bar, the traceback only in the log."""

    def report(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        log.error("unexpected error", exc_info=(kind, error, tb))
        shown = str(error) if isinstance(error, AnnotatorError) else f"{kind.__name__}: {error}"
        window.show_message(shown)

    return report


def _close_on_interrupt(window: QWidget) -> Any:
    """Ctrl+C in the terminal closes the window as Ctrl+Q would (settings saved, no traceback).

    Python runs signal handlers only between bytecodes, so a timer wakes it now and then.
    """
    previous = signal.signal(signal.SIGINT, lambda *_: window.close())
    timer = QTimer(window)
    timer.timeout.connect(lambda: None)
    timer.start(300)
    return previous
