"""argparse in Bahasa Indonesia.

argparse takes its own words (``usage:``, ``options``, ``show this help
message and exit``, its error messages) from ``gettext`` at the moment it
builds a parser, formats help or reports a mistake. :func:`indonesian`
swaps its translation functions for a table of Indonesian texts only while
the ``kinerja`` command line is built and parsed, so no other user of
argparse in the same process (pytest, for one) is affected.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager

TEKS = {
    "usage: ": "penggunaan: ",
    "positional arguments": "argumen",
    "options": "pilihan",
    "optional arguments": "pilihan",
    "show this help message and exit": "tampilkan bantuan ini lalu selesai",
    "the following arguments are required: %s": "argumen berikut wajib diisi: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "pilihan %(value)r tidak dikenal (pilih salah satu: %(choices)s)"
    ),
    "invalid %(type)s value: %(value)r": "nilai %(value)r tidak sah (harus %(type)s)",
    "argument %(argument_name)s: %(message)s": "argumen %(argument_name)s: %(message)s",
    "unrecognized arguments: %s": "argumen tidak dikenal: %s",
    "expected one argument": "perlu satu nilai",
    "expected at most one argument": "paling banyak satu nilai",
    "expected at least one argument": "perlu paling sedikit satu nilai",
    "expected %s argument": "perlu %s nilai",
    "expected %s arguments": "perlu %s nilai",
    "not allowed with argument %s": "tidak boleh bersama argumen %s",
    "one of the arguments %s is required": "salah satu argumen %s wajib diisi",
    "ambiguous option: %(option)s could match %(matches)s": (
        "pilihan %(option)s bermakna ganda: bisa %(matches)s"
    ),
    "ignored explicit argument %r": "nilai %r diabaikan",
    "unexpected option string: %s": "pilihan tidak terduga: %s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: perintah tidak tepat: %(message)s\n",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "perintah %(parser_name)r tidak dikenal (pilih salah satu: %(choices)s)"
    ),
    "can't open '%(filename)s': %(error)s": "berkas '%(filename)s' tidak dapat dibuka: %(error)s",
}
JENIS = {"int": "bilangan bulat", "float": "angka"}


def _translate(text: str) -> str:
    return TEKS.get(text, text)


def _translate_n(singular: str, plural: str, n: int) -> str:
    return _translate(singular if n == 1 else plural)


@contextmanager
def indonesian() -> Iterator[None]:
    """Inside this block argparse speaks Indonesian."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._ = _translate  # type: ignore[attr-defined]
    argparse.ngettext = _translate_n
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class Formatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the examples' line breaks; widens the option column a little."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=32, width=90)


class Parser(argparse.ArgumentParser):
    """A parser whose mistakes are reported in Indonesian with exit status 2."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs.setdefault("formatter_class", Formatter)
        super().__init__(*args, **kwargs)

    def _get_value(self, action, arg_string):  # type: ignore[no-untyped-def]
        try:
            return super()._get_value(action, arg_string)
        except argparse.ArgumentError as exc:
            name = getattr(action.type, "__name__", "")
            if name in JENIS:
                raise argparse.ArgumentError(
                    action, f"nilai {arg_string!r} tidak sah (harus {JENIS[name]})"
                ) from exc
            raise

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog}: perintah tidak tepat: {message}", file=sys.stderr)
        print(f"Bantuan: {self.prog} --help", file=sys.stderr)
        sys.exit(2)
