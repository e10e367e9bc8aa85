"""The grading process's side of a worker process: the child computes, the parent judges.

``Worker`` starts ``server`` in a child process (or has a zygote fork it) with a scrubbed
environment, a temporary folder of its own and its own process group, and talks to it over
two pipes in ``protocol``'s requests and replies.

Nothing the child sends can make the parent raise: a hang becomes a "Timeout" reply, a
dead child or a malformed line a "WorkerExit" reply, and the next request starts a fresh
child, reloading the modules loaded so far. Only the parent's own mistakes raise.

    with Worker(call_timeout=5.0) as worker:
        worker.load("ex03_weight_gradients", source, "ex03_weight_gradients.py")
        reply = worker.call("ex03_weight_gradients", "weight_gradients", [dZ, A_prev])
        reply.ok, reply.value, reply.error.type, reply.error.message, reply.error.line

A Worker is not thread-safe. With a zygote, the worker's environment is the zygote's.
"""
from __future__ import annotations

import contextlib
import dataclasses
import functools
import itertools
import math
import os
import select
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

from autograder.execution import protocol, wire
from autograder.execution.protocol import OUT_OF_TIME, CallError, Reply
from autograder.execution.launch import ended, kill_worker, start
from autograder.execution.sandbox import Settings
from autograder.execution.zygote import Zygote, ZygoteError

STARTUP_TIMEOUT = 60.0
FOLDER_PREFIX = "backprop-worker-"  # then the pid of the process that made the folder (a worker's, an upload's copy)
_CHUNK = 1 << 20
_EXIT_WAIT = 1.0
_OUTPUT_KEPT = 1 << 20
# Signals of a limit, of seccomp (x86's int 0x80) and of a call's own timer (the worker ends others), in words
_SIGNALS_SAID = {signal.SIGXCPU: "it used up the CPU time a submission may use",
                 signal.SIGXFSZ: "it wrote a file larger than a submission may write",
                 signal.SIGSYS: "it made a system call the sandbox refuses",
                 signal.SIGALRM: "a timer the code set went off while it ran (signal.alarm, signal.setitimer)"}
_RENEWED_AFTER = 10.0  # seconds of requests a kept process serves (sandbox's CPU margin: see restart_budget)


@dataclasses.dataclass
class _Child:
    """One worker process, the parent's ends of its two pipes, and how to learn its end:
    a started child's own wait, or its zygote's (which reaps the children it forks)."""

    pid: int
    request_fd: int
    response_fd: int
    waiter: Callable[[float | None], int | None]
    held: frozenset  # the keys of the values it holds
    unread: bytearray = dataclasses.field(default_factory=bytearray)  # past the last reply line
    status: int | None = None  # once reaped
    confirmed: bool = False  # a request has waited for its start (Worker.start does not)

    def wait(self, timeout: float | None) -> int | None:
        """The exit status (negative: the signal); None if it still runs after timeout."""
        with contextlib.suppress(subprocess.TimeoutExpired, ZygoteError):  # a zygote gone took its children with it
            self.status = self.waiter(timeout)
        return self.status

    def end(self) -> None:
        """Kill the child's whole process group and reap it, unless it was reaped already (its
        pid may be another process's by then), and close the pipes."""
        if self.status is None:
            kill_worker(self.pid)
            self.wait(None)
        for fd in (self.request_fd, self.response_fd):
            with contextlib.suppress(OSError):
                os.close(fd)


@dataclasses.dataclass(eq=False, repr=False, kw_only=True)  # identity and repr as a plain class
class Worker(contextlib.AbstractContextManager):  # `with` gives the Worker, and closes it
    """A worker process that runs one submission's code; restarted after a hang or crash.
    Its limits are keyword arguments; None turns one off, but call_timeout, which every
    request needs."""

    call_timeout: float = 10.0  # wall time of one request (a load; a call, each call of calls)
    # wall time of all this Worker's requests; once spent, each is a "Timeout" reply at once
    submission_timeout: float | None = 120.0
    max_memory_bytes: int | None = 4 * 2**30  # the child's address space (then MemoryError)
    max_output_bytes: int | None = 8 * 2**20  # what it may print; the largest file it may write
    max_disk_bytes: int | None = 64 * 2**20  # the files in its folder (a tmpfs where allowed)
    # the reply lines of all this Worker's requests; once past, the reply and every later
    # request fail at once ("ResultTooLarge"): the grading process holds what it decodes
    max_replies_bytes: int | None = 64 * 2**20
    # True: a child the kernel does not confine runs no learner code ("Unconfined" replies)
    require_kernel: bool = False
    python: str = sys.executable
    env: dict | None = None  # added to the worker's environment
    zygote: Zygote | None = None

    def __post_init__(self):
        self.protected = tuple(str(p) for p in default_protected())  # what the child may not read
        self.env = dict(self.env or {})
        self.isolation = ""  # what confines the worker, as its last start said (kernel.py)
        # named for this process, so that a later batch can tell when it is abandoned
        self.directory = Path(tempfile.mkdtemp(prefix=f"{FOLDER_PREFIX}{os.getpid()}-"))
        # What the children print: a file with no name, so that nothing in the worker's
        # folder (a FIFO, a link put in its place) can stand in for it.
        self._output = tempfile.TemporaryFile(prefix="backprop-output-")
        self._dropped = 0  # bytes of it that _compact_output removed
        self._child: _Child | None = None
        self._loads: list[list] = []  # the loads request's entries, to load again after a restart
        self._values: dict[str, Any] = {}  # what store() was given, to store again after a restart
        self._ids = itertools.count(1)
        self._spent = 0.0  # seconds of submission_timeout used by finished requests
        self._served = 0.0  # seconds of requests the running child has served: its CPU time, but for threads
        self._replied = 0  # bytes of reply lines read, against max_replies_bytes
        self._deadline = math.inf  # when the running request runs out of the submission's time

    def __exit__(self, *exc_info) -> None:
        self.close()

    # ------------------------------------------------------------------------ requests

    def load(self, module: str, source: str, filename: str) -> Reply:
        """Execute source as a fresh module named module; value is its public names."""
        return self.loads([(module, source, filename)])[0]

    def loads(self, modules: list) -> list[Reply]:
        """load each (module, source, filename[, cells]) in turn, in one request, as calls does. With
        cells (the line each notebook cell starts at), a statement that raises is skipped and the
        rest still run, and its error is in the reply's skipped."""
        entries = [[module, source, filename] + [list(c) for c in cells if c is not None]
                   for module, source, filename, *cells in modules]
        return self._in_turn("loads", "modules", entries)

    def call(self, module: str, function: str, args=(), kwargs: dict | None = None) -> Reply:
        """Call module.function(*args, **kwargs) in the worker."""
        return self.calls([(module, function, args, kwargs)])[0]

    def calls(self, calls: list) -> list[Reply]:
        """Make each call (module, function, args[, kwargs]) in turn, in one request: a
        Reply each. args may be a wire.Stored naming a stored list of arguments. Each call
        has call_timeout of its own: one that hangs or ends the worker gets its Reply, and
        the calls after it go to a fresh worker, as if each had been a request of its own,
        but for those of the function that hung that follow it, which are not made."""
        pending = [[module, function, _arguments(args), dict(kwargs[0] or {}) if kwargs else {}]
                   for module, function, args, *kwargs in calls]
        return self._in_turn("calls", "calls", pending)

    def _in_turn(self, op: str, field: str, items: list) -> list[Reply]:
        """A Reply for each of items, sent as the request's field (see calls): what a
        failure left unanswered goes again, in a new request (modules loaded kept first)."""
        replies: list[Reply] = []
        while len(replies) < len(items):
            rest = items[len(replies):]
            answered = self._request({"op": op, field: rest}, len(rest))
            # keep what was loaded, at once: a worker restarted for the next files reloads it,
            # and a module loaded again (a kernel's next check) once, as last loaded
            if op == "loads":
                for entry, reply in zip(rest, answered):
                    if reply.ok or reply.error.type != "ReloadFailed":  # it ran: its earlier load is gone
                        self._loads = [kept for kept in self._loads if kept[0] != entry[0]]
                        self._loads += [entry] * reply.ok
            replies += answered
            hung = replies[-1].error  # a loop that never ends costs one call's time, not one a case
            while (op == "calls" and hung is not None and hung.timed_out and not self._out_of_time()
                   and len(replies) < len(items) and items[len(replies)][:2] == items[len(replies) - 1][:2]):
                replies.append(Reply(False, error=CallError(
                    "Timeout", f"{hung.message} on an earlier case, so it was not called again", timed_out=True)))
        return replies

    def trace(self, module: str, function: str, args=()) -> Reply:
        """Call module.function(*args) watching its own lines run: a Reply whose value is a
        protocol.Trace (what each line made or changed; what it returned or raised)."""
        request = {"op": "trace", "module": module, "function": function, "args": _arguments(args), "kwargs": {}}
        return self._request(request)[0]

    def store(self, values: dict[str, Any]) -> Reply:
        """Make the worker hold values by key, for calls to pass as wire.Stored(key): a
        value stored once (or by the zygote) is not sent again with every call."""
        self._values.update(values)
        if self._child is None or not self._child.confirmed:  # _restart waits for it to start, then stores them all
            return self.ping()
        return self._store_missing()

    def get(self, module: str, name: str) -> Reply:
        """The value of a module-level name, such as a constant."""
        return self._request({"op": "get", "module": module, "name": name})[0]

    def ping(self) -> Reply:
        """An empty round trip; starts the worker if it is not running."""
        return self._request({"op": "ping"})[0]

    def start(self) -> None:
        """Start the worker process now without waiting for it: the first request waits
        until it is ready, and the caller can work meanwhile."""
        if self._child is None:
            self._child, self._served = self._start_child(), 0.0

    def restart_budget(self) -> None:
        """Give the requests from now on a whole submission_timeout again: a worker kept for several
        checks (a Jupyter kernel's) gives each check a submission's time and replies' bytes, and a new
        process, holding no module (each check loads its own), once the kept one has ended or served
        _RENEWED_AFTER s: RLIMIT_CPU counts every check's time (SIGXCPU ended a later check)."""
        if self._child is not None and (self._served > _RENEWED_AFTER or self._child.wait(0) is not None):
            self._discard_child()
            self._loads = []
        self._spent = 0.0
        self._replied = 0

    def output(self, limit: int = 10_000, since: int = 0) -> str:
        """The last limit characters (at most) that learner code printed, in all children,
        after the first since bytes of it (a printed_bytes() taken earlier). Paths in the
        worker's folder read as the learner's own files do: ex06.py, not /tmp/backprop-worker-.../ex06.py
        (pdb's and tracebacks' lines)."""
        size = os.fstat(self._output.fileno()).st_size
        start = min(max(since - self._dropped, size - 4 * limit, 0), size)  # learner code may empty the file
        text = os.pread(self._output.fileno(), size - start, start).decode("utf-8", errors="replace")
        text = text.replace(f"{self.directory}{os.sep}", "")
        return text[-limit:] if limit > 0 else ""

    def printed_bytes(self) -> int:
        """How many bytes learner code has printed so far, in all children."""
        return os.fstat(self._output.fileno()).st_size + self._dropped

    def close(self) -> None:
        """Kill the worker if it runs, and remove its directory. Safe to call twice."""
        self._discard_child()
        if not self._output.closed:
            self._output.close()
            _remove(self.directory)  # once nothing can write there

    # --------------------------------------------------------------------- internals

    def _request(self, request: dict, count: int = 1) -> list[Reply]:
        """Send request and read its count replies: all of them, or fewer when the child
        stops answering (the last Reply then says why)."""
        if self._output.closed:
            raise RuntimeError("this Worker is closed")
        if self._out_of_time():
            return [self._out_of_time_reply()]  # and no new child: the submission is done
        if self._out_of_room():
            return [self._out_of_room_reply()]
        self._compact_output()
        start = time.monotonic()
        if self.submission_timeout is not None:
            self._deadline = start + self.submission_timeout - self._spent
        try:
            failed = self._restart() if self._child is None or not self._child.confirmed else None
            replies = [failed] if failed is not None else self._exchange(request, count)
        finally:
            elapsed = time.monotonic() - start
            self._spent, self._served = self._spent + elapsed, self._served + elapsed
            self._deadline = math.inf
        last = replies[-1]
        if last.error is not None and last.error.timed_out and self._out_of_time():
            replies[-1] = self._out_of_time_reply(last.seconds)
        return replies

    def _time_left(self, timeout: float) -> float:
        """timeout, or less when the submission's time ends sooner."""
        return max(0.0, min(timeout, self._deadline - time.monotonic()))

    def _out_of_time(self) -> bool:
        return self.submission_timeout is not None and self._spent >= self.submission_timeout

    def _out_of_time_reply(self, seconds: float = 0.0) -> Reply:
        self._discard_child()
        message = f"{OUT_OF_TIME}: all its calls together may take {self.submission_timeout:g} s"
        return Reply(False, error=CallError("Timeout", message, timed_out=True), seconds=seconds)

    def _out_of_room(self) -> bool:
        return self.max_replies_bytes is not None and self._replied > self.max_replies_bytes

    def _out_of_room_reply(self) -> Reply:
        self._discard_child()
        message = f"the submission's results together need more than {self.max_replies_bytes} bytes, the most they may"
        return Reply(False, error=CallError("ResultTooLarge", message))

    def _compact_output(self) -> None:
        """Keep the output file's tail once it passes half its cap, so that one runaway
        print loop (which hits the cap and fails) does not make every later print fail."""
        fd = self._output.fileno()
        size = os.fstat(fd).st_size
        if self.max_output_bytes is None or size <= self.max_output_bytes // 2:
            return
        keep = min(_OUTPUT_KEPT, self.max_output_bytes // 4)
        tail = os.pread(fd, keep, size - keep)
        os.ftruncate(fd, 0)
        self._dropped += size - keep
        os.pwrite(fd, tail, 0)  # a child appends after it

    def _store_missing(self) -> Reply:
        if self._child.held.issuperset(self._values):
            return Reply(True)
        missing = {key: value for key, value in self._values.items() if key not in self._child.held}
        reply = self._exchange({"op": "store", "values": missing})[0]
        if reply.ok:
            self._child.held |= set(missing)
        return reply

    def _restart(self) -> Reply | None:
        """Start a child (unless start() did), store values and reload earlier modules; a
        failure Reply if that went wrong."""
        self.start()  # unless it did already
        self._child.confirmed = True
        started = self._exchange({"op": "ping"}, first_timeout=max(STARTUP_TIMEOUT, self.call_timeout))[0]
        if started.ok:
            self.isolation = started.value
            started = self._store_missing()
        if not started.ok:
            self._discard_child()
            return _failed(started.error, "NotStarted", "the worker process did not start: ")
        # The reloads print again what the first loads printed, to the kept tail: files that loaded in turn, or a
        # notebook's statement that flooded, skipped, flooded each restart, and every later call failed, right or
        # not. They print to a file emptied (again after a flood, as the first loads went on), the tail put back.
        fd, replies = self._output.fileno(), []
        printed = os.pread(fd, os.fstat(fd).st_size, 0) if self.max_output_bytes is not None else None  # compacted
        while rest := self._loads[len(replies):]:
            if printed is not None:
                os.ftruncate(fd, 0)
            answered = self._exchange({"op": "loads", "modules": rest}, len(rest))
            replies += answered
            if not _flooded(replies[-1]):
                break
            if len(answered) > 1:  # the files before it filled the file: it loads again, first (once: then its own)
                replies.pop()
        if printed is not None:
            os.ftruncate(fd, 0)
            os.pwrite(fd, printed, 0)
        for (module, *_), reply in zip(self._loads, replies):
            if reply.error is not None:  # a notebook's statement skipped for a flood is none, as at its first load
                if _flooded(reply):  # a module printing the whole limit alone: the next request tries again
                    self._discard_child()
                return _failed(reply.error, "ReloadFailed", f"reloading {module} after the worker restarted failed: ")
        return None

    def _start_child(self) -> _Child:
        """A new child, forked by the zygote if there is one that works."""
        # how the child confines itself (autograder.execution.sandbox.confine)
        settings = Settings(folder=str(self.directory), max_output_bytes=self.max_output_bytes,
                            max_disk_bytes=self.max_disk_bytes,
                            max_memory_bytes=self.max_memory_bytes, max_cpu_seconds=self.submission_timeout,
                            protected=self.protected, require_kernel=self.require_kernel,
                            statement_seconds=self.call_timeout / 2).to_argument()  # half: the rest for the defs
        zygote = self.zygote
        # The output file opened anew for the child: the flags of an open file are shared by
        # every descriptor of it, and learner code could set O_DIRECT on this process's reads.
        # First: a closed Worker's file (start() after close()) raises before any pipe is made.
        output = os.open(f"/proc/self/fd/{self._output.fileno()}", os.O_WRONLY | os.O_APPEND | os.O_CLOEXEC)
        request_read, request_write = os.pipe()
        response_read, response_write = os.pipe()
        os.set_blocking(request_write, False)
        try:
            if zygote is not None and zygote.alive:
                with contextlib.suppress(ZygoteError):  # if it fails, start one the slow way instead
                    pid = zygote.fork(settings, request_read, response_write, output)
                    return _Child(pid, request_write, response_read, functools.partial(zygote.wait, pid), zygote.stored)
            process = start([str(request_read), str(response_write), settings], self.directory,
                            (request_read, response_write), output, self.python, self.env)
            return _Child(process.pid, request_write, response_read, process.wait, frozenset())
        except BaseException:
            os.close(request_write)
            os.close(response_read)
            raise
        finally:
            for fd in (request_read, response_write, output):
                os.close(fd)

    def _exchange(self, request: dict, count: int = 1, first_timeout: float | None = None) -> list[Reply]:
        """Send one request and read up to count replies, the first within first_timeout
        (call_timeout unless given) and each next one within call_timeout of the one
        before: the worker answers each call as it returns, so a hang or crash is the next
        call's. It ends the child, and the list with it; a call that filled the output file,
        which would fail every later print of the request, ends the list (the worker stops there)."""
        request_id = next(self._ids)
        protocol.check_request(request)
        line = wire.dumps({**request, "id": request_id}, strict=True)
        indexed = request["op"] in ("calls", "loads")  # its replies say which one they answer
        replies: list[Reply] = []
        timeout = self._time_left(self.call_timeout if first_timeout is None else first_timeout)
        start = time.monotonic()
        try:
            self._send(line, start + timeout)
            while len(replies) < count:
                line = self._receive(start + timeout)
                self._replied += len(line)
                if self._out_of_room():  # this one, and every call left
                    return replies + [self._out_of_room_reply()] * (count - len(replies))
                reply, index = protocol.parse_reply(line, request_id)
                if reply.ok and request["op"] == "trace":  # what a trace holds, checked as every reply is
                    reply = Reply(True, protocol.parse_trace(reply.value), seconds=reply.seconds)
                if reply.ok and request["op"] == "loads" and type(reply.value) is not tuple:  # a module's names
                    raise wire.WireError("a load's reply holds no names")
                if index is None and indexed:  # it answers every call left
                    return replies + [reply] * (count - len(replies))
                if index != (len(replies) if indexed else None):
                    raise wire.WireError("the reply does not answer the request")
                replies.append(reply)
                if _flooded(reply) and len(replies) < count:
                    return replies  # the worker stopped at its full output file: the rest go again, after it is cut
                start, timeout = time.monotonic(), self._time_left(self.call_timeout)
        except TimeoutError:
            self._discard_child()
            error = CallError("Timeout", f"did not return within {timeout:g} s", timed_out=True)
            replies.append(Reply(False, error=error, seconds=time.monotonic() - start))
        except EOFError:
            replies.append(_crash_reply(self._exit_message()))
        except wire.WireError as exc:
            self._discard_child()
            replies.append(_crash_reply(f"the worker sent a malformed reply ({exc})"))
        return replies

    def _send(self, line: bytes, deadline: float) -> None:
        fd, view = self._child.request_fd, memoryview(line)
        while view:
            _wait(fd, select.POLLOUT, deadline)
            try:
                written = os.write(fd, view[:_CHUNK])
            except BlockingIOError:
                continue
            except (BrokenPipeError, ConnectionResetError):
                raise EOFError from None
            view = view[written:]

    def _receive(self, deadline: float) -> bytes:
        """The next reply line; what was read past its end waits for the next call."""
        child = self._child
        buffer, searched = child.unread, 0
        while True:
            end = buffer.find(b"\n", searched)
            if end >= 0:
                line = bytes(buffer[:end + 1])
                del buffer[:end + 1]
                return line
            if len(buffer) > wire.MAX_REPLY_BYTES:
                raise wire.WireError(f"a reply longer than {wire.MAX_REPLY_BYTES} bytes")
            searched = len(buffer)
            _wait(child.response_fd, select.POLLIN, deadline)
            chunk = os.read(child.response_fd, _CHUNK)
            if not chunk:
                raise EOFError
            buffer += chunk

    def _exit_message(self) -> str:
        """Reap a child that closed its pipes, and say how it ended."""
        status = self._child.wait(_EXIT_WAIT)
        self._discard_child()
        if status is None:
            return "the worker process closed its reply channel and was killed"
        if status < 0:  # a real-time signal has no name: its number says it
            name = next((known.name for known in signal.Signals if known == -status), str(-status))
            said = _SIGNALS_SAID.get(-status)
            return f"the worker process was killed by signal {name}" + (f": {said}" if said else "")
        return f"the worker process ended with exit status {status}"

    def _discard_child(self) -> None:
        child, self._child = self._child, None
        if child is not None:
            child.end()


def remove_abandoned_folders() -> None:
    """Remove the folders (FOLDER_PREFIX) of processes that no longer run: a batch killed with
    SIGKILL cannot remove its own. Only this user's: another's, in a shared /tmp, may swap a folder
    for a link as _unlocked chmods it (a grader not root so set its own folder 0700, 81 runs in)."""
    for folder in Path(tempfile.gettempdir()).glob(f"{FOLDER_PREFIX}*-*"):
        with contextlib.suppress(OSError):
            if folder.lstat().st_uid == os.getuid() and ended(folder.name[len(FOLDER_PREFIX):].split("-")[0]):
                _remove(folder)


def _remove(folder: Path) -> None:
    """Remove a worker's folder, however deep a tree learner code made in it: rmtree
    recurses a level at a time, and raises RecursionError past a thousand."""
    try:
        shutil.rmtree(folder, **_HANDLER)
    except RecursionError:
        for command in (["chmod", "-R", "u+rwx", "--"], ["rm", "-rf", "--"]):
            subprocess.run([*command, str(folder)], stdin=subprocess.DEVNULL, capture_output=True, check=False)


def _unlocked(function, path, error) -> None:
    """rmtree's handler of what it could not remove: a folder learner code made without its owner's
    permissions (os.mkdir("d", 0), which seccomp lets by), which a grader not run as root could neither
    list nor empty, and left on the disk for good, is given them back and removed; anything else is let be."""
    with contextlib.suppress(OSError):
        mode = os.lstat(path).st_mode
        if stat.S_ISDIR(mode) and mode & stat.S_IRWXU != stat.S_IRWXU:
            os.chmod(path, stat.S_IRWXU)
            shutil.rmtree(path, **_HANDLER)


_HANDLER = {"onexc" if sys.version_info >= (3, 12) else "onerror": _unlocked}  # rmtree's keyword for it


def default_protected() -> tuple[Path, ...]:
    """What learner code must not read: the solutions, and the course's secret file if any."""
    from autograder import course, paths

    found = [paths.content("solutions")]
    with contextlib.suppress(OSError):  # the current folder is gone
        config = course.config_file()
        if config is not None and config.is_file():
            found.append(config)
    return tuple(found)


def _wait(fd: int, event: int, deadline: float) -> None:
    """Return when fd is ready for event (or has hung up); raise TimeoutError at the deadline."""
    poller = select.poll()
    poller.register(fd, event)
    remaining = deadline - time.monotonic()
    if remaining <= 0 or not poller.poll(math.ceil(remaining * 1000)):
        raise TimeoutError


def _arguments(args) -> list | wire.Stored:
    """A call's arguments as they travel: a list, or the Stored that names a stored list."""
    return args if isinstance(args, wire.Stored) else list(args)


def _failed(error: CallError, kind: str, prefix: str) -> Reply:
    """A failure Reply of kind that explains error with a prefix, keeping its flags."""
    return Reply(False, error=dataclasses.replace(error, type=kind, message=prefix + error.message))


def _flooded(reply: Reply) -> bool:
    """Did a load or call fill the output file (a notebook's statement skipped for it, too)? The worker stops its
    request there, as it reads the first protocol.LISTED_LIMIT statements skipped."""
    return any(e is not None and e.type == "OutputLimit" for e in (reply.error, *reply.skipped))


def _crash_reply(message: str) -> Reply:
    return Reply(False, error=CallError("WorkerExit", message, crashed=True))
