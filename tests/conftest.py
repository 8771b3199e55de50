"""Shared test helpers: the notice cases that sit beside their expected facts."""

from __future__ import annotations

from pathlib import Path

import pytest

CASES_DIR = Path(__file__).parent / "cases"
REPO_ROOT = Path(__file__).parent.parent


def case_stems() -> list[str]:
    """Return the stem of every notice case (a STEM.txt next to STEM.expected.json)."""
    return sorted(path.name.removesuffix(".expected.json") for path in CASES_DIR.glob("*.expected.json"))


@pytest.fixture
def real_notice() -> Path:
    """The real certificate notice the project started from."""
    return REPO_ROOT / "data" / "notices" / "zuora-ssl-certificate-2018.txt"
