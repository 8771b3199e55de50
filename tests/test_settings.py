"""Settings from a TOML file, NOTICEWATCH_* overrides, and rejected values."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest

from bot.settings import Settings, load_settings
from parsers.errors import ConfigError
from parsers.models import Severity
from tests.conftest import REPO_ROOT

EXAMPLE = REPO_ROOT / "data" / "noticewatch.example.toml"
SETTING_LINE = re.compile(r"^# (\[\w+\]|\w+ = .*)$")


def test_example_file_uncommented_loads(tmp_path: Path) -> None:
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    uncommented = [line[2:] if SETTING_LINE.match(line) else line for line in lines]
    path = tmp_path / "settings.toml"
    path.write_text("\n".join(uncommented), encoding="utf-8")
    settings = load_settings(path, {})
    assert settings.hosts == ["rest.zuora.com", "apisandbox-api.zuora.com"]
    assert settings.severities == {"holiday": Severity.INFO, "nonstandard_wildcard": Severity.INFO}
    assert settings.holiday_countries["EU"] == ["DE", "FR", "IE", "NL", "GB"]
    assert settings.reminder_offsets_hours == [168.0, 24.0, 1.0]


def test_example_file_names_every_setting() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    missing = [
        name
        for name in Settings.model_fields
        if f"# {name} = " not in text and f"# [{name}]" not in text
    ]
    assert missing == []


def test_environment_overrides_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('short_notice_days = 10\nhosts = ["a.example.com"]\n', encoding="utf-8")
    environ = {
        "NOTICEWATCH_SHORT_NOTICE_DAYS": "21",
        "NOTICEWATCH_MIN_TEST_GAP_HOURS": "48",
        "NOTICEWATCH_SEVERITIES": '{"holiday": "error"}',
    }
    settings = load_settings(path, environ)
    checks = settings.check_settings()
    assert settings.hosts == ["a.example.com"]
    assert checks.short_notice_days == 21
    assert checks.min_test_gap == timedelta(hours=48)
    assert checks.severities == {"holiday": Severity.ERROR}


def test_config_path_from_environment(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('display_timezone = "Europe/Berlin"\n', encoding="utf-8")
    settings = load_settings(None, {"NOTICEWATCH_CONFIG": str(path)})
    assert settings.display_timezone == "Europe/Berlin"


def test_holiday_regions_upper_case(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('[holiday_countries]\ndefault = ["US"]\neu = ["IE"]\n', encoding="utf-8")
    checks = load_settings(path, {}).check_settings()
    assert checks.holiday_countries == {"default": ("US",), "EU": ("IE",)}


BAD_VALUES = [
    ({"NOTICEWATCH_SEVERITIES": '{"holidays": "info"}'}, "unknown flag code 'holidays'"),
    ({"NOTICEWATCH_SEVERITIES": '{"holiday": "loud"}'}, "severities.holiday"),
    ({"NOTICEWATCH_HOLIDAY_COUNTRIES": '{"EU": ["XX"]}'}, "unknown country code 'XX'"),
    ({"NOTICEWATCH_SHORT_NOTICE_DAYS": "two weeks"}, "short_notice_days"),
    ({"NOTICEWATCH_MIN_TEST_GAP_HOURS": "-1"}, "min_test_gap_hours"),
    ({"NOTICEWATCH_DISPLAY_TIMEZONE": "Mars/Base"}, "unknown time zone 'Mars/Base'"),
    ({"NOTICEWATCH_HOSTS": "rest.zuora.com"}, "NOTICEWATCH_HOSTS: is not valid JSON"),
]


@pytest.mark.parametrize(("environ", "expected"), BAD_VALUES, ids=[e for _, e in BAD_VALUES])
def test_bad_value_rejected(environ: dict[str, str], expected: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(None, environ)
    assert expected in str(caught.value)
