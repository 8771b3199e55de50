"""The diff model: windows, hosts, bundles, deadline and flags between two versions."""

from __future__ import annotations

from datetime import date, datetime

from parsers.diff import compare_schedules
from parsers.models import Bundle, Flag, FlagCode, FlagOrigin, Origin, Schedule, Severity, Tier
from tests.expected_schedules import expected_schedule

FIRST_STEM = "zuora-ssl-certificate-2018-v1"
REAL_STEM = "zuora-ssl-certificate-2018"


def _flag(code: FlagCode, origin: FlagOrigin) -> Flag:
    return Flag(code=code, severity=Severity.WARNING, origin=origin, message=f"{code.value} found")


def _reworded(schedule: Schedule) -> Schedule:
    notice = schedule.notice.model_copy(update={"fingerprint": "f" * 64})
    return schedule.model_copy(update={"notice": notice}, deep=True)


def test_diff_real_notice_redating() -> None:
    _, diff = compare_schedules(expected_schedule(FIRST_STEM), expected_schedule(REAL_STEM))
    assert diff.has_schedule_change is True
    [change] = diff.windows.redated
    assert change.old.start == datetime.fromisoformat("2018-09-12T14:00:00+00:00")
    assert change.new.start == datetime.fromisoformat("2018-10-10T08:00:00+00:00")
    assert change.new.end == datetime.fromisoformat("2018-10-10T18:00:00+00:00")
    assert change.old.end is None
    assert isinstance(change.new.start_local, datetime)
    assert change.new.start_local.isoformat() == "2018-10-10T01:00:00-07:00"
    assert change.hosts_removed == [
        "rest.zuora.com",
        "rest.apisandbox.zuora.com",
        "origin-rest.zuora.com",
    ]
    assert change.hosts_added == []
    assert change.environments_added == []


def test_diff_real_notice_removals() -> None:
    _, diff = compare_schedules(expected_schedule(FIRST_STEM), expected_schedule(REAL_STEM))
    removed = [str(window.start)[:10] for window in diff.windows.removed]
    assert removed == ["2018-08-29", "2018-09-03", "2018-09-05"]
    assert diff.windows.added == []
    assert diff.windows.merged == []
    assert "connect.zuora.com" in diff.hosts_removed
    assert "eu.zuora.com" not in diff.hosts_removed
    assert diff.hosts_added == []
    assert diff.environments_removed == []


def test_diff_real_notice_replies_separate() -> None:
    _, diff = compare_schedules(expected_schedule(FIRST_STEM), expected_schedule(REAL_STEM))
    assert len(diff.comment_windows.added) == 4
    assert {window.origin for window in diff.comment_windows.added} == {Origin.COMMENT}
    assert diff.comment_windows.removed == []


def test_diff_authorizenet_merge_and_redating() -> None:
    _, diff = compare_schedules(
        expected_schedule("authorizenet-digicert-migration-v1-2024"),
        expected_schedule("authorizenet-digicert-migration-v2-2024"),
    )
    [change] = diff.windows.redated
    assert change.old.start == date(2024, 9, 17)
    assert change.new.start == date(2024, 10, 23)
    assert change.new.end == date(2024, 10, 24)
    assert change.environments_added == [Tier.SANDBOX]
    [merged] = diff.windows.merged
    assert merged.into == change.id
    assert [window.start for window in merged.windows] == [date(2024, 8, 15)]
    assert diff.windows.removed == []


def test_diff_wording_only_no_schedule_change() -> None:
    first = expected_schedule(FIRST_STEM)
    _, diff = compare_schedules(first, _reworded(first))
    assert diff.has_schedule_change is False
    assert diff.is_empty is True
    assert diff.to_json_dict()["has_schedule_change"] is False


def test_diff_reply_change_no_schedule_change() -> None:
    real = expected_schedule(REAL_STEM)
    fewer_replies = _reworded(real)
    fewer_replies.windows = [w for w in fewer_replies.windows if str(w.start)[:10] != "2018-09-03"]
    _, diff = compare_schedules(real, fewer_replies)
    assert diff.has_schedule_change is False
    assert len(diff.comment_windows.removed) == 1
    assert diff.is_empty is False


def test_diff_flags_by_code_and_origin() -> None:
    first = expected_schedule(FIRST_STEM)
    missing_end = _flag(FlagCode.MISSING_END, FlagOrigin.NOTICE)
    first.flags = [_flag(FlagCode.HOLIDAY, FlagOrigin.NOTICE), missing_end]
    second = _reworded(first)
    second.flags = [_flag(FlagCode.HOLIDAY, FlagOrigin.COMMENT), missing_end]
    _, diff = compare_schedules(first, second)
    assert [(key.code, key.origin) for key in diff.flags_raised] == [
        (FlagCode.HOLIDAY, FlagOrigin.COMMENT)
    ]
    assert [(key.code, key.origin) for key in diff.flags_resolved] == [
        (FlagCode.HOLIDAY, FlagOrigin.NOTICE)
    ]
    assert diff.has_schedule_change is False


def test_diff_deadline_and_bundles() -> None:
    first = expected_schedule(FIRST_STEM)
    first.notice.deadline = date(2018, 8, 29)
    first.bundles = [Bundle(file="zuora-com-root.cer"), Bundle(file="COMODORSACa.crt")]
    second = _reworded(first)
    second.notice.deadline = date(2018, 10, 10)
    second.bundles = [Bundle(file="zuora-com-root.cer"), Bundle(file="eu-zuora-com-root.cer")]
    second.hosts_excluded = []
    _, diff = compare_schedules(first, second)
    assert diff.deadline is not None
    assert diff.deadline.old == date(2018, 8, 29)
    assert diff.deadline.new == date(2018, 10, 10)
    assert diff.bundles_added == ["eu-zuora-com-root.cer"]
    assert diff.bundles_removed == ["COMODORSACa.crt"]
    assert diff.hosts_excluded_removed == ["sandbox.eu.zuora.com"]
    assert diff.has_schedule_change is True
    assert diff.windows.is_empty
