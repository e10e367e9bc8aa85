"""When the worker's reply lines reach the parent (autograder.execution.outbox), on a real pipe."""
import json
import os
import signal
import time

import pytest

from autograder.execution.outbox import HOLD_FOR, Outbox


@pytest.fixture
def pipe():
    read, write = os.pipe()
    os.set_blocking(read, False)
    previous = signal.getsignal(signal.SIGALRM)
    yield read, write
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, previous)
    os.close(read)
    os.close(write)


def lines(fd) -> list:
    try:
        data = os.read(fd, 1 << 20)
    except BlockingIOError:
        return []
    return [json.loads(line) for line in data.splitlines()]


def test_replies_wait_for_the_end_of_the_request(pipe):
    read, write = pipe
    box = Outbox(write)
    for index in range(3):
        result, announced = box.call(7, index, lambda: index * 10)
        box.put(json.dumps({"index": index, "result": result}).encode() + b"\n", at_once=announced)
    assert lines(read) == []
    box.end_request()
    assert [line["result"] for line in lines(read)] == [0, 10, 20]


def test_a_long_call_is_announced_after_the_replies_before_it(pipe):
    read, write = pipe
    box = Outbox(write)
    box.put(b'{"index": 0}\n')
    seen = []

    def long_call():
        time.sleep(3 * HOLD_FOR)  # the timer interrupts the sleep, which then goes on
        seen.extend(lines(read))
        return "done"

    assert box.call(7, 1, long_call) == ("done", True)
    assert seen == [{"index": 0}, {"id": 7, "index": 1, "running": True}]
    box.end_request()
    assert lines(read) == []


def test_each_reply_goes_at_once_when_asked_or_once_replies_have_waited(pipe):
    read, write = pipe
    box = Outbox(write)
    box.put(b'{"index": 0}\n', at_once=True)
    assert lines(read) == [{"index": 0}]
    box.put(b'{"index": 1}\n')
    time.sleep(HOLD_FOR)
    box.put(b'{"index": 2}\n')  # the first held one has waited long enough: both go
    assert lines(read) == [{"index": 1}, {"index": 2}]


def test_the_timer_stops_with_the_request_and_an_each_request_has_none(pipe):
    read, write = pipe
    box = Outbox(write)
    box.call(1, 0, lambda: None)
    assert signal.getitimer(signal.ITIMER_REAL)[0] > 0
    box.end_request()
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert box.call(2, 0, lambda: time.sleep(3 * HOLD_FOR) or "slept", each=True) == ("slept", False)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0) and lines(read) == []
