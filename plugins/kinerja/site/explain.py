"""The calculation of one record, step by step, in plain Bahasa Indonesia.

HR uses it to show an employee how their result came about; the methodology
page prints the same steps for its worked example, so the two never differ.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from kinerja.core.hasil_kerja import efficiency
from kinerja.core.policy import Methodology, Policy, Threshold
from kinerja.core.record import Appraisal, Aspect
from kinerja.core.scoring import Score, score
from kinerja.site.formatting import number, plain
from kinerja.site.labels import label


@dataclass(frozen=True)
class Section:
    title: str
    lines: tuple[str, ...]


def _band(value: Fraction, thresholds: tuple[Threshold, ...], places: int, chosen: str) -> str:
    shown = number(value, places)
    t = next(t for t in thresholds if t.label == chosen)
    higher = [x for x in thresholds if x.minimum > t.minimum]
    text = f"{shown} ≥ {plain(t.minimum)}"
    if higher:
        text += f" dan < {plain(min(x.minimum for x in higher))}"
    return f"{text} → {label(chosen)}"


def _efficiency_lines(name: str, a: Aspect, result: Fraction, m: Methodology, p: int) -> list[str]:
    e = efficiency(a)
    t, r = plain(a.target), plain(a.realisasi)
    k = plain(m.konstanta_efisiensi)
    lines = [
        f"{name}: target {t}, realisasi {r}; efisiensi = 100 − {r}/{t} × 100 = {number(e, p)} %"
    ]
    if e <= m.batas_efisiensi:
        lines.append(
            f"  efisiensi ≤ {plain(m.batas_efisiensi)} %, maka (({k} × {t} − {r}) / {t}) × 100 "
            f"= {number(result, p)}"
        )
    else:
        lines.append(
            f"  efisiensi > {plain(m.batas_efisiensi)} %, maka {plain(m.nilai_dasar_efisiensi)} − "
            f"((({k} × {t} − {r}) / {t}) × 100 − 100) = {number(result, p)}"
        )
    return lines


def sections(a: Appraisal, policy: Policy) -> tuple[Score, list[Section]]:
    s = score(a, policy)
    m = policy.methodology_for(a.periode)
    assert m is not None
    p = m.desimal
    names = {i.kode: i.nama for i in policy.indicators}
    out: list[Section] = []
    head = [
        f"Periode {a.periode}, metodologi versi {m.versi}.",
        f"Jenis jabatan {label(a.jenis_jabatan)}, status {label(a.status)}.",
    ]
    out.append(Section("Data catatan", tuple(head)))

    for i, (item, result) in enumerate(zip(a.hasil_kerja, s.butir, strict=True), start=1):
        lines = [
            f"kuantitas: {plain(item.kuantitas.realisasi)} / {plain(item.kuantitas.target)} × 100"
            f" = {number(result.kuantitas, p)}",
            f"kualitas: {plain(item.kualitas.realisasi)} / {plain(item.kualitas.target)} × 100"
            f" = {number(result.kualitas, p)}",
        ]
        lines += _efficiency_lines("waktu (bulan)", item.waktu, result.waktu, m, p)
        used = [result.kuantitas, result.kualitas, result.waktu]
        if item.biaya is not None and result.biaya is not None:
            lines += _efficiency_lines("biaya (rupiah)", item.biaya, result.biaya, m, p)
            used.append(result.biaya)
        parts = " + ".join(number(v, p) for v in used)
        lines.append(f"nilai butir = ({parts}) / {len(used)} = {number(result.nilai, p)}")
        out.append(Section(f"Hasil kerja, butir ke-{i}", tuple(lines)))

    item_values = " + ".join(number(b.nilai, p) for b in s.butir)
    out.append(
        Section(
            "Nilai dan rating hasil kerja",
            (
                f"rerata butir = ({item_values}) / {len(s.butir)} = {number(s.hasil_nilai, p)}",
                "rating: " + _band(s.hasil_nilai, m.rating_hasil, p, s.hasil_rating),
            ),
        )
    )
    values = [v for _, v in a.perilaku_kerja]
    out.append(
        Section(
            "Nilai dan rating perilaku kerja",
            (
                "nilai BerAKHLAK: "
                + ", ".join(f"{names.get(k, label(k))} {v}" for k, v in a.perilaku_kerja),
                f"rerata = {sum(values)} / {len(values)} = "
                f"{number(Fraction(sum(values), len(values)), p)}; "
                f"× {plain(m.pengali_perilaku)} = {number(s.perilaku_nilai, p)}",
                "rating: " + _band(s.perilaku_nilai, m.rating_perilaku, p, s.perilaku_rating),
            ),
        )
    )
    out.append(
        Section(
            "Predikat kinerja",
            (
                f"matriks: hasil kerja {label(s.hasil_rating).lower()} × perilaku kerja "
                f"{label(s.perilaku_rating).lower()} → {label(s.predikat)}",
                f"nilai kinerja = {plain(m.bobot_hasil)} × {number(s.hasil_nilai, p)} + "
                f"{plain(m.bobot_perilaku)} × {number(s.perilaku_nilai, p)} = "
                f"{number(s.nilai_kinerja, p)}",
            ),
        )
    )
    if s.jpm is None:
        comp = ("Tidak ada penilaian kompetensi pada periode ini: JPM dan kotak talenta kosong.",)
    else:
        terms = []
        for kode, req in s.required.items():
            att = s.attained[kode]
            counted = min(att, req) if m.batasi_pada_standar else att
            terms.append(
                f"{names.get(kode, label(kode))} {att}/{req} (selisih {att - req:+d}, dihitung {counted})"
            )
        total_req = sum(s.required.values())
        total = sum(
            min(s.attained[k], r) if m.batasi_pada_standar else s.attained[k]
            for k, r in s.required.items()
        )
        comp = (
            "level dicapai/standar: " + "; ".join(terms),
            f"JPM = {total} / {total_req} × 100 = {number(s.jpm, p)} %",
            "kategori: " + _band(s.jpm, m.kategori_jpm, p, s.jpm_kategori or ""),
        )
    out.append(Section("Kompetensi (Job Person Match)", comp))
    if s.memenuhi_jp is None:
        jp = (f"Jumlah JP {s.jp}; aturan {m.jp_minimal} JP tidak berlaku untuk {label(a.status)}.",)
    else:
        verdict = "memenuhi" if s.memenuhi_jp else "belum memenuhi"
        sign = "≥" if s.memenuhi_jp else "<"
        jp = (f"Jumlah JP {s.jp} {sign} {m.jp_minimal} → {verdict}.",)
    out.append(Section("Pengembangan kompetensi", jp))
    if s.kotak_talenta is None:
        box = (
            f"Sumbu kinerja: {label(s.predikat)} → {label(s.sumbu_kinerja)}; "
            "tanpa JPM tidak ada sumbu potensial, sehingga tidak ada kotak talenta.",
        )
    else:
        box = (
            f"Sumbu kinerja: {label(s.predikat)} → {label(s.sumbu_kinerja)}; sumbu potensial: "
            f"{label(s.jpm_kategori)} → {label(s.sumbu_potensial)} → kotak {s.kotak_talenta}.",
        )
    out.append(Section("Kotak talenta", box))
    return s, out


def explain(a: Appraisal, policy: Policy) -> str:
    _, parts = sections(a, policy)
    blocks = [f"Catatan {a.id}"]
    for sec in parts:
        blocks.append(sec.title + "\n" + "\n".join("  " + line for line in sec.lines))
    return "\n".join(blocks)
