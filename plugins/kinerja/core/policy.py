"""Typed policy: the methodology versions, competency standards, units and
indicators, built from already-validated data.

Every number the engine uses comes from here, so changing a threshold is a
data change reviewed in a pull request, never a code change.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property
from typing import Any, NamedTuple

from kinerja.core.exact import Pair, pair_of
from kinerja.core.glossary import Term
from kinerja.core.rounding import half_up_units


@dataclass(frozen=True)
class Vocabulary:
    """The categories the data may hold, in the schemas' order (read from
    schemas/ by the checks; nothing here spells a category)."""

    ratings: tuple[str, ...]  # highest first
    predikat: tuple[str, ...]  # best first
    org_predikat: tuple[str, ...]
    jpm_categories: tuple[str, ...]
    tingkat_kinerja: tuple[str, ...]  # the talent grid's kinerja axis, highest first
    tingkat_potensial: tuple[str, ...]
    jenis_jabatan: tuple[str, ...]
    status: tuple[str, ...]
    jenis_kelamin: tuple[str, ...]
    levels: tuple[int, int]  # the lowest and highest level of a BerAKHLAK value or competency
    labels: dict[str, str]  # every category's label for readers (`x-label` beside each enum)
    indicator_kinds: tuple[str, ...]  # the catalogue's kinds, in the order pages list them


# Indicator kinds the engine treats differently (structure, not policy: the
# three kinds of PermenPANRB 38/2017; the first two are required of every
# position, teknis per unit). The schema's `jenis` enum holds them too.
COMPETENCY_KINDS = (
    "kompetensi_manajerial",
    "kompetensi_sosial_kultural",
    "kompetensi_teknis",
)


def exact(value: Any) -> Fraction:
    """A number as written in YAML, exactly (0.7 is 7/10, not a binary float)."""
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int):
        return Fraction(value)
    return Fraction(str(value))


@dataclass(frozen=True)
class Threshold:
    label: str
    minimum: Fraction


@dataclass(frozen=True)
class CurveRule:
    predikat: tuple[str, ...]
    kind: str  # paling_banyak_persen | paling_sedikit_persen | paling_sedikit_orang
    limit: Fraction


@dataclass(frozen=True)
class TalentBox:
    nomor: int
    kinerja: str
    potensial: str
    tindak_lanjut: str


@dataclass(frozen=True)
class Advisory:
    """The `rating` kind's advisory index: 100 is an expectation met exactly.

    hasil kerja: per aspect, capaian (realisation against target; for time and
    budget, 100 plus the share saved) capped at `batas_capaian`, averaged per
    item and over items. perilaku kerja: 100 + (mean level − level_ekspektasi)
    × langkah_per_level.
    """

    batas_capaian: dict[str, Fraction]
    level_ekspektasi: Fraction
    langkah_per_level: Fraction
    kepala_unit: dict[str, str]  # predikat organisasi -> rating hasil kerja of the unit head


Bands = tuple[tuple[int, str], ...]  # (minimum as shown, in units of 10^-desimal; label)


def bands_of(thresholds: tuple[Threshold, ...], places: int) -> Bands:
    """Each minimum rounded as it is shown: a value is banded by its shown value."""
    return tuple(
        (half_up_units(t.minimum.numerator, t.minimum.denominator, places), t.label)
        for t in thresholds
    )


class ExactRules(NamedTuple):
    """A methodology's numbers as scoring computes with them (see core/exact.py),
    made once per methodology from the same fields the pages print."""

    efisiensi: tuple[Pair, Pair, Pair] | None  # batas, konstanta, nilai dasar (`angka`)
    pengali_perilaku: Pair | None  # `angka`
    batas_capaian: dict[str, Pair] | None  # `rating`
    level_ekspektasi: Pair | None  # `rating`
    langkah_per_level: Pair | None  # `rating`
    bobot: tuple[Pair, Pair]  # hasil kerja, perilaku kerja
    rating_hasil: Bands
    rating_perilaku: Bands
    kategori_jpm: Bands


def _pair(value: Fraction | None) -> Pair | None:
    return None if value is None else pair_of(value)


@dataclass(frozen=True)
class Methodology:
    versi: str
    judul: str
    keterangan: str
    dari: int
    sampai: int | None
    jenis: str  # angka: ratings from the numbers; rating: given by the pejabat penilai
    batas_efisiensi: Fraction | None
    konstanta_efisiensi: Fraction | None
    nilai_dasar_efisiensi: Fraction | None
    pengali_perilaku: Fraction | None
    advisory: Advisory | None
    rating_hasil: tuple[Threshold, ...]
    rating_perilaku: tuple[Threshold, ...]
    bobot_hasil: Fraction
    bobot_perilaku: Fraction
    predikat: dict[str, dict[str, str]]
    batasi_pada_standar: bool
    kategori_jpm: tuple[Threshold, ...]
    jp_minimal: int
    jp_berlaku_untuk: tuple[str, ...]
    sumbu_kinerja: dict[str, str]
    sumbu_potensial: dict[str, str]
    kotak: tuple[TalentBox, ...]
    kurva: dict[str, tuple[CurveRule, ...]]
    ambang_k: int
    desimal: int
    source: dict[str, Any]

    def covers(self, periode: int) -> bool:
        return self.dari <= periode and (self.sampai is None or periode <= self.sampai)

    def box_number(self, kinerja: str, potensial: str) -> int | None:
        for box in self.kotak:
            if box.kinerja == kinerja and box.potensial == potensial:
                return box.nomor
        return None

    @cached_property
    def exact_rules(self) -> ExactRules:
        """Made on first use and kept with the methodology (a cached attribute, not
        a field: equality, fingerprints and the pages see only the fields)."""
        adv, p = self.advisory, self.desimal
        efisiensi = (self.batas_efisiensi, self.konstanta_efisiensi, self.nilai_dasar_efisiensi)
        return ExactRules(
            efisiensi=None if None in efisiensi else tuple(map(pair_of, efisiensi)),  # type: ignore[arg-type]
            pengali_perilaku=_pair(self.pengali_perilaku),
            batas_capaian=None
            if adv is None
            else {a: pair_of(v) for a, v in adv.batas_capaian.items()},
            level_ekspektasi=None if adv is None else pair_of(adv.level_ekspektasi),
            langkah_per_level=None if adv is None else pair_of(adv.langkah_per_level),
            bobot=(pair_of(self.bobot_hasil), pair_of(self.bobot_perilaku)),
            rating_hasil=bands_of(self.rating_hasil, p),
            rating_perilaku=bands_of(self.rating_perilaku, p),
            kategori_jpm=bands_of(self.kategori_jpm, p),
        )


def _thresholds(items: list[dict[str, Any]], key: str) -> tuple[Threshold, ...]:
    ordered = sorted(items, key=lambda t: exact(t["minimal"]), reverse=True)
    return tuple(Threshold(t[key], exact(t["minimal"])) for t in ordered)


def _optional(section: dict[str, Any], key: str) -> Fraction | None:
    return exact(section[key]) if key in section else None


def _advisory(data: dict[str, Any]) -> Advisory | None:
    if data.get("jenis", "angka") != "rating":
        return None
    hasil, perilaku = data["hasil_kerja"], data["perilaku_kerja"]
    return Advisory(
        batas_capaian={a: exact(v) for a, v in hasil["batas_capaian"].items()},
        level_ekspektasi=exact(perilaku["level_ekspektasi"]),
        langkah_per_level=exact(perilaku["langkah_per_level"]),
        kepala_unit=dict(data["kepala_unit"]["rating_hasil_kerja"]),
    )


def methodology_from(data: dict[str, Any]) -> Methodology:
    kurva = {}
    for org, rules in data["kurva_distribusi"].items():
        parsed = []
        for rule in rules:
            kind = next(k for k in rule if k != "predikat")
            parsed.append(CurveRule(tuple(rule["predikat"]), kind, exact(rule[kind])))
        kurva[org] = tuple(parsed)
    talenta = data["kotak_talenta"]
    return Methodology(
        versi=str(data["versi"]),
        judul=data["judul"],
        keterangan=data.get("keterangan", ""),
        dari=data["berlaku"]["dari"],
        sampai=data["berlaku"].get("sampai"),
        jenis=data.get("jenis", "angka"),
        batas_efisiensi=_optional(data["hasil_kerja"], "batas_efisiensi"),
        konstanta_efisiensi=_optional(data["hasil_kerja"], "konstanta_efisiensi"),
        nilai_dasar_efisiensi=_optional(data["hasil_kerja"], "nilai_dasar_efisiensi"),
        pengali_perilaku=_optional(data["perilaku_kerja"], "pengali"),
        advisory=_advisory(data),
        rating_hasil=_thresholds(data["rating"]["hasil_kerja"], "rating"),
        rating_perilaku=_thresholds(data["rating"]["perilaku_kerja"], "rating"),
        bobot_hasil=exact(data["bobot"]["hasil_kerja"]),
        bobot_perilaku=exact(data["bobot"]["perilaku_kerja"]),
        predikat={h: dict(row) for h, row in data["predikat"].items()},
        batasi_pada_standar=bool(data["kompetensi"]["batasi_pada_standar"]),
        kategori_jpm=_thresholds(data["kompetensi"]["kategori_jpm"], "kategori"),
        jp_minimal=int(data["pengembangan_kompetensi"]["jp_minimal"]),
        jp_berlaku_untuk=tuple(data["pengembangan_kompetensi"]["berlaku_untuk"]),
        sumbu_kinerja=dict(talenta["sumbu_kinerja"]),
        sumbu_potensial=dict(talenta["sumbu_potensial"]),
        kotak=tuple(
            TalentBox(b["nomor"], b["kinerja"], b["potensial"], b["tindak_lanjut"])
            for b in sorted(talenta["kotak"], key=lambda b: -b["nomor"])
        ),
        kurva=kurva,
        ambang_k=int(data["pengungkapan"]["ambang_k"]),
        desimal=int(data["pembulatan"]["desimal"]),
        source=data,
    )


@dataclass(frozen=True)
class Indicator:
    kode: str
    nama: str
    jenis: str
    deskripsi: str
    levels: tuple[str, ...]
    rumus: str
    unit_kerja: tuple[str, ...]
    level_standar: dict[str, int]
    dasar_hukum: tuple[str, ...]
    sifat: str
    catatan_sifat: str
    path: str
    sifat_level: str = ""


def indicator_from(data: dict[str, Any], path: str) -> Indicator:
    levels = sorted(data.get("level", []), key=lambda lv: lv["level"])
    return Indicator(
        kode=data["kode"],
        nama=data["nama"],
        jenis=data["jenis"],
        deskripsi=data["deskripsi"],
        levels=tuple(lv["deskripsi"] for lv in levels),
        rumus=data.get("rumus", ""),
        unit_kerja=tuple(data.get("unit_kerja", ())),
        level_standar=dict(data.get("level_standar", {})),
        dasar_hukum=tuple(data["dasar_hukum"]),
        sifat=data["sifat"],
        catatan_sifat=data.get("catatan_sifat", ""),
        path=path,
        sifat_level=data.get("sifat_level", ""),
    )


@dataclass(frozen=True)
class Unit:
    kode: str
    nama: str
    kelompok: str
    predikat_organisasi: dict[int, str]
    keterangan: str = ""


def units_from(data: dict[str, Any]) -> tuple[Unit, ...]:
    return tuple(
        Unit(
            kode=u["kode"],
            nama=u["nama"],
            kelompok=u["kelompok"],
            predikat_organisasi={int(p): v for p, v in u["predikat_organisasi"].items()},
            keterangan=u.get("keterangan", ""),
        )
        for u in data["unit_kerja"]
    )


@dataclass(frozen=True)
class Standards:
    """Required competency levels: general ones per jenis_jabatan, teknis per indicator."""

    general: tuple[str, ...]
    general_level: dict[str, int]
    teknis: tuple[Indicator, ...]

    def required(self, unit_kerja: str, jenis_jabatan: str) -> dict[str, int]:
        return dict(self.required_levels(unit_kerja, jenis_jabatan))

    def required_levels(self, unit_kerja: str, jenis_jabatan: str) -> tuple[tuple[str, int], ...]:
        """`required` as pairs, worked out once per (unit, position group): every
        record of a group asks the same question."""
        key = (unit_kerja, jenis_jabatan)
        found = self._required.get(key)
        if found is None:
            levels = {kode: self.general_level[jenis_jabatan] for kode in self.general}
            for ind in self.teknis:
                if unit_kerja in ind.unit_kerja and jenis_jabatan in ind.level_standar:
                    levels[ind.kode] = ind.level_standar[jenis_jabatan]
            found = self._required[key] = tuple(levels.items())
        return found

    @cached_property
    def _required(self) -> dict[tuple[str, str], tuple[tuple[str, int], ...]]:
        return {}


def standards_from(data: dict[str, Any], indicators: tuple[Indicator, ...]) -> Standards:
    return Standards(
        general=tuple(data["kompetensi"]),
        general_level=dict(data["level_standar"]),
        teknis=tuple(i for i in indicators if i.jenis == "kompetensi_teknis"),
    )


@dataclass(frozen=True)
class Policy:
    """Everything the engine reads besides the appraisal records."""

    methodologies: tuple[Methodology, ...]
    standards: Standards
    units: tuple[Unit, ...]
    indicators: tuple[Indicator, ...]
    vocabulary: Vocabulary
    glossary: tuple[Term, ...] = ()

    def methodology_for(self, periode: int) -> Methodology | None:
        for m in self.methodologies:
            if m.covers(periode):
                return m
        return None

    def codes_of(self, jenis: str) -> tuple[str, ...]:
        """The codes of the indicators of one kind, e.g. kompetensi_sosial_kultural."""
        return tuple(i.kode for i in self.indicators if i.jenis == jenis)

    def unit(self, kode: str) -> Unit | None:
        return next((u for u in self.units if u.kode == kode), None)


EXAMPLE_ID = "ASN-0000000000"


def example_record(m: Methodology) -> dict[str, Any]:
    """The methodology's worked example as a record (a made-up person)."""
    return {"id": EXAMPLE_ID, "periode": m.dari, **m.source["contoh_perhitungan"]}
