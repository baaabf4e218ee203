"""From the pipeline's per-file results to each period's aggregate and what
is published from it, reusing a period whose files did not change.

Kept apart from the pipeline because it is the step that runs while the
workers are still reading (`Ahead`): on two cores the main process would
otherwise wait idle, then publish every period alone at the end.
"""

from __future__ import annotations

import hashlib
import marshal
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from kinerja.adapters.cache import context_key
from kinerja.core.aggregation import Facts, PeriodAggregate, aggregate, mean_and_median
from kinerja.core.cells import CellKey
from kinerja.core.policy import Policy
from kinerja.core.publication import PublishedPeriod, counts_after, layout_of, publish


class StatsMemo:
    """Exact mean and median of a list of values, remembered by the SHA-256 of
    the values themselves (marshal version 2: no back-references, so equal
    lists give equal bytes).

    After one record changed, only the groups that person is in (everyone,
    their unit, position, status and sex) have new values; the other groups'
    statistics are taken from the last publication of the period. The numbers
    depend on the values only, never on which build computed them.
    """

    def __init__(self, known: dict[bytes, list[int]]) -> None:
        self.known = known
        self.used: dict[bytes, list[int]] = {}  # what this publication asked for

    def __call__(self, values: list) -> tuple[Fraction, Fraction]:
        try:
            key = hashlib.sha256(marshal.dumps(values, 2)).digest()
        except ValueError:  # not plain data: no memo
            return mean_and_median(values)
        found = self.used.get(key) or self.known.get(key)
        if found is None or len(found) != 4:
            average, middle = mean_and_median(values)
            found = [average.numerator, average.denominator, middle.numerator, middle.denominator]
        self.used[key] = found
        return Fraction(found[0], found[1]), Fraction(found[2], found[3])


@dataclass
class Period:
    """One period's aggregate and what is published from it."""

    rels: list[str]
    key: str
    agg: PeriodAggregate
    published: PublishedPeriod
    facts: list[Facts]
    reused: bool
    stats: StatsMemo | None = None  # the means and medians it computed (not reused)
    counts: dict[CellKey, int] | None = None  # its counts (not reused)


def period(run: Any, policy: Policy, periode: int, rels: list[str], all_facts: bool) -> Period:
    # a period whose files are all unchanged is not aggregated or published again
    key = context_key([f"{r}\0{run.digests[r]}".encode() for r in rels])
    cached = run.cache.period(periode, key, policy)
    facts = facts_of(run, periode, rels) if all_facts or cached is None else []
    if cached is not None:
        return Period(rels, key, *cached, facts, reused=True)
    agg = aggregate(facts)[periode]
    stats = StatsMemo(run.cache.statistics(periode))  # groups whose values are unchanged
    before = run.cache.counts_before(periode)  # counts plus changes: the same sums
    if before is not None and before[0] == agg.atoms:
        # the same joint table under the same policy (the cache's context): the
        # same counts to hide, as suppression depends on nothing else
        agg.hidden = run.cache.hidden_before(periode)
    counts = counts_after(agg, layout_of(policy, periode), before)
    published = publish(agg, policy, stats, counts)  # fills agg.hidden
    return Period(rels, key, agg, published, facts, reused=False, stats=stats, counts=counts)


@dataclass
class Ahead:
    """Publishes a period while the workers still read the next ones.

    Files arrive in path order, so when a file of a later period folder
    arrives, every file of the one before has been seen (cache hits included:
    they are recorded before later files are handed out). The main process is
    otherwise idle while the workers read; a period published here is used
    only if the build ends without problems and its files are the same.
    """

    run: Any
    all_facts: bool
    enabled: bool  # False when only checking (kinerja validate): nothing is published
    folder: str = ""
    done: dict[int, Period] = field(default_factory=dict)

    def __call__(self, result: tuple[str, str, list, list | None]) -> None:
        self.run.take(result)
        folder = result[0].split("/", 2)[1]
        if folder != self.folder:
            if self.folder and self.enabled:
                self._publish(self.folder)
            self.folder = folder

    def _publish(self, folder: str) -> None:
        prefix = f"pegawai/{folder}/"
        entries = {rel: e for rel, e in self.run.results.items() if rel.startswith(prefix)}
        periods = {e[2][1] if e[2] is not None and not e[1] else None for e in entries.values()}
        policy = self.run.policy
        if policy is None or len(periods) != 1 or None in periods:
            return  # problems, or not one period: the build will not publish anyway
        periode = periods.pop()
        rels = sorted(entries)
        self.done[periode] = period(self.run, policy, periode, rels, self.all_facts)


def publish_periods(out: Any, run: Any, policy: Policy, ahead: Ahead) -> None:
    by_period: dict[int, list[str]] = {}
    for rel in sorted(run.results):
        ident = run.results[rel][2]
        by_period.setdefault(ident[1], []).append(rel)
    for periode, rels in sorted(by_period.items()):
        done = ahead.done.get(periode)
        if done is None or done.rels != rels:
            done = period(run, policy, periode, rels, ahead.all_facts)
        if done.reused:
            out.reused_periods.append(periode)
        else:
            run.cache.keep_period(
                periode,
                done.key,
                done.agg,
                done.published,
                done.stats.used if done.stats else None,
                done.counts,
            )
        out.published[periode] = done.published
        out.aggregates[periode] = done.agg
        if ahead.all_facts:
            out.facts[periode] = done.facts
    run.cache.keep_periods(set(by_period))


def facts_of(run: Any, periode: int, rels: list[str]) -> list[Facts]:
    """The period's scored records: fresh from the workers, else from the cache."""
    kept = None
    facts = []
    for rel in rels:
        found = run.results[rel][3]
        if found is None:
            kept = run.cache.facts(periode) if kept is None else kept
            found = kept.get(rel)
        if found is None:  # not kept (an older cache): check the file again
            found = run.rescore(rel)
        facts.append(Facts._make(found))
    return facts
