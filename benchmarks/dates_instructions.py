"""CPU instructions per cold ``parse_date``, counted by valgrind (deterministic, unlike timings).

    python benchmarks/dates_instructions.py            # needs valgrind (apt install valgrind)

Wall-clock ratios on a shared machine move by several per cent from run to run, which hides
the small steps a speed-up is made of. Valgrind's cachegrind counts the instructions the
interpreter executes instead: the same code gives the same count (the hash seed is fixed).
The script runs this file under cachegrind twice, once with N cold passes over the benchmark
expressions of ``bench_dates.py`` (scan cache cleared before each pass, as in its "cold"
row) and once with none, and prints the difference per parse. Counts are comparable between
versions of the code on the same Python build, not across machines or Python versions.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

PASSES = 4


def _count(passes: int) -> int:
    env = dict(os.environ, PYTHONHASHSEED="0")
    cmd = [
        "valgrind",
        "--tool=cachegrind",
        "--cache-sim=no",
        "--cachegrind-out-file=/dev/null",
        sys.executable,
        __file__,
        "--child",
        str(passes),
    ]
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stderr
    found = re.search(r"I\s+refs:\s+([\d,]+)", out)
    if found is None:
        raise SystemExit("could not read valgrind's instruction count:\n" + out[-2000:])
    return int(found.group(1).replace(",", ""))


def _child(passes: int) -> None:
    from bench_dates import expressions

    from vntext.dates import _scan_short, parse_date

    cases = [(text, base) for text, base, _ in expressions()]
    for text, base in cases:  # load the vocabulary and warm the interpreter, as bench_dates does
        parse_date(text, base)
    for _ in range(passes):
        _scan_short.cache_clear()
        for text, base in cases:
            parse_date(text, base)
    print(len(cases))


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        _child(int(sys.argv[2]))
        return
    if shutil.which("valgrind") is None:
        print("valgrind: not installed (apt install valgrind)")
        return
    from bench_dates import expressions

    n = len(expressions())
    per_parse = (_count(PASSES) - _count(0)) / (PASSES * n)
    print(f"{n} expressions, {PASSES} cold passes: {per_parse:,.0f} instructions per cold parse_date")


if __name__ == "__main__":
    main()
