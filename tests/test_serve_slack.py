"""`noticewatch serve` as a process: the bundled notice stored, Slack requests over loopback."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

import httpx
import pytest
from slack_sdk.signature import SignatureVerifier

from bot.reminders import ReminderScheduler
from bot.settings import Settings
from bot.slack.app import create_web_client
from bot.store import Store
from bot.store_records import SubscriptionFilters
from parsers import parse_file
from tests.slack_support import WAIT_SECONDS, FakeSlackApi, free_port, wait_until_healthy

REPO_ROOT = Path(__file__).parent.parent
BUNDLED_NOTICE = REPO_ROOT / "data" / "notices" / "zuora-ssl-certificate-2018.txt"
SIGNING_SECRET = "serve-signing-secret"


def command_environment(tmp_path: Path, fake: FakeSlackApi) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("NOTICEWATCH_", "SLACK_"))
    }
    env.update(
        {
            "NOTICEWATCH_DATA_DIR": str(tmp_path),
            "NOTICEWATCH_SLACK_API_URL": fake.api_url,
            # Half an hour after the 24-hour reminder of the 2018-10-10 08:00 UTC window was due.
            "NOTICEWATCH_NOW": "2018-10-09T08:30:00Z",
            "SLACK_BOT_TOKEN": "xoxb-serve",
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        }
    )
    return env


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, FakeSlackApi]]:
    """Store the bundled notice, plan its reminders a week ahead, then start the server."""
    tmp_path = tmp_path_factory.mktemp("serve")
    with FakeSlackApi() as fake, Store.open(f"sqlite:///{tmp_path / 'noticewatch.db'}") as store:
        store.add_version(
            parse_file(BUNDLED_NOTICE),
            BUNDLED_NOTICE.read_bytes(),
            stored_at=datetime(2018, 9, 1, tzinfo=UTC),
        )
        store.add_subscription(SubscriptionFilters(vendor="zuora"), "C-ops")
        client = create_web_client(Settings(slack_api_url=fake.api_url), "xoxb-serve")
        week_before = datetime(2018, 10, 3, tzinfo=UTC)
        planner = ReminderScheduler(
            store.engine, store, client, [168.0, 24.0, 1.0], lambda: week_before
        )
        planner.create_table()
        planner.sync()
    port = free_port()
    with FakeSlackApi() as fake:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "serve", "--port", str(port)],
            env=command_environment(tmp_path, fake),
            cwd=REPO_ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            if not wait_until_healthy(url, process):
                assert process.stderr is not None
                raise AssertionError(f"server did not start: {process.stderr.read().decode()}")
            yield url, fake
        finally:
            process.terminate()
            process.wait(WAIT_SECONDS)
            assert process.stderr is not None
            process.stderr.close()


def test_served_affects_answers_october_window(served: tuple[str, FakeSlackApi]) -> None:
    url, fake = served
    body = urlencode(
        {
            "command": "/notices",
            "text": "affects rest.zuora.com",
            "channel_id": "C-ops",
            "user_id": "U1",
            "response_url": fake.response_url("affects"),
        }
    )
    stamp = str(int(time.time()))
    signature = SignatureVerifier(SIGNING_SECRET).generate_signature(timestamp=stamp, body=body)
    response = httpx.post(
        f"{url}/slack/events",
        content=body,
        timeout=10,
        headers={
            "X-Slack-Request-Timestamp": stamp,
            "X-Slack-Signature": signature,
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    assert response.status_code == 200
    replies = fake.wait_for("/response/affects")
    assert len(replies) == 1
    text = str(replies[0].payload["blocks"])
    assert "<!date^1539158400^{date_short_pretty} {time}|2018-10-10 08:00 UTC>" in text
    assert "`zuora-com-root.cer`" in text
    assert "`COMODORSAExtendedValidationSecureServerCA.crt`" in text


def test_served_worker_posts_due_reminder(served: tuple[str, FakeSlackApi]) -> None:
    _, fake = served
    posts = fake.wait_for("/api/chat.postMessage")
    assert len(posts) == 1
    assert posts[0].payload["channel"] == "C-ops"
    assert "starts in 1 day" in posts[0].payload["text"]


def test_socket_mode_without_app_token_fails(tmp_path: Path) -> None:
    with FakeSlackApi() as fake:
        result = subprocess.run(
            [sys.executable, "-m", "bot.cli", "serve", "--socket-mode"],
            env=command_environment(tmp_path, fake),
            cwd=REPO_ROOT,
            capture_output=True,
            timeout=60,
        )
    assert result.returncode == 2
    assert result.stderr.decode().strip() == (
        "error: setting SLACK_APP_TOKEN: is not set in the environment; export the values from "
        "the Slack app's settings page (see docs/slack.md)"
    )


def test_unreachable_slack_api_fails_with_one_sentence(tmp_path: Path) -> None:
    with FakeSlackApi() as fake:
        environment = command_environment(tmp_path, fake)
    # The fake has stopped, so nothing listens at its address any more.
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "-q", "serve", "--port", str(free_port())],
        env=environment, cwd=REPO_ROOT, capture_output=True, timeout=60,
    )
    stderr = result.stderr.decode()
    assert result.returncode == 2
    assert "Traceback" not in stderr
    assert stderr.strip().splitlines()[-1].startswith(
        "error: setting SLACK_BOT_TOKEN: could not be checked with auth.test at "
    )
