"""Change reports posted to subscribed channels when a stored version changes the schedule."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import cli
from bot.reports import ChangeReporter
from bot.settings import Settings
from bot.slack.app import create_web_client
from bot.store import Store
from bot.store_records import SubscriptionFilters
from parsers.models import Schedule, Window
from tests.slack_support import CASES_DIR, FakeSlackApi, store_case, store_edit

POST = "/api/chat.postMessage"


@dataclass
class ReportHarness:
    store: Store
    main: Schedule
    fake: FakeSlackApi


@pytest.fixture
def harness(tmp_path: Path) -> Iterator[ReportHarness]:
    store = Store.open(f"sqlite:///{tmp_path / 'store.db'}")
    with FakeSlackApi() as fake:
        client = create_web_client(Settings(slack_api_url=fake.api_url), "xoxb-test")
        store.add_listener(ChangeReporter(store, client))
        store.add_subscription(SubscriptionFilters(environment="production"), "C-prod")
        store.add_subscription(SubscriptionFilters(vendor="stripe"), "C-stripe")
        store.add_subscription(SubscriptionFilters(host="rest.zuora.com"), "C-rest")
        store.add_subscription(SubscriptionFilters(), None)
        main = store_case(store, "zuora-ssl-certificate-2018")
        yield ReportHarness(store, main, fake)
    store.close()


def redated(schedule: Schedule, days: int) -> list[Window]:
    window = schedule.windows[0]
    assert isinstance(window.start, datetime) and isinstance(window.end, datetime)
    later = window.model_copy(
        update={
            "start": window.start + timedelta(days=days),
            "end": window.end + timedelta(days=days),
        }
    )
    return [later, *schedule.windows[1:]]


def test_first_version_posts_nothing(harness: ReportHarness) -> None:
    assert harness.fake.calls_to(POST) == []


def test_schedule_change_posts_to_matching_channels(harness: ReportHarness) -> None:
    store_edit(harness.store, harness.main, "moved", windows=redated(harness.main, 7))
    posts = harness.fake.calls_to(POST)
    assert [call.payload["channel"] for call in posts] == ["C-prod", "C-rest"]
    assert posts[0].payload["text"].startswith("Schedule changed: Re: [ACTION REQUIRED]")
    assert posts[0].payload["text"].endswith("(version 2)")
    report = posts[0].payload["blocks"]
    assert "now 2018-10-17 08:00 UTC -&gt; 2018-10-17 18:00 UTC" in str(report)


def test_removed_window_reported_to_its_channels(harness: ReportHarness) -> None:
    # The new version keeps only reply-quoted windows; the channels of the removed one hear of it.
    store_edit(harness.store, harness.main, "removed", windows=harness.main.windows[1:])
    channels = [call.payload["channel"] for call in harness.fake.calls_to(POST)]
    assert channels == ["C-prod", "C-rest"]


def test_flag_only_change_posts_nothing(harness: ReportHarness) -> None:
    store_edit(harness.store, harness.main, "flags", flags=harness.main.flags[1:])
    assert harness.fake.calls_to(POST) == []


def test_failed_post_keeps_version(harness: ReportHarness) -> None:
    harness.fake.errors["chat.postMessage"] = "channel_not_found"
    store_edit(harness.store, harness.main, "moved", windows=redated(harness.main, 7))
    latest = harness.store.latest(harness.main.notice.id)
    assert latest is not None
    assert latest.number == 2
    assert len(harness.fake.calls_to(POST)) == 2


def test_add_command_posts_report(tmp_path: Path) -> None:
    """`noticewatch add` of the edited page posts the report; the first version posts nothing."""
    with Store.open(f"sqlite:///{tmp_path / 'noticewatch.db'}") as store:
        store.add_subscription(SubscriptionFilters(vendor="zuora"), "C-ops")
    runner = CliRunner()
    with FakeSlackApi() as fake:
        env = {
            "NOTICEWATCH_DATA_DIR": str(tmp_path),
            "NOTICEWATCH_SLACK_API_URL": fake.api_url,
            "SLACK_BOT_TOKEN": "xoxb-add",
        }
        first = runner.invoke(
            cli, ["add", str(CASES_DIR / "zuora-ssl-certificate-2018-v1.txt")], env=env
        )
        assert first.exit_code == 0, first.output
        assert fake.calls_to(POST) == []
        edited = runner.invoke(
            cli, ["add", str(CASES_DIR / "zuora-ssl-certificate-2018.txt")], env=env
        )
        assert edited.exit_code == 0, edited.output
        posts = fake.calls_to(POST)
    assert [call.payload["channel"] for call in posts] == ["C-ops"]
    assert posts[0].payload["text"].endswith("(version 2)")
    assert "2018-10-10 08:00 UTC" in str(posts[0].payload["blocks"])


def test_add_without_token_posts_nothing(tmp_path: Path) -> None:
    with Store.open(f"sqlite:///{tmp_path / 'noticewatch.db'}") as store:
        store.add_subscription(SubscriptionFilters(vendor="zuora"), "C-ops")
    runner = CliRunner()
    with FakeSlackApi() as fake:
        env = {
            "NOTICEWATCH_DATA_DIR": str(tmp_path),
            "NOTICEWATCH_SLACK_API_URL": fake.api_url,
            "SLACK_BOT_TOKEN": "",
        }
        for stem in ["zuora-ssl-certificate-2018-v1", "zuora-ssl-certificate-2018"]:
            result = runner.invoke(cli, ["add", str(CASES_DIR / f"{stem}.txt")], env=env)
            assert result.exit_code == 0, result.output
        assert fake.calls == []
