"""A zygote, both sides: a process that forks the workers of a batch.

Starting a worker means starting Python and importing numpy, which costs more than
grading a correct submission. A grading process that grades many submissions starts one
Zygote instead (``serve_forks``, below, is the zygote's own side): it does those
imports once, receives the values the checks will pass (each case's inputs, sent once)
and then forks a fresh worker for each submission. Isolation is kept: each worker is a
process of its own that has run no other learner's code, confines itself after the fork
exactly as a started worker does, and gets only the descriptors of its own pipes.

    with Zygote() as zygote:
        zygote.store({"ex03/case/dZ": dZ})
        with Worker(zygote=zygote) as worker:   # forked, holding what was stored
            ...

The zygote never runs learner code, and it runs with the same scrubbed environment as a
worker (no course secret). Its requests are answered at once; only "wait" may take up to
the timeout it is given. A Zygote is not thread-safe, and serves one Worker at a time.
"""
from __future__ import annotations

import contextlib
import gc
import os
import socket
import subprocess
import tempfile
import time
from typing import Any

from autograder.execution.launch import die_with_parent, kill_worker, start

_REPLY_TIMEOUT = 60.0  # the zygote's own work only: a fork, storing values, a reap
_WAIT_STEP = 0.005  # seconds between two looks at a worker being reaped


class ZygoteError(RuntimeError):
    """The zygote is gone or answered nonsense: start workers without it."""


class Zygote(contextlib.AbstractContextManager):  # `with` gives the Zygote, and closes it
    """A started zygote process and the parent's end of its control socket."""

    def __init__(self):
        self.stored: frozenset = frozenset()  # the keys every worker forked now holds
        parent_end, child_end = socket.socketpair()
        try:
            self.process = start(["zygote", str(child_end.fileno())], tempfile.gettempdir(), (child_end.fileno(),))
        except BaseException:
            parent_end.close()
            raise
        finally:
            child_end.close()
        self._control = parent_end
        self._replies = parent_end.makefile("rb")  # its socket closes once both are closed

    def __exit__(self, *exc_info) -> None:
        self.close()

    def store(self, values: dict[str, Any]) -> None:
        """Give every worker forked from now on these values, by key (see wire.Stored)."""
        self._request({"op": "store", "values": values})
        self.stored = self.stored | set(values)

    def fork(self, settings_argument: str, request_fd: int, response_fd: int, output_fd: int) -> int:
        """The pid of a new worker serving these descriptors, confined as settings say."""
        return self._request({"op": "fork", "settings": settings_argument},
                             fds=(request_fd, response_fd, output_fd))["pid"]

    def wait(self, pid: int, timeout: float | None) -> int | None:
        """A forked worker's exit status (negative: the signal that ended it); None if it
        still runs after timeout seconds."""
        return self._request({"op": "wait", "pid": pid, "timeout": timeout},
                             timeout=_REPLY_TIMEOUT + (timeout or 0.0))["status"]

    def close(self, grace: float = 5.0) -> None:
        """End the zygote (closing its socket ends its loop, once the workers it was asked
        to end are reaped and their folders gone) and reap it, killed if it has not ended
        within grace seconds."""
        if self._control is None:
            return
        self._replies.close()
        self._control.close()
        self._control = None
        try:
            self.process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            kill_worker(self.process.pid)
            self.process.wait()

    @property
    def alive(self) -> bool:
        return self._control is not None

    # --------------------------------------------------------------------- internals

    def _request(self, request: dict, *, fds: tuple = (), timeout: float = _REPLY_TIMEOUT) -> dict:
        # here: a batch starts its zygotes before it imports numpy
        from autograder.execution import protocol, wire

        if self._control is None:
            raise ZygoteError("the zygote is closed")
        protocol.check_request(request, protocol.ZYGOTE_REQUESTS)
        line = wire.dumps(request, strict=True)
        try:
            self._control.settimeout(timeout)  # for sending the request, and for reading its reply
            sent = socket.send_fds(self._control, [line], fds)
            self._control.sendall(line[sent:])
            return protocol.zygote_reply(self._replies.readline(), request["op"])  # b"": it has ended
        except protocol.Refused as exc:
            raise ZygoteError(str(exc)) from None
        except (OSError, wire.WireError) as exc:  # TimeoutError among them
            self.close(grace=0)  # its state is unknown now: no worker is forked from it again
            raise ZygoteError(f"the zygote did not answer: {exc}") from None


# ------------------------------------------------------------------ the zygote's side
# These run in the zygote, a process autograder.execution.server started. They import the
# worker's modules (numpy with them) when they run: the parent's side above must not.

def serve_forks(control: socket.socket) -> None:
    """The zygote's loop: one request line on the control socket (protocol.ZYGOTE_REQUESTS),
    with the descriptors that came with it, one reply line, until the parent closes the
    socket. Nothing here runs learner code: only the forked workers do."""
    from autograder.execution import kernel, protocol, testfunctions, wire
    # numpy.random imported once here, not by each worker's first np.random (13 ms a submission), and before any
    # load, so that server._numpy_names sees its names; each worker reseeds it (_forked_worker)
    import numpy.random  # noqa: F401

    store: dict[str, Any] = {}  # the values its workers will hold
    children: set[int] = set()  # the workers it forked and has not reaped
    kernel.own_pid_namespace()  # where the kernel allows it: the workers see nothing outside
    buffer = bytearray()
    while True:
        fds = []
        while b"\n" not in buffer:
            data, received, _, _ = socket.recv_fds(control, 1 << 16, protocol.FORK_DESCRIPTORS)
            fds += received
            if not data:
                return  # and the zygote exits, closing whatever came with a last partial line
            buffer += data
        line, _, buffer = buffer.partition(b"\n")
        try:
            reply = _answer(wire.loads(line, functions=testfunctions.build), fds, control, store, children)
        except protocol.Refused as exc:
            reply = protocol.error(exc.kind, str(exc))
        except Exception as exc:  # noqa: BLE001 -- the parent's mistake: say so, go on
            reply = protocol.error("BadRequest", f"{type(exc).__name__}: {protocol.safe_text(exc)}")
        finally:
            for fd in fds:
                os.close(fd)
        control.sendall(wire.dumps(reply))


def _answer(message: Any, fds: list, control: socket.socket, store: dict, children: set) -> dict:
    """The reply to one request, fds the descriptors that came with it."""
    from autograder.execution import kernel, protocol, sandbox

    op = protocol.check_request(message, protocol.ZYGOTE_REQUESTS)
    if op == "store":
        store.update(message["values"])
        return {"ok": True}
    if op == "fork":
        needed = protocol.FORK_DESCRIPTORS
        if len(fds) != needed:
            raise protocol.Refused(f"a fork needs {needed} descriptors, not {len(fds)}")
        settings = sandbox.Settings.from_argument(message["settings"])
        kernel.prepare(sandbox.excluded(settings))  # once: what every worker's confinement needs
        gc.freeze()  # a forked worker's collector leaves the zygote's objects alone, so that
        zygote, pid = os.getpid(), os.fork()  # their pages stay shared instead of being copied
        if pid == 0:
            _forked_worker(control, fds, settings, zygote, store)  # never returns
        children.add(pid)
        return {"ok": True, "pid": pid}
    if message["pid"] not in children:
        raise protocol.Refused(f"{message['pid']} is not a running worker of this zygote")
    status = _reap(message["pid"], message["timeout"])
    if status is not None:
        children.discard(message["pid"])
    return {"ok": True, "status": status}


def _forked_worker(control: socket.socket, fds: list, settings, zygote: int, store: dict) -> None:
    """In the child of a fork: become a worker on the descriptors given, then exit."""
    import numpy.random

    from autograder.execution import server

    try:
        die_with_parent(zygote)
        control.close()  # learner code must not reach the zygote
        os.setsid()  # its own process group, which the parent kills as a whole
        request_fd, response_fd, output_fd = fds  # its stdin is the zygote's: launch.start's /dev/null
        for target in (1, 2):
            os.dup2(output_fd, target)
        os.close(output_fd)
        numpy.random.seed()  # its own draws, from the system's entropy, not the zygote's that every fork shares
        server.serve(request_fd, response_fd, settings, store)  # which exits
    finally:  # something above raised: never fall back into the zygote's loop
        server.flush_output()
        os._exit(1)


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
