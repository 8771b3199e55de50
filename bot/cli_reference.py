"""Write the command-line reference (docs/cli.md) from the commands' own help texts.

Run `python -m bot.cli_reference > docs/cli.md` after changing a command; a test fails while the
file differs from what this prints.
"""

from __future__ import annotations

import click

from bot.cli import cli
from bot.commands import load_command

_HEADER = """# Command line reference

Generated from `noticewatch --help` by `python -m bot.cli_reference > docs/cli.md`.

Exit statuses of every command: 0 success; 1 the command ran and found problems (`check` raised
a warning or an error, `watch --once` held a suspicious version); 2 bad input, bad usage or a
failure to run, with one sentence on stderr that names the input and the fix.
"""


def _help_text(command: click.Command, name: str, parent: click.Context | None) -> str:
    context = click.Context(command, info_name=name, parent=parent, terminal_width=100,
                            max_content_width=100, help_option_names=["-h", "--help"])
    return command.get_help(context)


def render_reference() -> str:
    """Return the Markdown reference of the group and every subcommand."""
    root = click.Context(cli, info_name="noticewatch", terminal_width=100, max_content_width=100,
                         help_option_names=["-h", "--help"])
    parts = [_HEADER, "## noticewatch", "", "```", cli.get_help(root), "```", ""]
    for name in cli.list_commands(root):
        command = load_command(name)
        parts += [f"## noticewatch {name}", "", "```", _help_text(command, name, root), "```", ""]
    return "\n".join(parts)


if __name__ == "__main__":
    click.echo(render_reference(), nl=False)
