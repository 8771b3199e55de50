"""Fetch notice pages over HTTP: conditional GET, timeouts, retries with backoff, per-host delay."""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from bot.urls import is_url  # noqa: F401  (kept importable from here)
from parsers.errors import InputError

logger = logging.getLogger(__name__)

USER_AGENT = "noticewatch"
MAX_PAGE_BYTES = 5 * 1024 * 1024
"""Largest page accepted, the same limit as for notice files."""
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True)
class FetchPolicy:
    """Timeout, retries, backoff and the pause between two requests to one host."""

    timeout_seconds: float = 20.0
    retries: int = 3
    """Extra attempts after the first one, for timeouts, connection errors and 429/5xx."""
    backoff_seconds: float = 1.0
    """Wait before the first retry; each later retry doubles it, plus up to 50% random jitter."""
    host_delay_seconds: float = 2.0
    """Minimum pause between two requests to the same host."""


@dataclass(frozen=True)
class FetchResult:
    """A fetched page, or a 304 response: the page is unchanged since the validators sent."""

    url: str
    status_code: int
    content: bytes
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status_code == 304


class FetchError(InputError):
    """A page could not be fetched after every retry."""

    def __init__(self, url: str, problem: str) -> None:
        super().__init__(url, problem, "check the URL and the network, then try again")


class Fetcher:
    """An HTTP client that keeps a per-host delay and retries transient failures.

    `sleep` and `clock` can be replaced so that a caller controls waiting.
    """

    def __init__(
        self,
        policy: FetchPolicy | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        rng: random.Random | None = None,
    ) -> None:
        self.policy = policy or FetchPolicy()
        self._sleep = sleep
        self._clock = clock
        self._rng = rng or random.Random()
        self._last_request: dict[str, float] = {}
        self._client = httpx.Client(
            timeout=self.policy.timeout_seconds,
            follow_redirects=True,
            headers={"User-Agent": USER_AGENT},
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _wait_for_host(self, url: str) -> None:
        host = urlsplit(url).netloc
        last = self._last_request.get(host)
        if last is not None:
            remaining = self.policy.host_delay_seconds - (self._clock() - last)
            if remaining > 0:
                self._sleep(remaining)
        self._last_request[host] = self._clock()

    def _backoff(self, attempt: int) -> float:
        base: float = self.policy.backoff_seconds * 2.0**attempt
        jitter: float = self._rng.uniform(0, base / 2)
        return base + jitter

    def fetch(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        """GET `url` with the last fetch's validators; raise FetchError when every try fails."""
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        problem = "no attempt was made"
        for attempt in range(self.policy.retries + 1):
            if attempt:
                delay = self._backoff(attempt - 1)
                logger.warning(
                    "retrying %s in %.1f s (attempt %d of %d): %s",
                    url, delay, attempt + 1, self.policy.retries + 1, problem,
                )
                self._sleep(delay)
            self._wait_for_host(url)
            logger.info("fetching %s", url)
            try:
                response = self._client.get(url, headers=headers)
            except httpx.TooManyRedirects as error:
                # A redirect loop fails the same way on every try, so it is not retried.
                raise FetchError(url, f"too many redirects ({error})") from error
            except httpx.TimeoutException:
                problem = f"timed out after {self.policy.timeout_seconds:g} s"
                continue
            except httpx.HTTPError as error:
                problem = f"request failed ({type(error).__name__}: {error})"
                continue
            if response.status_code in RETRY_STATUSES:
                problem = f"server returned HTTP {response.status_code}"
                continue
            return self._result(url, response)
        attempts = self.policy.retries + 1
        tries = "1 attempt" if attempts == 1 else f"{attempts} attempts"
        raise FetchError(url, f"fetch failed after {tries}, last: {problem}")

    def _result(self, url: str, response: httpx.Response) -> FetchResult:
        if response.status_code != 304 and response.status_code >= 400:
            raise FetchError(url, f"server returned HTTP {response.status_code}")
        if len(response.content) > MAX_PAGE_BYTES:
            raise FetchError(
                url, f"page is {len(response.content)} bytes, over the {MAX_PAGE_BYTES}-byte limit"
            )
        return FetchResult(
            url=url,
            status_code=response.status_code,
            content=response.content,
            etag=response.headers.get("ETag"),
            last_modified=response.headers.get("Last-Modified"),
        )
