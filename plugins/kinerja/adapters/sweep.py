"""Every file under data/ is read for personal data, not only the records.

The loader reads the files the portal uses; a note, a dotfile, a README or
a spreadsheet dropped beside them is just as public in Git history. This
walks the whole folder (hidden files and folders included) and gives every
file the loader did not read to the privacy guard.
"""

from __future__ import annotations

import os
from pathlib import Path

from kinerja.adapters.loader import shown_path
from kinerja.checks.privacy import scan_binary, scan_text
from kinerja.checks.problems import Problem

READ_AT_MOST = 4 * 1024 * 1024  # bytes of one file; data files are far smaller


def other_files(data_dir: Path, walked: set[str], shown: set[str]) -> list[Path]:
    """Files under `data_dir` neither walked (as `str(path)`) nor read (as shown), sorted."""
    found = []
    for top, dirs, files in os.walk(data_dir):
        dirs.sort()
        for name in sorted(files):
            joined = os.path.join(top, name)
            if joined in walked or shown_path(Path(joined)) in shown:
                continue
            # links and FIFOs, devices or sockets are refused by the loader, never opened
            if not os.path.islink(joined) and os.path.isfile(joined):
                found.append(Path(joined))
    return found


def sweep(data_dir: Path, walked: set[str], shown: set[str]) -> list[Problem]:
    """Privacy problems of every file under `data_dir` not already checked.

    `walked`: the record paths as the loader walked them; `shown`: the shown
    paths of the policy files it read.
    """
    problems: list[Problem] = []
    for path in other_files(data_dir, walked, shown):
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
