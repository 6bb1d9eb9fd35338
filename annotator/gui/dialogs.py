"""Small dialogs: the list of keys, About. (Export: export_dialog; review: review_dialogs.)"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from annotator import __version__ as VERSION


def show_keys(parent: QWidget) -> None:
    translate = QCoreApplication.translate
    rows = [
        ("1  2  3", translate("Dialogs", "label the selection, or the word at the caret, "
                                         "as ACTOR, EVENT, LOCATION")),
        (translate("Dialogs", "Delete"), translate("Dialogs", "remove the selected span")),
        ("Ctrl+Z  /  Ctrl+Shift+Z", translate("Dialogs", "undo / redo, also across documents")),
        ("Ctrl+Enter", translate("Dialogs", "mark the document done and open the next one")),
        ("N", translate("Dialogs", "select the next suggestion to review")),
        (translate("Dialogs", "A  or  Enter"), translate("Dialogs", "accept the suggestion")),
        ("X", translate("Dialogs", "reject the suggestion")),
        ("1  2  3", translate("Dialogs", "on a suggestion: accept it under that label")),
        ("E", translate("Dialogs", "on an EVENT span: open its frame, typing the event type's "
                                   "first letters")),
        ("J  K  L", translate("Dialogs", "add the span at the caret to the open frame as "
                                         "actor, recipient, location")),
        ("O", translate("Dialogs", "take the span at the caret out of the open frame")),
        ("Shift+Delete  /  Esc", translate("Dialogs", "delete the open frame's event / "
                                                      "close the frame")),
        ("Alt+Left  /  Alt+Right",
         translate("Dialogs", "previous / next document (PgUp / PgDn in the list)")),
        ("Ctrl+=  /  Ctrl+-", translate("Dialogs", "larger / smaller text")),
        ("Ctrl+Q", translate("Dialogs", "quit")),
    ]
    body = "".join(f"<tr><td><b>{k}</b>&nbsp;&nbsp;</td><td>{v}</td></tr>" for k, v in rows)
    note = translate("Dialogs", "Selections snap outward to whole words.")
    box = QMessageBox(parent)
    box.setObjectName("keysDialog")
    box.setWindowTitle(translate("Dialogs", "Keyboard Shortcuts"))
    box.setText(f"<table>{body}</table><p>{note}</p>")
    box.exec()


def show_about(parent: QWidget) -> None:
    translate = QCoreApplication.translate
    QMessageBox.about(parent, translate("Dialogs", "About Annotator"), translate(
        "Dialogs", "<b>Annotator</b> {version}<br>Label actors, events and locations in "
        "Persian news.<br><br>Font: Vazirmatn, © the Vazirmatn project authors, SIL Open Font "
        "License 1.1.<br>Sample articles: the first is from Mehr news (26 Aban 1404); the others "
        "were written for this project and are free to use.<br>Code: MIT License."
    ).format(version=VERSION))
