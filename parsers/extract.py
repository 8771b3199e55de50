"""Extract windows, hosts, bundles and the deadline from a loaded document."""

from __future__ import annotations

from parsers.document import Document
from parsers.extraction import Extraction
from parsers.profiles import Profile


def extract(document: Document, profile: Profile) -> Extraction:
    """Read every fact the schedule needs from a document."""
    found = Extraction()
    found.windows.extend(document.extra_windows)
    return found
