"""Slack test helpers: stored notice cases, a fake Slack Web API and a loopback server."""

from __future__ import annotations

import hashlib
import json
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import httpx
import uvicorn
from starlette.types import ASGIApp

from bot.store import Store
from parsers import parse_file
from parsers.models import Schedule

CASES_DIR = Path(__file__).parent / "cases"
WAIT_SECONDS = 10.0
STORED_AT = datetime(2018, 9, 1, tzinfo=UTC)


def store_case(store: Store, stem: str) -> Schedule:
    """Parse a notice case and store it as a version, as `noticewatch add` does."""
    path = CASES_DIR / f"{stem}.txt"
    return store.add_version(parse_file(path), path.read_bytes(), stored_at=STORED_AT).schedule


def store_edit(store: Store, schedule: Schedule, edit: str, **changes: Any) -> Schedule:
    """Store a new version of `schedule` with `changes` (such as windows), like an edited page."""
    fingerprint = hashlib.sha256(f"{schedule.notice.fingerprint}-{edit}".encode()).hexdigest()
    notice = schedule.notice.model_copy(update={"fingerprint": fingerprint})
    changed = schedule.model_copy(update={"notice": notice, **changes})
    result = store.add_version(changed, edit.encode(), stored_at=STORED_AT)
    assert result.created
    return result.schedule


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

    `rate_limits[method] = n` makes the next n calls of that method get HTTP 429, and
    `errors[method] = code` makes every call of it get `{"ok": false, "error": code}`.
    """

    def __init__(self) -> None:
        self.calls: list[RecordedCall] = []
        self.rate_limits: dict[str, int] = {}
        self.errors: dict[str, str] = {}
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
                elif self.path.rsplit("/", 1)[-1] in fake.errors:
                    error = {"ok": False, "error": fake.errors[self.path.rsplit("/", 1)[-1]]}
                    self._send(
                        200, json.dumps(error).encode(), {"Content-Type": "application/json"}
                    )
                elif self.path.startswith("/response/"):
                    self._send(200, b"ok", {"Content-Type": "text/plain"})
                else:
                    body = {
                        "ok": True,
                        "user_id": "UBOT",
                        "team_id": "T1",
                        "ts": f"{len(fake.calls)}.0001",
                    }
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


def free_port() -> int:
    """Return a loopback TCP port that was free a moment ago."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_healthy(
    url: str, process: subprocess.Popen[bytes], seconds: float = WAIT_SECONDS
) -> bool:
    """Poll `url`/healthz until it returns 200; False when the process exits or time runs out."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return True
        except httpx.TransportError:
            time.sleep(0.05)
    return False


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
