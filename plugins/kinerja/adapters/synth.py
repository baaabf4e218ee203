"""A deterministic synthetic population in the record layout.

The committed sample and the benchmark's large datasets both come from here,
so the sample is reproducible: same policy, size, periods and seed, same
bytes. Distributions follow what real appraisals show: most people "baik",
few at either end; a few thousand ASN for a regency of Kepahiang's size.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass

from kinerja.core.policy import Policy
from kinerja.core.record import appraisal_from
from kinerja.core.record_yaml import record_text
from kinerja.core.scoring import classify, numbers

# Relative headcount by kind of unit: schools and health dominate a regency.
_UNIT_WEIGHT = {
    "disdikbud": 30.0,
    "dinkes": 9.0,
    "rsud": 8.0,
    "setda": 4.0,
    "bkeuda": 2.0,
    "dpupr": 2.0,
    "distan": 3.0,
    "satpolpp": 2.0,
}
_KELOMPOK_WEIGHT = {"kecamatan": 1.2, "badan": 1.5, "dinas": 1.5}
_LARGE_UNITS = ("disdikbud", "dinkes", "rsud")  # many functional posts (teachers, health staff)

_RENCANA = (
    "Tersusunnya laporan kinerja triwulanan",
    "Terlaksananya pelayanan administrasi kepada masyarakat",
    "Tersusunnya dokumen perencanaan program",
    "Terlaksananya kegiatan pembinaan dan pengawasan",
    "Tersedianya data dan informasi yang mutakhir",
    "Terlaksananya pengelolaan keuangan dan aset",
    "Tersusunnya rancangan kebijakan teknis",
    "Terlaksananya koordinasi lintas perangkat daerah",
)
_SATUAN = ("dokumen", "laporan", "kegiatan", "layanan", "berkas")
_KEGIATAN = (
    ("Pelatihan perencanaan berbasis kinerja", 24),
    ("Bimbingan teknis penyusunan SKP", 8),
    ("Webinar literasi digital ASN", 4),
    ("Pelatihan pelayanan prima", 16),
    ("Kursus daring manajemen risiko", 12),
    ("Pelatihan kepemimpinan pengawas", 40),
    ("Seminar inovasi pelayanan publik", 6),
    ("Coaching dan mentoring di unit kerja", 10),
)


@dataclass(frozen=True)
class Person:
    id: str
    unit_kerja: str
    jenis_jabatan: str
    status: str
    jenis_kelamin: str | None
    ability: float
    first: int
    last: int
    head: bool = False  # leads the unit_kerja


def pseudonym(seed: int, index: int) -> str:
    digest = hashlib.sha256(f"sintetis:{seed}:{index}".encode()).hexdigest()
    return "ASN-" + digest[:10].upper()


def _people(policy: Policy, n: int, periods: list[int], seed: int) -> list[Person]:
    rng = random.Random(seed)
    words = policy.vocabulary
    # the schema lists jabatan from the top (the unit head's) down, the
    # functional ones last; and the career status (pns) before the contract one
    top, *others = words.jenis_jabatan
    career, contract = words.status
    units = list(policy.units)
    weights = [_UNIT_WEIGHT.get(u.kode, _KELOMPOK_WEIGHT.get(u.kelompok, 1.0)) for u in units]
    people: list[Person] = []
    heads: set[str] = set()
    for index in range(n):
        # every unit gets its head first, then the rest by weight
        unit = units[index].kode if index < len(units) else rng.choices(units, weights)[0].kode
        head = unit not in heads
        if head:
            heads.add(unit)
            jabatan = top
        else:
            jabatan = rng.choices(others, (4, 10, 34, 52 if unit in _LARGE_UNITS else 22))[0]
        pppk_share = 0.35 if jabatan in others[-2:] else 0.0
        status = contract if rng.random() < pppk_share else career
        kelamin = None if rng.random() < 0.04 else rng.choice(words.jenis_kelamin)
        first, last = periods[0], periods[-1]
        if len(periods) > 1 and rng.random() < 0.06:
            first = rng.choice(periods[1:])
        if len(periods) > 1 and rng.random() < 0.05:
            last = rng.choice(periods[:-1])
            if last < first:
                first, last = last, first
        if head:  # every unit has its head in every period
            first, last = periods[0], periods[-1]
        people.append(
            Person(
                id=pseudonym(seed, index),
                unit_kerja=unit,
                jenis_jabatan=jabatan,
                status=status,
                jenis_kelamin=kelamin,
                ability=rng.gauss(0.0, 1.0),
                first=first,
                last=last,
                head=head,
            )
        )
    return people


def _work_items(rng: random.Random, form: float, exceed: bool = False) -> list[dict]:
    items = []
    for _ in range(rng.choice((2, 3, 3, 4, 5))):
        kuantitas = rng.choice((1, 2, 4, 6, 12, 24, 50, 100))
        waktu = rng.choice((12, 12, 12, 6, 9))
        budget = rng.random() < 0.4
        # form > 1: finishes early and complete; form < -1.5: misses targets
        if form > 1.0 and exceed:  # rating kind: targets are expectations, some exceed them
            r_kuant = kuantitas + max(1, round(kuantitas * rng.uniform(0.1, 0.3)))
            r_kual = rng.choice((100, 100, 98))
            r_waktu = max(1, waktu - rng.choice((0, 1, 2)))
        elif form > 1.0:
            r_kuant = kuantitas
            r_kual = rng.choice((95, 98, 100))
            r_waktu = max(1, waktu - rng.choice((1, 2, 2)))
        elif form < -1.6:
            r_kuant = max(0, round(kuantitas * rng.uniform(0.4, 0.8)))
            r_kual = rng.choice((60, 65, 70, 75))
            r_waktu = waktu + rng.choice((0, 1, 2))
        else:
            r_kuant = kuantitas if rng.random() < 0.85 else max(0, kuantitas - 1)
            r_kual = rng.choice((85, 88, 90, 92, 95))
            r_waktu = waktu - rng.choice((0, 0, 0, 1))
        target = {"kuantitas": kuantitas, "satuan": rng.choice(_SATUAN)}
        target |= {"kualitas": 100, "waktu": waktu}
        real = {"kuantitas": r_kuant, "kualitas": r_kual, "waktu": r_waktu}
        if budget:
            biaya = rng.choice((5, 10, 25, 50, 120, 250)) * 1_000_000
            target["biaya"] = biaya
            real["biaya"] = int(round(biaya * rng.uniform(0.8 if form > 0 else 0.9, 1.0), -3))
        items.append({"rencana": rng.choice(_RENCANA), "target": target, "realisasi": real})
    return items


def _behaviour(
    rng: random.Random, form: float, codes: list[str], centre: int = 4
) -> dict[str, int]:
    """Levels 1-5; `centre` is the usual level (3 where level 3 means "sesuai")."""
    values = {}
    for kode in codes:
        if form > 1.2:
            values[kode] = rng.choices((4, 5), (2, 8))[0]
        elif form < -1.9:
            values[kode] = rng.choices((2, 3, 4), (4, 4, 1))[0] - (4 - centre)
        else:
            values[kode] = centre + rng.choices((-1, 0, 1), (6, 74, 20))[0]
    return values


def _competencies(
    rng: random.Random, policy: Policy, person: Person, ability: float
) -> dict[str, int]:
    required = policy.standards.required(person.unit_kerja, person.jenis_jabatan)
    levels = {}
    for kode, level in required.items():
        teknis = kode not in policy.standards.general
        if teknis and rng.random() < 0.2:
            continue  # not assessed this time
        shift = rng.choices((-2, -1, 0, 1), (1, 5, 9, 3))[0] + (1 if ability > 1.3 else 0)
        levels[kode] = min(5, max(1, level + shift))
    return levels


def _training(rng: random.Random, owed: bool) -> list[dict]:
    """`owed`: the methodology's JP minimum applies to this person's status."""
    count = rng.choices((0, 1, 2, 3), (1, 3, 6, 4) if owed else (5, 4, 2, 1))[0]
    if count == 0:
        return []
    return [{"kegiatan": k, "jp": jp} for k, jp in rng.sample(_KEGIATAN, count)]


# How often the pejabat penilai's rating departs from the numbers, by one
# step: above more often than below (leniency is common in practice).
_LENIENT, _STRICT = 0.16, 0.04


def _given(rng: random.Random, advisory: str | None, form: float, ratings: tuple) -> str:
    """The pejabat penilai's rating: the numbers' one, sometimes a step away.
    `ratings`: the schema's, highest first."""
    above, meets, below = ratings
    if advisory is None:
        advisory = above if form > 1.3 else below if form < -1.8 else meets
    i = ratings.index(advisory)
    draw = rng.random()
    if draw < _LENIENT and i > 0:
        return ratings[i - 1]
    if _LENIENT <= draw < _LENIENT + _STRICT and i < len(ratings) - 1:
        return ratings[i + 1]
    return advisory


def _rated(
    rng: random.Random, policy: Policy, person: Person, record: dict, form: float, codes: list[str]
) -> None:
    """The `rating` kind: given ratings, the head mark, (mostly) numeric evidence."""
    m = policy.methodology_for(record["periode"])
    assert m is not None and m.advisory is not None
    evidence = rng.choices(("semua", "hasil", "tidak_ada"), (83, 5, 12))[0]
    numbers_only = {}
    if evidence != "tidak_ada":
        numbers_only["hasil_kerja"] = _work_items(rng, form, exceed=True)
    if evidence == "semua":
        numbers_only["perilaku_kerja"] = _behaviour(rng, form, codes, centre=3)
    _, hasil_index, perilaku_index = numbers(appraisal_from({**record, **numbers_only}), m)
    p = m.desimal
    hasil_angka = None if hasil_index is None else classify(hasil_index, m.rating_hasil, p)
    perilaku_angka = (
        None if perilaku_index is None else classify(perilaku_index, m.rating_perilaku, p)
    )
    ratings = policy.vocabulary.ratings
    hasil = _given(rng, hasil_angka, form, ratings)
    perilaku = _given(rng, perilaku_angka, form, ratings)
    unit = policy.unit(person.unit_kerja)
    org = unit.predikat_organisasi.get(record["periode"]) if unit else None
    if person.head and org is not None:
        hasil = m.advisory.kepala_unit[org]
        record["kepala_unit"] = True
    record["rating"] = {"hasil_kerja": hasil, "perilaku_kerja": perilaku}
    record.update(numbers_only)


def generate(
    policy: Policy, n: int, periods: list[int], seed: int, behaviour: list[str]
) -> dict[str, str]:
    """Relative path under pegawai/ → file text, for every person and period.

    `behaviour` is the BerAKHLAK codes in the order the record schema lists them.
    Periods under an `angka` methodology get numbers only; under `rating`, the
    pejabat penilai's ratings with (mostly) numeric evidence.
    """
    files: dict[str, str] = {}
    for index, person in enumerate(_people(policy, n, periods, seed)):
        for periode in periods:
            if not person.first <= periode <= person.last:
                continue
            rng = random.Random(f"{seed}:{index}:{periode}")
            form = person.ability * 0.8 + rng.gauss(0.0, 0.6)
            record = {
                "id": person.id,
                "periode": periode,
                "unit_kerja": person.unit_kerja,
                "jenis_jabatan": person.jenis_jabatan,
                "status": person.status,
            }
            if person.jenis_kelamin:
                record["jenis_kelamin"] = person.jenis_kelamin
            m = policy.methodology_for(periode)
            if m is not None and m.jenis == "rating":
                _rated(rng, policy, person, record, form, behaviour)
            else:
                record["hasil_kerja"] = _work_items(rng, form)
                record["perilaku_kerja"] = _behaviour(rng, form, behaviour)
            if rng.random() < 0.7:
                record["kompetensi"] = _competencies(rng, policy, person, person.ability)
            owed = m is not None and person.status in m.jp_berlaku_untuk
            record["pengembangan_kompetensi"] = _training(rng, owed)
            path = f"{periode}/{person.unit_kerja}/{person.id}.yaml"
            files[path] = record_text(record)
    return files
