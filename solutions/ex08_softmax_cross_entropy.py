# %% [markdown]
# # Exercise 8: softmax with cross-entropy, and why the output delta comes back
#
# A classifier with `C` classes ends with a layer of `C` units whose pre-activation `Z` is
# `(C, m)`, one column per example. The softmax turns each column into probabilities that
# sum to 1, and the labels are one-hot: `Y` is `(C, m)`, column `j` holding a single 1, in
# the row of example `j`'s class. The loss of one example is `L = -sum_k y_k log a_k`, and
# the cost is `J = (1/m) * sum of L`.
#
# As in exercise 2, the output delta `dZ` is a derivative of the loss *summed over the
# examples*, without `1/m`. Work on paper first, for one column (`z`, `a`, `y` vectors of
# `C` entries):
# 1. Why may you subtract the column's largest entry from `z` before taking `exp`, and why
#    must you, when an entry can be 1000?
# 2. Every `a_i` depends on every `z_k`, through the sum in the denominator. Compute
#    `da_i/dz_k`, once for `i = k` and once for `i != k`. Write the `C x C` Jacobian for
#    `C = 3`.
# 3. Multiply a vector `da` by that Jacobian. What is left of the sum over `k`?
# 4. Put `da = dL/da` of the cross-entropy into your result. What does it simplify to?

# %%
"""Exercise 8: the softmax, one-hot labels, the cross-entropy cost and its derivatives.

The `dZ` of `output_delta` is a derivative of the loss summed over the examples (not of the
cost J): column j is the derivative of example j's own loss. `softmax_backward` passes back
the derivative of whatever scalar its `dA` is the derivative of.

### BEGIN SOLUTION
Derivation, one column at a time (z, a, y vectors of C entries; indices i, k classes).

    a_i = exp(z_i) / S,   S = sum_k exp(z_k)

Stability: for any constant c, exp(z_i - c) / sum_k exp(z_k - c) is the same fraction (the
factor exp(-c) cancels). With c = max_k z_k every exponent is <= 0, so nothing overflows,
and the largest term is exp(0) = 1, so the sum is at least 1 and never 0.

The Jacobian. Differentiating the quotient,

    da_i/dz_i = a_i - a_i^2 = a_i (1 - a_i)
    da_i/dz_k = -a_i a_k                       for k != i

that is D = diag(a) - a a^T, symmetric (D, not J: J is the cost). For C = 3:

    D = [[a1(1-a1),  -a1 a2,    -a1 a3  ],
         [-a2 a1,    a2(1-a2),  -a2 a3  ],
         [-a3 a1,    -a3 a2,    a3(1-a3)]]

A scalar that depends on z through a has dz_k = sum_i da_i * da_i/dz_k = (D^T da)_k, and

    dz_k = a_k da_k - a_k sum_i a_i da_i = a_k (da_k - a . da)

For all columns: dZ = A * (dA - sum(A * dA, axis=0, keepdims=True)), (C, m). Keeping only
the diagonal, a_k (1 - a_k) da_k, drops the -a_k a_i da_i paths through the other outputs.

Cross-entropy. L = -sum_i y_i log a_i gives da_i = -y_i / a_i. Then a . da = -sum_i y_i = -1
(one-hot: a single 1 per column), and

    dz_k = a_k (-y_k / a_k + 1) = a_k - y_k

so dZ = A - Y, the same form as the sigmoid with binary cross-entropy in exercise 2, and,
like it, without 1/m: that enters with the cost, J = (1/m) sum_j L_j, and with dW and db.
### END SOLUTION
"""
import numpy as np


# %% [markdown]
# ## `softmax(Z)`
# Normalise each column over the classes. Which axis runs over the classes? Your result must
# stay finite when an entry of `Z` is as large as 1000 or as small as -1000.

# %%
def softmax(Z):
    """The softmax of every column of Z.

    Arguments:
    Z -- the output layer's pre-activation, shape (C, m), one column per example

    Returns:
    A -- shape (C, m): A[:, j] = exp(Z[:, j]) / sum_k exp(Z[k, j]); every column sums to 1
    """
    ### BEGIN SOLUTION
    # exp(z - c) / sum exp(z - c) is the same fraction; with c the column's max, exp <= 1
    shifted = Z - np.max(Z, axis=0, keepdims=True)
    e = np.exp(shifted)
    # (C, m) / (1, m): each column divided by its own sum over the classes
    return e / np.sum(e, axis=0, keepdims=True)
    ### END SOLUTION


# %% [markdown]
# ## `one_hot(labels, C)`
# `labels` holds one class index per example, as an integer array of shape `(m,)` or
# `(1, m)`. Return `Y` of shape `(C, m)`, floats: a class is a row, an example a column.

# %%
def one_hot(labels, C):
    """The one-hot matrix of integer class labels.

    Arguments:
    labels -- integers in 0 .. C - 1, shape (m,) or (1, m)
    C -- the number of classes

    Returns:
    Y -- shape (C, m), floats: Y[k, j] is 1.0 where example j is of class k, else 0.0
    """
    ### BEGIN SOLUTION
    classes = np.asarray(labels).reshape(-1)  # (m,) whichever shape was given
    count = classes.shape[0]
    Y = np.zeros((C, count))
    # the 1 of column j sits in the row of example j's class
    Y[classes, np.arange(count)] = 1.0
    return Y
    ### END SOLUTION


# %% [markdown]
# ## `compute_cost(A, Y)`
# Average the loss `L = -sum_k y_k log a_k` over the `m` examples. Only the probability of
# each example's own class enters its loss.

# %%
def compute_cost(A, Y):
    """The cross-entropy cost J = -(1/m) * sum of Y * log(A).

    Arguments:
    A -- the softmax outputs, shape (C, m), entries in (0, 1)
    Y -- the one-hot labels, shape (C, m)

    Returns:
    cost -- J, a number
    """
    ### BEGIN SOLUTION
    m = Y.shape[1]
    # the sum runs over the classes and the examples; J averages over the examples only
    return float(-np.sum(Y * np.log(A)) / m)
    ### END SOLUTION


# %% [markdown]
# ## `softmax_backward(dA, Z)`
# `dA` is the derivative of some scalar with respect to `A = softmax(Z)`. Return its
# derivative with respect to `Z`. Each `A[i, j]` depends on every entry of column `j` of `Z`:
# use the whole Jacobian of the softmax, column by column, then find the short form.

# %%
def softmax_backward(dA, Z):
    """The derivative with respect to Z, through A = softmax(Z), of a scalar whose derivative
    with respect to A is dA.

    Arguments:
    dA -- shape (C, m)
    Z -- the softmax's input, shape (C, m)

    Returns:
    dZ -- shape (C, m), the shape of Z
    """
    ### BEGIN SOLUTION
    A = softmax(Z)
    # per column, the Jacobian D = diag(a) - a a^T: D @ da = a * da - a * (a . da)
    inner = np.sum(A * dA, axis=0, keepdims=True)  # (1, m): a . da of every column
    return A * (dA - inner)
    ### END SOLUTION


# %% [markdown]
# ## `output_delta(A, Y)`
# The derivative of the summed cross-entropy loss with respect to `Z`, where `A = softmax(Z)`.
# Chain `dL/dA` with your `softmax_backward` on paper and simplify: you are given `A`, not
# `Z`, and need nothing else.

# %%
def output_delta(A, Y):
    """The derivative of the summed loss with respect to Z, dZ = dL/dZ, for A = softmax(Z).

    Arguments:
    A -- the softmax outputs, shape (C, m)
    Y -- the one-hot labels, shape (C, m)

    Returns:
    dZ -- dL/dZ, shape (C, m), the shape of Z
    """
    ### BEGIN SOLUTION
    # dz_k = a_k (da_k - a . da) with da = -y / a, and a . da = -1 for one-hot y
    return A - Y
    ### END SOLUTION
