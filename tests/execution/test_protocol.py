"""The protocol between the grading process and its workers: both sides check every message
with autograder.execution.protocol, and refuse what it does not define."""
import dataclasses
import sys
import time

import numpy as np
import pytest

from autograder.execution import protocol, wire
from autograder.execution.client import Worker


@pytest.mark.parametrize("request_, said", [
    ([], "a request must be a dict"),
    ({"op": "shell"}, "unknown op 'shell'"),
    ({"op": 3}, "unknown op 3"),
    ({"op": "get", "module": "m"}, "get: 'name' must be a str"),
    ({"op": "store", "values": {1: 2}}, "store: 'values' must be a dict with str keys"),
    ({"op": "loads", "modules": [["m", "x = 1"]]}, "loads: 'modules' must be a list of [name, source, filename]"),
    ({"op": "loads", "modules": [["m", "x = 1", "m.py", ["1"]]]}, "loads: 'modules' must be a list"),
    ({"op": "calls", "calls": [["m", "f", [], {1: 2}]]}, "calls: 'calls' must be a list of [module, function name"),
    ({"op": "calls", "calls": [["m", "f", "args", {}]]}, "calls: 'calls' must be a list of [module, function name"),
])
def test_a_request_the_protocol_does_not_define_is_refused(request_, said):
    with pytest.raises(protocol.Refused) as refused:
        protocol.check_request(request_)
    assert str(refused.value).startswith(said)


def test_the_zygote_knows_its_own_requests_only():
    assert protocol.check_request({"op": "wait", "pid": 3, "timeout": None}, protocol.ZYGOTE_REQUESTS) == "wait"
    with pytest.raises(protocol.Refused, match="unknown op 'calls'"):
        protocol.check_request({"op": "calls", "calls": []}, protocol.ZYGOTE_REQUESTS)
    with pytest.raises(protocol.Refused, match="'timeout' must be a number or null"):
        protocol.check_request({"op": "wait", "pid": 3, "timeout": "soon"}, protocol.ZYGOTE_REQUESTS)


def test_the_grading_process_refuses_to_send_what_the_worker_would_refuse():
    with Worker() as worker, pytest.raises(protocol.Refused, match="calls: 'calls' must be"):
        worker._request({"op": "calls", "calls": [["m", "f", "not a list", {}]]})


def test_the_worker_refuses_a_request_the_protocol_does_not_define():
    with Worker() as worker:
        assert worker.ping().ok
        deadline = time.monotonic() + 10  # past the client's own check, as a broken client would send it
        worker._send(wire.dumps({"op": "shell", "command": "ls", "id": 99}), deadline)
        reply, _ = protocol.parse_reply(worker._receive(deadline), 99)
    assert not reply.ok and reply.error.type == "BadRequest" and "unknown op 'shell'" in reply.error.message


def _line(**message):
    """A reply line as the worker writes it: plain JSON around the encoded result."""
    return wire.line({"id": 7, **message})


@pytest.mark.parametrize("line, said", [
    (_line(ok=True, result=1, index="0"), "'index' is not a number"),
    (wire.line({"id": 8, "ok": True}), "does not answer the request"),
    (_line(ok="yes"), "'ok' is not a bool"),
    (_line(ok=False, error={"type": "E"}), "'message' is not a str"),
    (_line(ok=False, error={"type": "E", "message": "m", "line": "3"}), "error line or function"),
    (_line(ok=False, error={"type": "E", "message": "m", "line": 3, "cell": "12"}), "error line or function"),
    (_line(ok=True, result=1, mutated=[1.5]), "'mutated' must list"),
    (_line(ok=True, names=["f", 3]), "expected a list of strings"),
    (_line(ok=True, result=1, seconds="1"), "'seconds' is not a number"),
    (_line(ok=True, result=1, seconds=-0.5), "'seconds' is not a number of seconds, 0 or more"),
    (_line(ok=True, result=1, seconds=float("nan")), "'seconds' is not a number of seconds, 0 or more"),
    (_line(ok=True, result=1, seconds=float("inf")), "'seconds' is not a number of seconds, 0 or more"),
    (wire.line({"id": 7.0, "ok": True, "result": 1}), "does not answer the request"),
    (_line(ok=True, result={"__stored__": "k"}), "a stored value is not expected here"),
    (b"[" * 100 + b"\n", "not valid JSON"),
    # what a learner's code, writing on the reply pipe itself, can make Python raise
    (_line(ok=True, result=1, seconds=10**400), "OverflowError"),
    (_line(ok=True, result={"__ndarray__": "", "dtype": "<f8", "shape": [0, 10**400]}), "the reply"),
])
def test_a_reply_the_worker_would_not_send_is_a_wire_error(line, said):
    with pytest.raises(wire.WireError, match=said):
        protocol.parse_reply(line, 7)


def test_a_reply_whose_id_is_true_does_not_answer_request_1():
    with pytest.raises(wire.WireError, match="does not answer the request"):
        protocol.parse_reply(wire.line({"id": True, "ok": True, "result": 1}), 1)


def test_a_reply_learner_code_wrote_itself_is_cut_as_the_worker_cuts_its_own():
    error = {"type": "E" * 10_000, "message": "m" * 2**20, "function": "f" * 10_000}
    reply, _ = protocol.parse_reply(_line(ok=False, error=error), 7)
    assert (len(reply.error.type), len(reply.error.message), len(reply.error.function)) == (200, 2000, 200)
    skipped = [{"type": "E", "message": "m" * 10_000}] * 1000
    reply, _ = protocol.parse_reply(_line(ok=True, names=[], skipped=skipped), 7)
    assert len(reply.skipped) == 100 and {len(e.message) for e in reply.skipped} == {2000}


def test_half_a_utf16_pair_alone_reaches_no_report_or_terminal():
    """JSON can escape a lone surrogate, which no UTF-8 file or terminal takes: printing a
    learner's message that held one, `check` ended in a traceback, and `grade` lost its CSV."""
    error = {"type": "E\ud800", "message": "lone \udfff, paired \U0001f600", "function": "f\udc00"}
    line = _line(ok=False, error=error)
    assert b"\\ud800" in line
    reply, _ = protocol.parse_reply(line, 7)
    assert (reply.error.type, reply.error.message, reply.error.function) == ("E?", "lone ?, paired \U0001f600", "f?")
    with pytest.raises(wire.WireError):  # raw bytes no ASCII line holds: UTF-8's form of a surrogate, here
        protocol.parse_reply(b'{"id": 7, "ok": true, "result": "\xed\xa0\x80"}\n', 7)


def test_a_reply_is_read_as_the_worker_sent_it():
    reply, index = protocol.parse_reply(
        _line(ok=True, index=4, result=wire.encode((np.arange(3.0), 2)), mutated=[0, "x"]), 7)
    assert index == 4 and reply.ok and reply.mutated == (0, "x")
    assert isinstance(reply.value, tuple) and np.array_equal(reply.value[0], np.arange(3.0)) and reply.value[1] == 2
    with pytest.raises(dataclasses.FrozenInstanceError):
        reply.ok = False


def test_a_replys_strings_are_not_interned_in_the_grading_process():
    """Strings reach learner code interned, as literals are (a request's, in the worker); a reply's
    are not, in the grading process: Python 3.12.0 to 3.12.5 (Ubuntu 24.04's 3.12.3) never free an
    interned string, and a submission's replies may hold 64 MiB of them."""
    reply, _ = protocol.parse_reply(_line(ok=True, result=wire.encode(["a-reply's " + "text", {0: "a-reply's " + "key"}])), 7)
    assert sys.intern("a-reply's " + "text") is not reply.value[0]
    assert sys.intern("a-reply's " + "key") is not reply.value[1][0]
    request = wire.loads(wire.dumps({"op": "ping", "name": "a-request's " + "text"}), functions=lambda spec: spec)
    assert sys.intern("a-request's " + "text") is request["name"]


def test_a_failure_without_an_index_answers_every_call_left():
    source = "def f(x):\n    return x\n"
    with Worker() as worker:
        assert worker.load("m", source, "m.py").ok
        replies = worker.calls([("m", "f", [1]), ("m", "f", [wire.Stored("nowhere")]), ("m", "f", [3])])
    assert [r.ok for r in replies] == [False, False, False]  # the request as a whole was refused
    assert all(r.error.type == "MissingStored" for r in replies)


def test_an_unsendable_result_fails_its_own_call_only():
    source = "def f(x):\n    return object() if x == 1 else x\ndef deep(x):\n    v = x\n    for _ in range(100):\n        v = [v]\n    return v\n"
    with Worker() as worker:
        assert worker.load("m", source, "m.py").ok
        replies = worker.calls([("m", "deep", [0]), ("m", "f", [2]), ("m", "f", [3])])
    assert not replies[0].ok and replies[0].error.type == "UnencodableResult"
    assert [r.value for r in replies[1:]] == [2, 3]  # the calls after it are answered, each its own


def test_every_dtype_a_reply_may_name_is_numeric_or_not_numpys():
    """What wire.decode lets through as a dtype's text ([<>|=]?[biufc] and one or two digits) is
    a dtype of an allowed kind, or no dtype at all: none of numpy's other kinds needs a check."""
    for text in [f"{order}{kind}{size}" for order in ("", "<", ">", "|", "=") for kind in wire.ALLOWED_KINDS
                 for size in [*range(10), *(f"{n:02}" for n in range(100))]]:
        try:
            value = wire.decode({"__ndarray__": "", "dtype": text, "shape": [0]})
        except wire.WireError as exc:
            assert str(exc) == f"dtype {text!r} is not a numpy dtype", text
        else:
            assert value.dtype.kind in wire.ALLOWED_KINDS and value.dtype == np.dtype(text), text


def test_the_worker_cuts_an_exceptions_type_name_as_the_grading_process_keeps_it():
    """One rule for both sides: what the worker sends of a long type name is what is read."""
    from autograder.execution import server
    sent = server._failure(type("E" * 5000, (Exception,), {})("why"), "learner.py")["error"]
    reply, _ = protocol.parse_reply(_line(ok=False, error=sent), 7)
    assert reply.error.type == sent["type"] and reply.error.message == "why"


def test_a_result_too_large_to_make_bytes_of_is_named_by_its_error():
    # a zero-stride view of 8 TB travels as its bytes: tobytes raised a MemoryError without a message, and the
    # learner read "sigmoid raised UnencodableResult: the result cannot be sent:."
    line = protocol.reply_line({"id": 1, "ok": True, "result": np.broadcast_to(np.float64(1.0), (2**40,))})
    reply, _ = protocol.parse_reply(line, 1)
    assert reply.error.type == "UnencodableResult"
    assert reply.error.message == "the result cannot be sent: MemoryError making its bytes"
