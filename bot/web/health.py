"""`GET /healthz`: a liveness check for load balancers and process managers."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import BaseRoute, Route


async def healthz(request: Request) -> PlainTextResponse:
    """Return 200 "ok" while the server process accepts requests."""
    return PlainTextResponse("ok\n", headers={"Cache-Control": "no-store"})


def health_routes() -> list[BaseRoute]:
    """Return the health check route."""
    return [Route("/healthz", healthz, methods=["GET"])]
