"""Replies of the slash command's read-only subcommands, built as Block Kit messages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from bot.diff_render import render_diff
from bot.filters import WindowFilter
from bot.slack.blocks import Reply, cut_text, escape, slack_date
from bot.store import Store
from parsers.diff import compare_schedules
from parsers.hosts import Coverage, best_coverage
from parsers.models import Origin, Schedule, Status, Window

MAX_HOSTS_SHOWN = 12


@dataclass(frozen=True)
class AnswerContext:
    """The inputs of every reply: the store, the current time and the command's name."""

    store: Store
    now: datetime
    command: str


def window_has_ended(window: Window, now: datetime) -> bool:
    """Return True when the window's end (or its start, when it has no end) lies before `now`."""
    last = window.end or window.start
    if last is None:
        return False
    if isinstance(last, datetime):
        return last < now
    return last < now.astimezone(UTC).date()


def window_start_key(window: Window) -> datetime:
    """Return a sortable instant for the start; an all-day date counts from 00:00 UTC."""
    start = window.start
    if start is None:
        return datetime.max.replace(tzinfo=UTC)
    if isinstance(start, datetime):
        return start
    return datetime(start.year, start.month, start.day, tzinfo=UTC)


def describe_window(schedule: Schedule, window: Window, now: datetime, note: str = "") -> str:
    """Return one window as mrkdwn: notice title, times in the reader's zone, tiers and hosts."""
    when = slack_date(window.start)
    if window.end is not None and window.end != window.start:
        when += f" to {slack_date(window.end)}"
    elif window.start is not None and isinstance(window.start, datetime):
        when += " (no end given)"
    marks = []
    if window_has_ended(window, now):
        marks.append("past")
    if window.status is not Status.SCHEDULED:
        marks.append(window.status.value)
    if window.origin is Origin.COMMENT:
        marks.append("quoted in a reply, not the vendor's schedule")
    if note:
        marks.append(note)
    suffix = f" _({'; '.join(marks)})_" if marks else ""
    tiers = ", ".join(tier.value for tier in window.environments) or "no environment named"
    hosts = ", ".join(escape(host) for host in window.hosts[:MAX_HOSTS_SHOWN])
    if len(window.hosts) > MAX_HOSTS_SHOWN:
        hosts += f" and {len(window.hosts) - MAX_HOSTS_SHOWN} more"
    lines = [
        f"*{escape(notice_name(schedule))}*{suffix}",
        when,
        f"{tiers} · {hosts or 'no hosts named'}",
    ]
    return "\n".join(lines)


def notice_name(schedule: Schedule) -> str:
    """Return the notice's title, or its id when the page showed no title."""
    return schedule.notice.title or schedule.notice.id


def _schedules(context: AnswerContext) -> list[Schedule]:
    found = (context.store.latest(record.id) for record in context.store.notices())
    return [stored.schedule for stored in found if stored is not None]


def answer_next(context: AnswerContext, filters: WindowFilter) -> Reply:
    """List the notices' own windows that have not ended yet, soonest first."""
    upcoming = [
        (schedule, window)
        for schedule in _schedules(context)
        for window in schedule.windows
        if window.origin is Origin.NOTICE
        and window.status in (Status.SCHEDULED, Status.TENTATIVE)
        and not window_has_ended(window, context.now)
        and filters.matches(schedule, window)
    ]
    upcoming.sort(key=lambda pair: window_start_key(pair[1]))
    reply = Reply(text=f"{len(upcoming)} upcoming windows for {filters.describe()}")
    reply.add_header(f"Next windows ({filters.describe()})")
    if not upcoming:
        reply.add_context(f"No upcoming windows for {escape(filters.describe())}.")
    for schedule, window in upcoming:
        reply.add_item(describe_window(schedule, window, context.now))
    return reply


def find_schedule(context: AnswerContext, words: list[str]) -> Schedule | Reply:
    """Return the schedule that `words` names, or a reply that states why there is none.

    Without words the only tracked notice is taken; with several the reply lists them.
    """
    query = " ".join(words)
    if words:
        records = context.store.find_notices(query)
        stored = context.store.latest(records[0].id) if len(records) == 1 else None
        if stored is not None:
            return stored.schedule
        problem = (
            f"{len(records)} notices match `{escape(query)}`; give more words or the id."
            if records
            else f"No tracked notice matches `{escape(query)}`."
        )
        return _with_notice_list(context, problem)
    schedules = _schedules(context)
    if len(schedules) == 1:
        return schedules[0]
    return _with_notice_list(context, f"Name the notice, such as `{context.command} schedule ID`.")


def _with_notice_list(context: AnswerContext, problem: str) -> Reply:
    reply = answer_list(context)
    reply.text = problem.replace("`", "")
    reply.header.insert(0, _context_block(problem))
    return reply


def answer_schedule(context: AnswerContext, words: list[str]) -> Reply:
    """Show every window, the hosts not changing and the bundles of one notice."""
    found = find_schedule(context, words)
    if isinstance(found, Reply):
        return found
    schedule = found
    windows = sorted(
        schedule.windows, key=lambda item: (item.origin is Origin.COMMENT, window_start_key(item))
    )
    reply = Reply(text=f"{notice_name(schedule)}: {len(windows)} windows")
    reply.add_header(notice_name(schedule))
    reply.add_context(
        f"{escape(schedule.notice.vendor)} · <{schedule.notice.source}|source>"
        f" · id `{schedule.notice.id}`"
        if schedule.notice.source.startswith("http")
        else f"{escape(schedule.notice.vendor)} · id `{schedule.notice.id}`"
    )
    for window in windows:
        reply.add_item(describe_window(schedule, window, context.now))
    if schedule.hosts_excluded:
        reply.add_footer(
            _context_block(f"Not changing: {escape(', '.join(schedule.hosts_excluded))}")
        )
    if schedule.bundles:
        files = ", ".join(f"`{escape(bundle.file)}`" for bundle in schedule.bundles)
        reply.add_footer(_section_block(f"*Bundles to install:* {files}"))
    return reply


def answer_affects(context: AnswerContext, host: str) -> Reply:
    """List the windows whose hosts cover `host`, past ones marked, with the bundles to install."""
    reply = Reply(text=f"Windows that change {host}")
    reply.add_header(f"Windows that change {host}")
    bundles: list[str] = []
    count = 0
    for schedule in _schedules(context):
        covered = [(window, best_coverage(window.hosts, host)) for window in schedule.windows]
        matching = [(window, coverage) for window, coverage in covered if coverage is not None]
        matching.sort(
            key=lambda pair: (pair[0].origin is Origin.COMMENT, window_start_key(pair[0]))
        )
        for window, coverage in matching:
            note = (
                "possibly: the notice's host pattern is no certificate wildcard"
                if coverage[0] is Coverage.POSSIBLY
                else ""
            )
            reply.add_item(describe_window(schedule, window, context.now, note))
            count += 1
        if matching:
            bundles += [
                bundle.file
                for bundle in schedule.bundles
                if not bundle.hosts or best_coverage(bundle.hosts, host) is not None
            ]
    reply.text = f"{count} windows change {host}"
    if count == 0:
        reply.add_context(f"No tracked window covers `{escape(host)}`.")
    if bundles:
        files = ", ".join(f"`{escape(name)}`" for name in dict.fromkeys(bundles))
        reply.add_footer(_section_block(f"*Bundles to install:* {files}"))
    return reply


def answer_flags(context: AnswerContext, words: list[str]) -> Reply:
    """List a notice's flags with the question to ask the vendor."""
    found = find_schedule(context, words)
    if isinstance(found, Reply):
        return found
    schedule = found
    reply = Reply(text=f"{notice_name(schedule)}: {len(schedule.flags)} flags")
    reply.add_header(f"Flags: {notice_name(schedule)}")
    if not schedule.flags:
        reply.add_context("No flags raised.")
    for flag in schedule.flags:
        text = (
            f"*{flag.severity.value}* `{flag.code.value}` ({flag.origin.value}): "
            f"{escape(flag.message)}"
        )
        if flag.question:
            text += f"\nAsk the vendor: {escape(flag.question)}"
        reply.add_item(text)
    return reply


def change_report(store: Store, notice_id: str) -> str | None:
    """Return the text report of the newest version against the one before, if there are two."""
    versions = store.versions(notice_id)
    if len(versions) < 2:
        return None
    _, diff = compare_schedules(versions[-2].schedule, versions[-1].schedule)
    return render_diff(diff, "text")


def answer_diff(context: AnswerContext, words: list[str]) -> Reply:
    """Show the change report of the notice's newest version."""
    found = find_schedule(context, words)
    if isinstance(found, Reply):
        return found
    report = change_report(context.store, found.notice.id)
    reply = Reply(text=f"Last change of {notice_name(found)}")
    reply.add_header(f"Last change: {notice_name(found)}")
    if report is None:
        reply.add_context("Only one version is stored, so nothing changed yet.")
    else:
        reply.add_item(f"```{escape(report)}```")
    return reply


def answer_list(context: AnswerContext) -> Reply:
    """List the tracked notices with their newest version."""
    records = sorted(context.store.notices(), key=lambda item: item.updated_at, reverse=True)
    reply = Reply(text=f"{len(records)} tracked notices")
    reply.add_header("Tracked notices")
    if not records:
        reply.add_context("No notices stored yet; run `noticewatch run` or `noticewatch add`.")
    for record in records:
        reply.add_item(
            f"*{escape(record.title or record.id)}*\n{escape(record.vendor)}"
            f" · version {record.latest_version}"
            f" · stored {slack_date(record.updated_at)} · id `{record.id}`"
        )
    return reply


def _context_block(text: str) -> dict[str, object]:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text}]}


def _section_block(text: str) -> dict[str, object]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": cut_text(text)}}
