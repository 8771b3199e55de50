"""The `noticewatch` command line: a click group whose commands live in `bot.commands`."""

from __future__ import annotations

import logging
import sys
from importlib.metadata import version

import click

from bot.commands import LazyGroup
from parsers.errors import NoticewatchError

logger = logging.getLogger(__name__)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(version("noticewatch"), prog_name="noticewatch")
@click.option("-v", "--verbose", count=True, help="Log more: -v for progress, -vv for debug.")
@click.option("-q", "--quiet", is_flag=True, help="Log errors only.")
def cli(verbose: int, quiet: bool) -> None:
    """Turn vendor maintenance and certificate notices into checked schedules.

    Exit status: 0 success; 1 the command ran and found problems; 2 bad input or usage.
    """
    level = logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


def main() -> None:
    """Run the CLI, turning every expected error into one sentence on stderr and exit status 2."""
    try:
        status = cli.main(standalone_mode=False)
        # Without standalone mode click returns the code of ctx.exit() instead of exiting.
        if isinstance(status, int):
            sys.exit(status)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(2)
    except click.exceptions.Exit as stop:
        sys.exit(stop.exit_code)
    except click.UsageError as error:
        error.show()
        sys.exit(2)
    except click.ClickException as error:
        error.show()
        sys.exit(2)
    except NoticewatchError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
    except BrokenPipeError:
        sys.exit(0)


if __name__ == "__main__":
    main()
