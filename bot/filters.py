"""Window filters (vendor, environment, region, host) typed in Slack or kept with a subscription."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.store_records import SubscriptionFilters
from parsers.hosts import best_coverage
from parsers.models import Schedule, Tier, Window

_KEYS = {
    "vendor": "vendors",
    "environment": "environments",
    "env": "environments",
    "region": "regions",
    "host": "hosts",
}


class FilterError(ValueError):
    """A filter term could not be read."""

    def __init__(self, term: str, problem: str) -> None:
        self.term = term
        super().__init__(
            f"invalid filter {term!r}: {problem}; use vendor=NAME, environment="
            f"{'|'.join(tier.value for tier in Tier)}, region=CODE or host=NAME"
        )


@dataclass(frozen=True)
class WindowFilter:
    """A selection of windows by vendor, tier, region and host; an empty field accepts all."""

    vendors: frozenset[str] = field(default_factory=frozenset)
    environments: frozenset[Tier] = field(default_factory=frozenset)
    regions: frozenset[str] = field(default_factory=frozenset)
    hosts: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_empty(self) -> bool:
        return not (self.vendors or self.environments or self.regions or self.hosts)

    def matches(self, schedule: Schedule, window: Window) -> bool:
        """Return True when the window of this schedule passes every field of the filter.

        A host passes when a window host covers it by certificate rules (`*.zuora.com` covers
        `rest.zuora.com`) or, possibly, by a vendor phrase such as `<anything>*zuora.com`.
        """
        if self.vendors and schedule.notice.vendor.lower() not in self.vendors:
            return False
        if self.environments and not self.environments & set(window.environments):
            return False
        if self.regions and not self.regions & {region.upper() for region in window.regions}:
            return False
        if self.hosts:
            return any(best_coverage(window.hosts, host) is not None for host in self.hosts)
        return True

    def to_terms(self) -> list[str]:
        """Return the filter as `key=value` terms, the form `parse_filter` reads back."""
        terms = [f"vendor={vendor}" for vendor in sorted(self.vendors)]
        terms += [f"environment={tier.value}" for tier in sorted(self.environments)]
        terms += [f"region={region}" for region in sorted(self.regions)]
        terms += [f"host={host}" for host in sorted(self.hosts)]
        return terms

    def describe(self) -> str:
        """Return the filter in words for a reply, such as "vendor=zuora environment=production"."""
        return " ".join(self.to_terms()) or "all notices"


def parse_filter(terms: list[str]) -> WindowFilter:
    """Read filter terms: `key=value`, or a bare tier name, host name (with a dot) or vendor.

    Raises FilterError for an unknown key or environment.
    """
    values: dict[str, set[str]] = {name: set() for name in set(_KEYS.values())}
    for term in terms:
        key, sep, value = term.partition("=")
        if not sep:
            key, value = _guess_key(term), term
        field_name = _KEYS.get(key.lower())
        if field_name is None:
            raise FilterError(term, f"unknown key {key!r}")
        if not value:
            raise FilterError(term, "the value is empty")
        values[field_name].update(part for part in value.split(",") if part)

    environments: set[Tier] = set()
    for name in values["environments"]:
        try:
            environments.add(Tier(name.lower()))
        except ValueError as error:
            raise FilterError(f"environment={name}", "unknown environment") from error
    return WindowFilter(
        vendors=frozenset(vendor.lower() for vendor in values["vendors"]),
        environments=frozenset(environments),
        regions=frozenset(region.upper() for region in values["regions"]),
        hosts=frozenset(host.lower() for host in values["hosts"]),
    )


def _guess_key(term: str) -> str:
    if term.lower() in {tier.value for tier in Tier}:
        return "environment"
    if "." in term:
        return "host"
    return "vendor"


def to_subscription_filters(filters: WindowFilter) -> SubscriptionFilters:
    """Convert a filter for storing with a subscription, which keeps one value per field.

    Raises FilterError when a field has several values.
    """
    fields: dict[str, str | None] = {}
    for name, values in (
        ("vendor", sorted(filters.vendors)),
        ("environment", sorted(tier.value for tier in filters.environments)),
        ("region", sorted(filters.regions)),
        ("host", sorted(filters.hosts)),
    ):
        if len(values) > 1:
            raise FilterError(
                f"{name}={','.join(values)}", "a subscription takes one value per key"
            )
        fields[name] = values[0] if values else None
    return SubscriptionFilters(**fields)


def from_subscription_filters(filters: SubscriptionFilters) -> WindowFilter:
    """Return the filter a stored subscription selects windows with."""
    return WindowFilter(
        vendors=frozenset([filters.vendor.lower()] if filters.vendor else []),
        environments=frozenset([Tier(filters.environment.lower())] if filters.environment else []),
        regions=frozenset([filters.region.upper()] if filters.region else []),
        hosts=frozenset([filters.host.lower()] if filters.host else []),
    )
