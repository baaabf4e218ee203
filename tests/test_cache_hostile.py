"""What an attacker's review of the cache and the privacy sweep found: each
case once broke a warm build, hid a problem, ended in a traceback or let a
committed file aim the cache at the published site."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from kinerja.adapters import loader
from kinerja.adapters.cli import main
from kinerja.adapters.pipeline import build
from portal_build import copy_policy, copy_records

NIP_LINE = "catatan: NIP 197701012005011003 Budi Santoso\n"


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KINERJA_KUNCI_CACHE", "k" * 40)
    monkeypatch.chdir(tmp_path)
    folder = copy_records(copy_policy(tmp_path / "data"), {"2025": ("bpbd", "dishub")})
    past = time.time() - 60  # out of the racy window, so stats are trusted
    for p in folder.rglob("*"):
        os.utime(p, (past, past))
    return folder


def _old(path: Path) -> None:
    past = time.time() - 60
    os.utime(path, (past, past))


def _seen(b) -> tuple:
    return [(p.path, p.code) for p in b.problems], b.data_sha256, sorted(b.published)


def test_a_file_named_pegawai_is_still_swept(data: Path, capsys) -> None:
    import shutil

    shutil.rmtree(data / "pegawai")
    (data / "pegawai").write_text(NIP_LINE)
    assert main(["validate", "--tanpa-cache", "--data", "data"]) == 1
    out = capsys.readouterr().out
    assert "data/pegawai:1:" in out and "PRIVASI-NIP" in out


def test_a_too_large_record_and_a_deletion_keep_the_index_aligned(data: Path) -> None:
    cache = data.parent / ".kinerja-cache"
    recs = sorted((data / "pegawai").rglob("*.yaml"))
    build(data, cache_dir=cache, workers=1)
    big, last, victim = recs[3], recs[-1], recs[-2]
    original, gone = big.read_bytes(), last.read_bytes()
    big.write_bytes(original + b"#" + b"x" * 70000 + b"\n")  # BERKAS-TERLALU-BESAR: no digest
    _old(big)
    last.unlink()
    build(data, cache_dir=cache, workers=1)
    big.write_bytes(original)
    _old(big)
    warm = build(data, cache_dir=cache, workers=1)
    assert _seen(warm) == _seen(build(data, workers=1))
    victim.write_bytes(gone)  # another person's record at this path: JALUR-TIDAK-SESUAI
    _old(victim)
    warm = build(data, cache_dir=cache, workers=1)
    cold = build(data, workers=1)
    assert cold.problems
    assert _seen(warm) == _seen(cold)  # not "same bytes" as a neighbour's digest


def test_a_record_gone_between_walk_and_read_is_a_problem_not_a_traceback(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = loader.record_entries

    def racing(*args, **kwargs):
        found = real(*args, **kwargs)
        Path(found[5][0]).unlink()  # e.g. git checkout while make serve rebuilds
        return found

    monkeypatch.setattr(loader, "record_entries", racing)
    built = build(data, cache_dir=data.parent / ".kinerja-cache", workers=1)
    assert [p.code for p in built.problems] == ["BERKAS-TIDAK-TERBACA"]


@pytest.mark.parametrize("header", [b"[]", b"1", b"[" * 100000], ids=["list", "number", "deep"])
def test_a_cache_header_of_another_shape_is_discarded(data: Path, header: bytes) -> None:
    cache = data.parent / ".kinerja-cache"
    build(data, cache_dir=cache, workers=1)
    path = next(cache.glob("catatan-*.bin"))
    path.write_bytes(header + b"\n" + path.read_bytes().split(b"\n", 1)[1])
    assert build(data, cache_dir=cache, workers=1).cache_rebuilt


def test_a_committed_symlink_cannot_aim_the_cache_at_the_published_site(data: Path, capsys) -> None:
    import subprocess

    top = data.parent
    (top / "output").mkdir()  # Pelican's output folder: untracked, deployed
    (top / ".gitignore").write_text("output/\n")
    (top / ".kinerja-cache").symlink_to("output")  # one line in a pull request
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "x"]):
        subprocess.run(
            ["git", "-c", "user.name=x", "-c", "user.email=x@x", *args], cwd=top, check=True
        )
    assert main(["validate", "--data", "data"]) == 0
    assert not list((top / "output").iterdir())  # no record's facts written there
    assert "tautan (symlink)" in capsys.readouterr().err


def test_a_record_name_that_is_not_utf8_is_a_problem_not_a_traceback(data: Path, capsys) -> None:
    name = os.fsencode(data / "pegawai" / "2025" / "bpbd") + b"/a\xff.yaml"
    with open(name, "wb") as handle:
        handle.write(b"id: x\n" + NIP_LINE.encode())
    assert main(["validate", "--tanpa-cache", "--data", "data"]) == 1
    out = capsys.readouterr().out
    assert "a\\xff.yaml:1:1: BERKAS-NAMA" in out and "PRIVASI-NIP" in out


def test_a_file_copied_with_its_old_time_is_not_trusted_by_stat(data: Path) -> None:
    """cp -p, tar and rsync -t keep an old modification time; the change time
    is new, and a file changed near the build is read again next time."""
    import json

    from kinerja.adapters.cache import open_cache
    from kinerja.adapters.fileindex import NO_STAT

    cache = data.parent / ".kinerja-cache"
    record = sorted((data / "pegawai").rglob("*.yaml"))[0]
    record.write_bytes(record.read_bytes())  # change time: now
    _old(record)  # modification time: a minute ago
    build(data, cache_dir=cache, workers=1)
    (stored,) = cache.glob("catatan-*.bin")
    kept = open_cache(cache, json.loads(stored.read_bytes().split(b"\n", 1)[0])["context"])
    i = kept.index._pos[str(record.relative_to(data))]
    assert kept.index._stats[i * 32 : (i + 1) * 32] == NO_STAT


def test_git_that_cannot_answer_inside_a_work_tree_refuses_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """e.g. "detected dubious ownership": the folder may well be tracked."""
    import subprocess

    from kinerja.adapters import cachetrust

    def git(args, **kwargs):  # type: ignore[no-untyped-def]
        return subprocess.CompletedProcess(args, 128, b"", b"fatal: detected dubious ownership")

    monkeypatch.setattr(cachetrust.subprocess, "run", git)
    assert cachetrust.tracked_by_git(tmp_path / ".kinerja-cache")

    def outside(args, **kwargs):  # type: ignore[no-untyped-def]
        return subprocess.CompletedProcess(args, 128, b"", b"fatal: not a git repository")

    monkeypatch.setattr(cachetrust.subprocess, "run", outside)
    assert not cachetrust.tracked_by_git(tmp_path / ".kinerja-cache")


def test_a_cache_folder_inside_the_site_is_not_used(data: Path, tmp_path: Path) -> None:
    """Whatever sits in the output folder is published with the site."""
    from portal_build import pelican_build

    out = tmp_path / "situs"
    done = pelican_build(out, data=data, cache=out / "cache")
    assert done.returncode == 0, done.stderr[-2000:]
    assert "ada di dalam folder keluaran situs" in done.stderr
    assert not (out / "cache").exists()
