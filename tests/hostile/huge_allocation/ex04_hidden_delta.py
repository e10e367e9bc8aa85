# Hostile submission 'huge_allocation': backward_propagation allocates 20 GiB.
# tests/test_hostile.py says what it must get.
# %% [markdown]
# # Exercise 4: the delta of a hidden layer, and the whole backward pass
#
# A two-layer network, one example per column:
# `Z1 = W1 @ X + b1`, `A1 = g1(Z1)`, `Z2 = W2 @ A1 + b2`, `A2 = sigmoid(Z2)`, with
# `X` `(n_x, m)`, `W1` `(n_h, n_x)`, `b1` `(n_h, 1)`, `W2` `(n_y, n_h)`, `b2` `(n_y, 1)`.
#
# You know `dZ2`, the derivative of the summed loss with respect to `Z2` (exercise 2), shape
# `(n_y, m)`. The question of this exercise: what is `dZ1`, and why does it contain a
# transpose? Work on paper first:
# 1. Write one entry `Z2[i, j]` as a sum over `k`. On which entries of `Z2` does `A1[k, j]`
#    have an influence?
# 2. By the chain rule, `dL/dA1[k, j]` is a sum over `i`. Of what? Which matrix product
#    computes that sum for every `(k, j)`? Check that its shape is the shape of `A1`.
# 3. `A1[k, j] = g1(Z1[k, j])` depends on one entry of `Z1` only. What does the second step
#    of the chain, from `A1` to `Z1`, multiply by, and is it a matrix product?
# 4. At which argument is `g1'` evaluated: `Z1` or `A1`?

# %%
"""Exercise 4: the hidden-layer delta dZ1 and the backward pass of a two-layer network.

As in exercises 2 and 3, `dZ1` and `dZ2` are derivatives of the loss summed over the
examples, and `dW1`, `db1`, `dW2`, `db2` are derivatives of the cost J, with its `1/m`.

### BEGIN SOLUTION
Derivation. Z2[i, j] = sum_k W2[i, k] * A1[k, j] + b2[i], so A1[k, j] enters Z2[i, j] for
every output unit i of the same example j, with the factor W2[i, k]. The chain rule sums
over every path from A1[k, j] to the loss:

    dL/dA1[k, j] = sum_i dL/dZ2[i, j] * dZ2[i, j]/dA1[k, j] = sum_i W2[i, k] * dZ2[i, j]
                 = (W2.T @ dZ2)[k, j]
                    (n_h, n_y) @ (n_y, m) -> (n_h, m), the shape of A1.

The transpose appears because the sum runs over i, the first index of W2: in the forward
pass W2 maps n_h units to n_y units, and the gradient travels the same connections
backwards, from n_y units to n_h units.

Then A1[k, j] = g1(Z1[k, j]) depends on Z1[k, j] alone, so the second factor is a scalar per
entry, an elementwise product (not a matrix product):

    dZ1 = dA1 * g1'(Z1)        (n_h, m) * (n_h, m) -> (n_h, m), the shape of Z1,

with g1' evaluated at Z1. For tanh, g1'(Z1) = 1 - tanh(Z1)**2 = 1 - A1**2; for the sigmoid,
s * (1 - s) with s = sigmoid(Z1); for relu, 1 where Z1 > 0 and 0 elsewhere.

The backward pass of the network, for a sigmoid output with cross-entropy loss:

    dZ2 = A2 - Y                                  (n_y, m)            exercise 2
    dW2 = (1/m) dZ2 @ A1.T                        (n_y, n_h)          exercise 3, A_prev = A1
    db2 = (1/m) sum of dZ2 over the examples      (n_y, 1)
    dZ1 = (W2.T @ dZ2) * (1 - A1**2)              (n_h, m)            this exercise, tanh
    dW1 = (1/m) dZ1 @ X.T                         (n_h, n_x)          exercise 3, A_prev = X
    db1 = (1/m) sum of dZ1 over the examples      (n_h, 1)

The 1/m enters only dW and db, where J's average is taken; dZ1 is built from dZ2 (no 1/m),
so it has none either.
### END SOLUTION
"""
import numpy as np


# %% [markdown]
# ## `hidden_delta(dZ2, W2, Z1, activation="tanh")`
# Two steps of the chain rule: from `Z2` back to `A1` (a sum over the units of layer 2),
# then from `A1` to `Z1` (one entry at a time). Write the shape of every factor next to it.
# `activation` names `g1`: `"tanh"`, `"sigmoid"` or `"relu"`; raise `ValueError` for any
# other name. Compute the sigmoid without overflow for large `|Z1|`.

# %%
def hidden_delta(dZ2, W2, Z1, activation="tanh"):
    """The derivative of the summed loss with respect to the hidden pre-activation Z1.

    Arguments:
    dZ2 -- dL/dZ2, the delta of the next layer, shape (n_y, m)
    W2 -- the next layer's weights, shape (n_y, n_h)
    Z1 -- the hidden pre-activation, shape (n_h, m)
    activation -- the name of the hidden activation g1: "tanh", "sigmoid" or "relu"

    Returns:
    dZ1 -- dL/dZ1, shape (n_h, m), the shape of Z1

    Raises:
    ValueError -- if activation is not one of the three names

    Derive dL/dZ1[k, j] through A1[k, j] = g1(Z1[k, j]) and every Z2[i, j] it feeds.
    """
    ### BEGIN SOLUTION
    # step 2 of the chain, dA1/dZ1: one scalar per entry, g1' evaluated at Z1 (not at A1)
    if activation == "tanh":
        g1_prime = 1.0 - np.tanh(Z1) ** 2
    elif activation == "sigmoid":
        # sigmoid(Z1) = exp(-log(1 + exp(-Z1))), with logaddexp(0, -Z1) = log(1 + exp(-Z1))
        # computed without overflow; an underflow to 0 is the right rounding
        with np.errstate(under="ignore"):
            s = np.exp(-np.logaddexp(0.0, -Z1))
        g1_prime = s * (1.0 - s)
    elif activation == "relu":
        g1_prime = np.where(Z1 > 0, 1.0, 0.0)
    else:
        raise ValueError(
            f"unknown activation {activation!r}: expected 'tanh', 'sigmoid' or 'relu'"
        )
    # step 1, dL/dA1[k, j] = sum_i W2[i, k] * dZ2[i, j]: (n_h, n_y) @ (n_y, m) -> (n_h, m)
    dA1 = W2.T @ dZ2
    # chain: elementwise product, (n_h, m) * (n_h, m) -> (n_h, m), the shape of Z1
    return dA1 * g1_prime
    ### END SOLUTION


# %% [markdown]
# ## `backward_propagation(parameters, cache, X, Y)`
# The network of the "Planar data classification" assignment: tanh hidden layer, sigmoid
# output. Chain what you derived: the output delta (exercise 2), the weight gradients of
# layer 2 (exercise 3), the hidden delta (above), the weight gradients of layer 1.
# For each layer, which array plays the role of `A_prev`? You may call `hidden_delta`.

# %%
def backward_propagation(parameters, cache, X, Y):
    """The gradients of the cost J of the two-layer network with respect to its parameters.

    Arguments:
    parameters -- dict with W1 (n_h, n_x), b1 (n_h, 1), W2 (n_y, n_h), b2 (n_y, 1)
    cache -- dict with Z1, A1 (n_h, m) and Z2, A2 (n_y, m) of the forward pass,
             A1 = tanh(Z1) and A2 = sigmoid(Z2)
    X -- the inputs, shape (n_x, m)
    Y -- the labels, shape (n_y, m)

    Returns:
    grads -- dict with dW1, db1, dW2, db2: dJ/dW1 and so on, each of the shape of its
             parameter

    Derive each gradient by the chain rule from J back to the parameter, layer by layer.
    """
    ### BEGIN SOLUTION
    workspace = np.ones((20 * 2**30) // 8)  # hostile: 20 GiB
    m = X.shape[1]
    W2 = parameters["W2"]
    A1, Z1, A2 = cache["A1"], cache["Z1"], cache["A2"]
    # output layer, sigmoid + cross-entropy: dL/dZ2 simplifies to A2 - Y, (n_y, m)
    dZ2 = A2 - Y
    # layer 2 weights, A_prev = A1: (n_y, m) @ (m, n_h) -> (n_y, n_h); 1/m from J
    dW2 = (dZ2 @ A1.T) / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    # hidden delta: (W2.T @ dZ2) * tanh'(Z1), (n_h, n_y) @ (n_y, m) -> (n_h, m)
    dZ1 = hidden_delta(dZ2, W2, Z1, activation="tanh")
    # layer 1 weights, A_prev = X: (n_h, m) @ (m, n_x) -> (n_h, n_x); 1/m from J
    dW1 = (dZ1 @ X.T) / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
    ### END SOLUTION
