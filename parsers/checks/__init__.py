"""Schedule checks: small functions that each return the flags for one concern."""

from __future__ import annotations

from parsers.checks.calendar import check_holidays, check_short_notice
from parsers.checks.conflict import check_schedule_conflict
from parsers.checks.context import Check, CheckContext, CheckSettings
from parsers.checks.endpoints import (
    check_endpoint_in_multiple_windows,
    check_endpoints_missing,
    check_wildcard_overlap,
)
from parsers.checks.names import check_hostname_mismatch, check_nonstandard_wildcard
from parsers.checks.tiers import check_no_test_window, check_production_first
from parsers.models import Flag

__all__ = ["CHECKS", "Check", "CheckContext", "CheckSettings", "run_checks"]

CHECKS: list[Check] = [
    check_holidays,
    check_production_first,
    check_no_test_window,
    check_short_notice,
    check_endpoint_in_multiple_windows,
    check_wildcard_overlap,
    check_hostname_mismatch,
    check_nonstandard_wildcard,
    check_endpoints_missing,
    check_schedule_conflict,
]
"""Every registered check, in the order their flags are listed."""


def run_checks(context: CheckContext) -> list[Flag]:
    """Return the date grammar's findings and every registered check's flags.

    The configured severities apply to both, so a setting can lower missing_end as well.
    """
    flags: list[Flag] = list(context.extraction.findings)
    for check in CHECKS:
        flags.extend(check(context))
    for flag in flags:
        override = context.settings.severities.get(flag.code.value)
        if override is not None:
            flag.severity = override
    return flags
