"""Every file under data/ is read for personal data, not only the records.

The loader reads the files the portal uses; a note, a dotfile, a README or
a spreadsheet dropped beside them is just as public in Git history. This
walks the whole folder (hidden files and folders included) and gives every
file the loader did not read to the privacy guard.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from kinerja.adapters.loader import RECORDS, shown_path
from kinerja.checks.privacy import scan_binary, scan_text
from kinerja.checks.problems import Problem

READ_AT_MOST = 4 * 1024 * 1024  # bytes of one file; data files are far smaller


def _walk_all(top: str, found: list[str]) -> None:
    """Every file name under `top`, hidden ones included; links to folders not followed."""
    for folder, _, files in os.walk(top):
        prefix = folder + os.sep
        found += [prefix + name for name in files]


def other_files(data_dir: Path, passed: list[str], shown: set[str]) -> list[Path]:
    """Files under `data_dir` that the loader did not read, sorted.

    The records' folder was listed by the loader already (15,000 names): what
    it passed over there (`passed`: hidden or misnamed files, hidden folders)
    is all that is left of it. `shown`: the shown paths of the policy files read.
    """
    names: list[str] = []
    top = str(data_dir)
    with contextlib.suppress(OSError):
        for entry in os.scandir(top):
            if entry.name == RECORDS and entry.is_dir(follow_symlinks=False):
                continue  # the loader listed it
            if entry.is_dir(follow_symlinks=False):
                _walk_all(entry.path, names)
            else:
                names.append(entry.path)
    for path in passed:
        if os.path.isdir(path) and not os.path.islink(path):
            _walk_all(path, names)
        else:
            names.append(path)
    found = []
    for joined in sorted(set(names)):
        # links and FIFOs, devices or sockets are refused by the loader, never opened
        if os.path.islink(joined) or not os.path.isfile(joined):
            continue
        if shown_path(Path(joined)) not in shown:
            found.append(Path(joined))
    return found


def sweep(data_dir: Path, passed: list[str], shown: set[str]) -> list[Problem]:
    """Privacy problems of every file under `data_dir` not already checked.

    `passed`: what the loader's walk of the records' folder passed over;
    `shown`: the shown paths of the policy files it read.
    """
    problems: list[Problem] = []
    for path in other_files(data_dir, passed, shown):
        try:
            flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
            with os.fdopen(os.open(path, flags), "rb") as handle:
                raw = handle.read(READ_AT_MOST)
        except OSError:
            continue
        shown = shown_path(path)
        if b"\0" in raw[:8192]:
            problems.append(scan_binary(shown))
        else:
            problems += scan_text(shown, raw.decode("utf-8", errors="replace"))
    return problems
