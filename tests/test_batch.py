from __future__ import annotations

import io
from functools import partial

import pytest

from vntext import normalize_tone, remove_diacritics
from vntext.batch import map_texts

TEXTS = ["Thuỷ điện Hoà Bình", "khoẻ mạnh", "", "Hòa bình"] * 5


def test_keeps_order_in_one_process() -> None:
    assert list(map_texts(remove_diacritics, TEXTS)) == [remove_diacritics(t) for t in TEXTS]


def test_worker_processes_give_the_same_results_in_order() -> None:
    func = partial(normalize_tone, style="hoà")
    expected = [func(t) for t in TEXTS]
    assert list(map_texts(func, iter(TEXTS), jobs=2, chunksize=3)) == expected


def test_progress_line_counts_every_item() -> None:
    stream = io.StringIO()
    list(map_texts(remove_diacritics, TEXTS, progress=stream))
    assert f"{len(TEXTS)}/{len(TEXTS)} items" in stream.getvalue().split("\r")[-1]


def test_bad_arguments() -> None:
    with pytest.raises(ValueError):
        list(map_texts(remove_diacritics, TEXTS, jobs=0))
    with pytest.raises(ValueError):
        list(map_texts(remove_diacritics, TEXTS, chunksize=0))
