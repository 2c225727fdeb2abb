"""Throughput of tone normalization, diacritic removal and NFC, beside the incumbents, in one run.

    python benchmarks/bench_normalize.py              # UD Vietnamese sentences (../shared), ~1.1 MB
    python benchmarks/bench_normalize.py --repeat 3   # the same text three times over

Input: the ``# text =`` lines of ``../shared/data/ws/ud-vtb/*.conllu`` (news sentences), in
three forms: as written (NFC, mostly the hòa style), converted to the hoà style (so that under
``style="hòa"`` about one word in 300 must move), and NFD; plus the same sentences with a URL
and an e-mail address on every tenth line. Each function runs on one whole document and, for
the per-call cost, once per sentence. MB = megabytes of input as UTF-8; each figure is the best
of several runs in this process. Incumbents are timed on the same input: underthesea
``text_normalize`` and vi-textmatch ``normalize_tone`` (both put marks in the hòa style),
vn-text ``strip_stroke(deaccent(.))`` and ``unidecode`` for removal, ``unicodedata`` and
vi-textmatch for NFC. ``ratio`` = vntext throughput / incumbent throughput. When the shared
normalize-dev cases are present, each function's accuracy on the matching op is shown too.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
import time
import unicodedata
from collections.abc import Callable

import _common

REPO = _common.REPO

from vntext.normalization import normalize_tone, normalize_unicode, remove_diacritics  # noqa: E402

SHARED = _common.SHARED / "data"
CASES = SHARED / "normalize-dev" / "cases.jsonl"

Func = Callable[[str], str]


def ud_sentences() -> list[str]:
    lines = _common.ud_sentences()
    if not lines:
        raise SystemExit(f"no UD sentences under {_common.SHARED}: this benchmark needs ../shared")
    return lines


def with_links(lines: list[str]) -> list[str]:
    out = []
    for i, line in enumerate(lines):
        if i % 10 == 0:
            line += (
                f" Chi tiết: https://bao.example.vn/thoi-su/hoà-{i}.html, liên hệ toà.soạn{i}@bao.example.vn"
            )
        out.append(line)
    return out


def incumbents() -> dict[str, dict[str, Func | str]]:
    """Per operation, name -> function (or a 'not installed' note)."""
    tone: dict[str, Func | str] = {}
    strip: dict[str, Func | str] = {}
    nfc: dict[str, Func | str] = {"unicodedata NFC": lambda s: unicodedata.normalize("NFC", s)}
    try:
        with contextlib.redirect_stderr(io.StringIO()):
            from underthesea import text_normalize
        tone["underthesea text_normalize"] = text_normalize
    except Exception:  # pragma: no cover - depends on the environment
        tone["underthesea text_normalize"] = "not installed"
    try:
        from vi_textmatch.normalize import normalize_unicode as vtm_nfc
        from vi_textmatch.tone import normalize_tone as vtm_tone

        tone["vi-textmatch normalize_tone"] = vtm_tone
        nfc["vi-textmatch normalize_unicode"] = vtm_nfc
    except Exception:  # pragma: no cover
        tone["vi-textmatch normalize_tone"] = "not installed"
    try:
        from vn_text import deaccent, strip_stroke

        strip["vn-text strip_stroke(deaccent)"] = lambda s: strip_stroke(deaccent(s))
    except Exception:  # pragma: no cover
        strip["vn-text strip_stroke(deaccent)"] = "not installed"
    try:
        from unidecode import unidecode

        strip["unidecode"] = unidecode
    except Exception:  # pragma: no cover
        strip["unidecode"] = "not installed"
    return {"tone": tone, "strip": strip, "nfc": nfc}


def throughput(func: Func, text: str, lines: list[str] | None, budget: float) -> float:
    """MB/s, best of several runs: on the whole text, or once per line when ``lines`` is given."""
    size = len(text.encode("utf-8"))
    best = float("inf")
    spent = 0.0
    runs = 0
    while runs < 3 or (spent < budget and runs < 25):
        start = time.perf_counter()
        if lines is None:
            func(text)
        else:
            for line in lines:
                func(line)
        elapsed = time.perf_counter() - start
        best = min(best, elapsed)
        spent += elapsed
        runs += 1
    return size / best / 1e6


def accuracy(func: Func, op: str) -> str:
    if not CASES.exists():
        return "-"
    cases = [json.loads(line) for line in CASES.read_text(encoding="utf-8").split("\n") if line.strip()]
    mine = [c for c in cases if c["op"] == op]
    ok = 0
    for case in mine:
        with contextlib.suppress(Exception):  # an exception counts as a miss
            ok += func(case["input"]) == case["expected"]
    return f"{100 * ok / len(mine):.1f}%"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=1, help="repeat the sentences this many times")
    ap.add_argument("--budget", type=float, default=1.5, help="seconds per measurement (about)")
    args = ap.parse_args()

    lines = ud_sentences() * args.repeat
    corpora = {
        "ud": lines,
        "ud-hoà": [normalize_tone(line, style="hoà") for line in lines],
        "ud-nfd": [unicodedata.normalize("NFD", line) for line in lines],
        "ud+links": with_links(lines),
    }
    size = len("\n".join(lines).encode("utf-8"))
    print(f"input: {len(lines)} UD sentences, {size / 1e6:.2f} MB as UTF-8 (python {sys.version.split()[0]})")

    others = incumbents()
    ours: dict[str, tuple[str, Func, str]] = {
        "tone": ("vntext normalize_tone hòa", lambda s: normalize_tone(s, style="hòa"), "tone_new"),
        "strip": ("vntext remove_diacritics", remove_diacritics, "strip_diacritics"),
        "nfc": ("vntext normalize_unicode", normalize_unicode, "nfc"),
    }
    plans = {"tone": list(corpora), "strip": ["ud", "ud-nfd"], "nfc": ["ud", "ud-nfd"]}
    header = f"{'op':6} {'corpus':9} {'mode':5} {'implementation':34} {'MB/s':>8} {'ratio':>8} {'dev acc':>8}"
    for op, corpus_names in plans.items():
        print()
        print(header)
        print("-" * len(header))
        name, func, dev_op = ours[op]
        acc = {name: accuracy(func, dev_op)}
        acc_old = accuracy(lambda s: normalize_tone(s, style="hoà"), "tone_old")
        for other, ofunc in others[op].items():
            acc[other] = accuracy(ofunc, dev_op) if callable(ofunc) else "-"
        for corpus in corpus_names:
            text = "\n".join(corpora[corpus])
            for mode in ("doc", "line"):
                per_line = corpora[corpus] if mode == "line" else None
                mine = throughput(func, text, per_line, args.budget)
                print(f"{op:6} {corpus:9} {mode:5} {name:34} {mine:8.1f} {'1.00':>8} {acc[name]:>8}")
                if op == "tone":  # the other style; no incumbent writes it
                    hoa2 = throughput(lambda s: normalize_tone(s, style="hoà"), text, per_line, args.budget)
                    label = "vntext normalize_tone hoà"
                    print(f"{op:6} {corpus:9} {mode:5} {label:34} {hoa2:8.1f} {'':>8} {acc_old:>8}")
                for other, ofunc in others[op].items():
                    if not callable(ofunc):
                        print(f"{op:6} {corpus:9} {mode:5} {other:34} {ofunc:>8}")
                        continue
                    theirs = throughput(ofunc, text, per_line, args.budget)
                    print(
                        f"{op:6} {corpus:9} {mode:5} {other:34} {theirs:8.1f} "
                        f"{mine / theirs:7.1f}x {acc[other]:>8}"
                    )


if __name__ == "__main__":
    main()
