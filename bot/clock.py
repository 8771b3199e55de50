"""The current time, fixable with `NOTICEWATCH_NOW` so that the bundled 2018 notices can be replayed."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from datetime import UTC, datetime

from parsers.errors import ConfigError

NOW_ENV = "NOTICEWATCH_NOW"

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC)


def parse_now(text: str) -> datetime:
    """Read an ISO 8601 instant with an offset or "Z", such as 2018-10-01T12:00:00Z."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError as error:
        raise ConfigError(NOW_ENV, f"{text!r} is no ISO 8601 time", "give a time such as 2018-10-01T12:00:00Z") from error
    if moment.tzinfo is None:
        raise ConfigError(NOW_ENV, f"{text!r} has no UTC offset", "add Z or an offset such as +02:00")
    return moment.astimezone(UTC)


def clock_from_environment(environ: Mapping[str, str] | None = None) -> Clock:
    """Return a clock fixed at `NOTICEWATCH_NOW` when it is set, else the system clock."""
    env = os.environ if environ is None else environ
    fixed = env.get(NOW_ENV)
    if not fixed:
        return system_clock
    moment = parse_now(fixed)
    return lambda: moment
