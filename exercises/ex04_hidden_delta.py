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
    # YOUR CODE HERE
    raise NotImplementedError("hidden_delta is not implemented yet")


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
    # YOUR CODE HERE
    raise NotImplementedError("backward_propagation is not implemented yet")
