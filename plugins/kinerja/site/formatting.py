"""Indonesian number and date formats (1.234,56; 29 November 2026) via Babel."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

from babel.dates import format_date
from babel.numbers import format_decimal

from kinerja.core.rounding import half_up

LOCALE = "id_ID"


# Babel formats slowly and the same counts and means recur on many pages:
# formatting is pure, so each distinct value is formatted once.
@lru_cache(maxsize=8192)
def number(value: Fraction | Decimal | int | float | None, places: int) -> str:
    """A score as shown to people: always `places` decimals, Indonesian separators."""
    if value is None:
        return "—"
    exact = value if isinstance(value, Fraction) else Fraction(str(value))
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(half_up(exact, places), format=pattern, locale=LOCALE)


@lru_cache(maxsize=8192)
def count(value: int) -> str:
    return format_decimal(value, format="#,##0", locale=LOCALE)


def plain(value: Fraction | Decimal | int | float) -> str:
    """An input as written (no forced decimals): 12, 0,7, 170.395.000."""
    exact = value if isinstance(value, Fraction) else Fraction(str(value))
    if exact.denominator == 1:
        return count(int(exact))
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


def date(value: dt.date) -> str:
    return format_date(value, format="long", locale=LOCALE)
