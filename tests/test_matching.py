"""Carrying window ids between versions by the overlap of hosts and tiers."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parsers.matching import carry_window_ids, match_windows, overlap
from parsers.models import Flag, FlagCode, FlagOrigin, Origin, Severity, Tier, Window
from tests.expected_schedules import expected_schedule


def _window(
    window_id: str,
    hosts: list[str],
    tiers: list[Tier] | None = None,
    start: datetime | date | None = None,
    origin: Origin = Origin.NOTICE,
) -> Window:
    return Window(
        id=window_id,
        start=start,
        end=None,
        timezone=None,
        all_day=isinstance(start, date) and not isinstance(start, datetime),
        origin=origin,
        environments=tiers or [],
        hosts=hosts,
    )


def _by_start(windows: list[Window], origin: Origin = Origin.NOTICE) -> dict[str, Window]:
    return {str(window.start)[:10]: window for window in windows if window.origin is origin}


def test_overlap_real_notice_windows() -> None:
    first = _by_start(expected_schedule("zuora-ssl-certificate-2018-v1").windows)
    october = _by_start(expected_schedule("zuora-ssl-certificate-2018").windows)["2018-10-10"]
    # 9 hosts and 3 tiers shared out of 15 distinct items.
    assert overlap(first["2018-09-12"], october) == pytest.approx(12 / 15)
    # Only the production tier is shared: 1 of 5 hosts + 1 tier + 12 items.
    assert overlap(first["2018-08-29"], october) == pytest.approx(1 / 17)
    assert overlap(first["2018-09-03"], october) == pytest.approx(1 / 15)
    assert overlap(first["2018-09-05"], october) == pytest.approx(1 / 20)


def test_overlap_two_empty_sets_is_zero() -> None:
    assert overlap(_window("a", []), _window("b", [])) == 0.0


def test_match_real_notice_keeps_september_id() -> None:
    first = expected_schedule("zuora-ssl-certificate-2018-v1")
    second = expected_schedule("zuora-ssl-certificate-2018")
    old = _by_start(first.windows)
    carried, result = carry_window_ids(first, second)
    new = _by_start(carried.windows)
    assert new["2018-10-10"].id == old["2018-09-12"].id
    assert [pair.window_id for pair in result.kept] == [old["2018-09-12"].id]
    assert result.kept[0].overlap == pytest.approx(0.8)
    assert result.cancelled == [old["2018-08-29"].id, old["2018-09-03"].id, old["2018-09-05"].id]
    assert result.merged == {}


def test_match_comment_windows_stay_apart() -> None:
    first = expected_schedule("zuora-ssl-certificate-2018-v1")
    carried, result = carry_window_ids(first, expected_schedule("zuora-ssl-certificate-2018"))
    old_ids = {window.id for window in first.windows}
    comments = _by_start(carried.windows, Origin.COMMENT)
    assert len(comments) == 4
    assert not {window.id for window in comments.values()} & old_ids
    assert sorted(result.added) == sorted(window.id for window in comments.values())


def test_match_merge_ties_go_to_closest_start() -> None:
    first = expected_schedule("authorizenet-digicert-migration-v1-2024")
    second = expected_schedule("authorizenet-digicert-migration-v2-2024")
    old = _by_start(first.windows)
    carried, result = carry_window_ids(first, second)
    # Both old windows overlap the new one at 1/2; production (2024-09-17) starts closer to
    # 2024-10-23 than sandbox (2024-08-15), so the new window keeps production's id.
    assert carried.windows[0].id == old["2024-09-17"].id
    assert result.merged == {old["2024-09-17"].id: [old["2024-08-15"].id]}
    assert result.cancelled == []


def test_match_below_half_is_new_window() -> None:
    old = [_window("old", ["a.example", "b.example", "c.example"])]
    new = [_window("new", ["a.example", "d.example"])]
    windows, result = match_windows(old, new)
    assert windows[0].id == "new"
    assert result.added == ["new"]
    assert result.cancelled == ["old"]


def test_match_best_pair_wins() -> None:
    old = [_window("loose", ["a.example", "b.example"]), _window("tight", ["a.example"])]
    new = [_window("n1", ["a.example"])]
    windows, result = match_windows(old, new)
    assert windows[0].id == "tight"
    assert result.merged == {"tight": ["loose"]}


def test_match_reserved_id_gets_fresh_id() -> None:
    new = [_window("w-taken", ["a.example"])]
    windows, result = match_windows([], new, reserved_ids={"w-taken"})
    assert windows[0].id != "w-taken"
    assert windows[0].id.startswith("w-")
    assert result.added == [windows[0].id]


def test_carry_renames_flag_window_ids() -> None:
    first = expected_schedule("zuora-ssl-certificate-2018-v1")
    second = expected_schedule("zuora-ssl-certificate-2018")
    october = _by_start(second.windows)["2018-10-10"]
    second.flags = [
        Flag(
            code=FlagCode.NO_TEST_WINDOW,
            severity=Severity.WARNING,
            origin=FlagOrigin.NOTICE,
            message="production and sandbox change in one window",
            window_ids=[october.id],
        )
    ]
    carried, _ = carry_window_ids(first, second)
    assert carried.flags[0].window_ids == [_by_start(first.windows)["2018-09-12"].id]


HOSTS = st.sampled_from(["a.example", "b.example", "c.example", "d.example"])
WINDOW_SPECS = st.lists(
    st.tuples(st.lists(HOSTS, max_size=3, unique=True), st.integers(min_value=1, max_value=28)),
    max_size=5,
)


@given(WINDOW_SPECS, WINDOW_SPECS)
def test_match_never_gives_one_id_twice(
    old_specs: list[tuple[list[str], int]], new_specs: list[tuple[list[str], int]]
) -> None:
    old = [
        _window(f"old-{index}", hosts, start=datetime(2024, 1, day, tzinfo=UTC))
        for index, (hosts, day) in enumerate(old_specs)
    ]
    # New windows reuse old ids on purpose, as parse ids of equal content would.
    new = [
        _window(f"old-{index}", hosts, start=datetime(2024, 2, day, tzinfo=UTC))
        for index, (hosts, day) in enumerate(new_specs)
    ]
    windows, result = match_windows(old, new, reserved_ids={"old-retired"})
    ids = [window.id for window in windows]
    assert len(ids) == len(set(ids))
    assert "old-retired" not in ids
    merged_ids = {item for items in result.merged.values() for item in items}
    retired_ids = set(result.cancelled) | merged_ids
    assert not retired_ids & set(ids)
    assert retired_ids | {pair.window_id for pair in result.kept} == {window.id for window in old}
