"""The notice page in headless Chromium, served over loopback by uvicorn."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import ConsoleMessage, sync_playwright
from starlette.applications import Starlette

from bot.settings import Settings
from bot.store import Store
from bot.web.notice_pages import notice_page_routes
from tests.web.conftest import NOW

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
NOTICE_ID = "zuora-4b64c18844e3"


def require_chromium() -> None:
    """Skip without Debian's chromium, except under CI, where its absence is a failure."""
    if CHROMIUM.exists():
        return
    message = f"{CHROMIUM} is missing; install it with apt-get install chromium"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture
def server_url(store: Store) -> Iterator[str]:
    """Serve the pages of the stored real notice with uvicorn on a free loopback port."""
    app = Starlette(routes=notice_page_routes(Settings(), store, lambda: NOW))
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            pytest.fail("uvicorn stopped before it started serving")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}/notices/{NOTICE_ID}"
    server.should_exit = True
    thread.join()
    listener.close()


def test_browser_shows_rows_bars_and_labor_day(server_url: str, tmp_path: Path) -> None:
    require_chromium()
    console: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1024, "height": 900})
        page.on("console", lambda message: console.append(_console_text(message)))
        response = page.goto(server_url)
        assert response is not None
        assert response.status == 200

        notice_rows = page.locator("svg.timeline g.row[data-origin='notice']")
        tiers = {
            notice_rows.nth(index).get_attribute("data-tier")
            for index in range(notice_rows.count())
        }
        assert tiers == {"production", "sandbox", "test"}
        labels = page.locator("g.row[data-origin='notice'] text.row-label").all_text_contents()
        assert "production · US-DC" in labels
        assert "sandbox · US-DC" in labels
        assert "test · US-DC" in labels
        for tier in ("production", "sandbox", "test"):
            row = page.locator(
                f"g.row[data-origin='notice'][data-tier='{tier}'][data-region='US-DC']"
            )
            bars = row.locator("g.bar")
            assert bars.count() == 1
            assert bars.first.get_attribute("data-start") == "2018-10-10"
            assert bars.first.bounding_box() is not None

        reply_sandbox = page.locator(
            "g.row[data-origin='comment'][data-tier='sandbox'][data-region='US-CLOUD']"
        )
        labor_day = reply_sandbox.locator("rect.holiday[data-date='2018-09-03']")
        assert labor_day.count() == 1
        assert "Labor Day (US)" in labor_day.locator("title").text_content()  # type: ignore[operator]
        assert reply_sandbox.locator("g.holiday-mark[data-date='2018-09-03']").count() == 1

        local_time = page.locator("[data-local-time='2018-10-10T08:00:00Z']").first
        assert local_time.text_content() != "local time needs JavaScript"

        screenshot = tmp_path / "notice-page.png"
        page.screenshot(path=str(screenshot), full_page=True)
        browser.close()

    assert screenshot.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert [text for text in console if "Content Security Policy" in text] == []


def test_browser_phone_width_no_page_overflow(server_url: str, tmp_path: Path) -> None:
    require_chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
        page.goto(server_url)
        page_width = page.evaluate("document.documentElement.scrollWidth")
        timeline_box = page.locator("div.scroll").bounding_box()
        page.screenshot(path=str(tmp_path / "notice-page-phone.png"))
        browser.close()

    assert page_width <= 390
    assert timeline_box is not None
    assert timeline_box["width"] <= 390


def _console_text(message: ConsoleMessage) -> str:
    return f"{message.type}: {message.text}"
