"""The check that compares the notice's own schedule with the schedule quoted in replies."""

from __future__ import annotations

from parsers.checks.context import CheckContext
from parsers.checks.windows import (
    dated_windows,
    describe_window,
    local_dates,
    window_evidence,
)
from parsers.hosts import covers
from parsers.models import Flag, FlagCode, FlagOrigin, Origin, Severity, Window


def check_schedule_conflict(context: CheckContext) -> list[Flag]:
    """Flag reply-quoted windows whose dates no related window of the notice has.

    A quoted window is related to a notice window when they share a host (exactly or through
    a wildcard) or a tier. Quoted windows with neither are left alone, because a reply may
    quote dates of some other change.
    """
    notice_windows = dated_windows(context.schedule.windows, Origin.NOTICE)
    quoted = dated_windows(context.schedule.windows, Origin.COMMENT)
    if not notice_windows or not quoted:
        return []
    conflicting: list[Window] = []
    related_notice: dict[str, Window] = {}
    for window in quoted:
        related = [item for item in notice_windows if _related(window, item)]
        if not related:
            continue
        days = set(local_dates(window, context.profile))
        if any(days & set(local_dates(item, context.profile)) for item in related):
            continue
        conflicting.append(window)
        related_notice.update((item.id, item) for item in related)
    if not conflicting:
        return []
    notice_side = list(related_notice.values())
    quoted_dates = ", ".join(describe_window(window, context.profile) for window in conflicting)
    notice_dates = ", ".join(describe_window(window, context.profile) for window in notice_side)
    return [Flag(
        code=FlagCode.SCHEDULE_CONFLICT,
        severity=Severity.WARNING,
        origin=FlagOrigin.BOTH,
        message=f"Replies quote windows on {quoted_dates} that the notice does not have; "
        f"the notice schedules the same hosts or environments on {notice_dates}.",
        question=f"Do the dates quoted in the replies ({quoted_dates}) still apply, or only "
        f"{notice_dates}?",
        window_ids=[window.id for window in (*notice_side, *conflicting)],
        hosts=sorted({host for window in conflicting for host in window.hosts}),
        evidence=window_evidence(*notice_side, *conflicting),
    )]


def _related(quoted: Window, notice: Window) -> bool:
    if set(quoted.environments) & set(notice.environments):
        return True
    return any(
        covers(first, second) is not None or covers(second, first) is not None
        for first in quoted.hosts for second in notice.hosts
    )
