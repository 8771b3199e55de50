"""Shared test helpers: the notice cases that sit beside their expected facts."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest

CASES_DIR = Path(__file__).parent / "cases"
REPO_ROOT = Path(__file__).parent.parent
TEST_DATABASE_ENV = "NOTICEWATCH_TEST_DATABASE_URL"


def case_stems() -> list[str]:
    """Return the stem of every notice case (a STEM.txt next to STEM.expected.json)."""
    return sorted(path.name.removesuffix(".expected.json") for path in CASES_DIR.glob("*.expected.json"))


@pytest.fixture
def real_notice() -> Path:
    """The real certificate notice the project started from."""
    return REPO_ROOT / "data" / "notices" / "zuora-ssl-certificate-2018.txt"


def _postgres_store_url(base_url: str) -> Iterator[str]:
    """Yield a URL whose search_path is a fresh schema, and drop the schema afterwards.

    Each test gets its own schema, so parallel runs against one server do not collide.
    """
    from sqlalchemy import create_engine, make_url, text
    from sqlalchemy.exc import OperationalError

    schema = f"noticewatch_test_{secrets.token_hex(6)}"
    engine = create_engine(base_url)
    try:
        with engine.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    except OperationalError as error:
        engine.dispose()
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL at {base_url} is unreachable under CI: {error}")
        pytest.skip(f"PostgreSQL at {base_url} is unreachable: {error}")
    url = make_url(base_url).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with engine.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Yield the URL of an empty store: a SQLite file, then PostgreSQL when a test URL is set."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    base_url = os.environ.get(TEST_DATABASE_ENV)
    if not base_url:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{TEST_DATABASE_ENV} is not set under CI")
        pytest.skip(f"set {TEST_DATABASE_ENV} to run the store tests on PostgreSQL")
    yield from _postgres_store_url(base_url)


@pytest.fixture(scope="session")
def httpserver_listen_address() -> tuple[str, int]:
    """Bind the local test HTTP server to loopback on a free port."""
    return ("127.0.0.1", 0)


@pytest.fixture
def real_notice_text(real_notice: Path) -> str:
    return real_notice.read_text(encoding="utf-8")
