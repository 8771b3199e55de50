"""Block Kit replies that stay inside Slack's limits and state what they left out.

Slack rejects a message with more than 50 blocks or a section text over 3000 characters
(https://api.slack.com/reference/block-kit/blocks), so `Reply` cuts both and states how much.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

MAX_BLOCKS = 50
MAX_TEXT = 3000
MAX_FALLBACK_TEXT = 3000

Block = dict[str, Any]


def escape(text: str) -> str:
    """Escape the three characters that mrkdwn treats as control characters."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def slack_date(moment: datetime | date | None) -> str:
    """Show an instant in each reader's own zone, with a UTC fallback for old clients.

    A calendar date (all-day window) stays a plain date, because converting its midnight to
    another zone would move it to the previous day for readers west of UTC.
    """
    if moment is None:
        return "date not fixed yet"
    if not isinstance(moment, datetime):
        return f"{moment.isoformat()} (all day)"
    utc = moment.astimezone(UTC)
    fallback = utc.strftime("%Y-%m-%d %H:%M UTC")
    return f"<!date^{int(utc.timestamp())}^{{date_short_pretty}} {{time}}|{fallback}>"


def cut_text(text: str, limit: int = MAX_TEXT) -> str:
    """Cut `text` to `limit` characters, ending with how many characters were left out."""
    if len(text) <= limit:
        return text
    # Room for the note below, which is at most about 35 characters long.
    kept = text[: limit - 40]
    return f"{kept}\n… {len(text) - len(kept)} characters left out"


@dataclass
class Reply:
    """A slash-command reply: Block Kit blocks plus the plain text notifications show."""

    text: str
    items: list[Block] = field(default_factory=list)
    header: list[Block] = field(default_factory=list)
    footer: list[Block] = field(default_factory=list)
    omitted_hint: str = "narrow the request with a filter"

    def add_header(self, text: str) -> None:
        self.header.append(
            {"type": "header", "text": {"type": "plain_text", "text": cut_text(text, 150)}}
        )

    def add_context(self, text: str) -> None:
        self.header.append(
            {"type": "context", "elements": [{"type": "mrkdwn", "text": cut_text(text)}]}
        )

    def add_item(self, text: str) -> None:
        self.items.append({"type": "section", "text": {"type": "mrkdwn", "text": cut_text(text)}})

    def add_footer(self, block: Block) -> None:
        self.footer.append(block)

    def blocks(self) -> list[Block]:
        """Return header, items and footer, cutting items so the total stays within 50 blocks."""
        room = MAX_BLOCKS - len(self.header) - len(self.footer)
        if len(self.items) <= room:
            return [*self.header, *self.items, *self.footer]
        kept = self.items[: room - 1]
        left_out = len(self.items) - len(kept)
        note = {
            "type": "context",
            "elements": [
                {"type": "mrkdwn", "text": f"{left_out} more items left out; {self.omitted_hint}."}
            ],
        }
        return [*self.header, *kept, note, *self.footer]

    def fallback_text(self) -> str:
        return cut_text(self.text, MAX_FALLBACK_TEXT)
