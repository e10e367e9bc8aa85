# Hostile case 'sets_timers_at_import': timers armed at import that would end the worker in later calls.
# Appended to solutions/ex01_sigmoid_derivative.py by tests/security/test_hostile.py, which says what it must get.
import faulthandler
import signal
import time

signal.setitimer(signal.ITIMER_REAL, 0.02)  # hostile: SIGALRM, whose default is to end the process
signal.setitimer(signal.ITIMER_VIRTUAL, 0.02)  # hostile: SIGVTALRM, after CPU time
faulthandler.dump_traceback_later(0.02, exit=True)  # hostile: _exit(1) from faulthandler's thread

_reference_sigmoid_derivative = sigmoid_derivative
_reference_tanh_derivative = tanh_derivative


def sigmoid_derivative(z):
    time.sleep(0.1)  # past every timer armed at import
    return _reference_sigmoid_derivative(z)


def tanh_derivative(z):
    signal.setitimer(signal.ITIMER_REAL, 0.01)  # hostile: a timer of its own call, which ends it
    time.sleep(0.1)
    return _reference_tanh_derivative(z)
