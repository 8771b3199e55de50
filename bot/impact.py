"""The impact of a maintenance as the notice words it, in BCOP X-MAINTNOTE-IMPACT values."""

from __future__ import annotations

import re
from enum import StrEnum

from parsers.document import Document


class Impact(StrEnum):
    """Values of X-MAINTNOTE-IMPACT in the BCOP maintenance-notification iCalendar form."""

    NO_IMPACT = "NO-IMPACT"
    REDUCED_REDUNDANCY = "REDUCED-REDUNDANCY"
    DEGRADED = "DEGRADED"
    """Service stays up but may be slow or briefly unreachable."""
    OUTAGE = "OUTAGE"
    """The standard's default when a notice does not say otherwise."""


# A stated short interruption: "the opening 5 minutes of the 60-minute maintenance window",
# "a 5 minute outage", "downtime is an estimated 5 minutes".
_SHORT_INTERRUPTION = re.compile(
    r"\b\d{1,2}[\s-]*(?:minutes?|mins?)\b.{0,40}?\b(?:outage|downtime|unreachable|unavailable|"
    r"interruption|maintenance window)\b"
    r"|\b(?:outage|downtime|unreachable|unavailable|interruption)\b.{0,60}?\b\d{1,2}[\s-]*"
    r"(?:minutes?|mins?)\b",
    re.IGNORECASE,
)
_REDUNDANCY = re.compile(r"\b(?:reduced|loss of|without) redundancy\b", re.IGNORECASE)
_NO_IMPACT = re.compile(
    r"\bno (?:expected |customer |service )?(?:downtime|impact|outage|interruption)\b"
    r"|\bwithout (?:any )?(?:downtime|impact|interruption)\b"
    r"|\b(?:expect|anticipate)s? no (?:downtime|impact|outage|interruption)\b",
    re.IGNORECASE,
)


def impact_from_document(document: Document) -> Impact:
    """Classify the impact the vendor states in its own lines (body and staff replies).

    The strongest stated impact wins, so "we expect no impact, though a 5 minute outage remains
    a small risk" gives DEGRADED. A notice that states nothing gets OUTAGE, the default of the
    BCOP form.
    """
    numbered = enumerate(document.lines, start=1)
    own_lines = [text for number, text in numbered if document.is_notice_line(number)]
    return impact_from_lines(own_lines)


def impact_from_lines(lines: list[str]) -> Impact:
    """Classify the impact stated in `lines`; see `impact_from_document`."""
    text = " ".join(line.strip() for line in lines)
    if _SHORT_INTERRUPTION.search(text):
        return Impact.DEGRADED
    if _REDUNDANCY.search(text):
        return Impact.REDUCED_REDUNDANCY
    if _NO_IMPACT.search(text):
        return Impact.NO_IMPACT
    return Impact.OUTAGE
