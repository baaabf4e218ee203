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
