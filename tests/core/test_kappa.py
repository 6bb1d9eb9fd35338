"""Cohen's and Fleiss' kappa against the worked examples of their usual presentations."""

from __future__ import annotations

import pytest

from annotator.core.kappa import cohen_kappa, fleiss_kappa, mean_kappa


def test_cohen_worked_example() -> None:
    # 50 items: both yes 20, yes/no 5, no/yes 10, both no 15. p_o = 35/50 = 0.7;
    # p_e = (25/50)(30/50) + (25/50)(20/50) = 0.5; kappa = (0.7 - 0.5)/(1 - 0.5) = 0.4.
    table = {("yes", "yes"): 20, ("yes", "no"): 5, ("no", "yes"): 10, ("no", "no"): 15}
    assert cohen_kappa(table) == pytest.approx(0.4)


def test_fleiss_worked_example() -> None:
    # Fleiss' example as usually shown: 10 items, 14 analysts, 5 categories; each row how many
    # analysts gave each category. P = 0.378, P_e = 0.213, kappa = 0.210.
    rows = [(0, 0, 0, 0, 14), (0, 2, 6, 4, 2), (0, 0, 3, 5, 6), (0, 3, 9, 2, 0),
            (2, 2, 8, 1, 1), (7, 7, 0, 0, 0), (3, 2, 6, 3, 0), (2, 5, 3, 2, 2),
            (6, 5, 2, 1, 0), (0, 2, 2, 3, 7)]
    patterns: dict[tuple[int, ...], int] = {}
    for row in rows:
        pattern = tuple(c for c, k in enumerate(row) for _ in range(k))
        patterns[pattern] = patterns.get(pattern, 0) + 1
    assert fleiss_kappa(patterns) == pytest.approx(0.210, abs=5e-4)


def test_undefined_cases() -> None:
    assert cohen_kappa({}) is None
    assert fleiss_kappa({}) is None
    # One category for everyone: chance agreement 1, taken as complete agreement.
    assert cohen_kappa({("O", "O"): 7}) == 1.0
    assert fleiss_kappa({("O", "O", "O"): 7}) == 1.0
    with pytest.raises(ValueError, match="two analysts"):
        fleiss_kappa({("O",): 3})
    assert mean_kappa([0.5, None, 1.0]) == 0.75
    assert mean_kappa([None]) is None
