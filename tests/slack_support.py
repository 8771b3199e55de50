"""Test helpers for the Slack bot: a stand-in store, a fake Slack Web API and a loopback server."""

from __future__ import annotations

import json
import secrets
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import uvicorn
from starlette.types import ASGIApp

from bot.catalog import NoticeSummary, Subscription, WindowState
from bot.filters import WindowFilter
from parsers.ids import assign_window_ids, notice_id
from parsers.loaders import load_bytes
from parsers.models import (
    Bundle,
    Flag,
    FlagCode,
    FlagOrigin,
    Notice,
    Origin,
    Schedule,
    Severity,
    Status,
    Tier,
    Window,
)

CASES_DIR = Path(__file__).parent / "cases"
WAIT_SECONDS = 10.0


def _moment(text: str | None) -> datetime | Any:
    if text is None:
        return None
    if "T" in text:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    return datetime.fromisoformat(text).date()


def schedule_from_case(stem: str) -> Schedule:
    """Build the schedule a correct parse of a notice case gives, from its expected facts.

    The notice's title comes from the real loader; windows, bundles and flag codes come from
    STEM.expected.json, so these tests do not depend on the extraction being complete.
    """
    text_path = CASES_DIR / f"{stem}.txt"
    expected = json.loads((CASES_DIR / f"{stem}.expected.json").read_text(encoding="utf-8"))
    document, profile = load_bytes(text_path.read_bytes(), str(text_path), filename=text_path.name)
    nid = notice_id(profile.vendor, document.title, document.canonical_url, document.source)
    windows = [
        Window(
            id="",
            start=_moment(item["start"]),
            end=_moment(item["end"]),
            timezone=item["timezone"],
            all_day=item["start"] is not None and "T" not in item["start"],
            origin=Origin(item["origin"]),
            status=Status.SCHEDULED if item["start"] else Status.TENTATIVE,
            environments=[Tier(name) for name in item["environments"]],
            hosts=item["hosts"],
        )
        for item in expected["windows"]
    ]
    assign_window_ids(nid, windows)
    flags = []
    for code in expected["flags"]:
        name, _, origin = code.partition("@")
        flags.append(Flag(
            code=FlagCode(name), severity=Severity.WARNING, origin=FlagOrigin(origin or "both"),
            message=f"{name} raised for this notice", question=f"Please confirm the {name} case.",
        ))
    return Schedule(
        notice=Notice(id=nid, title=document.title or stem, vendor=expected["vendor"], source=str(text_path),
                      fingerprint=document.fingerprint),
        windows=windows,
        hosts_excluded=expected["hosts_excluded"],
        bundles=[Bundle(file=name) for name in expected["bundles"]],
        flags=flags,
    )


class MemoryStore:
    """A stand-in for the version store with the `NoticeStore` operations, kept in memory."""

    def __init__(self) -> None:
        self.schedules: dict[str, list[Schedule]] = {}
        self.states: dict[tuple[str, str], WindowState] = {}
        self.reports: dict[str, str] = {}
        self.subscription_list: list[Subscription] = []
        self.lock = threading.Lock()

    def put(self, schedule: Schedule, report: str | None = None) -> None:
        """Store a version; a window whose times or coverage changed gets the next sequence."""
        nid = schedule.notice.id
        previous = self.latest(nid)
        with self.lock:
            self.schedules.setdefault(nid, []).append(schedule)
            current = {window.id for window in schedule.windows}
            for window in schedule.windows:
                old = previous.window(window.id) if previous else None
                state = self.states.get((nid, window.id))
                changed = old is not None and old.model_dump() != window.model_dump()
                sequence = 0 if state is None else state.sequence + (1 if changed else 0)
                self.states[(nid, window.id)] = WindowState(nid, window.id, sequence, window.status)
            for key, state in list(self.states.items()):
                if key[0] == nid and key[1] not in current and state.status is not Status.CANCELLED:
                    self.states[key] = replace(state, sequence=state.sequence + 1, status=Status.CANCELLED)
            if report is not None:
                self.reports[nid] = report

    def notices(self) -> list[NoticeSummary]:
        stored = datetime(2018, 9, 1, tzinfo=UTC)
        return [
            NoticeSummary(nid, versions[-1].notice.title, versions[-1].notice.vendor,
                          versions[-1].notice.source, len(versions), stored)
            for nid, versions in self.schedules.items()
        ]

    def latest(self, notice_id: str) -> Schedule | None:
        versions = self.schedules.get(notice_id)
        return versions[-1] if versions else None

    def find_notice(self, text: str) -> str | None:
        needle = text.lower()
        for nid, versions in self.schedules.items():
            if needle == nid or needle in versions[-1].notice.title.lower():
                return nid
        return None

    def window_states(self, notice_id: str) -> list[WindowState]:
        return [state for key, state in self.states.items() if key[0] == notice_id]

    def last_change_report(self, notice_id: str) -> str | None:
        return self.reports.get(notice_id)

    def add_subscription(self, filters: WindowFilter, channel: str | None = None) -> Subscription:
        subscription = Subscription(f"s{len(self.subscription_list) + 1}", filters, channel,
                                    secrets.token_urlsafe(16))
        self.subscription_list.append(subscription)
        return subscription

    def subscriptions(self) -> list[Subscription]:
        return list(self.subscription_list)

    def remove_subscription(self, channel: str) -> int:
        before = len(self.subscription_list)
        self.subscription_list = [item for item in self.subscription_list if item.channel != channel]
        return before - len(self.subscription_list)


class MutableClock:
    """A clock the test moves by hand."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


@dataclass
class RecordedCall:
    """One request the fake Slack API received."""

    path: str
    payload: dict[str, Any]
    status: int


class FakeSlackApi:
    """A local Slack Web API and response-URL endpoint that records every call.

    `rate_limits[method] = n` answers the next n calls of that method with HTTP 429.
    """

    def __init__(self) -> None:
        self.calls: list[RecordedCall] = []
        self.rate_limits: dict[str, int] = {}
        self.changed = threading.Condition()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    @property
    def api_url(self) -> str:
        return f"{self.base_url}/api/"

    def response_url(self, name: str = "hook") -> str:
        return f"{self.base_url}/response/{name}"

    def calls_to(self, path: str) -> list[RecordedCall]:
        with self.changed:
            return [call for call in self.calls if call.path == path and call.status == 200]

    def wait_for(self, path: str, count: int = 1) -> list[RecordedCall]:
        """Wait until `count` successful calls reached `path`, then return them."""
        deadline = time.monotonic() + WAIT_SECONDS
        with self.changed:
            while True:
                found = [call for call in self.calls if call.path == path and call.status == 200]
                remaining = deadline - time.monotonic()
                if len(found) >= count or remaining <= 0:
                    return found
                self.changed.wait(remaining)

    def _record(self, path: str, payload: dict[str, Any]) -> int:
        method = path.rsplit("/", 1)[-1]
        with self.changed:
            status = 200
            if self.rate_limits.get(method, 0) > 0:
                self.rate_limits[method] -= 1
                status = 429
            self.calls.append(RecordedCall(path, payload, status))
            self.changed.notify_all()
            return status

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                del format, args

            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode("utf-8")
                if "json" in self.headers.get("Content-Type", ""):
                    payload = json.loads(raw or "{}")
                else:
                    payload = {key: values[0] for key, values in parse_qs(raw).items()}
                payload["_authorization"] = self.headers.get("Authorization", "")
                status = fake._record(self.path, payload)
                if status == 429:
                    self._send(429, b'{"ok": false, "error": "ratelimited"}', {"Retry-After": "0"})
                elif self.path.startswith("/response/"):
                    self._send(200, b"ok", {"Content-Type": "text/plain"})
                else:
                    body = {"ok": True, "user_id": "UBOT", "team_id": "T1", "ts": f"{len(fake.calls)}.0001"}
                    self._send(200, json.dumps(body).encode(), {"Content-Type": "application/json"})

            def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        return Handler

    def __enter__(self) -> FakeSlackApi:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@contextmanager
def serve_on_loopback(app: ASGIApp) -> Iterator[str]:
    """Run `app` with uvicorn in a thread on a free loopback port and yield its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + WAIT_SECONDS
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(WAIT_SECONDS)
        sock.close()
