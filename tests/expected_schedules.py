"""Build schedules from the notice cases' expected facts, for tests that skip parsing."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from typing import Any

from parsers.ids import assign_window_ids, notice_id
from parsers.models import Notice, Origin, Schedule, Tier, Window
from tests.conftest import CASES_DIR


def _moment(value: str | None) -> datetime | date | None:
    if value is None:
        return None
    if "T" in value:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    return date.fromisoformat(value)


def _window(item: dict[str, Any]) -> Window:
    return Window(
        id="",
        start=_moment(item["start"]),
        end=_moment(item["end"]),
        timezone=item["timezone"],
        all_day="T" not in (item["start"] or "T"),
        origin=Origin(item["origin"]),
        environments=[Tier(tier) for tier in item["environments"]],
        hosts=list(item["hosts"]),
    )


def expected_schedule(stem: str, source: str = "https://example.test/notice") -> Schedule:
    """Return a schedule with the windows and excluded hosts that a case's expected file lists.

    Every case with the same `source` gets the same notice id. The fingerprint is the hash of
    the case text, so two cases are two versions of one notice.
    """
    facts = json.loads((CASES_DIR / f"{stem}.expected.json").read_text(encoding="utf-8"))
    text = (CASES_DIR / f"{stem}.txt").read_bytes()
    vendor = facts["vendor"]
    identifier = notice_id(vendor, stem, source, source)
    windows = [_window(item) for item in facts["windows"]]
    assign_window_ids(identifier, windows)
    notice = Notice(
        id=identifier,
        title=stem,
        vendor=vendor,
        source=source,
        fingerprint=hashlib.sha256(text).hexdigest(),
    )
    return Schedule(notice=notice, windows=windows, hosts_excluded=facts["hosts_excluded"])
