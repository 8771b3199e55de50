"""Find host names and vendor host patterns in a line of a notice."""

from __future__ import annotations

import re
from dataclasses import dataclass

_TLDS = "com|net|org|io|co|eu|us|de|uk|fr|nl|info|biz|app|dev|cloud|ai|jp|au|ca|in|me"
_HOST_RE = re.compile(
    r"(?<![\w@/.:-])"
    r"(?P<host>(?:<anything>\*|\*\.|\.)?"
    r"(?:[a-z0-9*](?:[a-z0-9*-]{0,61}[a-z0-9*])?\.)+"
    rf"(?:{_TLDS}))"
    r"(?![\w-]|\.\w|/)",
    re.IGNORECASE,
)
_EXCLUSION_RE = re.compile(
    r"no change (?:is )?(?:required|needed)|needs? no change|not (?:be )?(?:affected|impacted|"
    r"changing|changed)|no action (?:is )?(?:required|needed)|unaffected|will not change|"
    r"already (?:has|uses|have)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class HostMatch:
    """A host name found in a line, lower-cased, with its character span."""

    host: str
    span: tuple[int, int]

    @property
    def nonstandard(self) -> bool:
        """True for a vendor pattern that is not a certificate wildcard (`*` only as a whole
        first label is standard)."""
        if self.host.startswith((".", "<anything>")):
            return True
        body = self.host[2:] if self.host.startswith("*.") else self.host
        return "*" in body


def find_hosts(text: str) -> list[HostMatch]:
    """Return every host name or host pattern in a line, in order."""
    found: list[HostMatch] = []
    for match in _HOST_RE.finditer(text):
        host = match.group("host").lower()
        if host.startswith("*") and not host.startswith("*."):
            host_body = host
        else:
            host_body = host
        found.append(HostMatch(host_body, match.span("host")))
    return found


def says_not_changing(text: str) -> bool:
    """Return whether a line names hosts as not changing ("no change required for ...")."""
    return bool(_EXCLUSION_RE.search(text))
