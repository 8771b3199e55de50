"""The access token and headers of the HTML pages."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.testclient import TestClient

from bot.pages.html_shell import content_security_policy
from bot.web.page_access import TOKEN_COOKIE, html_page, protect

TOKEN = "s3cret-page-token"


async def hello_page(request: Request) -> Response:
    return html_page("<p>hello</p>")


def client_for(access_token: str | None) -> TestClient:
    app = Starlette(routes=[Route("/", protect(hello_page, access_token))])
    return TestClient(app, base_url="http://127.0.0.1")


def test_page_public_without_configured_token() -> None:
    response = client_for(None).get("/")
    assert response.status_code == 200
    assert response.headers["content-security-policy"] == content_security_policy()
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"


def test_page_rejects_missing_token() -> None:
    response = client_for(TOKEN).get("/")
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == 'Bearer realm="noticewatch"'
    assert TOKEN not in response.text


def test_page_rejects_wrong_token() -> None:
    client = client_for(TOKEN)
    assert client.get("/", params={"token": TOKEN + "x"}).status_code == 401
    assert client.get("/", headers={"Authorization": "Bearer nope"}).status_code == 401
    assert client.get("/", params={"token": ""}).status_code == 401


def test_page_accepts_bearer_header() -> None:
    response = client_for(TOKEN).get("/", headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200
    assert response.text == "<p>hello</p>"
    assert "set-cookie" not in response.headers


def test_page_query_token_sets_cookie() -> None:
    client = client_for(TOKEN)
    response = client.get("/", params={"token": TOKEN})
    assert response.status_code == 200
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{TOKEN_COOKIE}={TOKEN};")
    assert "HttpOnly" in cookie
    assert "SameSite=strict" in cookie

    follow_up = client.get("/")
    assert follow_up.status_code == 200
