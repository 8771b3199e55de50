"""Host coverage by certificate wildcards and vendor phrases, and near-duplicate names."""

from __future__ import annotations

import pytest

from parsers.hosts import Coverage, covers, is_near_duplicate, is_nonstandard_pattern

COVERAGE_CASES = [
    ("*.zuora.com", "rest.zuora.com", Coverage.WILDCARD),
    ("*.zuora.com", "apisandbox-api.zuora.com", Coverage.WILDCARD),
    ("*.zuora.com", "zuora.com", None),
    ("*.zuora.com", "soap.eu.zuora.com", None),
    ("*.zuora.com", "rest.apisandbox.zuora.com", None),
    ("REST.zuora.com", "rest.zuora.com", Coverage.EXACT),
    ("<anything>*zuora.com", "rest.apisandbox.zuora.com", Coverage.POSSIBLY),
    ("<anything>*zuora.com", "example.com", None),
    (".eu.zuora.com", "rest.eu.zuora.com", Coverage.POSSIBLY),
    (".eu.zuora.com", "eu.zuora.com", None),
    ("services*", "services123.zuora.com", Coverage.POSSIBLY),
    ("rest.zuora.com", "*.zuora.com", None),
]


@pytest.mark.parametrize(
    ("pattern", "host", "expected"), COVERAGE_CASES, ids=[f"{p}~{h}" for p, h, _ in COVERAGE_CASES]
)
def test_covers(pattern: str, host: str, expected: Coverage | None) -> None:
    assert covers(pattern, host) == expected


def test_nonstandard_patterns() -> None:
    assert is_nonstandard_pattern("<anything>*zuora.com")
    assert is_nonstandard_pattern("services*")
    assert is_nonstandard_pattern(".eu.zuora.com")
    assert not is_nonstandard_pattern("*.zuora.com")
    assert not is_nonstandard_pattern("*.apps.eu.zuora.com")
    assert not is_nonstandard_pattern("rest.zuora.com")


def test_near_duplicate_missing_digit() -> None:
    assert is_near_duplicate("rest.pt.zuora.com", "rest.pt1.zuora.com")
    assert is_near_duplicate("rest.pt1.zuora.com", "rest.pt.zuora.com")


def test_near_duplicate_rejects_other_pairs() -> None:
    assert not is_near_duplicate("test.zuora.com", "rest.zuora.com")
    assert not is_near_duplicate("rest.eu.zuora.com", "rest.na.zuora.com")
    assert not is_near_duplicate("static.zuora.com", "static.eu.zuora.com")
    assert not is_near_duplicate("rest.zuora.com", "rest.zuora.com")


def test_near_duplicate_extra_first_letter() -> None:
    assert not is_near_duplicate("connect.eu.zuora.com", "zconnect.eu.zuora.com")
    assert is_near_duplicate("sandbox.zuora.com", "sanbox.zuora.com")
