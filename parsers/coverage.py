"""Window coverage: the tiers, regions and services read from vendor phrases and host rules."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from typing import TypeVar

from parsers.document import Document
from parsers.hostnames import find_hosts, says_not_changing
from parsers.models import Evidence, Origin, Status, Tier, Window
from parsers.profiles import Profile

T = TypeVar("T")
_CERT_FILE_RE = re.compile(r"\.(?:cer|crt|pem|ca-bundle|p7b|der)\b", re.IGNORECASE)


@dataclass
class Coverage:
    tiers: list[Tier] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    services: list[str] = field(default_factory=list)

    def union(self, other: Coverage) -> Coverage:
        return Coverage(
            tiers=_merge(self.tiers, other.tiers),
            regions=_merge(self.regions, other.regions),
            services=_merge(self.services, other.services),
        )

    def services_match(self, other: Coverage) -> bool:
        """Return whether two coverages can be about one service (an unnamed service matches all)."""
        return not self.services or not other.services or bool(set(self.services) & set(other.services))

    def tiers_match(self, other: Coverage) -> bool:
        """Return whether a template's tiers apply to a group ("All Environments" names none, so all)."""
        return not self.tiers or bool(set(self.tiers) & set(other.tiers))

    def with_hosts(self, hosts: list[str], profile: Profile) -> Coverage:
        """Add the tiers and regions the profile's host rules give each host."""
        result = Coverage(list(self.tiers), list(self.regions), list(self.services))
        for host in hosts:
            rule = next((rule for rule in profile.hosts if fnmatchcase(host, rule.pattern)), None)
            if rule is None:
                continue
            result.tiers = _merge(result.tiers, rule.tiers)
            if rule.region:
                result.regions = _merge(result.regions, [rule.region])
        return result


def _merge(first: list[T], second: list[T]) -> list[T]:
    """Join two lists, keeping the first occurrence of each item in order."""
    return list(dict.fromkeys([*first, *second]))


def coverage_of_lines(texts: list[str], profile: Profile) -> Coverage:
    """Read tiers, regions and services from vendor phrases; the longest phrase wins an overlap."""
    result = Coverage()
    for text in texts:
        matches = []
        for phrase in profile.phrases:
            for match in phrase.regex.finditer(text):
                matches.append((match.start(), match.end(), phrase))
        matches.sort(key=lambda item: (item[0], -(item[1] - item[0])))
        taken_until = -1
        for start, end, phrase in matches:
            if start < taken_until:
                continue
            taken_until = end
            result = result.union(Coverage(list(phrase.tiers), list(phrase.regions), list(phrase.services)))
    return result


def hosts_fallback(
    windows: list[Window], document: Document, profile: Profile, lines_used: dict[str, list[int]]
) -> None:
    """Give the notice's endpoint list to its only dated window when that window names no host.

    Notices often list endpoints in one place and the date in another ("the changes will occur
    on October 10th"). With one window there is no doubt which hosts it changes. When the body's
    lists came through empty, the title's hosts are used.
    """
    candidates = [
        index for index, window in enumerate(windows)
        if window.origin is Origin.NOTICE and window.status is not Status.COMPLETED and window.start is not None
    ]
    if len(candidates) != 1:
        return
    index = candidates[0]
    window = windows[index]
    if window.hosts:
        return
    used = {number for key, numbers in lines_used.items() if key != window.id for number in numbers}
    hosts: list[str] = []
    texts: list[str] = []
    for number, raw in enumerate(document.lines, start=1):
        if number == document.title_line or number in used or not document.is_notice_line(number):
            continue
        found = [match.host for match in find_hosts(raw) if not match.nonstandard]
        if not found or says_not_changing(raw) or _CERT_FILE_RE.search(raw):
            continue
        hosts.extend(found)
        texts.append(raw)
        window.evidence.append(_evidence(number, raw))
    if not hosts and document.title_line:
        title = document.lines[document.title_line - 1]
        hosts = [match.host for match in find_hosts(title) if not match.nonstandard]
        if hosts:
            window.evidence.append(_evidence(document.title_line, title))
    if not hosts:
        return
    window.hosts = list(dict.fromkeys(hosts))
    found_coverage = Coverage(list(window.environments), list(window.regions), list(window.services))
    found_coverage = found_coverage.union(coverage_of_lines(texts, profile)).with_hosts(window.hosts, profile)
    window.environments = found_coverage.tiers
    window.regions = found_coverage.regions
    window.services = found_coverage.services


def _evidence(number: int, raw: str) -> Evidence:
    return Evidence(line=number, text=raw.strip())
