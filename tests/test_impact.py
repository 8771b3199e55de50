"""Impact classification from the vendor's own words."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.impact import Impact, impact_from_document, impact_from_lines
from parsers.loaders import load_path

CASES_DIR = Path(__file__).parent / "cases"


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        # "The expected downtime is an estimated 5 minutes or less."
        pytest.param("zuora-sandbox-maintenance-may-2023", Impact.DEGRADED, id="five-minutes"),
        # "We expect no impact, though a 5 minute outage remains a very small risk."
        pytest.param("zuora-emergency-cert-rotation-2019", Impact.DEGRADED, id="small-risk"),
        # "Customers who need not update certificates by hand will see no downtime."
        pytest.param("salesforce-certificate-update-2016", Impact.NO_IMPACT, id="no-downtime"),
        # The notice only asks "How will this change impact me?".
        pytest.param("zuora-ssl-certificate-2018", Impact.OUTAGE, id="unstated"),
    ],
)
def test_impact_of_notice_case(stem: str, expected: Impact) -> None:
    document, _ = load_path(CASES_DIR / f"{stem}.txt")

    assert impact_from_document(document) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        pytest.param("There is no expected downtime.", Impact.NO_IMPACT, id="no-expected-downtime"),
        pytest.param("The work runs without impact.", Impact.NO_IMPACT, id="without-impact"),
        pytest.param("Up to 10 minutes of downtime.", Impact.DEGRADED, id="minutes-of-downtime"),
        pytest.param(
            "Service runs with reduced redundancy.", Impact.REDUCED_REDUNDANCY, id="redundancy"
        ),
        pytest.param("The service will be down.", Impact.OUTAGE, id="default"),
    ],
)
def test_impact_of_phrase(line: str, expected: Impact) -> None:
    assert impact_from_lines([line]) == expected


def test_impact_ignores_reader_replies() -> None:
    document, _ = load_path(CASES_DIR / "zuora-ssl-certificate-2018.txt")
    numbers = range(1, len(document.lines) + 1)
    reply_line = next(number for number in numbers if not document.is_notice_line(number))
    document.lines[reply_line - 1] = "No downtime at all, I think."

    assert impact_from_document(document) == Impact.OUTAGE
