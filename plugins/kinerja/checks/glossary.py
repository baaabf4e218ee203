"""Rules on data/istilah.yaml beyond its schema: every code names one term."""

from __future__ import annotations

from kinerja.checks.problems import Problem
from kinerja.checks.yamlsource import Document


def check_glossary(doc: Document, problems: list[Problem]) -> list[Problem]:
    """A code written twice would give two terms one anchor on /istilah/."""
    if doc.data is None or any(p.path == doc.path for p in problems):
        return []
    found = []
    seen: set[str] = set()
    for i, term in enumerate(doc.data["istilah"]):
        kode = term["kode"]
        if kode in seen:
            line, col = doc.position(("istilah", i, "kode"))
            found.append(
                Problem(
                    doc.path,
                    line,
                    col,
                    "ISTILAH-GANDA",
                    f"kode istilah '{kode}' ditulis lebih dari sekali",
                    "setiap istilah harus memiliki kode yang berbeda; gabungkan penjelasannya",
                )
            )
        seen.add(kode)
    return found
