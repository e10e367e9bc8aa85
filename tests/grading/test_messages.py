"""What `backprop check` says when a learner's function hangs, raises or changes its argument:
one sentence in the learner's words, that names the function and what to look for."""
from autograder import catalog
import conftest
from conftest import ROOT

EX01 = "ex01_sigmoid_derivative"
EX03 = "ex03_weight_gradients"


def first_message(folder, exercise_id, tail, **options):
    """The first failing check's message of the solution with tail appended (a def redefined)."""
    text = (ROOT / "solutions" / f"{exercise_id}.py").read_text(encoding="utf-8") + tail
    (folder / f"{exercise_id}.py").write_text(text, encoding="utf-8")
    result = conftest.grade(folder, [catalog.BY_ID[exercise_id]], **options).exercises[0]
    return next(c.message for c in result.checks if not c.passed)


def test_a_function_that_does_not_return_is_told_so_once_with_the_limit_and_what_to_look_for(tmp_path):
    """It said "sigmoid did not return in time (did not return within 2 s)": the same thing twice."""
    message = first_message(tmp_path, EX01, "\ndef sigmoid(z):\n    while True:\n        pass\n",
                            limits={"call_timeout": 1}).splitlines()[-1]
    assert message == ("sigmoid did not return within 1 s: is there a loop that never ends, "
                       "or a very slow loop over the examples?")
