"""Checks on the order of tiers: can customers test a change before production gets it?"""

from __future__ import annotations

from parsers.checks.context import CheckContext
from parsers.checks.windows import (
    Scope,
    dated_windows,
    describe_window,
    end_instant,
    flag_origin,
    has_non_production,
    has_production,
    shared_scope,
    start_instant,
    window_evidence,
    window_scope,
)
from parsers.models import Flag, FlagCode, Origin, Severity, Window


def check_production_first(context: CheckContext) -> list[Flag]:
    """Flag a production window that starts before a non-production window of its scope.

    The flag is raised only when no non-production window of that scope (data center and
    service) started since the previous production window of the scope, so that a published
    calendar where each quarter's sandbox precedes that quarter's production raises nothing.
    A window that mixes tiers counts as each of them.
    """
    flags: list[Flag] = []
    for origin in Origin:
        windows = _by_start(context, dated_windows(context.schedule.windows, origin))
        for production in (window for window in windows if has_production(window)):
            later = _untested_later(context, windows, production)
            if later:
                flags.append(_production_first_flag(context, origin, production, later))
    return flags


def check_no_test_window(context: CheckContext) -> list[Flag]:
    """Flag production and non-production changed in one window or less than the gap apart."""
    flags: list[Flag] = []
    gap = context.settings.min_test_gap
    profile = context.profile
    for origin in Origin:
        windows = _by_start(context, dated_windows(context.schedule.windows, origin))
        for window in windows:
            if has_production(window) and has_non_production(window):
                flags.append(_same_window_flag(context, origin, window))
        production = [item for item in windows if _is_pure_production(item)]
        others = [item for item in windows if _is_pure_non_production(item)]
        for prod in production:
            prod_start = start_instant(prod, profile)
            for other in others:
                if shared_scope(window_scope(prod, profile), window_scope(other, profile)) is None:
                    continue
                other_start = start_instant(other, profile)
                other_end = end_instant(other, profile)
                during = other_end is not None and other_start <= prod_start < other_end
                if abs(prod_start - other_start) < gap or during:
                    flags.append(_close_windows_flag(context, origin, prod, other))
    return flags


def _by_start(context: CheckContext, windows: list[Window]) -> list[Window]:
    return sorted(windows, key=lambda window: start_instant(window, context.profile))


def _is_pure_production(window: Window) -> bool:
    return has_production(window) and not has_non_production(window)


def _is_pure_non_production(window: Window) -> bool:
    return has_non_production(window) and not has_production(window)


def _untested_later(
    context: CheckContext, windows: list[Window], production: Window
) -> list[Window]:
    """Return the non-production windows after `production` whose scope had no test run."""
    profile = context.profile
    production_start = start_instant(production, profile)
    production_scope = window_scope(production, profile)
    later: list[Window] = []
    for candidate in windows:
        if candidate is production or not has_non_production(candidate):
            continue
        if start_instant(candidate, profile) <= production_start:
            continue
        scope = shared_scope(production_scope, window_scope(candidate, profile))
        if scope is not None and not _tested_before(context, windows, production, scope):
            later.append(candidate)
    return later


def _tested_before(
    context: CheckContext, windows: list[Window], production: Window, scope: Scope
) -> bool:
    """Return whether a non-production window of `scope` started since the last production one."""
    profile = context.profile
    production_start = start_instant(production, profile)
    earlier = [
        window for window in windows
        if window is not production
        and start_instant(window, profile) < production_start
        and shared_scope(window_scope(window, profile), scope) is not None
    ]
    for window in reversed(earlier):
        if has_non_production(window):
            return True
        if has_production(window):
            return False
    return False


def _production_first_flag(
    context: CheckContext, origin: Origin, production: Window, later: list[Window]
) -> Flag:
    profile = context.profile
    first = describe_window(production, profile)
    after = ", ".join(describe_window(window, profile) for window in later)
    tiers = sorted({tier.value for window in later for tier in window.environments
                    if tier.value != "production"})
    return Flag(
        code=FlagCode.PRODUCTION_FIRST,
        severity=Severity.WARNING,
        origin=flag_origin(origin),
        message=f"Production changes on {first}, before {', '.join(tiers)} on {after}, "
        "so customers cannot test the change first.",
        question=f"Can {', '.join(tiers)} change before production on {first}?",
        window_ids=[production.id, *(window.id for window in later)],
        hosts=sorted({host for window in (production, *later) for host in window.hosts}),
        evidence=window_evidence(production, *later),
    )


def _same_window_flag(context: CheckContext, origin: Origin, window: Window) -> Flag:
    when = describe_window(window, context.profile)
    tiers = ", ".join(tier.value for tier in window.environments)
    return Flag(
        code=FlagCode.NO_TEST_WINDOW,
        severity=Severity.WARNING,
        origin=flag_origin(origin),
        message=f"The window on {when} changes {tiers} together, so there is no time to test "
        "outside production first.",
        question=f"Can the non-production environments change before {when}?",
        window_ids=[window.id],
        hosts=list(window.hosts),
        evidence=window_evidence(window),
    )


def _close_windows_flag(
    context: CheckContext, origin: Origin, production: Window, other: Window
) -> Flag:
    profile = context.profile
    hours = context.settings.min_test_gap.total_seconds() / 3600
    prod_when = describe_window(production, profile)
    other_when = describe_window(other, profile)
    return Flag(
        code=FlagCode.NO_TEST_WINDOW,
        severity=Severity.WARNING,
        origin=flag_origin(origin),
        message=f"Production changes on {prod_when} and non-production on {other_when}, "
        f"less than {hours:g} hours apart, so there is no time to test in between.",
        question=f"Can non-production change at least {hours:g} hours before production?",
        window_ids=[production.id, other.id],
        hosts=sorted({*production.hosts, *other.hosts}),
        evidence=window_evidence(production, other),
    )
