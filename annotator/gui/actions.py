"""Every command of the window as a QAction, with its keys, and the menus and toolbar over them.

Keys follow the SPEC; where Qt has a standard key for a command (Undo, Redo, Quit, ZoomIn,
ZoomOut, Open) it is used as well, so the platform's usual key works too.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QStyle, QToolBar, QWidget

from annotator.core.model import Label
from annotator.gui.label_names import shown_label

StandardKey = QKeySequence.StandardKey


def keys(*sequences: QKeySequence | StandardKey | str) -> list[QKeySequence]:
    """Key sequences in order, standard ones expanded, without duplicates (which Qt would
    treat as ambiguous)."""
    found: list[QKeySequence] = []
    for sequence in sequences:
        expanded = (QKeySequence.keyBindings(sequence) if isinstance(sequence, StandardKey)
                    else [QKeySequence(sequence)])
        for key in expanded:
            if not key.isEmpty() and key not in found:
                found.append(key)
    return found


# What the Latin letter keys type on the standard Persian keyboard layout (ISIRI 9147).
PERSIAN_LAYOUT = dict(zip("QWERTYUIOPASDFGHJKLZXCVBNM", "ضصثقفغعهخحشسیبلاتنمظطزرذدپ",
                          strict=True))


def label_keys(key: str) -> list[str]:
    """A label's key and the same key typed on a Persian keyboard layout: for a digit, ``۱``
    (and Arabic ``١``) rather than ``1``; for a letter, the letter of that layout (Q: ض)."""
    if len(key) == 1 and "0" <= key <= "9":
        digit = ord(key) - ord("0")
        return [key, chr(0x06F0 + digit), chr(0x0660 + digit)]
    if key.upper() in PERSIAN_LAYOUT:
        return [key.upper(), PERSIAN_LAYOUT[key.upper()]]
    return [key]


def make_action(window: QWidget, text: str, shortcuts: Iterable[QKeySequence] = (),
                tip: str = "", icon: QIcon | None = None) -> QAction:
    """An action of ``window`` (its shortcuts work even where no menu or toolbar shows it),
    its tooltip naming its first key."""
    action = QAction(text, window)
    action.setShortcuts(list(shortcuts))
    if icon is not None:
        action.setIcon(icon)
    shown = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    action.setToolTip(f"{tip or text} ({shown})" if shown else (tip or text))
    action.setStatusTip(tip or text)
    window.addAction(action)
    return action


class Actions(QObject):
    """The window's actions. The main window connects them; tests trigger them by key."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        style = window.style()
        icon = style.standardIcon
        pixmap = QStyle.StandardPixmap

        def make(text: str, shortcuts: Iterable[QKeySequence] = (), tip: str = "",
                 icon_kind: QStyle.StandardPixmap | None = None) -> QAction:
            return make_action(window, text, shortcuts, tip,
                               icon(icon_kind) if icon_kind is not None else None)

        self.import_ = make(self.tr("&Import…"), keys(StandardKey.Open),
                            self.tr("Add articles from files or a folder"),
                            pixmap.SP_DialogOpenButton)
        self.import_folder = make(self.tr("Import &Folder…"), (),
                                  self.tr("Add every article in a folder"), pixmap.SP_DirOpenIcon)
        self.export = make(self.tr("&Export…"), keys("Ctrl+E"),
                           self.tr("Write the labelled documents as a dataset"),
                           pixmap.SP_DialogSaveButton)
        self.quit = make(self.tr("&Quit"), keys("Ctrl+Q", StandardKey.Quit), self.tr("Quit"))
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)

        self.undo = make(self.tr("Undo"), keys("Ctrl+Z", StandardKey.Undo), "",
                         pixmap.SP_ArrowBack)
        self.redo = make(self.tr("Redo"), keys("Ctrl+Shift+Z", StandardKey.Redo), "",
                         pixmap.SP_ArrowForward)
        self.undo.setEnabled(False)
        self.redo.setEnabled(False)
        self.delete = make(self.tr("&Delete Span"), keys("Delete", StandardKey.Delete),
                           self.tr("Remove the selected span"), pixmap.SP_TrashIcon)
        self.labels: dict[str, QAction] = {}
        self.label_menu: QMenu | None = None
        self.menus: dict[str, QMenu] = {}

        self.mark_done = make(self.tr("Mark Done && &Next"), keys("Ctrl+Return", "Ctrl+Enter"),
                              self.tr("Mark this document done and open the next one not done"),
                              pixmap.SP_DialogApplyButton)
        self.previous = make(self.tr("&Previous Document"), keys("Alt+Left", StandardKey.Back),
                             "", pixmap.SP_MediaSeekBackward)
        self.next = make(self.tr("N&ext Document"), keys("Alt+Right", StandardKey.Forward), "",
                         pixmap.SP_MediaSeekForward)
        self.zoom_in = make(self.tr("Zoom &In"), keys("Ctrl+=", StandardKey.ZoomIn),
                            self.tr("Larger article text"))
        self.zoom_out = make(self.tr("Zoom &Out"), keys("Ctrl+-", StandardKey.ZoomOut),
                             self.tr("Smaller article text"))
        self.zoom_reset = make(self.tr("&Reset Zoom"), keys("Ctrl+0"))

        self.languages = QActionGroup(self)
        self.language: dict[str, QAction] = {}
        for code, name in (("system", self.tr("System")), ("en", "English"), ("fa", "فارسی")):
            action = QAction(name, window)
            action.setCheckable(True)
            action.setData(code)
            self.languages.addAction(action)
            self.language[code] = action

        self.about = make(self.tr("&About Annotator"))
        self.about.setMenuRole(QAction.MenuRole.AboutRole)
        self.shortcuts_help = make(self.tr("&Keyboard Shortcuts"), keys("F1"))

    def set_labels(self, window: QMainWindow, labels: Iterable[Label]) -> dict[str, QAction]:
        """One action per label of the project, on its key (1, 2, 3 by default)."""
        for action in self.labels.values():
            window.removeAction(action)
            action.deleteLater()
        self.labels = {}
        for label in labels:
            action = QAction(self.tr("Label as {name}").format(name=shown_label(label.name)),
                             window)
            if label.key:
                action.setShortcuts(keys(*label_keys(label.key)))
                action.setToolTip(f"{action.text()} ({label.key})")
            action.setData(label.name)
            window.addAction(action)
            self.labels[label.name] = action
        if self.label_menu is not None:
            self.label_menu.clear()
            self.label_menu.addActions(list(self.labels.values()))
        return self.labels

    def build_menus(self, window: QMainWindow) -> QToolBar:
        """The menu bar and the toolbar, both over the same actions."""
        bar = window.menuBar()
        file = bar.addMenu(self.tr("&File"))
        file.addActions([self.import_, self.import_folder, self.export])
        file.addSeparator()
        file.addAction(self.quit)

        edit = bar.addMenu(self.tr("&Edit"))
        edit.addActions([self.undo, self.redo])
        edit.addSeparator()
        self.label_menu = edit.addMenu(self.tr("&Label"))
        self.label_menu.addActions(list(self.labels.values()))
        edit.addAction(self.delete)

        document = bar.addMenu(self.tr("&Document"))
        document.addActions([self.mark_done, self.previous, self.next])

        view = bar.addMenu(self.tr("&View"))
        view.addActions([self.zoom_in, self.zoom_out, self.zoom_reset])
        view.addSeparator()
        language = view.addMenu(self.tr("&Language"))
        language.addActions(self.languages.actions())

        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addActions([self.shortcuts_help, self.about])
        self.menus = {"file": file, "edit": edit, "document": document, "view": view,
                      "help": help_menu}

        toolbar = QToolBar(self.tr("Main Toolbar"), window)
        toolbar.setObjectName("mainToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.setMovable(False)
        toolbar.addActions([self.import_, self.export])
        toolbar.addSeparator()
        toolbar.addActions([self.undo, self.redo, self.delete])
        toolbar.addSeparator()
        toolbar.addActions([self.previous, self.next, self.mark_done])
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        return toolbar
