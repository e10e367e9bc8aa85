"""The worker process: it runs learner code, and nothing else. The child computes, the parent judges.

Started by autograder.runner as ``python -I -c <bootstrap> REQUEST_FD RESPONSE_FD
[SETTINGS]``. Once its own imports are done it confines itself as the JSON SETTINGS say
(autograder.sandbox: limits, clean environment, audit hook), then reads one request per
line (autograder.wire) from REQUEST_FD and writes one reply line per request to
RESPONSE_FD. stdout and stderr go to a file the parent chose, so whatever learner code
prints never mixes with the protocol.

Requests: {"op": "load", "module", "source", "filename"}, {"op": "call", "module",
"function", "args", "kwargs"}, {"op": "get", "module", "name"} and {"op": "ping"}.
Replies: {"ok": True, ...} or {"ok": False, "error": {"type", "message", ...}}; both echo
the request's "id". No exception of learner code, BaseException included, ends the loop.

Nothing here decides a verdict: learner code can patch numpy or this module, and all it
changes is what comes back, which the parent judges on the decoded data.

Keep this module small: it imports numpy and the standard library, plus autograder.wire,
autograder.testfunctions and autograder.sandbox, and nothing else of the package.
"""
from __future__ import annotations

import copy
import errno
import os
import sys
import time
import types
import warnings
from typing import Any

import numpy as np

from autograder import sandbox, testfunctions, wire

MESSAGE_LIMIT = 2000
WARNING_LIMIT = 5


class _Refused(Exception):
    """A request the worker cannot act on: a malformed request or a module not loaded."""

    def __init__(self, message: str, kind: str = "BadRequest"):
        super().__init__(message)
        self.kind = kind


def main(argv: list[str] | None = None) -> None:
    """Serve requests until the request pipe closes."""
    argv = sys.argv[1:] if argv is None else argv
    request_fd, response_fd = int(argv[0]), int(argv[1])
    _line_buffer_output()
    modules: dict[str, types.ModuleType] = {}
    try:
        with os.fdopen(request_fd, "rb") as requests, os.fdopen(response_fd, "wb") as responses:
            if len(argv) > 2:  # last, after every import of the worker's own
                sandbox.confine(sandbox.Settings.from_argument(argv[2]))
            for line in requests:
                reply = handle_line(line, modules)
                _flush_output()
                responses.write(reply)
                responses.flush()
    except BrokenPipeError:  # the parent has gone away
        pass


def handle_line(line: bytes, modules: dict[str, types.ModuleType]) -> bytes:
    """The reply line to one request line."""
    request_id = None
    try:
        request = wire.loads(line, functions=testfunctions.build)
        if type(request) is not dict:
            raise _Refused("a request must be a dict")
        request_id = request.get("id")
        reply = handle(request, modules)
    except _Refused as exc:
        reply = _error(exc.kind, str(exc))
    except Exception as exc:  # noqa: BLE001 -- a bad request must not end the worker
        reply = _error("BadRequest", f"{type(exc).__name__}: {_text(exc)}")
    reply["id"] = request_id
    return _serialize(reply)


def handle(request: dict, modules: dict[str, types.ModuleType]) -> dict:
    """The reply to one decoded request, as a dict."""
    handler = _HANDLERS.get(request.get("op"))
    if handler is None:
        raise _Refused(f"unknown op {request.get('op')!r}")
    return handler(request, modules)


# -------------------------------------------------------------------------------- ops

def _ping(request: dict, modules: dict) -> dict:
    return {"ok": True}


def _load(request: dict, modules: dict) -> dict:
    name = _field(request, "module", str)
    source = _field(request, "source", str)
    filename = _field(request, "filename", str)
    modules.pop(name, None)
    module = types.ModuleType(name)
    module.__file__ = filename
    sys.modules[name] = module
    try:
        exec(compile(source, filename, "exec"), module.__dict__)
    except BaseException as exc:  # noqa: BLE001 -- SystemExit at top level is the learner's too
        if sys.modules.get(name) is module:
            del sys.modules[name]
        return _failure(exc, filename)
    modules[name] = module
    names = [n for n in list(vars(module)) if type(n) is str and not n.startswith("_")]
    return {"ok": True, "names": names}


def _get(request: dict, modules: dict) -> dict:
    module = _module(request, modules)
    name = _field(request, "name", str)
    namespace = vars(module)
    if name not in namespace:
        return _error("MissingName", f"{module.__name__} has no name {name!r}")
    return {"ok": True, "result": namespace[name]}


def _call(request: dict, modules: dict) -> dict:
    module = _module(request, modules)
    name = _field(request, "function", str)
    args = _field(request, "args", list)
    kwargs = _field(request, "kwargs", dict)
    if not all(type(key) is str for key in kwargs):
        raise _Refused("kwargs keys must be strings")
    function = vars(module).get(name)
    if function is None and name not in vars(module):
        return _error("MissingFunction", f"{module.__name__} has no function {name!r}")
    if not callable(function):
        return _error("NotCallable", f"{module.__name__}.{name} is a {type(function).__name__}, not a function")
    return _run(function, args, kwargs, module.__file__)


def _run(function, args: list, kwargs: dict, filename: str) -> dict:
    arg_copies, kwarg_copies = copy.deepcopy(args), copy.deepcopy(kwargs)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        start = time.perf_counter()
        try:
            result = function(*args, **kwargs)
        except BaseException as exc:  # noqa: BLE001 -- report SystemExit, KeyboardInterrupt too
            reply = _failure(exc, filename)
        else:
            reply = {"ok": True, "result": result, "seconds": time.perf_counter() - start}
        messages = [_warning_text(w) for w in caught[:WARNING_LIMIT]]
    mutated = _mutated(args, arg_copies) + _mutated(kwargs, kwarg_copies)
    if reply["ok"]:
        reply.update(mutated=mutated, warnings=messages)
    else:
        reply["error"]["mutated"] = mutated
    return reply


_HANDLERS = {"ping": _ping, "load": _load, "get": _get, "call": _call}


def _field(request: dict, key: str, kind: type) -> Any:
    value = request.get(key)
    if type(value) is not kind:
        raise _Refused(f"{key!r} must be a {kind.__name__}")
    return value


def _module(request: dict, modules: dict) -> types.ModuleType:
    name = _field(request, "module", str)
    if name not in modules:
        raise _Refused(f"module {name!r} is not loaded", "MissingModule")
    return modules[name]


# ---------------------------------------------------------------------------- errors

def _error(kind: str, message: str, **details) -> dict:
    return {"ok": False, "error": {"type": kind, "message": message, **details}}


def _failure(exc: BaseException, filename: str) -> dict:
    """The error reply for an exception raised by learner code in filename."""
    line, function = _learner_frame(exc, filename)
    kind, message = _safe(lambda: type(exc).__name__, "BaseException"), _text(exc)
    try:
        kind, message = _explain_limit(exc, kind, message)
    except Exception:  # noqa: BLE001 -- a learner's exception class may lie about itself
        pass
    return _error(kind, message, line=line, function=function)


def _explain_limit(exc: BaseException, kind: str, message: str) -> tuple[str, str]:
    """Say so when the exception comes from one of the sandbox's limits."""
    if isinstance(exc, MemoryError):
        limit = sandbox.limit_text("memory")
        return kind, (message + " " if message else "") + (
            f"(a submission may use {limit} of memory)" if limit else "(out of memory)")
    if isinstance(exc, OSError) and type(exc.errno) is int and exc.errno == errno.EFBIG:  # output file full
        limit = sandbox.limit_text("output") or "amount"
        return "OutputLimit", f"printed more than the {limit} a submission may print; its output was cut off"
    return kind, message


def _learner_frame(exc: BaseException, filename: str) -> tuple[int | None, str | None]:
    """The line and function of the innermost traceback entry in the learner's file."""
    if isinstance(exc, SyntaxError) and exc.filename == filename:
        return exc.lineno, None
    line = function = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line, function = tb.tb_lineno, tb.tb_frame.f_code.co_name
        tb = tb.tb_next
    return line, function


def _text(exc: BaseException) -> str:
    text = _safe(lambda: str(exc), "<the exception could not be printed>")
    return text if len(text) <= MESSAGE_LIMIT else text[: MESSAGE_LIMIT - 3] + "..."


def _warning_text(record: warnings.WarningMessage) -> str:
    text = _safe(lambda: f"{record.category.__name__}: {record.message}", "Warning: ?")
    return text[:MESSAGE_LIMIT]


def _safe(compute, fallback: str) -> str:
    """compute() if it gives a str; fallback if it raises or gives anything else."""
    try:
        text = compute()
    except Exception:  # noqa: BLE001 -- learner-defined __str__ may do anything
        return fallback
    return text if type(text) is str else fallback


# -------------------------------------------------------------------------- mutation

def _mutated(after: list | dict, before: list | dict) -> list:
    """The positions (list) or names (dict) whose value differs from its copy."""
    keys = range(len(after)) if type(after) is list else list(after)
    return [key for key in keys if _differs_safely(after[key], before[key])]


def _differs_safely(after: Any, before: Any) -> bool:
    try:
        return _differs(after, before, 0)
    except Exception:  # noqa: BLE001 -- a learner object refused comparison: it changed
        return True


def _differs(after: Any, before: Any, depth: int) -> bool:
    if type(after) is not type(before) or depth > wire.MAX_DEPTH:
        return True
    if type(after) is np.ndarray or isinstance(after, np.generic):
        return _arrays_differ(np.asarray(after), np.asarray(before))
    if type(after) in (list, tuple):
        return len(after) != len(before) or any(
            _differs(a, b, depth + 1) for a, b in zip(after, before))
    if type(after) is dict:
        return after.keys() != before.keys() or any(
            _differs(after[k], before[k], depth + 1) for k in after)
    if type(after) is float:
        return not (after == before or (after != after and before != before))
    if type(after) in (type(None), bool, int, str, wire.Unsupported):
        return after != before
    return after is not before


def _arrays_differ(after: np.ndarray, before: np.ndarray) -> bool:
    if after.shape != before.shape or after.dtype != before.dtype:
        return True
    return not np.array_equal(after, before, equal_nan=after.dtype.kind in "fc")


# -------------------------------------------------------------------------- plumbing

def _serialize(reply: dict) -> bytes:
    """The reply as a wire line, or an error line if the learner's value cannot travel."""
    try:
        line = wire.dumps(reply)
    except Exception as exc:  # noqa: BLE001 -- e.g. nesting too deep, an int too long
        return _fallback(reply, "UnencodableResult", f"the result cannot be sent: {_text(exc)}")
    if len(line) > wire.MAX_LINE_BYTES:
        message = f"the result needs {len(line)} bytes, more than the limit of {wire.MAX_LINE_BYTES}"
        return _fallback(reply, "ResultTooLarge", message)
    return line


def _fallback(reply: dict, kind: str, message: str) -> bytes:
    mutated = reply.get("mutated", [])
    return wire.dumps({**_error(kind, message, mutated=mutated), "id": reply.get("id")})


def _line_buffer_output() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(line_buffering=True)
        except (AttributeError, ValueError):  # no stream, or not a text stream
            pass


def _flush_output() -> None:
    for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
        try:
            stream.flush()
        except Exception:  # noqa: BLE001 -- learner may have replaced or broken a stream
            pass


if __name__ == "__main__":
    main()
