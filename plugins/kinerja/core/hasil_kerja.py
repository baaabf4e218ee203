"""Work-result item scores: the four-aspect formula (PP 46/2011, Perka BKN
1/2013) of the `angka` kind, and the capped capaian of the `rating` kind's
advisory index.

Kept apart from the rest of scoring because it is the part people check by
hand: each function is one line of the method.
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
    assert m.konstanta_efisiensi is not None and m.batas_efisiensi is not None
    assert m.nilai_dasar_efisiensi is not None
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


def capaian(aspect: Aspect, name: str, limit: Fraction) -> Fraction:
    """The `rating` kind's advisory capaian of one aspect, 100 when met exactly.

    kuantitas and kualitas: realisation against target; waktu and biaya: 100
    plus the share saved (less time or money is never worse). Capped at the
    methodology's limit and at 0, so no single aspect dominates.
    """
    growing = name in ("kuantitas", "kualitas")
    value = ratio(aspect) if growing else HUNDRED + efficiency(aspect)
    return max(Fraction(0), min(limit, value))


def advisory_item(item: WorkItem, limits: dict[str, Fraction]) -> ItemScore:
    """Advisory index of one item: the mean capaian of its aspects."""
    kuantitas = capaian(item.kuantitas, "kuantitas", limits["kuantitas"])
    kualitas = capaian(item.kualitas, "kualitas", limits["kualitas"])
    waktu = capaian(item.waktu, "waktu", limits["waktu"])
    biaya = capaian(item.biaya, "biaya", limits["biaya"]) if item.biaya is not None else None
    used = [kuantitas, kualitas, waktu] + ([biaya] if biaya is not None else [])
    return ItemScore(kuantitas, kualitas, waktu, biaya, sum(used, Fraction(0)) / len(used))
