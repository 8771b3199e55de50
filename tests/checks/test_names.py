"""hostname_mismatch and nonstandard_wildcard on the real certificate notice's host mentions."""

from __future__ import annotations

from parsers.checks.names import check_hostname_mismatch, check_nonstandard_wildcard
from parsers.extraction import HostMention, MentionKind
from parsers.models import FlagCode, FlagOrigin, Origin
from tests.checks.builders import ContextSpec, build_context, load_case
from tests.checks.schedules import october_window

REAL = "zuora-ssl-certificate-2018"
NOTICE = Origin.NOTICE


def real_mentions() -> list[HostMention]:
    """Return the host mentions of the real notice's title, endpoint list and bundle list."""
    return [
        HostMention("zuora.com", 3, NOTICE, MentionKind.TITLE),
        HostMention("connect.zuora.com", 3, NOTICE, MentionKind.TITLE),
        HostMention("*.zuora.com", 11, NOTICE, MentionKind.WINDOW),
        HostMention("<anything>*zuora.com", 11, NOTICE, MentionKind.WINDOW, nonstandard=True),
        HostMention("rest.pt1.zuora.com", 12, NOTICE, MentionKind.WINDOW),
        HostMention(".eu.zuora.com", 49, NOTICE, MentionKind.BUNDLE, nonstandard=True),
        HostMention("rest.pt.zuora.com", 51, NOTICE, MentionKind.BUNDLE),
    ]


def test_hostname_mismatch_real_notice() -> None:
    document, profile = load_case(REAL)
    extra = ContextSpec(mentions=real_mentions())
    flags = check_hostname_mismatch(build_context(document, profile, [october_window()], extra))
    assert [flag.hosts for flag in flags] == [
        ["rest.pt.zuora.com", "rest.pt1.zuora.com"],
        ["zuora.com"],
    ]
    assert {flag.origin for flag in flags} == {FlagOrigin.NOTICE}
    assert flags[0].message == (
        "rest.pt.zuora.com and rest.pt1.zuora.com differ by one character; one of them may be a "
        "typo."
    )
    assert [item.line for item in flags[0].evidence] == [12, 51]
    assert flags[1].message == (
        "The title names zuora.com, but no host listed in the notice's windows covers it "
        "(a wildcard covers exactly one label, not the bare domain)."
    )
    assert [item.line for item in flags[1].evidence] == [3]


def test_hostname_mismatch_empty_list_none() -> None:
    # An endpoint list that came through empty cannot contradict the title.
    document, profile = load_case(REAL)
    mentions = [HostMention("zuora.com", 3, NOTICE, MentionKind.TITLE)]
    context = build_context(document, profile, [], ContextSpec(mentions=mentions))
    assert check_hostname_mismatch(context) == []


def test_hostname_mismatch_changed_letter_none() -> None:
    document, profile = load_case(REAL)
    mentions = [
        HostMention("test.zuora.com", 11, NOTICE, MentionKind.WINDOW),
        HostMention("rest.zuora.com", 12, NOTICE, MentionKind.WINDOW),
    ]
    context = build_context(document, profile, [], ContextSpec(mentions=mentions))
    assert check_hostname_mismatch(context) == []


def test_nonstandard_wildcard_real_notice() -> None:
    document, profile = load_case(REAL)
    extra = ContextSpec(mentions=real_mentions())
    flags = check_nonstandard_wildcard(build_context(document, profile, [october_window()], extra))
    assert len(flags) == 1
    assert flags[0].code is FlagCode.NONSTANDARD_WILDCARD
    assert flags[0].origin is FlagOrigin.NOTICE
    assert flags[0].hosts == ["<anything>*zuora.com", ".eu.zuora.com"]
    assert flags[0].message == (
        "Host patterns that are not certificate wildcards: <anything>*zuora.com, .eu.zuora.com; "
        "a certificate wildcard such as *.example.com covers exactly one label."
    )
    assert [item.line for item in flags[0].evidence] == [11, 49]


def test_nonstandard_wildcard_plain_hosts_none() -> None:
    document, profile = load_case(REAL)
    mentions = [m for m in real_mentions() if not m.nonstandard]
    context = build_context(document, profile, [october_window()], ContextSpec(mentions=mentions))
    assert check_nonstandard_wildcard(context) == []
