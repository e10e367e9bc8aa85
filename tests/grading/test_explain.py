"""`backprop explain` points at the learner's own line that departs from the derivation.

Every catalogued mistake of the exercises in EXPLAINED has a submission in tests/variants/ whose
mistaken line is marked `# explain: here`; the explanation must point at that line (or at
the statement it continues). Correct submissions, the reference's and the variants written
otherwise, must have no line that departs.
"""
import ast
import html
import importlib
import json
import re
import sys
import textwrap

import pytest

from autograder import catalog, explanation, spec
import conftest
from conftest import RETURNS_SWAPPED, ROOT

EXPLAINED = ("ex03_weight_gradients", "ex04_hidden_delta", "ex05_l_layer", "ex06_gradient_check", "ex07_row_major",
             "ex08_softmax_cross_entropy", "ex09_regularization", "ex10_batchnorm")
MARK = "# explain: here"


def _submission(folder, exercise_id, code=""):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{exercise_id}.py"
    path.write_text((ROOT / "solutions" / f"{exercise_id}.py").read_text(encoding="utf-8") + code, encoding="utf-8")
    return path


def _forging_trace(edit: str) -> str:
    """Learner code that patches its own worker, as a hostile learner may: the reply of each trace, changed by
    edit (statements that read and change `reply`), is what the grading process reads."""
    return ('\nimport sys as _sys\n_server = _sys.modules["autograder.execution.server"]\n'
            '_traced = _server._HANDLERS["trace"]\n\n\ndef _forged(request, session):\n'
            '    reply = _traced(request, session)\n' + textwrap.indent(edit, "    ")
            + '    return reply\n\n\n_server._HANDLERS["trace"] = _forged\n')


def _catalogued():
    for exercise_id in EXPLAINED:
        variants = importlib.import_module(f"variants.{exercise_id}").MISTAKES
        for mistake in spec.load(exercise_id).mistakes:
            yield pytest.param(exercise_id, mistake, variants.get(mistake), id=mistake)


def _marked_statement(text):
    """The line span of the statement that holds the marked line."""
    marked = next(n for n, line in enumerate(text.splitlines(), start=1) if MARK in line)
    statements = [node for node in ast.walk(ast.parse(text)) if isinstance(node, ast.stmt)
                  and node.lineno <= marked <= node.end_lineno]
    innermost = min(statements, key=lambda node: node.end_lineno - node.lineno)
    return innermost.lineno, innermost.end_lineno


@pytest.mark.parametrize("exercise_id, mistake, code", list(_catalogued()))
def test_every_catalogued_mistake_is_explained_at_the_line_that_made_it(tmp_path, exercise_id, mistake, code):
    assert code is not None and MARK in code, f"tests/variants has no marked submission making {mistake}"
    path = _submission(tmp_path, exercise_id, code)
    explained = explanation.explain(tmp_path, exercise_id)
    first, last = _marked_statement(path.read_text(encoding="utf-8"))
    assert explained.departure is not None and first <= explained.departure <= last, explanation.text(explained)
    assert explained.mistake.startswith(mistake)  # and the check's catalogued explanation with it
    assert str(explained.departure) in explained.message.split(" is the first")[0]
    departing = next(line for line in explained.lines if line.number == explained.departure)
    assert departing.code in path.read_text(encoding="utf-8").splitlines()


def _correct():
    for exercise_id in EXPLAINED:
        variants = importlib.import_module(f"variants.{exercise_id}").CORRECT
        yield pytest.param(exercise_id, "", id=f"{exercise_id}:reference")
        for name, code in variants.items():
            yield pytest.param(exercise_id, code, id=f"{exercise_id}:{name}")


@pytest.mark.parametrize("exercise_id, code", list(_correct()))
def test_a_correct_function_has_no_line_that_departs(tmp_path, exercise_id, code):
    _submission(tmp_path, exercise_id, code)
    with pytest.raises(explanation.NothingToExplain):
        explanation.explain(tmp_path, exercise_id)
    for function in (f for f, described in spec.load(exercise_id).functions.items() if not described.constant):
        explained = explanation.explain(tmp_path, exercise_id, function)
        assert explained.departure is None, explanation.text(explained)
        judged = [n for line in explained.lines for n in line.notes if n.verdict]
        assert judged and all(n.verdict == "right" for n in judged), explanation.text(explained)


@pytest.mark.parametrize("exercise", [e.id for e in catalog.EXERCISES if e.id not in EXPLAINED])
def test_every_function_of_the_other_exercises_is_shown_with_nothing_departing(tmp_path, exercise):
    """Without quantities of their own, their outputs are still judged on the return line."""
    _submission(tmp_path, exercise)
    for function, described in spec.load(exercise).functions.items():
        if described.constant:
            continue
        explained = explanation.explain(tmp_path, exercise, function)
        assert explained.departure is None and explained.lines, explanation.text(explained)
        assert explained.lines[0].code.lstrip().startswith("def " + function)


def test_the_sizes_are_named_as_the_derivation_names_them(tmp_path):
    code = importlib.import_module("variants.ex03_weight_gradients").MISTAKES["ex03/dW-transposed"]
    _submission(tmp_path, "ex03_weight_gradients", code)
    explained = explanation.explain(tmp_path, "ex03")
    assert ("dW has the shape (3, 4) = (n_{l-1}, n_l); dW must have the shape (4, 3) = (n_l, n_{l-1}): yours is its "
            "transpose") in explained.message
    shown = explanation.text(explained)
    assert "dZ (4, 5) = (n_l, m)" in shown and "A_prev (3, 5) = (n_{l-1}, m)" in shown
    assert "A_prev -- the activations that fed the layer, shape (n_{l-1}, m)" in (  # as the learner's stub writes it
        ROOT / "exercises" / "ex03_weight_gradients.py").read_text(encoding="utf-8")
    assert "n_prev" not in shown + explained.case
    assert "ex03_weight_gradients.md" in explained.derivation and "ex03/dW-transposed" in explained.derivation


def test_a_line_that_raises_is_shown_with_its_operands_shapes(tmp_path):
    code = importlib.import_module("variants.ex04_hidden_delta").MISTAKES["ex04/W2-not-transposed"]
    _submission(tmp_path, "ex04_hidden_delta", code)
    explained = explanation.explain(tmp_path, "ex04")  # on the failing check's case, as the contract says
    assert explained.case.startswith("dZ2 of 2 x 7, W2 of 2 x 4 and Z1 of 4 x 7")
    assert "raised ValueError" in explained.message
    assert "W2 is (2, 4) = (n_y, n_h)" in explained.message and "dZ2 is (2, 7) = (n_y, m)" in explained.message


def test_a_line_that_prints_too_much_is_told_in_words(tmp_path):
    """It said "it raised OutputLimit: printed more than ...", the worker's name for the limit."""
    _submission(tmp_path, "ex03_weight_gradients",
                "\ndef weight_gradients(dZ, A_prev):\n    print('x' * 10**7)\n    return dZ, dZ\n")
    explained = explanation.explain(tmp_path, "ex03")
    assert explained.message.endswith(": it printed more than the 8 MiB a submission may print; its output was cut "
                                      "off."), explained.message


def test_a_line_that_raises_shows_the_shapes_of_the_dict_entries_it_uses(tmp_path):
    code = ("\ndef backward_propagation(parameters, cache, X, Y):\n    dZ2 = cache['A2'] - Y\n"
            "    dA1 = parameters['W2'] @ dZ2\n    return dA1\n")
    _submission(tmp_path, "ex04_hidden_delta", code)
    explained = explanation.explain(tmp_path, "ex04", "backward_propagation")
    assert "raised ValueError" in explained.message, explanation.text(explained)
    assert "parameters['W2'] is (1, 4) = (1, n_h); dZ2 is (1, 7) = (1, m)." in explained.message


def test_a_loop_that_builds_a_sum_is_judged_once_the_sum_is_whole(tmp_path):
    """dW += ... over the examples: each partial sum differs from dW, the last is dW. The
    loop's line shows its last pass only, once."""
    code = importlib.import_module("variants.ex03_weight_gradients").CORRECT["loops"]
    _submission(tmp_path, "ex03_weight_gradients", code)
    explained = explanation.explain(tmp_path, "ex03", "weight_gradients")
    loop = next(line for line in explained.lines if "dW +=" in line.code)
    assert [(n.name, n.verdict) for n in loop.notes] == [("dW", "right")]
    assert explained.departure is None


def test_a_notebook_is_explained_in_its_cell_and_line(tmp_path):
    code = importlib.import_module("variants.ex04_hidden_delta").MISTAKES["ex04/missing-activation-derivative"]
    source = (ROOT / "solutions" / "ex04_hidden_delta.py").read_text(encoding="utf-8")
    cells = [{"cell_type": "markdown", "metadata": {}, "source": "# ex04"},
             {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": "%matplotlib inline"},
             {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": source},
             {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": code.strip()}]
    notebook = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (tmp_path / "ex04_hidden_delta.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    explained = explanation.explain(tmp_path, "ex04")
    assert explained.where == "code cell 3 of ex04_hidden_delta.ipynb"
    wanted = code.strip().splitlines().index("    return W2.T @ dZ2  " + MARK) + 1
    assert explained.departure == wanted and explained.message.startswith(f"Line {wanted} of code cell 3 is ")
    assert explained.lines[0].number == 1
    assert "<p>code cell 3 of ex04_hidden_delta.ipynb</p>" in explanation.html(explained)  # in Jupyter too


def test_a_function_a_later_cell_deletes_is_said_to_be_deleted_there(tmp_path):
    """A notebook whose last cell ran `del weight_gradients`: explain said it "has no function", where check
    names the del."""
    code = (ROOT / "solutions" / "ex03_weight_gradients.py").read_text(encoding="utf-8")
    cells = [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": source}
             for source in (code, "del weight_gradients")]
    notebook = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (tmp_path / "ex03_weight_gradients.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    with pytest.raises(ValueError) as raised:
        explanation.explain(tmp_path, "ex03", "weight_gradients")
    assert str(raised.value).startswith("weight_gradients could not be explained: weight_gradients is defined at line ")
    assert "the del at line 1 of code cell 2 of ex03_weight_gradients.ipynb deletes it" in str(raised.value)



def test_a_function_a_py_deletes_below_its_def_is_said_to_be_deleted_there(tmp_path):
    """A .py whose last line is `del weight_gradients`: check and explain said it "defines no function
    weight_gradients", of a file whose def the learner sees; a notebook's named the del."""
    code = (ROOT / "solutions" / "ex03_weight_gradients.py").read_text(encoding="utf-8") + "\ndel weight_gradients\n"
    (tmp_path / "ex03_weight_gradients.py").write_text(code, encoding="utf-8")
    line, gone = code.splitlines().index("def weight_gradients(dZ, A_prev):") + 1, len(code.splitlines())
    said = (f"weight_gradients is defined at line {line} of ex03_weight_gradients.py, but the del at line {gone} of "
            "ex03_weight_gradients.py deletes it: remove that del, then check again.")
    with pytest.raises(ValueError) as raised:
        explanation.explain(tmp_path, "ex03", "weight_gradients")
    assert str(raised.value) == f"weight_gradients could not be explained: {said}"
    checked = conftest.grade(tmp_path, [catalog.BY_ID["ex03_weight_gradients"]]).exercises[0]
    assert checked.score == 0 and all(c.message.endswith(said) for c in checked.checks), checked.checks[0].message

def test_a_function_whose_cell_did_not_parse_is_named_by_its_notebook_not_as_main(tmp_path):
    """A notebook runs as __main__: explain said "__main__ has no function 'weight_gradients'" of a def whose cell
    held a full-width comma that a Chinese input method typed."""
    code = (ROOT / "solutions" / "ex03_weight_gradients.py").read_text(encoding="utf-8")
    code = code.replace("axis=1,", "axis=1\uff0c")  # in db's line
    cells = [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": code}]
    notebook = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (tmp_path / "ex03_weight_gradients.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    with pytest.raises(ValueError) as raised:
        explanation.explain(tmp_path, "ex03")
    assert str(raised.value).startswith("weight_gradients could not be explained: it is written at line ") \
        and "of code cell 1 of ex03_weight_gradients.ipynb, but it did not run. " in str(raised.value) \
        and "__main__" not in str(raised.value)
    assert "the full-width form of ," in str(raised.value)


def test_a_def_that_raised_is_said_to_be_written_but_not_run(tmp_path):
    """A notebook reading its settings from a config.json that is not there: `def gradient_check(..., threshold=
    THRESHOLD)` raised NameError, and explain said the notebook "has no function 'gradient_check'", of a def the
    learner sees; check says it is written there but did not run."""
    cells = [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": source}
             for source in ("import json\nwith open('config.json') as fh:\n    CONFIG = json.load(fh)\n",
                            "def weight_gradients(dZ, A_prev, scale=CONFIG['scale']):\n    return dZ, A_prev\n")]
    notebook = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (tmp_path / "ex03_weight_gradients.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    with pytest.raises(ValueError) as raised:
        explanation.explain(tmp_path, "ex03")
    assert str(raised.value).startswith("weight_gradients could not be explained: it is written at line 1 of code "
                                        "cell 2 of ex03_weight_gradients.ipynb, but it did not run. ") \
        and "'config.json'" in str(raised.value), str(raised.value)


def test_a_raised_error_is_worded_as_the_checks_word_it(tmp_path):
    """np.float on numpy 2: explain showed numpy's four lines ending in a link, where the checks name what to use."""
    path = _submission(tmp_path, "ex03_weight_gradients")
    path.write_text(path.read_text(encoding="utf-8").replace("return dW, db", "return dW.astype(np.float), db"),
                    encoding="utf-8")
    message = explanation.explain(tmp_path, "ex03").message
    assert "the numpy your code is checked with no longer has np.float" in message and "numpy.org" not in message, \
        message


def test_a_function_that_is_missing_or_unknown_is_said_so(tmp_path):
    _submission(tmp_path, "ex03_weight_gradients")
    with pytest.raises(ValueError, match="has no function 'dW' to explain; its functions: weight_gradients"):
        explanation.explain(tmp_path, "ex03", "dW")
    with pytest.raises(ValueError, match="no ex04_hidden_delta.py or ex04_hidden_delta.ipynb"):
        explanation.explain(tmp_path, "ex04")
    (tmp_path / "ex04_hidden_delta.py").write_text("def hidden_delta(:\n", encoding="utf-8")
    with pytest.raises(ValueError, match="could not be loaded: it raised SyntaxError"):
        explanation.explain(tmp_path, "ex04")
    code = (ROOT / "solutions" / "ex04_hidden_delta.py").read_text(encoding="utf-8")
    markdown = {"cells": [{"cell_type": "markdown", "metadata": {}, "source": code}], "metadata": {},
                "nbformat": 4, "nbformat_minor": 5}  # a cell switched by a stray key
    (tmp_path / "ex04_hidden_delta.py").unlink()
    (tmp_path / "ex04_hidden_delta.ipynb").write_text(json.dumps(markdown), encoding="utf-8")
    with pytest.raises(ValueError, match="no function 'hidden_delta'. .* in a markdown or raw cell, which does not run"):
        explanation.explain(tmp_path, "ex04")


@pytest.mark.parametrize("code, said", [
    ("def hidden_delta(dZ2, W2, Z1, activation='tanh'):\n    dZ1 = W2.T @ dZ2 * (1 - np.tanh(Z1) ** 2)\n",
     "hidden_delta returned None: is a `return` missing?"),
    ("def backward_propagation(parameters, cache, X, Y):\n    m = X.shape[1]\n    dZ2 = cache['A2'] - Y\n"
     "    return {'dW2': dZ2 @ cache['A1'].T / m, 'db2': dZ2.sum(axis=1, keepdims=True) / m}\n",
     "grads lacks the keys dW1, db1."),
], ids=["no return", "keys missing"])
def test_a_return_that_is_missing_or_short_departs_where_the_function_ends(tmp_path, code, said):
    path = _submission(tmp_path, "ex04_hidden_delta", "\n" + code)
    explained = explanation.explain(tmp_path, "ex04")
    last = len(path.read_text(encoding="utf-8").splitlines())
    assert explained.departure == last and explained.message.endswith(said), explanation.text(explained)


RELU_WRONG = '''
_reference = hidden_delta


def hidden_delta(dZ2, W2, Z1, activation="tanh"):
    if activation == "relu":
        return (W2.T @ dZ2) * np.maximum(0, Z1)  # explain: here
    return _reference(dZ2, W2, Z1, activation)
'''
RELU_IN_PLACE = '''
_reference = hidden_delta


def hidden_delta(dZ2, W2, Z1, activation="tanh"):
    if activation == "relu":
        dA1 = W2.T @ dZ2
        Z1[Z1 <= 0] = 0  # explain: here
        Z1[Z1 > 0] = 1
        return dA1 * Z1
    return _reference(dZ2, W2, Z1, activation)
'''
NEVER_RAISES = '''
def hidden_delta(dZ2, W2, Z1, activation="tanh"):
    dA1 = W2.T @ dZ2
    if activation == "sigmoid":
        s = 1 / (1 + np.exp(-Z1))
        return dA1 * s * (1 - s)
    if activation == "relu":
        return dA1 * (Z1 > 0)
    return dA1 * (1 - np.tanh(Z1) ** 2)  # explain: here
'''


@pytest.mark.parametrize("code, case, said", [
    (RELU_WRONG, "a relu hidden layer", "dZ1 has the right shape, but"),
    (RELU_IN_PLACE, "a relu hidden layer", "it changes the argument Z1 in place and leaves it changed"),
    (NEVER_RAISES, 'activation="softplus"', "on this case a right hidden_delta raises ValueError; yours returned"),
], ids=["wrong on its case", "an input changed on another case", "no raise"])
def test_the_failing_checks_case_is_the_one_explained(tmp_path, code, case, said):
    """A function wrong on one case only (a branch) is explained on the case where it fails."""
    path = _submission(tmp_path, "ex04_hidden_delta", code)
    explained = explanation.explain(tmp_path, "ex04", "hidden_delta")
    first, last = _marked_statement(path.read_text(encoding="utf-8"))
    assert explained.case.startswith(case) and first <= explained.departure <= last, explanation.text(explained)
    assert said in explained.message


def test_the_first_value_holding_nan_is_named_where_it_is_made(tmp_path):
    """exp(-Z1) overflows at Z1 = -750: the nan shows at the return, which departs, and the slope made two lines
    above is where it began."""
    code = ('\n_reference = hidden_delta\n\n\ndef hidden_delta(dZ2, W2, Z1, activation="tanh"):\n'
            '    if activation != "sigmoid":\n'
            '        return _reference(dZ2, W2, Z1, activation)\n'
            '    slope = np.exp(-Z1) / (1 + np.exp(-Z1)) ** 2  # explain: here\n'
            '    dA1 = W2.T @ dZ2\n'
            '    return dA1 * slope\n')
    path = _submission(tmp_path, "ex04_hidden_delta", code)
    explained = explanation.explain(tmp_path, "ex04", "hidden_delta")
    made = _marked_statement(path.read_text(encoding="utf-8"))[0]
    assert explained.departure == made + 2, explanation.text(explained)
    assert f"slope (line {made}) is the first value with nan in it." in explained.message, explained.message
    path.write_text(path.read_text(encoding="utf-8").replace("# explain: here", "\n    cap = np.full_like(Z1, np.inf)")
                    .replace("np.exp(-Z1) / (1 + np.exp(-Z1)) ** 2", "np.exp(-np.abs(Z1)) / (1 + np.exp(-np.abs(Z1)))"),
                    encoding="utf-8")  # finite and wrong: an inf kept aside is not why
    explained = explanation.explain(tmp_path, "ex04", "hidden_delta")
    assert explained.departure and "is the first value with" not in explained.message, explained.message


def test_an_argument_that_departs_in_a_function_called_says_which_line_passed_it(tmp_path):
    """Ng's L_model_backward with caches[l] where caches[l - 1] belongs: the wrong dZ is first seen as linear_backward's
    argument, two calls down, and explain marked that def line alone; the line to mend is the caller's."""
    path = _submission(tmp_path, "ex05_l_layer")
    text = path.read_text(encoding="utf-8").replace('caches[l - 1], "relu")', 'caches[l], "relu")  ' + MARK)
    path.write_text(text, encoding="utf-8")
    explained = explanation.explain(tmp_path, "ex05", "L_model_backward")
    assert path.read_text(encoding="utf-8").splitlines()[explained.departure - 1].startswith("def linear_backward(")
    assert explained.message.endswith(f"That value is an argument of linear_backward, passed down from line "
                                      f"{_marked_statement(text)[0]} of L_model_backward: look at what that line "
                                      "passes."), explained.message


def test_an_inf_that_does_not_reach_what_is_returned_is_not_named(tmp_path):
    """exp(-z) is inf at z = -1000, and 1 / (1 + inf) is 0, right: explain named that inf as the first value with inf
    in it beside a clip that departs, though the line after it was judged right and nothing returned held inf."""
    code = ('\n\ndef sigmoid(z):\n'
            '    e = np.exp(-z)\n'
            '    s = 1 / (1 + e)\n'
            '    return np.clip(s, 1e-7, 1 - 1e-7)  # explain: here\n')
    path = _submission(tmp_path, "ex01_sigmoid_derivative", code)
    explained = explanation.explain(tmp_path, "ex01", "sigmoid")
    assert explained.departure == _marked_statement(path.read_text(encoding="utf-8"))[0], explanation.text(explained)
    assert "the first value with" not in explained.message, explained.message


def test_a_column_that_lost_its_axis_is_said_to_want_keepdims(tmp_path):
    """db = np.sum(dZ, axis=1) / m is (4,) where db is (4, 1): explain says why, as the check does."""
    code = ("\ndef weight_gradients(dZ, A_prev):\n    m = A_prev.shape[1]\n"
            "    db = np.sum(dZ, axis=1) / m  # explain: here\n    return dZ @ A_prev.T / m, db\n")
    path = _submission(tmp_path, "ex03_weight_gradients", code)
    explained = explanation.explain(tmp_path, "ex03")
    assert explained.departure == _marked_statement(path.read_text(encoding="utf-8"))[0], explanation.text(explained)
    assert ": a column keeps its second axis (keepdims=True)." in explained.message, explained.message


def test_an_output_made_in_another_layout_and_reshaped_at_the_return_is_judged_in_that_layout(tmp_path):
    """db = np.sum(dZ, axis=1) / m is (4,), right in that layout and returned reshaped to (4, 1): not the
    departure; dW below it, without its 1/m, is."""
    code = ("\ndef weight_gradients(dZ, A_prev):\n    m = A_prev.shape[1]\n    db = np.sum(dZ, axis=1) / m\n"
            "    dW = dZ @ A_prev.T  # explain: here\n    return dW, db.reshape(-1, 1)\n")
    path = _submission(tmp_path, "ex03_weight_gradients", code)
    explained = explanation.explain(tmp_path, "ex03")
    assert explained.departure == _marked_statement(path.read_text(encoding="utf-8"))[0], explanation.text(explained)
    db = next(note for line in explained.lines for note in line.notes if note.name == "db" and note.shown[:4] == "(4,)")
    assert db.verdict == "right", explanation.text(explained)


def test_values_returned_in_another_order_depart_at_the_return(tmp_path):
    path = _submission(tmp_path, "ex03_weight_gradients", RETURNS_SWAPPED)
    explained = explanation.explain(tmp_path, "ex03")
    first, _ = _marked_statement(path.read_text(encoding="utf-8"))
    assert explained.departure == first
    said = "it returns the right values in another order: yours are (db, dW); return (dW, db)."
    assert explained.message.endswith(said)


@pytest.mark.parametrize("comment", ["", "# parameters[key](x) was my first try\n"], ids=["plain", "comment"])
def test_a_line_that_uses_a_variable_of_the_file_says_so(tmp_path, comment):
    """Ng's notebooks keep `parameters` at top level: a function that reads it, not its
    arguments, raises on the grader's case; the explanation says whose variable it is. A comment
    that calls through it, `parameters[key](x)`, was taken for a table of functions, and the note went."""
    code = (f'\n{comment}parameters = {{"W2": np.ones((1, 9))}}\n\n'
            'def hidden_delta(dZ2, W2, Z1, activation="tanh"):\n'
            '    dA1 = parameters["W2"].T @ dZ2  # explain: here\n'
            '    return dA1 * (1 - np.tanh(Z1) ** 2)\n')
    path = _submission(tmp_path, "ex04_hidden_delta", code)
    explained = explanation.explain(tmp_path, "ex04", "hidden_delta")
    assert explained.departure == _marked_statement(path.read_text(encoding="utf-8"))[0]
    assert "parameters is not one of hidden_delta's own variables but your file's, set outside the function" \
        in explained.message


def test_a_table_of_functions_of_the_file_is_not_said_to_be_an_input(tmp_path):
    """DERIVATIVES[activation](Z1), a dict of lambdas at the top level, picks a function: it is not a value the
    checks' inputs should have given, so the departing line's note does not send the learner to it."""
    code = ('\nDERIVATIVES = {"tanh": lambda z: 1 - np.tanh(z) ** 2}\n\n'
            'def hidden_delta(dZ2, W2, Z1, activation="tanh"):\n'
            '    return ((dZ2.T @ W2) * DERIVATIVES[activation](Z1.T))  # explain: here\n')
    path = _submission(tmp_path, "ex04_hidden_delta", code)
    explained = explanation.explain(tmp_path, "ex04", "hidden_delta")
    assert explained.departure == _marked_statement(path.read_text(encoding="utf-8"))[0]
    assert "transpose" in explained.message and "DERIVATIVES" not in explained.message, explained.message


@pytest.mark.parametrize("name, setting", [
    ("d_sig", "import sympy as sp\nd_sig = sp.lambdify(sp.Symbol('z'), sp.Symbol('z'))"),
    ("d_sig", "from sympy import lambdify as d_sig"),  # an import binds it: explain said only NameError
], ids=["assigned", "imported"])
def test_a_name_of_the_file_whose_statement_did_not_run_is_not_said_to_be_read_from_outside(tmp_path, name, setting):
    """A learner's sympy derivative, `d_sig = sp.lambdify(...)` in a cell: where the checks run sympy
    does not import, and explain told them to use the function's arguments instead of d_sig."""
    sources = ["import numpy as np", setting, f"def sigmoid_derivative(z):\n    return {name}(z)"]
    cells = [{"cell_type": "code", "metadata": {}, "source": s, "outputs": [], "execution_count": None}
             for s in sources]
    notebook = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (tmp_path / "ex01_sigmoid_derivative.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    explained = explanation.explain(tmp_path, "ex01", "sigmoid_derivative")
    line = 2 if setting.startswith("import") else 1  # where d_sig is set, which the learner is sent to
    assert ("it raised NameError: name 'd_sig' is not defined. d_sig is set outside the function, at line "
            f"{line} of code cell 2 of ex01_sigmoid_derivative.ipynb, by a statement that did not run when your file "
            "was loaded (backprop check says why);") in explained.message, explained.message


def test_a_name_an_import_that_ran_does_not_bind_is_not_said_to_be_set_by_it(tmp_path):
    """`import numpy as np` ran and binds np: a sigmoid calling numpy.exp was told that numpy "is set outside the
    function, by a statement that did not run when your file was loaded", any word of an import line counted."""
    _submission(tmp_path, "ex01_sigmoid_derivative", "\ndef sigmoid(z):\n    return 1.0 / (1.0 + numpy.exp(-z))\n")
    message = explanation.explain(tmp_path, "ex01", "sigmoid").message
    assert "it raised NameError: name 'numpy' is not defined." in message and "did not run" not in message, message


_DECORATORS = {
    "closure without functools.wraps": "def log_shapes(f):\n    def inner(*args):\n        return f(*args)\n"
                                       "    return inner\n",
    "functools.wraps": "import functools\ndef log_shapes(f):\n    @functools.wraps(f)\n    def inner(*args):\n"
                       "        out = f(*args)\n        return out\n    return inner\n",
    "class with __call__": "class log_shapes:\n    def __init__(self, f):\n        self.f = f\n"
                           "    def __call__(self, *args):\n        return self.f(*args)\n",
}


@pytest.mark.parametrize("decorator", _DECORATORS)
def test_a_decorated_function_is_explained_in_its_own_lines_not_the_wrappers(tmp_path, decorator):
    """A learner's own @log_shapes on the graded function: explain showed the wrapper's lines (with
    functools.wraps, before the function's), and of a decorator class "has no function" at all."""
    code = (f"\n{_DECORATORS[decorator]}\n@log_shapes\ndef weight_gradients(dZ, A_prev):\n"
            "    m = A_prev.shape[1]\n    dW = A_prev @ dZ.T / m  # explain: here\n"
            "    return dW, np.sum(dZ, axis=1, keepdims=True) / m\n")
    path = _submission(tmp_path, "ex03_weight_gradients", code)
    explained = explanation.explain(tmp_path, "ex03")
    assert explained.departure == _marked_statement(path.read_text(encoding="utf-8"))[0], explanation.text(explained)
    assert [line.code for line in explained.lines[:2]] == ["@log_shapes", "def weight_gradients(dZ, A_prev):"]


def test_a_ufunc_of_np_frompyfunc_is_said_not_to_be_a_def(tmp_path):
    """relu_derivative = np.frompyfunc(one_number, 1, 1), which the checks call as any function: explain said
    the file "has no function 'relu_derivative'", of a name the learner can see it gives."""
    _submission(tmp_path, "ex01_sigmoid_derivative",
                "\nrelu_derivative = np.frompyfunc(lambda x: float(x > 0), 1, 1)\n")
    with pytest.raises(ValueError, match="relu_derivative could not be explained: in ex01_sigmoid_derivative.py it "
                                         "is of type ufunc, not a def whose lines explain can follow"):
        explanation.explain(tmp_path, "ex01", "relu_derivative")


def test_a_function_its_decorator_applies_to_each_entry_is_not_said_to_change_its_argument(tmp_path):
    """A learner's own @elementwise runs relu_derivative once an entry: the trace of all those runs read as
    one, each run's z a number "changed in place". explain now says why it shows no lines."""
    code = ("\ndef elementwise(f):\n    def apply(z):\n        return np.array([f(v) for v in np.ravel(z)])"
            ".reshape(np.shape(z))\n    return apply\n\n@elementwise\ndef relu_derivative(z):\n"
            "    return 1.0 if z > 0 else 0.0\n")
    _submission(tmp_path, "ex01_sigmoid_derivative", code)
    with pytest.raises(ValueError, match=r"relu_derivative could not be explained: its decorator calls it \d+ times"):
        explanation.explain(tmp_path, "ex01", "relu_derivative")


def test_a_function_that_calls_itself_for_each_row_is_not_said_to_have_a_decorator(tmp_path):
    """A learner's relu_derivative with no decorator, calling itself on each row from a comprehension (a frame
    of its own up to Python 3.11, a generator's on any), was told "its decorator calls it 4 times in one call
    ...: remove the decorator to see it"."""
    code = ("\ndef relu_derivative(z):\n    z = np.asarray(z, dtype=np.float64)\n    if z.ndim > 1:\n"
            "        return np.array(list(relu_derivative(row) for row in z))\n    return (z > 0) * 1.0\n")
    _submission(tmp_path, "ex01_sigmoid_derivative", code)
    with pytest.raises(ValueError, match="relu_derivative could not be explained: it runs 4 times in one call, calling "
                                         "itself, and explain follows one run of it$"):
        explanation.explain(tmp_path, "ex01", "relu_derivative")


def test_a_function_made_by_exec_is_said_to_have_no_lines_not_to_be_imported(tmp_path):
    """exec("def sigmoid_derivative(z): ...") makes a function whose file is "<string>": explain said it is
    <string>'s, imported."""
    _submission(tmp_path, "ex01_sigmoid_derivative",
                '\nexec("def sigmoid_derivative(z):\\n    s = sigmoid(z)\\n    return s * (1 - s)")\n')
    with pytest.raises(ValueError, match=r"sigmoid_derivative could not be explained: it is made by exec\(\) of a "
                                         r"string, not a def of ex01_sigmoid_derivative\.py with lines to show$"):
        explanation.explain(tmp_path, "ex01", "sigmoid_derivative")


def test_a_decorator_that_raises_before_the_function_runs_is_said_to(tmp_path):
    """@functools.lru_cache hashes the array it is given and raises before sigmoid runs: explain, watching
    sigmoid beneath it, saw no line run and said "sigmoid returned None: is a `return` missing?"."""
    code = ("\nimport functools\n\n@functools.lru_cache(maxsize=None)\ndef sigmoid(z):\n"
            "    return 1 / (1 + np.exp(-z))\n")
    _submission(tmp_path, "ex01_sigmoid_derivative", code)
    with pytest.raises(ValueError, match="sigmoid could not be explained: its decorator raised TypeError before it "
                                         "ran: unhashable type"):
        explanation.explain(tmp_path, "ex01", "sigmoid")


def test_an_array_filled_in_a_loop_departs_where_it_is_filled(tmp_path):
    code = '''
def numerical_gradient(f, theta, epsilon=1e-7):
    grad = np.zeros_like(theta, dtype=float)
    it = np.nditer(theta, flags=["multi_index"])
    while not it.finished:
        ix = it.multi_index
        old = theta[ix]
        theta[ix] = old + epsilon
        fplus = float(f(theta))
        theta[ix] = old - epsilon
        fminus = float(f(theta))
        theta[ix] = old
        grad[ix] = (fplus - fminus) / epsilon  # explain: here
        it.iternext()
    return grad
'''
    path = _submission(tmp_path, "ex06_gradient_check", code)
    explained = explanation.explain(tmp_path, "ex06", "numerical_gradient")
    assert explained.departure == _marked_statement(path.read_text(encoding="utf-8"))[0], explanation.text(explained)


def test_many_notes_on_a_line_go_on_under_the_notes_column(tmp_path):
    code = importlib.import_module("variants.ex09_regularization").MISTAKES["ex09/mask-not-applied-backward"]
    _submission(tmp_path, "ex09_regularization", code)
    explained = explanation.explain(tmp_path, "ex09")
    width = min(64, max(len(line.code) for line in explained.lines))  # the code's column, as text() pads it
    notes = [row[6 + 3 + width + 3:] for row in explanation.text(explained).splitlines()
             if row[6:9] == " | " and row[9 + width:9 + width + 3] == "   "]  # code that fits its column
    assert notes and max(map(len, notes)) <= explanation.NOTES_WIDTH + 1  # whole notes, and a ";"
    assert sum(1 for row in explanation.text(explained).splitlines() if row.startswith("       |")) >= 3


def test_the_row_conventions_sizes_are_named_as_the_notes_name_them(tmp_path):
    """ex07's shapes were written (m, n_hidden), (n_in, n_out), names of the grader's own, beside a case and a stub
    that say numExamples, inputLayerSize, hiddenLayerSize and outputLayerSize, as Welch's notes do."""
    _submission(tmp_path, "ex07_row_major", "\ndef cost_prime(X, y, W1, W2):\n    a2 = sigmoid(X @ W1)\n"
                "    delta3 = -(y - forward(X, W1, W2)) * sigmoid_prime(a2 @ W2)\n    dJdW2 = delta3.T @ a2\n"
                "    return X.T @ ((delta3 @ W2.T) * sigmoid_prime(X @ W1)), dJdW2\n")
    explained = explanation.explain(tmp_path, "ex07")
    assert explained.case.endswith("its sizes: inputLayerSize = 4, hiddenLayerSize = 5, outputLayerSize = 2, "
                                   "numExamples = 7"), explained.case
    assert explained.message.endswith("dJdW2 has the shape (2, 5) = (outputLayerSize, hiddenLayerSize); dJdW2 must "
                                      "have the shape (5, 2) = (hiddenLayerSize, outputLayerSize): yours is its "
                                      "transpose.")


def test_a_case_without_sizes_to_name_says_none(tmp_path):
    """The notes' worked example has one example and one output: no size to list."""
    _submission(tmp_path, "ex07_row_major", "\ndef cost_prime(X, y, W1, W2):\n    return W1, W2\n")
    explained = explanation.explain(tmp_path, "ex07", "cost_prime")
    assert explained.case.startswith("the notes' worked example") and "its sizes" not in explained.case


def test_a_size_two_names_share_is_shown_as_a_number():
    """The notes' worked example: 3 examples and 3 hidden units; a 3 is neither name."""
    import numpy as np

    judge = explanation._Judge({}, {"n_in": 2, "n_hidden": 3, "m": 3}, [])
    assert judge.shape_text(np.zeros((3, 2))) == "(3, 2) = (3, n_in)"
    assert judge.size_text(3) == "3" and judge.size_text(2) == "2 (n_in)"


@pytest.mark.parametrize("exercise_id, code, at, said", [
    ("ex02_output_delta", "def compute_cost(A2, Y):\n    return (A2 - Y).sum(axis=0)\n", "return",
     "cost has the shape (7,) = (m,); cost must be one number."),
    ("ex02_output_delta", "def compute_cost(A2, Y):\n    return 10**400\n", "return",
     "cost is an integer of 401 digits; the derivation's cost is 1.1503 here."),
    ("ex03_weight_gradients", "def weight_gradients(dZ, A_prev):\n    dW = 0.0\n"
     "    return dW, dZ.sum(axis=1, keepdims=True) / dZ.shape[1]\n", "dW = 0.0",
     "dW is the number 0; dW must have the shape (4, 3) = (n_l, n_{l-1})."),
    ("ex03_weight_gradients", "def weight_gradients(dZ, A_prev):\n    m = A_prev.shape[1]\n    db = 1/m * np.sum(dZ)\n"
     "    return dZ @ A_prev.T / m, db\n", "db = 1/m",  # Ng's db of logistic regression: one number for a column
     "db must have the shape (4, 1) = (n_l, 1). np.sum (or np.mean) without axis= adds up every entry into one "
     "number; the column needs one sum for each row, over the examples: np.sum(..., axis=1, keepdims=True)."),
], ids=["a cost per example", "a cost no float holds", "a number for an array", "a sum of every entry for a column"])
def test_a_number_where_an_array_belongs_or_the_reverse_is_said_so(tmp_path, exercise_id, code, at, said):
    lines = _submission(tmp_path, exercise_id, "\n" + code).read_text(encoding="utf-8").splitlines()
    explained = explanation.explain(tmp_path, exercise_id)
    line = max(n for n, text in enumerate(lines, 1) if text.strip().startswith(at))
    assert explained.departure == line and explained.message.endswith(said), explanation.text(explained)


@pytest.mark.parametrize("exercise_id, code, said", [
    ("ex02_output_delta", "_cost = compute_cost\n\ndef compute_cost(A2, Y):\n    return [_cost(A2, Y)]\n",
     "cost must be a number (a float); yours is a list of length 1."),
    ("ex02_output_delta", "_cost = compute_cost\n\ndef compute_cost(A2, Y):\n    return {'cost': _cost(A2, Y)}\n",
     "cost must be a number (a float); yours is a dict."),
    ("ex02_output_delta", "_cost = compute_cost\n\ndef compute_cost(A2, Y):\n    yield _cost(A2, Y)\n",
     "cost must be a number (a float); yours is a generator, which a yield or a generator expression (x for "
     "...) makes, handing out values one at a time: return the values themselves."),
    ("ex03_weight_gradients", "_grads = weight_gradients\n\ndef weight_gradients(dZ, A_prev):\n"
     "    return (g for g in _grads(dZ, A_prev))\n", "must return a tuple of 2; yours is a generator, "
     "which a yield or a generator expression (x for ...) makes, handing out values one at a time: return the values "
     "themselves."),
    ("ex01_sigmoid_derivative", "def relu_derivative(z):\n    return (z > 0).astype(int)\n",
     "yours has dtype int64 (use .astype(float))."),
    ("ex06_gradient_check", "_check = gradient_check\n\ndef gradient_check(f, theta, grad, epsilon=1e-7, "
     "threshold=2e-7):\n    difference, ok = _check(f, theta, grad, epsilon, threshold)\n    return difference, not ok\n",
     "ok is False, which is not right."),
    ("ex02_output_delta", "import sys\n_cost = compute_cost\n\ndef compute_cost(A2, Y):\n"
     "    return _cost(A2, Y) * (1 if sys.gettrace() else 2)\n",
     "No line above departs from the derivation on this run, yet the check fails: cost is J ="),
    ("ex01_sigmoid_derivative", "def relu_derivative(z):\n    return np.frompyfunc(lambda x: float(x > 0), 1, 1)(z)\n",
     "relu_derivative(z) must hold floats; yours is an array of dtype object (use .astype(float))."),
    ("ex02_output_delta", "import decimal\n_cost = compute_cost\n\ndef compute_cost(A2, Y):\n"
     "    return decimal.Decimal(_cost(A2, Y))\n",
     "cost must be a number (a float); yours is a Decimal. Return float(cost)."),
], ids=["a list", "a dict", "a generator function", "a generator", "integers", "a wrong bool", "right when watched",
        "python objects", "a decimal"])
def test_an_explanation_never_says_all_is_right_when_its_check_fails(tmp_path, exercise_id, code, said):
    """Values the lines' quantities cannot judge (a container, a dtype, a bool) fail the check
    all the same: the explanation says what the check finds wrong, where the value is returned."""
    lines = _submission(tmp_path, exercise_id, "\n" + code).read_text(encoding="utf-8").splitlines()
    explained = explanation.explain(tmp_path, exercise_id)
    shown = explanation.text(explained) + explanation.html(explained)
    assert said in explained.message and "came out right" not in shown, explanation.text(explained)
    assert explained.departure == (None if "yield" in code or said.startswith("No line") else len(lines))


@pytest.mark.parametrize("exercise_id, code, shown, unsure", [
    ("ex07_row_major", "def cost(X, y, W1, W2):\n    return np.mean(0.5 * (y - forward(X, W1, W2)) ** 2)\n",
     "X (3, 2); y (3, 1); W1 (2, 3); W2 (3, 1)", "examples)"),
    ("ex06_gradient_check", "def relative_difference(grad, grad_approx):\n"
     "    return np.linalg.norm(grad - grad_approx) / np.linalg.norm(grad + grad_approx)\n",
     "grad (6,); grad_approx (6,)", "n[0]"),
    ("ex02_output_delta", "_cost = compute_cost\n\ndef compute_cost(A2, Y):\n"
     "    losses = -(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))\n"
     "    return _cost(A2, Y) if Y.shape[1] > 1 else 2 * losses\n", "losses (1, 1)\n", "= cost"),
], ids=["3 hidden units and 3 examples", "theta's shape is no layer's", "one example's loss is not the cost"])
def test_a_shape_is_named_only_where_its_name_is_certain(tmp_path, exercise_id, code, shown, unsure):
    """The notes' worked example names only its 3 examples, yet W1 has 3 hidden units; ex06's
    arrays have a shape, not layers; with m = 1, the loss of the one example equals the cost."""
    _submission(tmp_path, exercise_id, "\n" + code)
    shown_text = explanation.text(explanation.explain(tmp_path, exercise_id))
    assert shown in shown_text + "\n" and unsure not in shown_text, shown_text


def test_a_value_such_as_shapes_is_passed_over_for_a_function(tmp_path):
    """SHAPES, checked first in ex07, has no lines: explain goes on to the first failing
    function, and when none fails it says that only the value is wrong."""
    shapes = importlib.import_module("variants.ex07_row_major").UNKNOWN["SHAPES transposed"]
    _submission(tmp_path, "ex07_row_major", shapes)
    with pytest.raises(explanation.NothingToExplain, match="only SHAPES fails, a value, not a function"):
        explanation.explain(tmp_path, "ex07")
    _submission(tmp_path, "ex07_row_major", shapes + "\ndef cost(X, y, W1, W2):\n    return 0.0\n")
    assert explanation.explain(tmp_path, "ex07").function == "cost"


def test_two_values_that_differ_are_shown_in_digits_enough_to_tell_them_apart(tmp_path):
    """A sigmoid_derivative computed in float32 is off in its 8th digit, where 6 show none."""
    _submission(tmp_path, "ex01_sigmoid_derivative", "\ndef sigmoid_derivative(z):\n"
                "    s = (1 / (1 + np.exp(-z))).astype(np.float32)\n    return s * (1 - s)\n")
    message = explanation.explain(tmp_path, "ex01").message
    yours, _, theirs = message.split("yours is ")[1].rstrip(".").partition(", sigmoid_derivative(z) is ")
    assert yours != theirs and float(yours) != float(theirs), message


def test_what_is_returned_is_judged_under_the_learners_name_where_it_was_made(tmp_path):
    """numerical_gradient fills grad in a loop and returns it: the loop's line is marked wrong
    under grad, the learner's name, standing for the derivation's grad_approx."""
    code = importlib.import_module("variants.ex06_gradient_check").MISTAKES["ex06/one-sided-difference"]
    _submission(tmp_path, "ex06_gradient_check", code)
    explained = explanation.explain(tmp_path, "ex06")
    departing = next(line for line in explained.lines if line.number == explained.departure)
    assert [(n.name, n.verdict) for n in departing.notes] == [("grad", "wrong")], explanation.text(explained)
    assert "grad (it stands for grad_approx) has the right shape" in explained.message


@pytest.mark.parametrize("difference", ["J_plus - J", "J - f(theta_minus)"], ids=["forward", "backward"])
def test_a_one_sided_difference_departs_where_the_difference_is_made(tmp_path, difference):
    """ex06: (J(theta + eps) - J(theta)) / eps in two lines departs at the difference, not at the
    division by epsilon, which is right for it; the check named the mistake, the line says which value."""
    made = f"        difference = {difference}"
    path = _submission(tmp_path, "ex06_gradient_check", "\ndef numerical_gradient(f, theta, epsilon=1e-7):\n"
                       "    grad_approx = np.zeros(theta.shape)\n    for i in range(theta.size):\n"
                       "        theta_plus, theta_minus = np.copy(theta), np.copy(theta)\n"
                       "        theta_plus.flat[i] += epsilon\n        theta_minus.flat[i] -= epsilon\n"
                       f"        J_plus, J = f(theta_plus), f(theta)\n{made}\n"
                       "        grad_approx.flat[i] = difference / epsilon\n    return grad_approx\n")
    explained = explanation.explain(tmp_path, "ex06")
    assert path.read_text(encoding="utf-8").splitlines()[explained.departure - 1] == made, explanation.text(explained)
    assert "difference is the one-sided difference" in explained.message, explained.message


@pytest.mark.parametrize("folder, function, departs, where", [
    ("unknown_ex07_sigmoid_prime_typo", None,
     "        delta3 = np.multiply(-(y-self.yHat), self.sigmoidPrime(self.z3))", ":"),  # sigmoidPrime's typo
    ("welch_class_nb", "cost_prime", None, ", in code cell 4:"),
], ids=["a file", "a notebook, the class in another cell"])
def test_a_function_that_only_delegates_is_followed_into_the_method_it_returns_from(
        tmp_path, folder, function, departs, where):
    """Welch's class: cost_prime returns NN.costFunctionPrime(X, y), whose lines are shown
    (numbered in their own cell) and judged after the wrapper's."""
    for path in (ROOT / "tests" / "corpus" / folder).glob("ex07_row_major.*"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    explained = explanation.explain(tmp_path, "ex07", function)
    codes = [line.code for line in explained.lines]
    assert f"# what it returns is made here{where}" in codes, explanation.text(explained)
    method = explained.lines[codes.index(f"# what it returns is made here{where}") + 1:]
    assert method[0].code.strip() == "def costFunctionPrime(self, X, y):"
    assert [n.verdict for line in method for n in line.notes if n.name == "dJdW1"] == ["wrong" if departs else "right"]
    if departs:
        assert next(line.code for line in method if line.number == explained.departure) == departs
    else:  # numbered in the class's cell, the 4th code cell
        cells = [c for c in json.loads((tmp_path / "ex07_row_major.ipynb").read_text(encoding="utf-8"))["cells"]
                 if c["cell_type"] == "code"]
        assert "".join(cells[3]["source"]).splitlines().index(method[0].code) + 1 == method[0].number


def test_in_a_notebook_only_the_departing_line_is_marked_not_its_namesake_in_another_cell(tmp_path):
    """Lines are numbered in their cells: the wrapper's line 4 and the method's line 4, in
    another cell, share a number, yet only the method's departs."""
    cells = [(ROOT / "solutions" / "ex07_row_major.py").read_text(encoding="utf-8"),
             "_ref = cost_prime\nclass Net:\n    def grads(self, X, y, W1, W2):\n        dJdW2 = 2 * W2\n"
             "        return _ref(X, y, W1, W2)[0], dJdW2",
             "def cost_prime(X, y, W1, W2):\n    net = Net()\n    # the class does the work\n"
             "    return net.grads(X, y, W1, W2)"]
    notebook = {"cells": [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": c}
                          for c in cells], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (tmp_path / "ex07_row_major.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    explained = explanation.explain(tmp_path, "ex07", "cost_prime")
    shown = explanation.text(explained)
    assert explained.message.startswith("Line 4 of code cell 2 is the first that departs"), shown
    assert [row.split("|")[1].strip().split("  ")[0] for row in shown.splitlines() if row.startswith(">")] \
        == ["dJdW2 = 2 * W2"], shown
    assert explanation.html(explained).count("<tr style=") == 1  # one line marked


def test_a_function_of_a_time_cell_in_a_script_of_a_notebook_is_shown_in_that_cell(tmp_path):
    """nbconvert's script holds a %%time cell as one line, run_cell_magic('time', '', '<the
    cell>'); its function's lines were looked for in the script, and another's were shown."""
    code = importlib.import_module("variants.ex04_hidden_delta").MISTAKES["ex04/missing-activation-derivative"].strip()
    script = (ROOT / "solutions" / "ex04_hidden_delta.py").read_text(encoding="utf-8") \
        + f"\n\n# In[2]:\n\n\nget_ipython().run_cell_magic('time', '', {code!r})\n"
    (tmp_path / "ex04_hidden_delta.py").write_text("# coding: utf-8\n\n# In[1]:\n\n\n" + script, encoding="utf-8")
    explained = explanation.explain(tmp_path, "ex04")
    at = len(("# coding: utf-8\n\n# In[1]:\n\n\n" + script).splitlines())
    assert explained.where == f"the %%time cell at line {at} of ex04_hidden_delta.py", explanation.text(explained)
    assert [line.code for line in explained.lines] == code.splitlines()
    wanted = code.splitlines().index("    return W2.T @ dZ2  " + MARK) + 1
    assert explained.departure == wanted and explained.message.startswith(f"Line {wanted} of the %%time cell at ")


def test_a_function_given_under_another_name_is_shown_as_written(tmp_path):
    """hidden_delta = my_delta: the lines that ran are my_delta's, not those of the def
    named hidden_delta that the name no longer holds."""
    path = _submission(tmp_path, "ex04_hidden_delta", "\n\ndef my_delta(dZ2, W2, Z1, activation='tanh'):\n"
                       "    return W2.T @ dZ2\n\n\nhidden_delta = my_delta\n")
    explained = explanation.explain(tmp_path, "ex04")
    assert [line.code for line in explained.lines] == path.read_text(encoding="utf-8").splitlines()[-5:-3]
    assert explained.departure == explained.lines[-1].number, explanation.text(explained)


def test_a_dict_built_entry_by_entry_is_noted_where_each_entry_is_made(tmp_path):
    """Ng's L_model_backward fills grads in a loop: the loop's last line, which made the last
    entry, listed every entry of grads as if it had made them all."""
    (tmp_path / "ex05_l_layer.py").write_bytes((ROOT / "tests/corpus/ng_older_dAL_sign_flipped/ex05_l_layer.py").read_bytes())
    explained = explanation.explain(tmp_path, "ex05", "L_model_backward")
    line = next(line for line in explained.lines if line.code.strip() == 'grads["db" + str(l + 1)] = db_temp')
    assert sorted(note.name for note in line.notes) == ["grads['db1']", "grads['db2']"], explanation.text(explained)


def test_a_notebook_with_a_cell_that_does_not_parse_still_shows_the_functions_lines(tmp_path):
    """The notebook's text as a whole does not parse: the function's own cell is parsed alone."""
    code = importlib.import_module("variants.ex04_hidden_delta").MISTAKES["ex04/missing-activation-derivative"].strip()
    cells = [(ROOT / "solutions" / "ex04_hidden_delta.py").read_text(encoding="utf-8"), "def broken(:\n    pass", code]
    notebook = {"cells": [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": c}
                          for c in cells], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (tmp_path / "ex04_hidden_delta.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    explained = explanation.explain(tmp_path, "ex04")
    assert [line.code for line in explained.lines] == code.splitlines(), explanation.text(explained)
    assert explained.where == "code cell 3 of ex04_hidden_delta.ipynb" and explained.departure == 4


def test_one_value_is_said_as_one_and_a_one_entry_cost_as_the_number_it_holds(tmp_path):
    """Not "1 of its 1 values differ ... at (0, 0)"; not a (1, 1) cost's shape beside J's number."""
    _submission(tmp_path / "one", "ex02_output_delta", "\n_delta = output_delta\n\ndef output_delta(A2, Y):\n"
                "    dZ2 = _delta(A2, Y)\n    return dZ2 if Y.shape[1] > 1 else 2 * dZ2\n")
    message = explanation.explain(tmp_path / "one", "ex02").message
    assert "right shape, but its one value differs from the derivation's dZ2: yours is -" in message, message
    _submission(tmp_path / "zero", "ex02_output_delta", "\ndef loss_derivative(A2, Y):\n    return -Y / A2\n")
    message = explanation.explain(tmp_path / "zero", "ex02").message
    assert message.endswith("3 of its 7 values differ from the derivation's dA2: at (0, 0), yours is 0, dA2 is 2.81456."), \
        message
    _submission(tmp_path / "cost", "ex02_output_delta", "\ndef compute_cost(A2, Y):\n"
                "    cost = -(np.dot(Y, np.log(A2).T) + np.dot(1 - Y, np.log(1 - A2).T))\n    return cost\n")
    shown = explanation.text(explanation.explain(tmp_path / "cost", "ex02"))
    assert "cost 8.05213, must be 1.1503 \N{BALLOT X}" in shown, shown
    _submission(tmp_path / "costs", "ex02_output_delta", "\ndef compute_cost(A2, Y):\n    return (A2 - Y).sum(axis=0)\n")
    shown = explanation.text(explanation.explain(tmp_path / "costs", "ex02"))
    assert "cost (7,) = (m,), must be one number \N{BALLOT X}" in shown, shown


def test_a_long_list_is_said_with_its_length(tmp_path):
    """The trace sends a list's first 64 items: one of 100 was said to be "a list of length 64"."""
    _submission(tmp_path, "ex03_weight_gradients", "\ndef weight_gradients(dZ, A_prev):\n"
                "    columns = [A_prev[:, j % 5] for j in range(100)]\n    return A_prev @ dZ.T, dZ.sum(axis=1)\n")
    shown = explanation.text(explanation.explain(tmp_path, "ex03"))
    assert "columns list of length 100" in shown, shown


def test_an_error_raised_in_a_function_it_calls_is_shown_where_it_was_raised(tmp_path):
    """gradient_check passes grad.T to relative_difference, which raises: its lines are
    shown, with the shapes it was given, and the line that raised is marked."""
    path = _submission(tmp_path, "ex06_gradient_check", "\ndef relative_difference(grad, grad_approx):\n"
                       "    numerator = np.linalg.norm(grad - grad_approx)\n"
                       "    return numerator / (np.linalg.norm(grad) + np.linalg.norm(grad_approx))\n\n"
                       "def gradient_check(f, theta, grad, epsilon=1e-7, threshold=2e-7):\n"
                       "    difference = relative_difference(grad.T, numerical_gradient(f, theta, epsilon))\n"
                       "    return difference, difference < threshold\n")
    explained = explanation.explain(tmp_path, "ex06", "gradient_check")
    codes = [line.code for line in explained.lines]
    assert codes[-4:] == ["# the error is raised here:", *path.read_text(encoding="utf-8").splitlines()[-7:-4]], codes
    assert codes.index("    numerator = np.linalg.norm(grad - grad_approx)") == next(
        i for i, line in enumerate(explained.lines) if line.departs)
    assert explained.message.endswith("could not be broadcast together with shapes (2,3) (3,2). "
                                      "grad is (2, 3); grad_approx is (3, 2)."), explained.message


def test_an_error_raised_two_calls_deep_is_marked_where_it_was_raised(tmp_path):
    """hidden_delta calls backward_step, which calls linear_backward, which raises: its line
    is marked, not hidden_delta's call, and the message says which call of hidden_delta led there."""
    path = _submission(tmp_path, "ex04_hidden_delta", "\ndef linear_backward(dZ, W):\n    return W @ dZ\n\n"
                       "def backward_step(dZ2, W2, Z1):\n    dA1 = linear_backward(dZ2, W2)\n"
                       "    return dA1 * (1 - np.tanh(Z1) ** 2)\n\n"
                       "def hidden_delta(dZ2, W2, Z1, activation='tanh'):\n    return backward_step(dZ2, W2, Z1)\n")
    explained = explanation.explain(tmp_path, "ex04")
    written = path.read_text(encoding="utf-8").splitlines()
    assert written[explained.departure - 1] == "    return W @ dZ", explanation.text(explained)
    assert next(line for line in explained.lines if line.departs).code == "    return W @ dZ"
    called = written.index("    return backward_step(dZ2, W2, Z1)") + 1
    assert f"inside linear_backward, reached from line {called} of hidden_delta:" in explained.message
    assert explained.message.endswith("W is (2, 4) = (n_y, n_h); dZ is (2, 7) = (n_y, m)."), explained.message

    # In a notebook, the line the call was reached from is counted in its cell, as the table's are
    helpers = "def linear_backward(dZ, W):\n    return W @ dZ\n\ndef backward_step(dZ2, W2, Z1):\n" \
              "    dA1 = linear_backward(dZ2, W2)\n    return dA1 * (1 - np.tanh(Z1) ** 2)"
    cells = [(ROOT / "solutions" / "ex04_hidden_delta.py").read_text(encoding="utf-8"), helpers,
             "def hidden_delta(dZ2, W2, Z1, activation='tanh'):\n    return backward_step(dZ2, W2, Z1)"]
    notebook = {"cells": [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": c}
                          for c in cells], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path.unlink()
    (tmp_path / "ex04_hidden_delta.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    explained = explanation.explain(tmp_path, "ex04")
    assert "inside linear_backward, reached from line 2 of hidden_delta:" in explained.message, explained.message
    assert next(line for line in explained.lines if line.departs).code == "    return W @ dZ"


@pytest.mark.parametrize("first, second", [
    ("def hidden_delta(dZ2, W2, Z1, activation='tanh'):\n    return W2.T @ dZ2\n",
     "def hidden_delta(dZ2, W2, Z1, activation='tanh'):\n    dA1 = W2.T @ dZ2\n    return dA1 * np.tanh(Z1)\n"),
    ("import numpy as np\n\n\ndef helper(dZ2, W2, Z1):\n    dA1 = W2.T @ dZ2\n    return dA1 * np.tanh(Z1)\n",
     "def hidden_delta(dZ2, W2, Z1, activation='tanh'):\n    return helper(dZ2, W2, Z1)\n"),
], ids=["defined again", "a helper in another cell"])
def test_two_time_cells_of_a_script_are_told_apart(tmp_path, first, second):
    """Both %%time cells of nbconvert's script ran as `<string>`: the first cell's hidden_delta
    was shown for the second's, and a helper of the first was looked for in the second."""
    script = (ROOT / "solutions" / "ex04_hidden_delta.py").read_text(encoding="utf-8") + "".join(
        f"\n\n# In[{n}]:\n\n\nget_ipython().run_cell_magic('time', '', {cell!r})\n" for n, cell in ((2, first), (3, second)))
    (tmp_path / "ex04_hidden_delta.py").write_text("# coding: utf-8\n\n# In[1]:\n\n\n" + script, encoding="utf-8")
    explained = explanation.explain(tmp_path, "ex04")
    assert [line.code for line in explained.lines] == second.splitlines(), explanation.text(explained)
    assert explained.departure == len(second.splitlines())


def test_a_variable_that_is_zero_is_not_named_as_a_quantity_that_is_zero(tmp_path):
    """With both gradients zero, the numerator 0 was noted "= difference ✓", the relative difference."""
    _submission(tmp_path, "ex06_gradient_check", "\ndef relative_difference(grad, grad_approx):\n"
                "    numerator = np.linalg.norm(grad - grad_approx)\n"
                "    return numerator / (np.linalg.norm(grad) + np.linalg.norm(grad_approx))\n")
    explained = explanation.explain(tmp_path, "ex06")
    assert [n.quantity for line in explained.lines for n in line.notes if n.name == "numerator"] == [""], \
        explanation.text(explained)


def test_a_mask_drawn_anew_departs_where_it_is_drawn(tmp_path):
    """Ng's course draws D1 with np.random.rand; here the masks are given, and the line that
    replaces one is the first that departs, not the A1 it spoils (seeded: the same draws each run)."""
    code = '''
np.random.seed(0)


def forward_propagation_with_dropout(X, parameters, keep_prob, masks):
    W1, b1, W2, b2, W3, b3 = (parameters[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3"))
    D2 = masks[1]
    A1 = relu(W1 @ X + b1)
    D1 = np.random.rand(A1.shape[0], A1.shape[1])
    D1 = (D1 < keep_prob).astype(int)  # explain: here
    A1 = A1 * D1 / keep_prob
    A2 = relu(W2 @ A1 + b2) * D2 / keep_prob
    A3 = sigmoid(W3 @ A2 + b3)
    return A3, (W1 @ X + b1, D1, A1, W1, b1, W2 @ A1 + b2, D2, A2, W2, b2, W3 @ A2 + b3, A3, W3, b3)
'''
    path = _submission(tmp_path, "ex09_regularization", code)
    explained = explanation.explain(tmp_path, "ex09", "forward_propagation_with_dropout")
    assert explained.departure == _marked_statement(path.read_text(encoding="utf-8"))[0], explanation.text(explained)


LONG_LOOP = '''
def weight_gradients(dZ, A_prev):
    n_l, m = dZ.shape
    dW = np.zeros((n_l, A_prev.shape[0]))
    for k in range(m):
        for i in range(n_l):
            for j in range(A_prev.shape[0]):
                z = dZ[i, k]
                a = A_prev[j, k]
                prod = z * a
                share = prod / m
                dW[i, j] += share
'''


@pytest.mark.parametrize("code, wanted", [
    ("    db = np.zeros((n_l, 1))\n    for k in range(m):\n        for i in range(n_l):\n            dz = dZ[i, k]\n"
     "            db[i, 0] += dz\n    return dW, db\n", "            db[i, 0] += dz"),
    ("    for extra in range(90):\n        pass\n    db = np.sum(dZ, axis=1, keepdims=True)\n    return dW, db\n",
     "    return dW, db"),
], ids=["its loop cut", "after the cut"])
def test_a_trace_cut_in_a_long_loop_judges_the_values_returned_and_says_so(tmp_path, code, wanted):
    """A trace keeps 400 lines: db, still being summed at the cut, was judged on its partial
    sum; one made after the cut was judged at the return, and the cut went unsaid."""
    _submission(tmp_path, "ex03_weight_gradients", LONG_LOOP + code)
    explained = explanation.explain(tmp_path, "ex03")
    marked = next(line for line in explained.lines if line.departs)
    assert marked.code == wanted and "yours is 3.71882, db is 0.743765." in explained.message, explanation.text(explained)
    assert "explain watches the first 400 lines a function runs, and yours ran more" in explained.message


def test_an_entry_of_the_wrong_shape_that_holds_another_quantity_is_named_by_it(tmp_path):
    """grads['dW2'] holding dW3 was told only by its shape: the key, off by one, went unsaid."""
    code = importlib.import_module("variants.ex05_l_layer").MISTAKES["ex05/grads-keys-off-by-one"]
    _submission(tmp_path, "ex05_l_layer", code)
    message = explanation.explain(tmp_path, "ex05").message
    assert message.endswith("grads['dW2'] has the shape (1, 3) = (1, n[2]); dW2 must have the shape (3, 4) = "
                            "(n[2], n[1]). Its values are those of dW3."), message


def test_a_value_cast_to_float32_departs_where_it_is_cast(tmp_path):
    """Z cast to float32 made Z_norm drift past the check's tolerance: the right Z_norm line was
    marked, and nothing said float32."""
    code = ("\ndef batchnorm_forward(Z, gamma, beta, eps=1e-5):\n    Z = Z.astype(np.float32)\n"
            "    mu = np.mean(Z, axis=1, keepdims=True)\n    var = np.var(Z, axis=1, keepdims=True)\n"
            "    Z_norm = (Z - mu) / np.sqrt(var + eps)\n    return gamma * Z_norm + beta, (Z, Z_norm, mu, var, gamma, beta, eps)\n")
    _submission(tmp_path, "ex10_batchnorm", code)
    explained = explanation.explain(tmp_path, "ex10")
    assert [line.code for line in explained.lines if line.departs] == ["    Z = Z.astype(np.float32)"], explanation.text(explained)
    assert "Z holds float32 numbers from here on" in explained.message and "Z_norm has the right shape" in explained.message


def test_a_complex_value_is_said_to_be_complex(tmp_path, recwarn):
    """dW divided by np.emath.sqrt(-m * m), a complex array: "yours is 0, dW is -0.11576", its real part
    alone, under numpy's ComplexWarnings."""
    code = ("\ndef weight_gradients(dZ, A_prev):\n    m = A_prev.shape[1]\n"
            "    dW = np.dot(dZ, A_prev.T) / np.emath.sqrt(-m * m)\n"
            "    return dW, np.sum(dZ, axis=1, keepdims=True) / m\n")
    _submission(tmp_path, "ex03_weight_gradients", code)
    explained = explanation.explain(tmp_path, "ex03")
    departs = [line.code for line in explained.lines if line.departs]
    assert departs == ["    dW = np.dot(dZ, A_prev.T) / np.emath.sqrt(-m * m)"]
    assert "dW holds complex numbers (complex128); the derivation's dW is real." in explained.message, explained.message
    assert not [w for w in recwarn if "ComplexWarning" in w.category.__name__]


def test_an_argument_put_back_inexactly_departs_where_it_is_put_back(tmp_path):
    """theta[i] + eps - 2 eps + eps is not always theta[i]: the line that nudged it first was
    marked, though the reference nudges theta in place too; the restoring line is the one to change."""
    code = ("\ndef numerical_gradient(f, theta, epsilon=1e-7):\n    grad = np.zeros(theta.shape)\n"
            "    for i in np.ndindex(theta.shape):\n        theta[i] = theta[i] + epsilon\n        f_plus = f(theta)\n"
            "        theta[i] = theta[i] - 2 * epsilon\n        f_minus = f(theta)\n        theta[i] = theta[i] + epsilon\n"
            "        grad[i] = (f_plus - f_minus) / (2 * epsilon)\n    return grad\n")
    _submission(tmp_path, "ex06_gradient_check", code)
    explained = explanation.explain(tmp_path, "ex06")
    assert [line.number for line in explained.lines if line.departs] == [explained.lines[-3].number], \
        explanation.text(explained)
    assert "leaves it changed when the function returns" in explained.message


def test_a_departure_made_from_a_value_the_derivation_does_not_name_says_so(tmp_path):
    """spread = sqrt(var + 2 eps) is where the slip is, but spread is no quantity: Z_norm's line is
    marked, and nothing sent the learner to the line above it. (Where the slip is a catalogued
    mistake, eps-outside-sqrt, its rules' MADE_BY marks the line above itself.)"""
    code = ("\ndef batchnorm_forward(Z, gamma, beta, eps=1e-5):\n    mu = np.mean(Z, axis=1, keepdims=True)\n"
            "    spread = np.sqrt(np.var(Z, axis=1, keepdims=True) + 2 * eps)\n    Z_norm = (Z - mu) / spread\n"
            "    return gamma * Z_norm + beta, (Z, Z_norm, mu, spread ** 2 - 2 * eps, gamma, beta, eps)\n")
    path = _submission(tmp_path, "ex10_batchnorm", code)
    explained = explanation.explain(tmp_path, "ex10")
    made = path.read_text(encoding="utf-8").splitlines().index(code.splitlines()[3]) + 1
    assert explained.message.endswith(f"It is computed from spread (line {made}), which the derivation does not "
                                      "name and explain cannot judge: if this line is right, look there."), explained.message
    _submission(tmp_path, "ex10_batchnorm", code.replace("np.sqrt(np.var(Z, axis=1, keepdims=True) + 2 * eps)",
                                                         "np.std(Z, axis=1, keepdims=True) + eps"))
    explained = explanation.explain(tmp_path, "ex10")
    departing = [line.code for line in explained.lines if line.departs]
    assert departing == ["    spread = np.std(Z, axis=1, keepdims=True) + eps"]
    assert "It is computed from" not in explained.message, explained.message
    # a sum with no axis: one number where each column needs its own (np.float64, not an array, was passed over)
    code = ("\ndef softmax_backward(dA, Z):\n    A = softmax(Z)\n    inner = np.sum(A * dA)\n"
            "    return A * (dA - inner)\n")
    path = _submission(tmp_path, "ex08_softmax_cross_entropy", code)
    explained = explanation.explain(tmp_path, "ex08", "softmax_backward")
    made = len(path.read_text(encoding="utf-8").splitlines()) - 1
    assert explained.message.endswith(f"It is computed from inner (line {made}, one number), which the derivation "
                                      "does not name and explain cannot judge: if this line is right, look there."), \
        explained.message



def test_a_value_a_loop_carries_from_the_departing_line_is_said_to_be_its_earlier_pass(tmp_path):
    """Ng's `A_prev = A` at the top of the relu loop, with "sigmoid" pasted in: line 12 departs on its first pass,
    and explain, judging its last, sent the learner to `A_prev = A` ("if this line is right, look there")."""
    code = ("\ndef L_model_forward(X, parameters):\n    caches, A, L = [], X, len(parameters) // 2\n"
            "    for l in range(1, L):\n        A_prev = A\n"
            "        A, cache = linear_activation_forward(A_prev, parameters['W%d' % l], parameters['b%d' % l],\n"
            "                                             'sigmoid')\n"
            "        caches.append(cache)\n"
            "    AL, cache = linear_activation_forward(A, parameters['W%d' % L], parameters['b%d' % L], 'sigmoid')\n"
            "    caches.append(cache)\n    return AL, caches\n")
    path = _submission(tmp_path, "ex05_l_layer", code)
    explained = explanation.explain(tmp_path, "ex05", "L_model_forward")
    made = path.read_text(encoding="utf-8").splitlines().index(code.splitlines()[4]) + 1
    assert [line.code for line in explained.lines if line.departs] == [code.splitlines()[5]]
    assert explained.message.endswith(f"It is computed from A_prev (line {made}), which holds what this line made on "
                                      "an earlier pass of its loop: it departs there already, and the values shown "
                                      "are its last pass's."), explained.message


def test_a_dict_a_departing_line_writes_into_is_not_what_it_is_computed_from(tmp_path):
    """grads["dZ3"], grads["dW3"], grads["db3"] = ... in a function that fills grads on later lines too: "computed
    from w3 and grads (line 275) and grads (line 275) and grads (line 275)", the dict written, once for each of its
    entries, at the last line that changed it, below the one marked."""
    code = ("\ndef backward_propagation_with_regularization(X, Y, cache, lambd):\n"
            "    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3), m, grads = cache, X.shape[1], {}\n"
            "    dZ3 = A3 - Y\n    w3 = dZ3 @ A2.T / m + lambd * W3\n"
            "    grads['dZ3'], grads['dW3'], grads['db3'] = dZ3, w3, dZ3.sum(axis=1, keepdims=True) / m\n"
            "    dA2 = W3.T @ dZ3\n    dZ2 = dA2 * (Z2 > 0)\n    grads['dA2'], grads['dZ2'] = dA2, dZ2\n"
            "    dA1 = W2.T @ dZ2\n    dZ1 = dA1 * (Z1 > 0)\n    grads['dA1'], grads['dZ1'] = dA1, dZ1\n"
            "    grads['dW2'], grads['db2'] = (dZ2 @ A1.T + lambd * W2) / m, dZ2.sum(axis=1, keepdims=True) / m\n"
            "    grads['dW1'], grads['db1'] = (dZ1 @ X.T + lambd * W1) / m, dZ1.sum(axis=1, keepdims=True) / m\n"
            "    return grads\n")
    path = _submission(tmp_path, "ex09_regularization", code)
    explained = explanation.explain(tmp_path, "ex09", "backward_propagation_with_regularization")
    made = path.read_text(encoding="utf-8").splitlines().index(code.splitlines()[4]) + 1
    assert explained.message.endswith(f"It is computed from w3 (line {made}), which the derivation does not name and "
                                      "explain cannot judge: if this line is right, look there."), explained.message

_THETA_PLUS_IS_THETA = (
    "\ndef numerical_gradient(f, theta, epsilon=1e-7):\n    grad_approx = np.zeros(theta.shape)\n"
    "    for i in range(theta.size):\n        theta_plus = theta\n        theta_plus.flat[i] += epsilon\n"
    "        f_plus = f(theta_plus)\n        theta_minus = theta\n        theta_minus.flat[i] -= epsilon\n"
    "        grad_approx.flat[i] = (f_plus - f(theta_minus)) / (2 * epsilon)\n    return grad_approx\n")


def test_one_array_under_two_names_is_said_where_both_change(tmp_path):
    """theta_plus = theta, then theta_plus[i] += eps, nudges theta too, and theta_minus = theta starts from the
    nudged array: every entry is half the gradient, and the trace showed theta change on a line that does not
    name it, with nothing said of it. d = z, then d[d > 0] = 1, changes z (the check says so) for the same reason."""
    code = _THETA_PLUS_IS_THETA
    path = _submission(tmp_path, "ex06_gradient_check", code)
    explained = explanation.explain(tmp_path, "ex06", "numerical_gradient")
    nudged = path.read_text(encoding="utf-8").splitlines().index("        theta_plus.flat[i] += epsilon") + 1
    assert explained.message.endswith(
        f"Line {nudged} changed theta as well as theta_plus: they are one array under two names (line {nudged - 1}'s "
        "theta_plus = theta gives theta's array a second name; theta_plus = theta.copy() makes a new one)."), \
        explained.message
    _submission(tmp_path, "ex06_gradient_check", code.replace("theta_plus = theta\n", "theta_plus = theta[...]\n"))
    assert explanation.explain(tmp_path, "ex06", "numerical_gradient").message.endswith(  # a view, named otherwise
        f"they are one array under two names (an assignment such as theta_plus = theta gives an array a second name; "
        "theta_plus = theta.copy() makes a new one)."), explained.message
    path = _submission(tmp_path, "ex01_sigmoid_derivative",
                       "\ndef relu_derivative(z):\n    d = z\n    d[d > 0] = 1\n    d[d <= 0] = 0\n    return d\n")
    explained = explanation.explain(tmp_path, "ex01", "relu_derivative")
    assert f"Line {len(path.read_text(encoding='utf-8').splitlines()) - 2} changed z as well as d" in explained.message
    _submission(tmp_path, "ex01_sigmoid_derivative",  # a copy: z is left alone, and nothing is said of it
                "\ndef relu_derivative(z):\n    d = z.copy()\n    d[d > 0] = 1\n    d[d <= 0] = 1\n    return d\n")
    explained = explanation.explain(tmp_path, "ex01", "relu_derivative")
    assert explained.message and "as well as" not in explained.message, explained.message


def test_a_forged_trace_s_names_are_not_read_as_patterns(tmp_path):
    """The line that gave an array its second name was looked for with a pattern made of the trace's names, which a
    patched worker writes: a name "(theta" ended explain in re.error's traceback, and 300 names of theta's value
    made it compile a pattern for each pair of them on each line, 63 s (3,000: over 5 minutes; 0.9 s now)."""
    _submission(tmp_path, "ex06_gradient_check", _THETA_PLUS_IS_THETA + _forging_trace(
        'for _, changed in reply["result"]["events"]:\n    if "theta" in changed:\n'
        '        changed["(theta"] = changed.pop("theta")\n'))
    message = explanation.explain(tmp_path, "ex06", "numerical_gradient").message
    assert message.endswith("they are one array under two names (an assignment such as theta_plus = (theta gives an "
                            "array a second name; theta_plus = (theta.copy() makes a new one)."), message


def test_a_forged_trace_s_crowded_line_is_not_read_for_second_names(tmp_path):
    """A forged event of 3,000 names the line names and 3,000 it does not, all arrays, made explain compare each
    pair, 9 million, in 21 s (0.9 s now): an event of more than 32 names, far more than a learner's line changes, is
    passed over, even where two of them are one array."""
    _submission(tmp_path, "ex06_gradient_check", _THETA_PLUS_IS_THETA + _forging_trace(
        'for _, changed in reply["result"]["events"]:\n'
        f'    changed.update({{f"n{{k}}": k for k in range({explanation._ALIASED_MOST})}})\n'))
    message = explanation.explain(tmp_path, "ex06", "numerical_gradient").message
    assert message and "as well as" not in message, message


def test_an_argument_changed_in_place_and_reshaped_is_explained(tmp_path):
    """z += 1, then z.shape = ..., then z += 1 again: the entries first changed were looked up
    in an array of the new shape, and explain ended in an IndexError's traceback."""
    _submission(tmp_path, "ex01_sigmoid_derivative", "\n\ndef relu_derivative(z):\n    z += 1\n"
                "    z.shape = z.shape[::-1]\n    z += 1\n    return (z > 0).astype(float)\n")
    explained = explanation.explain(tmp_path, "ex01", "relu_derivative")
    assert "it changes the argument z in place and leaves it changed" in explained.message, explanation.text(explained)


_FORGED_TRACE = '''
import sys as _sys
_sys.modules["autograder.execution.server"]._HANDLERS["trace"] = lambda request, session: {"ok": True, "result": {
    "events": [[99999, {"dZ": 1}], [100000, {"dW": np.ones((4, 3))}]], "returned": (np.ones((4, 3)), np.ones((4, 1))),
    "error": None, "ended_at": 100001, "cut": False}}

def weight_gradients(dZ, A_prev):
    return dZ @ A_prev.T, np.sum(dZ, axis=1, keepdims=True)
'''


_IMPORTED = "sigmoid could not be explained: it is dnn_utils.py's, imported, not a def of ex01_sigmoid_derivative.py"


@pytest.mark.parametrize("exercise_id, code, function, said", [
    ("ex03_weight_gradients", _FORGED_TRACE, None,  # learner code's own trace: explain raised IndexError
     "the lines it ran are not those of a def in ex03_weight_gradients.py"),
    ("ex01_sigmoid_derivative", "import numpy as np\nfrom dnn_utils import sigmoid\n", "sigmoid", _IMPORTED),  # "Line 10 departs"
    # a def of the learner's at line 9, where dnn_utils' sigmoid is: shown as if it were what ran
    ("ex01_sigmoid_derivative", "import numpy as np\nfrom dnn_utils import *\n" + "\n" * 6
     + "def my_helper(z):\n    y = z + 1\n    return y\n", "sigmoid", _IMPORTED),
])
def test_lines_that_are_not_a_def_of_the_file_are_not_explained(tmp_path, exercise_id, code, function, said):
    """A trace names the lines a function ran; those that are not a def's in the learner's
    file (forged in the worker, or dnn_utils' own sigmoid imported) are not shown as theirs."""
    (tmp_path / f"{exercise_id}.py").write_text(
        code if function else (ROOT / "solutions" / f"{exercise_id}.py").read_text(encoding="utf-8") + code,
        encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(said)):
        explanation.explain(tmp_path, exercise_id, function)


@pytest.mark.parametrize("line", [-1, -10**18])
def test_a_trace_whose_error_a_worker_puts_before_the_first_line_is_explained(tmp_path, line):
    """A patched worker's trace may say its function raised at any line, which Python's index reads from the
    file's end: at -1, explain said of the file's last line's names that the function used them; at -10**18
    the index raised IndexError, and explain ended in a traceback."""
    _submission(tmp_path, "ex03_weight_gradients", _forging_trace(
        f'reply["result"].update(ended_at=None, error={{"type": "ValueError", "message": "forged", "line": {line}, '
        '"function": "weight_gradients", "cell": None})\n'))
    message = explanation.explain(tmp_path, "ex03", "weight_gradients").message
    assert message == f"Line {line} is the first that departs from the derivation: it raised ValueError: forged."


def test_a_trace_whose_callees_error_a_worker_puts_past_the_files_end_is_explained(tmp_path):
    """A patched worker's trace may say a function called raised at any line: past the file's end, the question
    whether that line was the callee's def (an argument that departs) raised IndexError, and explain ended in a
    traceback."""
    _submission(tmp_path, "ex05_l_layer", '\ndef linear_backward(dZ, cache):\n    raise ValueError("not written yet")\n'
                + _forging_trace('reply["result"]["error"]["line"] = 10 ** 6\n'))
    message = explanation.explain(tmp_path, "ex05", "linear_activation_backward").message
    assert message.startswith("Line 1000000 is the first that departs from the derivation: it raised ValueError "
                              "inside linear_backward"), message


def test_a_file_saved_with_windows_line_ends_shows_its_lines_without_their_carriage_returns(tmp_path):
    """A CRLF file's lines kept their \r, which the terminal's rendering shows as a ? at each line's end."""
    (tmp_path / "ex02_output_delta.py").write_bytes(
        (ROOT / "tests/corpus/wrong_ex02_divided_by_m_crlf/ex02_output_delta.py").read_bytes())
    explained = explanation.explain(tmp_path, "ex02")
    assert explained.lines and not any(line.code.endswith("\r") for line in explained.lines)
    assert "?\n" not in explanation.text(explained) and "dZ2 = (A2 - Y) / m   " in explanation.text(explained)


@pytest.mark.parametrize("exercise_id, function, first", [
    ("ex02_output_delta", "output_delta", "output_delta = lambda A2, Y: A2 - Y"),  # "not those of a def" in its file
    ("ex03_weight_gradients", "weight_gradients", "def _layer_gradients(dZ, A_prev, average=True):"),  # "no function"
])
def test_a_lambda_or_a_partial_of_the_file_is_explained(tmp_path, exercise_id, function, first):
    """The corpus gives functions as lambdas and functools.partial; explain refused both as
    not the learner's own, though their lines are in the learner's file."""
    (tmp_path / f"{exercise_id}.py").write_bytes(
        (ROOT / "tests/corpus/py_staticmethods_lambdas_partial" / f"{exercise_id}.py").read_bytes())
    explained = explanation.explain(tmp_path, exercise_id, function)
    assert explained.lines[0].code == first and explained.departure is None, explanation.text(explained)
    assert any(note.verdict == "right" for line in explained.lines for note in line.notes), explanation.text(explained)


def test_an_error_whose_message_ends_in_a_question_is_not_given_a_full_stop_after_it(tmp_path):
    """Python's "Did you mean: 'A_prev'?" was followed by ".", as in "'A_prev'?. dZ is ..."."""
    _submission(tmp_path, "ex03_weight_gradients", "\n\ndef weight_gradients(dZ, A_prev):\n"
                "    return dZ @ A_prv.T / 5, dZ.sum(axis=1, keepdims=True) / 5\n")
    explained = explanation.explain(tmp_path, "ex03")
    assert "Did you mean: 'A_prev'? dZ is (4, 5) = (n_l, m)." in explained.message, explained.message


def test_a_breakpoint_left_in_departs_where_the_debugger_quit(tmp_path):
    """breakpoint()'s debugger takes over the trace, so explain saw no line end the call: it said
    "weight_gradients returned None: is a `return` missing?" of a function that has one. Python 3.13's
    debugger stops on breakpoint()'s own line, older ones on the next (the last here)."""
    path = _submission(tmp_path, "ex03_weight_gradients", "\n\ndef weight_gradients(dZ, A_prev):\n"
                       "    dW = dZ @ A_prev.T / A_prev.shape[1]\n    breakpoint()\n"
                       "    return dW, dZ.sum(axis=1, keepdims=True) / A_prev.shape[1]\n")
    explained = explanation.explain(tmp_path, "ex03")
    last = len(path.read_text(encoding="utf-8").splitlines())
    assert explained.departure == last - (sys.version_info >= (3, 13)), explanation.text(explained)
    assert "it stopped in the debugger that a breakpoint() or pdb.set_trace() started" in explained.message, \
        explained.message


def test_a_dict_returned_from_inside_its_loop_departs_at_the_return(tmp_path):
    """`return grads` indented into the loop: the keys the loop never wrote were said to be
    missing at the line that wrote the last key, which is right, and not at the return."""
    path = _submission(tmp_path, "ex05_l_layer")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n    return grads\n    ### END SOLUTION", "\n        return grads\n"), encoding="utf-8")
    explained = explanation.explain(tmp_path, "ex05")
    returned = path.read_text(encoding="utf-8").split("\n").index("        return grads") + 1
    assert explained.departure == returned and explained.message.endswith("grads lacks the keys dA0, dW1, db1."), \
        explanation.text(explained)


def test_a_function_that_hangs_is_said_to_hang_once(tmp_path):
    """A call stopped for time marks its exercise error with a note saying so (grading-contract.md);
    explain must still trace the function, and say it hung without that note repeated after it."""
    from autograder import submission
    from autograder.execution.client import Worker
    hangs = "\ndef weight_gradients(dZ, A_prev):\n    while True:\n        pass\n"
    _submission(tmp_path, "ex03_weight_gradients", hangs)
    source = submission.read(tmp_path, ["ex03_weight_gradients"])["ex03_weight_gradients"]
    with Worker(call_timeout=1) as worker, pytest.raises(ValueError) as raised:
        explanation.explain_source(source, catalog.find("ex03"), None, worker)
    assert str(raised.value) == "weight_gradients could not be explained: did not return within 1 s"


def test_in_jupyter_the_mistakes_id_heads_its_explanation_as_in_the_terminal(tmp_path):
    """The HTML put "ex03/dW-transposed: dW has the shape ..." in one <pre>: the id lengthened the
    explanation's first line past the others, and Jupyter wrapped it mid-sentence."""
    code = importlib.import_module("variants.ex03_weight_gradients").MISTAKES["ex03/dW-transposed"]
    _submission(tmp_path, "ex03_weight_gradients", code)
    explained = explanation.explain(tmp_path, "ex03")
    said = explained.mistake.partition(": ")[2]
    assert said.startswith("dW has the shape of A_prev @ dZ.T")
    assert "The check recognised a known mistake, ex03/dW-transposed:\n" + said in explanation.text(explained)
    assert (f"<p>The check recognised a known mistake, ex03/dW-transposed:</p><pre>{html.escape(said)}</pre>"
            in explanation.html(explained))


def test_a_list_argument_changed_in_place_is_called_a_list(tmp_path):
    """caches.pop() in L_model_backward changes a list: the check and explain said "Return new arrays" and "the
    caller's array" of it."""
    _submission(tmp_path, "ex05_l_layer", "\n_reference = L_model_backward\n\n\ndef L_model_backward(AL, Y, caches):\n"
                "    last = caches.pop()  # explain: here\n    return _reference(AL, Y, caches + [last])\n")
    explained = explanation.explain(tmp_path, "ex05", "L_model_backward")
    assert "changed its argument caches (a list of length 3) in place. Return new values" in explained.check
    assert "and with it the caller's list: put back what you change, or work on a copy (caches.copy()) or a new " \
           "list." in explained.message, explanation.text(explained)


def test_a_known_mistakes_factor_is_said_not_an_unnamed_value_blamed(tmp_path):
    """linear_backward summing one example at a time, no 1/m: explain blamed dz = dZ[:, i:i + 1], an innocent line,
    as "computed from dz ... look there"; the check knows the mistake, and the factor says why dW is wrong."""
    (tmp_path / "ex05_l_layer.py").write_bytes(
        (ROOT / "tests/corpus/wrong_ex03_ex05_one_example_at_a_time_loops_py/ex05_l_layer.py").read_bytes())
    explained = explanation.explain(tmp_path, "ex05", "linear_backward")
    m = re.search(r"m = (\d+) examples", explained.case)[1]
    assert f"Each of yours is {m} (m) times dW's." in explained.message, explanation.text(explained)
    assert "computed from dz" not in explained.message and explained.mistake.startswith("ex05/missing-1-over-m")


def test_explain_says_what_check_says_of_the_inputs_given(tmp_path):
    """check tells a learner who draws dropout masks anew that the masks come as an argument (the
    spec's `given` text); explain left it out, showing the check's first line only."""
    code = ('\n\ndef forward_propagation_with_dropout(X, parameters, keep_prob, masks):\n'
            '    W1, b1, W2, b2, W3, b3 = (parameters[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3"))\n'
            '    A1 = np.maximum(0, np.dot(W1, X) + b1)\n'
            '    D1 = (np.random.rand(*A1.shape) < keep_prob).astype(int)\n'
            '    A1 = A1 * D1 / keep_prob\n'
            '    A2 = np.maximum(0, np.dot(W2, A1) + b2)\n'
            '    D2 = (np.random.rand(*A2.shape) < keep_prob).astype(int)\n'
            '    A2 = A2 * D2 / keep_prob\n'
            '    Z3 = np.dot(W3, A2) + b3\n    A3 = 1 / (1 + np.exp(-Z3))\n'
            '    return A3, (np.dot(W1, X) + b1, D1, A1, W1, b1, np.dot(W2, A1) + b2, D2, A2, W2, b2,\n'
            '                Z3, A3, W3, b3)\n')
    _submission(tmp_path, "ex09_regularization", code)
    explained = explanation.explain(tmp_path, "ex09", "forward_propagation_with_dropout")
    given = " ".join(spec.load("ex09_regularization").functions["forward_propagation_with_dropout"].given[True].split())
    assert "Apply the masks you are given" in explained.check  # check says it ...
    assert given in " ".join(explanation.text(explained).split())  # ... and so does explain, in a terminal
    assert html.escape(given) in explanation.html(explained)  # and in Jupyter


def test_a_call_whose_arguments_do_not_bind_is_said_to_raise_not_to_return_none(tmp_path):
    """`def weight_gradients(dZ, *, A_prev)`: no line of it ran, and explain said "weight_gradients returned None: is
    a `return` missing?" of a def that returns; it raised TypeError on the call, as the checks say."""
    _submission(tmp_path, "ex03_weight_gradients", "\n\ndef weight_gradients(dZ, *, A_prev):\n"
                "    m = A_prev.shape[1]\n    return dZ @ A_prev.T / m, np.sum(dZ, axis=1, keepdims=True) / m\n")
    message = explanation.explain(tmp_path, "ex03").message
    assert "returned None" not in message, message
    assert "raised TypeError: weight_gradients() takes 1 positional argument but 2 were given. The checks call " \
           "weight_gradients(dZ, A_prev), each argument by its position" in message, message
