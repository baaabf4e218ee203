"""Human labels for the enumerations, in Bahasa Indonesia.

The data keys stay snake_case (a contract); people read these.
"""

from __future__ import annotations

LABEL = {
    "di_atas_ekspektasi": "Di atas ekspektasi",
    "sesuai_ekspektasi": "Sesuai ekspektasi",
    "di_bawah_ekspektasi": "Di bawah ekspektasi",
    "sangat_baik": "Sangat Baik",
    "baik": "Baik",
    "butuh_perbaikan": "Butuh Perbaikan",
    "kurang": "Kurang/Misconduct",
    "sangat_kurang": "Sangat Kurang",
    "istimewa": "Istimewa",
    "optimal": "Optimal",
    "cukup_optimal": "Cukup Optimal",
    "kurang_optimal": "Kurang Optimal",
    "jpt_pratama": "JPT Pratama",
    "administrator": "Administrator",
    "pengawas": "Pengawas",
    "pelaksana": "Pelaksana",
    "fungsional": "Fungsional",
    "pns": "PNS",
    "pppk": "PPPK",
    "l": "Laki-laki",
    "p": "Perempuan",
    "tidak_dicatat": "Tidak dicatat",
    "memenuhi": "Memenuhi",
    "melanggar": "Melanggar",
    "tidak_dapat_dinilai": "Tidak dapat dinilai (angka ditekan)",
    "di_atas": "di atas ekspektasi",
    "sesuai": "sesuai ekspektasi",
    "di_bawah": "di bawah ekspektasi",
    "tinggi": "tinggi",
    "menengah": "menengah",
    "rendah": "rendah",
    "semua": "Seluruh ASN",
    "unit_kerja": "Unit kerja",
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
}


def label(key: str | None) -> str:
    if key is None:
        return "—"
    return LABEL.get(key, key.replace("_", " ").capitalize())


def curve_rule(predikat: tuple[str, ...], kind: str, limit: object) -> str:
    """One kurva distribusi rule in words: 'Sangat Baik paling banyak 70 %'."""
    names = " + ".join(label(p) for p in predikat)
    from kinerja.formatting import plain

    amount = plain(limit)  # type: ignore[arg-type]
    words = {
        "paling_banyak_persen": f"paling banyak {amount} %",
        "paling_sedikit_persen": f"paling sedikit {amount} %",
        "paling_sedikit_orang": f"paling sedikit {amount} orang",
    }
    return f"{names} {words.get(kind, kind)}"
