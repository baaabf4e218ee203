"""The `rating` methodology kind (PermenPANRB 6/2022 as practised in e-Kinerja).

The pejabat penilai's ratings make the predikat; the numbers, when present,
only make an advisory index, which must agree with the level texts. A unit
head's rating hasil kerja follows the unit's predikat organisasi.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import DATA, VALID_RECORD, examples, run_kinerja
from kinerja.adapters import loader
from kinerja.adapters.pipeline import build
from kinerja.checks.policycheck import validate_policy
from kinerja.checks.validation import check_record
from kinerja.checks.yamlsource import read
from kinerja.core.aggregation import LENIENCY, leniency
from kinerja.core.policy import exact
from kinerja.core.record import appraisal_from
from kinerja.core.scoring import score
from kinerja.site.explain import explain

POLICY = build(DATA, records=[]).policy
SCHEMAS = loader.load_schemas(DATA)
M = POLICY.methodology_for(2025)
RATINGS = POLICY.vocabulary.ratings
ORG_PREDIKAT = POLICY.vocabulary.org_predikat
BEHAVIOUR = list(SCHEMAS["pegawai"]["properties"]["perilaku_kerja"]["required"])
UNITS = [u.kode for u in POLICY.units]

positive = st.integers(min_value=1, max_value=10**6).map(Fraction) | st.fractions(
    min_value=Fraction(1, 100), max_value=10**6
)
ratings = st.sampled_from(RATINGS)


def base(**changes) -> dict:
    data = yaml.safe_load(VALID_RECORD)
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def as_number(x: Fraction) -> int | float:
    return int(x) if x.denominator == 1 else float(x)


@st.composite
def exact_item(draw) -> dict:
    """An item whose every target is met exactly, with or without a budget."""
    k, q, w = draw(positive), draw(st.integers(1, 100)), draw(st.integers(1, 12))
    target = {"kuantitas": as_number(k), "satuan": "x", "kualitas": q, "waktu": w}
    real = {"kuantitas": as_number(k), "kualitas": q, "waktu": w}
    if draw(st.booleans()):
        target["biaya"] = real["biaya"] = as_number(draw(positive))
    return {"rencana": "x", "target": target, "realisasi": real}


def scored(data: dict):
    return score(appraisal_from(data), POLICY)


def test_the_methodology_is_rating_from_2024_and_angka_in_2023() -> None:
    assert POLICY.methodology_for(2023).jenis == "angka"
    assert M.jenis == "rating" and M.versi == "2024.1" and M.dari == 2024
    assert M.advisory.kepala_unit == {
        "istimewa": "di_atas_ekspektasi",
        "baik": "sesuai_ekspektasi",
        "butuh_perbaikan": "di_bawah_ekspektasi",
        "kurang": "di_bawah_ekspektasi",
        "sangat_kurang": "di_bawah_ekspektasi",
    }


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(exact_item(), min_size=1, max_size=5))
def test_every_target_met_exactly_is_sesuai_with_or_without_budget(items) -> None:
    s = scored(base(hasil_kerja=items))
    assert s.hasil_nilai == 100
    assert s.hasil_rating_angka == "sesuai_ekspektasi"


@pytest.mark.parametrize(
    ("lvl", "expected"),
    [(3, "sesuai_ekspektasi"), (5, "di_atas_ekspektasi"), (1, "di_bawah_ekspektasi")],
)
def test_level_texts_agree_with_the_advisory_rating(lvl, expected) -> None:
    s = scored(base(perilaku_kerja=dict.fromkeys(BEHAVIOUR, lvl)))
    assert s.perilaku_rating_angka == expected


@settings(max_examples=examples(500), deadline=None)
@given(
    exact_item(),
    st.sampled_from(["kuantitas", "kualitas", "waktu", "biaya"]),
    st.fractions(min_value=0, max_value=3),
    st.fractions(min_value=0, max_value=3),
)
def test_better_realisation_never_lowers_the_index(item, aspect, a, b) -> None:
    if aspect not in item["target"]:
        aspect = "waktu"
    t = exact(item["target"][aspect])
    low, high = sorted((a, b))
    at_low, at_high = _index(item, aspect, t * low), _index(item, aspect, t * high)
    if aspect in ("kuantitas", "kualitas"):
        assert at_high >= at_low  # more output, better quality
    else:
        assert at_low >= at_high  # less time, less money


def _index(item: dict, aspect: str, value: Fraction) -> Fraction:
    copy = json.loads(json.dumps(item))
    if aspect == "kualitas":
        value = min(value, Fraction(100))
    copy["realisasi"][aspect] = as_number(value)
    return scored(base(hasil_kerja=[copy, item])).hasil_nilai


@settings(max_examples=examples(300), deadline=None)
@given(ratings, ratings, st.booleans(), st.booleans())
def test_predikat_is_the_matrix_of_the_given_ratings(hasil, perilaku, items, levels) -> None:
    data = base(
        rating={"hasil_kerja": hasil, "perilaku_kerja": perilaku},
        hasil_kerja=None if not items else yaml.safe_load(VALID_RECORD)["hasil_kerja"],
        perilaku_kerja=None if not levels else dict.fromkeys(BEHAVIOUR, 1),
    )
    if not items:
        data.pop("hasil_kerja", None)
    if not levels:
        data.pop("perilaku_kerja", None)
    s = scored(data)
    assert (s.hasil_rating, s.perilaku_rating) == (hasil, perilaku)
    assert s.predikat == M.predikat[hasil][perilaku]
    assert (s.hasil_rating_angka is None) == (not items)
    assert (s.perilaku_rating_angka is None) == (not levels)
    assert (s.nilai_kinerja is None) == (not (items and levels))


@given(ratings, st.none() | ratings)
def test_leniency_compares_given_with_advisory(given_rating, advisory) -> None:
    out = leniency(given_rating, advisory, RATINGS)
    assert out in LENIENCY
    if advisory is None:
        assert out == "tanpa_angka"
    else:
        order = RATINGS.index(advisory) - RATINGS.index(given_rating)
        assert out == ("lebih_tinggi" if order > 0 else "sama" if order == 0 else "lebih_rendah")


def check(text: str) -> list:
    doc = read("data/pegawai/x.yaml", text.encode())
    problems, _ = check_record(doc, POLICY, SCHEMAS, None)
    return problems


def head_record(unit: str, periode: int, hasil: str) -> str:
    text = VALID_RECORD.replace("unit_kerja: disdikbud", f"unit_kerja: {unit}")
    text = text.replace("periode: 2025", f"periode: {periode}")
    text = text.replace("jenis_jabatan: fungsional", "jenis_jabatan: jpt_pratama")
    return text.replace(
        "rating:\n  hasil_kerja: sesuai_ekspektasi\n",
        f"kepala_unit: true\nrating:\n  hasil_kerja: {hasil}\n",
    )


@settings(max_examples=examples(200), deadline=None)
@given(st.sampled_from(UNITS), st.sampled_from([2024, 2025]), ratings)
def test_unit_head_rating_follows_the_unit(unit, periode, hasil) -> None:
    org = POLICY.unit(unit).predikat_organisasi.get(periode)
    problems = check(head_record(unit, periode, hasil))
    codes = [p.code for p in problems]
    if org is None:
        assert codes == ["KEPALA-UNIT-TANPA-PREDIKAT"]
    elif hasil == M.advisory.kepala_unit[org]:
        assert codes == []
    else:
        assert codes == ["KEPALA-UNIT-RATING"]
        text = head_record(unit, periode, hasil)
        lines = text.splitlines()
        line = problems[0].line
        assert lines[line - 1].strip() == f"hasil_kerja: {hasil}"
        assert lines[line - 2].strip() == "rating:"
        assert f"ubah menjadi {M.advisory.kepala_unit[org]}" in problems[0].hint


def test_every_org_predikat_maps_to_a_rating() -> None:
    assert set(M.advisory.kepala_unit) == set(ORG_PREDIKAT)


def test_rating_is_required_under_rating_and_refused_under_angka() -> None:
    missing = VALID_RECORD.replace(
        "rating:\n  hasil_kerja: sesuai_ekspektasi\n  perilaku_kerja: di_atas_ekspektasi\n", ""
    )
    assert [p.code for p in check(missing)] == ["RATING-WAJIB"]
    angka = VALID_RECORD.replace("periode: 2025", "periode: 2023")
    problems = check(angka)
    assert [p.code for p in problems] == ["RATING-TIDAK-DIPAKAI"]
    assert angka.splitlines()[problems[0].line - 1].startswith("rating:")
    assert "hapus" in problems[0].hint
    no_numbers = yaml.safe_dump(base(periode=2023, rating=None, hasil_kerja=None))
    assert [p.code for p in check(no_numbers)] == ["ANGKA-WAJIB"]


def test_evidence_is_optional_under_rating() -> None:
    text = yaml.safe_dump(base(hasil_kerja=None, perilaku_kerja=None))
    assert check(text) == []


def test_a_methodology_whose_index_contradicts_the_level_texts_is_refused(tmp_path) -> None:
    path = DATA / "metodologi" / "2024.1.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "{rating: sesuai_ekspektasi, minimal: 90}", "{rating: sesuai_ekspektasi, minimal: 101}"
    )
    loaded = loader.load_policy(DATA)
    loaded.methodologies = [
        read(str(path), text.encode()) if Path(d.path).name == "2024.1.yaml" else d
        for d in loaded.methodologies
    ]
    problems, policy = validate_policy(loaded)
    assert policy is None
    assert {p.code for p in problems} == {"METODOLOGI-KONSISTENSI"}


def test_score_json_has_given_and_advisory_ratings(tmp_path: Path) -> None:
    rec = tmp_path / "r.yaml"
    rec.write_text(VALID_RECORD, encoding="utf-8")
    result = run_kinerja("score", str(rec), "--json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["metodologi"] == "2024.1"
    assert out["hasil_kerja"]["rating"] == "sesuai_ekspektasi"  # given
    assert out["perilaku_kerja"]["rating"] == "di_atas_ekspektasi"  # given
    assert out["hasil_kerja"]["rating_angka"] == "sesuai_ekspektasi"
    assert out["perilaku_kerja"]["rating_angka"] == "sesuai_ekspektasi"  # 27/7 → 121,43 < 125
    assert out["predikat"] == "baik"
    bare = tmp_path / "bare.yaml"
    bare.write_text(yaml.safe_dump(base(hasil_kerja=None, perilaku_kerja=None)), encoding="utf-8")
    out = json.loads(run_kinerja("score", str(bare), "--json").stdout)
    assert out["hasil_kerja"]["nilai"] is None and out["hasil_kerja"]["rating_angka"] is None
    assert out["perilaku_kerja"]["rating_angka"] is None and out["nilai_kinerja"] is None


def test_explain_under_rating_says_whose_rating_counts() -> None:
    text = explain(appraisal_from(base()), POLICY)
    assert "jenis rating" in text and "Rating yang diberikan" in text
    assert "indeks saran" in text
    bare = explain(appraisal_from(base(hasil_kerja=None, perilaku_kerja=None)), POLICY)
    assert "Tidak ada target dan realisasi angka" in bare
    assert "nilai kinerja: tidak ada" in bare


def test_sample_has_heads_and_leniency_in_rating_years(sample_appraisals) -> None:
    heads: dict[tuple[int, str], int] = {}
    above = below = bare = total = 0
    for a in sample_appraisals.values():
        if a.periode < 2024:
            assert a.rating is None
            continue
        s = score(a, POLICY)
        total += 1
        heads[(a.periode, a.unit_kerja)] = heads.get((a.periode, a.unit_kerja), 0) + a.kepala_unit
        lean = leniency(s.hasil_rating, s.hasil_rating_angka, RATINGS)
        above += lean == "lebih_tinggi"
        below += lean == "lebih_rendah"
        bare += lean == "tanpa_angka"
    assert all(n == 1 for n in heads.values())
    assert {u for _, u in heads} == set(UNITS)
    assert above > 2 * below > 0
    assert 0 < bare < total / 4
