"""Render the `affects` report: per host, the windows that change it and what to install."""

from __future__ import annotations

import json
from typing import Any

from bot.render import describe_window_times
from parsers.affects import HostImpact, WindowMatch
from parsers.hosts import Coverage

_HOW = {
    Coverage.EXACT: "listed exactly",
    Coverage.WILDCARD: "covered by the certificate wildcard {pattern}",
    Coverage.POSSIBLY: "possibly covered by the vendor's phrase {pattern}",
}


def render_impacts(impacts: list[HostImpact], output_format: str, reader_zone: str | None) -> str:
    """Render host impacts as a plain-text report or as JSON."""
    if output_format == "json":
        return json.dumps([_impact_json(item) for item in impacts], indent=2, ensure_ascii=False)
    blocks = [_impact_text(item, reader_zone) for item in impacts]
    return "\n".join(blocks)


def _impact_text(impact: HostImpact, reader_zone: str | None) -> str:
    notice = impact.schedule.notice
    lines = [f"{impact.host} in {notice.title or notice.source}"]
    if not impact.affected:
        lines.append("  no window of this notice changes it")
        return "\n".join(lines) + "\n"
    if impact.confirmed:
        lines.append("  Windows of the notice:")
        lines.extend(_match_lines(match, reader_zone) for match in impact.confirmed)
    else:
        lines.append("  No window of the notice itself changes it.")
    if impact.unconfirmed:
        lines.append("  Unconfirmed (quoted only in replies):")
        lines.extend(_match_lines(match, reader_zone) for match in impact.unconfirmed)
    if impact.bundles:
        lines.append("  Install:")
        for bundle in impact.bundles:
            alias = f" (keytool alias {bundle.alias})" if bundle.alias else ""
            lines.append(f"    - {bundle.file}{alias}")
    return "\n".join(lines) + "\n"


def _match_lines(match: WindowMatch, reader_zone: str | None) -> str:
    how = _HOW[match.coverage].format(pattern=match.pattern)
    times = describe_window_times(match.window, reader_zone)
    head = f"    - {match.timing.value}: {times[0]} ({how})"
    rest = [f"      {text}" for text in times[1:]]
    return "\n".join([head, *rest])


def _impact_json(impact: HostImpact) -> dict[str, Any]:
    schedule = impact.schedule.to_json_dict()
    return {
        "host": impact.host,
        "notice": schedule["notice"],
        "confirmed": [_match_json(match) for match in impact.confirmed],
        "unconfirmed": [_match_json(match) for match in impact.unconfirmed],
        "bundles": [bundle.file for bundle in impact.bundles],
    }


def _match_json(match: WindowMatch) -> dict[str, Any]:
    window = match.window.model_dump(mode="json")
    return {
        "window_id": window["id"],
        "start": window["start"],
        "end": window["end"],
        "timezone": window["timezone"],
        "coverage": match.coverage.value,
        "pattern": match.pattern,
        "timing": match.timing.value,
    }
