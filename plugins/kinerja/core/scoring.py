"""One appraisal record in, every figure of the methodology out.

Two kinds of methodology: under `angka` the ratings come from the numbers;
under `rating` they are the pejabat penilai's, given in the record, and the
numbers (when the record has them) only make an advisory index beside them.

Pure: the record and the policy are arguments. Thresholds are compared with
the value as it will be shown, so nobody sees 91,00 beside the rating for
less than 91.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from kinerja.core.hasil_kerja import ItemScore, advisory_item, score_item
from kinerja.core.policy import Methodology, Policy, Threshold
from kinerja.core.record import Appraisal
from kinerja.core.rounding import as_number, half_up


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


def as_json(s: Score, places: int) -> dict:
    """The `kinerja score --json` object (DESIGN.md's keys)."""

    def n(v: Fraction | None) -> float | int | None:
        return as_number(v, places)

    return {
        "id": s.id,
        "periode": s.periode,
        "unit_kerja": s.unit_kerja,
        "jenis_jabatan": s.jenis_jabatan,
        "status": s.status,
        "metodologi": s.versi,
        "metodologi_jenis": s.jenis,
        "kepala_unit": s.kepala_unit,
        "hasil_kerja": {
            "nilai": n(s.hasil_nilai),
            "rating": s.hasil_rating,
            "rating_angka": s.hasil_rating_angka,
            "butir": [
                {
                    "nilai": n(b.nilai),
                    "aspek": {
                        "kuantitas": n(b.kuantitas),
                        "kualitas": n(b.kualitas),
                        "waktu": n(b.waktu),
                        "biaya": n(b.biaya),
                    },
                }
                for b in s.butir
            ],
        },
        "perilaku_kerja": {
            "nilai": n(s.perilaku_nilai),
            "rating": s.perilaku_rating,
            "rating_angka": s.perilaku_rating_angka,
        },
        "nilai_kinerja": n(s.nilai_kinerja),
        "predikat": s.predikat,
        "kompetensi": {
            "jpm": n(s.jpm),
            "kategori": s.jpm_kategori,
            "standar": dict(sorted(s.required.items())),
            "gap": dict(sorted(s.gap.items())),
        },
        "pengembangan_kompetensi": {"jp": s.jp, "memenuhi": s.memenuhi_jp},
        "kotak_talenta": s.kotak_talenta,
    }
