"""Import and first-call cost of vntext beside the incumbents, each in a fresh process.

    python benchmarks/bench_import.py

Prints the median wall time of `import X` (and of a first call that loads data tables)
over several fresh interpreters, and the ratio to vntext's import.
"""

from __future__ import annotations

import statistics
import subprocess
import sys

CASES = {
    "vntext (import)": "import vntext",
    "vntext (import + first normalize_tone)": "import vntext; vntext.normalize_tone('Hoà')",
    "underthesea (import)": "import underthesea",
    "pyvi (import)": "from pyvi import ViTokenizer",
    "dateparser (import)": "import dateparser",
}


def timed(code: str, repeats: int = 7) -> float | None:
    probe = f"import time; t=time.perf_counter(); {code}; print(time.perf_counter()-t)"
    runs = []
    for _ in range(repeats):
        proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
        if proc.returncode != 0:
            return None
        runs.append(float(proc.stdout.strip().splitlines()[-1]))
    return statistics.median(runs)


def main() -> None:
    results = {name: timed(code) for name, code in CASES.items()}
    ours = results["vntext (import)"]
    print(f"{'what':45} {'median ms':>10} {'x vntext import':>16}")
    for name, seconds in results.items():
        if seconds is None:
            print(f"{name:45} {'not installed':>10}")
            continue
        ratio = seconds / ours if ours else float("nan")
        print(f"{name:45} {seconds * 1000:10.1f} {ratio:16.1f}")


if __name__ == "__main__":
    main()
