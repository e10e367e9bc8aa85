# Hostile case 'reads_solutions': imports, then reads, the reference solution.
# Appended to solutions/ex03_weight_gradients.py by tests/security/test_hostile.py, which says what it must get.


def weight_gradients(dZ, A_prev):
    import importlib
    import os
    import sys

    import autograder  # hostile: find the checkout, and its solutions
    root = os.path.dirname(os.path.dirname(autograder.__file__))
    sys.path.insert(0, root)
    for name in ("solutions.ex03_weight_gradients", "autograder.content.solutions.ex03_weight_gradients"):
        try:
            return importlib.import_module(name).weight_gradients(dZ, A_prev)
        except ImportError:
            pass
    with open(os.path.join(root, "solutions", "ex03_weight_gradients.py")) as file:
        namespace = {}
        exec(file.read(), namespace)
    return namespace["weight_gradients"](dZ, A_prev)
