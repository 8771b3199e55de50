"""Measure how fast `noticewatch serve` acknowledges slash commands under concurrent load.

Starts `noticewatch serve` on a loopback port with the bundled notice stored and the Web API
and response URLs pointed at a local fake, then sends ROUNDS rounds of 50 concurrent signed
`/notices affects rest.zuora.com` requests. Prints p50 and p99 of the time to the HTTP response
(the ack), which Slack requires within 3 seconds; the target here is p99 <= 300 ms.
A round of plain `GET /healthz` requests runs first as a baseline for the server and client
alone. Run from the repository root: `.venv/bin/python bench/slack_ack_latency.py`.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from multiprocessing.connection import Connection
from multiprocessing.synchronize import Event
from pathlib import Path
from urllib.parse import urlencode

import httpx
from slack_sdk.signature import SignatureVerifier

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.store import Store  # noqa: E402
from parsers import parse_file  # noqa: E402
from tests.slack_support import FakeSlackApi, free_port, wait_until_healthy  # noqa: E402

NOTICE = ROOT / "data" / "notices" / "zuora-ssl-certificate-2018.txt"
SECRET = "bench-signing-secret"
CONCURRENCY = 50
ROUNDS = 10
TARGET_P99_MS = 300.0


class FakeSlackApiAddress:
    """The URLs of a fake Slack API that runs in another process."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.api_url = f"{base_url}/api/"

    def response_url(self, name: str) -> str:
        return f"{self.base_url}/response/{name}"


def _signed_request(fake: FakeSlackApiAddress, number: int) -> tuple[str, dict[str, str]]:
    body = urlencode(
        {
            "command": "/notices",
            "text": "affects rest.zuora.com",
            "channel_id": "C1",
            "user_id": "U1",
            "response_url": fake.response_url(f"r{number}"),
        }
    )
    stamp = str(int(time.time()))
    headers = {
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": SignatureVerifier(SECRET).generate_signature(
            timestamp=stamp, body=body
        ),
        "Content-Type": "application/x-www-form-urlencoded",
    }
    return body, headers


async def _round(
    client: httpx.AsyncClient, url: str, fake: FakeSlackApiAddress, first: int
) -> list[float]:
    async def one(number: int) -> float:
        body, headers = _signed_request(fake, number)
        started = time.perf_counter()
        if url.endswith("/healthz"):
            response = await client.get(url)
        else:
            response = await client.post(url, content=body, headers=headers)
        elapsed = time.perf_counter() - started
        if response.status_code != 200:
            raise RuntimeError(f"request {number} failed with HTTP {response.status_code}")
        return elapsed

    return list(await asyncio.gather(*(one(first + index) for index in range(CONCURRENCY))))


async def _measure(url: str, fake: FakeSlackApiAddress) -> list[float]:
    limits = httpx.Limits(max_connections=CONCURRENCY)
    samples: list[float] = []
    async with httpx.AsyncClient(limits=limits, timeout=30) as client:
        await _round(client, url, fake, -CONCURRENCY)  # warm-up, not counted
        for round_number in range(ROUNDS):
            samples += await _round(client, url, fake, round_number * CONCURRENCY)
    return samples


def _serve_fake(ready: Connection, stop: Event) -> None:
    """Run the fake Slack API in its own process, so that it takes no CPU time from the client."""
    with FakeSlackApi() as fake:
        ready.send(fake.base_url)
        stop.wait()
        ready.send(len(fake.calls_to("/response/r0")))


def main() -> int:
    context = multiprocessing.get_context("fork")
    parent_end, child_end = context.Pipe()
    stop = context.Event()
    fake_process = context.Process(target=_serve_fake, args=(child_end, stop), daemon=True)
    fake_process.start()
    fake = FakeSlackApiAddress(parent_end.recv())
    with tempfile.TemporaryDirectory() as folder:
        with Store.open(f"sqlite:///{Path(folder) / 'noticewatch.db'}") as store:
            store.add_version(
                parse_file(NOTICE), NOTICE.read_bytes(), stored_at=datetime(2018, 9, 1, tzinfo=UTC)
            )
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("NOTICEWATCH_", "SLACK_"))
        }
        env.update(
            {
                "NOTICEWATCH_DATA_DIR": folder,
                "NOTICEWATCH_SLACK_API_URL": fake.api_url,
                "NOTICEWATCH_NOW": "2018-09-06T12:00:00Z",
                "SLACK_BOT_TOKEN": "xoxb-bench",
                "SLACK_SIGNING_SECRET": SECRET,
            }
        )
        port = free_port()
        command = [sys.executable, "-m", "bot.cli", "-q", "serve", "--port", str(port)]
        process = subprocess.Popen(
            command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        base = f"http://127.0.0.1:{port}"
        try:
            if not wait_until_healthy(base, process, seconds=30):
                raise RuntimeError("noticewatch serve did not start")
            baseline = asyncio.run(_measure(f"{base}/healthz", fake))
            samples = asyncio.run(_measure(f"{base}/slack/events", fake))
        finally:
            process.terminate()
            process.wait(30)
            stop.set()
            answered = int(parent_end.recv())
            fake_process.join(30)

    print(f"{ROUNDS} rounds of {CONCURRENCY} concurrent requests each, after one warm-up round")
    print(f"{'endpoint':32} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    p99 = 0.0
    for label, values in (
        ("GET /healthz (baseline)", baseline),
        ("POST /slack/events (ack)", samples),
    ):
        milliseconds = sorted(value * 1000 for value in values)
        p99 = statistics.quantiles(milliseconds, n=100)[98]
        print(
            f"{label:32} {statistics.median(milliseconds):8.1f} {p99:8.1f} {milliseconds[-1]:8.1f}"
        )
    print(f"target: ack p99 <= {TARGET_P99_MS:.0f} ms")
    print(f"first measured reply reached its response URL: {'yes' if answered else 'no'}")
    return 0 if p99 <= TARGET_P99_MS else 1


if __name__ == "__main__":
    sys.exit(main())
