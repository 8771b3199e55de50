"""Print the median time to load each notice format, and to parse it into a schedule.

Usage: python bench/load_speed.py [FILE ...]   (default: the loader fixtures under tests/)
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from parsers import parse_file
from parsers.errors import NoticewatchError
from parsers.loaders import load_path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FILES = [
    REPO_ROOT / "data" / "notices" / "zuora-ssl-certificate-2018.txt",
    *sorted((REPO_ROOT / "tests" / "fixtures").iterdir()),
]
RUNS = 30


def median_ms(action: Callable[[Path], object], path: Path) -> float:
    """Run `action(path)` once to warm caches, then return the median of RUNS runs in ms."""
    action(path)
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        action(path)
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def main() -> None:
    files = [Path(argument) for argument in sys.argv[1:]] or DEFAULT_FILES
    print(f"{'file':50} {'bytes':>8} {'load ms':>9} {'parse ms':>9}")
    for path in files:
        try:
            load = median_ms(load_path, path)
            parse = median_ms(parse_file, path)
        except NoticewatchError as error:
            print(f"{path.name:50} {path.stat().st_size:8} rejected: {error}")
            continue
        print(f"{path.name:50} {path.stat().st_size:8} {load:9.2f} {parse:9.2f}")


if __name__ == "__main__":
    main()
