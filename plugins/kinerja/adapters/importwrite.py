"""Writes what `kinerja import` accepted and says, file by file, what changed.

HR reviews an import in a pull request; the list of files written, changed
and removed is what they compare with the diff, and the summary line says
how many people were imported and how many were refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kinerja.adapters.filestore import write_atomic
from kinerja.adapters.importer import ImportResult, stale_paths
from kinerja.adapters.loader import shown_path


@dataclass
class Written:
    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    same: int = 0
    removed: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return (
            [f"ditulis  {p}" for p in self.new]
            + [f"diubah   {p}" for p in self.changed]
            + [f"dihapus  {p} (pegawai pindah unit kerja)" for p in self.removed]
        )


def apply(imported: ImportResult, pegawai_dir: Path) -> Written:
    done = Written()
    for rel, text in sorted(imported.files.items()):
        for old in stale_paths(pegawai_dir, rel):
            old.unlink()
            done.removed.append(shown_path(old))
        path = pegawai_dir / rel
        existed = path.exists()
        if not write_atomic(path, text):
            done.same += 1
        else:
            (done.changed if existed else done.new).append(shown_path(path))
    return done


def summary(imported: ImportResult, done: Written) -> str:
    files = len(done.new) + len(done.changed) + len(done.removed)
    detail = (
        f"({files} berkas berubah: {len(done.new)} baru, {len(done.changed)} diubah, "
        f"{len(done.removed)} dihapus; {done.same} tidak berubah)"
    )
    total = imported.accepted + imported.rejected
    if imported.accepted == 0 and imported.rejected:
        return (
            f"Tidak ada catatan yang diimpor: semua {imported.rejected} pegawai ditolak "
            "(lihat pesan di atas). Perbaiki barisnya lalu impor ulang."
        )
    if imported.rejected:
        return (
            f"{imported.accepted} dari {total} pegawai diimpor {detail}; "
            f"{imported.rejected} pegawai ditolak (lihat pesan di atas). "
            "Perbaiki barisnya lalu impor ulang."
        )
    return f"Semua {imported.accepted} pegawai diimpor {detail}."
