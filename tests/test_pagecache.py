"""Pages whose inputs did not change are not drawn again, and a build that
skips them gives the bytes a cold build gives."""

from __future__ import annotations

import os
import shutil
import time
from collections import defaultdict
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import pytest
from markupsafe import Markup

from kinerja.adapters.filestat import settled
from kinerja.adapters.pipeline import build
from kinerja.site.fingerprint import Fingerprints, made
from portal_build import copy_policy, copy_records, pelican_build

OLD = 1_000_000_000  # a modification time long before any build


@pytest.fixture(scope="module")
def _built(tmp_path_factory) -> tuple[Path, Path]:
    """Units of the sample (two small ones in 2024, those and dinkes in 2025,
    about 240 records), built once; each test starts from a copy of that build
    at the same paths (the policy's paths are part of every page's inputs)."""
    root = tmp_path_factory.mktemp("halaman") / "situs"
    data = copy_policy(root / "data")
    copy_records(data, {"2024": ("setwan", "bappeda"), "2025": ("dinkes", "setwan", "bappeda")})
    assert pelican_build(root / "out", data=data, cache=root / "cache").returncode == 0
    snapshot = root.parent / "asli"
    shutil.copytree(root, snapshot)
    return root, snapshot


@pytest.fixture
def built(_built: tuple[Path, Path]) -> tuple[Path, Path, Path]:
    """(data, out, cache) as the first build left them."""
    root, snapshot = _built
    shutil.rmtree(root)
    shutil.copytree(snapshot, root)
    return root / "data", root / "out", root / "cache"


def pages(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and "pagefind" not in p.parts
    }


def lower_one(data: Path) -> None:
    record = sorted((data / "pegawai/2025/dinkes").glob("*.yaml"))[0]
    text = record.read_text(encoding="utf-8")
    for given in ("di_atas_ekspektasi", "sesuai_ekspektasi"):
        text = text.replace(f"perilaku_kerja: {given}", "perilaku_kerja: di_bawah_ekspektasi")
    record.write_text(text, encoding="utf-8")


def rename_unit(data: Path) -> None:
    """A unit's name, printed in headings: searchable text."""
    units = data / "unit-kerja.yaml"
    text = units.read_text(encoding="utf-8")
    assert "Sekretariat DPRD" in text
    units.write_text(text.replace("Sekretariat DPRD", "Sekretariat Dewan"), encoding="utf-8")


def test_only_pages_whose_figures_changed_are_drawn_again(
    built, tmp_path: Path, monkeypatch
) -> None:
    """And the search index stands: figures are not searchable
    (data-pagefind-ignore="all"), so Pagefind does not run, and the index left
    is the one a cold build of the new data makes, byte for byte."""
    from kinerja.adapters import portal

    data, out, cache = built
    for path in out.rglob("*.html"):
        os.utime(path, (OLD, OLD))
    lower_one(data)
    real, runs = portal._pagefind, []
    monkeypatch.setattr(portal, "_pagefind", lambda: runs.append(1) or real())
    warm = pelican_build(out, data=data, cache=cache)
    assert warm.returncode == 0, warm.stderr[-2000:]
    assert runs == []
    drawn = {p.relative_to(out).as_posix() for p in out.rglob("*.html") if p.stat().st_mtime > OLD}
    assert {"hasil/2025/dinkes/index.html", "hasil/2025/index.html"} <= drawn
    kept = {"hasil/2025/setwan/index.html", "hasil/2024/bappeda/index.html", "istilah/index.html"}
    assert not kept & drawn
    assert "indikator/index.html" not in drawn
    cold = pelican_build(tmp_path / "cold", data=data, cache=tmp_path / "cache-dingin")
    assert cold.returncode == 0 and runs == [1]
    assert pages(out) == pages(tmp_path / "cold")
    assert _index(out) == _index(tmp_path / "cold")


def test_an_edited_output_page_is_drawn_again(built) -> None:
    data, out, cache = built
    page = out / "hasil/2025/setwan/index.html"
    original = page.read_bytes()
    page.write_bytes(original.replace(b"</h1>", b" (diubah tangan)</h1>"))
    assert pelican_build(out, data=data, cache=cache).returncode == 0
    assert page.read_bytes() == original


def test_the_data_checksum_is_printed_on_the_open_data_page_only(built) -> None:
    """Every other page leaves it out, which is why they can be kept when a
    record changes; a template that printed it would make them stale."""
    data, out, _ = built
    checksum = build(data).data_sha256.encode()
    holding = {name for name, body in pages(out).items() if checksum in body}
    assert holding == {"data/index.html", "data/datapackage.json"}


@dataclass(frozen=True)
class Box:
    value: object


class Opaque:
    pass


@pytest.mark.parametrize(
    "one, other, same",
    [
        ({"a": 1, "b": [Fraction(1, 3)]}, {"a": 1, "b": [Fraction(1, 3)]}, True),
        ({"a": 1, "b": 2}, {"b": 2, "a": 1}, False),  # templates loop in order
        (Box(Fraction(2, 4)), Box(Fraction(1, 2)), True),
        (Box(1), Box(True), False),
        ("<b>", Markup("<b>"), False),  # escaped on one page, not on the other
        ((1, 2), [1, 2], False),
        (Fraction(1, 3), Fraction(333, 1000), False),
        # many values of one shape are spelt in one go (a group's cells, table rows)
        ([Box(1), Box(None)], [Box(1), Box(None)], True),
        ([Box(1), Box(None)], [Box(None), Box(1)], False),
        ([Box(1), Box(2)], [Box(1), Box(True)], False),
        ([Box("x")], [Box(Markup("x"))], False),
        (["<b>", "i"], [Markup("<b>"), "i"], False),
        ([(), ()], [()], False),
        ([(1, "a"), (2, "b")], [(1, "b"), (2, "a")], False),
        ([None, 1], [1, None], False),
        ([None, Box(1)], [Box(None), 1], False),
        ([{"a": 1, "b": 2}], [{"b": 2, "a": 1}], False),
        ([{"a": 1}, {"a": 2}], [{"a": 1}, {"a": 3}], False),
        ({"a": Box(1), "b": Box(2)}, {"a": Box(2), "b": Box(1)}, False),
        ({"a": [1, 2]}, {"a": (1, 2)}, False),
        ([1.0, 1], [1, 1.0], False),
        ([Fraction(1, 2)], [0.5], False),
        ({"a": 1}, defaultdict(int, {"a": 1}), False),  # a defaultdict answers any key
        ([{"a": 1}], [defaultdict(int, {"a": 1})], False),
    ],
)
def test_fingerprints_follow_content_and_type(one: object, other: object, same: bool) -> None:
    assert (Fingerprints().of(one) == Fingerprints().of(other)) is same


def _double(n: int) -> list[int]:
    return [n, n]


def _twice(n: int) -> list[int]:
    return [n, n]


def test_a_made_list_is_read_by_what_made_it() -> None:
    """Rows a pure function made from values already read (a group's leniency
    table) are read by the function and its arguments; any change of either
    changes the fingerprint, and one made the same way reads the same."""
    prints = Fingerprints()
    first = prints.of(made(_double, 1))
    assert first == prints.of(made(_double, 1)) == Fingerprints().of(made(_double, 1))
    assert first != prints.of(made(_double, 2))
    assert first != prints.of(made(_twice, 1))  # another function, the same items
    assert first != prints.of([1, 1])
    assert prints.of(made(_double, Box(1))) != prints.of(made(_double, Box(True)))


def test_a_value_without_a_known_spelling_is_always_drawn() -> None:
    assert Fingerprints().of({"x": Opaque()}) is None
    shared = Box([1, 2])
    prints = Fingerprints()
    assert prints.of(shared) == prints.of(Box([1, 2]))


def test_a_build_stopped_before_the_search_index_leaves_nothing_marked_current(
    built, monkeypatch
) -> None:
    """The page record is saved after Pagefind: a build that dies in between
    (here Pagefind itself fails) makes the next build draw and index again."""
    import sys

    from kinerja.adapters import portal

    data, out, cache = built
    rename_unit(data)  # searchable text changes: Pagefind must run
    real = portal._pagefind
    monkeypatch.setattr(portal, "_pagefind", lambda: [sys.executable, "-c", "raise SystemExit(3)"])
    assert pelican_build(out, data=data, cache=cache).returncode != 0
    runs = []
    monkeypatch.setattr(portal, "_pagefind", lambda: runs.append(1) or real())
    assert pelican_build(out, data=data, cache=cache).returncode == 0
    assert runs == [1]
    assert pelican_build(out, data=data, cache=cache).returncode == 0
    assert runs == [1]  # nothing changed since: the index stands


def test_an_upgraded_package_redraws_every_page(built, monkeypatch) -> None:
    """Markdown, Babel or Pagefind upgraded under the same commit change pages
    without any file of the repository changing."""
    from kinerja.adapters import cache as cache_module
    from kinerja.adapters import portal

    data, out, cache = built
    for path in out.rglob("*.html"):
        os.utime(path, (OLD, OLD))
    upgraded = cache_module.environment() + b"\nMarkdown-99.0.dist-info"
    monkeypatch.setattr(cache_module, "environment", lambda: upgraded)
    monkeypatch.setattr(portal, "environment", lambda: upgraded)
    portal._compiled_with.cache_clear()
    try:
        assert pelican_build(out, data=data, cache=cache).returncode == 0
    finally:
        portal._compiled_with.cache_clear()
    assert all(p.stat().st_mtime > OLD for p in out.rglob("*.html") if "pagefind" not in p.parts)


def _index(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted((out / "pagefind").rglob("*"))
        if p.is_file()
    }


def test_an_index_changed_since_it_was_built_is_built_again(built, monkeypatch) -> None:
    """So is one Pagefind would make otherwise now (its configuration: a
    PAGEFIND_ variable, or a file where it runs). A searchable change runs it
    too: see the test of a build stopped before the index."""
    from kinerja.adapters import portal

    data, out, cache = built
    fragment = sorted((out / "pagefind" / "fragment").iterdir())[0]
    fragment.write_bytes(fragment.read_bytes() + b"\0")
    real, runs = portal._pagefind, []
    monkeypatch.setattr(portal, "_pagefind", lambda: runs.append(1) or real())
    assert pelican_build(out, data=data, cache=cache).returncode == 0
    assert runs == [1]
    monkeypatch.setenv("PAGEFIND_VERBOSE", "false")
    assert pelican_build(out, data=data, cache=cache).returncode == 0
    assert runs == [1, 1]


def test_a_page_edited_in_place_is_drawn_again_though_size_and_mtime_are_kept(
    built, monkeypatch
) -> None:
    """Skipped pages are known by their settled stat, not read (filestat.py);
    an edit that keeps the size, with the mtime set back, still changes the
    ctime, so the page is read and drawn again."""
    data, out, cache = built
    time.sleep(0.3)  # the copied output settles (filestat.FINE_STEP_NS)
    assert pelican_build(out, data=data, cache=cache).returncode == 0  # records settled stats
    page = out / "hasil/2025/setwan/index.html"
    original, st = page.read_bytes(), page.stat()
    edited = original.replace(b"</h1>", b"!</h1>", 1).replace(b"</title>", b"</title", 1)
    assert len(edited) == len(original) and edited != original
    page.write_bytes(edited)
    os.utime(page, ns=(st.st_atime_ns, st.st_mtime_ns))
    reads: list[Path] = []
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: reads.append(self) or real(self))
    assert pelican_build(out, data=data, cache=cache).returncode == 0
    assert page.read_bytes() == original
    read = {p.relative_to(out).as_posix() for p in reads if out in p.parents}
    assert "hasil/2025/setwan/index.html" in read
    assert not read & {"hasil/2024/bappeda/index.html", "istilah/index.html", "index.html"}


@pytest.mark.skipif(os.name == "nt", reason="no stat is trusted on Windows")
def test_a_stat_stands_for_the_bytes_only_once_settled() -> None:
    from types import SimpleNamespace

    def stat(mtime: int, ctime: int) -> os.stat_result:
        return SimpleNamespace(st_mtime_ns=mtime, st_ctime_ns=ctime)  # type: ignore[return-value]

    now = 1_700_000_000_123_456_789
    assert not settled(stat(now - 50_000_000, now - 50_000_000), now)  # changed 50 ms ago
    assert settled(stat(now - 999_999_993, now - 999_999_993), now)
    whole = now - now % 10**9 - 10**9  # whole seconds: a filesystem that keeps no more
    assert not settled(stat(whole, whole), now)
    assert settled(stat(whole - 2 * 10**9, whole - 2 * 10**9), now)
    assert not settled(stat(OLD * 10**9, now - 1_000), now)  # an mtime set back hides nothing


def test_pages_no_longer_made_are_removed_and_links_replaced(built, tmp_path: Path) -> None:
    """A period removed: its pages go from output/ (and from the search index),
    as a cold build never writes them; a page replaced by hand with a link is
    drawn as a file of its own. The output then equals a cold build's."""
    data, out, cache = built
    shutil.rmtree(data / "pegawai/2024")
    kept = out / "index.html"
    (out / "salinan.html").write_bytes(kept.read_bytes())
    kept.unlink()
    kept.symlink_to(out / "salinan.html")
    (out / "salinan.html").unlink()  # not a page of ours: only to aim the link
    assert pelican_build(out, data=data, cache=cache).returncode == 0
    assert not kept.is_symlink()
    cold = pelican_build(tmp_path / "cold", data=data, cache=tmp_path / "cache-dingin")
    assert cold.returncode == 0
    assert pages(out) == pages(tmp_path / "cold")
    assert not any("2024" in p for p in pages(out) if p.startswith("hasil/"))
    assert _index(out) == _index(tmp_path / "cold")


def test_every_template_folder_and_plugin_is_an_input(tmp_path: Path, monkeypatch) -> None:
    """Templates read from an override folder or through a linked folder, and a
    plugin's source, change every page's inputs."""
    import sys
    import types

    from kinerja.adapters.pagecache import PageCache

    theme, overrides, linked = tmp_path / "tema", tmp_path / "timpa", tmp_path / "bersama"
    for folder in (theme / "templates", overrides, linked):
        folder.mkdir(parents=True)
    (theme / "templates" / "bersama").symlink_to(linked)
    plugin = tmp_path / "plugin_uji.py"
    plugin.write_text("X = 1\n", encoding="utf-8")
    module = types.ModuleType("plugin_uji")
    module.__file__ = str(plugin)
    monkeypatch.setitem(sys.modules, "plugin_uji", module)
    settings = {
        "THEME": str(theme),
        "PATH": str(tmp_path / "konten"),
        "THEME_TEMPLATES_OVERRIDES": [str(overrides)],
        "PLUGINS": ["plugin_uji"],
    }

    def shared() -> str | None:
        return PageCache.for_build(None, tmp_path / "out", [], settings, {}).shared

    first = shared()
    for path in (overrides / "base.html", linked / "bagian.html", plugin):
        path.write_text(path.read_text(encoding="utf-8") + "x" if path.exists() else "x")
        assert shared() != first, path
        first = shared()


def test_a_list_made_by_a_function_known_by_more_than_its_name_is_read_item_by_item() -> None:
    """A lambda, a nested function or a bound method carries values its name does not say."""
    step = 2
    prints = Fingerprints()
    twice = [made(lambda n: [n * step], 1), made(lambda n: [n * 3], 1)]
    assert prints.of(twice[0]) != prints.of(twice[1])
