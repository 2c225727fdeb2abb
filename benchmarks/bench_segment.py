"""Word segmentation: vntext vs underthesea vs pyvi, accuracy and speed in one run.

    python benchmarks/bench_segment.py [--shared ../shared] [--repeat 3]

Accuracy follows specs/segmentation.md (scorer: vntext/_ws_eval.py): UD-VTB test (report
only, never tuned on), UD TueCL (subtitles, out of domain) and the RDRsegmenter sample
(VLSP-2013 conventions). Speed: syllables per second over UD-VTB test, single process,
after one warm-up pass over the same text (the spec's protocol), best of ``--repeat``.
vntext keeps per-process score caches, so it is also timed *cold* (first pass after the
model is loaded, fresh process) and after warming up on *other* text (UD-VTB dev), best of
``--repeat`` fresh starts each.
First-call latency (import + load + one call) is measured in fresh subprocesses.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from vntext._ws_eval import read_conllu, read_underscored, score  # noqa: E402

Segmenter = Callable[[str], Sequence[str]]


def systems() -> dict[str, Segmenter | None]:
    from vntext.segmentation import word_tokenize

    out: dict[str, Segmenter | None] = {"vntext": word_tokenize}
    try:
        from underthesea import word_tokenize as uts

        out["underthesea"] = uts
    except ImportError:
        out["underthesea"] = None
    try:
        from pyvi import ViTokenizer

        def pyvi_words(text: str) -> list[str]:
            return [w.replace("_", " ") for w in ViTokenizer.tokenize(text).split()]

        out["pyvi"] = pyvi_words
    except ImportError:
        out["pyvi"] = None
    return out


FIRST_CALL = {
    "vntext": "from vntext.segmentation import word_tokenize as f",
    "underthesea": "from underthesea import word_tokenize as f",
    "pyvi": "from pyvi.ViTokenizer import tokenize as f",
}
SAMPLE = "Học sinh trường Nguyễn Trãi đi tham quan Hà Nội vào sáng 13/04/2023."


def first_call_ms(name: str) -> float | None:
    code = (
        "import time; t = time.perf_counter(); "
        f"{FIRST_CALL[name]}; f({SAMPLE!r}); "
        "print((time.perf_counter() - t) * 1000)"
    )
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        return None
    return float(proc.stdout.strip().splitlines()[-1])


def fresh_rate(texts_file: str, syllables: int, warm_file: str | None = None) -> float:
    """vntext's first pass over the texts in a fresh process: model loaded, caches empty, or
    warmed on the texts of ``warm_file`` (other text) first."""
    code = (
        "import sys, time, json\n"
        "from vntext.segmentation import word_tokenize, _load_model\n"
        "texts = json.load(open(sys.argv[1], encoding='utf-8'))\n"
        "_load_model()\n"
        "if len(sys.argv) > 2:\n"
        "    for x in json.load(open(sys.argv[2], encoding='utf-8')): word_tokenize(x)\n"
        "t = time.perf_counter()\n"
        "for x in texts: word_tokenize(x)\n"
        "print(time.perf_counter() - t)\n"
    )
    env = dict(os.environ, PYTHONPATH=str(REPO))
    argv = [sys.executable, "-c", code, texts_file, *([warm_file] if warm_file else [])]
    proc = subprocess.run(argv, capture_output=True, text=True, env=env, check=True)
    return syllables / float(proc.stdout.strip())


def rate(func: Segmenter, texts: list[str], syllables: int, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for text in texts:
            func(text)
        best = min(best, time.perf_counter() - started)
    return syllables / best


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", default=str(REPO.parent / "shared"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    ws = Path(args.shared) / "data" / "ws"
    sets = {
        "UD-VTB test": ws / "ud-vtb" / "vi_vtb-ud-test.conllu",
        "UD TueCL test": ws / "ud-tuecl" / "vi_tuecl-ud-test.conllu",
        "RDRsegmenter sample (VLSP style)": ws / "rdrsegmenter-sample" / "Train_gold.txt",
    }
    if not sets["UD-VTB test"].exists():
        print(f"UD-VTB not found under {ws}; pass --shared")
        return
    golds = {
        name: (read_underscored(path) if path.suffix == ".txt" else read_conllu(path))
        for name, path in sets.items()
        if path.exists()
    }
    segmenters = systems()

    print("## Accuracy (word F1, %; punctuation counts)\n")
    header = "| system | " + " | ".join(golds) + " |"
    print(header)
    print("|---|" + "---:|" * len(golds))
    for name, func in segmenters.items():
        if func is None:
            print(f"| {name} | " + " | ".join("not installed" for _ in golds) + " |")
            continue
        cells = []
        for gold in golds.values():
            result = score(gold, func)
            cells.append(f"{result.f1:.2f} (P {result.precision:.2f} R {result.recall:.2f})")
        print(f"| {name} | " + " | ".join(cells) + " |")

    test = golds["UD-VTB test"]
    texts = [" ".join(words) for words in test]
    syllables = sum(len(text.split()) for text in texts)
    print(f"\n## Speed on UD-VTB test ({len(texts)} sentences, {syllables} syllables), single process\n")
    rates: dict[str, float] = {}
    for name, func in segmenters.items():
        if func is None:
            continue
        for text in texts:  # warm-up pass
            func(text)
        rates[name] = rate(func, texts, syllables, args.repeat)

    import json
    import tempfile

    def dump(items: list[str]) -> str:
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as handle:
            json.dump(items, handle, ensure_ascii=False)
        return handle.name

    test_file = dump(texts)
    dev_path = ws / "ud-vtb" / "vi_vtb-ud-dev.conllu"
    dev_file = dump([" ".join(words) for words in read_conllu(dev_path)]) if dev_path.exists() else None
    try:
        vn_cold = max(fresh_rate(test_file, syllables) for _ in range(args.repeat))
        vn_other = (
            max(fresh_rate(test_file, syllables, dev_file) for _ in range(args.repeat)) if dev_file else None
        )
    finally:
        os.unlink(test_file)
        if dev_file:
            os.unlink(dev_file)

    print("| system | syllables/s | vntext × |")
    print("|---|---:|---:|")
    for name, value in rates.items():
        print(f"| {name} (after warm-up) | {value:,.0f} | {rates['vntext'] / value:.1f} |")
    print(f"| vntext, cold caches (first pass, fresh process) | {vn_cold:,.0f} | – |")
    if vn_other is not None:
        print(f"| vntext, caches warmed on UD-VTB dev, first pass over test | {vn_other:,.0f} | – |")
    for name in ("underthesea", "pyvi"):
        if name in rates:
            print(
                f"\nvntext vs {name}: {rates['vntext'] / rates[name]:.1f}× warm, "
                f"{vn_cold / rates[name]:.1f}× cold"
                + (f", {vn_other / rates[name]:.1f}× warmed on other text" if vn_other else "")
            )

    print("\n## First call (fresh process: import + model load + one sentence), ms\n")
    for name in FIRST_CALL:
        ms = first_call_ms(name)
        print(f"- {name}: " + ("not installed" if ms is None else f"{ms:.0f} ms"))


if __name__ == "__main__":
    main()
