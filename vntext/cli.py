"""``vntext`` command line: run one capability over whole corpora.

Input is files or stdin, as plain text (one record per line, or one per file with
``--unit file``) or JSONL (``--jsonl``, the text in ``--field``). Output keeps input order.
String results are written as text (or put back into the JSON record); structured results
(dates, boilerplate, tokens) are written as JSON lines. ``--jobs N`` spreads records over
N processes; ``--progress`` draws a progress line on stderr.

    vntext normalize examples/page.txt
    vntext decode --encoding tcvn3 old.txt | vntext clean
    vntext dates --base 2024-09-16T09:00+07:00 --jsonl --field body crawl.jsonl
    vntext strip --unit file pages/*.txt -o articles.jsonl --jobs 2 --progress
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import json
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from vntext.batch import map_texts

__all__ = ["main", "strip_page"]

# command -> (module, function, default unit, help)
_COMMANDS: dict[str, tuple[str, str, str, str]] = {
    "normalize": (
        "vntext.normalization",
        "normalize",
        "line",
        "clean, NFC and tone placement (the everyday fix)",
    ),
    "clean": ("vntext.noise", "clean", "line", "remove invisible characters, odd spaces, smart quotes"),
    "tone": ("vntext.normalization", "normalize_tone", "line", "move tone marks to their canonical letter"),
    "unicode": ("vntext.normalization", "normalize_unicode", "line", "any Unicode form to NFC"),
    "remove-diacritics": ("vntext.normalization", "remove_diacritics", "line", "strip marks, đ -> d"),
    "ascii": ("vntext.normalization", "to_ascii", "line", "strip marks and transliterate the rest"),
    "decode": ("vntext.legacy", "decode_legacy", "line", "TCVN3 / VNI / VIQR to Unicode"),
    "segment": ("vntext.segmentation", "word_tokenize", "line", "word segmentation, words joined by _"),
    "sentences": ("vntext.segmentation", "sent_tokenize", "file", "split into sentences (JSON list)"),
    "dates": ("vntext.dates", "find_dates", "line", "every date mention with its span and value"),
    "strip": ("vntext.cli", "strip_page", "file", "article text and metadata of a page"),
}


def strip_page(text: str, normalize: bool = False, explain: bool = False) -> dict[str, Any]:
    """The article and metadata of a page as a JSON-ready dict (``strip_boilerplate``).

    ``normalize`` first cleans and normalizes the page (clean, NFC, hòa-style tones; legacy
    encodings are left to ``vntext decode`` so that they are never guessed silently).
    ``explain`` adds every input line with its decision and rule.

    >>> page = "Thứ hai, 16/09/2024, 08:30 (GMT+7)\\nThuỷ điện Hoà Bình phát điện tổ máy cuối."
    >>> out = strip_page(page, normalize=True)
    >>> out["text"], out["published_start"]
    ('Thủy điện Hòa Bình phát điện tổ máy cuối.', '2024-09-16T08:30:00+07:00')
    """
    from vntext.boilerplate import strip_boilerplate
    from vntext.normalization import normalize as normalize_text

    article = strip_boilerplate(normalize_text(text) if normalize else text)
    published = article.published_date
    out: dict[str, Any] = {
        "title": article.title,
        "published": article.published,
        "published_start": published.start.isoformat() if published else None,
        "updated": article.updated,
        "author": article.author,
        "credit": article.credit,
        "text": article.text,
    }
    if explain:
        out["lines"] = [
            {"number": d.number, "kept": d.kept, "reason": d.reason, "text": d.text} for d in article.lines
        ]
    return out


def _jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value


@dataclass(frozen=True)
class _Job:
    """One record in, one output line out. Module-level and frozen so it pickles to workers."""

    command: str
    options: tuple[tuple[str, Any], ...]
    field: str | None  # JSONL field holding the text; None for plain text
    output_field: str | None

    def __call__(self, record: str) -> str:
        module, name, _, _ = _COMMANDS[self.command]
        func = getattr(importlib.import_module(module), name)
        obj: dict[str, Any] | None = None
        if self.field is not None:
            obj = json.loads(record)
            if not isinstance(obj, dict) or not isinstance(obj.get(self.field), str):
                raise ValueError(f"JSONL record has no string field {self.field!r}: {record[:80]!r}")
            text = obj[self.field]
        else:
            text = record
        result = func(text, **dict(self.options))
        if isinstance(result, str) and obj is None:
            return result
        value = _jsonable(result)
        if obj is None:
            return json.dumps(value, ensure_ascii=False)
        default_key = self.field if isinstance(result, str) and self.field else self.command
        obj[self.output_field or default_key] = value
        return json.dumps(obj, ensure_ascii=False)


def _records(paths: Sequence[str], unit: str) -> Iterator[str]:
    for path in paths or ["-"]:
        stream = sys.stdin if path == "-" else open(path, encoding="utf-8", newline="")  # noqa: SIM115
        try:
            if unit == "file":
                yield stream.read()
            else:
                for line in stream:
                    yield line.rstrip("\r\n")
        finally:
            if stream is not sys.stdin:
                stream.close()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="vntext", description="Vietnamese text tools for whole corpora.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (_, _, unit, help_text) in _COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("paths", nargs="*", metavar="FILE", help="input files (default: stdin; - for stdin)")
        p.add_argument("-o", "--output", help="write here instead of stdout")
        p.add_argument("--jsonl", action="store_true", help="input is JSON lines")
        p.add_argument("--field", default="text", help="JSONL field with the text (default: text)")
        p.add_argument(
            "--output-field",
            help="JSONL field for the result (default: same field for text "
            "results, the command name otherwise)",
        )
        p.add_argument(
            "--unit",
            choices=["line", "file"],
            default=unit,
            help=f"plain-text record: a line or a whole file (default: {unit})",
        )
        p.add_argument("-j", "--jobs", type=int, default=1, help="worker processes (default: 1)")
        p.add_argument(
            "--progress",
            action=argparse.BooleanOptionalAction,
            default=None,
            help="progress line on stderr (default: when stderr is a terminal)",
        )
        if name in ("normalize", "tone"):
            p.add_argument(
                "--style",
                choices=["hòa", "hoà"],
                default="hòa",
                help="tone style named by example: hòa/thủy or hoà/thuỷ (default: hòa)",
            )
        if name == "normalize":
            for step in ("clean", "unicode", "tone"):
                p.add_argument(f"--no-{step}", action="store_true", help=f"skip the {step} step")
        if name == "decode":
            p.add_argument("--encoding", choices=["auto", "tcvn3", "vni", "viqr"], default="auto")
        if name == "dates":
            p.add_argument("--base", help="reference time, ISO 8601 (default: now in Vietnam)")
        if name == "strip":
            p.add_argument("--explain", action="store_true", help="include every line's decision")
            p.add_argument("--normalize", action="store_true", help="clean and normalize the page first")
    return parser


def _options(args: argparse.Namespace) -> tuple[tuple[str, Any], ...]:
    opts: dict[str, Any] = {}
    if args.command == "normalize":
        opts["tone_style"] = args.style
        for step in ("clean", "unicode", "tone"):
            if getattr(args, f"no_{step}"):
                opts[step] = False
    elif args.command == "tone":
        opts["style"] = args.style
    elif args.command == "decode":
        opts["encoding"] = args.encoding
    elif args.command == "segment":
        opts["format"] = "text"
    elif args.command == "strip":
        opts.update(normalize=args.normalize, explain=args.explain)
    elif args.command == "dates" and args.base:
        opts["base"] = datetime.fromisoformat(args.base)
    return tuple(sorted(opts.items()))


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``vntext`` command.

    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "page.txt")
    >>> _ = open(path, "w", encoding="utf-8").write("Thuỷ điện Hoà Bình\\n")
    >>> main(["tone", "--style", "hòa", "--no-progress", path])
    Thủy điện Hòa Bình
    0
    """
    args = _parser().parse_args(argv)
    job = _Job(
        command=args.command,
        options=_options(args),
        field=args.field if args.jsonl else None,
        output_field=args.output_field,
    )
    progress = sys.stderr.isatty() if args.progress is None else args.progress
    unit = "line" if args.jsonl else args.unit
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout  # noqa: SIM115
    try:
        for line in map_texts(job, _records(args.paths, unit), jobs=args.jobs, progress=progress):
            out.write(line)
            out.write("\n")
    except BrokenPipeError:  # `vntext ... | head` is normal use
        return 0
    finally:
        if out is not sys.stdout:
            out.close()
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
