"""The store page names every option of the commands it documents."""

from __future__ import annotations

import click
import pytest

from bot.commands.add import add_command
from bot.commands.diff import diff_command
from bot.commands.watch import watch_command
from tests.conftest import REPO_ROOT
from tests.test_docs_checks import long_options

STORE_PAGE = (REPO_ROOT / "docs" / "store.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "command", [add_command, diff_command, watch_command], ids=lambda command: command.name
)
def test_store_page_names_options(command: click.Command) -> None:
    options = long_options(command)
    assert options
    missing = [name for name in options if f"`{name}" not in STORE_PAGE]
    assert missing == []
