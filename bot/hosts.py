"""Host matching by certificate rules: which window hosts cover a host name."""

from __future__ import annotations

import re
from enum import StrEnum

# A placeholder such as "<anything>" in a vendor pattern stands for any text.
_PLACEHOLDER = re.compile(r"<[^<>]*>")


class Coverage(StrEnum):
    """How a host pattern from a notice covers a host name."""

    YES = "yes"
    POSSIBLY = "possibly"
    """The vendor wrote a pattern that is no certificate wildcard (`<anything>*zuora.com`,
    `services*`, `.eu.zuora.com`) and the host fits what it seems to promise."""
    NO = "no"


def host_coverage(pattern: str, host: str) -> Coverage:
    """Return how `pattern` covers `host`.

    A certificate wildcard `*.zuora.com` covers exactly one label: `rest.zuora.com`, not
    `soap.eu.zuora.com` and not the bare `zuora.com`.
    """
    pattern = pattern.strip().lower().rstrip(".")
    host = host.strip().lower().rstrip(".")
    if pattern == host:
        return Coverage.YES
    if pattern.startswith("*.") and "*" not in pattern[2:]:
        prefix, dot, rest = host.partition(".")
        return Coverage.YES if dot and prefix and rest == pattern[2:] else Coverage.NO
    if "*" in pattern:
        before, _, after = pattern.partition("*")
        if _PLACEHOLDER.fullmatch(before):
            before = ""
        fits = host.startswith(before) and host.endswith(after.replace("*", ""))
        return Coverage.POSSIBLY if fits else Coverage.NO
    if pattern.startswith("."):
        return Coverage.POSSIBLY if host.endswith(pattern) else Coverage.NO
    return Coverage.NO


def best_coverage(patterns: list[str], host: str) -> Coverage:
    """Return the strongest coverage of `host` by any of `patterns`."""
    found = {host_coverage(pattern, host) for pattern in patterns}
    if Coverage.YES in found:
        return Coverage.YES
    return Coverage.POSSIBLY if Coverage.POSSIBLY in found else Coverage.NO
