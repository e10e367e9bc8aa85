"""The worker's side of its reply pipe: reply lines are held, then sent together.

The parent is woken each time a line arrives, and on a small machine a wake-up costs
about what decoding a reply does. So the replies to a "calls" request are held and sent
together, while the parent still times every call and knows which call hung or crashed:

- held replies are sent when the request ends, or once the oldest has waited HOLD_FOR;
- a call that runs HOLD_FOR or longer is announced: a timer (SIGALRM, so no thread) sends
  the held replies and then a line {"id", "index", "running": true}. The parent times the
  call from that line, and blames a hang or a crash that follows on that call for sure;
- an announced call's reply, and every reply of an "each" request, is sent at once (an
  "each" request runs no timer: the parent times each of its calls by its own reply).

A call that blocks the timer (C code that never returns to Python, or learner code that
takes SIGALRM for itself) or that crashes the process before being announced takes the
held replies with it. The parent then cannot tell which call was at fault, and asks
again for the calls from the first one unanswered, as an "each" request.
"""
from __future__ import annotations

import os
import signal
import time
from dataclasses import dataclass
from typing import Any, Callable

from autograder.execution import wire

HOLD_FOR = 0.02  # seconds


@dataclass
class _Call:
    request_id: Any
    index: int
    started: float
    announced: bool = False


class Outbox:
    """The reply lines of one worker, written to fd; answers calls' timing as above."""

    def __init__(self, fd: int, before_sending: Callable[[], None] = lambda: None):
        self._fd = fd
        self._before_sending = before_sending  # e.g. flush what learner code printed
        self._held: list[bytes] = []
        self._held_since = 0.0
        self._call: _Call | None = None  # the learner call being made, if any
        self._timing = False
        signal.signal(signal.SIGALRM, self._tick)

    def put(self, line: bytes, *, at_once: bool = False) -> None:
        """Send line now or with the next ones, as the rules above say."""
        if not self._held:
            self._held_since = time.monotonic()
        self._held.append(line)
        if at_once or time.monotonic() - self._held_since >= HOLD_FOR:
            self.send()

    def send(self) -> None:
        """Send every held line."""
        if self._held:
            self._before_sending()
            self._write()

    def end_request(self) -> None:
        """The request is answered: send what is held, and stop the timer."""
        if self._timing:
            signal.setitimer(signal.ITIMER_REAL, 0)
            self._timing = False
        self.send()

    def call(self, request_id: Any, index: int, function: Callable, *args, each: bool = False) -> tuple[Any, bool]:
        """function(*args) as call index of a request, timed as above: (its result, whether
        the call was announced, which means its reply must be sent at once). In an "each"
        request every reply goes at once anyway, and no timer runs."""
        if not self._timing and not each:  # every HOLD_FOR from now until the request ends
            signal.setitimer(signal.ITIMER_REAL, HOLD_FOR, HOLD_FOR)
            self._timing = True
        call = self._call = _Call(request_id, index, time.monotonic())
        try:
            result = function(*args)
        finally:
            self._call = None  # before reading call.announced: the timer may not change it now
        return result, call.announced

    def _tick(self, signum: int, frame: Any) -> None:
        """SIGALRM, between two bytecodes of learner code or of ours."""
        call = self._call
        if call is None or call.announced or time.monotonic() - call.started < HOLD_FOR:
            return  # outside learner code, put() sends what has waited long enough
        call.announced = True
        self._held.append(wire.dumps({"id": call.request_id, "index": call.index, "running": True}))
        try:
            self._write()
        except OSError:  # the parent has gone: the worker's next write ends it
            pass

    def _write(self) -> None:
        data, self._held = memoryview(b"".join(self._held)), []
        while data:
            data = data[os.write(self._fd, data):]
