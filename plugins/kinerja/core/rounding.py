"""Rounding for presentation: half-up on exact values.

Scores are computed as exact fractions, so 85.495 is really 85.495 and
rounds to 85.50, as a person checking with a calculator expects.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction


def half_up(value: Fraction, places: int) -> Decimal:
    # floor(|n/d| * 10^places + 1/2) in integers: the same exact result as with
    # Fractions, without building any (this runs for every score of every record)
    n, d = value.numerator, value.denominator
    units = (2 * abs(n) * 10**places + d) // (2 * d)
    sign = "-" if n < 0 and units else ""
    return Decimal(f"{sign}{units}").scaleb(-places).quantize(Decimal(1).scaleb(-places))


def as_number(value: Fraction | None, places: int) -> float | int | None:
    """The rounded value for JSON and CSV (an int when it has no fraction)."""
    if value is None:
        return None
    rounded = half_up(value, places)
    if rounded == rounded.to_integral_value():
        return int(rounded)
    return float(rounded)
