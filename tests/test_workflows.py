"""CI workflows, editor settings and the pre-commit hook: well-formed and
doing what the contributor guide promises."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_workflow_matches_the_github_schema(path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.github-workflows",
            str(path),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def steps(name: str) -> list[str]:
    workflow = yaml.safe_load((ROOT / ".github/workflows" / name).read_text())
    return [
        s.get("run", s.get("uses", ""))
        for job in workflow["jobs"].values()
        for s in job.get("steps", [])
    ]


def test_pull_requests_are_validated_tested_and_commented() -> None:
    run = "\n".join(steps("periksa.yml"))
    assert "make validate FORMAT=github" in run
    assert "bash .ci/run" in run
    assert "kinerja diff" in run
    assert "gh pr comment" in run


def test_main_is_built_and_deployed_to_pages() -> None:
    run = "\n".join(steps("terbit.yml"))
    assert "make publish" in run
    assert "actions/deploy-pages" in run


def test_vscode_maps_every_schema() -> None:
    settings = json.loads((ROOT / ".vscode/settings.json").read_text())
    mapped = {Path(p).name for p in settings["yaml.schemas"]}
    assert mapped == {p.name for p in (ROOT / "schemas").glob("*.json")}
    recommended = json.loads((ROOT / ".vscode/extensions.json").read_text())
    assert "redhat.vscode-yaml" in recommended["recommendations"]


def test_pre_commit_runs_the_validator_on_data_changes() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    hook = config["repos"][0]["hooks"][0]
    assert "kinerja validate" in hook["entry"]
    assert hook["files"].startswith("^(data")


def test_every_data_file_names_its_schema() -> None:
    for path in (ROOT / "data").rglob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        schema = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert schema.exists(), path


@pytest.mark.parametrize("path", sorted((ROOT / "schemas").glob("*.json")), ids=lambda p: p.name)
def test_schemas_are_valid_draft_2020_12(path: Path) -> None:
    from jsonschema import Draft202012Validator

    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)
    for prop in schema.get("properties", {}).values():
        assert prop.get("title") or prop.get("description") or "$ref" in prop
