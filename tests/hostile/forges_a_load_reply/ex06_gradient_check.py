# Hostile case 'forges_a_load_reply': ex06 answers its own load with a number, not the names a load's reply holds.
# Appended to solutions/ex06_gradient_check.py by tests/security/test_hostile.py, which says what it must get.
import sys

_wire = sys.modules["autograder.execution.wire"]
_line = _wire.line


def _forged(data):  # what the worker's server writes each reply with
    if type(data) is dict and "names" in data:  # hostile: the grading process looked for misspelt names in a number
        data = {"ok": True, "result": 5, "id": data["id"], "index": data["index"]}
    return _line(data)


_wire.line = _forged
