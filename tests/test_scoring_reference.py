"""The engine's integer scoring against the old Fraction code (tests/reference_scoring.py).

Every Score field, every Facts tuple and the typed record's numbers must be
equal, on the shipped sample and on generated records of both methodology
kinds (with methodology numbers varied too, so the branches and rounding
edges are reached). Another data folder, e.g. the benchmark set:

    .venv/bin/python tests/test_scoring_reference.py /tmp/bench/set/data
"""

from __future__ import annotations

import copy
import dataclasses
import sys
from fractions import Fraction
from pathlib import Path

import pytest
import reference_scoring as ref
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import DATA, examples, stride
from kinerja.adapters.pipeline import build
from kinerja.checks.yamlsource import read
from kinerja.core.aggregation import Facts
from kinerja.core.policy import Policy, methodology_from
from kinerja.core.record import appraisal_from
from kinerja.core.scoring import classify, score

POLICY = build(DATA, records=[]).policy
SCORE_FIELDS = [f for f in ref.Score.__dataclass_fields__ if f != "butir"]
ITEM_FIELDS = ("kuantitas", "kualitas", "waktu", "biaya", "nilai")


def _plain(value):
    """Dicts with their order (explain lists competencies in it)."""
    return list(value.items()) if isinstance(value, dict) else value


def assert_same(data: dict, policy: Policy) -> None:
    """The engine and the reference agree on one record, field by field."""
    try:
        old = ref.score(ref.appraisal_from(data), policy)
    except LookupError as exc:
        with pytest.raises(LookupError, match=str(exc)):
            score(appraisal_from(data), policy)
        return
    appraisal = appraisal_from(data)
    new = score(appraisal, policy)
    for name in SCORE_FIELDS:
        got, want = getattr(new, name), getattr(old, name)
        assert _plain(got) == _plain(want), (name, got, want, data)
        assert type(got) is type(want), (name, got, want)
    assert len(new.butir) == len(old.butir)
    for got, want in zip(new.butir, old.butir, strict=True):
        for name in ITEM_FIELDS:
            assert getattr(got, name) == getattr(want, name), (name, data)
            assert type(getattr(got, name)) is type(getattr(want, name))
    typed = ref.appraisal_from(data)
    for got, want in zip(appraisal.hasil_kerja, typed.hasil_kerja, strict=True):
        for name in ("kuantitas", "kualitas", "waktu", "biaya"):
            a, b = getattr(got, name), getattr(want, name)
            assert (a is None) == (b is None)
            if a is not None:
                assert (a.target, a.realisasi) == (b.target, b.realisasi)
    for name in ("perilaku_kerja", "kompetensi", "jp", "rating", "kepala_unit"):
        assert getattr(appraisal, name) == getattr(typed, name), name
    ratings = policy.vocabulary.ratings
    assert tuple(Facts.of(new, ratings)) == tuple(ref.Facts.of(old, ratings))


def test_the_shipped_sample_scores_as_before() -> None:
    paths = stride(sorted((DATA / "pegawai").rglob("*.yaml")))  # all with KINERJA_UJI_SKALA=100
    records = [read(str(p), p.read_bytes()).data for p in paths]
    kinds = {POLICY.methodology_for(d["periode"]).jenis for d in records}
    assert len(records) > 20 and kinds == {"angka", "rating"}, "the sample would prove little"
    for data in records:
        assert_same(data, POLICY)


def assert_folder_same(folder: Path) -> int:
    """Every record of a data folder (its own policy); the number compared."""
    policy = build(folder, records=[]).policy
    files = sorted((folder / "pegawai").rglob("*.yaml"))
    for path in files:
        assert_same(read(str(path), path.read_bytes()).data, policy)
    return len(files)


# --- generated records, under generated variants of the shipped methodologies

UNITS = [u.kode for u in POLICY.units]
JABATAN = list(POLICY.standards.general_level)
BEHAVIOUR = ["berorientasi_pelayanan", "akuntabel", "kompeten", "harmonis", "loyal", "adaptif"]
BEHAVIOUR.append("kolaboratif")
COMPETENCIES = [*POLICY.standards.general, *(i.kode for i in POLICY.standards.teknis)]
RATINGS = POLICY.vocabulary.ratings
ORG = POLICY.vocabulary.org_predikat

decimal_number = st.decimals(min_value="0.001", max_value="1000000", places=3).map(float)
target_value = st.one_of(
    st.just(1), st.integers(1, 10**9), decimal_number, st.sampled_from([12, 100, 0.5, 1.76])
)


def _number(x: Fraction) -> int | float:
    """As YAML would give it: an int, or a float of a short decimal."""
    return int(x) if x.denominator == 1 else float(x)


@st.composite
def realisation(draw, target: int | float, edge: Fraction) -> int | float:
    """Zero, the target itself, the efficiency limit exactly (`edge`: the share of
    the target), a step either side of it, or anything."""
    t = Fraction(str(target))
    chosen = draw(
        st.sampled_from(["zero", "met", "edge", "above", "below", "any", "any"]),
    )
    if chosen == "zero":
        return 0
    if chosen == "met":
        return target
    if chosen in ("edge", "above", "below"):
        step = {"edge": 0, "above": Fraction(1, 1000), "below": -Fraction(1, 1000)}[chosen]
        value = t * edge + step
        assume(value >= 0 and value * 10**6 == int(value * 10**6))
        return _number(value)
    return draw(st.one_of(st.integers(0, 10**9), decimal_number))


@st.composite
def work_item(draw, edge: Fraction) -> dict:
    target = {
        "kuantitas": draw(target_value),
        "satuan": "dokumen",
        "kualitas": draw(st.sampled_from([100, 1, 50, 99.5])),
        "waktu": draw(st.sampled_from([12, 1, 6, 9, 0.5, 25])),
    }
    real = {name: draw(realisation(target[name], edge)) for name in ("kuantitas", "kualitas")}
    real["waktu"] = draw(realisation(target["waktu"], edge))
    if draw(st.booleans()):
        target["biaya"] = draw(target_value)
        real["biaya"] = draw(realisation(target["biaya"], edge))
    return {"rencana": "x", "target": target, "realisasi": real}


@st.composite
def methodology_variant(draw, periode: int):
    """One of the shipped methodologies with its numbers redrawn from the data's kind."""
    m = POLICY.methodology_for(periode)
    source = copy.deepcopy(m.source)
    source["pembulatan"]["desimal"] = draw(st.sampled_from([m.desimal, 0, 1, 3]))
    source["kompetensi"]["batasi_pada_standar"] = draw(st.booleans())
    split = draw(st.sampled_from(["0.7", "0.6", "0.55", "0.333"]))
    source["bobot"] = {"hasil_kerja": float(split), "perilaku_kerja": float(1 - Fraction(split))}
    minimum = st.decimals(min_value="0", max_value="130", places=3).map(float)
    for band in (*source["rating"].values(), source["kompetensi"]["kategori_jpm"]):
        for t in band[:-1]:
            t["minimal"] = draw(st.sampled_from([t["minimal"], draw(minimum)]))
    hasil = source["hasil_kerja"]
    if m.jenis == "angka":
        hasil["batas_efisiensi"] = draw(st.sampled_from([24, 10, 30.5]))
        hasil["konstanta_efisiensi"] = draw(st.sampled_from([1.76, 1.5, 2]))
        hasil["nilai_dasar_efisiensi"] = draw(st.sampled_from([76, 80.25]))
        source["perilaku_kerja"]["pengali"] = draw(st.sampled_from([20, 19.5]))
    else:
        for aspect in hasil["batas_capaian"]:
            hasil["batas_capaian"][aspect] = draw(st.sampled_from([120, 110, 100, 100.5]))
        source["perilaku_kerja"]["level_ekspektasi"] = draw(st.sampled_from([3, 2.5]))
        source["perilaku_kerja"]["langkah_per_level"] = draw(st.sampled_from([25, 12.5, 10]))
    return methodology_from(source)


@st.composite
def case(draw):
    """A policy with one varied methodology, and a record of its period."""
    periode = draw(st.sampled_from([2023, 2024, 2025]))
    m = draw(methodology_variant(periode))
    policy = dataclasses.replace(
        POLICY, methodologies=tuple(m if x.covers(periode) else x for x in POLICY.methodologies)
    )
    edge = 1 - Fraction(str(m.batas_efisiensi or 0)) / 100
    rating = m.jenis == "rating"
    data = {
        "id": "ASN-0123456789",
        "periode": periode,
        "unit_kerja": draw(st.sampled_from(UNITS)),
        "jenis_jabatan": draw(st.sampled_from(JABATAN)),
        "status": draw(st.sampled_from(["pns", "pppk"])),
        "hasil_kerja": draw(st.lists(work_item(edge), min_size=0 if rating else 1, max_size=5)),
        "pengembangan_kompetensi": [
            {"kegiatan": "x", "jp": j} for j in draw(st.lists(st.integers(1, 60), max_size=3))
        ],
    }
    if not rating or draw(st.booleans()):
        data["perilaku_kerja"] = {k: draw(st.integers(1, 5)) for k in BEHAVIOUR}
    if rating and draw(st.integers(0, 9)):
        data["rating"] = {"hasil_kerja": draw(st.sampled_from(RATINGS))}
        data["rating"]["perilaku_kerja"] = draw(st.sampled_from(RATINGS))
    if draw(st.booleans()):
        chosen = draw(st.lists(st.sampled_from(COMPETENCIES), unique=True, max_size=12))
        data["kompetensi"] = {k: draw(st.integers(1, 5)) for k in chosen}
    if draw(st.booleans()):
        data["jenis_kelamin"] = draw(st.sampled_from(["l", "p"]))
    if rating and draw(st.booleans()):
        data["kepala_unit"] = True
    return data, policy


@settings(
    max_examples=examples(1000), deadline=None, suppress_health_check=[HealthCheck.filter_too_much]
)
@given(case())
def test_generated_records_score_as_before(generated) -> None:
    data, policy = generated
    assert_same(data, policy)


@settings(max_examples=examples(1000), deadline=None)
@given(
    st.sampled_from(["rating_hasil", "rating_perilaku", "kategori_jpm"]),
    st.sampled_from([2023, 2024]),
    st.integers(0, 4),
    st.integers(-4, 4),
    st.sampled_from([0, 1, -1]),
)
def test_values_at_a_threshold_band_as_before(which, periode, places, halves, nudge) -> None:
    """At each minimum, half a shown unit either side of it, and a hair off."""
    thresholds = getattr(POLICY.methodology_for(periode), which)
    for t in thresholds:
        value = t.minimum + Fraction(halves, 2 * 10**places) + Fraction(nudge, 10**12)
        assert classify(value, thresholds, places) == ref.classify(value, thresholds, places)


if __name__ == "__main__":
    for name in sys.argv[1:]:
        print(f"{name}: {assert_folder_same(Path(name))} records score as before")
