"""Templates: a reply whose result has the expected structure is read at once (real workers)."""
import numpy as np
import pytest

from autograder.execution import wire
from autograder.execution.client import Worker
from autograder.execution.template import Template

EXPECTED = (np.arange(6.0).reshape(2, 3), {"dW": np.ones((3, 1)), "db": np.zeros((1, 1))}, [np.full(2, 0.5)])

LEARNER = '''
import numpy as np

def right(x):
    return (np.arange(6.0).reshape(2, 3) + x, {"dW": np.ones((3, 1)), "db": np.zeros((1, 1))}, [np.full(2, 0.5)])

def backwards(x):  # the dict's keys in another order: its arrays come in another order too
    return (np.arange(6.0).reshape(2, 3), {"db": np.zeros((1, 1)), "dW": np.ones((3, 1))}, [np.full(2, 0.5)])

def transposed(x):
    return (np.arange(6.0).reshape(3, 2), {"dW": np.ones((3, 1)), "db": np.zeros((1, 1))}, [np.full(2, 0.5)])

def a_list(x):
    return [np.arange(6.0).reshape(2, 3), {"dW": np.ones((3, 1)), "db": np.zeros((1, 1))}, [np.full(2, 0.5)]]
'''


def packed(value):
    skeleton, blob = wire.pack(value)
    return wire.parse(wire.line(skeleton)), blob  # as the grading process reads it


@pytest.mark.parametrize("value", [
    1.5, 3, True, np.float64(2.0), np.arange(3), np.ones(2, dtype=np.float32), {1: np.ones(2)},
    (np.ones(2), 0.5), None, "text", [],
])
def test_only_float64_arrays_in_plain_containers_have_a_template(value):
    assert Template.of(value) is None


def test_a_result_matches_only_with_the_same_structure_and_length():
    template = Template.of(EXPECTED)
    assert template is not None and np.array_equal(template.flat, np.concatenate([np.arange(6.0), np.ones(3), [0, 0.5, 0.5]]))
    skeleton, blob = packed((np.arange(6.0).reshape(2, 3) * 2, *EXPECTED[1:]))
    assert template.matches(skeleton, blob)
    assert not template.matches(skeleton, blob + bytes(8))
    for other in [(EXPECTED[0].T, *EXPECTED[1:]), list(EXPECTED), EXPECTED[:2],
                  (EXPECTED[0], {"db": np.zeros((1, 1)), "dW": np.ones((3, 1))}, EXPECTED[2]),
                  (EXPECTED[0].astype(np.float32), *EXPECTED[1:])]:
        assert not template.matches(*packed(other))


def test_a_matching_result_is_built_from_the_template():
    template = Template.of(EXPECTED)
    value = template.value(wire.pack((EXPECTED[0] + 1, *EXPECTED[1:]))[1])
    assert type(value) is tuple and type(value[1]) is dict and type(value[2]) is list
    assert np.array_equal(value[0], EXPECTED[0] + 1) and value[0].flags.writeable
    assert value[1].keys() == EXPECTED[1].keys()


def test_a_worker_reply_that_matches_its_template_is_read_at_once():
    template = Template.of(EXPECTED)
    with Worker() as worker:
        assert worker.load("learner", LEARNER, "learner.py").ok
        names = ["right", "backwards", "transposed", "a_list"]
        replies = worker.calls([("learner", name, [1.0]) for name in names], [template] * len(names))
    right, *others = replies
    assert right.matched is template
    assert np.array_equal(right.numbers[:6], np.arange(6.0) + 1)
    assert np.array_equal(right.value[0], np.arange(6.0).reshape(2, 3) + 1)
    for reply in others:  # decoded the usual way, for the judge to say what is wrong
        assert reply.ok and reply.matched is None
    assert list(others[0].value[1]) == ["db", "dW"] and others[1].value[0].shape == (3, 2)
    assert type(others[2].value) is list
