"""The Dockerfile passes hadolint and the Slack manifest fits the app's settings and routes."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped]  # PyYAML ships no type hints

from bot.settings import Settings
from bot.slack.http import EVENTS_PATH

REPO_ROOT = Path(__file__).parent.parent
HADOLINT = Path(sys.executable).parent / "hadolint"


def load_manifest() -> dict[str, Any]:
    data = yaml.safe_load((REPO_ROOT / "data" / "slack-manifest.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_dockerfile_passes_hadolint() -> None:
    result = subprocess.run(
        [str(HADOLINT), "--no-color", str(REPO_ROOT / "Dockerfile")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_dockerfile_runs_serve_as_non_root() -> None:
    lines = (REPO_ROOT / "Dockerfile").read_text(encoding="utf-8").splitlines()
    assert "USER 10001" in lines
    assert 'CMD ["noticewatch", "serve", "--host", "0.0.0.0", "--port", "8080"]' in lines
    healthcheck = [line for line in lines if "urlopen(" in line]
    assert len(healthcheck) == 1
    assert "http://127.0.0.1:8080/healthz" in healthcheck[0]


def test_manifest_command_matches_settings() -> None:
    commands = load_manifest()["features"]["slash_commands"]
    assert [command["command"] for command in commands] == [Settings().slash_command]


def test_manifest_urls_use_events_path() -> None:
    manifest = load_manifest()
    urls = [
        manifest["features"]["slash_commands"][0]["url"],
        manifest["settings"]["interactivity"]["request_url"],
    ]
    assert [url.removeprefix("https://noticewatch.example.com") for url in urls] == [
        EVENTS_PATH,
        EVENTS_PATH,
    ]


def test_manifest_scopes() -> None:
    scopes = load_manifest()["oauth_config"]["scopes"]["bot"]
    assert sorted(scopes) == ["chat:write", "chat:write.public", "commands"]


def test_pyproject_license_is_spdx() -> None:
    # setuptools 77 and later warn on every install when the license is a TOML table.
    with (REPO_ROOT / "pyproject.toml").open("rb") as handle:
        project = tomllib.load(handle)

    assert project["project"]["license"] == "MIT"
    assert "setuptools>=77" in project["build-system"]["requires"]
