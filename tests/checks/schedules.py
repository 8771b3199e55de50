"""The windows of the 2018 certificate notice, worked out by hand from its text.

The first version (zuora-ssl-certificate-2018-v1) lists four windows at 7:00 AM PDT (UTC-7,
14:00Z). The edited real page has one window on October 10th from 1 AM to 11 AM PT (PDT,
08:00Z-18:00Z), and its replies quote the four earlier windows.
"""

from __future__ import annotations

from datetime import UTC, datetime

from parsers.models import Origin, Tier
from tests.checks.builders import WindowSpec

CONNECT_HOSTS = (
    "connect.zuora.com",
    "connect.eu.zuora.com",
    "connect.na.zuora.com",
    "*.apps.zuora.com",
    "*.apps.eu.zuora.com",
)
US_SANDBOX_HOSTS = (
    "sandbox.na.zuora.com",
    "static.sandbox.na.zuora.com",
    "rest.sandbox.na.zuora.com",
)
US_PRODUCTION_HOSTS = (
    "www.zuora.com",
    "static.na.zuora.com",
    "static.zuora.com",
    "zuora.com",
    "rest.na.zuora.com",
    "na.zuora.com",
    "rest.zuora.com",
    "api.zuora.com",
)
EU_HOSTS = (
    "eu.zuora.com",
    "soap.eu.zuora.com",
    "dataloader.eu.zuora.com",
    "zconnect.eu.zuora.com",
    "static.eu.zuora.com",
    "rest.eu.zuora.com",
    "aqua.eu.zuora.com",
)
MIXED_HOSTS = (
    "*.zuora.com",
    "rest.pt1.zuora.com",
    "rest.zuora.com",
    "rest.apisandbox.zuora.com",
    *EU_HOSTS,
    "origin-rest.zuora.com",
)


def at_utc(year: int, month: int, day: int, hour: int) -> datetime:
    return datetime(year, month, day, hour, tzinfo=UTC)


def first_version_windows(
    origin: Origin = Origin.NOTICE, lines: tuple[int, ...] = (26, 27, 28, 29)
) -> list[WindowSpec]:
    """Return the four windows of the first version, with their list lines."""
    return [
        WindowSpec(
            at_utc(2018, 8, 29, 14),
            [Tier.PRODUCTION],
            CONNECT_HOSTS,
            [lines[0]],
            origin,
            services=["Connect"],
        ),
        WindowSpec(at_utc(2018, 9, 3, 14), [Tier.SANDBOX], US_SANDBOX_HOSTS, [lines[1]], origin),
        WindowSpec(
            at_utc(2018, 9, 5, 14),
            [Tier.PRODUCTION],
            US_PRODUCTION_HOSTS,
            [lines[2]],
            origin,
            regions=["US"],
        ),
        WindowSpec(
            at_utc(2018, 9, 12, 14),
            [Tier.PRODUCTION, Tier.TEST, Tier.SANDBOX],
            MIXED_HOSTS,
            [lines[3]],
            origin,
            regions=["US"],
        ),
    ]


def october_window() -> WindowSpec:
    """Return the real page's single window: October 10th, 1 AM to 11 AM PDT."""
    return WindowSpec(
        at_utc(2018, 10, 10, 8),
        [Tier.PRODUCTION, Tier.SANDBOX, Tier.TEST],
        (*EU_HOSTS, "*.zuora.com", "rest.pt1.zuora.com"),
        [26],
        end=at_utc(2018, 10, 10, 18),
    )
