"""Resolve the year of a date written without one, or with a typo, from the rest of the notice."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime

from parsers.dates import DateMention

_YEAR_IN_NAME = re.compile(r"(?<!\d)(19[89]\d|20\d\d)(?!\d)")
_SEARCH_SPAN = 12
"""Years searched on each side of the reference year for a matching weekday."""


@dataclass
class ResolvedDate:
    """A date with what had to be assumed to get it."""

    value: date | None
    inferred_year: bool = False
    problem: str | None = None
    """The reason the written date is invalid (impossible day, typo year, wrong weekday), if any."""


class YearContext:
    """Years the notice states, per section, so that a yearless date can borrow one."""

    def __init__(self, source: str, posted: date | None, today: date | None = None) -> None:
        self._explicit: dict[tuple[int, int, int], int] = {}
        self._years: Counter[int] = Counter()
        self._source = source
        self._posted = posted
        self._today = today or datetime.now(UTC).date()

    def learn(self, mention: DateMention, section: int) -> None:
        """Record a date written with a plausible year."""
        if mention.has_valid_year and mention.year is not None:
            self._explicit[(section, mention.month, mention.day)] = mention.year
            self._years[mention.year] += 1

    def reference_year(self) -> int:
        """Return the year that yearless dates most likely belong to.

        In order: the most common year the notice writes, the post date, a year in the file or
        URL name (saved notices are often named by date), and the current year.
        """
        if self._years:
            return self._years.most_common(1)[0][0]
        if self._posted is not None:
            return self._posted.year
        named = _YEAR_IN_NAME.findall(self._source)
        if named:
            return int(named[-1])
        return self._today.year

    def resolve(self, mention: DateMention, section: int) -> ResolvedDate:
        """Return the date a mention means, inferring or repairing its year when needed."""
        if mention.has_valid_year and mention.year is not None:
            value = mention.on_year(mention.year)
            if value is None:
                return ResolvedDate(None, problem=f"{_describe(mention)} does not exist")
            if mention.weekday is not None and value.weekday() != mention.weekday:
                return ResolvedDate(
                    value,
                    problem=f"{_describe(mention)} is a {value.strftime('%A')}, not a "
                    f"{_weekday_name(mention.weekday)}",
                )
            return ResolvedDate(value)

        if mention.year_text:
            return self._repair_typo_year(mention)

        stated = self._explicit.get((section, mention.month, mention.day))
        if stated is not None:
            return ResolvedDate(mention.on_year(stated))
        year = self._closest_year(mention)
        if year is None:
            return ResolvedDate(None, problem=f"{_describe(mention)} does not exist in any year near "
                                f"{self.reference_year()}")
        return ResolvedDate(mention.on_year(year), inferred_year=True)

    def _closest_year(self, mention: DateMention) -> int | None:
        reference = self.reference_year()
        for distance in range(_SEARCH_SPAN + 1):
            for year in (reference + distance, reference - distance) if distance else (reference,):
                value = mention.on_year(year)
                if value is None:
                    continue
                if mention.weekday is None or value.weekday() == mention.weekday:
                    return year
            if mention.weekday is None:
                break
        return None

    def _repair_typo_year(self, mention: DateMention) -> ResolvedDate:
        """Read "May 28, 220" as the nearby year whose weekday and context agree."""
        year = self._closest_year(mention)
        written = f"{_month_day(mention)}, {mention.year_text}"
        if year is None or mention.weekday is None:
            return ResolvedDate(None, problem=f"year {mention.year_text!r} in {written!r} is not a valid year")
        value = mention.on_year(year)
        return ResolvedDate(
            value,
            problem=f"year {mention.year_text!r} in {written!r} is a typo; read as {year} because "
            f"{value} is a {_weekday_name(mention.weekday)} and the notice's other dates are in "
            f"{self.reference_year()}",
        )


def _weekday_name(number: int) -> str:
    return ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][number]


def _month_day(mention: DateMention) -> str:
    return f"{date(2000, mention.month, 1).strftime('%B')} {mention.day}"


def _describe(mention: DateMention) -> str:
    year = f", {mention.year}" if mention.year is not None else ""
    return f"{_month_day(mention)}{year}"
