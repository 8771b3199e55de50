"""production_first and no_test_window on the 2018 certificate notice and its neighbours."""

from __future__ import annotations

from datetime import date, timedelta

from parsers.checks import CheckSettings
from parsers.checks.tiers import check_no_test_window, check_production_first
from parsers.models import FlagCode, FlagOrigin, Origin, Tier
from tests.checks.builders import ContextSpec, WindowSpec, build_context, load_case
from tests.checks.schedules import at_utc, first_version_windows, october_window

V1 = "zuora-ssl-certificate-2018-v1"
REAL = "zuora-ssl-certificate-2018"


def test_production_first_on_first_version() -> None:
    # US production on 09-05 (US Data Center hosts www, rest, api) comes before the API sandbox
    # and PT1 on 09-12; the US Cloud sandbox on 09-03 does not test the US Data Center.
    document, profile = load_case(V1)
    context = build_context(document, profile, first_version_windows())
    flags = check_production_first(context)
    september_5 = context.schedule.windows[2]
    september_12 = context.schedule.windows[3]
    flagged = [flag for flag in flags if flag.window_ids[0] == september_5.id]
    assert len(flagged) == 1
    assert flagged[0].code is FlagCode.PRODUCTION_FIRST
    assert flagged[0].origin is FlagOrigin.NOTICE
    assert flagged[0].window_ids == [september_5.id, september_12.id]
    assert flagged[0].message == (
        "Production changes on 2018-09-05 07:00 PDT, before sandbox, test on "
        "2018-09-12 07:00 PDT, so customers cannot test the change first."
    )
    assert [item.line for item in flagged[0].evidence] == [28, 29]


def test_production_first_about_replies() -> None:
    document, profile = load_case(REAL)
    specs = [october_window(), *first_version_windows(Origin.COMMENT, (170, 171, 172, 173))]
    flags = check_production_first(build_context(document, profile, specs))
    assert {flag.origin for flag in flags} == {FlagOrigin.COMMENT}


def test_production_first_sandbox_each_quarter() -> None:
    # The 2023 calendar: each quarter's Billing sandbox precedes that quarter's production,
    # although Q1 production (02-18) comes before the Q2 sandbox (04-15).
    document, profile = load_case("zuora-maintenance-schedule-2023")
    sandbox = [date(2023, 1, 21), date(2023, 4, 15)]
    production = [date(2023, 2, 18), date(2023, 5, 20)]
    specs = [
        *(WindowSpec(day, [Tier.SANDBOX], services=["Billing"]) for day in sandbox),
        *(
            WindowSpec(day, [Tier.PRODUCTION], regions=["EU"], services=["Billing"])
            for day in production
        ),
    ]
    assert check_production_first(build_context(document, profile, specs)) == []


def test_production_first_other_service_ignored() -> None:
    document, profile = load_case("zuora-maintenance-schedule-2023")
    specs = [
        WindowSpec(date(2023, 2, 11), [Tier.PRODUCTION], services=["Revenue"]),
        WindowSpec(date(2023, 4, 15), [Tier.SANDBOX], services=["Billing"]),
    ]
    assert check_production_first(build_context(document, profile, specs)) == []


def test_no_test_window_mixed_window() -> None:
    document, profile = load_case(REAL)
    context = build_context(document, profile, [october_window()])
    flags = check_no_test_window(context)
    assert len(flags) == 1
    assert flags[0].code is FlagCode.NO_TEST_WINDOW
    assert flags[0].origin is FlagOrigin.NOTICE
    assert flags[0].message == (
        "The window on 2018-10-10 01:00 PDT changes production, sandbox, test together, so "
        "there is no time to test outside production first."
    )
    assert [item.line for item in flags[0].evidence] == [26]


def test_no_test_window_one_day_apart_allowed() -> None:
    # Root CA expiry 2020: non-production on 05-28, production on 05-29, one full day apart.
    document, profile = load_case("zuora-emergency-root-ca-expiry-2020")
    specs = [
        WindowSpec(date(2020, 5, 28), [Tier.SANDBOX, Tier.SERVICES, Tier.TEST]),
        WindowSpec(date(2020, 5, 29), [Tier.PRODUCTION]),
    ]
    assert check_no_test_window(build_context(document, profile, specs)) == []


def test_no_test_window_hours_apart() -> None:
    document, profile = load_case(V1)
    specs = [
        WindowSpec(at_utc(2018, 9, 3, 14), [Tier.SANDBOX]),
        WindowSpec(at_utc(2018, 9, 4, 2), [Tier.PRODUCTION]),
    ]
    flags = check_no_test_window(build_context(document, profile, specs))
    assert len(flags) == 1
    assert flags[0].message == (
        "Production changes on 2018-09-03 19:00 PDT and non-production on 2018-09-03 07:00 PDT, "
        "less than 24 hours apart, so there is no time to test in between."
    )


def test_no_test_window_gap_from_settings() -> None:
    document, profile = load_case("zuora-emergency-root-ca-expiry-2020")
    specs = [
        WindowSpec(date(2020, 5, 28), [Tier.SANDBOX]),
        WindowSpec(date(2020, 5, 29), [Tier.PRODUCTION]),
    ]
    settings = CheckSettings(min_test_gap=timedelta(days=2))
    context = build_context(document, profile, specs, ContextSpec(settings=settings))
    flags = check_no_test_window(context)
    assert [flag.code for flag in flags] == [FlagCode.NO_TEST_WINDOW]
