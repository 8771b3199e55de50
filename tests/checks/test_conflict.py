"""schedule_conflict between the real notice's October window and the replies' dates."""

from __future__ import annotations

from parsers.checks.conflict import check_schedule_conflict
from parsers.models import FlagCode, FlagOrigin, Origin, Tier
from tests.checks.builders import WindowSpec, build_context, load_case
from tests.checks.schedules import at_utc, first_version_windows, october_window

REAL = "zuora-ssl-certificate-2018"


def test_schedule_conflict_replies_disagree() -> None:
    document, profile = load_case(REAL)
    specs = [october_window(), *first_version_windows(Origin.COMMENT, (170, 171, 172, 173))]
    flags = check_schedule_conflict(build_context(document, profile, specs))
    assert len(flags) == 1
    assert flags[0].code is FlagCode.SCHEDULE_CONFLICT
    assert flags[0].origin is FlagOrigin.BOTH
    assert flags[0].message == (
        "Replies quote windows on 2018-08-29 07:00 PDT, 2018-09-03 07:00 PDT, "
        "2018-09-05 07:00 PDT, 2018-09-12 07:00 PDT that the notice does not have; the notice "
        "schedules the same hosts or environments on 2018-10-10 01:00 PDT."
    )
    assert [item.line for item in flags[0].evidence] == [26, 170, 171, 172, 173]


def test_schedule_conflict_same_date_none() -> None:
    document, profile = load_case(REAL)
    quoted = WindowSpec(
        at_utc(2018, 10, 10, 8), [Tier.PRODUCTION], ("rest.zuora.com",), [173], Origin.COMMENT
    )
    assert (
        check_schedule_conflict(build_context(document, profile, [october_window(), quoted])) == []
    )


def test_schedule_conflict_unrelated_quote_none() -> None:
    # A reply quoting a date for hosts and tiers the notice does not schedule is left alone.
    document, profile = load_case(REAL)
    quoted = WindowSpec(at_utc(2018, 9, 1, 14), [], ("status.example.com",), [173], Origin.COMMENT)
    assert (
        check_schedule_conflict(build_context(document, profile, [october_window(), quoted])) == []
    )
