"""The Decap CMS configuration for /admin/, built from the schemas and policy.

Pure: the caller passes the parsed JSON Schemas, the unit list and the
indicator catalogue; nothing here reads a file. Every select list, bound and
required flag comes from those inputs, so the forms follow the data contract
and never drift from `kinerja validate`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from kinerja.site.labels import label

Json = Mapping[str, Any]

# Strings that hold paragraphs get a multi-line box; the rest a single line.
LONG_TEXT = frozenset({"deskripsi", "rumus", "catatan_sifat", "dasar_hukum"})
OPTIONAL_NOTE = re.compile(r"\s*\(boleh [^)]*\)$")
RECORDS = "pegawai"  # collection names: pegawai-<periode>
RECORD_PATH = "data/pegawai/{{periode}}/{{unit_kerja}}/{{id}}.yaml"  # DESIGN.md's layout
RECORD_HEADER = "yaml-language-server: $schema=../../../../schemas/pegawai.schema.json"
INDICATOR_HEADER = "yaml-language-server: $schema=../../schemas/indikator.schema.json"


@dataclass(frozen=True)
class Backend:
    """Where the CMS saves: a GitHub repository (private for real records)."""

    repo: str
    branch: str = "main"
    base_url: str | None = None  # OAuth sign-in service; None: Decap's default
    auth_endpoint: str | None = None
    local_url: str | None = None  # decap-server on this computer (development, tests)
    site_url: str = ""  # the portal's SITEURL, for the CMS's logo and "back to the portal"


@dataclass(frozen=True)
class Catalogue:
    """What the select lists and labels are made of."""

    units: Sequence[tuple[str, str]]  # (kode, nama) in file order
    indicators: Sequence[Json]  # parsed data/indikator/*.yaml
    periods: Sequence[int] = ()  # the folders under data/pegawai/
    extra_keys: Mapping[str, Sequence[str]] = field(default_factory=dict)


@dataclass
class _Context:
    root: Json
    names: dict[str, str]
    choices: dict[str, list[dict[str, str]]]
    extra_keys: Mapping[str, Sequence[str]]


def build_config(
    record_schema: Json, indicator_schema: Json, catalogue: Catalogue, backend: Backend
) -> dict[str, Any]:
    """The whole config.yml as a plain dict (dumped as YAML by the adapter)."""
    config: dict[str, Any] = {"backend": _backend(backend)}
    if backend.local_url:
        config["local_backend"] = {"url": backend.local_url}
    config.update(
        {
            "locale": "id",
            "publish_mode": "editorial_workflow",
            "media_folder": "content/extra/unggahan",  # required by Decap; nothing is uploaded
            "media_library": {"name": "tanpa-unggahan"},
            "site_url": f"{backend.site_url}/",
            "display_url": f"{backend.site_url}/",
            "logo_url": f"{backend.site_url}/favicon.svg",
            "show_preview_links": False,
            "editor": {"preview": False},
            "collections": [
                *_record_collections(record_schema, catalogue),
                _indicator_collection(indicator_schema, catalogue),
            ],
        }
    )
    return config


def _backend(backend: Backend) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": "github",
        "repo": backend.repo,
        "branch": backend.branch,
        "squash_merges": True,
        "commit_messages": {
            "create": "Tambah {{collection}} {{slug}}",
            "update": "Ubah {{collection}} {{slug}} (lewat formulir)",
            "delete": "Hapus {{collection}} {{slug}}",
            "uploadMedia": "Unggah {{path}}",
            "deleteMedia": "Hapus {{path}}",
            "openAuthoring": "{{message}}",
        },
    }
    if backend.base_url:
        out["base_url"] = backend.base_url
    if backend.auth_endpoint:
        out["auth_endpoint"] = backend.auth_endpoint
    return out


def _unit_options(catalogue: Catalogue) -> list[dict[str, str]]:
    return [{"label": f"{nama} · {kode}", "value": kode} for kode, nama in catalogue.units]


def _context(schema: Json, catalogue: Catalogue) -> _Context:
    names = {str(i["kode"]): str(i["nama"]) for i in catalogue.indicators if "kode" in i}
    return _Context(schema, names, {"unit_kerja": _unit_options(catalogue)}, catalogue.extra_keys)


def _record_collections(schema: Json, catalogue: Catalogue) -> list[dict[str, Any]]:
    """One collection per period, newest first: HR corrects a period at a time,
    and a shorter list loads faster (with GitHub, sorting or searching a
    collection reads every file in it)."""
    teknis = sorted(
        str(i["kode"]) for i in catalogue.indicators if i.get("jenis") == "kompetensi_teknis"
    )
    ctx = _context(schema, catalogue)
    ctx.extra_keys = {"kompetensi": teknis, **catalogue.extra_keys}
    fields = _object_fields(schema, ctx)
    fields[0]["comment"] = RECORD_HEADER
    return [_period_collection(periode, fields) for periode in sorted(catalogue.periods)[::-1]]


def _period_collection(periode: int, fields: list[dict[str, Any]]) -> dict[str, Any]:
    folder, _, path = RECORD_PATH.removesuffix(".yaml").partition("/{{periode}}/")
    return {
        "name": f"{RECORDS}-{periode}",
        "label": f"Catatan penilaian {periode}",
        "label_singular": f"catatan penilaian {periode}",
        "description": (
            f"Satu berkas untuk satu ASN pada periode {periode}. Catatan baru ditambahkan lewat "
            "'kinerja import' (ID pseudonim memerlukan kunci yang tidak pernah sampai ke peramban); "
            "di sini catatan yang sudah ada diperbaiki. Setiap simpanan menjadi pull request."
        ),
        "folder": f"{folder}/{periode}",
        "path": path,
        "extension": "yaml",
        "format": "yaml",
        "create": False,
        "delete": False,
        "publish": False,
        "identifier_field": "id",
        "slug": "{{id}}",
        "summary": "{{id}} · {{unit_kerja}} · {{jenis_jabatan}}",
        "sortable_fields": ["id", "unit_kerja", "jenis_jabatan"],
        "view_groups": [{"label": "Unit kerja", "field": "unit_kerja"}],
        "fields": fields,
    }


def _indicator_collection(schema: Json, catalogue: Catalogue) -> dict[str, Any]:
    ctx = _context(schema, catalogue)
    fields = _object_fields(schema, ctx)
    fields[0]["comment"] = INDICATOR_HEADER
    return {
        "name": "indikator",
        "label": "Katalog indikator",
        "label_singular": "indikator",
        "description": (
            "Kriteria penilaian yang tampil di halaman Kriteria. Mengubah indikator berarti "
            "mengubah kebijakan: tuliskan alasannya pada pull request."
        ),
        "folder": "data/indikator",
        "extension": "yaml",
        "format": "yaml",
        "create": False,
        "delete": False,
        "publish": False,
        # deliberate twin of the records collection above: Decap's collection keys, spelt out
        "identifier_field": "kode",
        "slug": "{{kode}}",
        "summary": "{{nama}} ({{kode}})",
        "sortable_fields": ["kode", "nama", "jenis"],
        "view_groups": [{"label": "Jenis", "field": "jenis"}],
        "fields": fields,
    }


def _resolve(prop: Json, ctx: _Context) -> Json:
    ref = prop.get("$ref")
    if not ref:
        return prop
    node: Any = ctx.root
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return {**node, **{k: v for k, v in prop.items() if k != "$ref"}}


def _object_fields(
    schema: Json, ctx: _Context, name: str = "", optional: bool = False
) -> list[dict[str, Any]]:
    """Fields of an object; inside an optional object nothing is required, since
    Decap cannot say "all or none" (kinerja validate still checks it)."""
    order = list(schema.get("required", ()))
    required = set() if optional else set(order)
    props: dict[str, Json] = dict(schema.get("properties", {}))
    additional = schema.get("additionalProperties")
    if isinstance(additional, Mapping):
        for key in [*order, *ctx.extra_keys.get(name, ())]:
            props.setdefault(key, additional)
    return [_field(key, prop, key in required, ctx) for key, prop in props.items()]


def _field(name: str, prop: Json, required: bool, ctx: _Context) -> dict[str, Any]:
    resolved = _resolve(prop, ctx)
    title = (
        prop.get("title") or ctx.names.get(name) or resolved.get("title") or label(name, ctx.names)
    )
    title = OPTIONAL_NOTE.sub("", title)  # the form marks optional fields itself
    out: dict[str, Any] = {"name": name, "label": title, "required": required}
    hint = resolved.get("description")
    if hint:
        out["hint"] = hint
    out.update(_widget(name, resolved, ctx, optional=not required))
    return out


def _widget(name: str, prop: Json, ctx: _Context, optional: bool = False) -> dict[str, Any]:
    if "enum" in prop:
        return {"widget": "select", "options": _options(prop["enum"], prop.get("x-label", {}))}
    kind = prop.get("type")
    if name in ctx.choices and kind != "array":
        return {"widget": "select", "options": ctx.choices[name]}
    if kind in ("integer", "number"):
        return _number(prop)
    if kind == "boolean":
        return {"widget": "boolean", "default": False}
    if kind == "object":
        fields = _object_fields(prop, ctx, name, optional)
        return {"widget": "object", "collapsed": False, "fields": fields}
    if kind == "array":
        return _list(name, prop, ctx)
    return _string(name, prop)


def _options(values: Sequence[Any], names: dict[str, str]) -> list[dict[str, Any]]:
    """An enum's choices, labelled by the schema's `x-label` beside it."""
    return [{"label": label(str(v), names), "value": v} for v in values]


def _number(prop: Json) -> dict[str, Any]:
    out: dict[str, Any] = {
        "widget": "number",
        "value_type": "int" if prop["type"] == "integer" else "float",
    }
    low = prop.get("minimum", prop.get("exclusiveMinimum"))
    if low is not None:
        out["min"] = low
    if "maximum" in prop:
        out["max"] = prop["maximum"]
    if prop["type"] == "integer":
        out["step"] = 1
    if "exclusiveMinimum" in prop:
        bound = prop["exclusiveMinimum"]
        out["pattern"] = [_above(bound), f"Harus lebih dari {bound}."]
    return out


def _above(bound: float) -> str:
    """A regular expression refusing the bound itself (Decap's min is inclusive)."""
    text = str(int(bound)) if float(bound).is_integer() else str(bound)
    return rf"^(?!-?{text}(\.0+)?$)"


def _list(name: str, prop: Json, ctx: _Context) -> dict[str, Any]:
    items = _resolve(prop.get("items", {}), ctx)
    if "pattern" in items and name in ctx.choices:
        out: dict[str, Any] = {"widget": "select", "multiple": True, "options": ctx.choices[name]}
    elif items.get("type") == "object":
        summary = next(iter(items.get("required", [])), None)
        out = {"widget": "list", "collapsed": False, "fields": _object_fields(items, ctx, name)}
        out["summary"] = f"{{{{fields.{summary}}}}}" if summary else None
        if items.get("title"):
            out["label_singular"] = items["title"]
    else:
        out = {
            "widget": "list",
            "field": {"name": name, "label": label(name, ctx.names), **_widget(name, items, ctx)},
        }
    out = {k: v for k, v in out.items() if v is not None}
    if "minItems" in prop:
        out["min"] = prop["minItems"]
    if "maxItems" in prop:
        out["max"] = prop["maxItems"]
    return out


def _string(name: str, prop: Json) -> dict[str, Any]:
    out: dict[str, Any] = {"widget": "text" if name in LONG_TEXT else "string"}
    if "pattern" in prop:
        out["pattern"] = [prop["pattern"], f"Bentuknya harus sesuai pola {prop['pattern']}."]
    return out


def key_orders(config: Json) -> dict[str, dict[str, list[str]]]:
    """Per collection, the order of keys in every map, by dotted path ("" is the
    top level); the admin script restores it before each save."""
    out: dict[str, dict[str, list[str]]] = {}
    for collection in config["collections"]:
        orders: dict[str, list[str]] = {}
        _collect(collection["fields"], "", orders)
        out[collection["name"]] = orders
    return out


def path_rules(config: Json) -> dict[str, str]:
    """Per record collection, the file pattern its fields must keep matching; the
    admin script refuses a save that would leave a record in the wrong place."""
    return {c["name"]: RECORD_PATH for c in config["collections"] if _is_record(c)}


def _is_record(collection: Json) -> bool:
    return str(collection["name"]).startswith(f"{RECORDS}-")


def whole_groups(record_schema: Json, config: Json) -> dict[str, list[dict[str, Any]]]:
    """Optional parts that are all or nothing (kompetensi): Decap cannot require
    fields inside an optional object, so the admin script checks, before saving,
    that either every required key is filled or none is (and then drops it)."""
    records = [c for c in config["collections"] if _is_record(c)]
    if not records:
        return {}
    fields = {f["name"]: f for f in records[0]["fields"]}
    groups = []
    for name, prop in record_schema.get("properties", {}).items():
        inner = prop.get("required")
        if name in record_schema.get("required", ()) or prop.get("type") != "object" or not inner:
            continue
        labels = {f["name"]: f["label"] for f in fields[name]["fields"]}
        groups.append(
            {"key": name, "label": fields[name]["label"], "wajib": [[k, labels[k]] for k in inner]}
        )
    return {c["name"]: groups for c in records}


def _collect(fields: Sequence[Json], path: str, orders: dict[str, list[str]]) -> None:
    orders[path] = [f["name"] for f in fields]
    for f in fields:
        if "fields" in f:
            _collect(f["fields"], f"{path}.{f['name']}" if path else f["name"], orders)


def admin_csp(backend: Backend) -> str:
    """/admin/'s own policy: the CMS script from this site, the GitHub API, and
    decap-server on this computer when configured. Decap validates its config
    with compiled schemas ('unsafe-eval') and styles itself inline."""
    connect = ["'self'", "https://api.github.com"]
    if backend.local_url:
        connect.append(_origin(backend.local_url))
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self' 'unsafe-eval'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob: https://avatars.githubusercontent.com",
            "connect-src " + " ".join(connect),
            "frame-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "object-src 'none'",
        ]
    )


def _origin(url: str) -> str:
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}"
