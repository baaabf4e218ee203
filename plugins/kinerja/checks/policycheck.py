"""Checks of the policy files (units, standards, methodologies, indicators)
and the typed Policy built from them when they pass. Pure."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePath

from kinerja.checks import kinds, schemacheck
from kinerja.checks.glossary import check_glossary
from kinerja.checks.inputs import Loaded
from kinerja.checks.problems import Problem
from kinerja.checks.schemacheck import Schemas
from kinerja.checks.validation import at, check_document
from kinerja.checks.vocabulary import vocabulary_from
from kinerja.checks.yamlsource import Document
from kinerja.core.glossary import terms_from
from kinerja.core.policy import (
    COMPETENCY_KINDS,
    Indicator,
    Methodology,
    Policy,
    Standards,
    Unit,
    Vocabulary,
    example_record,
    indicator_from,
    methodology_from,
    standards_from,
    units_from,
)


def _clean(doc: Document | None, problems: list[Problem]) -> bool:
    return (
        doc is not None and doc.data is not None and not any(p.path == doc.path for p in problems)
    )


def _check_methodology(
    doc: Document, m: Methodology, boxes: tuple[int, int], words: Vocabulary
) -> Iterable[Problem]:
    """`boxes`: the talent boxes' first and last number, from the methodology schema."""
    stem = PurePath(doc.path).stem
    if stem != m.versi:
        yield at(
            doc,
            ("versi",),
            "METODOLOGI-VERSI",
            f"versi '{m.versi}' berbeda dengan nama berkas '{stem}.yaml'",
            f'samakan: ubah versi menjadi "{stem}" atau ganti nama berkas menjadi {m.versi}.yaml',
        )
    if m.sampai is not None and m.sampai < m.dari:
        yield at(
            doc,
            ("berlaku", "sampai"),
            "METODOLOGI-PERIODE",
            f"periode berlaku terbalik: sampai {m.sampai} sebelum dari {m.dari}",
            "tahun 'sampai' harus sama atau sesudah tahun 'dari'",
        )
    for key, thresholds, labels in (
        (("rating", "hasil_kerja"), m.rating_hasil, words.ratings),
        (("rating", "perilaku_kerja"), m.rating_perilaku, words.ratings),
        (("kompetensi", "kategori_jpm"), m.kategori_jpm, words.jpm_categories),
    ):
        seen = [t.label for t in thresholds]
        if sorted(seen) != sorted(labels):
            yield at(
                doc,
                key,
                "METODOLOGI-AMBANG",
                f"{' › '.join(key)} harus memuat tepat sekali: {', '.join(labels)}",
                "tambahkan yang kurang atau hapus yang ganda",
            )
        elif thresholds[-1].minimum != 0:
            yield at(
                doc,
                key,
                "METODOLOGI-AMBANG",
                f"ambang terendah {' › '.join(key)} harus 'minimal: 0' agar setiap nilai mendapat "
                "kategori",
                f"ubah minimal '{thresholds[-1].label}' menjadi 0",
            )
    if m.bobot_hasil + m.bobot_perilaku != 1:
        yield at(
            doc,
            ("bobot",),
            "METODOLOGI-BOBOT",
            "jumlah bobot hasil_kerja dan perilaku_kerja harus 1",
            "mis. hasil_kerja: 0.7 dan perilaku_kerja: 0.3",
        )
    yield from _check_boxes(doc, m, boxes)


def _check_boxes(doc: Document, m: Methodology, boxes: tuple[int, int]) -> Iterable[Problem]:
    numbers = sorted(b.nomor for b in m.kotak)
    cells = {(b.kinerja, b.potensial) for b in m.kotak}
    low, high = boxes
    if numbers != list(range(low, high + 1)) or len(cells) != high - low + 1:
        yield at(
            doc,
            ("kotak_talenta", "kotak"),
            "METODOLOGI-KOTAK",
            f"kotak talenta harus bernomor {low} sampai {high}, masing-masing dengan pasangan "
            "kinerja dan potensial yang berbeda",
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
            yield at(
                doc_b,
                ("berlaku", "dari"),
                "METODOLOGI-TUMPANG-TINDIH",
                f"periode berlaku versi {b.versi} tumpang tindih dengan versi {a.versi}",
                f"isi 'sampai: {b.dari - 1}' di versi {a.versi} agar setiap periode memakai "
                "satu versi",
            )


# Deliberate twins (duplicates tool): each check yields a located Problem in the
# same five-argument shape as _check_methodology's; the messages differ.
def _check_indicators(
    pairs: list[tuple[Document, Indicator]], unit_codes: set[str], scale: tuple[int, int]
):
    """`scale`: the lowest and highest level, from the indicator schema."""
    seen: dict[str, str] = {}
    for doc, ind in pairs:
        stem = PurePath(doc.path).stem
        if stem != ind.kode:
            yield at(
                doc,
                ("kode",),
                "INDIKATOR-KODE-BERKAS",
                f"kode '{ind.kode}' berbeda dengan nama berkas '{stem}.yaml'",
                f"samakan kode dengan nama berkas ({ind.kode}.yaml)",
            )
        if ind.kode in seen:
            yield at(
                doc,
                ("kode",),
                "INDIKATOR-KODE-GANDA",
                f"kode indikator '{ind.kode}' sudah dipakai di {seen[ind.kode]}",
                "setiap indikator harus memiliki kode yang berbeda",
            )
        seen.setdefault(ind.kode, doc.path)
        levels = [lv["level"] for lv in doc.data.get("level", [])]
        if levels and sorted(levels) != list(range(scale[0], scale[1] + 1)):
            yield at(
                doc,
                ("level",),
                "INDIKATOR-LEVEL",
                f"deskripsi level harus untuk level {scale[0]} sampai {scale[1]}, masing-masing "
                "sekali",
                "periksa nomor 'level' yang ganda atau terlewat",
            )
        for i, unit in enumerate(ind.unit_kerja):
            if unit_codes and unit not in unit_codes:
                yield at(
                    doc,
                    ("unit_kerja", i),
                    "RUJUKAN-UNIT-KERJA",
                    f"unit kerja '{unit}' tidak ada di data/unit-kerja.yaml",
                    "pakai kode unit kerja yang terdaftar atau tambahkan unitnya ke "
                    "data/unit-kerja.yaml",
                )


def _bounds(schemas: Schemas) -> tuple[int, int]:
    level = schemas["indikator"]["properties"]["level"]["items"]["properties"]["level"]
    return level["minimum"], level["maximum"]


def _boxes(schemas: Schemas) -> tuple[int, int]:
    box = schemas["metodologi"]["properties"]["kotak_talenta"]["properties"]["kotak"]
    nomor = box["items"]["properties"]["nomor"]
    return nomor["minimum"], nomor["maximum"]


def document_problems(loaded: Loaded) -> list[Problem]:
    """Parse, privacy and schema problems of every policy file (each on its own;
    the most costly part of the policy check in a fresh process)."""
    schemas = loaded.schemas
    problems = list(loaded.problems)
    for doc, kind in (
        (loaded.units, "unit-kerja"),
        (loaded.standards, "standar-kompetensi"),
        (loaded.data_source, "sumber-data"),
        (loaded.glossary, "istilah"),
        (loaded.releases, "rilis"),
    ):
        if doc is not None:
            problems += check_document(doc, kind, schemas)
    if loaded.glossary is not None:
        problems += check_glossary(loaded.glossary, problems)
    for doc in loaded.methodologies:
        problems += check_document(doc, "metodologi", schemas)
    for doc in loaded.indicators:
        problems += check_document(doc, "indikator", schemas)
    return problems


def _units(loaded: Loaded, problems: list[Problem]) -> tuple[Unit, ...]:
    units = units_from(loaded.units.data) if _clean(loaded.units, problems) else ()
    seen: set[str] = set()
    for i, u in enumerate(units):
        if u.kode in seen:
            assert loaded.units is not None
            problems.append(
                at(
                    loaded.units,
                    ("unit_kerja", i, "kode"),
                    "UNIT-KERJA-GANDA",
                    f"kode unit kerja '{u.kode}' ditulis lebih dari sekali",
                    "setiap unit kerja harus memiliki kode yang berbeda",
                )
            )
        seen.add(u.kode)
    return units


def _standards(
    loaded: Loaded, problems: list[Problem], indicators: dict[str, Indicator]
) -> Standards | None:
    doc = loaded.standards
    if doc is None or not _clean(doc, problems):
        return None
    for i, kode in enumerate(doc.data["kompetensi"]):
        ind = indicators.get(kode)
        if ind is None or ind.jenis not in COMPETENCY_KINDS[:2]:
            problems.append(
                at(
                    doc,
                    ("kompetensi", i),
                    "RUJUKAN-KOMPETENSI",
                    f"'{kode}' bukan kompetensi manajerial atau sosial kultural di data/indikator/",
                    "pakai kode indikator kompetensi yang terdaftar",
                )
            )
    return standards_from(doc.data, tuple(indicators.values()))


def validate_policy(
    loaded: Loaded, documents: list[Problem] | None = None
) -> tuple[list[Problem], Policy | None]:
    """Problems of the policy files, and the typed policy when there are none.
    `documents`: document_problems(loaded), when already known."""
    problems = document_problems(loaded) if documents is None else list(documents)
    units = _units(loaded, problems)
    ind_pairs = [
        (d, indicator_from(d.data, d.path)) for d in loaded.indicators if _clean(d, problems)
    ]
    problems += _check_indicators(ind_pairs, {u.kode for u in units}, _bounds(loaded.schemas))
    indicators = {ind.kode: ind for _, ind in ind_pairs}

    words = vocabulary_from(loaded.schemas)
    meth_pairs = [
        (d, methodology_from(d.data)) for d in loaded.methodologies if _clean(d, problems)
    ]
    for doc, m in meth_pairs:
        problems += _check_methodology(doc, m, _boxes(loaded.schemas), words)
        problems += _check_example(doc, m, loaded.schemas)
        problems += kinds.methodology_problems(doc, m, words)
    problems += _check_overlaps(meth_pairs)

    standards = _standards(loaded, problems, indicators)
    if problems or standards is None:
        return problems, None
    policy = Policy(
        methodologies=tuple(m for _, m in sorted(meth_pairs, key=lambda dm: dm[1].dari)),
        standards=standards,
        units=units,
        indicators=tuple(sorted(indicators.values(), key=lambda i: i.kode)),
        vocabulary=words,
        glossary=terms_from(loaded.glossary.data) if loaded.glossary is not None else (),
    )
    return problems, policy
