"""Time storing versions and reading window states on SQLite and, when given, PostgreSQL.

Prints, per database, the median time of `Store.add_version` for a new version of the real
notice (its two versions alternate, so every call stores and matches windows), of an unchanged
re-add (fingerprint check only), and of `window_states`. PostgreSQL runs when
NOTICEWATCH_TEST_DATABASE_URL is set, in a schema that is dropped afterwards.
Run from the repository root: `.venv/bin/python bench/store_speed.py`.
"""

from __future__ import annotations

import os
import secrets
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, make_url, text

from bot.store import Store
from parsers import ParseOptions, parse_file

ROOT = Path(__file__).resolve().parent.parent
FIRST = ROOT / "tests" / "cases" / "zuora-ssl-certificate-2018-v1.txt"
REAL = ROOT / "data" / "notices" / "zuora-ssl-certificate-2018.txt"
SOURCE = "https://status.example.com/notices/ssl-certificate"
RUNS = 40


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def _timed(action: Callable[..., object], *args: object, **kwargs: object) -> float:
    started = time.perf_counter()
    action(*args, **kwargs)
    return time.perf_counter() - started


def measure(url: str) -> tuple[float, float, float]:
    """Return the median milliseconds of a new version, an unchanged re-add and window_states."""
    options = ParseOptions(source=SOURCE)
    versions = [
        (parse_file(FIRST, options), FIRST.read_bytes()),
        (parse_file(REAL, options), REAL.read_bytes()),
    ]
    moment = datetime(2018, 9, 1, tzinfo=UTC)
    added: list[float] = []
    unchanged: list[float] = []
    states: list[float] = []
    with Store.open(url) as store:
        for run in range(RUNS):
            schedule, raw = versions[run % 2]
            moment += timedelta(minutes=1)
            added.append(_timed(store.add_version, schedule, raw, stored_at=moment))
            unchanged.append(_timed(store.add_version, schedule, raw, stored_at=moment))
            states.append(_timed(store.window_states, schedule.notice.id))
    return _median_ms(added), _median_ms(unchanged), _median_ms(states)


def main() -> int:
    rows: list[tuple[str, tuple[float, float, float]]] = []
    with tempfile.TemporaryDirectory() as folder:
        rows.append(("sqlite", measure(f"sqlite:///{Path(folder) / 'bench.db'}")))
    base_url = os.environ.get("NOTICEWATCH_TEST_DATABASE_URL")
    if base_url:
        schema = f"noticewatch_bench_{secrets.token_hex(4)}"
        engine = create_engine(base_url)
        with engine.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        try:
            url = make_url(base_url).update_query_dict({"options": f"-csearch_path={schema}"})
            rows.append(("postgresql", measure(url.render_as_string(hide_password=False))))
        finally:
            with engine.begin() as connection:
                connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            engine.dispose()

    print(f"{'database':12} {'new version ms':>15} {'unchanged ms':>13} {'window_states ms':>17}")
    for name, (added, unchanged, states) in rows:
        print(f"{name:12} {added:15.2f} {unchanged:13.2f} {states:17.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
