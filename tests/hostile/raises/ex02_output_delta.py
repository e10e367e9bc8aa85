# Hostile submission 'raises': output_delta raises.
# tests/test_hostile.py says what it must get.
# %% [markdown]
# # Exercise 2: the cost, and the delta of a sigmoid output layer
#
# The output layer computes `Z2` of shape `(1, m)`, one column per example, and
# `A2 = sigmoid(Z2)`. With labels `Y` of shape `(1, m)` in {0, 1}, the loss of one example is
# `L(a, y) = -(y log a + (1 - y) log(1 - a))` and the cost is `J = (1/m) * sum of L`.
#
# Backpropagation starts here, from the derivative of the loss with respect to `Z2`.
# Work on paper first, for one example (scalars `a`, `y`, `z` with `a = sigmoid(z)`):
# 1. Differentiate `L(a, y)` with respect to `a`.
# 2. Multiply by `da/dz`, the sigmoid derivative of exercise 1 written with `a`.
#    Expand the product: what is left once the fractions cancel?
# 3. The loss of example `j` depends only on column `j` of `A2`. What does that make the
#    derivative of the *summed* loss with respect to the whole row `A2`, or `Z2`?
# 4. These derivatives are of the summed loss. Why do they not carry the `1/m` that `J`
#    has? (Exercise 3 shows where it enters.)

# %%
"""Exercise 2: the cross-entropy cost and its derivatives at a sigmoid output.

Throughout, `dA2` and `dZ2` are derivatives of the loss summed over the examples (not of the
cost J): entry j of each is the derivative of the loss of example j alone.

### BEGIN SOLUTION
Derivation, one example at a time (a = A2[0, j], y = Y[0, j], z = Z2[0, j]).

    L(a, y) = -(y log a + (1 - y) log(1 - a))

    dL/da = -y/a + (1 - y)/(1 - a)                              scalar; (1, m) for all j

The sigmoid gives da/dz = a (1 - a) (exercise 1). By the chain rule,

    dL/dz = dL/da * da/dz
          = (-y/a + (1 - y)/(1 - a)) * a (1 - a)
          = -y (1 - a) + (1 - y) a
          = a - y                                               (1, m) for all j

The loss of example j depends on Z2 only through Z2[0, j], so the derivative of the summed
loss with respect to Z2 is, entry by entry, dZ2 = A2 - Y, shape (1, m), the shape of Z2.
Multiplying by a (1 - a) once more would apply the sigmoid derivative twice: it is already
inside the simplification.

No 1/m: dZ2 is the derivative of the sum of the losses, not of their average J. The 1/m is
applied once, when dW and db are formed (exercise 3); dJ/dZ2 would be dZ2 / m.
### END SOLUTION
"""
import numpy as np


# %% [markdown]
# ## `compute_cost(A2, Y)`
# Average the loss over the `m` examples. Check the sign: `log a` is negative for `a` in
# `(0, 1)`, so a cost must come out positive.

# %%
def compute_cost(A2, Y):
    """The cross-entropy cost J = (1/m) * sum_j L(A2[0, j], Y[0, j]).

    Arguments:
    A2 -- the sigmoid outputs, shape (1, m), entries in (0, 1)
    Y -- the labels, shape (1, m), entries in {0, 1}

    Returns:
    cost -- J as a Python float
    """
    ### BEGIN SOLUTION
    m = Y.shape[1]
    # the loss of every example at once, shape (1, m)
    losses = -(Y * np.log(A2) + (1.0 - Y) * np.log(1.0 - A2))
    # J averages the losses: the only place 1/m appears in the forward pass
    return float(np.sum(losses) / m)
    ### END SOLUTION


# %% [markdown]
# ## `loss_derivative(A2, Y)`
# Differentiate `L(a, y)` with respect to `a`, for one example. Each entry of the result is
# that derivative for one column. Which `1/m` belongs here, if any?

# %%
def loss_derivative(A2, Y):
    """The derivative of the summed loss with respect to A2, dA2 = dL/dA2.

    Arguments:
    A2 -- the sigmoid outputs, shape (1, m), entries in (0, 1)
    Y -- the labels, shape (1, m)

    Returns:
    dA2 -- dL/dA2, shape (1, m), the shape of A2; entry j is dL_j/dA2[0, j]

    Derive dL/da from L(a, y) = -(y log a + (1 - y) log(1 - a)).
    """
    ### BEGIN SOLUTION
    # d/da of -y log a is -y/a; d/da of -(1 - y) log(1 - a) is +(1 - y)/(1 - a)
    # elementwise, (1, m): example j's loss depends on A2[0, j] alone, and no 1/m
    return -Y / A2 + (1.0 - Y) / (1.0 - A2)
    ### END SOLUTION


# %% [markdown]
# ## `output_delta(A2, Y)`
# Chain `dL/da` (above) with `da/dz` (exercise 1, written with `a`) and simplify the
# product until no fraction is left. You are given `A2`, not `Z2`: that is all you need.

# %%
def output_delta(A2, Y):
    """The derivative of the summed loss with respect to Z2, dZ2 = dL/dZ2, for A2 = sigmoid(Z2).

    Arguments:
    A2 -- the sigmoid outputs, shape (1, m), entries in (0, 1)
    Y -- the labels, shape (1, m)

    Returns:
    dZ2 -- dL/dZ2, shape (1, m), the shape of Z2

    Derive dL/dz = dL/da * da/dz for one example and simplify it.
    """
    ### BEGIN SOLUTION
    # dL/dz = (-y/a + (1 - y)/(1 - a)) * a (1 - a)    scalar * scalar, per example
    #       = -y (1 - a) + (1 - y) a = a - y          (1, m) for all examples at once
    raise ValueError("no delta today")  # hostile
    ### END SOLUTION
