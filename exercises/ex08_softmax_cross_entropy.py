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
    # YOUR CODE HERE
    raise NotImplementedError("softmax is not implemented yet")


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
    # YOUR CODE HERE
    raise NotImplementedError("one_hot is not implemented yet")


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
    # YOUR CODE HERE
    raise NotImplementedError("compute_cost is not implemented yet")


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
    # YOUR CODE HERE
    raise NotImplementedError("softmax_backward is not implemented yet")


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
    # YOUR CODE HERE
    raise NotImplementedError("output_delta is not implemented yet")
