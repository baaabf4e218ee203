"""Pages whose inputs did not change are not drawn again.

After one record changed, a handful of the portal's pages change (that
unit's pages, the period's results, the indexes); drawing the other hundred
and more again is most of a warm build's page time. Each page's inputs
become one digest: the site's shared inputs (engine, theme, content,
settings, the portal context) and the page's own variables. A page is
skipped only when its digest and the bytes already in output/ are both the
ones this cache recorded; anything unreadable, missing or edited is drawn.

The record of what was written lives in the build cache folder, signed with
the cache key like the cache itself, so a commit cannot plant it.

The same record keeps what the search indexer read of every page
(`site/searchview.py`) and a digest of the index it made: when no page's
searchable text changed and the index in output/ is that one, the last
index stands.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import stat
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kinerja.adapters.cachetrust import cache_key, refused_this_build
from kinerja.adapters.filestat import current_sha, stat_or_none
from kinerja.site.fingerprint import Fingerprints
from kinerja.site.searchview import indexed_view

FORMAT = "kinerja-halaman-3"
# Pelican's settings that differ between runs without changing any page
_VOLATILE_SETTINGS = {"OUTPUT_PATH", "PATH", "WRITE_SELECTED", "PLUGINS", "PLUGIN_PATHS"}


def _tree_digest(folders: Iterable[Path], total: Any) -> None:
    """Every file under the folders, linked folders followed (Jinja reads
    through them), each real folder once."""
    for folder in folders:
        total.update(b"\1")  # where one folder's files end
        seen: set[str] = set()
        found = []
        for top, dirs, files in os.walk(folder, followlinks=True):
            real = os.path.realpath(top)
            if real in seen:
                dirs[:] = []
                continue
            seen.add(real)
            dirs.sort()
            found += [Path(top) / name for name in files]
        for path in sorted(p for p in found if p.is_file()):
            total.update(path.relative_to(folder).as_posix().encode() + b"\0")
            total.update(hashlib.sha256(path.read_bytes()).digest())


def _plugin_sources(settings: dict[str, Any]) -> list[Path]:
    """The source of every Pelican plugin but ours (hashed as the engine): a
    plugin added or changed can change every page."""
    found = []
    for plugin in settings.get("PLUGINS") or []:
        module = sys.modules.get(plugin if isinstance(plugin, str) else plugin.__name__)
        name = getattr(module, "__name__", str(plugin))
        if name.split(".")[0] == "kinerja" or module is None:
            continue
        where = getattr(module, "__file__", None)
        if where:
            found.append(Path(where).parent if Path(where).name == "__init__.py" else Path(where))
        found += [Path(p) for p in getattr(module, "__path__", [])]
    return sorted(set(found))


def settings_text(settings: dict[str, Any]) -> str | None:
    """The settings as text, or None when one cannot be spelt stably."""
    parts = []
    for name in sorted(settings):
        if name in _VOLATILE_SETTINGS:
            continue
        text = repr(settings[name])
        if " at 0x" in text:  # an object known only by its address
            return None
        parts.append(f"{name}={text}")
    return "\n".join(parts)


def _own_file(path: Path) -> bool:
    """A regular file with no other name (not a link of either kind)."""
    try:
        st = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISREG(st.st_mode) and st.st_nlink == 1


class PageCache:
    def __init__(self, folder: Path | None, output: Path, shared: str | None) -> None:
        self.output = output
        self.shared = shared  # None: no skipping this build
        self.key = cache_key() if folder is not None else None
        usable = folder is not None and self.key and shared and not refused_this_build(folder)
        self.path = folder / "halaman.json" if usable and folder is not None else None
        self.written: dict[str, list] = {}  # save_as -> [digest, SHA-256, settled stat]
        self.before, self.search_before = self._load()
        self.search_now: dict[str, Any] = {}
        self.fingerprints = Fingerprints()
        self.skipped = 0
        self.drawn = 0

    @classmethod
    def for_build(
        cls,
        folder: Path | None,
        output: Path,
        engine: Iterable[bytes],
        settings: dict[str, Any],
        context: dict[str, Any],
    ) -> PageCache:
        """`context`: the portal's own context; `engine`: the Python, the installed
        packages and the engine's sources."""
        total = hashlib.sha256(FORMAT.encode())
        for source in engine:
            total.update(hashlib.sha256(source).digest())
        folders = [Path(settings["THEME"]), Path(settings["PATH"])]
        for name in ("THEME_TEMPLATES_OVERRIDES", "EXTRA_TEMPLATES_PATHS"):
            folders += [Path(p) for p in settings.get(name) or []]
        plugins = _plugin_sources(settings)
        for source in plugins:  # a single module is hashed as a file
            if source.is_file():
                total.update(hashlib.sha256(source.read_bytes()).digest())
        _tree_digest([*folders, *(p for p in plugins if p.is_dir())], total)
        text = settings_text(settings)
        spelt = Fingerprints().of(context)
        shared = None if text is None or spelt is None else total.hexdigest() + text + spelt
        digest = None if shared is None else hashlib.sha256(shared.encode()).hexdigest()
        return cls(folder, output, digest)

    def reading_with(self, prints: Fingerprints) -> PageCache:
        """Pages' inputs read with `prints`, the build's fingerprints (objects
        already read for the open-data memo are not read again). Safe as long
        as nothing the pages show changes after it was read: the published
        periods are not changed once made."""
        self.fingerprints = prints
        return self

    def _tag(self, body: bytes) -> str:
        return hmac.new(self.key or b"", FORMAT.encode() + b"\0" + body, "sha256").hexdigest()

    def _load(self) -> tuple[dict[str, list], dict[str, Any]]:
        if self.path is None:
            return {}, {}
        with contextlib.suppress(
            OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError
        ):
            stored = json.loads(self.path.read_bytes())
            body = json.dumps([stored["halaman"], stored["cari"]], sort_keys=True).encode()
            if stored["format"] == FORMAT and hmac.compare_digest(stored["hmac"], self._tag(body)):
                pages = {
                    str(k): [str(v[0]), str(v[1]), stat_or_none(v[2] if len(v) > 2 else None)]
                    for k, v in stored["halaman"].items()
                }
                return pages, dict(stored["cari"])
        return {}, {}

    def digest(self, save_as: str, template: str, page_vars: dict[str, Any]) -> str | None:
        if self.shared is None:
            return None
        own = self.fingerprints.of(save_as, template, page_vars)
        return None if own is None else hashlib.sha256((self.shared + own).encode()).hexdigest()

    def unchanged(self, save_as: str, digest: str | None) -> bool:
        """True when output/ already holds this page as these inputs draw it
        (its bytes as recorded: read, or known by a settled stat, filestat.py)."""
        known = self.before.get(save_as)
        if digest is None or known is None or known[0] != digest:
            return False
        if not _own_file(self.output / save_as):
            return False
        sha, stat, _ = current_sha(self.output / save_as, known[1:])
        if sha is None or sha != known[1]:
            return False
        self.written[save_as] = [digest, sha, stat]
        self.skipped += 1
        return True

    def make_room(self, save_as: str) -> None:
        """Before a page is drawn: a link in its place (symbolic, or a second
        name of another file) is removed, so drawing writes this page only."""
        path = self.output / save_as
        with contextlib.suppress(OSError):
            if os.path.lexists(path) and not _own_file(path):
                path.unlink()

    def remove_stale(self, drawn: set[str]) -> None:
        """Pages an earlier build drew that this one does not (a removed period,
        unit or indicator) are removed, as a cold build would never write them,
        when they still hold the bytes recorded; the search index then no longer
        matches and is built again."""
        for save_as in sorted(set(self.before) - drawn):
            path = self.output / save_as
            sha, _, _ = current_sha(path, self.before[save_as][1:])
            if sha is None or sha != self.before[save_as][1] or not _own_file(path):
                continue  # not our page as we wrote it (another generator's now): kept
            with contextlib.suppress(OSError):
                path.unlink()
                for folder in path.parents:  # the page's folders, once empty
                    if folder == self.output or any(folder.iterdir()):
                        break
                    folder.rmdir()

    def wrote(self, save_as: str, digest: str | None) -> None:
        self.drawn += 1
        if digest is None:
            return
        sha, stat, _ = current_sha(self.output / save_as, None)
        if sha is not None:
            self.written[save_as] = [digest, sha, stat]

    def search_current(self) -> bool:
        """True when output/pagefind/ is the index Pagefind would make of the
        pages now in output/: the same shared inputs (engine, packages, theme,
        settings), the index files as Pagefind left them, and the same
        searchable text on every page (read only for pages whose bytes changed)."""
        self.search_now = {}
        before = self.search_before
        inputs = self._indexer_inputs()
        if self.shared is None or before.get("bersama") != inputs:
            return False
        index, files = _index_digest(self.output / "pagefind", before.get("berkas", {}))
        if index is None or before.get("indeks") != index:
            return False
        views = self._views()
        if views is None:
            return False
        self.search_now = {"bersama": inputs, "halaman": views, "indeks": index, "berkas": files}
        return {r: v[1] for r, v in before.get("halaman", {}).items()} == {
            r: v[1] for r, v in views.items()
        }

    def read_pages(self) -> None:
        """What Pagefind reads of every page, for the next build (called while
        Pagefind runs: on a cold build this reads every page)."""
        if self.shared is not None and not self.search_now:
            views = self._views()
            if views is not None:
                self.search_now = {"bersama": self._indexer_inputs(), "halaman": views}

    def indexed(self) -> None:
        """Pagefind just made the index of these pages: remember it."""
        if self.search_now:
            index, files = _index_digest(self.output / "pagefind", {})
            self.search_now |= {"indeks": index, "berkas": files}

    def _indexer_inputs(self) -> str:
        """The shared inputs, and what else Pagefind reads: a configuration file
        where it runs (the build's working folder) and PAGEFIND_ variables."""
        total = hashlib.sha256(f"{self.shared}".encode())
        for name in ("pagefind.toml", "pagefind.yml", "pagefind.yaml", "pagefind.json"):
            with contextlib.suppress(OSError):
                total.update(name.encode() + b"\0" + (Path.cwd() / name).read_bytes())
        for name in sorted(k for k in os.environ if k.upper().startswith("PAGEFIND")):
            total.update(f"{name}={os.environ[name]}\0".encode())
        return total.hexdigest()

    def _views(self) -> dict[str, list[str]] | None:
        """Each page: [SHA-256 of its bytes, of its searchable view]; None when unsure.
        A page of ours is read unless its settled stat is the one recorded; one
        read now whose stat has settled since it was drawn is recorded with it."""
        known = dict(self.search_before.get("halaman", {}))
        views: dict[str, list[str]] = {}
        for rel, path in _files(self.output, ".html", skip="pagefind"):
            page = self.written.get(rel)
            sha, stat, raw = current_sha(path, None if page is None else page[1:])
            if sha is None:
                return None
            if page is not None and sha == page[1] and stat is not None:
                page[2] = stat
            if known.get(rel, [""])[0] != sha:
                view = indexed_view(raw if raw is not None else path.read_bytes())
                if view is None:
                    return None
                known[rel] = [sha, hashlib.sha256(view.encode()).hexdigest()]
            views[rel] = known[rel]
        return views

    def save(self) -> None:
        if self.path is None or (self.written, self.search_now) == (
            self.before,
            self.search_before,
        ):
            return
        body = json.dumps([self.written, self.search_now], sort_keys=True).encode()
        stored = {
            "format": FORMAT,
            "hmac": self._tag(body),
            "halaman": self.written,
            "cari": self.search_now,
        }
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".tmp-")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(json.dumps(stored, sort_keys=True))  # json.dump: its slow encoder
            os.replace(tmp, self.path)


def _files(folder: Path, suffix: str, skip: str = "") -> list[tuple[str, Path]]:
    """(name under `folder`, path) of its files ending in `suffix`, in name order,
    but those in its subfolder `skip`."""
    found = []
    for where, folders, names in os.walk(folder):
        inside = Path(where).relative_to(folder).as_posix()
        if inside == ".":
            folders[:] = [f for f in folders if f != skip]
            inside = ""
        else:
            inside += "/"
        found += [(inside + n, Path(where, n)) for n in names if n.endswith(suffix)]
    return sorted(found)


def _index_digest(folder: Path, known: dict[str, list]) -> tuple[str | None, dict[str, list]]:
    """Every file of the search index, by path and content (None: no index), and
    each file's [SHA-256, settled stat or None]; a file whose settled stat is
    the one in `known` is not read."""
    if not (folder / "pagefind.js").is_file():
        return None, {}
    total = hashlib.sha256(FORMAT.encode())
    files: dict[str, list] = {}
    for rel, path in _files(folder, ""):
        recorded = known.get(rel)
        sha, stat, _ = current_sha(path, recorded if isinstance(recorded, list) else None)
        if sha is None:
            return None, {}
        files[rel] = [sha, stat]
        total.update(rel.encode() + b"\0")
        total.update(bytes.fromhex(sha))
    return total.hexdigest(), files
