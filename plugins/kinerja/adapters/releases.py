"""Released periods (data/rilis.yaml): published figures never betray one
person's change.

For a released period, C is the people whose record for that period was
added, removed or changed since the release commit (Git tells). When some
published group (any kelompok of any dimensi, `semua` included) holds 1 to
k−1 people of C, the period is published exactly as the release commit's
data build it, and the pages and the build log say that a revision is
pending — never how many people or where. Otherwise the revision is
published with the date of its last data commit.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from kinerja.checks.problems import Problem
from kinerja.core.aggregation import DIMENSIONS, NOT_RECORDED, PeriodAggregate
from kinerja.core.publication import PublishedPeriod, Revision

PENDING_NOTE = (
    "Periode {periode}: revisi data menunggu; angka yang terbit tetap angka rilis {tanggal}."
)


class ReleaseError(Exception):
    pass


def _git(root: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, timeout=120)
    except (OSError, subprocess.SubprocessError) as err:
        raise ReleaseError(f"git tidak dapat dijalankan: {err}") from err
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ReleaseError(message[-1] if message else f"git {args[0]} gagal")
    return done.stdout


def _groups_of(record: dict[str, Any] | None) -> set[tuple[str, str]]:
    if not isinstance(record, dict):
        return set()
    groups = {("semua", "semua")}
    for dim in DIMENSIONS:
        groups.add((dim, str(record.get(dim) or NOT_RECORDED)))
    return groups


def _load(text: bytes) -> dict[str, Any] | None:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return None
    return data if isinstance(data, dict) else None


class Release:
    """One entry of data/rilis.yaml, read against the data folder's repository."""

    def __init__(self, data_dir: Path, periode: int, commit: str, tanggal: str) -> None:
        self.data_dir = data_dir
        self.periode = periode
        self.commit = commit
        self.tanggal = tanggal
        self.top = Path(_git(data_dir, "rev-parse", "--show-toplevel").decode().strip())
        self.rel = data_dir.resolve().relative_to(self.top.resolve()).as_posix()
        _git(self.top, "rev-parse", "--verify", "--quiet", f"{commit}^{{commit}}")

    def changed_paths(self) -> list[str]:
        """Record paths of the period that differ from the release (Git's view)."""
        where = f"{self.rel}/pegawai/{self.periode}"
        tracked = _git(self.top, "diff", "--no-renames", "--name-only", self.commit, "--", where)
        untracked = _git(self.top, "ls-files", "--others", "--exclude-standard", "--", where)
        return sorted(set((tracked + untracked).decode().split("\n")) - {""})

    def groups_of_changes(self) -> Counter[tuple[str, str]]:
        """How many changed people each group holds (before or after the change)."""
        people: dict[str, set[tuple[str, str]]] = {}
        for path in self.changed_paths():
            person = Path(path).stem
            before = self._old(path)
            current = self.top / path
            after = _load(current.read_bytes()) if current.is_file() else None
            people.setdefault(person, set()).update(_groups_of(before) | _groups_of(after))
        return Counter(g for groups in people.values() for g in groups)

    def _old(self, path: str) -> dict[str, Any] | None:
        try:
            return _load(_git(self.top, "show", f"{self.commit}:{path}"))
        except ReleaseError:
            return None  # added since the release

    def revision_date(self) -> str:
        where = f"{self.rel}/pegawai/{self.periode}"
        return _git(self.top, "log", "-1", "--format=%cs", "--", where).decode().strip()

    def published(self, cache_dir: Path | None) -> tuple[PublishedPeriod, PeriodAggregate]:
        """The period as the release commit's data build it (with this engine)."""
        from kinerja.adapters.pipeline import build

        paths = [self.rel]
        if _git(self.top, "ls-tree", "--name-only", self.commit, "schemas").strip():
            paths.append("schemas")
        archive = _git(self.top, "archive", "--format=tar", self.commit, *paths)
        with tempfile.TemporaryDirectory(prefix="kinerja-rilis-") as tmp:
            with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
                tar.extractall(tmp, filter="data")
            cache = None if cache_dir is None else cache_dir / f"rilis-{self.commit[:12]}"
            old = build(Path(tmp) / self.rel, cache_dir=cache, releases=False)
        if old.problems or self.periode not in old.published:
            raise ReleaseError(f"data rilis {self.commit[:12]} tidak dapat dibangun ulang")
        return old.published[self.periode], old.aggregates[self.periode]


def entries(doc_data: Any) -> list[tuple[int, str, str]]:
    # DESIGN.md's bare list, or the same list under 'rilis:'
    listed = doc_data.get("rilis") if isinstance(doc_data, dict) else doc_data
    if not isinstance(listed, list):
        return []
    return [(int(e["periode"]), str(e["commit"]), str(e["tanggal"])) for e in listed]


def apply(
    published: dict[int, PublishedPeriod],
    aggregates: dict[int, PeriodAggregate],
    data_dir: Path,
    doc: Any,
    cache_dir: Path | None,
) -> tuple[list[str], list[Problem]]:
    """Hold back or date each released period; build-log notes and problems.

    A held period's aggregate is the release's too, so that `kinerja audit`
    attacks exactly what is published.
    """
    notes: list[str] = []
    problems: list[Problem] = []
    for i, (periode, commit, tanggal) in enumerate(entries(doc.data)):
        if periode not in published:
            continue
        try:
            release = Release(data_dir, periode, commit, tanggal)
            k = published[periode].k
            counts = release.groups_of_changes()
            if any(0 < n < k for n in counts.values()):
                held, aggregates[periode] = release.published(cache_dir)
                held.revision = Revision("tertunda", tanggal)
                published[periode] = held
                notes.append(PENDING_NOTE.format(periode=periode, tanggal=tanggal))
            elif counts:
                published[periode].revision = Revision("terbit", release.revision_date())
        except ReleaseError as err:
            problems.append(_problem(doc, i, commit, str(err)))
    return notes, problems


def _problem(doc: Any, index: int, commit: str, why: str) -> Problem:
    line, col = doc.position(("rilis", index, "commit"))
    return Problem(
        doc.path,
        line,
        col,
        "RILIS-COMMIT",
        f"commit rilis {commit[:12]} tidak dapat dibaca: {why}",
        "pastikan commit itu ada di riwayat repositori (CI: checkout dengan fetch-depth: 0)",
    )


def pending(published: Iterable[PublishedPeriod]) -> list[int]:
    return [p.periode for p in published if p.revision and p.revision.status == "tertunda"]
