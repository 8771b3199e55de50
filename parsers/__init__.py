"""noticewatch's parsing library: notice text, HTML, e-mail or iCalendar to a checked schedule.

This package has no network, database or Slack code, so importing it stays cheap.
"""

from parsers.api import ParseOptions, parse_bytes, parse_document, parse_file, parse_text
from parsers.checks import CheckSettings
from parsers.errors import ConfigError, InputError, NoticewatchError, ParseError
from parsers.models import (
    Bundle,
    Evidence,
    Flag,
    FlagCode,
    FlagOrigin,
    Notice,
    Origin,
    Schedule,
    Severity,
    Status,
    Tier,
    Window,
)

__all__ = [
    "Bundle",
    "CheckSettings",
    "ConfigError",
    "Evidence",
    "Flag",
    "FlagCode",
    "FlagOrigin",
    "InputError",
    "Notice",
    "NoticewatchError",
    "Origin",
    "ParseError",
    "ParseOptions",
    "Schedule",
    "Severity",
    "Status",
    "Tier",
    "Window",
    "parse_bytes",
    "parse_document",
    "parse_file",
    "parse_text",
]
