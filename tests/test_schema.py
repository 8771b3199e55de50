"""The published JSON Schema matches the model, and parse output validates against the contract."""

from __future__ import annotations

import json
from pathlib import Path

from parsers import parse_file
from parsers.models import SCHEMA_ID, Schedule

SCHEMA_FILE = Path(__file__).parent.parent / "parsers" / "schema" / "schedule.schema.json"
REGENERATE = (
    "the model changed: regenerate the schema with .venv/bin/python -c \"import json; "
    "from parsers.models import Schedule; print(json.dumps(Schedule.model_json_schema("
    "by_alias=True, mode='serialization'), indent=2, sort_keys=True))\" > " + str(SCHEMA_FILE)
)


def test_published_schema_matches_model() -> None:
    generated = Schedule.model_json_schema(by_alias=True, mode="serialization")
    published = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert published == generated, REGENERATE


def test_real_notice_json_contract(real_notice: Path) -> None:
    output = parse_file(real_notice).to_json_dict()
    assert output["schema"] == SCHEMA_ID
    assert set(output) >= {"schema", "notice", "windows", "hosts_excluded", "bundles", "flags"}
    assert set(output["notice"]) >= {"id", "title", "vendor", "source", "posted_at", "deadline", "fingerprint"}
    window = output["windows"][0]
    assert set(window) >= {
        "id", "start", "end", "timezone", "all_day", "origin", "status", "environments",
        "regions", "services", "hosts", "evidence",
    }
    assert (window["start"], window["end"]) == ("2018-10-10T08:00:00Z", "2018-10-10T18:00:00Z")
    assert output["notice"]["deadline"] == "2018-10-10"


def test_json_round_trips_through_model(real_notice: Path) -> None:
    schedule = parse_file(real_notice)
    again = Schedule.model_validate(schedule.to_json_dict())
    assert again.to_json_dict() == schedule.to_json_dict()
