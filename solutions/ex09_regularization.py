# %% [markdown]
# # Exercise 9: L2 regularization and inverted dropout, and their gradients
#
# The three-layer network of the "Regularization" assignment of Ng's second course:
# LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID, one example per column, with
# `X` `(n_x, m)`, `W[l]` `(n_l, n_{l-1})`, `b[l]` `(n_l, 1)` and labels `Y` `(1, m)`.
#
# Both ways of fighting overfitting change the function you differentiate, so they change
# its gradients too. Work on paper before you write code:
# 1. L2 regularization adds `(lambd / (2m)) * sum over l of sum(W[l]**2)` to the cost `J`.
#    What is the derivative of that term with respect to one entry `W[l][i, k]`? What
#    happens to the 2 of the square, and to the `1/(2m)`?
# 2. Which gradients does the new term change: `dW`, `db`, `dZ`, `dA`? Which of the
#    parameters does it depend on?
# 3. Inverted dropout multiplies `A1` entry by entry by a 0/1 mask `D1`, then divides it by
#    `keep_prob`. Each entry of `D1` is 1 with probability `keep_prob`: what is the expected
#    value of `A1 * D1`, and what does dividing by `keep_prob` give back?
# 4. With the masks fixed, dropout is one more elementwise step of the forward pass. What
#    does the chain rule multiply by when it goes back through that step?

# %%
"""Exercise 9: the gradients of an L2-regularized cost and of a network with inverted dropout.

As in the exercises of part 1, `dZ` and `dA` are derivatives of the loss summed over the
examples, with no `1/m`, and `dW`, `db` are derivatives of the cost `J`, with its `1/m`.
The helpers `sigmoid`, `relu` and `compute_cost` (the cross-entropy cost, without
regularization) are given, complete.

### BEGIN SOLUTION
Derivation, L2 regularization. The regularized cost is

    J_reg = J + (lambd / (2m)) * sum_l sum_{i,k} W[l][i, k]**2,   J the cross-entropy cost.

The new term depends on the weights alone. Its derivative with respect to one entry is

    d/dW[l][i, k] of (lambd / (2m)) * W[l][i, k]**2 = (lambd / (2m)) * 2 * W[l][i, k]
                                                    = (lambd / m) * W[l][i, k],

so every dW[l] gains (lambd / m) * W[l], of the shape of W[l]: the 2 of the square cancels
the 2 of 2m, and the 1/m stays, because the penalty is averaged like the cost it is added
to. The biases do not appear in the penalty, so db[l] is the gradient of J alone. Nor do
Z[l] and A[l]: dZ and dA (derivatives of the summed loss) are those of the plain network.

    dZ3 = A3 - Y                                     (1, m)
    dW3 = (1/m) dZ3 @ A2.T + (lambd / m) W3          (1, n_2)
    db3 = (1/m) sum of dZ3 over the examples         (1, 1)
    dA2 = W3.T @ dZ3                                 (n_2, m)
    dZ2 = dA2 * relu'(Z2)                            (n_2, m)
    dW2 = (1/m) dZ2 @ A1.T + (lambd / m) W2, db2 as db3; then layer 1 likewise, A0 = X.

Derivation, inverted dropout. With the masks D1, D2 fixed, the forward pass is

    Z1 = W1 @ X + b1,  A1 = relu(Z1) * D1 / keep_prob,
    Z2 = W2 @ A1 + b2, A2 = relu(Z2) * D2 / keep_prob,
    Z3 = W3 @ A2 + b3, A3 = sigmoid(Z3).

Each entry of D1 is 1 with probability keep_prob, so E[relu(Z1) * D1] = keep_prob *
relu(Z1): dividing by keep_prob keeps the expected input of the next layer what it is
without dropout, so that the network can be used at test time with no dropout and no
rescaling.

Backwards, the step a -> a * D / keep_prob is elementwise, with derivative D / keep_prob
at each entry. With dA2 the derivative of the summed loss with respect to relu(Z2), the
activation before dropout,

    dA2 = (W3.T @ dZ3) * D2 / keep_prob              (n_2, m)
    dZ2 = dA2 * relu'(Z2)
    dA1 = (W2.T @ dZ2) * D1 / keep_prob, dZ1 = dA1 * relu'(Z1),

and dW, db as usual, from the dropped activations the forward pass used: a unit shut
down in the forward pass passes no gradient back, and one kept passes it scaled by the
same 1 / keep_prob that scaled its output.
### END SOLUTION
"""
import numpy as np


# %% [markdown]
# ## Given helpers
# These three are complete; you do not need to change them. `compute_cost` is the
# cross-entropy cost `J = -(1/m) * sum(Y * log(A3) + (1 - Y) * log(1 - A3))` of exercise 2,
# as a float, without regularization.

# %%
def sigmoid(x):
    """The sigmoid 1 / (1 + exp(-x)) elementwise, computed with tanh so it never overflows."""
    return 0.5 + 0.5 * np.tanh(0.5 * x)


def relu(x):
    """max(0, x) elementwise."""
    return np.where(x > 0, x, 0.0)


def compute_cost(A3, Y):
    """The cross-entropy cost of the outputs A3 (1, m) against the labels Y (1, m), a float."""
    count = Y.shape[1]
    return float(-np.sum(Y * np.log(A3) + (1.0 - Y) * np.log(1.0 - A3)) / count)


# %% [markdown]
# ## `compute_cost_with_regularization(A3, Y, parameters, lambd)`
# The cross-entropy cost (use the given `compute_cost`) plus the L2 penalty
# `(lambd / (2m)) * sum over l of sum(W[l]**2)`. `parameters` holds `W1, b1, ..., WL, bL`
# with `L = len(parameters) // 2`: the checks use the course's three layers and other depths
# too. Which parameters does the penalty sum over?

# %%
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    """The cross-entropy cost plus the L2 regularization penalty of every weight matrix.

    Arguments:
    A3 -- the output activations of the network, shape (1, m), entries in (0, 1)
    Y -- the labels, shape (1, m)
    parameters -- dict with W1, b1, ..., WL, bL
    lambd -- the regularization strength lambda, a float

    Returns:
    cost -- the regularized cost J_reg, a number
    """
    ### BEGIN SOLUTION
    m = Y.shape[1]
    L = len(parameters) // 2
    cross_entropy_cost = compute_cost(A3, Y)
    # the penalty sums the squares of every weight matrix; the biases are left out
    squares = sum(np.sum(np.square(parameters[f"W{l}"])) for l in range(1, L + 1))
    L2_regularization_cost = (lambd / (2 * m)) * squares
    return float(cross_entropy_cost + L2_regularization_cost)
    ### END SOLUTION


# %% [markdown]
# ## `backward_propagation_with_regularization(X, Y, cache, lambd)`
# The backward pass of the three-layer network, for the regularized cost. `cache` is the
# tuple `(Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)` of the forward pass. Start from
# the backward pass without regularization: which of its lines does the penalty change,
# and by what term? Return the dict with keys `dZ3, dW3, db3, dA2, dZ2, dW2, db2, dA1, dZ1,
# dW1, db1`.

# %%
def backward_propagation_with_regularization(X, Y, cache, lambd):
    """The gradients of the L2-regularized cost of the three-layer network.

    Arguments:
    X -- the inputs, shape (n_x, m)
    Y -- the labels, shape (1, m)
    cache -- the tuple (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) of the forward pass,
             A1 = relu(Z1), A2 = relu(Z2), A3 = sigmoid(Z3)
    lambd -- the regularization strength lambda, a float

    Returns:
    gradients -- dict with dZ3, dA2, dZ2, dA1, dZ1 (summed loss, each the shape of what it
                 is the gradient of) and dW3, db3, dW2, db2, dW1, db1 (the regularized cost
                 J_reg, each the shape of its parameter)
    """
    ### BEGIN SOLUTION
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    # sigmoid output with cross-entropy: dL/dZ3, no 1/m
    dZ3 = A3 - Y
    # the penalty's derivative (lambd / m) * W joins each dW; no bias is in the penalty
    dW3 = (dZ3 @ A2.T) / m + (lambd / m) * W3
    db3 = np.sum(dZ3, axis=1, keepdims=True) / m
    dA2 = W3.T @ dZ3
    dZ2 = dA2 * (Z2 > 0)
    dW2 = (dZ2 @ A1.T) / m + (lambd / m) * W2
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dA1 = W2.T @ dZ2
    dZ1 = dA1 * (Z1 > 0)
    dW1 = (dZ1 @ X.T) / m + (lambd / m) * W1
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
            "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}
    ### END SOLUTION


# %% [markdown]
# ## `forward_propagation_with_dropout(X, parameters, keep_prob, masks)`
# Inverted dropout on the two hidden layers. The course draws the masks with
# `np.random.rand`; here they are given, `masks = (D1, D2)`, 0/1 arrays of the shapes of
# `A1` and `A2`, so that your results can be checked. Shut down the units whose mask entry
# is 0, then scale the activations so that their expected value does not change. Return
# `(A3, cache)` with `cache = (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)`,
# `A1` and `A2` as the next layer uses them.

# %%
def forward_propagation_with_dropout(X, parameters, keep_prob, masks):
    """The forward pass of the three-layer network with inverted dropout on A1 and A2.

    Arguments:
    X -- the inputs, shape (n_x, m)
    parameters -- dict with W1 (n_1, n_x), b1 (n_1, 1), W2 (n_2, n_1), b2 (n_2, 1),
                  W3 (1, n_2), b3 (1, 1)
    keep_prob -- the probability of keeping a unit, a float in (0, 1]
    masks -- the tuple (D1, D2) of 0/1 arrays, of shapes (n_1, m) and (n_2, m)

    Returns:
    A3 -- the output activations, shape (1, m)
    cache -- the tuple (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)
    """
    ### BEGIN SOLUTION
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    W3, b3 = parameters["W3"], parameters["b3"]
    D1, D2 = masks
    Z1 = np.dot(W1, X) + b1
    # shut down the units of D1 == 0, then rescale so that E[A1] is relu(Z1)'s
    A1 = relu(Z1) * D1 / keep_prob
    Z2 = np.dot(W2, A1) + b2
    A2 = relu(Z2) * D2 / keep_prob
    Z3 = np.dot(W3, A2) + b3
    A3 = sigmoid(Z3)
    cache = (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)
    return A3, cache
    ### END SOLUTION


# %% [markdown]
# ## `backward_propagation_with_dropout(X, Y, cache, keep_prob)`
# The backward pass of the network with dropout, for the cost of the forward pass with
# those masks (no regularization here). `cache` is the tuple of
# `forward_propagation_with_dropout`. Going back through the dropout step of layer 1 (the
# mask, then the scale), what does the chain rule multiply `dA1` by? Store, as the course
# does, `dA2` and `dA1` once that step is applied. Return the same dict of eleven
# gradients as above.

# %%
def backward_propagation_with_dropout(X, Y, cache, keep_prob):
    """The gradients of the cost of the three-layer network with the dropout masks fixed.

    Arguments:
    X -- the inputs, shape (n_x, m)
    Y -- the labels, shape (1, m)
    cache -- the tuple (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3) of
             forward_propagation_with_dropout
    keep_prob -- the probability of keeping a unit, as in the forward pass

    Returns:
    gradients -- dict with dZ3, dA2, dZ2, dA1, dZ1 (summed loss; dA2 and dA1 with respect
                 to relu(Z2) and relu(Z1), the activations before dropout) and dW3, db3,
                 dW2, db2, dW1, db1 (the cost J), each the shape of what it is the
                 gradient of
    """
    ### BEGIN SOLUTION
    m = X.shape[1]
    (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = (dZ3 @ A2.T) / m
    db3 = np.sum(dZ3, axis=1, keepdims=True) / m
    # back through A2 = relu(Z2) * D2 / keep_prob: the same mask, the same scale
    dA2 = (W3.T @ dZ3) * D2 / keep_prob
    dZ2 = dA2 * (Z2 > 0)
    dW2 = (dZ2 @ A1.T) / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dA1 = (W2.T @ dZ2) * D1 / keep_prob
    dZ1 = dA1 * (Z1 > 0)
    dW1 = (dZ1 @ X.T) / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
            "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}
    ### END SOLUTION
