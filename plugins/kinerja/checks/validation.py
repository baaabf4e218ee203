"""Every check of the data, file by file and across files.

Pure over parsed documents: it returns problems, the typed policy and the
typed appraisals; it never raises on bad input and never stops at the first
problem, so HR sees every mistake in one run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kinerja.checks import privacy, schemacheck
from kinerja.checks.glossary import check_glossary
from kinerja.checks.inputs import Loaded
from kinerja.checks.problems import Problem, sort_problems
from kinerja.checks.schemacheck import Schemas
from kinerja.checks.yamlsource import Document, Pointer
from kinerja.core.glossary import terms_from
from kinerja.core.policy import (
    COMPETENCY_KINDS,
    JPM_CATEGORIES,
    RATINGS,
    Indicator,
    Methodology,
    Policy,
    example_record,
    indicator_from,
    methodology_from,
    standards_from,
    units_from,
)
from kinerja.core.record import Appraisal, appraisal_from


@dataclass
class Result:
    problems: list[Problem]
    files: int
    policy: Policy | None = None
    appraisals: list[tuple[str, Appraisal]] = field(default_factory=list)


def _at(doc: Document, pointer: Pointer, code: str, message: str, hint: str) -> Problem:
    line, col = doc.position(pointer)
    return Problem(doc.path, line, col, code, message, hint)


def _at_key(doc: Document, pointer: Pointer, code: str, message: str, hint: str) -> Problem:
    line, col = doc.key_position(pointer)
    return Problem(doc.path, line, col, code, message, hint)


def check_document(doc: Document, kind: str, schemas: Schemas) -> list[Problem]:
    """Parse, privacy and schema problems of one file."""
    found = list(doc.problems)
    text = doc.raw.decode("utf-8", errors="replace")
    found.extend(privacy.scan_text(doc.path, text))
    if doc.data is None or doc.problems:
        return found
    if schemacheck.fast_valid(doc.data, kind, schemas):
        # valid files have only schema keys; kompetensi codes are the one open set
        if kind == "pegawai" and privacy.has_private_key(doc.data.get("kompetensi")):
            found.extend(privacy.scan_keys(doc))
        return found
    if kind == "pegawai":
        found.extend(privacy.scan_keys(doc))
    found.extend(schemacheck.check(doc, kind, schemas))
    return found


def _clean(doc: Document | None, problems: list[Problem]) -> bool:
    return (
        doc is not None and doc.data is not None and not any(p.path == doc.path for p in problems)
    )


def _check_methodology(doc: Document, m: Methodology) -> Iterable[Problem]:
    stem = Path(doc.path).stem
    if stem != m.versi:
        yield _at(
            doc,
            ("versi",),
            "METODOLOGI-VERSI",
            f"versi '{m.versi}' berbeda dengan nama berkas '{stem}.yaml'",
            f'samakan: ubah versi menjadi "{stem}" atau ganti nama berkas menjadi {m.versi}.yaml',
        )
    if m.sampai is not None and m.sampai < m.dari:
        yield _at(
            doc,
            ("berlaku", "sampai"),
            "METODOLOGI-PERIODE",
            f"periode berlaku terbalik: sampai {m.sampai} sebelum dari {m.dari}",
            "tahun 'sampai' harus sama atau sesudah tahun 'dari'",
        )
    for key, thresholds, labels in (
        (("rating", "hasil_kerja"), m.rating_hasil, RATINGS),
        (("rating", "perilaku_kerja"), m.rating_perilaku, RATINGS),
        (("kompetensi", "kategori_jpm"), m.kategori_jpm, JPM_CATEGORIES),
    ):
        seen = [t.label for t in thresholds]
        if sorted(seen) != sorted(labels):
            yield _at(
                doc,
                key,
                "METODOLOGI-AMBANG",
                f"{' › '.join(key)} harus memuat tepat sekali: {', '.join(labels)}",
                "tambahkan yang kurang atau hapus yang ganda",
            )
        elif thresholds[-1].minimum != 0:
            yield _at(
                doc,
                key,
                "METODOLOGI-AMBANG",
                f"ambang terendah {' › '.join(key)} harus 'minimal: 0' agar setiap nilai mendapat "
                "kategori",
                f"ubah minimal '{thresholds[-1].label}' menjadi 0",
            )
    if m.bobot_hasil + m.bobot_perilaku != 1:
        yield _at(
            doc,
            ("bobot",),
            "METODOLOGI-BOBOT",
            "jumlah bobot hasil_kerja dan perilaku_kerja harus 1",
            "mis. hasil_kerja: 0.7 dan perilaku_kerja: 0.3",
        )
    numbers = sorted(b.nomor for b in m.kotak)
    cells = {(b.kinerja, b.potensial) for b in m.kotak}
    if numbers != list(range(1, 10)) or len(cells) != 9:
        yield _at(
            doc,
            ("kotak_talenta", "kotak"),
            "METODOLOGI-KOTAK",
            "kotak talenta harus bernomor 1 sampai 9, masing-masing dengan pasangan kinerja dan "
            "potensial yang berbeda",
            "periksa nomor dan pasangan kinerja/potensial yang ganda",
        )


def _check_example(doc: Document, m: Methodology, schemas: Schemas) -> list[Problem]:
    if schemacheck.fast_valid(example_record(m), "pegawai", schemas):
        return []
    shifted = Document(
        path=doc.path,
        data=example_record(m),
        raw=doc.raw,
        _positions={
            k[1:]: v for k, v in doc._all_positions().items() if k[:1] == ("contoh_perhitungan",)
        },
        _key_positions={
            k[1:]: v
            for k, v in doc._all_key_positions().items()
            if k[:1] == ("contoh_perhitungan",)
        },
    )
    found = schemacheck.check(shifted, "pegawai", schemas)
    return [
        Problem(p.path, p.line, p.col, p.code, "contoh_perhitungan: " + p.message, p.hint)
        for p in found
    ]


def _check_overlaps(docs: list[tuple[Document, Methodology]]) -> Iterable[Problem]:
    ordered = sorted(docs, key=lambda dm: dm[1].dari)
    for (_, a), (doc_b, b) in zip(ordered, ordered[1:], strict=False):
        if a.sampai is None or a.sampai >= b.dari:
            yield _at(
                doc_b,
                ("berlaku", "dari"),
                "METODOLOGI-TUMPANG-TINDIH",
                f"periode berlaku versi {b.versi} tumpang tindih dengan versi {a.versi}",
                f"isi 'sampai: {b.dari - 1}' di versi {a.versi} agar setiap periode memakai "
                "satu versi",
            )


def _check_indicators(pairs: list[tuple[Document, Indicator]], unit_codes: set[str]):
    seen: dict[str, str] = {}
    for doc, ind in pairs:
        stem = Path(doc.path).stem
        if stem != ind.kode:
            yield _at(
                doc,
                ("kode",),
                "INDIKATOR-KODE-BERKAS",
                f"kode '{ind.kode}' berbeda dengan nama berkas '{stem}.yaml'",
                f"samakan kode dengan nama berkas ({ind.kode}.yaml)",
            )
        if ind.kode in seen:
            yield _at(
                doc,
                ("kode",),
                "INDIKATOR-KODE-GANDA",
                f"kode indikator '{ind.kode}' sudah dipakai di {seen[ind.kode]}",
                "setiap indikator harus memiliki kode yang berbeda",
            )
        seen.setdefault(ind.kode, doc.path)
        levels = [lv["level"] for lv in doc.data.get("level", [])]
        if levels and sorted(levels) != [1, 2, 3, 4, 5]:
            yield _at(
                doc,
                ("level",),
                "INDIKATOR-LEVEL",
                "deskripsi level harus untuk level 1, 2, 3, 4 dan 5, masing-masing sekali",
                "periksa nomor 'level' yang ganda atau terlewat",
            )
        for i, unit in enumerate(ind.unit_kerja):
            if unit_codes and unit not in unit_codes:
                yield _at(
                    doc,
                    ("unit_kerja", i),
                    "RUJUKAN-UNIT-KERJA",
                    f"unit kerja '{unit}' tidak ada di data/unit-kerja.yaml",
                    "pakai kode unit kerja yang terdaftar atau tambahkan unitnya ke "
                    "data/unit-kerja.yaml",
                )


def _record_problems(
    doc: Document,
    policy: Policy,
    indicators: dict[str, Indicator],
    location: str | None,
) -> Iterable[Problem]:
    data = doc.data
    periode, unit = data["periode"], data["unit_kerja"]
    if location is not None:
        expected = f"{periode}/{unit}/{data['id']}.yaml"
        if location != expected:
            yield _at(
                doc,
                (),
                "JALUR-TIDAK-SESUAI",
                f"letak berkas tidak sesuai isinya (periode {periode}, unit_kerja {unit}, "
                f"id {data['id']})",
                f"pindahkan berkas ke data/pegawai/{expected} atau perbaiki isi periode, "
                "unit_kerja atau id",
            )
    if policy.unit(unit) is None:
        yield _at(
            doc,
            ("unit_kerja",),
            "RUJUKAN-UNIT-KERJA",
            f"unit kerja '{unit}' tidak ada di data/unit-kerja.yaml",
            "pakai salah satu kode di data/unit-kerja.yaml (mis. disdikbud, dinkes, setda)",
        )
    if policy.methodology_for(periode) is None:
        versions = ", ".join(
            f"{m.versi} ({m.dari}–{m.sampai or 'sekarang'})" for m in policy.methodologies
        )
        yield _at(
            doc,
            ("periode",),
            "PERIODE-TANPA-METODOLOGI",
            f"tidak ada versi metodologi yang berlaku untuk periode {periode}",
            f"periksa tahun periode; versi yang ada: {versions or 'tidak ada'}",
        )
    for i, item in enumerate(data["hasil_kerja"]):
        in_target = "biaya" in item["target"]
        in_real = "biaya" in item["realisasi"]
        if in_target != in_real:
            side, other = ("target", "realisasi") if in_target else ("realisasi", "target")
            yield _at_key(
                doc,
                ("hasil_kerja", i, side, "biaya"),
                "BIAYA-TIDAK-BERPASANGAN",
                f"hasil_kerja butir ke-{i + 1}: biaya ada di {side} tetapi tidak ada di {other}",
                f"tambahkan 'biaya:' di {other}, atau hapus 'biaya:' dari {side} bila butir ini "
                "tidak beranggaran",
            )
    for key in data["perilaku_kerja"]:
        ind = indicators.get(key)
        if ind is None or ind.jenis != "perilaku_kerja":
            yield _at_key(
                doc,
                ("perilaku_kerja", key),
                "RUJUKAN-INDIKATOR",
                f"'{key}' bukan indikator perilaku kerja di data/indikator/",
                "pakai kode nilai BerAKHLAK yang terdaftar",
            )
    for key in data.get("kompetensi") or {}:
        ind = indicators.get(key)
        if ind is None or ind.jenis not in COMPETENCY_KINDS:
            close = sorted(
                k
                for k, i in indicators.items()
                if i.jenis in COMPETENCY_KINDS and (k[:4] == key[:4] or key[:4] in k)
            )
            hint = "pakai kode kompetensi yang ada di data/indikator/"
            if close:
                hint += f" (mungkin maksudnya: {', '.join(close)})"
            yield _at_key(
                doc,
                ("kompetensi", key),
                "RUJUKAN-KOMPETENSI",
                f"kompetensi '{key}' tidak dikenal",
                hint,
            )


def validate_policy(loaded: Loaded) -> tuple[list[Problem], Policy | None]:
    """Problems of the policy files, and the typed policy when there are none."""
    schemas = loaded.schemas
    problems = list(loaded.problems)
    if loaded.units is not None:
        problems += check_document(loaded.units, "unit-kerja", schemas)
    if loaded.standards is not None:
        problems += check_document(loaded.standards, "standar-kompetensi", schemas)
    if loaded.data_source is not None:
        problems += check_document(loaded.data_source, "sumber-data", schemas)
    if loaded.glossary is not None:
        problems += check_document(loaded.glossary, "istilah", schemas)
        problems += check_glossary(loaded.glossary, problems)
    for doc in loaded.methodologies:
        problems += check_document(doc, "metodologi", schemas)
    for doc in loaded.indicators:
        problems += check_document(doc, "indikator", schemas)

    units = units_from(loaded.units.data) if _clean(loaded.units, problems) else ()
    unit_codes = {u.kode for u in units}
    if loaded.units is not None and units and len(unit_codes) != len(units):
        seen: set[str] = set()
        for i, u in enumerate(units):
            if u.kode in seen:
                problems.append(
                    _at(
                        loaded.units,
                        ("unit_kerja", i, "kode"),
                        "UNIT-KERJA-GANDA",
                        f"kode unit kerja '{u.kode}' ditulis lebih dari sekali",
                        "setiap unit kerja harus memiliki kode yang berbeda",
                    )
                )
            seen.add(u.kode)

    ind_pairs = [
        (d, indicator_from(d.data, d.path)) for d in loaded.indicators if _clean(d, problems)
    ]
    problems += _check_indicators(ind_pairs, unit_codes)
    indicators = {ind.kode: ind for _, ind in ind_pairs}

    meth_pairs = [
        (d, methodology_from(d.data)) for d in loaded.methodologies if _clean(d, problems)
    ]
    for doc, m in meth_pairs:
        problems += _check_methodology(doc, m)
        problems += _check_example(doc, m, schemas)
    problems += _check_overlaps(meth_pairs)

    standards = None
    if _clean(loaded.standards, problems):
        assert loaded.standards is not None
        for i, kode in enumerate(loaded.standards.data["kompetensi"]):
            ind = indicators.get(kode)
            if ind is None or ind.jenis not in COMPETENCY_KINDS[:2]:
                problems.append(
                    _at(
                        loaded.standards,
                        ("kompetensi", i),
                        "RUJUKAN-KOMPETENSI",
                        f"'{kode}' bukan kompetensi manajerial atau sosial kultural di "
                        "data/indikator/",
                        "pakai kode indikator kompetensi yang terdaftar",
                    )
                )
        standards = standards_from(loaded.standards.data, tuple(indicators.values()))

    if problems or standards is None:
        return problems, None
    policy = Policy(
        methodologies=tuple(m for _, m in sorted(meth_pairs, key=lambda dm: dm[1].dari)),
        standards=standards,
        units=units,
        indicators=tuple(sorted(indicators.values(), key=lambda i: i.kode)),
        glossary=terms_from(loaded.glossary.data) if loaded.glossary is not None else (),
    )
    return problems, policy


def policy_blocked(data_dir: Path) -> Problem:
    return Problem(
        str(data_dir),
        1,
        1,
        "KEBIJAKAN-TIDAK-VALID",
        "catatan pegawai tidak dapat diperiksa silang karena berkas kebijakan bermasalah",
        "perbaiki masalah di berkas kebijakan di atas dulu, lalu jalankan lagi",
    )


def check_record(
    doc: Document, policy: Policy | None, schemas: Schemas, location: str | None
) -> tuple[list[Problem], Appraisal | None]:
    """Every problem of one record file; the typed record when it has none.

    `location` is the file's path under data/pegawai/ (None: not checked).
    """
    found = check_document(doc, "pegawai", schemas)
    if found or doc.data is None or policy is None:
        return found, None
    indicators = {i.kode: i for i in policy.indicators}
    found = list(_record_problems(doc, policy, indicators, location))
    if found:
        return found, None
    return [], appraisal_from(doc.data)


def duplicate_ids(
    records: list[tuple[str, str, int]], where: Callable[[str], tuple[int, int]]
) -> list[Problem]:
    """(path, id, periode) of valid records → ID-GANDA problems.

    `where` finds the id's line and column, only for the rare duplicate, so
    the common case never pays for the line-aware parse.
    """
    first: dict[tuple[str, int], str] = {}
    out = []
    for path, rid, periode in sorted(records):
        key = (rid, periode)
        if key in first:
            line, col = where(path)
            out.append(
                Problem(
                    path,
                    line,
                    col,
                    "ID-GANDA",
                    f"id {rid} untuk periode {periode} sudah dipakai di {first[key]}",
                    "satu pegawai hanya satu berkas per periode; gabungkan atau hapus salah satunya",
                )
            )
        else:
            first[key] = path
    return out


def _location(doc: Document, pegawai_dir: Path | None) -> str | None:
    if pegawai_dir is None:
        return None
    try:
        return Path(doc.path).resolve().relative_to(pegawai_dir.resolve()).as_posix()
    except ValueError:
        return ""  # outside data/pegawai/: never where its content says


def validate(loaded: Loaded, check_paths: bool = True) -> Result:
    """All checks over everything loaded (the in-memory path; see pipeline for scale)."""
    problems, policy = validate_policy(loaded)
    if policy is None and loaded.records:
        problems.append(policy_blocked(loaded.data_dir))
    schemas = loaded.schemas
    pegawai_dir = loaded.data_dir / "pegawai" if check_paths else None
    appraisals: list[tuple[str, Appraisal]] = []
    ids = []
    for doc in loaded.records:
        found, appraisal = check_record(doc, policy, schemas, _location(doc, pegawai_dir))
        problems += found
        if not found and doc.data is not None and policy is not None:
            ids.append((doc.path, doc.data["id"], doc.data["periode"]))
        if appraisal is not None:
            appraisals.append((doc.path, appraisal))
    by_path = {doc.path: doc for doc in loaded.records}
    problems += duplicate_ids(ids, lambda path: by_path[path].position(("id",)))
    return Result(
        problems=sort_problems(problems),
        files=loaded.files,
        policy=policy,
        appraisals=appraisals if policy is not None else [],
    )
