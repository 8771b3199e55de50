"""Errors that noticewatch raises; each builds one plain sentence that names the input and the fix."""

from __future__ import annotations


class NoticewatchError(Exception):
    """Base class of every error noticewatch raises on purpose."""


class InputError(NoticewatchError):
    """A notice could not be read: missing, unreadable, empty, binary or too large."""

    def __init__(self, source: str, problem: str, fix: str) -> None:
        self.source = source
        self.problem = problem
        self.fix = fix
        super().__init__(f"{source}: {problem}; {fix}")


class ParseError(NoticewatchError):
    """A notice was read but its content does not fit the format it claims."""

    def __init__(self, source: str, problem: str, fix: str) -> None:
        self.source = source
        self.problem = problem
        self.fix = fix
        super().__init__(f"{source}: {problem}; {fix}")


class ConfigError(NoticewatchError):
    """A setting is missing or invalid."""

    def __init__(self, setting: str, problem: str, fix: str) -> None:
        self.setting = setting
        self.problem = problem
        self.fix = fix
        super().__init__(f"setting {setting}: {problem}; {fix}")


class StoreError(NoticewatchError):
    """The store could not be opened, migrated or written."""
