"""What `backprop check` says when a learner's function hangs, raises or changes its argument:
one sentence in the learner's words, that names the function and what to look for."""
import json
import re
import sys

import numpy as np
import pytest

from autograder import catalog
import conftest
from conftest import ROOT

EX01 = "ex01_sigmoid_derivative"
EX03 = "ex03_weight_gradients"
EX05 = "ex05_l_layer"


def failed(folder, exercise_id, tail, **options) -> dict:
    """{check's name: message} of the failing checks of the solution with tail appended (a def redefined)."""
    text = (ROOT / "solutions" / f"{exercise_id}.py").read_text(encoding="utf-8") + tail
    (folder / f"{exercise_id}.py").write_text(text, encoding="utf-8")
    result = conftest.grade(folder, [catalog.BY_ID[exercise_id]], **options).exercises[0]
    return {c.name: c.message for c in result.checks if not c.passed}


def first_message(folder, exercise_id, tail, **options):
    """The first failing check's message of the solution with tail appended."""
    return next(iter(failed(folder, exercise_id, tail, **options).values()))


def notebook_note(folder, exercise_id, cells):
    """The exercise's message (the notes of its load) of a notebook: the solution, then cells."""
    code = (ROOT / "solutions" / f"{exercise_id}.py").read_text(encoding="utf-8")
    (folder / f"{exercise_id}.ipynb").write_text(json.dumps({
        "nbformat": 4, "nbformat_minor": 5, "metadata": {},
        "cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": c}
                  for c in [code, *cells]]}), encoding="utf-8")
    return conftest.grade(folder, [catalog.BY_ID[exercise_id]]).exercises[0].message


def test_a_function_that_does_not_return_is_told_so_once_with_the_limit_and_what_to_look_for(tmp_path):
    """It said "sigmoid did not return in time (did not return within 2 s)": the same thing twice."""
    message = first_message(tmp_path, EX01, "\ndef sigmoid(z):\n    while True:\n        pass\n",
                            limits={"call_timeout": 1}).splitlines()[-1]
    assert message == ("sigmoid did not return within 1 s: is there a loop that never ends, "
                       "or a very slow loop over the examples?")


def test_a_broadcast_error_of_a_sum_that_lost_its_axis_says_keepdims(tmp_path):
    """numpy's "could not be broadcast together with shapes (4,5) (4,)" is most often a sum or a
    mean without keepdims=True, a (4, 1) column become (4,): say so, and only for such shapes."""
    lost = "    db = np.sum(dZ, axis=1) / m\n    return dZ @ A_prev.T / m, dZ - db\n"
    message = first_message(tmp_path, EX03, "\ndef weight_gradients(dZ, A_prev):\n    m = A_prev.shape[1]\n" + lost)
    assert "could not be broadcast together with shapes (4,5) (4,) (line " in message
    assert message.endswith("\n  (4,) is (4, 1) without its last axis: did a sum, mean or max lose keepdims=True, "
                            "as in np.sum(..., axis=1, keepdims=True)?")
    other = "    return dZ @ A_prev.T, dZ + A_prev\n"  # (4,5) (3,5): no axis lost
    message = first_message(tmp_path, EX03, "\ndef weight_gradients(dZ, A_prev):\n" + other)
    assert "shapes (4,5) (3,5)" in message and "keepdims" not in message


def test_a_returned_column_that_lost_its_axis_says_keepdims(tmp_path):
    """ex10's dgamma = np.sum(dout * Z_norm, axis=1), shape (4,): the check said only that gamma is (4, 1); explain
    said keepdims. Said only for a column's missing axis, not for a row's."""
    backward = ("\ndef batchnorm_backward(dout, cache):\n    Z, Z_norm, mu, var, gamma, beta, eps = cache\n"
                "    dZ = gamma / np.sqrt(var + eps) * (dout - dout.mean(axis=1, keepdims=True)"
                " - Z_norm * (dout * Z_norm).mean(axis=1, keepdims=True))\n")
    messages = failed(tmp_path, "ex10_batchnorm", backward + "    return dZ, np.sum(dout * Z_norm, axis=1), "
                      "np.sum(dout, axis=1, keepdims=True)\n")
    said = "dgamma must have the shape of gamma, (4, 1); yours is (4,). It is the column without its second axis " \
           "(keepdims=True keeps it)."
    assert any(said in m for m in messages.values()), messages
    messages = failed(tmp_path, "ex10_batchnorm", backward + "    return dZ[0], gamma, np.sum(dout, axis=1, "
                      "keepdims=True)\n")  # a row (6,) of a (4, 6): no column lost
    assert messages and not any("keepdims" in m for m in messages.values()), messages
    messages = failed(tmp_path, "ex10_batchnorm", backward + "    return dZ.T, gamma, np.sum(dout, axis=1, "
                      "keepdims=True)\n")  # (6, 4) for a (4, 6): the same test of a shape says transposed
    assert any("dZ must have the shape of Z, (4, 6); yours is (6, 4). It is transposed." in m
               for m in messages.values()), messages


def test_a_matmul_of_sizes_that_differ_names_them_as_columns_and_rows(tmp_path):
    """numpy's "matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature
    (n?,k),(k,m?)->(n?,m?) (size 5 is different from 4)" names no shape a learner wrote."""
    message = first_message(tmp_path, EX03, "\ndef weight_gradients(dZ, A_prev):\n    return dZ @ A_prev, dZ\n")
    assert "gufunc" not in message and ("raised ValueError: matmul (@) of a (..., 5) by a (3, ...): the left factor's "
                                        "5 columns must be as many as the right factor's 3 rows; ") in message, message


def test_a_function_raising_inside_one_that_passes_its_checks_is_told_to_look_at_what_it_passes(tmp_path):
    """Ng's L_model_backward with caches[l] where caches[l - 1] belongs raises in linear_backward, a right function:
    the learner read only a matmul error at a line of linear_backward."""
    text = (ROOT / "solutions" / f"{EX05}.py").read_text(encoding="utf-8")
    wrong = text.replace('grads[f"dA{l}"], caches[l - 1], "relu")', 'grads[f"dA{l}"], caches[l], "relu")')
    assert wrong.count("caches[l], ") == 1
    said = ("L_model_backward raised inside linear_backward, whose own checks pass: compare the arguments "
            "L_model_backward passes down to it with those of linear_backward's checks; either they are wrong, or "
            "linear_backward fails on inputs its checks do not try.")
    for code, told in ((wrong, True), (wrong.replace("dA_prev = W.T @ dZ", "dA_prev = W @ dZ"), False)):
        (tmp_path / f"{EX05}.py").write_text(code, encoding="utf-8")
        result = conftest.grade(tmp_path, [catalog.BY_ID[EX05]]).exercises[0]
        assert (said in result.message) is told, result.message  # not when linear_backward fails its own checks


def test_a_callee_whose_checks_pass_is_not_said_right_where_it_raises_on_what_they_do_not_try(tmp_path):
    """np.squeeze(dZ) in linear_backward passes its public checks (3 units) and raises on L_model_backward's output
    layer of one unit: the note told the learner to look at L_model_backward's arguments, not at the line that
    raised, which is the one at fault."""
    text = (ROOT / "solutions" / f"{EX05}.py").read_text(encoding="utf-8")
    (tmp_path / f"{EX05}.py").write_text(text.replace("    dA_prev = W.T @ dZ\n", "    dZ = np.squeeze(dZ)\n"
                                                      "    dA_prev = W.T @ dZ\n"), encoding="utf-8")
    message = conftest.grade(tmp_path, [catalog.BY_ID[EX05]]).exercises[0].message
    assert "L_model_backward raised inside linear_backward, whose own checks pass" in message, message
    assert "or linear_backward fails on inputs its checks do not try." in message, message


def test_float_of_a_one_entry_array_says_newer_numpy_refuses_it(tmp_path):
    """float(J) of a (1, 1) cost passed with a warning in older numpy, and raises in numpy 2.4: where it raises, the
    learner, whose own numpy took it, reads why and what to write; where it does not, it is right."""
    tail = ("\ndef compute_cost(A2, Y):\n"
            "    return float(-np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2), keepdims=True))\n")
    messages = failed(tmp_path, "ex02_output_delta", tail)
    try:
        float(np.ones((1, 1)))
    except TypeError:
        assert messages and all((
            "compute_cost raised TypeError: only 0-dimensional arrays can be converted to Python scalars: float(), "
            "int() and math's functions take one number, and the numpy your code is checked with no longer takes it "
            "from an array of shape (1, 1) or (1,)") in m and "Write a.item() for an array a's one number" in m
            for m in messages.values()), messages
    else:
        assert messages == {}, messages


def test_a_change_through_a_view_of_an_argument_says_the_view_shares_its_memory(tmp_path):
    """`AT = A_prev.T; AT /= m` was told as "changed its argument A_prev" alone: the learner
    changed AT, and did not know that A_prev.T is A_prev's memory."""
    view = ("\ndef weight_gradients(dZ, A_prev):\n    m = A_prev.shape[1]\n    AT = A_prev.T\n    AT /= m\n"
            "    return dZ @ AT, np.sum(dZ, axis=1, keepdims=True) / m\n")
    message = first_message(tmp_path, EX03, view)
    assert "weight_gradients changed its argument A_prev in place." in message
    assert message.endswith("\n  A_prev.T is a view of A_prev's own memory, as np.transpose, .reshape and slices "
                            "are: changing it in place (/=, -=, [...] =) changes A_prev; use A_prev.T.copy(), or "
                            "write a new array (x = x / m, not x /= m).")
    message = first_message(tmp_path, EX03, view.replace("AT /= m", "AT[...] = AT / m").replace(
        "AT = A_prev.T", "AT = A_prev[:, :].T"))
    assert message.endswith("\n  A_prev[:, :] is a view of A_prev's own memory, as np.transpose, .reshape and "
                            "slices are: changing it in place (/=, -=, [...] =) changes A_prev; use "
                            "A_prev[:, :].copy(), or write a new array (x = x / m, not x /= m).")
    direct = view.replace("    AT = A_prev.T\n    AT /= m\n", "    A_prev /= m\n").replace(
        "dZ @ AT", 'np.einsum("ij,kj->ik", dZ, A_prev)')
    message = first_message(tmp_path, EX03, direct)
    assert "changed its argument A_prev in place." in message and "view" not in message


def test_a_function_that_exits_is_told_which_line_ended_it_and_that_it_must_return(tmp_path):
    """`raise SystemExit` said "sigmoid raised SystemExit:  (line ...)", sys.exit() the same."""
    for line in ("raise SystemExit", "sys.exit()", 'sys.exit("shape wrong")'):
        message = first_message(tmp_path, EX01, f"\nimport sys\n\ndef sigmoid(z):\n    {line}  # stop\n")
        assert message.splitlines()[-1] == (
            f"sigmoid stopped at `{line}` (line 155 of {EX01}.py), which raises SystemExit: a function that is "
            "checked must return its result, not end the program.")


def test_a_breakpoint_left_in_a_function_is_told_as_a_debugger_that_quit(tmp_path):
    """A breakpoint() or pdb.set_trace() left in (Spyder, VS Code) opens pdb, which reads the worker's empty
    stdin and quits: it said "sigmoid raised BdbQuit (line ...)", a name learners never met. Python 3.13's
    debugger stops on the call's own line (153), older ones on the next line run (154)."""
    stopped = 153 if sys.version_info >= (3, 13) else 154
    for line in ("breakpoint()", "import pdb; pdb.set_trace()"):
        message = first_message(tmp_path, EX01, f"\ndef sigmoid(z):\n    {line}\n    return 1 / (1 + np.exp(-z))\n")
        assert message.splitlines()[-1] == (
            "sigmoid stopped in the debugger that a breakpoint() or pdb.set_trace() started; no one can type its "
            "commands where your code is checked, so it quit: remove that call, on or just above the line where it "
            f"stopped (line {stopped} of {EX01}.py).")


def test_an_installed_debugger_left_in_a_function_is_told_as_a_debugger(tmp_path):
    """`import ipdb; ipdb.set_trace()` inside a function (PyCharm, Jupyter): the call raised "No module named
    'ipdb'" with the advice to remove the import, which left `ipdb.set_trace()` to raise NameError next."""
    for module in ("ipdb", "pudb"):
        message = first_message(tmp_path, EX01, f"\ndef sigmoid(z):\n    import {module}; {module}.set_trace()\n"
                                                "    return 1 / (1 + np.exp(-z))\n")
        assert message.splitlines()[-1] == (
            f"sigmoid raised ModuleNotFoundError: No module named '{module}': {module} is a debugger, not installed "
            "where your code is checked, and no one could type its commands there: remove the lines that import and "
            f"start it (line 153 of {EX01}.py)."), message


def test_a_learners_exception_named_as_a_stop_of_the_workers_is_told_as_theirs(tmp_path):
    """A class of the learner's named OutputLimit read as the worker's output limit ("sigmoid printed or wrote
    too much", so flagged), one named BdbQuit as a debugger left in, even one that says it is bdb's."""
    for name in ("OutputLimit", "DiskLimit", "StatementTimeout", "BdbQuit"):
        text = (ROOT / "solutions" / f"{EX01}.py").read_text(encoding="utf-8") + (
            f"\nclass {name}(Exception):\n    __module__ = 'bdb'\n\n"
            f"def sigmoid(z):\n    raise {name}('shapes differ')\n")
        (tmp_path / f"{EX01}.py").write_text(text, encoding="utf-8")
        check = next(c for c in conftest.grade(tmp_path, [catalog.BY_ID[EX01]]).exercises[0].checks
                     if c.function == "sigmoid")
        assert check.message.splitlines()[-1] == (f"sigmoid raised {name} (your code's exception): shapes differ "
                                                  f"(line 156 of {EX01}.py)."), check.message
        assert check.flag == "", name


def test_a_function_out_of_memory_says_so_in_a_sentence(tmp_path):
    """It said "sigmoid raised MemoryError: (a submission may use 4 GiB of memory) (line ...)"."""
    message = first_message(tmp_path, EX01, "\ndef sigmoid(z):\n    return [0.0] * 10**11\n")
    assert message.splitlines()[-1] == (
        f"sigmoid ran out of memory (MemoryError): a submission may use 4 GiB of memory (line 153 of {EX01}.py).")


def test_a_function_or_a_statement_that_prints_too_much_is_told_in_words_not_the_graders_type(tmp_path):
    """It said "sigmoid raised OutputLimit: printed more than ...", and a notebook's statement
    "...: OutputLimit: printed more than ...": OutputLimit is the worker's name, not Python's."""
    flood = "\ndef sigmoid(z):\n    while True:\n        print('x' * 1000)\n"
    text = (ROOT / "solutions" / f"{EX01}.py").read_text(encoding="utf-8") + flood
    (tmp_path / f"{EX01}.py").write_text(text, encoding="utf-8")
    result = conftest.grade(tmp_path, [catalog.BY_ID[EX01]], limits={"max_output_bytes": 2**20}).exercises[0]
    check = next(c for c in result.checks if c.function == "sigmoid")
    assert check.message.splitlines()[-1] == ("sigmoid printed more than the 1 MiB a submission may print; its output "
                                              f"was cut off (line 154 of {EX01}.py).")
    assert check.flag == "printed or wrote too much"
    (tmp_path / f"{EX01}.py").write_text(f"{text}\nsigmoid(0)\n", encoding="utf-8")  # at load
    result = conftest.grade(tmp_path, [catalog.BY_ID[EX01]], limits={"max_output_bytes": 2**20}).exercises[0]
    assert result.message.startswith(f"{EX01}.py could not be loaded: it printed more than the 1 MiB a submission may "
                                     f"print; its output was cut off (line 154 of {EX01}.py). Code outside the "
                                     "functions runs when the file is loaded"), result.message  # a training loop's
    (tmp_path / f"{EX01}.py").unlink()
    note = notebook_note(tmp_path, EX01, ["for i in range(10**4):\n    print('x' * 1000)"])
    assert note == (f"1 statement of {EX01}.ipynb raised and was skipped, and the rest still ran: line 1 of code cell "
                    f"2 of {EX01}.ipynb printed more than the 8 MiB a submission may print; its output was cut "
                    "off."), note


def test_a_function_that_must_raise_and_prints_too_much_is_told_in_words(tmp_path):
    """hidden_delta must raise ValueError for an activation it does not know; one that printed
    past the limit there was told it "raised OutputLimit", the worker's type, not Python's."""
    ex04 = "ex04_hidden_delta"
    flood = ("\n_delta = hidden_delta\n\ndef hidden_delta(dZ2, W2, Z1, activation='tanh'):\n"
             "    while activation not in ('tanh', 'sigmoid', 'relu'):\n        print('unknown' * 1000)\n"
             "    return _delta(dZ2, W2, Z1, activation)\n")
    (tmp_path / f"{ex04}.py").write_text((ROOT / "solutions" / f"{ex04}.py").read_text(encoding="utf-8") + flood,
                                         encoding="utf-8")
    result = conftest.grade(tmp_path, [catalog.BY_ID[ex04]], limits={"max_output_bytes": 2**20}).exercises[0]
    check = next(c for c in result.checks if "raises ValueError" in c.name)
    assert re.search(r"\nhidden_delta must raise ValueError here; it printed more than the 1 MiB a submission may "
                     rf"print; its output was cut off \(line \d+ of {ex04}.py\)\.$", check.message), check.message


def test_a_skipped_statement_that_raised_without_a_message_is_quoted(tmp_path):
    """A notebook's `raise SystemExit` cell and a failed bare assert were told as "SystemExit: ." and
    "AssertionError: ;" in the note of what was skipped: the statement itself says what it was."""
    note = notebook_note(tmp_path, EX01, ["raise SystemExit", "z = 2\nassert sigmoid(z) < 0.5   # my guess"])
    assert note.endswith(f"line 1 of code cell 2 of {EX01}.ipynb raised SystemExit at `raise SystemExit`; line 2 "
                         f"of code cell 3 of {EX01}.ipynb raised AssertionError at `assert sigmoid(z) < 0.5`."), note


def test_an_entry_of_a_returned_cache_is_named_as_the_learner_names_it(tmp_path):
    """"cache[3]: 4 of 4 entries differ" made a learner count the tuple to find var: the
    contract's name of the entry is said beside its index."""
    wrong = ("\ndef batchnorm_forward(Z, gamma, beta, eps=1e-5):\n"
             "    mu = np.mean(Z, axis=1, keepdims=True)\n    var = np.mean((Z - mu) ** 2, axis=1, keepdims=True)\n"
             "    Z_norm = (Z - mu) / np.sqrt(var + eps)\n"
             "    return gamma * Z_norm + beta, (Z, Z_norm, mu, np.sqrt(var), gamma, beta, eps)\n")
    message = first_message(tmp_path, "ex10_batchnorm", wrong)
    assert "\ncache[3] (var): 4 of 4 entries differ from the expected values" in message
    assert "cache[2]" not in message


def test_pythons_did_you_mean_comes_after_the_advice_on_a_name_no_cell_defines(tmp_path):
    """"name 'plot' is not defined. Did you mean: 'split'?: no cell of ... defines plot" ran two
    sentences together at "?:"."""
    note = notebook_note(tmp_path, EX01, ["from numpy import *\nplot(sigmoid(1.0))"])
    assert note.endswith(f"line 2 of code cell 2 of {EX01}.ipynb raised NameError: name 'plot' is not defined: no "
                         f"cell of {EX01}.ipynb defines plot, and only it is read where your code is checked: "
                         "define plot in it, or did you mean split?"), note
    note = notebook_note(tmp_path, EX01, ["sigmod(1.0)"])  # a misspelling of the file's own name
    assert note.endswith("NameError: name 'sigmod' is not defined. Did you mean: 'sigmoid'?"), note


def test_a_name_is_suggested_only_among_those_the_learners_code_set_or_imported(tmp_path):
    """Databricks' `spark` was told "Did you mean: 'super'?", a builtin that difflib found close enough."""
    note = notebook_note(tmp_path, EX01, ['planar = spark.read.format("csv").load("/FileStore/tables/planar.csv")'])
    assert note.endswith(f"line 1 of code cell 2 of {EX01}.ipynb raised NameError: name 'spark' is not defined."), note


def test_a_tools_own_function_is_not_to_be_defined_by_the_learner(tmp_path):
    """Deepnote saves a SQL block as a call of its _deepnote_execute_sql, which the note told the
    learner to "define ... in it", as if it were a helper of theirs from another file."""
    sql = "df_1 = _deepnote_execute_sql('SELECT * FROM results', 'SQL_DEEPNOTE_DATAFRAME_SQL')\ndf_1"
    note = notebook_note(tmp_path, EX01, [sql])
    assert note.endswith(f"line 1 of code cell 2 of {EX01}.ipynb raised NameError: name '_deepnote_execute_sql' is not "
                         "defined."), note


def test_a_builtin_one_slip_away_is_suggested_and_no_further(tmp_path):
    """pritn(x) and rnage(3) got no "Did you mean" once builtins were left out for spark -> super: one
    letter changed, added or left out, or two swapped, is a slip; idx is not id, nor lenght len, nor cap map."""
    note = notebook_note(tmp_path, EX01, ["pritn(sigmoid(1.0))", "for i in rnage(3):\n    pass"])
    assert f"cell 2 of {EX01}.ipynb raised NameError: name 'pritn' is not defined. Did you mean: 'print'?; " \
        in note, note
    assert note.endswith("NameError: name 'rnage' is not defined. Did you mean: 'range'?"), note
    note = notebook_note(tmp_path, EX01, ["idx + 1", "n = lenght([1.0, 2.0])", "prnt = spark"])
    assert "did you mean" not in note.lower() and note.count("NameError: name '") == 3, note
    note = notebook_note(tmp_path, EX01, ["print(cap.stdout)"])
    assert note.endswith("NameError: name 'cap' is not defined."), note


def test_gradients_whose_sign_alone_is_wrong_are_told_in_one_line(tmp_path):
    """dZ = Y - AL at the output flips every gradient of L_model_backward: a 4-layer network's check
    said so in 12 blocks alike, one an array; one line names them all and the sign."""
    flipped = ("\ndef L_model_backward(AL, Y, caches):\n    grads = {}\n    L = len(caches)\n"
               "    linear_cache, ZL = caches[L - 1]\n    dZL = Y - AL  # the output's delta\n"
               '    grads[f"dA{L - 1}"], grads[f"dW{L}"], grads[f"db{L}"] = linear_backward(dZL, linear_cache)\n'
               "    for l in range(L - 1, 0, -1):\n"
               '        grads[f"dA{l - 1}"], grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(\n'
               '            grads[f"dA{l}"], caches[l - 1], "relu")\n    return grads\n')
    message = failed(tmp_path, EX05, flipped)["grads of a 4-layer network are the numerical gradients"]
    assert message.splitlines()[1] == (
        "dA0, dA1, dA2, dA3, dW1, db1, dW2, db2, dW3, db3, dW4 and db4: every entry has the opposite sign to the "
        "numerical gradient's, as if multiplied by -1 (12 arrays).")
    assert "first at index" not in message and "ex05/dAL-sign-flipped" in message


def test_an_entry_of_a_cache_within_a_cache_is_named_and_its_layer(tmp_path):
    """A flat cache's entries were named ("cache[3] (var)"), but not those of ex05's nested caches,
    ((A_prev, W, b), Z) a layer: "caches[2][0][0] must have shape (3, 10)" left the learner to count."""
    output_cached = ("\ndef linear_activation_forward(A_prev, W, b, activation):\n"
                     "    Z, linear_cache = linear_forward(A_prev, W, b)\n"
                     '    A = sigmoid(Z) if activation == "sigmoid" else relu(Z)\n'
                     "    return A, ((A, W, b), Z)\n")
    messages = failed(tmp_path, EX05, output_cached)
    assert "\ncache[0][0] (A_prev) must have shape (4, 5); yours is (3, 5)." in messages[
        "cache is the tuple (linear_cache, Z), with linear_cache = (A_prev, W, b)"]
    assert messages["caches holds ((A[l-1], W[l], b[l]), Z[l]) of layer l at index l - 1, for l = 1 .. 3"].endswith(
        "\ncaches[2][0][0] (A_prev of layer 3) must have shape (3, 10); yours is (1, 10).")


def test_a_name_not_defined_is_not_said_to_take_one_example_for_granted(tmp_path):
    """A function reading K, Keras' backend, whose import the load skipped, raised NameError on every case; on the
    hidden case of one example the message went on "does your code take m > 1 for granted?", of no use there."""
    unset = ("\ndef weight_gradients(dZ, A_prev):\n    m = examples(A_prev)\n"
             "    return dZ @ A_prev.T / m, np.sum(dZ, axis=1, keepdims=True) / m\n")
    message = failed(tmp_path, EX03, unset, checks="hidden", secret="a course's secret")["dW and db on one example"]
    assert message.startswith("weight_gradients raised NameError") and "for granted" not in message, message


def test_an_error_on_one_example_says_the_inputs_held_one(tmp_path):
    """`assert A_prev.shape[1] > 1`, too strict, was told with the learner's own error alone, on a
    hidden check whose case no line describes: the checks' inputs had m = 1, and their shapes say so."""
    strict = ("\ndef weight_gradients(dZ, A_prev):\n    m = A_prev.shape[1]\n    assert A_prev.shape[1] > 1\n"
              "    return dZ @ A_prev.T / m, np.sum(dZ, axis=1, keepdims=True) / m\n")
    messages = failed(tmp_path, EX03, strict, checks="hidden", secret="a course's secret")
    assert list(messages) == ["dW and db on one example"]
    said = messages["dW and db on one example"].splitlines()
    assert said[0].startswith("weight_gradients raised AssertionError: your own `assert A_prev.shape[1] > 1` failed")
    assert re.fullmatch(r"  The checks passed it one example, m = 1 \(dZ \d x 1, A_prev \d x 1\): does your code "
                        r"take m > 1 for granted\?", said[1]), said
    # the arrays in a dict and in a tuple too: they were left out, and L_model_forward's said X alone
    strict = ("\n_forward, _backward = L_model_forward, linear_backward\n"
              "def L_model_forward(X, parameters):\n    assert X.shape[1] > 1\n    return _forward(X, parameters)\n"
              "def linear_backward(dZ, cache):\n    assert dZ.shape[1] > 1\n    return _backward(dZ, cache)\n")
    messages = failed(tmp_path, EX05, strict, checks="hidden", secret="a course's secret")
    one = r"\n  The checks passed it one example, m = 1 "
    assert re.search(one + r"\(X \d x 1, W1 \d x \d, b1 \d x 1, W2 \d x \d, b2 \d x 1, W3 \d x \d and [23] more\): ",
                     messages["AL and caches on one example"])
    assert re.search(one + r"\(dZ (\d) x 1, cache\[0\] (\d) x 1, cache\[1\] \1 x \2, cache\[2\] \1 x 1\): ",
                     messages["dA_prev, dW and db on one example"])


def test_a_name_set_only_in_a_cell_below_its_use_is_told_as_the_order_the_cells_run_in(tmp_path):
    """A notebook run out of order in Jupyter (a decorator or helper moved to a cell at the bottom, run
    first) was told "used names not set when they ran", which in the learner's kernel they were."""
    cells = ["@keeps_shape\ndef relu(z):\n    return np.maximum(z, 0)", "print(relu(-1.0), twice(1.0))",
             "def keeps_shape(f):\n    return f", "twice = lambda x: 2 * x"]
    note = notebook_note(tmp_path, EX01, cells)
    assert note.endswith("2 statements that used names not set when they ran (keeps_shape and relu); keeps_shape "
                         "is set only in a cell below its first use: the cells run from the top, as Restart & Run All "
                         "runs them, whatever order you ran them in, so move that cell up."), note
    note = notebook_note(tmp_path, EX01, ["a = leaky(-1.0)", "b = twice(a)", "def leaky(z):\n    return 0.0",
                                          "twice = lambda x: 2 * x"])
    assert note.endswith("(leaky and twice); leaky and twice are set only in cells below their first use: the cells "
                         "run from the top, as Restart & Run All runs them, whatever order you ran them in, so move "
                         "those cells up."), note
    # z set below only as a def's parameter and local, total later in its own cell: no cell moved up sets either
    cells = ["print(sigmoid(z).shape)", "print(total)\ntotal = 0", "def show(z):\n    print(z)",
             "def demo():\n    z = np.zeros(3)\n    return z"]
    note = notebook_note(tmp_path, EX01, cells)
    assert note.endswith("2 statements that used names not set when they ran (z and total)."), note


def test_a_result_kept_between_calls_of_the_same_shapes_is_told_as_such(tmp_path):
    """A learner who remembers each result by the shapes of the arguments (for a training loop's
    epochs) is right on the first case of each shape and wrong on the next: "cost is 0.338311;
    expected 2.45517" on a hidden check, beside a public one of the same shapes that passed, gave no
    lead. A function wrong the same way on every case is not told so."""
    kept = ("\n_kept = {}\n\ndef remember(f):\n    def wrapper(A2, Y):\n"
            "        return _kept.setdefault((f.__name__, A2.shape), f(A2, Y))\n    return wrapper\n\n"
            "compute_cost = remember(compute_cost)\noutput_delta = remember(output_delta)\n")
    (tmp_path / "ex02_output_delta.py").write_text(
        (ROOT / "solutions" / "ex02_output_delta.py").read_text(encoding="utf-8") + kept, encoding="utf-8")
    result = conftest.grade(tmp_path, [catalog.BY_ID["ex02_output_delta"]], checks="all", secret="a course's secret")
    assert result.exercises[0].message == (
        'compute_cost returned on "cost of a single example" exactly what it returned on "cost of a single example '
        '(m = 1)", other inputs of the same shapes (output_delta too): does it keep a result between calls (a cache '
        "keyed by the shapes)? Compute each result from its call's arguments."), result.exercises[0].message
    zeros = "\ndef output_delta(A2, Y):\n    return np.zeros_like(A2)\n"
    assert "keep a result" not in first_message(tmp_path, "ex02_output_delta", zeros, checks="all", secret="s")
    huge = ("\n_right, _seen = compute_cost, set()\n\ndef compute_cost(A2, Y):\n    if A2.shape in _seen:\n"
            "        return 10 ** 400\n    _seen.add(A2.shape)\n    return _right(A2, Y)\n")  # compared with 0.69
    messages = failed(tmp_path, "ex02_output_delta", huge, checks="all", secret="s")  # made every exercise an error
    assert messages and all("cannot be compared" in m for m in messages.values()), messages


def test_a_grader_bug_in_one_exercise_leaves_the_others_graded(tmp_path, monkeypatch):
    """A note that raised (the kept-result note once did, on 10**400) made every exercise of the
    submission "could not be graded". A bug stands in for it here: the one raising inside ex03's
    notes, made by replacing the note with one that raises, since no input of today's grader does."""
    from autograder import grading

    real = grading._kept_notes

    def failing(planned, replies, results):
        if planned.exercise.id == EX03:
            raise KeyError("a grader bug")
        return real(planned, replies, results)

    monkeypatch.setattr(grading, "_kept_notes", failing)
    result = conftest.grade(conftest.correct(tmp_path), [e for e in catalog.EXERCISES if e.part == 1])
    by_id = {e.id: e for e in result.exercises}
    assert (by_id[EX03].status, by_id[EX03].flag) == ("error", "grader failed")
    assert by_id[EX03].message == (f"{EX03} could not be graded: the grader failed (KeyError: 'a grader bug'), "
                                   "not your code.")
    assert result.incomplete  # never saved, so that --resume grades it again
    assert all(e.status == "passed" and e.score == e.max_score for e in result.exercises if e.id != EX03)


def test_a_pool_of_processes_is_told_as_refused_to_the_learners_code(tmp_path):
    """A learner "speeding up" a loop over examples with multiprocessing's Pool was told only "weight_gradients
    raised PermissionError: [Errno 13] Permission denied": the kernel refuses the Pool's lock (a semaphore in
    /dev/shm) before the audit hook sees a process start, so no sentence said why. A ThreadPool (Jupyter's
    advice, where Pool cannot pickle a notebook's function) makes that lock too."""
    for pool in ("from multiprocessing import Pool", "from concurrent.futures import ProcessPoolExecutor as Pool",
                 "from multiprocessing.pool import ThreadPool as Pool"):
        tail = (f"\n{pool}\n\ndef weight_gradients(dZ, A_prev):\n    with Pool(2) as pool:\n"
                "        dW = sum(pool.map(np.outer, dZ.T, A_prev.T))\n    return dW, dW\n")
        message = first_message(tmp_path, EX03, tail).splitlines()[-1]
        assert message.startswith("weight_gradients raised PermissionError: [Errno 13] Permission denied: "
                                  "multiprocessing's pools (Pool, ThreadPool) and a ProcessPoolExecutor cannot run "
                                  "where your code is checked. Compute in the function itself"), message


def test_a_learners_exception_worded_as_pythons_odd_character_is_not_the_graders_failure(tmp_path):
    """Python says "invalid character '…' (U+2026)"; a learner's own exception so worded, with U+ZZ, made the grader
    read ZZ as hex and raise: ex01 was "grader failed ..., not your code", never saved, and graded at every --resume."""
    (tmp_path / f"{EX01}.py").write_text((ROOT / "solutions" / f"{EX01}.py").read_text(encoding="utf-8")
                                         + '\nraise ValueError("invalid character U+ZZ")\n', encoding="utf-8")
    result = conftest.grade(tmp_path, [catalog.BY_ID[EX01]])
    assert not result.incomplete and result.exercises[0].flag != "grader failed", result.exercises[0].message
    assert "could not be loaded: it raised ValueError: invalid character U+ZZ (line " in result.exercises[0].message
    (tmp_path / "notebook").mkdir()  # a notebook's statement, skipped: its note
    assert "code cell 2 of ex01_sigmoid_derivative.ipynb raised ValueError: invalid character U+ZZ." in notebook_note(
        tmp_path / "notebook", EX01, ['raise ValueError("invalid character U+ZZ")'])


def test_a_key_written_in_another_case_is_said_to_be_one(tmp_path):
    """Ng's logistic regression names its gradient dw, and a learner who kept the habit returned dw1 .. dw3:
    "gradients lacks the keys dW3, dW2, dW1", with the dw keys the check had set aside unsaid."""
    tail = ("\n_right = backward_propagation_with_regularization\n\n"
            "def backward_propagation_with_regularization(X, Y, cache, lambd):\n"
            "    return {key.replace('dW', 'dw'): value for key, value in _right(X, Y, cache, lambd).items()}\n")
    messages = failed(tmp_path, "ex09_regularization", tail)
    keys = messages["with L2 regularization, gradients has the eleven keys dZ3 .. db1, each of the shape of what it "
                    "is the gradient of"]
    assert keys.endswith("gradients lacks the keys dW3, dW2, dW1 and has keys it should not: dw3, dw2, dw1. "
                         "A key's case counts: dw3 is not dW3."), keys


def test_a_key_read_in_another_case_is_said_to_be_held_in_its_own(tmp_path):
    """update_parameters reading grads["dw1"], Week 2's habit, where the grads it is given hold dW1: the check
    said only "raised KeyError: 'dw1'"."""
    tail = ("\n\ndef update_parameters(parameters, grads, learning_rate):\n    new = {}\n"
            "    for key, value in parameters.items():\n"
            "        new[key] = value - learning_rate * grads['d' + key.lower()]\n    return new\n")
    message = first_message(tmp_path, "ex05_l_layer", tail)
    assert "update_parameters raised KeyError: 'dw1' (line " in message, message
    assert message.endswith("grads holds dW1, not dw1: a key's case counts."), message
    tail = tail.replace("key.lower()", "key.lower() + 'x'")  # a key no dict holds in any case: nothing more said
    assert first_message(tmp_path, "ex05_l_layer", tail).endswith(".py)."), tail


def test_the_check_a_negative_cost_fails_writes_J_as_the_positive_mean_of_the_losses(tmp_path):
    """Its name said J = -(1/m) * sum of the losses, a minus too many: L carries the minus
    already, and the mistake told under that name says J comes out positive."""
    negative = "\ndef compute_cost(A2, Y):\n    return float(np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)))\n"
    named = {n: m for n, m in failed(tmp_path, "ex02_output_delta", negative).items() if "sum of the losses" in n}
    assert list(named) == ["cost is J = (1/m) * sum of the losses L(A2, Y), as a float"], list(named)
    assert "ex02/cost-sign-flipped" in named[list(named)[0]]


def test_a_number_where_a_column_belongs_is_told_the_shape_not_to_be_an_array(tmp_path):
    """db = np.sum(dZ) / m, as in the course's logistic regression: "db must be a numpy array; yours
    is a float64" sent the learner to np.array(db), a 0-d array, instead of to the axis; the shape alone did not
    say which axis, nor that np.sum without one adds up every entry."""
    summed = ("\ndef weight_gradients(dZ, A_prev):\n    m = A_prev.shape[1]\n"
              "    return dZ @ A_prev.T / m, np.sum(dZ) / m\n")
    message = failed(tmp_path, EX03, summed)["dW and db have the shapes of W and b"].splitlines()[1]
    assert message == ("db must be an array of the shape of b, (4, 1); yours is a single number, a float64. np.sum (or "
                       "np.mean) without axis= adds up every entry into one number; the column needs one sum for each "
                       "row, over the examples: np.sum(..., axis=1, keepdims=True)."), message


def test_the_softmax_jacobians_sum_names_the_gradient_it_is_given_apart_from_the_derivative(tmp_path):
    """It said "dz_k must add up da_i * da_i/dz_k": one name for the gradient softmax_backward is
    given and for the numerator of the Jacobian's entry. The given gradient is the argument dA."""
    diagonal = "\ndef softmax_backward(dA, Z):\n    A = softmax(Z)\n    return dA * A * (1 - A)\n"
    message = first_message(tmp_path, "ex08_softmax_cross_entropy", diagonal)
    assert "ex08/diagonal-jacobian-only" in message and "da_i * da_i" not in message
    assert "dA[i, j] * da_i/dz_k over every class i" in " ".join(message.split()), message


def test_a_broadcast_error_of_shapes_that_fit_a_matrix_product_says_at(tmp_path):
    """W2.T * dZ2, (4, 2) by (2, 7), said only numpy's "could not be broadcast together with shapes (4,2) (2,7)":
    with one output unit, Ng's planar data, (4, 1) * (1, 7) had given the product's values. Say @, in either order."""
    hidden = "\ndef hidden_delta(dZ2, W2, Z1, activation='tanh'):\n    return ({}) * (1 - np.tanh(Z1) ** 2)\n"
    message = first_message(tmp_path, "ex04_hidden_delta", hidden.format("W2.T * dZ2"))
    assert ("shapes (4,2) (2,7): *, + and - work entry by entry; (4, 2) @ (2, 7) is the matrix product "
                            "these shapes fit, which sums over the size they share: where the derivation multiplies "
                            "matrices, write @ (line ") in message
    message = first_message(tmp_path, "ex04_hidden_delta", hidden.format("dZ2 * W2.T"))
    assert "shapes (2,7) (4,2): *, + and - work entry by entry; (4, 2) @ (2, 7) is" in message
    other = "\ndef weight_gradients(dZ, A_prev):\n    return dZ @ A_prev.T, dZ + A_prev\n"  # (4,5) (3,5): no product
    assert "matrix product" not in first_message(tmp_path, EX03, other)
    turned = "\ndef weight_gradients(dZ, A_prev):\n    return dZ @ A_prev.T, dZ - dZ.T\n"  # a transpose
    assert "shapes (4,5) (5,4)" in (said := first_message(tmp_path, EX03, turned)) and "matrix product" not in said


def test_a_def_whose_parameters_the_checks_call_cannot_bind_says_how_they_call(tmp_path):
    """`def weight_gradients(dZ, *, A_prev)` said only "takes 1 positional argument but 2 were given", of a def the
    learner sees two parameters in; a parameter of their own without a default, only "missing ... 'threshold'"."""
    keyword_only = "\ndef weight_gradients(dZ, *, A_prev):\n    return dZ @ A_prev.T, dZ\n"
    message = first_message(tmp_path, EX03, keyword_only)
    assert "weight_gradients() takes 1 positional argument but 2 were given" in message
    assert message.endswith("\n  The checks call weight_gradients(dZ, A_prev), each argument by its position: a "
                            "parameter of your own needs a default value, and one after * or *args can be passed "
                            "only by its name."), message
    message = first_message(tmp_path, EX01, "\ndef relu_derivative(z, threshold):\n    return (z > threshold) * 1.0\n")
    assert "missing 1 required positional argument: 'threshold'" in message and "The checks call relu_derivative(z)," \
        in message
    helper = "\ndef helper(dZ):\n    return dZ\n\n\ndef weight_gradients(dZ, A_prev):\n    return helper(dZ, A_prev)\n"
    message = first_message(tmp_path, EX03, helper)
    assert "helper() takes 1 positional" in message and "The checks call" not in message, message  # another call's


def test_a_builtin_called_with_numpys_arguments_is_said_to_be_pythons(tmp_path):
    """`from numpy import dot`, then sum(dZ, axis=1, keepdims=True): Python's sum said "takes at most 2 arguments
    (3 given)" of a call with one, and max(dZ, axis=1) "'axis' is an invalid keyword argument for max()"."""
    head = "\ndef weight_gradients(dZ, A_prev):\n    m = A_prev.shape[1]\n    return dZ @ A_prev.T / m, "
    for call in ["sum(dZ, axis=1, keepdims=True) / m", "max(dZ, axis=1)", "round(dZ, 3)"]:
        message = first_message(tmp_path, EX03, head + call + "\n")
        name = call.partition("(")[0]
        with pytest.raises(TypeError) as python:  # in this Python's words: 3.13's max "got an unexpected keyword"
            eval(call, {"dZ": np.ones((2, 3)), "m": 3})  # noqa: S307 -- the test's own call
        said = str(python.value)
        assert f"{said}; the {name}() called is Python's built-in one, not numpy's: write np.{name}(...) (line " \
            in message, message


def test_a_def_made_async_or_a_generator_by_mistake_is_said_to_be_one(tmp_path):
    """`async def compute_cost` and a `yield` for a return: "yours is a coroutine" named a type the learner never
    made, nor what made it."""
    cost = "\nasync def compute_cost(A2, Y):\n    return float(np.mean(-Y * np.log(A2) - (1 - Y) * np.log(1 - A2)))\n"
    messages = failed(tmp_path, "ex02_output_delta", cost + "\n\ndef output_delta(A2, Y):\n    yield A2 - Y\n")
    assert "cost must be a number (a float); yours is a coroutine, which an async def returns without running its " \
           "body (write def, not async def)." in messages["cost of a single example (m = 1)"], messages
    assert "dZ2 must be a numpy array; yours is a generator, which a yield or a generator expression (x for ...) " \
           "makes, handing out values one at a time: return the values themselves." in messages[
               "dZ2 has the shape of Z2"], messages
