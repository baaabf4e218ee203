"""Data folder in, results out: the one path every entry point follows.

`build` is how validate, score, import, synth, diff and the Pelican plugin
get from a data folder to problems, the typed policy, and (when asked) the
published aggregates. Record files are checked and scored in worker
processes that read their own files; a record becomes `Facts` (a plain
tuple) as soon as it is scored, and that tuple is what the cache keeps.

Change detection is by file stat, like Git's index: a file whose size,
modification time and inode match the cache is not read at all. A file
whose stat changed is read and hashed in the worker; if its bytes are the
same, the cached result stands. Only files with problems take the slow,
line-aware YAML path.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import multiprocessing
import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kinerja.adapters import loader, publishing, schemacode
from kinerja.adapters.cache import FileCache, context_key, environment, open_cache
from kinerja.adapters.sweep import sweep
from kinerja.checks.inputs import Loaded
from kinerja.checks.limits import FileLimits
from kinerja.checks.policycheck import document_problems, validate_policy
from kinerja.checks.problems import Problem, sort_problems
from kinerja.checks.schemacheck import Schemas
from kinerja.checks.validation import check_record, duplicate_ids, policy_blocked
from kinerja.checks.yamlsource import Document, read
from kinerja.core import collector
from kinerja.core.aggregation import Facts, PeriodAggregate
from kinerja.core.policy import Policy
from kinerja.core.provenance import data_checksum
from kinerja.core.publication import PublishedPeriod
from kinerja.core.record import Appraisal
from kinerja.core.scoring import score

ENGINE_DIR = Path(__file__).resolve().parents[1]
PARALLEL_FROM = 400  # below this many changed files, starting workers costs more than it saves
RACY_NS = 2_000_000_000  # a file changed this close to the build is not trusted by stat


@dataclass
class Build:
    problems: list[Problem]
    files: int
    policy: Policy | None
    loaded: Loaded | None = None  # the policy files as read
    published: dict[int, PublishedPeriod] = field(default_factory=dict)
    # shown path -> typed record, only for record files named explicitly (kinerja score)
    appraisals: dict[str, Appraisal] = field(default_factory=dict)
    data_sha256: str = ""
    cache_hits: int = 0
    files_read: int = 0
    cache_rebuilt: bool = False
    reused_periods: list[int] = field(default_factory=list)
    # per period: each valid record's Facts, and the aggregate (for kinerja audit)
    facts: dict[int, list[Facts]] = field(default_factory=dict)
    aggregates: dict[int, PeriodAggregate] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # for the build log (releases)


# --- workers ---------------------------------------------------------------
# Module-level functions with picklable arguments, so any start method works
# (spawn on Windows and macOS): each worker is given the policy once, then
# reads, hashes, checks and scores its own files.

_WORK: dict[str, Any] = {}


def _init_worker(policy: Policy | None, schemas: Schemas) -> None:
    _WORK["policy"] = policy
    _WORK["schemas"] = schemas
    _WORK["limits"] = FileLimits.of(schemas["pegawai"])


def _init_pool_worker(policy: Policy | None, schemas: Schemas) -> None:
    """A worker lives for one build and makes no garbage cycles worth collecting."""
    gc.disable()
    _init_worker(policy, schemas)


def _check_file(
    shown: str, raw: bytes, location: str | None
) -> tuple[list[Problem], list | None, Appraisal | None]:
    """One record's problems, its [id, periode] when valid, and its typed record."""
    policy: Policy | None = _WORK["policy"]
    doc = read(shown, raw, _WORK["limits"].max_depth)
    problems, appraisal = check_record(doc, policy, _WORK["schemas"], location)
    ident = None
    if not problems and doc.data is not None and policy is not None:
        ident = [doc.data["id"], doc.data["periode"]]
    return problems, ident, appraisal


def _work(item: tuple[str, str, str, str | None]) -> tuple[str, str, list, list | None]:
    """(rel, shown, path, cached digest) -> (rel, digest, stat, entry; None: bytes unchanged).

    The stat is taken from the open file, so it describes the bytes read.
    """
    rel, shown, path, cached = item
    raw = loader.read_limited(Path(path), _WORK["limits"].max_bytes, stat := [])
    if isinstance(raw, Problem):  # a link, not a regular file, or too large: never read
        return rel, "", stat, [shown, [tuple(raw.redacted().__dict__.values())], None, None]
    digest = hashlib.sha256(raw).hexdigest()
    if digest == cached:
        return rel, digest, stat, None
    problems, ident, appraisal = _check_file(shown, raw, rel.removeprefix("pegawai/"))
    policy = _WORK["policy"]
    facts = (
        tuple(Facts.of(score(appraisal, policy), policy.vocabulary.ratings)) if appraisal else None
    )
    entry = [shown, [tuple(p.redacted().__dict__.values()) for p in problems], ident, facts]
    return rel, digest, stat, entry


# --- the pipeline ----------------------------------------------------------


@functools.lru_cache(maxsize=1)
def engine_sources() -> tuple[bytes, ...]:
    """The engine's source files, read once a process: results depend on the code
    this process runs, which a running preview does not reload."""
    return tuple(p.read_bytes() for p in sorted(ENGINE_DIR.rglob("*.py")))


@dataclass
class _Run:
    """One walk over data/pegawai: what each file gave, and where it came from."""

    data_dir: Path
    policy: Policy | None
    schemas: Schemas
    cache: FileCache
    started_ns: int
    results: dict[str, list] = field(default_factory=dict)
    digests: dict[str, str] = field(default_factory=dict)
    hits: int = 0
    read: int = 0
    shown_root: str = field(init=False)  # shown paths of records start with it

    def __post_init__(self) -> None:
        self.shown_root = loader.shown_path(self.data_dir) + os.sep

    def todo(
        self, entries: list[tuple[str, os.stat_result]]
    ) -> Iterator[tuple[str, str, str, str | None]]:
        """Yield only the files whose stat (taken by the walk) does not match the
        cache, after recording every file that does (15,000 of them in a warm
        build: the loop is kept tight)."""
        walked, root = str(self.data_dir) + os.sep, self.shown_root
        checked = self.policy is not None
        self.cache.adopt_root(root)
        digests, results = self.digests, self.results
        insides = [path.removeprefix(walked) for path, _ in entries]
        rels = insides if os.sep == "/" else [i.replace(os.sep, "/") for i in insides]
        stats = [st for _, st in entries]
        kept = self.cache.index.unchanged_many(rels, stats) if checked else [None] * len(rels)
        misses = []
        for rel, inside, (path, _), known in zip(rels, insides, entries, kept, strict=True):
            if known is None:
                misses.append((rel, root + inside, path))
            else:  # facts None: read from the cache only if the period is rebuilt
                digests[rel] = known[0]
                results[rel] = [root + inside, known[1], known[2], None]
        self.hits += len(entries) - len(misses)
        for rel, shown, path in misses:
            yield rel, shown, path, self.cache.digest_of(rel) if checked else None

    def take(self, result: tuple[str, str, list, list | None]) -> None:
        rel, digest, stat, entry = result
        self.read += 1
        self.digests[rel] = digest
        if entry is None:  # same bytes, new stat: the cached result stands
            _, problems, ident = self.cache.get(rel, digest)
            entry = [self.shown_root + rel.replace("/", os.sep), problems, ident, None]
            self.hits += 1
        self.results[rel] = entry
        if self.policy is not None:
            # modified or changed (cp -p, tar: old mtime, new ctime) near the build
            # start: not trusted by stat; no stat (the file went): not kept at all
            recent = not stat or max(stat[1], stat[3]) >= self.started_ns - RACY_NS
            self.cache.put(rel, digest if stat else "", entry, None if recent else stat)

    def rescore(self, rel: str) -> tuple | None:
        """A record's facts read again (an older cache did not keep them)."""
        _init_worker(self.policy, self.schemas)
        return _work((rel, self.results[rel][0], str(self.data_dir / rel), None))[3][3]

    def finish(self) -> None:
        self.cache.keep_only(set(self.results))
        schemacode.save(self.schemas)  # validators compiled in this process, for the next run


def _pool_map(
    items: Iterator,
    count: int,
    workers: int | None,
    start_method: str | None,
    initargs: tuple,
    sink: Callable[[tuple[str, str, list, list | None]], None],
) -> None:
    """Each changed file's result, in path order, to `sink` as soon as it is ready."""
    cores = workers or os.cpu_count() or 1
    if cores > 1 and count >= PARALLEL_FROM:
        context = multiprocessing.get_context(start_method)
        with context.Pool(cores, initializer=_init_pool_worker, initargs=initargs) as pool:
            for result in pool.imap(_work, items, chunksize=64):
                sink(result)
        return
    _init_worker(*initargs)
    for item in items:
        sink(_work(item))


# policy files' content -> their check, and whether their own checks found
# nothing; a long-running process (make serve, the tests) checks the same
# policy once. The policy is immutable, so it is shared.
_CHECKED: dict[str, tuple[tuple[list[Problem], Policy | None], bool]] = {}


def _policy(loaded: Loaded, cache: FileCache | None = None) -> tuple[list[Problem], Policy | None]:
    """The policy check of `loaded`. Its files' own checks (parse, privacy,
    schema) are skipped when the cache says these very files passed them
    under this engine (the cache's context), as a warm build's would."""
    docs = [loaded.units, loaded.standards, loaded.data_source, loaded.glossary, loaded.releases]
    parts = [repr(loaded.problems).encode(), repr(sorted(loaded.schemas.by_kind.items())).encode()]
    for doc in [*docs, None, *loaded.methodologies, None, *loaded.indicators]:
        parts.append(b"-" if doc is None else doc.path.encode() + b"\0" + doc.raw)
    key = context_key(parts)
    if key not in _CHECKED:
        if len(_CHECKED) >= 8:
            _CHECKED.clear()
        clean = cache is not None and cache.documents_clean == key
        documents = [] if clean else document_problems(loaded)
        _CHECKED[key] = validate_policy(loaded, documents), not documents
    (problems, policy), clean = _CHECKED[key]
    if cache is not None and clean:
        cache.note_documents_clean(key)
    return list(problems), policy


def _explicit(data_dir: Path, files: Sequence[Path]) -> Build:
    """Named record files (kinerja score): no location or duplicate checks, no cache."""
    loaded = loader.load_policy(data_dir)
    problems, policy = _policy(loaded)
    if policy is None and files:
        problems.append(policy_blocked(data_dir))
    _init_worker(policy, loaded.schemas)
    appraisals = {}
    for path in files:
        shown = loader.shown_path(path)
        raw = loader.read_limited(path, _WORK["limits"].max_bytes)
        if isinstance(raw, Problem):
            problems.append(raw)
            continue
        found, _, appraisal = _check_file(shown, raw, None)
        problems += found
        if appraisal is not None and policy is not None:
            appraisals[shown] = appraisal
    files_seen = loaded.files + len(files)
    return Build(sort_problems(problems), files_seen, policy, loaded, appraisals=appraisals)


def _cache_context(loaded: Loaded, policy_docs: list[Document]) -> str:
    """What every cached result depends on besides its own file."""
    return context_key(
        [environment()]
        + list(engine_sources())
        + [p.read_bytes() for p in sorted(loaded.schema_dir.glob("*.json"))]
        + [d.path.encode() + b"\0" + d.raw for d in policy_docs]
    )


@collector.while_paused
def build(
    data_dir: Path,
    cache_dir: Path | None = None,
    workers: int | None = None,
    publish_results: bool = True,
    records: Sequence[Path] | None = None,
    start_method: str | None = None,
    releases: bool = True,
    all_facts: bool = False,
) -> Build:
    """Check every file of `data_dir`, score the records and (unless only
    checking) aggregate and publish them.

    `records`: check these record files instead of data/pegawai (kinerja
    score); `[]` checks the policy files only (import, synth). `all_facts`:
    keep every period's scored records in `Build.facts` (kinerja audit);
    otherwise only the rebuilt periods' are decoded.
    """
    if records is not None:
        return _explicit(data_dir, records)
    loaded = loader.load_policy(data_dir)
    policy_docs = [d for d in (loaded.units, loaded.standards) if d is not None]
    policy_docs += loaded.methodologies + loaded.indicators
    cache = open_cache(cache_dir, _cache_context(loaded, policy_docs))
    problems, policy = _policy(loaded, cache)
    passed: list[str] = []  # what the walk passed over, for the privacy sweep
    entries = loader.record_entries(data_dir, problems, passed)
    paths = [name for name, _ in entries]
    if policy is None and paths:
        problems.append(policy_blocked(data_dir))
    run = _Run(data_dir, policy, loaded.schemas, cache, time.time_ns())
    expected_misses = len(paths) - len(run.cache.index)
    initargs = (policy, loaded.schemas)
    ahead = publishing.Ahead(run, all_facts, publish_results)
    _pool_map(run.todo(entries), expected_misses, workers, start_method, initargs, ahead)
    run.finish()
    problems += _record_problems(run)
    read_docs = [*policy_docs, loaded.data_source, loaded.releases]
    problems += sweep(data_dir, passed, {d.path for d in read_docs if d})

    root = data_dir.resolve()
    digests = _digests(policy_docs, root) + sorted(run.digests.items())
    out = Build(
        problems=sort_problems(problems),
        files=loaded.files + len(paths),
        policy=policy,
        loaded=loaded,
        data_sha256=data_checksum(digests),
        cache_hits=run.hits,
        files_read=run.read,
        cache_rebuilt=run.cache.rebuilt,
    )
    if not out.problems and policy is not None and publish_results:
        publishing.publish_periods(out, run, policy, ahead)
        if releases and loaded.releases is not None:
            _hold_released(out, data_dir, loaded.releases, cache_dir)
    run.cache.save()
    return out


def _hold_released(out: Build, data_dir: Path, doc: Document, cache_dir: Path | None) -> None:
    """data/rilis.yaml: released periods change only when no group would betray a person."""
    from kinerja.adapters import releases

    notes, problems = releases.apply(out.published, out.aggregates, data_dir, doc, cache_dir)
    out.notes += notes
    if problems:  # no partial site: a release that cannot be read stops the build
        out.problems = sort_problems(out.problems + problems)
        out.published = {}


def _digests(docs: list, root: Path) -> list[tuple[str, str]]:
    """(path under data/, SHA-256) of each policy file; the parent is resolved, the
    file itself not, so a refused symlink stays in data/."""
    return [
        (
            (Path(d.path).parent.resolve() / Path(d.path).name).relative_to(root).as_posix(),
            hashlib.sha256(d.raw).hexdigest(),
        )
        for d in docs
    ]


def _record_problems(run: _Run) -> list[Problem]:
    problems: list[Problem] = []
    ids = []
    results = run.results
    for rel in sorted(results):
        shown, found, ident, _ = results[rel]
        if found:
            problems += [Problem(*p) for p in found]
        if ident is not None:
            ids.append((shown, ident[0], ident[1]))
    return problems + duplicate_ids(
        ids, lambda shown: read(shown, Path(shown).read_bytes()).position(("id",))
    )
