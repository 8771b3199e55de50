"""A store filled with the two versions of the real certificate notice."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.store import Store
from parsers import parse_file

CASES = Path(__file__).parent.parent / "cases"
FIRST_VERSION = CASES / "zuora-ssl-certificate-2018-v1.txt"
EDITED_VERSION = CASES / "zuora-ssl-certificate-2018.txt"
NOW = datetime(2018, 9, 4, 12, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """Yield a SQLite store holding version 1 (the first post) and version 2 (the edit)."""
    with Store.open(f"sqlite:///{tmp_path / 'store.db'}") as opened:
        for path, stored_at in (
            (FIRST_VERSION, datetime(2018, 8, 31, 1, 0, tzinfo=UTC)),
            (EDITED_VERSION, datetime(2018, 9, 7, 1, 0, tzinfo=UTC)),
        ):
            opened.add_version(parse_file(path), path.read_bytes(), stored_at=stored_at)
        yield opened
