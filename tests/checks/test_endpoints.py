"""endpoint_in_multiple_windows, wildcard_overlap and endpoints_missing."""

from __future__ import annotations

from datetime import date

from parsers.checks.endpoints import (
    check_endpoint_in_multiple_windows,
    check_endpoints_missing,
    check_wildcard_overlap,
)
from parsers.models import Evidence, FlagCode, FlagOrigin, Origin, Severity, Tier
from tests.checks.builders import ContextSpec, WindowSpec, build_context, build_window, load_case
from tests.checks.schedules import first_version_windows, october_window

REAL = "zuora-ssl-certificate-2018"
REPLY_LINES = (170, 171, 172, 173)


def test_repeated_host_in_replies() -> None:
    document, profile = load_case(REAL)
    specs = [october_window(), *first_version_windows(Origin.COMMENT, REPLY_LINES)]
    flags = check_endpoint_in_multiple_windows(build_context(document, profile, specs))
    assert len(flags) == 1
    assert flags[0].origin is FlagOrigin.COMMENT
    assert flags[0].hosts == ["rest.zuora.com"]
    assert flags[0].message == (
        "rest.zuora.com is scheduled in 2 windows: 2018-09-05 07:00 PDT, 2018-09-12 07:00 PDT."
    )
    assert [item.line for item in flags[0].evidence] == [172, 173]


def test_repeated_host_single_window_none() -> None:
    document, profile = load_case(REAL)
    context = build_context(document, profile, [october_window()])
    assert check_endpoint_in_multiple_windows(context) == []


def test_wildcard_overlap_one_label_only() -> None:
    # *.zuora.com on 09-12 covers connect.zuora.com (08-29) and the one-label hosts of 09-05,
    # but not zuora.com itself nor two-label hosts such as static.na.zuora.com.
    document, profile = load_case(REAL)
    specs = first_version_windows(Origin.COMMENT, REPLY_LINES)
    flags = check_wildcard_overlap(build_context(document, profile, specs))
    covered = [[host for host in flag.hosts if host != "*.zuora.com"] for flag in flags]
    assert covered == [
        ["connect.zuora.com"],
        ["api.zuora.com", "na.zuora.com", "rest.zuora.com", "static.zuora.com", "www.zuora.com"],
    ]
    assert {flag.origin for flag in flags} == {FlagOrigin.COMMENT}
    assert flags[0].message == (
        "*.zuora.com in the window on 2018-09-12 07:00 PDT covers connect.zuora.com, which the "
        "window on 2018-08-29 07:00 PDT schedules."
    )


def test_wildcard_overlap_same_time_none() -> None:
    document, profile = load_case(REAL)
    assert check_wildcard_overlap(build_context(document, profile, [october_window()])) == []


def test_endpoints_missing_empty_list() -> None:
    document, profile = load_case("zuora-ssl-cert-production-dec-2018")
    heading = Evidence(line=9, text=document.line(9).strip())
    spec = WindowSpec(date(2018, 12, 12), [Tier.PRODUCTION], ("zuora.com",))
    context = build_context(document, profile, [spec], ContextSpec(empty_lists=[heading]))
    flags = check_endpoints_missing(context)
    assert len(flags) == 1
    assert flags[0].severity is Severity.ERROR
    assert flags[0].message == (
        'The list under "Endpoints in Production:" (line 9) is empty; its entries were lost, '
        "so the endpoints it names are unknown."
    )


def test_endpoints_missing_window_without_scope() -> None:
    # Root CA expiry 2020: the Saturday phase names neither hosts nor a tier.
    document, profile = load_case("zuora-emergency-root-ca-expiry-2020")
    specs = [WindowSpec(date(2020, 5, 29), [Tier.PRODUCTION]), WindowSpec(date(2020, 5, 30), [])]
    flags = check_endpoints_missing(build_context(document, profile, specs))
    assert [flag.code for flag in flags] == [FlagCode.ENDPOINTS_MISSING]
    assert flags[0].message == "The window on 2020-05-30 names no host and no environment."


def test_endpoints_missing_named_tiers_none() -> None:
    document, profile = load_case("authorizenet-digicert-migration-v1-2024")
    specs = [WindowSpec(date(2024, 8, 15), [Tier.SANDBOX])]
    assert check_endpoints_missing(build_context(document, profile, specs)) == []


def test_endpoints_missing_long_heading_shortened() -> None:
    document, profile = load_case("salesforce-certificate-update-2016")
    text = "Resolution We are replacing the certificates of the instances listed in this article"
    heading = Evidence(line=3, text=text)
    context = build_context(document, profile, [], ContextSpec(empty_lists=[heading]))
    (flag,) = check_endpoints_missing(context)
    assert flag.message.startswith(
        'The list under "Resolution We are replacing the certificates of the ..." '
        "(line 3) is empty"
    )
    assert flag.evidence == [heading]


def test_endpoints_missing_undated_change_none() -> None:
    document, profile = load_case("zuora-ip-allowlist-end-of-support-2018")
    window = build_window(document, WindowSpec(date(2018, 1, 1), []))
    window.start = None
    context = build_context(document, profile, [])
    context.schedule.windows.append(window)
    assert check_endpoints_missing(context) == []
