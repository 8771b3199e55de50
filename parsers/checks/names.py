"""Checks on how hosts are written: near-duplicates, title hosts and nonstandard patterns."""

from __future__ import annotations

from dataclasses import dataclass

from parsers.checks.context import CheckContext
from parsers.checks.windows import dated_windows, flag_origin, line_evidence
from parsers.extraction import MentionKind
from parsers.hosts import Coverage, covers, is_near_duplicate, is_nonstandard_pattern
from parsers.models import Evidence, Flag, FlagCode, Origin, Severity


@dataclass(frozen=True)
class _Mention:
    host: str
    line: int | None
    kind: MentionKind
    nonstandard: bool


def check_hostname_mismatch(context: CheckContext) -> list[Flag]:
    """Flag near-duplicate host names, and title hosts that no entry of the body's list covers."""
    flags: list[Flag] = []
    for origin in Origin:
        mentions = _mentions(context, origin)
        hosts = sorted({mention.host for mention in mentions if not mention.nonstandard})
        for index, first in enumerate(hosts):
            for second in hosts[index + 1:]:
                if is_near_duplicate(first, second):
                    flags.append(_near_duplicate_flag(context, origin, mentions, first, second))
    flags.extend(_uncovered_title_hosts(context))
    return flags


def check_nonstandard_wildcard(context: CheckContext) -> list[Flag]:
    """Flag vendor host patterns that are not certificate wildcards, one flag per origin."""
    flags: list[Flag] = []
    for origin in Origin:
        patterns = [mention for mention in _mentions(context, origin) if mention.nonstandard]
        if not patterns:
            continue
        names = list(dict.fromkeys(mention.host for mention in patterns))
        lines = sorted({mention.line for mention in patterns if mention.line is not None})
        written = ", ".join(names)
        flags.append(Flag(
            code=FlagCode.NONSTANDARD_WILDCARD,
            severity=Severity.WARNING,
            origin=flag_origin(origin),
            message=f"Host patterns that are not certificate wildcards: {written}; a "
            "certificate wildcard such as *.example.com covers exactly one label.",
            question=f"Which exact host names does {written} stand for?",
            hosts=names,
            evidence=[line_evidence(context.document, line) for line in lines],
        ))
    return flags


def _mentions(context: CheckContext, origin: Origin) -> list[_Mention]:
    """Return every host written for `origin`: extraction's mentions, window and bundle hosts."""
    found: list[_Mention] = [
        _Mention(item.host, item.line, item.kind,
                 item.nonstandard or is_nonstandard_pattern(item.host))
        for item in context.extraction.host_mentions
        if item.origin is origin
    ]
    for window in dated_windows(context.schedule.windows, origin):
        found.extend(
            _Mention(host, _line_naming(window.evidence, host), MentionKind.WINDOW,
                     is_nonstandard_pattern(host))
            for host in window.hosts
        )
    if origin is Origin.NOTICE:
        for bundle in context.schedule.bundles:
            found.extend(
                _Mention(host, _line_naming(bundle.evidence, host), MentionKind.BUNDLE,
                         is_nonstandard_pattern(host))
                for host in bundle.hosts
            )
    return found


def _line_naming(evidence: list[Evidence], host: str) -> int | None:
    """Return the first evidence line that writes `host`, if any."""
    return next((item.line for item in evidence if host in item.text.lower()), None)


def _near_duplicate_flag(
    context: CheckContext, origin: Origin, mentions: list[_Mention], first: str, second: str
) -> Flag:
    lines = sorted({
        mention.line for mention in mentions
        if mention.host in (first, second) and mention.line is not None
    })
    return Flag(
        code=FlagCode.HOSTNAME_MISMATCH,
        severity=Severity.WARNING,
        origin=flag_origin(origin),
        message=f"{first} and {second} differ by one character; one of them may be a typo.",
        question=f"Is {first} the same host as {second}, and which name is right?",
        hosts=[first, second],
        evidence=[line_evidence(context.document, line) for line in lines],
    )


def _uncovered_title_hosts(context: CheckContext) -> list[Flag]:
    """Flag hosts of the title that no host of the notice's windows covers.

    Nothing is flagged when the windows list no host at all, because an empty list cannot
    contradict the title (endpoints_missing reports it).
    """
    listed = [
        host for window in dated_windows(context.schedule.windows, Origin.NOTICE)
        for host in window.hosts
    ]
    if not listed:
        return []
    titles = [
        mention for mention in context.extraction.host_mentions
        if mention.kind is MentionKind.TITLE and not mention.nonstandard
    ]
    flags: list[Flag] = []
    for host in dict.fromkeys(mention.host for mention in titles):
        reached = [covers(pattern, host) for pattern in listed]
        if any(found in (Coverage.EXACT, Coverage.WILDCARD) for found in reached):
            continue
        line = next(mention.line for mention in titles if mention.host == host)
        flags.append(Flag(
            code=FlagCode.HOSTNAME_MISMATCH,
            severity=Severity.WARNING,
            origin=flag_origin(Origin.NOTICE),
            message=f"The title names {host}, but no host listed in the notice's windows covers "
            "it (a wildcard covers exactly one label, not the bare domain).",
            question=f"Does {host} change, and in which window?",
            hosts=[host],
            evidence=[line_evidence(context.document, line)],
        ))
    return flags
