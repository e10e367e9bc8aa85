# %% [markdown]
# # Exercise 5: a network of L layers, forward and backward
#
# The structure of "Building your Deep Neural Network: Step by Step": `L - 1` layers
# LINEAR -> RELU, then one LINEAR -> SIGMOID. Layer `l` (from 1 to `L`) holds `W[l]`,
# `(n_l, n_{l-1})`, and `b[l]`, `(n_l, 1)`; `A[0] = X` is `(n_x, m)`, one example per column.
#
# Every layer repeats the two steps you derived in exercises 2 to 4: a linear step
# `Z = W @ A_prev + b`, then an activation `A = g(Z)`. Backwards, each step turns the
# derivative with respect to its output into the derivatives with respect to its inputs.
# Before you write code, answer on paper:
# 1. In the linear step, `A_prev` feeds `Z` as `A1` fed `Z2` in exercise 4. What is
#    `dA_prev` in terms of `dZ` and `W`? What are `dW` and `db` (exercise 3)?
# 2. Which of `dA_prev`, `dW`, `db` carry a `1/m`, and why not all three?
# 3. What does each step have to remember from the forward pass (its *cache*) to compute its
#    backward step?
# 4. Where does the backward pass start, and with which derivative (exercise 2)?

# %%
"""Exercise 5: forward and backward propagation through an L-layer network.

`dA`, `dZ` (and `dA_prev`) are derivatives of the loss summed over the examples; `dW` and
`db` are derivatives of the cost J and carry its `1/m`. The helpers `sigmoid`, `relu`,
`sigmoid_backward` and `relu_backward` are given, complete.
"""
import numpy as np


# %% [markdown]
# ## Given helpers
# These four are complete; you do not need to change them. The backward helpers take the
# derivative with respect to the activation's output and the activation's input `Z`, and
# return the derivative with respect to `Z` (exercise 1, applied elementwise).

# %%
def sigmoid(Z):
    """The sigmoid 1 / (1 + exp(-Z)) elementwise, written with tanh so it never overflows. Returns A."""
    return 0.5 * (1.0 + np.tanh(0.5 * Z))


def relu(Z):
    """max(0, Z) elementwise. Returns A."""
    return np.maximum(Z, 0.0)


def sigmoid_backward(dA, Z):
    """dZ = dA * sigmoid'(Z) for A = sigmoid(Z), elementwise; the shape of Z."""
    s = sigmoid(Z)
    return dA * s * (1.0 - s)


def relu_backward(dA, Z):
    """dZ = dA * relu'(Z) for A = relu(Z), elementwise; the shape of Z."""
    return np.where(Z > 0, dA, 0.0)


# %% [markdown]
# ## `linear_forward(A, W, b)`
# The linear step of one layer. Check the shapes: `W` is `(n_l, n_{l-1})`, `A` is
# `(n_{l-1}, m)`, `b` is `(n_l, 1)`. Keep `(A, W, b)` as the cache: which of them does the
# backward step need?

# %%
def linear_forward(A, W, b):
    """The linear step of a layer.

    Arguments:
    A -- the previous layer's activations, shape (n_{l-1}, m)
    W -- the weights, shape (n_l, n_{l-1})
    b -- the bias, shape (n_l, 1)

    Returns:
    Z -- the pre-activation, shape (n_l, m)
    cache -- the tuple (A, W, b), for the backward step
    """
    # YOUR CODE HERE
    raise NotImplementedError("linear_forward is not implemented yet")


# %% [markdown]
# ## `linear_activation_forward(A_prev, W, b, activation)`
# The linear step followed by the activation `"relu"` or `"sigmoid"` (use the given helpers).
# The cache is `(linear_cache, Z)`: the backward step of the activation needs `Z`.

# %%
def linear_activation_forward(A_prev, W, b, activation):
    """One layer: LINEAR then ACTIVATION.

    Arguments:
    A_prev -- the previous layer's activations, shape (n_{l-1}, m)
    W -- the weights, shape (n_l, n_{l-1})
    b -- the bias, shape (n_l, 1)
    activation -- "relu" or "sigmoid"

    Returns:
    A -- the layer's activations, shape (n_l, m)
    cache -- the tuple (linear_cache, Z)
    """
    # YOUR CODE HERE
    raise NotImplementedError("linear_activation_forward is not implemented yet")


# %% [markdown]
# ## `L_model_forward(X, parameters)`
# `L = len(parameters) // 2` layers: RELU for layers 1 to `L - 1`, SIGMOID for layer `L`.
# Collect one cache per layer, in order, so that `caches[l - 1]` belongs to layer `l`.

# %%
def L_model_forward(X, parameters):
    """The forward pass [LINEAR -> RELU] * (L - 1) -> LINEAR -> SIGMOID.

    Arguments:
    X -- the inputs, shape (n_x, m)
    parameters -- dict with W1, b1, ..., WL, bL

    Returns:
    AL -- the output activations, shape (n_L, m)
    caches -- a list of the L caches of linear_activation_forward, layer 1 first
    """
    # YOUR CODE HERE
    raise NotImplementedError("L_model_forward is not implemented yet")


# %% [markdown]
# ## `compute_cost(AL, Y)`
# The cross-entropy cost of exercise 2, averaged over the `m` examples, as a Python float.

# %%
def compute_cost(AL, Y):
    """The cross-entropy cost J = (1/m) * sum_j L(AL[0, j], Y[0, j]).

    Arguments:
    AL -- the output activations, shape (1, m), entries in (0, 1)
    Y -- the labels, shape (1, m)

    Returns:
    cost -- J as a Python float
    """
    # YOUR CODE HERE
    raise NotImplementedError("compute_cost is not implemented yet")


# %% [markdown]
# ## `linear_backward(dZ, cache)`
# From `dZ` (summed loss, `(n_l, m)`) to `dA_prev`, `dW`, `db`. Derive `dA_prev` as you
# derived `dA1` in exercise 4, and `dW`, `db` as in exercise 3. Which of the three carry
# `1/m`? Check that each has the shape of what it is the derivative of.

# %%
def linear_backward(dZ, cache):
    """The backward step of the linear part of a layer.

    Arguments:
    dZ -- dL/dZ, the derivative of the summed loss with respect to Z, shape (n_l, m)
    cache -- the tuple (A_prev, W, b) of linear_forward

    Returns:
    dA_prev -- dL/dA_prev (summed loss, no 1/m), shape (n_{l-1}, m), the shape of A_prev
    dW -- dJ/dW (cost), shape (n_l, n_{l-1}), the shape of W
    db -- dJ/db (cost), shape (n_l, 1), the shape of b

    Derive each of the three from Z[i, j] = sum_k W[i, k] A_prev[k, j] + b[i].
    """
    # YOUR CODE HERE
    raise NotImplementedError("linear_backward is not implemented yet")


# %% [markdown]
# ## `linear_activation_backward(dA, cache, activation)`
# First through the activation (from `dA` to `dZ`, with the given backward helpers), then
# through the linear step. Which part of the cache does each need?

# %%
def linear_activation_backward(dA, cache, activation):
    """The backward step of one layer, LINEAR -> ACTIVATION.

    Arguments:
    dA -- dL/dA, the derivative of the summed loss with respect to the layer's output,
          shape (n_l, m)
    cache -- the tuple (linear_cache, Z) of linear_activation_forward
    activation -- "relu" or "sigmoid", the layer's activation

    Returns:
    dA_prev -- dL/dA_prev, shape (n_{l-1}, m)
    dW -- dJ/dW, shape (n_l, n_{l-1})
    db -- dJ/db, shape (n_l, 1)
    """
    # YOUR CODE HERE
    raise NotImplementedError("linear_activation_backward is not implemented yet")


# %% [markdown]
# ## `L_model_backward(AL, Y, caches)`
# Start from `dAL`, the derivative of the loss with respect to `AL` that you found in
# exercise 2 (`loss_derivative`). Then go through the layers from `L` down to 1: the sigmoid
# layer first, then the relu layers. Store `dA{l-1}`, `dW{l}`, `db{l}` for layer `l`, so
# the keys are `dA0 ... dA{L-1}`, `dW1 ... dWL`, `db1 ... dbL`.

# %%
def L_model_backward(AL, Y, caches):
    """The backward pass of the L-layer network.

    Arguments:
    AL -- the output activations of L_model_forward, shape (1, m)
    Y -- the labels, shape (1, m)
    caches -- the list of L caches of L_model_forward, layer 1 first

    Returns:
    grads -- dict with dA0 ... dA{L-1} (summed loss, each the shape of A[l]),
             dW1 ... dWL and db1 ... dbL (cost J, each the shape of its parameter)

    Derive the starting derivative dL/dAL from the loss, then chain the layers' steps.
    """
    # YOUR CODE HERE
    raise NotImplementedError("L_model_backward is not implemented yet")


# %% [markdown]
# ## `update_parameters(parameters, grads, learning_rate)`
# One step of gradient descent. In which direction does a step lower the cost: along the
# gradient, or against it?

# %%
def update_parameters(parameters, grads, learning_rate):
    """One step of gradient descent on every W[l] and b[l].

    Arguments:
    parameters -- dict with W1, b1, ..., WL, bL
    grads -- dict with dW1, db1, ..., dWL, dbL (and possibly dA entries, unused)
    learning_rate -- the step size, a positive float

    Returns:
    new_parameters -- a new dict with the updated W1, b1, ..., WL, bL, each of the shape of
                      the parameter it replaces
    """
    # YOUR CODE HERE
    raise NotImplementedError("update_parameters is not implemented yet")
