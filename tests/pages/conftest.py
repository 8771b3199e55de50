"""Schedules for the page tests, with the values of the real certificate notice."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from parsers.models import (
    Bundle,
    Evidence,
    Flag,
    FlagCode,
    FlagOrigin,
    Notice,
    Origin,
    Schedule,
    Severity,
    Tier,
    Window,
)

PACIFIC = "America/Los_Angeles"


def _reply_window(
    window_id: str, day: int, month: int, tiers: list[Tier], hosts: list[str]
) -> Window:
    """Build a reply-quoted window that starts at 07:00 PDT (14:00 UTC) and gives no end."""
    return Window(
        id=window_id,
        start=datetime(2018, month, day, 14, 0, tzinfo=UTC),
        end=None,
        timezone=PACIFIC,
        all_day=False,
        origin=Origin.COMMENT,
        environments=tiers,
        hosts=hosts,
    )


@pytest.fixture
def notice_schedule() -> Schedule:
    """The real notice's schedule: the body window on 2018-10-10 01:00-11:00 PT and the four
    reply-quoted start-only windows of Aug 29, Sep 3, Sep 5 and Sep 12 at 07:00 PDT."""
    body = Window(
        id="w-body",
        start=datetime(2018, 10, 10, 8, 0, tzinfo=UTC),
        end=datetime(2018, 10, 10, 18, 0, tzinfo=UTC),
        timezone=PACIFIC,
        all_day=False,
        origin=Origin.NOTICE,
        environments=[Tier.PRODUCTION, Tier.SANDBOX, Tier.TEST],
        hosts=["eu.zuora.com", "*.zuora.com", "rest.pt1.zuora.com"],
        evidence=[
            Evidence(
                line=32,
                text="These changes will occur on October 10th, starting at 1AM PT "
                "and continuing until 11:00AM PT.",
            )
        ],
    )
    replies = [
        _reply_window("w-aug29", 29, 8, [Tier.PRODUCTION], ["connect.zuora.com"]),
        _reply_window("w-sep03", 3, 9, [Tier.SANDBOX], ["sandbox.na.zuora.com"]),
        _reply_window("w-sep05", 5, 9, [Tier.PRODUCTION], ["rest.zuora.com", "api.zuora.com"]),
        _reply_window(
            "w-sep12",
            12,
            9,
            [Tier.PRODUCTION, Tier.TEST, Tier.SANDBOX],
            ["*.zuora.com", "rest.apisandbox.zuora.com"],
        ),
    ]
    holiday = Flag(
        code=FlagCode.HOLIDAY,
        severity=Severity.WARNING,
        origin=FlagOrigin.COMMENT,
        message="The window on 2018-09-03 falls on Labor Day (US).",
        question="Can the change on Labor Day move to a working day?",
        window_ids=["w-sep03"],
        evidence=[
            Evidence(
                line=120,
                text="Also, September 3rd is Labor Day, and there will be "
                "massive problems with scheduling changes of this nature on that day",
            )
        ],
    )
    notice = Notice(
        id="zuora-0123456789ab",
        title="Re: [ACTION REQUIRED]: Maintenance to Update SSL Certificate for zuora.com, "
        "connect.zuora.com,",
        vendor="zuora",
        source="data/notices/zuora-ssl-certificate-2018.txt",
        deadline=date(2018, 10, 10),
        fingerprint="0" * 64,
    )
    return Schedule(
        notice=notice,
        windows=[body, *replies],
        hosts_excluded=["sandbox.eu.zuora.com"],
        bundles=[
            Bundle(file="zuora-com-root.cer", hosts=["*.zuora.com"]),
            Bundle(file="AddTrustExternalCARoot.crt", alias="Zuora-AddTrustExternalCARoot.crt"),
        ],
        flags=[holiday],
    )
