"""The HTML around every page: head, style sheet, the local-time script and their CSP.

The style sheet and the script are constants, so the Content-Security-Policy allows them by
SHA-256 hash and the same policy serves the web pages (as a header) and the report files (as a
`<meta>` element). Nothing else may run or load: `default-src 'none'`.
"""

from __future__ import annotations

import base64
import hashlib
from html import escape

STYLE = """
:root { color-scheme: light; --ink: #111827; --muted: #475569; --line: #e2e8f0; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1000px; padding: 12px; font: 15px/1.45 system-ui, -apple-system,
  "Segoe UI", sans-serif; color: var(--ink); background: #ffffff; overflow-wrap: break-word; }
h1 { font-size: 1.35rem; margin: 0.2rem 0 0.4rem; }
h2 { font-size: 1.1rem; margin: 1.6rem 0 0.5rem; border-bottom: 1px solid var(--line); }
.meta, .muted { color: var(--muted); }
.scroll { overflow-x: auto; border: 1px solid var(--line); -webkit-overflow-scrolling: touch; }
.scroll svg { display: block; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 4px 6px;
  border-bottom: 1px solid var(--line); }
.table-wrap { overflow-x: auto; }
.flag { border-left: 4px solid #94a3b8; padding: 4px 10px; margin: 8px 0; }
.flag.error { border-color: #dc2626; } .flag.warning { border-color: #d97706; }
.flag.info { border-color: #2563eb; }
.evidence { margin: 4px 0 0; padding-left: 1.2rem; color: var(--muted); font-size: 0.9rem; }
code, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, monospace; font-size: 0.9em; }
.badge { display: inline-block; padding: 0 6px; border-radius: 3px; background: #e2e8f0;
  font-size: 0.8rem; }
.badge.comment { background: #fef3c7; }
pre.changes { white-space: pre-wrap; background: #f8fafc; border: 1px solid var(--line);
  padding: 6px 8px; font-size: 0.85rem; }
nav a { margin-right: 12px; }
@media (max-width: 600px) {
  body { padding: 8px; font-size: 14px; }
  .windows thead { display: none; }
  .windows tr { display: block; border-bottom: 1px solid var(--line); padding: 6px 0; }
  .windows td { display: block; border: 0; padding: 2px 0; }
  .windows td[data-label]::before { content: attr(data-label) ": "; color: var(--muted); }
}
""".strip()

SCRIPT = """
(function () {
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  var format = new Intl.DateTimeFormat(undefined, {year: "numeric", month: "short",
    day: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short"});
  document.querySelectorAll("[data-local-time]").forEach(function (element) {
    var moment = new Date(element.getAttribute("data-local-time"));
    if (!isNaN(moment.getTime())) { element.textContent = format.format(moment); }
  });
  document.querySelectorAll("[data-local-zone]").forEach(function (element) {
    element.textContent = zone;
  });
})();
""".strip()


def _sha256_source(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy(*, for_meta: bool = False) -> str:
    """Return the page policy; `frame-ancestors` is left out of the `<meta>` form, where
    browsers ignore it."""
    directives = [
        "default-src 'none'",
        f"style-src {_sha256_source(STYLE)}",
        f"script-src {_sha256_source(SCRIPT)}",
        "img-src data:",
        "base-uri 'none'",
        "form-action 'none'",
    ]
    if not for_meta:
        directives.append("frame-ancestors 'none'")
    return "; ".join(directives)


def render_html_document(title: str, body: str, *, embed_policy: bool) -> str:
    """Wrap `body` (already escaped HTML) in a full page; `embed_policy` adds the CSP as
    `<meta>` for files opened without a server."""
    policy = ""
    if embed_policy:
        policy = (
            f'<meta http-equiv="Content-Security-Policy" '
            f'content="{escape(content_security_policy(for_meta=True))}">\n'
        )
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"{policy}"
        f"<title>{escape(title)}</title>\n"
        f"<style>{STYLE}</style>\n</head>\n<body>\n{body}\n"
        f"<script>{SCRIPT}</script>\n</body>\n</html>\n"
    )
