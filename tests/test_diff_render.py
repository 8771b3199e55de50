"""Diff reports as plain text, Markdown and JSON."""

from __future__ import annotations

import json

from bot.diff_render import render_diff
from parsers.diff import ScheduleDiff, compare_schedules
from tests.expected_schedules import expected_schedule


def _real_notice_diff() -> ScheduleDiff:
    _, diff = compare_schedules(
        expected_schedule("zuora-ssl-certificate-2018-v1"),
        expected_schedule("zuora-ssl-certificate-2018"),
    )
    return diff


def test_render_text_redating_in_three_zones() -> None:
    lines = render_diff(_real_notice_diff(), "text", "Europe/Berlin").splitlines()
    was = next(line.strip() for line in lines if line.strip().startswith("was "))
    now = next(line.strip() for line in lines if line.strip().startswith("now "))
    assert was == (
        "was 2018-09-12 14:00 UTC -> no end | 2018-09-12 07:00 PDT -> no end"
        " | 2018-09-12 16:00 CEST -> no end"
    )
    assert now == (
        "now 2018-10-10 08:00 UTC -> 2018-10-10 18:00 UTC"
        " | 2018-10-10 01:00 PDT -> 2018-10-10 11:00 PDT"
        " | 2018-10-10 10:00 CEST -> 2018-10-10 20:00 CEST"
    )
    removed = "rest.zuora.com, rest.apisandbox.zuora.com, origin-rest.zuora.com"
    assert f"    hosts removed: {removed}" in lines
    assert "Removed windows (3):" in lines
    assert lines[-1] == (
        "Windows quoted in replies: 4 added (2018-08-29, 2018-09-03, 2018-09-05, 2018-09-12)."
    )


def test_render_markdown_sections() -> None:
    report = render_diff(_real_notice_diff(), "markdown")
    assert report.startswith("## Changes to zuora-ssl-certificate-2018\n\n### Changed windows")
    assert "\n### Removed windows (3)\n\n- window " in report
    assert "\n\n\n" not in report


def test_render_json_round_trips() -> None:
    diff = _real_notice_diff()
    data = json.loads(render_diff(diff, "json"))
    assert data["schema"] == "noticewatch.diff/1"
    assert data["has_schedule_change"] is True
    assert data["windows"]["changed"][0]["new"]["start"] == "2018-10-10T08:00:00Z"
    assert data["windows"]["changed"][0]["new"]["start_local"] == "2018-10-10T01:00:00-07:00"
    assert len(data["windows"]["removed"]) == 3


def test_render_wording_only_is_short() -> None:
    schedule = expected_schedule("zuora-ssl-certificate-2018-v1")
    reworded = schedule.model_copy(deep=True)
    reworded.notice.fingerprint = "e" * 64
    _, diff = compare_schedules(schedule, reworded)
    report = render_diff(diff, "text")
    expected = "no schedule change: only the wording, replies or flags changed."
    assert report.splitlines()[1] == expected
    assert len(report.splitlines()) == 2


def test_render_merged_window() -> None:
    _, diff = compare_schedules(
        expected_schedule("authorizenet-digicert-migration-v1-2024"),
        expected_schedule("authorizenet-digicert-migration-v2-2024"),
    )
    lines = render_diff(diff, "text").splitlines()
    assert "    was 2024-09-17 (all day)" in lines
    assert "    now 2024-10-23 to 2024-10-24 (all day)" in lines
    merged = lines[lines.index("Merged windows:") + 1]
    assert merged.startswith("  window w-")
    assert "(2024-08-15 (all day); sandbox) merged into w-" in merged
