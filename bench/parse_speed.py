"""Time noticewatch's parser against dateparser.search_dates on the same notices.

Prints, per notice, the median warm parse time of `parsers.parse_text` and of
`dateparser.search_dates` over the same text, their ratio, and the median cold wall time of
`noticewatch parse` on the real notice. Run from the repository root: `make bench`.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTICES = sorted((ROOT / "tests" / "cases").glob("*.txt"))
REAL_NOTICE = ROOT / "data" / "notices" / "zuora-ssl-certificate-2018.txt"
WARM_RUNS = 15
COLD_RUNS = 7
SEARCH_RUNS = 3


def _median_seconds(action, runs: int) -> float:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def main() -> int:
    import dateparser.search

    from parsers import parse_text

    dateparser.search.search_dates("warm up on 5 May 2020", languages=["en"])
    print(f"{'notice':45} {'ours ms':>9} {'search_dates ms':>16} {'ratio':>7}")
    worst = 0.0
    for path in NOTICES:
        text = path.read_text(encoding="utf-8")
        parse_text(text, source=path.name)
        ours = _median_seconds(lambda: parse_text(text, source=path.name), WARM_RUNS)
        theirs = _median_seconds(lambda: dateparser.search.search_dates(text, languages=["en"]), SEARCH_RUNS)
        worst = max(worst, ours)
        print(f"{path.stem:45} {ours * 1000:9.2f} {theirs * 1000:16.1f} {theirs / ours:7.1f}")

    real = REAL_NOTICE.read_text(encoding="utf-8")
    warm_real = _median_seconds(lambda: parse_text(real, source=REAL_NOTICE.name), WARM_RUNS)
    command = [str(Path(sys.executable).parent / "noticewatch"), "parse", str(REAL_NOTICE), "--format", "json"]
    cold = _median_seconds(lambda: subprocess.run(command, check=True, capture_output=True), COLD_RUNS)
    print()
    print(f"real notice warm parse median: {warm_real * 1000:.2f} ms (target <= 20 ms)")
    print(f"slowest notice warm parse median: {worst * 1000:.2f} ms (target <= 50 ms)")
    print(f"real notice cold `noticewatch parse` median: {cold * 1000:.0f} ms (target <= 1000 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
