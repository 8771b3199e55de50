"""The checks and settings pages name every option, setting and flag code they document."""

from __future__ import annotations

import click
import pytest

from bot.commands.affects import affects_command
from bot.commands.check import check_command
from bot.commands.parse import parse_command
from bot.settings import Settings
from parsers.models import FlagCode
from tests.conftest import REPO_ROOT

CHECKS_PAGE = (REPO_ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
SETTINGS_PAGE = (REPO_ROOT / "docs" / "settings.md").read_text(encoding="utf-8")


def long_options(command: click.Command) -> list[str]:
    return [
        name
        for parameter in command.params
        if isinstance(parameter, click.Option)
        for name in parameter.opts
        if name.startswith("--")
    ]


@pytest.mark.parametrize("command", [check_command, affects_command], ids=lambda c: c.name)
def test_checks_page_names_options(command: click.Command) -> None:
    missing = [name for name in long_options(command) if f"`{name}" not in CHECKS_PAGE]
    assert missing == []


def test_checks_page_names_codes() -> None:
    missing = [code.value for code in FlagCode if f"`{code.value}`" not in CHECKS_PAGE]
    assert missing == []


def test_settings_page_names_settings() -> None:
    missing = [name for name in Settings.model_fields if f"`{name}`" not in SETTINGS_PAGE]
    assert missing == []


def test_settings_page_names_parse_options() -> None:
    for name in ("--tz", "--config", "--posted-at"):
        assert name in long_options(parse_command)
        assert f"`{name}" in SETTINGS_PAGE
