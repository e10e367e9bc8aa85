"""The grading plan: what every check needs, computed once, before any submission is graded.

A Plan is made for a run's exercises, its checks and the course secret. Grading reads a
plan and never changes it; a batch makes one, and its grading processes inherit it.
"""
import copy
import itertools
from dataclasses import dataclass

import numpy as np

from . import catalog, compare, spec as specs


@dataclass(frozen=True, eq=False)
class Call:
    """One call the checks make: a function of an exercise on one case's inputs."""
    exercise: str
    function: specs.Function
    case: specs.Case
    inputs: dict  # the case's inputs, by name; never modified
    expected: object  # what a right function returns (None on a case where it must raise)
    key: str  # the key the worker holds the call's arguments under (wire.Stored)
    arguments: tuple  # the inputs in the function's order, up to the first the case leaves out


@dataclass(frozen=True, eq=False)
class Check:
    """One check: the call it judges, and what passing it takes."""
    spec: specs.Check
    call: Call
    max_score: float


@dataclass(frozen=True, eq=False)
class Exercise:
    """An exercise's part of a plan."""
    exercise: catalog.Exercise
    spec: specs.Spec
    calls: tuple  # of Call, each made once however many checks judge it (or none: _exercise)
    checks: tuple  # of Check

    def score(self, passed) -> float:
        """The exercise's score when the checks whose names are in passed pass. From the
        weights, not the rounded per-check scores: full marks are exactly the points."""
        total = sum(c.spec.points for c in self.checks)
        return round(self.exercise.points * sum(c.spec.points for c in self.checks if c.spec.name in passed) / total, 6)


@dataclass(frozen=True, eq=False)
class Plan:
    exercises: tuple  # of Exercise

    def stored(self, exercise_ids=None) -> dict:
        """{key: arguments} of the public calls of the exercises (all of them by default): what a
        worker or zygote holds before it is called, so that a call travels as a function's name and
        a key. A worker is given a hidden call's arguments only once every public call has replied
        (grading._call)."""
        return {call.key: list(call.arguments) for e in self.exercises
                if exercise_ids is None or e.exercise.id in exercise_ids
                for call in e.calls if not call.function.constant and not call.case.hidden}


def make(checks: str = "public", secret: str = "", exercises=catalog.EXERCISES) -> Plan:
    """The plan of the checks of exercises, their hidden cases drawn with secret."""
    return Plan(tuple(_exercise(exercise, checks, secret) for exercise in exercises))


def _exercise(exercise, checks, secret) -> Exercise:
    spec = specs.load(exercise.id)
    selected = spec.selected(checks)
    # the hidden checks alone (nbgrader's hidden test cell) still make the public calls first, unjudged: a
    # result kept by the inputs' shapes then meets the hidden case of a public check's sizes, as in `grade --hidden`
    made = spec.selected("all") if checks == "hidden" else selected
    calls = {(function, case): make_call(spec, spec.functions[function], spec.cases[case], secret)
             for function, case in dict.fromkeys((c.function, c.case) for c in made)}  # each call once
    if wrong := [c for c in made if c.outputs and isinstance(calls[c.function, c.case].expected, dict)
                 and not set(c.outputs) <= set(calls[c.function, c.case].expected)]:
        raise specs.SpecError(f"{spec.exercise}: specs/{spec.exercise}.yaml, check {wrong[0].name!r}: outputs "
                              f"{list(wrong[0].outputs)} are not all keys of what {wrong[0].function} returns")
    weight = sum(c.points for c in selected)
    planned = tuple(Check(check, calls[check.function, check.case], round(exercise.points * check.points / weight, 6))
                    for check in selected)
    return Exercise(exercise, spec, tuple(calls.values()), planned)


def make_call(spec, function, case, secret="") -> Call:
    """The call of function on case: its inputs, built with the seed the secret gives, and expected output.

    A draw whose right answer a function could return without the formula (see _trivial) is drawn
    again with (seed, 1), (seed, 2), ..., unless the case is `trivial` by design (relu's slope at a
    single number is 0.0 or 1.0).
    """
    seed = specs.seed(spec.exercise, case, secret)
    oracle = spec.rules.EXPECTED[function.name]
    first = None
    for again in range(1 if case.trivial else DRAWS):
        try:
            inputs = spec.rules.CASES[case.build](np.random.default_rng([seed, again] if again else seed),
                                                  **case.params)
        except (TypeError, ValueError) as exc:  # a misspelt size, a range [high, low]: the spec's author is told
            raise specs.SpecError(f"{spec.exercise}: specs/{spec.exercise}.yaml, case {case.name!r}: its builder "
                                  f"{case.build!r} refuses its params {case.params}: {exc}") from None
        with np.errstate(all="ignore"):
            expected = None if case.raises else oracle(**copy.deepcopy(inputs))
        first = first or (inputs, expected)
        if case.raises or not _trivial(inputs, expected):
            break
    else:
        inputs, expected = first
    arguments = tuple(inputs[name] for name in itertools.takewhile(inputs.__contains__, function.args))
    # the seed in the key tells one course's hidden inputs from another's
    return Call(spec.exercise, function, case, inputs, expected, f"{spec.exercise}/{case.name}/{function.name}/{seed}",
                arguments)


# draws tried before the first is kept: half the draws of ex02's one example (labelled 0, its dZ2 is A2) and of
# ex06's 0-d gradients (of opposite signs, 1.0 apart) are trivial, and 20 leave a course 1 chance in 10**6 of one
DRAWS = 20


def _trivial(inputs, expected) -> bool:
    """Whether a function that knows nothing of the formula returns expected: one value throughout
    (zeros, ones; 0.0 or 1.0 for a number), a square array equal to its own transpose (the answer
    transposed passes), an array all zeros among others, or an input unchanged."""
    values = [np.asarray(v, dtype=float) for v in compare.leaves(expected) if isinstance(v, (np.ndarray, float))]
    flat = np.concatenate([v.ravel() for v in values]) if values else np.zeros(0)
    if flat.size and _close(flat, flat[0]) and (flat.size > 1 or _close(flat[0], 0.0) or _close(flat[0], 1.0)):
        return True
    if any(v.ndim == 2 and v.shape[0] == v.shape[1] > 1 and _close(v, v.T) for v in values):
        return True
    # one part all zeros (ex09's layer 1 given no gradient): its check passes every wrong formula vanishing there
    if any(v.size > 1 and np.abs(v).max() <= specs.DEFAULT_TOLERANCE["atol"] for v in values):
        return True
    return isinstance(expected, np.ndarray) and any(
        isinstance(leaf, np.ndarray) and leaf.shape == expected.shape and _close(leaf, expected)
        for leaf in compare.leaves(list(inputs.values())))


def _close(a, b) -> bool:
    return np.allclose(a, b, **specs.DEFAULT_TOLERANCE)
