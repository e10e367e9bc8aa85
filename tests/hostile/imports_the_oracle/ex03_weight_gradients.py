# Hostile case 'imports_the_oracle': weight_gradients returns what the grader's own oracle computes.
# Appended to solutions/ex03_weight_gradients.py by tests/security/test_hostile.py, which says what it must get.
import sys


def weight_gradients(dZ, A_prev):
    # hostile: the worker's own modules sit in sys.modules, and their package's path leads to the rules
    package = sys.modules["autograder.execution.wire"].__name__.split(".")[0]
    import importlib

    rules = importlib.import_module(f"{package}.rules.ex03_weight_gradients")
    return rules.EXPECTED["weight_gradients"](dZ, A_prev)
