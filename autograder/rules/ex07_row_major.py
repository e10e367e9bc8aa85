"""ex07: the two-layer network of the Welch Labs notes, one example per row, no biases.

X is (numExamples, inputLayerSize), W1 (inputLayerSize, hiddenLayerSize), W2
(hiddenLayerSize, outputLayerSize); f is the sigmoid and J = sum(0.5 * (y - yHat)**2).
"""
import numpy as np

from ..compare import Total
from ..mistakes import Mistake, NotApplicable, error_counts_if
from ..numeric import elementwise_derivative, gradient, sigmoid, sums
from . import reply_of, size

# The notes' worked example: one example, then three.
WORKED_X = [[0.3, 1.0], [0.5, 0.2], [1.0, 0.4]]
WORKED_Y = [[0.75], [0.82], [0.93]]


# ------------------------------------------------------------------------------ cases

def network(rng, inputLayerSize, hiddenLayerSize, outputLayerSize, numExamples, scale=1.0):
    """Random inputs in [0, 1), targets in (0, 1) and weights; outputLayerSize "square" is hiddenLayerSize.
    Its keywords are the notes' names, which `backprop explain` gives the sizes of its shapes."""
    n_in, n_hidden, m = size(rng, inputLayerSize), size(rng, hiddenLayerSize), size(rng, numExamples)
    n_out = n_hidden if outputLayerSize == "square" else size(rng, outputLayerSize)
    X = rng.uniform(0.0, 1.0, (m, n_in))
    y = rng.uniform(0.05, 0.95, (m, n_out))
    W1 = scale * rng.standard_normal((n_in, n_hidden))
    W2 = scale * rng.standard_normal((n_hidden, n_out))
    return {"X": X, "y": y, "W1": W1, "W2": W2}


def worked(rng, examples):
    """The guided notes' example: W1 = ones((2, 3)), W2 = ones((3, 1)), its first examples."""
    X, y = np.array(WORKED_X[:examples]), np.array(WORKED_Y[:examples])
    return {"X": X, "y": y, "W1": np.ones((2, 3)), "W2": np.ones((3, 1))}


def worksheet(rng, inputLayerSize, hiddenLayerSize, outputLayerSize, numExamples):
    """The sizes of the worksheet's dimension questions (SHAPES is a constant: no call)."""
    return {"inputLayerSize": inputLayerSize, "hiddenLayerSize": hiddenLayerSize,
            "outputLayerSize": outputLayerSize, "numExamples": numExamples}


# ---------------------------------------------------------------------------- oracles

def _layers(X, W1, W2):
    """z2, a2, z3 and yHat of the forward pass, from the definitions."""
    hidden_in = np.asarray(X, dtype=np.float64) @ W1
    hidden_out = sigmoid(hidden_in)
    output_in = hidden_out @ W2
    return hidden_in, hidden_out, output_in, sigmoid(output_in)


def forward(X, W1, W2, y=None):
    """yHat; a case also holds y, for cost and cost_prime, which forward does not take."""
    return _layers(X, W1, W2)[3]


def _squared_errors(X, y, W1, W2):
    return 0.5 * np.square(np.asarray(y) - forward(X, W1, W2))


def cost(X, y, W1, W2):
    """J = sum over examples and outputs of 0.5 * (y - yHat)**2, a float whose per-output
    sums (Welch's own class returns them) are accepted too."""
    return Total(np.sum(_squared_errors(X, y, W1, W2), axis=0))


def cost_prime(X, y, W1, W2):
    """dJ/dW1 and dJ/dW2 by central differences of the cost (J at each stacked point)."""
    by_W1 = gradient(lambda W: sums(_squared_errors(X, y, W, W2)), W1, stacked=True)
    by_W2 = gradient(lambda W: sums(_squared_errors(X, y, W1, W)), W2, stacked=True)
    return by_W1, by_W2


def SHAPES(inputLayerSize, hiddenLayerSize, outputLayerSize, numExamples):
    """The shapes the worksheet asks for, read off a forward pass on arrays of its sizes.

    A gradient has the shape of what it is the gradient of: dJdW1 that of W1, delta3 = dJ/dz3
    that of z3, delta2 = dJ/dz2 that of z2.
    """
    X = np.zeros((numExamples, inputLayerSize))
    W1 = np.zeros((inputLayerSize, hiddenLayerSize))
    W2 = np.zeros((hiddenLayerSize, outputLayerSize))
    z2, a2, z3, _ = _layers(X, W1, W2)
    shapes = {"dJdW1": W1.shape, "dJdW2": W2.shape, "delta3": z3.shape, "delta2": z2.shape,
              "a2": a2.shape, "z3": z3.shape}
    return {name: tuple(int(n) for n in shape) for name, shape in shapes.items()}


# ------------------------------------------------------------------ mistaken versions

def _output_delta(X, y, W1, W2):
    """dJ/dz3, numerically: the derivative of the summed squared error through the sigmoid."""
    z3 = _layers(X, W1, W2)[2]
    return gradient(lambda z: sums(0.5 * np.square(y - sigmoid(z))), z3, stacked=True)


def _without_delta3(X, y, W1, W2):
    """dJdW2 taken as a2.T, the derivative of z3 with respect to W2 alone."""
    a2 = _layers(X, W1, W2)[1]
    return cost_prime(X, y, W1, W2)[0], a2.T


def _minus_lost(X, y, W1, W2):
    """delta3 = (y - yHat) * f'(z3): every gradient has the wrong sign."""
    return tuple(-g for g in cost_prime(X, y, W1, W2))


def _hidden_delta_by(product):
    """delta2 from product(delta3, W2) in place of delta3 @ W2.T (W2 untransposed: a shape
    error unless W2 is square; W2.T @ delta3: unless hiddenLayerSize = numExamples)."""
    def mistaken(X, y, W1, W2):
        z2 = _layers(X, W1, W2)[0]
        delta3 = _output_delta(X, y, W1, W2)
        back = product(delta3, W2) * elementwise_derivative(sigmoid, z2)
        return np.asarray(X).T @ back, cost_prime(X, y, W1, W2)[1]
    return mistaken


def _only_W2_raises_so(inputs):
    """Where np.dot(delta3, W2)'s error is no other slip's: np.dot(X, delta2) (X.T left out)
    raises it where X has W2's shape, np.dot(delta3, W1.T) where inputLayerSize = outputLayerSize."""
    X, W1, W2 = (np.shape(inputs[name]) for name in ("X", "W1", "W2"))
    return X != W2 and W1[0] != W2[1]


def _averaged(count):
    """Divided by numExamples (or, from np.mean, by the number of entries of y)."""
    def mistaken(X, y, W1, W2):
        n = count(X, y)
        return tuple(g / n for g in cost_prime(X, y, W1, W2))
    return mistaken


def _averaged_cost(count):
    return lambda X, y, W1, W2: Total(cost(X, y, W1, W2).parts / count(X, y))


def _not_2(count):
    """count, the divisor; not 2 (one example and two outputs, for np.mean): half of J or of
    its gradient is also the 0.5 of J kept where the 2 of the square cancels it."""
    if count == 2:
        raise NotApplicable
    return count


def _examples(X, y):
    return _not_2(np.shape(X)[0])


def _entries(X, y):
    return _not_2(np.size(y))


def prime_quantities(X, y, W1, W2):
    """The forward pass, and delta3 = dJ/dz3 and delta2 = dJ/dz2, numerically."""
    z2, a2, z3, yHat = _layers(X, W1, W2)
    delta2 = gradient(lambda z: sums(0.5 * np.square(y - sigmoid(sigmoid(z) @ W2))), z2, stacked=True)
    return {"z2": z2, "a2": a2, "z3": z3, "yHat": yHat, "delta3": _output_delta(X, y, W1, W2), "delta2": delta2}


def _column_order(dot):
    """delta2 = W2.T times delta3, exercise 4's order of the column convention, by dot."""
    return _hidden_delta_by(lambda delta3, W2: dot(np.transpose(W2), delta3))


# np.dot's error names both operands' shapes; matmul's two sizes, which `a2 @ delta3` names too
GIVEN_IF = {"cost_prime": reply_of(_column_order(np.dot),
                                   error_counts_if(_column_order(np.matmul), lambda inputs: False))}
CASES = {"network": network, "worked": worked, "worksheet": worksheet}
EXPECTED = {"forward": forward, "cost": cost, "cost_prime": cost_prime, "SHAPES": SHAPES}
QUANTITIES = {"cost_prime": prime_quantities}
# (the solution's SHAPES ends with a line "}": no line here may equal a solution line)
MISTAKES = dict(
    cost=[
        Mistake("ex07/averaged", _averaged_cost(_examples)),
        Mistake("ex07/averaged", _averaged_cost(_entries)),
    ],
    cost_prime=[
        Mistake("ex07/missing-delta3", _without_delta3),
        # its matmul error names hiddenLayerSize and outputLayerSize, as delta3 @ W1.T's does: values alone tell
        Mistake("ex07/W2-not-transposed", error_counts_if(_hidden_delta_by(np.matmul), lambda inputs: False)),
        Mistake("ex07/W2-not-transposed", error_counts_if(_hidden_delta_by(np.dot), _only_W2_raises_so)),
        Mistake("ex07/missing-minus", _minus_lost),
        # and averaged (Welch's part 7): the sign told first, the 1/numExamples once it is right
        Mistake("ex07/missing-minus", lambda **inputs: tuple(-g for g in _averaged(_examples)(**inputs))),
        Mistake("ex07/averaged", _averaged(_examples)),
        Mistake("ex07/averaged", _averaged(_entries)),
    ],
)
