"""Every request and reply between the grading process and its workers, checked by both.

A message is one line of JSON (autograder.execution.wire). Requests to a worker carry an
"id", which each reply echoes:

    ping                                    {"ok", "isolation"}: how the worker is confined
    store   values: {key: value}            {"ok"}: later requests name a value as wire.Stored(key)
    get     module, name                    {"ok", "result"}: a module-level value
    loads   modules: [[name, source, filename(, cells)]]
                                            per module, with its "index": {"ok", "names", "skipped"}
    calls   calls: [[module, function, args, kwargs]]
                                            per call, with its "index": {"ok", "result", "mutated", "seconds"}
    trace   module, function, args, kwargs  {"ok", "result": {"events", "returned", "error"}}: one call
                                            watched line by line (Trace below; `backprop explain`)

The worker sends each reply as soon as its module is loaded or its call returns, so the
grading process times each call by its reply, and knows which call hung or crashed. A
failure is {"ok": false, "error": {"type", "message", "line", "function", "cell", "mutated"}}; one
without an "index" answers every call of its request not answered yet. An "OutputLimit" failure,
or a load skipping a statement for it, ends its request: the output file is full until the grading process cuts it.

Requests to a zygote, one line each on its control socket:

    store   values                          {"ok"}: values every worker forked later holds
    fork    settings (+ 3 descriptors)      {"ok", "pid"}: a worker on those pipes and output file
    wait    pid, timeout                    {"ok", "status"}: its exit status, or null
"""
from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Any

from autograder.execution import wire

MESSAGE_LIMIT = 2000  # characters of an error message made in the worker
NAME_LIMIT = 200  # characters of an error's type (the worker cuts it so too) or function name
OUT_OF_TIME = "the submission's time ran out"  # how a request refused for the submission's time begins
STOPPED = "StatementTimeout"  # the type of a notebook's statement stopped for its time
WORDED = (STOPPED, "OutputLimit", "DiskLimit")  # the worker's own stops: what stopped is said before their message
LISTED_LIMIT = 100  # statements skipped a reply is read with: what a report shows
TRACE_EVENTS = 400  # lines a trace keeps (and its last, at the return): a loop over a small case's entries fits
THEIRS = " (your code's exception)"  # after a learner's exception named as one of the grader's or worker's own
# The error types the grading process gives its own failures (autograder.execution.client);
# the grader, not the learner, is blamed for a worker that did not start.
GRADER_ERRORS = frozenset({"NotStarted", "ReloadFailed", "Timeout", "WorkerExit", "ResultTooLarge"})


class Refused(Exception):
    """A request that the side receiving it cannot act on."""

    def __init__(self, message: str, kind: str = "BadRequest"):
        super().__init__(message)
        self.kind = kind


# ---------------------------------------------------------------------------- requests

def _str_keys(value: Any) -> bool:
    return type(value) is dict and all(type(key) is str for key in value)


def _modules(value: Any) -> bool:
    return type(value) is list and all(
        type(entry) is list and len(entry) in (3, 4) and all(type(item) is str for item in entry[:3])
        and (len(entry) == 3 or type(entry[3]) is list and all(type(n) is int for n in entry[3]))
        for entry in value)


def _calls(value: Any) -> bool:
    return type(value) is list and all(
        type(call) is list and len(call) == 4 and type(call[0]) is str and type(call[1]) is str
        and (type(call[2]) is list or isinstance(call[2], wire.Stored)) and _str_keys(call[3])
        for call in value)


# op: {field: (what its value must be, said in a refusal)}
WORKER_REQUESTS = {
    "ping": {},
    "store": {"values": (_str_keys, "a dict with str keys")},
    "get": {"module": (str, "a str"), "name": (str, "a str")},
    "loads": {"modules": (_modules, "a list of [name, source, filename] or [name, source, filename, cells]")},
    "calls": {"calls": (_calls, "a list of [module, function name, args, kwargs with str keys]")},
    "trace": {"module": (str, "a str"), "function": (str, "a str"),
              "args": (lambda value: type(value) is list or isinstance(value, wire.Stored), "a list or a stored value"),
              "kwargs": (_str_keys, "a dict with str keys")},
}
ZYGOTE_REQUESTS = {
    "store": WORKER_REQUESTS["store"],
    "fork": {"settings": (str, "a str")},
    "wait": {"pid": (int, "an int"),
             "timeout": (lambda value: value is None or type(value) in (int, float), "a number or null")},
}
FORK_DESCRIPTORS = 3  # request pipe, response pipe, output file


def check_request(request: Any, requests: dict = WORKER_REQUESTS) -> str:
    """The op of a request that is one of requests, or Refused saying what is wrong."""
    if type(request) is not dict:
        raise Refused("a request must be a dict")
    op = request.get("op")
    fields = requests.get(op) if type(op) is str else None
    if fields is None:
        raise Refused(f"unknown op {op!r}")
    for name, (valid, said) in fields.items():
        value = request.get(name)
        if not (type(value) is valid if isinstance(valid, type) else valid(value)):
            raise Refused(f"{op}: {name!r} must be {said}")
    return op


# ----------------------------------------------------------------- replies: the worker

def error(kind: str, message: str, **details) -> dict:
    """A failure reply."""
    return {"ok": False, "error": {"type": kind, "message": message, **details}}


def reply_line(reply: dict) -> bytes:
    """The reply as a line, or a failure's line if the learner's value cannot travel."""
    try:
        if "result" in reply:  # the learner's value; the rest is plain JSON the worker made
            reply = {**reply, "result": wire.encode(reply["result"])}
        line = wire.line(reply)
    except BaseException as exc:  # noqa: BLE001 -- e.g. nesting too deep, an int too long, or a SystemExit that a
        # learner's metaclass raised when asked its class's module or name, which must not end the worker
        # a MemoryError says nothing: an array broadcast to terabytes (np.broadcast_to) met it making its bytes
        said = (safe_text(exc) if isinstance(exc, Exception) else "") or f"{type(exc).__name__} making its bytes"
        return _fallback(reply, "UnencodableResult", f"the result cannot be sent: {said}")
    if len(line) > wire.MAX_REPLY_BYTES:
        message = f"the result needs {len(line)} bytes, more than the limit of {wire.MAX_REPLY_BYTES}"
        return _fallback(reply, "ResultTooLarge", message)
    return line


def _fallback(reply: dict, kind: str, message: str) -> bytes:
    failure = error(kind, message, mutated=reply.get("mutated", []))
    return wire.dumps({**failure, **{k: reply[k] for k in ("id", "index") if k in reply}})


def safe_text(exc: BaseException) -> str:
    """str(exc), which learner code defines: cut to MESSAGE_LIMIT, or a placeholder."""
    try:
        text = str(exc)
    except Exception:  # noqa: BLE001 -- a learner's __str__ may do anything
        text = None
    if type(text) is not str:
        return "<the exception could not be printed>"
    return text if len(text) <= MESSAGE_LIMIT else text[: MESSAGE_LIMIT - 3] + "..."


# ---------------------------------------------------------- replies: the grading process

@dataclass(frozen=True)
class CallError:
    """Why a request failed: the learner's exception, or the worker's fate."""

    type: str
    message: str
    line: int | None = None
    function: str | None = None
    cell: int | None = None  # the line of nbconvert's script that ran the %%time cell holding line
    timed_out: bool = False
    crashed: bool = False

    @property
    def out_of_time(self) -> bool:
        """Refused for the submission's time: the grader's words on a timed-out error, which only it makes."""
        return self.timed_out and self.message.startswith(OUT_OF_TIME)

    @property
    def flag(self) -> str:
        """The kind of failure a report flags (one of autograder.attention.KINDS), by what the
        grading process saw (a timeout, a worker gone) or the worker's error type, or "" for a
        learner's own exception, whatever its message says."""
        if self.type == "NotStarted":
            return "grader failed"
        if self.timed_out:
            return "timed out"
        if self.crashed or self.type in ("ResultTooLarge", "SystemExit", "MemoryError"):
            return "stopped"
        return {"PermissionError": "refused by the sandbox", "OutputLimit": "printed or wrote too much",
                "DiskLimit": "printed or wrote too much"}.get(self.type, "")

    def said(self, message: str | None = None, inside: str = "") -> str:
        """What happened, in words that follow a subject ("sigmoid ", "it "): the worker's own stops
        as their message says them ("printed more than ..."), and the grader's as what it did, not by
        our types' names; else "raised TypeError inside f: " and the message (the error's own, or the
        caller's rewording of it)."""
        message = self.message if message is None else message
        if self.type in WORDED:
            return message
        if self.type in GRADER_ERRORS:
            return f"was stopped ({message})"
        if self.type == "BdbQuit":  # the worker's stdin is empty: pdb reads no command, and quits
            # where: the call's own line from Python 3.13, the next line run before it
            return (f"stopped{inside}{',' * bool(inside)} in the debugger that a breakpoint() or pdb.set_trace() "
                    "started; no one can type its commands where your code is checked, so it quit: remove that call, "
                    "on or just above the line where it stopped")
        did = "ran out of memory (MemoryError)" if self.type == "MemoryError" else f"raised {self.type}"
        return f"{did}{inside}" + f": {message}" * bool(message)


@dataclass(frozen=True, eq=False)
class Reply:
    """The outcome of one request, as the grading process reads it. value is the decoded
    result (names, for a load)."""

    ok: bool
    value: Any = None
    error: CallError | None = None
    mutated: tuple = ()  # the arguments a call changed in place: positions, or names
    seconds: float = 0.0
    skipped: tuple = ()  # a notebook's load: the CallError of each statement skipped


def _boundary(parse):
    """parse, raising WireError for whatever a line can make Python raise (a number too
    large for a float, a shape too large for numpy): learner code can write a reply line
    itself, and nothing it sends may make the grading process raise anything else."""

    @functools.wraps(parse)
    def parsed(*args):
        try:
            return parse(*args)
        except wire.WireError:
            raise
        except Exception as exc:  # noqa: BLE001 -- see above
            raise wire.WireError(f"{type(exc).__name__} reading the reply") from None

    return parsed


@_boundary
def parse_reply(line: bytes, request_id: int) -> tuple[Reply, int | None]:
    """The Reply in a worker's reply line, and its index (which entry of a "loads" or
    "calls" request it answers; None for a reply to a whole request), or WireError if it
    is not a line the worker would send."""
    message = wire.parse(line, max_bytes=wire.MAX_REPLY_BYTES, max_items=wire.MAX_REPLY_ITEMS)
    if type(message) is not dict or type(message.get("id")) is not int or message["id"] != request_id:  # not 7.0
        raise wire.WireError("the reply does not answer the request")
    index = message.get("index")
    if index is not None and type(index) is not int:
        raise wire.WireError("'index' is not a number")
    if not _typed(message, "ok", bool):
        error = _typed(message, "error", dict)
        return Reply(False, None, _call_error(error), _mutated(error.get("mutated", []))), index
    seconds = message.get("seconds", 0.0)
    if type(seconds) not in (int, float) or not 0 <= seconds < math.inf:  # NaN compares false
        raise wire.WireError("'seconds' is not a number of seconds, 0 or more")
    details = (_mutated(message.get("mutated", [])), float(seconds))
    if "isolation" in message:
        return Reply(True, _typed(message, "isolation", str)[:200], None, *details), index
    if "names" in message:
        names, skipped = message["names"], message.get("skipped", [])
        if type(names) is not list or not all(type(name) is str for name in names):
            raise wire.WireError("expected a list of strings")
        if type(skipped) is not list or not all(type(error) is dict for error in skipped):
            raise wire.WireError("'skipped' must list errors")
        return Reply(True, tuple(names), None, *details,
                     skipped=tuple(_call_error(error) for error in skipped[:LISTED_LIMIT])), index
    return Reply(True, wire.decode(message.get("result"), max_bytes=wire.MAX_REPLY_BYTES), None, *details), index


@dataclass(frozen=True)
class Trace:
    """One call watched line by line in the worker: events are (line, {name: value}), the
    local variables that line made or changed (the first: the arguments, at the def line),
    in the order the lines ran; then what the call returned, or the error it raised."""

    events: tuple
    returned: Any = None
    error: CallError | None = None
    ended_at: int | None = None  # the line it returned from, or that its error left it from
    cut: bool = False  # the call ran more lines than a trace keeps


@_boundary
def parse_trace(value: Any) -> Trace:
    """The Trace in a trace reply's decoded result, or WireError if it is not one the
    worker would send."""
    if type(value) is not dict or set(value) != {"events", "returned", "error", "ended_at", "cut"}:
        raise wire.WireError("a trace must hold events, returned, error, ended_at and cut")
    events = value["events"]
    if type(events) is not list or not all(
            type(event) is list and len(event) == 2 and type(event[0]) is int and _str_keys(event[1])
            for event in events):
        raise wire.WireError("trace events must be [line, {name: value}] pairs")
    error, ended_at = value["error"], value["ended_at"]
    if not (error is None or type(error) is dict) or not (ended_at is None or type(ended_at) is int):
        raise wire.WireError("a trace's error must be an error or null, ended_at a line or null")
    return Trace(tuple((line, changed) for line, changed in events), value["returned"],
                 None if error is None else _call_error(error), ended_at, bool(value["cut"]))


def zygote_reply(line: bytes, op: str) -> dict:
    """A zygote's reply to op, or WireError if it is not one the zygote would send;
    Refused if the zygote refused."""
    reply = wire.loads(line)
    if type(reply) is not dict or type(reply.get("ok")) is not bool:
        raise wire.WireError("not a reply")
    if not reply["ok"]:
        raise Refused(f"the zygote refused {op!r}: {reply.get('error')}")
    if op == "fork" and not (type(reply.get("pid")) is int and reply["pid"] > 0):
        raise wire.WireError("the zygote did not say which process it forked")
    if op == "wait" and not (reply.get("status") is None or type(reply["status"]) is int):
        raise wire.WireError("the zygote gave a status that is not a number")
    return reply


def _call_error(error: dict) -> CallError:
    line, function, cell = error.get("line"), error.get("function"), error.get("cell")
    if not all(v is None or type(v) is int for v in (line, cell)) or not (function is None or type(function) is str):
        raise wire.WireError("error line or function of the wrong type")
    kind = _typed(error, "type", str)[:NAME_LIMIT]  # cut as the worker cuts it: learner code may write a reply
    if kind in GRADER_ERRORS:  # a learner's class of that name, which must not pass for the grader's failure
        kind += THEIRS
    return CallError(kind, _typed(error, "message", str)[:MESSAGE_LIMIT], line,
                     function if function is None else function[:NAME_LIMIT], cell=cell)


def _typed(message: dict, key: str, kind: type) -> Any:
    value = message.get(key)
    if type(value) is not kind:
        raise wire.WireError(f"{key!r} is not a {kind.__name__}")
    return value


def _mutated(items: Any) -> tuple:
    if type(items) is not list or not all(type(item) in (int, str) for item in items):
        raise wire.WireError("'mutated' must list argument positions and names")
    return tuple(items)
