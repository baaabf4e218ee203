"""Rounding for presentation: half-up on exact values.

Scores are computed exactly, so 85.495 is really 85.495 and rounds to 85.50,
as a person checking with a calculator expects.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction


def half_up_units(n: int, d: int, places: int) -> int:
    """n/d (d > 0) rounded half away from zero to `places` decimals, counted in
    units of 10^-places: floor(|n/d| * 10^places + 1/2) with n's sign, in
    integers. Classification compares these, so a value is banded exactly as
    it is shown, without building a Decimal or a Fraction per score."""
    units = (2 * abs(n) * 10**places + d) // (2 * d)
    return -units if n < 0 else units


def half_up(value: Fraction, places: int) -> Decimal:
    units = half_up_units(value.numerator, value.denominator, places)
    return Decimal(units).scaleb(-places).quantize(Decimal(1).scaleb(-places))


def as_number(value: Fraction | None, places: int) -> float | int | None:
    """The rounded value for JSON and CSV (an int when it has no fraction)."""
    if value is None:
        return None
    rounded = half_up(value, places)
    if rounded == rounded.to_integral_value():
        return int(rounded)
    return float(rounded)
