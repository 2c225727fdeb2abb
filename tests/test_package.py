"""The public surface as a whole: lazy import, every name resolves, documented, picklable,
and bad input gets a clear error everywhere."""

from __future__ import annotations

import inspect
import pickle
import subprocess
import sys

import pytest

import vntext

# Public functions whose first argument is the text to work on.
TEXT_FUNCTIONS = sorted(
    name for name in vntext.__all__ if inspect.isfunction(getattr(vntext, name)) and name != "map_texts"
)


def test_import_is_lazy() -> None:
    # `import vntext` must not pay for regex, unicode tables or data files.
    heavy = ("regex", "unidecode", "vntext.normalization", "vntext.dates", "vntext.segmentation")
    code = f"import sys, vntext; print(sorted(m for m in {heavy!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("name", vntext.__all__)
def test_every_public_name_resolves_and_has_a_doctest(name: str) -> None:
    obj = getattr(vntext, name)
    assert obj.__doc__ and ">>>" in obj.__doc__, f"{name} has no doctest"
    assert name in dir(vntext)


def test_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError):
        vntext.no_such_function  # noqa: B018


@pytest.mark.parametrize("name", TEXT_FUNCTIONS)
def test_bytes_input_is_a_type_error_that_says_how_to_decode(name: str) -> None:
    func = getattr(vntext, name)
    with pytest.raises(TypeError, match=r"decode"):
        func("Hà Nội".encode())


@pytest.mark.parametrize("name", TEXT_FUNCTIONS)
def test_none_input_is_a_type_error(name: str) -> None:
    with pytest.raises(TypeError):
        getattr(vntext, name)(None)


@pytest.mark.parametrize("name", TEXT_FUNCTIONS)
def test_public_functions_pickle_by_reference(name: str) -> None:
    func = getattr(vntext, name)
    assert pickle.loads(pickle.dumps(func)) is func


def test_all_lists_exactly_the_lazy_exports() -> None:
    assert sorted(vntext.__all__) == sorted(vntext._EXPORTS)
    assert len(set(vntext.__all__)) == len(vntext.__all__)
