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
import subprocess
import sys

from autograder import catalog, plan, plgrade, render, report, spec
from conftest import ROOT, grade

SECRET = "secrecy-tests-secret-0123456789abcdef"


def solution(exercise_id, extra):
    return (ROOT / "solutions" / f"{exercise_id}.py").read_text(encoding="utf-8") + "\n" + extra


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
