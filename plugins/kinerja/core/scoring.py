"""One appraisal record in, every figure of the methodology out.

Pure: the record and the policy are arguments. Thresholds are compared with
the value as it will be shown, so nobody sees 91,00 beside the rating for
less than 91.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from kinerja.core.hasil_kerja import ItemScore, score_item
from kinerja.core.policy import Methodology, Policy, Threshold
from kinerja.core.record import Appraisal
from kinerja.core.rounding import as_number, half_up


@dataclass(frozen=True)
class Score:
    id: str
    periode: int
    unit_kerja: str
    jenis_jabatan: str
    status: str
    jenis_kelamin: str | None
    versi: str
    butir: tuple[ItemScore, ...]
    hasil_nilai: Fraction
    hasil_rating: str
    perilaku_nilai: Fraction
    perilaku_rating: str
    nilai_kinerja: Fraction
    predikat: str
    required: dict[str, int]
    attained: dict[str, int]
    jpm: Fraction | None
    jpm_kategori: str | None
    gap: dict[str, int]
    jp: int
    memenuhi_jp: bool | None
    sumbu_kinerja: str
    sumbu_potensial: str | None
    kotak_talenta: int | None


def classify(value: Fraction, thresholds: tuple[Threshold, ...], places: int) -> str:
    """The first band whose minimum the shown (rounded) value reaches."""
    shown = half_up(value, places)
    for t in thresholds:
        if shown >= half_up(t.minimum, places):
            return t.label
    return thresholds[-1].label


def competency_fit(
    appraisal: Appraisal, policy: Policy, m: Methodology
) -> tuple[dict[str, int], dict[str, int], Fraction | None, dict[str, int]]:
    """Required and attained levels, JPM and gaps over the assessed competencies."""
    if appraisal.kompetensi is None:
        return {}, {}, None, {}
    attained_all = dict(appraisal.kompetensi)
    required_all = policy.standards.required(appraisal.unit_kerja, appraisal.jenis_jabatan)
    assessed = [k for k in required_all if k in attained_all]
    required = {k: required_all[k] for k in assessed}
    attained = {k: attained_all[k] for k in assessed}
    total_required = sum(required.values())
    if total_required == 0:
        return required, attained, None, {}
    counted = sum(
        min(attained[k], required[k]) if m.batasi_pada_standar else attained[k] for k in assessed
    )
    jpm = Fraction(counted, total_required) * 100
    gap = {k: attained[k] - required[k] for k in assessed}
    return required, attained, jpm, gap


def score(appraisal: Appraisal, policy: Policy) -> Score:
    m = policy.methodology_for(appraisal.periode)
    if m is None:
        raise LookupError(f"tidak ada metodologi untuk periode {appraisal.periode}")
    places = m.desimal
    items = tuple(score_item(i, m) for i in appraisal.hasil_kerja)
    hasil = sum((i.nilai for i in items), Fraction(0)) / len(items)
    values = [v for _, v in appraisal.perilaku_kerja]
    perilaku = Fraction(sum(values), len(values)) * m.pengali_perilaku
    hasil_rating = classify(hasil, m.rating_hasil, places)
    perilaku_rating = classify(perilaku, m.rating_perilaku, places)
    predikat = m.predikat[hasil_rating][perilaku_rating]
    nilai = m.bobot_hasil * hasil + m.bobot_perilaku * perilaku

    required, attained, jpm, gap = competency_fit(appraisal, policy, m)
    kategori = classify(jpm, m.kategori_jpm, places) if jpm is not None else None

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
        butir=items,
        hasil_nilai=hasil,
        hasil_rating=hasil_rating,
        perilaku_nilai=perilaku,
        perilaku_rating=perilaku_rating,
        nilai_kinerja=nilai,
        predikat=predikat,
        required=required,
        attained=attained,
        jpm=jpm,
        jpm_kategori=kategori,
        gap=gap,
        jp=appraisal.jp,
        memenuhi_jp=memenuhi,
        sumbu_kinerja=sumbu_kinerja,
        sumbu_potensial=sumbu_potensial,
        kotak_talenta=kotak,
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
        "hasil_kerja": {
            "nilai": n(s.hasil_nilai),
            "rating": s.hasil_rating,
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
        "perilaku_kerja": {"nilai": n(s.perilaku_nilai), "rating": s.perilaku_rating},
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
