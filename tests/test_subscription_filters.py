"""Subscription filters select windows by the same host rules as feeds and Slack."""

from __future__ import annotations

from bot.store_records import SubscriptionFilters
from parsers.models import Origin, Window


def _window(hosts: list[str]) -> Window:
    return Window(id="w-1", start=None, end=None, timezone=None, all_day=False,
                  origin=Origin.NOTICE, hosts=hosts)


def test_host_filter_accepts_certificate_wildcard() -> None:
    assert SubscriptionFilters(host="rest.zuora.com").matches("zuora", _window(["*.zuora.com"]))


def test_host_filter_rejects_two_labels_under_wildcard() -> None:
    assert not SubscriptionFilters(host="soap.eu.zuora.com").matches("zuora", _window(["*.zuora.com"]))


def test_host_filter_rejects_vendor_phrase_only() -> None:
    window = _window(["<anything>*zuora.com"])
    assert not SubscriptionFilters(host="rest.apisandbox.zuora.com").matches("zuora", window)
