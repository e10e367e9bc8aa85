"""The worker process: it runs learner code, and nothing else. The child computes, the parent judges.

Started by autograder.runner as ``python -I -c <bootstrap> REQUEST_FD RESPONSE_FD
[SETTINGS]``, or forked by a zygote (below). Once its own imports are done it confines
itself as the JSON SETTINGS say (autograder.sandbox: limits, clean environment, audit
hook), then reads one request per line (autograder.wire) from REQUEST_FD and writes one
reply line per request to RESPONSE_FD. stdout and stderr go to a file the parent chose,
so whatever learner code prints never mixes with the protocol.

Requests: {"op": "loads", "modules": [[name, source, filename(, cells)], ...]} (a notebook's
cells: the line each starts at; see _load), {"op": "calls",
"calls": [[module, function, args, kwargs], ...]}, {"op": "get", "module", "name"},
{"op": "store", "values"} and {"op": "ping"}. "loads" and "calls" load or call in turn and
answer each with a line of its own, with its "index"; autograder.outbox says when those
lines are sent (together, unless one runs long or the request says "each") and how the
parent still times each. "store" keeps values under keys; a wire.Stored in a later request
stands for the value stored under its key.
Learner code is only ever given copies of the values a request holds or names.

Started as ``python -I -c <bootstrap> zygote CONTROL_FD`` it is a zygote instead
(autograder.zygote is the parent's side): it does the imports once, takes the values to
store, then forks one worker per request, handing it the pipes and the output file that
came with the request. A batch thus pays Python's and numpy's start-up once per grading
process instead of once per submission, and each submission still gets a process of its
own that has run no other learner's code.

Replies: {"ok": True, ...} or {"ok": False, "error": {"type", "message", ...}}; both echo
the request's "id". No exception of learner code, BaseException included, ends the loop.

Nothing here decides a verdict: learner code can patch numpy or this module, and all it
changes is what comes back, which the parent judges on the decoded data.

Keep this module small: it imports numpy and the standard library, plus autograder.wire,
autograder.testfunctions, autograder.sandbox, autograder.outbox and autograder.launch, and
nothing else of the package.
"""
from __future__ import annotations

import ast
import copy
import errno
import gc
import os
import shutil
import socket
import sys
import time
import types
import warnings
from typing import Any

import numpy as np

from autograder import kernel, sandbox, testfunctions, wire
from autograder.launch import die_with_parent, kill_worker
from autograder.outbox import Outbox

MESSAGE_LIMIT = 2000
WARNING_LIMIT = 5
_FORK_FDS = 3  # request pipe, response pipe, output file
_WAIT_STEP = 0.005

# Values stored by "store" requests (or inherited from the zygote), by key.
_STORE: dict[str, Any] = {}


class _Refused(Exception):
    """A request the worker cannot act on: a malformed request or a module not loaded."""

    def __init__(self, message: str, kind: str = "BadRequest"):
        super().__init__(message)
        self.kind = kind


def main(argv: list[str] | None = None) -> None:
    """Serve requests until the request pipe closes (or forks, as a zygote)."""
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "zygote":
        serve_forks(socket.socket(fileno=int(argv[1])))
        os._exit(0)  # nothing to tidy up: the parent waiting for it need not wait for numpy's teardown
    serve(int(argv[0]), int(argv[1]), sandbox.Settings.from_argument(argv[2]) if len(argv) > 2 else None)


def serve(request_fd: int, response_fd: int, settings: sandbox.Settings | None) -> None:
    """Confine this process as settings say, then answer requests until the pipe closes.
    A worker that settings require to be confined by the kernel, and is not, answers every
    request with an "Unconfined" error and runs no learner code."""
    _line_buffer_output()
    modules: dict[str, types.ModuleType] = {}
    isolation, refusal = "none", None
    try:
        with os.fdopen(request_fd, "rb") as requests:
            replies = Outbox(response_fd, before_sending=_flush_output)
            if settings is not None:  # last, after every import of the worker's own
                try:
                    isolation = sandbox.confine(settings)
                except kernel.KernelError as exc:
                    refusal = f"the kernel could not confine the worker ({exc})"
            for line in requests:
                answer(line, modules, replies, isolation, refusal)
                replies.end_request()
    except BrokenPipeError:  # the parent has gone away
        pass


def answer(line: bytes, modules: dict[str, types.ModuleType], replies: Outbox, isolation: str = "none",
           refusal: str | None = None) -> None:
    """Put the replies to one request line: one reply, or for "calls" one per call, with
    its "index". A failure of the request as a whole has no index: it answers every call
    not answered yet. A ping's reply says how this worker is confined."""
    request_id = None
    try:
        data = wire.parse(line)
        if type(data) is not dict:
            raise _Refused("a request must be a dict")
        request_id = data.get("id")  # read before decoding, so that a failure answers this request
        if refusal is not None:
            raise _Refused(refusal, "Unconfined")
        request = wire.decode(data, functions=testfunctions.build, stored=_stored_value)
        if type(request) is not dict:
            raise _Refused("a request must be a dict")
        if request.get("op") in _IN_TURN:
            _IN_TURN[request["op"]](request, request_id, modules, replies)
            return
        reply = {"ok": True, "isolation": isolation} if request.get("op") == "ping" else handle(request, modules)
    except _Refused as exc:
        reply = _error(exc.kind, str(exc))
    except Exception as exc:  # noqa: BLE001 -- a bad request must not end the worker
        reply = _error("BadRequest", f"{type(exc).__name__}: {_text(exc)}")
    reply["id"] = request_id
    replies.put(_serialize(reply))


def handle(request: dict, modules: dict[str, types.ModuleType]) -> dict:
    """The reply to one decoded request, as a dict."""
    handler = _HANDLERS.get(request.get("op"))
    if handler is None:
        raise _Refused(f"unknown op {request.get('op')!r}")
    return handler(request, modules)


# -------------------------------------------------------------------------------- ops

def _store(request: dict, modules: dict) -> dict:
    values = _field(request, "values", dict)
    if not all(type(key) is str for key in values):
        raise _Refused("stored values need str keys")
    _STORE.update(values)
    return {"ok": True}


def _stored_value(key: str) -> Any:
    """The value stored under key. Learner code is only ever given copies of it (_run)."""
    if key not in _STORE:
        raise _Refused(f"no value is stored under {key!r}", "MissingStored")
    return _STORE[key]


def _loads(request: dict, request_id: Any, modules: dict, replies: Outbox) -> None:
    """Load the modules of a "loads" request in turn, [name, source, filename] each, and
    [..., cells] for a notebook, and put each one's reply (its public names, and the
    statements skipped) as it is loaded, as _calls does."""
    entries = _field(request, "modules", list)
    for entry in entries:  # all checked before any is loaded
        if not (type(entry) is list and len(entry) in (3, 4) and all(type(item) is str for item in entry[:3])
                and (len(entry) == 3 or type(entry[3]) is list and all(type(n) is int for n in entry[3]))):
            raise _Refused("each module must be [name, source, filename] or [name, source, filename, cells]")
    each = request.get("each") is True
    for index, entry in enumerate(entries):
        _answer_in_turn(replies, request_id, index, each, _load, modules, *entry)


def _answer_in_turn(replies: Outbox, request_id: Any, index: int, each: bool, function, *args) -> None:
    """function(*args) as the index-th of a "loads" or "calls" request, its reply put with
    its index (see autograder.outbox for when it is sent)."""
    reply, announced = replies.call(request_id, index, function, *args, each=each)
    replies.put(_serialize({**reply, "id": request_id, "index": index}), at_once=each or announced)


def _load(modules: dict, name: str, source: str, filename: str, cells: list | None = None) -> dict:
    """Execute source as a fresh module. A notebook's (cells: the line each cell starts at)
    runs as Jupyter runs it: a statement that raises is skipped, and the rest still run."""
    modules.pop(name, None)
    module = types.ModuleType(name)
    module.__file__ = filename
    sys.modules[name] = module
    skipped = []
    try:
        if cells is None:
            exec(compile(source, filename, "exec"), module.__dict__)
        else:
            skipped = _run_cells(source, cells, filename, module.__dict__)
    except BaseException as exc:  # noqa: BLE001 -- SystemExit at top level is the learner's too
        if sys.modules.get(name) is module:
            del sys.modules[name]
        return _failure(exc, filename)
    modules[name] = module
    names = [n for n in list(vars(module)) if type(n) is str and not n.startswith("_")]
    return {"ok": True, "names": names, "skipped": skipped}


def _run_cells(source: str, cells: list, filename: str, namespace: dict) -> list:
    """Run each cell's statements in turn; the errors of those that raised."""
    lines = source.splitlines(keepends=True)
    bounds = sorted(set(cells)) + [len(lines) + 1]
    skipped = []
    for first, end in zip(bounds, bounds[1:]):
        padded = "\n" * (first - 1) + "".join(lines[first - 1:end - 1])  # line numbers as in source
        try:
            statements = ast.parse(padded, filename).body
        except BaseException as exc:  # noqa: BLE001 -- a syntax error skips its cell, as in Jupyter
            skipped.append(_failure(exc, filename)["error"])
            continue
        for statement in statements:
            try:
                exec(compile(ast.Module([statement], []), filename, "exec"), namespace)
            except BaseException as exc:  # noqa: BLE001 -- Jupyter goes on after SystemExit too
                skipped.append(_failure(exc, filename)["error"])
    return skipped


def _get(request: dict, modules: dict) -> dict:
    module = _module(request, modules)
    name = _field(request, "name", str)
    namespace = vars(module)
    if name not in namespace:
        return _error("MissingName", f"{module.__name__} has no name {name!r}")
    return {"ok": True, "result": namespace[name]}


def _calls(request: dict, request_id: Any, modules: dict, replies: Outbox) -> None:
    """Make the calls of a "calls" request in turn, [module, function name, args, kwargs]
    each, and put each one's reply as it returns; with "each", every reply is sent at once
    (see autograder.outbox)."""
    calls = _field(request, "calls", list)
    for call in calls:  # all checked before any is made
        if not (type(call) is list and len(call) == 4 and type(call[0]) is str and type(call[1]) is str
                and type(call[2]) is list and type(call[3]) is dict and all(type(key) is str for key in call[3])):
            raise _Refused("each call must be [module, function name, args, kwargs with str keys]")
    each = request.get("each") is True
    with warnings.catch_warnings(record=True) as caught:  # one for the request; each call reads its own
        warnings.simplefilter("always")
        for index, (module, name, args, kwargs) in enumerate(calls):
            del caught[:]
            _answer_in_turn(replies, request_id, index, each, _call, modules, module, name, args, kwargs, caught)


def _call(modules: dict, module_name: str, name: str, args: list, kwargs: dict, caught: list) -> dict:
    module = modules.get(module_name)
    if module is None:
        return _error("MissingModule", f"module {module_name!r} is not loaded")
    function = vars(module).get(name)
    if function is None and name not in vars(module):
        return _error("MissingFunction", f"{module.__name__} has no function {name!r}")
    if not callable(function):
        return _error("NotCallable", f"{module.__name__}.{name} is a {type(function).__name__}, not a function")
    return _run(function, args, kwargs, module.__file__, caught)


def _run(function, args: list, kwargs: dict, filename: str, caught: list) -> dict:
    """Call function on copies of args and kwargs, which stay as they came (or were stored)
    to tell whether the call changed its arguments in place; caught records its warnings."""
    given_args, given_kwargs = _fresh(args), _fresh(kwargs)
    start = time.perf_counter()
    try:
        result = function(*given_args, **given_kwargs)
    except BaseException as exc:  # noqa: BLE001 -- report SystemExit, KeyboardInterrupt too
        reply = _failure(exc, filename)
    else:
        reply = {"ok": True, "result": result, "seconds": time.perf_counter() - start}
    messages = [_warning_text(w) for w in caught[:WARNING_LIMIT]]
    mutated = _mutated(given_args, args) + _mutated(given_kwargs, kwargs)
    if reply["ok"]:
        reply.update(mutated=mutated, warnings=messages)
    else:
        reply["error"]["mutated"] = mutated
    return reply


_HANDLERS = {"get": _get, "store": _store}
_IN_TURN = {"loads": _loads, "calls": _calls}  # a reply line for each module, or call, in turn


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

def _fresh(value: Any) -> Any:
    """A deep copy; arrays, lists, tuples and dicts copied directly, which is much faster."""
    kind = type(value)
    if kind is np.ndarray:
        return value.copy()
    if kind in _IMMUTABLE:
        return value
    if kind is list:
        return [_fresh(item) for item in value]
    if kind is tuple:
        return tuple(_fresh(item) for item in value)
    if kind is dict:
        return {key: _fresh(item) for key, item in value.items()}
    return copy.deepcopy(value)


_IMMUTABLE = frozenset({type(None), bool, int, float, str})


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
    return after.tobytes() != before.tobytes()  # bit for bit: nan stays equal to itself


# ---------------------------------------------------------------------------- zygote

def serve_forks(control: socket.socket) -> None:
    """The zygote's loop: one JSON line per request on the control socket, one reply line.

    {"op": "store", "values"} keeps values for the workers forked after it;
    {"op": "fork", "settings"}, sent with three descriptors (request pipe, response pipe,
    output file), forks a worker on them and replies its pid; {"op": "wait", "pid",
    "timeout"} reaps one of its workers and replies its status as subprocess gives it
    (negative for a signal), or None if it still runs; {"op": "end", "pid"} kills a worker
    and replies at once: the zygote reaps it and removes its folder once it has ended, so
    that the parent moves on to the next submission meanwhile. The loop ends when the
    parent closes the socket, after the ending workers are reaped and their folders gone.
    Nothing here runs learner code: only the forked workers do.
    """
    children: dict[int, str] = {}  # pid: the folder it was given
    ending: set[int] = set()
    kernel.own_pid_namespace()  # where the kernel allows it: the workers see nothing outside
    for message, fds in _control_messages(control):
        try:
            reply = _zygote_request(control, message, fds, children, ending)
        except Exception as exc:  # noqa: BLE001 -- the parent's mistake: say so, go on
            reply = _error("BadRequest", f"{type(exc).__name__}: {_text(exc)}")
        finally:
            for fd in fds:
                os.close(fd)
        control.sendall(wire.dumps(reply))
        _sweep(children, ending, timeout=0.0)
    _sweep(children, ending, timeout=None)


def _zygote_request(control: socket.socket, message: Any, fds: list, children: dict, ending: set) -> dict:
    op = message.get("op") if type(message) is dict else None
    if op == "store":
        return _store(message, {})
    if op == "fork":
        if len(fds) != _FORK_FDS:
            raise _Refused(f"a fork needs {_FORK_FDS} descriptors, not {len(fds)}")
        settings = sandbox.Settings.from_argument(_field(message, "settings", str))
        kernel.prepare(sandbox.excluded(settings))  # once: what every worker's confinement needs
        gc.freeze()  # the collector of a forked worker leaves the zygote's objects alone,
        zygote, pid = os.getpid(), os.fork()  # so that their pages stay shared instead of being copied
        if pid == 0:
            _forked_worker(control, fds, settings, zygote)  # never returns
        children[pid] = settings.folder
        return {"ok": True, "pid": pid}
    if op in ("wait", "end"):
        pid = _field(message, "pid", int)
        if pid not in children or pid in ending:
            raise _Refused(f"{pid} is not a running worker of this zygote")
        if op == "end":
            kill_worker(pid)
            ending.add(pid)
            return {"ok": True}
        timeout = message.get("timeout")
        status = _reap(pid, timeout if type(timeout) in (int, float) else None)
        if status is not None:
            del children[pid]
        return {"ok": True, "status": status}
    raise _Refused(f"unknown op {op!r}")


def _sweep(children: dict, ending: set, timeout: float | None) -> None:
    """Reap the ending workers that have ended (timeout 0) or all of them (None), and
    remove their folders: only now can nothing they started still write there."""
    for pid in list(ending):
        if _reap(pid, timeout) is not None:
            ending.discard(pid)
            shutil.rmtree(children.pop(pid), ignore_errors=True)


def _forked_worker(control: socket.socket, fds: list, settings: sandbox.Settings, zygote: int) -> None:
    """In the child of a fork: become a worker on the descriptors given, then exit."""
    status = 0
    try:
        die_with_parent(zygote)
        control.close()  # learner code must not reach the zygote
        os.setsid()  # its own process group, which the parent kills as a whole
        request_fd, response_fd, output_fd = fds
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.close(null)
        for target in (1, 2):
            os.dup2(output_fd, target)
        os.close(output_fd)
        serve(request_fd, response_fd, settings)
    except BaseException:  # noqa: BLE001 -- never fall back into the zygote's loop
        status = 1
    finally:
        _flush_output()
        os._exit(status)


def _reap(pid: int, timeout: float | None) -> int | None:
    """pid's exit status once it has ended, waiting at most timeout (None: no limit)."""
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        done, status = os.waitpid(pid, os.WNOHANG if deadline is not None else 0)
        if done:
            return os.waitstatus_to_exitcode(status)
        if time.monotonic() >= deadline:
            return None
        time.sleep(_WAIT_STEP)


def _control_messages(control: socket.socket):
    """(decoded line, descriptors that came with it) for each line the parent sends."""
    buffer, fds = bytearray(), []
    while True:
        while b"\n" not in buffer:
            data, received, _, _ = socket.recv_fds(control, 1 << 16, _FORK_FDS)
            fds += received
            if not data:
                for fd in fds:
                    os.close(fd)
                return
            buffer += data
        end = buffer.index(b"\n") + 1
        line, buffer = bytes(buffer[:end]), buffer[end:]
        try:
            message = wire.loads(line, functions=testfunctions.build)
        except wire.WireError as exc:
            message = {"op": "invalid", "why": str(exc)}
        yield message, fds
        fds = []


# -------------------------------------------------------------------------- plumbing

def _serialize(reply: dict) -> bytes:
    """The reply as a wire line, or an error line if the learner's value cannot travel."""
    try:
        if "result" in reply:  # the learner's value; the rest is plain JSON the worker made
            skeleton, blob = wire.pack(reply["result"])
            reply = {**reply, "result": skeleton}
            if blob:
                reply["blob"] = wire.blob_text(blob)
        line = wire.line(reply)
    except Exception as exc:  # noqa: BLE001 -- e.g. nesting too deep, an int too long
        return _fallback(reply, "UnencodableResult", f"the result cannot be sent: {_text(exc)}")
    if len(line) > wire.MAX_REPLY_BYTES:
        message = f"the result needs {len(line)} bytes, more than the limit of {wire.MAX_REPLY_BYTES}"
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
