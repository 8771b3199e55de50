"""Find the certificate bundles a notice tells customers to install."""

from __future__ import annotations

import re

from parsers.document import Document
from parsers.hostnames import find_hosts
from parsers.models import Bundle, Evidence

_FILE_RE = re.compile(
    r"(?<![\w.-])(?P<file>[\w][\w.-]*\.(?:cer|crt|pem|der|p7b|p7c|ca-bundle|pfx|p12|cert))(?![\w-])",
    re.IGNORECASE,
)
_KEYTOOL_RE = re.compile(r"keytool\b.*?-alias\s+(?P<alias>\S+).*?-file\s+(?P<file>\S+)", re.IGNORECASE)
_PLACEHOLDER_RE = re.compile(r"<[^<>]*>")
_BUNDLE_HEADING_RE = re.compile(r"certificate bundle|root certificates?\b|ca certificates?", re.IGNORECASE)
_CERT_NAME_RE = re.compile(r"\b(?:CA|Root|Intermediate)\b")
_CERT_NAME_WINDOW = 10
"""Lines after a bundle heading in which bare certificate names are looked for."""


def find_bundles(document: Document) -> list[Bundle]:
    """Return certificate files, keytool imports and certificate names, in document order."""
    bundles: dict[str, Bundle] = {}
    aliases: set[str] = set()
    heading_line: int | None = None
    for number, raw in enumerate(document.lines, start=1):
        if not document.is_notice_line(number):
            continue
        line = raw.strip()
        if not line:
            continue
        evidence = Evidence(line=number, text=line)
        text = _PLACEHOLDER_RE.sub(" ", line)
        keytool = _KEYTOOL_RE.search(text)
        if keytool:
            aliases.add(keytool.group("alias").lower())
            _add(bundles, keytool.group("file"), keytool.group("alias"), [], evidence)
            continue
        files = [match.group("file") for match in _FILE_RE.finditer(text)]
        files = [name for name in files if name.lower() not in aliases]
        if files:
            requires_at = text.lower().find("require")
            scope = text[:requires_at] if requires_at > 0 else ""
            hosts = [match.host for match in find_hosts(scope)]
            for name in files:
                _add(bundles, name, None, hosts, evidence)
            continue
        if _BUNDLE_HEADING_RE.search(line) and len(line.split()) > 3:
            heading_line = number
            continue
        if heading_line is not None and number - heading_line <= _CERT_NAME_WINDOW and _is_certificate_name(line):
            _add(bundles, line, None, [], evidence)
    return list(bundles.values())


def _is_certificate_name(line: str) -> bool:
    """Return whether a line is a short certificate name such as "Zuora CA Root", not a sentence."""
    words = line.split()
    return (
        1 < len(words) <= 5
        and bool(_CERT_NAME_RE.search(line))
        and not line.endswith((".", ":", "?", "!"))
        and not line[0].isdigit()
    )


def _add(bundles: dict[str, Bundle], name: str, alias: str | None, hosts: list[str], evidence: Evidence) -> None:
    key = name.lower()
    if key in bundles:
        bundles[key].evidence.append(evidence)
        return
    bundles[key] = Bundle(file=name, alias=alias, hosts=hosts, evidence=[evidence])
