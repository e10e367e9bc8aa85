"""The worker's side: it runs learner code, and nothing else; the parent judges.

Started by autograder.execution.client as ``python -I -c <bootstrap> REQUEST_FD RESPONSE_FD
SETTINGS``, or forked by a zygote, it confines itself as SETTINGS say once its own imports
are done (autograder.execution.sandbox), then answers the requests on REQUEST_FD, on
RESPONSE_FD, as autograder.execution.protocol says. Started as ``... zygote CONTROL_FD`` it
is a zygote instead (autograder.execution.zygote). stdout and stderr go to a file the parent
chose, so whatever learner code prints never mixes with the protocol. Learner code is only
ever given copies of the values a request holds or names, and none of its exceptions,
BaseException included, ends the loop.

Nothing here decides a verdict: learner code can patch numpy or this module, and all it
changes is what comes back, which the parent judges on the decoded data.

Keep this module small: it imports numpy, the standard library and autograder.execution's
own modules, and nothing else of the package (the kernel keeps the rest unreadable).
"""
from __future__ import annotations

import ast
import builtins
import contextlib
import copy
import difflib
import errno
import faulthandler
import functools
import importlib.machinery
import io
import os
import resource
import signal
import sys
import time
import traceback
import types
import warnings
from typing import Any, NamedTuple, NoReturn

import numpy as np

from autograder.execution import kernel, launch, protocol, sandbox, testfunctions, wire
from autograder.execution.protocol import Refused, check_request, error, reply_line, safe_text


def main() -> None:
    """Serve requests until the request pipe closes (or forks, as a zygote)."""
    argv = sys.argv[1:]
    if argv and argv[0] == "zygote":
        import socket

        from autograder.execution.zygote import serve_forks

        serve_forks(socket.socket(fileno=int(argv[1])))
        os._exit(0)  # nothing to tidy up: its parent need not wait for numpy's teardown
    serve(int(argv[0]), int(argv[1]), sandbox.Settings.from_argument(argv[2]))


def serve(request_fd: int, response_fd: int, settings: sandbox.Settings,
          store: dict | None = None) -> NoReturn:
    """Confine this process as settings say, then answer requests until the pipe closes,
    and exit. A worker that settings require to be confined by the kernel, and is not,
    answers every request with an "Unconfined" error and runs no learner code. store: the
    values a zygote stored before forking this worker, by key."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError):  # no stream, or not a text stream
            stream.reconfigure(line_buffering=True)
    shell = _Shell()  # one a worker, as a kernel has: what %%writefile wrote stays for %run
    builtins.display, builtins.get_ipython = _display, lambda: shell  # as IPython gives every notebook
    # importlib.reload(x) of a module x that a %%writefile cell wrote finds it; not shell itself, every attribute
    # of which is a function, which importlib.metadata calls (numpy.testing's import asks for its distribution)
    sys.meta_path.append(types.SimpleNamespace(find_spec=shell.find_spec))
    _stand_in_ipython(builtins.get_ipython)
    session = _Session({}, store if store is not None else {}, settings.statement_seconds, shell, {})
    isolation, refusal = "none", None
    with contextlib.suppress(BrokenPipeError), os.fdopen(request_fd, "rb") as requests:
        try:  # last, after every import of the worker's own
            isolation = sandbox.confine(settings)
        except kernel.KernelError as exc:
            refusal = f"the kernel could not confine the worker ({exc})"
        for line in requests:  # until the pipe closes, or the parent has gone away
            answer(line, session, response_fd, isolation, refusal)
    flush_output()
    os._exit(0)  # end now, whatever threads learner code left running


class _Session(NamedTuple):
    """What a worker holds between requests: the learner's modules, and stored values."""

    modules: dict  # name: module
    store: dict  # key: a value stored by a "store" request, or by the zygote
    statement_seconds: float | None  # what a notebook's statements outside functions may take
    shell: Any = None  # get_ipython()'s, whose %%writefile modules each file's load forgets
    numpy: dict | None = None  # module name: what its file's top level changed of numpy's names (_changed)

    def stored(self, key: str) -> Any:
        """The value stored under key. Learner code is only ever given copies of it (_call)."""
        if key not in self.store:
            raise Refused(f"no value is stored under {key!r}", "MissingStored")
        return self.store[key]

    def loaded(self, name: str) -> types.ModuleType:
        if name not in self.modules:
            raise Refused(f"module {name!r} is not loaded", "MissingModule")
        return self.modules[name]


def answer(line: bytes, session: _Session, response_fd: int, isolation: str,
           refusal: str | None) -> None:
    """Put the replies to one request line, as autograder.execution.protocol says."""
    request_id = None
    try:
        data = wire.parse(line)
        request_id = data.get("id") if type(data) is dict else None  # a failure answers this request
        if refusal is not None:
            raise Refused(refusal, "Unconfined")
        request = wire.decode(data, functions=testfunctions.build, stored=session.stored)
        op = check_request(request)
        # A checked call, and explain's trace of one: numpy's warnings would fill what the learner is shown they
        # printed, and a file's np.seterr(all="raise"), left from debugging, fail a right exp(-1000)'s underflow to 0
        quiet = op in ("calls", "trace")
        with warnings.catch_warnings() if quiet else contextlib.nullcontext(), \
                np.errstate(all="ignore") if quiet else contextlib.nullcontext():
            if quiet:  # catch_warnings(action=...) is Python 3.11's
                warnings.simplefilter("ignore")
            if op in _IN_TURN:
                field, make = _IN_TURN[op]
                for index, entry in enumerate(request[field]):
                    reply = make(session, *entry)
                    _send(response_fd, reply_line({**reply, "id": request_id, "index": index}))
                    # its file is full (a notebook's statement skipped for it too): the client sends the rest
                    # again once it has cut the file, to this process, which keeps its modules
                    if any(e.get("type") == "OutputLimit" for e in (reply.get("error", {}),
                                                                   *reply.get("skipped", [])[:protocol.LISTED_LIMIT])):
                        return
                return
            reply = {"ok": True, "isolation": isolation} if op == "ping" else _HANDLERS[op](request, session)
    except Refused as exc:
        reply = error(exc.kind, str(exc))
    except Exception as exc:  # noqa: BLE001 -- a bad request must not end the worker
        reply = error("BadRequest", f"{type(exc).__name__}: {safe_text(exc)}")
    reply["id"] = request_id
    _send(response_fd, reply_line(reply))


# -------------------------------------------------------------------------------- ops

def _store(request: dict, session: _Session) -> dict:
    session.store.update(request["values"])
    return {"ok": True}


def _load(session: _Session, name: str, source: str, filename: str, cells: list | None = None) -> dict:
    """Execute source as a fresh module. A notebook's (cells: the line each cell starts at)
    runs cell by cell, statement by statement: one that raises is skipped, and the rest
    still run. Jupyter would stop the cell there; going on is kinder here, where the
    learner's data files and packages are missing (`X = load_dataset()` above a def).
    So is one that runs past its share of seconds (a training loop): it is stopped."""
    session.modules.pop(name, None)
    if session.shell:  # a file another notebook wrote is not this one's: `backprop check ex04` alone has none
        session.shell.forget()
    module = types.ModuleType(name)
    module.__file__ = filename
    sys.modules[name], main = module, sys.modules["__main__"]
    if cells is not None:  # Jupyter runs a notebook as __main__: a def under `if __name__ == "__main__":` is made,
        module.__name__, sys.modules["__main__"] = "__main__", module  # and unittest.main() finds its tests
    sys.argv = [filename]  # `python ex03.py`'s: argparse at the top parses none, not the worker's settings
    skipped, numpy = [], _numpy_names()
    try:
        if cells is None:
            exec(compile(source, filename, "exec"), module.__dict__)
            if _output_full():  # it caught its own flood's OSError: its load fails, not the next file's first print
                raise OSError(errno.EFBIG, "")
        else:
            skipped = _run_cells(source, cells, filename, module.__dict__, session.statement_seconds)
            # the client reads the first LISTED_LIMIT: a flood past them went unseen, and the request went on with
            # the output file full, failing the next file's first print
            flood = next((e for e in skipped[protocol.LISTED_LIMIT - 1:] if e["type"] == "OutputLimit"), None)
            if flood:
                skipped[protocol.LISTED_LIMIT - 1:] = [flood]
    except BaseException as exc:  # noqa: BLE001 -- SystemExit at top level is the learner's too
        if sys.modules.get(name) is module:
            del sys.modules[name]
        # an error raised after catching its own flood's OSError: the flood is its failure, not the next file's
        return _failure(_flood(exc) if cells is None and _output_full() else exc, filename)
    finally:
        sys.modules["__main__"] = main
        # `np.dot = checked_dot` is that file's: in Jupyter each notebook has a kernel, and its own calls alone see it
        session.numpy[name] = _changed(numpy)
        _set_numpy(session.numpy[name], 3)
    session.modules[name] = module
    names = [n for n in list(vars(module)) if type(n) is str and not n.startswith("_")]
    return {"ok": True, "names": names, "skipped": skipped}


_GONE = object()  # a name of numpy's that a file deleted


def _numpy_names() -> list:
    """The namespaces of numpy's public modules (np, np.linalg, np.random...), each with a copy of its names: a
    learner's patch of the private ones (np._core's) is deliberate, and harms their own files only."""
    return [(vars(module), dict(vars(module))) for key, module in list(sys.modules.items()) if type(key) is str
            and (key == "numpy" or key.startswith("numpy.") and "._" not in key) and type(module) is types.ModuleType]


def _changed(before: list) -> list:
    """(namespace, name, its value now, its value before) for each of numpy's names changed since before."""
    return [(space, key, space.get(key, _GONE), value) for space, names in before for key, value in names.items()
            if space.get(key, _GONE) is not value]


def _set_numpy(changes: list, which: int) -> None:
    """Give each name of changes its value now (which: 2) or before (3)."""
    for change in changes:
        space, key, value = change[0], change[1], change[which]
        if value is _GONE:
            space.pop(key, None)
        else:
            space[key] = value


@contextlib.contextmanager
def _numpy_of(session: _Session, name: str):
    """numpy as the module's file's top level left it (np.dot, np.linalg.norm replaced), for a call of its function;
    as it was, after. Not what a call itself changes (np.dot set in a function): noting numpy's names around each
    call cost 0.15 ms a call, 15 ms a part 1 submission of 106 calls, for a habit no learner's file has shown."""
    changes = session.numpy.get(name, [])
    _set_numpy(changes, 2)
    try:
        yield
    finally:
        _set_numpy(changes, 3)


def _run_cells(source: str, cells: list, filename: str, namespace: dict,
               seconds: float | None) -> list:
    """Run each cell's statements in turn; the errors of those that raised. Together they
    may take seconds: a statement still running then is stopped (each has a tenth of
    seconds at least), so that the functions defined after a training loop are graded."""
    deadline = None if seconds is None else time.monotonic() + seconds
    lines = source.split("\n")  # the parent's numbering: not str.splitlines, which also breaks at U+2028
    bounds = sorted(set(cells)) + [len(lines) + 1]
    skipped = []
    for first, end in zip(bounds, bounds[1:]):
        try:  # numbered as in source, its tree moved down: padding each cell with the lines above was quadratic
            statements = ast.increment_lineno(ast.parse("\n".join(lines[first - 1:end - 1]), filename), first - 1).body
        except BaseException as exc:  # noqa: BLE001 -- a syntax error skips its cell, as in Jupyter
            if isinstance(exc, SyntaxError) and exc.lineno:
                exc.lineno += first - 1
            skipped.append(_failure(exc, filename)["error"])
            continue
        streams = sys.stdout, sys.stderr  # a %%capture cell's first statement replaces them until the cell ends
        for statement in statements:
            full = _output_full()
            try:
                _run_stopped_after(compile(ast.Module([statement], []), filename, "exec"), namespace,
                                   None if deadline is None else max(deadline - time.monotonic(), seconds / 10))
                if _output_full() and not full:  # as a .py's: the statement that filled it is skipped, not the next
                    raise OSError(errno.EFBIG, "")  # file's first print
            except BaseException as exc:  # noqa: BLE001 -- Jupyter goes on after SystemExit too
                if isinstance(exc, StatementTimeout) and deadline is None:  # the time of the statement that runs
                    raise  # this module (%%writefile's, an import's) is up: the module's next loop ran unstopped
                failure = _failure(_flood(exc) if _output_full() and not full else exc, filename)["error"]
                if failure["cell"] is None:  # the statement skipped, if a call in it raised; else the %%time cell's line
                    failure["line"] = statement.lineno
                # a statement's own, though Python's compile raised it (Jupyter's top-level await): not a cell's parse
                failure["function"] = failure["function"] or "<module>"
                skipped.append(failure)
        sys.stdout, sys.stderr = streams
    return skipped


class StatementTimeout(BaseException):  # not an Exception: a training loop's `except Exception` lets it by
    """A notebook's statement outside the functions, stopped for taking too long."""


def _run_stopped_after(code: types.CodeType, namespace: dict, seconds: float | None) -> None:
    """Run code, raising StatementTimeout in it if it runs past seconds. Code that keeps the
    signal from Python (a long numpy call) is ended by the parent's clock instead."""
    if seconds is None:
        exec(code, namespace)
        return
    own = sys._getframe().f_code

    def stop(signum, frame):
        if frame.f_code is not own:  # here, the code has ended: the timer fired as it was disarmed (or armed)
            raise StatementTimeout(f"took longer than {seconds:.2g} s and was stopped: when graded, code "
                                   "outside the functions (training, plots) is passed over once it takes long")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        exec(code, namespace)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _get(request: dict, session: _Session) -> dict:
    module = session.loaded(request["module"])
    if request["name"] not in vars(module):
        return error("MissingName", f"{_file(module)} has no name {request['name']!r}")
    return {"ok": True, "result": vars(module)[request["name"]]}


def _file(module) -> str | None:
    """The file module was loaded from, which names a notebook's module (__main__) as the learner
    knows it: read from its namespace, where the learner's code may have deleted it."""
    return vars(module).get("__file__")


def _call(session: _Session, module_name: str, name: str, args: list, kwargs: dict) -> dict:
    """Call the function on copies of args and kwargs, which stay as they came (or were stored)
    to tell whether the call changed its arguments in place."""
    module = session.modules.get(module_name)
    if module is None:
        return error("MissingModule", f"module {module_name!r} is not loaded")
    function = vars(module).get(name)
    # `from dnn_utils import *` gives the course's sigmoid, which is no answer: the learner wrote none
    course = type(function) is types.FunctionType and function.__globals__.get("__course__")
    if function is None and name not in vars(module) or course:
        return error("MissingFunction", f"{_file(module)} has no function {name!r}" + " of its own" * bool(course))
    if not callable(function):
        return error("NotCallable",
                     f"{name} in {_file(module)} is a {type(function).__name__}, not a function")
    given_args, given_kwargs = _fresh(args), _fresh(kwargs)
    start = time.perf_counter()
    try:
        with _numpy_of(session, module_name):
            result = function(*given_args, **given_kwargs)
    except BaseException as exc:  # noqa: BLE001 -- report SystemExit, KeyboardInterrupt too
        reply = _failure(_flood(exc) if _output_full() else exc, _file(module))
    else:
        reply = {"ok": True, "result": result, "seconds": time.perf_counter() - start}
        if _output_full():  # it caught its own flood's OSError: the request stops here, not at the next call's print
            reply = _failure(OSError(errno.EFBIG, ""), _file(module))
    mutated = _mutated(given_args, args) + _mutated(given_kwargs, kwargs)
    (reply if reply["ok"] else reply["error"])["mutated"] = mutated  # a failure's, in its error
    return reply


def _trace(request: dict, session: _Session) -> dict:
    """Call a function as "calls" does, watching its own lines run (protocol.Trace)."""
    module = session.loaded(request["module"])
    function = vars(module).get(request["function"])
    own = _own_def(function, request["function"])  # watched; the call is function's, its decorators' too
    code = getattr(own.func if isinstance(own, functools.partial) else own, "__code__", None)
    if not isinstance(code, types.CodeType):  # np.frompyfunc's ufunc has no lines of its own to follow
        return error("MissingFunction", f"{_file(module)} has no function {request['function']!r}" if function is None
                     else f"in {_file(module)} it is of type {type(function).__name__}, not a def whose lines "
                          "explain can follow")
    if not f"{code.co_filename}:".startswith(f"{_file(module)}:"):  # its %%time cells' are file:line
        return error("MissingFunction", f"it is made by exec() of a string, not a def of {_file(module)} with lines "
                                        "to show" if code.co_filename == "<string>" else
                     f"it is {code.co_filename}'s, imported, not a def of {_file(module)}")
    args, kwargs = _fresh(request["args"]), _fresh(request["kwargs"])
    watcher = _Watcher(code)
    sys.settrace(watcher.call)
    try:
        with _numpy_of(session, request["module"]):
            returned, failed, deeper = function(*args, **kwargs), None, []
    except BaseException as exc:  # noqa: BLE001 -- as a call: the learner's error is the answer
        returned, failed = None, _failure(exc, _file(module))["error"]
        deeper = _raised_deeper(exc, code, watcher.budget)
    finally:
        sys.settrace(None)
    if watcher.entered > 1:  # no one run to show: a decorator applies it to each entry (np.vectorize), or it calls
        # itself on each row from a comprehension (a frame of its own, which the watcher does not follow)
        return error("MissingFunction", f"its decorator calls it {watcher.entered} times in one call (once for each "
                                        "entry?), and explain follows one run of it: remove the decorator to see it"
                     if own is not function else f"it runs {watcher.entered} times in one call, calling itself, and "
                                                 "explain follows one run of it")
    if failed and not watcher.entered and own is not function:  # @lru_cache, which hashes an array: before it ran
        return error("MissingFunction", f"its decorator raised {failed['type']} before it ran: {failed['message']}")
    delegated = next((events if failed else [e for e in events if e[0] != code.co_firstlineno]  # its arguments:
        for result, events, code in reversed(watcher.callees)  # where it raised, not where it made a value
        if failed and code.co_name == failed["function"] or returned is not None and (returned is result or (
        type(returned) is tuple and type(result) in (tuple, list) and returned != ()  # a, b = NN.f(X); return a, b
        and all(any(r is item for item in result) for r in returned)))), deeper)  # never a learner's type iterated
    return {"ok": True, "result": {"events": watcher.events + delegated, "returned": _shown(returned, [TRACE_BYTES]),
                                   "error": failed, "ended_at": watcher.ended_at, "cut": watcher.cut}}


def _own_def(function, name: str):
    """The learner's own def of name beneath its decorators (@timer with or without functools.wraps, a class
    with __call__, a cache), whose lines a trace shows, not the wrapper's: found through closures' cells and
    attributes (__wrapped__, self.func), a few dozen objects at most; else function (a lambda, a partial)."""
    todo = [function]
    for item in todo:  # grows as it goes, up to 64
        code = getattr(item, "__code__", None)
        if isinstance(code, types.CodeType) and code.co_name == name:
            return item
        with contextlib.suppress(Exception):  # a learner's object may refuse to be looked into; an empty cell raises
            found = [cell.cell_contents for cell in getattr(item, "__closure__", None) or ()]
            todo += [value for value in found + list(vars(item).values()) if callable(value)][:64 - len(todo)]
    return function


def _raised_deeper(exc: BaseException, code, budget: list) -> list:
    """Events of the function of the learner's file that raised exc two calls or more below code,
    where no watcher follows: its arguments at its def line, its other variables at the line that raised."""
    frames = [(frame, line) for frame, line in traceback.walk_tb(exc.__traceback__)
              if frame.f_code.co_filename == code.co_filename and frame.f_code.co_name[0] != "<"]
    if len(frames) < 3 or frames[0][0].f_code is not code:  # it raised in code, or in a callee watched
        return []
    (frame, line), inner = frames[-1], frames[-1][0].f_code
    given = inner.co_varnames[:inner.co_argcount + inner.co_kwonlyargcount]
    shown = {name: _shown(value, budget) for name, value in frame.f_locals.items()}
    return [[inner.co_firstlineno, {n: v for n, v in shown.items() if n in given}],
            [line, {n: v for n, v in shown.items() if n not in given}]]


TRACE_BYTES = 4 * 2**20  # of arrays a trace keeps; larger ones go as their type and shape


class _Watcher:
    """sys.settrace's function for one code object: after each of its lines, the locals
    that line made or changed; and so, one call deep, for the functions of the learner's
    file it calls: _trace keeps the one whose result it returns (NN.costFunctionPrime), whole or unpacked."""

    def __init__(self, code):
        self.code, self.events, self.cut, self.callees = code, [], False, []  # callees: (result, events, code)
        self.ended_at = None  # the line it returned from, or that an error left it from
        self.frames, self.budget = {}, [TRACE_BYTES]  # a watched frame: [its line that ran, its locals seen, events]
        self.entered = 0  # calls of code from outside it

    def call(self, frame, event, arg):
        own = frame.f_code is self.code
        if not own and not (frame.f_back in self.frames and frame.f_back.f_code is self.code and frame.f_code.co_name[0]
                            != "<" and frame.f_code.co_filename == self.code.co_filename):
            return None  # other functions run untraced: numpy's, and the learner's helpers' helpers
        self.entered += own and frame.f_back not in self.frames  # not a recursive call
        self.frames[frame] = [frame.f_code.co_firstlineno, {}, self.events if own else []]
        self._record(frame)  # the arguments, at the def line
        return self.local

    def local(self, frame, event, arg):
        if event in ("line", "return"):
            self._record(frame, event == "return" and not (frame.f_code is self.code and frame.f_back in self.frames))
            self.frames[frame][0] = frame.f_lineno
        if event == "return" and frame.f_code is self.code:
            self.ended_at = frame.f_lineno
        elif event == "return":
            self.callees.append((arg, self.frames[frame][2], frame.f_code))
        return self.local

    def _record(self, frame, last=False) -> None:
        line, seen, events = self.frames[frame]
        if len(events) >= protocol.TRACE_EVENTS and not last:  # past the cut, the return tells what changed (not a recursive call's)
            self.cut = True
            return
        changed = {}
        for name, value in list(frame.f_locals.items()):
            if name in seen and not _differs(value, seen[name]):
                continue
            try:
                seen[name] = _fresh(value)
            except Exception:  # noqa: BLE001 -- a learner object that will not be copied
                seen[name] = value
            changed[name] = _shown(value, self.budget)
        if changed:
            events.append([line, changed])


def _shown(value: Any, budget: list, depth: int = 0) -> Any:
    """value as a trace sends it: small arrays copied, a large one (or past the budget) as
    its type and shape, containers a few levels deep; wire sends other objects as their type."""
    kind = type(value)
    if kind is np.ndarray:
        if value.nbytes > budget[0]:
            return wire.Unsupported(f"ndarray of shape {value.shape}")
        budget[0] -= value.nbytes
        return value.copy()
    if depth < 3 and kind in (list, tuple):
        if len(value) > 64:  # its first 64 items would be said to be all of it
            return wire.Unsupported(f"{kind.__name__} of length {len(value)}")
        return kind(_shown(item, budget, depth + 1) for item in value)
    if depth < 3 and kind is dict:
        return {key: _shown(item, budget, depth + 1) for key, item in list(value.items())[:64]}
    if kind is str:
        return value[:200]
    if kind in wire.PLAIN or isinstance(value, np.generic):
        return value
    return wire.Unsupported(type(value).__name__)


_HANDLERS = {"get": _get, "store": _store, "trace": _trace}
_IN_TURN = {"loads": ("modules", _load), "calls": ("calls", _call)}  # a reply line for each entry, sent as it is made


class _Shell:
    """What get_ipython() gives learner code in the worker, and IPython.display's other names
    (Markdown, HTML, Image) make: every magic, shell line and method of it (nbconvert's scripts
    call run_line_magic) does nothing, and display() shows it as nothing, but the body of a
    %%time or %%capture cell, which nbconvert's script passes to run_cell_magic, runs,
    a %%writefile x.py cell's is module x, which the next cells import, and %run x.py runs
    what %%writefile wrote to x.py."""

    def __init__(self, *args, **kwargs):  # Markdown("**dW**")
        self.written, self.modules = {}, set()  # name: the text %%writefile wrote to name.py; what sys.modules got
        self.loader = types.SimpleNamespace(create_module=lambda spec: None, exec_module=self.exec_module)

    def __getattr__(self, name):
        return lambda *args, **kwargs: None

    def run_cell_magic(self, magic, line, cell):
        if magic in ("time", "capture"):  # the cell named file:line, its errors placed in it and its functions apart
            caller = sys._getframe(1)
            if magic == "capture":  # %%capture [--no-stdout] [--no-stderr] [cap], in any order
                captured, words = _Captured(), line.split()
                for name in [word for word in words if word[0] != "-"][:1]:
                    caller.f_globals[name] = captured  # bound even if the cell fails, as in IPython
                # what the cell prints: kept out of the report until it ends (_run_cells), as out of Jupyter's page
                sys.stdout = sys.stdout if "--no-stdout" in words else captured
                sys.stderr = sys.stderr if "--no-stderr" in words else captured
            exec(compile(cell, f"{caller.f_code.co_filename}:{caller.f_lineno}", "exec"), caller.f_globals)  # noqa: S102
        *options, path = line.replace("'", " ").replace('"', " ").split() or [""]  # [-a | --append] [dir/]acts.py
        folders, _, name = path.removeprefix("./").rpartition("/")
        name = name.removesuffix(".py") if name.endswith(".py") else ""
        appended = bool({"-a", "--append"} & set(options))
        if magic == "writefile" and name.isidentifier():  # the file, for %run; appended to, or anew (and last: text)
            key = path.removeprefix("./").removesuffix(".py")
            self.written[key] = self.written.pop(key, "") * appended + cell + "\n"
        package = name == "__init__" and bool(folders)  # pkg/__init__.py: package pkg's own code, run into pkg
        folders, _, name = folders.rpartition("/") if package else (folders, "", name)
        file = f"{name}/__init__.py" if package else f"{name}.py"
        if magic == "writefile" and name.isidentifier() and name not in launch.STDLIB:  # Jupyter: Python's module first
            module = sys.modules.get(name)  # appended to; or written again, the notebook's `import x` bound: run in
            bound = module is not None and any(value is module for value in sys._getframe(1).f_globals.values())
            module = module if appended or bound or package and name in self.modules else None  # as reload(x) runs it
            sys.modules[name] = module = module or types.ModuleType(name)
            if package:
                module.__path__ = getattr(module, "__path__", [])
            vars(module).pop("__course__", None)  # dnn_utils.py written over: its defs are the learner's, graded
            packages = _in_packages(folders, module)
            self.modules |= {name, *packages}
            for key in packages or [name]:  # for find_spec: src a package; a/helpers.py as a.helpers, which
                # importlib.reload finds once b/helpers.py is helpers
                sys.modules[key].__spec__ = sys.modules[key].__spec__ or self.find_spec(key)
            _stopped(_run_cells(cell, [1], file, module.__dict__, None), f"the module {file}")

    def forget(self):
        """No module written, as before the file's first cell: the written ones and their packages leave sys.modules."""
        for name in self.modules:
            spec = getattr(sys.modules.get(name), "__spec__", False)
            if spec is None or getattr(spec, "loader", None) is self.loader:  # ours, not a module Python imported
                del sys.modules[name]
        self.written, self.modules = {}, set()

    def find_spec(self, name, path=None, target=None):
        """On sys.meta_path, after Python's finders: a module a %%writefile cell wrote, for importlib.reload (src/x.py
        as src.x too, src a package) and an import after `del sys.modules["src.x"]`."""
        if self.text(name) is not None and name.rpartition(".")[2] not in launch.STDLIB:
            return importlib.machinery.ModuleSpec(name, self.loader)
        return importlib.machinery.ModuleSpec(name, self.loader, is_package=True) if name in self.modules else None

    def exec_module(self, module):
        name = module.__name__.rpartition(".")[2]
        if (text := self.text(module.__name__)) is not None:  # not a package's folder
            _stopped(_run_cells(text, [1], f"{name}.py", vars(module), None), f"the module {name}.py")

    def text(self, name: str):
        """What %%writefile wrote to a module (src.x) or a path (src/x, no .py): that file's, else the last written
        of the file name (x, which `import x` finds after sys.path.append("src")); None if none was."""
        key = name.replace(".", "/")
        same = [text for path, text in self.written.items() if path.rpartition("/")[2] == key.rpartition("/")[2]]
        return self.written.get(key, same[-1] if same else None)

    def run_line_magic(self, magic, line, namespace=None):
        """%run [-i] x.py, namespace the notebook's globals() (submission._python_line writes the call):
        the code a %%writefile x.py cell wrote, run now as IPython runs a file (-i: in namespace, else in
        a namespace of its own whose names namespace then gets); else module x's names (dnn_utils').
        %time x = f() (a kernel's one-line cell as IPython translated it, or nbconvert's) runs x = f(); %store -r x
        of an x not set raises, saying why."""
        if magic.startswith("%"):  # a cell magic below its cell's first line, which IPython stops the cell at
            raise type("UsageError", (Exception,), {})(
                f"Line magic function `%{magic}` not found: a cell magic works only on the first line of its cell, "
                "with no comment above it, and Jupyter stopped this cell here")
        unset = [name for name in line.split()[1:] if name not in namespace] if magic == "store" and namespace else []
        if unset:  # `%store -r W b` (submission._python_line writes the call), of names no cell above it set
            raise type("UsageError", (Exception,), {})(
                f"%store -r restores {' and '.join(unset)} from IPython's database on your computer, which is not "
                f"where your code is checked: set {'it' if len(unset) == 1 else 'them'} in a cell of the notebook")
        if magic == "time":
            caller = sys._getframe(1)
            code = compile(line, f"{caller.f_code.co_filename}:{caller.f_lineno}", "exec")
            exec(code, caller.f_globals)  # noqa: S102
        if magic == "reset" and namespace is None and {w.replace("s", "") for w in line.split()} - {"-"} == {"-f"}:
            namespace = sys._getframe(1).f_globals  # nbconvert's `%reset -f` in a .py: its caller's names
        if magic == "reset" and namespace is not None:  # %reset -f: the names the cells above set, as IPython's
            for name in [n for n in namespace if not (type(n) is str and n.startswith("__"))]:
                del namespace[name]
        if magic != "run" or namespace is None:  # nbconvert's other line magics: %matplotlib inline
            return
        *options, path = line.split()
        name = path.removesuffix(".py").rpartition("/")[2]
        written = self.text(path.removeprefix("./").removesuffix(".py"))
        if written is not None and "-i" in options:
            _stopped(_run_cells(written, [1], path, namespace, None), f"%run {path}")
        elif written is not None:
            ran = {"__name__": "__main__"}
            skipped = _run_cells(written, [1], path, ran, None)
            namespace.update({key: value for key, value in ran.items() if not key.startswith("__")})
            _stopped(skipped, f"%run {path}")
        elif name in launch.STDLIB or name.endswith(".ipynb"):  # `from test import *` would import Python's own
            raise ModuleNotFoundError(f"No module named '{name.removesuffix('.ipynb')}'")  # tests; a notebook, none
        else:
            exec(f"from {name} import *", namespace)  # noqa: S102


class _Captured(io.TextIOBase):
    """What `%%capture cap` binds cap to, as IPython's CapturedIO, and sys.stdout and sys.stderr in its cell:
    what the cell prints is dropped, not kept."""
    stdout = stderr = ""
    outputs = ()  # not a list every instance would share

    def write(self, text):
        return len(text)

    def __str__(self):
        return ""

    def show(self):
        pass

    __call__ = show


def _stopped(skipped: list, what: str) -> None:
    """Raise the first error of a file that %%writefile wrote and the worker ran, to be told where
    the notebook ran it, as IPython shows its traceback there; not an import of a module the checks
    lack (matplotlib), which the notebook may use."""
    failed = next((e for e in skipped if e["type"] != "ModuleNotFoundError"), None)
    if not failed:
        return
    if failed["type"] in ("OutputLimit", "DiskLimit"):  # the worker's own stop, raised as it raises one: a class so
        # named was "your code's exception", and a full output file went unseen, failing the next file's prints
        raise OSError(errno.EFBIG if failed["type"] == "OutputLimit" else errno.ENOSPC, "")
    raise type(failed["type"], (Exception,), {})(
        f"{what} stopped at line {failed['line']} of {what.split()[-1]}: {failed['message']}")


def _in_packages(folders: str, module: types.ModuleType) -> list:
    """A module written to src/acts.py, importable as acts (after sys.path.append("src")), as src.acts too,
    its folders packages; not one written to /content/acts.py (Colab's folder), which is acts alone."""
    parts = [*folders.split("/"), module.__name__] if folders else []
    if not parts or not all(part.isidentifier() for part in parts):  # not sys.modules[""]
        return []
    sys.modules[".".join(parts)] = module
    for depth in range(len(parts) - 1, 0, -1):  # src.acts before src
        package = sys.modules.setdefault(".".join(parts[:depth]), types.ModuleType(".".join(parts[:depth])))
        package.__path__ = getattr(package, "__path__", [])
        setattr(package, parts[depth], sys.modules[".".join(parts[:depth + 1])])
    return [".".join(parts[:depth]) for depth in range(1, len(parts) + 1)]  # the keys of sys.modules it set


def _display(*objects, **options) -> None:
    """IPython's display(), as text: learner code calls it to look at a value."""
    for value in objects:
        if not isinstance(value, _Shell):
            print(repr(value))


def _unshown(name: str):
    if name.startswith("__"):  # __file__, __all__: what a module may lack
        raise AttributeError(name)
    return _Shell


def _stand_in_ipython(get_ipython) -> None:
    """IPython's modules that notebooks import display from, which the worker cannot read:
    display and get_ipython are the worker's, every other name _Shell."""
    for name in ("IPython", "IPython.core", "IPython.display", "IPython.core.display"):
        module = sys.modules[name] = types.ModuleType(name)
        module.display, module.get_ipython, module.__path__, module.__getattr__ = _display, get_ipython, [], _unshown
        parent, _, child = name.rpartition(".")
        if parent:
            setattr(sys.modules[parent], child, module)


# ---------------------------------------------------------------------------- errors

def _failure(exc: BaseException, filename: str) -> dict:
    """The error reply for an exception raised by learner code in filename."""
    line, function, cell = _learner_frame(exc, filename)
    try:  # a learner's metaclass may make even its class's name raise, or not a str
        kind = type(exc).__name__  # the worker's own by type, not by name: a learner's class may say it is bdb's
        ours = type(exc) in (StatementTimeout, getattr(sys.modules.get("bdb"), "BdbQuit", None))
    except Exception:  # noqa: BLE001
        kind, ours = None, False
    kind = kind[:protocol.NAME_LIMIT] if type(kind) is str else "BaseException"
    if kind in (*protocol.WORDED, "BdbQuit") and not ours:  # a learner's class so named: not a stop of the worker's
        kind += protocol.THEIRS
    message = safe_text(exc)
    if isinstance(exc, SyntaxError) and type(exc.msg) is str:  # not str(exc): it adds the line of the text run,
        message = exc.msg[:protocol.MESSAGE_LIMIT]  # which for a notebook is not the learner's; line says theirs
    with contextlib.suppress(Exception):  # a learner's exception class may lie about itself
        kind, message = _explain_limit(exc, kind, _suggested(exc, message))
    return error(kind, message, line=line, function=function, cell=cell)


def _suggested(exc: BaseException, message: str) -> str:
    """message with "Did you mean: 'sigmoid'?" for a misspelt name, as Python's traceback says
    from 3.12 on and str(exc) never does; from the names the failing frame's code set or imported (numpy's
    too), or the object's; a builtin only one slip away from a name of four letters or more (pritn, rnage:
    not cap for map), as difflib, looser than Python, took Databricks' spark for super."""
    wrong, builtins = getattr(exc, "name", None), []
    if type(wrong) is not str or len(wrong) >= 100:
        return message
    if isinstance(exc, NameError) and exc.__traceback__:
        frame = list(traceback.walk_tb(exc.__traceback__))[-1][0]
        known = [name for name in (*frame.f_locals, *frame.f_globals) if not name.startswith("__")]
        builtins = [name for name in frame.f_builtins if name[0] != "_"] if len(wrong) > 3 else []
    elif isinstance(exc, AttributeError):
        known = dir(exc.obj)
    else:
        return message
    close = difflib.get_close_matches(wrong, known[:1000], n=1) or [b for b in builtins if _one_slip(wrong, b)]
    return (f"{message}. Did you mean: '{close[0]}'?")[:protocol.MESSAGE_LIMIT] if close else message


def _one_slip(wrong: str, name: str) -> bool:
    """Is wrong name with one letter added, left out or changed, or two adjacent letters swapped?"""
    i = next((i for i, (a, b) in enumerate(zip(wrong, name)) if a != b), min(len(wrong), len(name)))
    swapped = wrong[i + 1:i + 2] + wrong[i:i + 1] + wrong[i + 2:]
    return wrong != name and (wrong[i + 1:] in (name[i + 1:], name[i:]) or wrong[i:] == name[i + 1:]
                              or swapped == name[i:])  # changed, added, left out, swapped


def _explain_limit(exc: BaseException, kind: str, message: str) -> tuple[str, str]:
    """Say so when the exception comes from one of the sandbox's limits."""
    if isinstance(exc, StatementTimeout):
        return protocol.STOPPED, message
    if isinstance(exc, MemoryError):
        limit = sandbox.limit_text("memory")
        said = f"a submission may use {limit} of memory" if limit else "out of memory"
        return kind, f"{message} ({said})" if message else said  # "MemoryError: (a ...)" read as no sentence
    code = exc.errno if isinstance(exc, OSError) and type(exc.errno) is int else None
    if code == errno.EFBIG:  # the output file is full
        return "OutputLimit", (f"printed more than the {sandbox.limit_text('output') or 'amount'} "
                               "a submission may print; its output was cut off")
    limit = sandbox.limit_text("disk") if code == errno.ENOSPC else None  # its folder is full
    if limit:
        return "DiskLimit", f"wrote more than the {limit} a submission may keep in its folder"
    return kind, message


def _learner_frame(exc: BaseException, filename: str) -> tuple:
    """Line, function and %%time cell (the file's line that ran it) of the innermost entry in the learner's file."""
    if isinstance(exc, SyntaxError) and exc.filename == filename:
        return exc.lineno, None, None
    line = function = cell = None
    for frame, number in traceback.walk_tb(exc.__traceback__):
        name = frame.f_code.co_filename
        if name == filename or name.startswith(f"{filename}:"):  # the file, or a %%time cell it ran
            line, function, cell = number, frame.f_code.co_name, name[len(filename) + 1:]
    return line, function, int(cell) if cell and cell.isdecimal() else None


# -------------------------------------------------------------------------- mutation

def _fresh(value: Any) -> Any:
    """A deep copy; arrays, lists, tuples and dicts copied directly, which is much faster."""
    kind = type(value)
    if kind is np.ndarray:
        return value.copy()
    if kind in wire.PLAIN:
        return value
    if kind in (list, tuple):
        return kind(_fresh(item) for item in value)
    if kind is dict:
        return {key: _fresh(item) for key, item in value.items()}
    return copy.deepcopy(value)


def _mutated(after: list | dict, before: list | dict) -> list:
    """The positions (list) or names (dict) whose value differs from its copy."""
    keys = range(len(after)) if type(after) is list else list(after)
    return [key for key in keys if _differs(after[key], before[key])]


def _differs(after: Any, before: Any, depth: int = 0) -> bool:
    try:
        if type(after) is not type(before) or depth > wire.MAX_DEPTH:
            return True
        if type(after) is np.ndarray or isinstance(after, np.generic):
            after, before = np.asarray(after), np.asarray(before)
            # bit for bit: nan stays equal to itself
            return (after.shape != before.shape or after.dtype != before.dtype
                    or after.tobytes() != before.tobytes())
        if type(after) in (list, tuple):
            return len(after) != len(before) or any(
                _differs(a, b, depth + 1) for a, b in zip(after, before))
        if type(after) is dict:
            return after.keys() != before.keys() or any(
                _differs(after[k], before[k], depth + 1) for k in after)
        if type(after) is float:
            return not (after == before or (after != after and before != before))
        if type(after) in wire.PLAIN or type(after) is wire.Unsupported:
            return after != before
        return after is not before
    except Exception:  # noqa: BLE001 -- a learner object refused comparison: it changed
        return True


# -------------------------------------------------------------------------- plumbing

def _send(fd: int, line: bytes) -> None:
    """Write a reply line whole, after what learner code printed before it and once its timers are ended."""
    flush_output()
    # learner code's timers (alarm, setitimer, faulthandler's) went off in later calls and reloads
    for timer in (signal.ITIMER_REAL, signal.ITIMER_VIRTUAL, signal.ITIMER_PROF):
        signal.setitimer(timer, 0)
    faulthandler.cancel_dump_traceback_later()
    view = memoryview(line)
    while view:
        view = view[os.write(fd, view):]


def _flood(exc: BaseException) -> BaseException:
    """What code that filled the output file failed with: its print's OSError, or the same when it caught that and
    raised another error (the file stays full, and the next load or call would fail for it)."""
    return exc if type(exc) is OSError and exc.errno == errno.EFBIG else OSError(errno.EFBIG, "")


def _output_full() -> bool:
    """Is the output file at its size limit, so that the next print fails whoever makes it?"""
    limit = resource.getrlimit(resource.RLIMIT_FSIZE)[0]
    with contextlib.suppress(OSError):  # learner code may have closed its stdout
        return limit != resource.RLIM_INFINITY and os.fstat(1).st_size >= limit
    return False


def flush_output() -> None:
    for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
        with contextlib.suppress(Exception):  # learner may have replaced or broken a stream
            stream.flush()


if __name__ == "__main__":
    main()
