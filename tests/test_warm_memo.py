"""A warm build's shortcuts for a rebuilt period (counts from the last counts
plus the changed atoms, means and medians remembered by their values) give
exactly what computing afresh gives."""

from __future__ import annotations

import copy
import dataclasses
import random
import re
from collections import defaultdict
from fractions import Fraction
from pathlib import Path

import pytest

from kinerja.adapters import publishing
from kinerja.adapters.pipeline import build
from kinerja.adapters.publishing import StatsMemo
from kinerja.adapters.signedmemo import SignedMemo
from kinerja.core.aggregation import PeriodAggregate, mean_and_median
from kinerja.core.publication import HIDDEN, Cell, counts_after, layout_of
from kinerja.site import pages
from kinerja.site.charts import Bar, bars
from kinerja.site.fingerprint import Fingerprints
from kinerja.site.pageparts import Drawer, decimals
from portal_build import copy_policy, copy_units


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """Two small units in each period of the sample."""
    return copy_units(copy_policy(tmp_path / "data"), ("bappeda", "setwan"))


def _change_one(data: Path) -> None:
    """One person's loyal score, as `make bench` changes it."""
    last = sorted((data / "pegawai").iterdir())[-1]
    record = sorted(last.rglob("*.yaml"))[0]
    text = record.read_text(encoding="utf-8")
    lines = text.splitlines()
    changed = ["  loyal: 1" if ln.startswith("  loyal:") else ln for ln in lines]
    if changed == lines:
        changed = ["  loyal: 2" if ln.startswith("  loyal:") else ln for ln in lines]
    record.write_text("\n".join(changed) + "\n", encoding="utf-8")


def _plain(result) -> dict:  # type: ignore[no-untyped-def]
    return {
        p: (pub.to_plain(), result.aggregates[p].to_plain()) for p, pub in result.published.items()
    }


def test_a_rebuilt_period_is_published_as_from_scratch(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache"
    build(data, cache_dir=folder)
    _change_one(data)
    used: list[tuple[bool, int]] = []
    real = publishing.counts_after

    def watched(agg, layout, before):  # type: ignore[no-untyped-def]
        used.append((before is not None, agg.periode))
        return real(agg, layout, before)

    monkeypatch.setattr(publishing, "counts_after", watched)
    warm = build(data, cache_dir=folder)
    monkeypatch.undo()
    cold = build(data)
    assert not warm.problems and len(warm.reused_periods) == len(warm.published) - 1
    assert used == [(True, max(warm.published))]  # the shortcut was taken
    assert _plain(warm) == _plain(cold)


def test_counts_after_any_change_equal_the_sums(data: Path) -> None:
    result = build(data)
    rng = random.Random(14)
    for periode, agg in result.aggregates.items():
        layout = layout_of(result.policy, periode)
        before = dict(agg.atoms)
        counts = agg.count_cells(layout)
        for _ in range(40):
            atoms = defaultdict(int, before)
            atom = rng.choice(sorted(atoms))  # one person moves (one record changed)
            atoms[atom] -= 1
            if not atoms[atom]:
                del atoms[atom]
            other = list(rng.choice(sorted(before)))
            if rng.random() < 0.2:  # a group or category the layout does not have
                other[rng.randrange(len(other))] = "lain"
            if rng.random() < 0.9:  # else: the person left
                atoms[tuple(other)] += 1
            fast = counts_after(_NoSums(periode, agg.versi, atoms), layout, (before, counts))
            assert fast == PeriodAggregate(periode, agg.versi, atoms).count_cells(layout)


class _NoSums(PeriodAggregate):
    """Fails if counts_after sums the whole table instead of adding the changes."""

    def count_cells(self, layout):  # type: ignore[no-untyped-def]
        raise AssertionError("summed afresh")


def test_statistics_memo_gives_the_same_numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(5)
    lists = [[(rng.randint(0, 500), rng.choice((1, 2, 3, 7))) for _ in range(9)] for _ in range(5)]
    lists.append([rng.randint(-3, 3) for _ in range(6)])
    first = StatsMemo({})
    computed = [first(values) for values in lists]
    assert computed == [mean_and_median(values) for values in lists]
    again = StatsMemo(dict(first.used))
    monkeypatch.setattr(publishing, "mean_and_median", lambda values: pytest.fail("not remembered"))
    assert [again(values) for values in lists] == computed
    assert again.used == first.used
    monkeypatch.undo()
    assert StatsMemo({})([]) == (Fraction(0), Fraction(0))


def test_a_signed_memo_gives_back_only_what_its_key_signed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KINERJA_KUNCI_CACHE", "kunci-uji-" + "x" * 32)
    first = SignedMemo(tmp_path, "uji", "mesin-1")
    assert first("a", lambda: ("baris", "json")) == ("baris", "json")
    first.save()
    again = SignedMemo(tmp_path, "uji", "mesin-1")
    assert again("a", lambda: pytest.fail("not remembered")) == ("baris", "json")
    # another engine, or a file signed with another key, is not trusted
    assert SignedMemo(tmp_path, "uji", "mesin-2")("a", lambda: ("baru", "")) == ("baru", "")
    monkeypatch.setenv("KINERJA_KUNCI_CACHE", "kunci-penyerang-" + "y" * 32)
    forged = SignedMemo(tmp_path, "uji", "mesin-1")
    forged.used = {"a": ("palsu", "palsu")}
    forged.save()
    monkeypatch.setenv("KINERJA_KUNCI_CACHE", "kunci-uji-" + "x" * 32)
    assert SignedMemo(tmp_path, "uji", "mesin-1")("a", lambda: ("baru", "")) == ("baru", "")


def test_pelicans_markdown_cache_is_kept_per_settings_outside_the_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from types import SimpleNamespace

    from kinerja.adapters import portal

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "pengguna"))

    def placed(**settings: object) -> dict:
        base = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "PATH": "content"}
        pelican = SimpleNamespace(settings={**base, "CACHE_PATH": "cache", **settings})
        portal._content_cache(pelican)
        return pelican.settings

    first = placed(MARKDOWN={"output_format": "html5"})
    folder = Path(first["CACHE_PATH"])
    assert folder.parent == tmp_path / "pengguna" / "kinerja" / "pelican" and folder.is_dir()
    assert placed(MARKDOWN={"output_format": "html5"})["CACHE_PATH"] == str(folder)
    assert placed(MARKDOWN={"output_format": "xhtml"})["CACHE_PATH"] != str(folder)
    assert placed(MARKDOWN={"output_format": "html5"}, KINERJA_DATA="lain")["CACHE_PATH"] == str(
        folder
    )
    unstable = placed(READERS={"md": object()})  # no stable spelling: no cache at all
    assert not unstable["CACHE_CONTENT"] and not unstable["LOAD_CONTENT_CACHE"]


def _open_data_changes() -> list:  # type: ignore[type-arg]
    """Each way one input of a period's open-data rows can change (one planted
    change each): a cell's value, its hidden flag, its name, a group's code,
    the period's number and methodology version, and its decimals."""

    def first_counted(pub):  # type: ignore[no-untyped-def]
        for groups in pub.groups.values():
            for g in groups:
                for name, c in g.cells.items():
                    if isinstance(c.value, int | Fraction) and not c.hidden:
                        return g, name, c
        raise AssertionError("no shown cell")

    def value(pub, places):  # type: ignore[no-untyped-def]
        g, name, c = first_counted(pub)
        g.cells[name] = Cell(c.value + 1)
        return places

    def hidden(pub, places):  # type: ignore[no-untyped-def]
        g, name, _ = first_counted(pub)
        g.cells[name] = HIDDEN
        return places

    def renamed(pub, places):  # type: ignore[no-untyped-def]
        g, name, c = first_counted(pub)
        g.cells[name + "_lain"] = g.cells.pop(name)
        return places

    def regrouped(pub, places):  # type: ignore[no-untyped-def]
        dim, groups = next(iter(pub.groups.items()))
        pub.groups[dim] = [dataclasses.replace(groups[0], kelompok="lain"), *groups[1:]]
        return places

    def renumbered(pub, places):  # type: ignore[no-untyped-def]
        pub.periode += 1
        return places

    def reversioned(pub, places):  # type: ignore[no-untyped-def]
        pub.versi += "-lain"
        return places

    def more_places(pub, places):  # type: ignore[no-untyped-def]
        return places + 1

    return [value, hidden, renamed, regrouped, renumbered, reversioned, more_places]


@pytest.mark.parametrize("change", _open_data_changes(), ids=lambda f: f.__name__)
def test_open_data_rows_are_remembered_by_every_input(data: Path, change) -> None:  # type: ignore[no-untyped-def]
    """Rows remembered for a period are given back only for that very period:
    after any one change of what they are made from, the memo's rows are
    those made afresh (a key that missed an input would give the old rows)."""
    result = build(data)
    periode, pub = next(iter(result.published.items()))
    places = decimals(result.published, result.policy)[periode]
    remembered: dict[str, tuple[str, str]] = {}

    def memo(key, make):  # type: ignore[no-untyped-def]
        return remembered.setdefault(key, make())

    before = pages._period_rows(pub, places, memo, Fingerprints())
    changed = copy.deepcopy(pub)
    more = change(changed, places)
    fresh = pages._period_rows(changed, more, None, Fingerprints())
    assert fresh != before  # the change shows in the rows
    assert pages._period_rows(changed, more, memo, Fingerprints()) == fresh
    assert pages._period_rows(copy.deepcopy(pub), places, memo, Fingerprints()) == before


def _retitle_one(data: Path) -> None:
    """One work item's wording: the person's categories, so the joint table, stay."""
    last = sorted((data / "pegawai").iterdir())[-1]
    record = sorted(last.rglob("*.yaml"))[0]
    text = record.read_text(encoding="utf-8")
    changed = text.replace("  - rencana: ", "  - rencana: Revisi ", 1)
    assert changed != text
    record.write_text(changed, encoding="utf-8")


# deliberate twin of benchmarks/disclosure_speed.move_one (duplicates tool)
def _rerate_one(data: Path) -> None:
    """One person's given behaviour rating (the last period is of the `rating` kind)."""
    last = sorted((data / "pegawai").iterdir())[-1]
    record = sorted(last.rglob("*.yaml"))[0]
    text = record.read_text(encoding="utf-8")
    for rating in ("di_bawah_ekspektasi", "sesuai_ekspektasi"):
        changed = re.sub(r"(?m)^  perilaku_kerja: \w+$", f"  perilaku_kerja: {rating}", text)
        if changed != text:
            record.write_text(changed, encoding="utf-8")
            return
    raise AssertionError("no rating to change")


@pytest.mark.parametrize("change", [_retitle_one, _rerate_one])
def test_hidden_cells_are_chosen_again_only_when_the_joint_table_changed(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change
) -> None:  # type: ignore[no-untyped-def]
    """Suppression depends on the joint table and the policy alone (#11: same
    inputs, no recomputation); a changed record that stays in its cells
    reuses the hidden set, and the result equals a build from scratch."""
    from kinerja.core import publication

    folder = tmp_path / "cache"
    last = max(build(data, cache_dir=folder).aggregates.items())
    change(data)
    calls: list[int] = []
    real = publication.suppress
    monkeypatch.setattr(publication, "suppress", lambda *a: calls.append(1) or real(*a))
    warm = build(data, cache_dir=folder)
    assert warm.reused_periods == sorted(warm.published)[:-1]  # the last period was rebuilt
    moved = warm.aggregates[last[0]].atoms != last[1].atoms
    assert moved == (change is _rerate_one)
    assert len(calls) == int(moved)
    assert _plain(warm) == _plain(build(data, cache_dir=None))


def _chart_changes() -> list:  # type: ignore[type-arg]
    """A chart and each of its arguments changed in turn (one planted change each)."""
    bars = [Bar("Baik", Fraction(1, 3)), Bar("Kurang", None, True), Bar("Cukup", 2, places=1)]
    given = dict(chart_id="c", title="Judul", items=bars, unit="", places=2, maximum=100)
    changes = {
        "chart_id": "d",
        "title": "Judul lain",
        "items": [Bar("Baik", Fraction(2, 3)), *bars[1:]],
        "unit": " %",
        "places": 1,
        "maximum": 50,
    }
    out = [(given, {**given, name: value}) for name, value in changes.items()]
    for field, value in (("label", "Sangat baik"), ("hidden", True), ("kind", "x"), ("places", 3)):
        first = dataclasses.replace(bars[0], **{field: value})
        out.append((given, {**given, "items": [first, *bars[1:]]}))
    return out


@pytest.mark.parametrize("given, changed", _chart_changes())
def test_charts_are_remembered_by_every_argument(given: dict, changed: dict) -> None:
    """A chart remembered from one set of arguments is never given for another
    (a key that missed one would give the old chart)."""
    remembered: dict[str, str] = {}

    def memo(key, make):  # type: ignore[no-untyped-def]
        return remembered.setdefault(key, make())

    draw = Drawer(memo)
    before = draw(bars, **given)
    fresh = bars(**changed)
    assert fresh != before
    assert Drawer(memo)(bars, **changed) == fresh
    assert Drawer(memo)(bars, **given) == before


def test_charts_are_remembered_by_what_draws_them() -> None:
    remembered: dict[str, str] = {}

    def memo(key, make):  # type: ignore[no-untyped-def]
        return remembered.setdefault(key, make())

    def one(text: str) -> str:
        return f"satu {text}"

    def two(text: str) -> str:
        return f"dua {text}"

    assert Drawer(memo)(one, "x") == "satu x"
    assert Drawer(memo)(two, "x") == "dua x"
