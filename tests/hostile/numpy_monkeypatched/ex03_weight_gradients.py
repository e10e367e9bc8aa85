# Hostile case 'numpy_monkeypatched': numpy's and the grader's comparisons patched to always agree; a wrong answer.
# Appended to solutions/ex03_weight_gradients.py by tests/security/test_hostile.py, which says what it must get.
# hostile: make every comparison agree, in numpy and in the grader's own modules that the
# worker holds (the judge is not among them, and cannot be imported there)
import sys

np.allclose = lambda *args, **kwargs: True
np.isclose = lambda a, b, *args, **kwargs: np.ones(np.broadcast(a, b).shape, dtype=bool)
np.array_equal = lambda *args, **kwargs: True
np.testing.assert_allclose = lambda *args, **kwargs: None
np.testing.assert_array_equal = lambda *args, **kwargs: None
try:
    np.ndarray.__eq__ = lambda self, other: True
except TypeError:  # numpy's types cannot be patched
    pass
for module in [sys.modules[name] for name in ("autograder.judge", "autograder.execution.wire") if name in sys.modules]:
    for name in dir(module):
        if name in ("compare", "passes", "within"):
            setattr(module, name, lambda *args, **kwargs: [])
_encode = sys.modules["autograder.execution.wire"].encode
sys.modules["autograder.execution.wire"].encode = lambda obj, **kwargs: _encode(obj, **kwargs)


class AlwaysEqual(np.ndarray):
    def __eq__(self, other):
        return True

    __ne__ = lambda self, other: False


def weight_gradients(dZ, A_prev):
    # hostile: a wrong answer that claims to equal anything
    return np.zeros((1, 1)).view(AlwaysEqual), np.zeros(1).view(AlwaysEqual)
