"""holiday and short_notice on dates worked out from the notice cases."""

from __future__ import annotations

from datetime import date, datetime

from parsers.checks import CheckSettings
from parsers.checks.calendar import check_holidays, check_short_notice
from parsers.models import FlagCode, FlagOrigin, Origin, Severity, Tier
from tests.checks.builders import ContextSpec, WindowSpec, build_context, load_case
from tests.checks.schedules import at_utc, first_version_windows

SCHEDULE_2023 = "zuora-maintenance-schedule-2023"


def test_holiday_labor_day_2018() -> None:
    document, profile = load_case("zuora-ssl-certificate-2018")
    specs = first_version_windows(Origin.COMMENT, (170, 171, 172, 173))
    context = build_context(document, profile, specs)
    flags = check_holidays(context)
    assert len(flags) == 1
    assert flags[0].code is FlagCode.HOLIDAY
    assert flags[0].origin is FlagOrigin.COMMENT
    assert flags[0].severity is Severity.WARNING
    assert flags[0].window_ids == [context.schedule.windows[1].id]
    assert flags[0].message == (
        "The window on 2018-09-03 07:00 PDT falls on a public holiday: "
        "2018-09-03 is Labor Day (US)."
    )
    assert [item.line for item in flags[0].evidence] == [171]


def test_holiday_veterans_day_local_date() -> None:
    # 4 PM PST on Saturday 2023-11-11 is 00:00Z on 11-12: the local date decides.
    document, profile = load_case(SCHEDULE_2023)
    spec = WindowSpec(
        at_utc(2023, 11, 12, 0), [Tier.PRODUCTION], end=at_utc(2023, 11, 12, 2), regions=["US-NA2"]
    )
    flags = check_holidays(build_context(document, profile, [spec]))
    assert len(flags) == 1
    assert flags[0].severity is Severity.WARNING
    assert "2023-11-11 is Veterans Day (US)" in flags[0].message


def test_holiday_eu_region_countries() -> None:
    # The same Saturday in the EU region is Armistice Day in France, when France is listed.
    document, profile = load_case(SCHEDULE_2023)
    spec = WindowSpec(
        at_utc(2023, 11, 12, 0), [Tier.PRODUCTION], end=at_utc(2023, 11, 12, 2), regions=["EU"]
    )
    settings = CheckSettings(holiday_countries={"default": ("US",), "EU": ("DE", "FR")})
    flags = check_holidays(build_context(document, profile, [spec], ContextSpec(settings=settings)))
    assert len(flags) == 1
    assert "2023-11-11 is Armistice Day (FR)" in flags[0].message


def test_holiday_long_weekend_info() -> None:
    # Saturday 2023-02-18 precedes Washington's Birthday on Monday 02-20.
    document, profile = load_case(SCHEDULE_2023)
    spec = WindowSpec(at_utc(2023, 2, 19, 0), [Tier.PRODUCTION], end=at_utc(2023, 2, 19, 2))
    flags = check_holidays(build_context(document, profile, [spec]))
    assert len(flags) == 1
    assert flags[0].severity is Severity.INFO
    assert flags[0].message == (
        "The window on 2023-02-18 16:00 PST falls in the long weekend of Washington's Birthday "
        "(US), on 2023-02-18."
    )


def test_holiday_plain_saturday_none() -> None:
    # Saturday 2023-11-25 follows Thanksgiving, but the Friday between is a working day.
    document, profile = load_case(SCHEDULE_2023)
    spec = WindowSpec(at_utc(2023, 11, 26, 3), [Tier.PRODUCTION], end=at_utc(2023, 11, 26, 9))
    assert check_holidays(build_context(document, profile, [spec])) == []


def test_short_notice_raised() -> None:
    document, profile = load_case("zuora-ssl-certificate-2018-v1")
    specs = first_version_windows()
    posted = datetime(2018, 8, 24, 18, 0)
    flags = check_short_notice(
        build_context(document, profile, specs, ContextSpec(posted_at=posted))
    )
    assert len(flags) == 1
    assert flags[0].code is FlagCode.SHORT_NOTICE
    assert flags[0].message == (
        "The notice was posted 4 days before its first window on 2018-08-29 07:00 PDT; "
        "at least 14 days are expected."
    )


def test_short_notice_enough_days() -> None:
    # Authorize.net posted 2024-07-23 for a sandbox change on 2024-08-15: 23 days.
    document, profile = load_case("authorizenet-digicert-migration-v1-2024")
    specs = [
        WindowSpec(date(2024, 8, 15), [Tier.SANDBOX]),
        WindowSpec(date(2024, 9, 17), [Tier.PRODUCTION]),
    ]
    context = build_context(
        document, profile, specs, ContextSpec(posted_at=datetime(2024, 7, 23, 22, 44))
    )
    assert check_short_notice(context) == []


def test_short_notice_without_post_time() -> None:
    document, profile = load_case("zuora-ssl-certificate-2018-v1")
    assert check_short_notice(build_context(document, profile, first_version_windows())) == []
