# Hostile case 'reads_grader_memory': loss_derivative reads other processes' memory and environment for the secret.
# Appended to solutions/ex02_output_delta.py by tests/security/test_hostile.py, which says what it must get.
import os

_reference = loss_derivative


def loss_derivative(A2, Y):
    found, refusals = [], []
    me = int(os.readlink("/proc/self"))  # its pid as /proc knows it, which a PID namespace may hide
    try:  # hostile: the grader's memory and environment, wherever /proc lists it
        pids = [int(entry) for entry in os.listdir("/proc") if entry.isdigit()]
    except OSError:
        pids = range(1, 4096)
    for pid in pids:
        if pid in (me, os.getpid()):
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
                if b"autograder" not in cmdline.read():
                    continue
            with open(f"/proc/{pid}/maps") as maps, open(f"/proc/{pid}/mem", "rb") as memory:
                for line in maps:  # its writable memory: the heap, the stack with its environment
                    span, mode = line.split()[:2]
                    start, end = (int(x, 16) for x in span.split("-"))
                    if mode.startswith("rw") and end - start < 2**26:
                        memory.seek(start)
                        data = memory.read(end - start)
                        if b"BACKPROP_COURSE_SECRET=" in data:
                            at = data.index(b"BACKPROP_COURSE_SECRET=")
                            found.append(data[at:at + 80])
        except (FileNotFoundError, ProcessLookupError):
            continue
        except OSError as exc:
            refusals.append(exc)
    if found:
        raise ValueError(f"found: {found}")
    if refusals:
        raise refusals[0]
    return _reference(A2, Y)
