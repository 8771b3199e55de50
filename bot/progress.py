"""Progress display for long commands: a rich progress bar on a terminal, nothing otherwise.

Without a terminal the commands' log lines are the progress record.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from rich.console import Console
from rich.progress import Progress

Item = TypeVar("Item")


def track(
    items: Sequence[Item], description: str, label: Callable[[Item], str] = str
) -> Iterator[Item]:
    """Yield each item, advancing a progress bar on stderr when stderr is a terminal."""
    if not sys.stderr.isatty():
        yield from items
        return
    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(description, total=len(items))
        for item in items:
            progress.update(task, description=f"{description} {label(item)}")
            yield item
            progress.advance(task)
