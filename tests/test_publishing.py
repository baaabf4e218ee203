"""Periods published while the workers still read later ones give exactly what
publishing every period at the end gives, and never publish past a problem."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from kinerja.adapters import pipeline, publishing
from kinerja.adapters.pipeline import build
from portal_build import copy_policy, copy_units


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """Two small units in each period of the sample."""
    return copy_units(copy_policy(tmp_path / "data"), ("bappeda", "setwan"))


def _computed(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, str]]:
    """Each period computed, and by whom: ahead (`_publish`) or at the end."""
    calls: list[tuple[int, str]] = []
    real = publishing.period

    def counted(run, policy, periode, rels, all_facts):  # type: ignore[no-untyped-def]
        calls.append((periode, inspect.stack()[1].function))
        return real(run, policy, periode, rels, all_facts)

    monkeypatch.setattr(publishing, "period", counted)
    return calls


def _plain(published: dict) -> dict:
    return {p: v.to_plain() for p, v in published.items()}


@pytest.mark.parametrize("workers", [1, 2])
def test_each_period_is_computed_once_and_as_at_the_end(
    data: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    periods = sorted(int(p.name) for p in (data / "pegawai").iterdir())
    assert len(periods) >= 2
    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 1)  # the pool even for a few files
    at_end = build(data, workers=workers)  # reference: every period published at the end
    monkeypatch.setattr(publishing.Ahead, "_publish", lambda self, folder: None)
    only_end = build(data, workers=workers)
    monkeypatch.undo()
    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 1)
    calls = _computed(monkeypatch)
    ahead = build(data, workers=workers)
    assert not ahead.problems
    # each once: all but the last while the workers still read, and used as they were
    assert calls == [(p, "_publish") for p in periods[:-1]] + [(periods[-1], "publish_periods")]
    assert _plain(ahead.published) == _plain(only_end.published) == _plain(at_end.published)


def test_a_problem_in_a_later_period_publishes_nothing(data: Path) -> None:
    last = sorted((data / "pegawai").iterdir())[-1]
    record = sorted(last.rglob("*.yaml"))[0]
    record.write_text(record.read_text(encoding="utf-8") + "tidak_dikenal: 1\n", "utf-8")
    result = build(data, workers=1)
    assert result.problems
    assert result.published == {}


def test_only_checking_publishes_nothing_ahead(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _computed(monkeypatch)
    result = build(data, workers=1, publish_results=False)
    assert not result.problems and calls == [] and result.published == {}
