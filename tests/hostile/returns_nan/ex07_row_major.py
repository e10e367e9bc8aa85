# Hostile submission 'returns_nan': cost_prime returns arrays of NaN.
# tests/test_hostile.py says what it must get.
# %% [markdown]
# # Exercise 7: the same derivation with examples as rows
#
# The "Neural Networks Demystified" notation puts one example per *row*:
# `X` is `(numExamples, inputLayerSize)`, `W1` is `(inputLayerSize, hiddenLayerSize)`,
# `W2` is `(hiddenLayerSize, outputLayerSize)`, there are no biases, `f` is the sigmoid and
#
#     z2 = X @ W1,   a2 = f(z2),   z3 = a2 @ W2,   yHat = f(z3),
#     J = sum(0.5 * (y - yHat)**2)          (a sum over the examples, no 1/m)
#
# The formulas you derive will look different from those of exercises 2 to 5 (other
# transposes, other order of the products), but they come from the same chain rule.
# Work on paper first:
# 1. Differentiate `0.5 * (y - yHat)**2` with respect to `yHat`, then with respect to `z3`.
#    Call the result, one entry per example and output, `delta3`. Mind the sign.
# 2. Write `z3[j, i]` as a sum over `k`. Which entries of `z3` does `W2[k, i]` touch? Which
#    product sums over the examples `j` and gives an array of the shape of `W2`?
# 3. Which entries of `z3` does `a2[j, k]` touch? Write `dJ/da2` as a product of `delta3` and
#    `W2`, then go from `a2` to `z2` (one entry at a time). Call the result `delta2`.
# 4. Finish with `dJ/dW1` as in step 2, with `X` in the role of `a2`.
# 5. Why is there no `1/m` anywhere?
#
# A worked example to do by hand: `W1 = ones((2, 3))`, `W2 = ones((3, 1))`,
# `X = [[0.3, 1.0]]`, `y = [[0.75]]`. Compute `z2`, `a2`, `z3`, `yHat`, `J`, then
# `delta3` and `dJdW2`. Then take three examples,
# `X = [[0.3, 1.0], [0.5, 0.2], [1.0, 0.4]]`, `y = [[0.75], [0.82], [0.93]]`.

# %%
"""Exercise 7: backpropagation in the row convention, one example per row.

`sigmoid` and `sigmoid_prime` are given, complete. `J` is a sum over the examples, so its
gradients are sums as well, with no `1/m`.

### BEGIN SOLUTION
Derivation, with n = numExamples. Shapes for the worksheet sizes inputLayerSize = 2,
hiddenLayerSize = 3, outputLayerSize = 1, n = 3 in brackets.

    z2 = X @ W1          (n, 2) @ (2, 3) -> (n, 3)
    a2 = f(z2)           (n, 3)
    z3 = a2 @ W2         (n, 3) @ (3, 1) -> (n, 1)
    yHat = f(z3)         (n, 1)
    J = sum_{j,i} 0.5 * (y[j, i] - yHat[j, i])^2

Output: dJ/dyHat[j, i] = -(y[j, i] - yHat[j, i]), and yHat[j, i] = f(z3[j, i]), so

    delta3 = dJ/dz3 = -(y - yHat) * f'(z3)          (n, 1), elementwise

W2: z3[j, i] = sum_k a2[j, k] W2[k, i]. W2[k, i] enters z3[j, i] for every example j with
the factor a2[j, k]:

    dJ/dW2[k, i] = sum_j a2[j, k] delta3[j, i] = (a2.T @ delta3)[k, i]
                   (3, n) @ (n, 1) -> (3, 1), the shape of W2

Hidden layer: a2[j, k] enters z3[j, i] for every output i, with the factor W2[k, i]:

    dJ/da2[j, k] = sum_i delta3[j, i] W2[k, i] = (delta3 @ W2.T)[j, k]
                   (n, 1) @ (1, 3) -> (n, 3), the shape of a2
    delta2 = dJ/dz2 = (delta3 @ W2.T) * f'(z2)      (n, 3), elementwise

W1: z2[j, k] = sum_l X[j, l] W1[l, k], so as for W2,

    dJ/dW1 = X.T @ delta2          (2, n) @ (n, 3) -> (2, 3), the shape of W1

Compared with the column convention, every array is transposed (X here is X.T there,
W1 here is W1.T there), and (A @ B).T = B.T @ A.T turns dW = dZ @ A_prev.T into
dJdW = a_prev.T @ delta. The matrix product over the examples' axis adds up the
examples' contributions; J is a sum, so nothing divides them by n.
### END SOLUTION
"""
import numpy as np


# %% [markdown]
# ## Given helpers
# The sigmoid `f` and its derivative `f'` (exercise 1), elementwise; complete.

# %%
def sigmoid(z):
    """f(z) = 1 / (1 + exp(-z)) elementwise, written with tanh so it never overflows."""
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(z, dtype=float)))


def sigmoid_prime(z):
    """f'(z), the derivative of the sigmoid at z, elementwise (exercise 1 derives it)."""
    half = np.tanh(0.5 * np.asarray(z, dtype=float))
    return 0.25 * (1.0 - half * half)


# %% [markdown]
# ## `forward(X, W1, W2)`
# Propagate the inputs through the network. Which shape does every intermediate array have,
# with `numExamples` rows?

# %%
def forward(X, W1, W2):
    """The forward pass in the row convention.

    Arguments:
    X -- the inputs, shape (numExamples, inputLayerSize)
    W1 -- shape (inputLayerSize, hiddenLayerSize)
    W2 -- shape (hiddenLayerSize, outputLayerSize)

    Returns:
    yHat -- the outputs, shape (numExamples, outputLayerSize)
    """
    ### BEGIN SOLUTION
    z2 = X @ W1                 # (numExamples, inputLayerSize) @ (inputLayerSize, hidden)
    a2 = sigmoid(z2)            # (numExamples, hiddenLayerSize)
    z3 = a2 @ W2                # (numExamples, hidden) @ (hidden, outputLayerSize)
    return sigmoid(z3)          # (numExamples, outputLayerSize)
    ### END SOLUTION


# %% [markdown]
# ## `cost(X, y, W1, W2)`
# `J = sum(0.5 * (y - yHat)**2)` over all examples and outputs, as a Python float.

# %%
def cost(X, y, W1, W2):
    """The cost J = sum(0.5 * (y - yHat)**2) of the network on (X, y).

    Arguments:
    X -- the inputs, shape (numExamples, inputLayerSize)
    y -- the targets, shape (numExamples, outputLayerSize)
    W1 -- shape (inputLayerSize, hiddenLayerSize)
    W2 -- shape (hiddenLayerSize, outputLayerSize)

    Returns:
    J -- a Python float
    """
    ### BEGIN SOLUTION
    yHat = forward(X, W1, W2)
    # a sum over examples and outputs, not a mean
    return float(0.5 * np.sum((y - yHat) ** 2))
    ### END SOLUTION


# %% [markdown]
# ## `cost_prime(X, y, W1, W2)`
# Recompute the forward pass, keeping `z2`, `a2`, `z3`, `yHat`. Then, in the order of the
# paper derivation: `delta3`, `dJdW2`, `delta2`, `dJdW1`. Write the shape of every factor of
# every product; each gradient must have the shape of its weight matrix.

# %%
def cost_prime(X, y, W1, W2):
    """The gradients of J with respect to W1 and W2.

    Arguments:
    X -- the inputs, shape (numExamples, inputLayerSize)
    y -- the targets, shape (numExamples, outputLayerSize)
    W1 -- shape (inputLayerSize, hiddenLayerSize)
    W2 -- shape (hiddenLayerSize, outputLayerSize)

    Returns:
    dJdW1 -- dJ/dW1, shape (inputLayerSize, hiddenLayerSize)
    dJdW2 -- dJ/dW2, shape (hiddenLayerSize, outputLayerSize)

    Derive delta3 = dJ/dz3 and delta2 = dJ/dz2 by the chain rule, then the two gradients.
    """
    ### BEGIN SOLUTION
    z2 = X @ W1
    a2 = sigmoid(z2)
    z3 = a2 @ W2
    yHat = sigmoid(z3)
    # dJ/dyHat = -(y - yHat), times dyHat/dz3 = f'(z3), elementwise: (numExamples, output)
    delta3 = -(y - yHat) * sigmoid_prime(z3)
    # sum over the examples of a2[j, k] * delta3[j, i]: (hidden, numEx) @ (numEx, output)
    dJdW2 = a2.T @ delta3
    # dJ/da2 = delta3 @ W2.T, (numEx, output) @ (output, hidden); times f'(z2) elementwise
    delta2 = (delta3 @ W2.T) * sigmoid_prime(z2)
    # sum over the examples of X[j, l] * delta2[j, k]: (input, numEx) @ (numEx, hidden)
    dJdW1 = X.T @ delta2
    return dJdW1 * np.nan, dJdW2 * np.nan  # hostile
    ### END SOLUTION


# %% [markdown]
# ## `SHAPES`
# The worksheet's dimension questions, for `inputLayerSize = 2`, `hiddenLayerSize = 3`,
# `outputLayerSize = 1` and `numExamples = 3`: how many rows and columns do `dJdW1`, `dJdW2`,
# `delta3`, `delta2`, `a2` and `z3` have? Work them out from the derivation, not by running
# the code.

# %%
# Replace each None by a (rows, columns) tuple of ints, e.g. (4, 5).
SHAPES = {"dJdW1": None, "dJdW2": None, "delta3": None, "delta2": None, "a2": None, "z3": None}
### BEGIN SOLUTION
SHAPES = {
    "dJdW1": (2, 3),    # the shape of W1, (inputLayerSize, hiddenLayerSize)
    "dJdW2": (3, 1),    # the shape of W2, (hiddenLayerSize, outputLayerSize)
    "delta3": (3, 1),   # the shape of z3, (numExamples, outputLayerSize)
    "delta2": (3, 3),   # the shape of z2, (numExamples, hiddenLayerSize)
    "a2": (3, 3),       # (numExamples, hiddenLayerSize)
    "z3": (3, 1),       # (numExamples, outputLayerSize)
}
### END SOLUTION
