"""The /admin/ CMS configuration is generated from the schemas and policy files:
select lists, bounds and required flags follow them, never a copy in code."""

from __future__ import annotations

import copy
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from kinerja.adapters import cms_admin
from kinerja.site.cms import (
    Backend,
    Catalogue,
    admin_csp,
    build_config,
    key_orders,
    path_rules,
    whole_groups,
)

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / "schemas"
FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
RECORDS = "pegawai-2025"  # one collection per period
BACKEND = Backend(repo="bkpsdm/catatan", local_url="http://127.0.0.1:8081/api/v1")


def schema(name: str) -> dict[str, Any]:
    return json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def config() -> dict[str, Any]:
    return cms_admin.config(ROOT / "data", BACKEND)


def collection(config: dict[str, Any], name: str) -> dict[str, Any]:
    return next(c for c in config["collections"] if c["name"] == name)


def field(fields: list[dict[str, Any]], path: str) -> dict[str, Any]:
    head, _, rest = path.partition(".")
    found = next(f for f in fields if f["name"] == head)
    return field(found["fields"], rest) if rest else found


def values(f: dict[str, Any]) -> list[Any]:
    return [o["value"] for o in f["options"]]


def test_records_are_edited_in_place_through_pull_requests(config: dict[str, Any]) -> None:
    records = collection(config, RECORDS)
    assert config["publish_mode"] == "editorial_workflow"
    periods = sorted(p.name for p in (ROOT / "data" / "pegawai").iterdir())[::-1]
    names = [c["name"] for c in config["collections"]]
    assert names == [f"pegawai-{p}" for p in periods] + ["indikator"]  # newest period first
    assert records["folder"] == "data/pegawai/2025"
    assert records["path"] == "{{unit_kerja}}/{{id}}"
    assert (records["extension"], records["format"]) == ("yaml", "yaml")
    # pseudonyms need the key: no new records, no deletions, no merge from the form
    assert (records["create"], records["delete"], records["publish"]) == (False, False, False)
    assert config["local_backend"] == {"url": BACKEND.local_url}
    assert config["backend"]["repo"] == "bkpsdm/catatan"


def test_enumerations_come_from_the_schema(config: dict[str, Any]) -> None:
    fields = collection(config, RECORDS)["fields"]
    props = schema("pegawai")["properties"]
    for name in ("jenis_jabatan", "status", "jenis_kelamin"):
        f = field(fields, name)
        assert f["widget"] == "select"
        assert values(f) == props[name]["enum"]
    assert field(fields, "jenis_jabatan")["options"][0]["label"] == "JPT Pratama"
    indicator = collection(config, "indikator")["fields"]
    assert values(field(indicator, "jenis")) == schema("indikator")["properties"]["jenis"]["enum"]


def test_unit_select_lists_every_unit_with_its_name(config: dict[str, Any]) -> None:
    units = yaml.safe_load((ROOT / "data" / "unit-kerja.yaml").read_text(encoding="utf-8"))
    f = field(collection(config, RECORDS)["fields"], "unit_kerja")
    assert f["widget"] == "select"
    assert values(f) == [u["kode"] for u in units["unit_kerja"]]
    assert f["options"][3] == {
        "label": "Dinas Pendidikan dan Kebudayaan · disdikbud",
        "value": "disdikbud",
    }
    teknis = field(collection(config, "indikator")["fields"], "unit_kerja")
    assert teknis["multiple"] is True and values(teknis) == values(f)


def test_a_changed_unit_file_changes_the_select_list(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "indikator", data / "indikator")
    (data / "pegawai" / "2025").mkdir(parents=True)
    text = (ROOT / "data" / "unit-kerja.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "kode: dlh\n    nama: Dinas Lingkungan Hidup", "kode: dlhk\n    nama: Dinas LHK"
    )
    (data / "unit-kerja.yaml").write_text(text, encoding="utf-8")
    f = field(collection(cms_admin.config(data, BACKEND), RECORDS)["fields"], "unit_kerja")
    assert {"label": "Dinas LHK · dlhk", "value": "dlhk"} in f["options"]
    assert "dlh" not in values(f)


def test_scores_have_the_schema_bounds_and_labels(config: dict[str, Any]) -> None:
    fields = collection(config, RECORDS)["fields"]
    scale = schema("pegawai")["$defs"]["skala"]
    behaviour = field(fields, "perilaku_kerja")
    assert [f["name"] for f in behaviour["fields"]] == schema("pegawai")["properties"][
        "perilaku_kerja"
    ]["required"]
    # perilaku_kerja is optional evidence under a `rating` methodology, so its levels are too
    needed = "perilaku_kerja" in schema("pegawai")["required"]
    for f in behaviour["fields"]:
        assert (f["widget"], f["value_type"]) == ("number", "int")
        assert (f["min"], f["max"], f["required"]) == (scale["minimum"], scale["maximum"], needed)
    assert field(fields, "perilaku_kerja.berorientasi_pelayanan")["label"] == (
        "Berorientasi Pelayanan"
    )
    quality = field(fields, "hasil_kerja.realisasi.kualitas")
    assert (quality["value_type"], quality["min"], quality["max"]) == ("float", 0, 100)
    jp = field(fields, "pengembangan_kompetensi.jp")
    assert (jp["value_type"], jp["min"], jp["max"]) == ("int", 1, 1000)


def test_required_flags_follow_the_schema(config: dict[str, Any]) -> None:
    fields = collection(config, RECORDS)["fields"]
    required = set(schema("pegawai")["required"])
    assert {f["name"] for f in fields if f["required"]} == required
    assert field(fields, "hasil_kerja")["min"] == 1
    assert field(fields, "hasil_kerja.target.biaya")["required"] is False
    assert field(fields, "hasil_kerja.target.satuan")["required"] is True
    # kompetensi is optional as a whole: Decap cannot say "all or none", validate does
    competence = field(fields, "kompetensi")
    assert competence["required"] is False
    assert not any(f["required"] for f in competence["fields"])
    names = [f["name"] for f in competence["fields"]]
    assert names[:9] == schema("pegawai")["properties"]["kompetensi"]["required"]
    assert "perencanaan_program_pendidikan" in names  # a kompetensi teknis from data/indikator


def test_an_exclusive_minimum_refuses_the_bound_itself(config: dict[str, Any]) -> None:
    target = field(collection(config, RECORDS)["fields"], "hasil_kerja.target.kuantitas")
    pattern, message = target["pattern"]
    assert "lebih dari 0" in message
    assert not re.search(pattern, "0") and not re.search(pattern, "0.0")
    assert re.search(pattern, "0.5") and re.search(pattern, "4")


def test_new_schema_fields_appear_without_code_changes() -> None:
    record = copy.deepcopy(schema("pegawai"))
    ratings = ["di_atas_ekspektasi", "sesuai_ekspektasi", "di_bawah_ekspektasi"]
    record["properties"]["rating"] = {
        "title": "Rating dari pejabat penilai",
        "type": "object",
        "required": ["hasil_kerja"],
        "properties": {"hasil_kerja": {"enum": ratings}},
    }
    record["properties"]["kepala_unit"] = {"type": "boolean"}
    catalogue = Catalogue(units=[("setda", "Sekretariat Daerah")], indicators=[], periods=[2025])
    built = build_config(record, schema("indikator"), catalogue, BACKEND)
    fields = collection(built, RECORDS)["fields"]
    rating = field(fields, "rating.hasil_kerja")
    assert rating["widget"] == "select" and values(rating) == ratings
    assert rating["options"][0]["label"] == "Di atas ekspektasi"
    assert field(fields, "kepala_unit")["widget"] == "boolean"


def test_the_header_comment_survives_a_save(config: dict[str, Any]) -> None:
    for name in (RECORDS, "indikator"):
        first = collection(config, name)["fields"][0]
        assert first["comment"].startswith("yaml-language-server: $schema=")


def test_key_orders_follow_the_form(config: dict[str, Any]) -> None:
    orders = key_orders(config)[RECORDS]
    assert orders[""][:3] == ["id", "periode", "unit_kerja"]
    assert orders["hasil_kerja.target"] == ["kuantitas", "satuan", "kualitas", "waktu", "biaya"]
    assert orders["kompetensi"][0] == "integritas"


def test_the_file_place_rule_is_the_record_path_pattern(config: dict[str, Any]) -> None:
    rules = path_rules(config)
    assert rules[RECORDS] == "data/pegawai/{{periode}}/{{unit_kerja}}/{{id}}.yaml"
    assert "indikator" not in rules


def test_links_back_to_the_portal_carry_the_site_url() -> None:
    settings = {
        "SITEURL": "https://bkpsdm.example/portal",
        "KINERJA_CMS_REPO": "a/data",
    }
    backend = cms_admin.backend_from_settings(settings)
    assert (backend.repo, backend.local_url) == ("a/data", None)
    built = cms_admin.config(ROOT / "data", backend)
    assert built["logo_url"] == "https://bkpsdm.example/portal/favicon.svg"
    assert built["site_url"] == "https://bkpsdm.example/portal/"
    assert "local_backend" not in built


def test_competences_form_one_all_or_none_group(config: dict[str, Any]) -> None:
    groups = whole_groups(schema("pegawai"), config)[RECORDS]
    # perilaku_kerja and rating are optional under one methodology kind or the other,
    # and like kompetensi either whole or absent
    assert sorted(g["key"] for g in groups) == ["kompetensi", "perilaku_kerja", "rating"]
    (group,) = [g for g in groups if g["key"] == "kompetensi"]
    required = schema("pegawai")["properties"]["kompetensi"]["required"]
    assert [k for k, _ in group["wajib"]] == required
    assert dict(group["wajib"])["perekat_bangsa"] == "Perekat Bangsa"


def test_admin_policy_allows_only_what_the_cms_needs() -> None:
    csp = admin_csp(BACKEND)
    assert "connect-src 'self' https://api.github.com http://127.0.0.1:8081;" in csp
    assert "script-src 'self' 'unsafe-eval';" in csp
    assert "*" not in csp and "unsafe-inline';" not in csp.split("style-src")[0]
    public = admin_csp(Backend(repo="a/b"))
    assert "127.0.0.1" not in public and "localhost" not in public


def test_config_text_is_plain_yaml(config: dict[str, Any]) -> None:
    text = cms_admin.config_text(ROOT / "data", BACKEND)
    assert yaml.safe_load(text) == config
    assert cms_admin.config_text(ROOT / "data", BACKEND) == text  # same inputs, same bytes


PUBLIC_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self' "
    "'wasm-unsafe-eval'; connect-src 'self'; base-uri 'self'; form-action 'self'; object-src 'none'"
)


def test_the_build_writes_admin_with_its_own_policy(site: Path) -> None:
    if not (cms_admin.CMS_DIST / cms_admin.BUNDLE).exists():
        pytest.skip("Decap CMS belum terpasang: jalankan `make node`")
    admin = site / "admin"
    page = (admin / "index.html").read_text(encoding="utf-8")
    local = Backend(repo="x/y", local_url="http://localhost:8081/api/v1")  # pelicanconf.py
    assert f'content="{admin_csp(local)}"' in page
    assert '<script src="decap-cms.js"></script>' in page and "http" not in page.split("<body")[1]
    assert 'data-masuk-token="tidak"' in page  # local development: no token sign-in
    assert (admin / "decap-cms.js").stat().st_size > 1_000_000
    assert yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))["collections"]
    assert json.loads((admin / "urutan-kunci.json").read_text(encoding="utf-8"))[RECORDS]
    rules = json.loads((admin / "aturan.json").read_text(encoding="utf-8"))
    assert rules["jalur"][RECORDS].startswith("data/pegawai/") and rules["lengkap"][RECORDS]
    # the public pages keep their own, stricter policy
    assert f'content="{PUBLIC_CSP}"' in (site / "index.html").read_text(encoding="utf-8")
    assert "admin/" not in (site / "sitemap.txt").read_text(encoding="utf-8")


def test_a_public_admin_needs_the_records_repository(tmp_path: Path, caplog) -> None:
    """KINERJA_REPO_URL is the public engine repository: never the CMS's target."""
    settings = {"KINERJA_REPO_URL": "https://github.com/bkpsdm-kepahiang/portal-kinerja"}
    assert cms_admin.backend_from_settings(settings).repo == ""
    cms_admin.write_from_settings(tmp_path, ROOT / "data", settings)
    assert not (tmp_path / "admin").exists()
    assert "KINERJA_CMS_REPO belum diisi" in caplog.text
