"""Data folder in, publishable aggregates out: the one path that both the
Pelican plugin and the command line follow.

Records are parsed, checked and scored file by file, across all cores, and
reduced to `Facts` at once; results are cached by file content, so a build
after one edit re-reads one file. Only files with problems take the slow,
line-aware YAML path.
"""

from __future__ import annotations

import hashlib
import marshal
import multiprocessing
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kinerja.adapters import loader
from kinerja.adapters.cache import context_key, open_cache
from kinerja.adapters.sweep import sweep
from kinerja.checks.problems import Problem, sort_problems
from kinerja.checks.validation import (
    Result,
    check_record,
    duplicate_ids,
    policy_blocked,
    validate_policy,
)
from kinerja.checks.yamlsource import read
from kinerja.core.aggregation import Facts, PeriodAggregate, aggregate
from kinerja.core.policy import Policy
from kinerja.core.provenance import data_checksum
from kinerja.core.publication import PublishedPeriod, publish
from kinerja.core.scoring import score

ENGINE_DIR = Path(__file__).resolve().parents[1]
PARALLEL_FROM = 400  # below this many changed files, forking costs more than it saves


@dataclass
class Build:
    result: Result
    published: dict[int, PublishedPeriod] = field(default_factory=dict)
    data_sha256: str = ""
    cache_hits: int = 0
    cache_rebuilt: bool = False
    reused_periods: list[int] = field(default_factory=list)
    # per period: each valid record's Facts as marshal bytes (for kinerja audit)
    facts: dict[int, list[bytes]] = field(default_factory=dict)
    aggregates: dict[int, PeriodAggregate] = field(default_factory=dict)

    @property
    def problems(self) -> list[Problem]:
        return self.result.problems


# set in the parent before forking; workers inherit it
_WORK: dict[str, Any] = {}


def _process(item: tuple[str, str, bytes]) -> tuple[str, list, list | None, bytes | None]:
    """One record file → (rel, problems, [id, periode], facts)."""
    rel, shown, raw = item
    policy: Policy | None = _WORK["policy"]
    doc = read(shown, raw)
    problems, appraisal = check_record(doc, policy, _WORK["schemas"], rel.removeprefix("pegawai/"))
    ident = None
    if not problems and doc.data is not None and policy is not None:
        ident = [doc.data["id"], doc.data["periode"]]
    # facts travel and rest as marshal bytes: only a build that publishes decodes them
    facts = marshal.dumps(list(Facts.of(score(appraisal, policy)))) if appraisal else None
    return rel, [list(p.__dict__.values()) for p in problems], ident, facts


def _engine_sources() -> list[bytes]:
    return [p.read_bytes() for p in sorted(ENGINE_DIR.rglob("*.py"))]


def build(
    data_dir: Path,
    cache_dir: Path | None = None,
    workers: int | None = None,
    publish_results: bool = True,
) -> Build:
    """Validate, score and (unless only validating) aggregate and publish."""
    loaded = loader.load_policy(data_dir)
    problems, policy = validate_policy(loaded)
    paths = loader.record_paths(data_dir, problems)
    if policy is None and paths:
        problems.append(policy_blocked(data_dir))

    policy_docs = [d for d in (loaded.units, loaded.standards) if d is not None]
    policy_docs += loaded.methodologies + loaded.indicators
    schema_files = sorted(loaded.schema_dir.glob("*.json"))
    context = context_key(
        _engine_sources()
        + [p.read_bytes() for p in schema_files]
        + [d.path.encode() + b"\0" + d.raw for d in policy_docs]
    )
    cache = open_cache(cache_dir, context)
    root = data_dir.resolve()
    digests: list[tuple[str, str]] = [
        (Path(d.path).resolve().relative_to(root).as_posix(), hashlib.sha256(d.raw).hexdigest())
        for d in policy_docs
    ]
    # record paths come from walking data_dir, so plain string prefixes are exact
    walked = str(data_dir) + os.sep
    shown_root = loader.shown_path(data_dir) + os.sep
    results: dict[str, Any] = {}
    shown_of: dict[str, str] = {}
    hits = 0

    def todo() -> Iterator[tuple[str, str, bytes]]:
        """Read, hash and look up each file; yield only the misses.

        The pool consumes this in its own thread, so reading overlaps with
        the workers' parsing.
        """
        nonlocal hits
        for path in paths:
            raw = path.read_bytes()
            inside = str(path).removeprefix(walked)
            rel = inside.replace(os.sep, "/")
            shown = shown_root + inside
            digest = hashlib.sha256(raw).hexdigest()
            digests.append((rel, digest))
            cached = cache.get(rel, digest) if policy is not None else None
            if cached is not None and cached[0] == shown:
                results[rel] = cached
                hits += 1
            else:
                shown_of[rel] = shown
                yield rel, shown, raw

    _WORK.update(policy=policy, schemas=loaded.schemas)
    cores = workers or os.cpu_count() or 1
    expected_misses = len(paths) - len(cache.entries)
    if cores > 1 and expected_misses >= PARALLEL_FROM:
        with multiprocessing.get_context("fork").Pool(cores) as pool:
            fresh = list(pool.imap(_process, todo(), chunksize=64))
    else:
        fresh = [_process(item) for item in todo()]
    digest_of = dict(digests)
    for rel, found, ident, facts in fresh:
        entry = [shown_of[rel], found, ident, facts]
        results[rel] = entry
        if policy is not None:
            cache.put(rel, digest_of[rel], entry)
    cache.keep_only(set(results))

    ids = []
    by_period: dict[int, list[str]] = {}
    for rel in sorted(results):
        shown, found, ident, facts = results[rel]
        problems += [Problem(*p) for p in found]
        if ident is not None:
            ids.append((shown, ident[0], ident[1]))
            by_period.setdefault(ident[1], []).append(rel)
    problems += duplicate_ids(
        ids, lambda shown: read(shown, Path(shown).read_bytes()).position(("id",))
    )
    read_docs = [*policy_docs, loaded.data_source]
    problems += sweep(data_dir, {str(p) for p in paths}, {d.path for d in read_docs if d})

    result = Result(
        problems=sort_problems(problems), files=loaded.files + len(paths), policy=policy
    )
    out = Build(
        result=result,
        data_sha256=data_checksum(digests),
        cache_hits=hits,
        cache_rebuilt=cache.rebuilt,
    )
    if result.problems or policy is None or not publish_results:
        cache.save()
        return out
    for periode, rels in sorted(by_period.items()):
        # a period whose files are all unchanged reuses its aggregate
        key = context_key([f"{r}\0{digest_of[r]}".encode() for r in rels])
        agg = cache.aggregate(periode, key)
        if agg is not None:
            out.reused_periods.append(periode)
        else:
            agg = aggregate(Facts.from_json(marshal.loads(results[r][3])) for r in rels)[periode]
            cache.keep_aggregate(periode, key, agg)
        out.published[periode] = publish(agg, policy)
        out.aggregates[periode] = agg
        out.facts[periode] = [results[r][3] for r in rels]
    cache.keep_periods(set(by_period))
    cache.save()
    return out
