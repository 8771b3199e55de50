"""Classify every host mention of a document and find lists whose items were stripped."""

from __future__ import annotations

import re

from parsers.bundles import find_bundles
from parsers.document import Document
from parsers.extraction import HostMention, MentionKind
from parsers.hostnames import find_hosts, says_not_changing
from parsers.models import Evidence, Origin

_EMPTY_QUOTES_RE = re.compile(r'""')
_EMPTY_LIST_BLANKS = 4
"""Blank lines under a list heading that mean its items were stripped (paragraphs leave 1-3)."""


def host_mentions(
    document: Document, window_lines: set[int]
) -> tuple[list[HostMention], list[str]]:
    """Return every host mention with its kind, and the hosts the notice names as not changing."""
    bundle_lines = {e.line for bundle in find_bundles(document) for e in bundle.evidence}
    mentions: list[HostMention] = []
    excluded: list[str] = []
    for number, raw in enumerate(document.lines, start=1):
        hosts = find_hosts(raw)
        if not hosts:
            continue
        origin = Origin.NOTICE if document.is_notice_line(number) else Origin.COMMENT
        if number == document.title_line:
            kind = MentionKind.TITLE
        elif says_not_changing(raw):
            kind = MentionKind.EXCLUDED
        elif number in bundle_lines:
            kind = MentionKind.BUNDLE
        elif number in window_lines:
            kind = MentionKind.WINDOW
        else:
            kind = MentionKind.PROSE
        for match in hosts:
            mentions.append(HostMention(match.host, number, origin, kind, match.nonstandard))
            if kind is MentionKind.EXCLUDED and origin is Origin.NOTICE and match.host not in excluded:
                excluded.append(match.host)
    return mentions, excluded


def empty_lists(document: Document) -> list[Evidence]:
    """List headings followed by blank lines where items were, and empty quotes where a name was cut."""
    found: list[Evidence] = []
    lines = document.lines
    for index, raw in enumerate(lines):
        text = raw.strip()
        if not text or not document.is_notice_line(index + 1):
            continue
        following = lines[index + 1:index + 1 + _EMPTY_LIST_BLANKS]
        ends_list = text.endswith(":") or re.search(r"\b(?:below|following)\b", text, re.IGNORECASE)
        names_links = re.search(r"\blinks?\b", text, re.IGNORECASE)
        blank = len(following) == _EMPTY_LIST_BLANKS and not any(item.strip() for item in following)
        if ends_list and blank and not names_links:
            found.append(Evidence(line=index + 1, text=text))
        elif _EMPTY_QUOTES_RE.search(text):
            found.append(Evidence(line=index + 1, text=text))
    return found
