"""The Bolt app: the slash command, the share button and the Web API client they post with."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any
from urllib.error import URLError

from slack_bolt import Ack, App, Respond
from slack_bolt.error import BoltError
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

from bot.clock import Clock
from bot.settings import Settings
from bot.slack.answers import AnswerContext
from bot.slack.blocks import Reply
from bot.slack.command import SHARE_ACTION, Invocation, answer_invocation, parse_invocation
from bot.slack.subscribe import answer_subscribe, answer_unsubscribe
from bot.store import Store
from parsers.errors import ConfigError

logger = logging.getLogger(__name__)

# slack-sdk retries a 429 after the Retry-After seconds the response gives.
RATE_LIMIT_RETRIES = 3
ANSWER_THREADS = 4


@dataclass(frozen=True)
class SlackSecrets:
    """The Slack credentials, read only from the environment; repr never shows them."""

    bot_token: str = field(repr=False)
    signing_secret: str = field(repr=False)
    app_token: str | None = field(default=None, repr=False)


def load_slack_secrets(
    environ: Mapping[str, str] | None = None, *, socket_mode: bool = False
) -> SlackSecrets:
    """Read SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET and, for Socket Mode, SLACK_APP_TOKEN."""
    env = os.environ if environ is None else environ
    needed = ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"] + (
        ["SLACK_APP_TOKEN"] if socket_mode else []
    )
    missing = [name for name in needed if not env.get(name)]
    if missing:
        raise ConfigError(
            ", ".join(missing),
            "is not set in the environment",
            "export the values from the Slack app's settings page (see docs/slack.md)",
        )
    return SlackSecrets(
        env["SLACK_BOT_TOKEN"], env["SLACK_SIGNING_SECRET"], env.get("SLACK_APP_TOKEN")
    )


def create_web_client(settings: Settings, token: str) -> WebClient:
    """Return a Web API client on `settings.slack_api_url` that waits out rate limits."""
    client = WebClient(
        token=token, base_url=settings.slack_api_url, logger=logging.getLogger("bot.slack.web")
    )
    client.retry_handlers.append(RateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES))
    return client


def _payload(reply: Reply, invocation_text: str, share: bool) -> dict[str, Any]:
    """Return respond() arguments: ephemeral with a share button, or posted in the channel."""
    if not share:
        reply.add_footer(
            {
                "type": "actions",
                "elements": [
                    {
                        "type": "button",
                        "action_id": SHARE_ACTION,
                        "text": {"type": "plain_text", "text": "Share in channel"},
                        "value": invocation_text[:2000],
                    }
                ],
            }
        )
    return {
        "text": reply.fallback_text(),
        "blocks": reply.blocks(),
        "response_type": "in_channel" if share else "ephemeral",
        "replace_original": False,
    }


class SlashCommandHandler:
    """Handles the slash command and the share button for one store and clock.

    Each handler acknowledges inside Bolt's dispatch and leaves the reply to a thread pool of
    its own. Bolt's lazy listeners would do the same, but they deep-copy the whole request
    context, Web API client included: about two thirds of the dispatch time in a profile.
    """

    def __init__(self, settings: Settings, store: Store, clock: Clock) -> None:
        self.settings = settings
        self.store = store
        self.clock = clock
        self.executor = ThreadPoolExecutor(
            max_workers=ANSWER_THREADS, thread_name_prefix="slack-answer"
        )

    def build_reply(self, invocation: Invocation, channel: str) -> Reply:
        if invocation.name == "subscribe":
            return answer_subscribe(self.store, self.settings, channel, invocation.args)
        if invocation.name == "unsubscribe":
            return answer_unsubscribe(self.store, channel)
        context = AnswerContext(self.store, self.clock(), self.settings.slash_command)
        return answer_invocation(context, invocation)

    def on_command(self, ack: Ack, body: dict[str, Any], respond: Respond) -> None:
        """Acknowledge within Slack's 3 seconds, then reply through the response URL."""
        ack()
        self._submit(self.answer_command, body, respond)

    def on_share(self, ack: Ack, body: dict[str, Any], respond: Respond) -> None:
        """Acknowledge the button, then post the reply in the channel."""
        ack()
        self._submit(self.answer_share, body, respond)

    def _submit(
        self,
        answer: Callable[[dict[str, Any], Respond], None],
        body: dict[str, Any],
        respond: Respond,
    ) -> None:
        def run() -> None:
            try:
                answer(body, respond)
            except Exception:
                # Nothing else would see the error of a pool thread; the user gets no reply.
                logger.exception(
                    "reply to %s for user %s failed",
                    self.settings.slash_command,
                    body.get("user_id"),
                )

        self.executor.submit(run)

    def answer_command(self, body: dict[str, Any], respond: Respond) -> None:
        """Answer a slash command through its response URL."""
        text = str(body.get("text", ""))
        invocation = parse_invocation(text)
        channel = str(body.get("channel_id", ""))
        logger.info(
            "%s %s from user %s in %s",
            self.settings.slash_command,
            invocation.name,
            body.get("user_id"),
            channel,
        )
        reply = self.build_reply(invocation, channel)
        respond(**_payload(reply, text, invocation.share))

    def answer_share(self, body: dict[str, Any], respond: Respond) -> None:
        """Post the answer of the same command text in the channel for everyone."""
        actions = body.get("actions") or [{}]
        text = str(actions[0].get("value", ""))
        channel = str((body.get("channel") or {}).get("id", ""))
        invocation = parse_invocation(text)
        shared = Invocation(invocation.name, invocation.args, share=True)
        logger.info(
            "user %s shared %s in %s", (body.get("user") or {}).get("id"), invocation.name, channel
        )
        respond(**_payload(self.build_reply(shared, channel), text, share=True))


def _reason(error: Exception) -> str:
    """Return a short reason for a failed Slack call, without the response body or the token."""
    if isinstance(error, SlackApiError):
        return f"Slack answered {error.response.get('error', 'an error')}"
    if isinstance(error, URLError):
        return str(error.reason)
    return type(error).__name__ if not str(error) else str(error).splitlines()[0][:120]


def create_bolt_app(
    settings: Settings,
    store: Store,
    secrets: SlackSecrets,
    clock: Clock,
    *,
    client: WebClient | None = None,
) -> App:
    """Build the Bolt app; it checks the bot token with auth.test against the Web API once."""
    web_client = client or create_web_client(settings, secrets.bot_token)
    # With process_before_response the ack runs inside dispatch instead of a pool thread that
    # dispatch would poll every 10 ms.
    try:
        app = App(
            client=web_client,
            signing_secret=secrets.signing_secret,
            logger=logging.getLogger("bot.slack.bolt"),
            process_before_response=True,
        )
    except (BoltError, SlackApiError, URLError, OSError) as error:
        raise ConfigError(
            "SLACK_BOT_TOKEN",
            f"could not be checked with auth.test at {settings.slack_api_url} ({_reason(error)})",
            "check the token, NOTICEWATCH_SLACK_API_URL and the network, then start again",
        ) from error
    handler = SlashCommandHandler(settings, store, clock)
    app.command(settings.slash_command)(handler.on_command)
    app.action(SHARE_ACTION)(handler.on_share)
    return app
