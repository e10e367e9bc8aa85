"""Submissions' files, generated: reading one gives a Source or an Unreadable that says why,
never another exception, in bounded time.

Measured on a 2-core machine: the slowest file here (2 MiB of `check(` lines, the code limit)
reads in about 1 s; before the lookahead's budget, 16,000 such lines took 21 s and 300,000 an
estimated 400 s, in the grading process, which no worker's time limit covers; a .py of 1.2 M
characters whose coding line says punycode (whose decoder takes quadratic time) took 30 s.
"""
import json
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from autograder import submission
from conftest import HANG_SECONDS

EX03 = "ex03_weight_gradients"
FUZZ = settings(max_examples=200, derandomize=True, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _read(data: bytes, suffix: str):
    """What reading data as the exercise's file gives: a Source or an Unreadable (anything else fails)."""
    path = Path(EX03 + suffix)
    try:
        found = (submission._python if suffix == ".py" else submission.read_notebook)(EX03, path, data)
    except submission.Unreadable as exc:
        assert str(exc)
        return exc
    assert type(found) is submission.Source and type(found.text) is str
    return found


_JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
                     lambda inner: (st.lists(inner, max_size=4)
                                    | st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                     max_leaves=20)
_SOURCES = st.one_of(st.text(max_size=60), st.lists(st.text(max_size=20), max_size=4), _JSON,
                     st.sampled_from(["check(\n", "%%bash\nls", "%%time\nx = 1", "%%writefile a.py\nx=1",
                                      "from autograder import check\ncheck('ex03')", "!ls", "%pylab inline",
                                      "def f(:\n", "\x00", "\ufeffx = 1\r\n"]))
_CELLS = st.fixed_dictionaries({}, optional={"cell_type": st.sampled_from(["code", "markdown", "raw", 3, None]),
                                             "source": _SOURCES, "input": _SOURCES, "metadata": _JSON,
                                             "outputs": _JSON})
_NOTEBOOKS = st.fixed_dictionaries({}, optional={
    "nbformat": st.sampled_from([2, 3, 4, 5, "4", 3.5, None, True, float("nan")]),
    "nbformat_minor": _JSON,
    "cells": st.lists(_CELLS, max_size=5) | _JSON,
    "worksheets": st.lists(st.fixed_dictionaries({}, optional={"cells": st.lists(_CELLS, max_size=4) | _JSON}),
                           max_size=2) | _JSON,
    "metadata": st.fixed_dictionaries({}, optional={"kernelspec": _JSON | st.fixed_dictionaries(
        {"language": _JSON})}) | _JSON})


@FUZZ
@given(st.binary(max_size=300), st.sampled_from([".py", ".ipynb"]))
def test_any_bytes_read_as_a_source_or_an_unreadable(data, suffix):
    _read(data, suffix)


@FUZZ
@given(st.text(max_size=300), st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "utf-32", "latin-1"]))
def test_any_text_in_any_encoding_reads_as_a_source_or_an_unreadable(text, encoding):
    for head in ("", "# -*- coding: latin-1 -*-\n", "# %%\n", "# In[1]:\n"):
        _read((head + text).encode(encoding, "replace"), ".py")


@FUZZ
@given(_NOTEBOOKS, st.sampled_from(["utf-8", "utf-16", "utf-32"]))
def test_any_notebook_shape_reads_as_a_source_or_an_unreadable(notebook, encoding):
    data = json.dumps(notebook).encode(encoding)
    _read(data, ".ipynb")
    _read(data, ".py")  # a notebook renamed .py is read as one


def _cells(sources, **notebook):
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {},
                       "cells": [{"cell_type": "code", "source": s, "metadata": {}, "outputs": []} for s in sources],
                       **notebook}).encode()


HOSTILE = {
    "2 MiB of check( lines, .py": (b"check(\n" * (2 * 2**20 // 7), ".py"),
    "16,000 check( lines, .py": (b"check(\n" * 16_000, ".py"),
    "2 MiB of check( lines in 1,000-line cells": (_cells(["check(\n" * 1000] * 290), ".ipynb"),
    "100,000 cells of check(": (_cells(["check("] * 100_000), ".ipynb"),
    "100,000 cells of 30 check( lines, cut to the code limit": (_cells(["check(\n" * 30] * 9_000), ".ipynb"),
    "100,000 empty cells": (_cells([""] * 100_000), ".ipynb"),
    "30 MiB of metadata": (_cells(["x = 1"], metadata={"a": "x" * (30 * 2**20)}), ".ipynb"),
    "metadata nested 10^5 deep": (b'{"nbformat":4,"cells":[],"metadata":' + b"[" * 10**5 + b"]" * 10**5 + b"}",
                                  ".ipynb"),
    "a BOM and UTF-16": ("\ufeff" + _cells(["x = 1"]).decode()).encode("utf-16"),
    "a BOM and UTF-16, as .py": ("\ufeff" + "def f():\n    return 1\n").encode("utf-16"),
    "a UTF-16 notebook as .py": (_cells(["x = 1"]).decode().encode("utf-16"), ".py"),
    "source as a number": (_cells([3]), ".ipynb"),
    "source as a dict": (_cells([{"a": 1}]), ".ipynb"),
    "source as a list of lists": (_cells([[["x = 1"]]]), ".ipynb"),
    "nbformat 2": (b'{"nbformat":2,"worksheets":[{"cells":[{"cell_type":"code","input":"x = 1"}]}]}', ".ipynb"),
    "nbformat 3 without worksheets": (b'{"nbformat":3,"cells":[]}', ".ipynb"),
    "nbformat 5": (_cells(["x = 1"], nbformat=5), ".ipynb"),
    "no cells": (b'{"nbformat":4}', ".ipynb"),
    "a coding line of punycode": (b"# coding: punycode\nx = 1\n", ".py"),
    "1.2 M characters of punycode": (("# coding: punycode\nx = 1\n" + "\u00e9" * 1_200_000).encode("punycode"), ".py"),
    "a coding line of rot13": (b"# coding: rot13\nx = 1\n", ".py"),
    "a coding line of hex": (b"# coding: hex\n78\n", ".py"),
    "a coding line of unicode_escape": (b"# coding: unicode_escape\n\\N{" + b"A" * 100_000 + b"}\n", ".py"),
}
HOSTILE = {name: case if isinstance(case, tuple) else (case, ".ipynb" if "as .py" not in name else ".py")
           for name, case in HOSTILE.items()}


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_file_is_read_in_bounded_time(name):
    data, suffix = HOSTILE[name]
    start = time.perf_counter()
    _read(data, suffix)
    seconds = time.perf_counter() - start
    print(f"\n{name}: {seconds:.2f} s")
    assert seconds < HANG_SECONDS, f"{name}: {seconds:.1f} s"


def test_a_grader_call_over_several_lines_is_still_passed_over():
    """The lookahead's budget leaves an ordinary multi-line call as it was."""
    found = _read(b'x = 1\ncheck(\n    "ex03",\n)\ny = 2\n', ".py")
    assert found.text.split("\n")[:5] == ["x = 1", "pass", "", "", "y = 2"]
