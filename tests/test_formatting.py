"""Numbers are written without Babel, exactly as Babel writes them for id_ID."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from fractions import Fraction

from babel.dates import format_date
from babel.numbers import format_decimal

from kinerja.core.rounding import half_up
from kinerja.site import formatting


def _values() -> list[Fraction]:
    rng = random.Random(14)
    values = [Fraction(0), Fraction(1, 2), Fraction(-1, 2), Fraction(5, 1000), Fraction(-5, 1000)]
    values += [Fraction(-1, 1000), Fraction(999_999_995, 1000), Fraction(-1_234_567_891)]
    for _ in range(3000):
        size = 10 ** rng.randint(0, 12)
        values.append(Fraction(rng.randint(-size, size), rng.choice((1, 2, 3, 7, 8, 1000, 997))))
    return values


def test_numbers_are_written_as_babel_writes_them() -> None:
    for value in _values():
        for places in range(5):
            babel = format_decimal(
                half_up(value, places),
                format="#,##0" + ("." + "0" * places if places else ""),
                locale="id_ID",
            )
            assert formatting.number(value, places) == babel, (value, places)
    assert formatting.number(None, 2) == "—"
    assert formatting.number(Decimal("85.495"), 2) == "85,50"  # half up, not half even
    assert formatting.number(0.125, 2) == "0,13"


def test_counts_and_inputs_are_written_as_babel_writes_them() -> None:
    for value in _values():
        whole = int(value)
        assert formatting.count(whole) == format_decimal(whole, format="#,##0", locale="id_ID")
        exact = Decimal(value.numerator) / Decimal(value.denominator)
        assert formatting.plain(value) == format_decimal(exact, locale="id_ID"), value
    for text in (
        "0.7",
        "12.50",
        "1234.125",
        "-0.7",
        "170395000",
        "0.0005",
        "2.5e-7",
    ):
        assert formatting.plain(Decimal(text)) == format_decimal(Decimal(text), locale="id_ID")


def test_dates_are_written_as_babel_writes_them() -> None:
    day = dt.date(1999, 1, 1)
    while day.year < 2032:
        assert formatting.date(day) == format_date(day, format="long", locale="id_ID")
        day += dt.timedelta(days=1)
    assert formatting.date(dt.datetime(2026, 11, 29, 23, 59)) == "29 November 2026"


def test_a_float_and_the_fraction_it_holds_are_written_each_its_own_way() -> None:
    """2.675 as typed (a float from a spreadsheet) is 2,68; the exact binary value
    of that float is 2,67, whichever was written first in the process."""
    assert formatting.number(Fraction(2.675), 2) == "2,67"
    assert formatting.number(2.675, 2) == "2,68"
