"""A cache cannot be planted: a cache file crafted to claim other facts,
committed and cloned, never changes a published figure, `validate` or
`diff`; nothing identifying is kept in a cache."""

from __future__ import annotations

import hashlib
import json
import marshal
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import DATA, VALID_RECORD
from kinerja.adapters import cachetrust as cache_module
from kinerja.adapters.cache import FileCache
from kinerja.adapters.cli import main
from kinerja.adapters.fileindex import FileIndex
from kinerja.adapters.pipeline import build
from portal_build import copy_policy

ATTACKER = "kunci-penyerang-yang-tidak-pernah-dimiliki-korban"
VICTIM = "kunci-cache-ci-milik-bkpsdm-yang-tidak-di-repositori"
NIP = "197712312005011003"


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=uji", "-c", "user.email=uji@example.org", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def rows(result) -> list:
    return [r for pub in result.published.values() for r in pub.rows()]


def forge(cache_dir: Path, data: Path, key: str) -> None:
    """Re-point every entry at the digest of the file now in `data`, and sign it
    (the attacker knows the format: an index section of columns, then sections
    of facts, each as long and with the SHA-256 the header says)."""
    (stored,) = cache_dir.glob("catatan-*.bin")
    header, _, body = stored.read_bytes().partition(b"\n")
    meta = json.loads(header)
    (_, size, _), *rest = meta["sections"]
    plain, _periods, _clean = marshal.loads(body[:size])
    index = FileIndex.from_plain(plain)
    stats = [plain[3][i : i + 32] for i in range(0, len(plain[3]), 32)]
    for rel, stat in zip(plain[1], stats, strict=True):
        _, problems, ident = index.get(rel)
        digest = hashlib.sha256((data / rel).read_bytes()).hexdigest()
        index.put(rel, digest, problems, ident, stat)
    raw = marshal.dumps([index.to_plain(), {}, None])
    body = raw + body[size:]
    meta["sections"] = [["indeks", len(raw), hashlib.sha256(raw).hexdigest()], *rest]
    meta["hmac"] = FileCache(None, meta["context"], key.encode())._tag(meta["sections"])
    stored.write_bytes(json.dumps(meta).encode() + b"\n" + body)


def lower_everyone(data: Path) -> None:
    for path in sorted((data / "pegawai/2025/dinkes").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        for level in "345":
            text = text.replace(f"  loyal: {level}", "  loyal: 1")
        path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def origin(tmp_path_factory) -> Path:
    """A records repository whose last commit lowers a unit's scores and plants
    a cache (signed with the attacker's key) claiming the old, higher ones.
    Made once; every test works in its own clone."""
    origin = tmp_path_factory.mktemp("tanam") / "asal"
    data = copy_policy(origin / "data")
    for unit in ("dinkes", "setwan"):
        shutil.copytree(DATA / "pegawai/2025" / unit, data / "pegawai/2025" / unit)
    git(origin, "init", "-q", "-b", "main")
    git(origin, "add", ".")
    git(origin, "commit", "-qm", "catatan")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(origin)
        patch.setenv("KINERJA_KUNCI_CACHE", ATTACKER)
        build(Path("data"), cache_dir=Path(".kinerja-cache"))  # facts of the higher scores
    lower_everyone(data)
    forge(origin / ".kinerja-cache", data, ATTACKER)
    git(origin, "add", "-f", ".")
    git(origin, "commit", "-qm", "turunkan nilai dinkes")
    return origin


@pytest.fixture
def repo(origin: Path, tmp_path: Path, monkeypatch) -> Path:
    """A fresh clone of the planted repository, the working folder of the test."""
    clone = tmp_path / "klon"
    subprocess.run(["git", "clone", "-q", str(origin), str(clone)], check=True)
    assert list((clone / ".kinerja-cache").glob("catatan-*.bin"))
    monkeypatch.setenv("KINERJA_KUNCI_CACHE", ATTACKER)
    monkeypatch.chdir(clone)
    return clone


def test_the_forgery_would_work_if_trusted(repo: Path, monkeypatch) -> None:
    """Control: signed with the right key and not tracked, the crafted file changes figures."""
    monkeypatch.setenv("KINERJA_KUNCI_CACHE", ATTACKER)
    shutil.copytree(repo / ".kinerja-cache", repo / "untracked-cache")
    honest = build(Path("data"), cache_dir=None)
    fooled = build(Path("data"), cache_dir=Path("untracked-cache"))
    assert fooled.cache_hits > 0 and rows(fooled) != rows(honest)


@pytest.mark.parametrize("key", [VICTIM, ATTACKER])
def test_committed_cache_never_changes_a_figure(repo: Path, monkeypatch, capsys, key) -> None:
    """Tracked: ignored even by a build holding the attacker's key, with one warning."""
    monkeypatch.setenv("KINERJA_KUNCI_CACHE", key)
    cache_module._warned.clear()
    honest = build(Path("data"), cache_dir=None)
    first = build(Path("data"), cache_dir=Path(".kinerja-cache"))
    second = build(Path("data"), cache_dir=Path(".kinerja-cache"))
    assert first.cache_hits == second.cache_hits == 0
    assert rows(first) == rows(honest) == rows(second)
    warnings = capsys.readouterr().err
    assert warnings.count("tercatat di Git") == 1
    assert git(repo, "status", "--porcelain") == ""  # nothing rewritten either


def test_planted_copy_with_a_foreign_key_is_rebuilt(repo: Path, monkeypatch) -> None:
    """Not tracked (copied in by hand), but signed with another key: discarded."""
    monkeypatch.setenv("KINERJA_KUNCI_CACHE", VICTIM)
    shutil.copytree(repo / ".kinerja-cache", repo / "salinan")
    honest = build(Path("data"), cache_dir=None)
    planted = build(Path("data"), cache_dir=Path("salinan"))
    assert planted.cache_rebuilt and planted.cache_hits == 0
    assert rows(planted) == rows(honest)
    assert build(Path("data"), cache_dir=Path("salinan")).cache_hits > 0  # ours now


def test_planted_cache_cannot_hide_a_nip_from_validate(tmp_path: Path, monkeypatch, capsys):
    origin = tmp_path / "asal"
    data = copy_policy(origin / "data")
    record = data / "pegawai/2025/disdikbud/ASN-7F3A9C2B1D.yaml"
    record.parent.mkdir(parents=True)
    record.write_text(VALID_RECORD, encoding="utf-8")
    git(origin, "init", "-q", "-b", "main")
    monkeypatch.chdir(origin)
    monkeypatch.setenv("KINERJA_KUNCI_CACHE", ATTACKER)
    build(Path("data"), cache_dir=Path(".kinerja-cache"))  # clean record: no problems
    record.write_text(
        VALID_RECORD.replace("pendidikan dasar", f"pendidikan dasar (NIP {NIP})"), "utf-8"
    )
    forge(origin / ".kinerja-cache", data, ATTACKER)
    git(origin, "add", "-f", ".")
    git(origin, "commit", "-qm", "catatan")
    clone = tmp_path / "klon"
    subprocess.run(["git", "clone", "-q", str(origin), str(clone)], check=True)
    monkeypatch.chdir(clone)
    for key in (VICTIM, ATTACKER):
        monkeypatch.setenv("KINERJA_KUNCI_CACHE", key)
        capsys.readouterr()
        assert main(["validate", "--data", "data"]) == 1
        out = capsys.readouterr().out
        assert "PRIVASI-NIP NIP 1977…003" in out and NIP not in out


def test_diff_ignores_a_planted_cache(repo: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("KINERJA_KUNCI_CACHE", ATTACKER)
    assert main(["diff", "HEAD~1", "--data", "data"]) == 0
    with_cache = capsys.readouterr().out
    shutil.rmtree(repo / ".kinerja-cache")
    assert main(["diff", "HEAD~1", "--data", "data"]) == 0
    assert capsys.readouterr().out == with_cache
    assert "dinkes" in with_cache or "Dinas Kesehatan" in with_cache


def test_no_identifier_is_kept_in_a_cache(policy_dir: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("KINERJA_KUNCI_CACHE", VICTIM)
    record = policy_dir / "pegawai/2025/disdikbud/ASN-7F3A9C2B1D.yaml"
    record.parent.mkdir(parents=True)
    leaks = {
        NIP: f"NIP {NIP}",
        "3207014508900001": "NIK 3207014508900001",
        "budi.santoso@example.org": "surel budi.santoso@example.org",
        "0812-7345-6789": "hp 0812-7345-6789",
        "Santoso": "Sdr. Budi Santoso",
    }
    text = VALID_RECORD + "".join(f"# {line}\n" for line in leaks.values())
    record.write_text(text, encoding="utf-8")
    result = build(policy_dir, cache_dir=tmp_path / "cache")
    assert len(result.problems) >= len(leaks)
    stored = b"".join(p.read_bytes() for p in (tmp_path / "cache").glob("*"))
    for secret in leaks:
        assert secret.encode() not in stored


def test_cache_key_is_made_outside_the_repository(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("KINERJA_KUNCI_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    key = cache_module.cache_key()
    path = tmp_path / "xdg/kinerja/kunci-cache"
    assert key and path.read_bytes() == key and len(key) >= 32
    assert path.stat().st_mode & 0o077 == 0
    assert cache_module.cache_key() == key  # made once, then reused
