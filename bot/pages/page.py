"""The HTML page of one notice: timeline, windows, flags, hosts, bundles and version history.

Every value taken from a notice is escaped with `html.escape`; a notice is untrusted input.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from html import escape
from urllib.parse import urlsplit

from bot.pages.holiday_calendar import HolidayCalendar
from bot.pages.html_shell import render_html_document
from bot.pages.timeline import render_timeline, timeline_axis
from bot.render import format_moment
from parsers.models import Flag, Origin, Schedule, Window


@dataclass(frozen=True)
class VersionEntry:
    """One stored version of a notice, with what changed since the version before it."""

    number: int
    """1 for the first version stored."""
    recorded_at: datetime
    fingerprint: str
    changes: Sequence[str] = ()
    """Lines of the diff against the version before, shown as written; empty for the first."""
    url: str | None = None
    """Link to the version's own page; None in report files."""


@dataclass(frozen=True)
class PageOptions:
    """How to render a page."""

    now: datetime
    calendar: HolidayCalendar = field(default_factory=HolidayCalendar)
    display_timezone: str | None = None
    """An extra zone shown beside UTC and the notice's zone."""
    embed_policy: bool = False
    """Add the CSP as a `<meta>` element, for report files opened without a server."""
    index_url: str | None = None
    """Link back to the list of notices; None in report files."""


def render_notice_page(
    schedule: Schedule,
    options: PageOptions,
    history: Sequence[VersionEntry] = (),
    *,
    shown_version: int | None = None,
) -> str:
    """Render the full HTML page of a notice version; `shown_version` marks an older version."""
    notice = schedule.notice
    title = notice.title or notice.source
    sections = [
        _render_header(schedule, options, shown_version),
        _section("timeline", "Timeline", _render_timeline_section(schedule, options)),
        _section("windows", "Windows", _render_windows(schedule, options)),
        _section("flags", f"Flags ({len(schedule.flags)})", _render_flags(schedule.flags)),
        _section("hosts", "Hosts", _render_hosts(schedule)),
        _section("bundles", f"Bundles ({len(schedule.bundles)})", _render_bundles(schedule)),
        _section("versions", "Versions", _render_history(history, shown_version)),
    ]
    return render_html_document(title, "\n".join(sections), embed_policy=options.embed_policy)


def _section(anchor: str, heading: str, content: str) -> str:
    return f'<section id="{anchor}">\n<h2>{escape(heading)}</h2>\n{content}\n</section>'


def _render_header(schedule: Schedule, options: PageOptions, shown_version: int | None) -> str:
    notice = schedule.notice
    lines = []
    if options.index_url:
        lines.append(f'<nav><a href="{escape(options.index_url)}">All notices</a></nav>')
    lines.append(f"<h1>{escape(notice.title or notice.source)}</h1>")
    source = _render_source(notice.source)
    lines.append(
        f'<p class="meta">Vendor {escape(notice.vendor)} · source {source} · '
        f"id <code>{escape(notice.id)}</code></p>"
    )
    if shown_version is not None:
        lines.append(
            f'<p class="meta"><strong>Showing stored version {shown_version}.</strong></p>'
        )
    if notice.posted_at:
        lines.append(f'<p class="meta">Posted {_render_moment(notice.posted_at)}</p>')
    if notice.deadline:
        lines.append(f"<p><strong>Act before {_render_moment(notice.deadline)}</strong></p>")
    lines.append(
        f'<p class="meta">Times below: UTC, the notice\'s zone, and your zone '
        f"(<span data-local-zone>shown when JavaScript is on</span>). "
        f"Page made {escape(format_moment(options.now, None))}.</p>"
    )
    return "\n".join(lines)


def _render_source(source: str) -> str:
    """Link the source only when it is an http(s) URL, so a notice cannot inject another scheme."""
    if urlsplit(source).scheme in {"http", "https"}:
        return f'<a href="{escape(source)}" rel="noopener noreferrer nofollow">{escape(source)}</a>'
    return f"<code>{escape(source)}</code>"


def _render_moment(value: datetime | date) -> str:
    """Show a date, or an instant in UTC with a slot for the reader's local time."""
    if not isinstance(value, datetime):
        return f'<time datetime="{value.isoformat()}">{value.isoformat()}</time>'
    utc = value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        f'<time datetime="{utc}">{escape(format_moment(value, None))}</time> '
        f'(<span data-local-time="{utc}">local time needs JavaScript</span>)'
    )


def _render_timeline_section(schedule: Schedule, options: PageOptions) -> str:
    svg = render_timeline(schedule, now=options.now, calendar=options.calendar)
    return f'<div class="scroll">{svg}</div>\n{_render_legend(schedule, options)}'


def _render_legend(schedule: Schedule, options: PageOptions) -> str:
    """Describe the drawing in words and list the public holidays the chart shades."""
    axis = timeline_axis(schedule, options.now)
    zone = axis.zone
    regions = sorted({region for window in schedule.windows for region in window.regions})
    default_countries = options.calendar.countries_for(None)
    holiday_lines: list[str] = []
    for region in [None, *regions]:
        if region is not None and options.calendar.countries_for(region) == default_countries:
            continue
        found = options.calendar.holidays_between(region, axis.first_day, axis.last_day)
        for day, names in sorted(found.items()):
            where = f" in region {region}" if region else ""
            line = f"{day.isoformat()} {day.strftime('%A')}: {', '.join(names)}{where}"
            holiday_lines.append(f"<li>{escape(line)}</li>")
    holidays = (
        f"<ul>{''.join(holiday_lines)}</ul>"
        if holiday_lines
        else "<p>No public holidays in this range.</p>"
    )
    return (
        f'<p class="muted">Days in {escape(zone.key)}. Solid bars: the notice\'s own windows. '
        "Hatched bars: windows quoted in readers' replies. A bar ending in an arrow has no end "
        "time. Grey columns: weekends. Yellow: public holidays (an exclamation mark on a bar: it "
        "starts on one). Red line: now. Dotted line: the action deadline.</p>\n"
        f"<p>Public holidays shown:</p>{holidays}"
    )


def _render_windows(schedule: Schedule, options: PageOptions) -> str:
    if not schedule.windows:
        return "<p>No windows found in this notice.</p>"
    head = (
        "<thead><tr><th>#</th><th>Status</th><th>Environments</th><th>Start</th><th>End</th>"
        "<th>Hosts</th></tr></thead>"
    )
    rows = [
        _render_window_row(index, window, options)
        for index, window in enumerate(schedule.windows, start=1)
    ]
    table = f'<table class="windows">{head}<tbody>{"".join(rows)}</tbody></table>'
    return f'<div class="table-wrap">{table}</div>'


def _render_window_row(index: int, window: Window, options: PageOptions) -> str:
    origin = (
        '<span class="badge">notice</span>'
        if window.origin is Origin.NOTICE
        else '<span class="badge comment">quoted in a reply</span>'
    )
    tiers = ", ".join(tier.value for tier in window.environments) or "not named"
    if window.regions:
        tiers += f" · {', '.join(window.regions)}"
    hosts = ", ".join(f"<code>{escape(host)}</code>" for host in window.hosts) or "-"
    return (
        f'<tr data-window-id="{escape(window.id)}"><td data-label="#">{index}</td>'
        f'<td data-label="Status">{escape(window.status.value)} {origin}</td>'
        f'<td data-label="Environments">{escape(tiers)}</td>'
        f'<td data-label="Start">{_render_window_time(window, window.start, options)}</td>'
        f'<td data-label="End">{_render_window_time(window, window.end, options, is_end=True)}</td>'
        f'<td data-label="Hosts">{hosts}</td></tr>'
    )


def _render_window_time(
    window: Window, value: datetime | date | None, options: PageOptions, *, is_end: bool = False
) -> str:
    """Show a window bound in UTC, the notice's zone, the configured zone and the reader's zone."""
    if value is None:
        return "no end given" if is_end else "date not fixed yet"
    if not isinstance(value, datetime):
        return f'<time datetime="{value.isoformat()}">{value.isoformat()}</time> (all day)'
    lines = [_render_moment(value)]
    zones = [window.timezone, options.display_timezone]
    for zone in dict.fromkeys(zone for zone in zones if zone):
        lines.append(escape(format_moment(value, zone)))
    return "<br>".join(lines)


def _render_flags(flags: Sequence[Flag]) -> str:
    if not flags:
        return "<p>No flags raised.</p>"
    items = []
    for flag in flags:
        severity = escape(flag.severity.value)
        code = escape(flag.code.value)
        question = f"<p>Ask the vendor: {escape(flag.question)}</p>" if flag.question else ""
        evidence = "".join(
            f"<li>line {item.line}: <q>{escape(item.text)}</q></li>" for item in flag.evidence
        )
        evidence_list = f'<ul class="evidence">{evidence}</ul>' if evidence else ""
        items.append(
            f'<div class="flag {severity}" data-code="{code}">'
            f"<strong>{severity}</strong> <code>{code}</code> "
            f'<span class="badge">{escape(flag.origin.value)}</span>'
            f"<p>{escape(flag.message)}</p>{question}{evidence_list}</div>"
        )
    return "\n".join(items)


def _render_hosts(schedule: Schedule) -> str:
    changing: dict[str, list[str]] = {}
    for window in schedule.windows:
        for host in window.hosts:
            origins = changing.setdefault(host, [])
            if window.origin.value not in origins:
                origins.append(window.origin.value)
    rows = "".join(
        f'<li><code>{escape(host)}</code> <span class="muted">({", ".join(origins)})</span></li>'
        for host, origins in sorted(changing.items())
    )
    parts = [f"<ul>{rows}</ul>" if rows else "<p>No hosts named.</p>"]
    if schedule.hosts_excluded:
        excluded = ", ".join(f"<code>{escape(host)}</code>" for host in schedule.hosts_excluded)
        parts.append(f"<p>Named as not changing: {excluded}</p>")
    return "\n".join(parts)


def _render_bundles(schedule: Schedule) -> str:
    if not schedule.bundles:
        return "<p>No certificate files named.</p>"
    items = []
    for bundle in schedule.bundles:
        alias = f" (keytool alias <code>{escape(bundle.alias)}</code>)" if bundle.alias else ""
        hosts = ", ".join(f"<code>{escape(host)}</code>" for host in bundle.hosts)
        hosts_text = f" for {hosts}" if hosts else ""
        items.append(f"<li><code>{escape(bundle.file)}</code>{alias}{hosts_text}</li>")
    return f"<ul>{''.join(items)}</ul>"


def _render_history(history: Sequence[VersionEntry], shown_version: int | None) -> str:
    if not history:
        return "<p>No stored versions: this page was made from a file.</p>"
    items = []
    for entry in sorted(history, key=lambda item: item.number, reverse=True):
        name = f"Version {entry.number}"
        if entry.url:
            name = f'<a href="{escape(entry.url)}">{name}</a>'
        current = " <strong>(shown)</strong>" if entry.number == shown_version else ""
        if entry.changes:
            change_text = "\n".join(entry.changes)
            change_list = f'<pre class="changes">{escape(change_text)}</pre>'
        else:
            change_list = '<p class="muted">First version stored.</p>'
        items.append(
            f'<li data-version="{entry.number}">{name}{current}, '
            f"stored {_render_moment(entry.recorded_at)}, "
            f"fingerprint <code>{escape(entry.fingerprint[:12])}</code>{change_list}</li>"
        )
    return f"<ol reversed>{''.join(items)}</ol>"
