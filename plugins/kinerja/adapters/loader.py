"""Finding and reading the data folder's policy files, and listing its
record files (the pipeline's workers read those themselves).

It turns policy files into parsed `Document`s grouped by kind; checking them
is `checks`' job, so the checks stay pure and testable without a disk.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from pathlib import Path

from kinerja.adapters import schemacode
from kinerja.checks.inputs import Loaded
from kinerja.checks.limits import FileLimits
from kinerja.checks.problems import Problem
from kinerja.checks.schemacheck import SCHEMA_FILES, Schemas
from kinerja.checks.yamlsource import Document, read

REPO_ROOT = Path(__file__).resolve().parents[3]


def shown_path(path: Path) -> str:
    """Paths in messages are relative to where the command runs, and always
    printable: bytes of a name that are not UTF-8 are shown escaped."""
    try:
        shown = os.path.relpath(path)
    except ValueError:
        shown = str(path)
    if shown.isascii():
        return shown
    return os.fsencode(shown).decode("utf-8", "backslashreplace")


def _unreadable_name(path: str) -> bool:
    """A name with bytes that are not UTF-8 (Python holds them as surrogates)."""
    if path.isascii():
        return False
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


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
        },
        compiled=schemacode.load(),
    )


def _refused(path: Path, code: str, message: str, hint: str) -> Problem:
    return Problem(shown_path(path), 1, 1, code, message, hint)


def _link(path: Path) -> Problem:
    return _refused(
        path,
        "BERKAS-TAUTAN",
        f"'{path.name}' adalah tautan simbolik (symlink); isinya tidak dibaca",
        "ganti tautan dengan berkas atau folder aslinya di dalam data/, atau hapus tautannya",
    )


def _bad_name(path: Path) -> Problem:
    return _refused(
        path,
        "BERKAS-NAMA",
        "nama berkas atau foldernya bukan teks UTF-8 yang sah; tidak dibaca",
        "ganti namanya dengan huruf, angka dan tanda hubung biasa, seperti nama yang dibuat "
        "kinerja import",
    )


def _not_regular(path: Path) -> Problem:
    return _refused(
        path,
        "BERKAS-BUKAN-BIASA",
        f"'{path.name}' bukan berkas biasa (mis. folder, pipa atau perangkat); tidak dibaca",
        "hapus atau pindahkan; di tempat ini hanya berkas .yaml biasa yang dibaca",
    )


def read_limited(path: Path, max_bytes: int, stat_out: list[int] | None = None) -> bytes | Problem:
    """The bytes of a regular file of at most `max_bytes`, or why not.

    Symlinks are never followed (O_NOFOLLOW), FIFOs never block (O_NONBLOCK),
    and the size is checked before reading; at most max_bytes + 1 are read.
    `stat_out` receives [size, mtime_ns, inode, ctime_ns] of what was opened.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        if stat_out is not None:
            with contextlib.suppress(OSError):
                st = os.lstat(path)
                stat_out[:] = [st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns]
        if os.path.islink(path):
            return _link(path)
        return _refused(
            path,
            "BERKAS-TIDAK-TERBACA",
            f"berkas '{path.name}' tidak dapat dibuka",
            "periksa bahwa berkasnya ada dan boleh dibaca",
        )
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if stat_out is not None:
            stat_out[:] = [info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns]
        if not stat.S_ISREG(info.st_mode):
            return _not_regular(path)
        raw = b"" if info.st_size > max_bytes else handle.read(max_bytes + 1)
    if info.st_size > max_bytes or len(raw) > max_bytes:
        size = max(info.st_size, len(raw))
        return _refused(
            path,
            "BERKAS-TERLALU-BESAR",
            f"berkas {size:,} byte, melebihi batas {max_bytes:,} byte; tidak dibaca".replace(
                ",", "."
            ),
            "periksa isinya (berkas ini jauh lebih besar dari biasanya); batasnya ditetapkan "
            "di x-batas skema berkas ini di schemas/",
        )
    return raw


def read_file(path: Path, limits: FileLimits, allow_list: bool = False) -> Document:
    raw = read_limited(path, limits.max_bytes)
    if isinstance(raw, Problem):
        return Document(path=shown_path(path), problems=[raw])
    return read(shown_path(path), raw, limits.max_depth, allow_list)


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


def _walk(
    folder: Path, problems: list[Problem], recursive: bool, passed: list[str] | None = None
) -> list[os.DirEntry]:
    """Every entry under `folder` that is not a folder, in os.walk's order (top
    down, entries as listed); links to folders refused, never followed.
    `passed` gains the folders not walked (hidden, or below a flat folder).

    Entries, not names: on POSIX an entry's lstat needs no path built in Python
    (a fifth of a warm build's walk over 15,000 records)."""
    found: list[os.DirEntry] = []
    pending = [str(folder)]
    while pending:
        top = pending.pop()
        try:
            with os.scandir(top) as listing:
                entries = list(listing)
        except OSError:
            continue  # as os.walk: a folder that cannot be listed is skipped
        below = []
        for entry in entries:
            try:
                is_dir = entry.is_dir()  # a link to a folder counts as a folder, as in os.walk
            except OSError:
                is_dir = False
            if not is_dir:
                found.append(entry)
            elif entry.is_symlink():
                problems.append(_link(Path(entry.path)))
            elif recursive and not entry.name.startswith("."):
                below.append(entry.path)
            elif passed is not None:
                passed.append(entry.path)
        pending += reversed(below)  # depth first, in listing order
    return found


def _lstat(entry: os.DirEntry) -> os.stat_result:
    """The entry's lstat. Windows' directory listing has no inode (0), which
    would never match the stat change detection compares it with: ask the file."""
    return os.lstat(entry.path) if os.name == "nt" else entry.stat(follow_symlinks=False)


def _yaml_entries(
    folder: Path, problems: list[Problem], recursive: bool, passed: list[str] | None = None
) -> list[tuple[str, os.stat_result]]:
    """Each .yaml file under `folder` (sorted) with its stat, taken once: the
    pipeline's change detection reuses it (a regular file's lstat is its stat).
    `passed` gains every path under `folder` that is not returned (for the
    privacy sweep, which then need not list the folder again)."""
    if os.path.islink(folder):
        problems.append(_link(folder))
        return []
    if not folder.is_dir():
        return []
    found = []
    left = [] if passed is None else passed
    for entry in sorted(_walk(folder, problems, recursive, left), key=lambda e: e.path):
        name, base = entry.path, entry.name
        if base.startswith(".") or base.lower() == "readme.md":
            left.append(name)
            continue
        if _unreadable_name(name):
            problems.append(_bad_name(Path(name)))
            left.append(name)  # its content is still swept for personal data
            continue
        st = _lstat(entry)
        if stat.S_ISLNK(st.st_mode):
            problems.append(_link(Path(name)))
        elif not stat.S_ISREG(st.st_mode):
            problems.append(_not_regular(Path(name)))
        elif name.endswith(".yaml"):
            found.append((name, st))
        else:
            problems.append(_wrong_extension(Path(name)))
            left.append(name)
    return found


def _yaml_files(folder: Path, problems: list[Problem], recursive: bool) -> list[Path]:
    return [Path(name) for name, _ in _yaml_entries(folder, problems, recursive)]


RECORDS = "pegawai"  # the records' folder under data/


def record_entries(
    data_dir: Path, problems: list[Problem] | None = None, passed: list[str] | None = None
) -> list[tuple[str, os.stat_result]]:
    """`passed`: as in _yaml_entries."""
    found = problems if problems is not None else []
    return _yaml_entries(data_dir / RECORDS, found, True, passed)


def record_paths(data_dir: Path, problems: list[Problem] | None = None) -> list[Path]:
    return [Path(name) for name, _ in record_entries(data_dir, problems)]


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
        if os.path.lexists(path):
            setattr(loaded, attr, read_file(path, limits_of(loaded, KIND_OF_FILE[name])))
        else:
            loaded.problems.append(_missing(path, what))
    if os.path.lexists(data_dir / "rilis.yaml"):  # optional: no release yet is the usual start
        loaded.releases = read_file(
            data_dir / "rilis.yaml", limits_of(loaded, "rilis"), allow_list=True
        )
    methodology = limits_of(loaded, "metodologi")
    loaded.methodologies = [
        read_file(p, methodology)
        for p in _yaml_files(data_dir / "metodologi", loaded.problems, False)
    ]
    if not loaded.methodologies:
        loaded.problems.append(_missing(data_dir / "metodologi" / "versi.yaml", "metodologi"))
    indicator = limits_of(loaded, "indikator")
    loaded.indicators = [
        read_file(p, indicator) for p in _yaml_files(data_dir / "indikator", loaded.problems, False)
    ]
    return loaded


KIND_OF_FILE = {
    "unit-kerja.yaml": "unit-kerja",
    "standar-kompetensi.yaml": "standar-kompetensi",
    "sumber-data.yaml": "sumber-data",
    "istilah.yaml": "istilah",
}


def limits_of(loaded: Loaded, kind: str) -> FileLimits:
    return FileLimits.of(loaded.schemas[kind])
