"""Tell URLs from file paths without importing the HTTP client."""

from __future__ import annotations

from urllib.parse import urlsplit


def is_url(text: str) -> bool:
    """Return whether `text` is an http or https URL rather than a file path."""
    return urlsplit(text).scheme in ("http", "https")
