"""Notice shapes beyond the cases: wrapped e-mail lines, partial updates, ranges, reply stamps."""

from __future__ import annotations

from datetime import UTC, date, datetime

from parsers import parse_text

WRAPPED_MAIL = """[Maintenance] TLS certificate renewal on api.payments.example.com

Hello,

We will replace the TLS certificate on api.payments.example.com and
hooks.payments.example.com on Thursday, May 23, 2024 between 10:00 PM and
11:30 PM ET. The new certificate chains to DigiCert Global Root G2.

Update: the window for hooks.payments.example.com moves to Friday, May 24, 2024,
same time.
"""

TWO_WRAPPED_WINDOWS = """Planned maintenance for the EU data center
Posted 2023-06-02 by Example Staff

We will perform planned maintenance on the EU production environment (rest.eu.example.com)
on Saturday, 17 June 2023 from 22:00 to 23:59 CEST.

The EU sandbox (rest.sandbox.eu.example.com) follows one week earlier, on Saturday 10 June 2023,
from 22:00 to 23:59 CEST.
"""

RANGES = """Certificate rotation
Posted by Example Staff, Jan 15, 2025

We rotate the certificates of login.example.com between February 3 and February 7, 2025.
Sandboxes (test.example.com) rotate earlier, from January 27 to January 31, 2025.
Please update your trust stores before January 27, 2025.
"""

THREAD = """Re: Scheduled maintenance for rest.apisandbox.zuora.com
Zuora Staff
Posted 2022-09-01 10:00 AM

We will perform maintenance on rest.apisandbox.zuora.com on September 14, 2022 from 6:00 PM to 8:00 PM PT.

Valued Scholar
2022-09-02 08:00 AM

Will this affect production? We had issues last time on September 7.

Zuora Staff
2022-09-02 09:30 AM

No, production is not affected. Update: the maintenance is cancelled and rescheduled to September 21, 2022, same time.
"""


def _windows(text: str) -> list[tuple[object, object, list[str]]]:
    return [(w.start, w.end, w.hosts) for w in parse_text(text).windows]


def test_wrapped_mail_and_partial_update() -> None:
    assert _windows(WRAPPED_MAIL) == [
        (datetime(2024, 5, 24, 2, tzinfo=UTC), datetime(2024, 5, 24, 3, 30, tzinfo=UTC),
         ["api.payments.example.com"]),
        (datetime(2024, 5, 25, 2, tzinfo=UTC), datetime(2024, 5, 25, 3, 30, tzinfo=UTC),
         ["hooks.payments.example.com"]),
    ]


def test_wrapped_mail_zone_is_eastern() -> None:
    schedule = parse_text(WRAPPED_MAIL)
    assert {w.timezone for w in schedule.windows} == {"America/New_York"}
    assert "missing_timezone" not in {flag.code.value for flag in schedule.flags}


def test_two_wrapped_windows_stay_apart() -> None:
    schedule = parse_text(TWO_WRAPPED_WINDOWS)
    starts = [(w.start, [t.value for t in w.environments]) for w in schedule.windows]
    assert starts == [
        (datetime(2023, 6, 17, 20, tzinfo=UTC), ["production"]),
        (datetime(2023, 6, 10, 20, tzinfo=UTC), ["sandbox"]),
    ]
    assert schedule.notice.posted_at == date(2023, 6, 2)


def test_present_tense_ranges_are_windows() -> None:
    schedule = parse_text(RANGES)
    assert _windows(RANGES) == [
        (date(2025, 2, 3), date(2025, 2, 7), ["login.example.com"]),
        (date(2025, 1, 27), date(2025, 1, 31), ["test.example.com"]),
    ]
    assert schedule.notice.deadline == date(2025, 1, 27)
    assert schedule.notice.posted_at == date(2025, 1, 15)


def test_reply_stamps_are_not_windows() -> None:
    assert _windows(THREAD) == [
        (datetime(2022, 9, 22, 1, tzinfo=UTC), datetime(2022, 9, 22, 3, tzinfo=UTC),
         ["rest.apisandbox.zuora.com"]),
    ]


def test_same_time_update_is_revised() -> None:
    revised = [flag for flag in parse_text(THREAD).flags if flag.code.value == "revised"]
    assert len(revised) == 1
    assert "2022-09-15 01:00 UTC to 2022-09-22 01:00 UTC" in revised[0].message
