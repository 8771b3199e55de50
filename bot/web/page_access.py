"""Headers and the optional access token of the HTML pages.

When `settings.web_access_token` is set, a page request must carry it as `?token=` or as
`Authorization: Bearer TOKEN`. A request that passes with `?token=` also gets an HttpOnly,
SameSite=Strict cookie, so the links between pages work without putting the token into the
HTML. Tokens are compared with `hmac.compare_digest`, in constant time.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response

from bot.pages.html_shell import content_security_policy

logger = logging.getLogger(__name__)

TOKEN_COOKIE = "noticewatch_page_token"
PAGE_HEADERS = {
    "Content-Security-Policy": content_security_policy(),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}

Endpoint = Callable[[Request], Awaitable[Response]]


def html_page(body: str, status_code: int = 200) -> HTMLResponse:
    """Return an HTML page with the Content-Security-Policy and the other page headers."""
    return HTMLResponse(body, status_code=status_code, headers=PAGE_HEADERS)


def _presented_tokens(request: Request) -> list[tuple[str, str]]:
    """Return (where, token) for every place the request carries a token."""
    found = []
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        found.append(("header", value.strip()))
    if "token" in request.query_params:
        found.append(("query", request.query_params["token"]))
    if TOKEN_COOKIE in request.cookies:
        found.append(("cookie", request.cookies[TOKEN_COOKIE]))
    return found


def _token_matches(presented: str, expected: str) -> bool:
    return hmac.compare_digest(presented.encode("utf-8"), expected.encode("utf-8"))


def protect(endpoint: Endpoint, access_token: str | None) -> Endpoint:
    """Wrap a page endpoint so it returns 401 unless the request carries `access_token`.

    With no token configured the endpoint is returned unchanged, so the pages are public.
    """
    if not access_token:
        return endpoint
    expected = access_token

    async def guarded(request: Request) -> Response:
        presented = _presented_tokens(request)
        matched = [where for where, token in presented if _token_matches(token, expected)]
        if not matched:
            logger.warning(
                "rejected page request %s from %s: %s",
                request.url.path,
                request.client.host if request.client else "unknown client",
                "wrong access token" if presented else "no access token",
            )
            return PlainTextResponse(
                "Access token missing or wrong: add ?token=TOKEN or an Authorization: Bearer "
                "header with the server's web_access_token.",
                status_code=401,
                headers={"WWW-Authenticate": 'Bearer realm="noticewatch"', **PAGE_HEADERS},
            )
        response = await endpoint(request)
        if "query" in matched:
            response.set_cookie(
                TOKEN_COOKIE,
                expected,
                httponly=True,
                samesite="strict",
                secure=request.url.scheme == "https",
            )
        return response

    return guarded
