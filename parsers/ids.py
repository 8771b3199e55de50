"""Stable ids for notices and windows, derived from content so that a re-parse gives the same id."""

from __future__ import annotations

import hashlib
import re

from parsers.models import Window

_REPLY_PREFIX = re.compile(r"^\s*(re|fwd?|aw)\s*:\s*", re.IGNORECASE)


def normalize_title(title: str) -> str:
    """Lower-case a title, drop a leading "Re:" and fold white space and punctuation runs."""
    text = title
    while _REPLY_PREFIX.match(text):
        text = _REPLY_PREFIX.sub("", text, count=1)
    text = re.sub(r"[^\w*.-]+", " ", text.lower())
    return text.strip()


def notice_id(vendor: str, title: str, canonical_url: str | None, source: str) -> str:
    """Return the notice id: from the canonical URL when known, else vendor plus title.

    A notice with neither a URL nor a title falls back to its source name.
    """
    if canonical_url:
        basis = f"url:{canonical_url.strip()}"
    elif normalize_title(title):
        basis = f"title:{vendor}:{normalize_title(title)}"
    else:
        basis = f"source:{vendor}:{source}"
    return f"{vendor}-{hashlib.sha256(basis.encode()).hexdigest()[:12]}"


def coverage_key(window: Window) -> str:
    """Return what a window covers (hosts, tiers, regions, services) as one sorted string."""
    parts = sorted(
        [f"h:{host}" for host in window.hosts]
        + [f"t:{tier.value}" for tier in window.environments]
        + [f"r:{region}" for region in window.regions]
        + [f"s:{service}" for service in window.services]
    )
    return "|".join(parts)


def assign_window_ids(notice: str, windows: list[Window]) -> dict[str, str]:
    """Give each window an id from the notice, its origin, its coverage and its position.

    The position counts earlier windows with the same origin and coverage, so ids are unique
    within a parse and the same content always gets the same ids. Returns old id -> new id.
    """
    renamed: dict[str, str] = {}
    seen: dict[tuple[str, str], int] = {}
    for window in windows:
        key = (window.origin.value, coverage_key(window))
        position = seen.get(key, 0)
        seen[key] = position + 1
        basis = f"{notice}|{key[0]}|{key[1]}|{position}"
        new_id = "w-" + hashlib.sha256(basis.encode()).hexdigest()[:12]
        renamed[window.id] = new_id
        window.id = new_id
    return renamed
