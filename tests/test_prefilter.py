"""The privacy guard's pre-test against its full scan: whenever a detector
finds something, the pre-test must say "look closer", so skipping the
detectors on the lines it clears never loses a finding.

Text is generated from the pieces identifiers are made of (honorifics,
titles, month names, digit groups, separators, every kind of ASCII space),
so the detectors fire often and the pre-test's boundaries are probed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from test_privacy_corpus import LEAKS

from conftest import DATA, examples, stride
from kinerja.checks import identifiers
from kinerja.checks.identifiers import _find_all, find, suspect, suspect_lines

PIECES = [
    *["Sdr", "Sdri", "Saudara", "Saudari", "Bapak", "Ibu", "Bpk", "Pak", "Bu", "Tn", "Ny", "Nn"],
    *[
        "dr",
        "Dr",
        "Drs",
        "Dra",
        "Ir",
        "Hj",
        "Prof",
        "drg",
        "S.",
        "M.",
        "D.",
        "A.",
        "Pd",
        "Si",
        "Kom",
        "Amd",
        "Apt",
        "Ns",
        "Sp",
        "SE",
        "SH",
        "MM",
        "MT",
    ],
    *[
        "Budi",
        "Santoso",
        "Sri",
        "Rina",
        "Kota",
        "Jl",
        "Jln",
        "Gg",
        "jl",
        "Jalan",
        "No",
        "Nomor",
        "Nmr",
        "RT",
        "rt",
        "Rw",
        "RW",
    ],
    *[
        "nama",
        "Nama",
        "NAMA",
        "lengkap",
        "pegawai",
        "asn",
        "atasan",
        "penilai",
        "pejabat",
        "lahir",
        "Lahir",
        "TTL",
        "ttl",
    ],
    *[
        "tgl",
        "tanggal",
        "kelahiran",
        "Jan",
        "jan",
        "JANUARI",
        "Mei",
        "MEI",
        "mei",
        "Pebruari",
        "nopember",
        "Agt",
        "des",
    ],
    *[
        "0",
        "08",
        "8",
        "62",
        "+62",
        "12",
        "05",
        "1980",
        "1977",
        "2005",
        "200",
        "19",
        "007",
        "3207",
        "0145",
        "1231",
        "(",
        ")",
        "@",
        "gmail.com",
    ],
    *[" ", "  ", ". ", ".", ",", ", ", "-", "/", ":", "# ", "\t", "\x1f", "\x0b", "\r", "\n"],
    "rencana: ",
    "yaml-language-server",
    "ASN-7F3A9C2B1D",
]
# digit groups as NIPs, NIKs, phones and dates are typed: one separator
# throughout (any space among them), or mixed ones
SEPARATORS = ["", " ", ".", "/", "-", "\t", "\x1f", "(", ")", " - ", "  ", ","]
groups = st.lists(st.text("0123456789", min_size=1, max_size=8), min_size=1, max_size=5)
digit_runs = st.one_of(
    st.tuples(st.sampled_from(SEPARATORS), groups).map(lambda run: run[0].join(run[1])),
    st.lists(st.tuples(st.sampled_from(SEPARATORS), groups), max_size=3).map(
        lambda runs: "".join(sep + "".join(g) for sep, g in runs)
    ),
    st.text("0123456789", min_size=15, max_size=19),
)
digit_runs = st.tuples(st.sampled_from(["", "0", "08", "0 8", "62", "+62 ", "(0"]), digit_runs).map(
    "".join
)
texts = st.lists(
    st.one_of(
        st.sampled_from(PIECES),
        digit_runs,
        st.from_regex(r"\d{1,9}", fullmatch=True),
        st.text(alphabet="0123456789 ./-()+,:@aAsS\t", max_size=6),
    ),
    max_size=14,
).map("".join)

DETECTORS = ["_NUMBER", "_EMAIL", "_PHONE", "_BIRTH", "_OLD_DATE", "_ADDRESS", "_HONORIFIC"]
DETECTORS += ["_PREFIX_TITLE", "_SUFFIX_TITLE", "_NAME_FIELD"]


def _ascii_form(name: str) -> re.Pattern[str]:
    """The detector without its one non-ASCII letter (’), so generated text stays ASCII."""
    pattern = getattr(identifiers, name)
    return re.compile(pattern.pattern.replace("’", ""), pattern.flags)


# text holding a match of one detector, with ASCII around it
matching = st.sampled_from(DETECTORS).flatmap(
    lambda name: st.from_regex(_ascii_form(name), alphabet=st.characters(max_codepoint=127))
)

# Leaks the substring list before this pre-test let through (tests of the gap)
MISSED_BEFORE = [
    "Tn Budi Santoso",
    "Bu. Sri Mulyani",
    "hp 081234567",
    "62(812)345 678",
    "lahir 12 Jan 1980",
    "12-05/1980",
    "# atasan: Budi Santoso",
    "Budi Santoso,  S.Pd",
    "1977 1231\t2005 01 1 003",
]


def _scan_all(text: str) -> list:
    return [_find_all(line) for line in text.splitlines()]


def _scan_filtered(text: str) -> list:
    if not suspect_lines(text):
        return [[] for _ in text.splitlines()]
    return [find(line) for line in text.splitlines()]


@settings(max_examples=examples(2500), deadline=None)
@given(st.one_of(texts, matching))
@example("Jalan Merdeka No. 5")
@example("0 8 1 234 567")
def test_the_pre_test_clears_only_text_without_findings(text: str) -> None:
    if _find_all(text):
        assert suspect(text)
    assert _scan_filtered(text) == _scan_all(text)


@settings(max_examples=examples(500), deadline=None)
@given(st.one_of(texts, matching))
def test_a_cold_memo_clears_the_same_text(text: str) -> None:
    """The memo of clean line shapes only remembers; it never decides alone."""
    identifiers._CLEAN.clear()
    identifiers._SHAPES.clear()
    assert _scan_filtered(text) == _scan_all(text)
    assert _scan_filtered(text) == _scan_all(text)  # now from the memo


# the import's own-name leaks are found by `mentions` (the person's name), not `find`
FOUND_BY_FIND = [leak.text for leak in LEAKS if leak.code != "IMPOR-PRIVASI-NAMA"]


@pytest.mark.parametrize("text", FOUND_BY_FIND + MISSED_BEFORE)
def test_every_leak_of_the_corpus_is_looked_at_and_found(text: str) -> None:
    assert suspect(text) and suspect_lines(f"id: x\n{text}\n")
    assert find(text)


def test_the_shipped_records_scan_as_the_full_scan_does() -> None:
    """Every shipped record (a stride of them unless KINERJA_UJI_SKALA=100)."""
    paths = stride(sorted((DATA / "pegawai").rglob("*.yaml")))
    assert paths
    for path in paths:
        text = Path(path).read_text(encoding="utf-8")
        assert _scan_filtered(text) == _scan_all(text), path
