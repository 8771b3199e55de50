"""Vendor profiles: what a vendor's notices look like, kept as TOML package data."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field

from parsers.errors import ConfigError
from parsers.models import Tier

GENERIC = "generic"


class Phrase(BaseModel):
    """Words in a notice that name a tier, region or service."""

    model_config = ConfigDict(extra="forbid")

    phrase: str = Field(description="Regular expression, matched case-insensitively on words.")
    tiers: list[Tier] = Field(default_factory=list)
    regions: list[str] = Field(default_factory=list)
    services: list[str] = Field(default_factory=list)

    @property
    def regex(self) -> re.Pattern[str]:
        return _compile_phrase(self.phrase)


class HostRule(BaseModel):
    """A host name pattern (shell-style `*`) and the tier and region of hosts it matches."""

    model_config = ConfigDict(extra="forbid")

    pattern: str
    tiers: list[Tier] = Field(default_factory=list)
    region: str | None = None


class Profile(BaseModel):
    """Everything vendor-specific that the parser needs."""

    model_config = ConfigDict(extra="forbid")

    vendor: str
    name: str
    timezone: str = Field(description="IANA zone assumed for times written without a zone.")
    holiday_country: str = "US"
    match: list[str] = Field(default_factory=list, description="Words that identify the vendor.")
    domains: list[str] = Field(default_factory=list)
    staff_ranks: list[str] = Field(default_factory=list)
    reader_ranks: list[str] = Field(default_factory=list)
    chrome: list[str] = Field(default_factory=list, description="Site lines that are not content.")
    phrases: list[Phrase] = Field(default_factory=list)
    hosts: list[HostRule] = Field(default_factory=list)

    @property
    def ranks(self) -> list[str]:
        return [*self.staff_ranks, *self.reader_ranks]


@cache
def _compile_phrase(phrase: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w.-])(?:{phrase})(?![\w-])", re.IGNORECASE)


@cache
def load_profile(vendor: str) -> Profile:
    """Load the profile of `vendor` from the package data."""
    path = resources.files(__name__).joinpath(f"{vendor}.toml")
    if not path.is_file():
        known = ", ".join(available_vendors())
        raise ConfigError("vendor", f"no profile named {vendor!r}", f"use one of: {known}")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return Profile.model_validate(data)


@cache
def available_vendors() -> tuple[str, ...]:
    """Return the vendor names of every bundled profile."""
    names = [
        entry.name.removesuffix(".toml")
        for entry in resources.files(__name__).iterdir()
        if entry.name.endswith(".toml")
    ]
    return tuple(sorted(names))


def detect_profile(text: str) -> Profile:
    """Pick the profile whose identifying words occur most often in `text`, else the generic one."""
    lowered = text.lower()
    best: tuple[int, str] = (0, GENERIC)
    for vendor in available_vendors():
        profile = load_profile(vendor)
        score = sum(lowered.count(word.lower()) for word in profile.match)
        if score > best[0]:
            best = (score, vendor)
    return load_profile(best[1])
