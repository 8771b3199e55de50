"""Collect the flags the date grammar raises while reading, one flag per code and origin."""

from __future__ import annotations

from parsers.models import Evidence, Flag, FlagCode, FlagOrigin, Origin, Severity

DEFAULT_SEVERITY: dict[FlagCode, Severity] = {
    FlagCode.INVALID_DATE: Severity.ERROR,
    FlagCode.CONVERSION_MISMATCH: Severity.ERROR,
    FlagCode.PAST_WINDOW: Severity.INFO,
    FlagCode.REVISED: Severity.WARNING,
}
_MAX_MESSAGES = 3


class Findings:
    """Flags keyed by code and origin; a repeat adds its window, evidence and message."""

    def __init__(self) -> None:
        self._flags: dict[tuple[FlagCode, Origin], Flag] = {}
        self._messages: dict[tuple[FlagCode, Origin], list[str]] = {}

    def add(
        self, code: FlagCode, origin: Origin, evidence: Evidence, *, message: str,
        question: str | None, window_id: str | None = None,
    ) -> None:
        key = (code, origin)
        flag = self._flags.get(key)
        if flag is None:
            flag = Flag(
                code=code, severity=DEFAULT_SEVERITY.get(code, Severity.WARNING),
                origin=FlagOrigin(origin.value), message=message, question=question,
            )
            self._flags[key] = flag
            self._messages[key] = []
        if message not in self._messages[key]:
            self._messages[key].append(message)
        if window_id and window_id not in flag.window_ids:
            flag.window_ids.append(window_id)
        if evidence not in flag.evidence:
            flag.evidence.append(evidence)

    def rename_window(self, old: str, new: str) -> None:
        """Point flags at the window that absorbed a duplicate."""
        for flag in self._flags.values():
            flag.window_ids = list(dict.fromkeys(new if item == old else item for item in flag.window_ids))

    def flags(self) -> list[Flag]:
        result = []
        for key, flag in self._flags.items():
            messages = self._messages[key]
            extra = len(messages) - _MAX_MESSAGES
            flag.message = "; ".join(messages[:_MAX_MESSAGES]) + (f"; and {extra} more" if extra > 0 else "")
            result.append(flag)
        return result
