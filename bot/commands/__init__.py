"""Every `noticewatch` subcommand, registered once here by name and module.

Commands are imported only when run, so `noticewatch parse` does not load the database, web and
Slack stacks that `serve` needs.
"""

from __future__ import annotations

from importlib import import_module

import click

COMMAND_MODULES: dict[str, str] = {
    "parse": "bot.commands.parse:parse_command",
    "check": "bot.commands.check:check_command",
    "affects": "bot.commands.affects:affects_command",
    "add": "bot.commands.add:add_command",
    "diff": "bot.commands.diff:diff_command",
    "ics": "bot.commands.ics:ics_command",
    "report": "bot.commands.report:report_command",
    "run": "bot.commands.run:run_command",
    "serve": "bot.commands.serve:serve_command",
    "subscribe": "bot.commands.subscribe:subscribe_command",
    "watch": "bot.commands.watch:watch_command",
}


def load_command(name: str) -> click.Command:
    """Import and return the command registered as `name`."""
    module_name, _, attribute = COMMAND_MODULES[name].partition(":")
    command = getattr(import_module(module_name), attribute)
    assert isinstance(command, click.Command), f"{COMMAND_MODULES[name]} is not a click command"
    return command


class LazyGroup(click.Group):
    """A click group that imports a subcommand's module only when that command is needed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMAND_MODULES)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMAND_MODULES:
            return None
        return load_command(cmd_name)
