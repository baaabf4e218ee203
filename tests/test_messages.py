"""Messages a person can act on: one summary per run, whatever the format."""

from __future__ import annotations

from kinerja.checks.problems import Problem, render

PROBLEM = Problem("data/x.yaml", 3, 1, "SKEMA-WAJIB", "pesan", "saran")


def test_github_format_prints_its_summary_once():
    out = render([PROBLEM], 5, "github").splitlines()
    assert out[0].startswith("::error file=data/x.yaml,line=3,col=1::")
    summaries = [line for line in out if "1 masalah di 1 berkas" in line]
    assert summaries == [
        "::notice::1 masalah di 1 berkas (5 berkas diperiksa). Perbaiki "
        "semuanya lalu jalankan lagi."
    ]


def test_text_format_ends_with_one_summary():
    out = render([PROBLEM], 5, "text").splitlines()
    assert out[-1].startswith("1 masalah di 1 berkas") and len(out) == 2
    assert render([], 5, "github") == "Tidak ada masalah: 5 berkas diperiksa."


def problems_for(write_record, policy_dir, text: str) -> list[str]:
    from conftest import run_kinerja

    write_record(text)
    done = run_kinerja("validate", "--data", "data", "--tanpa-cache", cwd=policy_dir.parent)
    assert done.returncode == 1, done.stdout
    return [line for line in done.stdout.splitlines() if line.startswith("data/pegawai/")]


def line_of(text: str, start: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith(start))


def test_changed_unit_is_reported_at_the_unit_line(write_record, policy_dir):
    from conftest import VALID_RECORD

    text = VALID_RECORD.replace("unit_kerja: disdikbud", "unit_kerja: dinkes")
    (problem,) = problems_for(write_record, policy_dir, text)
    assert f":{line_of(text, 'unit_kerja:')}:1: JALUR-TIDAK-SESUAI unit_kerja dinkes" in problem
    assert "kembalikan unit_kerja menjadi disdikbud" in problem


def test_make_validate_runs_kinerja_quietly_and_readme_explains_makes_line():
    from conftest import ROOT

    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\nvalidate:", 1)[1].split("\n\n", 1)[0]
    assert "\t@$(BIN)/kinerja validate --format $(FORMAT)" in recipe
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make: *** [Makefile:…: validate] Error 1" in readme


def test_location_helpers():
    from kinerja.checks.locations import missing_key_place, outdented_line, quoted_number

    positions = {("id",): (2, 1), ("jenis_jabatan",): (5, 1), ("jenis_kelamin",): (6, 1)}
    order = ["id", "periode", "unit_kerja", "jenis_jabatan", "status", "jenis_kelamin"]
    present = dict.fromkeys(["id", "jenis_jabatan", "jenis_kelamin"])
    line, col, where = missing_key_place("status", order, present, positions.get, ())
    assert (line, col) == (6, 1) and "sebelum baris 'jenis_kelamin:'" in where
    line, _, where = missing_key_place("zzz", order, present, positions.get, ())
    assert line == 6 and "sesudah 'jenis_kelamin:'" in where
    assert quoted_number("4", "integer") == "4"
    assert quoted_number("4.5", "integer") is None
    assert quoted_number("4,5", "number") is None
    assert quoted_number(4, "integer") is None
    text = "a:\n  b: 1\n  c: 2\nd: 3\n  e: 4\n"
    assert outdented_line(text, 5) == (4, 2)
    opener = "a:\n  b: 1\nc:\n  e: 4\n"
    assert outdented_line(opener, 4) is None


def test_missing_status_is_reported_where_it_belongs(write_record, policy_dir):
    from conftest import VALID_RECORD

    text = VALID_RECORD.replace("status: pns\n", "")
    (problem,) = problems_for(write_record, policy_dir, text)
    assert f":{line_of(text, 'jenis_kelamin:')}:1: SKEMA-WAJIB" in problem, problem
    assert "sebelum baris 'jenis_kelamin:'" in problem


def test_key_moved_left_is_reported_at_its_own_line(write_record, policy_dir):
    from conftest import VALID_RECORD

    text = VALID_RECORD.replace("  loyal: 5", "loyal: 5")
    (problem,) = problems_for(write_record, policy_dir, text)
    assert f":{line_of(text, 'loyal:')}:1: YAML-SINTAKS" in problem, problem
    assert "tambahkan 2 spasi" in problem


def test_quoted_number_says_remove_the_quotes(write_record, policy_dir):
    from conftest import VALID_RECORD

    text = VALID_RECORD.replace("  loyal: 5", '  loyal: "4"')
    (problem,) = problems_for(write_record, policy_dir, text)
    assert f":{line_of(text, '  loyal:')}:" in problem
    assert "hapus tanda kutip" in problem and "loyal: 4" in problem, problem
