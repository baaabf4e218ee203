"""Released periods (data/rilis.yaml): a change that some published group
would betray waits; a change of at least k people in every group it touches
is published with its date."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from test_disclosure import write_population

from conftest import ROOT
from kinerja.adapters.pipeline import build
from portal_build import copy_policy, pelican_build


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=Uji", "-c", "user.email=uji@contoh.invalid", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose 2025 figures were released at its first commit."""
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    data = copy_policy(tmp_path / "data")
    write_population(data)
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "rilis")
    sha = git(tmp_path, "rev-parse", "HEAD")
    (data / "rilis.yaml").write_text(  # DESIGN.md's form: a bare list
        f"- {{periode: 2025, commit: {sha}, tanggal: 2026-03-31}}\n", encoding="utf-8"
    )
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "catat rilis")
    return tmp_path


def transfer(data: Path, people: list[Path], unit: str) -> None:
    for path in people:
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        record["unit_kerja"] = unit
        target = data / "pegawai" / "2025" / unit / path.name
        target.write_text(yaml.safe_dump(record, sort_keys=False), encoding="utf-8")
        path.unlink()


def alike(data: Path, unit: str, n: int) -> list[Path]:
    """n people of `unit` in the same jabatan, status and gender."""
    groups: dict[tuple, list[Path]] = {}
    for path in sorted((data / "pegawai" / "2025" / unit).glob("*.yaml")):
        r = yaml.safe_load(path.read_text(encoding="utf-8"))
        groups.setdefault((r["jenis_jabatan"], r["status"], r.get("jenis_kelamin")), []).append(
            path
        )
    return next(g for g in groups.values() if len(g) >= n)[:n]


def cells(result) -> dict:
    return {(r.key, r.cell) for r in result.published[2025].rows()}


def transferred(repo: Path, people: int) -> tuple[Path, set]:
    """Move `people` alike disdikbud staff to dinkes and commit; the data folder
    and the figures the release commit published."""
    data = repo / "data"
    released = cells(build(data, releases=False))
    transfer(data, alike(data, "disdikbud", people), "dinkes")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", f"mutasi {people} orang")
    return data, released


def test_one_person_transferred_keeps_the_released_figures(repo: Path, tmp_path: Path) -> None:
    data, released = transferred(repo, 1)
    now = build(data)
    assert not now.problems
    assert now.published[2025].revision.status == "tertunda"
    assert now.published[2025].revision.tanggal == "2026-03-31"
    assert cells(now) == released  # not one published figure moves
    assert cells(build(data, releases=False)) != released  # the change is real
    assert any("revisi" in note and "2025" in note for note in now.notes)
    # kinerja audit attacks what is published: the release's figures and aggregate
    from kinerja.core.attack import check_period

    assert check_period(now.aggregates[2025], now.published[2025], now.policy) == []
    assert not any(
        ch.isdigit()
        for note in now.notes
        for ch in note.replace("2025", "").replace("2026-03-31", "")
    )
    done = pelican_build(tmp_path / "out", data=data)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "periode 2025: revisi data menunggu" in done.stderr.lower()
    page = (tmp_path / "out" / "hasil" / "2025" / "index.html").read_text(encoding="utf-8")
    assert "Revisi data periode ini sedang menunggu" in page
    assert "dinkes" not in page.split("catatan-rilis")[1].split("</p>")[0]


def test_k_people_transferred_publish_the_revision(repo: Path) -> None:
    data, released = transferred(repo, 5)
    now = build(data)
    assert not now.problems
    assert now.published[2025].revision.status == "terbit"
    assert cells(now) == cells(build(data, releases=False)) != released
    assert not now.notes


def test_unknown_release_commit_stops_the_build(repo: Path) -> None:
    data = repo / "data"
    (data / "rilis.yaml").write_text(
        "rilis:\n  - {periode: 2025, commit: " + "ab" * 20 + ", tanggal: 2026-03-31}\n",
        encoding="utf-8",
    )
    now = build(data)
    assert [p.code for p in now.problems] == ["RILIS-COMMIT"]
    assert now.problems[0].line == 2
    assert not now.published
