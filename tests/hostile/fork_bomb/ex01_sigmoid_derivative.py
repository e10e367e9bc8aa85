# Hostile case 'fork_bomb': sigmoid_derivative starts threads and processes until something stops it.
# Appended to solutions/ex01_sigmoid_derivative.py by tests/security/test_hostile.py, which says what it must get.
import _posixsubprocess
import os
import sys
import threading
import time

_reference = sigmoid_derivative


def _fork():
    errpipe_read, errpipe_write = os.pipe()
    head = [[b"/bin/sleep", b"600"], [b"/bin/sleep"], True, (errpipe_write,), None, None, -1, -1, -1, -1, -1, -1,
            errpipe_read, errpipe_write, False, True]
    tail = [-1, None, None, None, -1, None, False] if sys.version_info >= (3, 11) else [None, None, None, -1, None]
    _posixsubprocess.fork_exec(*head, *tail)


def sigmoid_derivative(z):
    try:
        for _ in range(100_000):  # hostile: threads that sleep for ever, as many as it may start
            threading.Thread(target=time.sleep, args=(10_000,), daemon=True).start()
    except RuntimeError:  # can't start new thread: a limit met
        pass
    for _ in range(500):  # hostile: processes that outlive it (a bounded bomb, in case a test fails)
        _fork()
    return _reference(z)
