"""Data folder in, publishable aggregates out: the one path that both the
Pelican plugin and the command line follow."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kinerja import loader
from kinerja.aggregation import aggregate
from kinerja.problems import Problem
from kinerja.provenance import data_checksum
from kinerja.publication import PublishedPeriod, publish
from kinerja.scoring import score
from kinerja.validation import Result, validate


@dataclass
class Build:
    result: Result
    published: dict[int, PublishedPeriod] = field(default_factory=dict)
    data_sha256: str = ""

    @property
    def problems(self) -> list[Problem]:
        return self.result.problems


def build(data_dir: Path) -> Build:
    loaded = loader.load(data_dir)
    result = validate(loaded)
    docs = [loaded.units, loaded.standards, *loaded.methodologies, *loaded.indicators]
    docs += loaded.records
    checksum = data_checksum(
        (Path(d.path).resolve().relative_to(data_dir.resolve()).as_posix(), d.raw)
        for d in docs
        if d is not None
    )
    out = Build(result=result, data_sha256=checksum)
    if result.problems or result.policy is None:
        return out
    policy = result.policy
    aggregates = aggregate(score(a, policy) for _, a in result.appraisals)
    out.published = {p: publish(agg, policy) for p, agg in sorted(aggregates.items())}
    return out
