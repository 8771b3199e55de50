"""`noticewatch subscribe`: create a calendar subscription and print its webcal link."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import click

from bot.commands.options import config_option
from bot.settings import load_settings
from bot.store import Store
from bot.store_records import SubscriptionFilters
from parsers.models import Tier
from parsers.profiles import available_vendors


def webcal_url(public_base_url: str, token: str) -> str:
    """Return the webcal:// link of a feed: the public URL with its scheme replaced."""
    parts = urlsplit(public_base_url)
    path = f"{parts.path.rstrip('/')}/calendars/{token}.ics"
    return urlunsplit(("webcal", parts.netloc, path, "", ""))


@click.command("subscribe")
@click.option("--vendor", help="Only notices from this vendor, such as zuora.")
@click.option(
    "--environment", type=click.Choice([tier.value for tier in Tier]),
    help="Only windows that change this tier.",
)
@click.option("--region", help="Only windows in this region, such as US or EU.")
@click.option("--host", help="Only windows that change this host.")
@config_option
def subscribe_command(
    vendor: str | None,
    environment: str | None,
    region: str | None,
    host: str | None,
    config_path: Path | None,
) -> None:
    """Create a calendar feed subscription and print its webcal:// link.

    Anyone with the link can read the feed, so share it like a password.

    \b
    Example:
        noticewatch subscribe --environment sandbox
    """
    if vendor is not None and vendor.lower() not in available_vendors():
        raise click.BadParameter(
            f"no vendor profile named {vendor!r}; use one of: {', '.join(available_vendors())}",
            param_hint="'--vendor'",
        )
    settings = load_settings(config_path)
    filters = SubscriptionFilters(
        vendor=vendor, environment=environment, region=region,
        host=host.lower() if host else None,
    )
    with Store.open(settings.store_url) as store:
        subscription = store.add_subscription(filters)
    click.echo(webcal_url(settings.public_base_url, subscription.token))
