"""`kinerja diff`: what a pull request does to the published figures.

Both revisions are rebuilt from their own data and schemas with the same
engine as the portal, and compared cell by cell as a reader would see them:
rounded, and hidden where disclosure control hides them.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from kinerja.adapters.pipeline import build
from kinerja.core.rounding import half_up
from kinerja.site.formatting import count, number
from kinerja.site.labels import label, ukuran_label

CellKey = tuple[int, str, str, str]  # periode, dimensi, kelompok, ukuran
Shown = tuple[str | None, bool]  # rounded value as text, hidden


class DiffError(Exception):
    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


def _git(cwd: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=300)
    except OSError as exc:
        raise DiffError(f"git tidak dapat dijalankan: {exc}", 2) from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise DiffError(f"git {' '.join(args[:2])} gagal: {message[-1] if message else ''}", 2)
    return done.stdout


def _cells(data_dir: Path, what: str) -> dict[CellKey, Shown]:
    # every change shows in review, also in a released period whose revision waits
    # (the archived revisions are no repository, and reviewers need the raw effect)
    result = build(data_dir, releases=False)
    if result.problems:
        raise DiffError(
            f"data pada {what} tidak valid ({len(result.problems)} masalah); jalankan "
            "'kinerja validate' pada revisi itu",
            1,
        )
    policy = result.policy
    assert policy is not None
    cells: dict[CellKey, Shown] = {}
    for periode, pub in result.published.items():
        places = policy.methodology_for(periode).desimal  # type: ignore[union-attr]
        for row in pub.rows():
            if row.cell.hidden:
                shown: Shown = (None, True)
            elif row.cell.value is None:
                continue
            else:
                shown = (str(half_up(Fraction(row.cell.value), places)), False)
            cells[(periode, row.dimensi, row.kelompok, row.ukuran)] = shown
    return cells


def published_at(data_dir: Path, revision: str | None) -> dict[CellKey, Shown]:
    """The published cells built from `revision` (None: the working tree)."""
    if revision is None:
        return _cells(data_dir, "folder kerja")
    top = Path(_git(data_dir, "rev-parse", "--show-toplevel").decode().strip())
    rel = data_dir.resolve().relative_to(top.resolve()).as_posix()
    _git(top, "rev-parse", "--verify", f"{revision}^{{commit}}")
    paths = [rel]
    if _git(top, "ls-tree", "--name-only", revision, "schemas").strip():
        paths.append("schemas")
    archive = _git(top, "archive", "--format=tar", revision, *paths)
    with tempfile.TemporaryDirectory(prefix="kinerja-diff-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        return _cells(Path(tmp) / rel, revision)


@dataclass(frozen=True)
class Change:
    key: CellKey
    before: Shown | None
    after: Shown | None

    @property
    def kind(self) -> str:
        if self.before is None:
            return "baru"
        if self.after is None:
            return "hilang"
        if not self.before[1] and self.after[1]:
            return "mulai_disembunyikan"
        if self.before[1] and not self.after[1]:
            return "tidak_lagi_disembunyikan"
        return "berubah"


def compare(before: dict[CellKey, Shown], after: dict[CellKey, Shown]) -> list[Change]:
    keys = sorted(set(before) | set(after))
    return [Change(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]


MEASURED = ("rerata_", "median_", "persen_")  # the rest are counts of people


def _shown(value: Shown | None, ukuran: str = "") -> str:
    if value is None:
        return "(tidak ada)"
    if value[1]:
        return "disembunyikan"
    text = value[0] or ""
    if not text:
        return ""
    if not ukuran.startswith(MEASURED):
        return count(int(Fraction(text)))  # 700, not 700,00
    places = len(text.split(".")[1]) if "." in text else 0
    return number(float(text), places)


def group_label(kelompok: str, names: dict[str, str]) -> str:
    """A group as readers see it: the unit's name, 'Laki-laki', 'PNS', 'Semua ASN'."""
    return "Semua ASN" if kelompok == "semua" else label(kelompok, names)


def reader_names(data_dir: Path) -> dict[str, str]:
    """Codes to the words readers know: the categories' labels from the schemas,
    the indicators' and the units' names from data/ (what is unreadable is left out)."""
    import yaml

    from kinerja.adapters.loader import load_schemas
    from kinerja.checks.vocabulary import vocabulary_from

    names = dict(vocabulary_from(load_schemas(data_dir)).labels)
    for path in sorted((data_dir / "indikator").glob("*.yaml")):
        try:
            indicator = yaml.safe_load(path.read_text(encoding="utf-8"))
            names[indicator["kode"]] = indicator["nama"]
        except (OSError, ValueError, TypeError, KeyError, yaml.YAMLError):
            continue
    try:
        units = yaml.safe_load((data_dir / "unit-kerja.yaml").read_text(encoding="utf-8"))
        names.update({u["kode"]: u["nama"] for u in units["unit_kerja"]})
    except (OSError, ValueError, TypeError, KeyError, yaml.YAMLError):
        pass
    return names


KIND_TEXT = {
    "berubah": "berubah",
    "mulai_disembunyikan": "mulai disembunyikan",
    "tidak_lagi_disembunyikan": "tidak lagi disembunyikan",
    "baru": "baru terbit",
    "hilang": "tidak terbit lagi",
}


def markdown(changes: list[Change], base: str, head: str, names: dict[str, str]) -> str:
    """The diff comment; `names`: `reader_names` of the data folder."""
    title = f"### Dampak pada angka yang diterbitkan ({base} → {head})"
    if not changes:
        return f"{title}\n\nTidak ada angka terbitan yang berubah.\n"
    counts: dict[str, int] = defaultdict(int)
    tables: dict[tuple[int, str], list[Change]] = defaultdict(list)
    for c in changes:
        counts[c.kind] += 1
        tables[(c.key[0], c.key[1])].append(c)
    parts = ", ".join(f"{n} {KIND_TEXT[k]}" for k, n in sorted(counts.items()))
    out = [
        title,
        "",
        f"**Ringkasan:** {len(changes)} angka di {len(tables)} tabel: {parts}.",
        "",
    ]
    for (periode, dimensi), items in sorted(tables.items()):
        out += [
            f"#### {periode} · {label(dimensi, names)}",
            "",
            "| kelompok | ukuran | sebelum | sesudah | perubahan |",
            "|---|---|---|---|---|",
        ]
        for c in items:
            out.append(
                f"| {group_label(c.key[2], names)} | {ukuran_label(c.key[3], names)} "
                f"| {_shown(c.before, c.key[3])} | {_shown(c.after, c.key[3])} | "
                f"{KIND_TEXT[c.kind]} |"
            )
        out.append("")
    return "\n".join(out)
