"""Benchmark: vntext.strip_boilerplate beside boilerpy3, trafilatura and jusText.

Input: the pages of ``../shared/data/boilerplate-dev`` plus the two seed pages (plain text,
as a scraper hands them over). No incumbent accepts plain text, so each gets the page with
every non-empty line wrapped as ``<p>`` in a minimal HTML document (built before timing).
All run in this process on the same pages; throughput is MB of *raw plain text* per second
of process CPU time (robust to other jobs on a shared machine), best of ``--repeat`` rounds
after a warm-up. Line P/R/F1 uses ``scripts/eval_boilerplate.py`` on the dev pages (output
lines are matched verbatim against the gold lines).

    python benchmarks/bench_boilerplate.py [--repeat 5] [--min-seconds 1.0]
"""

from __future__ import annotations

import argparse
import html
import importlib.util
import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "eval_boilerplate", REPO / "scripts" / "eval_boilerplate.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_boilerplate"] = module
    spec.loader.exec_module(module)
    return module


def wrap_as_html(text: str) -> str:
    body = "".join(f"<p>{html.escape(line)}</p>\n" for line in text.split("\n") if line.strip())
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title></title></head><body>\n{body}</body></html>"
    )


Extractor = Callable[[str], list[str]]  # input (plain text or HTML) -> kept lines


def make_extractors() -> dict[str, tuple[Extractor | None, bool, str]]:
    """name -> (function or None, takes HTML, note)."""
    out: dict[str, tuple[Extractor | None, bool, str]] = {}
    from vntext.boilerplate import strip_boilerplate

    def run_vntext(text: str) -> list[str]:
        art = strip_boilerplate(text)
        return art.text.split("\n") if art.text else []

    out["vntext"] = (run_vntext, False, "plain text")
    try:
        from boilerpy3 import extractors

        article = extractors.ArticleExtractor(raise_on_failure=False)

        def run_boilerpy3(page: str) -> list[str]:
            return [line for line in article.get_content(page).split("\n") if line.strip()]

        out["boilerpy3"] = (run_boilerpy3, True, "ArticleExtractor, lines as <p>")
    except ImportError:
        out["boilerpy3"] = (None, True, "not installed")
    try:
        import trafilatura

        logging.getLogger("trafilatura").setLevel(logging.CRITICAL)

        def run_trafilatura(page: str) -> list[str]:
            text = trafilatura.extract(page, include_comments=False, favor_precision=False) or ""
            return [line for line in text.split("\n") if line.strip()]

        out["trafilatura"] = (run_trafilatura, True, "extract(), lines as <p>")
    except ImportError:
        out["trafilatura"] = (None, True, "not installed")
    try:
        import justext

        try:
            stoplist = justext.get_stoplist("Vietnamese")
            note = "Vietnamese stoplist, lines as <p>"
        except ValueError:
            stoplist = frozenset()
            note = "no stoplist, lines as <p>"

        def run_justext(page: str) -> list[str]:
            paragraphs = justext.justext(page.encode("utf-8"), stoplist, encoding="utf-8")
            return [p.text for p in paragraphs if not p.is_boilerplate]

        out["jusText"] = (run_justext, True, note)
    except ImportError:
        out["jusText"] = (None, True, "not installed")
    return out


def throughput(fn: Extractor, inputs: list[str], raw_bytes: int, repeat: int, min_seconds: float) -> float:
    for item in inputs:  # warm-up: tables, caches, regex compilation
        fn(item)
    best = 0.0
    for _ in range(repeat):
        rounds = 0
        start = time.process_time()
        while True:
            for item in inputs:
                fn(item)
            rounds += 1
            elapsed = time.process_time() - start
            if elapsed >= min_seconds:
                break
        best = max(best, raw_bytes * rounds / elapsed / 1e6)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--min-seconds", type=float, default=1.0)
    args = parser.parse_args()
    dev_dir = SHARED / "data" / "boilerplate-dev"
    if not dev_dir.exists():
        print(f"development data not present: {dev_dir}")
        return 1
    scorer = _scorer()
    pages = scorer.load_pages(dev_dir)
    texts = [p.raw for p in pages] + [
        p.read_text(encoding="utf-8") for p in sorted((SHARED / "seeds").glob("*.txt"))
    ]
    htmls = [wrap_as_html(t) for t in texts]
    raw_bytes = sum(len(t.encode("utf-8")) for t in texts)
    print(f"input: {len(texts)} pages ({len(pages)} dev + seeds), {raw_bytes / 1e3:.1f} kB of plain text")
    rows: list[tuple[str, float | None, Any, str]] = []
    for name, (fn, takes_html, note) in make_extractors().items():
        if fn is None:
            rows.append((name, None, None, note))
            continue
        inputs = htmls if takes_html else texts
        mbps = throughput(fn, inputs, raw_bytes, args.repeat, args.min_seconds)

        def extract(raw: str, fn: Extractor = fn, takes_html: bool = takes_html) -> tuple[list[str], None]:
            return fn(wrap_as_html(raw) if takes_html else raw), None

        rows.append((name, mbps, scorer.evaluate(pages, extract), note))
    base = next((r[1] for r in rows if r[0] == "boilerpy3"), None)
    vntext_speed = rows[0][1]
    print(f"{'extractor':<12} {'MB/s':>7} {'vntext/it':>9} {'line P':>7} {'line R':>7} {'line F1':>7}  note")
    for name, mbps, score, note in rows:
        if mbps is None:
            print(f"{name:<12} {'-':>7} {'-':>9} {'-':>7} {'-':>7} {'-':>7}  {note}")
            continue
        ratio = f"{vntext_speed / mbps:.2f}" if vntext_speed else "-"
        print(
            f"{name:<12} {mbps:7.2f} {ratio:>9} "
            f"{score.precision:7.3f} {score.recall:7.3f} {score.f1:7.3f}  {note}"
        )
    if base and vntext_speed:
        print(f"\nvntext / boilerpy3 throughput: {vntext_speed / base:.2f}x (same run, same pages)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
