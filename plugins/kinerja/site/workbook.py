"""The import template as data: what each column accepts and how to say so.

Everything comes from the pegawai schema (enumerations, number bounds) and
the policy (unit kerja names, indicator names), so the template cannot drift
from what `kinerja validate` accepts. The workbook adapter turns this into
an .xlsx with drop-down lists, number validation and input messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kinerja.core.policy import Policy
from kinerja.site.labels import label

SEPARATOR = " — "  # between a unit's code and its name in the drop-down list
TEMPLATE_NAME = "templat-impor-kinerja.xlsx"
YES_NO = (("ya", "Ya"), ("tidak", "Tidak"))


@dataclass(frozen=True)
class Bounds:
    whole: bool
    low: float | None = None
    high: float | None = None
    low_open: bool = False  # strictly greater than low

    def words(self) -> str:
        kind = "bilangan bulat" if self.whole else "angka"
        parts = []
        if self.low is not None:
            parts.append(f"{'lebih dari' if self.low_open else 'paling kecil'} {_n(self.low)}")
        if self.high is not None:
            parts.append(f"paling besar {_n(self.high)}")
        return kind + (" " + " dan ".join(parts) if parts else "")


@dataclass(frozen=True)
class Column:
    name: str
    prompt: str
    choices: tuple[tuple[str, str], ...] = ()  # (what is typed, what it means)
    bounds: Bounds | None = None
    text: bool = False  # kept as text (NIP)

    @property
    def list_name(self) -> str:
        return "daftar_" + self.name


def _n(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")


def bounds_of(node: dict[str, Any]) -> Bounds | None:
    if node.get("type") not in ("integer", "number"):
        return None
    low, low_open = node.get("minimum"), False
    if "exclusiveMinimum" in node:
        low, low_open = node["exclusiveMinimum"], True
    return Bounds(node["type"] == "integer", low, node.get("maximum"), low_open)


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref", "")  # "#/$defs/skala", or "pegawai.schema.json#/$defs/skala"
    if "#/$defs/" in ref:  # once a validator has resolved it
        return {**schema["$defs"][ref.split("#/$defs/")[1]], **node}
    return node


def schema_node(schema: dict[str, Any], column: str, indicator: bool = False):
    """The schema node a template column fills, or None for columns the record lacks."""
    props = schema["properties"]
    if column in props:
        return _resolve(schema, props[column])
    for group in ("perilaku_kerja", "kompetensi"):
        node = props.get(group, {}).get("properties", {}).get(column)
        if node is not None:
            return _resolve(schema, node)
    extra = props.get("kompetensi", {}).get("additionalProperties")
    if indicator and isinstance(extra, dict):  # a kompetensi teknis
        return _resolve(schema, extra)
    for outer, sub in (("target_", "target"), ("realisasi_", "realisasi")):
        if column.startswith(outer):
            item = props["hasil_kerja"]["items"]["properties"][sub]["properties"]
            return item.get(column.removeprefix(outer))
    if column.startswith("rating_") and "rating" in props:
        node = props["rating"].get("properties", {}).get(column.removeprefix("rating_"))
        return None if node is None else _resolve(schema, node)
    training = props["pengembangan_kompetensi"]["items"]["properties"]
    return training.get(column)


FIXED_PROMPTS = {
    "nip": "NIP 18 digit, diketik sebagai teks. Tidak disimpan: diubah menjadi ID pseudonim.",
    "nama": "Boleh diisi untuk memudahkan Anda; tidak dibaca dan tidak disimpan.",
    "periode": "Tahun penilaian, mis. 2025.",
    "rencana": "Rencana hasil kerja (tidak ditampilkan di portal).",
    "satuan": "Satuan keluaran, mis. dokumen, laporan, kegiatan.",
    "kegiatan": "Nama pelatihan atau kegiatan pengembangan kompetensi.",
}


def _choices(schema: dict[str, Any], node: dict[str, Any], column: str, policy: Policy):
    if column == "unit_kerja":
        return tuple((u.kode + SEPARATOR + u.nama, u.nama) for u in policy.units)
    if "enum" in node:
        names = node.get("x-label", {})  # the schema's labels beside its enum
        return tuple((str(v), label(str(v), names)) for v in node["enum"])
    if node.get("type") == "boolean":
        return YES_NO
    return ()


def required(schema: dict[str, Any]) -> set[str]:
    """Template columns that may not stay empty, from the schema's `required` lists."""
    props = schema["properties"]
    item = props["hasil_kerja"]["items"]
    out = {"nip", *schema["required"], *props["perilaku_kerja"]["required"]}
    out |= set(item["required"]) - {"target", "realisasi"}
    for part in ("target", "realisasi"):
        for key in item["properties"][part]["required"]:
            out.add(key if key == "satuan" else f"{part}_{key}")
    out |= set(props["pengembangan_kompetensi"]["items"]["required"])
    if "required" in props.get("rating", {}):
        out |= {f"rating_{k}" for k in props["rating"]["required"]}
    return out


def _need(name: str, schema: dict[str, Any], names: dict[str, str]) -> str:
    """Whether the cell may stay empty; rating and levels depend on the methodology kind."""
    behaviour = schema["properties"]["perilaku_kerja"]["required"]
    if name.startswith("rating_"):
        return " Wajib bila periodenya memakai metodologi jenis rating; kosongkan bila jenis angka."
    if name in behaviour:
        return " Wajib pada metodologi jenis angka; boleh kosong pada jenis rating."
    return " Wajib." if name in required(schema) else " Boleh kosong."


def column(name: str, schema: dict[str, Any], policy: Policy) -> Column:
    names = {i.kode: i.nama for i in policy.indicators}
    node = schema_node(schema, name, name in names) or {}
    choices = _choices(schema, node, name, policy)
    bounds = None if choices else bounds_of(node)
    prompt = FIXED_PROMPTS.get(name) or names.get(name) or node.get("title") or name
    if name in names:
        prompt = f"{names[name]}."
    if choices:
        shown = (
            "pilih dari daftar"
            if name == "unit_kerja"
            else "pilih: " + ", ".join(c for c, _ in choices)
        )
        prompt = f"{prompt.rstrip('.')}: {shown} (lembar Kode)."
    elif bounds is not None:
        prompt = f"{prompt.rstrip('.')}. Isi {bounds.words()}."
    prompt += _need(name, schema, names)
    return Column(name, prompt[:250], choices, bounds, text=name == "nip")


def columns(
    headers: dict[str, list[str]], schema: dict[str, Any], policy: Policy
) -> dict[str, list[Column]]:
    return {sheet: [column(c, schema, policy) for c in cols] for sheet, cols in headers.items()}


def _rating_from(policy: Policy) -> str:
    """' (2024 dan seterusnya)': from the first period under a `rating` methodology."""
    first = next((m.dari for m in policy.methodologies if m.jenis == "rating"), None)
    return "" if first is None else f" ({first} dan seterusnya)"


def instructions(headers: dict[str, list[str]], policy: Policy) -> list[str]:
    """The Petunjuk sheet, one paragraph a row."""
    return [
        "Petunjuk pengisian templat impor kinerja ASN",
        "",
        "1. Isi lembar pegawai: satu baris untuk satu ASN pada satu periode. "
        "Pilih kode dari daftar di sel (panah di kanan sel); arti setiap kode ada di lembar Kode.",
        "2. Isi lembar hasil_kerja: satu baris untuk satu butir SKP; kolom nip dan periode "
        "menghubungkannya dengan baris pegawai. Paling sedikit satu butir per pegawai.",
        "3. Isi lembar pengembangan: satu baris untuk satu pelatihan (JP); boleh kosong.",
        "4. Ketik NIP sebagai teks (kolom nip sudah berformat Teks). Angka diketik sebagai "
        "angka, bukan teks; kode diketik persis seperti di daftar (huruf kecil).",
        f"4a. Mulai periode yang memakai metodologi jenis rating{_rating_from(policy)}, isi "
        "rating_hasil_kerja dan rating_perilaku_kerja yang ditetapkan pejabat penilai; target, "
        "realisasi dan level BerAKHLAK boleh kosong. Isi kepala_unit: ya untuk pejabat yang "
        "memimpin unit; rating hasil kerjanya harus mengikuti predikat kinerja organisasi unit.",
        "5. Kolom kompetensi boleh dikosongkan semuanya bila pegawai belum dinilai; bila salah "
        f"satu diisi, isi semua kompetensi manajerial dan {' dan '.join(policy.codes_of('kompetensi_sosial_kultural'))}.",
        "6. Simpan sebagai .xlsx, lalu jalankan: kinerja import NAMA-BERKAS.xlsx "
        "(dengan variabel lingkungan KINERJA_KUNCI_PSEUDONIM berisi kunci rahasia BKPSDM).",
        "7. Impor menyebut setiap baris yang ditolak dengan lembar, baris dan kolomnya, serta "
        "setiap berkas yang ditulis, diubah atau dihapus. Perbaiki barisnya lalu impor ulang.",
        "8. Nama tidak pernah dibaca; NIP diubah menjadi ID pseudonim (ASN-…) dan tidak "
        "disimpan di data.",
        "",
        "Templat ini dibuat ulang dengan: kinerja import " + TEMPLATE_NAME + " --buat-templat",
        "Lembar: " + ", ".join(headers) + ", Kode.",
    ]
