"""The date grammar: find date, time, zone and range phrases in one line of a notice.

Each mention keeps its character span, so callers can read the words around it.
Dates are read in English, German, French, Italian and Spanish. dateparser is only a fallback,
used on a fragment this grammar already isolated (see `parse_fragment`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, time
from functools import lru_cache

from parsers.timezones import ZONE_PATTERN, ZoneLabel, resolve_label

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        "january jan januar jänner janvier gennaio enero",
        "february feb februar février fevrier febbraio febrero",
        "march mar märz maerz mars marzo",
        "april apr avril aprile abril",
        "may mai maggio mayo",
        "june jun juni juin giugno junio",
        "july jul juli juillet luglio julio",
        "august aug août aout agosto",
        "september sept sep settembre septiembre setiembre septembre",
        "october oct oktober octobre ottobre octubre",
        "november nov novembre noviembre",
        "december dec dezember décembre decembre dicembre diciembre",
    ],
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number

_WEEKDAYS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        "monday mon montag lundi lunedì lunedi lunes",
        "tuesday tue tues dienstag mardi martedì martedi martes",
        "wednesday wed mittwoch mercredi mercoledì mercoledi miércoles miercoles",
        "thursday thu thur thurs donnerstag jeudi giovedì giovedi jueves",
        "friday fri freitag vendredi venerdì venerdi viernes",
        "saturday sat samstag sonnabend samedi sabato sábado",
        "sunday sun sonntag dimanche domenica domingo",
    ]
):
    for _name in _names.split():
        _WEEKDAYS[_name] = _number


def _alternation(names: dict[str, int]) -> str:
    return "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))


_WD = _alternation(_WEEKDAYS)
_MON = r"[^\W\d_]{3,10}"
"""Any word of month length; `_date_from_match` keeps only real month names. A class is far
faster than an alternation of 80 names, which Python's regex engine tries at every position."""
_ORD = r"(?:st|nd|rd|th|er|e|\.)?"
_WEEKDAY_BEFORE = re.compile(rf"(?P<wd>{_WD})\.?,?\s+(?:the\s+|le\s+|den\s+)?$", re.IGNORECASE)

_RANGE_JOIN = r"\s*(?:-|–|—|to|through|thru|and|&|bis|au|al|y|e|et)\s*"

_DATE_FORMS = [
    ("iso", r"(?<![\d-])(?P<iso_y>\d{4})-(?P<iso_m>\d{2})-(?P<iso_d>\d{2})(?![\d-])"),
    ("dmy_dash", rf"(?<![\d-])(?P<dd_d>\d{{1,2}})-(?P<dd_m>{_MON})-(?P<dd_y>\d{{4}})(?!\d)"),
    (
        "month_first",
        rf"(?P<mf_m>{_MON})\.?\s+(?P<mf_d>\d{{1,2}}){_ORD}"
        rf"(?:{_RANGE_JOIN}(?:(?P<mf_m2>{_MON})\.?\s+)?(?P<mf_d2>\d{{1,2}}){_ORD})?"
        rf"(?:,?\s+(?P<mf_y>\d{{4}}|\d{{3}})(?!\d|:\d))?(?!\d|:\d)",
    ),
    (
        "day_first",
        rf"(?<![\d/.])(?P<df_d>\d{{1,2}}){_ORD}"
        rf"(?:{_RANGE_JOIN}(?P<df_d2>\d{{1,2}}){_ORD})?"
        rf"(?:\s+de)?\s+(?P<df_m>{_MON})\.?(?:\s+de)?(?:,?\s+(?P<df_y>\d{{4}}))?(?!\d|:\d)",
    ),
    (
        "numeric_us",
        r"(?<![\d/.\-])(?P<nu_m>\d{1,2})/(?P<nu_d>\d{1,2})"
        r"(?:/(?P<nu_y>\d{4}|\d{2}))?(?![\d/])",
    ),
    ("numeric_dot", r"(?<![\d.])(?P<nd_d>\d{1,2})\.(?P<nd_m>\d{1,2})\.(?P<nd_y>\d{4})(?![\d.])"),
]
_DATE_RE = re.compile(
    "|".join(f"(?P<{name}>{pattern})" for name, pattern in _DATE_FORMS), re.IGNORECASE
)

_TIME_RE = re.compile(
    r"(?<![\w:.$])(?:"
    r"(?P<h1>[01]?\d|2[0-3])(?::(?P<m1>[0-5]\d))?(?::(?P<s1>[0-5]\d))?\s*"
    r"(?P<mer>a\.?\s?m\.?|p\.?\s?m\.?)(?![a-z])"
    r"|(?P<h2>[01]?\d|2[0-3])[:h](?P<m2>[0-5]\d)(?::(?P<s2>[0-5]\d))?(?!\d)(?:\s*Uhr)?"
    r"|(?P<h3>[01]?\d|2[0-3])\s*Uhr"
    r"|(?P<noon>noon|midday)|(?P<midnight>midnight)"
    r")",
    re.IGNORECASE,
)
_ZONE_RE = re.compile(
    r"(?<![A-Za-z])(?:"
    r"(?i:(?:pacific|eastern|central|mountain)(?:\s+(?:standard|daylight))?\s+time"
    r"|central\s+european\s+time|british\s+summer\s+time|india\s+standard\s+time)"
    rf"|{ZONE_PATTERN})(?![A-Za-z0-9])"
)
# " | " joins a table row's start and end cells ("Sandbox | May 13 10 PM | May 14 2 AM").
_CONNECTOR_RE = re.compile(
    r"\s-\s|-|–|—|\bto\b|\bthrough\b|\bthru\b|\buntil\b|\btill\b|\bbis\b|\bhasta\b|\bà\b|\bal\b|"
    r"\balle\b|\ba\b|\bau\b|\band\b|\s\|\s",
    re.IGNORECASE,
)
_DIGIT_RE = re.compile(r"\d")
_NEXT_DAY_RE = re.compile(r"next\s+day|following\s+day|\(\s*\+1\s*\)", re.IGNORECASE)
_DAY_MARK_RE = re.compile(rf"\(\s*(?P<wd>{_WD})\s*(?P<next>,\s*next\s+day)?\s*\)", re.IGNORECASE)


@dataclass
class DateMention:
    """A calendar date, or a day range, as written in a line."""

    span: tuple[int, int]
    month: int
    day: int
    year: int | None
    year_text: str | None
    weekday: int | None
    last_month: int | None = None
    last_day: int | None = None
    form: str = ""

    @property
    def is_range(self) -> bool:
        return self.last_day is not None

    @property
    def has_valid_year(self) -> bool:
        return self.year is not None and 1900 <= self.year <= 2200

    def on_year(self, year: int) -> date | None:
        """Return the date in `year`, or None when no such day exists (June 31)."""
        try:
            return date(year, self.month, self.day)
        except ValueError:
            return None

    def last_on_year(self, year: int) -> date | None:
        if self.last_day is None:
            return None
        month = self.last_month or self.month
        try:
            last = date(year, month, self.last_day)
        except ValueError:
            return None
        return last if (month, self.last_day) >= (self.month, self.day) else last.replace(year=year + 1)


@dataclass
class TimeMention:
    """A time of day as written; `meridiem` is "am", "pm" or None for a 24-hour time."""

    span: tuple[int, int]
    hour: int
    minute: int
    second: int
    meridiem: str | None

    def to_time(self, meridiem: str | None = None) -> time:
        """Return the clock time, using `meridiem` when the mention has none of its own."""
        hour = self.hour
        chosen = self.meridiem or meridiem
        if chosen == "pm" and hour < 12:
            hour += 12
        elif chosen == "am" and hour == 12:
            hour = 0
        return time(hour, self.minute, self.second)


@dataclass
class ZoneMention:
    span: tuple[int, int]
    label: str
    meaning: ZoneLabel


@dataclass
class LineScan:
    """Every date, time and zone mention of one line, in order of position."""

    text: str
    dates: list[DateMention] = field(default_factory=list)
    times: list[TimeMention] = field(default_factory=list)
    zones: list[ZoneMention] = field(default_factory=list)


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def _date_from_match(match: re.Match[str]) -> DateMention | None:
    groups = match.groupdict()
    weekday = None
    span = match.span()
    kind = match.lastgroup
    if groups.get("iso"):
        return DateMention(span, int(groups["iso_m"]), int(groups["iso_d"]), int(groups["iso_y"]),
                           groups["iso_y"], None, form="iso")
    if groups.get("dmy_dash"):
        if groups["dd_m"].lower() not in _MONTHS:
            return None
        return DateMention(span, _MONTHS[groups["dd_m"].lower()], int(groups["dd_d"]),
                           int(groups["dd_y"]), groups["dd_y"], None, form="dmy_dash")
    if groups.get("month_first"):
        second_month = groups.get("mf_m2")
        if groups["mf_m"].lower() not in _MONTHS or (second_month and second_month.lower() not in _MONTHS):
            return None
        return DateMention(
            span, _MONTHS[groups["mf_m"].lower()], int(groups["mf_d"]), _int(groups.get("mf_y")),
            groups.get("mf_y"), weekday,
            last_month=_MONTHS[second_month.lower()] if second_month else None,
            last_day=_int(groups.get("mf_d2")), form="month_first",
        )
    if groups.get("day_first"):
        if groups["df_m"].lower() not in _MONTHS:
            return None
        return DateMention(
            span, _MONTHS[groups["df_m"].lower()], int(groups["df_d"]), _int(groups.get("df_y")),
            groups.get("df_y"), weekday, last_day=_int(groups.get("df_d2")), form="day_first",
        )
    if groups.get("numeric_us"):
        month, day = int(groups["nu_m"]), int(groups["nu_d"])
        if not 1 <= month <= 12 or not 1 <= day <= 31:
            return None
        year_text = groups.get("nu_y")
        year = int(year_text) if year_text else None
        if year is not None and year < 100:
            year += 2000
        return DateMention(span, month, day, year, year_text, weekday, form="numeric_us")
    if groups.get("numeric_dot"):
        month, day = int(groups["nd_m"]), int(groups["nd_d"])
        if not 1 <= month <= 12:
            return None
        return DateMention(span, month, day, int(groups["nd_y"]), groups["nd_y"], None,
                           form="numeric_dot")
    raise AssertionError(f"unhandled date form {kind}")


OTHER_LANGUAGES = ("nl", "pt", "sv", "da", "nb", "pl", "cs", "fi", "ro", "hu", "tr")
"""Languages dateparser tries on month words the grammar does not know. Naming them keeps a
call near a millisecond, because otherwise dateparser tests every locale it has."""


def _date_from_other_language(match: re.Match[str]) -> DateMention | None:
    """Hand a dated fragment with a month word we do not know ("3 mei 2023") to dateparser.

    Only fragments with a day, a word and a four-digit year get this far, so ordinary words
    next to numbers ("Certificate 1") never reach dateparser.
    """
    groups = match.groupdict()
    year_text = groups.get("mf_y") or groups.get("df_y") or groups.get("dd_y")
    if not year_text or len(year_text) != 4 or groups.get("mf_d2") or groups.get("df_d2"):
        return None
    parsed = parse_fragment(match.group(0), list(OTHER_LANGUAGES))
    if parsed is None:
        return None
    return DateMention(match.span(), parsed.month, parsed.day, parsed.year, year_text, None,
                       form="dateparser")


def scan_line(text: str) -> LineScan:
    """Find every date, time and zone mention in one line."""
    scan = LineScan(text)
    _scan_zones(scan)
    if not _DIGIT_RE.search(text):
        return scan
    position = 0
    while (match := _DATE_RE.search(text, position)) is not None:
        mention = _date_from_match(match) or _date_from_other_language(match)
        if mention is None:
            position = match.start() + 1
            continue
        before = _WEEKDAY_BEFORE.search(text, max(0, match.start() - 16), match.start())
        if before is not None:
            mention.weekday = _WEEKDAYS[before.group("wd").lower()]
            mention.span = (before.start(), mention.span[1])
        scan.dates.append(mention)
        position = match.end()
    taken = [mention.span for mention in scan.dates]
    for match in _TIME_RE.finditer(text):
        start, end = match.span()
        if any(low <= start < high for low, high in taken):
            continue
        groups = match.groupdict()
        if groups["noon"] or groups["midnight"]:
            scan.times.append(TimeMention((start, end), 12 if groups["noon"] else 0, 0, 0, None))
            continue
        hour = groups["h1"] or groups["h2"] or groups["h3"]
        minute = groups["m1"] or groups["m2"] or "0"
        second = groups["s1"] or groups["s2"] or "0"
        meridiem_text = (groups["mer"] or "").lower().replace(".", "").replace(" ", "")
        meridiem = meridiem_text if meridiem_text in ("am", "pm") else None
        value = int(hour)
        if meridiem and value > 12:
            meridiem = None  # "22:44 PM": a 24-hour time with a stray meridiem
        scan.times.append(TimeMention((start, end), value, int(minute), int(second), meridiem))
    return scan


def _scan_zones(scan: LineScan) -> None:
    for match in _ZONE_RE.finditer(scan.text):
        meaning = resolve_label(match.group(0))
        if meaning is not None:
            scan.zones.append(ZoneMention(match.span(), match.group(0), meaning))


@dataclass
class TimeRange:
    """The clock part of a window read from one line: start, optional end, zone, day shifts."""

    start: time
    end: time | None
    zone: ZoneMention | None
    end_zone: ZoneMention | None
    start_date: DateMention | None
    end_date: DateMention | None
    start_day_shift: int = 0
    end_day_shift: int = 0
    spans: tuple[int, int] = (0, 0)


def _nearest_zone(scan: LineScan, after: int, limit: int) -> ZoneMention | None:
    """Return the zone written right after a time (within a few characters)."""
    for zone_mention in scan.zones:
        if after <= zone_mention.span[0] <= after + 3 and zone_mention.span[0] < limit:
            return zone_mention
    return None


def _zone_before(scan: LineScan, before: int) -> ZoneMention | None:
    """Return a zone written right before a time ("UTC 11PM")."""
    for zone_mention in scan.zones:
        if before - 6 <= zone_mention.span[1] <= before:
            return zone_mention
    return None


def read_time_range(scan: LineScan) -> TimeRange | None:
    """Read the first time, or time range, of a line with its zone, dates and day markers."""
    if not scan.times:
        return None
    first = scan.times[0]
    second: TimeMention | None = None
    if len(scan.times) > 1:
        gap = scan.text[first.span[1]:scan.times[1].span[0]]
        if _CONNECTOR_RE.search(gap) and len(gap) < 60:
            second = scan.times[1]
    limit = len(scan.text)
    start_zone = _nearest_zone(scan, first.span[1], second.span[0] if second else limit)
    start_zone = start_zone or _zone_before(scan, first.span[0])
    end_zone = _nearest_zone(scan, second.span[1], limit) if second else None
    zone_mention = start_zone or end_zone or (scan.zones[0] if scan.zones else None)

    # A start without a meridiem takes the end's ("10:00-10:30am").
    start_meridiem = None
    if second is not None and first.meridiem is None and second.meridiem and first.hour <= 12:
        start_meridiem = second.meridiem
        if second.meridiem == "pm" and first.hour > second.hour and second.hour != 12:
            start_meridiem = "am"
    start_clock = first.to_time(start_meridiem)
    end_clock = second.to_time() if second else None

    # Dates before the end time belong to the start. A date after the end time belongs to the
    # end only when the start has a date of its own ("11:55 pm Friday, Oct 4th - 10 am
    # Saturday, Oct 5th"). Otherwise it dates the whole range ("4 PM to 5 PM Saturday May 6").
    split = second.span[0] if second else limit
    before = [d for d in scan.dates if d.span[0] < split]
    after = [d for d in scan.dates if second is not None and d.span[0] >= second.span[1]]
    start_date = _closest_date(before, first.span[0]) if before else None
    end_date = None
    if second is not None and after:
        if start_date is None:
            start_date = after[0]
        else:
            end_date = _closest_date(after, second.span[1])
    if start_date is None and scan.dates:
        start_date = scan.dates[0]

    result = TimeRange(start_clock, end_clock, zone_mention, end_zone or zone_mention,
                       start_date, end_date, spans=(first.span[0], (second or first).span[1]))
    _apply_day_markers(scan, first, second, result)
    return result


def _closest_date(dates: list[DateMention], position: int) -> DateMention:
    return min(dates, key=lambda mention: min(abs(mention.span[0] - position), abs(mention.span[1] - position)))


def _apply_day_markers(
    scan: LineScan, first: TimeMention, second: TimeMention | None, result: TimeRange
) -> None:
    """Shift start or end by a day for "(Sun, Next Day)" style markers and midnight crossings."""
    if second is None:
        return
    after_first = scan.text[first.span[1]:second.span[0]]
    after_second = scan.text[second.span[1]:second.span[1] + 40]
    start_marked = bool(_DAY_MARK_RE.search(after_first))
    next_day_after_end = bool(_NEXT_DAY_RE.search(after_second))
    if result.end is None or result.end_date is not None:
        return
    crosses_midnight = result.end <= result.start
    if next_day_after_end and not start_marked and not crosses_midnight:
        result.start_day_shift = 1
        result.end_day_shift = 1
    elif next_day_after_end or crosses_midnight:
        result.end_day_shift = 1


@lru_cache(maxsize=1024)
def _parse_fragment_cached(fragment: str, languages: tuple[str, ...] | None) -> date | None:
    return _parse_with_dateparser(fragment, list(languages) if languages else None)


def parse_fragment(fragment: str, languages: list[str] | None = None) -> date | None:
    """Read an isolated date fragment with dateparser in strict mode (results are cached)."""
    return _parse_fragment_cached(fragment, tuple(languages) if languages else None)


def _parse_with_dateparser(fragment: str, languages: list[str] | None) -> date | None:
    """Read an isolated date fragment the grammar could not, with dateparser in strict mode.

    dateparser is imported here, not at module level, because it costs about half a second to
    import and most notices never need it.
    """
    import dateparser  # type: ignore[import-untyped]  # no type stubs; imported late, see above

    settings = {
        "STRICT_PARSING": True,
        "REQUIRE_PARTS": ["day", "month", "year"],
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PREFER_DATES_FROM": "current_period",
    }
    parsed = dateparser.parse(fragment, languages=languages, settings=settings)
    return parsed.date() if parsed else None
