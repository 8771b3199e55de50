"""Checks on which endpoints each window changes: repeats, wildcard overlaps, empty lists."""

from __future__ import annotations

from parsers.checks.context import CheckContext
from parsers.checks.windows import (
    dated_windows,
    describe_window,
    flag_origin,
    start_instant,
    window_evidence,
)
from parsers.hosts import Coverage, covers, is_certificate_wildcard
from parsers.models import Flag, FlagCode, Origin, Severity, Status, Window


def check_endpoint_in_multiple_windows(context: CheckContext) -> list[Flag]:
    """Flag hosts listed in two or more windows of one origin that start at different times."""
    flags: list[Flag] = []
    for origin in Origin:
        windows = dated_windows(context.schedule.windows, origin)
        hosts_by_windows: dict[tuple[str, ...], list[str]] = {}
        for host in sorted({host for window in windows for host in window.hosts}):
            holding = [window for window in windows if host in window.hosts]
            starts = {start_instant(window, context.profile) for window in holding}
            if len(starts) > 1:
                key = tuple(window.id for window in holding)
                hosts_by_windows.setdefault(key, []).append(host)
        for window_ids, hosts in hosts_by_windows.items():
            holding = [window for window in windows if window.id in window_ids]
            flags.append(_repeated_host_flag(context, origin, holding, hosts))
    return flags


def check_wildcard_overlap(context: CheckContext) -> list[Flag]:
    """Flag a certificate wildcard in one window that covers a host scheduled at another time.

    A wildcard covers exactly one label: `*.zuora.com` covers `rest.zuora.com`, but neither
    `soap.eu.zuora.com` nor the bare `zuora.com`.
    """
    flags: list[Flag] = []
    profile = context.profile
    for origin in Origin:
        windows = dated_windows(context.schedule.windows, origin)
        for wide in windows:
            wildcards = [host for host in wide.hosts if is_certificate_wildcard(host)]
            for other in windows:
                if start_instant(other, profile) == start_instant(wide, profile):
                    continue
                pairs = [
                    (wildcard, host) for wildcard in wildcards for host in other.hosts
                    if covers(wildcard, host) is Coverage.WILDCARD
                ]
                if pairs:
                    flags.append(_overlap_flag(context, origin, wide, other, pairs))
    return flags


def check_endpoints_missing(context: CheckContext) -> list[Flag]:
    """Flag host lists that came through empty and windows that name no host and no tier."""
    flags: list[Flag] = []
    for heading in context.extraction.empty_lists:
        origin = Origin.NOTICE if context.document.is_notice_line(heading.line) else Origin.COMMENT
        quoted = _shorten(heading.text)
        flags.append(Flag(
            code=FlagCode.ENDPOINTS_MISSING,
            severity=Severity.ERROR,
            origin=flag_origin(origin),
            message=f"The list under \"{quoted}\" (line {heading.line}) is empty; its "
            "entries were lost, so the endpoints it names are unknown.",
            question=f"Which endpoints does the list under \"{quoted}\" name?",
            evidence=[heading],
        ))
    # A change without a date yet is left to date_tbd: its scope is often announced later too.
    for window in context.schedule.windows:
        if window.start is None or window.status in (Status.COMPLETED, Status.CANCELLED):
            continue
        if window.hosts or window.environments:
            continue
        when = describe_window(window, context.profile)
        flags.append(Flag(
            code=FlagCode.ENDPOINTS_MISSING,
            severity=Severity.ERROR,
            origin=flag_origin(window.origin),
            message=f"The window on {when} names no host and no environment.",
            question=f"Which hosts or environments change on {when}?",
            window_ids=[window.id],
            evidence=window_evidence(window),
        ))
    return flags


def _repeated_host_flag(
    context: CheckContext, origin: Origin, windows: list[Window], hosts: list[str]
) -> Flag:
    whens = ", ".join(describe_window(window, context.profile) for window in windows)
    names = ", ".join(hosts)
    verb = "is" if len(hosts) == 1 else "are"
    return Flag(
        code=FlagCode.ENDPOINT_IN_MULTIPLE_WINDOWS,
        severity=Severity.WARNING,
        origin=flag_origin(origin),
        message=f"{names} {verb} scheduled in {len(windows)} windows: {whens}.",
        question=f"On which date does {names} change: {whens}?",
        window_ids=[window.id for window in windows],
        hosts=hosts,
        evidence=window_evidence(*windows),
    )


def _overlap_flag(
    context: CheckContext,
    origin: Origin,
    wide: Window,
    other: Window,
    pairs: list[tuple[str, str]],
) -> Flag:
    wide_when = describe_window(wide, context.profile)
    other_when = describe_window(other, context.profile)
    wildcards = ", ".join(sorted({wildcard for wildcard, _ in pairs}))
    hosts = [host for _, host in pairs]
    return Flag(
        code=FlagCode.WILDCARD_OVERLAP,
        severity=Severity.WARNING,
        origin=flag_origin(origin),
        message=f"{wildcards} in the window on {wide_when} covers {', '.join(hosts)}, which "
        f"the window on {other_when} schedules.",
        question=f"{'Does' if len(hosts) == 1 else 'Do'} {', '.join(hosts)} change on "
        f"{other_when} or with {wildcards} on {wide_when}?",
        window_ids=[wide.id, other.id],
        hosts=sorted({*(wildcard for wildcard, _ in pairs), *hosts}),
        evidence=window_evidence(wide, other),
    )


def _shorten(text: str, limit: int = 60) -> str:
    """Return `text` cut at a word boundary to at most `limit` characters, marked with "..."."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " ..."
