"""Extract windows, hosts, bundles and the deadline from a loaded document.

Lines are read in passes: timed window lines and schedule templates first, then dated list
items, then dated sentences. A later date that repeats the day of a window already found is
evidence for that window, not a new one ("Monday 9/3 is a holiday" in a reply).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from parsers.bundles import find_bundles
from parsers.coverage import Coverage, coverage_of_lines, hosts_fallback
from parsers.dates import DateMention, LineScan, TimeRange, ZoneMention, read_time_range, scan_line
from parsers.document import Document
from parsers.extraction import Extraction
from parsers.findings import Findings
from parsers.hostnames import find_hosts
from parsers.mentions import empty_lists, host_mentions
from parsers.models import Evidence, FlagCode, Origin, Status, Window
from parsers.profiles import Profile
from parsers.reconcile import apply_updates, merge_repeats, merge_restatements
from parsers.timezones import zone
from parsers.windowtimes import WindowTimes, build_timed, check_conversion, shift_to_day
from parsers.years import ResolvedDate, YearContext

_STAMP_RE = re.compile(r"^\s*(?:posted|edited|updated by|last updated)\b", re.IGNORECASE)
_ARTICLE_STAMP_RE = re.compile(
    r"^\s*(?:\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2})[ T]+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?\s*$",
    re.IGNORECASE,
)
"""A line holding only a date and a time: a post or reply stamp, never a window."""
_SAME_TIME_RE = re.compile(r"\bsame (?:time|hours|window)\b", re.IGNORECASE)
_DEADLINE_RE = re.compile(
    r"(?:prior to|before|no later than|\bby|deadline(?: is)?:?)\s+(?:the\s+)?$", re.IGNORECASE
)
_EXPIRY_RE = re.compile(r"expir|valid until|not after", re.IGNORECASE)
_PAST_RE = re.compile(
    r"carried out|took place|was (?:performed|completed|done|applied)|were (?:performed|completed)|"
    r"has been completed|completed (?:on|successfully)|without (?:any )?impact|last week",
    re.IGNORECASE,
)
_TBD_RE = re.compile(
    r"\bTBD\b|\bTBA\b|to be (?:determined|announced|confirmed)|\bcomes soon\b|\bsoon\b.*\bdate\b",
    re.IGNORECASE,
)
_MONTH_ONLY_RE = re.compile(
    r"\b(?:in|during|by)\s+(?:early\s+|mid[- ]|late\s+)?(January|February|March|April|May|June|July|"
    r"August|September|October|November|December)\s+(\d{4})\b"
)
_REVISED_RE = re.compile(
    r"\[\s*updated?\b[^\]]*\]|\bchanges are marked\b|\brescheduled\b|\bpostponed\b|"
    r"\b(?:has|have) been (?:moved|changed|rescheduled)\b|\bmove[sd] to\b|\bnew date\b|"
    r"^\s*updated?\s*:",
    re.IGNORECASE,
)
_TENTATIVE_RE = re.compile(
    r"\bsets? aside\b|\breserve[sd]?\b.*\bdates?\b|\btentative(?:ly)?\b|\bsubject to change\b",
    re.IGNORECASE,
)
_CANCELLED_RE = re.compile(r"\bcancel(?:l)?ed\b", re.IGNORECASE)
_FUTURE_RE = re.compile(r"\bwill\b|\bscheduled\b|\bplanned\b|\boccurs?\b|\btakes? place\b", re.IGNORECASE)
_CONVERSION_RE = re.compile(r"\((?=[^()]*\b(?:UTC|GMT)\b)(?=[^()]*\d)[^()]*\)")
_BULLET_RE = re.compile(r"^\s*(?:[•*\-–]|\d{1,2}[.)])\s+")
_LABEL_BEFORE_RE = re.compile(r"^[\w\s/&()+,.-]{0,40}[:\-–]\s*$")
_HEADING_END_RE = re.compile(r":\s*$")
_CONTINUATION_END_RE = re.compile(
    r"(?:,|\b(?:and|or|to|from|between|on|at|until|through|the|for|of|in|by|with))$", re.IGNORECASE
)
_MAX_JOINED_LINES = 4


@dataclass
class _Line:
    number: int
    text: str
    scan: LineScan
    conversions: list[str]
    origin: Origin
    section: int
    used: bool = False
    full_text: str = ""
    """The whole loaded line, when `text` is one segment of it ("Sandbox: ...; Production: ...")."""
    default_zone: ZoneMention | None = None
    """The zone a table header gives its rows ("Time (UTC)")."""
    last_number: int = 0
    """The last document line of a statement that a hard wrap split over several lines."""

    @property
    def numbers(self) -> list[int]:
        return list(range(self.number, max(self.number, self.last_number) + 1))


@dataclass
class _Template:
    """A dateless time range ("EU Production Cloud: 4PM - 6PM PT") applied to listed dates."""

    line: _Line
    times: TimeRange
    coverage: Coverage
    heading: Coverage


@dataclass
class _State:
    document: Document
    profile: Profile
    years: YearContext
    findings: Findings
    windows: list[Window] = field(default_factory=list)
    window_lines: dict[str, list[int]] = field(default_factory=dict)
    deadline: datetime | date | None = None
    tentative_notice: bool = False
    revised_lines: set[int] = field(default_factory=set)
    assumed_zone: set[str] = field(default_factory=set)
    """Windows whose zone was assumed because the line named none."""


def extract(document: Document, profile: Profile) -> Extraction:
    """Read every fact the schedule needs from a document."""
    posted = document.posted_at
    posted_day = posted.date() if isinstance(posted, datetime) else posted
    state = _State(document, profile, YearContext(document.source, posted_day), Findings())
    # A structured loader (iCalendar) states every window itself, so reading dates from the
    # text it rendered would list each window twice.
    lines = [] if document.extra_windows else _scan_lines(document, state)

    _read_deadline_and_markers(lines, state)
    templates = _read_templates(lines, state)
    _read_timed_windows(lines, state)
    if templates:
        _apply_templates(templates, lines, state)
    _read_same_time_updates(lines, state)
    _read_dated_items(lines, state, strong=True)
    _read_dated_items(lines, state, strong=False)
    _read_undated_change(lines, state)
    _read_title(lines, state)
    state.windows = merge_repeats(state.windows, state.findings)
    state.windows = merge_restatements(state.windows, state.findings, state.assumed_zone)
    state.windows = apply_updates(state.windows, state.findings, state.revised_lines)
    hosts_fallback(state.windows, document, profile, lines_used=state.window_lines)

    found = Extraction(windows=state.windows, deadline=state.deadline)
    found.bundles = find_bundles(document)
    window_lines = {number for numbers in state.window_lines.values() for number in numbers}
    found.host_mentions, found.hosts_excluded = host_mentions(document, window_lines)
    found.empty_lists = empty_lists(document)
    found.windows.extend(document.extra_windows)
    found.findings = state.findings.flags()
    return found


def _logical_lines(document: Document, chrome: set[str]) -> list[tuple[int, int, str]]:
    """Join lines that a hard wrap split mid-sentence; return (first, last, text) per line.

    E-mails wrap at about 72 characters, so "on Thursday, May 23, 2024 between 10:00 PM and" and
    "11:30 PM ET." are one statement. A line ending with a comma or a linking word continues
    on the next line, and so does a line followed by one that starts in lower case. List
    items, table rows, the title and stamps are never joined.
    """
    joined: list[tuple[int, int, str]] = []
    number = 1
    total = len(document.lines)
    while number <= total:
        text = document.lines[number - 1].strip()
        last = number
        if text and text.lower() not in chrome and number != document.title_line:
            while last < total and last - number < _MAX_JOINED_LINES - 1:
                following = document.lines[last].strip()
                if not _continues(text, following, chrome) or document.section_index(last + 1) != document.section_index(number):
                    break
                text = f"{text} {following}"
                last += 1
        joined.append((number, last, text))
        number = last + 1
    return joined


def _continues(text: str, following: str, chrome: set[str]) -> bool:
    if not following or following.lower() in chrome or "|" in text or "|" in following:
        return False
    if _BULLET_RE.match(following) or _STAMP_RE.match(following) or _ARTICLE_STAMP_RE.match(following):
        return False
    if text.endswith((".", "!", "?", ":", ";")):
        return False
    return bool(_CONTINUATION_END_RE.search(text)) or following[0].islower()


def _scan_lines(document: Document, state: _State) -> list[_Line]:
    lines: list[_Line] = []
    chrome = {entry.lower() for entry in state.profile.chrome}
    table_zone: ZoneMention | None = None
    for number, last_number, text in _logical_lines(document, chrome):
        if not text or text.lower() in chrome:
            continue
        if _STAMP_RE.match(text) or _ARTICLE_STAMP_RE.match(text):
            continue
        section = document.section_index(number) or 0
        origin = Origin.NOTICE if document.is_notice_line(number) else Origin.COMMENT
        for segment in _segments(text):
            conversions = _CONVERSION_RE.findall(segment)
            main = _CONVERSION_RE.sub(lambda match: " " * len(match.group(0)), segment)
            line = _Line(number, segment, scan_line(main), conversions, origin, section, full_text=text,
                         last_number=last_number)
            for mention in line.scan.dates:
                state.years.learn(mention, section)
            lines.append(line)

        # A table header such as "Environment | Date | Time (UTC)" gives its rows a zone.
        header = lines[-1] if lines and lines[-1].number == number else None
        if "|" not in text:
            table_zone = None
        elif header is not None and header.scan.zones and not header.scan.times and not header.scan.dates:
            table_zone = header.scan.zones[0]
        elif header is not None:
            header.default_zone = table_zone
    return lines


def _segments(text: str) -> list[str]:
    """Split "Sandbox: March 3 9-11 ET; Production: March 10 9-11 ET" into one part per window."""
    if ";" not in text:
        return [text]
    parts = [part.strip() for part in text.split(";")]
    dated = [part for part in parts if scan_line(part).dates]
    if len(parts) > 1 and len(dated) == len(parts):
        return parts
    return [text]


def _evidence(line: _Line) -> Evidence:
    return Evidence(line=line.number, text=line.full_text or line.text)


def _read_deadline_and_markers(lines: list[_Line], state: _State) -> None:
    """Find the action deadline, expiry dates, past maintenance and revision markers."""
    for line in lines:
        if line.origin is Origin.NOTICE and _TENTATIVE_RE.search(line.text):
            state.tentative_notice = True
        if line.origin is Origin.NOTICE and _REVISED_RE.search(line.text):
            state.revised_lines.add(line.number)
            state.findings.add(
                FlagCode.REVISED, line.origin, _evidence(line),
                message=f"line {line.number} marks a change to the schedule: {line.text[:120]!r}",
                question="What did the schedule say before this update, and what exactly changed?",
            )
        kept: list[DateMention] = []
        for mention in line.scan.dates:
            before = line.text[max(0, mention.span[0] - 40):mention.span[0]]
            if _DEADLINE_RE.search(before):
                resolved = state.years.resolve(mention, line.section)
                if state.deadline is None and line.origin is Origin.NOTICE and resolved.value:
                    state.deadline = resolved.value
                continue
            if _EXPIRY_RE.search(line.text[:mention.span[0]]):
                continue
            kept.append(mention)
        line.scan.dates = kept
        if kept and _PAST_RE.search(line.text) and not line.scan.times:
            _add_past_window(line, kept[-1], state)


def _add_past_window(line: _Line, mention: DateMention, state: _State) -> None:
    resolved = state.years.resolve(mention, line.section)
    line.used = True
    if resolved.value is None:
        return
    window = _new_window(line, state, start=resolved.value, all_day=True, status=Status.COMPLETED,
                         block=[], claims_hosts=False)
    state.findings.add(
        FlagCode.PAST_WINDOW, line.origin, _evidence(line), window_id=window,
        message=f"{resolved.value.isoformat()} is described as already done; it is listed as "
        "completed, not scheduled",
        question=None,
    )


def _read_templates(lines: list[_Line], state: _State) -> list[_Template]:
    """Collect dateless time ranges; each applies to the dated list items of its service."""
    templates: list[_Template] = []
    heading = Coverage()
    for line in lines:
        if not line.scan.times and not line.scan.dates and _HEADING_END_RE.search(line.text):
            heading = coverage_of_lines([line.text], state.profile)
            continue
        if line.scan.dates or len(line.scan.times) < 2:
            continue
        times = read_time_range(line.scan)
        if times is None or times.end is None:
            continue
        label = line.text[:times.spans[0]]
        templates.append(_Template(line, times, coverage_of_lines([label], state.profile), heading))
        line.used = True
    return templates


def _read_timed_windows(lines: list[_Line], state: _State) -> None:
    for line in lines:
        if line.used or not line.scan.times or not line.scan.dates:
            continue
        if line.number == state.document.title_line:
            continue
        times = read_time_range(line.scan)
        if times is None or times.start_date is None:
            continue
        if times.start_date.is_range:
            _read_range_template(line, times, lines, state)
            continue
        _add_timed(line, times, times.start_date, state)


def _add_timed(line: _Line, times: TimeRange, day: DateMention, state: _State,
               extra_lines: list[_Line] | None = None, coverage: Coverage | None = None,
               status: Status | None = None) -> None:
    resolved = state.years.resolve(day, line.section)
    _note_date_problems(line, day, resolved, state)
    if resolved.value is None:
        return
    if times.zone is None and line.default_zone is not None:
        times.zone = times.end_zone = line.default_zone
    end_day = None
    if times.end_date is not None:
        end_day = state.years.resolve(times.end_date, line.section).value
    built = build_timed(resolved.value, end_day, times, state.profile)
    block = extra_lines if extra_lines is not None else _block_after(line, state)
    window = _new_window(line, state, times=built, block=block, coverage=coverage, status=status)
    if resolved.inferred_year:
        _note_inferred_year(line, resolved.value, window, state)
    _note_time_findings(line, built, window, state)
    for conversion in line.conversions:
        problem = check_conversion(conversion, built)
        if problem:
            state.findings.add(
                FlagCode.CONVERSION_MISMATCH, line.origin, _evidence(line), window_id=window,
                message=problem, question="Which of the two times is right?",
            )


def _read_range_template(line: _Line, times: TimeRange, lines: list[_Line], state: _State) -> None:
    """"March 17th-31st 2016 7AM PST - 11AM PST": one window per listed date in the range."""
    day_range = times.start_date
    assert day_range is not None
    resolved = state.years.resolve(day_range, line.section)
    if resolved.value is None:
        return
    listed = _listed_dates_in_range(line, day_range, resolved.value, lines, state)
    base = coverage_of_lines([line.text], state.profile)
    line.used = True
    if listed:
        for item, mention in listed:
            item.used = True
            coverage = base.union(coverage_of_lines([item.text], state.profile))
            _add_timed(item, times, mention, state, extra_lines=[], coverage=coverage)
        return
    last = day_range.last_on_year(resolved.value.year)
    day = resolved.value
    while last is not None and day <= last:
        single = DateMention(day_range.span, day.month, day.day, day.year, str(day.year), None)
        _add_timed(line, times, single, state, extra_lines=[], coverage=base)
        day = date.fromordinal(day.toordinal() + 1)


def _listed_dates_in_range(
    line: _Line, day_range: DateMention, first: date, lines: list[_Line], state: _State
) -> list[tuple[_Line, DateMention]]:
    last = day_range.last_on_year(first.year)
    if last is None:
        return []
    listed: list[tuple[_Line, DateMention]] = []
    for other in lines:
        if other.number <= line.number or other.number > line.number + 15 or other.used:
            continue
        for mention in other.scan.dates:
            value = state.years.resolve(mention, other.section).value
            if value and first <= value <= last and _is_list_item(other, mention) and not other.scan.times:
                listed.append((other, mention))
    return listed


def _apply_templates(templates: list[_Template], lines: list[_Line], state: _State) -> None:
    """Combine dated list items ("Q1 - February 18, 2023") with the templates of their service."""
    heading = Coverage()
    for line in lines:
        if not line.scan.dates and not line.scan.times:
            heading = coverage_of_lines([line.text], state.profile)
            continue
        if line.used or line.scan.times or len(line.scan.dates) != 1:
            continue
        mention = line.scan.dates[0]
        if not _is_list_item(line, mention):
            continue
        group = heading.union(coverage_of_lines([line.text], state.profile))
        matching = [t for t in templates if t.heading.services_match(group) and t.coverage.tiers_match(group)]
        if not matching:
            continue
        line.used = True
        status = Status.TENTATIVE if state.tentative_notice else None
        for template in matching:
            coverage = Coverage(tiers=group.tiers or template.coverage.tiers,
                                regions=template.coverage.regions,
                                services=group.services or template.heading.services)
            _add_timed(line, template.times, mention, state, extra_lines=[], coverage=coverage, status=status)
            state.windows[-1].evidence.append(_evidence(template.line))


def _is_list_item(line: _Line, mention: DateMention) -> bool:
    """Return whether a date opens its line or follows a short label ("• Sandbox: August 15th, 2024")."""
    before = _BULLET_RE.sub("", line.text[:mention.span[0]])
    return not before.strip() or bool(_LABEL_BEFORE_RE.match(before)) and len(before.split()) <= 4


def _read_dated_items(lines: list[_Line], state: _State, *, strong: bool) -> None:
    """Turn dates without times into all-day windows, or into evidence for existing windows."""
    for line in lines:
        if line.used or line.scan.times:
            continue
        for mention in line.scan.dates:
            if _is_list_item(line, mention) != strong:
                continue
            resolved = state.years.resolve(mention, line.section)
            if resolved.value is None:
                _note_date_problems(line, mention, resolved, state)
                continue
            existing = _window_on(resolved.value, mention, state)
            if existing is not None:
                existing.evidence.append(_evidence(line))
                line.used = True
                continue
            dates_a_change = _FUTURE_RE.search(line.text) or mention.is_range
            if not strong and (line.origin is Origin.COMMENT or not dates_a_change):
                continue
            if strong and line.origin is Origin.COMMENT:
                continue
            if mention.is_range and _range_is_container(line, mention, resolved.value, lines, state):
                continue
            _note_date_problems(line, mention, resolved, state)
            last = mention.last_on_year(resolved.value.year) if mention.is_range else None
            window = _new_window(line, state, start=resolved.value, end=last, all_day=True,
                                 block=_block_after(line, state))
            state.findings.add(
                FlagCode.MISSING_TIME, line.origin, _evidence(line), window_id=window,
                message=f"{resolved.value.isoformat()} has no time of day; treated as the whole day",
                question="At what time, and in which time zone, does the change start and end?",
            )
            if resolved.inferred_year:
                _note_inferred_year(line, resolved.value, window, state)
            line.used = True


def _range_is_container(line: _Line, mention: DateMention, first: date, lines: list[_Line], state: _State) -> bool:
    """Return whether dated lines inside the range follow it ("between May 28 - May 30": three phases)."""
    return bool(_listed_dates_in_range(line, mention, first, lines, state))


def _window_on(day: date, mention: DateMention, state: _State) -> Window | None:
    """Return a window that starts on `day` (or the same month and day when the year was guessed)."""
    for window in state.windows:
        start = window.start
        if start is None:
            continue
        local = start.astimezone(_zone(window)).date() if isinstance(start, datetime) else start
        if local == day or (mention.year is None and (local.month, local.day) == (day.month, day.day)):
            return window
        end = window.end
        if isinstance(end, date) and not isinstance(end, datetime) and local <= day <= end:
            return window
    return None


def _zone(window: Window) -> ZoneInfo:
    return zone(window.timezone or "UTC")


def _read_same_time_updates(lines: list[_Line], state: _State) -> None:
    """Re-date a window from an update line that gives only a new day ("..., same time")."""
    for line in lines:
        if line.used or line.scan.times or not line.scan.dates:
            continue
        if line.number not in state.revised_lines or not _SAME_TIME_RE.search(line.text):
            continue
        base = _latest_timed_window(line, state)
        if base is None or base.timezone is None:
            continue
        resolved = state.years.resolve(line.scan.dates[-1], line.section)
        if resolved.value is None:
            continue
        built = shift_to_day(base, resolved.value)
        hosts = [match.host for match in find_hosts(line.text) if not match.nonstandard] or base.hosts
        coverage = Coverage(list(base.environments), list(base.regions), list(base.services))
        window_id = _new_window(line, state, times=built, coverage=coverage, status=Status.SCHEDULED, block=[])
        window = state.windows[-1]
        assert window.id == window_id
        window.hosts = list(dict.fromkeys(hosts))
        line.used = True


def _latest_timed_window(line: _Line, state: _State) -> Window | None:
    earlier = [
        window for window in state.windows
        if window.origin is line.origin and isinstance(window.start, datetime)
        and window.evidence and window.evidence[0].line < line.number
    ]
    return max(earlier, key=lambda window: window.evidence[0].line, default=None)


def _read_title(lines: list[_Line], state: _State) -> None:
    """Add a title that repeats a window's start ("... @11:55PM PT 10/4/2019") as its evidence."""
    title = next((line for line in lines if line.number == state.document.title_line), None)
    if title is None or title.used or not title.scan.dates:
        return
    times = read_time_range(title.scan)
    day = times.start_date if times else title.scan.dates[0]
    if day is None:
        return
    resolved = state.years.resolve(day, title.section)
    if resolved.value is None:
        return
    existing = _window_on(resolved.value, day, state)
    if existing is not None:
        existing.evidence.append(_evidence(title))
        return
    if times is not None:
        _add_timed(title, times, day, state, extra_lines=[])


def _read_undated_change(lines: list[_Line], state: _State) -> None:
    """Add a tentative window without a start for a change announced "soon (TBD)" or for a month."""
    if any(window.origin is Origin.NOTICE and window.status is not Status.COMPLETED for window in state.windows):
        return
    for line in lines:
        if line.origin is not Origin.NOTICE:
            continue
        month_only = _MONTH_ONLY_RE.search(line.text)
        if _TBD_RE.search(line.text) or (month_only and not line.scan.dates):
            when = f"only {month_only.group(0)!r}" if month_only else "no date yet"
            window = _new_window(line, state, status=Status.TENTATIVE, block=[])
            state.findings.add(
                FlagCode.DATE_TBD, line.origin, _evidence(line), window_id=window,
                message=f"the change has {when}: {line.text[:100]!r}",
                question="On which date and at what time will this change happen?",
            )
            return


def _block_after(line: _Line, state: _State) -> list[_Line]:
    """Return the lines under a window line that list what it covers, up to a blank or a date."""
    block: list[_Line] = []
    document = state.document
    number = max(line.number, line.last_number) + 1
    while number <= len(document.lines):
        text = document.lines[number - 1].strip()
        if not text:
            break
        scanned = scan_line(text)
        if scanned.dates or scanned.times or _HEADING_END_RE.search(text):
            break
        block.append(_Line(number, text, scanned, [], line.origin, line.section))
        number += 1
    return block


def _new_window(
    line: _Line, state: _State, *, times: WindowTimes | None = None, start: date | None = None,
    end: date | None = None, all_day: bool = False, status: Status | None = None,
    block: list[_Line] | None = None, coverage: Coverage | None = None, claims_hosts: bool = True,
) -> str:
    """Create a window from a line (and the lines under it) and return its provisional id."""
    texts = [line.text] + [item.text for item in block or []]
    found = coverage or coverage_of_lines([_without_conversions(line)] + texts[1:], state.profile)
    hosts = [match.host for text in texts for match in find_hosts(text) if not match.nonstandard]
    if not claims_hosts:
        hosts = []
    found = found.with_hosts(hosts, state.profile)
    chosen = status or (Status.CANCELLED if _CANCELLED_RE.search(line.text) else Status.SCHEDULED)
    if chosen is Status.SCHEDULED and _TENTATIVE_RE.search(line.text):
        chosen = Status.TENTATIVE
    window = Window(
        id=f"pending-{len(state.windows)}",
        start=times.start if times else start,
        end=times.end if times else end,
        timezone=times.zone if times else None,
        all_day=times is None and start is not None,
        origin=line.origin,
        status=chosen,
        environments=found.tiers,
        regions=found.regions,
        services=found.services,
        hosts=list(dict.fromkeys(hosts)),
        label=line.text[:200],
        evidence=[_evidence(line)] + [_evidence(item) for item in block or []],
    )
    state.windows.append(window)
    if claims_hosts:
        state.window_lines[window.id] = line.numbers + [item.number for item in block or []]
    return window.id


def _without_conversions(line: _Line) -> str:
    return _CONVERSION_RE.sub(" ", line.text)


def _note_date_problems(line: _Line, mention: DateMention, resolved: ResolvedDate, state: _State) -> None:
    if resolved.problem:
        state.findings.add(
            FlagCode.INVALID_DATE, line.origin, _evidence(line),
            message=resolved.problem,
            question="Which date is meant?",
        )


def _note_inferred_year(line: _Line, day: date, window_id: str, state: _State) -> None:
    state.findings.add(
        FlagCode.MISSING_YEAR, line.origin, _evidence(line), window_id=window_id,
        message=f"no year given for {day.strftime('%B %d')}; assumed {day.year}",
        question=f"Is the year {day.year}?",
    )


def _note_time_findings(line: _Line, built: WindowTimes, window_id: str, state: _State) -> None:
    for code, message, question in built.problems:
        if code is FlagCode.MISSING_TIMEZONE:
            state.assumed_zone.add(window_id)
        state.findings.add(code, line.origin, _evidence(line), window_id=window_id,
                           message=message, question=question)
