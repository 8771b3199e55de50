"""Public holidays per region, looked up with the `holidays` package for the days a page shows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

import holidays

from parsers.errors import ConfigError

DEFAULT_REGION = "default"
DEFAULT_COUNTRIES: Mapping[str, Sequence[str]] = {DEFAULT_REGION: ("US",)}


@dataclass
class HolidayCalendar:
    """Holiday names by day for each region, computed once per country and year range."""

    countries_by_region: Mapping[str, Sequence[str]] = field(
        default_factory=lambda: dict(DEFAULT_COUNTRIES)
    )
    """Region name to ISO country codes; "default" covers US and regions not listed."""
    _cache: dict[tuple[str, int, int], dict[date, str]] = field(default_factory=dict)

    def countries_for(self, region: str | None) -> tuple[str, ...]:
        """Return the country codes whose holidays apply to `region`."""
        by_upper = {key.upper(): value for key, value in self.countries_by_region.items()}
        if region and region.upper() in by_upper:
            return tuple(by_upper[region.upper()])
        return tuple(by_upper.get(DEFAULT_REGION.upper(), ("US",)))

    def holidays_between(
        self, region: str | None, first: date, last: date
    ) -> dict[date, list[str]]:
        """Return "Name (CC)" labels per day from `first` to `last` inclusive for `region`."""
        found: dict[date, list[str]] = {}
        for country in self.countries_for(region):
            for day, name in self._country_holidays(country, first.year, last.year).items():
                if first <= day <= last:
                    found.setdefault(day, []).append(f"{name} ({country})")
        return found

    def _country_holidays(self, country: str, first_year: int, last_year: int) -> dict[date, str]:
        key = (country, first_year, last_year)
        if key not in self._cache:
            years = range(first_year, last_year + 1)
            try:
                calendar = holidays.country_holidays(country, years=years)
            except NotImplementedError as error:
                raise ConfigError(
                    "holiday_countries",
                    f"unknown country code {country!r}",
                    "use ISO 3166 codes such as US or DE",
                ) from error
            self._cache[key] = dict(calendar.items())
        return self._cache[key]
