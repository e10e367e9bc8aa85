"""Exercise 2 -- the output layer's delta.

I kept getting "RuntimeWarning: divide by zero encountered in log" when A2 had a 0 in it, so
the cost uses numpy's masked log (np.ma.log masks the zeros instead of giving -inf).
My Shaped class prints the shape next to the numbers; it made the (1, m) vs (m,) bugs easy to see.
"""
import numpy as np


class Shaped(np.ndarray):
    """An ndarray that shows its shape when printed, e.g. Shaped(1, 4)[[0.1 0.2 0.3 0.4]]."""

    def __new__(cls, values):
        return np.asarray(values, dtype=float).view(cls)

    def __repr__(self):
        return f"Shaped{self.shape}" + np.array2string(np.asarray(self), precision=3)

    __str__ = __repr__


def compute_cost(A2, Y):
    m = Y.shape[1]
    logprobs = np.ma.log(A2) * Y + np.ma.log(1 - A2) * (1 - Y)
    cost = -logprobs.sum() / m          # a masked sum skips the masked entries
    return cost


def loss_derivative(A2, Y):
    # broadcast_to so that dA2 has exactly the shape of A2 even if Y came as (m,)
    dA2 = np.broadcast_to(-(Y / A2) + (1 - Y) / (1 - A2), A2.shape)
    return dA2


def output_delta(A2, Y):
    dZ2 = Shaped(A2 - Y)
    return dZ2


A2 = np.array([[0.9, 0.2, 0.6, 0.0]])
Y = np.array([[1, 0, 1, 0]])
print(output_delta(A2, Y))      # Shaped(1, 4)[[-0.1  0.2 -0.4  0. ]]
print(compute_cost(A2, Y))
