"""Indonesian number and date formats (1.234,56; 29 November 2026).

Numbers and dates are written here, in Babel's id_ID spelling (thousands
'.', decimal ',', minus '-'; dates 'd MMMM y'; tests/test_formatting.py holds
them to Babel's output): a warm build writes a few hundred numbers and a few
dates, and Babel would be imported and load its locale data (about 25 ms of
every build) to write them. Babel still writes the rare input with more than
three decimals.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

from kinerja.core.rounding import half_up_units

LOCALE = "id_ID"


def _digits(units: int, places: int) -> str:
    """`units` (counted in 10^-places) with the thousands grouped: -1.234,50."""
    whole, fraction = divmod(abs(units), 10**places)
    text = ("-" if units < 0 else "") + f"{whole:,}".replace(",", ".")
    return f"{text},{fraction:0{places}d}" if places else text


# the same counts and means recur on many pages: each is written once
@lru_cache(maxsize=8192, typed=True)  # 2.675 and Fraction(2.675) differ
def number(value: Fraction | Decimal | int | float | None, places: int) -> str:
    """A score as shown to people: always `places` decimals, Indonesian separators,
    rounded half away from zero."""
    if value is None:
        return "—"
    exact = value if isinstance(value, Fraction) else Fraction(str(value))
    return _digits(half_up_units(exact.numerator, exact.denominator, places), places)


@lru_cache(maxsize=8192, typed=True)  # 2.675 and Fraction(2.675) differ
def count(value: int) -> str:
    return _digits(value, 0)


def plain(value: Fraction | Decimal | int | float) -> str:
    """An input as written (no forced decimals): 12, 0,7, 170.395.000."""
    exact = value if isinstance(value, Fraction) else Fraction(str(value))
    if exact.denominator == 1:
        return count(int(exact))
    thousandths = exact * 1000
    # at most three decimals, and few enough digits that Babel's division
    # (28 significant digits) is exact: written in full
    if thousandths.denominator == 1 and abs(thousandths) < 10**27:
        return _digits(int(thousandths), 3).rstrip("0")
    from babel.numbers import format_decimal  # Babel rounds the rest its way

    return format_decimal(Decimal(exact.numerator) / Decimal(exact.denominator), locale=LOCALE)


_WORDS = (
    "nol",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
    "sepuluh",
)


def words(value: int) -> str:
    """A small count in words, as prose writes it (lima, sembilan); digits from 11."""
    return _WORDS[value] if 0 <= value < len(_WORDS) else count(value)


MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def date(value: dt.date) -> str:
    """29 November 2026 (Babel's long id_ID date)."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
