"""The worker's "trace" request: a call watched line by line, and nothing the parent trusts.

A trace is learner data like any reply: what a line made is copied when it is small and
sent as its type and shape when it is large, a long loop is cut, and a trace that learner
code forged in the worker is refused by the grading process."""
import numpy as np
import pytest

from autograder.execution import protocol, wire
from autograder.execution.client import Worker

SOURCE = '''
import numpy as np

def delta(dZ2, W2, Z1):
    t = np.tanh(Z1)
    dA1 = W2.T @ dZ2
    return dA1 * (1 - t ** 2)

def transposed(dZ2, W2):
    width = W2.shape[1]
    return W2 @ dZ2

def spins(n):
    total = 0
    for i in range(n):
        total += i
    return total

def recurses(n, depth=0):
    for i in range(n if depth == 0 else 0):
        recurses(n, 1)
    return depth

def huge():
    big = np.zeros((2000, 2000))
    small = np.ones(3)
    return small

class Net:
    def grads(self, x):
        doubled = 2 * x
        return doubled, x

def build():
    made = Net()
    return made

def delegates(x):
    return build().grads(x)

def computes(x):
    return build().grads(x)[0] + 1

def unpacks(x):
    doubled, given = build().grads(x)
    return doubled, given
'''


def _lines(name):
    return SOURCE.splitlines().index(name) + 1


@pytest.fixture(scope="module")
def worker():
    with Worker() as started:
        assert started.load("traced", SOURCE, "traced.py").ok
        yield started


def test_each_line_is_followed_by_what_it_made(worker):
    dZ2, W2, Z1 = np.ones((2, 5)), np.ones((2, 3)), np.zeros((3, 5))
    reply = worker.trace("traced", "delta", [dZ2, W2, Z1])
    trace = reply.value
    assert reply.ok and trace.error is None and not trace.cut
    first = _lines("def delta(dZ2, W2, Z1):")
    assert [line for line, _ in trace.events] == [first, first + 1, first + 2]
    assert set(trace.events[0][1]) == {"dZ2", "W2", "Z1"}  # the arguments, at the def line
    assert trace.events[2][1]["dA1"].shape == (3, 5) and np.array_equal(trace.events[2][1]["dA1"], W2.T @ dZ2)
    assert trace.returned.shape == (3, 5) and trace.ended_at == first + 3


def test_a_trace_runs_under_numpys_defaults_as_the_checks_calls_do():
    """explain traces the call a check made: a file's np.seterr(all="raise") made the trace raise
    FloatingPointError where the check's call, under numpy's defaults, returned."""
    code = "import numpy as np\nnp.seterr(all='raise')\n\ndef f(z):\n    return np.exp(-np.abs(z))\n"
    with Worker() as started:
        assert started.load("strict_numpy", code, "strict_numpy.py").ok
        trace = started.trace("strict_numpy", "f", [np.array([1000.0])]).value
    assert trace.error is None and trace.returned[0] == 0.0, trace.error


def test_a_line_that_raises_ends_the_trace_there(worker):
    reply = worker.trace("traced", "transposed", [np.ones((2, 5)), np.ones((2, 3))])
    trace = reply.value
    assert reply.ok and trace.error.type == "ValueError" and "matmul" in trace.error.message
    assert trace.ended_at == _lines("    return W2 @ dZ2") and trace.events[-1][1] == {"width": 3}


def test_a_long_loop_is_cut_and_a_large_array_goes_as_its_shape(worker):
    spun = worker.trace("traced", "spins", [10_000]).value
    assert spun.cut and len(spun.events) == protocol.TRACE_EVENTS + 1 and spun.returned == sum(range(10_000))
    assert spun.events[-1] == (_lines("    return total"), {"total": sum(range(10_000)), "i": 9_999})  # past the cut, at the return
    called = worker.trace("traced", "recurses", [2_000]).value  # each inner return went past the cut, 2,000 events
    assert called.cut and len(called.events) == protocol.TRACE_EVENTS + 1 and called.events[-1][1] == {"i": 1_999}
    huge = worker.trace("traced", "huge", []).value
    made = {name: value for _, changed in huge.events for name, value in changed.items()}
    assert made["big"] == wire.Unsupported("ndarray of shape (2000, 2000)")
    assert np.array_equal(made["small"], np.ones(3))


def test_a_trace_forged_in_the_worker_is_refused(worker):
    forger = ("import sys\n"
              "server = sys.modules['autograder.execution.server']\n"
              "server._HANDLERS['trace'] = lambda request, session: {'ok': True, 'result': {'events': 'lies'}}\n"
              "def f():\n    return 1\n")
    with Worker() as fresh:
        assert fresh.load("forger", forger, "forger.py").ok
        reply = fresh.trace("forger", "f")
    assert not reply.ok and reply.error.crashed and "malformed reply (a trace must hold" in reply.error.message


@pytest.mark.parametrize("value", [
    {"events": [[1, {"x": 1}]], "returned": None, "error": None, "ended_at": 1},  # a key missing
    {"events": [["1", {}]], "returned": None, "error": None, "ended_at": 1, "cut": False},
    {"events": [[1, {2: 3}]], "returned": None, "error": None, "ended_at": 1, "cut": False},
    {"events": [], "returned": None, "error": "boom", "ended_at": 1, "cut": False},
    {"events": [], "returned": None, "error": None, "ended_at": "1", "cut": False},
])
def test_the_protocol_refuses_what_is_not_a_trace(value):
    with pytest.raises(wire.WireError):
        protocol.parse_trace(value)


def test_a_trace_request_needs_a_function_and_a_list_of_arguments():
    with pytest.raises(protocol.Refused, match="trace: 'args' must be a list or a stored value"):
        protocol.check_request({"op": "trace", "module": "m", "function": "f", "args": "x", "kwargs": {}})


def test_a_function_that_returns_a_callees_result_is_followed_into_it_one_call_deep(worker):
    """Welch's cost_prime returns NN.costFunctionPrime(X, y): that method's lines are the
    ones to see. A helper whose result is not the one returned (build) is left out, and so is
    the method when the function computes with its result."""
    delegated = [(line, set(made) - {"self"}) for line, made in worker.trace("traced", "delegates", [3.0]).value.events]
    assert [event for event in delegated if event[1]] == [(_lines("def delegates(x):"), {"x"}),
                                                          (_lines("        doubled = 2 * x"), {"doubled"})]
    computed = [line for line, _ in worker.trace("traced", "computes", [3.0]).value.events]
    assert computed == [_lines("def computes(x):")]
    unpacked = [line for line, _ in worker.trace("traced", "unpacks", [3.0]).value.events]
    assert _lines("        doubled = 2 * x") in unpacked  # a, b = NN.costFunctionPrime(X, y); return a, b
