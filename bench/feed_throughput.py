"""Measure calendar feed throughput on loopback: full bodies and 304 Not Modified responses.

The script stores one notice with 100 windows in a fresh SQLite store and starts `noticewatch
serve` on a free 127.0.0.1 port in its own process. Several client processes, each with an
httpx async client, keep a fixed number of requests in flight. Each round sends a fixed
number of requests and stops early at a time limit. It prints the median requests per second
of the rounds for each mode, the server's and the clients' CPU time per request (which other
load on the machine disturbs less than the rate), and the load average, because a shared
machine lowers every rate.

Run:  .venv/bin/python bench/feed_throughput.py [--rounds 5] [--requests 2000] [--clients 2]
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
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
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


@dataclass(frozen=True)
class RoundResult:
    """Outcome of one client process in a round: requests done, when, and its CPU time."""

    done: int
    started: float
    finished: float
    """time.monotonic() values, which all processes on one machine share."""
    cpu_seconds: float


async def send_requests(
    url: str, headers: dict[str, str], requests: int, concurrency: int, expected: int
) -> RoundResult:
    """Send `requests` GETs with `concurrency` in flight, stopping early at the time limit."""
    remaining = requests
    done = 0
    cpu_before = time.process_time()
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(limits=limits, headers=headers) as client:
        # The same prepared request is sent each time, so no request is built per send.
        request = client.build_request("GET", url)
        started = time.monotonic()
        deadline = started + ROUND_TIME_LIMIT_SECONDS

        async def worker() -> None:
            nonlocal remaining, done
            while remaining > 0 and time.monotonic() < deadline:
                remaining -= 1
                response = await client.send(request)
                if response.status_code != expected:
                    raise SystemExit(f"expected status {expected}, got {response.status_code}")
                done += 1

        await asyncio.gather(*(worker() for _ in range(concurrency)))
        finished = time.monotonic()
    return RoundResult(done, started, finished, time.process_time() - cpu_before)


def client_round(
    url: str, headers: dict[str, str], requests: int, concurrency: int, expected: int
) -> RoundResult:
    """Run one client's share of a round in this process."""
    return asyncio.run(send_requests(url, headers, requests, concurrency, expected))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="Rounds per mode.")
    parser.add_argument("--requests", type=int, default=2000, help="Requests per round.")
    parser.add_argument(
        "--concurrency", type=int, default=32, help="Requests in flight, over all clients."
    )
    parser.add_argument(
        "--clients", type=int, default=2,
        help="Client processes; one httpx client needs more CPU per request than the server.",
    )
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
            client_cpu: dict[str, list[float]] = {mode: [] for mode in modes}
            share = options.requests // options.clients
            in_flight = max(1, options.concurrency // options.clients)
            with ProcessPoolExecutor(max_workers=options.clients) as pool:
                for _ in range(options.rounds):
                    for mode, (target, headers, status) in modes.items():
                        cpu_before = process_cpu_seconds(server.pid)
                        jobs = [
                            pool.submit(client_round, target, headers, share, in_flight, status)
                            for _ in range(options.clients)
                        ]
                        parts = [job.result() for job in jobs]
                        server_used = process_cpu_seconds(server.pid) - cpu_before
                        done = sum(part.done for part in parts)
                        elapsed = max(p.finished for p in parts) - min(p.started for p in parts)
                        results[mode].append(done / elapsed)
                        server_cpu[mode].append(server_used * 1000 / done)
                        client_used = sum(part.cpu_seconds for part in parts)
                        client_cpu[mode].append(client_used * 1000 / done)
        finally:
            server.terminate()
            server.wait()
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)

    print(f"feed of {WINDOW_COUNT} windows, body {len(first.content)} bytes; "
          f"{options.rounds} rounds of {options.requests} requests, "
          f"{options.concurrency} in flight from {options.clients} client processes, "
          f"CPUs: {os.cpu_count()}")
    print(f"load average before: {load_before}; after: {os.getloadavg()[0]:.1f}")
    print(f"{'mode':<10} {'median req/s':>13} {'min':>8} {'max':>8} {'target':>8} "
          f"{'server CPU ms/req':>18} {'client CPU ms/req':>18}")
    for mode, rates in results.items():
        server_ms = statistics.median(server_cpu[mode])
        client_ms = statistics.median(client_cpu[mode])
        print(f"{mode:<10} {statistics.median(rates):>13.0f} {min(rates):>8.0f} {max(rates):>8.0f} "
              f"{TARGETS[mode]:>8} {server_ms:>18.2f} {client_ms:>18.2f}")


if __name__ == "__main__":
    main()
