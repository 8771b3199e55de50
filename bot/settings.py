"""Application settings: a TOML file, then `NOTICEWATCH_*` environment variables on top.

Slack secrets are read only from the environment (`SLACK_BOT_TOKEN`, `SLACK_SIGNING_SECRET`,
`SLACK_APP_TOKEN`) and never from the file, so a settings file can be shared safely.
"""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from parsers.checks import CheckSettings
from parsers.errors import ConfigError
from parsers.models import FlagCode, Severity

ENV_PREFIX = "NOTICEWATCH_"
CONFIG_ENV = "NOTICEWATCH_CONFIG"
DEFAULT_NOTICES_DIR = Path("data/notices")


class Settings(BaseModel):
    """Every setting of noticewatch, with its default."""

    model_config = ConfigDict(extra="forbid")

    data_dir: Path = Field(default=Path("var"), description="Folder for the SQLite store and output files.")
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL of the store; default: a SQLite file noticewatch.db in data_dir.",
    )
    notices_dir: Path = Field(default=DEFAULT_NOTICES_DIR, description="Notices of the main job.")
    output_dir: Path | None = Field(
        default=None, description="Where `run` writes calendars and reports; default data_dir/out."
    )
    display_timezone: str | None = Field(
        default=None, description="IANA zone added to every time shown, such as Europe/Berlin."
    )
    hosts: list[str] = Field(default_factory=list, description="Your own hosts, for `affects`.")
    holiday_countries: dict[str, list[str]] = Field(
        default_factory=lambda: {"default": ["US"], "EU": ["DE", "NL"]},
        description="Region to ISO country codes for the holiday check; 'default' covers US and "
        "unlabelled regions.",
    )
    short_notice_days: int = Field(default=14, ge=0, description="Days of notice below which "
                                   "short_notice is raised.")
    min_test_gap_hours: float = Field(default=24.0, ge=0, description="Hours production must "
                                      "trail non-production, else no_test_window.")
    severities: dict[str, Severity] = Field(default_factory=dict, description="Severity per flag code.")
    reminder_offsets_hours: list[float] = Field(
        default_factory=lambda: [168.0, 24.0, 1.0],
        description="Hours before a window's start at which reminders are posted.",
    )
    public_base_url: str = Field(
        default="http://127.0.0.1:8080", description="URL the server is reached at, for feed links."
    )
    calendar_account: str = Field(default="noticewatch", description="X-MAINTNOTE-ACCOUNT value.")
    slash_command: str = Field(default="/notices", description="The Slack slash command.")
    slack_api_url: str = Field(
        default="https://slack.com/api/", description="Slack Web API base URL (a local fake in tests)."
    )
    web_access_token: str | None = Field(
        default=None, description="When set, web pages require ?token= or a Bearer header."
    )
    watch_urls: list[str] = Field(default_factory=list, description="Notice URLs `watch` polls.")
    watch_interval_seconds: float = Field(default=900.0, gt=0, description="Seconds between polls.")

    @field_validator("display_timezone")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                ZoneInfo(value)
            except (ZoneInfoNotFoundError, ValueError) as error:
                raise ValueError(f"unknown time zone {value!r}; use an IANA name such as Europe/Berlin") from error
        return value

    @field_validator("severities")
    @classmethod
    def _known_codes(cls, value: dict[str, Severity]) -> dict[str, Severity]:
        known = {code.value for code in FlagCode}
        for code in value:
            if code not in known:
                codes = ", ".join(sorted(known))
                raise ValueError(f"unknown flag code {code!r}; use one of: {codes}")
        return value

    @field_validator("holiday_countries")
    @classmethod
    def _known_countries(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        supported = holidays.list_supported_countries()
        for region, countries in value.items():
            for country in countries:
                if country not in supported:
                    raise ValueError(
                        f"unknown country code {country!r} for region {region!r}; use ISO 3166 "
                        "alpha-2 codes such as US or DE"
                    )
        return value

    @property
    def store_url(self) -> str:
        """The database URL, defaulting to a SQLite file in the data folder."""
        return self.database_url or f"sqlite:///{self.data_dir / 'noticewatch.db'}"

    @property
    def out_dir(self) -> Path:
        return self.output_dir or self.data_dir / "out"

    def check_settings(self) -> CheckSettings:
        """Return the thresholds the parser's checks use."""
        return CheckSettings(
            holiday_countries={key.upper() if key != "default" else key: tuple(value)
                               for key, value in self.holiday_countries.items()},
            short_notice_days=self.short_notice_days,
            min_test_gap=timedelta(hours=self.min_test_gap_hours),
            severities=dict(self.severities),
        )


def _env_overrides(environ: Mapping[str, str]) -> dict[str, Any]:
    """Read `NOTICEWATCH_<FIELD>` variables; lists and tables are given as JSON."""
    overrides: dict[str, Any] = {}
    for name, field in Settings.model_fields.items():
        raw = environ.get(ENV_PREFIX + name.upper())
        if raw is None:
            continue
        annotation = str(field.annotation)
        if annotation.startswith(("list", "dict")):
            try:
                overrides[name] = json.loads(raw)
            except json.JSONDecodeError as error:
                raise ConfigError(
                    ENV_PREFIX + name.upper(), f"is not valid JSON ({error.msg})",
                    'give a JSON list or object, such as ["rest.zuora.com"]',
                ) from error
        else:
            overrides[name] = raw
    return overrides


def load_settings(path: Path | None = None, environ: Mapping[str, str] | None = None) -> Settings:
    """Load settings from `path` (or `NOTICEWATCH_CONFIG`), then apply environment overrides."""
    env = os.environ if environ is None else environ
    config_path = path or (Path(env[CONFIG_ENV]) if env.get(CONFIG_ENV) else None)
    data: dict[str, Any] = {}
    if config_path is not None:
        source = str(config_path)
        try:
            data = tomllib.loads(config_path.read_text(encoding="utf-8"))
        except FileNotFoundError as error:
            raise ConfigError(source, "settings file not found", "check the --config path") from error
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(source, f"is not valid TOML ({error})", "fix the file") from error
        except (OSError, UnicodeDecodeError) as error:
            raise ConfigError(source, f"cannot be read ({error})", "check the file") from error
    data.update(_env_overrides(env))
    try:
        return Settings.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "settings"
        problem = first["msg"].removeprefix("Value error, ")
        problem = problem[:1].lower() + problem[1:]
        fix = "fix the value in the settings file or environment"
        raise ConfigError(where, problem, fix) from error
