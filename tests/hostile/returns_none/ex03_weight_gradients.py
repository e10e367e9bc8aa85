# Hostile submission 'returns_none': weight_gradients forgets its return.
# tests/test_hostile.py says what it must get.
# %% [markdown]
# # Exercise 3: the weight gradients, and where `1/m` comes from
#
# A layer computes `Z = W @ A_prev + b` for all `m` examples at once:
# `W` is `(n_l, n_{l-1})`, `A_prev` is `(n_{l-1}, m)`, `b` is `(n_l, 1)` (broadcast over
# the `m` columns) and `Z` is `(n_l, m)`.
#
# You are given `dZ`, the derivative of the *loss summed over the examples* with respect to
# `Z`, shape `(n_l, m)`. You must return `dW` and `db`, the derivatives of the *cost*
# `J = (1/m) * sum of the losses`.
#
# Work it out on paper first, with scalars:
# 1. Write one entry `Z[i, j]` as a sum over `k`. Which entries of `Z` does `W[i, k]` touch?
# 2. By the chain rule, `dJ/dW[i, k]` is a sum over the examples `j`. Of what?
# 3. Which matrix product computes that sum for every `(i, k)` at once? Check the shapes.
# 4. `b[i]` is added to every column of row `i`. What does that make `dJ/db[i]`?
# 5. Where does `1/m` enter, and why does `dZ` not carry it?

# %%
"""Exercise 3: the gradients of the cost with respect to a layer's W and b.

### BEGIN SOLUTION
Derivation, in the column convention (one example per column).

    Z[i, j] = sum_k W[i, k] * A_prev[k, j] + b[i]          Z: (n_l, m)
    J       = (1/m) * sum_j L_j                              a scalar

dZ[i, j] is dL_j/dZ[i, j]: the derivative of the loss of example j, without 1/m.
W[i, k] appears in Z[i, j] for every example j, with the factor A_prev[k, j], so

    dJ/dW[i, k] = (1/m) * sum_j dZ[i, j] * A_prev[k, j]
                = (1/m) * (dZ @ A_prev.T)[i, k]
                   (n_l, m) @ (m, n_{l-1}) -> (n_l, n_{l-1}), the shape of W.

The transpose is not a convention: the sum runs over the examples j, the second index of
both dZ and A_prev, and a matrix product sums over the inner index, so A_prev must be
turned on its side. b[i] appears in every Z[i, j] with the factor 1, so

    dJ/db[i] = (1/m) * sum_j dZ[i, j]                        (n_l, 1), the shape of b.

The 1/m is the average in J. dZ is a derivative of the per-example losses, so it has none.
### END SOLUTION
"""
import numpy as np


# %% [markdown]
# ## `weight_gradients(dZ, A_prev)`
# Return `(dW, db)`. Take `m` from the array whose second axis counts the examples.
# `db` must keep the shape of `b`, a column.

# %%
def weight_gradients(dZ, A_prev):
    """The gradients of the cost J with respect to a layer's W and b.

    Arguments:
    dZ -- dL/dZ summed-loss derivative of the layer's pre-activation, shape (n_l, m)
    A_prev -- the activations that fed the layer, shape (n_{l-1}, m)

    Returns:
    dW -- dJ/dW, shape (n_l, n_{l-1}), the shape of W
    db -- dJ/db, shape (n_l, 1), the shape of b

    Derive dJ/dW[i, k] from Z[i, j] = sum_k W[i, k] A_prev[k, j] + b[i] and
    J = (1/m) sum_j L_j, then write the sum over examples as one matrix product.
    """
    ### BEGIN SOLUTION
    m = A_prev.shape[1]
    # sum over the examples j of dZ[i, j] * A_prev[k, j]: (n_l, m) @ (m, n_{l-1})
    dW = (dZ @ A_prev.T) / m
    # b[i] enters every column of row i with factor 1: sum dZ along the examples' axis
    db = np.sum(dZ, axis=1, keepdims=True) / m
    ### END SOLUTION
