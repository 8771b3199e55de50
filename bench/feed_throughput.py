"""Measure calendar feed throughput on loopback: full bodies and 304 Not Modified responses.

The script stores one notice with 100 windows in a fresh SQLite store, starts `noticewatch
serve` on a free 127.0.0.1 port in its own process, and sends requests from an httpx async
client with a fixed number in flight. Each round sends a fixed number of requests and stops
early at a time limit. It prints the median requests per second of the rounds for each mode,
the server's CPU time per request (which other load on the machine disturbs less than the
rate), and the load average, because a shared machine lowers every rate.

Run:  .venv/bin/python bench/feed_throughput.py [--rounds 5] [--requests 2000] [--concurrency 32]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

from bot.store import Store
from bot.store_records import SubscriptionFilters
from parsers.models import Notice, Origin, Schedule, Tier, Window

WINDOW_COUNT = 100
ROUND_TIME_LIMIT_SECONDS = 30.0
STARTUP_LIMIT_SECONDS = 30.0
TARGETS = {"full body": "200", "304": "500", "healthz": "-"}
"""Requests per second that the feed should reach on a 2-core machine. The health check has no
target: it shows what the HTTP server and client manage for a route that does no work."""


def hundred_window_schedule() -> Schedule:
    """Return a notice with 100 two-hour windows, one a week, in three zones."""
    zones = ["America/Los_Angeles", "Europe/Berlin", "UTC"]
    tiers = [Tier.PRODUCTION, Tier.SANDBOX, Tier.TEST]
    first = datetime(2026, 1, 6, 9, 0, tzinfo=UTC)
    windows = [
        Window(
            id=f"w-bench-{index:03d}",
            start=first + timedelta(weeks=index),
            end=first + timedelta(weeks=index, hours=2),
            timezone=zones[index % 3],
            all_day=False,
            origin=Origin.NOTICE,
            environments=[tiers[index % 3]],
            hosts=[f"api{index}.example.com", "*.example.com"],
        )
        for index in range(WINDOW_COUNT)
    ]
    notice = Notice(
        id="bench-notice", title="Weekly certificate rotation", vendor="generic",
        source="https://example.test/bench", fingerprint="b" * 64,
    )
    return Schedule(notice=notice, windows=windows)


def process_cpu_seconds(pid: int) -> float:
    """Return the user plus system CPU time a process has used, from /proc (Linux only)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(data_dir: Path, port: int) -> subprocess.Popen[bytes]:
    environment = {**os.environ, "NOTICEWATCH_DATA_DIR": str(data_dir)}
    command = [str(Path(sys.executable).parent / "noticewatch"), "-q", "serve", "--port", str(port)]
    server = subprocess.Popen(command, env=environment)
    deadline = time.monotonic() + STARTUP_LIMIT_SECONDS
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz").status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit(
        f"the server did not respond on 127.0.0.1:{port} within {STARTUP_LIMIT_SECONDS} s"
    )


async def run_round(
    url: str, headers: dict[str, str], requests: int, concurrency: int, expected: int
) -> float:
    """Send `requests` GETs with `concurrency` in flight; return the requests per second."""
    remaining = requests
    done = 0
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(limits=limits, headers=headers) as client:
        started = time.perf_counter()
        deadline = started + ROUND_TIME_LIMIT_SECONDS

        async def worker() -> None:
            nonlocal remaining, done
            while remaining > 0 and time.perf_counter() < deadline:
                remaining -= 1
                response = await client.get(url)
                if response.status_code != expected:
                    raise SystemExit(f"expected status {expected}, got {response.status_code}")
                done += 1

        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    return done / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="Rounds per mode.")
    parser.add_argument("--requests", type=int, default=2000, help="Requests per round.")
    parser.add_argument("--concurrency", type=int, default=32, help="Requests in flight.")
    options = parser.parse_args()

    load_before = f"{os.getloadavg()[0]:.1f}"
    data_dir = Path(tempfile.mkdtemp(prefix="noticewatch-bench-"))
    try:
        with Store.open(f"sqlite:///{data_dir / 'noticewatch.db'}") as store:
            stored_at = datetime(2026, 1, 1, tzinfo=UTC)
            store.add_version(hundred_window_schedule(), b"bench", stored_at=stored_at)
            token = store.add_subscription(SubscriptionFilters()).token
        port = free_port()
        server = start_server(data_dir, port)
        try:
            url = f"http://127.0.0.1:{port}/calendars/{token}.ics"
            first = httpx.get(url)
            etag = first.headers["etag"]
            health_url = f"http://127.0.0.1:{port}/healthz"
            modes = {
                "full body": (url, {}, 200),
                "304": (url, {"If-None-Match": etag}, 304),
                "healthz": (health_url, {}, 200),
            }
            results: dict[str, list[float]] = {mode: [] for mode in modes}
            server_cpu: dict[str, list[float]] = {mode: [] for mode in modes}
            for _ in range(options.rounds):
                for mode, (target, headers, status) in modes.items():
                    cpu_before = process_cpu_seconds(server.pid)
                    sent = run_round(
                        target, headers, options.requests, options.concurrency, status
                    )
                    results[mode].append(asyncio.run(sent))
                    used = process_cpu_seconds(server.pid) - cpu_before
                    server_cpu[mode].append(used * 1000 / options.requests)
        finally:
            server.terminate()
            server.wait()
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)

    print(f"feed of {WINDOW_COUNT} windows, body {len(first.content)} bytes; "
          f"{options.rounds} rounds of {options.requests} requests, "
          f"{options.concurrency} in flight, CPUs: {os.cpu_count()}")
    print(f"load average before: {load_before}; after: {os.getloadavg()[0]:.1f}")
    print(f"{'mode':<10} {'median req/s':>13} {'min':>8} {'max':>8} {'target':>8} "
          f"{'server CPU ms/req':>18}")
    for mode, rates in results.items():
        cpu = statistics.median(server_cpu[mode])
        print(f"{mode:<10} {statistics.median(rates):>13.0f} {min(rates):>8.0f} {max(rates):>8.0f} "
              f"{TARGETS[mode]:>8} {cpu:>18.2f}")


if __name__ == "__main__":
    main()
