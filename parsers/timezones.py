"""Zone labels as notices write them ("PT", "PDT", "Pacific Time", "MESZ", "UTC-7") mapped to IANA zones."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class ZoneLabel:
    """The meaning of a zone label.

    `daylight` is True for a summer-time label (PDT, CEST), False for a standard-time label
    (PST, CET) and None for a generic one (PT, Pacific Time, UTC) that resolves by the date.
    """

    zone: str
    daylight: bool | None


_LABELS: dict[str, ZoneLabel] = {
    "pt": ZoneLabel("America/Los_Angeles", None),
    "pacific": ZoneLabel("America/Los_Angeles", None),
    "pacific time": ZoneLabel("America/Los_Angeles", None),
    "pdt": ZoneLabel("America/Los_Angeles", True),
    "pacific daylight time": ZoneLabel("America/Los_Angeles", True),
    "pst": ZoneLabel("America/Los_Angeles", False),
    "pacific standard time": ZoneLabel("America/Los_Angeles", False),
    "et": ZoneLabel("America/New_York", None),
    "eastern time": ZoneLabel("America/New_York", None),
    "edt": ZoneLabel("America/New_York", True),
    "est": ZoneLabel("America/New_York", False),
    "ct": ZoneLabel("America/Chicago", None),
    "central time": ZoneLabel("America/Chicago", None),
    "cdt": ZoneLabel("America/Chicago", True),
    "cst": ZoneLabel("America/Chicago", False),
    "mt": ZoneLabel("America/Denver", None),
    "mountain time": ZoneLabel("America/Denver", None),
    "mdt": ZoneLabel("America/Denver", True),
    "mst": ZoneLabel("America/Denver", False),
    "utc": ZoneLabel("UTC", None),
    "gmt": ZoneLabel("UTC", None),
    "z": ZoneLabel("UTC", None),
    "cet": ZoneLabel("Europe/Berlin", False),
    "mez": ZoneLabel("Europe/Berlin", False),
    "cest": ZoneLabel("Europe/Berlin", True),
    "mesz": ZoneLabel("Europe/Berlin", True),
    "central european time": ZoneLabel("Europe/Berlin", None),
    "bst": ZoneLabel("Europe/London", True),
    "british summer time": ZoneLabel("Europe/London", True),
    # IST is India Standard Time here; Irish Standard Time is written IST too, but vendor
    # notices that use it almost always mean India.
    "ist": ZoneLabel("Asia/Kolkata", None),
    "india standard time": ZoneLabel("Asia/Kolkata", None),
    "jst": ZoneLabel("Asia/Tokyo", None),
    "aest": ZoneLabel("Australia/Sydney", False),
    "aedt": ZoneLabel("Australia/Sydney", True),
}

ZONE_PATTERN = (
    r"(?:Pacific|Eastern|Central|Mountain)(?:\s+(?:Standard|Daylight))?\s+Time"
    r"|Central\s+European\s+Time|British\s+Summer\s+Time|India\s+Standard\s+Time"
    r"|(?:UTC|GMT)\s*[+\-−]\s*\d{1,2}(?::?\d{2})?"
    r"|PDT|PST|PT|EDT|EST|ET|CDT|CST|CT|MDT|MST|MT|UTC|GMT|CEST|CET|MESZ|MEZ|BST|IST|JST|AEST|AEDT"
)
"""Regular expression for a zone label; abbreviations are matched case-sensitively."""

_OFFSET = re.compile(r"^(?:UTC|GMT)\s*([+\-−])\s*(\d{1,2})(?::?(\d{2}))?$")


@cache
def resolve_label(label: str) -> ZoneLabel | None:
    """Return what a zone label means, or None when it is not a known label."""
    text = re.sub(r"\s+", " ", label.strip())
    offset = _OFFSET.match(text)
    if offset:
        sign, hours, minutes = offset.groups()
        if minutes and minutes != "00":
            return None
        value = int(hours)
        if value == 0:
            return ZoneLabel("UTC", None)
        # Etc/GMT zones invert the sign: UTC-7 is Etc/GMT+7.
        return ZoneLabel(f"Etc/GMT{'+' if sign in '-−' else '-'}{value}", None)
    return _LABELS.get(text.lower())


@cache
def zone(name: str) -> ZoneInfo:
    """Return the zoneinfo object of an IANA name (cached)."""
    return ZoneInfo(name)


def is_daylight(moment: datetime) -> bool:
    """Return whether an aware datetime falls in its zone's daylight-saving time."""
    offset = moment.dst()
    return bool(offset and offset != timedelta(0))


def contradicts_daylight(label: ZoneLabel, moment: datetime) -> bool:
    """Return whether a specific label (PDT, PST) disagrees with daylight saving at `moment`."""
    if label.daylight is None:
        return False
    return label.daylight != is_daylight(moment)
