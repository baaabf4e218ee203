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
        s.get("run", s.get("uses", "")) + s.get("with", {}).get("script", "")
        for job in workflow["jobs"].values()
        for s in job.get("steps", [])
    ]


def test_pull_requests_are_validated_tested_and_commented() -> None:
    run = "\n".join(steps("periksa.yml"))
    assert "make validate FORMAT=github" in run
    assert "bash .ci/run" in run
    assert "kinerja diff" in run
    assert "createComment" in run and "updateComment" in run


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


# --- Least privilege and supply chain (issue 13, item 4) ---------------------

WRITE_SCOPES_FOR = {"pages": "deploy", "id-token": "deploy", "pull-requests": "comment"}


def load(path: Path) -> dict:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    # PyYAML reads the key `on` as True (YAML 1.1)
    workflow["on"] = workflow.pop(True, workflow.get("on"))
    return workflow


def permissions(workflow: dict, job: dict) -> dict[str, str]:
    """A job's token permissions: its own block replaces the workflow's."""
    granted = job.get("permissions", workflow.get("permissions"))
    assert isinstance(granted, dict), "permissions must be listed scope by scope"
    return granted


def writes(granted: dict[str, str]) -> set[str]:
    return {scope for scope, level in granted.items() if level == "write"}


def uses(job: dict) -> list[str]:
    return [s["uses"].split("@")[0] for s in job.get("steps", []) if "uses" in s]


def checkouts(job: dict) -> list[dict]:
    return [s for s in job.get("steps", []) if s.get("uses", "").startswith("actions/checkout@")]


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_workflow_token_reads_only_by_default(path: Path) -> None:
    workflow = load(path)
    assert workflow["permissions"] == {"contents": "read"}, path.name
    assert "pull_request_target" not in (workflow["on"] or {}), "never run PR code with secrets"


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_a_job_that_checks_out_code_cannot_write(path: Path) -> None:
    workflow = load(path)
    for name, job in workflow["jobs"].items():
        granted = permissions(workflow, job)
        for step in checkouts(job):
            assert step.get("with", {}).get("persist-credentials") is False, name
        if checkouts(job) or any("run" in s for s in job.get("steps", [])):
            assert not writes(granted), f"{name} runs repository code with {writes(granted)}"
        else:
            assert set(granted) <= set(WRITE_SCOPES_FOR), name


def test_write_permissions_only_where_needed() -> None:
    for path in WORKFLOWS:
        workflow = load(path)
        for name, job in workflow["jobs"].items():
            for scope in writes(permissions(workflow, job)):
                role = WRITE_SCOPES_FOR.get(scope)
                assert role, f"{path.name}:{name} must not write {scope}"
                if role == "deploy":
                    assert uses(job) == ["actions/deploy-pages"], f"{path.name}:{name}"
                else:
                    assert "actions/github-script" in uses(job), f"{path.name}:{name}"
    deploy = load(ROOT / ".github/workflows/terbit.yml")["jobs"]["terbitkan"]
    assert writes(deploy["permissions"]) == {"pages", "id-token"}


def test_pull_request_code_runs_without_a_write_token() -> None:
    workflow = load(ROOT / ".github/workflows/periksa.yml")
    assert set(workflow["on"]) == {"pull_request"}
    runs_code = [n for n, j in workflow["jobs"].items() if checkouts(j)]
    assert runs_code == ["periksa", "dampak"]
    comment = workflow["jobs"]["komentar"]
    assert comment["needs"] == "dampak"
    assert writes(comment["permissions"]) == {"pull-requests"}
    assert uses(comment) == ["actions/download-artifact", "actions/github-script"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_every_action_is_pinned_to_a_commit(path: Path) -> None:
    import re

    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if "uses:" in ln]
    assert lines
    for line in lines:
        assert re.fullmatch(
            r"\s*(- )?uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+", line
        ), f"{path.name}: {line.strip()} (pin a full commit SHA, version in a comment)"


def install_lines() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in WORKFLOWS]
    texts += [(ROOT / ".ci/run").read_text(encoding="utf-8")]
    texts += [(ROOT / "Makefile").read_text(encoding="utf-8")]
    return [ln for t in texts for ln in t.splitlines() if "pip install" in ln]


def test_python_packages_are_installed_by_hash() -> None:
    lines = install_lines()
    assert len(lines) == 3, lines  # the project's packages, the project, pip-tools
    for line in lines:
        assert "--upgrade" not in line
        if "-e ." in line:  # the project itself: nothing fetched
            assert "--no-deps --no-build-isolation -e ." in line
        else:
            assert "--require-hashes -r requirements" in line


def locked_versions(filename: str) -> dict[str, str]:
    """Package -> version of a pip-compile lock, each with its SHA-256 hashes."""
    import re

    lines = (ROOT / filename).read_text(encoding="utf-8").splitlines()
    text = "\n".join(ln for ln in lines if not ln.lstrip().startswith("#"))
    locked: dict[str, str] = {}
    for block in re.split(r"\n(?=\S)", text.strip()):
        name, _, version = block.split(" ", 1)[0].partition("==")
        assert version, block
        assert re.search(r"--hash=sha256:[0-9a-f]{64}", block), name
        locked[re.sub(r"[-_.]+", "-", name).lower()] = version
    return locked


def test_the_locks_pin_every_package_with_hashes() -> None:
    import re
    import tomllib

    assert locked_versions("requirements-kunci.txt")["pip-tools"] == "7.6.2"
    locked = locked_versions("requirements.txt")
    assert {"pip", "setuptools"} <= set(locked)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = project["dependencies"] + project["optional-dependencies"]["dev"]
    for requirement in wanted + (ROOT / "requirements-tools.in").read_text().splitlines():
        if "==" not in requirement or requirement.startswith("#"):
            continue
        name, version = requirement.split("==")
        name = re.sub(r"[-_.]+", "-", name.split("[")[0]).lower()
        assert locked.get(name) == version, f"{name}: run `make kunci` after changing pins"


COMMENT_HARNESS = """
const calls = [], shown = [];
const core = {
  notice: (m) => calls.push(['notice', m]),
  summary: {
    addHeading(t) { shown.push(t); return this; },
    addRaw(t) { shown.push(t); return this; },
    async write() { return this; },
  },
};
const context = { repo: { owner: 'bkpsdm', repo: 'kinerja' } };
const existing = JSON.parse(process.env.EXISTING);
const github = {
  paginate: async () => existing,
  rest: { issues: {
    listComments: null,
    updateComment: async (a) => calls.push(['update', a.comment_id]),
    createComment: async (a) => {
      if (process.env.DENY) {
        const e = new Error('Resource not accessible by integration'); e.status = 403; throw e;
      }
      calls.push(['create', a.issue_number, a.body]);
    },
  } },
};
(async () => { SCRIPT
})().then(() => console.log(JSON.stringify({ calls, shown })));
"""


def run_comment(tmp_path: Path, head: str, existing: list, deny: bool = False) -> dict:
    import os
    import shutil

    if not shutil.which("node"):
        pytest.skip("Node.js tidak terpasang")
    workflow = load(ROOT / ".github/workflows/periksa.yml")
    script = workflow["jobs"]["komentar"]["steps"][1]["with"]["script"]
    (tmp_path / "dampak").mkdir()
    (tmp_path / "dampak/dampak.md").write_text("Tidak ada angka yang berubah.\n")
    (tmp_path / "run.js").write_text(COMMENT_HARNESS.replace("SCRIPT", script))
    env = dict(os.environ, PR_NUMBER="7", HEAD_REPO=head, EXISTING=json.dumps(existing))
    if deny:
        env["DENY"] = "1"
    done = subprocess.run(
        ["node", "run.js"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_comment_is_created_then_updated(tmp_path: Path) -> None:
    out = run_comment(tmp_path, "bkpsdm/kinerja", [])
    assert out["calls"][0][:2] == ["create", 7]
    assert out["calls"][0][2].startswith("<!-- kinerja-dampak -->\nTidak ada angka")
    old = {"id": 99, "user": {"login": "github-actions[bot]"}, "body": "<!-- kinerja-dampak -->"}
    mimic = {"id": 5, "user": {"login": "someone"}, "body": "<!-- kinerja-dampak -->"}
    (tmp_path / "lagi").mkdir()
    out = run_comment(tmp_path / "lagi", "bkpsdm/kinerja", [mimic, old])
    assert out["calls"] == [["update", 99]]


@pytest.mark.parametrize(
    ("head", "deny", "why"),
    [("orang/kinerja", False, "fork"), ("bkpsdm/kinerja", True, "403")],
)
def test_comment_that_cannot_be_posted_is_explained(
    tmp_path: Path, head: str, deny: bool, why: str
) -> None:
    out = run_comment(tmp_path, head, [], deny)
    assert [c[0] for c in out["calls"]] == ["notice"]
    said = " ".join(out["shown"])
    assert "Komentar dampak tidak dikirim" in said and why in said
    assert "artefak `dampak`" in said


def test_publishing_checks_where_the_records_live_first() -> None:
    build = load(ROOT / ".github/workflows/terbit.yml")["jobs"]["bangun"]["steps"]
    runs = [s.get("run", "") for s in build]
    check = next(i for i, r in enumerate(runs) if "kinerja publish-check" in r)
    assert check < runs.index("make publish")
    assert "--format github" in runs[check]
    assert build[check]["env"] == {"REPOSITORI_PRIVAT": "${{ github.event.repository.private }}"}
