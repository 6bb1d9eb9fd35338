"""Chance-corrected agreement on categories: Cohen's kappa for two analysts, Fleiss' for more.

Both take counts rather than items, so that callers can count tags in bulk (most tokens of a
news article are ``O`` for everyone and are counted, not listed).

Cohen (1960), for two analysts who each gave every one of ``n`` items a category:
``kappa = (p_o - p_e) / (1 - p_e)``, where ``p_o`` is the share of items given the same
category by both and ``p_e = sum_c (a_c / n) (b_c / n)`` the agreement expected by chance,
``a_c`` and ``b_c`` the items each gave category ``c``.

Fleiss (1971), for ``m`` analysts who each gave every one of ``N`` items a category, ``n_ij``
of them category ``j`` for item ``i``: ``P_i = (sum_j n_ij^2 - m) / (m (m - 1))``,
``P = mean_i P_i``, ``p_j = sum_i n_ij / (N m)``, ``P_e = sum_j p_j^2`` and
``kappa = (P - P_e) / (1 - P_e)``.

Undefined cases, decided here once: with no items there is nothing to measure (``None``).
When chance agreement is 1 (every analyst gave every item one and the same category, as when
neither analyst labelled anything) the formula is 0/0; observed agreement is then complete as
well, and the result is 1.0: the analysts agree on everything there is.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping


def cohen_kappa[T: Hashable](confusion: Mapping[tuple[T, ...], int]) -> float | None:
    """Cohen's kappa of two analysts from ``{(first's category, second's): items}``."""
    n = sum(confusion.values())
    if not n:
        return None
    first: Counter[T] = Counter()
    second: Counter[T] = Counter()
    same = 0
    for (a, b), count in confusion.items():
        first[a] += count
        second[b] += count
        if a == b:
            same += count
    observed = same / n
    chance = sum(count * second[c] for c, count in first.items()) / (n * n)
    return _chance_corrected(observed, chance)


def fleiss_kappa[T: Hashable](patterns: Mapping[tuple[T, ...], int]) -> float | None:
    """Fleiss' kappa from ``{(each analyst's category for an item, ...): items}``.

    Every pattern holds one category per analyst, the same analysts in the same order.
    """
    items = sum(patterns.values())
    if not items:
        return None
    raters = len(next(iter(patterns)))
    if raters < 2:
        raise ValueError("Fleiss' kappa needs two analysts or more")
    totals: Counter[T] = Counter()
    agreeing = 0.0  # sum over items of P_i, times m (m - 1)
    for pattern, count in patterns.items():
        per_category = Counter(pattern)
        totals.update({c: k * count for c, k in per_category.items()})
        agreeing += count * (sum(k * k for k in per_category.values()) - raters)
    observed = agreeing / (items * raters * (raters - 1))
    chance = sum((k / (items * raters)) ** 2 for k in totals.values())
    return _chance_corrected(observed, chance)


def mean_kappa(values: Iterable[float | None]) -> float | None:
    """The mean of pairwise kappas (Light, 1971), leaving out the undefined ones."""
    defined = [v for v in values if v is not None]
    return sum(defined) / len(defined) if defined else None


def _chance_corrected(observed: float, chance: float) -> float:
    # Equal up to rounding: every item in one category for everyone (see the module's note).
    if chance >= 1.0 - 1e-12:
        return 1.0
    return (observed - chance) / (1.0 - chance)
