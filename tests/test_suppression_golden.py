"""Suppression pinned: the cells it hides in two frozen populations.

Suppression is rewritten for speed from time to time. Its greedy must still
pick exactly the same cells, in the same order and with the same
tie-breaks. Otherwise the published tables change without anyone deciding
so. The attacker tests cannot see that: another safe choice passes them too.

tests/golden/suppression.json holds the inputs of `suppress` and the cells
it hid when they were frozen (by the code of 349293a), for two periods:
- a synthetic one of 300 people in small units, which uses every kind of
  move: swaps, transfers, and profile changes for the counts of everyone;
- the same period with a quarter of the units left out of the layout and
  every seventh atom counting nobody.

A deliberate change of the method updates the file:
`.venv/bin/python tests/test_suppression_golden.py --perbarui`.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kinerja.core.aggregation import Family, Layout
from kinerja.core.cells import CellKey
from kinerja.core.disclosure import suppress

GOLDEN = Path(__file__).parent / "golden" / "suppression.json"

Case = tuple[dict[tuple[str, ...], int], Layout, dict[CellKey, int], int, set[CellKey]]


def cases() -> Iterator[tuple[str, Case]]:
    data = json.loads(GOLDEN.read_text(encoding="utf-8"))
    text = data["strings"]

    def words(row: list[int]) -> tuple[str, ...]:
        return tuple(text[i] for i in row)

    for name, case in data["cases"].items():
        layout = Layout(
            groups={d: words(codes) for d, codes in case["groups"].items()},
            families=tuple(Family(a, words(c)) for a, c in case["families"]),
        )
        atoms = {words(row[:-1]): row[-1] for row in case["atoms"]}
        counts = {CellKey(*words(row[:-1])): row[-1] for row in case["counts"]}
        hidden = {CellKey(*words(row)) for row in case["hidden"]}
        yield name, (atoms, layout, counts, case["k"], hidden)


@pytest.mark.parametrize(("name", "case"), list(cases()), ids=[n for n, _ in cases()])
def test_suppression_hides_the_frozen_cells(name: str, case: Case) -> None:
    atoms, layout, counts, k, hidden = case
    found = suppress(atoms, layout, counts, k)
    extra, missing = sorted(found - hidden)[:3], sorted(hidden - found)[:3]
    assert found == hidden, f"{name}: hides also {extra}..., no longer {missing}..."


def renew() -> None:
    """Write the cells the current code hides into the golden file."""
    data = json.loads(GOLDEN.read_text(encoding="utf-8"))
    index = {s: i for i, s in enumerate(data["strings"])}
    for name, (atoms, layout, counts, k, _) in cases():
        found = sorted(suppress(atoms, layout, counts, k))
        data["cases"][name]["hidden"] = [[index[s] for s in key] for key in found]
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    GOLDEN.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] != ["--perbarui"]:
        sys.exit("pakai: python tests/test_suppression_golden.py --perbarui")
    renew()
