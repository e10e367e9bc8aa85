# Hostile case 'widens_the_hook': cost_prime finds the audit hook's policy through gc, widens it, reads the solutions.
# Appended to solutions/ex07_row_major.py by tests/security/test_hostile.py, which says what it must get.
import gc
import sys

_reference = cost_prime


def cost_prime(X, y, W1, W2):
    for policy in [o for o in gc.get_objects() if type(o).__name__ == "_Policy"]:  # hostile
        object.__setattr__(policy, "protected", ())
        object.__setattr__(policy, "folder", "/")
    package = sys.modules["autograder.execution.wire"].__file__.rsplit("/", 3)[0]
    with open(f"{package}/solutions/ex07_row_major.py") as solution:
        solution.read()
    return _reference(X, y, W1, W2)
