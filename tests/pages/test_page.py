"""The notice page: escaping of notice text, the CSP, and what the page lists."""

from __future__ import annotations

import base64
import hashlib
import re
from datetime import UTC, datetime

import lxml.html  # type: ignore[import-untyped]  # lxml ships no type hints

from bot.pages.html_shell import content_security_policy
from bot.pages.page import PageOptions, VersionEntry, render_notice_page
from parsers.models import Schedule

NOW = datetime(2018, 9, 4, 12, 0, tzinfo=UTC)
HOSTILE = '<script>alert("owned")</script><img src=x onerror="alert(2)"><b>bold</b>'


def render(schedule: Schedule, **options: object) -> str:
    return render_notice_page(schedule, PageOptions(now=NOW, **options))  # type: ignore[arg-type]


def test_page_renders_hostile_notice_text_as_text(notice_schedule: Schedule) -> None:
    notice_schedule.notice.title = HOSTILE
    notice_schedule.windows[0].hosts.append(HOSTILE)
    notice_schedule.flags[0].message = HOSTILE
    notice_schedule.flags[0].evidence[0].text = HOSTILE
    notice_schedule.bundles[0].file = HOSTILE
    notice_schedule.hosts_excluded.append(HOSTILE)

    page = render(notice_schedule)
    tree = lxml.html.document_fromstring(page)

    assert len(tree.xpath("//script")) == 1
    assert tree.xpath("//img") == []
    assert tree.xpath("//b") == []
    assert tree.xpath("//@onerror") == []
    assert tree.findtext(".//h1") == HOSTILE
    assert tree.xpath("string(//div[@data-code='holiday']/p[1])") == HOSTILE
    assert 'alert("owned")' not in (tree.xpath("string(//script)"))


def test_page_script_and_style_match_policy_hashes(notice_schedule: Schedule) -> None:
    tree = lxml.html.document_fromstring(render(notice_schedule))
    policy = content_security_policy()
    for tag, directive in (("script", "script-src"), ("style", "style-src")):
        source = tree.xpath(f"string(//{tag})")
        digest = base64.b64encode(hashlib.sha256(source.encode()).digest()).decode()
        assert f"{directive} 'sha256-{digest}'" in policy
    assert policy.startswith("default-src 'none'; ")
    assert "unsafe-inline" not in policy


def test_page_embeds_policy_for_files(notice_schedule: Schedule) -> None:
    tree = lxml.html.document_fromstring(render(notice_schedule, embed_policy=True))
    meta = tree.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    assert meta == [content_security_policy(for_meta=True)]
    assert "frame-ancestors" not in meta[0]


def test_page_served_without_meta_policy(notice_schedule: Schedule) -> None:
    tree = lxml.html.document_fromstring(render(notice_schedule))
    assert tree.xpath("//meta[@http-equiv='Content-Security-Policy']") == []


def test_page_viewport_for_phones(notice_schedule: Schedule) -> None:
    tree = lxml.html.document_fromstring(render(notice_schedule))
    assert tree.xpath("//meta[@name='viewport']/@content") == [
        "width=device-width, initial-scale=1"
    ]


def test_page_links_only_http_sources(notice_schedule: Schedule) -> None:
    notice_schedule.notice.source = "javascript:alert(1)"
    tree = lxml.html.document_fromstring(render(notice_schedule))
    assert tree.xpath("//a[starts-with(@href, 'javascript')]") == []

    notice_schedule.notice.source = "https://community.zuora.com/t5/notice/123"
    tree = lxml.html.document_fromstring(render(notice_schedule))
    assert tree.xpath("//a[@rel='noopener noreferrer nofollow']/@href") == [
        "https://community.zuora.com/t5/notice/123"
    ]


def test_page_window_times_in_three_zones(notice_schedule: Schedule) -> None:
    tree = lxml.html.document_fromstring(render(notice_schedule, display_timezone="Europe/Berlin"))
    start = tree.xpath("//tr[@data-window-id='w-body']/td[@data-label='Start']")[0]
    text = start.text_content()
    assert "2018-10-10 08:00 UTC" in text
    assert "2018-10-10 01:00 PDT" in text
    assert "2018-10-10 10:00 CEST" in text
    assert start.xpath(".//@data-local-time") == ["2018-10-10T08:00:00Z"]


def test_page_flag_evidence_and_question(notice_schedule: Schedule) -> None:
    tree = lxml.html.document_fromstring(render(notice_schedule))
    flag = tree.xpath("//div[@data-code='holiday']")[0]
    assert (
        "Ask the vendor: Can the change on Labor Day move to a working day?" in flag.text_content()
    )
    assert flag.xpath("string(.//ul[@class='evidence']/li)").startswith("line 120: ")


def test_page_hosts_and_bundles(notice_schedule: Schedule) -> None:
    tree = lxml.html.document_fromstring(render(notice_schedule))
    hosts = tree.xpath("//section[@id='hosts']//li/code/text()")
    assert "rest.pt1.zuora.com" in hosts
    assert "connect.zuora.com" in hosts
    assert "sandbox.eu.zuora.com" in tree.xpath("string(//section[@id='hosts'])")
    bundles = tree.xpath("string(//section[@id='bundles'])")
    assert "keytool alias Zuora-AddTrustExternalCARoot.crt" in bundles


def test_page_history_newest_first(notice_schedule: Schedule) -> None:
    history = [
        VersionEntry(
            1, datetime(2018, 8, 31, 1, 0, tzinfo=UTC), "a" * 64, url="/notices/n/versions/1"
        ),
        VersionEntry(
            2,
            datetime(2018, 9, 7, 1, 0, tzinfo=UTC),
            "b" * 64,
            changes=["Window on 2018-09-12 re-dated to 2018-10-10."],
        ),
    ]
    page = render_notice_page(notice_schedule, PageOptions(now=NOW), history, shown_version=1)
    tree = lxml.html.document_fromstring(page)
    assert tree.xpath("//section[@id='versions']//li/@data-version") == ["2", "1"]
    assert tree.xpath("//li[@data-version='2']/pre[@class='changes']/text()") == [
        "Window on 2018-09-12 re-dated to 2018-10-10."
    ]
    assert tree.xpath("//li[@data-version='1']/a/@href") == ["/notices/n/versions/1"]
    assert "Showing stored version 1." in tree.xpath("string(//body)")
    assert re.search(r"Version 1\s*\(shown\)", tree.xpath("string(//li[@data-version='1'])"))
