"""The one writer of record files: the layout of the sample, the guide,
`kinerja import` and `kinerja synth`. Pure: a record (a dict as the schema
describes it) in, the file's text out.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

HEADER = "# yaml-language-server: $schema=../../../../schemas/pegawai.schema.json\n"
FIXED = ("id", "periode", "unit_kerja", "jenis_jabatan", "status", "jenis_kelamin")

# Text YAML reads back as the same string without quotes, in block and flow
# context alike: starts with a letter, no ':', '#', ',' or brackets, no
# trailing space, not a YAML 1.1 boolean or null.
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 .()/-]*(?<! )")
_RESERVED = {"yes", "no", "true", "false", "on", "off", "null", "y", "n"}


def scalar(value: Any) -> str:
    """One scalar as YAML reads it back in block or flow context (quoted when needed)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str) and _PLAIN.fullmatch(value) and value.lower() not in _RESERVED:
        return value
    # inside a flow sequence, so commas and brackets are quoted as flow context needs
    text = yaml.safe_dump([value], allow_unicode=True, default_flow_style=True, width=10**6)
    return text.strip()[1:-1]


def record_text(record: dict[str, Any]) -> str:
    """The record file, in the same layout as the sample and the guide."""
    lines = [f"{k}: {record[k]}" for k in FIXED if k in record]
    if "rating" in record:  # given by the pejabat penilai (`rating` methodologies)
        lines.append("rating:")
        lines += [f"  {k}: {record['rating'][k]}" for k in ("hasil_kerja", "perilaku_kerja")]
    if record.get("kepala_unit"):
        lines.append("kepala_unit: true")
    if "hasil_kerja" in record:
        lines.append("hasil_kerja:")
    for item in record.get("hasil_kerja") or ():
        target = ", ".join(f"{k}: {scalar(v)}" for k, v in item["target"].items())
        real = ", ".join(f"{k}: {scalar(v)}" for k, v in item["realisasi"].items())
        lines += [
            f"  - rencana: {scalar(item['rencana'])}",
            f"    target:    {{{target}}}",
            f"    realisasi: {{{real}}}",
        ]
    if "perilaku_kerja" in record:
        lines.append("perilaku_kerja:")
        lines += [f"  {k}: {v}" for k, v in record["perilaku_kerja"].items()]
    if "kompetensi" in record:
        lines.append("kompetensi:")
        lines += [f"  {k}: {v}" for k, v in record["kompetensi"].items()]
    if record["pengembangan_kompetensi"]:
        lines.append("pengembangan_kompetensi:")
        for k in record["pengembangan_kompetensi"]:
            lines += [f"  - kegiatan: {scalar(k['kegiatan'])}", f"    jp: {k['jp']}"]
    else:
        lines.append("pengembangan_kompetensi: []")
    return HEADER + "\n".join(lines) + "\n"
