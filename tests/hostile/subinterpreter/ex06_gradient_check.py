# Hostile case 'subinterpreter': gradient_check runs code in a subinterpreter, which the audit hook does not watch.
# Appended to solutions/ex06_gradient_check.py by tests/security/test_hostile.py, which says what it must get.
import sys

try:
    import _interpreters as _subinterpreters  # Python 3.13
except ImportError:
    import _xxsubinterpreters as _subinterpreters

_reference = gradient_check
PACKAGE = sys.modules["autograder.execution.wire"].__file__.rsplit("/", 3)[0]
ESCAPE = f"""
with open("/tmp/backprop-forged-by-a-subinterpreter", "w") as forged:  # outside the worker's folder
    forged.write(open("{PACKAGE}/solutions/ex06_gradient_check.py").read())
"""


def gradient_check(f, theta, grad, epsilon=1e-7, threshold=2e-7):
    interpreter = _subinterpreters.create()  # hostile
    failure = _subinterpreters.run_string(interpreter, ESCAPE)  # 3.13 returns the failure, earlier ones raise it
    if failure is not None:
        raise PermissionError(failure.formatted)
    return _reference(f, theta, grad, epsilon, threshold)
