"""Submissions' files as Python and Jupyter read them, and only regular files of their own.

A `.py` saved by a Windows editor (a byte-order mark, CRLF) or with a coding line is read
as `python file.py` reads it; a notebook as Jupyter runs it (magics, Colab's metadata,
cells that fail and are gone past). A link, a FIFO or a huge file is not read: its exercise
is `error`, and the rest of the submission is graded.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import time
import warnings
from pathlib import Path

import pytest

from autograder import attention, catalog, judge, report, spec, submission
from autograder.execution.protocol import CallError
import conftest
from conftest import MISTAKE, ROOT, backprop

EX01 = "ex01_sigmoid_derivative"
EX03 = "ex03_weight_gradients"
EX07 = "ex07_row_major"


def solution(exercise_id):
    return (ROOT / "solutions" / f"{exercise_id}.py").read_text(encoding="utf-8")


def grade(folder, *ids):
    result = conftest.grade(folder, [catalog.BY_ID[i] for i in ids] or None)
    return {e.id: e for e in result.exercises}


def cell(source, **fields):
    """A code cell as JupyterLab or Colab saves it: source as a list of lines, outputs."""
    lines = source.splitlines(keepends=True)
    return {"cell_type": "code", "execution_count": 1, "metadata": fields.pop("metadata", {}),
            "outputs": [{"name": "stdout", "output_type": "stream", "text": ["done\n"]}],
            "source": lines, **fields}


def colab_notebook(cells):
    return {"nbformat": 4, "nbformat_minor": 0,
            "metadata": {"colab": {"provenance": [], "collapsed_sections": []},
                         "kernelspec": {"name": "python3", "display_name": "Python 3"},
                         "language_info": {"name": "python"}, "accelerator": "GPU"},
            "cells": [{"cell_type": "markdown", "metadata": {"id": "intro"}, "source": ["# My work\n"]}]
            + [cell(c, metadata={"id": f"c{i}", "colab": {"base_uri": "https://localhost:8080/"}},
                    id=f"c{i}") for i, c in enumerate(cells)]}


def test_a_py_with_a_byte_order_mark_and_crlf_lines_is_read_as_python_reads_it(tmp_path):
    text = solution(EX03).replace("\n", "\r\n")
    (tmp_path / f"{EX03}.py").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    subprocess.run([sys.executable, tmp_path / f"{EX03}.py"], check=True, capture_output=True)  # Python runs it
    assert grade(tmp_path, EX03)[EX03].status == "passed"


def test_a_py_with_a_coding_line_is_decoded_as_it_says(tmp_path):
    text = "# -*- coding: latin-1 -*-\n# Ren\xe9e's derivation\n" + solution(EX03)
    (tmp_path / f"{EX03}.py").write_bytes(text.encode("latin-1"))
    assert grade(tmp_path, EX03)[EX03].status == "passed"


@pytest.mark.parametrize("coding, tail", [("utf-8", b"# \xff\xfe\n"), ("rot13", b""), ("punycode", b"")])
def test_undecodable_text_is_an_error_that_says_so(tmp_path, coding, tail):
    """A coding line may name any codec: rot13's is no text encoding, punycode's raises a bare
    UnicodeError (the grading process raised, and the submission was the grader's failure)."""
    (tmp_path / f"{EX03}.py").write_bytes(f"# coding: {coding}\n{solution(EX03)}".encode("utf-8") + tail)
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "error" and f"is not {coding} text (save it as UTF-8)" in result.message


@pytest.mark.parametrize("encoding, said", [
    ("cp1252", "is not utf-8 text (save it as UTF-8)"),  # a French Windows editor's, no coding line
    ("utf-16", "is not utf-8 text: it is UTF-16, Notepad's \"Unicode\" (save it as UTF-8)"),
])
def test_a_first_line_not_utf8_is_said_to_be_not_utf8(tmp_path, encoding, said):
    """A first line in cp1252 with no coding line, or a file Windows' Notepad saved as
    "Unicode", was told only "cannot be decoded: invalid or missing encoding declaration"."""
    (tmp_path / f"{EX03}.py").write_bytes(("# Auteur : L\xe9a\n" + solution(EX03)).encode(encoding))
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "error" and result.message == f"{EX03}.py {said}"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-32"])
def test_a_notebook_saved_with_a_bom_or_as_utf16_is_read(tmp_path, encoding):
    """Windows tools save a notebook with a byte-order mark, or as UTF-16 (a PowerShell
    redirect, Notepad's "Unicode"); JSON allows them all, and one was "not UTF-8 text"."""
    text = json.dumps(colab_notebook(["# R\xe9sum\xe9\n" + solution(EX03)]), ensure_ascii=False)
    (tmp_path / f"{EX03}.ipynb").write_bytes(text.encode(encoding))
    assert grade(tmp_path, EX03)[EX03].status == "passed"


@pytest.mark.parametrize("text, said", [
    ('{"cells": [\n<<<<<<< HEAD\n  {"cell_type": "code"}\n=======\n>>>>>>> theirs\n]}',
     "it holds a merge conflict's markers (<<<<<<<, =======, >>>>>>>); keep one side and delete them"),
    ('{"cells": [\n  {"cell_type": "code",\n   "source": ["x = 1"', "its JSON breaks off at line 3, column 22 (Expecting ',' delimiter)"),
    ("[" * 100_000, "it is not the JSON of a notebook (RecursionError)"),
    ('\n<!DOCTYPE html>\n<html lang="en">', "it is a web page, as a browser saves one: download the notebook's own "
                                          "file (on GitHub, Download raw file)"),  # its JSON "broke off at line 2"
    ("import numpy as np\n", "it is not JSON, as a notebook is: if it holds your Python code, name the file .py"),
    ('{"cells": [{"cell_type": "code", "source": ["x = 1\\n", null]}]}',
     "it is not the JSON of a notebook (TypeError)"),
    ('{"cells": [{"cell_type": "code", "source": ["x = 1\\n", 2]}]}', "it is not the JSON of a notebook (TypeError)"),
])
def test_a_broken_notebook_is_an_error_that_says_where(tmp_path, text, said):
    (tmp_path / f"{EX03}.ipynb").write_text(text, encoding="utf-8")
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "error" and result.message == f"{EX03}.ipynb is not a readable notebook: {said}"


def test_a_cell_of_many_blank_lines_is_read_at_once(tmp_path):
    """Matching the self-check's import line once took quadratic time in a cell's blank
    lines: a million of them held the grading process for hours. The subprocess's timeout
    is a bound on hanging, a thousand times what reading takes."""
    notebook = colab_notebook([solution(EX03), "\n" * 1_000_000 + "pass"])
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    code = f"from autograder import submission; print(submission.read({str(tmp_path)!r}, [{EX03!r}])[{EX03!r}].cells)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.startswith("("), done.stderr


def test_a_colab_notebook_with_magics_and_failing_cells_is_run_as_jupyter_runs_it(tmp_path):
    code = solution(EX03).split("# %%")
    functions = next(part for part in code if "def weight_gradients" in part).split("\n", 1)[1]
    cells = [
        "!pip install -q numpy\nfrom google.colab import drive\ndrive.mount('/content/drive')",
        "import numpy as np\nimport h5py\n%matplotlib inline\nfiles = !ls\nnp.dot?",
        "%%time\r\n" + functions.replace("\n", "\r\n"),  # a def under %%time, CRLF as Windows saves it
        "dW, db = weight_gradients(*weight_gradients_test_case())\nprint(dW)",  # the course's test cell
        "%%bash\necho this is not Python",
        "%timeit weight_gradients(np.ones((2, 3)), np.ones((4, 3)))",
        "pip install numpy\n",  # IPython's automagic runs a cell of this one line as %pip
    ]
    nb = json.dumps(colab_notebook(cells), indent=1)
    (tmp_path / f"{EX03}.ipynb").write_bytes(b"\xef\xbb\xbf" + nb.encode("utf-8"))
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "passed", [c.message for c in result.checks if not c.passed]
    # the statements that raised are counted: the imports of modules missing here, and what then used their
    # names, together; the rest each at its cell and line, with why
    assert "5 statements of ex03_weight_gradients.ipynb raised and were skipped" in result.message
    assert "imports of google.colab and h5py (the first at line 2 of code cell 1 of ex03_weight_gradients.ipynb), " \
           "modules missing where your code is checked" in result.message
    assert "; 2 statements that used names not set when they ran (drive and dW); line 1 of code cell 4 of " \
           "ex03_weight_gradients.ipynb raised NameError: name 'weight_gradients_test_case' is not defined" \
        in result.message


def test_a_pip_install_line_in_a_longer_cell_stops_that_cell_as_in_a_kernel(tmp_path):
    """IPython runs `pip install x` as %pip only in a cell of that one line; in a longer cell it is a
    SyntaxError and nothing of the cell runs, its imports neither, as the learner's kernel shows."""
    code = solution(EX03).split("# %%")
    functions = next(part for part in code if "def weight_gradients" in part).split("\n", 1)[1]
    nb = json.dumps(colab_notebook(["pip install numpy\nimport numpy as np", functions]))
    (tmp_path / f"{EX03}.ipynb").write_text(nb, encoding="utf-8")
    result = grade(tmp_path, EX03)[EX03]
    assert result.message.startswith(f"1 cell of {EX03}.ipynb raised and was skipped, and the rest still ran: line 1 "
                                     f"of code cell 1 of {EX03}.ipynb raised SyntaxError: invalid syntax: Jupyter runs "
                                     "`pip ...` as the magic %pip only in a cell of that one line; in a longer cell, "
                                     "write %pip."), result.message
    assert result.status == "failed" and "name 'np' is not defined" in "".join(c.message for c in result.checks)


def test_a_cell_of_one_automagic_line_is_run_as_the_kernel_ran_it(tmp_path):
    """IPython runs a cell of one line such as `pwd`, `cd data` or `timeit f(x)` as the magic of that name, its
    indented cells dedented (checked with IPython 9's run_cell); a saved notebook's were read as Python, and its passed
    report said NameError and SyntaxError of cells that had run. A name the notebook binds stays Python (`run()`)."""
    code = solution(EX03).split("# %%")
    functions = next(part for part in code if "def weight_gradients" in part).split("\n", 1)[1]
    indented = "\n".join("  " + line for line in functions.split("\n"))
    call = "weight_gradients(np.ones((2, 3)), np.ones((4, 3)))"
    cells = ["import numpy as np", indented, "pwd", "ls -la", "cd .", "\n  pip install numpy\n", f"timeit {call}",
             "load_ext autoreload", "autoreload 2",  # the extension's magic, as learners type it after loading it
             f"time dW, db = {call}", "def run():\n    global SCALE\n    SCALE = 1.0", "run()",
             "print(dW.shape, SCALE)"]
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(cells)), encoding="utf-8")
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "passed" and result.message == "", result.message


def test_a_one_line_cell_is_the_magic_unless_a_cell_run_before_it_binds_its_name(tmp_path):
    """IPython runs `time SCALE = 1.0` as %time, and `config['half'] = 0.5` as %config, unless the name is in the
    kernel's namespace when the cell runs (IPython 9.19's transform_cell after run_cell of the cells above). The
    grader took the names the whole notebook binds at a cell's left edge: the `import time` of a later cell made
    the first a SyntaxError, SCALE unset; `config` bound only inside a try block made the second the magic, half
    left 1.0; and both failed a correct function that Jupyter had run."""
    cells = ["import numpy as np", "time SCALE = 1.0",
             "try:\n    import yaml\n    config = yaml.safe_load(open('config.yaml'))\n"
             "except (ImportError, OSError):\n    config = {'half': 1.0}",
             "config['half'] = 0.5",
             "def weight_gradients(dZ, A_prev):\n    m = A_prev.shape[1]\n"
             "    return 2 * config['half'] * SCALE * dZ @ A_prev.T / m, np.sum(dZ, axis=1, keepdims=True) / m",
             "import time\nstarted = time.time()"]
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(cells)), encoding="utf-8")
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "passed" and result.message == "", result.message


def test_the_cells_above_a_one_line_cell_are_read_as_far_as_a_bound():
    """The grading process parsed every cell above a one-line cell for the names it binds: one of 2 MiB of
    `[[...]]` above a `pwd` took it 11 s and 1.4 GiB (a file, not a worker's limits), 0.2 s before; read up to
    RAN_CHARACTERS, 0.03 s. A cell too large for what is left goes unread, its `import time` with it; a smaller
    cell after it is still read."""
    huge = "import time\n" + "[[[[[[[[]]]]]]]]\n" * 7000  # 119,000 characters
    text, starts, _ = submission.cells_code("nb.ipynb", [huge, "config = {'half': 1.0}", "config['half'] = 0.5",
                                                         "time SCALE = 1.0"])
    lines = text.split("\n")
    assert [lines[start - 1] for start in starts[2:]] == ["config['half'] = 0.5", "SCALE = 1.0"]


def test_a_cell_magic_below_a_comment_is_said_to_stop_its_cell_as_in_jupyter(tmp_path):
    """IPython reads `%%time` as a cell magic on a cell's first line only; below a comment it is the line magic
    `%%time`, a UsageError that stops the cell (checked with IPython 9.19's run_cell). The grader passed the line over
    in silence, so a learner whose function Jupyter never defined was told nothing."""
    code = solution(EX03).split("# %%")
    functions = next(part for part in code if "def weight_gradients" in part).split("\n", 1)[1]
    nb = json.dumps(colab_notebook(["import numpy as np", "# how long it takes\n%%time\n" + functions]))
    (tmp_path / f"{EX03}.ipynb").write_text(nb, encoding="utf-8")
    result = grade(tmp_path, EX03)[EX03]
    assert f"line 2 of code cell 2 of {EX03}.ipynb raised UsageError: Line magic function `%%time` not found: a cell " \
           "magic works only on the first line of its cell" in result.message, result.message


def test_a_long_message_of_a_skipped_statement_is_cut_between_words(tmp_path):
    """Cut at 200 characters, "define weight_gradients in it" read "define weight."."""
    code = solution(EX03).split("# %%")
    functions = next(part for part in code if "def weight_gradients" in part).split("\n", 1)[1]
    said = "the data set is not here: " + "load it first, " * 12 + "then define weight_gradients in it"
    nb = json.dumps(colab_notebook([functions, f"raise RuntimeError({said!r})"]))
    (tmp_path / f"{EX03}.ipynb").write_text(nb, encoding="utf-8")
    result = grade(tmp_path, EX03)[EX03]
    note = result.message.split("RuntimeError: ", 1)[1]
    assert note.startswith("the data set is not here: load it first,") and note.endswith(" ...")
    assert set(note.removesuffix(" ...").split()) <= set(said.split()) and len(note) <= 200


def test_what_a_course_notebook_skips_is_told_by_cause_not_statement_by_statement(tmp_path):
    """Ng's notebooks skip 40 to 60 statements here (h5py, matplotlib, testCases and the plots and
    test cells that use them): the note listed three of them at length, then "and 55 more". A name
    that no cell sets, and no failed `import *` may have, is still told where it is. Two statements
    on one line that fail alike are counted as two."""
    cells = ["import numpy as np\nimport h5py\nimport matplotlib.pyplot as plt\nfrom testCases import *",
             solution(EX03), "plt.plot([1, 2]); plt.show()", "dZ, A_prev = weight_gradients_test_case()",
             "dW, db = weight_gradients(dZ, A_prev)\nprint(dW)"]
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(cells)), encoding="utf-8")
    message = grade(tmp_path, EX03)[EX03].message
    assert message == (
        "8 statements of ex03_weight_gradients.ipynb raised and were skipped, and the rest still ran: imports of "
        "h5py, matplotlib.pyplot and testCases (the first at line 2 of code cell 1 of ex03_weight_gradients.ipynb), "
        "modules missing where your code is checked: it runs with numpy and Python's standard library only. Your "
        "notebook may use them, but not the functions the checks call; 5 statements that used names not set when "
        "they ran (plt, weight_gradients_test_case, dZ and 1 more)."), message
    cells[0] = cells[0].replace("from testCases import *", "")
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(cells)), encoding="utf-8")
    message = grade(tmp_path, EX03)[EX03].message
    assert "; 4 statements that used names not set when they ran (plt, dZ and dW); line 1 of code cell 4 of " \
           "ex03_weight_gradients.ipynb raised NameError: name 'weight_gradients_test_case' is not defined" \
        in message, message


def test_the_courses_test_helper_beside_a_notebook_is_told_as_not_read_and_not_needed(tmp_path):
    """Ng's testCases_v4a.py sits beside the notebook, as `backprop check` finds it: its failed
    `from testCases_v4a import *` was told alone and cut at "Copy what the checks need from it into ...",
    and each test case it gives (sigmoid_test_case) as a name not defined ("Did you mean:
    'sigmoid_derivative'?"). It is told with the modules missing, as not read, its names with it."""
    (tmp_path / "testCases_v4a.py").write_text("import numpy as np\ndef sigmoid_test_case():\n    return np.ones(2)\n")
    cells = ["import numpy as np\nfrom testCases_v4a import *", solution(EX01), "z = sigmoid_test_case()\nsigmoid(z)"]
    (tmp_path / f"{EX01}.ipynb").write_text(json.dumps(colab_notebook(cells)), encoding="utf-8")
    message = grade(tmp_path, EX01)[EX01].message
    assert message == (
        f"3 statements of {EX01}.ipynb raised and were skipped, and the rest still ran: an import of testCases_v4a "
        f"(line 2 of code cell 1 of {EX01}.ipynb), a module missing where your code is checked: it runs with numpy "
        f"and Python's standard library only, and only {EX01}.ipynb is read there, not your testCases_v4a.py. Your "
        "notebook may use it, but not the functions the checks call; 2 statements that used names not set when "
        "they ran (sigmoid_test_case and z)."), message


def test_a_check_says_that_the_name_it_lacks_was_set_by_a_skipped_statement(tmp_path):
    """A learner who derives with sympy (`d_sig = sp.lambdify(...)` below `import sympy as sp`) read
    "name 'd_sig' is not defined" in each check, and scipy's expit "Did you mean: 'exit'?", though the
    file sets both: the statements that set them were skipped, which the check now says, and where."""
    cells = ["import numpy as np\nimport sympy as sp\nfrom scipy.special import expit",
             "z_ = sp.Symbol('z')\nd_sig = sp.lambdify(z_, sp.diff(1 / (1 + sp.exp(-z_)), z_))",
             "def sigmoid(z):\n    return expit(z)\n\ndef sigmoid_derivative(z):\n    return d_sig(z)"]
    (tmp_path / f"{EX01}.ipynb").write_text(json.dumps(colab_notebook(cells)), encoding="utf-8")
    failed = {r.function: r.message for r in grade(tmp_path, EX01)[EX01].checks if not r.passed}
    assert f"name 'd_sig' is not defined (line 5 of code cell 3 of {EX01}.ipynb). d_sig was to be set at line 2 of " \
           f"code cell 2 of {EX01}.ipynb, a statement that was skipped: the note above says why." \
        in failed["sigmoid_derivative"], failed
    assert f"name 'expit' is not defined (line 2 of code cell 3 of {EX01}.ipynb). expit was to be set at line 3 " \
           f"of code cell 1 of {EX01}.ipynb" in failed["sigmoid"], failed


@pytest.mark.parametrize("line", [-1, -10**18])
def test_a_skipped_statement_a_worker_puts_before_the_first_line_sets_no_name(line):
    """A patched worker may say a skipped statement was at any line: at -1, Python's index from the end,
    the check said d_sig was to be set at "line -1", the file's last; at -10**18 the index raised, and
    every check of the function read "returned a value that cannot be compared (IndexError ...)"."""
    text = "import sympy as sp\n\ndef sigmoid_derivative(z):\n    return d_sig(z)\nd_sig = sp.diff(z)\n"
    source = submission.Source(EX01, Path(f"{EX01}.ipynb"), text, cells=(1, 3),
                               cell_names=("code cell 1", "code cell 2"))
    error = CallError("NameError", "name 'd_sig' is not defined", line=4, function="sigmoid_derivative")
    skipped = [CallError("NameError", "name 'sp' is not defined", line=line, function="<module>")]
    message = judge.error_message(spec.load(EX01).functions["sigmoid_derivative"], source, error, skipped)
    assert message == f"sigmoid_derivative raised NameError: name 'd_sig' is not defined (line 2 of code cell 2 of " \
                      f"{EX01}.ipynb).", message


def test_a_top_level_await_is_a_statement_skipped_and_said_to_be_jupyters(tmp_path):
    """JupyterLite's `await micropip.install("numpy")` at a cell's top level: IPython runs it, Python's
    compile refuses it. Only that statement is skipped, the rest of its cell runs (the def beside it is
    graded), but the note counted "1 cell" and said Python's "'await' outside function" alone."""
    cells = ['import micropip\nawait micropip.install("numpy")\nimport numpy as np',
             "async def fetch():\n    return 1\n\nvalue = await fetch()\n" + solution(EX03)]
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(cells)), encoding="utf-8")
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "passed" and result.message == (
        f"3 statements of {EX03}.ipynb raised and were skipped, and the rest still ran: an import of micropip (line 1 "
        f"of code cell 1 of {EX03}.ipynb), a module missing where your code is checked: it runs with numpy and "
        "Python's standard library only. Your notebook may use it, but not the functions the checks call; 2 "
        f"statements with await outside an async def (the first at line 2 of code cell 1 of {EX03}.ipynb), which "
        "Jupyter runs and Python refuses: the checks run your code as Python."), result.message


@pytest.mark.parametrize("execution_count", [None, 1])
def test_a_notebook_saved_as_py_is_run_as_the_notebook_and_said_to_be(tmp_path, execution_count):
    """A notebook renamed .py (for an upload form that takes only .py) was run as Python: its
    JSON's `null` a NameError at line 1, or, every cell run, a dict that "defines no function"."""
    notebook = colab_notebook(["import numpy as np\nimport h5py\n", solution(EX03)])
    for c in notebook["cells"][1:]:
        c["execution_count"] = execution_count
    (tmp_path / f"{EX03}.py").write_text(json.dumps(notebook, indent=1), encoding="utf-8")
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "passed" and f"{EX03}.py holds a notebook, run as one: name it {EX03}.ipynb." in \
        result.message, result.message
    assert f"an import of h5py (line 2 of code cell 1 of {EX03}.py)" in result.message  # not a line of its JSON


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32"])
def test_a_utf16_notebook_saved_as_py_is_run_as_the_notebook(tmp_path, encoding):
    """A notebook saved as UTF-16 (a PowerShell redirect, Notepad's "Unicode") under a .py name
    was told that its .py is not UTF-8 text, as if it held Python code."""
    text = json.dumps(colab_notebook(["# R\xe9sum\xe9\n" + solution(EX03)]), indent=1, ensure_ascii=False)
    (tmp_path / f"{EX03}.py").write_bytes(text.encode(encoding))
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "passed" and f"{EX03}.py holds a notebook, run as one: name it {EX03}.ipynb." in \
        result.message, result.message


def test_a_py_runs_as_python_runs_it_and_stops_at_an_error(tmp_path):
    """A module the grader's machine lacks was said to be missing and nothing more, to a learner
    who has it: where a module it may not read (matplotlib) says where and what to do."""
    (tmp_path / f"{EX03}.py").write_text("import h5py\n" + solution(EX03))
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "error" and result.message.endswith(
        "No module named 'h5py' where your code is checked: it runs with numpy and Python's standard library only. "
        'Remove the import, or move what needs it under `if __name__ == "__main__":` (line 1 of '
        f"{EX03}.py)."), result.message


def test_a_learners_own_module_beside_the_file_is_named_as_not_read(tmp_path):
    """helpers.py written in an editor, then `from helpers import ...`: the learner saw only "No
    module named 'helpers'", with helpers.py in the folder before their eyes."""
    (tmp_path / "helpers.py").write_text("def mean_cols(x):\n    return x.mean(axis=1, keepdims=True)\n")
    cells = ["from helpers import mean_cols", solution(EX03)]
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(cells)))
    result = grade(tmp_path, EX03)[EX03]
    assert f"an import of helpers (line 1 of code cell 1 of {EX03}.ipynb), a module missing where your code is " \
           f"checked: it runs with numpy and Python's standard library only, and only {EX03}.ipynb is read there, " \
           "not your helpers.py. Your notebook may use it, but not the functions the checks call." \
        in result.message, result.message


def test_a_module_a_writefile_cell_writes_is_imported_as_in_jupyter(tmp_path):
    """`%%writefile acts.py` (Kaggle's and Colab's way to a helper module) then `import acts`:
    the cell was dropped, its module missing, and the functions that use it failed, though
    the notebook holds all of its code. Only the file handed in is in the folder."""
    helper = "import numpy as np\nimport matplotlib.pyplot as plt\n\ndef col_sum(x):\n    return np.sum(x, axis=1, keepdims=True)\n"
    body = solution(EX03).replace("np.sum(dZ, axis=1, keepdims=True)", "acts.col_sum(dZ)")
    assert "acts.col_sum(dZ)" in body
    cells = ["%%writefile acts.py\n" + helper, "%%writefile -a acts.py\n\ndef unused():\n    pass\n",
             "%load_ext autoreload\n%autoreload 2\nimport acts", "%%writefile notes.txt\nnot Python", body]
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(cells)))
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "passed" and result.message == "", result.message


@pytest.mark.parametrize("path, appended, imported", [
    ("helpers.py", "--append helpers.py", "from helpers import col_sum, row_count"),
    ("'helpers.py'", "-a 'helpers.py'", "from helpers import col_sum, row_count"),
    ("src/helpers.py", "-a src/helpers.py", "from src.helpers import col_sum, row_count"),
    ("lib/nn/helpers.py", "--append lib/nn/helpers.py", "import lib.nn.helpers as h\ncol_sum, row_count = "
                                                       "h.col_sum, h.row_count"),
    ("src/helpers.py", "-a src/helpers.py", "import sys\nsys.path.append('src')\n"
                                            "from helpers import col_sum, row_count"),
    ("/content/helpers.py", "-a /content/helpers.py", "from helpers import col_sum, row_count"),  # Colab's folder
])
def test_a_module_written_in_a_folder_or_appended_to_is_imported_as_in_jupyter(tmp_path, path, appended, imported):
    """`%%writefile --append`, a quoted name and a folder's module (src/helpers.py, then
    `from src.helpers import`) dropped the cell: the import failed, and the functions using it."""
    body = solution(EX03).replace("np.sum(dZ, axis=1, keepdims=True)", "col_sum(dZ) * row_count(dZ) / dZ.shape[0]")
    helper = "import numpy as np\n\ndef col_sum(x):\n    return np.sum(x, axis=1, keepdims=True)\n"
    cells = [f"%%writefile {path}\n{helper}",
             f"%%writefile {appended}\n\ndef row_count(x):\n    return x.shape[0]\n", imported, body]
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(cells)))
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "passed" and result.message == "", result.message


@pytest.mark.parametrize("raised", [99, 100, 130])
def test_a_load_that_skipped_more_statements_than_are_listed_says_at_least(tmp_path, raised):
    """The worker lists the first 100 statements a load skipped: 130 that raised were told as "100 statements"."""
    cells = [solution(EX03), *(f"undefined_{n}()" for n in range(raised))]
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(cells)))
    result = grade(tmp_path, EX03)[EX03]
    said, more = ("at least 100", "and at least 97 more.") if raised >= 100 else (f"{raised}", "and 96 more.")
    assert result.message.startswith(f"{said} statements of {EX03}.ipynb raised and were skipped"), result.message
    assert result.message.endswith(more), result.message


@pytest.mark.parametrize("order", ["init first", "helpers first"])
def test_a_packages_init_written_by_a_cell_is_the_packages_code(tmp_path, order):
    """`%%writefile pkg/__init__.py` then `from pkg import col_sum`, as Kaggle learners make a package of their
    helpers: the worker ran the cell as a module named __init__, and the import of pkg's name failed."""
    body = solution(EX03).replace("np.sum(dZ, axis=1, keepdims=True)", "col_sum(dZ) * pkg.helpers.ONE")
    init = ("%%writefile pkg/__init__.py\nimport numpy as np\n\n"
            "def col_sum(x):\n    return np.sum(x, axis=1, keepdims=True)\n")
    helpers = "%%writefile pkg/helpers.py\nONE = 1\n"
    written = [init, helpers] if order == "init first" else [helpers, init]
    cells = [*written, "import pkg\nimport pkg.helpers\nfrom pkg import col_sum", body]
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(cells)))
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "passed" and result.message == "", result.message


@pytest.mark.parametrize("used", ["%run a/helpers.py", "%run -i ./a/helpers.py"])
def test_two_folders_files_of_one_name_are_two_files(tmp_path, used):
    """`%%writefile a/helpers.py`, then `%%writefile b/helpers.py`: the worker kept one text for both, b's, which
    `%run a/helpers.py` ran."""
    body = solution(EX03).replace("np.sum(dZ, axis=1, keepdims=True)", "col_sum(dZ)")
    helper = "import numpy as np\n\ndef col_sum(x):\n    return np.sum(x, axis=1, keepdims=True)\n"
    cells = [f"%%writefile a/helpers.py\n{helper}", "%%writefile b/helpers.py\ndef col_sum(x):\n    return 0\n",
             used, body]
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(cells)))
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "passed" and result.message == "", result.message


def test_a_writefile_modules_spec_is_found(tmp_path):
    """importlib.util.find_spec("helpers") of a %%writefile module, as a notebook asks before importing it, raised
    "helpers.__spec__ is None"."""
    cells = ["%%writefile helpers.py\nVALUE = 1\n", "import importlib.util\nassert importlib.util.find_spec('helpers')",
             solution(EX03)]
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(cells)))
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "passed" and result.message == "", result.message


@pytest.mark.parametrize("cells", [
    ["%%writefile a/helpers.py\nVALUE = 1\n", "%%writefile b/helpers.py\nVALUE = 2\n",
     "import importlib\nimport a.helpers\nimportlib.reload(a.helpers)\nassert a.helpers.VALUE == 1"],
    ["%%writefile src/x.py\nVALUE = 1\n", "import importlib.util\nimport src\nassert importlib.util.find_spec('src')"]])
def test_a_writefile_module_in_a_folder_is_reloaded_and_its_package_found(tmp_path, cells):
    """importlib.reload(a.helpers) after b/helpers.py was written raised "module helpers not in sys.modules" (b's
    was helpers); importlib.util.find_spec("src") of src/x.py's package raised "src.__spec__ is None"."""
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook([*cells, solution(EX03)])))
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "passed" and result.message == "", result.message


def test_a_module_one_notebook_writes_is_not_the_next_notebooks(tmp_path):
    """ex03's `%%writefile src/mine.py`, then ex04's `import mine` and `from src import mine`: ex04's notebook found
    ex03's module when both were graded in one worker, and not when checked alone."""
    cells = [solution(EX03), "%%writefile src/mine.py\nVALUE = 1"]
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(cells)))
    cells = [solution("ex04_hidden_delta"), "import mine", "from src import mine"]
    (tmp_path / "ex04_hidden_delta.ipynb").write_text(json.dumps(colab_notebook(cells)))
    result = grade(tmp_path, EX03, "ex04_hidden_delta")["ex04_hidden_delta"]
    assert result.message.startswith("2 statements of ex04_hidden_delta.ipynb raised") and "imports of mine and src" \
        in result.message, result.message


def test_a_module_written_again_and_reloaded_is_the_one_the_notebook_imported(tmp_path):
    """A helper fixed in its %%writefile cell, run again, then `importlib.reload(helpers)`, as Jupyter needs: the
    worker made a new module of it, leaving the notebook's `helpers` the wrong one, and reload said "module helpers
    not in sys.modules" (or, after `import helpers` again, "spec not found"): check() failed what the kernel ran."""
    wrong = ("%%writefile helpers.py\nimport numpy as np\n\n"
             "def col_sum(x):\n    return np.sum(x, axis=0, keepdims=True)\n")
    body = solution(EX03).replace("np.sum(dZ, axis=1, keepdims=True)", "helpers.col_sum(dZ)")
    for reload in ("importlib.reload(helpers)", "import helpers\nimportlib.reload(helpers)"):
        cells = [wrong, "import importlib\nimport helpers", body, wrong.replace("axis=0", "axis=1"), reload]
        (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(cells)))
        result = grade(tmp_path, EX03)[EX03]
        assert result.status == "passed" and result.message == "", result.message


def test_a_module_written_in_a_folder_is_found_again_once_dropped_from_sys_modules(tmp_path):
    """`%%writefile src/helpers.py`, then the notebook's way to import it afresh (every `src` module dropped from
    sys.modules, `import src.helpers`) and importlib.reload(src): the worker's finder knew helpers alone, and said
    "No module named 'src'". The module it made so, or reloaded, is not the next notebook's either."""
    helper = "%%writefile src/helpers.py\ndef col_sum(x):\n    return x.sum(axis=1, keepdims=True)\n"
    body = solution(EX03).replace("np.sum(dZ, axis=1, keepdims=True)", "src.helpers.col_sum(dZ)")
    fresh = "import importlib, sys\nfor m in [m for m in sys.modules if m.startswith('src')]:\n    del sys.modules[m]"
    cells = [helper, fresh + "\nimport src.helpers\nimportlib.reload(src)\nimportlib.reload(src.helpers)", body]
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(cells)))
    (tmp_path / "ex04_hidden_delta.ipynb").write_text(json.dumps(colab_notebook([solution("ex04_hidden_delta"),
                                                                                 "import src.helpers"])))
    results = grade(tmp_path, EX03, "ex04_hidden_delta")
    assert results[EX03].status == "passed" and results[EX03].message == "", results[EX03].message
    assert "an import of src.helpers" in results["ex04_hidden_delta"].message, results["ex04_hidden_delta"].message


def test_a_writefile_module_that_floods_is_stopped_as_a_cell_that_floods(tmp_path):
    """A %%writefile module that prints past the output limit, or loops, when its cell runs it: the worker raised its
    stop again as a class of that name, told as "OutputLimit (your code's exception)", and a full output file went
    unseen, so the next file of the same load failed its first print: ex03.py, printing 12 bytes, was an error."""
    EX02 = "ex02_output_delta"
    for flood, said in (("print('x' * 9_000_000)", "printed more than the 8 MiB a submission may print"),
                        ("while True:\n    pass", "took longer than 5 s and was stopped")):
        cells = [solution(EX02), f"%%writefile helpers.py\n{flood}\n"]
        (tmp_path / f"{EX02}.ipynb").write_text(json.dumps(colab_notebook(cells)))
        (tmp_path / f"{EX03}.py").write_text("print('loading ex03')\n" + solution(EX03))
        result = grade(tmp_path, EX02, EX03)
        assert result[EX03].status == "passed", result[EX03].message
        message = result[EX02].message
        assert f"line 1 of code cell 2 of {EX02}.ipynb {said}" in message and "your code's exception" not in message, \
            message


def test_a_writefile_module_with_two_loops_is_stopped_as_a_cell_with_two_loops(tmp_path):
    """The statement that runs a %%writefile module is stopped at its time, as a training loop is: the module's own
    statements took that stop for one of theirs and ran the next, a second loop, with no time left to stop it, so
    the notebook's load did not return and its functions, defined below, went ungraded."""
    cells = ["%%writefile helpers.py\nwhile True:\n    pass\nwhile True:\n    pass\n", solution(EX03)]
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(cells)))
    result = conftest.grade(tmp_path, [catalog.BY_ID[EX03]], limits={"call_timeout": 2.0}).exercises[0]
    assert result.status == "passed", result.message
    assert f"line 1 of code cell 1 of {EX03}.ipynb took longer than 1 s and was stopped" in result.message


def test_a_store_r_of_a_name_no_cell_sets_is_said_to_read_ipythons_database(tmp_path):
    """`%store -r SCALE` (after a restart, or in another notebook than the `%store SCALE`) was passed over unsaid: the
    function reading SCALE failed on a bare NameError, in a kernel that holds SCALE. Where a cell above sets it, as
    Run All of the notebook that stored it does, the line is still passed over, unsaid."""
    body = solution(EX03).replace("A_prev.shape[1]", "A_prev.shape[1] * SCALE")
    for cells, said in ((["%store -r SCALE", body], True),
                        (["SCALE = 1.0\n%store SCALE", body, "%store -r SCALE"], False)):
        (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(cells)))
        result = grade(tmp_path, EX03)[EX03]
        assert (result.status, result.message) == ("passed", "") if not said else \
            "line 1 of code cell 1 of ex03_weight_gradients.ipynb raised UsageError: %store -r restores SCALE from " \
            "IPython's database on your computer, which is not where your code is checked: set it in a cell of the " \
            "notebook" in result.message, result.message


def test_a_notebook_that_writes_its_exercises_py_is_graded_on_that_code(tmp_path):
    """`%%writefile ex03_weight_gradients.py` over the answer, to hand in a .py, then `%run` of
    it: the module it wrote took the notebook's own name, and the notebook defined nothing."""
    cells = [f"%%writefile {EX03}.py\n" + solution(EX03), f"%run {EX03}.py\nweight_gradients"]
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(cells)))
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "passed" and result.message == "", result.message


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="Python 3.12 reads these f-strings")
@pytest.mark.parametrize("line", ['print(f"dW: {grads["dW"].shape}")', "print(f\"{'\\n'.join(['a', 'b'])}\")"])
def test_an_f_string_of_python_3_12_is_said_to_need_it(tmp_path, line):
    """Colab runs Python 3.12, whose f-strings may hold their own quotes and backslashes: a
    learner's print of that kind there made the cell a SyntaxError here, told as only
    "f-string: unmatched '['", with every function of the cell missing."""
    cells = [solution(EX03) + "\n\ngrads = {'dW': np.ones(2)}\n" + line]
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(cells)))
    message = grade(tmp_path, EX03)[EX03].message
    assert f"f-string {{...}} may hold its own quotes and backslashes from Python 3.12 on; the checks run Python " \
           f"{sys.version_info[0]}.{sys.version_info[1]}: use the other quotes" in message, message


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="Python 3.12 reads these statements")
@pytest.mark.parametrize("line", ["type FloatArray = npt.NDArray[np.float64]",
                                  "def first[T](items: list[T]) -> T:\n    return items[0]"])
@pytest.mark.parametrize("suffix", [".py", ".ipynb"])
def test_python_3_12_type_statements_are_said_to_need_it(tmp_path, line, suffix):
    """An assistant's `type FloatArray = ...` alias, or a generic `def first[T](...)`, read on
    Colab's Python 3.12, was told here as "SyntaxError: invalid syntax" alone, every function lost."""
    text = "import numpy.typing as npt\n" + solution(EX03) + "\n\n" + line + "\n"
    if suffix == ".py":
        (tmp_path / f"{EX03}.py").write_text(text)
    else:
        (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook([text])))
    message = grade(tmp_path, EX03)[EX03].message
    assert f": `type X = ...` and generics such as `def f[T](...)` are Python 3.12's; the checks run " \
           f"Python {sys.version_info[0]}.{sys.version_info[1]}: write `X = ...`, and `def f(...)`" in message, message


@pytest.mark.parametrize("name, run, imports", [
    ("test", "%run test.py", "import numpy as np\n"),  # test: the name of a package of Python's own
    ("test", "%run -i test.py", ""),  # in the notebook's namespace: its np
    ("helpers", "%run -i ./helpers.py", ""),
    ("helpers", "%run helpers.py", "import numpy as np\n"),
    ("src/helpers", "%run src/helpers.py", "import numpy as np\n"),  # a folder's: dropped as any magic was
])
def test_a_file_a_writefile_cell_writes_then_runs_gives_its_functions_as_in_jupyter(tmp_path, name, run, imports):
    """`%%writefile test.py` over the answer, then `%run test.py`: the run was told that there is no
    module test, and `%run -i` could not see the notebook's names, so weight_gradients was missing or
    failed, though Jupyter runs it."""
    code = imports + MISTAKE.replace("A_prev @ dZ.T", "dZ @ A_prev.T")
    cells = ["import numpy as np", f"%%writefile {name}.py\n{code}", f"{run}\nprint(weight_gradients)"]
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(cells)))
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "passed" and result.message == "", result.message


@pytest.mark.parametrize("run, module", [
    ("%run helpers.ipynb", "helpers.ipynb"), ("%run -i ./helpers.ipynb", "helpers.ipynb"),
    ("get_ipython().run_line_magic('run', 'helpers.ipynb')", "helpers.ipynb"),
    ("from ipynb.fs.full.helpers import *", "ipynb.fs.full.helpers")])  # the ipynb package's import of a notebook
def test_a_run_of_a_notebook_is_said_not_to_have_run(tmp_path, run, module):
    """`%run helpers.ipynb`, which Jupyter runs as it runs helpers.py, became `pass` unsaid: a def the
    learner's function called from it was told only as not defined, the helpers notebook never named."""
    code = solution(EX03).replace("m = A_prev.shape[1]", "m = examples(A_prev)")
    assert code != solution(EX03)
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(["import numpy as np", run, code])))
    (tmp_path / "helpers.ipynb").write_text(json.dumps(colab_notebook(["def examples(A):\n    return A.shape[1]"])))
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "failed" and f"an import of {module} (line 1 of code cell 2 of " in result.message \
        and f"only {EX03}.ipynb is read there, not your helpers.ipynb." in result.message, result.message


def test_a_run_of_a_notebook_named_as_a_module_of_python_imports_nothing(tmp_path):
    """`%run this.ipynb` became `from this.ipynb import *`, which imports Python's module this first: its poem
    printed in the learner's output, though Jupyter runs this.ipynb, and only that."""
    cells = ["import numpy as np", "%run this.ipynb", solution(EX03)]
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(cells)))
    graded = conftest.grade(tmp_path, [catalog.BY_ID[EX03]])
    result = graded.exercises[0]
    assert result.status == "passed" and "an import of this.ipynb" in result.message, result.message
    assert "Beautiful is better than ugly" not in graded.printed, graded.printed


def test_a_run_runs_the_file_as_written_at_that_point(tmp_path):
    """IPython runs the file when %run says so, with the notebook's names of that moment (-i); a later
    %%writefile changes what a later %run gives, not what an earlier one gave."""
    right = "def weight_gradients(dZ, A_prev):\n    return dZ @ A_prev.T / m(A_prev), db(dZ, A_prev)\n"
    cells = ["import numpy as np", "%%writefile test.py\n" + right,
             "m = lambda A_prev: A_prev.shape[1]\n"
             "db = lambda dZ, A_prev: np.sum(dZ, axis=1, keepdims=True) / m(A_prev)", "%run -i test.py",
             "%%writefile test.py\n" + MISTAKE]
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(cells)))
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "passed" and result.message == "", result.message
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(cells + ["%run -i test.py"])))
    result = grade(tmp_path, EX03)[EX03]
    assert "ex03/dW-transposed" in {c.misconception for c in result.checks}, result.checks


def test_a_file_beside_the_notebook_that_it_opens_is_named_as_not_there(tmp_path):
    """exec(open("helpers.py").read()) and np.load("train.npz") were told only "No such file or
    directory", of files the learner could see in the folder."""
    (tmp_path / "helpers.py").write_text("def mean_cols(x):\n    return x.mean(axis=1, keepdims=True)\n")
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(['exec(open("helpers.py").read())',
                                                                       solution(EX03)])))
    assert f"line 1 of code cell 1 of {EX03}.ipynb raised FileNotFoundError: [Errno 2] No such file or directory: " \
           f"'helpers.py' where your code is checked: only {EX03}.ipynb is read there, not files beside it." \
           in grade(tmp_path, EX03)[EX03].message


def test_a_run_of_a_learners_own_module_is_named_as_not_read(tmp_path):
    """`%run helpers.py` was dropped as any magic: its functions were missing, and nothing said why."""
    (tmp_path / "helpers.py").write_text("def mean_cols(x):\n    return x.mean(axis=1, keepdims=True)\n")
    for run in ("%run helpers.py", "%run -i ./helpers.py"):
        (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook([run, solution(EX03)])))
        result = grade(tmp_path, EX03)[EX03]
        assert f"only {EX03}.ipynb is read there, not your helpers.py." in result.message, result.message
    # named as a module of Python's own: `from test import *` imported its regression tests, and said nothing
    (tmp_path / "test.py").write_text("def mean_cols(x):\n    return x.mean(axis=1, keepdims=True)\n")
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(["%run test.py", solution(EX03)])))
    result = grade(tmp_path, EX03)[EX03]
    assert f"only {EX03}.ipynb is read there, not your test.py." in result.message, result.message


def test_a_notebook_cell_with_a_syntax_error_is_skipped_and_named(tmp_path):
    functions = solution(EX03).split("# %%")
    body = next(part for part in functions if "def weight_gradients" in part).split("\n", 1)[1]
    cells = ["import numpy as np", "def helper(:\n    pass", body]
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(cells)))
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "passed"
    assert "line 1 of code cell 2 of ex03_weight_gradients.ipynb raised SyntaxError" in result.message


def test_a_notebook_of_many_small_cells_loads_in_time(tmp_path):
    """The worker parsed each cell padded with a newline for every line above it, to number its lines:
    quadratic in the cells. 20,000 one-line cells took 10 s to check (1.3 s now); 60,000 ran past the
    load's 10 s and the notebook was "could not be loaded", its functions ungraded."""
    cells = ["import numpy as np"] + ["x = 1"] * 60_000 + [solution(EX03), "1 / 0"]
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(cells)))
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "passed", result.message
    assert "line 1 of code cell 60003 of ex03_weight_gradients.ipynb raised ZeroDivisionError" in result.message


@pytest.mark.parametrize("as_py", [False, True])
def test_a_cell_is_numbered_among_all_the_code_cells_a_learner_sees(tmp_path, as_py):
    """A %%bash or %%html cell that is not run, or the self-check cell, was left out of the count: the
    learner was sent to "code cell 2" for the third code cell of the notebook in front of them."""
    cells = ["%%bash\npip install numpy", "%%html\n<b>notes</b>", "import numpy as np\nx = 1 / 0", solution(EX03)]
    (tmp_path / f"{EX03}{'.py' if as_py else '.ipynb'}").write_text(json.dumps(colab_notebook(cells)))
    result = grade(tmp_path, EX03)[EX03]
    assert f"line 2 of code cell 3 of {EX03}{'.py' if as_py else '.ipynb'} raised ZeroDivisionError" \
        in result.message, \
        result.message


def test_a_function_in_a_cell_that_does_not_parse_is_said_to_be_written_but_not_run(tmp_path):
    """A typo, or Python 2's print, in the cell of the def: the check said the notebook defines
    no weight_gradients, which the learner can see it does."""
    body = "def weight_gradients(dZ, A_prev):\n    return dZ @ A_prev.T, dZ.sum(axis=1, keepdims=True)\n\nprint dZ\n"
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(["import numpy as np", body])))
    result = grade(tmp_path, EX03)[EX03]
    assert "line 4 of code cell 2 of ex03_weight_gradients.ipynb raised SyntaxError" in result.message
    assert result.checks[0].message.endswith("weight_gradients is written at line 1 of code cell 2 of " \
        "ex03_weight_gradients.ipynb, but it did not run: the note above names what was skipped.")


def test_a_function_in_a_markdown_cell_is_said_to_be_there_and_not_run(tmp_path):
    """A cell turned markdown by a stray key: "defines no function weight_gradients", which the
    learner could see it did; a fenced example beside the code cell's def is said nothing of."""
    fenced = {"cell_type": "markdown", "metadata": {}, "source": "```python\ndef sigmoid(z):\n    pass\n```"}
    markdown = {"cell_type": "markdown", "metadata": {}, "source": solution(EX03).split("def weight_gradients", 1)[1]}
    markdown["source"] = "def weight_gradients" + markdown["source"]
    nb = colab_notebook(["import numpy as np\ndef sigmoid(z):\n    return z\n"])
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps({**nb, "cells": nb["cells"] + [fenced, markdown]}))
    assert grade(tmp_path, EX03)[EX03].message == f"{EX03}.ipynb writes weight_gradients in a markdown or raw " \
        "cell, which does not run: make it a code cell (press Y in Jupyter)."


def test_an_nbformat_3_notebook_is_read(tmp_path):
    nb = {"nbformat": 3, "nbformat_minor": 0, "metadata": {"name": ""},
          "worksheets": [{"cells": [{"cell_type": "code", "input": [solution(EX03)], "language": "python",
                                     "outputs": []}]}]}
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(nb))
    assert grade(tmp_path, EX03)[EX03].status == "passed"


NG_HELPERS = '''
from dnn_utils import sigmoid, sigmoid_backward, relu, relu_backward


def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    if activation == "sigmoid":
        A, activation_cache = sigmoid(Z)
    elif activation == "relu":
        A, activation_cache = relu(Z)
    return A, (linear_cache, activation_cache)


def linear_activation_backward(dA, cache, activation):
    linear_cache, activation_cache = cache
    if activation == "relu":
        dZ = relu_backward(dA, activation_cache)
    elif activation == "sigmoid":
        dZ = sigmoid_backward(dA, activation_cache)
    return linear_backward(dZ, linear_cache)
'''


def test_the_courses_dnn_utils_can_be_imported(tmp_path):
    (tmp_path / "ex05_l_layer.py").write_text(solution("ex05_l_layer") + NG_HELPERS)
    result = grade(tmp_path, "ex05_l_layer")["ex05_l_layer"]
    assert result.status == "passed", [c.message for c in result.checks if not c.passed]


def test_a_function_left_to_the_courses_module_is_said_to_be_not_graded(tmp_path):
    """`from dnn_app_utils_v3 import *`, whose L_model_forward Ng's Application notebook runs, and no def of it: the
    learner was told only that the file defines no function L_model_forward."""
    code = re.sub(r"^def L_model_forward\(.*?(?=^\S)", "", solution("ex05_l_layer"), flags=re.S | re.M)
    (tmp_path / "ex05_l_layer.py").write_text("from dnn_app_utils_v3 import *\n" + code)
    failed = "\n".join(c.message for c in grade(tmp_path, "ex05_l_layer")["ex05_l_layer"].checks if not c.passed)
    assert "ex05_l_layer.py defines no function L_model_forward. The L_model_forward that `from dnn_app_utils_v3 " \
           "import *` may give in your course's notebook is the course's, which is not graded: write your own def " \
           "of it." in failed, failed


def test_the_courses_star_import_is_searched_once_a_submission_not_at_each_check(tmp_path):
    """Each check of a missing function searched the whole file again for `from dnn_utils import *`: 8 ms a check
    over 2 MiB, 30 checks of ex05's a quarter of its grading."""
    import cProfile
    import pstats

    (tmp_path / "ex05_l_layer.py").write_text("from dnn_utils import *\n" + "x = 1\n" * 1000)
    source, exercise = submission.read(tmp_path, ["ex05_l_layer"])["ex05_l_layer"], spec.load("ex05_l_layer")
    missing = CallError("MissingFunction", "ex05_l_layer.py has no function 'L_model_forward' of its own")
    profile = cProfile.Profile()
    said = profile.runcall(lambda: [judge.error_message(f, source, missing) for f in exercise.functions.values()
                                    for _ in range(3)])
    assert all("`from dnn_utils import *` may give in your course's notebook" in m for m in said), said
    searched = sum(n for (_, _, name), (n, *_) in pstats.Stats(profile).stats.items()
                   if name == "<method 'search' of 're.Pattern' objects>")
    assert searched <= 1 < len(said), (searched, len(said))


@pytest.mark.parametrize("module", ["dnn_utils", "reg_utils", "planar_utils"])
def test_a_function_the_courses_module_gives_is_not_graded_as_the_learners(tmp_path, module):
    """`from dnn_utils import *` and no def of sigmoid: the course's sigmoid, which returns (A, Z), was graded, and
    the learner told that theirs "is a tuple of length 2". Ng's reg_utils and planar_utils were not named."""
    code = re.sub(r"^def sigmoid\(.*?(?=^\S)", "", solution("ex01_sigmoid_derivative"), flags=re.S | re.M)
    assert "def sigmoid(" not in code and "def sigmoid_derivative(" in code
    (tmp_path / "ex01_sigmoid_derivative.py").write_text(f"from {module} import *\n" + code)
    checks = grade(tmp_path, "ex01_sigmoid_derivative")["ex01_sigmoid_derivative"].checks
    said = [c.message for c in checks if c.function == "sigmoid"]
    assert said and all(not c.passed for c in checks if c.function == "sigmoid"), said
    assert all(m.endswith(f"ex01_sigmoid_derivative.py defines no function sigmoid. The sigmoid that `from {module} "
                          "import *` may give in your course's notebook is the course's, which is not graded: write "
                          "your own def of it.") for m in said), said


def test_a_courses_module_written_over_by_writefile_is_graded_as_the_learners(tmp_path):
    """`import dnn_utils`, then `%%writefile dnn_utils.py` of the learner's own sigmoid, which runs in the bound
    module as in Jupyter: the module's course mark stayed, and the learner's right sigmoid was not graded."""
    code = re.sub(r"^def sigmoid\(.*?(?=^\S)", "", solution("ex01_sigmoid_derivative"), flags=re.S | re.M)
    cells = ["import numpy as np\nimport dnn_utils",
             "%%writefile dnn_utils.py\nimport numpy as np\n\ndef sigmoid(z):\n    return 1 / (1 + np.exp(-z))\n",
             "from dnn_utils import sigmoid", code]
    (tmp_path / "ex01_sigmoid_derivative.ipynb").write_text(json.dumps(colab_notebook(cells)))
    result = grade(tmp_path, "ex01_sigmoid_derivative")["ex01_sigmoid_derivative"]
    assert result.status == "passed", [c.message for c in result.checks if not c.passed]


def test_the_regularization_notebooks_reg_utils_can_be_imported(tmp_path):
    """Ng's "Regularization" notebook imports sigmoid, relu and compute_cost from its reg_utils,
    with its data and plots: kept whole, it lost the functions that call them (NameError)."""
    code = re.sub(r"^def (sigmoid|relu|compute_cost)\(.*?(?=^\S)", "", solution("ex09_regularization"),
                  flags=re.S | re.M)
    assert "def relu(" not in code and "def compute_cost_with_regularization(" in code
    (tmp_path / "ex09_regularization.py").write_text(
        "from reg_utils import sigmoid, relu, plot_decision_boundary, load_2D_dataset, compute_cost\n" + code)
    result = grade(tmp_path, "ex09_regularization")["ex09_regularization"]
    assert result.status == "passed", [c.message for c in result.checks if not c.passed]


# ------------------------------------------------------------------------- not read

def test_a_link_to_a_classmates_file_is_not_read(tmp_path):
    (tmp_path / "bob").mkdir()
    (tmp_path / "bob" / f"{EX03}.py").write_text(solution(EX03))
    (tmp_path / "ada").mkdir()
    (tmp_path / "ada" / f"{EX03}.py").symlink_to(tmp_path / "bob" / f"{EX03}.py")
    (tmp_path / "ada" / "ex02_output_delta.ipynb").symlink_to("/etc/passwd")
    (tmp_path / "ada" / "ex01_sigmoid_derivative.py").write_text(solution("ex01_sigmoid_derivative"))
    result = grade(tmp_path / "ada", EX03, "ex02_output_delta", "ex01_sigmoid_derivative")
    for exercise_id, name in ((EX03, f"{EX03}.py"), ("ex02_output_delta", "ex02_output_delta.ipynb")):
        assert result[exercise_id].status == "error" and result[exercise_id].score == 0
        assert f"{name} is a symbolic link" in result[exercise_id].message
    assert result["ex01_sigmoid_derivative"].status == "passed"  # the rest is graded


def test_a_fifo_is_refused_without_blocking(tmp_path):
    os.mkfifo(tmp_path / f"{EX03}.py")  # opening it for reading would wait for a writer
    start = time.monotonic()
    result = grade(tmp_path, EX03)[EX03]
    assert time.monotonic() - start < 30
    assert result.status == "error" and "is not a regular file" in result.message


def test_a_file_over_the_size_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(submission, "MAX_FILE_BYTES", 1000)
    (tmp_path / f"{EX03}.py").write_text(solution(EX03))
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "error" and result.message == f"{EX03}.py is larger than 0 MiB, the most a file may be"
    (tmp_path / f"{EX03}.py").rename(tmp_path / f"{EX03}.ipynb")  # a notebook's plots and logs: what to do
    assert grade(tmp_path, EX03)[EX03].message.endswith(": its outputs make it so; clear them (Edit > Clear Outputs "
                                                        "of All Cells) and save")


def test_a_submission_folder_that_is_a_link_is_not_read(tmp_path):
    """In a class folder, a learner's folder linking to a classmate's earns nothing; the
    class folder itself, named by the instructor, may be reached through a link."""
    classes = tmp_path / "classes"
    (classes / "bob").mkdir(parents=True)
    (classes / "bob" / f"{EX03}.py").write_text(solution(EX03))
    (classes / "ada").symlink_to(classes / "bob")
    (classes / "cy").symlink_to("/home/cy/backprop-work")  # an archive's link, to nowhere here: cy had no row
    (classes / "dee").symlink_to("dee")  # a loop: resolving it for the saved results' key stopped the batch
    (tmp_path / "this-term").symlink_to(classes)
    done = backprop("grade", tmp_path / "this-term", "--json", tmp_path / "r.json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    results = {s["submission"]: s for s in json.loads((tmp_path / "r.json").read_text())["submissions"]}
    assert results["bob"]["score"] == 15
    assert results["ada"]["score"] == 0
    for name in ("ada", "cy", "dee"):
        assert all(e["status"] == "error" and f"{name} is a symbolic link" in e["message"]
                   for e in results[name]["exercises"])


@pytest.mark.parametrize("name", ["output.txt", "report.json"])
def test_nothing_read_is_followed_out_of_the_folder(tmp_path, name):
    """Only the exercises' own names are read: other files, links included, are left alone."""
    (tmp_path / name).symlink_to("/proc/self/environ")
    (tmp_path / f"{EX03}.py").write_text(solution(EX03))
    assert grade(tmp_path, EX03)[EX03].status == "passed"


@pytest.mark.parametrize("names, status", [
    (["ex03_weight_gradients (1).py"], "passed"),  # a browser's second download
    (["EX03_Weight_Gradients.PY"], "passed"),
    (["ex03_weight_gradients copy.ipynb"], "passed"),
    (["ex03_weight_gradients.py.txt"], "passed"),  # a browser's "Save as", a hidden extension
    (["Copy of ex03_weight_gradients.ipynb"], "passed"),  # Colab's "Save a copy in Drive"
    (["ex03_weight_gradients - Copy (2).py"], "passed"),  # Windows Explorer's copy
    (["ex03_weight_gradients.ipynb.txt"], "passed"),
    (["ex03_weight_gradients-Copy1.ipynb"], "passed"),  # Jupyter's File > Duplicate
    (["ex03_weight_gradients (copy).ipynb"], "passed"),  # GNOME Files' copy and paste
    (["ex03_weight_gradients-checkpoint.ipynb"], "passed"),  # Jupyter's last checkpoint, out of .ipynb_checkpoints/
    (["ex03_weight_gradients (another copy).py"], "passed"),
    (["ex03_weight_gradients (1).py", "ex03_weight_gradients-2.py"], "error"),
])
def test_a_file_named_like_the_exercises_is_graded_and_said_to_be(tmp_path, names, status):
    for name in names:
        if ".ipynb" in name:
            (tmp_path / name).write_text(json.dumps(colab_notebook([solution(EX03)])), encoding="utf-8")
        else:
            (tmp_path / name).write_text(solution(EX03), encoding="utf-8")
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == status
    if status == "passed":
        assert result.message == f"{names[0]} was graded as {EX03}: name it {EX03}.py or {EX03}.ipynb."
    else:
        assert result.message.startswith(f"no {EX03}.py or {EX03}.ipynb here, and 2 files named like them")


def test_a_copy_beside_the_exercises_file_is_named_and_graded_in_place_of_a_stub(tmp_path):
    """A second download (ex03 (1).py) beside the exercise's own file, as an LMS keeps both: the
    report names it, and grades it when the exercise's file is still the stub."""
    stub = (ROOT / "exercises" / f"{EX03}.py").read_text(encoding="utf-8")
    (tmp_path / f"{EX03}.py").write_text(stub, encoding="utf-8")
    (tmp_path / f"{EX03} (1).py").write_text(solution(EX03), encoding="utf-8")
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "passed" and result.message.startswith(f"{EX03} (1).py was graded: {EX03}.py is")
    (tmp_path / f"{EX03}.py").write_text(solution(EX03), encoding="utf-8")
    (tmp_path / f"{EX03} (1).py").write_text(stub, encoding="utf-8")
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "passed" and result.message == f"{EX03} (1).py is here too, not graded."


@pytest.mark.parametrize("newest, status", [("(2)", "passed"), ("(1)", "failed")])
def test_of_two_downloads_beside_a_stub_the_newest_worked_in_is_graded_and_named(tmp_path, newest, status):
    """A browser's two downloads of the notebook beside the stub: the stub was graded, failing,
    and both copies named as not graded. The copy last saved is the learner's latest work."""
    stub = (ROOT / "exercises" / f"{EX03}.py").read_text(encoding="utf-8")
    (tmp_path / f"{EX03}.py").write_text(stub, encoding="utf-8")
    mistaken = "import numpy as np\n\n" + MISTAKE
    for tag, code in (("(1)", mistaken), ("(2)", solution(EX03)), ("(3)", "x = 1\n" + stub)):  # (3): a stub
        (tmp_path / f"{EX03} {tag}.ipynb").write_text(json.dumps(colab_notebook([code])), encoding="utf-8")
    for tag, age in ((newest, 0), ("(1)" if newest == "(2)" else "(2)", 100), ("(3)", -100)):  # (3) newest of all
        os.utime(tmp_path / f"{EX03} {tag}.ipynb", (1e9 - age, 1e9 - age))
    result = grade(tmp_path, EX03)[EX03]
    other = "(1)" if newest == "(2)" else "(2)"
    assert result.status == status, result.message
    assert result.message == (f"{EX03} {newest}.ipynb was graded: {EX03}.py is still a stub (it raises "
                              "NotImplementedError), and it is the newest of the copies that are not. "
                              f"{EX03} {other}.ipynb, {EX03} (3).ipynb are here too, not graded.")


def test_a_notebook_cell_with_mixed_indentation_is_named_by_its_own_line(tmp_path):
    text = solution(EX03).replace("    m = ", "\tm = ", 1)  # a tab among spaces: a TabError
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(["x = 1\n", text])), encoding="utf-8")
    note = grade(tmp_path, EX03)[EX03].message
    assert "code cell 2 of ex03_weight_gradients.ipynb raised TabError: inconsistent use of tabs and spaces in " \
           "indentation." in note
    assert ", line " not in note  # Python's own line of the text run, which is not the learner's


def test_a_character_pasted_from_a_pdf_is_said_to_be_one(tmp_path):
    """A non-breaking space looks like a space: "invalid non-printable character U+00A0" alone
    left the learner looking at a line that seemed right."""
    (tmp_path / f"{EX03}.py").write_text(solution(EX03).replace("dW = (", "dW =\u00a0(", 1), encoding="utf-8")
    assert "SyntaxError: invalid non-printable character U+00A0, pasted from a PDF or a web page perhaps: it looks " \
           "like a space, a quote or a minus sign, but is not one to Python" in grade(tmp_path, EX03)[EX03].message


@pytest.mark.parametrize("typed, said", [("axis=1\uff0c", "the full-width form of ,"),
                                         ("axis=1,\u3000", "the full-width form of a space"),
                                         ("axis=\u201c1\u201d", 'the curly form of "')])
def test_a_full_width_character_is_said_to_come_from_an_input_method(tmp_path, typed, said):
    """A Chinese input method types （ ， ： and U+3000 for ( , : and a space, and “ ” for ", in a file that holds its
    writing: "pasted from a PDF ... type it again" told a learner who typed it to type the same character again."""
    text = "# 反向传播\n" + solution(EX03).replace("axis=1,", typed, 1)
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook([text])), encoding="utf-8")
    note = grade(tmp_path, EX03)[EX03].message
    assert f"{said}, which an input method for Chinese, Japanese or Korean types. Switch it to half-width " \
           "(English) mode" in note and "PDF" not in note, note


def test_a_windows_path_in_a_plain_string_is_told_to_be_written_raw_or_with_slashes(tmp_path):
    """open("C:\\Users\\me\\train.csv"): Python's "truncated \\UXXXXXXXX escape" said nothing of the path, and a
    skipped cell's note cut the message off at 200 characters before any advice."""
    path = 'data = open("C:\\Users\\me\\Downloads\\train.csv")\n'
    (tmp_path / f"{EX03}.py").write_text(path + solution(EX03), encoding="utf-8")
    said = ('SyntaxError: (unicode error) a backslash in a string starts an escape, as \\U does in "C:\\Users": '
            'write a Windows path r"C:\\..." or with forward slashes, "C:/..."')
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "error" and f"{said} (line 1 of {EX03}.py)" in result.message, result.message
    (tmp_path / f"{EX03}.py").unlink()
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook([path, solution(EX03)])), encoding="utf-8")
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "passed" and result.message.endswith(f"code cell 1 of {EX03}.ipynb raised {said}."), \
        result.message


@pytest.mark.parametrize("marker", ["<<<<<<< HEAD", "=======", ">>>>>>> 3f2a1c9 (Week 2 updates)"])
def test_a_merge_conflict_s_marker_is_named_as_one(tmp_path, marker):
    """After a `git pull` of the course's updates: "invalid syntax", or of `>>>>>>> 3f2a1c9`, "invalid decimal
    literal", told nothing of the markers git left or what to do with them."""
    said = ("SyntaxError: a merge conflict's marker (<<<<<<<, =======, >>>>>>>), which git writes where your changes "
            "and those pulled differ: keep the lines you want and delete the markers")
    (tmp_path / f"{EX03}.py").write_text(f"import numpy as np\n{marker}\n" + solution(EX03), encoding="utf-8")
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "error" and f"{said} (line 2 of {EX03}.py)" in result.message, result.message
    (tmp_path / f"{EX03}.py").unlink()
    cells = [f"import numpy as np\n{marker}\n", solution(EX03)]  # as nbdime's inline merge leaves a cell
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(cells)), encoding="utf-8")
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "passed" and result.message.endswith(f"line 2 of code cell 1 of {EX03}.ipynb raised "
                                                                 f"{said}."), result.message


def test_a_chat_answer_s_markdown_fence_is_named_as_one(tmp_path):
    """A chat assistant's answer pasted whole, ```python above the code and ``` below: "invalid syntax" at
    line 1 of the cell told a newcomer nothing of the fences, which the chat window had not shown."""
    said = ("SyntaxError: a markdown fence (```), which a chat assistant's answer or a web page puts around its "
            "code: keep the code, and delete the fences and the answer's words around them")
    (tmp_path / f"{EX03}.py").write_text(solution(EX03) + "\n```\n", encoding="utf-8")
    result = grade(tmp_path, EX03)[EX03]
    last = solution(EX03).count("\n") + 2
    assert result.status == "error" and f"{said} (line {last} of {EX03}.py)" in result.message, result.message
    (tmp_path / f"{EX03}.py").unlink()
    cells = ["import numpy as np", "```python\n" + solution(EX03) + "\n```"]
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(cells)), encoding="utf-8")
    result = grade(tmp_path, EX03)[EX03]
    assert f"line 1 of code cell 2 of {EX03}.ipynb raised {said}." in result.message, result.message


def test_a_name_numpy_2_removed_is_said_to_be_older_numpy_s_with_what_replaces_it(tmp_path):
    """np.asscalar on numpy 2: Python's "Did you mean: 'isscalar'?" named a function that returns a bool, and
    np.float's own message was four lines ending in a link."""
    text = solution(EX03).replace("return dW, db", "return dW.astype(np.float), np.asscalar(db) + db")
    (tmp_path / f"{EX03}.py").write_text(text, encoding="utf-8")
    messages = [check.message for check in grade(tmp_path, EX03)[EX03].checks if not check.passed]
    assert messages and all("module 'numpy' has no attribute 'float': the numpy your code is checked with no longer "
                            "has np.float, which older numpy (yours perhaps) has. Use float, or np.float64" in m
                            and "numpy.org" not in m for m in messages), messages
    (tmp_path / f"{EX03}.py").write_text(text.replace("dW.astype(np.float)", "dW"), encoding="utf-8")
    messages = [check.message for check in grade(tmp_path, EX03)[EX03].checks if not check.passed]
    assert messages and all("no longer has np.asscalar" in m and "Use a.item()" in m and "isscalar" not in m
                            for m in messages), messages


def test_a_cell_that_does_not_parse_is_said_to_be_skipped_whole(tmp_path):
    """Smart quotes pasted from a PDF beside the import: "1 statement was skipped, and the rest
    still ran", and then np was not defined; and the def of a cell with a tab was said graded."""
    first = "import numpy as np\nprint(\u201cstart\u201d)\ndef weight_gradients(dZ, A_prev):\n    return 0, 0\n"
    text = solution(EX03).replace("    m = ", "\tm = ", 1)
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook([first, "x = 1\n", text])), encoding="utf-8")
    note = grade(tmp_path, EX03)[EX03].message
    assert note.startswith("2 cells of ex03_weight_gradients.ipynb raised and were skipped, and the rest still "
                           "ran: line 2 of code cell 1 of ex03_weight_gradients.ipynb raised SyntaxError"), note
    assert "defined 2 times" not in note


def test_code_at_load_that_runs_out_of_time_or_asks_input_is_told_where_such_code_belongs(tmp_path):
    (tmp_path / f"{EX03}.py").write_text(solution(EX03) + "\nwhile True:  # training\n    pass\n", encoding="utf-8")
    result = conftest.grade(tmp_path, [catalog.BY_ID[EX03]], limits={"call_timeout": 1.0}).exercises[0]
    assert result.status == "error" and "it was stopped (did not return within 1 s). Code outside the functions runs" \
        in result.message and 'under `if __name__ == "__main__":`' in result.message
    (tmp_path / f"{EX03}.py").write_text("n = int(input('How many? '))\n" + solution(EX03), encoding="utf-8")
    result = grade(tmp_path, EX03)[EX03]  # a .py stops at its error; a notebook's cell would be skipped
    assert result.status == "error" and "EOFError: EOF when reading a line (line 1 of ex03_weight_gradients.py). " \
        "Code outside the functions runs when the file is loaded, alone in a folder, with no command-line arguments " \
        "and no one to answer input(), and must finish in time: put data files, training loops, plots, input() and " \
        "sys.exit() under" \
        in result.message, result.message


@pytest.mark.parametrize("top, said", [
    ("\nprint(weight_gradients(np.ones((2, 3)), np.ones((4, 3))))\nsys.exit(0)\ndef f():\n    pass\n",
     "SystemExit: 0 (line "),  # before a def: what follows would be lost
    ("\nparser = argparse.ArgumentParser()\nparser.add_argument('--m', type=int, required=True)\n"
     "m = parser.parse_args().m\n", "SystemExit: 2 (line "),
    ("\ndata = np.load('train_catvnoncat.npz')\n", "FileNotFoundError: [Errno 2] No such file or directory: "
     "'train_catvnoncat.npz' (line "),
    ("\ndata_file = sys.argv[1]  # python ex03.py data.npz\n", "IndexError: list index out of range (line "),
])
def test_a_script_that_exits_or_reads_data_at_load_is_told_where_such_code_belongs(tmp_path, top, said):
    """A .py that ends with sys.exit(0), parses its command line or loads its data at the top
    level runs for its author (`python ex03.py`) and could not be loaded here, told only
    "SystemExit: 0", "SystemExit: 2" or "No such file", with no word of why or what to do."""
    (tmp_path / f"{EX03}.py").write_text("import argparse\nimport sys\n" + solution(EX03) + top, encoding="utf-8")
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "error" and said in result.message and "Code outside the functions runs when the " \
        'file is loaded' in result.message and 'under `if __name__ == "__main__":`' in result.message, result.message


def test_a_script_that_exits_after_every_definition_is_graded(tmp_path):
    """`sys.exit(0)` as a .py's last statement ends `python ex03.py` with every function made:
    loading it so loses nothing, and was an error, 0 / 15."""
    for end in ("sys.exit(0)  # done\r\n", "exit()\n\n# the end\n", "raise SystemExit\n"):
        (tmp_path / f"{EX03}.py").write_text("import sys\n" + solution(EX03) + "\nprint('ok')\n" + end,
                                             encoding="utf-8", newline="")
        result = grade(tmp_path, EX03)[EX03]
        assert result.status == "passed", (end, result.message)


def test_more_code_than_any_exercise_needs_is_not_read(tmp_path):
    """What the grading process reads of a file is bounded: 2 Mi characters of code, in a
    .py or in a notebook's code cells (a notebook's outputs may hold more)."""
    padding = "# " + "x" * (2 * 2**20) + "\n"
    (tmp_path / f"{EX03}.py").write_text(solution(EX03) + padding, encoding="utf-8")
    (tmp_path / "ex01_sigmoid_derivative.ipynb").write_text(
        json.dumps(colab_notebook([solution("ex01_sigmoid_derivative"), padding])), encoding="utf-8")
    results = grade(tmp_path, EX03, "ex01_sigmoid_derivative")
    assert results[EX03].status == "error" and results[EX03].message == \
        f"{EX03}.py holds more than 2 Mi characters, more than any exercise needs"
    assert results["ex01_sigmoid_derivative"].message == \
        "ex01_sigmoid_derivative.ipynb's code cells hold more than 2 Mi characters, more than any exercise needs"


def test_a_cell_that_defines_a_function_and_calls_the_grader_keeps_the_function(tmp_path):
    cell_source = "from autograder import check\n" + solution(EX03) + "\ncheck('ex03')\n"
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook([cell_source])), encoding="utf-8")
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "passed" and not result.message  # nothing skipped: the grader's lines passed over


def test_a_cell_that_calls_the_grader_however_written_leaves_nothing_skipped(tmp_path):
    cells = [solution(EX03), "import autograder\nautograder.check('ex03')\nprint(autograder.score('ex03'))\n"
             "display(explain('ex03'))",
             "from autograder import notebook as nb\nresult = check('ex03')\nresult.score\nprint('checked')"]
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(cells)), encoding="utf-8")
    result = grade(tmp_path, EX03)[EX03]
    # result = None stands for the report: result.score raised, the grader's line's doing, not said
    assert result.status == "passed" and not result.message, result.message


def test_a_py_that_uses_the_result_of_its_check_is_told_to_put_that_under_main(tmp_path):
    """`r = check("ex03", namespace=globals())`, then `print(r.score)`, at a .py's top level: `python ex03.py` runs,
    but the grader's r is None, and the file's load raised AttributeError, said with no word of why."""
    (tmp_path / f"{EX03}.py").write_text(solution(EX03) + "\nfrom autograder.notebook import check\n"
                                         "r = check('ex03', namespace=globals())\nprint(r.score)\n")
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "error" and result.message.endswith(
        "Where it is graded, a line that calls check() is passed over and what it assigns is None: put the lines that "
        'use its result under `if __name__ == "__main__":`.'), result.message


def test_a_notebooks_statement_that_runs_too_long_is_stopped_and_its_functions_graded(tmp_path):
    training = "for epoch in range(10**9):\n    try:\n        weight_gradients(np.ones((2, 3)), np.ones((4, 3)))\n" \
               "    except Exception:\n        pass\n"  # a learner's catch-all does not keep it running
    cells = ["import numpy as np", training, solution(EX03), "while True:\n    pass", "1 / 0"]
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(cells)), encoding="utf-8")
    result = conftest.grade(tmp_path, [catalog.BY_ID[EX03]], limits={"call_timeout": 2.0}).exercises[0]
    assert result.status == "passed", result.message
    # two were stopped, not raised: the count said "3 statements ... raised and were skipped"
    assert "3 statements of ex03_weight_gradients.ipynb raised or were stopped, and were skipped" in result.message
    assert "line 1 of code cell 2 of ex03_weight_gradients.ipynb took longer than 1 s and was stopped: when graded, " \
           "code outside the functions" in result.message and "of code cell 4 of" in result.message
    assert "StatementTimeout" not in result.message  # the worker's own class, which means nothing to a learner
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(cells[2:4])), encoding="utf-8")
    result = conftest.grade(tmp_path, [catalog.BY_ID[EX03]], limits={"call_timeout": 2.0}).exercises[0]
    assert result.message.startswith("1 statement of ex03_weight_gradients.ipynb was stopped and skipped, "), result


def test_a_script_nbconvert_made_of_a_notebook_is_run_as_the_notebook(tmp_path):
    """"Download as .py": magics became get_ipython() calls, and the course's imports are there."""
    body = solution(EX03).replace("    return dW, db", "    display(dW.shape)\n    return dW, db")
    script = ("#!/usr/bin/env python\n# coding: utf-8\n\n# # Weight gradients\n\n# In[1]:\n\n\n"
              "import numpy as np\nimport h5py\nget_ipython().run_line_magic('matplotlib', 'inline')\n\n\n"
              f"# In[ ]:\n\n\n{body}\n\n# In[3]:\n\n\nfrom public_tests import *\n")
    (tmp_path / f"{EX03}.py").write_text(script, encoding="utf-8")
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "passed", [c.message for c in result.checks if not c.passed]
    assert result.message.startswith("2 statements of ex03_weight_gradients.py raised and were skipped") \
        and "imports of h5py and public_tests (the first at line 10 of ex03_weight_gradients.py)" in result.message


def test_a_scripts_reset_clears_the_names_above_it_as_the_notebooks_does(tmp_path):
    """nbconvert writes `%reset -f` as get_ipython().run_line_magic('reset', '-f'), without the notebook's
    globals(): the names above it stayed, and the script passed where its notebook has no weight_gradients."""
    (tmp_path / f"{EX03}.py").write_text(solution(EX03) + "\nget_ipython().run_line_magic('reset', '-sf')\n")
    message = grade(tmp_path, EX03)[EX03].checks[0].message
    assert "but the %reset -f at line" in message and "deletes it: remove that %reset -f" in message, message


def test_a_del_in_a_docstring_deletes_nothing(tmp_path):
    """A docstring's line `del weight_gradients ...` at the left edge was taken for a del below the def: the learner,
    whose def's cell did not parse, was told to remove a del they never wrote."""
    code = solution(EX03).replace("    return dW, db", "    return dW, db)")  # a typo: the cell does not parse
    doc = 'def helper():\n    """Keeps the arrays.\ndel weight_gradients would remove the function.\n    """\n'
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook([code, doc])), encoding="utf-8")
    message = grade(tmp_path, EX03)[EX03].checks[0].message
    assert "but it did not run: the note above names what was skipped" in message and "del" not in message, message


def test_a_def_in_a_string_defines_nothing(tmp_path):
    """A string's line `def sigmoid(z):` at the left edge, and no def of sigmoid: the learner was told their sigmoid
    "is written at line 2 of code cell 2, but it did not run", as if that cell had not parsed."""
    code = re.sub(r"^def sigmoid\(.*?(?=^\S)", "", solution("ex01_sigmoid_derivative"), flags=re.S | re.M)
    notes = 'notes = """\ndef sigmoid(z):\n    return 1 / (1 + np.exp(-z))\n"""\n'
    (tmp_path / "ex01_sigmoid_derivative.ipynb").write_text(json.dumps(colab_notebook([code, notes])), encoding="utf-8")
    said = [c.message for c in grade(tmp_path, "ex01_sigmoid_derivative")["ex01_sigmoid_derivative"].checks
            if c.function == "sigmoid"]
    assert said and all(m.endswith("ex01_sigmoid_derivative.ipynb defines no function sigmoid.") for m in said), said


def test_a_databricks_export_is_run_as_the_notebook(tmp_path):
    """Its cells stand between `# COMMAND ----------` lines: Databricks' spark at the top, missing
    here, made the whole file an error."""
    script = ("# Databricks notebook source\nimport numpy as np\n\n# COMMAND ----------\n\n# MAGIC %md\n# MAGIC ## dW\n"
              f"\n# COMMAND ----------\n\ndf = spark.read.csv('/dbfs/planar.csv')\n\n# COMMAND ----------\n\n"
              + solution(EX03))
    (tmp_path / f"{EX03}.py").write_text(script, encoding="utf-8")
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "passed", result.message
    assert "line 11 of ex03_weight_gradients.py raised NameError: name 'spark' is not defined" in result.message


def test_pylab_gives_numpys_names_in_a_notebook_and_in_its_script(tmp_path):
    """Welch's notebooks run %pylab inline, and learners then write dot and exp bare: every
    function raised NameError, in the notebook and in nbconvert's script of it."""
    body = "def weight_gradients(dZ, A_prev):\n    return dot(dZ, A_prev.T) / A_prev.shape[1], " \
           "sum(dZ, axis=1, keepdims=True) / A_prev.shape[1]\n"
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(["%pylab inline", body])), encoding="utf-8")
    assert grade(tmp_path, EX03)[EX03].status == "passed"
    (tmp_path / f"{EX03}.ipynb").unlink()
    (tmp_path / f"{EX03}.py").write_text("# coding: utf-8\n\n# In[1]:\n\n\nget_ipython().run_line_magic('pylab', "
                                         f"'inline')\n\n\n# In[2]:\n\n\n{body}", encoding="utf-8")
    assert grade(tmp_path, EX03)[EX03].status == "passed"
    (tmp_path / f"{EX03}.py").write_text(f"\n# coding: utf-8\n\n# In[1]:\n\nget_ipython().magic(u'pylab inline')\n\n\n"
                                         f"# In[2]:\n\n{body}", encoding="utf-8")  # IPython 2's script, on GitHub
    assert grade(tmp_path, EX03)[EX03].status == "passed"


def test_a_script_colab_made_of_a_notebook_is_run_as_the_notebook(tmp_path):
    """Colab's "Download .py" comments its % magics out but keeps its shell lines as they were,
    which Python cannot read: the whole file was once an error."""
    script = ('# -*- coding: utf-8 -*-\n"""ex03_weight_gradients.ipynb\n\nAutomatically generated by Colab.\n\n'
              'Original file is located at\n    https://colab.research.google.com/drive/1aBc\n"""\n\n'
              "!pip install numpy\n\nfrom google.colab import drive\ndrive.mount('/content/drive')\n\n"
              "# Commented out IPython magic to ensure Python compatibility.\n# %matplotlib inline\n\n"
              f"{solution(EX03)}\n")
    (tmp_path / f"{EX03}.py").write_text(script, encoding="utf-8")
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "passed", result.message
    assert result.message.startswith("2 statements of ex03_weight_gradients.py raised and were skipped") \
        and "an import of google.colab (line 12 of ex03_weight_gradients.py)" in result.message \
        and "1 statement that used a name not set when it ran (drive)" in result.message


def test_argparse_at_the_top_of_a_py_parses_no_arguments_as_python_would(tmp_path):
    """A learner's script reading its options at the top was given the worker's arguments: it
    failed to load, SystemExit 2, printing them (the worker's folder, its limits)."""
    script = "import argparse\nargs = argparse.ArgumentParser().parse_args()\n" + solution(EX03)
    (tmp_path / f"{EX03}.py").write_text(script, encoding="utf-8")
    result = conftest.grade(tmp_path, [catalog.BY_ID[EX03]])
    assert result.exercises[0].status == "passed", result.exercises[0].message
    assert "max_memory_bytes" not in result.printed


def test_a_percent_script_with_magics_is_run_as_the_notebook_it_stands_for(tmp_path):
    """VS Code's and jupytext's `# %%` scripts run in a Jupyter kernel, which takes magics as
    typed: the whole file was once a SyntaxError, 0 points."""
    script = "# %%\n%matplotlib inline\nimport h5py\nfiles = !ls\nweight_gradients?\n\n" + solution(EX03)
    (tmp_path / f"{EX03}.py").write_text(script, encoding="utf-8")
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "passed", result.message
    assert result.message.startswith("1 statement of ex03_weight_gradients.py raised and was skipped") \
        and "an import of h5py (line 3 of ex03_weight_gradients.py), a module missing where your code is checked" \
        in result.message


def test_a_percent_scripts_bash_and_writefile_cells_are_not_run_as_python(tmp_path):
    """IPython runs a %%bash cell in bash and writes a %%writefile cell's text to a file: their
    bodies, run as Python, were a SyntaxError that the learner was told of."""
    script = ("# %%\nimport numpy as np\n%matplotlib inline\n\n# %%\n%%bash\npip install numpy\necho done\n\n"
              "# %%\n%%writefile notes.txt\nWhy the transpose?\n\n# %%\n%%time\n" + solution(EX03))
    (tmp_path / f"{EX03}.py").write_text(script, encoding="utf-8")
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "passed" and result.message == "", result.message


def test_a_docstrings_line_ending_in_a_question_mark_leaves_a_py_plain_python(tmp_path):
    """A word and a question mark alone on a line is IPython's help in a `# %%` script's cell;
    in a plain .py's docstring it made the file run as a notebook, past an import that fails."""
    (tmp_path / f"{EX03}.py").write_text('"""My ex03.\n\nReady?\n"""\nimport h5py\n' + solution(EX03).replace("# %%", "#"))
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "error" and "No module named 'h5py'" in result.message, result.message


def test_a_skipped_python_2_print_is_said_with_its_question_mark_alone(tmp_path):
    """Python's "Did you mean print(...)?" ended the note as "?." once."""
    script = "# %%\n%matplotlib inline\nprint 'hello'\n\n# %%\n" + solution(EX03)
    (tmp_path / f"{EX03}.py").write_text(script, encoding="utf-8")
    message = grade(tmp_path, EX03)[EX03].message
    assert message.startswith("1 cell of ex03_weight_gradients.py raised and was skipped")
    assert message.endswith("Did you mean print(...)?"), message


def test_a_script_of_a_notebook_keeps_its_time_cells_and_passes_over_the_check(tmp_path):
    """nbconvert makes a %%time cell a run_cell_magic call holding the cell as a string; once,
    the function defined in it was lost, and the notebook's check cell was an error."""
    cell = solution(EX03)[solution(EX03).index("def weight_gradients("):]
    script = ("#!/usr/bin/env python\n# coding: utf-8\n\n# In[1]:\n\n\nimport numpy as np\n\n\n# In[2]:\n\n\n"
              f"get_ipython().run_cell_magic('time', '', {cell!r})\n\n\n# In[3]:\n\n\n"
              'from autograder import check\ncheck("ex03_weight_gradients")\n')
    (tmp_path / f"{EX03}.py").write_text(script, encoding="utf-8")
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "passed" and result.message == "", result.message


def test_the_magics_and_shell_lines_in_a_time_cell_of_a_script_do_nothing_as_in_the_notebook(tmp_path):
    """nbconvert keeps a %%time or %%capture cell's body as typed, in a string: a `%%capture` over
    `!pip install tqdm` was told "SyntaxError: invalid syntax" at a line of valid Python, and a
    %%time cell with a %matplotlib line lost its def, every check failing."""
    cell = "%matplotlib inline\n" + solution(EX03)[solution(EX03).index("def weight_gradients("):]
    script = ("#!/usr/bin/env python\n# coding: utf-8\n\n# In[1]:\n\n\nimport numpy as np\n\n\n# In[2]:\n\n\n"
              "get_ipython().run_cell_magic('capture', '', '!pip install tqdm\\n')\n\n\n# In[3]:\n\n\n"
              f"get_ipython().run_cell_magic('time', '', {cell!r})\n")
    (tmp_path / f"{EX03}.py").write_text(script, encoding="utf-8")
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "passed" and result.message == "", result.message


def test_a_time_cell_of_a_script_is_parsed_while_the_files_budget_lasts():
    """The body's string is found by parsing the line in the grading process: a 2 MiB `f(a, a, ...)` after the call
    took it 3 s and 1 GiB. Lines are parsed while the file's LOOKAHEAD_BUDGET lasts, as lookahead compiles them."""
    line = "get_ipython().run_cell_magic('capture', '', '!pip install tqdm\\n')"
    assert "!pip" not in submission._kept_cell(line, [submission.LOOKAHEAD_BUDGET], submission._Ran())
    left = [100 + len(line) - 1]
    assert submission._kept_cell(line, left, submission._Ran()) == line and left == [-1]


def test_a_script_of_a_notebook_imports_the_module_its_writefile_cell_writes(tmp_path):
    """nbconvert makes `%%writefile acts.py` a run_cell_magic call, which did nothing: the next
    cell's `import acts` failed, and so did every function that used it."""
    helper = "import numpy as np\n\ndef col_sum(x):\n    return np.sum(x, axis=1, keepdims=True)\n"
    body = solution(EX03).replace("np.sum(dZ, axis=1, keepdims=True)", "acts.col_sum(dZ)")
    script = ("#!/usr/bin/env python\n# coding: utf-8\n\n# In[1]:\n\n\n"
              f"get_ipython().run_cell_magic('writefile', 'acts.py', {helper!r})\n\n\n# In[2]:\n\n\n"
              f"get_ipython().run_cell_magic('writefile', '-a acts.py', 'def unused():\\n    pass\\n')\n\n\n"
              f"# In[3]:\n\n\nimport acts\n\n\n# In[4]:\n\n\n{body}")
    (tmp_path / f"{EX03}.py").write_text(script, encoding="utf-8")
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "passed" and result.message == "", result.message


@pytest.mark.parametrize("name, where", [(f"{EX03}.py", f"line 3 of {EX03}.py"),
                                         (f"{EX03}.ipynb", f"line 1 of code cell 2 of {EX03}.ipynb")])
def test_a_nul_character_is_said_where_it_is(tmp_path, name, where):
    """A file a crash or a sync padded with NUL bytes, which no editor shows, was told only
    "source code string cannot contain null bytes"."""
    if name.endswith(".py"):
        (tmp_path / name).write_bytes(b"# %%\nimport numpy as np\n\x00\x00\n# %%\n" + solution(EX03).encode())
    else:
        (tmp_path / name).write_text(json.dumps(colab_notebook(["import numpy as np", "\x00" + solution(EX03)])))
    message = grade(tmp_path, EX03)[EX03].message
    assert f"null bytes: {where} holds a NUL character (\\x00), which editors hide: delete it." in message, message


@pytest.mark.parametrize("kind", ["ipynb", "py"])
def test_what_a_capture_cell_prints_is_kept_from_the_report_as_jupyter_keeps_it_from_the_page(tmp_path, kind):
    """Learners put %%capture over a noisy setup cell, and Jupyter shows nothing of what it prints; `%%capture cap
    --no-stderr` binds cap and lets stderr through (IPython 9.19's run_cell). The report showed it all under "What
    your code printed", in a notebook and in nbconvert's script of it, and took --no-stderr for cap's name."""
    code = solution(EX03).split("# %%")
    functions = next(part for part in code if "def weight_gradients" in part).split("\n", 1)[1]
    captured = [("", "import numpy as np\nfor epoch in range(3):\n    print('noisy setup', epoch)"),
                ("cap --no-stderr", "import sys\nprint('noisy too')\nprint('said', file=sys.stderr)\nmissing + 1")]
    cells = [f"%%capture {line}\n{body}" for line, body in captured] + [functions, "print('shown', cap.stdout)"]
    script = [f"get_ipython().run_cell_magic('capture', {line!r}, {body!r})" for line, body in captured] + cells[2:]
    (tmp_path / f"{EX03}.{kind}").write_text(json.dumps(colab_notebook(cells)) if kind == "ipynb" else "".join(
        f"# In[{n}]:\n\n\n{code}\n\n\n" for n, code in enumerate(script, 1)))  # as nbconvert's script writes it
    result = conftest.grade(tmp_path, [catalog.BY_ID[EX03]])
    assert "noisy" not in result.printed and "said" in result.printed and "shown" in result.printed, result.printed
    exercise = result.exercises[0]
    assert exercise.status == "passed" and exercise.message.startswith("1 statement of "), exercise.message
    assert "raised NameError: name 'missing' is not defined" in exercise.message


def test_an_error_in_a_time_cell_of_a_script_is_placed_in_that_cell(tmp_path):
    """The worker ran each %%time cell's string as `<string>`: an error raised in it had no line."""
    cell = "def weight_gradients(dZ, A_prev):\n    m = dZ.shape[1]\n    return A_prev @ dZ / m, dZ.sum(axis=1) / m\n"
    script = (f"# coding: utf-8\n\n# In[1]:\n\n\nimport numpy as np\n\n\n# In[2]:\n\n\n"
              f"get_ipython().run_cell_magic('capture', '', {cell!r})\n")
    (tmp_path / f"{EX03}.py").write_text(script, encoding="utf-8")
    message = grade(tmp_path, EX03)[EX03].checks[0].message
    assert message.endswith(f"(line 3 of the %%capture cell at line 12 of {EX03}.py)."), message


def test_a_statement_of_a_time_cell_that_raises_as_it_loads_is_placed_in_that_cell(tmp_path):
    """The %%time cell's statement that raised was placed at the script's line that runs the cell."""
    cell = solution(EX03)[solution(EX03).index("def weight_gradients("):] + "\nratio = 1 / 0\n"
    script = f"# coding: utf-8\n\n# In[1]:\n\n\nimport numpy as np\n\n\n# In[2]:\n\n\nget_ipython().run_cell_magic('time', '', {cell!r})\n"
    (tmp_path / f"{EX03}.py").write_text(script, encoding="utf-8")
    message = grade(tmp_path, EX03)[EX03].message
    assert f"line {len(cell.splitlines())} of the %%time cell at line 12 of {EX03}.py raised ZeroDivisionError" \
        in message, message


def test_a_bare_assert_in_a_time_cell_of_a_script_is_quoted(tmp_path):
    """Ng's `assert dW.shape == ...` in a %%time cell of nbconvert's script was said as "raised
    AssertionError (line 4 of the %%time cell at line 12 ...)", a line inside one long line of the
    file, where a .py's own assert is quoted for the learner to find."""
    cell = ("def weight_gradients(dZ, A_prev):\n    m = dZ.shape[1]\n    dW = dZ @ A_prev.T / m\n"
            "    assert dW.shape == A_prev.shape\n    return dW, dZ.sum(axis=1, keepdims=True) / m\n")
    script = (f"# coding: utf-8\n\n# In[1]:\n\n\nimport numpy as np\n\n\n# In[2]:\n\n\n"
              f"get_ipython().run_cell_magic('time', '', {cell!r})\n")
    (tmp_path / f"{EX03}.py").write_text(script, encoding="utf-8")
    message = grade(tmp_path, EX03)[EX03].checks[0].message
    assert message.endswith("weight_gradients raised AssertionError: your own `assert dW.shape == A_prev.shape` "
                            f"failed on these inputs (line 4 of the %%time cell at line 12 of {EX03}.py)."), message


def test_a_plain_py_that_calls_the_check_at_its_end_is_graded(tmp_path):
    """A learner who copied the notebook's last cell into their .py: the file was an error,
    PermissionError on a file of the grader's."""
    (tmp_path / f"{EX03}.py").write_text("from autograder import check\n" + solution(EX03)
                                         + '\n\ncheck("ex03_weight_gradients")\n', encoding="utf-8")
    assert grade(tmp_path, EX03)[EX03].status == "passed"
    # imported under another name, as `python ex03_weight_gradients.py` runs it in the learner's venv
    (tmp_path / f"{EX03}.py").write_text("import autograder as ag\n" + solution(EX03)
                                         + '\n\nresult = ag.check("ex03")\n', encoding="utf-8")
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "passed", result.message  # was error: NameError: name 'ag' is not defined
    # its functions imported under other names
    (tmp_path / f"{EX03}.py").write_text("from autograder import check as c, explain as e  # grader\n"
                                         + solution(EX03) + '\n\nc("ex03")\ne("ex03")\n', encoding="utf-8")
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "passed", result.message  # was error: NameError: name 'c' is not defined
    # the call over several lines: was error, IndentationError at its second line
    (tmp_path / f"{EX03}.py").write_text("from autograder.notebook import check\n" + solution(EX03)
                                         + '\n\ncheck(\n    "ex03",\n    namespace=globals(),\n)\n', encoding="utf-8")
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "passed", result.message


def test_a_plain_py_that_calls_get_ipython_loads_and_display_prints(tmp_path):
    body = solution(EX03).replace("    return dW, db", "    display(db)\n    return dW, db")
    (tmp_path / f"{EX03}.py").write_text("get_ipython().system('ls')\n" + body, encoding="utf-8")
    result = conftest.grade(tmp_path, [catalog.BY_ID[EX03]])
    assert result.exercises[0].status == "passed" and "array([[" in result.printed


def test_importing_ipythons_display_is_accepted_silently(tmp_path):
    """A plain import of what the worker gives as IPython does was a skipped statement in every
    report of a notebook that had it, and made a .py an error."""
    body = solution(EX03).replace("    return dW, db", "    display(db)\n    return dW, db")
    imports = "from IPython.display import display\nfrom IPython import get_ipython  # as Colab's cells do\n"
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook([imports, body])), encoding="utf-8")
    result = conftest.grade(tmp_path, [catalog.BY_ID[EX03]])
    assert result.exercises[0].status == "passed" and "array([[" in result.printed
    assert "skipped" not in result.exercises[0].message, result.exercises[0].message
    (tmp_path / f"{EX03}.ipynb").unlink()
    (tmp_path / f"{EX03}.py").write_text(imports + body, encoding="utf-8")
    result = conftest.grade(tmp_path, [catalog.BY_ID[EX03]])
    assert result.exercises[0].status == "passed", result.exercises[0].message


def test_ipythons_markdown_html_and_image_do_nothing_where_the_code_is_checked(tmp_path):
    """The worker cannot import IPython: a notebook that showed its results with Markdown or
    HTML had every such line reported as a skipped statement, a NameError or a missing module."""
    imports = ("from IPython.display import display, Markdown, HTML, Image, clear_output\n"
               "import IPython.display as ipd\nfrom IPython.core.display import Math\n")
    shown = 'display(Markdown("**dW**"), HTML("<b>db</b>"))\nipd.display(Math("x"))\nclear_output(wait=True)\n'
    body = solution(EX03).replace("    return dW, db", "    display(db)\n    return dW, db")
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook([imports, shown, body])), encoding="utf-8")
    result = conftest.grade(tmp_path, [catalog.BY_ID[EX03]])
    assert result.exercises[0].status == "passed" and "array([[" in result.printed
    assert "skipped" not in result.exercises[0].message, result.exercises[0].message
    assert "Markdown" not in result.printed and "object" not in result.printed, result.printed


def test_a_helper_called_but_defined_nowhere_is_named_as_missing_from_the_file(tmp_path):
    """A helper kept in another notebook, or in a cell deleted: the learner got a bare NameError."""
    body = solution(EX03).replace("np.sum(dZ, axis=1, keepdims=True)", "row_sums(dZ)")
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook([body])), encoding="utf-8")
    said = {c.message for c in grade(tmp_path, EX03)[EX03].checks if not c.passed}
    assert any("name 'row_sums' is not defined: no cell of ex03_weight_gradients.ipynb defines row_sums, and only "
               "it is read where your code is checked: define row_sums in it" in m for m in said), said
    (tmp_path / f"{EX03}.ipynb").unlink()
    (tmp_path / f"{EX03}.py").write_text(body, encoding="utf-8")
    said = {c.message for c in grade(tmp_path, EX03)[EX03].checks if not c.passed}
    assert any("name 'row_sums' is not defined: no line of ex03_weight_gradients.py defines row_sums, and only it "
               "is read where your code is checked: define row_sums in it" in m for m in said), said
    # defined, in a function that did not run: the message is Python's alone
    (tmp_path / f"{EX03}.py").write_text(body + "\ndef setup():\n    global row_sums\n    row_sums = sum\n")
    said = {c.message for c in grade(tmp_path, EX03)[EX03].checks if not c.passed}
    assert said and not any("defines row_sums" in m for m in said), said


@pytest.mark.parametrize("binding", [
    "m, (row_sums, _) = X.shape[1], (np.sum, None)",  # X is the learner's data, not loaded where code is checked
    "[*rest, row_sums] = load_helpers()",
    "for i, (row_sums, name) in enumerate(helpers):\n    pass",
    "with open('helpers.pkl', 'rb') as (row_sums, f):\n    pass",
])
def test_a_helper_bound_by_a_nested_target_that_failed_is_not_said_to_be_defined_nowhere(tmp_path, binding):
    """A name bound in a statement that raised (skipped), by a tuple nested in a target list, was told
    that no cell defines it, beside the cell that does."""
    body = solution(EX03).replace("np.sum(dZ, axis=1, keepdims=True)", "row_sums(dZ, axis=1, keepdims=True)")
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook([binding, body])), encoding="utf-8")
    said = {c.message for c in grade(tmp_path, EX03)[EX03].checks if not c.passed}
    assert any("name 'row_sums' is not defined" in m for m in said), said
    assert not any("defines row_sums" in m for m in said), said


def test_a_helper_bound_only_in_a_comprehension_is_said_to_be_defined_nowhere(tmp_path):
    """A comprehension's names are its own: the functions of the notebook do not see them."""
    body = solution(EX03).replace("np.sum(dZ, axis=1, keepdims=True)", "row_sums(dZ, axis=1, keepdims=True)")
    cells = ["sums = [row_sums(np.ones((2, 2))) for row_sums in (np.sum, np.mean)]\n"
             "firsts = {name: row_sums for name, (row_sums, _) in {'sum': (np.sum, 0)}.items()}", body]
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(cells)), encoding="utf-8")
    said = {c.message for c in grade(tmp_path, EX03)[EX03].checks if not c.passed}
    assert any("no cell of ex03_weight_gradients.ipynb defines row_sums" in m for m in said), said


def test_a_worker_that_does_not_start_again_is_the_graders_failure_not_the_learners(tmp_path):
    """After a call that hangs, the next worker process fails to start (here: its Python
    exits at once from then on): the exercises it would have run are `error`, saying so, and
    the result is incomplete, so that a batch grades it again rather than keep it."""
    from autograder import grading, plan
    from autograder.execution.client import Worker

    python = tmp_path / "python"
    python.write_text(f"#!/bin/sh\n[ -e {tmp_path}/started ] && exit 1\ntouch {tmp_path}/started\n"
                      f"exec {sys.executable} \"$@\"\n")
    python.chmod(0o755)
    folder = tmp_path / "work"
    folder.mkdir()
    (folder / f"{EX03}.py").write_text(solution(EX03) + "\ndef weight_gradients(dZ, A_prev):\n    while True:\n"
                                       "        pass\n", encoding="utf-8")
    (folder / "ex04_hidden_delta.py").write_text(solution("ex04_hidden_delta"), encoding="utf-8")
    found = submission.read(folder, [EX03, "ex04_hidden_delta"])
    with Worker(call_timeout=1.0, python=str(python)) as worker:
        made = plan.make("public", "", [catalog.BY_ID[EX03], catalog.BY_ID["ex04_hidden_delta"]])
        result = grading.grade_sources(found, worker, made)
    ex03, ex04 = result.exercises
    assert result.incomplete and ex04.status == "error" and ex04.score == 0
    assert ex04.message == "ex04_hidden_delta could not be graded: the worker process did not start: the worker " \
                           "process ended with exit status 1. The grader failed here, not your code."


def test_an_upload_zipped_whole_is_said_to_be_unopened(tmp_path):
    import zipfile

    with zipfile.ZipFile(tmp_path / "upload.zip", "w") as archive:
        archive.writestr(f"{EX03}.py", solution(EX03))
    graded = conftest.grade(tmp_path, [catalog.BY_ID[EX03]])
    result = graded.exercises[0]
    assert result.status == "missing"
    assert result.message == f"no {EX03}.py or {EX03}.ipynb here (upload.zip is not opened: unpack it here)"
    assert graded.isolation == "none needed: no learner code ran"  # every report names its isolation
    with zipfile.ZipFile(tmp_path / "again.zip", "w") as archive:  # two: them
        archive.writestr(f"{EX03}.py", solution(EX03))
    assert conftest.grade(tmp_path, [catalog.BY_ID[EX03]]).exercises[0].message == \
        f"no {EX03}.py or {EX03}.ipynb here (again.zip, upload.zip are not opened: unpack them here)"


def test_a_notebook_kept_under_courseras_name_is_said_to_be_unread(tmp_path):
    """A learner who worked in Coursera's notebook was told only that the folder holds no
    exercise files, and to run `backprop start`, as if it were empty."""
    notebook = "Building_your_Deep_Neural_Network_Step_by_Step.ipynb"
    (tmp_path / notebook).write_text(json.dumps(colab_notebook([solution("ex05_l_layer")])))
    (tmp_path / "Copy of ex03_weight_gradients.ipynb").write_text(json.dumps(colab_notebook([solution(EX03)])))
    said = f"{notebook} is not read: only files named as the exercises are, which `backprop start .` copies here"
    message = grade(tmp_path, "ex05_l_layer")["ex05_l_layer"].message
    assert said in message and "Copy of" not in message, message
    (tmp_path / "Copy of ex03_weight_gradients.ipynb").unlink()
    done = backprop("check", cwd=tmp_path)
    assert done.returncode == 2 and said in done.stderr and "Copy of" not in done.stderr, done.stderr


@pytest.mark.parametrize("name", ["ex03.py", "Ex3.py", "Lovelace_Ada_4711_ex03_backprop.py"])
def test_a_py_named_by_the_exercises_number_is_said_to_be_unread(tmp_path, name):
    """A Gradescope upload of ex03.py was told only that there is no ex03_weight_gradients.py."""
    (tmp_path / name).write_text(solution(EX03), encoding="utf-8")
    (tmp_path / "dnn_utils.py").write_text("def relu(Z):\n    return Z\n", encoding="utf-8")  # a helper: not named
    message = grade(tmp_path, EX03)[EX03].message
    assert message == (f"no {EX03}.py or {EX03}.ipynb here ({name} is not read: only files named as the exercises "
                       "are, which `backprop start .` copies here; copy your functions into them)")


@pytest.mark.parametrize("name", [f"{EX03}.md", f"{EX03}.qmd", f"{EX03}.Rmd"])
def test_an_exercise_as_a_text_notebook_is_said_to_be_unread_and_how_to_make_the_notebook(tmp_path, name):
    """A jupytext MyST .md or a Quarto .qmd handed in for the notebook was told only that there is no .py or .ipynb,
    as if the work were not there at all."""
    (tmp_path / name).write_text("```{code-cell} ipython3\n" + solution(EX03) + "```\n", encoding="utf-8")
    said = (f"{name} is not read: only a .py or an .ipynb is; `jupytext --to ipynb` or `quarto convert` makes the "
            "notebook")
    assert grade(tmp_path, EX03)[EX03].message == f"no {EX03}.py or {EX03}.ipynb here ({said})"
    done = backprop("check", cwd=tmp_path)
    assert done.returncode == 2 and said in done.stderr, done.stderr
    assert grade(tmp_path, "ex04_hidden_delta")["ex04_hidden_delta"].message == (
        "no ex04_hidden_delta.py or ex04_hidden_delta.ipynb here")  # ex03's text is not ex04's missing file


@pytest.mark.parametrize("name, exercise_id, function", [
    ("weight_gradients.py", EX03, "weight_gradients"), ("backward_propagation.py", "ex04_hidden_delta",
    "backward_propagation"), ("L_model_backward.ipynb", "ex05_l_layer", "L_model_backward")])
def test_a_file_named_after_a_function_says_which_name_to_give_it(tmp_path, name, exercise_id, function):
    """A learner who saved ex04's code as backward_propagation.py was told only that there is no
    ex04_hidden_delta.py; one whose helper sigmoid.py sits beside ex01's own file is told nothing."""
    (tmp_path / name).write_text(solution(exercise_id), encoding="utf-8")
    (tmp_path / "ex01_sigmoid_derivative.py").write_text(solution("ex01_sigmoid_derivative"), encoding="utf-8")
    (tmp_path / "sigmoid.py").write_text("def sigmoid(z):\n    return z\n", encoding="utf-8")
    graded = conftest.grade(tmp_path, [catalog.BY_ID[exercise_id]])
    assert graded.exercises[0].message == (
        f"no {exercise_id}.py or {exercise_id}.ipynb here ({name} is not read: it is named after {function}, which "
        f"{exercise_id} asks for; name it {exercise_id}{name[name.index('.'):]})")
    assert [f.kind for f in attention.flags(report.submission_dict(graded))] == ["files not read"]  # in a class's CSV


def test_a_file_named_after_a_function_of_several_exercises_names_each(tmp_path):
    (tmp_path / "compute_cost.py").write_text(solution("ex02_output_delta"), encoding="utf-8")
    message = grade(tmp_path, "ex02_output_delta")["ex02_output_delta"].message
    assert message.endswith("(compute_cost.py is not read: it is named after compute_cost, which ex02_output_delta, "
                            "ex05_l_layer and ex08_softmax_cross_entropy ask for; name it as the exercise it holds, "
                            "ex02_output_delta.py, ex05_l_layer.py or ex08_softmax_cross_entropy.py)"), message


def test_check_names_a_file_named_after_a_function_of_an_exercise_it_lacks(tmp_path):
    """`backprop check` graded ex03 alone, and never said that hidden_delta.py is not read."""
    (tmp_path / f"{EX03}.py").write_text(solution(EX03), encoding="utf-8")
    (tmp_path / "hidden_delta.py").write_text(solution("ex04_hidden_delta"), encoding="utf-8")
    done = backprop("check", cwd=tmp_path)
    assert done.returncode == 1 and re.search(r"ex04_hidden_delta +missing +0 / 20", done.stdout), done.stdout
    assert "(hidden_delta.py is not read: it is named after hidden_delta, which ex04_hidden_delta asks for; name it " \
           "ex04_hidden_delta.py)" in done.stdout, done.stdout
    other = grade(tmp_path, "ex04_hidden_delta", "ex05_l_layer")["ex05_l_layer"].message
    assert other == "no ex05_l_layer.py or ex05_l_layer.ipynb here", other  # the file is not ex05's to name
    (tmp_path / "hidden_delta.py").rename(tmp_path / "ex04_hidden_delta.py")
    done = backprop("check", cwd=tmp_path)
    assert done.returncode == 0 and "not read" not in done.stdout, done.stdout


def test_a_file_named_after_a_function_beside_the_exercises_stub_says_which_name_to_give_it(tmp_path):
    """`backprop start` left ex04's stub, and the learner worked in hidden_delta.py: ex04 was
    graded as the stub, and the file never mentioned. A stub with no such file says nothing more."""
    shutil.copy(ROOT / "exercises" / "ex04_hidden_delta.py", tmp_path)
    stub = grade(tmp_path, "ex04_hidden_delta")["ex04_hidden_delta"]
    (tmp_path / "hidden_delta (1).py").write_text(solution("ex04_hidden_delta"), encoding="utf-8")
    graded = grade(tmp_path, "ex04_hidden_delta")["ex04_hidden_delta"]
    assert "not read" not in stub.message and graded.message == (
        "hidden_delta (1).py is not read: it is named after hidden_delta; if your work is in it, name it "
        "ex04_hidden_delta.py."), graded.message


@pytest.mark.parametrize("name", [f"{EX03}_final.ipynb", f"{EX03}_v2.py", f"{EX03}_old (1).ipynb"])
def test_a_file_named_as_the_exercise_and_more_is_said_to_be_unread(tmp_path, name):
    """A learner's own "_final" or "_v2" copy: the check said only that the folder holds no
    exercise files, and to run `backprop start`, as if it were empty."""
    (tmp_path / name).write_text(solution(EX03) if name.endswith(".py") else
                                 json.dumps(colab_notebook([solution(EX03)])), encoding="utf-8")
    said = f"{name} is not read: only files named as the exercises are"
    assert said in grade(tmp_path, EX03)[EX03].message
    done = backprop("check", cwd=tmp_path)
    assert done.returncode == 2 and said in done.stderr, done.stderr


def test_exercise_files_in_folders_inside_are_said_to_be_unread(tmp_path):
    """A learner's GitHub zip, unpacked in their folder: every exercise was missing, saying nothing."""
    (tmp_path / "backprop-exercises-main" / "exercises").mkdir(parents=True)
    (tmp_path / "backprop-exercises-main" / "exercises" / f"{EX03}.py").write_text(solution(EX03))
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / f"{EX03} (1).ipynb").write_text("{}")
    for hidden in (".ipynb_checkpoints", "__MACOSX"):  # Jupyter's and macOS's copies are not the learner's
        (tmp_path / hidden).mkdir()
        (tmp_path / hidden / f"{EX03}-checkpoint.ipynb").write_text("{}")
    result = conftest.grade(tmp_path, [catalog.BY_ID[EX03]]).exercises[0]
    assert result.status == "missing" and result.message == f"no {EX03}.py or {EX03}.ipynb here (backprop-" \
        "exercises-main/exercises/, old/ hold exercise files, and only a folder's own are read)"


def test_a_function_defined_twice_says_which_definition_was_graded(tmp_path):
    wrong = "def weight_gradients(dZ, A_prev):\n    return A_prev @ dZ.T, dZ.sum(axis=1, keepdims=True)\n"
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook([solution(EX03), "x = 1\n" + wrong])),
                                            encoding="utf-8")
    result = grade(tmp_path, EX03)[EX03]
    # the learner ran the right one last, and their kernel's tests passed: Run All's order is said
    assert result.status == "failed" and "weight_gradients is defined 2 times; the last one, at line 2 of code " \
        "cell 2 of ex03_weight_gradients.ipynb, was graded: the cells run in their order in the file, as Restart & " \
        "Run All runs them, whichever your kernel ran last." in result.message, result.message


def test_a_function_assigned_again_below_its_last_def_is_not_said_to_be_that_def(tmp_path):
    """The wrong version kept as `old = f`, a right one tried below, then `f = old`: the note said the
    right def, the last, was graded, sending the learner to fix what was right."""
    wrong = "def weight_gradients(dZ, A_prev):\n    return A_prev @ dZ.T, dZ.sum(axis=1, keepdims=True)\n"
    cells = [wrong + "first_try = weight_gradients\n", solution(EX03), "weight_gradients = first_try\n"]
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(cells)), encoding="utf-8")
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "failed" and "weight_gradients is defined 2 times, and line 1 of code cell 3 of " \
        "ex03_weight_gradients.ipynb assigns it again below the last: what that line assigns was graded." \
        in result.message and "the last one" not in result.message, result.message


def test_an_assignment_in_a_docstring_below_the_last_def_is_not_said_to_be_graded(tmp_path):
    """`f = first_try` at the left edge of a docstring below the last def was taken as the line that put f back."""
    wrong = "def weight_gradients(dZ, A_prev):\n    return A_prev @ dZ.T, dZ.sum(axis=1, keepdims=True)\n"
    cells = [solution(EX03), wrong, '"""To undo it:\nweight_gradients = first_try\n"""\n']
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(cells)), encoding="utf-8")
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "failed" and "assigns it again" not in result.message and "weight_gradients is defined " \
        "2 times; the last one, at line 1 of code cell 2 of ex03_weight_gradients.ipynb, was graded" \
        in result.message, result.message


def test_a_def_past_the_cells_the_worker_lists_as_unparsed_is_not_said_to_be_graded(tmp_path):
    """Over 100 cells that did not parse, of which the worker lists the first 100: a def in a cell past them that
    did not parse either was named as the one graded, though it never ran."""
    wrong = "def weight_gradients(dZ, A_prev):\n    return A_prev @ dZ.T, dZ.sum(axis=1, keepdims=True)\n"
    never = "def weight_gradients(dZ, A_prev):\n    return dZ, A_prev\nprint 'tried'\n"  # Python 2's print
    cells = [wrong] + ["print 'x'\n"] * 100 + [never]
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(cells)), encoding="utf-8")
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "failed" and "defined 2 times" not in result.message, result.message


def test_the_same_def_twice_says_nothing_of_which_was_graded(tmp_path):
    """A cell run again (a kernel's history holds it twice) or pasted twice: either one is graded alike."""
    wrong = "def weight_gradients(dZ, A_prev):\n    return A_prev @ dZ.T, dZ.sum(axis=1, keepdims=True)\n"
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook([wrong, "x = 1\n" + wrong])), encoding="utf-8")
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "failed" and "defined 2 times" not in result.message, result.message


def test_a_skipped_statement_is_named_where_it_stands_and_the_function_that_raised(tmp_path):
    cells = [solution(EX03), "def shapes_of(pair):\n    return [x.shape for x in pair]\n",
             "print(shapes_of(weight_gradients(dZ_test, A_test)))"]  # a test cell of the learner's
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(cells)), encoding="utf-8")
    note = grade(tmp_path, EX03)[EX03].message
    assert "line 1 of code cell 3 of ex03_weight_gradients.ipynb raised NameError: name 'dZ_test' is not " \
           "defined" in note
    cells[2] = "print(shapes_of(None))"
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(cells)), encoding="utf-8")
    note = grade(tmp_path, EX03)[EX03].message
    assert "line 1 of code cell 3 of ex03_weight_gradients.ipynb raised TypeError inside shapes_of:" in note


def test_the_file_with_fewer_stubs_left_is_graded_beside_the_other(tmp_path):
    """ex05 half done in its notebook, the .py as `backprop start` left it: the .py was graded,
    every function "not implemented yet", 0 points, and nothing said which file was graded."""
    ex05 = "ex05_l_layer"
    stub = (ROOT / "exercises" / f"{ex05}.py").read_text(encoding="utf-8")
    notebook = json.loads((ROOT / "exercises" / f"{ex05}.ipynb").read_text(encoding="utf-8"))
    for c in notebook["cells"]:
        c["source"] = "".join(c["source"]).replace('raise NotImplementedError("linear_forward is not implemented '
                                                   'yet")', "return W @ A + b, (A, W, b)")
    (tmp_path / f"{ex05}.py").write_text(stub, encoding="utf-8")
    (tmp_path / f"{ex05}.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    result = grade(tmp_path, ex05)[ex05]
    assert result.score > 0 and result.message == f"{ex05}.ipynb was graded: {ex05}.py has 8 functions still " \
                                                  "raising NotImplementedError, the notebook 7."
    (tmp_path / f"{ex05}.py").write_text(stub.replace('raise NotImplementedError("linear_forward is not implemented '
                                                      'yet")', "return W @ A + b, (A, W, b)"), encoding="utf-8")
    result = grade(tmp_path, ex05)[ex05]  # as far on in both: the .py
    assert result.score > 0 and result.message == ""



def test_a_raise_commented_out_in_the_notebook_is_not_a_stub_left(tmp_path):
    """A learner who commented the stub's raise out (Ctrl-/ in Jupyter) and wrote the function
    under it, the .py as `backprop start` left it: the .py was graded, 0 / 15, "not implemented
    yet", and nothing said the notebook was not."""
    stub = (ROOT / "exercises" / f"{EX03}.py").read_text(encoding="utf-8")
    worked = stub.replace('raise NotImplementedError("weight_gradients is not implemented yet")',
                          '# raise NotImplementedError("weight_gradients is not implemented yet")\n'
                          "    return dZ @ A_prev.T / A_prev.shape[1], dZ.mean(axis=1, keepdims=True)")
    (tmp_path / f"{EX03}.py").write_text(stub, encoding="utf-8")
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook([worked])), encoding="utf-8")
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "passed" and result.message.startswith(f"{EX03}.ipynb was graded"), result.message
    # the raise kept under the learner's return, where it never runs: no stub either
    worked = stub.replace('raise NotImplementedError("weight_gradients is not implemented yet")',
                          "return dZ @ A_prev.T / A_prev.shape[1], dZ.mean(axis=1, keepdims=True)\n\n"
                          '    raise NotImplementedError("weight_gradients is not implemented yet")')
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook([worked])), encoding="utf-8")
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "passed" and result.message.startswith(f"{EX03}.ipynb was graded"), result.message

def test_a_notebook_worked_in_beside_the_py_backprop_start_left_is_graded(tmp_path):
    """The learner wrote weight_gradients in a cell of their own above the stub's, which their
    kernel ran first: each file had one stub left, the .py was graded, "not implemented yet",
    and nothing said the notebook was not, nor that its stub's def comes last."""
    shutil.copy(ROOT / "exercises" / f"{EX03}.py", tmp_path)
    notebook = json.loads((ROOT / "exercises" / f"{EX03}.ipynb").read_text(encoding="utf-8"))
    at = next(i for i, c in enumerate(notebook["cells"]) if "def weight_gradients" in "".join(c["source"]))
    notebook["cells"].insert(at, cell("def weight_gradients(dZ, A_prev):\n    return dZ @ A_prev.T, dZ\n"))
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    message = grade(tmp_path, EX03)[EX03].message
    assert message.startswith(f"{EX03}.ipynb was graded: {EX03}.py is as `backprop start` left it.") and \
        "weight_gradients is defined 2 times" in message, message
    shutil.copy(ROOT / "exercises" / f"{EX03}.ipynb", tmp_path)  # both as they were left: the .py, said nothing
    assert grade(tmp_path, EX03)[EX03].message == ""


def test_a_broken_notebook_beside_a_worked_py_leaves_the_py_graded(tmp_path):
    (tmp_path / f"{EX03}.py").write_text(solution(EX03), encoding="utf-8")
    (tmp_path / f"{EX03}.ipynb").write_text("<<<<<<< HEAD\n{}", encoding="utf-8")
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "passed"
    assert result.message == f"both {EX03}.py and {EX03}.ipynb are here; {EX03}.py was graded."


def test_a_misspelt_function_is_named_with_the_name_the_checks_call(tmp_path):
    misspelt = solution(EX03).replace("def weight_gradients(", "def weight_gradient(")
    (tmp_path / f"{EX03}.py").write_text(misspelt, encoding="utf-8")
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "failed" and result.score == 0
    assert result.message == (f"{EX03}.py defines weight_gradient but no weight_gradients: the checks call each "
                              "function by the name the exercise gives it, so rename weight_gradient to "
                              "weight_gradients.")


def test_welchs_names_and_methods_are_named_with_the_names_the_checks_call(tmp_path):
    """Welch Labs' notes name the cost costFunction and its gradient costFunctionPrime, as
    methods of their Neural_Network class: a learner who kept them was told only that the file
    defines no function cost."""
    welch = (ROOT / "tests" / "corpus" / "welch_class_py" / f"{EX07}.py").read_text(encoding="utf-8")
    (tmp_path / f"{EX07}.py").write_text(welch.split("# ---- what the exercise calls")[0], encoding="utf-8")
    assert grade(tmp_path, EX07)[EX07].message == (
        f"{EX07}.py defines forward, costFunction, costFunctionPrime only inside a class or a function, and the "
        "checks call forward, cost, cost_prime as functions of the file: write them at its top level (they may "
        "make the class and call its methods).")
    functions = "def costFunction(X, y, W1, W2):\n    return 0.0\n\n\ndef costFunctionPrime(X, y, W1, W2):\n" \
                "    return W1, W2\n"
    (tmp_path / f"{EX07}.py").write_text(solution(EX07).replace("def cost(", "def _cost(").replace(
        "def cost_prime(", "def _cost_prime(") + functions, encoding="utf-8")
    assert grade(tmp_path, EX07)[EX07].message == (
        f"{EX07}.py defines costFunction but no cost: the checks call each function by the name the exercise "
        f"gives it, so rename costFunction to cost. {EX07}.py defines costFunctionPrime but no cost_prime: the "
        "checks call each function by the name the exercise gives it, so rename costFunctionPrime to cost_prime.")


def test_a_function_kept_as_a_staticmethod_is_named_as_not_at_the_top_level(tmp_path):
    """A class of @staticmethods (no self) was told only "defines no function weight_gradients"."""
    body = solution(EX03).split("def weight_gradients(")[1].replace("\n    ", "\n        ")
    (tmp_path / f"{EX03}.py").write_text("import numpy as np\n\n\nclass Layer:\n    @staticmethod\n"
                                         "    def weight_gradients(" + body, encoding="utf-8")
    assert grade(tmp_path, EX03)[EX03].message.startswith(
        f"{EX03}.py defines weight_gradients only inside a class or a function, and the checks call weight_gradients")


def test_a_function_under_the_main_guard_is_named_as_there(tmp_path):
    """defs indented under `if __name__ == "__main__":` (to try them when the file is run) were
    said to be "inside a class or a function", which they are not; one def, as "functions"."""
    body = solution(EX03).split("import numpy as np")[1].replace("\n", "\n    ")
    (tmp_path / f"{EX03}.py").write_text('import numpy as np\n\nif __name__ == "__main__":' + body, encoding="utf-8")
    assert grade(tmp_path, EX03)[EX03].message == (
        f'{EX03}.py defines weight_gradients only under `if __name__ == "__main__":`, which runs when you run the '
        "file, not when it is checked, and the checks call weight_gradients as a function of the file: write it at "
        "its top level, above that line.")  # one function: not "as functions ...: write them"


def test_a_notebook_runs_as_main_as_in_jupyter(tmp_path):
    """Jupyter runs a notebook's cells as __main__, so a def under `if __name__ == "__main__":` in a
    cell is made there; the grader ran them as the exercise's module and told the learner that
    the def was "only inside a class or a function", every check failing."""
    body = solution(EX03).split("import numpy as np")[1].replace("\n", "\n    ")
    cells = ["import numpy as np", 'if __name__ == "__main__":' + body]
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(cells)), encoding="utf-8")
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "passed" and result.message == "", result.message


def _marimo(*cells):
    """A marimo notebook as marimo saves it, cells being (decorator, code) pairs."""
    return "import marimo\n\n__generated_with = \"0.14.10\"\napp = marimo.App(width=\"medium\")\n\n" + "".join(
        f"\n{decorator}\n{code}\n\n" for decorator, code in cells) + '\nif __name__ == "__main__":\n    app.run()\n'


def test_a_marimo_notebooks_functions_are_graded_as_importing_it_makes_them(tmp_path):
    """marimo saves a function whose cell holds it alone at the file's top level, under @app.function,
    and its setup cell as `with app.setup:`; importing the file defines them, and no @app.cell runs.
    The worker has no marimo: the whole file failed to load, "No module named 'marimo'"."""
    function = "def weight_gradients(" + solution(EX03).split("def weight_gradients(")[1]
    (tmp_path / f"{EX03}.py").write_text(_marimo(
        ("with app.setup(hide_code=True):", "    import marimo as mo\n    import numpy as np"),
        ("@app.cell", "def _():\n    mo.md('# dW and db')\n    return"),
        ("@app.function", function.split("\n\n\n")[0]),
        ("@app.cell(hide_code=True)", "def _():\n    1 / 0\n    return")), encoding="utf-8")
    assert grade(tmp_path, EX03)[EX03].status == "passed", grade(tmp_path, EX03)[EX03].message


def test_what_marimo_shows_does_nothing_and_the_functions_are_graded(tmp_path):
    """mo.md and mo.ui.slider in a setup cell, or at the top level of the flat script `marimo export
    script` makes: the stand-in had only App, and the whole file failed to load, "module 'marimo'
    has no attribute 'md'", to a learner whose marimo has it."""
    function = "def weight_gradients(" + solution(EX03).split("def weight_gradients(")[1].split("\n\n\n")[0]
    shown = ("mo.md(r'# dW and db')\nrate = mo.ui.slider(0.01, 1.0, value=0.1, label='rate')\n"
             "mo.hstack([rate, mo.md(f'rate: {rate.value}')])\nwith mo.status.spinner(title='training'):\n"
             "    mo.stop(rate.value is None, mo.callout('no rate', kind='warn'))\n")
    exported = f'__generated_with = "0.14.10"\n\n# %%\nimport marimo as mo\nimport numpy as np\n\n# %%\n{shown}'
    for text in (_marimo(("with app.setup:", "    import marimo as mo\n    import numpy as np\n"
                          + textwrap.indent(shown, "    ")), ("@app.function", function)),
                 f"{exported}\n# %%\n{function}\n"):
        (tmp_path / f"{EX03}.py").write_text(text, encoding="utf-8")
        result = grade(tmp_path, EX03)[EX03]
        assert result.status == "passed" and result.message == "", result.message


def test_functions_under_numbas_decorators_are_graded_as_python_runs_them(tmp_path):
    """A learner adds numba's @njit for speed (and @vectorize to a function of numbers); the worker has
    no numba: the whole file failed to load, "No module named 'numba'", 0 points for right answers."""
    ex01 = "ex01_sigmoid_derivative"
    numba = "import numpy as np\nfrom numba import float64, njit, vectorize"
    code = solution(ex01).replace("import numpy as np", numba)
    code = code.replace("\ndef sigmoid(", "\n@njit(cache=True)\ndef sigmoid(")
    code += "\n\n@vectorize([float64(float64)])\ndef relu_derivative(z):\n    return 1.0 if z > 0 else 0.0\n"
    (tmp_path / f"{ex01}.py").write_text(code, encoding="utf-8")
    assert grade(tmp_path, ex01)[ex01].status == "passed", grade(tmp_path, ex01)[ex01].message
    for options in ("", "nopython=True"):  # no signatures: a ufunc of the function's own types
        (tmp_path / f"{ex01}.py").write_text(code.replace("vectorize([float64(float64)])", f"vectorize({options})"),
                                             encoding="utf-8")
        assert grade(tmp_path, ex01)[ex01].status == "passed", grade(tmp_path, ex01)[ex01].message


def test_numbas_vectorize_returns_and_refuses_the_types_its_signatures_give(tmp_path):
    """numba's @vectorize with signatures makes a numpy ufunc: `float64(float64)` makes a `return 1` 1.0,
    and a float32(float32) ufunc refuses float64 arrays, as numpy refuses a cast that loses precision.
    The stand-in returned the function's own ints ("must hold floats", to a learner whose numba gives
    floats) and took float64 into a float32 signature."""
    relu = ('\n\n@vectorize(["int32(int32)", "float32(float32)", float64(float64)])\n'  # numba's docs' order
            "def relu_derivative(z):\n    return 1 if z > 0 else 0\n")
    code = solution(EX01).replace("import numpy as np", "import numpy as np\nfrom numba import float64, vectorize")
    (tmp_path / f"{EX01}.py").write_text(code + relu, encoding="utf-8")
    assert grade(tmp_path, EX01)[EX01].status == "passed", grade(tmp_path, EX01)[EX01].message
    tanh = '\n\n@vectorize(["float32(float32)"])\ndef tanh_derivative(z):\n    return 1 - np.tanh(z) ** 2\n'
    (tmp_path / f"{EX01}.py").write_text(code + tanh, encoding="utf-8")
    failed = [c.message for c in grade(tmp_path, EX01)[EX01].checks if not c.passed]
    assert failed and all("tanh_derivative raised TypeError: ufunc 'tanh_derivative' not supported for the input "
                          "types" in message for message in failed), failed


def test_numbas_stand_in_is_no_package_and_lists_no_names(tmp_path):
    """The stand-in answered every name, __path__ and __all__ too, with a type that indexes without end:
    `from numba.typed import List` looped in the import system until the statement was stopped (a .py's
    load: 10 s, then "did not return"), and `from numba import *` raised TypeError."""
    cells = ["from numba import *\nfrom numba.typed import List\n", solution(EX01)]
    (tmp_path / f"{EX01}.ipynb").write_text(json.dumps(colab_notebook(cells)), encoding="utf-8")
    result = grade(tmp_path, EX01)[EX01]
    assert result.status == "passed" and result.message.startswith(
        f"1 statement of {EX01}.ipynb raised and was skipped, and the rest still ran: an import of numba.typed "
        f"(line 2 of code cell 1 of {EX01}.ipynb)"), result.message

def test_a_function_in_a_marimo_cell_is_told_how_marimo_puts_it_at_the_top_level(tmp_path):
    """Older marimo, or a cell that uses another cell's np, keeps a def inside its cell's function,
    which importing the file does not run: "write it at its top level" was no way to do that in marimo."""
    function = "def weight_gradients(" + solution(EX03).split("def weight_gradients(")[1].split("\n\n\n")[0]
    (tmp_path / f"{EX03}.py").write_text(_marimo(
        ("@app.cell", "def __():\n    import numpy as np\n    return (np,)"),
        ("@app.cell", "def __(np):\n    " + function.replace("\n", "\n    ") + "\n    return (weight_gradients,)")),
        encoding="utf-8")
    assert grade(tmp_path, EX03)[EX03].message == (
        f"{EX03}.py defines weight_gradients only inside a marimo cell, which importing the file does not run, and "
        "the checks call weight_gradients as a function of the file: move your imports to marimo's setup cell and "
        "give it a cell of its own, which marimo saves at the file's top level as @app.function.")


def test_a_function_whose_name_a_test_cell_rebinds_is_told_so(tmp_path):
    """`weight_gradients = weight_gradients(dZ, A)` after the def was told "defines no function"."""
    cells = [solution(EX03), "dZ, A = np.ones((2, 3)), np.ones((4, 3))\nweight_gradients = weight_gradients(dZ, A)"]
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(cells)))
    assert grade(tmp_path, EX03)[EX03].checks[0].message.endswith(
        f"weight_gradients is not a function once {EX03}.ipynb has run: a line after its def assigns it a value of "
        "type tuple."), grade(tmp_path, EX03)[EX03].checks[0].message


def test_a_misspelt_function_is_looked_for_among_a_files_last_names_only(tmp_path):
    # the grading process compares each missing function with each name the worker sends:
    # a file of 190,000 near names cost it seconds a function, outside the worker's limits
    misspelt = solution(EX03).replace("def weight_gradients(", "def weight_gradient(")
    padded = misspelt + "\nfor _i in range(1000):  # the names searched\n    globals()[f'name{_i}'] = _i\n"
    (tmp_path / f"{EX03}.py").write_text(padded, encoding="utf-8")
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "failed" and "rename" not in result.message
    assert "defines no function weight_gradients" in result.checks[0].message


def test_a_namesake_of_megabytes_is_not_named(tmp_path):
    # "function" and "_" aside, weight_gradients_function_function... is weight_gradients: a name of
    # 9 MB, or a method of 1.8 MB, was named in the note, twice, an exercise's message of 18 MB
    renamed = solution(EX03).replace("def weight_gradients(", "def _reference(")
    for long in ("\nglobals()['weight_gradients' + '_function' * 1_000_000] = _reference\n",
                 f"\nclass Network:\n    def weight_gradients{'_function' * 200_000}(self):\n        pass\n"):
        (tmp_path / f"{EX03}.py").write_text(renamed + long, encoding="utf-8")
        result = grade(tmp_path, EX03)[EX03]
        assert result.status == "failed" and len(result.message) < 1000


def test_names_read_from_outside_a_function_are_named_a_few_and_short(tmp_path):
    # a wrong weight_gradients reading 8,000 names its file sets made a note of 450 KB: a file
    # can hold such a function for each exercise, and a name as long as the function's text
    names = [f"size{i}" for i in range(8_000)] + ["m" * 5_000]
    code = "\n".join(f"{n} = 1" for n in names) + f"\ndef weight_gradients(dZ, A_prev):\n    return [{', '.join(names)}]\n"
    (tmp_path / f"{EX03}.py").write_text(solution(EX03) + code, encoding="utf-8")
    result = grade(tmp_path, EX03)[EX03]
    assert "weight_gradients reads size0 (set at line " in result.message and len(result.message) < 1000


def test_a_failing_functions_text_parsed_by_the_grader_prints_nothing(tmp_path):
    # parsing it for the names it reads from outside, the grading process printed a warning of
    # Python 3.12 on its stderr for each line of it that held an invalid escape ("\\d")
    code = "\ndef weight_gradients(dZ, A_prev):\n" + "    pattern = '\\d'\n" * 3 + "    return dZ, A_prev\n"
    (tmp_path / f"{EX03}.py").write_text(solution(EX03) + code, encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert grade(tmp_path, EX03)[EX03].status == "failed"
    assert not [w for w in caught if "invalid escape sequence" in str(w.message)]


def test_a_time_cell_of_a_script_read_by_the_grader_prints_nothing(tmp_path):
    # an nbconvert script's %%time cell is parsed as it is read: Python 3.12 printed a warning on the grading
    # process's stderr for each such line holding an invalid escape, with the character after the backslash as
    # it is (an ESC for the instructor's terminal)
    cell = "get_ipython().run_cell_magic('time', '', 'pattern = \"\\\x1b[2J\\d\"\\n')\n" * 3
    text = f"#!/usr/bin/env python\n# coding: utf-8\n\n# In[1]:\n\n\n{solution(EX03)}\n\n# In[2]:\n\n\n{cell}"
    (tmp_path / f"{EX03}.py").write_text(text, encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert grade(tmp_path, EX03)[EX03].status == "passed"
    assert not [w for w in caught if "invalid escape sequence" in str(w.message)]


def test_a_complex_result_judged_by_the_grader_prints_nothing(tmp_path):
    # the catalogued mistakes' matchers of ex01, ex06 and ex08 read a reply as floats: a complex one printed numpy's
    # ComplexWarning on the grading process's stderr, or in the learner's notebook under check(), with the line of
    # the grader's rules module that read it
    code = "\n_right = sigmoid\n\ndef sigmoid(z):\n    return _right(z) + 0j\n"
    (tmp_path / f"{EX01}.py").write_text(solution(EX01) + code, encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = grade(tmp_path, EX01)[EX01]
    assert "must hold real floats; yours has dtype complex128" in result.checks[0].message
    assert not caught, [str(w.message) for w in caught]


def test_a_made_up_list_of_changed_arguments_is_named_in_a_line(tmp_path):
    # learner code can patch the worker's server to claim every argument changed, 12 MB of names:
    # the message names at most as many as the function takes, and none it does not take (a name
    # made up on a hidden case could hold its inputs: tests/security/test_secrecy.py)
    hostile = ("\nimport sys\nsys.modules['autograder.execution.server']._mutated = "
               "lambda after, before: ['dZ' + 'x' * 98] * 60000\n")
    (tmp_path / f"{EX03}.py").write_text(solution(EX03) + hostile, encoding="utf-8")
    unchanged = [c for c in grade(tmp_path, EX03)[EX03].checks if "unchanged" in c.name]
    assert "weight_gradients changed its argument ?, ? in place." in unchanged[0].message
    assert len(unchanged[0].message) < 400


def test_a_function_left_out_is_not_matched_with_another_function_of_the_exercise(tmp_path):
    # linear_activation_backward left out: linear_activation_forward, which ex05 asks for too, is as near
    # a name as a misspelling (difflib's ratio 0.86) but is not one
    ex05 = "ex05_l_layer"
    source = solution(ex05).replace("def linear_activation_backward(", "def backward_step(")
    (tmp_path / f"{ex05}.py").write_text(source, encoding="utf-8")
    result = grade(tmp_path, ex05)[ex05]
    missing = [c for c in result.checks if c.function == "linear_activation_backward"]
    assert missing and "defines no function linear_activation_backward" in missing[0].message
    assert "rename" not in result.message


def test_an_error_without_a_line_and_a_file_that_could_not_be_loaded_end_their_sentences(tmp_path):
    # a function that takes another number of arguments raises before any line of it runs
    (tmp_path / f"{EX03}.py").write_text(solution(EX03).replace("def weight_gradients(dZ, A_prev)",
                                                                "def weight_gradients(dZ, A_prev, m)"))
    result = grade(tmp_path, EX03)[EX03]
    assert "missing 1 required positional argument: 'm'.\n  The checks call weight_gradients(dZ, A_prev)," \
        in result.checks[0].message
    # a sentence of its own is not ended twice, nor a message ending in a space spaced twice
    (tmp_path / f"{EX03}.py").write_text('exec(compile("def weight_gradients(dZ, A_prev):\\n"\n'
                                         '             "    raise ValueError(\'Not yet.\')", "elsewhere", "exec"))\n')
    assert grade(tmp_path, EX03)[EX03].checks[0].message.endswith("raised ValueError: Not yet.")
    (tmp_path / f"{EX03}.py").write_text(solution(EX03).replace("def weight_gradients(dZ, A_prev):",
                                                                "def weight_gradients(dZ, A_prev):\n"
                                                                "    raise ValueError('broadcast ')"))
    assert "raised ValueError: broadcast (line " in grade(tmp_path, EX03)[EX03].checks[0].message
    (tmp_path / f"{EX03}.py").write_text("def weight_gradients(:\n")
    assert grade(tmp_path, EX03)[EX03].message.endswith(f"(line 1 of {EX03}.py).")


def test_a_notebook_of_another_language_says_its_kernel_and_that_python_is_run(tmp_path):
    nb = colab_notebook(["weight_gradients <- function(dZ, A_prev) {\n  dZ %*% t(A_prev)\n}\n"])
    nb["metadata"]["kernelspec"] = {"name": "ir", "display_name": "R", "language": "R"}
    (tmp_path / "odd").mkdir()  # metadata of any kind is read without a traceback
    (tmp_path / "odd" / f"{EX03}.ipynb").write_text(json.dumps({**nb, "metadata": {"kernelspec": None}}))
    assert grade(tmp_path / "odd", EX03)[EX03].status == "failed"
    long_name = {"kernelspec": {"language": "R" * 10**6}}  # a name of a million letters, said in part
    (tmp_path / "odd" / f"{EX03}.ipynb").write_text(json.dumps({**nb, "metadata": long_name}))
    assert len(grade(tmp_path / "odd", EX03)[EX03].message) < 1000
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    assert grade(tmp_path, EX03)[EX03].message.startswith(
        f"{EX03}.ipynb's kernel is R, and the grader runs its code as Python: open the exercise's notebook, "
        f"{EX03}.ipynb, which is Python, and write your answers there.")


def test_a_load_magic_left_unrun_is_named_with_what_to_do(tmp_path):
    """`%load ex03_weight_gradients.py` typed in a cell and saved unrun: only Jupyter fills the cell
    with the file's code, when it runs; the check said only that no cell defines weight_gradients.
    A %load that was run (its line commented out above the code) is not named."""
    unrun = colab_notebook(["import numpy as np\n", f"%load {EX03}.py", "dW, db = weight_gradients(dZ, A_prev)\n"])
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(unrun), encoding="utf-8")
    assert grade(tmp_path, EX03)[EX03].message.startswith(
        f"Code cell 2 of {EX03}.ipynb holds `%load {EX03}.py` alone: Jupyter puts that file's code in the cell "
        "only when you run it. Run the cell, then save the notebook and hand it in.")
    padded = colab_notebook(["import numpy as np\n", f"%load {EX03}.py" + "\n" * 1000 + solution(EX03)])
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(padded), encoding="utf-8")  # not alone: its code below
    assert "%load" not in grade(tmp_path, EX03)[EX03].message
    ran = colab_notebook(["import numpy as np\n", f"# %load {EX03}.py\n" + solution(EX03)])
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(ran), encoding="utf-8")
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "passed" and "%load" not in result.message, result.message


def test_what_reading_a_notebook_said_stays_when_it_is_graded_beside_the_py(tmp_path):
    """The learner's def in a cell turned markdown, the .py as `backprop start` left it beside the
    notebook, or a Colab copy beside the stub: the note on which file was graded replaced the one
    saying the def sits in a markdown cell, and the check said only "defines no function"."""
    notebook = json.loads((ROOT / "exercises" / f"{EX03}.ipynb").read_text(encoding="utf-8"))
    for c in notebook["cells"]:
        if "def weight_gradients" in "".join(c["source"]):
            c.update(cell_type="markdown", outputs=None, execution_count=None)
    shutil.copy(ROOT / "exercises" / f"{EX03}.py", tmp_path)
    markdown = f"{EX03}.ipynb writes weight_gradients in a markdown or raw cell, which does not run"
    for name in (f"{EX03}.ipynb", f"Copy of {EX03}.ipynb"):
        (tmp_path / name).write_text(json.dumps(notebook), encoding="utf-8")
        message = grade(tmp_path, EX03)[EX03].message
        assert message.startswith(f"{name} was graded: ") and markdown.replace(f"{EX03}.ipynb", name) in message, \
            message
        (tmp_path / name).unlink()


def test_ngs_unpacking_of_the_given_helpers_is_told_what_they_return(tmp_path):
    # Ng's linear_activation_forward pasted under ex05's helpers, which return A alone
    ng = NG_HELPERS.split("\n\n\ndef linear_activation_backward")[0].replace(
        "from dnn_utils import sigmoid, sigmoid_backward, relu, relu_backward\n", "")
    (tmp_path / "ex05_l_layer.py").write_text(solution("ex05_l_layer") + ng)
    checks = {c.name: c for c in grade(tmp_path, "ex05_l_layer")["ex05_l_layer"].checks}
    hint = "the exercise's given helpers return A alone (the course's return A and Z, its cache)"
    relu, sigmoid = checks['A = relu(Z) for activation "relu"'], checks['A = sigmoid(Z) for activation "sigmoid"']
    assert "too many values to unpack" in relu.message and hint in relu.message
    assert "A must have shape (2, 6); yours is (6,)." in sigmoid.message and hint in sigmoid.message


def test_the_given_helpers_are_not_explained_beside_another_failure(tmp_path):
    # relu for both activations: no unpacking, and nothing the given text says applies
    (tmp_path / "ex05_l_layer.py").write_text(solution("ex05_l_layer") + "\n\ndef linear_activation_forward("
                                              "A_prev, W, b, activation):\n    Z, linear_cache = linear_forward(A_prev, "
                                              "W, b)\n    return relu(Z), (linear_cache, Z)\n")
    sigmoid = next(c for c in grade(tmp_path, "ex05_l_layer")["ex05_l_layer"].checks if c.name.startswith("A = sigmoid"))
    assert not sigmoid.passed and "helpers return A alone" not in sigmoid.message, sigmoid.message


def test_matplotlib_in_a_notebook_is_told_where_to_keep_it_not_under_main(tmp_path):
    plotting = "def plot_gradients(dW):\n    import matplotlib.pyplot as plt\n    return plt\n"
    py = solution(EX03).replace("    m = ", "    plot_gradients(dZ)\n    m = ", 1)
    cells = ["import matplotlib.pyplot as plt", plotting, py]
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(cells)))
    result = grade(tmp_path, EX03)[EX03]
    advice = "No module named 'matplotlib' where your code is checked: it runs with numpy and Python's standard " \
             "library only. Your notebook may use it, but not the functions the checks call."
    assert f"an import of matplotlib.pyplot (line 1 of code cell 1 of {EX03}.ipynb), a module missing where your " \
           f"code is checked: it runs with numpy and Python's standard library only. {advice.split('. ')[1]}" \
        in result.message
    assert f"raised ModuleNotFoundError inside plot_gradients: {advice[:-1]} (line 2 of code cell 2" \
        in result.checks[0].message and "__main__" not in str(result)
    (tmp_path / f"{EX03}.ipynb").unlink()
    (tmp_path / f"{EX03}.py").write_text(plotting + py)  # a .py has its __main__
    assert 'what needs it under `if __name__ == "__main__":` (line 2' in grade(tmp_path, EX03)[EX03].checks[0].message


def test_a_cell_scripts_missing_imports_are_named_as_written_and_not_told_to_go(tmp_path):
    # a VS Code `# %%` script with a magic loads cell by cell: its functions pass, so the note only says what
    # was skipped; Python names 'google' missing, where the learner wrote google.colab
    cells = "# %%\n%pip install torch\nimport torch.nn as nn\nfrom google.colab import drive\n\n# %%\n" + solution(EX03)
    (tmp_path / f"{EX03}.py").write_text(cells)
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "passed", result
    assert f"imports of torch.nn and google.colab (the first at line 3 of {EX03}.py), modules missing " \
           "where your code is checked: it runs with numpy and Python's standard library only. Your file may use " \
           "them, but not the functions the checks call" in result.message, result.message
    assert "__main__" not in result.message


def test_a_missing_module_imported_as_np_is_told_to_be_numpy(tmp_path):
    """Colab's GPU notebooks import cupy as np, autograd's users its numpy: skipped, np is not set for any
    function, and "may use it, but not the functions the checks call" did not say what to write instead."""
    for line, name in (("import cupy as np", "cupy"), ("from autograd import numpy as np", "autograd")):
        code = solution(EX03).replace("import numpy as np", line)
        (tmp_path / f"{EX03}.py").write_text(f"# %%\n%pip install {name}\n# %%\n{code}")
        result = grade(tmp_path, EX03)[EX03]
        assert result.status == "failed" and f"Your file may use it, but not the functions the checks call: write " \
            f"`import numpy as np` for them, not {name}." in result.message, result.message


def test_a_scripts_missing_module_imported_as_np_is_told_to_be_numpy(tmp_path):
    """A plain script that imports autograd's numpy as np fails to load at that line, and was told "Remove the
    import": its functions' every np.exp and np.sum would then raise NameError; numpy is what they need. Where
    the module is installed, as autograd is on the learner's machine (pytest here), the sandbox refuses it."""
    for line, name in (("import autograd.numpy as np", "autograd"), ("from autograd import numpy as np", "autograd"),
                       ("import pytest as np", "pytest")):
        (tmp_path / f"{EX03}.py").write_text(solution(EX03).replace("import numpy as np", line))
        result = grade(tmp_path, EX03)[EX03]
        assert result.status == "error" and f"No module named '{name}' where your code is checked: it runs with " \
            "numpy and Python's standard library only. Write `import numpy as np` for your functions, and keep " \
            f'what needs {name} under `if __name__ == "__main__":` (line' in result.message, result.message


def test_a_skipped_import_of_a_name_too_long_for_a_file_is_not_the_graders_failure(tmp_path):
    """Whether a module Python says is missing sits beside the notebook was asked with Path.is_file, which raises
    for a name longer than a file's may be (90 CJK letters are 270 bytes): the submission was the grader's failure,
    every exercise 0, and graded again by each --resume."""
    name = "\u6f22" * 90
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook([f"import {name}\n", solution(EX03)])),
                                            encoding="utf-8")
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "passed" and f"an import of {name} (line 1 of code cell 1 of {EX03}.ipynb)" \
        in result.message, result.message

def test_the_search_for_a_skipped_imports_name_is_bounded(tmp_path):
    """A learner's ImportError may name any module: 100 statements on a 2 MiB line, each raising one of 2,000
    characters ("a.a...b is not available where", not written on the line), made the grading process search the
    line 100 times, 217 s for one notebook (a batch ends a grading process at 250 s, the grader's failure), and
    compile 300 patterns of 4,000 characters, 12 s. Only the line's first 1,000 characters are searched, and a
    module's name of up to 100 is listed with the imports; a longer one is a statement that raised."""
    long = "b" * 101
    cells = ["x = 0; " * 150 + "import google.colab\n", f"import {long}\n", solution(EX03)]
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(cells)), encoding="utf-8")
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "passed" and f"an import of google (line 1 of code cell 1 of {EX03}.ipynb)" \
        in result.message and f"line 1 of code cell 2 of {EX03}.ipynb raised ModuleNotFoundError" in result.message, \
        result.message

def test_what_a_skipped_import_binds_is_read_from_its_own_line(tmp_path):
    """The note searched the whole file for `import cupy as np` (and `from testCases import *`) for each missing
    module: 100 of them over 2 MiB took the grading process 3 s, and a line that never ran counted."""
    code = solution(EX03)
    (tmp_path / f"{EX03}.py").write_text(f"# %%\n%pip install cupy\nimport cupy\nif False:\n    import cupy as np\n"
                                         f"# %%\n{code}")
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "passed" and "an import of cupy (line 3" in result.message, result.message
    assert "write `import numpy as np`" not in result.message


def test_a_size_read_from_the_notebook_rather_than_the_arguments_is_named(tmp_path):
    """Ng's notebooks set `m = X.shape[1]` in a cell; a function that uses that m is off by the
    ratio of the sizes on every check, which the values alone do not explain."""
    cells = ["import numpy as np\nA_prev = np.ones((4, 5))\nm = A_prev.shape[1]\nsquare = lambda x: x * x\n",
             "def weight_gradients(dZ, A_prev):\n    dW = 1 / m * np.dot(dZ, A_prev.T)\n"
             "    db = square(1) / A_prev.shape[1] * np.sum(dZ, axis=1, keepdims=True)\n    return dW, db\n"]
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(cells)), encoding="utf-8")
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "failed" and "weight_gradients reads m (set at line 3 of code cell 1 of " \
        "ex03_weight_gradients.ipynb) from outside it: the checks call it on their own inputs" in result.message
    assert "square" not in result.message  # a function it calls is not a size
    cells[1] = cells[1].replace("dW = 1 / m", "m = A_prev.shape[1]\n    dW = 1 / m")  # its own m: right
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(cells)), encoding="utf-8")
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "passed" and "reads" not in result.message, result.message


def test_what_the_top_level_sets_is_looked_for_in_the_function_graded_alone(tmp_path):
    """The last def is graded, and its lines run to the next at the file's left edge that is
    not a comment: a first def's reads and the top level's own are not the function's."""
    (tmp_path / f"{EX03}.py").write_text(
        "import numpy as np\nm = 5\nn = 3\n\n\ndef weight_gradients(dZ, A_prev):\n"
        "    return np.dot(dZ, A_prev.T) / n, None\n\n\ndef weight_gradients(dZ, A_prev):\n"
        "    dW = np.dot(dZ, A_prev.T)\n# a comment at the left edge, inside the function\n"
        "    return dW / m, np.sum(dZ, axis=1, keepdims=True) / A_prev.shape[1]\nprint(n)\n", encoding="utf-8")
    message = grade(tmp_path, EX03)[EX03].message
    assert f"weight_gradients reads m (set at line 2 of {EX03}.py) from outside it" in message, message
    assert "n (set at" not in message, message


def test_a_top_level_store_the_function_writes_into_is_not_read_from_outside(tmp_path):
    """CS231n keeps the running mean and variance in bn_param; a learner without it keeps them in a
    dict of the file's that batchnorm_forward updates. That is state the function writes, not an
    input of the file's that it reads: its failure (here over the wrong axis) is not told so."""
    (tmp_path / "ex10_batchnorm.py").write_text(
        "import numpy as np\nbn_param = {'momentum': 0.9, 'running_mean': 0.0}\n\n\n"
        "def batchnorm_forward(Z, gamma, beta, eps=1e-5):\n"
        "    mu, var = Z.mean(axis=0), Z.var(axis=0)\n"
        "    bn_param['running_mean'] = bn_param['momentum'] * bn_param['running_mean'] + 0.1 * mu\n"
        "    Z_norm = (Z - mu) / np.sqrt(var + eps)\n"
        "    return gamma * Z_norm + beta, (Z, Z_norm, mu, var, gamma, beta, eps)\n", encoding="utf-8")
    result = grade(tmp_path, "ex10_batchnorm")["ex10_batchnorm"]
    assert result.status == "failed" and "ex10/normalised-wrong-axis" in str(result), result.message
    assert "from outside it" not in result.message, result.message

def test_a_switch_the_function_tests_is_not_read_from_outside(tmp_path):
    """`if DEBUG: import ipdb; ipdb.set_trace()` (PyCharm) failed on the import, and the note led first to
    DEBUG, "what depends on the inputs must come from its arguments": a flag tested alone is a switch, not
    an input. m, read beside it, is still told."""
    (tmp_path / f"{EX03}.py").write_text(
        "import numpy as np\nDEBUG = True\nm = 5\n\n\ndef weight_gradients(dZ, A_prev):\n"
        "    if DEBUG:\n        print(dZ.shape)\n"
        "    return np.dot(dZ, A_prev.T) / m, np.sum(dZ, axis=1, keepdims=True) / m\n", encoding="utf-8")
    message = grade(tmp_path, EX03)[EX03].message
    assert message.startswith(f"weight_gradients reads m (set at line 3 of {EX03}.py) from outside it:"), message
    assert "DEBUG" not in message, message


def test_a_logger_the_function_writes_to_is_not_read_from_outside(tmp_path):
    """A script's `log = logging.getLogger(__name__)`, which weight_gradients logs its shapes to: the note led with
    log, "what depends on the inputs must come from its arguments", above the missing 1/m that is the mistake."""
    (tmp_path / f"{EX03}.py").write_text(
        "import logging\nimport numpy as np\nlog = logging.getLogger(__name__)\n\n\ndef weight_gradients(dZ, A_prev):\n"
        "    log.debug('dZ %s', dZ.shape)\n    return np.dot(dZ, A_prev.T), np.sum(dZ, axis=1, keepdims=True)\n",
        encoding="utf-8")
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "failed" and "ex03/missing-1-over-m" in str(result), result.message
    assert "from outside it" not in result.message, result.message


def test_a_def_that_was_skipped_is_not_said_to_read_from_outside(tmp_path):
    """A script's argparse and config.json above the functions: `threshold=THRESHOLD`, read from the missing file,
    made the def raise, so the function never existed; the note led with what its body reads (a size of the file's),
    before the note of the file that was missing, which is the whole story."""
    cells = ["import json\nimport numpy as np\nsize = 5\n",
             "with open('config.json') as fh:\n    CONFIG = json.load(fh)\nSCALE = CONFIG['scale']\n",
             "def weight_gradients(dZ, A_prev, scale=SCALE):\n"
             "    return np.dot(dZ, A_prev.T) / size, np.sum(dZ, axis=1, keepdims=True) / size\n"]
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(cells)), encoding="utf-8")
    message = grade(tmp_path, EX03)[EX03].message
    assert "from outside it" not in message and "'config.json'" in message, message


def test_a_default_is_not_read_from_outside_and_a_callee_that_reads_is_told(tmp_path):
    """Ng's gradient checking with EPSILON a global: `gradient_check(..., epsilon=EPSILON)` reads it once, as a
    default, and passes its epsilon on; numerical_gradient, whose own checks pass, reads EPSILON in its loop, so
    gradient_check fails with epsilon = 1e-2. The note named gradient_check's default and not the callee."""
    (tmp_path / "ex06_gradient_check.py").write_text(
        "import numpy as np\nEPSILON = 1e-7\nTHRESHOLD = 2e-7\n\n\ndef numerical_gradient(f, theta, epsilon=EPSILON):\n"
        "    grad = np.zeros(np.shape(theta))\n    for i in np.ndindex(np.shape(theta)):\n"
        "        plus, minus = np.array(theta, dtype=float), np.array(theta, dtype=float)\n"
        "        plus[i] += EPSILON\n        minus[i] -= EPSILON\n"
        "        grad[i] = (float(f(plus)) - float(f(minus))) / (2 * EPSILON)\n    return grad\n\n\n"
        "def relative_difference(grad, grad_approx):\n    if np.shape(grad) != np.shape(grad_approx):\n"
        "        raise ValueError('shapes differ')\n"
        "    den = np.linalg.norm(grad) + np.linalg.norm(grad_approx)\n"
        "    return 0.0 if den == 0 else float(np.linalg.norm(grad - grad_approx) / den)\n\n\n"
        "def gradient_check(f, theta, grad, epsilon=EPSILON, threshold=THRESHOLD):\n"
        "    difference = relative_difference(grad, numerical_gradient(f, theta, epsilon))\n"
        "    return difference, difference < threshold\n", encoding="utf-8")
    result = grade(tmp_path, "ex06_gradient_check")["ex06_gradient_check"]
    assert result.status == "failed", result.message
    assert result.message.startswith("numerical_gradient reads EPSILON (set at line 2 of ex06_gradient_check.py) "
                                     "from outside it:"), result.message
    assert "gradient_check reads" not in result.message and "THRESHOLD" not in result.message, result.message


def test_an_argument_called_is_not_the_files_function_of_that_name(tmp_path):
    """numerical_gradient's f(plus) calls its argument f. The learner's own test function, also f, at the top level,
    reads a matrix A of the file: the note followed the call to it, and led, twice, with "f reads A", a function no
    check calls, above the real failure (a denominator without its 2)."""
    (tmp_path / "ex06_gradient_check.py").write_text(
        "import numpy as np\nA = np.array([[2.0, 1.0], [1.0, 3.0]])\n\n\ndef f(theta):\n"
        "    return float(theta @ A @ theta)\n\n\ndef numerical_gradient(f, theta, epsilon=1e-7):\n"
        "    grad = np.zeros(np.shape(theta))\n    for i in np.ndindex(np.shape(theta)):\n"
        "        plus, minus = np.array(theta, dtype=float), np.array(theta, dtype=float)\n"
        "        plus[i] += epsilon\n        minus[i] -= epsilon\n"
        "        grad[i] = (float(f(plus)) - float(f(minus))) / epsilon\n    return grad\n", encoding="utf-8")
    result = grade(tmp_path, "ex06_gradient_check")["ex06_gradient_check"]
    assert result.status == "failed", result.message
    assert "reads A" not in result.message, result.message


def test_a_table_of_functions_the_function_calls_into_is_not_read_from_outside(tmp_path):
    """A dict of lambdas at the top level, DERIVATIVES[activation](Z1), picks the activation's derivative: it is
    no input of the file's, and the note sent a learner whose dZ1 was transposed to it. m is still told."""
    (tmp_path / "ex04_hidden_delta.py").write_text(
        "import numpy as np\nDERIVATIVES = {'tanh': lambda z: 1 - np.tanh(z) ** 2}\nm = 5\n\n\n"
        "def hidden_delta(dZ2, W2, Z1, activation='tanh'):\n"
        "    return (W2.T @ dZ2) * DERIVATIVES[activation](Z1) / m\n", encoding="utf-8")
    message = grade(tmp_path, "ex04_hidden_delta")["ex04_hidden_delta"].message
    assert message.startswith("hidden_delta reads m (set at line 3 of ex04_hidden_delta.py) from outside it:"), message
    assert "DERIVATIVES" not in message, message


def test_a_type_alias_in_the_hints_is_not_read_from_outside(tmp_path):
    """numpy.typing's `FloatArray = NDArray[np.float64]` at the top, in the hints of a failing function's
    arguments, its return and a local: no computation reads it, yet the note led with it. m is still told."""
    (tmp_path / f"{EX03}.py").write_text(
        "import numpy as np\nfrom numpy.typing import NDArray\nFloatArray = NDArray[np.float64]\nm = 5\n\n\n"
        "def weight_gradients(dZ: FloatArray, A_prev: FloatArray) -> tuple[FloatArray, FloatArray]:\n"
        "    dW: FloatArray = dZ @ A_prev.T / m\n"
        "    return dW, np.sum(dZ, axis=1, keepdims=True) / A_prev.shape[1]\n", encoding="utf-8")
    message = grade(tmp_path, EX03)[EX03].message
    assert message.startswith(f"weight_gradients reads m (set at line 4 of {EX03}.py) from outside it:"), message
    assert "FloatArray" not in message, message


def test_a_line_separator_in_a_comment_does_not_move_the_line_a_note_names(tmp_path):
    """The note numbers lines as Python and the worker do, not as str.splitlines, which breaks at U+2028."""
    (tmp_path / f"{EX03}.py").write_text(
        "import numpy as np  # pasted\u2028from a page\nm = 5\n\n\ndef weight_gradients(dZ, A_prev):\n"
        "    return np.dot(dZ, A_prev.T) / m, np.sum(dZ, axis=1, keepdims=True) / m\n", encoding="utf-8")
    message = grade(tmp_path, EX03)[EX03].message
    assert f"weight_gradients reads m (set at line 2 of {EX03}.py) from outside it" in message, message


@pytest.mark.parametrize("character", ["\u2028", "\x0c", "\x85", "\x1e"])
def test_a_line_separator_pasted_into_a_comment_or_string_is_not_a_line_break(tmp_path, character):
    """str.splitlines breaks lines at these, Python does not: a cell split there would not parse."""
    code = f"import numpy as np  # pasted{character}from a page\nNOTE = 'a{character}b'\n"
    notebook = colab_notebook([solution(EX03).replace("import numpy as np\n", "")])  # the cell above imports it
    notebook["cells"].insert(1, {"cell_type": "code", "execution_count": None, "metadata": {},
                                 "outputs": [], "source": code})  # one string: nbformat allows it
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    (tmp_path / f"{EX07}.py").write_text(solution(EX07).replace("import numpy as np",
                                         f"import numpy as np  # pasted{character}here", 1), encoding="utf-8")
    compile(code, "cell", "exec")  # Python reads it whole
    graded = grade(tmp_path, EX03, EX07)
    assert graded[EX03].status == "passed", graded[EX03].message
    assert graded[EX07].status == "passed", graded[EX07].message


def test_the_defs_of_a_function_are_found_in_one_reading_of_the_file(tmp_path):
    # a notebook defining relu_derivative 55,000 times: counting each def's line from the top
    # of the file took the grading process 33 s, once for the note and again for each check
    class Tallied(str):  # a text that adds up how much of it count() reads
        read = 0

        def count(self, sub, start=0, end=None):
            Tallied.read += (len(self) if end is None else end) - start
            return str.count(self, sub, start, end)

    text = Tallied("def relu_derivative(z):\n    return z\n" * 50_000)
    source = submission.Source("ex01_sigmoid_derivative", tmp_path / "ex01_sigmoid_derivative.py", text)
    assert source.def_lines("relu_derivative") == list(range(1, 100_000, 2))
    assert Tallied.read <= len(text)



def test_a_large_file_is_not_parsed_to_find_a_functions_def_lines(tmp_path):
    """A .py of 2 MiB (`x=1;` 520,000 times) whose sigmoid a later line makes an int: to say where its def
    stands, the grading process parsed the whole file, 5 s and 1.3 GiB of its own (the worker's compile took 1 s
    and 0.7 GiB, within its limits). A text over RAN_CHARACTERS is searched, not parsed."""
    import tracemalloc

    code = "import numpy as np\ndef sigmoid(z):\n    return z\n" + "x=1;" * 100_000 + "\nsigmoid = 1\n"
    (tmp_path / f"{EX01}.py").write_text(code, encoding="utf-8")
    tracemalloc.start()
    try:
        result = grade(tmp_path, EX01)[EX01]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    said = f"sigmoid is not a function once {EX01}.py has run: a line after its def assigns it a value of type int."
    assert said in result.checks[0].message, result.checks[0].message
    assert peak < 100 * 2**20, f"{peak / 2**20:.0f} MiB"  # parsed: 260 MiB


def test_the_cells_of_a_notebook_are_parsed_within_one_bound_to_find_def_lines(tmp_path, monkeypatch):
    """Cells each under RAN_CHARACTERS, each with a def of sigmoid: each was parsed: 3 of 99,000 `a` lines took the
    grading process 2.9 s and 243 MiB to grade a wrong sigmoid, 0.9 s and 56 MiB unparsed. The bound is the file's."""
    parsed = []
    monkeypatch.setattr(submission, "syntax_nodes", lambda text, real=submission.syntax_nodes: (
        parsed.append(len(text)), real(text))[1])
    cell = "def sigmoid(z):\n    return z\n" + "x=1;" * 20_000 + "\n"
    source = submission.Source(EX01, tmp_path / f"{EX01}.ipynb", cell * 5, cells=tuple(range(1, 16, 3)))
    assert source.def_lines("sigmoid") == list(range(1, 16, 3))  # each cell's def counts, parsed or not
    assert sum(parsed) <= submission.RAN_CHARACTERS, parsed


def test_a_py_parsed_for_its_def_lines_keeps_no_syntax_tree(tmp_path):
    """A .py just under RAN_CHARACTERS, 99,000 `a` lines, parsed to say where sigmoid's def stands: its syntax tree
    stayed with the file's Source, 74 MiB, for the whole submission's grading (ten such files: 740 MiB)."""
    import tracemalloc

    tracemalloc.start()
    try:
        source = submission.Source(EX01, tmp_path / f"{EX01}.py", "def sigmoid(z):\n    return z\n" + "a\n" * 99_000)
        assert source.def_lines("sigmoid") == [1]
        held = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert held < 20 * 2**20, f"{held / 2**20:.0f} MiB"  # the lines where statements start, and the text's lines

@pytest.mark.parametrize("helper, said", [
    ("import numpy as np\nscale = undefined_scale * 2\n", "NameError: name 'undefined_scale' is not defined"),
    ("import numpy as np\ndef col_sum(x)\n    return x\n", "SyntaxError: expected ':'"),
    ("import numpy as np\nfrom numpy import col_summer\n", "ImportError: cannot import name 'col_summer' from 'numpy'"),
])
@pytest.mark.parametrize("run", ["%run helpers.py", "%run -i helpers.py", "import helpers"])
def test_an_error_in_a_file_a_writefile_cell_wrote_is_told_where_it_ran(tmp_path, helper, said, run):
    """`%%writefile helpers.py`, then `%run helpers.py` or `import helpers`: an error in the file was
    passed over in silence, where IPython shows its traceback, and the learner saw only later
    that a function was missing or wrong. The worker runs the module where the cell writes it."""
    cells = ["%%writefile helpers.py\n" + helper, run, solution(EX03)]
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(cells)))
    result = grade(tmp_path, EX03)[EX03]
    cell, line = (2, 1) if run.startswith("%run") else (1, 1)  # an import: where the cell wrote and ran the module
    kind, _, message = said.partition(": ")
    assert result.status == "passed" and f"line {line} of code cell {cell} of {EX03}.ipynb raised {kind}: " \
           f"{'%run helpers.py' if run.startswith('%run') else 'the module helpers.py'} stopped at line 2 of " \
           f"helpers.py: {message}" in result.message, result.message


@pytest.mark.parametrize("name, imported", [
    ("code", "from code import col_sum"), ("types", "import types\ncol_sum = types.col_sum"),
    ("test", "from test import col_sum"), ("math", "from math import col_sum"),
    ("statistics", "import statistics as st\ncol_sum = st.col_sum"),
])
def test_a_module_written_with_the_name_of_pythons_own_is_told_so(tmp_path, name, imported):
    """`%%writefile code.py`, then `from code import col_sum`: a Jupyter kernel puts the notebook's
    folder after the standard library on sys.path (IPython 7.2 on), so Python's module code is
    imported, not the learner's file; the grader made theirs of test.py and, for code.py, said only
    that col_sum was not in code. %run code.py runs the file all the same."""
    helper = "import numpy as np\n\ndef col_sum(x):\n    return np.sum(x, axis=1, keepdims=True)\n"
    body = solution(EX03).replace("np.sum(dZ, axis=1, keepdims=True)", "col_sum(dZ)")
    cells = [f"%%writefile {name}.py\n{helper}", imported, body]
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(cells)))
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "failed" and f": {name}.py has the name of Python's own module {name}, which " \
           f"`import {name}` gives, in Jupyter too: rename it my_{name}.py." in result.message, result.message
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook([cells[0], f"%run {name}.py", body])))
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "passed" and result.message == "", result.message


@pytest.mark.parametrize("decorator", ["@functools.lru_cache(maxsize=None)", "@lru_cache", "@functools.cache"])
def test_a_cache_on_a_function_of_arrays_is_told_so(tmp_path, decorator):
    """An assistant's `@lru_cache` on a function of arrays: the cache hashes the arguments, so every
    call raises `TypeError: unhashable type: 'numpy.ndarray'` before a line of the learner's runs,
    and the message, which has no line to show, says what raised it."""
    body = solution(EX03).replace("def weight_gradients(", f"{decorator}\ndef weight_gradients(")
    (tmp_path / f"{EX03}.py").write_text("import functools\nfrom functools import lru_cache\n" + body)
    result = grade(tmp_path, EX03)[EX03]
    said = [c.message for c in result.checks if not c.passed]
    assert result.score == 0 and said and all(
        "unhashable type: 'numpy.ndarray': a cache such as @functools.lru_cache keeps results by the arguments, "
        "and a numpy array cannot be a key. Remove the decorator" in m for m in said), said


def test_the_names_a_grader_line_binds_are_looked_up_not_tried_one_by_one(tmp_path):
    """The grading process told which lines assign a grader call's result by trying, at each `x = y(` line, each name
    that a `# bound by the grader's line:` comment lists, as one alternation: a learner's file may type that comment
    out, and 120,000 names over as many lines (1.4 MB) took it 45 s for each such file, where a skipped statement
    is noted (a batch ends a grading process at twice a submission's time, and the whole submission is lost).
    Here, what the note says of such a file; test_bounded_regexes times the search over 180,000 names."""
    names = " ".join(f"a{i:x}" for i in range(1_000))
    cells = [f"# bound by the grader's line: {names}\n_ = '''\n" + "x=a(\n" * 1_000 + "'''",
             "from autograder import check\nr = check('ex03')\nprint(r.score)", "undefined_name", solution(EX03)]
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(cells)), encoding="utf-8")
    result = grade(tmp_path, EX03)[EX03]
    assert result.status == "passed" and "NoneType" not in result.message, result.message  # r.score: r is None
    assert f"line 1 of code cell 3 of {EX03}.ipynb raised NameError" in result.message, result.message


def test_a_notebook_statement_the_sandbox_refused_is_flagged_for_a_look(tmp_path):
    """A cell that crashed the learner's kernel (ctypes) or read the grader's files is refused here and skipped:
    the exercise passed with nothing flagged, so neither the class page nor the CSV named it, while nbgrader,
    whose kernel died on that cell, scored the notebook 0 (walk-through of an instructor's term)."""
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(
        [solution(EX03), "import ctypes\nctypes.string_at(0)"])), encoding="utf-8")
    result = conftest.grade(tmp_path, [catalog.BY_ID[EX03]])
    ex03 = result.exercises[0]
    assert ex03.status == "passed" and ex03.flag == "refused by the sandbox", (ex03.flag, ex03.message)
    flags = attention.flags(report.submission_dict(result))
    assert [(f.exercise, f.kind) for f in flags] == [(EX03, "refused by the sandbox")]
    assert "ctypes" in flags[0].message


def test_a_notebooks_os_chdir_is_no_flag_as_its_cd_magic_is_none(tmp_path):
    """Colab notebooks change to their Drive folder, by `%cd` or by os.chdir, and write there: the magic is passed
    over, while the calls, refused (the working folder stays), flagged a right notebook "refused by the sandbox"
    on the class page."""
    (tmp_path / f"{EX03}.ipynb").write_text(json.dumps(colab_notebook(
        [solution(EX03), "%cd /content/drive/MyDrive/course", "import os\nos.chdir('/content/drive/MyDrive/course')",
         "os.makedirs('/content/out', exist_ok=True)", "open('/tmp/losses.txt', 'w').write('0.1')"])),
        encoding="utf-8")
    result = conftest.grade(tmp_path, [catalog.BY_ID[EX03]])
    ex03 = result.exercises[0]
    assert ex03.status == "passed" and not ex03.flag, (ex03.flag, ex03.message)
    assert "working folder" in ex03.message, ex03.message  # still said to the learner
    assert attention.flags(report.submission_dict(result)) == []
