# Hostile case 'huge_reply': backward_propagation writes a 440 MiB reply straight into the worker's reply pipe.
# Appended to solutions/ex04_hidden_delta.py by tests/security/test_hostile.py, which says what it must get.
import fcntl
import os
import stat


def _reply_pipe():
    for fd in range(3, 64):  # hostile: the one pipe open for writing
        try:
            if stat.S_ISFIFO(os.fstat(fd).st_mode) and fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_ACCMODE == os.O_WRONLY:
                return fd
        except OSError:
            continue


def backward_propagation(parameters, cache, X, Y):
    fd, chunk = _reply_pipe(), b"[" * 2**20
    for _ in range(440):  # 440 MiB with no end of line: a reader that keeps it all swells
        os.write(fd, chunk)
    return {}
