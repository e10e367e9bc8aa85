"""ex02: the cross-entropy cost, and dL/dA2 and dL/dZ2 at a sigmoid output layer."""
import numpy as np

from ..mistakes import Mistake, applies_if
from ..numeric import gradient, sigmoid, sums
from . import size

# A2 stays inside (0.05, 0.95): the losses and their derivatives are moderate there (below
# 20 in size) and the numerical gradients are accurate to about 1e-9.
A_LOW, A_HIGH = 0.06, 0.94


def outputs(rng, m):
    """A2 of shape (1, m) strictly inside (0.05, 0.95); Y of shape (1, m) in {0, 1}, with
    both labels present when m > 1."""
    m = size(rng, m)
    A2 = rng.uniform(A_LOW, A_HIGH, (1, m))
    labels = rng.integers(0, 2, m).astype(np.float64)
    if m > 1:
        labels[0], labels[1] = 0.0, 1.0
        labels = rng.permutation(labels)
    return {"A2": A2, "Y": labels.reshape(1, m)}


def _losses(A2, Y):
    """The loss of every example, L(a, y) = -(y log a + (1 - y) log(1 - a)), shape (1, m)."""
    return -(np.log(A2) * Y + np.log1p(-A2) * (1.0 - Y))


def _summed_losses(points, Y):
    """The summed loss at each of the stacked points (numeric.gradient's stacked f)."""
    return sums(_losses(points, Y))


# The oracles: the cost from its definition, the derivatives by central differences of the
# summed loss (over the examples, no 1/m).
def compute_cost(A2, Y):
    return float(np.mean(_losses(A2, Y)))


def loss_derivative(A2, Y):
    return gradient(lambda A: _summed_losses(A, Y), A2, stacked=True)


def output_delta(A2, Y):
    Z2 = np.log(A2) - np.log1p(-A2)  # logit: the Z2 whose sigmoid is A2
    return gradient(lambda Z: _summed_losses(sigmoid(Z), Y), Z2, stacked=True)


def _m(A2):
    return A2.shape[1]


def _of_both_labels(output):
    """output where both labels are present (m > 1): on one example, a sign flipped in one
    term of the loss alone gives minus the right value too."""
    return applies_if(lambda inputs: _m(inputs["A2"]) > 1, output)


CASES = {"outputs": outputs}
EXPECTED = {"compute_cost": compute_cost, "loss_derivative": loss_derivative, "output_delta": output_delta}
MISTAKES = {
    "compute_cost": [
        Mistake("ex02/cost-missing-1-over-m", lambda A2, Y: compute_cost(A2, Y) * _m(A2)),
        Mistake("ex02/cost-sign-flipped", _of_both_labels(lambda A2, Y: -compute_cost(A2, Y))),
        # and no 1/m: the sign first
        Mistake("ex02/cost-sign-flipped", _of_both_labels(lambda A2, Y: -compute_cost(A2, Y) * _m(A2))),
    ],
    "loss_derivative": [
        Mistake("ex02/sign-flipped", _of_both_labels(lambda A2, Y: -loss_derivative(A2, Y))),
        Mistake("ex02/divided-by-m", lambda A2, Y: loss_derivative(A2, Y) / _m(A2)),
    ],
    "output_delta": [
        Mistake("ex02/sign-flipped", _of_both_labels(lambda A2, Y: -output_delta(A2, Y))),
        Mistake("ex02/divided-by-m", lambda A2, Y: output_delta(A2, Y) / _m(A2)),
        # the chain rule's da/dz applied a second time, to a delta that already holds it
        Mistake("ex02/extra-sigmoid-derivative", lambda A2, Y: output_delta(A2, Y) * A2 * (1.0 - A2)),
    ],
}
