"""Every `noticewatch` subcommand, registered once here; the CLI and its docs test read this list."""

from __future__ import annotations

import click

from bot.commands.add import add_command
from bot.commands.affects import affects_command
from bot.commands.check import check_command
from bot.commands.diff import diff_command
from bot.commands.ics import ics_command
from bot.commands.parse import parse_command
from bot.commands.report import report_command
from bot.commands.run import run_command
from bot.commands.serve import serve_command
from bot.commands.subscribe import subscribe_command
from bot.commands.watch import watch_command

COMMANDS: list[click.Command] = [
    parse_command,
    check_command,
    affects_command,
    add_command,
    diff_command,
    ics_command,
    report_command,
    run_command,
    serve_command,
    subscribe_command,
    watch_command,
]
