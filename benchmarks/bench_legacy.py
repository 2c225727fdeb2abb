"""Throughput of legacy decoding (TCVN3, VNI, VIQR, auto) and of clean, beside the incumbents.

    python benchmarks/bench_legacy.py            # about 1 MB of text per measurement
    python benchmarks/bench_legacy.py --mb 4     # bigger inputs

The text is our own sentences (tests/cases/legacy.tsv, "sentence" rows) repeated to the
size asked for, encoded with vntext's private encoders; the noisy text for clean adds
zero-width characters, NBSP, soft hyphens, doubled spaces, CRLF, smart quotes and
Cyrillic look-alikes with a fixed seed. MB = megabytes of the input as UTF-8; each figure
is the best of several runs in this process. No Python incumbent decodes TCVN3/VNI/VIQR;
glibc ``iconv -f TCVN5712-1`` (a subprocess on the cp1252 bytes, start-up included) is
shown for TCVN3 when it is installed. For clean, the incumbents' nearest functions are
timed on the same noisy text, and their agreement with the contract is scored on the
shared normalize-dev ``clean`` cases when ``../shared`` is present.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import shutil
import subprocess
from collections.abc import Callable

from _common import REPO, SHARED, best_seconds

from vntext import legacy
from vntext.legacy import decode_legacy
from vntext.noise import clean

SHARED_CASES = SHARED / "data" / "normalize-dev" / "cases.jsonl"


def sentences() -> list[str]:
    rows = (REPO / "tests" / "cases" / "legacy.tsv").read_text(encoding="utf-8").split("\n")
    return [line.split("\t")[2] for line in rows if line.startswith("sentence\t")]


def corpus(size: int, encode: Callable[[str], str] | None = None) -> tuple[str, str]:
    """(encoded, unicode): the sentences ``encode`` can carry, repeated to about ``size`` bytes."""
    pairs = []
    for s in sentences():
        try:
            pairs.append((encode(s) if encode else s, s))
        except ValueError:
            continue  # e.g. upper-case toned letters have no TCVN3 code
    block = "\n".join(p[0] for p in pairs) + "\n"
    times = max(1, size // len(block.encode("utf-8")))
    return block * times, ("\n".join(p[1] for p in pairs) + "\n") * times


def noisy(text: str, seed: int = 7) -> str:
    rng = random.Random(seed)
    lookalike = {"o": "\u043e", "a": "\u0430", "e": "\u0435", "c": "\u0441", "p": "\u0440"}
    out = []
    for ch in text:
        r = rng.random()
        if ch == " " and r < 0.05:
            out.append(rng.choice(["  ", "\u00a0", "\t", " \u200b", "\u3000"]))
        elif ch == "\n":
            out.append(rng.choice(["\r\n", "\n\n\n", " \n", "\u2028"]))
        elif ch in lookalike and r < 0.003:
            out.append(lookalike[ch])
        elif ch.isalpha() and r < 0.004:
            out.append(ch + rng.choice(["\u200b", "\u00ad", "\ufeff", "\u200d"]))
        elif ch == '"' or (ch == "," and r < 0.02):
            out.append(ch + "\u201d")
        else:
            out.append(ch)
    return "".join(out)


def mb(text: str) -> float:
    return len(text.encode("utf-8")) / 1e6


def row(name: str, text: str, fn: Callable[[], object], repeats: int, ours: float | None) -> float:
    seconds = best_seconds(fn, repeats)
    rate = mb(text) / seconds
    ratio = "" if ours is None else f"{ours / rate:9.1f}x"
    print(f"  {name:52} {rate:9.2f} {ratio:>10}")
    return rate


def iconv_tcvn3(data: bytes) -> Callable[[], object] | None:
    if shutil.which("iconv") is None:
        return None
    probe = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=b"a", capture_output=True)
    if probe.returncode != 0:
        return None
    return lambda: subprocess.run(
        ["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=data, check=True, capture_output=True
    )


def incumbents_for_clean() -> dict[str, Callable[[str], str]]:
    found: dict[str, Callable[[str], str]] = {}
    try:
        from underthesea import text_normalize

        found["underthesea text_normalize"] = text_normalize
    except Exception as exc:  # an incumbent failing to import is reported, not fatal
        print(f"  underthesea: not installed ({type(exc).__name__})")
    try:
        from vi_textmatch.normalize import normalize_whitespace

        found["vi-textmatch normalize_whitespace"] = normalize_whitespace
    except Exception as exc:
        print(f"  vi-textmatch: not installed ({type(exc).__name__})")
    try:
        import vn_text

        found["vn-text normalize (NFC only)"] = vn_text.normalize
    except Exception as exc:
        print(f"  vn-text: not installed ({type(exc).__name__})")
    return found


def dev_accuracy(fn: Callable[[str], str]) -> str:
    if not SHARED_CASES.exists():
        return "n/a"
    lines = SHARED_CASES.read_text(encoding="utf-8").split("\n")
    cases = [c for c in (json.loads(x) for x in lines if x.strip()) if c["op"] == "clean"]
    passed = 0
    for case in cases:
        with contextlib.suppress(Exception):  # an incumbent that raises fails the case
            passed += fn(case["input"]) == case["expected"]
    return f"{passed}/{len(cases)} ({100 * passed / len(cases):.0f}%)"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--mb", type=float, default=1.0, help="input size per measurement (MB)")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    size = int(args.mb * 1e6)
    slow_size = max(20_000, size // 20)  # incumbents that tokenize run on a slice

    print(f"decode_legacy, MB/s of input (best of {args.repeats}); ratio = vntext explicit / that row")
    for encoding in legacy.ENCODINGS:
        source, expected = corpus(size, getattr(legacy, f"_encode_{encoding}"))
        assert decode_legacy(source, encoding=encoding) == expected
        assert decode_legacy(source) == expected
        print(f" {encoding} ({mb(source):.1f} MB)")
        ours = row(
            f"vntext decode_legacy(encoding={encoding!r})",
            source,
            lambda s=source, e=encoding: decode_legacy(s, e),
            args.repeats,
            None,
        )
        row(
            "vntext decode_legacy(encoding='auto')",
            source,
            lambda s=source: decode_legacy(s),
            args.repeats,
            ours,
        )
        if encoding == "tcvn3":
            data = source.encode("cp1252")
            run = iconv_tcvn3(data)
            if run is None:
                print("  glibc iconv TCVN5712-1: not installed")
            else:
                row("glibc iconv -f TCVN5712-1 (subprocess, bytes)", source, run, args.repeats, ours)
    plain = corpus(size)[1]
    print(f" unicode input ({mb(plain):.1f} MB)")
    row(
        "vntext decode_legacy(encoding='auto') -> unchanged",
        plain,
        lambda: decode_legacy(plain),
        args.repeats,
        None,
    )

    dirty = noisy(plain)
    print(
        f"\nclean, MB/s of input (best of {args.repeats}); ratio = vntext clean / that row; "
        "accuracy = normalize-dev clean cases"
    )
    ours = row("vntext clean (noisy text)", dirty, lambda: clean(dirty), args.repeats, None)
    tidy = clean(plain)
    row(
        "vntext clean (already clean text: fast path)",
        tidy,
        lambda: clean(tidy),
        args.repeats,
        ours,
    )
    print(f"  {'accuracy: vntext clean':52} {dev_accuracy(clean):>20}")
    for name, fn in incumbents_for_clean().items():
        sample = dirty if "underthesea" not in name else dirty[:slow_size]
        row(
            f"{name}{' (slice)' if sample is not dirty else ''}",
            sample,
            lambda f=fn, s=sample: f(s),
            max(1, args.repeats // 2 if sample is dirty else 1),
            ours,
        )
        print(f"  {'accuracy: ' + name:52} {dev_accuracy(fn):>20}")


if __name__ == "__main__":
    main()
