"""The four-aspect work-result formula (PP 46/2011, Perka BKN 1/2013).

Kept apart from the rest of scoring because it is the part people check by
hand: each function is one line of the regulation.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from kinerja.core.policy import Methodology
from kinerja.core.record import Aspect, WorkItem

HUNDRED = Fraction(100)


def ratio(aspect: Aspect) -> Fraction:
    """kuantitas and kualitas: realisation against target, in percent."""
    return aspect.realisasi / aspect.target * HUNDRED


def efficiency(aspect: Aspect) -> Fraction:
    """Time or budget saved, in percent of the target."""
    return HUNDRED - aspect.realisasi / aspect.target * HUNDRED


def efficiency_score(aspect: Aspect, m: Methodology) -> Fraction:
    """waktu and biaya: rewards finishing early or under budget up to the limit."""
    t, r = aspect.target, aspect.realisasi
    base = (m.konstanta_efisiensi * t - r) / t * HUNDRED
    if efficiency(aspect) <= m.batas_efisiensi:
        return base
    return m.nilai_dasar_efisiensi - (base - HUNDRED)


@dataclass(frozen=True)
class ItemScore:
    kuantitas: Fraction
    kualitas: Fraction
    waktu: Fraction
    biaya: Fraction | None
    nilai: Fraction


def score_item(item: WorkItem, m: Methodology) -> ItemScore:
    kuantitas = ratio(item.kuantitas)
    kualitas = ratio(item.kualitas)
    waktu = efficiency_score(item.waktu, m)
    biaya = efficiency_score(item.biaya, m) if item.biaya is not None else None
    used = [kuantitas, kualitas, waktu] + ([biaya] if biaya is not None else [])
    return ItemScore(kuantitas, kualitas, waktu, biaya, sum(used, Fraction(0)) / len(used))
