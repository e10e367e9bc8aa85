# Hostile case 'holds_on_to_its_process': tanh_derivative blocks signals, leaves its group, never returns.
# Appended to solutions/ex01_sigmoid_derivative.py by tests/security/test_hostile.py, which says what it must get.
import ctypes
import os
import signal
import sys
import threading
import time


def _hold():
    while True:
        time.sleep(0.01)


def tanh_derivative(z):
    sys.modules["autograder.execution.sandbox"]._FORBIDDEN.clear()  # hostile: the hook lets ctypes by
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, 0, 0, 0, 0)  # hostile: PR_SET_PDEATHSIG 0, to outlive the grader
    libc.prctl(36, 1, 0, 0, 0)  # hostile: PR_SET_CHILD_SUBREAPER
    for leave in (os.setsid, lambda: os.setpgid(0, 0)):  # hostile: out of the group the grader kills
        try:
            leave()
        except OSError:
            pass
    os.register_at_fork(after_in_child=_hold)  # hostile
    signal.pthread_sigmask(signal.SIG_BLOCK, set(signal.Signals))  # hostile
    for name in ("SIGTERM", "SIGALRM", "SIGXCPU", "SIGINT", "SIGHUP", "SIGXFSZ", "SIGPIPE"):
        signal.signal(getattr(signal, name), signal.SIG_IGN)  # hostile
    threading.Thread(target=_hold).start()  # hostile: not a daemon
    while True:  # hostile
        pass
