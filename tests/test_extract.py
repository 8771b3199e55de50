"""Extraction on the real notice and on small texts: windows, evidence, hosts, bundles, deadline."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from parsers import Origin, Tier, parse_file, parse_text
from parsers.bundles import find_bundles
from parsers.extract import extract
from parsers.extraction import MentionKind
from parsers.hostnames import find_hosts, says_not_changing
from parsers.loaders import load_path


def test_body_window_evidence_line(real_notice: Path) -> None:
    window = parse_file(real_notice).windows[0]
    assert window.origin is Origin.NOTICE
    assert window.evidence[0].line == 26
    assert window.evidence[0].text.startswith("• These changes will occur on October 10th")


def test_body_window_tiers_from_endpoint_list(real_notice: Path) -> None:
    window = parse_file(real_notice).windows[0]
    assert set(window.environments) == {Tier.PRODUCTION, Tier.SANDBOX, Tier.TEST}
    assert "<anything>*zuora.com" not in window.hosts
    assert "sandbox.eu.zuora.com" not in window.hosts


def test_reply_windows_are_comments(real_notice: Path) -> None:
    windows = parse_file(real_notice).windows[1:]
    assert [w.origin for w in windows] == [Origin.COMMENT] * 4
    assert [w.evidence[0].line for w in windows] == [170, 171, 172, 173]
    assert all(w.end is None for w in windows)


def test_reply_dates_become_evidence(real_notice: Path) -> None:
    september_3 = parse_file(real_notice).windows[2]
    assert september_3.start == datetime(2018, 9, 3, 14, tzinfo=UTC)
    lines = {evidence.line for evidence in september_3.evidence}
    assert {116, 122, 162, 196} <= lines


def test_deadline_and_excluded_host(real_notice: Path) -> None:
    schedule = parse_file(real_notice)
    assert schedule.notice.deadline == date(2018, 10, 10)
    assert schedule.hosts_excluded == ["sandbox.eu.zuora.com"]


def test_keytool_bundles_keep_alias(real_notice: Path) -> None:
    document, _ = load_path(real_notice)
    by_file = {bundle.file: bundle for bundle in find_bundles(document)}
    assert by_file["COMODORSACa.crt"].alias == "Zuora-COMODORSACa.crt"
    assert "Zuora-COMODORSACa.crt" not in by_file
    assert by_file["rest-pt1-zuora-com-fullrootchain.ca-bundle"].hosts == ["rest.pt.zuora.com"]
    assert "keystore.jks" not in by_file


def test_host_mention_kinds(real_notice: Path) -> None:
    document, profile = load_path(real_notice)
    found = extract(document, profile)
    kinds = {(m.host, m.kind) for m in found.host_mentions}
    assert ("zuora.com", MentionKind.TITLE) in kinds
    assert ("rest.pt.zuora.com", MentionKind.BUNDLE) in kinds
    assert ("sandbox.eu.zuora.com", MentionKind.EXCLUDED) in kinds
    nonstandard = {m.host for m in found.host_mentions if m.nonstandard}
    assert nonstandard == {"<anything>*zuora.com", ".eu.zuora.com"}


@pytest.mark.parametrize(
    ("line", "hosts"),
    [
        pytest.param("(soap.eu.zuora.com,dataloader.eu.zuora.com)", ["soap.eu.zuora.com", "dataloader.eu.zuora.com"], id="comma-list"),
        pytest.param("*.zuora.com - US (<anything>*zuora.com)", ["*.zuora.com", "<anything>*zuora.com"], id="wildcards"),
        pytest.param("see https://community.zuora.com/t5/x and mail ops@zuora.com", [], id="url-and-mail"),
        pytest.param('requires "eu-zuora-com-root.cer" on APISANDBOX.Zuora.com', ["apisandbox.zuora.com"], id="file-and-case"),
        pytest.param("services*.zuora.com (Service Environments)", ["services*.zuora.com"], id="inner-star"),
    ],
)
def test_find_hosts(line: str, hosts: list[str]) -> None:
    assert [match.host for match in find_hosts(line)] == hosts


def test_exclusion_phrase() -> None:
    assert says_not_changing("NOTE: no change required for sandbox.eu.zuora.com as it already has")
    assert not says_not_changing("customers need not do anything for www.zuora.com")


def test_window_block_hosts_under_line() -> None:
    text = (
        "Sandbox maintenance\n\n"
        "4:00 PM PDT to 5:00 PM PDT Saturday May 6, 2023\n"
        "Europe Cloud (EU) - Zuora Billing - API Sandbox (eu.sandbox.zuora.com)\n"
        "7:00 PM PDT to 8:00 PM PDT Saturday May 6, 2023\n"
        "Americas Cloud 2 (NA2) - Zuora Billing - API Sandbox (apisandbox.zuora.com)\n"
    )
    windows = parse_text(text, options=None).windows
    assert [w.hosts for w in windows] == [["eu.sandbox.zuora.com"], ["apisandbox.zuora.com"]]


def test_notice_without_dates_is_empty_schedule() -> None:
    schedule = parse_text("Hello\n\nWe improved our documentation pages.")
    assert (schedule.windows, schedule.flags) == ([], [])


def test_ids_stable_and_unique(real_notice: Path) -> None:
    first = [w.id for w in parse_file(real_notice).windows]
    second = [w.id for w in parse_file(real_notice).windows]
    assert first == second
    assert len(set(first)) == len(first)
