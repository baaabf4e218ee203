"""The glossary (data/istilah.yaml) as plain typed data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Term:
    kode: str
    judul: str
    penjelasan: str
    sumber: tuple[str, ...]
    frasa: tuple[str, ...] = ()

    @property
    def phrases(self) -> tuple[str, ...]:
        """Every form that links to this term, the title first."""
        return (self.judul, *(f for f in self.frasa if f != self.judul))


# deliberate twin of policy.units_from (duplicates tool): one policy file's list, field by field
def terms_from(data: dict[str, Any]) -> tuple[Term, ...]:
    return tuple(
        Term(
            kode=t["kode"],
            judul=t["judul"],
            penjelasan=t["penjelasan"],
            sumber=tuple(t["sumber"]),
            frasa=tuple(t.get("frasa", ())),
        )
        for t in data["istilah"]
    )
