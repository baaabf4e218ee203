"""REFERENCE ORACLE: the Fraction implementation of scoring as it was before
the integer rewrite (commit d88feab), kept verbatim so that tests can compare
every Score field and every Facts tuple of the engine against it.

Do not "fix" or speed up this file: its worth is that it is the old, obviously
exact code. If the methodology itself changes, change both and say why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any, NamedTuple

from kinerja.core.policy import Methodology, Policy, Threshold

# --- core/policy.py


def exact(value: Any) -> Fraction:
    """A number as written in YAML, exactly (0.7 is 7/10, not a binary float)."""
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int):
        return Fraction(value)
    return Fraction(str(value))


# --- core/rounding.py


def half_up(value: Fraction, places: int) -> Decimal:
    # floor(|n/d| * 10^places + 1/2) in integers: the same exact result as with
    # Fractions, without building any (this runs for every score of every record)
    n, d = value.numerator, value.denominator
    units = (2 * abs(n) * 10**places + d) // (2 * d)
    sign = "-" if n < 0 and units else ""
    return Decimal(f"{sign}{units}").scaleb(-places).quantize(Decimal(1).scaleb(-places))


# --- core/record.py


@dataclass(frozen=True)
class Aspect:
    target: Fraction
    realisasi: Fraction


@dataclass(frozen=True)
class WorkItem:
    kuantitas: Aspect
    kualitas: Aspect
    waktu: Aspect
    biaya: Aspect | None


@dataclass(frozen=True)
class Appraisal:
    id: str
    periode: int
    unit_kerja: str
    jenis_jabatan: str
    status: str
    jenis_kelamin: str | None
    hasil_kerja: tuple[WorkItem, ...]  # empty: no numeric evidence (only under `rating`)
    perilaku_kerja: tuple[tuple[str, int], ...]  # empty: no levels (only under `rating`)
    kompetensi: tuple[tuple[str, int], ...] | None
    jp: int
    rating: tuple[str, str] | None = None  # given (hasil kerja, perilaku kerja)
    kepala_unit: bool = False


def _aspect(item: dict[str, Any], name: str) -> Aspect | None:
    if name not in item["target"] or name not in item["realisasi"]:
        return None
    return Aspect(exact(item["target"][name]), exact(item["realisasi"][name]))


def appraisal_from(data: dict[str, Any]) -> Appraisal:
    """Build from a record that passed validation."""
    items = tuple(
        WorkItem(
            kuantitas=_aspect(i, "kuantitas"),  # type: ignore[arg-type]
            kualitas=_aspect(i, "kualitas"),  # type: ignore[arg-type]
            waktu=_aspect(i, "waktu"),  # type: ignore[arg-type]
            biaya=_aspect(i, "biaya"),
        )
        for i in data.get("hasil_kerja") or ()
    )
    kompetensi = data.get("kompetensi")
    given = data.get("rating")
    return Appraisal(
        id=data["id"],
        periode=data["periode"],
        unit_kerja=data["unit_kerja"],
        jenis_jabatan=data["jenis_jabatan"],
        status=data["status"],
        jenis_kelamin=data.get("jenis_kelamin"),
        hasil_kerja=items,
        perilaku_kerja=tuple(sorted((data.get("perilaku_kerja") or {}).items())),
        kompetensi=None if kompetensi is None else tuple(sorted(kompetensi.items())),
        jp=sum(k["jp"] for k in data.get("pengembangan_kompetensi") or ()),
        rating=None if given is None else (given["hasil_kerja"], given["perilaku_kerja"]),
        kepala_unit=bool(data.get("kepala_unit", False)),
    )


# --- core/hasil_kerja.py

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


# --- core/scoring.py


# Deliberate twin of record.Appraisal's identity fields (duplicates tool): a Score
# carries the person's groups forward so aggregation never needs the record.
@dataclass(frozen=True)
class Score:
    id: str
    periode: int
    unit_kerja: str
    jenis_jabatan: str
    status: str
    jenis_kelamin: str | None
    versi: str
    jenis: str  # the methodology kind: angka | rating
    butir: tuple[ItemScore, ...]
    hasil_nilai: Fraction | None  # None: no numeric evidence (rating kind only)
    hasil_rating: str  # the record's rating: computed (angka) or given (rating)
    hasil_rating_angka: str | None  # the rating the numbers alone would give
    perilaku_nilai: Fraction | None
    perilaku_rating: str
    perilaku_rating_angka: str | None
    nilai_kinerja: Fraction | None
    predikat: str
    required: dict[str, int]
    attained: dict[str, int]
    counted: dict[str, int]
    jpm: Fraction | None
    jpm_kategori: str | None
    gap: dict[str, int]
    jp: int
    memenuhi_jp: bool | None
    sumbu_kinerja: str
    sumbu_potensial: str | None
    kotak_talenta: int | None
    kepala_unit: bool = False


def classify(value: Fraction, thresholds: tuple[Threshold, ...], places: int) -> str:
    """The first band whose minimum the shown (rounded) value reaches."""
    shown = half_up(value, places)
    for t in thresholds:
        if shown >= half_up(t.minimum, places):
            return t.label
    return thresholds[-1].label


def counted_level(attained: int, required: int, m: Methodology) -> int:
    """How much of one competency counts towards JPM."""
    return min(attained, required) if m.batasi_pada_standar else attained


@dataclass(frozen=True)
class Fit:
    required: dict[str, int]
    attained: dict[str, int]
    counted: dict[str, int]
    jpm: Fraction | None
    gap: dict[str, int]


def competency_fit(appraisal: Appraisal, policy: Policy, m: Methodology) -> Fit:
    """Required, attained and counted levels, JPM and gaps over the assessed competencies."""
    if appraisal.kompetensi is None:
        return Fit({}, {}, {}, None, {})
    attained_all = dict(appraisal.kompetensi)
    required_all = policy.standards.required(appraisal.unit_kerja, appraisal.jenis_jabatan)
    assessed = [k for k in required_all if k in attained_all]
    required = {k: required_all[k] for k in assessed}
    attained = {k: attained_all[k] for k in assessed}
    counted = {k: counted_level(attained[k], required[k], m) for k in assessed}
    total_required = sum(required.values())
    if total_required == 0:
        return Fit(required, attained, counted, None, {})
    jpm = Fraction(sum(counted.values()), total_required) * 100
    gap = {k: attained[k] - required[k] for k in assessed}
    return Fit(required, attained, counted, jpm, gap)


def mean_level(appraisal: Appraisal) -> Fraction | None:
    values = [v for _, v in appraisal.perilaku_kerja]
    return Fraction(sum(values), len(values)) if values else None


def numbers(
    appraisal: Appraisal, m: Methodology
) -> tuple[tuple[ItemScore, ...], Fraction | None, Fraction | None]:
    """Item scores, hasil kerja and perilaku kerja values of either kind."""
    level = mean_level(appraisal)
    if m.advisory is None:
        assert m.pengali_perilaku is not None
        items = tuple(score_item(i, m) for i in appraisal.hasil_kerja)
        perilaku = None if level is None else level * m.pengali_perilaku
    else:
        adv = m.advisory
        items = tuple(advisory_item(i, adv.batas_capaian) for i in appraisal.hasil_kerja)
        perilaku = (
            None if level is None else 100 + (level - adv.level_ekspektasi) * adv.langkah_per_level
        )
    hasil = sum((i.nilai for i in items), Fraction(0)) / len(items) if items else None
    return items, hasil, perilaku


def _given(appraisal: Appraisal, m: Methodology, computed: tuple[str | None, str | None]):
    """The ratings the predikat is built from: the record's under `rating`."""
    if m.jenis == "rating" and appraisal.rating is not None:
        return appraisal.rating
    if computed[0] is None or computed[1] is None:
        raise LookupError(
            f"catatan {appraisal.id} tidak memuat rating dan tidak cukup angka untuk menghitungnya"
        )
    return computed


def score(appraisal: Appraisal, policy: Policy) -> Score:
    m = policy.methodology_for(appraisal.periode)
    if m is None:
        raise LookupError(f"tidak ada metodologi untuk periode {appraisal.periode}")
    places = m.desimal
    items, hasil, perilaku = numbers(appraisal, m)
    hasil_angka = classify(hasil, m.rating_hasil, places) if hasil is not None else None
    perilaku_angka = classify(perilaku, m.rating_perilaku, places) if perilaku is not None else None
    hasil_rating, perilaku_rating = _given(appraisal, m, (hasil_angka, perilaku_angka))
    predikat = m.predikat[hasil_rating][perilaku_rating]
    nilai = (
        m.bobot_hasil * hasil + m.bobot_perilaku * perilaku
        if hasil is not None and perilaku is not None
        else None
    )
    fit = competency_fit(appraisal, policy, m)
    kategori = classify(fit.jpm, m.kategori_jpm, places) if fit.jpm is not None else None
    memenuhi = appraisal.jp >= m.jp_minimal if appraisal.status in m.jp_berlaku_untuk else None
    sumbu_kinerja = m.sumbu_kinerja[predikat]
    sumbu_potensial = m.sumbu_potensial[kategori] if kategori is not None else None
    kotak = m.box_number(sumbu_kinerja, sumbu_potensial) if sumbu_potensial else None
    return Score(
        id=appraisal.id,
        periode=appraisal.periode,
        unit_kerja=appraisal.unit_kerja,
        jenis_jabatan=appraisal.jenis_jabatan,
        status=appraisal.status,
        jenis_kelamin=appraisal.jenis_kelamin,
        versi=m.versi,
        jenis=m.jenis,
        butir=items,
        hasil_nilai=hasil,
        hasil_rating=hasil_rating,
        hasil_rating_angka=hasil_angka,
        perilaku_nilai=perilaku,
        perilaku_rating=perilaku_rating,
        perilaku_rating_angka=perilaku_angka,
        nilai_kinerja=nilai,
        predikat=predikat,
        required=fit.required,
        attained=fit.attained,
        counted=fit.counted,
        jpm=fit.jpm,
        jpm_kategori=kategori,
        gap=fit.gap,
        jp=appraisal.jp,
        memenuhi_jp=memenuhi,
        sumbu_kinerja=sumbu_kinerja,
        sumbu_potensial=sumbu_potensial,
        kotak_talenta=kotak,
        kepala_unit=appraisal.kepala_unit,
    )


# --- core/aggregation.py (leniency, attributes, Facts)

NOT_RECORDED = "tidak_dicatat"
NOT_ASSESSED = "tidak_dinilai"
NO_BOX = "tidak_ada"
TRAINING = ("memenuhi_jp", "belum_memenuhi_jp", "tidak_berlaku")

# Leniency: the given rating against the rating the numbers alone would give
# (under `angka` they are the same rating; without numbers there is none).
LENIENCY = ("lebih_tinggi", "sama", "lebih_rendah", "tanpa_angka")


def leniency(given: str, advisory: str | None, ratings: Sequence[str]) -> str:
    """`ratings`: the schema's ratings, highest first."""
    if advisory is None:
        return "tanpa_angka"
    higher = ratings.index(given) < ratings.index(advisory)
    return "lebih_tinggi" if higher else "sama" if given == advisory else "lebih_rendah"


def attributes(s: Any, ratings: Sequence[str]) -> dict[str, str]:
    """The categorical facts about one person that any table may count."""
    facts = {
        "unit_kerja": s.unit_kerja,
        "jenis_jabatan": s.jenis_jabatan,
        "status": s.status,
        "jenis_kelamin": s.jenis_kelamin or NOT_RECORDED,
        "predikat": s.predikat,
        "rating_hasil_kerja": s.hasil_rating,
        "rating_perilaku_kerja": s.perilaku_rating,
        "jpm": s.jpm_kategori or NOT_ASSESSED,
        "kotak_talenta": str(s.kotak_talenta) if s.kotak_talenta else NO_BOX,
        "selisih_rating_hasil_kerja": leniency(s.hasil_rating, s.hasil_rating_angka, ratings),
        "selisih_rating_perilaku_kerja": leniency(
            s.perilaku_rating, s.perilaku_rating_angka, ratings
        ),
    }
    meets, misses, not_owed = TRAINING
    if s.memenuhi_jp is None:
        facts["pengembangan"] = not_owed
    else:
        facts["pengembangan"] = meets if s.memenuhi_jp else misses
    return facts


class Facts(NamedTuple):
    """One scored record reduced to what aggregation needs.

    Records become Facts as soon as they are scored, so memory does not grow
    with the size of the files. Every field is a tuple, string or number, so
    `tuple(facts)` is what the cache keeps and `Facts._make` restores it.
    """

    periode: int
    versi: str
    attributes: tuple[tuple[str, str], ...]
    nilai_kinerja: tuple[int, int] | None  # None: no numeric evidence (`rating` kind)
    nilai_hasil_kerja: tuple[int, int] | None
    nilai_perilaku_kerja: tuple[int, int] | None
    jpm: tuple[int, int] | None
    gap: tuple[tuple[str, int], ...]

    @classmethod
    def of(cls, s: Any, ratings: Sequence[str]) -> Facts:
        """`ratings`: the schema's ratings, highest first (for leniency)."""

        def pair(x: Fraction | None) -> tuple[int, int] | None:
            return None if x is None else (x.numerator, x.denominator)

        return cls(
            s.periode,
            s.versi,
            tuple(sorted(attributes(s, ratings).items())),
            pair(s.nilai_kinerja),
            pair(s.hasil_nilai),
            pair(s.perilaku_nilai),
            pair(s.jpm),
            tuple(sorted(s.gap.items())),
        )
