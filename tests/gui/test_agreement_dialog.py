"""Review → Analysts' Agreement: the pairs' figures as ``annotator agreement`` gives them, the
events' F1 among them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QLocale

from annotator.core.agreement import DocumentLabels, agreement
from annotator.gui.agreement_dialog import AgreementDialog
from tests.core.agreement_corpus import visits

pytestmark = pytest.mark.gui


@pytest.fixture
def english() -> Iterator[None]:
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    yield
    QLocale.setDefault(before)


def test_the_pairs_table_has_the_events_f1(qtbot: Any, english: None) -> None:
    # The three analysts' events on VISITS (tests.core.test_agreement: 2/3, 2/5, 2/5; overall
    # 1/2), and a pair that shares no document.
    alone = DocumentLabels("alone", [0, 3], {"omid": [], "reza": []})
    dialog = AgreementDialog(agreement([visits("maryam", "reza", "sara"), alone]))
    qtbot.addWidget(dialog)
    table = dialog.pairs
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers[-1] == "Events F1"
    rows = {table.item(r, 0).text(): table.item(r, headers.index("Events F1")).text()
            for r in range(table.rowCount())}
    assert rows == {"maryam / omid": "—", "maryam / reza": "0.67", "maryam / sara": "0.40",
                    "omid / reza": "1.00", "omid / sara": "—", "reza / sara": "0.40"}
    tip = table.item(1, len(headers) - 1).toolTip()
    assert tip == ("Events made: maryam 3, reza 3; matched (trigger, type and arguments "
                   "alike): 2")
    assert dialog.summary.text().startswith("Overall: kappa ")
    assert "events F1 0.50." in dialog.summary.text()
