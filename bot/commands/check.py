"""`noticewatch check`: only the flags of notices, with an exit status for scripts."""

from __future__ import annotations

import json
from pathlib import Path

import click

from bot.commands.options import config_option
from bot.settings import load_settings
from parsers import ParseOptions, parse_file
from parsers.models import Schedule, Severity

EXIT_PROBLEMS = 1
"""Exit status when any flag is a warning or an error."""


@click.command("check")
@click.argument("notices", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format", "output_format", type=click.Choice(["table", "json"]), default="table",
    show_default=True, help="Output format; json prints one object per notice.",
)
@config_option
def check_command(notices: tuple[Path, ...], output_format: str, config_path: Path | None) -> None:
    """Print the flags of each notice file.

    Exit status: 0 when no flag or only info-level flags are raised, 1 when any flag is a
    warning or an error, 2 on bad input.

    \b
    Example:
        noticewatch check data/notices/*.txt
    """
    settings = load_settings(config_path)
    options = ParseOptions(checks=settings.check_settings())
    schedules = [parse_file(path, options) for path in notices]
    if output_format == "json":
        documents = [_flags_json(item) for item in schedules]
        click.echo(json.dumps(documents, indent=2, ensure_ascii=False))
    else:
        click.echo("\n".join(_flags_table(item) for item in schedules), nl=False)
    if any(flag.severity is not Severity.INFO for item in schedules for flag in item.flags):
        click.get_current_context().exit(EXIT_PROBLEMS)


def _flags_json(schedule: Schedule) -> dict[str, object]:
    document = schedule.to_json_dict()
    return {"notice": document["notice"], "flags": document["flags"]}


def _flags_table(schedule: Schedule) -> str:
    notice = schedule.notice
    lines = [f"{notice.source}: {len(schedule.flags)} flags"]
    for flag in schedule.flags:
        head = f"{flag.severity.value:7} {flag.code.value} [{flag.origin.value}]"
        lines.append(f"  {head}: {flag.message}")
        if flag.question:
            lines.append(f"          ask: {flag.question}")
    return "\n".join(lines) + "\n"
