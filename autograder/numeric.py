"""The oracle: central differences of a forward computation.

Every derivative a learner writes is compared with these. They run in the grading process
only, on the grader's own forward computations, never on learner code.
"""
import numpy as np

STEP = 1e-5  # near the cube root of float64's epsilon: truncation and rounding balance


def gradient(f, x, step=STEP):
    """d f / d x by central differences, entry by entry; `x` is left unchanged."""
    x = np.array(x, dtype=np.float64)
    grad = np.zeros_like(x)
    flat, out = x.reshape(-1), grad.reshape(-1)
    for i in range(flat.size):
        kept = flat[i]
        try:
            flat[i] = kept + step
            up = float(f(x))
            flat[i] = kept - step
            down = float(f(x))
        finally:
            flat[i] = kept
        out[i] = (up - down) / (2 * step)
    return grad


def elementwise_derivative(g, z, step=STEP):
    """g'(z) for an elementwise g, all entries at once."""
    z = np.array(z, dtype=np.float64)
    with np.errstate(over="ignore"):
        return (g(z + step) - g(z - step)) / (2 * step)


def sigmoid(z):
    """1 / (1 + exp(-z)), finite and warning-free for any float64 z."""
    z = np.array(z, dtype=np.float64)
    e = np.exp(-np.abs(z))  # never overflows
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def relu(z):
    return np.maximum(z, 0.0)


def relative_error(a, b):
    """||a - b|| / (||a|| + ||b||), 0 when both are zero: symmetric and scale-free."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    total = np.linalg.norm(a) + np.linalg.norm(b)
    return float(np.linalg.norm(a - b) / total) if total else 0.0
