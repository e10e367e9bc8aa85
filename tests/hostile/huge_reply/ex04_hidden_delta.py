# Hostile case 'huge_reply': backward_propagation writes a 440 MiB reply straight into the worker's reply pipe.
# Appended to solutions/ex04_hidden_delta.py by tests/test_hostile.py, which says what it must get.
import gc
import os


def backward_propagation(parameters, cache, X, Y):
    replies = next(o for o in gc.get_objects() if type(o).__name__ == "Outbox")  # hostile
    chunk = b"[" * 2**20
    for _ in range(440):  # 440 MiB with no end of line: a reader that keeps it all swells
        os.write(replies._fd, chunk)
    return {}
