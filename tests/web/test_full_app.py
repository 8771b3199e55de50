"""The assembled app serves pages, feeds and the health check side by side."""

from __future__ import annotations

from starlette.testclient import TestClient

from bot.settings import Settings
from bot.store import Store
from bot.store_records import SubscriptionFilters
from bot.web.app import create_app

NOTICE_ID = "zuora-4b64c18844e3"


def test_app_serves_page_feed_and_health(store: Store) -> None:
    subscription = store.add_subscription(SubscriptionFilters(vendor="zuora"))
    client = TestClient(create_app(Settings(), store), base_url="http://127.0.0.1")

    assert client.get("/healthz").status_code == 200
    page = client.get(f"/notices/{NOTICE_ID}")
    assert page.status_code == 200
    assert "2018-10-10" in page.text
    assert subscription.token not in page.text
    assert subscription.token not in client.get("/").text

    feed = client.get(f"/calendars/{subscription.token}.ics")
    assert feed.status_code == 200
    assert feed.headers["content-type"] == "text/calendar; charset=utf-8"
