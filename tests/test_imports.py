"""Importing the parsing library stays light: no Slack, database, web stack or dateparser."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("slack_bolt", "slack_sdk", "sqlalchemy", "starlette", "uvicorn", "httpx", "bot", "dateparser")


def test_parsers_import_leaves_out_application_stack() -> None:
    code = "import sys, parsers; print(' '.join(sorted(m.split('.')[0] for m in sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(result.stdout.split())
    assert loaded.isdisjoint(HEAVY), sorted(loaded & set(HEAVY))
