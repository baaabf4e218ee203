"""Human labels for the enumerations, in Bahasa Indonesia.

The data keys stay snake_case (a contract); people read these.
"""

from __future__ import annotations

from collections.abc import Mapping

# The engine's own categories and names (not in the data, so not in the
# schemas); the data's categories are labelled beside their enum in
# schemas/ (`x-label`) and reach here through the policy's Vocabulary.
LABEL = {
    "tidak_dicatat": "Tidak dicatat",
    "memenuhi": "Memenuhi",
    "sesuai_kurva": "Sesuai kurva",
    "tidak_sesuai_kurva": "Tidak sesuai kurva",
    "tidak_dapat_dinilai": "Tidak dapat dinilai (angka disembunyikan)",
    "semua": "Seluruh ASN",
    "unit_kerja": "Perangkat daerah",
    "jenis_jabatan": "Jenis jabatan",
    "status": "Status kepegawaian",
    "jenis_kelamin": "Jenis kelamin",
    "ditetapkan_peraturan": "Ditetapkan peraturan",
    "kebijakan_daerah": "Kebijakan daerah",
    "belum_terverifikasi": "Belum terverifikasi",
    "perilaku_kerja": "Perilaku kerja (BerAKHLAK)",
    "kompetensi_manajerial": "Kompetensi manajerial",
    "kompetensi_sosial_kultural": "Kompetensi sosial kultural",
    "kompetensi_teknis": "Kompetensi teknis",
    "aspek_hasil_kerja": "Aspek hasil kerja",
    "pengembangan_kompetensi": "Pengembangan kompetensi",
    "lebih_tinggi": "Lebih tinggi",
    "lebih_rendah": "Lebih rendah",
    "sama": "Sama",
    "tanpa_angka": "Tanpa angka pembanding",
}


def label(key: str | None, names: Mapping[str, str]) -> str:
    """A code in words. `names` first: the schemas' labels of the data's
    categories (the policy's `vocabulary.labels`) and any reader names (units,
    indicators); then the engine's own; else the code, made readable."""
    if key is None:
        return "—"
    return names.get(key) or LABEL.get(key) or key.replace("_", " ").capitalize()


UKURAN = {
    "jumlah_pegawai": "Jumlah ASN",
    "rerata_jpm": "Rerata JPM",
    "jpm_tidak_dinilai": "Kompetensi tidak dinilai",
    "kotak_talenta_tidak_ada": "Tanpa kotak talenta",
    "pengembangan_memenuhi_jp": "PNS memenuhi JP minimal",
    "pengembangan_belum_memenuhi_jp": "PNS belum memenuhi JP minimal",
    "pengembangan_tidak_berlaku": "Aturan JP minimal tidak berlaku",
    "persen_memenuhi_jp": "Persentase PNS memenuhi JP minimal",
    "tidak_sesuai_kurva_distribusi": "Tidak sesuai kurva distribusi",
}
_UKURAN_PREFIX = (
    ("selisih_rating_hasil_kerja_", "Rating hasil kerja yang diberikan, dibanding angka:"),
    ("selisih_rating_perilaku_kerja_", "Rating perilaku kerja yang diberikan, dibanding angka:"),
    ("rerata_gap_", "Rerata selisih kompetensi"),
    ("rerata_nilai_", "Rerata nilai"),
    ("median_nilai_", "Median nilai"),
    ("rating_hasil_kerja_", "Rating hasil kerja"),
    ("rating_perilaku_kerja_", "Rating perilaku kerja"),
    ("predikat_", "Predikat"),
    ("jpm_", "JPM"),
    ("kotak_talenta_", "Kotak talenta"),
)


def ukuran_label(ukuran: str, names: Mapping[str, str]) -> str:
    """A published measure in words: 'rerata_nilai_perilaku_kerja' -> 'Rerata nilai perilaku
    kerja'. `names`: as for `label`."""
    if ukuran in UKURAN:
        return UKURAN[ukuran]
    for prefix, words in _UKURAN_PREFIX:
        if ukuran.startswith(prefix):
            rest = ukuran[len(prefix) :]
            if prefix.endswith("nilai_"):
                name = rest.replace("_", " ")
            else:
                name = rest if rest.isdigit() else label(rest, names)
            if prefix.startswith(("rating_", "selisih_")):
                name = name.lower()
            return f"{words} {name}"
    return label(ukuran, names)


def curve_rule(
    predikat: tuple[str, ...], kind: str, limit: object, names: Mapping[str, str]
) -> str:
    """One kurva distribusi rule in words: 'Sangat Baik paling banyak 70 %'."""
    which = " + ".join(label(p, names) for p in predikat)
    from kinerja.site.formatting import plain

    amount = plain(limit)  # type: ignore[arg-type]
    words = {
        "paling_banyak_persen": f"paling banyak {amount} %",
        "paling_sedikit_persen": f"paling sedikit {amount} %",
        "paling_sedikit_orang": f"paling sedikit {amount} orang",
    }
    return f"{which} {words.get(kind, kind)}"
