"""`find_impacts` on the real certificate notice, with its checks run on hand-built windows."""

from __future__ import annotations

from datetime import UTC, datetime

from parsers.affects import Timing, find_impacts
from parsers.checks import run_checks
from parsers.extraction import HostMention, MentionKind
from parsers.hosts import Coverage
from parsers.models import Bundle, Origin, Schedule
from tests.checks.builders import ContextSpec, build_context, load_case
from tests.checks.schedules import first_version_windows, october_window

BEFORE_ALL = datetime(2018, 8, 25, tzinfo=UTC)


def real_schedule() -> Schedule:
    """Return the real notice's schedule: the October window, the reply-quoted ones, flags."""
    document, profile = load_case("zuora-ssl-certificate-2018")
    specs = [october_window(), *first_version_windows(Origin.COMMENT, (170, 171, 172, 173))]
    mentions = [
        HostMention("*.zuora.com", 11, Origin.NOTICE, MentionKind.WINDOW),
        HostMention(
            "<anything>*zuora.com", 11, Origin.NOTICE, MentionKind.WINDOW, nonstandard=True
        ),
        HostMention(".eu.zuora.com", 49, Origin.NOTICE, MentionKind.BUNDLE, nonstandard=True),
    ]
    bundles = [
        Bundle(file="eu-zuora-com-root.cer", hosts=[".eu.zuora.com"]),
        Bundle(file="zuora-com-root.cer", hosts=["*.zuora.com", "apisandbox.zuora.com"]),
        Bundle(file="AddTrustExternalCARoot.crt", alias="Zuora-AddTrustExternalCARoot.crt"),
    ]
    context = build_context(
        document, profile, specs, ContextSpec(mentions=mentions, bundles=bundles)
    )
    context.schedule.flags = run_checks(context)
    return context.schedule


def test_wildcard_host_in_october_window() -> None:
    schedule = real_schedule()
    (impact,) = find_impacts(schedule, ["apisandbox-api.zuora.com"], BEFORE_ALL)
    assert [match.window.id for match in impact.confirmed] == [schedule.windows[0].id]
    assert impact.confirmed[0].coverage is Coverage.WILDCARD
    assert impact.confirmed[0].pattern == "*.zuora.com"
    assert impact.confirmed[0].timing is Timing.UPCOMING
    assert [bundle.file for bundle in impact.bundles] == [
        "zuora-com-root.cer",
        "AddTrustExternalCARoot.crt",
    ]


def test_two_label_host_only_possibly() -> None:
    # *.zuora.com covers one label, so rest.apisandbox.zuora.com is reached in the notice only
    # by "(<anything>*zuora.com)"; the reply-quoted September 12 window lists it exactly.
    schedule = real_schedule()
    (impact,) = find_impacts(schedule, ["rest.apisandbox.zuora.com"], BEFORE_ALL)
    assert [match.coverage for match in impact.confirmed] == [Coverage.POSSIBLY]
    assert impact.confirmed[0].pattern == "<anything>*zuora.com"
    assert impact.confirmed[0].window.id == schedule.windows[0].id
    assert [match.window.id for match in impact.unconfirmed] == [schedule.windows[4].id]
    assert impact.unconfirmed[0].coverage is Coverage.EXACT


def test_timing_relative_to_now() -> None:
    schedule = real_schedule()
    during = datetime(2018, 10, 10, 9, tzinfo=UTC)
    after = datetime(2018, 10, 11, tzinfo=UTC)
    (in_progress,) = find_impacts(schedule, ["rest.pt1.zuora.com"], during)
    (done,) = find_impacts(schedule, ["rest.pt1.zuora.com"], after)
    assert in_progress.confirmed[0].timing is Timing.IN_PROGRESS
    assert done.confirmed[0].timing is Timing.PAST


def test_unrelated_host_unaffected() -> None:
    (impact,) = find_impacts(real_schedule(), ["api.example.com"], BEFORE_ALL)
    assert not impact.affected
    assert impact.bundles == []
