"""Output layer gradients, instrumented.

My TA showed us decorators this week, so every function here reports how long it took,
what shapes went in and out, and how many times it was called.
"""
import functools
import time

import numpy as np

VERBOSE = False


def timer(func):
    """Prints how long func took (when VERBOSE)."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        result = func(*args, **kwargs)
        if VERBOSE:
            print(f"{func.__name__} took {1000 * (time.perf_counter() - start):.3f} ms")
        return result
    return wrapper


def log_shapes(func):
    # no functools.wraps here: I wrote this one before I knew about it
    def inner(*args):
        shapes = [getattr(a, "shape", None) for a in args]
        out = func(*args)
        if VERBOSE:
            print(func.__name__, shapes, "->", getattr(out, "shape", None))
        return out
    return inner


class CountCalls:
    """A decorator class: counts the calls of the function it wraps."""

    def __init__(self, func):
        self.func = func
        self.calls = 0
        functools.update_wrapper(self, func)

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return self.func(*args, **kwargs)


@timer
def compute_cost(A2, Y):
    m = Y.shape[1]
    logprobs = Y * np.log(A2) + (1 - Y) * np.log(1 - A2)
    return float(-np.sum(logprobs) / m)


@log_shapes
def loss_derivative(A2, Y):
    return -(Y / A2) + (1 - Y) / (1 - A2)


@CountCalls
@timer
def output_delta(A2, Y):
    # dL/dA2 * dA2/dZ2 = (-(Y/A2) + (1-Y)/(1-A2)) * A2 (1 - A2) = A2 - Y
    return A2 - Y


if __name__ == "__main__":
    VERBOSE = True
    A2 = np.array([[0.9, 0.2, 0.7]])
    Y = np.array([[1, 0, 1]])
    print(compute_cost(A2, Y), loss_derivative(A2, Y), output_delta(A2, Y), output_delta.calls)
