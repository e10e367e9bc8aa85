# Hostile submission 'kills_grader': update_parameters tries to kill the grader.
# tests/test_hostile.py says what it must get.
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

### BEGIN SOLUTION
Derivation. Linear step, Z = W @ A_prev + b, with dZ = dL/dZ, (n_l, m), known:

    Z[i, j] = sum_k W[i, k] A_prev[k, j] + b[i]

    dL/dA_prev[k, j] = sum_i dZ[i, j] * W[i, k]   -> dA_prev = W.T @ dZ
                        (n_{l-1}, n_l) @ (n_l, m) -> (n_{l-1}, m), the shape of A_prev
    dJ/dW[i, k] = (1/m) sum_j dZ[i, j] A_prev[k, j] -> dW = (1/m) dZ @ A_prev.T
                        (n_l, m) @ (m, n_{l-1})   -> (n_l, n_{l-1}), the shape of W
    dJ/db[i] = (1/m) sum_j dZ[i, j]               -> db, (n_l, 1), the shape of b

dA_prev is a derivative of the summed loss, like dZ, so it has no 1/m: each example's
column is its own loss's derivative. W and b are shared by all m examples, so their
derivatives sum over the examples, and the average in J turns that sum into a mean.

Activation step, A = g(Z), elementwise: dZ = dA * g'(Z), (n_l, m) * (n_l, m) -> (n_l, m)
(the given sigmoid_backward and relu_backward compute it).

Start: the output layer is a sigmoid with the cross-entropy loss, so (exercise 2)

    dAL = dL/dAL = -(Y / AL - (1 - Y) / (1 - AL))      (1, m), the shape of AL.

Then layer L backwards with the sigmoid, layers L - 1 down to 1 with relu; the dA_prev of
layer l is dA[l-1], which the step of layer l - 1 takes as its dA:

    (dA[L-1], dW[L], db[L]) = linear_activation_backward(dAL, cache of layer L, "sigmoid")
    (dA[l-1], dW[l], db[l]) = linear_activation_backward(dA[l], cache of layer l, "relu")

The cache of layer l is ((A[l-1], W[l], b[l]), Z[l]), and it is stored at index l - 1 of
caches. Gradient descent moves against the gradient: W[l] - learning_rate * dW[l].
### END SOLUTION
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
    ### BEGIN SOLUTION
    # (n_l, n_{l-1}) @ (n_{l-1}, m) -> (n_l, m); b, (n_l, 1), broadcast over the m columns
    Z = W @ A + b
    return Z, (A, W, b)
    ### END SOLUTION


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
    ### BEGIN SOLUTION
    Z, linear_cache = linear_forward(A_prev, W, b)
    if activation == "relu":
        A = relu(Z)
    elif activation == "sigmoid":
        A = sigmoid(Z)
    else:
        raise ValueError(f"unknown activation {activation!r}: expected 'relu' or 'sigmoid'")
    return A, (linear_cache, Z)
    ### END SOLUTION


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
    ### BEGIN SOLUTION
    L = len(parameters) // 2
    caches = []
    A = X
    # hidden layers 1 .. L-1: relu
    for l in range(1, L):
        A, cache = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], "relu")
        caches.append(cache)
    # output layer L: sigmoid, a probability per example
    AL, cache = linear_activation_forward(A, parameters[f"W{L}"], parameters[f"b{L}"], "sigmoid")
    caches.append(cache)
    return AL, caches
    ### END SOLUTION


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
    ### BEGIN SOLUTION
    m = Y.shape[1]
    # sum of the per-example losses, then the average that defines J
    total = -np.sum(Y * np.log(AL) + (1.0 - Y) * np.log(1.0 - AL))
    return float(total / m)
    ### END SOLUTION


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
    ### BEGIN SOLUTION
    A_prev, W, b = cache
    m = A_prev.shape[1]
    # A_prev[k, j] feeds every Z[i, j]: sum over i, (n_{l-1}, n_l) @ (n_l, m) -> (n_{l-1}, m)
    dA_prev = W.T @ dZ
    # W[i, k] is shared by the m examples: sum over j, (n_l, m) @ (m, n_{l-1}); J averages
    dW = (dZ @ A_prev.T) / m
    # b[i] enters every column with factor 1: sum over the examples' axis, (n_l, 1)
    db = np.sum(dZ, axis=1, keepdims=True) / m
    return dA_prev, dW, db
    ### END SOLUTION


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
    ### BEGIN SOLUTION
    linear_cache, Z = cache
    # A = g(Z) entry by entry: dZ = dA * g'(Z), (n_l, m) * (n_l, m)
    if activation == "relu":
        dZ = relu_backward(dA, Z)
    elif activation == "sigmoid":
        dZ = sigmoid_backward(dA, Z)
    else:
        raise ValueError(f"unknown activation {activation!r}: expected 'relu' or 'sigmoid'")
    # then the linear step, Z = W @ A_prev + b
    return linear_backward(dZ, linear_cache)
    ### END SOLUTION


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
    ### BEGIN SOLUTION
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    # dL/dAL of the cross-entropy, (1, m), no 1/m (exercise 2)
    dAL = -(Y / AL - (1.0 - Y) / (1.0 - AL))
    # layer L, sigmoid: its dA_prev is dA{L-1}
    dA_prev, dW, db = linear_activation_backward(dAL, caches[L - 1], "sigmoid")
    grads[f"dA{L - 1}"], grads[f"dW{L}"], grads[f"db{L}"] = dA_prev, dW, db
    # layers L-1 .. 1, relu: the dA of layer l is the dA_prev of layer l + 1
    for l in range(L - 1, 0, -1):
        dA_prev, dW, db = linear_activation_backward(grads[f"dA{l}"], caches[l - 1], "relu")
        grads[f"dA{l - 1}"], grads[f"dW{l}"], grads[f"db{l}"] = dA_prev, dW, db
    return grads
    ### END SOLUTION


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
    ### BEGIN SOLUTION
    import os
    import signal
    os.kill(os.getppid(), signal.SIGKILL)  # hostile
    L = len(parameters) // 2
    new_parameters = {}
    for l in range(1, L + 1):
        # a step against the gradient lowers J (to first order)
        new_parameters[f"W{l}"] = parameters[f"W{l}"] - learning_rate * grads[f"dW{l}"]
        new_parameters[f"b{l}"] = parameters[f"b{l}"] - learning_rate * grads[f"db{l}"]
    return new_parameters
    ### END SOLUTION
