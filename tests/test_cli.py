"""The command line, run as a user runs it: a separate process, files and stdin."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from vntext import normalize_tone, remove_diacritics

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "page.txt"


def run(*args: str, stdin: str | None = None) -> str:
    proc = subprocess.run(
        [sys.executable, "-m", "vntext", *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_tone_on_stdin_line_by_line() -> None:
    out = run("tone", "--style", "hoà", stdin="Thủy điện\nHòa Bình\n")
    assert out == "Thuỷ điện\nHoà Bình\n"


def test_remove_diacritics_on_a_file_keeps_every_line(tmp_path: Path) -> None:
    lines = ["Đường phố", "", "Hà Nội  có mưa"]
    path = tmp_path / "in.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert run("remove-diacritics", str(path)).split("\n")[:-1] == [remove_diacritics(x) for x in lines]


def test_jsonl_in_jsonl_out_with_two_workers(tmp_path: Path) -> None:
    records = [{"id": i, "body": f"Hòa bình số {i}"} for i in range(40)]
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    out = run("tone", "--style", "hoà", "--jsonl", "--field", "body", "--jobs", "2", str(path))
    got = [json.loads(line) for line in out.splitlines()]
    assert [g["id"] for g in got] == list(range(40))
    assert [g["body"] for g in got] == [normalize_tone(r["body"], style="hoà") for r in records]


def test_output_file_and_progress(tmp_path: Path) -> None:
    out_path = tmp_path / "out.txt"
    proc = subprocess.run(
        [sys.executable, "-m", "vntext", "unicode", "--progress", "-o", str(out_path)],
        input="Hoa\u0300\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    assert out_path.read_text(encoding="utf-8") == "Hoà\n"
    assert "1 items" in proc.stderr


def test_bad_jsonl_record_fails_loudly(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "vntext", "clean", "--jsonl"],
        input='{"title": "x"}\n',
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert proc.returncode != 0
    assert "no string field 'text'" in proc.stderr


def test_normalize_the_bundled_example() -> None:
    if not EXAMPLE.exists():
        pytest.skip("example not present")
    out = run("normalize", str(EXAMPLE))
    assert "\u200b" not in out and "\u00a0" not in out
    assert "Hòa" in out and "Hoà" not in out  # hòa style by default
    assert len(out.split("\n")) == len(EXAMPLE.read_text(encoding="utf-8").split("\n"))


def test_strip_a_page_gives_article_json(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(
        "Thứ ba, 03/12/2024, 14:05 (GMT+7)\n"
        "Đà Nẵng thử nghiệm xe buýt điện trên ba tuyến mới từ đầu tháng tới.\n"
        "Chia sẻ Facebook\n",
        encoding="utf-8",
    )
    out = json.loads(run("strip", "--explain", str(page)))
    assert out["published"] == "Thứ ba, 03/12/2024, 14:05 (GMT+7)"
    assert out["published_start"] == "2024-12-03T14:05:00+07:00"
    assert out["text"] == "Đà Nẵng thử nghiệm xe buýt điện trên ba tuyến mới từ đầu tháng tới."
    assert [line["kept"] for line in out["lines"]] == [False, True, False]


def test_dates_with_explicit_base_in_jsonl() -> None:
    record = json.dumps({"id": 7, "text": "Cập nhật 2 giờ trước"}, ensure_ascii=False)
    out = json.loads(run("dates", "--jsonl", "--base", "2024-12-03T14:05:00+07:00", stdin=record + "\n"))
    assert out["id"] == 7
    [mention] = out["dates"]
    assert mention["text"] == "2 giờ trước"
    assert mention["start"] == "2024-12-03T12:05:00+07:00"
    assert mention["grain"] == "hour"


def test_segment_joins_words_with_underscores() -> None:
    out = run("segment", stdin="Học sinh đến trường.\n")
    assert out.strip().split(" ")[-1] == "."
    assert "_" in out
