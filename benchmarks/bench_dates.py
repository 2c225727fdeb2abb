"""Throughput (and agreement) of vntext.dates beside dateparser, in the same run.

    python benchmarks/bench_dates.py               # parse: best of 5; find_dates on 10 KB and 1 MB
    python benchmarks/bench_dates.py --repeats 3

parse: every expression of our golden file (tests/cases/dates.jsonl, 265 expressions with a
base time each, dates and non-dates) plus, when ``../shared`` is present, the 376 in-scope
development expressions (read at run time), given to ``vntext.parse_date(text, base)`` and to
``dateparser.parse(text, languages=["vi"], settings={"RELATIVE_BASE": naive base})``.
Expressions per second is the best of several passes; vntext is timed "cold" (its scan cache
cleared before each pass) and "repeated" (cache kept, as for feed times seen again). "start
right" counts positives whose start equals the expected local time and negatives answered
with nothing (dateparser has no grain, so grain is not asked of either).

find_dates: running text built from the ``# text =`` sentences of
``../shared/data/ws/ud-vtb/*.conllu`` (or, without ``../shared``, our search passages): a
10 KB piece, the same piece x100 (1 MB of the same density) and 1 MB of all the sentences;
MB/s of UTF-8 input. Linearity is the time per byte at 1 MB over that at 10 KB (1.0 =
linear). dateparser's ``search_dates`` runs on the 10 KB text only (it is far slower). An
adversarial 1 MB of digits and slashes (and its first 100 KB) closes the run.
"""

from __future__ import annotations

import argparse
import glob
import json
import time
from datetime import datetime
from typing import Any

from _common import REPO, SHARED
from _common import best_seconds as best

from vntext.dates import _scan_short, find_dates, parse_date


def expressions() -> list[tuple[str, datetime, dict[str, Any] | None]]:
    rows = []
    files = [REPO / "tests" / "cases" / "dates.jsonl", SHARED / "data" / "dates-dev" / "dates.jsonl"]
    for path in files:
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                c = json.loads(line)
                if not c.get("out_of_scope"):
                    rows.append((c["text"], datetime.fromisoformat(c["base"]), c["expected"]))
    return rows


def running_text(size: int) -> str:
    sentences = []
    for path in sorted(glob.glob(str(SHARED / "data" / "ws" / "ud-vtb" / "*.conllu"))):
        with open(path, encoding="utf-8") as f:
            sentences += [line[9:].strip() for line in f if line.startswith("# text = ")]
    if not sentences:
        for line in (
            (REPO / "tests" / "cases" / "dates_search.jsonl").read_text(encoding="utf-8").splitlines()
        ):
            if line.strip():
                sentences.append(json.loads(line)["text"])
    block = " ".join(sentences)
    text = block
    while len(text.encode("utf-8")) < size:
        text += " " + block
    data = text.encode("utf-8")[:size]
    return data.decode("utf-8", errors="ignore")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()

    try:
        import dateparser
        from dateparser.search import search_dates
    except ImportError:  # pragma: no cover - the incumbent is optional
        dateparser = None
        search_dates = None

    exprs = expressions()
    print(f"parse: {len(exprs)} expressions (ours + shared dev when present)")

    def ours() -> list[Any]:
        return [parse_date(t, b) for t, b, _ in exprs]

    def theirs() -> list[Any]:
        settings = {"RETURN_AS_TIMEZONE_AWARE": False}
        out = []
        for t, b, _ in exprs:
            out.append(
                dateparser.parse(
                    t, languages=["vi"], settings={**settings, "RELATIVE_BASE": b.replace(tzinfo=None)}
                )
            )
        return out

    def right(results: list[Any], naive: bool) -> int:
        n = 0
        for (_, b, want), got in zip(exprs, results, strict=True):
            if want is None:
                n += got is None
                continue
            if got is None:
                continue
            start = datetime.fromisoformat(want["start"])
            if naive:
                start = start.astimezone(b.tzinfo).replace(tzinfo=None)
                n += getattr(got, "start", got) == start
            else:
                n += got.start == start
        return n

    def ours_cold() -> list[Any]:
        _scan_short.cache_clear()  # every expression parsed from scratch
        return ours()

    ours()  # load the vocabulary once, as a long-running process would
    t_cold = best(ours_cold, args.repeats)
    t_warm = best(ours, args.repeats)
    rows = [
        ("vntext.parse_date, cold", len(exprs) / t_cold, right(ours_cold(), False)),
        ("vntext.parse_date, repeated", len(exprs) / t_warm, right(ours(), False)),
    ]
    if dateparser is not None:
        theirs()
        t_theirs = best(theirs, args.repeats)  # the same number of passes as ours
        rows.append(("dateparser.parse (vi)", len(exprs) / t_theirs, right(theirs(), True)))
    else:
        print("dateparser: not installed")
    print(f"{'':30} {'expr/s':>10} {'start right':>14} {'cold / it':>10} {'repeated / it':>14}")
    for name, rate, ok in rows:
        ratios = (
            ("", "")
            if name.startswith("vntext")
            else (f"{rows[0][1] / rate:.1f}x", f"{rows[1][1] / rate:.1f}x")
        )
        print(f"{name:30} {rate:10.0f} {ok:7d}/{len(exprs):<6} {ratios[0]:>10} {ratios[1]:>14}")
    print("  cold: the scan cache is cleared before every pass; repeated: feed-style strings seen before")

    print("\nfind_dates on running text (UD-VTB sentences, 1 MB = the 10 KB text x100 and the full text)")
    small = running_text(10_000)
    big = " ".join([small] * 100)
    real = running_text(1_000_000)
    base = datetime.fromisoformat("2025-03-12T10:30:00+07:00")
    find_dates(small, base)
    t_small = best(lambda: find_dates(small, base), args.repeats)
    t_big = best(lambda: find_dates(big, base), max(1, args.repeats // 2))
    t_real = best(lambda: find_dates(real, base), max(1, args.repeats // 2))
    mb_small = len(small.encode("utf-8")) / 1e6
    mb_big = len(big.encode("utf-8")) / 1e6
    mb_real = len(real.encode("utf-8")) / 1e6
    print(f"  10 KB          : {mb_small / t_small:6.2f} MB/s ({t_small * 1000:.1f} ms)")
    print(f"  1 MB (10 KB x100): {mb_big / t_big:6.2f} MB/s ({t_big:.3f} s)")
    print(f"  1 MB (all UD-VTB sentences, repeated): {mb_real / t_real:6.2f} MB/s ({t_real:.3f} s)")
    per_byte = (t_big / mb_big) / (t_small / mb_small)
    print(f"  linearity (time per byte, 1 MB / 10 KB of the same text): {per_byte:.2f}")
    if search_dates is not None:
        t0 = time.perf_counter()
        found = search_dates(small, languages=["vi"], settings={"RELATIVE_BASE": base.replace(tzinfo=None)})
        t_dp = time.perf_counter() - t0
        print(
            f"  dateparser.search_dates, 10 KB: {mb_small / t_dp:.4f} MB/s ({t_dp:.2f} s, "
            f"{len(found or [])} hits); vntext {(mb_small / t_small) / (mb_small / t_dp):.0f}x"
        )
    adversarial = ("12/3/2024/" * 100_000)[:1_000_000]
    t_adv = best(lambda: find_dates(adversarial, base), 1)
    t_adv_small = best(lambda: find_dates(adversarial[:100_000], base), 3)
    print(f"\nadversarial 1 MB of digits and slashes: {t_adv:.2f} s")
    print(f"  100 KB: {t_adv_small:.3f} s; 1 MB takes x{t_adv / t_adv_small:.1f} the time of 100 KB")


if __name__ == "__main__":
    main()
