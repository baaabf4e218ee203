"""The `kinerja` command: the imperative shell around the same core the
Pelican plugin uses.

Exit codes: 0 fine, 1 the data has problems, 2 the command was misused.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import yaml

from kinerja.adapters import cli_args, loader
from kinerja.adapters.bahasa import indonesian
from kinerja.adapters.pipeline import build
from kinerja.checks.problems import Problem, render
from kinerja.core.scoring import as_json, score


def _import(args: argparse.Namespace) -> int:
    from kinerja.adapters.importer import command

    return command(Path(args.source), args.data, args.buat_templat)


def _audit(args: argparse.Namespace) -> int:
    from kinerja.adapters.audit import command

    return command(args.data, args.format)


def _diff(args: argparse.Namespace) -> int:
    from kinerja.adapters.impact import DiffError, compare, markdown, published_at, reader_names

    data_dir = loader.resolve_data_dir(args.data)
    try:
        before = published_at(data_dir, args.base)
        after = published_at(data_dir, args.head)
    except DiffError as exc:
        print(f"kinerja: {exc}", file=sys.stderr)
        return exc.status
    names = reader_names(data_dir)
    print(markdown(compare(before, after), args.base, args.head or "folder kerja", names))
    return 0


def _publish_check(args: argparse.Namespace) -> int:
    from kinerja.checks.validation import check_document
    from kinerja.core.data_source import publish_refusal, repository_private

    data_dir = loader.resolve_data_dir(args.data)
    path = data_dir / "sumber-data.yaml"
    loaded = loader.load_policy(data_dir)
    doc = loaded.data_source
    problems = [p for p in loaded.problems if p.path == loader.shown_path(path)]
    if doc is not None:
        problems += check_document(doc, "sumber-data", loaded.schemas)
    if doc is not None and not problems:
        refusal = publish_refusal(doc.data["jenis"], repository_private(args.repositori_privat))
        if refusal is None:
            print(f"Sumber data '{doc.data['jenis']}': boleh diterbitkan dari repositori ini.")
            return 0
        line, col = doc.position(("jenis",))
        problems = [
            Problem(doc.path, line, col, "SUMBER-DATA-PUBLIK", refusal.message, refusal.hint)
        ]
    print(render(problems, 1, args.format))
    return 1


def _validate(args: argparse.Namespace) -> int:
    data_dir = loader.resolve_data_dir(args.data)
    if not data_dir.is_dir():
        print(f"kinerja: folder data '{args.data}' tidak ditemukan", file=sys.stderr)
        return 2
    cache = None if args.tanpa_cache else data_dir.resolve().parent / ".kinerja-cache"
    result = build(data_dir, cache_dir=cache, publish_results=False)
    print(render(result.problems, result.files, args.format))
    return 1 if result.problems else 0


def _score(args: argparse.Namespace) -> int:
    data_dir = loader.resolve_data_dir(args.data)
    if not data_dir.is_dir():
        print(f"kinerja: folder data '{args.data}' tidak ditemukan", file=sys.stderr)
        return 2
    missing = [f for f in args.files if not Path(f).is_file()]
    if missing:
        print(f"kinerja: berkas tidak ditemukan: {', '.join(missing)}", file=sys.stderr)
        return 2
    result = build(data_dir, records=[Path(f) for f in args.files])
    if result.problems or result.policy is None:
        print(render(result.problems, result.files, "text"), file=sys.stderr)
        return 1
    policy = result.policy
    appraisals = [result.appraisals[loader.shown_path(Path(f))] for f in args.files]
    if args.explain:
        from kinerja.site.explain import explain

        print("\n\n".join(explain(a, policy) for a in appraisals))
        return 0
    scores = [score(a, policy) for a in appraisals]
    objects = [as_json(s, policy.methodology_for(s.periode).desimal) for s in scores]
    payload = objects[0] if len(objects) == 1 else objects
    print(json.dumps(payload, ensure_ascii=False, indent=2))
    return 0


def _holds_real_data(out: Path) -> bool:
    """True when the target folder declares real records (data/sumber-data.yaml)."""
    source = out / "sumber-data.yaml"
    if not source.is_file():
        return False
    try:
        declared = yaml.safe_load(source.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return True
    return not isinstance(declared, dict) or declared.get("jenis") != "sintetis"


def _synth(args: argparse.Namespace) -> int:
    from kinerja.adapters.filestore import prune_population, write_population
    from kinerja.adapters.synth import generate

    try:
        start, _, end = args.periode.partition("-")
        periods = list(range(int(start), int(end or start) + 1))
    except ValueError:
        print("kinerja: --periode harus berbentuk TAHUN atau TAHUN-TAHUN", file=sys.stderr)
        return 2
    if args.pegawai < 1 or not periods:
        print("kinerja: --pegawai harus 1 atau lebih dan --periode tidak kosong", file=sys.stderr)
        return 2
    data_dir = loader.resolve_data_dir(args.data)
    result = build(data_dir, records=[])
    if result.policy is None:
        print(render(result.problems, result.files, "text"), file=sys.stderr)
        return 1
    schema = loader.load_schemas(data_dir)["pegawai"]
    behaviour = schema["properties"]["perilaku_kerja"]["required"]
    files = generate(result.policy, args.pegawai, periods, args.seed, behaviour)
    if _holds_real_data(Path(args.out)):
        print(
            f"kinerja: {Path(args.out) / 'sumber-data.yaml'} menyatakan jenis: nyata; "
            "synth tidak menulis ke folder data sungguhan — pakai --out ke folder lain",
            file=sys.stderr,
        )
        return 2
    removed = prune_population(files, Path(args.out))
    written = write_population(files, Path(args.out))
    print(
        f"{written} catatan ditulis ke {Path(args.out) / 'pegawai'}"
        + (f"; {removed} catatan lama pada periode yang sama dihapus" if removed else "")
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    with indonesian():
        parser = cli_args.parser()
        if not (sys.argv[1:] if argv is None else argv):
            parser.print_help(sys.stderr)
            return 2
        args = parser.parse_args(argv)
    handlers = {
        "validate": _validate,
        "score": _score,
        "synth": _synth,
        "import": _import,
        "diff": _diff,
        "publish-check": _publish_check,
        "audit": _audit,
    }
    return handlers[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
