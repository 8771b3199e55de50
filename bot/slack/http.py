"""Serve the Bolt app at `POST /slack/events` inside a Starlette application (HTTP mode)."""

from __future__ import annotations

from slack_bolt import App
from slack_bolt.adapter.starlette import SlackRequestHandler
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

EVENTS_PATH = "/slack/events"


def slack_route(app: App) -> Route:
    """Return the route that passes Slack's signed requests to the Bolt app.

    Bolt checks the signature and rejects a timestamp older than 5 minutes with 401.
    """
    handler = SlackRequestHandler(app)

    async def events(request: Request) -> Response:
        return await handler.handle(request)

    return Route(EVENTS_PATH, endpoint=events, methods=["POST"])
