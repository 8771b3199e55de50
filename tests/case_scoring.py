"""Score a parsed schedule against a notice case's expected facts (see tests/cases/README.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

RATES = ("windows", "environments", "zones", "hosts", "excluded", "bundles", "flags")


def _bound(value: Any) -> str | float | None:
    """Compare instants in UTC and all-day dates as text."""
    if value is None:
        return None
    text = str(value)
    if len(text) == 10:
        return text
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def _key(window: dict[str, Any]) -> tuple[str, Any, Any]:
    return (window.get("origin", "notice"), _bound(window.get("start")), _bound(window.get("end")))


def _flag_raised(expected: str, flags: list[dict[str, Any]]) -> bool:
    code, _, origin = expected.partition("@")
    return any(
        flag["code"] == code and (not origin or flag["origin"] in (origin, "both")) for flag in flags
    )


@dataclass
class CaseScore:
    """Hits and totals per rate for one case, plus its extra windows and forbidden flags."""

    hits: dict[str, int] = field(default_factory=lambda: dict.fromkeys(RATES, 0))
    totals: dict[str, int] = field(default_factory=lambda: dict.fromkeys(RATES, 0))
    extra_windows: int = 0
    missed_flags: list[str] = field(default_factory=list)
    forbidden_flags: list[str] = field(default_factory=list)


def score_case(expected: dict[str, Any], output: dict[str, Any]) -> CaseScore:
    """Match expected windows by origin, start and end; count hosts, bundles and flags."""
    score = CaseScore()
    found = output["windows"]
    used: set[int] = set()
    for window in expected["windows"]:
        score.totals["windows"] += 1
        score.totals["environments"] += 1
        score.totals["zones"] += bool(window.get("timezone"))
        match = next((i for i, got in enumerate(found) if i not in used and _key(got) == _key(window)), None)
        if match is None:
            continue
        used.add(match)
        got = found[match]
        score.hits["windows"] += 1
        score.hits["environments"] += set(window["environments"]) == set(got["environments"])
        if window.get("timezone"):
            score.hits["zones"] += window["timezone"] == got["timezone"]
    score.extra_windows = sum(
        1 for i, got in enumerate(found)
        if i not in used and got["start"] is not None and got["status"] in ("scheduled", "tentative")
    )

    expected_hosts = {host.lower() for window in expected["windows"] for host in window["hosts"]}
    found_hosts = {host.lower() for window in found for host in window["hosts"]}
    score.hits["hosts"], score.totals["hosts"] = len(expected_hosts & found_hosts), len(expected_hosts)
    excluded = {host.lower() for host in expected["hosts_excluded"]}
    score.hits["excluded"] = len(excluded & {host.lower() for host in output["hosts_excluded"]})
    score.totals["excluded"] = len(excluded)
    bundles = {name.lower() for name in expected["bundles"]}
    score.hits["bundles"] = len(bundles & {bundle["file"].lower() for bundle in output["bundles"]})
    score.totals["bundles"] = len(bundles)

    score.missed_flags = [code for code in expected["flags"] if not _flag_raised(code, output["flags"])]
    score.totals["flags"] = len(expected["flags"])
    score.hits["flags"] = score.totals["flags"] - len(score.missed_flags)
    score.forbidden_flags = [code for code in expected["flags_absent"] if _flag_raised(code, output["flags"])]
    return score
