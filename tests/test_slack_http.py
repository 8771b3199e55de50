"""The slash command over real HTTP: signed requests to the app on loopback, Web API faked."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

import httpx
import pytest
from slack_sdk.signature import SignatureVerifier
from starlette.applications import Starlette

from bot.settings import Settings
from bot.slack.app import SlackSecrets, create_bolt_app
from bot.slack.blocks import MAX_BLOCKS, MAX_TEXT
from bot.slack.http import EVENTS_PATH, slack_route
from bot.store import Store
from parsers.models import Flag, FlagCode, FlagOrigin, Schedule, Severity, Window
from tests.slack_support import (
    FakeSlackApi,
    RecordedCall,
    serve_on_loopback,
    store_case,
    store_edit,
)

SIGNING_SECRET = "test-signing-secret"
BOT_TOKEN = "xoxb-test-token"
# Between the replies' Sep 5 and Sep 12 windows, before the notice's own Oct 10 window.
NOW = datetime(2018, 9, 6, 12, 0, tzinfo=UTC)
MAIN_CASE = "zuora-ssl-certificate-2018"


@dataclass
class SlackHarness:
    """The running app, its fake Web API and the store behind it."""

    url: str
    fake: FakeSlackApi
    store: Store
    settings: Settings
    main: Schedule
    sandbox: Schedule

    def post(
        self, body: str, *, timestamp: int | None = None, secret: str = SIGNING_SECRET
    ) -> httpx.Response:
        stamp = str(int(time.time()) if timestamp is None else timestamp)
        signature = SignatureVerifier(secret).generate_signature(timestamp=stamp, body=body)
        assert signature is not None
        headers = {
            "X-Slack-Request-Timestamp": stamp,
            "X-Slack-Signature": signature,
            "Content-Type": "application/x-www-form-urlencoded",
        }
        return httpx.post(self.url + EVENTS_PATH, content=body, headers=headers, timeout=10)

    def command(self, text: str, name: str = "hook", channel: str = "C1") -> RecordedCall:
        """Send the slash command, check the ack and return the reply posted to its response URL."""
        body = urlencode(
            {
                "command": "/notices",
                "text": text,
                "channel_id": channel,
                "user_id": "U1",
                "team_id": "T1",
                "response_url": self.fake.response_url(name),
                "trigger_id": "1.2",
            }
        )
        response = self.post(body)
        assert response.status_code == 200, response.text
        replies = self.fake.wait_for(f"/response/{name}")
        assert len(replies) == 1, replies
        return replies[0]


@pytest.fixture
def harness(tmp_path: Path) -> Iterator[SlackHarness]:
    store = Store.open(f"sqlite:///{tmp_path / 'store.db'}")
    main = store_case(store, MAIN_CASE)
    sandbox = store_case(store, "zuora-sandbox-maintenance-may-2023")
    with FakeSlackApi() as fake:
        settings = Settings(slack_api_url=fake.api_url, public_base_url="https://bot.example.test")
        app = create_bolt_app(settings, store, SlackSecrets(BOT_TOKEN, SIGNING_SECRET), lambda: NOW)
        with serve_on_loopback(Starlette(routes=[slack_route(app)])) as url:
            yield SlackHarness(url, fake, store, settings, main, sandbox)
    store.close()


def moved(window: Window, days: int) -> Window:
    """Return the window `days` later."""
    assert isinstance(window.start, datetime) and isinstance(window.end, datetime)
    return window.model_copy(
        update={
            "start": window.start + timedelta(days=days),
            "end": window.end + timedelta(days=days),
        }
    )


def item_with(call: RecordedCall, needle: str) -> str:
    """Return the one section of the reply whose text contains `needle`."""
    found = [
        block["text"]["text"]
        for block in call.payload["blocks"]
        if block["type"] == "section" and needle in block["text"]["text"]
    ]
    assert len(found) == 1, found
    return str(found[0])


def block_texts(call: RecordedCall) -> str:
    """Join every text of the reply's blocks, in order."""
    parts: list[str] = []
    for block in call.payload["blocks"]:
        if "text" in block:
            parts.append(block["text"]["text"])
        for element in block.get("elements", []):
            parts.append(
                element["text"]["text"] if element.get("type") == "button" else element["text"]
            )
    return "\n".join(parts)


OCTOBER_10 = "<!date^1539158400^{date_short_pretty} {time}|2018-10-10 08:00 UTC>"


def test_affects_lists_october_window_and_bundles(harness: SlackHarness) -> None:
    reply = harness.command("affects rest.zuora.com")
    text = block_texts(reply)
    # 2018-10-10 01:00 PDT is 08:00 UTC, epoch 1539158400; *.zuora.com covers rest.zuora.com.
    assert OCTOBER_10 in text
    assert "*Bundles to install:*" in text
    assert "`zuora-com-root.cer`" in text
    assert "`COMODORSACa.crt`" in text
    assert reply.payload["response_type"] == "ephemeral"


def test_affects_marks_past_windows(harness: SlackHarness) -> None:
    reply = harness.command("affects rest.zuora.com")
    september_5 = item_with(reply, "2018-09-05 14:00 UTC")
    september_12 = item_with(reply, "2018-09-12 14:00 UTC")
    october_10 = item_with(reply, "2018-10-10 08:00 UTC")
    assert "_(past; quoted in a reply, not the vendor's schedule)_" in september_5
    assert "_(quoted in a reply, not the vendor's schedule)_" in september_12
    assert "past" not in october_10


def test_affects_unknown_host_says_none(harness: SlackHarness) -> None:
    text = block_texts(harness.command("affects billing.example.com"))
    assert "No tracked window covers `billing.example.com`." in text
    assert "Bundles to install" not in text


def test_affects_without_host_gets_help(harness: SlackHarness) -> None:
    text = block_texts(harness.command("affects"))
    assert "affects needs exactly one host name" in text
    assert "/notices subscribe [filter]" in text


def test_next_lists_notice_windows_soonest_first(harness: SlackHarness) -> None:
    reply = harness.command("next")
    sections = [
        block["text"]["text"] for block in reply.payload["blocks"] if block["type"] == "section"
    ]
    assert len(sections) == 3
    assert OCTOBER_10 in sections[0]
    assert "2023-05-06 23:00 UTC" in sections[1]
    assert "2023-05-07 02:00 UTC" in sections[2]
    assert "quoted in a reply" not in block_texts(reply)


def test_next_filters_by_environment_and_host(harness: SlackHarness) -> None:
    # *.zuora.com of the Oct 10 window covers one label only, so not eu.sandbox.zuora.com.
    by_host = harness.command("next host=eu.sandbox.zuora.com", name="host")
    sections = [block for block in by_host.payload["blocks"] if block["type"] == "section"]
    assert len(sections) == 1
    assert "2023-05-06 23:00 UTC" in sections[0]["text"]["text"]
    by_tier = harness.command("next production", name="tier")
    tier_sections = [block for block in by_tier.payload["blocks"] if block["type"] == "section"]
    assert len(tier_sections) == 1
    assert OCTOBER_10 in tier_sections[0]["text"]["text"]


def test_next_unknown_environment_gets_help(harness: SlackHarness) -> None:
    text = block_texts(harness.command("next environment=staging"))
    assert "invalid filter 'environment=staging': unknown environment" in text


def test_next_no_match_says_so(harness: SlackHarness) -> None:
    text = block_texts(harness.command("next vendor=stripe"))
    assert "No upcoming windows for vendor=stripe." in text


def test_schedule_named_notice(harness: SlackHarness) -> None:
    reply = harness.command("schedule update ssl certificate")
    sections = [block for block in reply.payload["blocks"] if block["type"] == "section"]
    text = block_texts(reply)
    # Five windows plus the bundle section.
    assert len(sections) == 6
    assert "Not changing: sandbox.eu.zuora.com" in text
    assert reply.payload["blocks"][0]["text"]["text"].startswith("Re: [ACTION REQUIRED]")


def test_schedule_without_notice_lists_notices(harness: SlackHarness) -> None:
    text = block_texts(harness.command("schedule"))
    assert "Name the notice, such as `/notices schedule ID`." in text
    assert f"id `{harness.sandbox.notice.id}`" in text
    assert f"id `{harness.main.notice.id}`" in text


def test_schedule_unknown_notice_says_so(harness: SlackHarness) -> None:
    text = block_texts(harness.command("schedule nothing-like-this"))
    assert "No tracked notice matches `nothing-like-this`." in text


def test_flags_lists_codes_and_questions(harness: SlackHarness) -> None:
    reply = harness.command("flags ssl certificate")
    holiday = item_with(reply, "`holiday`")
    assert holiday.startswith("*warning* `holiday` (comment): ")
    assert "2018-09-03" in holiday
    assert "\nAsk the vendor: " in holiday
    assert "`schedule_conflict` (both)" in block_texts(reply)


def test_diff_shows_last_change_report(harness: SlackHarness) -> None:
    store_edit(
        harness.store,
        harness.main,
        "moved",
        windows=[moved(harness.main.windows[0], 7), *harness.main.windows[1:]],
    )
    text = block_texts(harness.command("diff ssl certificate"))
    assert "Changed windows (1, 1 re-dated):" in text
    assert "was 2018-10-10 08:00 UTC -&gt; 2018-10-10 18:00 UTC" in text
    assert "now 2018-10-17 08:00 UTC -&gt; 2018-10-17 18:00 UTC" in text


def test_diff_with_one_version_says_so(harness: SlackHarness) -> None:
    text = block_texts(harness.command(f"diff {harness.sandbox.notice.id}"))
    assert "Only one version is stored, so nothing changed yet." in text


def test_list_shows_tracked_notices(harness: SlackHarness) -> None:
    reply = harness.command("list")
    sections = [block for block in reply.payload["blocks"] if block["type"] == "section"]
    assert len(sections) == 2
    assert "Maintenance to Update SSL Certificate" in block_texts(reply)


def test_subscribe_stores_filter_and_links_feed(harness: SlackHarness) -> None:
    text = block_texts(harness.command("subscribe vendor=zuora production", channel="C77"))
    subscriptions = harness.store.subscriptions()
    assert len(subscriptions) == 1
    assert subscriptions[0].channel == "C77"
    assert subscriptions[0].filters.vendor == "zuora"
    assert subscriptions[0].filters.environment == "production"
    assert subscriptions[0].filters.host is None
    token = subscriptions[0].token
    assert f"<webcal://bot.example.test/calendars/{token}.ics|subscribe in your calendar>" in text


def test_unsubscribe_removes_channel_subscriptions(harness: SlackHarness) -> None:
    harness.command("subscribe", name="first", channel="C5")
    harness.command("subscribe host=rest.zuora.com", name="second", channel="C5")
    harness.command("subscribe", name="other", channel="C6")
    text = block_texts(harness.command("unsubscribe", name="leave", channel="C5"))
    assert "Removed 2 subscriptions" in text
    assert [item.channel for item in harness.store.subscriptions()] == ["C6"]


def test_help_lists_subcommands(harness: SlackHarness) -> None:
    text = block_texts(harness.command("help"))
    for name in [
        "next",
        "schedule",
        "affects HOST",
        "flags",
        "diff",
        "list",
        "subscribe",
        "unsubscribe",
    ]:
        assert f"`/notices {name}" in text


def test_unknown_subcommand_gets_help(harness: SlackHarness) -> None:
    text = block_texts(harness.command("frobnicate now"))
    assert "Unknown subcommand 'frobnicate'." in text
    assert "`/notices affects HOST`" in text


def test_empty_text_gets_help(harness: SlackHarness) -> None:
    text = block_texts(harness.command(""))
    assert "`/notices next [filter]`" in text


def test_share_word_posts_in_channel(harness: SlackHarness) -> None:
    reply = harness.command("affects rest.zuora.com share")
    assert reply.payload["response_type"] == "in_channel"
    assert "Share in channel" not in block_texts(reply)


def test_share_button_posts_in_channel(harness: SlackHarness) -> None:
    first = harness.command("affects rest.zuora.com")
    button = first.payload["blocks"][-1]["elements"][0]
    payload = {
        "type": "block_actions",
        "user": {"id": "U1"},
        "channel": {"id": "C1"},
        "team": {"id": "T1"},
        "response_url": harness.fake.response_url("shared"),
        "trigger_id": "1.3",
        "api_app_id": "A1",
        "token": "legacy",
        "container": {"type": "message"},
        "actions": [
            {
                "type": "button",
                "action_id": button["action_id"],
                "block_id": "b",
                "value": button["value"],
                "action_ts": "1",
            }
        ],
    }
    response = harness.post(urlencode({"payload": json.dumps(payload)}))
    assert response.status_code == 200
    shared = harness.fake.wait_for("/response/shared")
    assert len(shared) == 1
    assert shared[0].payload["response_type"] == "in_channel"
    assert OCTOBER_10 in block_texts(shared[0])


def test_bad_signature_is_rejected(harness: SlackHarness) -> None:
    body = urlencode(
        {"command": "/notices", "text": "list", "response_url": harness.fake.response_url()}
    )
    response = harness.post(body, secret="wrong-secret")
    assert response.status_code == 401
    assert harness.fake.calls_to("/response/hook") == []


def test_old_timestamp_is_rejected(harness: SlackHarness) -> None:
    body = urlencode(
        {"command": "/notices", "text": "list", "response_url": harness.fake.response_url()}
    )
    response = harness.post(body, timestamp=int(time.time()) - 6 * 60)
    assert response.status_code == 401
    assert harness.fake.calls_to("/response/hook") == []


def test_subscribe_two_hosts_rejected(harness: SlackHarness) -> None:
    text = block_texts(harness.command("subscribe host=rest.zuora.com,www.zuora.com"))
    assert "a subscription takes one value per key" in text
    assert harness.store.subscriptions() == []


def test_long_reply_stays_within_block_limit(harness: SlackHarness) -> None:
    template = harness.sandbox.windows[0]
    windows = [moved(template, index) for index in range(80)]
    store_edit(harness.store, harness.sandbox, "eighty", windows=windows)
    reply = harness.command(f"schedule {harness.sandbox.notice.id}")
    blocks = reply.payload["blocks"]
    # Header and notice line, 46 windows, the note, the share button: 50 blocks.
    assert len(blocks) == MAX_BLOCKS
    assert (
        blocks[-2]["elements"][0]["text"]
        == "34 more items left out; narrow the request with a filter."
    )


def test_long_text_stays_within_character_limit(harness: SlackHarness) -> None:
    flag = Flag(
        code=FlagCode.HOLIDAY, severity=Severity.INFO, origin=FlagOrigin.NOTICE, message="x" * 5000
    )
    store_edit(harness.store, harness.sandbox, "long", flags=[flag])
    reply = harness.command(f"flags {harness.sandbox.notice.id}")
    item = item_with(reply, "xxx")
    assert len(item) <= MAX_TEXT
    # "*info* `holiday` (notice): " is 27 characters; 2960 of 5027 are kept.
    assert item.endswith("\n… 2067 characters left out")
