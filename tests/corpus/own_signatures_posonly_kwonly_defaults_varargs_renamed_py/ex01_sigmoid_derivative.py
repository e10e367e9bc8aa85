# Week 1 -- activations and their derivatives.
# I like to be able to pass an "out" array and a threshold when I experiment.
import numpy as np


def _sigmoid(z, /):
    return 1.0 / (1.0 + np.exp(-z))


def sigmoid(*args, **kwargs):
    """Accepts sigmoid(z) or sigmoid(z=...), like numpy's own functions."""
    z = args[0] if args else kwargs["z"]
    with np.errstate(over="ignore"):
        return _sigmoid(np.asarray(z, dtype=float))


def sigmoid_derivative(z, /, *, s=None):
    # s: the sigmoid already computed in the forward pass, if the caller kept it
    if s is None:
        s = sigmoid(z)
    return s * (1.0 - s)


def tanh_derivative(x, /):
    t = np.tanh(x)
    return 1.0 - t * t


def relu_derivative(z, threshold=0.0, dtype=float):
    return (np.asarray(z) > threshold).astype(dtype)


if __name__ == "__main__":
    print(sigmoid(z=np.array([0.0, 2.0])), sigmoid_derivative(np.array(0.0)))
    print(relu_derivative(np.array([-1.0, 0.5]), threshold=0.1))
