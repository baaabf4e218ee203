"""Property tests: thousands of generated valid records through the engine."""

from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA, examples
from kinerja.adapters import loader
from kinerja.adapters.pipeline import build
from kinerja.checks import schemacheck
from kinerja.core.exact import fraction
from kinerja.core.hasil_kerja import efficiency_score, ratio
from kinerja.core.policy import exact
from kinerja.core.record import Aspect, appraisal_from
from kinerja.core.scoring import score

POLICY = build(DATA, records=[]).policy
RATINGS = POLICY.vocabulary.ratings
PREDIKAT = POLICY.vocabulary.predikat
JPM_CATEGORIES = POLICY.vocabulary.jpm_categories
SCHEMAS = loader.load_schemas(DATA)
UNITS = [u.kode for u in POLICY.units]
BEHAVIOUR = ["berorientasi_pelayanan", "akuntabel", "kompeten", "harmonis", "loyal", "adaptif"]
BEHAVIOUR.append("kolaboratif")
GENERAL = list(POLICY.standards.general)
TEKNIS = [i.kode for i in POLICY.standards.teknis]

positive = st.one_of(
    st.integers(min_value=1, max_value=10**9),
    st.decimals(min_value="0.01", max_value="1000000", places=2).map(float),
)
non_negative = st.one_of(st.just(0), positive)
grade = st.integers(min_value=1, max_value=100)
level = st.integers(min_value=1, max_value=5)


@st.composite
def work_item(draw):
    target = {
        "kuantitas": draw(positive),
        "satuan": "dokumen",
        "kualitas": draw(grade),
        "waktu": draw(st.integers(min_value=1, max_value=12)),
    }
    real = {
        "kuantitas": draw(non_negative),
        "kualitas": draw(st.integers(min_value=0, max_value=100)),
        "waktu": draw(st.integers(min_value=0, max_value=24)),
    }
    if draw(st.booleans()):
        target["biaya"] = draw(positive)
        real["biaya"] = draw(non_negative)
    return {"rencana": "x", "target": target, "realisasi": real}


@st.composite
def valid_record(draw):
    data = {
        "id": "ASN-" + draw(st.text("0123456789ABCDEF", min_size=10, max_size=10)),
        "periode": draw(st.integers(min_value=2023, max_value=2030)),
        "unit_kerja": draw(st.sampled_from(UNITS)),
        "jenis_jabatan": draw(
            st.sampled_from(["jpt_pratama", "administrator", "pengawas", "pelaksana", "fungsional"])
        ),
        "status": draw(st.sampled_from(["pns", "pppk"])),
        "hasil_kerja": draw(st.lists(work_item(), min_size=1, max_size=6)),
        "perilaku_kerja": {k: draw(level) for k in BEHAVIOUR},
        "pengembangan_kompetensi": [
            {"kegiatan": "x", "jp": j} for j in draw(st.lists(st.integers(1, 60), max_size=4))
        ],
    }
    if POLICY.methodology_for(data["periode"]).jenis == "rating":
        given = st.sampled_from(RATINGS)
        data["rating"] = {"hasil_kerja": draw(given), "perilaku_kerja": draw(given)}
    if draw(st.booleans()):
        kompetensi = {k: draw(level) for k in GENERAL}
        for kode in draw(st.lists(st.sampled_from(TEKNIS), max_size=3, unique=True)):
            kompetensi[kode] = draw(level)
        data["kompetensi"] = kompetensi
    return data


@settings(max_examples=examples(1500), deadline=None)
@given(valid_record())
def test_scores_are_finite_and_from_their_sets(data) -> None:
    assert SCHEMAS.validator("pegawai").is_valid(data)
    s = score(appraisal_from(data), POLICY)
    for value in (s.hasil_nilai, s.perilaku_nilai, s.nilai_kinerja):
        assert math.isfinite(float(value))
    assert s.hasil_rating in RATINGS and s.perilaku_rating in RATINGS
    assert s.predikat in PREDIKAT
    assert s.jpm_kategori in (*JPM_CATEGORIES, None)
    assert s.kotak_talenta in (*range(1, 10), None)
    assert (s.jpm is None) == ("kompetensi" not in data)


@settings(max_examples=examples(1000), deadline=None)
@given(positive, non_negative, non_negative)
def test_more_realisation_never_lowers_quantity_or_quality(target, a, b) -> None:
    low, high = sorted((exact(a), exact(b)))
    assert fraction(ratio(Aspect.of(target, high))) >= fraction(ratio(Aspect.of(target, low)))


M = POLICY.methodology_for(2023)  # the `angka` kind


@settings(max_examples=examples(1000), deadline=None)
@given(positive, st.fractions(min_value=0, max_value=1), st.fractions(min_value=0, max_value=1))
def test_finishing_earlier_within_the_band_never_lowers_time(target, a, b) -> None:
    t = exact(target)
    # realisations from T×(1 − band) up to T (and beyond): within the efficiency band
    band = M.batas_efisiensi / 100
    early, late = sorted((t * (1 - band * a), t * (1 - band * b)))
    faster = fraction(efficiency_score(Aspect.of(t, early), M))
    assert faster >= fraction(efficiency_score(Aspect.of(t, late), M))


@pytest.fixture(scope="module")
def shipped(sample_appraisals):
    """Every shipped record, checked and typed once (conftest) for the tests below."""
    return list(sample_appraisals.values())


@pytest.mark.parametrize("periode", [2023, 2024, 2025])
def test_every_shipped_record_scores(shipped, periode) -> None:
    scored = [score(a, POLICY) for a in shipped if a.periode == periode]
    assert scored, f"the sample has no records for {periode}: the test would prove nothing"
    for appraisal, s in zip([a for a in shipped if a.periode == periode], scored, strict=True):
        assert s.predikat in PREDIKAT
        evidence = bool(appraisal.hasil_kerja and appraisal.perilaku_kerja)
        assert isinstance(s.nilai_kinerja, Fraction) == evidence


CORPUS = Path(__file__).parent / "corpus"


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.yaml")), ids=lambda p: p.name)
def test_fast_schema_check_agrees_on_the_bad_file_corpus(path: Path) -> None:
    from kinerja.checks.yamlsource import read

    doc = read(path.name, path.read_bytes())
    if doc.data is None:
        return
    fast = schemacheck.fast_valid(doc.data, "pegawai", SCHEMAS)
    full = SCHEMAS.validator("pegawai").is_valid(doc.data)
    assert fast == full


mutation = st.sampled_from(
    [True, False, None, 0, -1, 1.0, 2.5, 6, "4", "", [], {}, 10**20, float("nan")]
)


@settings(max_examples=examples(1500), deadline=None)
@given(valid_record(), st.data())
def test_fast_schema_check_never_passes_what_jsonschema_rejects(data, draw) -> None:
    # break one value somewhere in the record
    paths = []

    def walk(node, path):
        if isinstance(node, dict):
            for k, v in node.items():
                paths.append((*path, k))
                walk(v, (*path, k))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                paths.append((*path, i))
                walk(v, (*path, i))

    walk(data, ())
    target = draw.draw(st.sampled_from(paths))
    node = data
    for part in target[:-1]:
        node = node[part]
    node[target[-1]] = draw.draw(mutation)
    fast = schemacheck.fast_valid(data, "pegawai", SCHEMAS)
    full = SCHEMAS.validator("pegawai").is_valid(data)
    assert not fast or full


pairs = st.lists(
    st.tuples(st.integers(-(10**12), 10**12), st.integers(1, 10**9)).map(
        lambda p: (Fraction(*p).numerator, Fraction(*p).denominator)
    ),
    min_size=1,
    max_size=60,
)


@settings(max_examples=examples(500), deadline=None)
@given(pairs)
def test_fast_mean_and_median_are_exact(values) -> None:
    import statistics

    from kinerja.core.aggregation import mean, median

    exact = [Fraction(*v) for v in values]
    assert mean(values) == sum(exact, Fraction(0)) / len(exact)
    assert median(values) == Fraction(statistics.median(exact))


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.integers(-5, 5), min_size=1, max_size=40))
def test_median_of_near_ties_is_exact(ints) -> None:
    from kinerja.core.aggregation import median

    # values that differ below float resolution must still order exactly
    big = 10**30
    values = [(big * 3 + i, big) for i in ints]
    ordered = sorted(Fraction(*v) for v in values)
    n = len(ordered)
    expected = ordered[n // 2] if n % 2 else (ordered[n // 2 - 1] + ordered[n // 2]) / 2
    assert median(values) == expected


@settings(max_examples=examples(400), deadline=None)
@given(
    # Decimal's default context holds 28 digits: 10^15 with 6 places stays inside
    # (a score is at most a few hundred; 10^25 raised InvalidOperation, as before)
    st.fractions(min_value=-(10**15), max_value=10**15, max_denominator=10**6),
    st.integers(min_value=0, max_value=6),
)
def test_half_up_rounds_exactly(value, places) -> None:
    """Integer half-up equals its definition on exact fractions: the nearest
    multiple of 10^-places, halves away from zero."""
    from decimal import Decimal

    from kinerja.core.rounding import half_up

    step = Fraction(1, 10**places)
    units = math.floor(abs(value) / step + Fraction(1, 2))
    expected = Fraction(units) * step * (-1 if value < 0 else 1)
    got = half_up(value, places)
    assert Fraction(got) == expected
    assert got.as_tuple().exponent == -places or (got == 0 and places == 0)
    assert isinstance(got, Decimal)
