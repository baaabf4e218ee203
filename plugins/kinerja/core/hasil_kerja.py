"""Work-result item scores: the four-aspect formula (PP 46/2011, Perka BKN
1/2013) of the `angka` kind, and the capped capaian of the `rating` kind's
advisory index.

Kept apart from the rest of scoring because it is the part people check by
hand: each function is one line of the method. With T = t/u and R = r/v (an
`Aspect`), every value is an exact pair (numerator, denominator) of
core/exact.py; `ItemScore` hands out Fractions.
"""

from __future__ import annotations

from fractions import Fraction
from typing import NamedTuple

from kinerja.core.exact import Pair, fraction, mean
from kinerja.core.policy import Methodology
from kinerja.core.record import Aspect, WorkItem, make


def ratio(aspect: Aspect) -> Pair:
    """kuantitas and kualitas: realisation against target, in percent: R/T × 100."""
    t, u, r, v = aspect
    return 100 * r * u, v * t


def efficiency(aspect: Aspect) -> Pair:
    """Time or budget saved, in percent of the target: 100 − R/T × 100."""
    t, u, r, v = aspect
    return 100 * (v * t - r * u), v * t


def efficiency_score(aspect: Aspect, m: Methodology) -> Pair:
    """waktu and biaya: rewards finishing early or under budget up to the limit.

    base = ((K·T − R)/T) × 100; while the efficiency e ≤ B that is the score,
    beyond it D − (base − 100) (K, B, D: konstanta, batas, nilai dasar).
    """
    assert m.exact_rules.efisiensi is not None
    (bn, bd), (kn, kd), (dn, dd) = m.exact_rules.efisiensi
    t, u, r, v = aspect
    base_n, base_d = 100 * (kn * t * v - kd * r * u), kd * v * t
    e_n, e_d = efficiency(aspect)
    if e_n * bd <= bn * e_d:
        return base_n, base_d
    return (dn + 100 * dd) * base_d - dd * base_n, dd * base_d


class ItemScore(NamedTuple):
    """One item's aspect values and their mean, as exact pairs; the properties
    without `_pair` give them as Fractions."""

    kuantitas_pair: Pair
    kualitas_pair: Pair
    waktu_pair: Pair
    biaya_pair: Pair | None
    nilai_pair: Pair  # in lowest terms

    @property
    def kuantitas(self) -> Fraction:
        return Fraction(*self.kuantitas_pair)

    @property
    def kualitas(self) -> Fraction:
        return Fraction(*self.kualitas_pair)

    @property
    def waktu(self) -> Fraction:
        return Fraction(*self.waktu_pair)

    @property
    def biaya(self) -> Fraction | None:
        return fraction(self.biaya_pair)

    @property
    def nilai(self) -> Fraction:
        return Fraction(*self.nilai_pair)


def _with_mean(kuantitas: Pair, kualitas: Pair, waktu: Pair, biaya: Pair | None) -> ItemScore:
    """The item: the sum of the aspects used over their number (3, or 4 with a budget)."""
    used = [kuantitas, kualitas, waktu] if biaya is None else [kuantitas, kualitas, waktu, biaya]
    return make(ItemScore, (kuantitas, kualitas, waktu, biaya, mean(used)))


def score_item(item: WorkItem, m: Methodology) -> ItemScore:
    biaya = None if item.biaya is None else efficiency_score(item.biaya, m)
    return _with_mean(
        ratio(item.kuantitas), ratio(item.kualitas), efficiency_score(item.waktu, m), biaya
    )


def capaian(aspect: Aspect, name: str, limit: Pair) -> Pair:
    """The `rating` kind's advisory capaian of one aspect, 100 when met exactly.

    kuantitas and kualitas: realisation against target; waktu and biaya: 100
    plus the share saved (less time or money is never worse). Capped at the
    methodology's limit and at 0, so no single aspect dominates.
    """
    if name in ("kuantitas", "kualitas"):
        n, d = ratio(aspect)
    else:
        saved_n, d = efficiency(aspect)
        n = 100 * d + saved_n
    if n * limit[1] > limit[0] * d:
        n, d = limit
    return (0, 1) if n < 0 else (n, d)


def advisory_item(item: WorkItem, limits: dict[str, Pair]) -> ItemScore:
    """Advisory index of one item: the mean capaian of its aspects."""
    b = item.biaya
    return _with_mean(
        capaian(item.kuantitas, "kuantitas", limits["kuantitas"]),
        capaian(item.kualitas, "kualitas", limits["kualitas"]),
        capaian(item.waktu, "waktu", limits["waktu"]),
        None if b is None else capaian(b, "biaya", limits["biaya"]),
    )
