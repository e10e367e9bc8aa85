"""The grading plan: made once from the specs and the secret, read by grading, never changed."""
import dataclasses

import numpy as np
import pytest

from autograder import catalog, plan, spec as specs


def test_each_call_is_made_once_however_many_checks_judge_it():
    for exercise in plan.make("all", "s").exercises:
        pairs = [(c.spec.function, c.spec.case) for c in exercise.checks]
        assert len(exercise.calls) == len(set(pairs))
        assert all(check.call in exercise.calls for check in exercise.checks)


def test_its_checks_share_the_exercise_points():
    for exercise in plan.make("all", "s").exercises:
        assert sum(c.max_score for c in exercise.checks) == pytest.approx(exercise.exercise.points, abs=1e-4)  # each rounded
        assert exercise.score({c.spec.name for c in exercise.checks}) == exercise.exercise.points
        assert exercise.score(set()) == 0.0


def test_public_checks_are_the_same_for_every_course_and_hidden_ones_are_not():
    public_a, public_b = plan.make("public", "a secret"), plan.make("public", "another")
    assert public_a.stored().keys() == public_b.stored().keys()
    hidden_a, hidden_b = plan.make("hidden", "a secret"), plan.make("hidden", "another")
    keys_a, keys_b = ({c.key for e in made.exercises for c in e.calls if c.case.hidden}
                      for made in (hidden_a, hidden_b))
    assert keys_a and not keys_a & keys_b
    a, b = (next(c for c in made.exercises[2].calls if c.case.hidden) for made in (hidden_a, hidden_b))
    assert a.case == b.case and not np.array_equal(a.arguments[0], b.arguments[0])


def test_the_arguments_are_the_inputs_in_the_functions_order():
    for exercise in plan.make("all", "s").exercises:
        for call in exercise.calls:
            names = call.function.args[:len(call.arguments)]
            assert all(argument is call.inputs[name] for name, argument in zip(names, call.arguments))
            assert call.expected is not None or call.case.raises


def test_stored_holds_the_public_calls_of_the_exercises_asked_for():
    made = plan.make("all", "")
    ex03 = made.stored({"ex03_weight_gradients"})
    assert ex03 and all(key.startswith("ex03_weight_gradients/") for key in ex03)
    public = [c.key for e in made.exercises for c in e.calls if not c.function.constant and not c.case.hidden]
    assert sorted(made.stored()) == sorted(public) and len(public) < sum(len(e.calls) for e in made.exercises)


def test_a_plan_cannot_be_changed():
    made = plan.make("public", "", catalog.EXERCISES[:1])
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.checks = "all"
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.exercises[0].calls[0].expected = None


def test_a_plan_of_some_exercises_holds_only_those():
    chosen = (catalog.BY_ID["ex07_row_major"], catalog.BY_ID["ex01_sigmoid_derivative"])
    made = plan.make("public", "", chosen)
    assert [e.exercise.id for e in made.exercises] == ["ex07_row_major", "ex01_sigmoid_derivative"]
    assert [c.spec.name for c in made.exercises[0].checks] == [c.name for c in specs.load("ex07_row_major").selected()]
