"""The command line speaks one language: every help text and every misuse
message is Indonesian, every option is explained, every subcommand has
examples, and README names every subcommand."""

from __future__ import annotations

import argparse
import re

import pytest

from conftest import ROOT
from kinerja.adapters import cli, cli_args
from kinerja.adapters.bahasa import indonesian

ENGLISH = (
    "usage",
    "positional arguments",
    "optional arguments",
    "options:",
    "show this help",
    "the following arguments are required",
    "invalid choice",
    "error:",
    "invalid int value",
    "unrecognized arguments",
    "expected one argument",
    "not allowed with",
    "help message",
)


def subcommands() -> list[str]:
    with indonesian():
        parser = cli_args.parser()
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return list(sub.choices)


def run(capsys, argv: list[str]) -> tuple[int, str]:
    try:
        status = cli.main(argv)
    except SystemExit as stop:
        status = stop.code
    out = capsys.readouterr()
    return status, out.out + out.err


def assert_indonesian(text: str) -> None:
    found = [w for w in ENGLISH if w in text.lower()]
    assert not found, f"English in the command line: {found}\n{text}"


@pytest.mark.parametrize("argv", [["--help"], *([c, "--help"] for c in subcommands())])
def test_every_help_is_indonesian_with_examples(capsys, argv):
    status, text = run(capsys, argv)
    assert status == 0
    assert_indonesian(text)
    assert text.startswith("penggunaan: kinerja")
    assert "tampilkan bantuan ini lalu selesai" in text
    assert "contoh:" in text


def test_every_option_is_explained():
    with indonesian():
        parser = cli_args.parser()
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    for name, command in sub.choices.items():
        for action in command._actions:
            assert action.help, (
                f"kinerja {name}: {action.option_strings or action.dest} tanpa bantuan"
            )


def test_no_arguments_prints_help_and_exits_2(capsys):
    status, text = run(capsys, [])
    assert status == 2
    assert text.startswith("penggunaan: kinerja")
    for name in subcommands():
        assert name in text
    assert_indonesian(text)


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["score"], "argumen berikut wajib diisi: BERKAS"),
        (["validate", "--format", "xml"], "pilihan 'xml' tidak dikenal"),
        (["synth", "--pegawai", "banyak", "--periode", "2025", "--out", "x"], "bilangan bulat"),
        (["validate", "--tidak-ada"], "argumen tidak dikenal: --tidak-ada"),
        (["tidak-ada"], "tidak dikenal"),
        (["--data"], "wajib diisi"),
        (["score", "a.yaml", "--json", "--explain"], "tidak boleh bersama"),
        (["synth", "--pegawai"], "perlu satu nilai"),
    ],
)
def test_misuse_is_reported_in_indonesian(capsys, argv, expected):
    status, text = run(capsys, argv)
    assert status == 2
    assert expected in text
    assert "perintah tidak tepat" in text
    assert_indonesian(text)


def test_argparse_outside_kinerja_keeps_its_language():
    with indonesian():
        cli_args.parser()
    assert "usage:" in argparse.ArgumentParser(prog="x").format_usage()


def test_import_help_names_the_key_variable(capsys):
    _, text = run(capsys, ["import", "--help"])
    assert "KINERJA_KUNCI_PSEUDONIM" in text and "--buat-templat" in text


def test_readme_lists_every_subcommand():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in subcommands():
        assert re.search(rf"kinerja {re.escape(name)}\b", readme), name
