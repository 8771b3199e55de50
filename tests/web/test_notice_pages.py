"""The notice list, notice page and version pages served from a real store."""

from __future__ import annotations

from datetime import UTC, datetime

import lxml.html  # type: ignore[import-untyped]  # lxml ships no type hints
from starlette.applications import Starlette
from starlette.testclient import TestClient

from bot.pages.html_shell import content_security_policy
from bot.settings import Settings
from bot.store import Store
from bot.store_records import SubscriptionFilters
from bot.web.notice_pages import notice_page_routes
from parsers import parse_text
from parsers.models import Severity
from tests.web.conftest import NOW

NOTICE_ID = "zuora-4b64c18844e3"
PAGE_TOKEN = "page-token-for-tests"


def client_for(store: Store, **settings: object) -> TestClient:
    routes = notice_page_routes(Settings(**settings), store, lambda: NOW)  # type: ignore[arg-type]
    return TestClient(Starlette(routes=routes), base_url="http://127.0.0.1")


def parse_page(text: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(text)


def notice_bar_starts(tree: lxml.html.HtmlElement) -> set[str]:
    return set(tree.xpath("//*[@class='row'][@data-origin='notice']//*[@class='bar']/@data-start"))


def test_index_lists_notice_with_next_window(store: Store) -> None:
    response = client_for(store).get("/")
    assert response.status_code == 200
    assert response.headers["content-security-policy"] == content_security_policy()

    tree = parse_page(response.text)
    row = tree.xpath(f"//tr[@data-notice-id='{NOTICE_ID}']")[0]
    assert row.xpath("td[1]/a/@href") == [f"/notices/{NOTICE_ID}"]
    next_window = row.xpath("string(td[@class='next-window'])")
    assert "2018-10-10 08:00 UTC -> 2018-10-10 18:00 UTC" in next_window
    assert "2018-10-10 01:00 PDT -> 2018-10-10 11:00 PDT" in next_window
    latest = store.latest(NOTICE_ID)
    assert latest is not None
    warnings = [flag for flag in latest.schedule.flags if flag.severity is Severity.WARNING]
    assert row.xpath("string(td[@class='flag-counts'])") == f"{len(warnings)} warnings"
    assert row.xpath("string(td[4])") == "2, 2018-09-07"


def test_index_no_next_window_after_october(store: Store) -> None:
    routes = notice_page_routes(Settings(), store, lambda: datetime(2018, 10, 11, tzinfo=UTC))
    client = TestClient(Starlette(routes=routes), base_url="http://127.0.0.1")
    tree = parse_page(client.get("/").text)
    assert tree.xpath("string(//td[@class='next-window'])") == "none upcoming"


def test_notice_page_shows_latest_version(store: Store) -> None:
    response = client_for(store).get(f"/notices/{NOTICE_ID}")
    assert response.status_code == 200

    tree = parse_page(response.text)
    assert notice_bar_starts(tree) == {"2018-10-10"}
    assert tree.xpath("//section[@id='versions']//li/@data-version") == ["2", "1"]
    changes = tree.xpath("string(//li[@data-version='2']/pre[@class='changes'])")
    assert "was 2018-09-12 14:00 UTC -> no end" in changes
    assert "now 2018-10-10 08:00 UTC -> 2018-10-10 18:00 UTC" in changes
    assert tree.xpath("//li[@data-version='1']/a/@href") == [f"/notices/{NOTICE_ID}/versions/1"]
    assert "Showing stored version" not in tree.xpath("string(//body)")


def test_version_page_shows_first_post(store: Store) -> None:
    response = client_for(store).get(f"/notices/{NOTICE_ID}/versions/1")
    assert response.status_code == 200

    tree = parse_page(response.text)
    assert notice_bar_starts(tree) == {"2018-08-29", "2018-09-03", "2018-09-05", "2018-09-12"}
    assert "Showing stored version 1." in tree.xpath("string(//body)")


def test_pages_unknown_notice_or_version(store: Store) -> None:
    client = client_for(store)
    missing = client.get("/notices/zuora-000000000000")
    assert missing.status_code == 404
    assert "No notice with id zuora-000000000000 is stored." in missing.text

    no_version = client.get(f"/notices/{NOTICE_ID}/versions/3")
    assert no_version.status_code == 404
    assert f"Notice {NOTICE_ID} has no version 3; it has versions 1 to 2." in no_version.text

    assert client.get(f"/notices/{NOTICE_ID}/versions/latest").status_code == 404


def test_pages_read_only(store: Store) -> None:
    client = client_for(store)
    assert client.post("/").status_code == 405
    assert client.post(f"/notices/{NOTICE_ID}").status_code == 405


def test_pages_never_show_feed_tokens(store: Store) -> None:
    subscription = store.add_subscription(
        SubscriptionFilters(vendor="zuora"), channel=None, created_at=NOW
    )
    client = client_for(store)
    for path in ("/", f"/notices/{NOTICE_ID}", f"/notices/{NOTICE_ID}/versions/1"):
        assert subscription.token not in client.get(path).text


def test_pages_require_configured_token(store: Store) -> None:
    client = client_for(store, web_access_token=PAGE_TOKEN)
    assert client.get("/").status_code == 401
    assert client.get(f"/notices/{NOTICE_ID}").status_code == 401
    assert client.get(f"/notices/{NOTICE_ID}/versions/1").status_code == 401

    bearer = {"Authorization": f"Bearer {PAGE_TOKEN}"}
    assert client.get(f"/notices/{NOTICE_ID}", headers=bearer).status_code == 200
    assert client.get("/", params={"token": PAGE_TOKEN}).status_code == 200


def test_notice_page_escapes_stored_notice(store: Store) -> None:
    text = (
        "Update <script>alert(1)</script> for <b>rest.zuora.com</b>\n\nZuora Staff\n\n"
        "We update the certificate of rest.zuora.com on October 10th, 2018 at 1AM PT.\n"
    )
    schedule = parse_text(text, source="hostile.txt")
    store.add_version(schedule, text.encode(), stored_at=NOW)

    tree = parse_page(client_for(store).get(f"/notices/{schedule.notice.id}").text)
    assert len(tree.xpath("//script")) == 1
    assert tree.xpath("//b") == []
    assert tree.findtext(".//h1") == "Update <script>alert(1)</script> for <b>rest.zuora.com</b>"
