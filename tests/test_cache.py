"""The result cache is invisible: cold and warm builds give the same bytes,
and a damaged cache is detected and rebuilt, never trusted."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import DATA
from kinerja.adapters.pipeline import build
from portal_build import copy_policy, copy_records, pelican_build


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """Small units of the sample: two in 2024, those and dinsos in 2025
    (about 110 records)."""
    data = copy_policy(tmp_path / "data")
    copy_records(data, {"2024": ("bappeda", "setwan"), "2025": ("dinsos", "bappeda", "setwan")})
    return data


def files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def edit(data: Path) -> None:
    records = sorted((data / "pegawai/2025/dinsos").glob("*.yaml"))
    text = records[0].read_text(encoding="utf-8")
    # 2025 is under a `rating` methodology: change the given rating (levels may be absent)
    changed = re.sub(r"(?m)^  perilaku_kerja: \w+$", "  perilaku_kerja: di_bawah_ekspektasi", text)
    if changed == text:
        changed = re.sub(
            r"(?m)^  perilaku_kerja: \w+$", "  perilaku_kerja: sesuai_ekspektasi", text
        )
    assert changed != text
    records[0].write_text(changed, encoding="utf-8")
    records[1].unlink()
    moved = sorted((data / "pegawai/2025/setwan").glob("*.yaml"))[0]
    target = data / "pegawai/2025/dinsos" / moved.name
    target.write_text(
        moved.read_text(encoding="utf-8")
        .replace("unit_kerja: setwan", "unit_kerja: dinsos")
        .replace("kepala_unit: true\n", ""),
        encoding="utf-8",
    )
    moved.unlink()


def test_warm_build_after_edits_equals_a_cold_build(data: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = pelican_build(tmp_path / "out1", data=data, cache=cache)
    assert first.returncode == 0, first.stderr[-2000:]
    assert list(cache.glob("catatan-*.bin"))
    edit(data)
    warm = pelican_build(tmp_path / "warm", data=data, cache=cache)
    cold = pelican_build(tmp_path / "cold", data=data, cache=tmp_path / "fresh-cache")
    assert warm.returncode == 0 and cold.returncode == 0
    assert files(tmp_path / "warm") == files(tmp_path / "cold")
    assert files(tmp_path / "warm") != files(tmp_path / "out1")


def test_cache_is_used_and_misses_only_what_changed(data: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cold = build(data, cache_dir=cache)
    assert cold.cache_hits == 0
    total = len(list((data / "pegawai").rglob("*.yaml")))
    edit(data)
    warm = build(data, cache_dir=cache)
    assert warm.cache_hits == total - 3  # one edited, one deleted, one moved
    assert warm.published.keys() == cold.published.keys()
    assert warm.reused_periods == [2024]  # only 2025 changed
    fresh = build(data, cache_dir=None)
    rows = lambda b: [r for pub in b.published.values() for r in pub.rows()]  # noqa: E731
    assert rows(warm) == rows(fresh)
    # the reused period's published figures and curve judgements come from the cache
    assert warm.published[2024].curves == fresh.published[2024].curves
    assert warm.published[2024].to_plain() == fresh.published[2024].to_plain()


def test_policy_change_invalidates_every_entry(data: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    build(data, cache_dir=cache)
    path = data / "metodologi/2023.1.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("minimal: 91", "minimal: 90"), encoding="utf-8"
    )
    assert build(data, cache_dir=cache).cache_hits == 0


@pytest.mark.parametrize("damage", ["flip", "truncate", "garbage"])
def test_corrupt_cache_is_detected_and_rebuilt(data: Path, tmp_path: Path, damage: str) -> None:
    cache = tmp_path / "cache"
    reference = build(data, cache_dir=cache)  # cold: nothing cached yet
    assert reference.cache_hits == 0
    (stored,) = cache.glob("catatan-*.bin")
    raw = bytearray(stored.read_bytes())
    if damage == "flip":
        raw[len(raw) // 2] ^= 0x01
    elif damage == "truncate":
        raw = raw[: len(raw) // 3]
    else:
        raw = bytearray(b"\x00\xffbukan cache")
    stored.write_bytes(bytes(raw))
    again = build(data, cache_dir=cache)
    assert again.cache_rebuilt and again.cache_hits == 0
    rows = lambda b: [r for pub in b.published.values() for r in pub.rows()]  # noqa: E731
    assert rows(again) == rows(reference)
    trusted = build(data, cache_dir=cache, publish_results=False)
    assert trusted.cache_hits > 0  # rewritten, trusted again


def test_unwritable_cache_folder_is_not_an_error(data: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "bukan-folder"
    blocked.write_text("sebuah berkas, bukan folder", encoding="utf-8")
    result = build(data, cache_dir=blocked / "cache")
    assert not result.problems and result.published


def _figures(result) -> dict:
    return {
        p: [(r.dimensi, r.kelompok, r.ukuran, r.cell) for r in pub.rows()]
        for p, pub in result.published.items()
    }


def test_spawned_workers_give_what_one_process_gives(data: Path, monkeypatch) -> None:
    """Workers started with spawn (Windows, macOS) read their own files and
    get the policy as arguments; nothing is inherited from the parent."""
    from kinerja.adapters import pipeline

    alone = build(data, workers=1)
    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 1)
    spawned = build(data, workers=2, start_method="spawn")
    assert spawned.problems == alone.problems == []
    assert spawned.data_sha256 == alone.data_sha256
    assert _figures(spawned) == _figures(alone) and spawned.published


def test_unchanged_files_are_not_read(data: Path, tmp_path: Path, monkeypatch) -> None:
    """Change detection by stat: a warm build reads only what changed."""
    import os
    import time

    cache = tmp_path / "cache"
    total = build(data, cache_dir=cache).files_read
    old = (os.stat(data).st_mtime_ns - 10**10) // 10**9  # well before the build: trusted by stat
    for path in (data / "pegawai").rglob("*.yaml"):
        os.utime(path, (old, old))  # which sets their change time to now
    real = time.time_ns
    monkeypatch.setattr(time, "time_ns", lambda: real() + 10**10)  # ten seconds later
    build(data, cache_dir=cache)  # learns the stats
    assert build(data, cache_dir=cache).files_read == 0
    monkeypatch.setattr(time, "time_ns", real)
    edit(data)
    warm = build(data, cache_dir=cache)
    assert warm.files_read == 2 and total > 2  # the edited file and the moved one
    touched = sorted((data / "pegawai/2024/bappeda").glob("*.yaml"))[0]
    os.utime(touched, (old + 5, old + 5))  # new stat, same bytes: read, result reused
    again = build(data, cache_dir=cache)
    # the touched file, and the two written within RACY_NS of the last build (not trusted by stat)
    assert again.files_read == 3
    assert again.reused_periods == [2024, 2025]


def test_facts_missing_from_the_cache_are_checked_again(
    data: Path, tmp_path: Path, monkeypatch
) -> None:
    """A period rebuilt from a cache that lacks its records' facts (an older or
    partly written cache) reads those files again rather than dropping them."""
    from kinerja.adapters.cache import FileCache

    cache = tmp_path / "cache"
    build(data, cache_dir=cache)
    edit(data)
    monkeypatch.setattr(FileCache, "facts", lambda self, periode: {})
    warm = build(data, cache_dir=cache)
    assert warm.reused_periods == [2024] and warm.cache_hits > 0
    fresh = build(data, cache_dir=None)
    rows = lambda b: [r for pub in b.published.values() for r in pub.rows()]  # noqa: E731
    assert rows(warm) == rows(fresh)


def test_compiled_templates_are_kept_apart_when_a_filter_changes_kind(tmp_path, monkeypatch):
    """Jinja's bytecode cache keys by template source only; code compiled for a
    filter that did not take the context breaks once it does."""
    from jinja2 import Environment, pass_context

    from kinerja.adapters.portal import _template_cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    plain, contextual = Environment(), Environment()
    plain.filters["label"] = lambda key: key
    contextual.filters["label"] = pass_context(lambda ctx, key: key)
    first, second = _template_cache(plain), _template_cache(contextual)
    assert first is not None and second is not None
    assert first.directory != second.directory
    newline = Environment(keep_trailing_newline=True)
    assert _template_cache(newline).directory != _template_cache(Environment()).directory
    assert _template_cache(Environment()).directory == _template_cache(Environment()).directory


def test_a_relabelled_section_list_is_a_forged_cache(data: Path, tmp_path: Path) -> None:
    """The header's sections are signed with the body: swapping two periods'
    sections (or shifting their sizes) is detected and the cache rebuilt."""
    import json

    cache = tmp_path / "cache"
    reference = build(data, cache_dir=cache)
    (stored,) = cache.glob("catatan-*.bin")
    header, _, body = stored.read_bytes().partition(b"\n")
    meta = json.loads(header)
    names = [name for name, _, _ in meta["sections"]]
    old, new = "fakta-2024:pegawai/2024/bappeda", "fakta-2025:pegawai/2025/bappeda"
    assert old in names and new in names
    meta["sections"] = [
        [{old: new, new: old}.get(n, n), size, digest] for n, size, digest in meta["sections"]
    ]
    stored.write_bytes(json.dumps(meta).encode() + b"\n" + body)
    again = build(data, cache_dir=cache)
    assert again.cache_rebuilt and again.cache_hits == 0
    rows = lambda b: [r for pub in b.published.values() for r in pub.rows()]  # noqa: E731
    assert rows(again) == rows(reference)


def test_an_upgraded_package_misses_the_record_cache(data: Path, tmp_path: Path, monkeypatch):
    from kinerja.adapters import cache as cache_module
    from kinerja.adapters import pipeline

    cache = tmp_path / "cache"
    build(data, cache_dir=cache)
    assert build(data, cache_dir=cache).cache_hits > 0
    upgraded = cache_module.environment() + b"\nPyYAML-99.0.dist-info"
    monkeypatch.setattr(pipeline, "environment", lambda: upgraded)
    assert build(data, cache_dir=cache).cache_hits == 0


def test_compiled_schema_validators_are_kept_signed_and_agree(tmp_path, monkeypatch) -> None:
    """The bytecode of a schema's validator is kept in the user's cache folder,
    signed with the cache key: the kept one accepts and refuses what a freshly
    compiled one does, and a file signed with another key is not run."""
    import fastjsonschema
    import yaml

    from conftest import VALID_RECORD
    from kinerja.adapters import loader, schemacode

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("KINERJA_KUNCI_CACHE", "k" * 40)
    first = loader.load_schemas(DATA)
    assert first.compiled == {}
    record = yaml.safe_load(VALID_RECORD)
    assert first.fast_validator("pegawai")(record) == record
    schemacode.save(first)
    kept = loader.load_schemas(DATA)
    assert kept.compiled and not kept.fresh
    validate = kept.fast_validator("pegawai")
    assert not kept.fresh  # run from the kept bytecode, not compiled again
    assert validate(record) == record
    with pytest.raises(fastjsonschema.JsonSchemaException):
        validate({**record, "periode": "2025"})
    monkeypatch.setenv("KINERJA_KUNCI_CACHE", "x" * 40)  # someone else's file
    assert schemacode.load() == {}


def test_policy_files_are_checked_again_only_when_they_change(
    data: Path, tmp_path: Path, monkeypatch
) -> None:
    """A warm build trusts the cache's word that these very policy files passed
    their own checks; a leak added to any of them (even one outside the
    cache's context, like the glossary) is found at once."""
    from kinerja.adapters import pipeline

    cache = tmp_path / "cache"
    assert not build(data, cache_dir=cache).problems
    checked: list[int] = []
    real = pipeline.document_problems
    monkeypatch.setattr(
        pipeline, "document_problems", lambda loaded: checked.append(1) or real(loaded)
    )
    pipeline._CHECKED.clear()  # as a fresh process
    assert not build(data, cache_dir=cache).problems and checked == []
    glossary = data / "istilah.yaml"
    glossary.write_text(
        glossary.read_text(encoding="utf-8") + "# kontak: NIP 197712312005011003\n",
        encoding="utf-8",
    )
    pipeline._CHECKED.clear()
    found = build(data, cache_dir=cache).problems
    assert checked == [1] and any(p.code == "PRIVASI-NIP" for p in found)
