"""Render a schedule as JSON, a plain-text table or Markdown."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from parsers.models import Schedule, Window


def render_schedule(schedule: Schedule, output_format: str, reader_zone: str | None = None) -> str:
    """Render one schedule in `output_format` ("json", "table" or "markdown")."""
    if output_format == "json":
        return json.dumps(schedule.to_json_dict(), indent=2, ensure_ascii=False)
    if output_format == "markdown":
        return _render_markdown(schedule, reader_zone)
    return _render_table(schedule, reader_zone)


def format_moment(value: datetime | date | None, zone: str | None) -> str:
    """Show an instant in `zone` with its abbreviation, or a date as is; "-" when absent."""
    if value is None:
        return "-"
    if not isinstance(value, datetime):
        return value.isoformat()
    if zone is None:
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    local = value.astimezone(ZoneInfo(zone))
    return local.strftime("%Y-%m-%d %H:%M %Z")


def describe_window_times(window: Window, reader_zone: str | None = None) -> list[str]:
    """Return the window's start and end in UTC, the notice's zone and the reader's zone."""
    zones: list[str | None] = [None]
    if window.timezone:
        zones.append(window.timezone)
    if reader_zone and reader_zone not in zones:
        zones.append(reader_zone)
    if window.start is None:
        return ["date not fixed yet"]
    if window.all_day:
        last = f" to {format_moment(window.end, None)}" if window.end else ""
        return [f"{format_moment(window.start, None)}{last} (all day)"]
    return [
        f"{format_moment(window.start, zone)} -> {format_moment(window.end, zone)}" for zone in zones
    ]


def _render_table(schedule: Schedule, reader_zone: str | None) -> str:
    notice = schedule.notice
    lines = [f"{notice.title or notice.source}", f"  vendor {notice.vendor} | source {notice.source}"]
    if notice.posted_at:
        lines.append(f"  posted {notice.posted_at.isoformat()}")
    if notice.deadline:
        lines.append(f"  act before {notice.deadline.isoformat()}")
    lines.append("")
    lines.append(f"Windows ({len(schedule.windows)})")
    for index, window in enumerate(schedule.windows, start=1):
        tiers = ", ".join(tier.value for tier in window.environments) or "no tier named"
        origin = "" if window.origin.value == "notice" else " [quoted in a reply]"
        lines.append(f"  {index}. {window.status.value}{origin}: {tiers}")
        lines.extend(f"     {text}" for text in describe_window_times(window, reader_zone))
        if window.regions or window.services:
            lines.append(f"     regions {', '.join(window.regions) or '-'}; services {', '.join(window.services) or '-'}")
        if window.hosts:
            lines.append(f"     hosts {', '.join(window.hosts)}")
    if schedule.hosts_excluded:
        lines.append(f"Not changing: {', '.join(schedule.hosts_excluded)}")
    if schedule.bundles:
        lines.append(f"Bundles ({len(schedule.bundles)})")
        for bundle in schedule.bundles:
            alias = f" (keytool alias {bundle.alias})" if bundle.alias else ""
            hosts = f" for {', '.join(bundle.hosts)}" if bundle.hosts else ""
            lines.append(f"  - {bundle.file}{alias}{hosts}")
    if schedule.flags:
        lines.append(f"Flags ({len(schedule.flags)})")
        for flag in schedule.flags:
            lines.append(f"  {flag.severity.value:7} {flag.code.value} [{flag.origin.value}]: {flag.message}")
            if flag.question:
                lines.append(f"          ask: {flag.question}")
            for evidence in flag.evidence[:3]:
                lines.append(f"          line {evidence.line}: {evidence.text[:100]}")
    return "\n".join(lines) + "\n"


def _render_markdown(schedule: Schedule, reader_zone: str | None) -> str:
    notice = schedule.notice
    lines = [f"# {notice.title or notice.source}", "", f"Vendor: {notice.vendor}; source: {notice.source}", ""]
    lines.append("| # | status | origin | tiers | when | hosts |")
    lines.append("|---|---|---|---|---|---|")
    for index, window in enumerate(schedule.windows, start=1):
        when = "<br>".join(describe_window_times(window, reader_zone))
        lines.append(
            f"| {index} | {window.status.value} | {window.origin.value} | "
            f"{', '.join(t.value for t in window.environments)} | {when} | {', '.join(window.hosts)} |"
        )
    if schedule.flags:
        lines.extend(["", "## Flags", ""])
        lines.extend(f"- **{flag.code.value}** ({flag.severity.value}, {flag.origin.value}): {flag.message}" for flag in schedule.flags)
    return "\n".join(lines) + "\n"
