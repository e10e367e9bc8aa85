"""What a learner reads of a grading with the hidden checks holds none of their inputs.

The worker calls a learner's functions on the hidden inputs, and what the learner's code
raises or returns reaches the messages learners read: Gradescope's results.json,
PrairieLearn's results, nbgrader's feedback. Each submission here tries to carry the hidden
inputs into such a message; a learner who reads them can hard-code the answers of the
whole class's hidden checks on a second attempt. What cannot be closed, and is not tried
here: a check's pass or fail, its time, and which catalogued mistake it names are a few
bits a hidden check (docs/security.md).
"""
import json
import os
import re
import subprocess
import sys

from autograder import catalog, plan, plgrade, render, report, spec
from conftest import ROOT, grade

SECRET = "secrecy-tests-secret-0123456789abcdef"


def solution(exercise_id, extra):
    return (ROOT / "solutions" / f"{exercise_id}.py").read_text(encoding="utf-8") + "\n" + extra


def hidden_numbers(exercise_ids):
    """The hidden cases' input numbers as a learner's repr writes them (those of 9 characters
    or more, which no public input or message holds by chance), and their calls' keys, which
    hold their seeds."""
    made = plan.make("all", SECRET, tuple(catalog.find(i) for i in exercise_ids))
    numbers = {c.key for e in made.exercises for c in e.calls if c.case.hidden}
    for e in made.exercises:
        for call in e.calls:
            if call.case.hidden:
                for value in call.arguments:
                    numbers.update(repr(float(x)) for x in _flat(value))
    return {n for n in numbers if len(n) >= 9}


def _flat(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _flat(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _flat(item)
    elif hasattr(value, "dtype") and value.dtype.kind in "fiu":
        yield from value.ravel().tolist()
    elif isinstance(value, float):
        yield value


# ex01 keeps every input its sigmoid is called on; ex02's output_delta raises them, called after
# ex01's hidden checks in the same worker.
STASHED = """
import builtins
builtins.seen = []
_sigmoid = sigmoid
def sigmoid(z):
    builtins.seen.append(np.asarray(z).tolist())
    return _sigmoid(z)
"""
RAISED = """
import builtins
def output_delta(A2, Y):
    raise ValueError("LEAK " + repr(getattr(builtins, "seen", []))[:1900])
"""
# ex05 alone (a PrairieLearn question): linear_forward's hidden calls come before
# linear_activation_forward's public ones in the checks' order.
WITHIN_ONE = """
_linear_forward = linear_forward
def linear_forward(A, W, b):
    globals().setdefault("seen", []).append(np.asarray(A).tolist())
    return _linear_forward(A, W, b)

def linear_activation_forward(A_prev, W, b, activation):
    raise ValueError("LEAK " + repr(globals().get("seen", []))[:1900])
"""
# ex03 at its load and at its first call, a public one: whatever the worker holds under a hidden
# case's key (a zygote's values are in gc's permanent generation, which get_objects leaves out
# until unfrozen).
AT_LOAD = """
import gc, json
def _search():
    gc.unfreeze()
    held = [(k, json.dumps(v, default=lambda a: getattr(a, "tolist", lambda: repr(a))()))
            for o in gc.get_objects() if type(o) is dict for k, v in list(o.items())
            if type(k) is str and k.count("/") == 3 and k.split("/")[1].startswith("hidden")]
    if held:
        raise ValueError("LEAK " + repr(held)[:1900])

_search()
_weight_gradients, _searched = weight_gradients, []
def weight_gradients(dZ, A_prev):
    if not _searched:
        _searched.append(True)
        _search()
    return _weight_gradients(dZ, A_prev)
"""


def test_a_gradescope_upload_carries_no_hidden_input_into_what_learners_read(tmp_path):
    """Through the batch and its zygote, as run_autograder grades: stashed from one exercise's
    hidden calls, raised in another's public check; found in the worker's memory at a load or
    a public call."""
    folder = tmp_path / "ada"
    folder.mkdir()
    for exercise_id, extra in (("ex01_sigmoid_derivative", STASHED), ("ex02_output_delta", RAISED),
                               ("ex03_weight_gradients", AT_LOAD), ("ex05_l_layer", WITHIN_ONE)):
        (folder / f"{exercise_id}.py").write_text(solution(exercise_id, extra), encoding="utf-8")
    env = {**os.environ, "BACKPROP_COURSE_SECRET": SECRET}
    done = subprocess.run([sys.executable, "-m", "autograder", "grade", folder, "--hidden", "--upload",
                           "--gradescope", tmp_path / "results.json"], env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    shown = (tmp_path / "results.json").read_text(encoding="utf-8")
    assert "LEAK [[" in shown  # the attack runs: the public inputs it saw are in a public check's message
    leaked = [n for n in hidden_numbers(["ex01", "ex02", "ex03", "ex05"]) if n in shown]
    assert not leaked, f"{len(leaked)} hidden inputs or keys in results.json, {leaked[:3]}"
    results = json.loads(shown)
    ex03 = [t for t in results["tests"] if t["name"].startswith("ex03")]
    assert ex03 and all(t["score"] == t["max_score"] for t in ex03)  # nothing hidden was there to find


def test_a_prairielearn_question_carries_no_hidden_input_into_what_learners_read(tmp_path):
    """One exercise in a worker started for it, as PrairieLearn's grading job grades."""
    (tmp_path / "ex05_l_layer.py").write_text(solution("ex05_l_layer", WITHIN_ONE), encoding="utf-8")
    result = grade(tmp_path, [catalog.find("ex05")], checks="all", secret=SECRET)
    shown = json.dumps(plgrade.results_of(result.exercises[0]))
    assert "LEAK [[" in shown
    leaked = [n for n in hidden_numbers(["ex05"]) if n in shown]
    assert not leaked, f"{len(leaked)} hidden inputs in PrairieLearn's results, {leaked[:3]}"


def test_a_hidden_check_of_a_missing_function_says_it_is_missing(tmp_path):
    """A file that defines none of its functions: each hidden check showed "its inputs stay secret", where the
    message, the same on any inputs, says the function is missing; a learner's exception saying as much stays
    masked, inputs and all."""
    (tmp_path / "ex01_sigmoid_derivative.py").write_text("import numpy as np\n", encoding="utf-8")
    exercise = grade(tmp_path, [catalog.find("ex01")], checks="all", secret=SECRET).exercises[0]
    hidden = [c for c in report.hidden_masked(exercise).checks if c.hidden]
    assert hidden and all(re.fullmatch(rf"ex01_sigmoid_derivative.py defines no function {c.function}\.", c.message)
                          for c in hidden), [c.message for c in hidden]
    (tmp_path / "ex01_sigmoid_derivative.py").write_text(solution("ex01_sigmoid_derivative", (
        "\ndef sigmoid(z):\n    raise ValueError("
        "'ex01_sigmoid_derivative.py defines no function sigmoid. LEAK ' + repr(np.asarray(z).tolist()))\n")),
        encoding="utf-8")
    exercise = grade(tmp_path, [catalog.find("ex01")], checks="all", secret=SECRET).exercises[0]
    assert any("LEAK" in c.message for c in exercise.checks if c.hidden)  # the attack runs
    assert not any("LEAK" in c.message for c in report.hidden_masked(exercise).checks if c.hidden)


def test_a_hidden_check_of_a_stub_says_it_is_not_implemented_yet(tmp_path):
    """The stub, still raising NotImplementedError: each hidden check showed "its inputs stay secret", where the
    judge's message is the same on any inputs; a function of the learner's, named after the inputs, stays masked."""
    ex05 = catalog.find("ex05")
    (tmp_path / f"{ex05.id}.py").write_text((ROOT / "exercises" / f"{ex05.id}.py").read_text(encoding="utf-8"))
    exercise = grade(tmp_path, [ex05], checks="all", secret=SECRET).exercises[0]
    hidden = [c for c in report.hidden_masked(exercise).checks if c.hidden]
    assert hidden and all(c.message == f"{c.function} is not implemented yet (it raises NotImplementedError)."
                          for c in hidden), [c.message for c in hidden]
    (tmp_path / f"{ex05.id}.py").unlink()
    (tmp_path / "ex01_sigmoid_derivative.py").write_text(solution("ex01_sigmoid_derivative", (
        "\ndef sigmoid(z):\n    def stub():\n        raise NotImplementedError\n"
        "    stub.__code__ = stub.__code__.replace(co_name='LEAK' + repr(np.asarray(z).tolist()))\n"
        "    stub()\n")), encoding="utf-8")
    exercise = grade(tmp_path, [catalog.find("ex01")], checks="all", secret=SECRET).exercises[0]
    assert any("calls LEAK" in c.message for c in exercise.checks if c.hidden)  # the attack runs
    assert not any("LEAK" in c.message for c in report.hidden_masked(exercise).checks if c.hidden)


# Raised on hidden cases alone (the public extreme case is 2 x 6), as the catalogued mistake
# ex01/unstable-at-large-z raises, with that mistake's heading in front of the inputs.
MARKED = """
_sigmoid = sigmoid
def sigmoid(z):
    z = np.asarray(z, dtype=float)
    large = np.abs(z) > 30
    if large.any() and not large.all() and z.shape != (2, 6):
        raise OverflowError("\\nThis is a known mistake, ex01/unstable-at-large-z:\\nLEAK " + repr(z.tolist()))
    return _sigmoid(z)
"""


def test_a_masked_hidden_message_keeps_only_the_graders_explanation(tmp_path):
    """A hidden check's message is masked but for the explanation of the mistake it names; a
    learner's exception that holds that explanation's heading kept what followed it."""
    (tmp_path / "ex01_sigmoid_derivative.py").write_text(solution("ex01_sigmoid_derivative", MARKED), encoding="utf-8")
    exercise = grade(tmp_path, [catalog.find("ex01")], checks="all", secret=SECRET).exercises[0]
    named = [c for c in exercise.checks if c.hidden and c.misconception == "ex01/unstable-at-large-z"]
    assert named  # the attack runs: hidden checks fail, naming the mistake
    explained = spec.load("ex01_sigmoid_derivative").mistakes["ex01/unstable-at-large-z"].strip()
    for c in report.hidden_masked(exercise).checks:
        if c in named or c.hidden and not c.passed:
            assert c.message == (report.HIDDEN_MESSAGE + report.known_mistake(c.misconception) + explained
                                 if c.misconception else report.HIDDEN_MESSAGE), c.message
    shown = json.dumps([plgrade.results_of(exercise),
                        render.gradescope([report.SubmissionResult("ada", (exercise,))])])
    assert "LEAK" not in shown


# A worker whose replies name, as the arguments a call changed in place, what its hidden
# calls were given: the public check "leaves z unchanged" quoted them, the first call that
# changed its argument on any case counting for it.
FORGED_NAMES = """
import sys
_wire = sys.modules["autograder.execution.wire"]
_line = _wire.line
_last = []
_relu_derivative = relu_derivative
def relu_derivative(z):
    _last[:] = [np.asarray(z)]
    return _relu_derivative(z)

def _forged(data):
    if type(data) is dict and data.get("ok") is True and "result" in data and _last \\
            and _last[0].shape not in ((3, 4), (), (2, 6)):
        data = {**data, "mutated": ["LEAK" + repr(x)[:30] for x in _last[0].ravel().tolist()[:8]]}
    return _line(data)

_wire.line = _forged
"""


def test_a_public_check_names_only_the_arguments_a_function_has(tmp_path):
    (tmp_path / "ex01_sigmoid_derivative.py").write_text(solution("ex01_sigmoid_derivative", FORGED_NAMES),
                                                         encoding="utf-8")
    exercise = grade(tmp_path, [catalog.find("ex01")], checks="all", secret=SECRET).exercises[0]
    public = [c for c in exercise.checks if not c.hidden and c.function == "relu_derivative"]
    assert any("changed its argument" in c.message for c in public)  # the attack runs: 1 bit, which stays
    shown = json.dumps(plgrade.results_of(exercise))
    assert "LEAK" not in shown


def test_a_course_file_in_a_learners_folder_is_never_the_secret(tmp_path):
    """`backprop grade . --hidden` run inside a learner's folder read the course secret from the first
    backprop-course.yaml at or above the current folder: the learner's own, put there with a secret
    they chose. They then knew every hidden input, and a file answering each from a table, computed
    beforehand with the package's specs and oracles, got full marks. So did nbgrader's hidden test
    cell, whose kernel runs in the folder of the learner's files, a submitted backprop-course.yaml
    among them. Such a file is refused."""
    (tmp_path / "backprop-course.yaml").write_text(f"secret: {SECRET}\n", encoding="utf-8")
    ada = tmp_path / "ada"
    ada.mkdir()
    (ada / "ex01_sigmoid_derivative.py").write_text(solution("ex01_sigmoid_derivative", ""), encoding="utf-8")
    (ada / "backprop-course.yaml").write_text("secret: chosen-by-ada-0123456789abcdef0123\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("BACKPROP_COURSE_SECRET", "BACKPROP_COURSE_CONFIG")}
    for where, upload in ((ada, []), (ada, ["--upload"]), (tmp_path, [])):
        done = subprocess.run([sys.executable, "-m", "autograder", "grade", ada, "--hidden", "--part", "1", *upload],
                              cwd=where, env=env, capture_output=True, text=True, timeout=300)
        if where == ada:
            assert done.returncode == 2 and f"{ada / 'backprop-course.yaml'}, inside {ada}," in done.stderr, done.stderr
        else:  # the course's own file, from the course's folder
            assert done.returncode == 0 and re.search(r"ex01_sigmoid_derivative +passed +10 / 10", done.stdout), \
                done.stdout + done.stderr
    cell = ada / "ex01_sigmoid_derivative.py"  # a test cell's score(), as nbgrader runs it in ada's folder
    cell.write_text(cell.read_text(encoding="utf-8") + "\nfrom autograder.notebook import score\nif __name__ == "
                    "'__main__':\n    print(score('ex01', 2.0, checks='hidden', namespace=globals()))\n",
                    encoding="utf-8")
    done = subprocess.run([sys.executable, cell], cwd=ada, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 1 and f"NoSecret: The course secret was found in {cell.parent / 'backprop-course.yaml'}" \
        in done.stderr and done.stdout == "", done.stdout + done.stderr
