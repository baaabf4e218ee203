"""The Pelican plugin: the generator that turns the data folder into pages.

In the context step it validates, scores and aggregates the data folder; bad
data stops the build there, before Pelican writes any file, with the
validator's messages. In the output step it writes every page with Pelican's
writer, so the sitemap and other plugins see them.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path
from subprocess import PIPE

import jinja2
from jinja2 import Environment, FileSystemBytecodeCache
from pelican import signals
from pelican.generators import Generator

from kinerja.adapters import cms_admin
from kinerja.adapters.cache import FileCache, environment, saves_held
from kinerja.adapters.cachetrust import inside_site, user_cache_dir
from kinerja.adapters.pagecache import PageCache, settings_text
from kinerja.adapters.pipeline import build, engine_sources
from kinerja.adapters.signedmemo import SignedMemo
from kinerja.checks.problems import render
from kinerja.core import collector
from kinerja.core.provenance import Provenance
from kinerja.core.settings import value
from kinerja.site import presentation, sanitise
from kinerja.site.fingerprint import Fingerprints
from kinerja.site.glossary import Linker
from kinerja.site.pages import build_pages


class DataProblems(SystemExit):
    """Raised to stop the build; carries exit status 1 like `kinerja validate`."""

    def __init__(self) -> None:
        super().__init__(1)


def _git(root: Path, *args: str) -> str:
    try:
        done = subprocess.run(
            ["git", *args], cwd=root, capture_output=True, text=True, timeout=30, check=True
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip()


class KinerjaGenerator(Generator):
    def generate_context(self) -> None:
        """The portal's context, made with the cycle collector paused; what the
        build keeps from it is then frozen out of the collector's scans.

        The tables and pages' data stay alive until the build ends and hold no
        garbage cycles, yet each collection after the pause walked them all
        (about 45 ms of a warm build). gc.freeze only stops that walking:
        reference counting still frees them. A preview rebuilding in one process
        unfreezes the last build's objects first, so its cycles are collected.

        The pipeline's cache is written later, while Pagefind indexes the site
        and this process would only wait (_search_index); at once when the data
        has problems, and at the next build when this one stops in between."""
        _save(_HELD.pop(str(self.output_path), []))
        if _STATE["frozen"]:  # only after a build of ours froze (what was alive then)
            gc.unfreeze()
        with collector.paused():
            try:
                with saves_held() as held:
                    self._context()
            except BaseException:
                _save(held)  # the checks done so far still count next time
                raise
            gc.freeze()
            _STATE["frozen"] = True
        _HELD[str(self.output_path)] = held  # saved while Pagefind runs

    def _context(self) -> None:
        data_dir = Path(value(self.settings, "KINERJA_DATA"))
        if not data_dir.is_absolute():
            data_dir = Path(self.settings["PATH"]).resolve().parent / data_dir
        cache = value(self.settings, "KINERJA_CACHE")
        cache_dir = None if not cache else data_dir.resolve().parent / cache
        if cache_dir is not None and inside_site(cache_dir, Path(self.output_path)):
            cache_dir = None
        self.data_dir, self.cache_dir = data_dir, cache_dir
        result = build(data_dir, cache_dir=cache_dir)
        if result.problems:
            print(render(result.problems, result.files, "text"), file=sys.stderr)
            print("Portal tidak dibangun: perbaiki data di atas dulu.", file=sys.stderr)
            raise DataProblems
        for note in result.notes:  # e.g. a released period whose revision must wait
            print(f"kinerja: {note}", file=sys.stderr)
        root = data_dir.resolve().parent
        provenance = Provenance(
            commit=_git(root, "rev-parse", "HEAD") or "tidak-diketahui",
            data_sha256=result.data_sha256,
            last_change=_git(root, "log", "-1", "--format=%cs", "--", data_dir.name),
            files=result.files,
        )
        # open-data rows and charts, remembered by the fingerprint of what makes them
        memo = SignedMemo(cache_dir, "memo-halaman", _engine_digest())
        # one set of fingerprints for the build: the periods are read once, for
        # the open-data memo here and for the page cache (_write_pages)
        self.prints = Fingerprints()
        self.pages, self.files = build_pages(
            result.published, result.policy, provenance, memo, self.prints
        )
        memo.save()
        self.context["KINERJA"] = {
            "provenance": provenance,
            "latest": list(result.published)[-1] if result.published else None,
            "periods": list(result.published),
            # k of the latest period, else of the latest methodology (nothing published yet)
            "k_terbaru": (
                result.published[max(result.published)].k
                if result.published
                else result.policy.methodologies[-1].ambang_k
            ),
            "repo_url": value(self.settings, "KINERJA_REPO_URL"),
            "usulan_url": value(self.settings, "KINERJA_USULAN_URL"),
            "istilah": Linker(result.policy.glossary, self._linked(cache_dir)),
            "label": result.policy.vocabulary.labels,  # the categories' labels (schemas)
        }

    def _linked(self, cache_dir: Path | None) -> SignedMemo:
        """Pages as the glossary linked them, saved once every page is written
        (_search_index: Pelican's own pages may be written after ours)."""
        memo = SignedMemo(cache_dir, "memo-istilah", _engine_digest())
        _LINKED[str(self.output_path)] = memo
        return memo

    def generate_output(self, writer) -> None:  # type: ignore[no-untyped-def]
        with collector.paused():
            self._write_pages(writer)

    def _write_pages(self, writer) -> None:  # type: ignore[no-untyped-def]
        raw = self.env.from_string("{{ body|safe }}")
        pages = self._page_cache()
        for page in self.pages:
            digest = pages.digest(page.save_as, page.template, page.vars)
            if pages.unchanged(page.save_as, digest):  # as if written: the sitemap lists it
                path = str(Path(self.output_path) / page.save_as)
                signals.content_written.send(path, context=self.context)
                continue
            pages.make_room(page.save_as)
            writer.write_file(
                page.save_as,
                self.get_template(page.template),
                self.context,
                page_title=page.title,
                page_url=page.url,
                **page.vars,
            )
            pages.wrote(page.save_as, digest)
        pages.remove_stale({page.save_as for page in self.pages})
        # recorded only once the search index is built too (_search_index): a
        # build stopped in between must not leave pages marked current
        _PENDING[str(self.output_path)] = pages
        for f in self.files:
            writer.write_file(f.save_as, raw, self.context, body=f.text)
        robots = self.env.from_string(
            "User-agent: *\nAllow: /\nSitemap: {{ SITEURL }}/sitemap.txt\n", globals={}
        )
        writer.write_file("robots.txt", robots, self.context)
        if value(self.settings, "KINERJA_ADMIN"):
            cms_admin.write_from_settings(Path(self.output_path), self.data_dir, self.settings)

    def _page_cache(self) -> PageCache:
        """What this build may skip: the portal context without the data checksum,
        which only the open-data page shows (from its own variables)."""
        shared = dict(self.context["KINERJA"])
        shared.pop("istilah")  # built from the policy's glossary, which every page carries
        shared["provenance"] = dataclasses.replace(shared["provenance"], data_sha256="")
        return PageCache.for_build(
            self.cache_dir, Path(self.output_path), _compiled_with(), self.settings, shared
        ).reading_with(self.prints)


def _pagefind() -> list[str]:
    """The pinned Pagefind binary itself (its package's public lookup), which
    saves starting Python only to exec it; `python -m pagefind` otherwise."""
    from pagefind_bin import get_executable

    found = get_executable()
    return [str(found)] if found is not None else [sys.executable, "-m", "pagefind"]


_STATE = {"frozen": False}  # a build in this process froze its objects (gc.freeze)
# output folder -> this build's page record, saved after the search index
_PENDING: dict[str, PageCache] = {}
# output folder -> this build's linked pages, saved once every page is written
_LINKED: dict[str, SignedMemo] = {}
# output folder -> the pipeline's caches, saved while Pagefind indexes the site
_HELD: dict[str, list[FileCache]] = {}


def _search_index(pelican) -> None:  # type: ignore[no-untyped-def]
    """Pagefind indexes the finished site; its files live under output/pagefind/.

    Pagefind cannot update an index in place: when no page's searchable text
    changed (figures are not searchable, see site/searchview.py) the last index
    stands, otherwise it is rebuilt from scratch (old files removed, so output/
    is what a cold build makes)."""
    index = Path(pelican.output_path) / "pagefind"
    pages = _PENDING.pop(str(pelican.output_path), None)
    linked = _LINKED.pop(str(pelican.output_path), None)
    held: list = _HELD.pop(str(pelican.output_path), []) + ([linked] if linked else [])
    if pages is not None and pages.search_current():
        _save(held)
        pages.save()
        return
    shutil.rmtree(index, ignore_errors=True)
    command = [*_pagefind(), "--site", pelican.output_path, "--silent"]
    try:
        with subprocess.Popen(command, stdout=PIPE, stderr=PIPE, text=True) as indexer:
            _save(held)  # meanwhile: this process would only wait
            held = []
            if pages is not None:
                pages.read_pages()
            try:
                out, err = indexer.communicate(timeout=600)
            except subprocess.TimeoutExpired:
                indexer.kill()
                out, err = indexer.communicate()
                err = "Pagefind tidak selesai dalam 600 detik."
    finally:
        _save(held)
    if indexer.returncode != 0:
        print(err or out, file=sys.stderr)
        raise SystemExit("Indeks pencarian (Pagefind) gagal dibangun.")
    if pages is not None:
        pages.indexed()
        pages.save()


def _save(caches: list[FileCache]) -> None:
    for cache in caches:
        cache.save()


def _content_init(content) -> None:  # type: ignore[no-untyped-def]
    """Pages and news pass through the same sanitiser as data text, then get
    the site's links: Markdown links are written from the site root
    ("/metodologi/"); under a published SITEURL with a path they must carry it."""
    if content._content:
        content._content = sanitise.html(content._content)
    if isinstance(getattr(content, "_summary", None), str):
        content._summary = sanitise.html(content._summary)
    for key in content.settings.get("FORMATTED_FIELDS", ()):
        if isinstance(content.metadata.get(key), str):
            content.metadata[key] = sanitise.html(content.metadata[key])
    siteurl = content.settings.get("SITEURL", "")
    if siteurl and content._content:
        content._content = content._content.replace('href="/', f'href="{siteurl}/')


def _add_filters(generator: Generator) -> None:
    generator.env.filters.update(presentation.FILTERS)
    generator.env.bytecode_cache = _template_cache(generator.env)


@functools.lru_cache(maxsize=1)
def _compiled_with() -> tuple[bytes, ...]:
    """The Python, the installed packages and the engine's sources: what every
    page and compiled template depends on besides its own inputs (read once a
    process; a running preview keeps the code it loaded)."""
    return (environment(), *engine_sources())


@functools.lru_cache(maxsize=1)
def _engine_digest() -> str:
    total = hashlib.sha256()
    for part in _compiled_with():
        total.update(hashlib.sha256(part).digest())
    return total.hexdigest()


_COMPILE_OPTIONS = (
    "block_start_string",
    "block_end_string",
    "variable_start_string",
    "variable_end_string",
    "comment_start_string",
    "comment_end_string",
    "line_statement_prefix",
    "line_comment_prefix",
    "trim_blocks",
    "lstrip_blocks",
    "newline_sequence",
    "keep_trailing_newline",
    "optimized",
    "autoescape",
    "finalize",
    "undefined",
    "is_async",
)


def _template_cache(env: Environment) -> FileSystemBytecodeCache | None:
    """Compiled templates, kept between builds in this user's cache folder (0700,
    outside every repository: the files hold code, so no commit may plant them).

    Jinja keys each entry by the template's source only, but compiled code also
    depends on every compile option, on the filters and tests (whether each
    takes the context; constant expressions are folded through them at compile
    time) and on the packages installed, so all of those name the folder, with
    the engine's sources, where the portal's filters live."""
    compiled_with = hashlib.sha256(_engine_digest().encode())
    described = [jinja2.__version__, sorted(env.extensions)]
    described += [(name, repr(getattr(env, name, None))) for name in _COMPILE_OPTIONS]
    described += [
        (
            kind,
            name,
            getattr(f, "jinja_pass_arg", None),
            getattr(f, "__module__", ""),
            getattr(f, "__qualname__", ""),
        )
        for kind, table in (("filter", env.filters), ("test", env.tests))
        for name, f in sorted(table.items())
    ]
    compiled_with.update(repr(described).encode())
    folder = _private(user_cache_dir() / "jinja" / compiled_with.hexdigest()[:16])
    if folder is None:
        return None  # someone else's folder, or none: compile afresh
    return FileSystemBytecodeCache(str(folder))


def _content_cache(pelican) -> None:  # type: ignore[no-untyped-def]
    """Pelican's cache of converted Markdown (pelicanconf: CACHE_CONTENT) goes to
    this user's cache folder (0700), in a folder named for every setting (but
    the portal's own), the Python and the packages.

    The cache holds pickles, so it may not live where a commit could plant it
    (Pelican's default is cache/ beside the settings); and Pelican does not
    notice a changed setting itself, so a changed setting is a new folder.
    Settings that cannot be spelt stably turn the cache off."""
    settings = pelican.settings
    if not (settings.get("CACHE_CONTENT") or settings.get("LOAD_CONTENT_CACHE")):
        return
    # the portal's own settings do not change how Markdown is read
    read = {k: v for k, v in settings.items() if k != "CACHE_PATH" and not k.startswith("KINERJA_")}
    text = settings_text(read)
    folder = None
    if text is not None:
        named = hashlib.sha256(environment())  # Python and packages: not the engine's code
        named.update(f"{settings.get('PATH')}\0{text}".encode())
        folder = _private(user_cache_dir() / "pelican" / named.hexdigest()[:16])
    if folder is None:
        settings["CACHE_CONTENT"] = settings["LOAD_CONTENT_CACHE"] = False
    else:
        settings["CACHE_PATH"] = str(folder)


def _private(folder: Path) -> Path | None:
    """`folder`, made if missing, when it is this user's own (else None)."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        owner = folder.stat().st_uid
    except OSError:
        return None
    if hasattr(os, "getuid") and owner != os.getuid():
        return None
    return folder


def _generators(pelican) -> type[Generator]:  # type: ignore[no-untyped-def]
    return KinerjaGenerator


def register() -> None:
    # blinker keeps weak references: connect module-level functions, not lambdas
    signals.initialized.connect(_content_cache)
    signals.get_generators.connect(_generators)
    signals.generator_init.connect(_add_filters)
    signals.finalized.connect(_search_index)
    signals.content_object_init.connect(_content_init)
