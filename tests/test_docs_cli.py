"""The command-line reference in docs/cli.md matches the commands' help texts."""

from __future__ import annotations

from pathlib import Path

from bot.cli_reference import render_reference

REFERENCE = Path(__file__).parent.parent / "docs" / "cli.md"


def test_cli_reference_is_current() -> None:
    assert REFERENCE.read_text(encoding="utf-8") == render_reference()
