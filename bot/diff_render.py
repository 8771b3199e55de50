"""Render a schedule diff as plain text, Markdown or JSON.

Reports stay short when little changed: empty sections are left out, and a diff that changes
only wording, replies or flags starts with "no schedule change".
"""

from __future__ import annotations

import json
import re

from bot.render import format_moment
from parsers.diff import FlagKey, ScheduleDiff, WindowChange, WindowsDiff, WindowSummary

NO_SCHEDULE_CHANGE = "no schedule change"
DIFF_FORMATS = ("text", "markdown", "json")


def render_diff(diff: ScheduleDiff, output_format: str, reader_zone: str | None = None) -> str:
    """Render a diff in `output_format` ("text", "markdown" or "json")."""
    if output_format == "json":
        return json.dumps(diff.to_json_dict(), indent=2, ensure_ascii=False) + "\n"
    markdown = output_format == "markdown"
    text = "\n".join(_report_lines(diff, reader_zone, markdown))
    return re.sub(r"\n{3,}", "\n\n", text) + "\n"


def describe_times(window: WindowSummary, reader_zone: str | None = None) -> str:
    """Show a window's start and end in UTC, then in the notice's and the reader's zone."""
    if window.start is None:
        return "date not fixed yet"
    if window.all_day:
        last = f" to {format_moment(window.end, None)}" if window.end else ""
        return f"{format_moment(window.start, None)}{last} (all day)"
    zones: list[str | None] = [None]
    for zone in (window.timezone, reader_zone):
        if zone and zone not in zones:
            zones.append(zone)
    end_text = "no end"
    parts = []
    for zone in zones:
        end = format_moment(window.end, zone) if window.end is not None else end_text
        parts.append(f"{format_moment(window.start, zone)} -> {end}")
    return " | ".join(parts)


def _coverage(window: WindowSummary) -> str:
    tiers = ", ".join(tier.value for tier in window.environments) or "no tier named"
    hosts = f"; hosts {', '.join(window.hosts)}" if window.hosts else ""
    return f"{tiers}{hosts}"


def _heading(text: str, markdown: bool) -> str:
    return f"\n### {text}\n" if markdown else f"{text}:"


def _item(text: str, markdown: bool, depth: int = 0) -> str:
    indent = "  " * depth
    return f"{indent}- {text}" if markdown else f"  {indent}{text}"


def _listing(label: str, values: list[str]) -> str:
    return f"{label}: {', '.join(values)}"


def _change_lines(change: WindowChange, reader_zone: str | None, markdown: bool) -> list[str]:
    lines = [_item(f"window {change.id} ({_coverage(change.new)})", markdown)]
    details: list[str] = []
    if change.redated:
        details.append(f"was {describe_times(change.old, reader_zone)}")
        details.append(f"now {describe_times(change.new, reader_zone)}")
    if change.old.status != change.new.status:
        details.append(f"status {change.old.status.value} -> {change.new.status.value}")
    for label, values in (
        ("hosts added", change.hosts_added),
        ("hosts removed", change.hosts_removed),
        ("environments added", [tier.value for tier in change.environments_added]),
        ("environments removed", [tier.value for tier in change.environments_removed]),
        ("regions added", change.regions_added),
        ("regions removed", change.regions_removed),
    ):
        if values:
            details.append(_listing(label, values))
    lines.extend(_item(detail, markdown, 1) for detail in details)
    return lines


def _window_line(window: WindowSummary, reader_zone: str | None, markdown: bool) -> str:
    return _item(
        f"window {window.id}: {describe_times(window, reader_zone)} ({_coverage(window)})", markdown
    )


def _windows_lines(section: WindowsDiff, reader_zone: str | None, markdown: bool) -> list[str]:
    lines: list[str] = []
    if section.changed:
        redated = len(section.redated)
        heading = f"Changed windows ({len(section.changed)}, {redated} re-dated)"
        lines.append(_heading(heading, markdown))
        for change in section.changed:
            lines.extend(_change_lines(change, reader_zone, markdown))
    if section.removed:
        lines.append(_heading(f"Removed windows ({len(section.removed)})", markdown))
        lines.extend(_window_line(window, reader_zone, markdown) for window in section.removed)
    if section.added:
        lines.append(_heading(f"Added windows ({len(section.added)})", markdown))
        lines.extend(_window_line(window, reader_zone, markdown) for window in section.added)
    if section.merged:
        lines.append(_heading("Merged windows", markdown))
        for merged in section.merged:
            lines.extend(
                _item(
                    f"window {window.id} ({describe_times(window, reader_zone)}; "
                    f"{_coverage(window)}) merged into {merged.into}",
                    markdown,
                )
                for window in merged.windows
            )
    return lines


def _start_dates(windows: list[WindowSummary]) -> str:
    dates = [format_moment(window.start, None)[:10] for window in windows]
    return f" ({', '.join(dates)})" if dates else ""


def _comment_summary(section: WindowsDiff) -> str:
    """Summarize reply-quoted window changes in one sentence: counts and start dates."""
    parts = []
    if section.added:
        parts.append(f"{len(section.added)} added{_start_dates(section.added)}")
    if section.removed:
        parts.append(f"{len(section.removed)} removed{_start_dates(section.removed)}")
    if section.changed:
        changed = [change.new for change in section.changed]
        parts.append(f"{len(section.changed)} changed{_start_dates(changed)}")
    merged = sum(len(item.window_ids) for item in section.merged)
    if merged:
        parts.append(f"{merged} merged")
    return f"Windows quoted in replies: {'; '.join(parts)}."


def _flags_line(label: str, flags: list[FlagKey]) -> str:
    """List flags by code and origin; the messages stay in the JSON form and the schedule."""
    keys = [f"{flag.code.value} [{flag.origin.value}]" for flag in flags]
    return f"{label}: {', '.join(keys)}"


def _overall_lines(diff: ScheduleDiff, markdown: bool) -> list[str]:
    pairs: list[tuple[str, list[str]]] = [
        ("Hosts no longer in any window", diff.hosts_removed),
        ("Hosts newly in a window", diff.hosts_added),
        ("Environments no longer changed", [tier.value for tier in diff.environments_removed]),
        ("Environments newly changed", [tier.value for tier in diff.environments_added]),
        ("Hosts newly named as not changing", diff.hosts_excluded_added),
        ("Hosts no longer named as not changing", diff.hosts_excluded_removed),
        ("Bundles added", diff.bundles_added),
        ("Bundles removed", diff.bundles_removed),
    ]
    lines = [_item(_listing(label, values), markdown) for label, values in pairs if values]
    if diff.deadline is not None:
        old = format_moment(diff.deadline.old, None)
        new = format_moment(diff.deadline.new, None)
        lines.append(_item(f"Deadline moved: {old} -> {new}", markdown))
    return lines


def _report_lines(diff: ScheduleDiff, reader_zone: str | None, markdown: bool) -> list[str]:
    title = diff.title or diff.notice_id
    first = f"## Changes to {title}" if markdown else f"Changes to {title} ({diff.notice_id})"
    lines = [first]
    if not diff.has_schedule_change:
        lines.append(f"{NO_SCHEDULE_CHANGE}: only the wording, replies or flags changed.")
    lines.extend(_windows_lines(diff.windows, reader_zone, markdown))
    overall = _overall_lines(diff, markdown)
    if overall:
        lines.append(_heading("Overall", markdown))
        lines.extend(overall)
    flag_lines = [
        _item(_flags_line(label, flags), markdown)
        for label, flags in (("Raised", diff.flags_raised), ("Resolved", diff.flags_resolved))
        if flags
    ]
    if flag_lines:
        lines.append(_heading("Flags", markdown))
        lines.extend(flag_lines)
    if not diff.comment_windows.is_empty:
        lines.append("\n" + _comment_summary(diff.comment_windows) if markdown else
                     _comment_summary(diff.comment_windows))
    return lines

