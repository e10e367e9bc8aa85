"""The wire format, the test functions, and the worker process (real processes, no mocks)."""
import base64
import collections
import json
import math
import os
import signal
import sys
import time

import numpy as np
import pytest

from autograder.execution import protocol, testfunctions, wire
from autograder.execution.client import Worker
from conftest import ROOT
from autograder.execution.wire import FunctionSpec, Stored, Unsupported, WireError
from autograder.execution.zygote import Zygote

LEARNER = '''\
import os
import sys
import numpy as np

SHAPES = {"W": (3, 2), 1: (4,)}


def forward(x):
    return x * 2, {"sum": np.sum(x), 3: [x.shape]}


def fails(x):
    y = x + 1
    raise ValueError("bad " + str(y.shape))


def in_place(x):
    x += 1


def pure(x):
    return x + 1


def chatty(n):
    print("hello from the learner")
    print("x" * n)
    sys.stderr.write("to stderr\\n")
    return n


def spin():
    while True:
        pass


def die(code):
    os._exit(code)


def leave():
    sys.exit(0)


def apply(f, theta):
    return f(theta)


def weird():
    return object()


def overflow(x):
    return np.exp(x)


def environment():
    return dict(os.environ)


def where():
    return os.getcwd()


def pid():
    return os.getpid()


def scribble():  # on every pipe it may write to: the reply pipe's number is not handed to it
    for fd in range(3, 64):
        try:
            os.write(fd, b"this is not a reply\\n")
        except OSError:
            pass
    return 1
'''
MODULE = "ex03_weight_gradients"
FILENAME = "ex03_weight_gradients.py"


def line_of(source, text):
    return source.splitlines().index(text) + 1


def same(a, b):
    """Equal values of equal types, recursively; arrays by dtype, shape and values."""
    if type(a) is not type(b):
        return False
    if isinstance(a, (np.ndarray, np.generic)):
        return a.dtype == b.dtype and a.shape == b.shape and np.array_equal(
            a, b, equal_nan=a.dtype.kind in "fc")
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, FunctionSpec):
        return a.name == b.name and same(a.params, b.params)
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return a == b


@pytest.fixture(scope="module")
def zygote():
    with Zygote() as z:
        yield z


@pytest.fixture(scope="module", params=["started", "forked"])
def how(request, zygote):
    """Every test of a worker runs on both kinds: started, and forked by a zygote."""
    return {"zygote": zygote if request.param == "forked" else None}


@pytest.fixture(scope="module")
def worker(how):
    with Worker(call_timeout=10.0, **how) as w:
        assert w.load(MODULE, LEARNER, FILENAME).ok
        yield w


# ------------------------------------------------------------------------------ wire

GRID = np.arange(24, dtype=np.float64).reshape(4, 6)
VALUES = [
    None, True, False, 0, -2**70, 1.5, float("inf"), float("nan"), "", "héllo\nwörld", [],
    GRID, GRID[:, ::2], np.asfortranarray(GRID), GRID.T,
    np.array(3.25), np.zeros((0, 3)), np.arange(5, dtype=np.int32),
    np.arange(6, dtype=">i4").reshape(2, 3), np.array([0, 255], dtype=np.uint8),
    np.array([[True, False]]), np.array([1 + 2j, np.nan], dtype=np.complex64),
    np.array([1.5, -0.0, np.nan], dtype=np.float16),
    np.float64(1.5), np.float32(np.nan), np.int8(-3), np.uint64(2**64 - 1), np.bool_(True),
    np.complex128(1 - 2j),
    (1, 2.0, "three"), (), {"a": 1}, {1: "one", (2, 3): [np.int64(4)], None: ()},
    [[1, (2, [3, {"k": np.ones((2, 2))}])], {"nested": ({},)}],
    FunctionSpec("quadratic", {"c": np.ones(3), "d": np.zeros(3)}),
    Unsupported("generator"),
]


@pytest.mark.parametrize("value", VALUES, ids=lambda v: type(v).__name__)
def test_wire_round_trip(value):
    line = wire.dumps(value)
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    decoded = wire.loads(line)
    assert same(decoded, value)
    if isinstance(decoded, np.ndarray):
        assert decoded.flags.writeable and decoded.flags.c_contiguous


def test_wire_unsupported_values():
    assert wire.loads(wire.dumps(object())) == Unsupported("object")
    assert wire.loads(wire.dumps(x for x in [])) == Unsupported("generator")
    assert wire.loads(wire.dumps(np.array([None]))) == Unsupported("ndarray[object]")
    assert wire.loads(wire.dumps([np.array(["a"])])) == [Unsupported("ndarray[<U1]")]
    with pytest.raises(TypeError):
        wire.dumps([lambda: 1], strict=True)


def test_wire_sends_a_learners_own_array_subclass_as_its_entries():
    class Shaped(np.ndarray):  # a learner's, printing its shape; np.matrix and np.ma mean more than their entries
        def __repr__(self):
            return f"Shaped{self.shape}"

    decoded = wire.loads(wire.dumps(np.arange(6.0).reshape(2, 3)[:, ::-1].view(Shaped)))
    assert type(decoded) is np.ndarray and decoded.tolist() == [[2.0, 1.0, 0.0], [5.0, 4.0, 3.0]]
    assert wire.loads(wire.dumps(np.ma.masked_array([1.0], mask=[True]))) == Unsupported("MaskedArray")


def test_wire_sends_a_masked_array_with_nothing_masked_as_its_entries():
    """np.ma.log(A2) with no zero in A2 masks nothing: a cost made of it is the number it shows."""
    for nothing in (np.ma.log(np.array([[0.5, 2.0]])), np.ma.masked_array([[1.0, 2.0]], mask=[[False, False]])):
        decoded = wire.loads(wire.dumps(nothing))
        assert type(decoded) is np.ndarray and decoded.shape == (1, 2) and decoded.tolist() == nothing.tolist()


def test_wire_sends_a_named_tuple_as_the_tuple_it_is():
    Cache = collections.namedtuple("BNCache", "Z mu eps")  # a learner's cache, unpacked as the contract's tuple
    decoded = wire.loads(wire.dumps(Cache(np.ones(2), 0.5, 1e-5)))
    assert type(decoded) is tuple and decoded[0].tolist() == [1.0, 1.0] and decoded[1:] == (0.5, 1e-5)


def test_wire_sends_an_ordered_dict_as_the_dict_it_is():
    grads = collections.OrderedDict(dW1=np.ones(1), db1=0.5)  # an older habit for the order of the layers
    decoded = wire.loads(wire.dumps([grads, collections.defaultdict(float, {1: 2.0})]))
    assert [type(d) for d in decoded] == [dict, dict] and list(decoded[0]) == ["dW1", "db1"] and decoded[1] == {1: 2.0}


def test_wire_sends_a_tuple_or_dict_subclass_as_what_it_holds_whatever_its_methods_say():
    class Tagged(dict):  # its keys are "a"; its items a test function's tag, which the plain dict's JSON would be
        def __iter__(self):
            return iter(["a"])

        def items(self):
            return [("__function__", "quadratic"), ("params", {})]

    class Liar(tuple):  # or loops forever, or raises SystemExit, which ended the worker
        def __iter__(self):
            return iter(["not", "its", "items"])

    decoded = wire.loads(wire.dumps([Tagged(a=1.0), Liar((2.0,))]))
    assert decoded == [{"a": 1.0}, (2.0,)] and [type(d) for d in decoded] == [dict, tuple]


def test_wire_functions_option_substitutes_function_specs():
    spec = FunctionSpec("quadratic", {"c": np.ones(2), "d": np.array([1.0, -1.0])})
    args = wire.loads(wire.dumps([spec]), functions=testfunctions.build)
    assert callable(args[0]) and args[0](np.array([2.0, 3.0])) == 0.5 * (4 + 9) + 2 - 3


def _array_tag(**changes):
    tag = {"__ndarray__": base64.b64encode(bytes(16)).decode(), "dtype": "<f8", "shape": [2]}
    tag.update(changes)
    return json.dumps(tag).encode()


@pytest.mark.parametrize("line", [
    b'{"__pickle__": "x"}',
    b'{"__tuple__": [], "extra": 1}',
    b'{"dtype": "<f8", "shape": [2], "__ndarray__": "AAAAAAAAAAAAAAAAAAAAAA=="}',  # a tag that is not first
    _array_tag(dtype="|O8"),
    _array_tag(dtype="O"),
    _array_tag(dtype="<U2"),
    _array_tag(dtype="[('a', '<f8')]"),
    _array_tag(shape=[3]),
    _array_tag(shape=[-2]),
    _array_tag(shape=[True, 2]),
    _array_tag(__ndarray__="!!!!" * 4 + "===="),
    _array_tag(__ndarray__=0),  # not base64: a byte offset, say
    _array_tag(__ndarray__=None),
    b'{"__npscalar__": "<f8", "value": "AAAA"}',
    b'{"__ndarray__": "Ag==", "dtype": "|b1", "shape": [1]}',
    b'{"__dict__": [[[1], 2]]}',
    b'{"__dict__": [[1, 2, 3]]}',
    b'{"__unsupported__": 3}',
    b'not json',
    b'[' * 70 + b']' * 70,
    b'[' * 100_000 + b']' * 100_000,
], ids=lambda line: line[:30].decode(errors="replace"))
def test_wire_decode_rejects(line):
    with pytest.raises(WireError):
        wire.loads(line)


def test_wire_decode_bounds_total_size():
    data = wire.parse(wire.dumps([np.zeros(1000), np.zeros(1000)]))
    assert len(wire.decode(data, max_bytes=16_100)) == 2
    with pytest.raises(WireError):
        wire.decode(data, max_bytes=15_000)


def test_wire_decode_refuses_dict_keys_made_to_share_a_hash():
    """Multiples of 2**61 - 1 all hash to 0: 100,000 of them took the grading process minutes."""
    shared = [[k * (2**61 - 1), 0] for k in range(1, 2000)]
    with pytest.raises(WireError, match="share their hashes"):
        wire.loads(wire.line({"__dict__": shared}))
    ordinary = {-1: "a", -2: "b", 1: "c", 2.5: "d", (1, 2): "e", **{k: k for k in range(10, 5000)}}
    assert wire.loads(wire.dumps(ordinary)) == ordinary  # -1 and -2 share a hash, as Python has it


def test_wire_encode_rejects_deep_nesting():
    deep = []
    for _ in range(100):
        deep = [deep]
    with pytest.raises(WireError):
        wire.dumps(deep)


# ---------------------------------------------------------------------- testfunctions

@pytest.mark.parametrize("name, keys", [("quadratic", "cd"), ("smooth", "ab")])
@pytest.mark.parametrize("shape", [(), (3,), (2, 3)])
def test_testfunction_gradients_match_central_differences(name, keys, shape):
    rng = np.random.default_rng(7)
    spec = FunctionSpec(name, {k: rng.normal(size=shape) for k in keys})
    theta = rng.normal(size=shape)
    numerical = np.zeros(shape)
    h = 1e-6
    for index in np.ndindex(shape):
        step = np.zeros(shape)
        step[index] = h
        numerical[index] = (testfunctions.value(spec, theta + step)
                            - testfunctions.value(spec, theta - step)) / (2 * h)
    analytic = testfunctions.gradient(spec, theta)
    assert analytic.shape == shape
    np.testing.assert_allclose(analytic, numerical, rtol=1e-6, atol=1e-8)


def test_testfunctions_check_names_params_and_shapes():
    with pytest.raises(ValueError):
        testfunctions.build(FunctionSpec("nope", {}))
    with pytest.raises(ValueError):
        testfunctions.build(FunctionSpec("quadratic", {"c": np.ones(2)}))
    f = testfunctions.build(FunctionSpec("quadratic", {"c": np.ones(2), "d": np.ones(2)}))
    with pytest.raises(ValueError):
        f(np.ones(3))


# ---------------------------------------------------------------------------- worker

def test_load_reports_public_names(worker):
    reply = worker.load("other", "import numpy as np\nX = 1\n_hidden = 2\ndef f():\n    return X\n",
                        "other.py")
    assert reply.ok and reply.value == ("np", "X", "f")
    assert worker.call("other", "f").value == 1


def test_call_returns_arrays_tuples_and_dicts(worker):
    x = np.arange(6.0).reshape(2, 3)
    reply = worker.call(MODULE, "forward", [x])
    assert reply.ok and reply.error is None and reply.mutated == ()
    doubled, info = reply.value
    assert same(doubled, x * 2)
    assert same(info, {"sum": np.float64(15.0), 3: [(2, 3)]})
    assert reply.seconds >= 0


def test_get_module_constant(worker):
    assert worker.get(MODULE, "SHAPES").value == {"W": (3, 2), 1: (4,)}
    assert worker.get(MODULE, "NOPE").error.type == "MissingName"


def test_missing_and_not_callable(worker):
    assert worker.call(MODULE, "nope").error.type == "MissingFunction"
    assert worker.call(MODULE, "SHAPES").error.type == "NotCallable"
    assert worker.call("not_loaded", "f").error.type == "MissingModule"


def test_a_files_patch_of_numpy_is_its_own(worker):
    # ex04's `np.dot = checked_dot`, left from debugging, takes matrices only; in Jupyter ex06 has a kernel of its own
    worker.load("patched", "import numpy as np\n_dot = np.dot\ndef checked_dot(a, b):\n"
                           "    assert a.shape[1] == b.shape[0]\n    return _dot(a, b)\nnp.dot = checked_dot\n"
                           "def which():\n    return np.dot.__name__\n", "patched.py")
    worker.load("plain", "import numpy as np\ndef norm2(v):\n    return float(np.dot(v, v))\n", "plain.py")
    assert worker.call("plain", "norm2", [np.array([3.0, 4.0])]).value == 25.0
    assert worker.call("patched", "which").value == "checked_dot"


def test_what_a_file_changes_of_numpys_modules_is_its_own(worker):
    # np.linalg.norm and np.random.rand replaced at the top: its own calls see them, no other file's (np.random a
    # started worker imports at a file's first use, unseen before: patched there, it would stay; a zygote's has it)
    worker.load("early", "import numpy as np\nnp.random.rand\n", "early.py")
    worker.load("patcher", "import numpy as np\nnp.linalg.norm = np.random.rand = lambda *args: -1.0\n"
                           "def norm(v):\n    return float(np.linalg.norm(v))\n", "patcher.py")
    worker.load("honest", "import numpy as np\ndef norms(v):\n"
                          "    return [float(np.linalg.norm(v)), float(np.dot(v, v)), np.random.rand(1).shape]\n",
                "honest.py")
    assert worker.call("patcher", "norm", [np.array([3.0, 4.0])]).value == -1.0
    assert worker.call("honest", "norms", [np.array([3.0, 4.0])]).value == [5.0, 25.0, (1,)]


def test_syntax_error_at_load_has_its_line(worker):
    reply = worker.load("broken", "x = 1\ndef f()\n    return 1\n", "broken.py")
    assert not reply.ok and reply.error.type == "SyntaxError" and reply.error.line == 2
    assert worker.call("broken", "f").error.type == "MissingModule"


def test_exception_at_load_has_its_line(worker):
    reply = worker.load("raises", "x = 1\nraise KeyError('k')\n", "raises.py")
    assert reply.error.type == "KeyError" and reply.error.line == 2
    assert reply.error.function == "<module>"


def test_exception_in_function_has_learner_line_and_function(worker):
    reply = worker.call(MODULE, "fails", [np.zeros(2)])
    assert not reply.ok and reply.value is None
    error = reply.error
    assert (error.type, error.message) == ("ValueError", "bad (2,)")
    assert error.line == line_of(LEARNER, '    raise ValueError("bad " + str(y.shape))')
    assert error.function == "fails"
    assert not error.timed_out and not error.crashed


def test_an_exception_class_whose_name_cannot_be_read_is_reported_as_base_exception(worker):
    source = ("class Nameless(type):\n"
              "    __name__ = property(lambda cls: 1 / 0)\n\n"
              "class NotAStr(type):\n"
              "    __name__ = property(lambda cls: 3)\n\n"
              "def f(meta):\n"
              "    raise {'raises': Nameless, 'number': NotAStr}[meta]('E', (Exception,), {})('why')\n")
    assert worker.load("nameless", source, "nameless.py").ok
    for meta in ("raises", "number"):
        reply = worker.call("nameless", "f", [meta])
        assert (reply.error.type, reply.error.message, reply.error.line) == ("BaseException", "why", 8)


def test_exception_from_numpy_points_at_learner_line(worker):
    reply = worker.call(MODULE, "pure", ["text"])
    assert reply.error.type in ("TypeError", "UFuncTypeError")
    assert reply.error.line == line_of(LEARNER, "    return x + 1")


def test_mutation_detection(worker):
    assert worker.call(MODULE, "in_place", [np.zeros(3)]).mutated == (0,)
    assert worker.call(MODULE, "in_place", kwargs={"x": np.zeros(3)}).mutated == ("x",)
    assert worker.call(MODULE, "pure", [np.array([np.nan, 1.0])]).mutated == ()
    assert worker.call(MODULE, "pure", [np.zeros(3)]).mutated == ()


def test_prints_go_to_output_not_the_protocol(worker):
    reply = worker.call(MODULE, "chatty", [1_000_000])
    assert reply.ok and reply.value == 1_000_000
    tail = worker.output()
    assert len(tail) == 10_000 and tail.endswith("x\nto stderr\n")
    assert "hello from the learner" in worker.output(limit=2_000_000)
    assert worker.call(MODULE, "pure", [1]).value == 2


def test_function_spec_becomes_a_callable(worker):
    rng = np.random.default_rng(0)
    for shape in [(), (4,), (2, 3)]:
        spec = FunctionSpec("smooth", {"a": rng.normal(size=shape), "b": rng.normal(size=shape)})
        theta = rng.normal(size=shape)
        reply = worker.call(MODULE, "apply", [spec, theta])
        assert type(reply.value) is float
        assert reply.value == pytest.approx(testfunctions.value(spec, theta), rel=1e-12)


def test_unsupported_return_value(worker):
    reply = worker.call(MODULE, "weird")
    assert reply.ok and reply.value == Unsupported("object")


def test_a_result_whose_class_stops_the_worker_when_looked_at_is_unsendable(worker):
    source = ("import numpy as np\n"
              "class Meta(type):\n"
              "    __module__ = property(lambda cls: exit(4))\n"  # asked whether the array subclass is numpy's
              "class Shaped(np.ndarray, metaclass=Meta):\n    pass\n"
              "def f():\n    return np.zeros(2).view(Shaped)\n")
    assert worker.load("stops", source, "stops.py").ok
    before = worker.call(MODULE, "pid").value
    reply = worker.call("stops", "f")
    assert (reply.error.type, reply.error.message) == ("UnencodableResult",
                                                       "the result cannot be sent: SystemExit making its bytes")
    assert worker.call(MODULE, "pid").value == before


def test_warnings_do_not_fill_what_the_learner_printed(worker):
    printed = worker.printed_bytes()
    reply = worker.call(MODULE, "overflow", [np.array([1000.0])])
    assert reply.ok and np.isinf(reply.value[0]) and worker.printed_bytes() == printed


def test_sys_exit_is_reported_and_worker_survives(worker):
    before = worker.call(MODULE, "pid").value
    reply = worker.call(MODULE, "leave")
    assert reply.error.type == "SystemExit" and not reply.error.crashed
    assert worker.call(MODULE, "pid").value == before


def test_timeout_then_next_call_reloads_and_succeeds():
    with Worker(call_timeout=1.0) as w:
        assert w.load(MODULE, LEARNER, FILENAME).ok
        start = time.monotonic()
        reply = w.call(MODULE, "spin")
        assert time.monotonic() - start < 5
        assert reply.error.type == "Timeout" and reply.error.timed_out
        assert reply.error.message == "did not return within 1 s"
        assert w.call(MODULE, "pure", [41]).value == 42


def test_a_function_that_hung_is_not_called_again_in_the_same_request():
    """A loop that never ends costs one call's time, not one for each of its cases; the
    other functions' calls still run."""
    with Worker(call_timeout=1.0) as w:
        assert w.load(MODULE, LEARNER, FILENAME).ok
        spun, again, pure = w.calls([(MODULE, "spin", []), (MODULE, "spin", []), (MODULE, "pure", [41])])
        assert spun.error.message == "did not return within 1 s" and again.error.timed_out
        assert again.error.message == "did not return within 1 s on an earlier case, so it was not called again"
        assert pure.value == 42


def test_crash_then_next_call_reloads_in_order_and_succeeds():
    with Worker() as w:
        assert w.load("helper", "def twice(x):\n    return 2 * x\n", "helper.py").ok
        assert w.load(MODULE, LEARNER + "\nimport helper\n", FILENAME).ok
        first = w.call(MODULE, "pid").value
        reply = w.call(MODULE, "die", [3])
        assert reply.error.type == "WorkerExit" and reply.error.crashed
        assert "exit status 3" in reply.error.message
        assert w.call(MODULE, "pure", [1]).value == 2
        assert w.call(MODULE, "pid").value != first
        assert w.call("helper", "twice", [4]).value == 8


def test_a_module_loaded_again_is_reloaded_once_after_a_crash():
    """A Jupyter kernel's worker loads the notebook again at each check: after a crash, the
    restarted worker reloaded every version, each running the notebook's cells (a training
    loop, its prints) again, until a long session's checks ran out of the submission's time."""
    with Worker() as w:
        for version in range(3):
            # counted in the process, not by its prints: what a restart's reloads print, a repeat, is not kept
            counted = f"\nimport builtins\nbuiltins.ran = getattr(builtins, 'ran', []) + [{version}]\n"
            assert w.load(MODULE, LEARNER + counted + "def ran():\n    return builtins.ran\n", FILENAME).ok
        assert w.call(MODULE, "ran").value == [0, 1, 2]
        assert w.call(MODULE, "die", [3]).error.crashed
        assert w.call(MODULE, "pure", [1]).value == 2
        assert w.call(MODULE, "ran").value == [2]


def test_a_module_without_its_file_name_fails_its_own_call_only():
    """The worker read a module's __file__ to find the learner's line in an error: deleted,
    every later call of the request (a batch's: the submission's other exercises) failed too."""
    with Worker() as w:
        assert w.load(MODULE, LEARNER + "\ndel __file__\n", FILENAME).ok
        failed, missing, after = w.calls([(MODULE, "fails", [np.zeros(2)]), (MODULE, "nope", []),
                                          (MODULE, "pure", [1])])
        assert failed.error.type == "ValueError" and missing.error.type == "MissingFunction" and after.value == 2


def test_garbage_on_the_reply_pipe_is_a_crash_not_an_exception():
    with Worker() as w:
        assert w.load(MODULE, LEARNER, FILENAME).ok
        reply = w.call(MODULE, "scribble")
        assert reply.error.crashed and "malformed" in reply.error.message
        assert w.call(MODULE, "pure", [1]).value == 2


def test_failed_reload_is_reported():
    once = "import os\nif os.path.exists('marker'):\n    raise RuntimeError('again')\nopen('marker', 'w').close()\n"
    with Worker(max_disk_bytes=None) as w:  # the folder on disk, which outlives a child: a tmpfs would not
        assert w.load("once", once, "once.py").ok
        assert w.load(MODULE, LEARNER, FILENAME).ok
        assert w.call(MODULE, "die", [1]).error.crashed
        reply = w.call(MODULE, "pure", [1])
        assert reply.error.type == "ReloadFailed"
        assert "once" in reply.error.message and "again" in reply.error.message
        assert w.call(MODULE, "pure", [1]).value == 2


def test_child_environment_is_scrubbed(monkeypatch):
    monkeypatch.setenv("BACKPROP_COURSE_SECRET", "s3cret")
    with Worker(env={"BACKPROP_EXTRA": "yes"}) as w:
        assert w.load(MODULE, LEARNER, FILENAME).ok
        env = w.call(MODULE, "environment").value
        assert env.get("BACKPROP_COURSE_SECRET") is None
        assert env["BACKPROP_EXTRA"] == "yes"
        assert env["HOME"] == str(w.directory)
        assert env["OMP_NUM_THREADS"] == env["OPENBLAS_NUM_THREADS"] == "1"


def test_cwd_is_the_temp_dir_and_close_removes_it():
    w = Worker()
    assert w.load(MODULE, LEARNER, FILENAME).ok
    cwd = w.call(MODULE, "where").value
    assert os.path.realpath(cwd) == os.path.realpath(w.directory)
    assert w.directory.name.startswith("backprop-worker-")
    w.close()
    assert not os.path.exists(cwd)
    w.close()
    with pytest.raises(RuntimeError):
        w.call(MODULE, "pure", [1])


# --------------------------------------------------------------------- the sandbox

HOSTILE = '''\
import os
import sys
import numpy as np


def allocate(gib):
    return np.ones(int(gib * 2**30) // 8).nbytes


def flood(n):
    print("x" * n)
    return n


def limits():
    import resource
    return {name: resource.getrlimit(getattr(resource, name))
            for name in ("RLIMIT_AS", "RLIMIT_FSIZE", "RLIMIT_CPU", "RLIMIT_CORE", "RLIMIT_SIGPENDING", "RLIMIT_MEMLOCK")}


def spin():
    while True:
        pass


def pure(x):
    return x + 1


def pid():
    return os.getpid()


def attempt(code):
    """Run code; what it returns, or the exception it raised as (type, message)."""
    scope = {}
    try:
        exec(code, scope)
    except BaseException as exc:
        return type(exc).__name__, str(exc)
    return scope.get("result")
'''

CHECKOUT = str(ROOT)
SOLUTION = os.path.join(CHECKOUT, "solutions", "ex03_weight_gradients.py")


@pytest.fixture(scope="module")
def hostile(how):
    with Worker(call_timeout=20.0, **how) as w:
        assert w.load("hostile", HOSTILE, "hostile.py").ok
        yield w


def attempt(worker, code):
    reply = worker.call("hostile", "attempt", [code])
    assert reply.ok, reply.error
    return reply.value


def test_a_huge_allocation_fails_fast_with_memory_error(hostile):
    before = hostile.call("hostile", "pid").value
    start = time.monotonic()
    reply = hostile.call("hostile", "allocate", [20])
    assert time.monotonic() - start < 5
    assert reply.error.type == "MemoryError" and not reply.error.crashed
    assert "20.0 GiB" in reply.error.message and "(a submission may use 4 GiB of memory)" in reply.error.message
    assert hostile.call("hostile", "allocate", [1]).value == 2**30  # the limit leaves room for work
    assert hostile.call("hostile", "pid").value == before  # the same worker process goes on


def test_limits_are_set_soft_and_hard_in_the_child():
    with Worker(submission_timeout=30.0, max_memory_bytes=3 * 2**30, max_output_bytes=2**20) as w:
        assert w.load("hostile", HOSTILE, "hostile.py").ok
        found = w.call("hostile", "limits").value
    assert found["RLIMIT_AS"] == (3 * 2**30, 3 * 2**30)
    assert found["RLIMIT_FSIZE"] == (2**20, 2**20)
    assert found["RLIMIT_CPU"] == (40, 45)  # a backstop: the budget, plus a margin
    # no core dump, even where core_pattern pipes it to a program (systemd-coredump, apport), which
    # ignores a limit of 0 and writes up to the 4 GiB of a worker outside its folder: 1 is the kernel's "none"
    assert found["RLIMIT_CORE"] == (1, 1)
    assert found["RLIMIT_SIGPENDING"] == (64, 64)  # a count of the whole user's signals: others' wait
    assert found["RLIMIT_MEMLOCK"] == (2**16, 2**16)


def test_a_print_flood_is_cut_off_and_never_reaches_the_parent(hostile, capfd):
    reply = hostile.call("hostile", "flood", [50_000_000])
    assert reply.error.type == "OutputLimit"
    assert reply.error.message == "printed more than the 8 MiB a submission may print; its output was cut off"
    assert len(hostile.output(limit=9 * 2**20)) <= 8 * 2**20
    assert hostile.call("hostile", "flood", [10]).value == 10  # the output was compacted: prints work again
    assert hostile.output().endswith("x" * 10 + "\n")
    out, err = capfd.readouterr()
    assert len(out) + len(err) < 1000


def test_a_print_flood_fails_only_its_own_load_or_call_of_a_request(how):
    """The output file is compacted between requests, and a submission's files load in one request, its
    calls in another: a Thonny script's menu loop printing past the limit (ex03) made the next file's
    four prints (ex04) fail to load too, "printed more than the 8 MiB", and would every later printing call."""
    with Worker(max_output_bytes=2**20, **how) as w:
        flooded, after = w.loads([("flood", "print('x' * 2**21)\n", "flood.py"),
                                  ("hostile", f"{HOSTILE}\nprint('loaded')\n", "hostile.py")])
        assert flooded.error.type == "OutputLimit" and after.ok, after
        flooded, after = w.calls([("hostile", "flood", [2**21]), ("hostile", "flood", [10])])
        assert flooded.error.type == "OutputLimit" and after.value == 10, after


def test_a_flood_its_own_code_caught_fails_its_call_not_the_next(how):
    """A function that caught its own flood's OSError returned, and the output file stayed full for the rest of the
    request: the next exercise's call failed at its first print, "printed more than the 1 MiB", for the flood."""
    caught = "def caught():\n    try:\n        print('x' * 2**21)\n    except OSError:\n        pass\n    return 1\n"
    with Worker(max_output_bytes=2**20, **how) as w:
        assert w.loads([("caught", caught, "caught.py"), ("hostile", HOSTILE, "hostile.py")])[1].ok
        flooded, after = w.calls([("caught", "caught", []), ("hostile", "flood", [10])])
        assert flooded.error.type == "OutputLimit" and after.value == 10, after


def test_a_flood_a_files_own_top_level_caught_fails_its_load_not_the_next(how):
    """A .py that caught its own flood's OSError at its top level loaded, and the output file stayed full: the next
    file's load failed at its first print, "printed more than the 1 MiB", for the flood, and the flooding one passed."""
    caught = "try:\n    print('x' * 2**21)\nexcept OSError:\n    pass\n"
    with Worker(max_output_bytes=2**20, **how) as w:
        flooded, after = w.loads([("caught", caught, "caught.py"), ("hostile", f"{HOSTILE}\nprint('loaded')\n",
                                                                    "hostile.py")])
        assert flooded.error.type == "OutputLimit" and after.ok, after
        flooded, after = w.loads([("a", f"x = 1\n{caught}", "a.ipynb", [1, 2]),  # a notebook's: that statement skipped
                                  ("b", "print('hello')\nz = 3\n", "b.ipynb", [1, 2])])
        assert [(e.type, e.line) for e in flooded.skipped] == [("OutputLimit", 2)] and not after.skipped, after


@pytest.mark.parametrize("op", ["load", "statement", "call"])
def test_a_flood_caught_then_an_error_raised_fails_its_own_request_not_the_next(how, op):
    """Code that caught its own flood's OSError and then raised another error failed with that error alone, and
    the output file stayed full for the rest of the request: the next file's load, or the next call, failed as the
    flood's ("printed more than the 1 MiB"). The one that filled it is told it printed too much."""
    caught = "try:\n    print('x' * 2**21)\nexcept OSError:\n    raise ValueError('mine')\n"  # one statement
    with Worker(max_output_bytes=2**20, **how) as w:
        if op == "call":
            code = "def caught():\n" + "".join(f"    {line}\n" for line in caught.splitlines())
            assert w.loads([("caught", code, "caught.py"), ("hostile", HOSTILE, "hostile.py")])[1].ok
            flooded, after = w.calls([("caught", "caught", []), ("hostile", "flood", [10])])
            assert flooded.error.type == "OutputLimit" and after.value == 10, after
            return
        first = ("caught", f"x = 1\n{caught}", "caught.ipynb", [1, 2]) if op == "statement" else (
            "caught", caught, "caught.py")
        flooded, after = w.loads([first, ("hostile", f"{HOSTILE}\nprint('loaded')\n", "hostile.py")])
        said = flooded.skipped[0] if op == "statement" else flooded.error
        assert said.type == "OutputLimit" and after.ok, (said, after)


_COUNTER = "import numpy as np\nseen = []\n\ndef count():\n    seen.append(1)\n    return len(seen)\n"


def test_a_print_flood_keeps_the_worker_and_what_it_loaded(how):
    """The calls after a flood went to a new worker, which loaded every module again: a submission whose
    ex05 took 4.5 s to load (a model trained at its top) and whose linear_forward printed in a loop paid that
    at each of its calls, ran out of its 120 s, and lost points in ex06 to ex10, which were right (done in 32 s
    now). The worker stops the request at the flood instead, and the rest go to it, once the file is cut."""
    with Worker(max_output_bytes=2**20, **how) as w:
        assert w.loads([("hostile", HOSTILE, "hostile.py"), ("counter", _COUNTER, "counter.py")])[1].ok
        first, flooded, after = w.calls([("counter", "count", []), ("hostile", "flood", [2**21]),
                                         ("counter", "count", [])])
        assert (first.value, flooded.error.type, after.value) == (1, "OutputLimit", 2), (flooded, after)


def test_files_that_loaded_in_turn_load_again_after_a_restart(how):
    """A restart loads every module again in one request, where the worker stops at a flood: the modules after it
    were not loaded, and that worker, kept, answered their calls "module 'counter' is not loaded"; then each call
    after it failed, "reloading b ... printed more than the 1 MiB", at every restart. The reloads print to a file
    of their own."""
    printing = "print('x' * 600_000)\ndef f():\n    return 1\n"  # 0.6 of 1 MiB: alone, it loads; after a, it floods
    for order in (("a", "b", "hostile", "counter"), ("hostile", "counter", "a", "b")):  # b last, too
        with Worker(max_output_bytes=2**20, call_timeout=2.0, **how) as w:
            for module in order:
                assert w.load(module, _COUNTER if module == "counter" else printing if len(module) == 1 else HOSTILE,
                              f"{module}.py").ok
            assert w.call("hostile", "spin").error.timed_out
            assert [w.call("counter", "count").value for _ in range(2)] == [1, 2]
            assert w.call("b", "f").value == 1


def test_a_module_that_printed_much_reloads_after_a_call_that_printed_too(how):
    """A flood in the last module a restart reloads kept that worker, which never loaded the module again: every
    later call of it said "module 'b' is not loaded", though the file, cut, left it room to load; then its next
    call failed "reloading b", which loaded alone. The reloads print to a file of their own."""
    with Worker(max_output_bytes=2**20, call_timeout=2.0, **how) as w:
        assert w.load("hostile", HOSTILE, "hostile.py").ok
        assert w.load("b", "print('x' * 600_000)\ndef f():\n    return 1\n", "b.py").ok  # 0.6 MiB, cut to 0.25
        assert w.call("hostile", "flood", [200_000]).ok  # 0.45 MiB: not cut, so b's reload floods
        assert w.call("hostile", "spin").error.timed_out
        assert w.call("b", "f").value == 1


def test_a_notebooks_statement_that_floods_leaves_the_next_files_prints_alone(how):
    """A notebook's statement that fills the output file is skipped, and its load goes on: the next notebook of the
    request found the file full, and its print was skipped too, "printed more than the 1 MiB", blaming it. A restart
    reloading that notebook stopped there, and the modules after it were missing from the worker; then every later
    call failed, "reloading a ... printed more than", though a's load had passed. Its statement is skipped again."""
    flood = ("x = 1\nprint('x' * 2**21)\ny = 2\n", [1, 2, 3])
    with Worker(max_output_bytes=2**20, call_timeout=2.0, **how) as w:
        flooded, after = w.loads([("a", *flood[:1], "a.ipynb", flood[1]),
                                  ("b", "print('hello')\nz = 3\n", "b.ipynb", [1, 2])])
        assert [e.type for e in flooded.skipped] == ["OutputLimit"] and after.ok and not after.skipped, after
        assert w.loads([("hostile", HOSTILE, "hostile.py"), ("counter", _COUNTER, "counter.py")])[1].ok
        assert w.call("hostile", "spin").error.timed_out  # the restart reloads a, which floods again
        assert [w.call("counter", "count").value for _ in range(2)] == [1, 2]  # not a worker lacking counter


def test_a_flood_past_the_statements_a_reply_lists_still_ends_the_request(how):
    """The client reads a load's first 100 skipped statements: a flood after 100 that raised was not among them, so
    the request went on with the output file full, and the next file's print was skipped as if it had flooded."""
    statements = "1 / 0\n" * protocol.LISTED_LIMIT + "print('x' * 2**21)\n"
    with Worker(max_output_bytes=2**20, call_timeout=5.0, **how) as w:
        flooded, after = w.loads([("a", statements, "a.ipynb", list(range(1, protocol.LISTED_LIMIT + 2))),
                                  ("b", "print('hello')\nz = 3\n", "b.ipynb", [1, 2])])
        assert after.ok and not after.skipped, after
        assert len(flooded.skipped) == protocol.LISTED_LIMIT and flooded.skipped[-1].type == "OutputLimit"


def test_output_since_a_count_excludes_what_a_compaction_kept_from_before_it():
    """A kernel's next check asks for what was printed since it began: a flood printed by
    the check before it, compacted at the next request, is not new."""
    with Worker(max_output_bytes=2**20) as w:
        assert w.load("hostile", HOSTILE, "hostile.py").ok
        w.call("hostile", "flood", [2**19 + 10])
        before = w.printed_bytes()
        assert w.call("hostile", "flood", [0]).ok
        assert w.output(since=before) == "\n"


def test_output_since_a_count_survives_learner_code_emptying_its_output_file():
    """FileIO.truncate raises no audit event: a check whose code empties stdout made a kernel's
    next request for what it printed since it began raise (a negative read) in the notebook."""
    code = "def emptied():\n    print('x' * 100)\n    open(1, 'wb', closefd=False).truncate(0)\n"
    with Worker() as w:
        assert w.load("hostile", HOSTILE, "hostile.py").ok and w.load("emptied", code, "emptied.py").ok
        w.call("hostile", "flood", [5000])
        before = w.printed_bytes()
        assert w.call("emptied", "emptied").ok
        assert w.output(since=before) == ""


DISK = """
import os
def fill():
    block = b"x" * 2**20
    for n in range(64):  # 256 MiB at most, should the folder not hold it back
        with open(f"filler-{n}", "wb") as out:
            for _ in range(4):
                out.write(block)
def kept():
    return sum(os.path.getsize(name) for name in os.listdir("."))
"""


def test_the_files_of_a_worker_together_are_bounded_and_held_off_the_disk(how):
    with Worker(max_disk_bytes=16 * 2**20, **how) as w:
        assert w.load("disk", DISK, "disk.py").ok
        reply = w.call("disk", "fill")
        assert reply.error.type == "DiskLimit"
        assert reply.error.message == "wrote more than the 16 MiB a submission may keep in its folder"
        assert 12 * 2**20 <= w.call("disk", "kept").value <= 16 * 2**20  # what fitted stays the learner's
        assert sum(f.stat().st_size for f in w.directory.rglob("*")) == 0  # in the worker's tmpfs, not here
        with open("/proc/self/mountinfo") as mounts:
            assert str(w.directory) not in mounts.read()  # which no other process sees
        assert w.isolation.endswith(", a 16 MiB folder")


DEEP = """
import os
def deep(levels):
    folder = os.open(".", os.O_RDONLY)
    for _ in range(levels):
        os.mkdir("d", dir_fd=folder)
        inner = os.open("d", os.O_RDONLY, dir_fd=folder)
        os.close(folder)
        folder = inner
    os.close(folder)
"""


def test_a_folder_tree_deeper_than_python_recurses_is_removed_too(how):
    """Where the folder is on disk (no tmpfs of the worker's own), learner code can make a
    tree deeper than shutil.rmtree can recurse; closing still removes it all."""
    with Worker(max_disk_bytes=None, **how) as w:
        assert w.load("deep", DEEP, "deep.py").ok
        assert w.call("deep", "deep", [1500]).ok
        folder = w.directory
    assert not folder.exists()


LOCKED = """
import os
def lock():
    os.mkdir("wx", 0o300)  # its owner may write and enter it, not list it
    with open("wx/kept.txt", "w") as f:
        f.write("kept")
    os.mkdir("locked", 0)
    return sorted(os.listdir("."))
"""


def test_a_folder_learner_code_made_without_permissions_is_removed_by_a_grader_not_root(tmp_path):
    """Where the folder is on disk, learner code may make folders its owner can neither list nor
    empty; a grader not run as root (a worker's user) left them, and the folder, on the disk for good."""
    import shutil
    from pathlib import Path
    from autograder.execution import client
    with Worker(max_disk_bytes=None) as w:  # the kernel's confinement lets the worker make them
        assert w.load("lock", LOCKED, "lock.py").ok and w.call("lock", "lock").value == ["locked", "wx"]
    pid = os.fork()
    if pid == 0:  # the same tree, made and removed by a user other than root, as a grader of that user's
        made = 1
        try:
            os.chdir(tmp_path)  # its folders above are root's own: reached from here alone
            if os.geteuid() == 0:
                os.chmod(tmp_path, 0o777)
                os.setgid(65534)
                os.setuid(65534)
            Path("worker").mkdir()
            Path("worker/wx").mkdir(0o300)
            Path("worker/wx/kept.txt").write_text("kept")
            Path("worker/locked").mkdir(0)
            made = 0
            client._remove(Path("worker"))
        finally:
            os._exit(made)
    assert os.waitpid(pid, 0)[1] == 0
    left = (tmp_path / "worker").exists()
    shutil.rmtree(tmp_path / "worker", ignore_errors=True)  # as root, when the test runs as root
    assert not left


def test_an_abandoned_looking_folder_of_another_user_is_left_alone():
    """/tmp is shared: another local user may name a folder as a dead worker's and, as the grader's handler
    chmods a locked folder in it, swap that folder for a link to the grader's own (which it then set 0700)."""
    import shutil
    import tempfile
    from pathlib import Path
    from autograder.execution import client
    if os.geteuid() != 0:
        pytest.skip("giving a folder to another user needs root")
    folder = Path(tempfile.gettempdir()) / f"{client.FOLDER_PREFIX}{2**22 + 1}-other-user"  # no pid runs past 2**22
    (folder / "locked").mkdir(0, parents=True)
    for path in (folder, folder / "locked"):
        os.chown(path, 65534, 65534)
    try:
        client.remove_abandoned_folders()
        assert (folder / "locked").is_dir()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_what_learner_code_does_to_its_output_file_does_not_reach_the_grading_process(how):
    """O_DIRECT set on the child's stdout once made the grading process's reads of the output
    fail (the flags of an open file are shared); the child has an open file of its own. Where
    seccomp confines it, O_DIRECT is refused anyway (kernel._UNCACHED); O_APPEND is not."""
    code = ("import fcntl, os\n"
            "def direct():\n"
            "    print('before', flush=True)\n"
            "    try:\n"
            "        fcntl.fcntl(1, fcntl.F_SETFL, (fcntl.fcntl(1, fcntl.F_GETFL) | os.O_DIRECT) & ~os.O_APPEND)\n"
            "    except PermissionError:\n"
            "        fcntl.fcntl(1, fcntl.F_SETFL, fcntl.fcntl(1, fcntl.F_GETFL) & ~os.O_APPEND)\n"
            "    os.lseek(1, 0, os.SEEK_SET)\n"
            "    return 1\n")
    with Worker(**how) as w:
        assert w.load("output", code, "output.py").ok
        assert w.call("output", "direct").value == 1
        assert w.output().endswith("before\n") and w.printed_bytes() == len("before\n")


def test_printed_paths_in_the_worker_folder_read_as_the_learners_files(how):
    """A debugger's or a traceback's line names the file in the worker's folder, where the learner's
    copy runs; the learner reads its own name, not the grader's temporary folder."""
    code = "import os\nprint(os.path.abspath('ex06_gradient_check.py') + '(30)')\n"
    with Worker(**how) as w:
        assert w.load("output", code, "output.py").ok
        assert w.output() == "ex06_gradient_check.py(30)\n", w.output()


def test_the_replies_of_a_submission_are_bounded_together(how):
    """Each reply may hold 16 MiB; many of them would fill the grading process, which holds
    what it decodes. Past max_replies_bytes, that reply and every later request fail."""
    code = "import numpy as np\ndef big():\n    return np.zeros(50_000)\n"  # 400 kB, 533 kB as a line
    with Worker(max_replies_bytes=2**20, **how) as w:
        assert w.load("big", code, "big.py").ok
        replies = w.calls([("big", "big", [])] * 3)
        assert [r.ok for r in replies] == [True, False, False]
        assert replies[1].error.type == "ResultTooLarge" and "more than 1048576 bytes" in replies[1].error.message
        assert w.call("big", "big").error.type == "ResultTooLarge"
        w.restart_budget()  # a notebook's next check: a budget of its own
        assert w.call("big", "big").ok


def test_the_submission_time_budget_ends_every_later_request():
    ran_out = "the submission's time ran out: all its calls together may take 3 s"
    with Worker(call_timeout=1.0, submission_timeout=3.0) as w:
        assert w.load("hostile", HOSTILE, "hostile.py").ok
        start, messages = time.monotonic(), []
        while ran_out not in messages and len(messages) < 10:
            reply = w.call("hostile", "spin")  # each time out restarts the worker process
            assert reply.error.type == "Timeout" and reply.error.timed_out
            messages.append(reply.error.message)
        assert time.monotonic() - start < 3.5
        assert messages[0] == "did not return within 1 s" and messages[-1] == ran_out
        assert set(messages[:-1]) == {"did not return within 1 s"}
        for later in (w.call("hostile", "pure", [1]), w.load("other", "X = 1\n", "other.py"), w.ping()):
            assert later.error.type == "Timeout" and later.error.message == ran_out
            assert later.seconds == 0.0
        assert w._child is None  # no new worker process was started
        w.restart_budget()  # a kept worker's next check gets a submission's time again
        assert w.load("hostile", HOSTILE, "hostile.py").ok
        assert w.call("hostile", "pure", [1]).value == 2


def test_a_kept_workers_later_checks_are_not_ended_by_the_cpu_time_of_earlier_ones(monkeypatch, tmp_path):
    """RLIMIT_CPU counts all the CPU time of a process: a Jupyter kernel's worker, kept from
    check to check, was killed by SIGXCPU in a later check once its checks together had used
    the submission's time and 10 s (measured: the 10th check of 1.5 s each, for a budget of
    4 s). Here the limit is 3 s, inherited from the Python that starts the worker, and a worker
    is kept for 1 s of requests."""
    from autograder.execution import client

    monkeypatch.setattr(client, "_RENEWED_AFTER", 1.0)
    limited = tmp_path / "limited-python"
    limited.write_text(f'#!/bin/sh\nulimit -t 3\nexec "{sys.executable}" "$@"\n')
    limited.chmod(0o755)
    code = "import time\ndef burn(seconds):\n    start = time.process_time()\n    while time.process_time() - start < seconds:\n" \
           "        pass\n    return seconds\n"
    with Worker(python=str(limited), call_timeout=5.0) as w:
        for check in range(4):
            w.restart_budget()  # a notebook's next check
            assert w.load("burns", code, "burns.py").ok
            reply = w.call("burns", "burn", [1.2])
            assert reply.ok, (check, reply.error)


def test_a_kept_worker_that_ended_between_checks_is_replaced_before_the_next(how):
    """A thread that an earlier check's code left running ended the kernel's worker after that
    check had returned: the next check's first load was put down to the worker's end."""
    code = ("import os, threading, time\n"
            "def later():\n"
            "    threading.Thread(target=lambda: (time.sleep(0.2), os._exit(3))).start()\n"
            "    return 1\n")
    with Worker(**how) as w:
        assert w.load("later", code, "later.py").ok and w.call("later", "later").ok
        time.sleep(1.0)
        w.restart_budget()  # a notebook's next check
        loaded = w.load("later", code, "later.py")
        assert loaded.ok, loaded.error


def test_the_course_secret_never_reaches_the_child(monkeypatch, tmp_path):
    config = tmp_path / "backprop-course.yaml"
    config.write_text("secret: from-the-file\n")
    monkeypatch.setenv("BACKPROP_COURSE_SECRET", "from-the-environment")
    monkeypatch.setenv("BACKPROP_COURSE_CONFIG", str(config))
    with Worker(env={"BACKPROP_COURSE_SECRET": "passed-by-mistake"}) as w:
        assert w.load("hostile", HOSTILE, "hostile.py").ok
        env = attempt(w, "import os\nresult = dict(os.environ)")
        assert not {"BACKPROP_COURSE_SECRET", "BACKPROP_COURSE_CONFIG"} & set(env)
        parent = attempt(w, "import os\nresult = open(f'/proc/{os.getppid()}/environ').read()")
        assert parent[0] == "PermissionError" and "environment of a process" in parent[1]
        own = attempt(w, "result = open('/proc/self/environ').read()")
        assert own[0] == "PermissionError"
        secret_file = attempt(w, f"result = open({str(config)!r}).read()")
        assert secret_file[0] == "PermissionError" and "protected" in secret_file[1]


@pytest.mark.parametrize("forked", [False, True], ids=["started", "forked"])
def test_a_secret_file_named_by_a_relative_path_is_protected_and_the_worker_starts(forked, zygote, monkeypatch,
                                                                                    tmp_path):
    """BACKPROP_COURSE_CONFIG=../course.yaml, relative to where `backprop grade` runs: a worker,
    which works in a folder of its own, did not protect the file, and a forked one did not
    start (every exercise `error`)."""
    (tmp_path / "course.yaml").write_text("secret: from-the-file\n")
    (tmp_path / "class").mkdir()
    monkeypatch.chdir(tmp_path / "class")
    monkeypatch.setenv("BACKPROP_COURSE_CONFIG", "../course.yaml")
    with Worker(zygote=zygote if forked else None) as w:
        assert w.load("hostile", HOSTILE, "hostile.py").ok
        secret_file = attempt(w, f"result = open({str(tmp_path / 'course.yaml')!r}).read()")
        assert secret_file[0] == "PermissionError" and "protected" in secret_file[1]


def test_the_solutions_are_neither_importable_nor_readable(hostile):
    assert CHECKOUT not in attempt(hostile, "import sys\nresult = sys.path")
    for module in ("solutions", "solutions.ex03_weight_gradients", "autograder.content.solutions"):
        kind, message = attempt(hostile, f"import {module}")
        assert kind == "ModuleNotFoundError", message
    with_path = f"import sys\nsys.path.insert(0, {CHECKOUT!r})\nimport solutions.ex03_weight_gradients"
    assert attempt(hostile, with_path)[0] in ("ModuleNotFoundError", "PermissionError")
    for code in (f"result = open({SOLUTION!r}).read()",
                 f"result = open({CHECKOUT!r} + '/exercises/../solutions/ex03_weight_gradients.py').read()",
                 f"import os\nresult = os.listdir({os.path.dirname(SOLUTION)!r})",
                 f"import glob\nresult = glob.glob({os.path.dirname(SOLUTION)!r} + '/*')"):
        kind, message = attempt(hostile, code)
        assert kind == "PermissionError" and "protected" in message, code


@pytest.mark.parametrize("code, refused", [
    ("open('/tmp/backprop-forged-report.json', 'w')", "write outside its own folder"),
    ("open(os.path.expanduser('~') + '/../forged.json', 'w')", "write outside its own folder"),
    (f"open({CHECKOUT!r} + '/autograder/grading.py', 'a')", "write outside its own folder"),
    ("os.open('/tmp/backprop-forged', os.O_WRONLY | os.O_CREAT)", "write outside its own folder"),
    ("import numpy as np\nnp.zeros(3).tofile('/tmp/backprop-forged.bin')", "write outside its own folder"),
    ("import shutil\nshutil.copyfile(os.__file__, '/tmp/backprop-forged')", "write outside its own folder"),
    ("os.remove('/tmp/backprop-nothing')", "outside its own folder"),
    ("os.rename('/tmp/backprop-nothing', 'mine')", "outside its own folder"),
    ("os.mkdir('/tmp/backprop-forged-dir')", "outside its own folder"),
    ("os.link('/etc/hostname', 'mine')", "outside its own folder"),
    ("os.chmod('/tmp', 0o777)", "outside its own folder"),
    ("os.mkfifo('/tmp/backprop-forged-fifo')", "outside its own folder"),
    ("os.chdir('/')", "change its working folder"),
    (f"os.symlink({SOLUTION!r}, 'solution.py')", "symbolic links"),
    ("os.mkdir('sub')\nos.symlink('/tmp', 'sub/out')\nfd = os.open('sub', os.O_RDONLY)\n"
     "os.open('out/backprop-forged', os.O_CREAT | os.O_WRONLY, dir_fd=fd)", "symbolic links"),
    ("fd = os.open('/', os.O_RDONLY)\nos.open('tmp/backprop-forged', os.O_CREAT | os.O_WRONLY, dir_fd=fd)",
     "open folders outside its own"),
    ("import subprocess\nsubprocess.run(['true'])", "start other programs"),
    ("os.system('true')", "start other programs"),
    ("os.execv('/bin/true', ['true'])", "start other programs"),
    ("os.posix_spawn('/bin/true', ['true'], {})", "start other programs"),
    ("os.fork()", "start other programs"),
    ("os.kill(os.getppid(), 9)", "send signals"),
    ("import socket\nsocket.socket()", "use the network"),
    ("import socket\nsocket.create_connection(('127.0.0.1', 9))", "use the network"),
    ("import ctypes\nctypes.CDLL('libc.so.6')", "through ctypes"),
    ("import resource\nresource.setrlimit(resource.RLIMIT_AS, (-1, -1))", "resource limits"),
    ("import sqlite3\nsqlite3.connect('/tmp/backprop-forged.db')", "outside its own folder"),
    ("os.mknod('/tmp/backprop-forged-node')", "outside its own folder"),
])
def test_the_audit_hook_refuses(hostile, code, refused):
    kind, message = attempt(hostile, "import os\n" + code)
    assert kind == "PermissionError" and refused in message and message.startswith("the grader refused: ")
    assert not [p for p in os.listdir("/tmp") if p.startswith("backprop-forged")]


def test_the_audit_hook_allows_ordinary_work(hostile):
    code = '''
import json, tempfile
import numpy as np
import numpy.testing, numpy.linalg, email.utils  # imports after the hook: reading is allowed
np.testing.assert_allclose(np.linalg.inv(np.eye(2)), np.eye(2))
os.mkdir("notes")
with open("notes/a.json", "w") as f:
    json.dump([1, 2], f)
os.rename("notes/a.json", "notes/b.json")
import sqlite3
sqlite3.connect(":memory:").close()
sqlite3.connect("notes/db.sqlite").close()
np.save("notes/c.npy", np.arange(3))
with tempfile.NamedTemporaryFile("w", delete=False) as f:
    f.write("scratch")
with tempfile.TemporaryDirectory() as scratch:  # removed with dir_fd= calls
    open(os.path.join(scratch, "x"), "w").close()
with open(os.devnull, "w") as sink:
    sink.write("nothing")
result = [json.load(open("notes/b.json")), np.load("notes/c.npy").tolist(), f.name.startswith(os.getcwd()),
          len(open(os.__file__).read()) > 0]
'''
    assert attempt(hostile, "import os\n" + code) == [[1, 2], [0, 1, 2], True, True]


def test_a_package_the_worker_may_not_read_is_a_missing_module_that_says_why(hostile):
    kind, message = attempt(hostile, "import pytest")  # installed, but not for learner code to read
    assert kind == "ModuleNotFoundError" and message.startswith(
        "No module named 'pytest' where your code is checked: it runs with numpy and Python's standard library only.")
    assert attempt(hostile, "try:\n    import pytest\nexcept ImportError:\n    result = 'caught'") == "caught"
    assert attempt(hostile, "import fractions, numpy.linalg\nresult = 'imported'") == "imported"


def test_the_audit_hook_cannot_be_replaced(hostile):
    code = '''
import gc
guard = next(o for o in gc.get_objects()
             if callable(o) and getattr(o, "__qualname__", "") == "_guard.<locals>.guard")
result = []
for name in ("__code__", "__defaults__"):
    try:
        setattr(guard, name, (lambda event, args: None).__code__ if name == "__code__" else ())
    except PermissionError as exc:
        result.append(str(exc))
try:
    open("/tmp/backprop-forged", "w")
except PermissionError:
    result.append("still refused")
'''
    refused = "the grader refused: a submission may not change its audit hook"
    assert attempt(hostile, code) == [refused, refused, "still refused"]


def test_exit_at_import_is_a_load_error_and_the_worker_goes_on():
    with Worker() as w:
        assert w.load(MODULE, LEARNER, FILENAME).ok
        pid = w.call(MODULE, "pid").value
        reply = w.load("leaves", "import sys\nsys.exit(3)\n", "leaves.py")
        assert reply.error.type == "SystemExit" and reply.error.line == 2 and not reply.error.crashed
        assert w.call(MODULE, "pid").value == pid  # the same worker
        reply = w.load("dies", "import os\nos._exit(4)\n", "dies.py")
        assert reply.error.type == "WorkerExit" and "exit status 4" in reply.error.message
        assert w.call(MODULE, "pure", [1]).value == 2  # a fresh worker, with the earlier module
        assert w.call("dies", "f").error.type == "MissingModule"


# ------------------------------------------------------------------- the zygote

ISOLATION = '''\
import os
import numpy as np


def leave_a_trace():
    np.trace_left_by_a_submission = os.getpid()
    return os.getpid()


def look_for_traces():
    return getattr(np, "trace_left_by_a_submission", None)


def scale(x):
    x *= 10
    return x


def sockets():
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            link = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:  # the listing's own descriptor, closed by now
            continue
        if link.startswith("socket:"):
            found.append(link)
    return found


def environment():
    return dict(os.environ)


def spin():
    while True:
        pass


def die(code):
    os._exit(code)


def pure(x):
    return x + 1


def hold():
    return sum(range(10**15))


def keep_writing():
    import threading

    def write():
        n = 0
        while True:
            n += 1
            with open(f"note-{n % 50}.txt", "w") as f:
                f.write("still here")

    threading.Thread(target=write, daemon=True).start()
    return os.getpid()
'''


def forked(zygote, **limits):
    worker = Worker(zygote=zygote, **limits)
    assert worker.load("isolation", ISOLATION, "isolation.py").ok
    return worker


def test_each_forked_worker_is_a_fresh_process_that_no_other_submission_touched(zygote):
    with forked(zygote) as first:
        pid = first.call("isolation", "leave_a_trace").value
        assert first.call("isolation", "look_for_traces").value == pid
    with forked(zygote) as second:
        assert second.call("isolation", "look_for_traces").value is None
        assert second.call("isolation", "leave_a_trace").value not in (pid, zygote.process.pid)


def test_stored_values_reach_each_call_as_fresh_copies(zygote):
    zygote.store({"test/x": np.arange(3.0), "test/arguments": [np.arange(3.0)]})
    with forked(zygote) as w:
        for args in ([Stored("test/x")], Stored("test/arguments")) * 2:  # a value, or the whole list
            # each call gets the stored value, not an earlier call's change
            reply = w.call("isolation", "scale", args)
            assert same(reply.value, np.arange(3.0) * 10) and reply.mutated == (0,)
        missing = w.call("isolation", "scale", [Stored("test/not-stored")])
        assert missing.error.type == "MissingStored" and not missing.error.crashed
        assert w.call("isolation", "pure", [1]).value == 2


def test_a_started_worker_stores_values_again_after_a_restart():
    with Worker() as w:
        assert w.store({"test/y": np.ones(2)}).ok
        assert w.load("isolation", ISOLATION, "isolation.py").ok
        assert w.call("isolation", "die", [4]).error.crashed
        assert same(w.call("isolation", "scale", [Stored("test/y")]).value, np.full(2, 10.0))


def test_a_worker_cannot_reach_the_zygote_or_the_secret(zygote, monkeypatch):
    monkeypatch.setenv("BACKPROP_COURSE_SECRET", "s3cret")  # in the grader's environment only
    with forked(zygote) as w:
        assert w.call("isolation", "sockets").value == []
        assert "BACKPROP_COURSE_SECRET" not in w.call("isolation", "environment").value


def test_a_forked_worker_that_hangs_or_exits_is_reported_and_replaced(zygote):
    with forked(zygote, call_timeout=1.0) as w:
        replies = w.calls([("isolation", name, args) for name, args in
                           [("pure", [1]), ("spin", []), ("pure", [2]), ("die", [5]), ("pure", [3])]])
        assert [r.value for r in replies if r.ok] == [2, 3, 4]
        assert replies[1].error.type == "Timeout" and replies[1].error.message == "did not return within 1 s"
        assert replies[3].error.crashed and "exit status 5" in replies[3].error.message
    with forked(zygote) as after:  # the zygote serves on
        assert after.call("isolation", "pure", [0]).value == 1


def test_a_worker_that_ended_is_never_signalled_once_reaped(zygote):
    """A reaped worker's pid is free, and may be another process's by the time the grader
    would kill it (pids here run to 32,768, and a worker's threads can turn them over until
    its own comes next: a grader running as root then killed an unrelated process)."""
    signalled, watching = [], []
    sys.addaudithook(lambda event, args: signalled.append(args) if watching and event.startswith("os.kill") else None)
    for worker in (Worker(), forked(zygote)):
        with worker as w:
            assert w.load("isolation", ISOLATION, "isolation.py").ok
            watching.append(True)
            assert "exit status 6" in w.call("isolation", "die", [6]).error.message
            watching.clear()
    assert signalled == []


def test_a_hang_that_keeps_the_timer_out_is_put_on_its_own_call(zygote):
    # sum() over a range never returns to the interpreter, so the worker cannot announce
    # the call: the parent asks again for each reply at once, and blames the right call.
    with forked(zygote, call_timeout=0.5) as w:
        replies = w.calls([("isolation", name, args) for name, args in
                           [("pure", [1]), ("pure", [2]), ("hold", []), ("pure", [3])]])
        assert [r.value for r in replies] == [2, 3, None, 4]
        assert replies[2].error.timed_out and replies[2].error.message == "did not return within 0.5 s"


def _gone(pid, folder, zygote, seconds=10.0):
    """Whether the process pid has been reaped and folder removed; the zygote looks after
    the workers it ends after each request, so this sends it some."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not os.path.exists(f"/proc/{pid}") and not folder.exists():
            return True
        if zygote.alive:
            zygote.store({})
        time.sleep(0.01)
    return False


def test_a_closed_forked_worker_is_ended_by_its_zygote_and_its_folder_removed(zygote):
    # A thread of the learner's still writes in the folder when the worker is closed; the
    # worker is killed and reaped (no zombie is left), and then the folder removed. The
    # folder is on disk here, as where the kernel allows no tmpfs of the worker's own.
    w = forked(zygote, max_disk_bytes=None)
    w.call("isolation", "keep_writing")
    pid, folder = w._child.pid, w.directory  # the worker sees another pid: its own PID namespace's
    time.sleep(0.05)
    assert any(folder.glob("note-*.txt"))
    w.close()
    assert _gone(pid, folder, zygote)
    with forked(zygote) as after:  # and the zygote serves on
        assert after.call("isolation", "pure", [0]).value == 1


def test_closing_a_forked_worker_and_its_zygote_leaves_nothing():
    zygote = Zygote()
    w = forked(zygote)
    w.call("isolation", "keep_writing")
    pid, folder = w._child.pid, w.directory
    w.close()
    zygote.close()
    assert not folder.exists() and not os.path.exists(f"/proc/{pid}")


def test_without_a_working_zygote_workers_are_started_instead():
    zygote = Zygote()
    zygote.process.kill()
    zygote.process.wait()
    with Worker(zygote=zygote) as w:
        assert w.load("isolation", ISOLATION, "isolation.py").ok
        assert w.call("isolation", "pure", [1]).value == 2
    assert not zygote.alive
    zygote.close()


def test_a_zygote_that_does_not_answer_is_ended_and_no_longer_used(monkeypatch):
    from autograder.execution import zygote as zygotes

    monkeypatch.setattr(zygotes, "_REPLY_TIMEOUT", 0.2)  # wait's reply may take this, besides its own timeout
    with Zygote() as zygote:
        os.kill(zygote.process.pid, signal.SIGSTOP)
        with pytest.raises(zygotes.ZygoteError, match="did not answer"):
            zygote.wait(os.getpid(), 0.1)
        assert not zygote.alive and zygote.process.poll() is not None  # killed and reaped


def test_a_warning_filter_set_by_a_loaded_file_lasts_as_in_one_python_process(worker):
    """Only calls keep warnings quiet: a filter a file sets when loaded holds for the files
    loaded after it, as it would in one Python process."""
    assert worker.load("strict", "import warnings\nwarnings.simplefilter('error')\n", "strict.py").ok
    warned = worker.load("warns", "import warnings\nwarnings.warn('careful')\n", "warns.py")
    assert not warned.ok and warned.error.type == "UserWarning"


def test_a_numpy_error_state_set_by_a_loaded_file_does_not_reach_the_calls(worker):
    """np.seterr(all="raise") at a file's top made a right sigmoid, exp(-|z|) underflowing to 0
    at z = 1000, raise FloatingPointError in the checks: as a warning filter, it holds for
    loading only, and the checks judge what numpy's defaults compute."""
    code = "import numpy as np\nnp.seterr(all='raise')\n\ndef f(z):\n    return np.exp(-np.abs(z))\n"
    assert worker.load("strict_numpy", code, "strict_numpy.py").ok
    reply = worker.call("strict_numpy", "f", [np.array([1000.0])])
    assert reply.ok and reply.value[0] == 0.0


def test_a_notebook_loads_as_main_and_the_worker_keeps_its_own_main():
    """Jupyter runs a notebook as the module __main__: unittest.main() and doctest.testmod() look for
    its tests there, and found the worker's ("Ran 0 tests"). The worker's own __main__ is back after."""
    notebook = ("import sys, unittest\nclass Shapes(unittest.TestCase):\n    def test_one(self):\n"
                "        self.assertEqual(1, 1)\nunittest.main(argv=['nb'], exit=False)\n"
                "ran_as = (__name__, sys.modules['__main__'] is sys.modules['nb'])\n")
    with Worker() as started:
        assert started.loads([("nb", notebook, "nb.py", [1])])[0].ok
        assert started.get("nb", "ran_as").value == ("__main__", True) and "Ran 1 test" in started.output()
        said = [started.call("nb", "nope").error.message, started.get("nb", "nope").error.message]
        assert said == ["nb.py has no function 'nope'", "nb.py has no name 'nope'"]  # its file's, not __main__'s
        assert started.load("later", "import sys\nmain = sys.modules['__main__'] is sys.modules['nb']\n", "later.py").ok
        assert started.get("later", "main").value is False


def test_a_learners_input_reads_nothing_in_a_started_or_a_forked_worker(how):
    """stdin is /dev/null in both kinds of worker: input() ends at once instead of hanging."""
    with Worker(**how) as w:
        assert w.load("asks", "def ask():\n    return input()\n", "asks.py").ok
        assert w.call("asks", "ask").error.type == "EOFError"


def test_a_worker_ended_by_a_signal_says_which(worker):
    assert worker.load("signalled", "import signal\n\ndef f(n):\n    signal.raise_signal(n)\n", "signalled.py").ok
    for number, said in ((9, "SIGKILL"), (40, "40")):  # a real-time signal has no name
        reply = worker.call("signalled", "f", [number])
        assert reply.error.crashed and reply.error.message == f"the worker process was killed by signal {said}"


def test_a_worker_ended_by_a_limit_or_seccomp_says_why_in_words(worker):
    """"killed by signal SIGXCPU" told a learner nothing of the CPU time limit it had reached."""
    source = "import signal\n\ndef f(n):\n    signal.signal(n, signal.SIG_DFL)\n    signal.raise_signal(n)\n"
    assert worker.load("limited", source, "limited.py").ok
    for number, said in ((signal.SIGXCPU, "the CPU time a submission may use"),
                         (signal.SIGXFSZ, "a file larger than a submission may write"),
                         (signal.SIGSYS, "a system call the sandbox refuses")):
        reply = worker.call("limited", "f", [int(number)])
        assert reply.error.crashed and reply.error.message.startswith(f"the worker process was killed by signal "
                                                                      f"{number.name}: it ")
        assert said in reply.error.message


def test_files_load_together_each_with_its_own_reply(how):
    good = "def one():\n    return 1\n"
    with Worker(call_timeout=1.0, **how) as w:
        replies = w.loads([("a", good, "a.py"), ("b", "def broken(:\n", "b.py"), ("c", "import os\nos._exit(3)\n", "c.py"),
                           ("d", "while True:\n    pass\n", "d.py"), ("e", good, "e.py")])
        assert [r.ok for r in replies] == [True, False, False, False, True] and replies[0].value == ("one",)
        assert replies[1].error.type == "SyntaxError" and replies[1].error.line == 1
        assert replies[2].error.crashed and "exit status 3" in replies[2].error.message
        assert replies[3].error.timed_out
        assert w.call("a", "one").value == 1 and w.call("e", "one").value == 1  # reloaded after the crash


def test_calls_travel_together_and_a_whole_request_failure_answers_each(worker):
    replies = worker.calls([(MODULE, "pure", [1]), (MODULE, "fails", [np.zeros(2)]), (MODULE, "pure", [3])])
    assert replies[0].value == 2 and replies[2].value == 4
    assert replies[1].error.type == "ValueError"
    mixed = worker.calls([(MODULE, "pure", [1]), ("not_loaded", "pure", [2]), (MODULE, "pure", [5])])
    assert mixed[0].value == 2 and mixed[1].error.type == "MissingModule" and mixed[2].value == 6
    whole = worker.calls([(MODULE, "pure", [1]), (MODULE, "pure", Stored("test/never-stored"))])
    assert [r.error.type for r in whole] == ["MissingStored", "MissingStored"]


def test_a_reply_may_not_name_a_stored_value():
    with pytest.raises(WireError):
        wire.loads(wire.dumps({"result": Stored("x")}))


def test_values_stored_while_the_worker_starts_wait_for_its_start_not_a_call(tmp_path):
    # A notebook starts its worker early (Worker.start) and stores the plan's values at its
    # first check: a start slower than call_timeout must not fail that store.
    slow = tmp_path / "slow-python"
    slow.write_text(f'#!/bin/sh\nsleep 1.5\nexec "{sys.executable}" "$@"\n')
    slow.chmod(0o755)
    with Worker(python=str(slow), call_timeout=0.5) as w:
        w.start()
        assert w.store({"test/z": np.ones(2)}).ok
        assert w.isolation  # the start was confirmed: its ping said how the worker is confined
        assert w.load("isolation", ISOLATION, "isolation.py").ok
        assert same(w.call("isolation", "scale", [Stored("test/z")]).value, np.full(2, 10.0))


def test_a_started_worker_ends_when_its_grader_goes_though_learner_threads_run_on():
    """The grading process gone (its end of the request pipe closed, as a SIGKILL closes it),
    a worker ends at once, whatever threads learner code left running."""
    code = ("import threading, time\n"
            "def linger():\n"
            "    threading.Thread(target=time.sleep, args=(3600,)).start()  # not a daemon\n"
            "    return 1\n")
    with Worker() as w:
        assert w.load("lingers", code, "lingers.py").ok and w.call("lingers", "linger").value == 1
        child = w._child
        os.close(child.request_fd)
        child.request_fd = os.open(os.devnull, os.O_RDONLY)  # for close() to close
        assert child.wait(10) == 0


TIMERS = """import faulthandler, signal, time
signal.setitimer(signal.ITIMER_REAL, 0.05)
signal.setitimer(signal.ITIMER_VIRTUAL, 0.05)
signal.setitimer(signal.ITIMER_PROF, 0.05)
faulthandler.dump_traceback_later(0.05, exit=True)

def waits():
    time.sleep(0.3)
    return 1

def spins():
    start = time.process_time()
    while time.process_time() - start < 0.3:
        pass
    return 2

def arms_and_waits():
    signal.alarm(1)
    time.sleep(1.5)
"""


def test_timers_a_file_sets_when_loaded_end_no_later_call(how):
    """signal.alarm, setitimer and faulthandler's exit, set at import, went off in a later call (the
    next function's), and again after each restart's reload: only the call that set a timer may
    lose to it, and calls made after it are unharmed."""
    with Worker(call_timeout=10.0, **how) as w:
        assert w.load("timers", TIMERS, "timers.py").ok
        assert w.call("timers", "waits").value == 1
        assert w.call("timers", "spins").value == 2
        armed = w.call("timers", "arms_and_waits")
        assert armed.error.crashed and "SIGALRM: a timer the code set went off while it ran" in armed.error.message
        assert [w.call("timers", name).value for name in ("waits", "spins")] == [1, 2]  # reloaded: its timers again


def test_a_statement_that_ends_as_its_timer_fires_is_not_reported_stopped():
    """The notebook's statement timer could fire as a statement ended, while the worker disarmed it:
    the statement, done, was reported stopped, and the timer's handler stayed installed. Timers
    of a few microseconds make that likely in each of many statements (here, in this process)."""
    from autograder.execution import server

    wrong, left, rng, before = [], 0, np.random.default_rng(7), signal.getsignal(signal.SIGALRM)
    for seconds in rng.uniform(1e-6, 4e-5, 20_000):
        namespace = {}
        skipped = server._run_cells("x = 1\n", [1], "race.py", namespace, seconds)
        if skipped and "x" in namespace:  # it ran to its end, and was said to be stopped
            wrong.append(skipped[0]["message"])
        if signal.getsignal(signal.SIGALRM) is not before:
            left += 1
            signal.signal(signal.SIGALRM, before)
    assert (wrong[:1], left) == ([], 0)
