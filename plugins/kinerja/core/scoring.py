"""One appraisal record in, every figure of the methodology out.

Two kinds of methodology: under `angka` the ratings come from the numbers;
under `rating` they are the pejabat penilai's, given in the record, and the
numbers (when the record has them) only make an advisory index beside them.

Pure: the record and the policy are arguments. Thresholds are compared with
the value as it will be shown, so nobody sees 91,00 beside the rating for
less than 91. Exact throughout, in integers (core/exact.py): this runs for
every record of every build, and Fractions cost more than reading the file.
"""

from __future__ import annotations

from fractions import Fraction
from typing import NamedTuple

from kinerja.core.exact import Pair, fraction, mean, reduced
from kinerja.core.hasil_kerja import ItemScore, advisory_item, score_item
from kinerja.core.policy import Bands, Methodology, Policy, Threshold, bands_of
from kinerja.core.record import Appraisal
from kinerja.core.rounding import as_number, half_up_units

Level = tuple[str, int, int, int]  # one competency: kode, required, attained, counted


# Deliberate twin of record.Appraisal's identity fields (duplicates tool): a Score
# carries the person's groups forward so aggregation never needs the record.
class Score(NamedTuple):
    """Every figure of one record. The numbers are exact pairs (`*_pair`, in
    lowest terms, as Facts keep them); the properties give them as Fractions."""

    id: str
    periode: int
    unit_kerja: str
    jenis_jabatan: str
    status: str
    jenis_kelamin: str | None
    versi: str
    jenis: str  # the methodology kind: angka | rating
    butir: tuple[ItemScore, ...]
    hasil_pair: Pair | None  # None: no numeric evidence (rating kind only)
    hasil_rating: str  # the record's rating: computed (angka) or given (rating)
    hasil_rating_angka: str | None  # the rating the numbers alone would give
    perilaku_pair: Pair | None
    perilaku_rating: str
    perilaku_rating_angka: str | None
    nilai_kinerja_pair: Pair | None
    predikat: str
    levels: tuple[Level, ...]  # the assessed competencies, in the standard's order
    jpm_pair: Pair | None
    jpm_kategori: str | None
    jp: int
    memenuhi_jp: bool | None
    sumbu_kinerja: str
    sumbu_potensial: str | None
    kotak_talenta: int | None
    kepala_unit: bool = False

    # deliberate twins (duplicates tool): one Fraction view per stored exact pair
    @property
    def hasil_nilai(self) -> Fraction | None:
        return fraction(self.hasil_pair)

    @property
    def perilaku_nilai(self) -> Fraction | None:
        return fraction(self.perilaku_pair)

    @property
    def nilai_kinerja(self) -> Fraction | None:
        return fraction(self.nilai_kinerja_pair)

    @property
    def jpm(self) -> Fraction | None:
        return fraction(self.jpm_pair)

    @property
    def required(self) -> dict[str, int]:
        return {kode: need for kode, need, _, _ in self.levels}

    @property
    def attained(self) -> dict[str, int]:
        return {kode: have for kode, _, have, _ in self.levels}

    @property
    def counted(self) -> dict[str, int]:
        return {kode: counts for kode, _, _, counts in self.levels}

    @property
    def gap(self) -> dict[str, int]:
        """attained − required per competency; none without a JPM."""
        return dict(self.gaps())

    def gaps(self) -> list[tuple[str, int]]:
        """`gap` as (kode, gap) pairs in the standard's order."""
        if self.jpm_pair is None:
            return []
        return [(kode, have - need) for kode, need, have, _ in self.levels]


def band(value: Pair, bands: Bands, places: int) -> str:
    """The first band whose minimum the shown (rounded) value reaches."""
    shown = half_up_units(value[0], value[1], places)
    for minimum, label in bands:
        if shown >= minimum:
            return label
    return bands[-1][1]


def classify(value: Fraction, thresholds: tuple[Threshold, ...], places: int) -> str:
    """`band` for a Fraction against thresholds (the checks and the generator)."""
    return band((value.numerator, value.denominator), bands_of(thresholds, places), places)


def competency_fit(
    appraisal: Appraisal, policy: Policy, m: Methodology
) -> tuple[tuple[Level, ...], Pair | None]:
    """The assessed competencies' levels and the JPM over them.

    JPM = Σ counted / Σ required × 100, where a level counts up to its
    standard when the methodology caps it (`batasi_pada_standar`).
    """
    if appraisal.kompetensi is None:
        return (), None
    attained = dict(appraisal.kompetensi)
    standard = policy.standards.required_levels(appraisal.unit_kerja, appraisal.jenis_jabatan)
    cap = m.batasi_pada_standar
    levels = tuple(
        [
            (k, need, have, min(have, need) if cap else have)
            for k, need in standard
            if (have := attained.get(k)) is not None
        ]
    )
    total_required = sum([need for _, need, _, _ in levels])
    if total_required == 0:
        return levels, None
    return levels, reduced(100 * sum([counts for _, _, _, counts in levels]), total_required)


def mean_level(appraisal: Appraisal) -> Fraction | None:
    values = [v for _, v in appraisal.perilaku_kerja]
    return Fraction(sum(values), len(values)) if values else None


def perilaku_value(appraisal: Appraisal, m: Methodology) -> Pair | None:
    """perilaku kerja from the mean BerAKHLAK level L = s/n: L × pengali
    (`angka`), or 100 + (L − level_ekspektasi) × langkah_per_level (`rating`)."""
    levels = [v for _, v in appraisal.perilaku_kerja]
    if not levels:
        return None
    s, n = sum(levels), len(levels)
    rules = m.exact_rules
    if rules.pengali_perilaku is not None:
        pn, pd = rules.pengali_perilaku
        return reduced(s * pn, n * pd)
    assert rules.level_ekspektasi is not None and rules.langkah_per_level is not None
    (en, ed), (sn, sd) = rules.level_ekspektasi, rules.langkah_per_level
    return reduced((s * ed - n * en) * sn + 100 * n * ed * sd, n * ed * sd)


def exact_numbers(
    appraisal: Appraisal, m: Methodology
) -> tuple[tuple[ItemScore, ...], Pair | None, Pair | None]:
    """Item scores, hasil kerja and perilaku kerja values of either kind, exactly."""
    limits = m.exact_rules.batas_capaian
    if limits is None:
        items = tuple([score_item(i, m) for i in appraisal.hasil_kerja])
    else:
        items = tuple([advisory_item(i, limits) for i in appraisal.hasil_kerja])
    hasil = mean([i.nilai_pair for i in items]) if items else None
    return items, hasil, perilaku_value(appraisal, m)


def numbers(
    appraisal: Appraisal, m: Methodology
) -> tuple[tuple[ItemScore, ...], Fraction | None, Fraction | None]:
    """`exact_numbers` with the two values as Fractions."""
    items, hasil, perilaku = exact_numbers(appraisal, m)
    return items, fraction(hasil), fraction(perilaku)


def _given(appraisal: Appraisal, m: Methodology, computed: tuple[str | None, str | None]):
    """The ratings the predikat is built from: the record's under `rating`."""
    if m.jenis == "rating" and appraisal.rating is not None:
        return appraisal.rating
    if computed[0] is None or computed[1] is None:
        raise LookupError(
            f"catatan {appraisal.id} tidak memuat rating dan tidak cukup angka untuk menghitungnya"
        )
    return computed


def weighted(m: Methodology, hasil: Pair | None, perilaku: Pair | None) -> Pair | None:
    """nilai kinerja = bobot hasil × hasil + bobot perilaku × perilaku (both needed)."""
    if hasil is None or perilaku is None:
        return None
    (an, ad), (bn, bd) = m.exact_rules.bobot
    (hn, hd), (pn, pd) = hasil, perilaku
    return reduced(an * hn * bd * pd + bn * pn * ad * hd, ad * hd * bd * pd)


def score(appraisal: Appraisal, policy: Policy) -> Score:
    m = policy.methodology_for(appraisal.periode)
    if m is None:
        raise LookupError(f"tidak ada metodologi untuk periode {appraisal.periode}")
    places, rules = m.desimal, m.exact_rules
    items, hasil, perilaku = exact_numbers(appraisal, m)
    hasil_angka = None if hasil is None else band(hasil, rules.rating_hasil, places)
    perilaku_angka = None if perilaku is None else band(perilaku, rules.rating_perilaku, places)
    hasil_rating, perilaku_rating = _given(appraisal, m, (hasil_angka, perilaku_angka))
    predikat = m.predikat[hasil_rating][perilaku_rating]
    levels, jpm = competency_fit(appraisal, policy, m)
    kategori = None if jpm is None else band(jpm, rules.kategori_jpm, places)
    memenuhi = appraisal.jp >= m.jp_minimal if appraisal.status in m.jp_berlaku_untuk else None
    sumbu_kinerja = m.sumbu_kinerja[predikat]
    sumbu_potensial = m.sumbu_potensial[kategori] if kategori is not None else None
    kotak = m.box_number(sumbu_kinerja, sumbu_potensial) if sumbu_potensial else None
    a = appraisal
    return Score(  # positional: a third of the cost of 29 keywords; order as declared
        a.id,
        a.periode,
        a.unit_kerja,
        a.jenis_jabatan,
        a.status,
        a.jenis_kelamin,
        m.versi,
        m.jenis,
        items,  # butir
        hasil,
        hasil_rating,
        hasil_angka,
        perilaku,
        perilaku_rating,
        perilaku_angka,
        weighted(m, hasil, perilaku),  # nilai_kinerja_pair
        predikat,
        levels,
        jpm,
        kategori,  # jpm_kategori
        a.jp,
        memenuhi,  # memenuhi_jp
        sumbu_kinerja,
        sumbu_potensial,
        kotak,  # kotak_talenta
        a.kepala_unit,
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
