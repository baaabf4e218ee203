"""The calculation of one record, step by step, in plain Bahasa Indonesia.

HR uses it to show an employee how their result came about; the methodology
page prints the same steps for its worked example, so the two never differ.
Both kinds of methodology: under `angka` the numbers make the ratings; under
`rating` the pejabat penilai's ratings make the predikat and the numbers
only an advisory index beside them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from kinerja.core.hasil_kerja import ItemScore, efficiency
from kinerja.core.policy import Methodology, Policy, Threshold
from kinerja.core.record import Appraisal, Aspect, WorkItem
from kinerja.core.scoring import Score, mean_level, score
from kinerja.site.formatting import number, plain
from kinerja.site.labels import label

Names = Mapping[str, str]  # codes to reader names: category labels, indicator names


@dataclass(frozen=True)
class Section:
    title: str
    lines: tuple[str, ...]


def _band(
    value: Fraction, thresholds: tuple[Threshold, ...], places: int, chosen: str, names: Names
) -> str:
    shown = number(value, places)
    t = next(t for t in thresholds if t.label == chosen)
    higher = [x for x in thresholds if x.minimum > t.minimum]
    text = f"{shown} ≥ {plain(t.minimum)}"
    if higher:
        text += f" dan < {plain(min(x.minimum for x in higher))}"
    return f"{text} → {label(chosen, names)}"


def _efficiency_lines(name: str, a: Aspect, result: Fraction, m: Methodology, p: int) -> list[str]:
    assert m.konstanta_efisiensi is not None and m.batas_efisiensi is not None
    e = Fraction(*efficiency(a))
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


def _capaian_line(name: str, a: Aspect, result: Fraction, m: Methodology, p: int) -> str:
    assert m.advisory is not None
    t, r = plain(a.target), plain(a.realisasi)
    cap = plain(m.advisory.batas_capaian[name])
    if name in ("kuantitas", "kualitas"):
        raw = f"{r} / {t} × 100"
    else:
        raw = f"100 + (100 − {r}/{t} × 100)"
    return f"{name}: {raw}, dibatasi 0 sampai {cap} = {number(result, p)}"


def _item_lines(item: WorkItem, result: ItemScore, m: Methodology, p: int) -> list[str]:
    aspects = [("kuantitas", item.kuantitas, result.kuantitas)]
    aspects += [("kualitas", item.kualitas, result.kualitas), ("waktu", item.waktu, result.waktu)]
    if item.biaya is not None and result.biaya is not None:
        aspects.append(("biaya", item.biaya, result.biaya))
    lines: list[str] = []
    for name, a, value in aspects:
        if m.advisory is not None:
            lines.append(_capaian_line(name, a, value, m, p))
        elif name in ("kuantitas", "kualitas"):
            lines.append(
                f"{name}: {plain(a.realisasi)} / {plain(a.target)} × 100 = {number(value, p)}"
            )
        else:
            unit = "bulan" if name == "waktu" else "rupiah"
            lines += _efficiency_lines(f"{name} ({unit})", a, value, m, p)
    parts = " + ".join(number(v, p) for _, _, v in aspects)
    word = "indeks butir" if m.advisory is not None else "nilai butir"
    lines.append(f"{word} = ({parts}) / {len(aspects)} = {number(result.nilai, p)}")
    return lines


def _hasil(a: Appraisal, s: Score, m: Methodology, p: int, names: Names) -> list[Section]:
    out = [
        Section(f"Hasil kerja, butir ke-{i}", tuple(_item_lines(item, result, m, p)))
        for i, (item, result) in enumerate(zip(a.hasil_kerja, s.butir, strict=True), start=1)
    ]
    if s.hasil_nilai is None:
        lines = ("Tidak ada target dan realisasi angka: tidak ada indeks saran hasil kerja.",)
    else:
        values = " + ".join(number(b.nilai, p) for b in s.butir)
        word = "indeks saran = " if m.advisory is not None else ""
        lines = (
            f"{word}rerata butir = ({values}) / {len(s.butir)} = {number(s.hasil_nilai, p)}",
            ("rating angka saran: " if m.advisory is not None else "rating: ")
            + _band(s.hasil_nilai, m.rating_hasil, p, s.hasil_rating_angka or "", names),
        )
    title = "Indeks saran hasil kerja" if m.advisory else "Nilai dan rating hasil kerja"
    return [*out, Section(title, lines)]


def _perilaku(a: Appraisal, s: Score, m: Methodology, p: int, names: Names) -> Section:
    title = "Indeks saran perilaku kerja" if m.advisory else "Nilai dan rating perilaku kerja"
    level = mean_level(a)
    if level is None or s.perilaku_nilai is None:
        return Section(
            title, ("Tidak ada level BerAKHLAK: tidak ada indeks saran perilaku kerja.",)
        )
    values = [v for _, v in a.perilaku_kerja]
    mean = f"rerata = {sum(values)} / {len(values)} = {number(level, p)}"
    if m.advisory is not None:
        adv = m.advisory
        formula = (
            f"; indeks = 100 + (rerata − {plain(adv.level_ekspektasi)}) × "
            f"{plain(adv.langkah_per_level)} = {number(s.perilaku_nilai, p)}"
        )
    else:
        assert m.pengali_perilaku is not None
        formula = f"; × {plain(m.pengali_perilaku)} = {number(s.perilaku_nilai, p)}"
    word = "rating angka saran: " if m.advisory is not None else "rating: "
    return Section(
        title,
        (
            "nilai BerAKHLAK: " + ", ".join(f"{label(k, names)} {v}" for k, v in a.perilaku_kerja),
            mean + formula,
            word
            + _band(s.perilaku_nilai, m.rating_perilaku, p, s.perilaku_rating_angka or "", names),
        ),
    )


def _given(a: Appraisal, s: Score, m: Methodology, policy: Policy, names: Names) -> Section:
    lines = [
        f"rating hasil kerja dari pejabat penilai: {label(s.hasil_rating, names)}",
        f"rating perilaku kerja dari pejabat penilai: {label(s.perilaku_rating, names)}",
    ]
    unit = policy.unit(a.unit_kerja)
    org = unit.predikat_organisasi.get(a.periode) if unit else None
    if a.kepala_unit and org is not None and m.advisory is not None:
        lines.append(
            f"kepala unit: predikat kinerja organisasi {label(org, names)} → rating hasil kerja "
            f"{label(m.advisory.kepala_unit[org], names)}"
        )
    for what, given, advisory in (
        ("hasil kerja", s.hasil_rating, s.hasil_rating_angka),
        ("perilaku kerja", s.perilaku_rating, s.perilaku_rating_angka),
    ):
        if advisory is not None and advisory != given:
            lines.append(
                f"{what}: rating yang diberikan berbeda dengan rating angka saran "
                f"({label(advisory, names).lower()}); yang berlaku rating yang diberikan"
            )
    return Section("Rating yang diberikan", tuple(lines))


def _predikat(s: Score, m: Methodology, p: int, names: Names) -> Section:
    lines = [
        f"matriks: hasil kerja {label(s.hasil_rating, names).lower()} × perilaku kerja "
        f"{label(s.perilaku_rating, names).lower()} → {label(s.predikat, names)}"
    ]
    if s.nilai_kinerja is None:
        lines.append("nilai kinerja: tidak ada (indeks saran tidak lengkap)")
    else:
        word = "nilai kinerja saran" if m.advisory is not None else "nilai kinerja"
        lines.append(
            f"{word} = {plain(m.bobot_hasil)} × {number(s.hasil_nilai, p)} + "
            f"{plain(m.bobot_perilaku)} × {number(s.perilaku_nilai, p)} = "
            f"{number(s.nilai_kinerja, p)}"
        )
    return Section("Predikat kinerja", tuple(lines))


def _competency(s: Score, m: Methodology, p: int, names: Names) -> Section:
    if s.jpm is None:
        lines: tuple[str, ...] = (
            "Tidak ada penilaian kompetensi pada periode ini: JPM dan kotak talenta kosong.",
        )
    else:
        terms = [
            f"{label(k, names)} {s.attained[k]}/{req} (selisih {s.gap[k]:+d}, "
            f"dihitung {s.counted[k]})"
            for k, req in s.required.items()
        ]
        total, total_req = sum(s.counted.values()), sum(s.required.values())
        lines = (
            "level dicapai/standar: " + "; ".join(terms),
            f"JPM = {total} / {total_req} × 100 = {number(s.jpm, p)} %",
            "kategori: " + _band(s.jpm, m.kategori_jpm, p, s.jpm_kategori or "", names),
        )
    return Section("Kompetensi (Job Person Match)", lines)


def _training_and_box(a: Appraisal, s: Score, m: Methodology, names: Names) -> list[Section]:
    if s.memenuhi_jp is None:
        jp = (
            f"Jumlah JP {s.jp}; aturan {m.jp_minimal} JP tidak berlaku untuk {label(a.status, names)}.",
        )
    else:
        verdict = "memenuhi" if s.memenuhi_jp else "belum memenuhi"
        sign = "≥" if s.memenuhi_jp else "<"
        jp = (f"Jumlah JP {s.jp} {sign} {m.jp_minimal} → {verdict}.",)
    axis = f"Sumbu kinerja: {label(s.predikat, names)} → {label(s.sumbu_kinerja, names)}"
    if s.kotak_talenta is None:
        box = (f"{axis}; tanpa JPM tidak ada sumbu potensial, sehingga tidak ada kotak talenta.",)
    else:
        box = (
            f"{axis}; sumbu potensial: {label(s.jpm_kategori, names)} → {label(s.sumbu_potensial, names)} → "
            f"kotak {s.kotak_talenta}.",
        )
    return [Section("Pengembangan kompetensi", jp), Section("Kotak talenta", box)]


def sections(a: Appraisal, policy: Policy) -> tuple[Score, list[Section]]:
    s = score(a, policy)
    m = policy.methodology_for(a.periode)
    assert m is not None
    p = m.desimal
    # the schemas' labels of categories and the indicators' names
    names = {**policy.vocabulary.labels, **{i.kode: i.nama for i in policy.indicators}}
    kind = (
        "jenis rating: rating ditetapkan pejabat penilai; angka hanya indeks saran"
        if m.advisory is not None
        else "jenis angka: rating dihitung dari angka"
    )
    head = Section(
        "Data catatan",
        (
            f"Periode {a.periode}, metodologi versi {m.versi} ({kind}).",
            f"Jenis jabatan {label(a.jenis_jabatan, names)}, status {label(a.status, names)}.",
        ),
    )
    out = [head]
    if m.advisory is not None:
        out.append(_given(a, s, m, policy, names))
    out += _hasil(a, s, m, p, names)
    out.append(_perilaku(a, s, m, p, names))
    out.append(_predikat(s, m, p, names))
    out.append(_competency(s, m, p, names))
    out += _training_and_box(a, s, m, names)
    return s, out


def explain(a: Appraisal, policy: Policy) -> str:
    _, parts = sections(a, policy)
    blocks = [f"Catatan {a.id}"]
    for sec in parts:
        blocks.append(sec.title + "\n" + "\n".join("  " + line for line in sec.lines))
    return "\n".join(blocks)
