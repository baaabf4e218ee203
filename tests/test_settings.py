"""Settings and problem codes are documented where people look for them.

Every KINERJA_* name used anywhere is declared in kinerja.core.settings and
appears in README; every problem code the checks can emit has a row in the
contributor guide's table.
"""

from __future__ import annotations

import re

from conftest import ROOT
from kinerja.checks.privacy import CODE_OF
from kinerja.core.settings import SETTINGS

PACKAGE = ROOT / "plugins" / "kinerja"
GUIDE = ROOT / "content" / "pages" / "panduan-kontributor.md"
# Literals shaped like a code that are not problem codes: the example id,
# and a kind of finding that privacy.CODE_OF turns into PRIVASI-TANGGAL-LAHIR.
NOT_CODES = {"ASN-0000000000", "TANGGAL-LAHIR"}
CODE = re.compile(r"""["']([A-Z][A-Z0-9]+(?:-[A-Z0-9]+)+)["']""")


def setting_names_used() -> set[str]:
    places = [*PACKAGE.rglob("*.py"), ROOT / "pelicanconf.py", ROOT / "publishconf.py"]
    places += [ROOT / "Makefile", *(ROOT / ".github").rglob("*.yml"), *ROOT.glob("tests/*.py")]
    found: set[str] = set()
    for path in places:
        found |= set(re.findall(r"\bKINERJA_[A-Z_]+\b", path.read_text(encoding="utf-8")))
    return found


def problem_codes() -> set[str]:
    codes = set(CODE_OF.values())
    for path in PACKAGE.rglob("*.py"):
        codes |= set(CODE.findall(path.read_text(encoding="utf-8")))
    return codes - NOT_CODES


def test_every_setting_used_is_declared() -> None:
    declared = {s.name for s in SETTINGS}
    assert setting_names_used() - declared == set()


def test_readme_describes_every_setting() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [s.name for s in SETTINGS if f"`{s.name}`" not in readme]
    assert missing == []


def test_declared_settings_have_indonesian_descriptions() -> None:
    for s in SETTINGS:
        assert s.description and s.description[0].islower(), s.name
        assert not re.search(r"\b(the|folder of|default)\b", s.description), s.name


def test_guide_explains_every_problem_code() -> None:
    codes = problem_codes()
    assert len(codes) > 50, "the scan found too few codes: it is broken"
    rows = re.findall(r"^\| `([A-Z0-9-]+)` \| (.+?) \| (.+?) \|$", GUIDE.read_text("utf-8"), re.M)
    documented = {code for code, meaning, fix in rows if meaning.strip() and fix.strip()}
    assert sorted(codes - documented) == []
    assert sorted(documented - codes) == [], "the guide lists codes no check emits"


def test_the_code_scan_sees_a_new_code(tmp_path) -> None:
    """The scan must catch a code written the way the checks write them."""
    sample = 'yield at(doc, ("x",), "CONTOH-KODE-BARU", "pesan", "saran")\n'
    assert CODE.findall(sample) == ["CONTOH-KODE-BARU"]


def test_readme_table_is_the_declaration() -> None:
    from kinerja.core.settings import markdown_table

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- pengaturan:awal -->\n")[1].split("\n<!-- pengaturan:akhir -->")[0]
    assert block == markdown_table(), (
        "perbarui tabel README dengan: .venv/bin/python -c "
        '"from kinerja.core.settings import markdown_table; print(markdown_table())"'
    )
