"""Exercise 2: the cross-entropy cost and its derivatives at a sigmoid output.

<<<<<<< HEAD
My notes: dZ2 = A2 - Y because the a(1 - a) of the sigmoid cancels the denominators of dL/da.
No 1/m here; it comes in dW and db.
=======
Throughout, `dA2` and `dZ2` are derivatives of the loss summed over the examples (not of the
cost J): entry j of each is the derivative of the loss of example j alone.
>>>>>>> upstream/main
"""
import numpy as np


def compute_cost(A2, Y):
    m = Y.shape[1]
    logprobs = Y * np.log(A2) + (1 - Y) * np.log(1 - A2)
    return float(-np.sum(logprobs) / m)


def loss_derivative(A2, Y):
    return -Y / A2 + (1 - Y) / (1 - A2)


def output_delta(A2, Y):
    return A2 - Y
