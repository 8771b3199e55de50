"""The slash command: read its text, pick the subcommand and build the reply."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from bot.filters import FilterError, parse_filter
from bot.slack.answers import (
    AnswerContext,
    answer_affects,
    answer_diff,
    answer_flags,
    answer_list,
    answer_next,
    answer_schedule,
)
from bot.slack.blocks import Reply, escape

logger = logging.getLogger(__name__)

SHARE_WORD = "share"
SHARE_ACTION = "share_reply"


@dataclass(frozen=True)
class Invocation:
    """A slash command's text split into the subcommand, its arguments and the share request."""

    name: str
    args: list[str] = field(default_factory=list)
    share: bool = False


def parse_invocation(text: str) -> Invocation:
    """Split `text`; the word "share" anywhere posts the reply in the channel, not privately."""
    words = text.split()
    share = any(word.lower() == SHARE_WORD for word in words)
    words = [word for word in words if word.lower() != SHARE_WORD]
    if not words:
        return Invocation("help", [], share)
    return Invocation(words[0].lower(), words[1:], share)


def help_reply(command: str, problem: str | None = None) -> Reply:
    """Return the usage of every subcommand, after `problem` when the input was not understood."""
    lines = [
        f"`{command} next [filter]` upcoming windows, soonest first",
        f"`{command} schedule [notice]` every window, the hosts not changing and the bundles",
        f"`{command} affects HOST` windows that change HOST, past ones marked, and the bundles",
        f"`{command} flags [notice]` problems found in the notice, with questions for the vendor",
        f"`{command} diff [notice]` what the newest version changed",
        f"`{command} list` tracked notices",
        f"`{command} subscribe [filter]` reminders and change reports in this channel,"
        " and a calendar feed",
        f"`{command} unsubscribe` stop reminders and change reports in this channel",
        f"`{command} help` this text",
        "Filters: `vendor=zuora`, `environment=production|sandbox|test|services`, `region=EU`, "
        "`host=rest.zuora.com`; a bare tier, host or vendor name works too.",
        f"Replies are visible only to you; add `{SHARE_WORD}` to post one in the channel.",
    ]
    reply = Reply(text=problem or f"{command} usage")
    if problem:
        reply.add_context(escape(problem))
    reply.add_item("\n".join(lines))
    return reply


def answer_invocation(context: AnswerContext, invocation: Invocation) -> Reply:
    """Build the reply of a read-only subcommand; unknown input gets the help text."""
    name, args = invocation.name, invocation.args
    try:
        if name == "next":
            return answer_next(context, parse_filter(args))
    except FilterError as error:
        return help_reply(context.command, str(error))
    if name == "schedule":
        return answer_schedule(context, args)
    if name == "affects":
        if len(args) != 1:
            return help_reply(
                context.command, "affects needs exactly one host name, such as rest.zuora.com."
            )
        return answer_affects(context, args[0].lower())
    if name == "flags":
        return answer_flags(context, args)
    if name == "diff":
        return answer_diff(context, args)
    if name == "list":
        return answer_list(context)
    if name == "help":
        return help_reply(context.command)
    return help_reply(context.command, f"Unknown subcommand {name!r}.")
