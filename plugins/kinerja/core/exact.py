"""Exact numbers as integer pairs: what scoring computes with.

A value is `(numerator, denominator)` with a positive denominator, not
necessarily in lowest terms. The arithmetic is the same exact rational
arithmetic as `fractions.Fraction` (85.495 is 85.495), written out in
integers because a Fraction costs a microsecond per operation and scoring
does some forty per record, for every record of every build. A Fraction is
made only where a result is handed to people (`fraction`).
"""

from __future__ import annotations

from fractions import Fraction
from math import gcd
from typing import Any

Pair = tuple[int, int]  # numerator, denominator > 0


def pair_of(value: Any) -> Pair:
    """A number as written in YAML, exactly (0.7 is 7/10, not a binary float).

    The same value as `policy.exact`: a float is read from its shortest repr,
    the text a person wrote.
    """
    if type(value) is int:
        return value, 1
    if isinstance(value, Fraction):
        return value.numerator, value.denominator
    if isinstance(value, int):  # a bool, as Fraction(True) reads it
        return int(value), 1
    text = str(value)
    whole, dot, decimals = text.partition(".")
    if dot and whole.lstrip("-").isdigit() and decimals.isdigit():
        return int(whole + decimals), 10 ** len(decimals)
    f = Fraction(text)  # exponent notation (1e-05), a Decimal, text
    return f.numerator, f.denominator


def reduced(n: int, d: int) -> Pair:
    """The pair in lowest terms: what a Fraction holds, and what Facts keep."""
    g = gcd(n, d)
    return (n // g, d // g) if g > 1 else (n, d)


def fraction(value: Pair | None) -> Fraction | None:
    """The pair as a Fraction (None stays None), for results shown to people."""
    return None if value is None else Fraction(*value)


def mean(values: list[Pair]) -> Pair:
    """The exact mean of one or more pairs, in lowest terms."""
    n, d = values[0]
    for vn, vd in values[1:]:
        if vd == d:
            n += vn
        else:
            n, d = n * vd + vn * d, d * vd
    return reduced(n, d * len(values))
