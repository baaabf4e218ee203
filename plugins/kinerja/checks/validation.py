"""Checks of one record file, and the one check across record files
(duplicate ids). Pure over parsed documents: it returns problems and the typed
appraisal; it never raises on bad input and never stops at the first problem,
so HR sees every mistake in one run. Policy files: see policycheck.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import PurePath
from typing import Any

from kinerja.checks import kinds, limits, privacy, schemacheck
from kinerja.checks.problems import Problem
from kinerja.checks.schemacheck import Schemas
from kinerja.checks.yamlsource import Document, Pointer
from kinerja.core.policy import COMPETENCY_KINDS, Indicator, Policy
from kinerja.core.record import Appraisal, appraisal_from


def at(doc: Document, pointer: Pointer, code: str, message: str, hint: str) -> Problem:
    line, col = doc.position(pointer)
    return Problem(doc.path, line, col, code, message, hint)


def at_key(doc: Document, pointer: Pointer, code: str, message: str, hint: str) -> Problem:
    line, col = doc.key_position(pointer)
    return Problem(doc.path, line, col, code, message, hint)


def check_document(doc: Document, kind: str, schemas: Schemas) -> list[Problem]:
    """Parse, privacy and schema problems of one file."""
    found = list(doc.problems)
    text = doc.raw.decode("utf-8", errors="replace")
    found.extend(privacy.scan_text(doc.path, text))
    if doc.data is None or doc.problems:
        return found
    over = limits.exceeded(doc, limits.FileLimits.of(schemas[kind]))
    if over:
        return found + over
    if schemacheck.fast_valid(doc.data, kind, schemas):
        # valid files have only schema keys; kompetensi codes are the one open set
        if kind == "pegawai" and privacy.has_private_key(doc.data.get("kompetensi")):
            found.extend(privacy.scan_keys(doc))
        return found
    if kind == "pegawai":
        found.extend(privacy.scan_keys(doc))
    found.extend(schemacheck.check(doc, kind, schemas))
    return found


def _location_problems(doc: Document, location: str | None) -> Iterable[Problem]:
    """A file whose folder disagrees with its content, reported at the line that differs."""
    data = doc.data
    if location is None:
        return
    expected = f"{data['periode']}/{data['unit_kerja']}/{data['id']}.yaml"
    if location == expected:
        return
    parts = location.split("/")
    found = dict(zip(("periode", "unit_kerja", "id"), parts, strict=False))
    found["id"] = found.get("id", "").removesuffix(".yaml")
    differs = [k for k in ("periode", "unit_kerja", "id") if str(data[k]) != found.get(k)]
    key = differs[0] if differs else "id"
    yield at_key(
        doc,
        (key,),
        "JALUR-TIDAK-SESUAI",
        f"{key} {data[key]} tidak sesuai letak berkas (folder/nama berkas menyebut "
        f"{found.get(key) or '—'})",
        f"kembalikan {key} menjadi {found.get(key)} bila isinya yang keliru, atau pindahkan "
        f"berkas ke data/pegawai/{expected}",
    )


def _policy_references(doc: Document, policy: Policy) -> Iterable[Problem]:
    periode, unit = doc.data["periode"], doc.data["unit_kerja"]
    if policy.unit(unit) is None:
        yield at(
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
        yield at(
            doc,
            ("periode",),
            "PERIODE-TANPA-METODOLOGI",
            f"tidak ada versi metodologi yang berlaku untuk periode {periode}",
            f"periksa tahun periode; versi yang ada: {versions or 'tidak ada'}",
        )


def _unpaired_costs(doc: Document) -> Iterable[Problem]:
    for i, item in enumerate(doc.data.get("hasil_kerja") or ()):
        in_target = "biaya" in item["target"]
        in_real = "biaya" in item["realisasi"]
        if in_target != in_real:
            side, other = ("target", "realisasi") if in_target else ("realisasi", "target")
            yield at_key(
                doc,
                ("hasil_kerja", i, side, "biaya"),
                "BIAYA-TIDAK-BERPASANGAN",
                f"hasil_kerja butir ke-{i + 1}: biaya ada di {side} tetapi tidak ada di {other}",
                f"tambahkan 'biaya:' di {other}, atau hapus 'biaya:' dari {side} bila butir ini "
                "tidak beranggaran",
            )


def _indicator_references(doc: Document, indicators: dict[str, Indicator]) -> Iterable[Problem]:
    for key in doc.data.get("perilaku_kerja") or {}:
        ind = indicators.get(key)
        if ind is None or ind.jenis != "perilaku_kerja":
            yield at_key(
                doc,
                ("perilaku_kerja", key),
                "RUJUKAN-INDIKATOR",
                f"'{key}' bukan indikator perilaku kerja di data/indikator/",
                "pakai kode nilai BerAKHLAK yang terdaftar",
            )
    for key in doc.data.get("kompetensi") or {}:
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
            yield at_key(
                doc,
                ("kompetensi", key),
                "RUJUKAN-KOMPETENSI",
                f"kompetensi '{key}' tidak dikenal",
                hint,
            )


def _record_problems(
    doc: Document, policy: Policy, indicators: dict[str, Indicator], location: str | None
) -> list[Problem]:
    return [
        *_location_problems(doc, location),
        *_policy_references(doc, policy),
        *_unpaired_costs(doc),
        *_indicator_references(doc, indicators),
    ]


def policy_blocked(data_dir: PurePath) -> Problem:
    return Problem(
        str(data_dir),
        1,
        1,
        "KEBIJAKAN-TIDAK-VALID",
        "catatan pegawai tidak dapat diperiksa silang karena berkas kebijakan bermasalah",
        "perbaiki masalah di berkas kebijakan di atas dulu, lalu jalankan lagi",
    )


# The last policy's indicators by code: a build checks every record against
# one policy, so the index is made once, not once a record.
_INDICATORS: list[Any] = [None, {}]


def _indicators_of(policy: Policy) -> dict[str, Indicator]:
    if _INDICATORS[0] is not policy:
        _INDICATORS[:] = [policy, {i.kode: i for i in policy.indicators}]
    return _INDICATORS[1]


def check_record(
    doc: Document, policy: Policy | None, schemas: Schemas, location: str | None
) -> tuple[list[Problem], Appraisal | None]:
    """Every problem of one record file; the typed record when it has none.

    `location` is the file's path under data/pegawai/ (None: not checked).
    """
    found = check_document(doc, "pegawai", schemas)
    if found or doc.data is None or policy is None:
        return found, None
    found = _record_problems(doc, policy, _indicators_of(policy), location)
    found += kinds.record_problems(doc, policy)
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
    if len({(rid, periode) for _, rid, periode in records}) == len(records):
        return []  # the usual case: no sort needed to name the first of each pair
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
