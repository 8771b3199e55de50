"""Loading saved page text: title, sections, staff replies, post time."""

from __future__ import annotations

from pathlib import Path

from parsers.document import SectionKind
from parsers.loaders import load_path
from parsers.profiles import load_profile

CASES = Path(__file__).parent / "cases"


def test_real_notice_title_skips_banner(real_notice: Path) -> None:
    document, profile = load_path(real_notice)
    assert profile.vendor == "zuora"
    assert document.title.startswith("Re: [ACTION REQUIRED]: Maintenance to Update SSL")
    assert document.title_line == 3


def test_real_notice_body_ends_at_signature(real_notice: Path) -> None:
    document, _ = load_path(real_notice)
    body = document.sections[0]
    assert body.kind is SectionKind.BODY
    assert body.rank == "Zuora Support"
    assert body.last_line < 90
    assert document.is_notice_line(26)
    assert not document.is_notice_line(90)


def test_real_notice_reply_ranks(real_notice: Path) -> None:
    document, _ = load_path(real_notice)
    ranks = [section.rank for section in document.sections[1:]]
    assert "Zuora Staff" in ranks
    assert "Savvy Scholar" in ranks
    staff_section = document.section_at(147)
    assert staff_section is not None
    assert staff_section.is_staff


def test_reply_schedule_lines_are_comment(real_notice: Path) -> None:
    document, _ = load_path(real_notice)
    assert not document.is_notice_line(170)
    assert not document.is_notice_line(173)


def test_blank_runs_inside_body_stay_body() -> None:
    document, _ = load_path(CASES / "zuora-ssl-cert-production-dec-2018.txt")
    assert len(document.sections) == 1
    assert document.is_notice_line(21)


def test_forum_posted_line_sets_post_time() -> None:
    document, _ = load_path(CASES / "zuora-maintenance-schedule-2023.txt")
    assert document.posted_at is not None
    assert document.posted_at.isoformat() == "2022-12-22T12:40:00-08:00"


def test_article_stamp_with_stray_pm() -> None:
    document, _ = load_path(CASES / "authorizenet-digicert-migration-v1-2024.txt", profile=load_profile("authorizenet"))
    assert document.posted_at is not None
    assert document.posted_at.isoformat() == "2024-07-23T22:44:00-07:00"
