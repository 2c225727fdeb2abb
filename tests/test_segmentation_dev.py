"""Quality gate: word F1 on held-out gold data in ../shared (skips cleanly when absent).

Scored with the one scorer in ``vntext/_ws_eval.py`` (protocol: specs/segmentation.md).
The floors sit a little under the figures measured when the model was shipped (see
docs/segmentation.md); never lower them silently.
"""

from __future__ import annotations

import pytest

from tests.conftest import shared_path
from vntext._ws_eval import read_conllu, score
from vntext.segmentation import word_tokenize

# (path under ../shared, measured F1 at release, floor)
GATES = {
    # Raised on 2026-11-24 with the retrained model (was 97.85 / 97.55 and 91.43 / 91.1).
    "ud-vtb-test": (("data", "ws", "ud-vtb", "vi_vtb-ud-test.conllu"), 98.07, 97.77),
    "ud-tuecl-test": (("data", "ws", "ud-tuecl", "vi_tuecl-ud-test.conllu"), 91.71, 91.41),
}


@pytest.mark.parametrize("name", sorted(GATES))
def test_word_f1_floor(name: str) -> None:
    parts, _measured, floor = GATES[name]
    gold = read_conllu(shared_path(*parts))
    result = score(gold, word_tokenize)
    assert result.f1 >= floor, f"{name}: {result} is under the pinned floor {floor}"


def test_nfd_copy_of_the_test_split_scores_the_same() -> None:
    import unicodedata

    gold = read_conllu(shared_path("data", "ws", "ud-vtb", "vi_vtb-ud-test.conllu"))[:200]
    nfd = [[unicodedata.normalize("NFD", w) for w in words] for words in gold]
    assert score(nfd, word_tokenize).f1 == score(gold, word_tokenize).f1
