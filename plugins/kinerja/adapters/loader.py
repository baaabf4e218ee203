"""Finding and reading the data folder's policy files, and listing its
record files (the pipeline's workers read those themselves).

It turns policy files into parsed `Document`s grouped by kind; checking them
is `checks`' job, so the checks stay pure and testable without a disk.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from kinerja.checks.inputs import Loaded
from kinerja.checks.problems import Problem
from kinerja.checks.schemacheck import SCHEMA_FILES, Schemas
from kinerja.checks.yamlsource import Document, read

REPO_ROOT = Path(__file__).resolve().parents[3]


def shown_path(path: Path) -> str:
    """Paths in messages are relative to where the command runs."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def resolve_data_dir(given: str | None) -> Path:
    if given:
        return Path(given)
    here = Path("data")
    if (here / "unit-kerja.yaml").exists():
        return here
    return REPO_ROOT / "data"


def resolve_schema_dir(data_dir: Path) -> Path:
    beside = data_dir.resolve().parent / "schemas"
    if (beside / "pegawai.schema.json").exists():
        return beside
    return REPO_ROOT / "schemas"


def load_schemas(data_dir: Path) -> Schemas:
    folder = resolve_schema_dir(data_dir)
    return Schemas(
        {
            kind: json.loads((folder / name).read_text(encoding="utf-8"))
            for kind, name in SCHEMA_FILES.items()
        }
    )


def read_file(path: Path) -> Document:
    return read(shown_path(path), path.read_bytes())


def _missing(path: Path, what: str) -> Problem:
    return Problem(
        shown_path(path),
        1,
        1,
        "BERKAS-TIDAK-ADA",
        f"berkas {what} tidak ditemukan",
        f"buat {path.name} sesuai contoh di repositori (lihat Panduan kontributor)",
    )


def _wrong_extension(path: Path) -> Problem:
    return Problem(
        shown_path(path),
        1,
        1,
        "BERKAS-EKSTENSI",
        f"berkas '{path.name}' tidak akan dibaca karena tidak berakhiran .yaml",
        "ganti nama berkas agar berakhiran .yaml (bukan .yml, .txt atau lainnya)",
    )


def _yaml_files(folder: Path, problems: list[Problem], recursive: bool) -> list[Path]:
    if not folder.is_dir():
        return []
    names: list[str] = []
    for top, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")] if recursive else []
        names += [os.path.join(top, f) for f in files]
    found = []
    for name in sorted(names):
        base = os.path.basename(name)
        if base.startswith(".") or base.lower() == "readme.md":
            continue
        if name.endswith(".yaml"):
            found.append(Path(name))
        else:
            problems.append(_wrong_extension(Path(name)))
    return found


def record_paths(data_dir: Path, problems: list[Problem] | None = None) -> list[Path]:
    return _yaml_files(data_dir / "pegawai", problems if problems is not None else [], True)


def load_policy(data_dir: Path) -> Loaded:
    loaded = Loaded(
        data_dir=data_dir,
        schema_dir=resolve_schema_dir(data_dir),
        schemas=load_schemas(data_dir),
    )
    for name, attr, what in (
        ("unit-kerja.yaml", "units", "daftar unit kerja"),
        ("standar-kompetensi.yaml", "standards", "standar kompetensi"),
        ("sumber-data.yaml", "data_source", "sumber data (sintetis atau nyata)"),
        ("istilah.yaml", "glossary", "daftar istilah"),
    ):
        path = data_dir / name
        if path.exists():
            setattr(loaded, attr, read_file(path))
        else:
            loaded.problems.append(_missing(path, what))
    if (data_dir / "rilis.yaml").exists():  # optional: no release yet is the usual start
        loaded.releases = read_file(data_dir / "rilis.yaml")
    loaded.methodologies = [
        read_file(p) for p in _yaml_files(data_dir / "metodologi", loaded.problems, False)
    ]
    if not loaded.methodologies:
        loaded.problems.append(_missing(data_dir / "metodologi" / "versi.yaml", "metodologi"))
    loaded.indicators = [
        read_file(p) for p in _yaml_files(data_dir / "indikator", loaded.problems, False)
    ]
    return loaded
