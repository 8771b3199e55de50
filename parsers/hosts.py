"""Host name matching: certificate wildcards, vendor host phrases and near-duplicate names."""

from __future__ import annotations

import re
from enum import StrEnum
from fnmatch import fnmatchcase
from functools import cache

from parsers.profiles import HostRule, Profile

_PLACEHOLDER = re.compile(r"<[^<>]*>")


class Coverage(StrEnum):
    """The way a host or pattern written in a notice reaches a host."""

    EXACT = "exact"
    WILDCARD = "wildcard"
    """A certificate wildcard whose `*` stands for exactly the host's first label."""
    POSSIBLY = "possibly"
    """Only a vendor phrase that is not a certificate wildcard, such as `<anything>*zuora.com`."""


def is_certificate_wildcard(pattern: str) -> bool:
    """Return whether `pattern` is a wildcard as certificates use it: `*.` then a domain."""
    if not pattern.startswith("*.") or "*" in pattern[2:]:
        return False
    return _is_host_name(pattern[2:])


def is_nonstandard_pattern(pattern: str) -> bool:
    """Return whether `pattern` promises more than one host but is no certificate wildcard.

    Examples: `<anything>*zuora.com`, `services*`, `.eu.zuora.com`.
    """
    if is_certificate_wildcard(pattern):
        return False
    return "*" in pattern or pattern.startswith(".") or bool(_PLACEHOLDER.search(pattern))


def covers(pattern: str, host: str) -> Coverage | None:
    """Return how `pattern` covers `host`, or None when it does not.

    A certificate wildcard covers exactly one label: `*.zuora.com` covers `rest.zuora.com` but
    neither `soap.eu.zuora.com` nor the bare `zuora.com`. A nonstandard vendor phrase covers
    what its words promise (any run of characters for `*` or `<...>`, any subdomain for a
    leading dot) and gives only POSSIBLY.
    """
    pattern = pattern.lower()
    host = host.lower()
    if pattern == host:
        return Coverage.EXACT
    if is_certificate_wildcard(host):
        return None
    if is_certificate_wildcard(pattern):
        first, _, rest = host.partition(".")
        if first and rest == pattern[2:]:
            return Coverage.WILDCARD
        return None
    if is_nonstandard_pattern(pattern) and _phrase_regex(pattern).fullmatch(host):
        return Coverage.POSSIBLY
    return None


def best_coverage(patterns: list[str], host: str) -> tuple[Coverage, str] | None:
    """Return the strongest coverage of `host` by any of `patterns`, with the pattern."""
    found: list[tuple[int, Coverage, str]] = []
    for pattern in patterns:
        coverage = covers(pattern, host)
        if coverage is not None:
            found.append((_STRENGTH[coverage], coverage, pattern))
    if not found:
        return None
    _, coverage, pattern = min(found)
    return coverage, pattern


def is_near_duplicate(first: str, second: str) -> bool:
    """Return whether two host names differ only by one missing character in one label.

    `rest.pt.zuora.com` and `rest.pt1.zuora.com` are near-duplicates. A changed character
    (`test` vs `rest`) or an extra first letter (`connect` vs `zconnect`) is not, because
    vendors run such hosts side by side.
    """
    if first == second or "*" in first or "*" in second:
        return False
    first_labels = first.split(".")
    second_labels = second.split(".")
    if len(first_labels) != len(second_labels):
        return False
    differing = [
        (left, right) for left, right in zip(first_labels, second_labels, strict=True)
        if left != right
    ]
    if len(differing) != 1:
        return False
    left, right = differing[0]
    shorter, longer = sorted((left, right), key=len)
    if len(longer) != len(shorter) + 1:
        return False
    return any(longer[:index] + longer[index + 1:] == shorter for index in range(1, len(longer)))


def host_rule(profile: Profile, host: str) -> HostRule | None:
    """Return the first host rule of the vendor profile that matches `host`."""
    name = host.lower()
    return next((rule for rule in profile.hosts if fnmatchcase(name, rule.pattern)), None)


def _is_host_name(text: str) -> bool:
    labels = text.split(".")
    return len(labels) >= 2 and all(re.fullmatch(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?", label)
                                    for label in labels)


@cache
def _phrase_regex(pattern: str) -> re.Pattern[str]:
    text = re.sub(r"\*+", "*", _PLACEHOLDER.sub("*", pattern))
    body = ".*".join(re.escape(piece) for piece in text.split("*"))
    if text.startswith("."):
        # A leading dot stands for any subdomain of what follows, not for the domain itself.
        body = ".+" + body
    return re.compile(body)


_STRENGTH = {Coverage.EXACT: 0, Coverage.WILDCARD: 1, Coverage.POSSIBLY: 2}
