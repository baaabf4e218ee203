"""Problems found in the data, and how they are printed.

Every check returns `Problem` values instead of raising, so one run can
report every mistake in every file; HR fixes them in one pull request.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace

from kinerja.checks.identifiers import redact


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    col: int
    code: str
    message: str
    hint: str

    def redacted(self) -> Problem:
        """The same problem with any identifier in its words masked (`NIP 1977…003`):
        a message that quotes what was typed must not repeat a NIP or an e-mail."""
        return replace(self, message=redact(self.message), hint=redact(self.hint))

    def as_text(self) -> str:
        safe = self.redacted()
        return f"{self.path}:{self.line}:{self.col}: {self.code} {safe.message} — {safe.hint}"

    def as_github(self) -> str:
        safe = self.redacted()
        text = f"{self.code} {safe.message} — {safe.hint}"
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        path = self.path.replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
        return f"::error file={path},line={self.line},col={self.col}::{text}"


class ProblemsFound(Exception):
    """Raised where reading cannot go on; carries the located problems to print."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.as_text() for p in problems))
        self.problems = problems


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(set(problems))


def summary(problems: list[Problem], files: int) -> str:
    if not problems:
        return f"Tidak ada masalah: {files} berkas diperiksa."
    with_problems = len({p.path for p in problems})
    return (
        f"{len(problems)} masalah di {with_problems} berkas "
        f"({files} berkas diperiksa). Perbaiki semuanya lalu jalankan lagi."
    )


def render(problems: list[Problem], files: int, fmt: str) -> str:
    if fmt == "json":
        payload = {
            "masalah": [asdict(p.redacted()) for p in problems],
            "jumlah_masalah": len(problems),
            "jumlah_berkas": files,
        }
        return json.dumps(payload, ensure_ascii=False, indent=2)
    lines = [p.as_github() if fmt == "github" else p.as_text() for p in problems]
    if fmt == "github" and problems:  # one summary: the notice shows in the log and the run
        lines.append(f"::notice::{summary(problems, files)}")
    else:
        lines.append(summary(problems, files))
    return "\n".join(lines)
