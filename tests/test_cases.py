"""Every notice case in tests/cases must parse to its expected facts, within set rates."""

from __future__ import annotations

import json

import pytest

from parsers import parse_file
from tests.case_scoring import RATES, CaseScore, score_case
from tests.conftest import CASES_DIR, case_stems

MINIMUM_RATES = {
    "windows": 0.95,
    "environments": 0.95,
    "zones": 0.95,
    "hosts": 0.95,
    "excluded": 0.95,
    "bundles": 0.95,
    "flags": 0.9,
}
"""Rates over all cases together; a single case may fall short as long as the total holds."""


def _score(stem: str) -> CaseScore:
    expected = json.loads((CASES_DIR / f"{stem}.expected.json").read_text(encoding="utf-8"))
    output = parse_file(CASES_DIR / f"{stem}.txt").to_json_dict()
    return score_case(expected, output)


@pytest.mark.parametrize("stem", case_stems())
def test_case_has_no_extra_windows(stem: str) -> None:
    assert _score(stem).extra_windows == 0


@pytest.mark.parametrize("stem", case_stems())
def test_case_raises_no_forbidden_flag(stem: str) -> None:
    assert _score(stem).forbidden_flags == []


def test_cases_reach_minimum_rates() -> None:
    hits = dict.fromkeys(RATES, 0)
    totals = dict.fromkeys(RATES, 0)
    for stem in case_stems():
        score = _score(stem)
        for rate in RATES:
            hits[rate] += score.hits[rate]
            totals[rate] += score.totals[rate]
    rates = {rate: hits[rate] / totals[rate] if totals[rate] else 1.0 for rate in RATES}
    below = {rate: round(value, 3) for rate, value in rates.items() if value < MINIMUM_RATES[rate]}
    assert below == {}


def test_case_files_come_in_pairs() -> None:
    notices = {path.stem for path in CASES_DIR.glob("*.txt")}
    assert notices == set(case_stems())
    assert len(notices) >= 13
