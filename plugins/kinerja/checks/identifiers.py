"""Personal identifiers as people actually type them, found and masked.

Pure: text in, findings out. Before matching, a line is normalised the way
a reader sees it: zero-width spaces and other Unicode format characters are
removed and compatibility forms (full-width digits, no-break spaces) folded,
so `1977 1231 2005 01 1 003`, `19771231/200501/1/003` or a NIP split by a
zero-width space are still a NIP. Every finding keeps its column in the
original line and carries a masked form; the identifier itself is never
part of a finding's message.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

_SEP = r"[ .\/\-]{1,3}"
# a run of digits, possibly broken by separators; the boundaries keep it
# away from pseudonyms (ASN-0812…), hex digests and decimals
_NUMBER = re.compile(rf"(?<![\w.,])\d+(?:{_SEP}\d+)*(?![\w]|[.,]\d)")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_PHONE = re.compile(r"(?<![\w.,-])(?:\+62|62|0)[ -]?\(?8\d{1,3}\)?(?:[ .-]?\d{3,4}){2,3}(?![\w.,])")
_MONTHS = (
    "januari|februari|pebruari|maret|april|mei|juni|juli|agustus|september|oktober|"
    "nopember|november|desember|jan|feb|mar|apr|jun|jul|agu|agt|sep|okt|nov|des"
)
_BORN = r"(?:19[4-9]\d|200\d)"  # the birth years of people in service
_DATE = (
    rf"(?:\d{{1,2}}[-/.]\d{{1,2}}[-/.]{_BORN}|{_BORN}-\d{{2}}-\d{{2}}"
    rf"|\d{{1,2}}\s+(?:{_MONTHS})\.?\s+{_BORN})"
)
_BIRTH = re.compile(
    rf"(?i)\b(?:lahir|kelahiran|ttl|tgl\.?\s*lahir|tanggal\s+lahir)\b[^\n]{{0,40}}?{_DATE}"
)
# a numeric date of a year when today's civil servants were born
_OLD_DATE = re.compile(
    rf"(?<![\w/.-])\d{{1,2}}(?:[-/.]\d{{1,2}}[-/.]|\s+(?i:{_MONTHS})\.?\s+)(?:19[4-9]\d|200\d)"
    rf"(?![\w/.-])"
)
# "Jalan Kabupaten" is work, "Jalan Merdeka No. 5" an address: the full word
# needs a house number; the postal abbreviations do not
_ADDRESS = re.compile(
    r"(?:\b(?:Jl|Jln|Gg)\.\s*[A-Z0-9]|\bjl\.\s+[a-z]{3,}"
    r"|\bJalan(?:\s+[A-Z][\w.'’-]*){1,4},?\s+(?:No\.?|Nomor|Nmr\.?)\s*\d"
    r"|(?i:\bRT\s*[./]?\s*\d{1,3}\s*[/,]?\s*RW\s*[./]?\s*\d{1,3}|\bRT\s*/\s*RW\b))"
)
_CAP = r"[A-Z][a-z'’]+"
_HONORIFIC = re.compile(
    rf"\b(?:Sdr|Sdri|Sdra|Saudara|Saudari|Bapak|Ibu|Bpk|Pak|Bu|Tn|Ny|Nn)\.?\s+({_CAP})"
)
_PREFIX_TITLE = re.compile(rf"(?<![\w.])(?:dr|Dr|Drs|Dra|Ir|Hj|Prof|drg)\.\s*{_CAP}")
_SUFFIX_TITLE = re.compile(
    rf"{_CAP}(?:\s+{_CAP})*,\s*(?:S|M|D|A)\.\s?[A-Z][A-Za-z]{{0,3}}\.?|"
    rf"{_CAP}(?:\s+{_CAP})*,\s*(?:Amd|Apt|Ns|Sp|SE|SH|MM|MH|MT|ST)\b\.?"
)
_NAME_FIELD = re.compile(
    rf"(?i:\bnama\s+(?:lengkap|pegawai|asn)\s*[:=]\s*"
    rf"|#\s*(?:nama|pegawai|asn|atasan|penilai|pejabat\s+penilai)\s*[:=]\s*)(?={_CAP}\s+{_CAP})"
)
# capitalised words an honorific may precede without naming anybody
_NOT_NAMES = frozenset(
    [
        "Kota",
        "Negara",
        "Balita",
        "Bayi",
        "Anak",
        "Nifas",
        "Asuh",
        "Angkat",
        "Wakil",
        "Sekda",
        "Kadis",
        "Kabid",
        "Direktur",
        "Asisten",
        "Inspektur",
        "Kades",
        "Pimpinan",
        "Pejabat",
        "Penilai",
        "Atasan",
        "Pembina",
        "Peserta",
        "Pegawai",
        "Pertiwi",
        "Hamil",
        "Menyusui",
        "Rumah",
        "Tangga",
        "Bupati",
        "Kepala",
        "Camat",
        "Lurah",
        "Menteri",
        "Presiden",
        "Gubernur",
        "Ketua",
        "Guru",
        "Dosen",
        "Dokter",
        "Bidan",
        "Perawat",
        "Sekretaris",
    ]
)


@dataclass(frozen=True)
class Finding:
    kind: str  # NIP, NIK, E-MAIL, TELEPON, TANGGAL-LAHIR, ALAMAT, NAMA
    col: int  # 1-based column in the original line
    masked: str


def _normalised(line: str) -> tuple[str, list[int]]:
    """The line as read, and each of its characters' index in the original."""
    out: list[str] = []
    where: list[int] = []
    for i, char in enumerate(line):
        if unicodedata.category(char) == "Cf":
            continue
        folded = unicodedata.normalize("NFKC", char) if ord(char) > 127 else char
        if folded.isspace():
            folded = " "
        out.append(folded)
        where += [i] * len(folded)
    return "".join(out), where


def mask_digits(digits: str) -> str:
    return f"{digits[:4]}…{digits[-3:]}" if len(digits) > 8 else "…"


def _plausible_nip(d: str) -> bool:
    """YYYYMMDD of birth, YYYYMM of appointment, sex digit, number."""
    return (
        d[:2] in ("19", "20")
        and 1 <= int(d[4:6]) <= 12
        and 1 <= int(d[6:8]) <= 31
        and d[8:10] in ("19", "20")
        and 1 <= int(d[12:14]) <= 12
        and d[14] in "12"
    )


def _plausible_nik(d: str) -> bool:
    """Region code, DDMMYY of birth (women: day + 40), number."""
    day, month = int(d[6:8]), int(d[8:10])
    return 11 <= int(d[:2]) <= 94 and (1 <= day <= 31 or 41 <= day <= 71) and 1 <= month <= 12


Span = tuple[str, int, int, str]  # kind, start, end, masked form


def _numbers(text: str) -> Iterator[Span]:
    for match in _NUMBER.finditer(text):
        raw = match.group(0)
        digits = re.sub(r"\D", "", raw)
        plain = raw == digits
        if len(digits) == 18 and (plain or _plausible_nip(digits)):
            yield "NIP", match.start(), match.end(), "NIP " + mask_digits(digits)
        elif len(digits) == 16 and (plain or _plausible_nik(digits)):
            yield "NIK", match.start(), match.end(), "NIK " + mask_digits(digits)


def _email_mask(found: str) -> str:
    local, _, domain = found.partition("@")
    return f"e-mail {local[:1]}…@{domain[:1]}…"


def _name_mask(name: str) -> str:
    return "nama " + " ".join(f"{w[:1]}…" for w in name.split() if w[:1].isalpha())


_MORE_NAME = re.compile(rf"(?:\s+{_CAP})*")
_REST_OF_PLACE = re.compile(r"[^,;'\"()\n]*")


def _people(text: str) -> Iterator[Span]:
    for match in _HONORIFIC.finditer(text):
        if match.group(1) not in _NOT_NAMES:
            title = text[match.start() : match.start(1)].strip()
            end = _MORE_NAME.match(text, match.end()).end()  # type: ignore[union-attr]
            yield "NAMA", match.start(), end, f"nama {title} {match.group(1)[:1]}…"
    for match in _PREFIX_TITLE.finditer(text):
        end = _MORE_NAME.match(text, match.end()).end()  # type: ignore[union-attr]
        yield "NAMA", match.start(), end, _name_mask(text[match.start() : end])
    for match in _SUFFIX_TITLE.finditer(text):
        yield "NAMA", match.start(), match.end(), _name_mask(match.group(0).split(",")[0])
    for match in _NAME_FIELD.finditer(text):
        end = _MORE_NAME.match(text, match.end()).end()  # type: ignore[union-attr]
        yield "NAMA", match.end(), end, _name_mask(text[match.end() : end])


def _others(text: str) -> Iterator[Span]:
    for match in _EMAIL.finditer(text):
        yield "E-MAIL", match.start(), match.end(), _email_mask(match.group(0))
    for match in _PHONE.finditer(text):
        digits = re.sub(r"\D", "", match.group(0))
        yield "TELEPON", match.start(), match.end(), f"telepon {digits[:4]}…{digits[-2:]}"
    for pattern in (_BIRTH, _OLD_DATE):
        for match in pattern.finditer(text):
            yield "TANGGAL-LAHIR", match.start(), match.end(), "tanggal lahir …"
    for match in _ADDRESS.finditer(text):
        end = _REST_OF_PLACE.match(text, match.end()).end()  # type: ignore[union-attr]
        masked = "alamat " + match.group(0).split()[0][:3].strip(".") + "…"
        yield "ALAMAT", match.start(), end, masked


def redact(text: str) -> str:
    """`text` with every identifier in it replaced by its masked form."""
    if not suspect(text):
        return text
    plain, where = _normalised(text)
    spans = sorted(
        (span for detector in (_numbers, _others, _people) for span in detector(plain)),
        key=lambda span: (span[1], -span[2]),
    )
    out, at = [], 0  # `at`: index in the original text
    for _kind, start, end, masked in spans:
        if end <= start or where[start] < at:
            continue  # empty, or inside an identifier already replaced
        out += [text[at : where[start]], masked]
        at = where[end - 1] + 1
    return "".join(out) + text[at:]


# --- the pre-test ----------------------------------------------------------
# Almost no text holds an identifier, and running every detector on every line
# costs more than parsing the file. `suspect` proves "nothing here can match"
# in two steps. First on the line with every digit read as 0: the detectors
# that need no particular digit (names, addresses, e-mail) as they are, and
# for the others (numbers, phones, dates) the shape their digits must take;
# a line clean there is remembered by that shape, and record files repeat a
# few thousand shapes. Only a line whose digits have such a shape (a large
# budget, a long id) is then read by the digit detectors themselves. Over
# ASCII text every finding's match is a match of one of these (tests/
# test_prefilter.py holds them to it on generated text and the leak corpus),
# so a False is a proof. Non-ASCII text is always suspect: `_normalised` may
# change it.
_SPACES = "".join(c for c in map(chr, range(128)) if c.isspace())
# the ASCII characters that end a line for str.splitlines, as scan_text splits
_BREAKS = "".join(c for c in _SPACES if len(f"a{c}a".splitlines()) == 2)
_ZEROS = dict.fromkeys(map(ord, "0123456789"), "0")
# text as the detectors read it after `_normalised`: every space one " "
_JOINED = str.maketrans(dict.fromkeys(_SPACES, " "))
_PER_LINE = str.maketrans(dict.fromkeys(_SPACES, " ") | dict.fromkeys(_BREAKS, "\n"))
_PER_LINE_ZEROED = _PER_LINE | _ZEROS
# NIP and NIK (16+ digits through [ ./-]), phones (9+ digits through + ( ) . - space)
_RUN_BREAKERS = str.maketrans("", "", " ./-()+")
_DATE_SEPARATORS = str.maketrans("/.", "--")
# d-m-yyyy and dd-mm-yyyy (any of - / .), yyyy-mm-dd, and "12 Mei 1980"
_NUMERIC_DATES = ("0-0-0000", "0-00-0000", "0000-00-0")
_WORD_DATE = re.compile(r"0\s+[A-Za-z]+\.?\s+0000")
_AS_WRITTEN = (_EMAIL, _ADDRESS, _HONORIFIC, _PREFIX_TITLE, _SUFFIX_TITLE, _NAME_FIELD)


# What a line shape (digits 0) may hold: a name, address or e-mail (the
# detectors read it as it is), or digits shaped like a date, a 16-digit
# number or a phone (the digits themselves are read again).
_WORDS, _DATE, _LONG, _PHONE_LIKE = 1, 2, 4, 8


def _shape(zeroed: str) -> int:
    if any(pattern.search(zeroed) for pattern in _AS_WRITTEN):
        return _WORDS
    run = zeroed.translate(_RUN_BREAKERS)
    dated = zeroed.translate(_DATE_SEPARATORS)
    date = any(shape in dated for shape in _NUMERIC_DATES) or _WORD_DATE.search(zeroed)
    long = _LONG if "0" * 16 in run else 0
    return (_DATE if date else 0) | long | (_PHONE_LIKE if "0" * 9 in run else 0)


def _digits_found(line: str, shape: int) -> bool:
    """The detectors that need particular digits, on the line itself."""
    if shape & _DATE and (_BIRTH.search(line) or _OLD_DATE.search(line)):
        return True
    if shape & _LONG and any(sum(map(str.isdigit, m[0])) >= 16 for m in _NUMBER.finditer(line)):
        return True
    if shape & _PHONE_LIKE:
        run = line.translate(_RUN_BREAKERS)  # a phone's digits start 08 or 628
        return ("08" in run or "628" in run) and _PHONE.search(line) is not None
    return False


# Line shapes analysed, and those proven clean: memos of pure functions,
# bounded (short lines only, emptied when full).
_SHAPES: dict[str, int] = {}
_CLEAN: set[str] = set()
_MEMO_MAX, _MEMO_LINE_MAX = 50_000, 200


def _may_match(line: str, zeroed: str) -> bool:
    """`line` normalised (one space for any), `zeroed` the same with digits 0."""
    shape = _SHAPES.get(zeroed)
    if shape is None:
        shape = _shape(zeroed)
        if len(zeroed) <= _MEMO_LINE_MAX:
            if len(_SHAPES) >= _MEMO_MAX:
                _SHAPES.clear()
                _CLEAN.clear()
            _SHAPES[zeroed] = shape
            if not shape:
                _CLEAN.add(zeroed)
    return shape == _WORDS or (shape != 0 and _digits_found(line, shape))


def suspect(text: str) -> bool:
    """False when `text`, read as one line as `find` and `redact` read it, cannot
    hold any identifier (the common case, checked fast)."""
    if not text.isascii():
        return True
    line = text.translate(_JOINED)
    zeroed = line.translate(_ZEROS)
    return zeroed not in _CLEAN and _may_match(line, zeroed)


def suspect_lines(text: str) -> bool:
    """False when no line of `text` (str.splitlines) can hold an identifier:
    the file-wide test before `find` reads a file line by line."""
    if not text.isascii():
        return True
    zeroed = text.translate(_PER_LINE_ZEROED).split("\n")
    if _CLEAN.issuperset(zeroed):
        return False
    lines = text.translate(_PER_LINE).split("\n")
    for line, shape in zip(lines, zeroed, strict=True):
        if shape not in _CLEAN and _may_match(line, shape):
            return True
    return False


def find(line: str) -> list[Finding]:
    """Every identifier in one line, once per kind and place, left to right."""
    return _find_all(line) if suspect(line) else []


def _find_all(line: str) -> list[Finding]:
    """`find` without the pre-test (for the tests that hold the two to agreement)."""
    text, where = _normalised(line)
    seen: dict[tuple[str, int], Finding] = {}
    for detector in (_numbers, _others, _people):
        for kind, start, _end, masked in detector(text):
            col = (where[start] if start < len(where) else len(line)) + 1
            seen.setdefault((kind, col), Finding(kind, col, masked))
    taken = {f.col for f in seen.values() if f.kind in ("NIP", "NIK")}
    # a NIP's digits also look like a phone number or a date: report it once;
    # a date of birth or an address once per line
    kept = [f for f in seen.values() if f.kind in ("NIP", "NIK") or f.col not in taken]
    once = {f.kind: f for f in reversed(kept) if f.kind in ("TANGGAL-LAHIR", "ALAMAT")}
    kept = [f for f in kept if f.kind not in once or once[f.kind] is f]
    return sorted(kept, key=lambda f: (f.col, f.kind))


def fold(text: str) -> str:
    """Case- and accent-insensitive form, for comparing a name with free text."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def name_tokens(name: str) -> set[str]:
    """The words of a name worth looking for: three letters or more."""
    return {t for t in re.findall(r"[^\W\d_]+", fold(name)) if len(t) >= 3}


def mentions(text: str, tokens: set[str]) -> list[int]:
    """0-based offsets in `text` of words that are one of `tokens`."""
    plain, where = _normalised(text)
    return [
        where[m.start()] for m in re.finditer(r"[^\W\d_]+", plain) if fold(m.group(0)) in tokens
    ]
