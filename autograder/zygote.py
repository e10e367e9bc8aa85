"""The parent's side of a zygote: a worker process that forks the workers of a batch.

Starting a worker means starting Python and importing numpy, which costs more than
grading a correct submission. A grading process that grades many submissions starts one
Zygote instead (autograder.worker's ``serve_forks`` is the other side): it does those
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

import select
import socket
import subprocess
import sys
import tempfile
import time
from typing import Any

from autograder.launch import bootstrap, kill_worker, worker_environment

_REPLY_TIMEOUT = 60.0  # the zygote's own work only: a fork, storing values, a reap


class ZygoteError(RuntimeError):
    """The zygote is gone or answered nonsense: start workers without it."""


class Zygote:
    """A started zygote process and the parent's end of its control socket."""

    def __init__(self, *, python: str = sys.executable, env: dict | None = None):
        self.stored: frozenset = frozenset()  # the keys every worker forked now holds
        parent_end, child_end = socket.socketpair()
        command = [python, "-I", "-c", bootstrap(), "zygote", str(child_end.fileno())]
        try:
            self.process = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                cwd=tempfile.gettempdir(), env=worker_environment(tempfile.gettempdir(), env),
                start_new_session=True,
                pass_fds=(child_end.fileno(),))
        except BaseException:
            parent_end.close()
            raise
        finally:
            child_end.close()
        self._control = parent_end
        self._buffer = bytearray()

    def __enter__(self) -> Zygote:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def store(self, values: dict[str, Any]) -> None:
        """Give every worker forked from now on these values, by key (see wire.Stored)."""
        self._request({"op": "store", "values": values})
        self.stored = self.stored | set(values)

    def fork(self, settings_argument: str, request_fd: int, response_fd: int, output_fd: int) -> int:
        """The pid of a new worker serving these descriptors, confined as settings say."""
        reply = self._request({"op": "fork", "settings": settings_argument},
                              fds=[request_fd, response_fd, output_fd])
        pid = reply.get("pid")
        if type(pid) is not int or pid <= 0:
            raise ZygoteError("the zygote did not say which process it forked")
        return pid

    def wait(self, pid: int, timeout: float | None = None) -> int | None:
        """A forked worker's exit status (negative: the signal that ended it); None if it
        still runs after timeout seconds."""
        reply = self._request({"op": "wait", "pid": pid, "timeout": timeout},
                              timeout=_REPLY_TIMEOUT + (timeout or 0.0))
        status = reply.get("status")
        if status is not None and type(status) is not int:
            raise ZygoteError("the zygote gave a status that is not a number")
        return status

    def end(self, pid: int) -> None:
        """Kill a forked worker, and leave the rest to the zygote: it reaps the worker and
        removes the worker's folder once the worker has ended, at the latest when it closes."""
        self._request({"op": "end", "pid": pid})

    def close(self) -> None:
        """End the zygote (closing its socket ends its loop, once the workers it was asked
        to end are reaped and their folders gone) and reap it."""
        if self._control is None:
            return
        self._control.close()
        self._control = None
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._kill()

    @property
    def alive(self) -> bool:
        return self._control is not None

    # --------------------------------------------------------------------- internals

    def _request(self, request: dict, *, fds: list | None = None, timeout: float = _REPLY_TIMEOUT) -> dict:
        from autograder import wire  # here: a batch starts its zygotes before it imports numpy

        if self._control is None:
            raise ZygoteError("the zygote is closed")
        line = wire.dumps(request, strict=True)
        try:
            if fds:
                sent = socket.send_fds(self._control, [line], fds)
                self._control.sendall(line[sent:])
            else:
                self._control.sendall(line)
            reply = wire.loads(self._read_line(time.monotonic() + timeout))
        except (OSError, wire.WireError, ZygoteError) as exc:
            self._kill()  # its state is unknown now: no worker is forked from it again
            raise ZygoteError(f"the zygote did not answer: {exc}") from None
        if type(reply) is not dict or reply.get("ok") is not True:
            error = reply.get("error") if type(reply) is dict else None
            raise ZygoteError(f"the zygote refused {request['op']!r}: {error}")
        return reply

    def _kill(self) -> None:
        kill_worker(self.process.pid)
        self.process.wait()
        if self._control is not None:
            self._control.close()
            self._control = None

    def _read_line(self, deadline: float) -> bytes:
        while b"\n" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([self._control], [], [], remaining)[0]:
                raise ZygoteError("the zygote did not answer in time")
            data = self._control.recv(1 << 16)
            if not data:
                raise ZygoteError("the zygote has ended")
            self._buffer += data
        end = self._buffer.index(b"\n") + 1
        line, self._buffer = bytes(self._buffer[:end]), self._buffer[end:]
        return line
